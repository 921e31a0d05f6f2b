//! When to try a failed HTTP request again, for fetching pages and for translation providers
//! alike: exponential backoff with jitter, and the server's `Retry-After` honoured.

use std::time::{Duration, SystemTime};

/// The longest `Retry-After` honoured; a server asking for more gets this.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(600);

/// How often and how patiently to retry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// The pause before the first retry; doubled for each further one.
    pub base: Duration,
    /// The longest backoff pause (a server's `Retry-After` may be longer).
    pub max: Duration,
}

impl RetryPolicy {
    /// The pause before retry number `attempt` (1 for the first retry): `base * 2^(attempt-1)`
    /// capped at `max`, with jitter (a random point in the upper half), and never shorter than
    /// the server's `retry_after` (capped at [`MAX_RETRY_AFTER`]).
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self.base.saturating_mul(1u32 << attempt.saturating_sub(1).min(20)).min(self.max);
        let jittered = exp.mul_f64(0.5 + 0.5 * fastrand::f64());
        match retry_after {
            // The server's wait, plus a little jitter so that concurrent requests do not all
            // come back at the same instant.
            Some(wait) => (wait + self.base.mul_f64(fastrand::f64())).min(MAX_RETRY_AFTER),
            None => jittered,
        }
    }
}

/// The wait a reply asks for: `retry-after-ms` (milliseconds, as OpenAI and Azure send it)
/// when present and valid, else `Retry-After`.
pub(crate) fn requested_wait(retry_after_ms: Option<&str>, retry_after: Option<&str>) -> Option<Duration> {
    retry_after_ms
        .and_then(|ms| ms.trim().parse::<f64>().ok())
        .filter(|ms| ms.is_finite() && *ms >= 0.0)
        .map(|ms| Duration::from_secs_f64(ms / 1000.0))
        .or_else(|| retry_after.and_then(parse_retry_after))
}

/// Reads a `Retry-After` value: seconds (`120`, also fractional as some servers send) or an
/// HTTP date.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_honours_retry_after() {
        let policy = RetryPolicy { retries: 5, base: Duration::from_millis(100), max: Duration::from_secs(1) };
        for attempt in 1..=6 {
            let d = policy.delay(attempt, None);
            let full = Duration::from_millis(100 * (1 << (attempt - 1))).min(Duration::from_secs(1));
            assert!(d >= full / 2 && d <= full, "{attempt}: {d:?}");
        }
        let d = policy.delay(1, Some(Duration::from_secs(3)));
        assert!(d >= Duration::from_secs(3) && d <= Duration::from_millis(3100), "{d:?}");
        assert_eq!(policy.delay(1, Some(Duration::from_secs(99_999))), MAX_RETRY_AFTER);
    }

    #[test]
    fn milliseconds_come_first() {
        assert_eq!(requested_wait(Some("1500"), Some("9")), Some(Duration::from_millis(1500)));
        assert_eq!(requested_wait(Some("soon"), Some("9")), Some(Duration::from_secs(9)));
        assert_eq!(requested_wait(None, Some("2")), Some(Duration::from_secs(2)));
        assert_eq!(requested_wait(Some("-5"), None), None);
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 0.5 "), Some(Duration::from_millis(500)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let d = parse_retry_after(&later).unwrap();
        assert!(d > Duration::from_secs(25) && d <= Duration::from_secs(30), "{d:?}");
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }
}
