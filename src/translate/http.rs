//! What every provider shares: the HTTP client, the key, turning transport failures and HTTP
//! statuses into [`CallError`]s, and keeping the key out of every message.

use std::time::Duration;

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::{ApiKey, CallError, ProviderKind, TranslateError};
use crate::retry::requested_wait;

/// Parses a success body; a body that does not parse (cut off, or not the expected shape)
/// is retryable. Reply parsers call this, then the provider redacts the error.
pub(crate) fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, CallError> {
    serde_json::from_slice(body)
        .map_err(|e| CallError::retry(format!("the reply body is truncated or not the expected JSON ({e})")))
}

/// A reply whose body was read completely.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub retry_after: Option<Duration>,
    pub body: Vec<u8>,
}

/// The HTTP side of a provider.
#[derive(Debug)]
pub(crate) struct Http {
    client: reqwest::Client,
    key: Option<ApiKey>,
    provider: ProviderKind,
    key_env: String,
    timeout: Duration,
}

impl Http {
    pub fn new(
        provider: ProviderKind,
        key: Option<ApiKey>,
        key_env: &str,
        timeout: Duration,
    ) -> Result<Http, TranslateError> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(15)))
            .user_agent(concat!("duizhao/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| TranslateError::Client(e.without_url().to_string()))?;
        Ok(Http { client, key, provider, key_env: key_env.to_string(), timeout })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    pub fn key(&self) -> Option<&ApiKey> {
        self.key.as_ref()
    }

    /// The environment variable the key is read from.
    pub(crate) fn key_env(&self) -> &str {
        &self.key_env
    }

    /// `text` without the key in it.
    pub(crate) fn redact(&self, text: &str) -> String {
        match &self.key {
            Some(key) => key.redact(text),
            None => text.to_string(),
        }
    }

    /// Sends the request and reads the whole body. Transport failures (no connection, timeout,
    /// a body cut off before its end) are retryable.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Result<Reply, CallError> {
        let response = request.send().await.map_err(|e| self.transport(e))?;
        let status = response.status();
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok());
        let retry_after = requested_wait(header("retry-after-ms"), header("retry-after"));
        let body = response.bytes().await.map_err(|e| self.transport(e))?.to_vec();
        Ok(Reply { status, retry_after, body })
    }

    fn transport(&self, e: reqwest::Error) -> CallError {
        let e = e.without_url();
        let mut chain = Vec::new();
        let mut source: Option<&dyn std::error::Error> = std::error::Error::source(&e);
        while let Some(s) = source {
            let text = s.to_string();
            if !chain.contains(&text) {
                chain.push(text);
            }
            source = s.source();
        }
        let detail = if chain.is_empty() { String::new() } else { format!(" ({})", chain.join(": ")) };
        let reason = if e.is_timeout() {
            format!("no complete answer within the {:.1} s timeout", self.timeout.as_secs_f64())
        } else if e.is_connect() {
            format!("could not connect{detail}")
        } else if e.is_body() || e.is_decode() {
            format!("the reply body was cut off or unreadable{detail}")
        } else {
            format!("request failed: {e}{detail}")
        };
        CallError::retry(self.redact(&reason))
    }

    /// The server's own words about an error, from the usual JSON shapes, else the body's start.
    pub(crate) fn server_message(&self, body: &[u8]) -> String {
        let text = String::from_utf8_lossy(body);
        let message = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| {
                let pick = |v: &serde_json::Value| v.as_str().map(str::to_string);
                v.pointer("/error/message")
                    .and_then(pick)
                    .or_else(|| v.get("error").and_then(pick))
                    .or_else(|| v.get("message").and_then(pick))
                    .or_else(|| v.get("detail").and_then(pick))
            })
            .unwrap_or_else(|| text.chars().take(200).collect::<String>());
        let message = crate::text::collapse_spaces(&message);
        self.redact(&message)
    }

    /// The error for a reply whose status is not a success, by the rules every provider shares:
    /// 429, 408 and 5xx are retried; 401, 402 and 403 stop the run; anything else refuses this
    /// request.
    pub(crate) fn status_error(&self, reply: &Reply) -> CallError {
        let message = self.server_message(&reply.body);
        let said = if message.is_empty() { String::new() } else { format!(": {message}") };
        let code = reply.status.as_u16();
        match code {
            429 => CallError::Retry {
                reason: format!("rate limited (HTTP 429){said}"),
                retry_after: reply.retry_after,
                rate_limited: true,
            },
            408 | 500..=599 => CallError::Retry {
                reason: format!("server error (HTTP {code}){said}"),
                retry_after: reply.retry_after,
                rate_limited: false,
            },
            401 | 403 => self.refused_key(code, &said),
            // Payment Required: the account's balance is used up (DeepSeek and other
            // OpenAI-compatible services); no request will succeed until it is topped up.
            402 => self.quota(code, &said),
            _ => CallError::Rejected { reason: format!("the server refused the request (HTTP {code}){said}") },
        }
    }

    /// The run-stopping error for a refused key.
    pub(crate) fn refused_key(&self, code: u16, said: &str) -> CallError {
        CallError::Fatal {
            reason: format!(
                "{} refused the API key from ${} (HTTP {code}){said}; check the key and that it may use this endpoint",
                self.provider, self.key_env
            ),
        }
    }

    /// The run-stopping error for a used-up quota.
    pub fn quota(&self, code: u16, said: &str) -> CallError {
        CallError::Fatal {
            reason: format!(
                "{} says the quota for the key in ${} is used up (HTTP {code}){said}; raise the limit or wait for it \
                 to reset, then run again (finished paragraphs are cached)",
                self.provider, self.key_env
            ),
        }
    }

    /// Parses a success body, as [`parse_json`] does, keeping the key out of the error.
    pub fn json<T: DeserializeOwned>(&self, reply: &Reply) -> Result<T, CallError> {
        parse_json(&reply.body).map_err(|e| self.redacted(e))
    }

    /// `error` with the key taken out of its reason (a server may echo the key back).
    pub fn redacted(&self, error: CallError) -> CallError {
        match error {
            CallError::Retry { reason, retry_after, rate_limited } => {
                CallError::Retry { reason: self.redact(&reason), retry_after, rate_limited }
            }
            CallError::Fatal { reason } => CallError::Fatal { reason: self.redact(&reason) },
            CallError::Rejected { reason } => CallError::Rejected { reason: self.redact(&reason) },
            CallError::Truncated { reason } => CallError::Truncated { reason: self.redact(&reason) },
        }
    }

    /// A preflight GET of `url`: transport failures and refused keys are errors, and so are a
    /// 404 and a success that is not JSON, which mean the endpoint is not the service's (`hint`
    /// says what to change); any other status shows the service is there.
    pub async fn preflight(&self, request: reqwest::RequestBuilder, url: &str, hint: &str) -> Result<Reply, CallError> {
        let reply = self.send(request).await?;
        if matches!(reply.status.as_u16(), 401 | 403) {
            let message = self.server_message(&reply.body);
            let said = if message.is_empty() { String::new() } else { format!(": {message}") };
            return Err(self.refused_key(reply.status.as_u16(), &said));
        }
        self.is_the_service(&reply, url, hint)?;
        Ok(reply)
    }

    /// Whether a preflight reply comes from the service at all: a 404, or a success that is not
    /// JSON (a web page, a proxy's error), means `url` is wrong; `hint` says what to change.
    pub(crate) fn is_the_service(&self, reply: &Reply, url: &str, hint: &str) -> Result<(), CallError> {
        let wrong = |what: &str| CallError::Fatal { reason: self.redact(&format!("GET {url} {what}; {hint}")) };
        match reply.status.as_u16() {
            404 => Err(wrong("answered 404 Not Found")),
            200..=299 if serde_json::from_slice::<serde_json::Value>(&reply.body).is_err() => {
                let start: String = String::from_utf8_lossy(&reply.body).chars().take(60).collect();
                Err(wrong(&format!("did not answer JSON ({:?})", start.trim())))
            }
            _ => Ok(()),
        }
    }
}
