//! Fetching articles from the web: `duizhao build URL...` and `--urls FILE`.
//!
//! reqwest (rustls) under a tokio runtime made only when there are URLs: connect and total
//! timeouts, at most 5 redirects, a size cap enforced while the body streams in (after
//! gzip/brotli decoding, so a compression bomb stops at the cap too), only http and https,
//! a User-Agent naming duizhao, retries with backoff for 429, 5xx and timeouts, and a
//! per-host delay so a list of URLs never hammers one site.

pub mod save;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use tokio::sync::{Mutex, Semaphore};

use crate::retry::{RetryPolicy, parse_retry_after};

/// Limits and manners of the fetcher.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included.
    pub timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: usize,
    /// Largest body accepted, in bytes.
    pub max_bytes: usize,
    /// Attempts after the first for 429, 5xx and timeouts.
    pub retries: u32,
    /// Pause between two requests to the same host.
    pub per_host_delay: Duration,
    /// Requests in flight at once (to different hosts).
    pub concurrency: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_bytes: 20 * 1024 * 1024,
            retries: 2,
            per_host_delay: Duration::from_secs(1),
            concurrency: 4,
        }
    }
}

/// A page as fetched.
#[derive(Debug, Clone)]
pub(crate) struct Fetched {
    /// The URL the page came from after redirects.
    pub final_url: String,
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    /// The charset the Content-Type header declares, if any.
    pub charset: Option<String>,
    /// When the page was fetched, milliseconds since the Unix epoch.
    pub fetched_at_ms: i64,
}

/// Why a URL could not be fetched.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum FetchError {
    /// Not a URL, or not http(s).
    #[error("{url}: {reason}; give an http:// or https:// address")]
    BadUrl {
        /// The URL.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server answered with an error status (after retries for 429/5xx).
    #[error("{url}: the server answered {status}")]
    Status {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// More redirects than allowed, or a loop.
    #[error("{url}: too many redirects (more than {max}); the address may redirect in a loop")]
    Redirects {
        /// The URL.
        url: String,
        /// The limit.
        max: usize,
    },
    /// The body is larger than the cap.
    #[error(
        "{url}: the page is larger than {max} bytes; raise the limit with --max-page-size if it is really an article"
    )]
    TooLarge {
        /// The URL.
        url: String,
        /// The cap.
        max: usize,
    },
    /// The server took too long.
    #[error("{url}: no complete answer within {seconds} s (timed out)")]
    Timeout {
        /// The URL.
        url: String,
        /// The timeout.
        seconds: u64,
    },
    /// The content is not a web page or text.
    #[error("{url}: the server sent {content_type}, not a web page")]
    NotAPage {
        /// The URL.
        url: String,
        /// The Content-Type it sent.
        content_type: String,
    },
    /// The connection failed.
    #[error("{url}: {reason}")]
    Network {
        /// The URL.
        url: String,
        /// What failed.
        reason: String,
    },
}

impl FetchError {
    fn retryable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status == 429 || *status >= 500,
            FetchError::Timeout { .. } | FetchError::Network { .. } => true,
            _ => false,
        }
    }
}

/// When a host was last asked; held while a request to it is in flight.
type HostGate = Arc<Mutex<Option<Instant>>>;

/// Fetches every URL, in parallel across hosts and one at a time per host with a pause
/// between; results come back in the order of `urls`.
pub(crate) fn fetch_all(urls: &[String], options: &FetchOptions) -> Vec<Result<Fetched, FetchError>> {
    if urls.is_empty() {
        return Vec::new();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            let reason = format!("cannot start the network runtime: {e}");
            return urls
                .iter()
                .map(|url| Err(FetchError::Network { url: url.clone(), reason: reason.clone() }))
                .collect();
        }
    };
    runtime.block_on(fetch_all_async(urls, options))
}

async fn fetch_all_async(urls: &[String], options: &FetchOptions) -> Vec<Result<Fetched, FetchError>> {
    let client = match client(options) {
        Ok(client) => client,
        Err(reason) => {
            return urls
                .iter()
                .map(|url| Err(FetchError::Network { url: url.clone(), reason: reason.clone() }))
                .collect();
        }
    };
    let slots = Arc::new(Semaphore::new(options.concurrency.max(1)));
    let hosts: Arc<Mutex<HashMap<String, HostGate>>> = Arc::default();
    let mut tasks = Vec::with_capacity(urls.len());
    for url in urls {
        let (client, slots, hosts, options, url) =
            (client.clone(), slots.clone(), hosts.clone(), options.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let parsed = parse(&url)?;
            let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
            // One request per host at a time, the pause counted from the previous one's end.
            let gate = hosts.lock().await.entry(host).or_default().clone();
            let mut last = gate.lock().await;
            if let Some(at) = *last {
                let wait = options.per_host_delay.saturating_sub(at.elapsed());
                tokio::time::sleep(wait).await;
            }
            let _slot = slots.acquire().await.expect("semaphore never closes");
            let result = fetch_with_retries(&client, &url, &options).await;
            *last = Some(Instant::now());
            result
        }));
    }
    let mut results = Vec::with_capacity(tasks.len());
    for (task, url) in tasks.into_iter().zip(urls) {
        results
            .push(task.await.unwrap_or_else(|e| Err(FetchError::Network { url: url.clone(), reason: e.to_string() })));
    }
    results
}

