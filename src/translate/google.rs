//! `google`: Google Cloud Translation v2 (basic). `POST {base}/language/translate/v2` with a
//! JSON body: `q` as an array, `source`, `target`, `format: text`; the key goes in the
//! `X-Goog-Api-Key` header (never in the URL, so it cannot show up in an error message). The
//! reply's `data.translations[].translatedText` come back in the order of `q`. Rate-limit reasons
//! are retried; a refused key or a used-up daily quota stops the run.

use serde::Deserialize;
use serde_json::json;

use super::http::{Http, Reply};
use super::{BoxFuture, CallError, Provider, Request, script_of};
use crate::text::script::Script;

/// A Google Cloud Translation v2 provider.
#[derive(Debug)]
pub struct Google {
    http: Http,
    base: String,
    model: Option<String>,
    /// The configured source language; without one, each request's script decides.
    source: Option<String>,
    target: String,
}

impl Google {
    /// A provider sending to `base` (`https://translation.googleapis.com`); `model` (`nmt` or
    /// `base`) is sent when given.
    pub(crate) fn new(http: Http, base: String, model: Option<String>, source: Option<String>, target: &str) -> Self {
        Google { http, base, model, source, target: target.to_string() }
    }

    /// The source language of `request`: the configured one, else `zh-TW` for Traditional
    /// Chinese and `zh-CN` for Simplified.
    fn source(&self, request: &Request) -> String {
        self.source.clone().unwrap_or_else(|| match script_of(request) {
            Script::Traditional => "zh-TW".into(),
            Script::Simplified => "zh-CN".into(),
        })
    }

    fn auth(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self.http.key() {
            Some(key) => request.header("X-Goog-Api-Key", key.expose()),
            None => request,
        }
    }

    fn error(&self, reply: &Reply) -> CallError {
        let v: serde_json::Value = serde_json::from_slice(&reply.body).unwrap_or_default();
        let reasons: Vec<String> = v
            .pointer("/error/errors")
            .and_then(|e| e.as_array())
            .map(|errors| errors.iter().filter_map(|e| e.get("reason")?.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let details = v.pointer("/error/details").map(|d| d.to_string()).unwrap_or_default();
        let message = self.http.server_message(&reply.body);
        let said = if message.is_empty() { String::new() } else { format!(": {message}") };
        let code = reply.status.as_u16();
        let has = |r: &str| reasons.iter().any(|x| x == r);
        if has("rateLimitExceeded") || has("userRateLimitExceeded") {
            return CallError::Retry {
                reason: format!("rate limited (HTTP {code}){said}"),
                retry_after: reply.retry_after,
                rate_limited: true,
            };
        }
        if has("dailyLimitExceeded") || has("quotaExceeded") || has("dailyLimitExceededUnreg") {
            return self.http.quota(code, &said);
        }
        if has("keyInvalid") || details.contains("API_KEY_INVALID") || message.contains("API key not valid") {
            return self.http.refused_key(code, &said);
        }
        self.http.status_error(reply)
    }
}

impl Provider for Google {
    fn model(&self) -> Option<&str> {
        self.model.as_deref()
    }

    fn preflight(&self) -> BoxFuture<'_, Result<(), CallError>> {
        Box::pin(async move {
            let url = format!("{}/language/translate/v2/languages", self.base);
            let request = self.auth(self.http.client().get(format!("{url}?target=en")));
            // Not the shared preflight: a 403 here may be a quota ("Daily Limit Exceeded"), which
            // is no refused key, or a per-minute limit, which the run waits out.
            let reply = self.http.send(request).await?;
            let hint = "give --endpoint as the server's root (https://translation.googleapis.com)";
            self.http.is_the_service(&reply, &url, hint)?;
            if !reply.status.is_success()
                && let err @ CallError::Fatal { .. } = self.error(&reply)
            {
                return Err(err);
            }
            Ok(())
        })
    }

    fn translate<'a>(&'a self, request: &'a Request) -> BoxFuture<'a, Result<Vec<String>, CallError>> {
        Box::pin(async move {
            let mut body = request.q_body(&self.source(request), &self.target);
            if let Some(model) = &self.model {
                body["model"] = json!(model);
            }
            let post = self.auth(self.http.client().post(format!("{}/language/translate/v2", self.base))).json(&body);
            let reply = self.http.send(post).await?;
            if !reply.status.is_success() {
                return Err(self.error(&reply));
            }
            parse_reply(&reply.body).map_err(|e| self.http.redacted(e))
        })
    }
}

/// The translations in a `translate/v2` success body, in the order of `q`.
pub(crate) fn parse_reply(body: &[u8]) -> Result<Vec<String>, CallError> {
    let parsed: TranslateReply = super::http::parse_json(body)?;
    Ok(parsed.data.translations.into_iter().map(|t| t.translated_text).collect())
}

#[derive(Deserialize)]
struct TranslateReply {
    data: Data,
}

#[derive(Deserialize)]
struct Data {
    translations: Vec<Translation>,
}

#[derive(Deserialize)]
struct Translation {
    #[serde(rename = "translatedText")]
    translated_text: String,
}
