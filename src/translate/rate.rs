//! The requests-per-minute budget: requests are spaced evenly, `60 s / rpm` apart, however many
//! run concurrently.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// Hands out send times no closer together than the budget allows.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    interval: Option<Duration>,
    next: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// A limiter for `per_minute` requests a minute; 0 means no limit.
    pub(crate) fn per_minute(per_minute: u32) -> Self {
        let interval = (per_minute > 0).then(|| Duration::from_secs(60) / per_minute);
        RateLimiter { interval, next: Mutex::new(None) }
    }

    /// Waits until a request costing `cost` requests of the budget may be sent, and books it:
    /// the one after it waits `cost` intervals.
    pub async fn wait_for(&self, cost: u32) {
        let Some(interval) = self.interval else { return };
        let slot = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + interval * cost.max(1));
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_requests() {
        let limiter = std::sync::Arc::new(RateLimiter::per_minute(600));
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..5 {
            let limiter = limiter.clone();
            tasks.push(tokio::spawn(async move {
                limiter.wait_for(1).await;
                Instant::now()
            }));
        }
        let mut times = Vec::new();
        for t in tasks {
            times.push(t.await.unwrap() - start);
        }
        times.sort();
        assert_eq!(times.last().copied(), Some(Duration::from_millis(400)));
        let unlimited = RateLimiter::per_minute(0);
        let before = Instant::now();
        unlimited.wait_for(1).await;
        assert_eq!(Instant::now(), before);
    }
}