fn client(options: &FetchOptions) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .redirect(reqwest::redirect::Policy::limited(options.max_redirects))
        .user_agent(concat!("duizhao/", env!("CARGO_PKG_VERSION"), " (+https://crates.io/crates/duizhao)"))
        .gzip(true)
        .brotli(true)
        .build()
        .map_err(|e| e.to_string())
}

fn parse(url: &str) -> Result<reqwest::Url, FetchError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| FetchError::BadUrl { url: url.into(), reason: e.to_string() })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::BadUrl {
            url: url.into(),
            reason: format!("the {} scheme is not fetched", parsed.scheme()),
        });
    }
    Ok(parsed)
}

/// Pauses between tries of a page: 1 s, 2 s, 4 s... up to 32 s (how many tries is
/// [`FetchOptions::retries`]).
const BACKOFF: RetryPolicy = RetryPolicy { retries: 0, base: Duration::from_secs(1), max: Duration::from_secs(32) };

async fn fetch_with_retries(
    client: &reqwest::Client,
    url: &str,
    options: &FetchOptions,
) -> Result<Fetched, FetchError> {
    let mut attempt = 0;
    loop {
        match fetch_once(client, url, options).await {
            Ok(fetched) => return Ok(fetched),
            Err((error, retry_after)) if error.retryable() && attempt < options.retries => {
                attempt += 1;
                // Exponential backoff with jitter, or what the server asked for; a page is not
                // worth waiting more than a minute for.
                let wait = BACKOFF.delay(attempt, retry_after).min(Duration::from_secs(60));
                tokio::time::sleep(wait).await;
            }
            Err((error, _)) => return Err(error),
        }
    }
}

async fn fetch_once(
    client: &reqwest::Client,
    url: &str,
    options: &FetchOptions,
) -> Result<Fetched, (FetchError, Option<Duration>)> {
    let transport = |e: reqwest::Error| -> FetchError {
        if e.is_redirect() {
            FetchError::Redirects { url: url.into(), max: options.max_redirects }
        } else if e.is_timeout() {
            FetchError::Timeout { url: url.into(), seconds: options.timeout.as_secs() }
        } else {
            let e = e.without_url();
            let mut reason = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                reason = format!("{reason}: {s}");
                source = s.source();
            }
            FetchError::Network { url: url.into(), reason }
        }
    };
    crate::verbose!("fetching {url}");
    let mut response = client.get(url).send().await.map_err(|e| (transport(e), None))?;
    let status = response.status();
    crate::verbose!(
        "{url}: HTTP {}, {}",
        status.as_u16(),
        response.headers().get(CONTENT_TYPE).map_or("", |v| v.to_str().unwrap_or(""))
    );
    if !status.is_success() {
        let retry_after = response.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(parse_retry_after);
        return Err((FetchError::Status { url: url.into(), status: status.as_u16() }, retry_after));
    }
    let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let is_page = mime.is_empty() || mime.starts_with("text/") || mime.contains("html") || mime.contains("xml");
    if !is_page {
        return Err((FetchError::NotAPage { url: url.into(), content_type }, None));
    }
    if response.content_length().is_some_and(|n| n as usize > options.max_bytes) {
        return Err((FetchError::TooLarge { url: url.into(), max: options.max_bytes }, None));
    }
    let final_url = response.url().to_string();
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| (transport(e), None))? {
        if bytes.len() + chunk.len() > options.max_bytes {
            return Err((FetchError::TooLarge { url: url.into(), max: options.max_bytes }, None));
        }
        bytes.extend_from_slice(&chunk);
    }
    let charset = content_type
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_string())
        .next();
    let fetched_at_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    Ok(Fetched { final_url, bytes, charset, fetched_at_ms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls() {
        assert!(matches!(parse("ftp://example.com/a"), Err(FetchError::BadUrl { .. })));
        assert!(matches!(parse("not a url"), Err(FetchError::BadUrl { .. })));
        assert!(parse("https://chinadigitaltimes.net/chinese/715134.html").is_ok());
    }
}
