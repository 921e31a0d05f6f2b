//! `libretranslate`: a LibreTranslate server. `POST {base}/translate` with a JSON body: `q` as
//! an array of texts, `source`, `target`, `format: text` and `api_key` (for servers that require
//! one); the reply's `translatedText` is an array in the same order. A 403 (key missing or
//! refused) stops the run. LibreTranslate has no glossary: the QA report checks the terms.

use serde::Deserialize;
use serde_json::json;

use super::http::Http;
use super::{BoxFuture, CallError, Provider, Request, script_of};
use crate::text::script::Script;

/// A LibreTranslate provider.
#[derive(Debug)]
pub struct LibreTranslate {
    http: Http,
    base: String,
    /// The configured source language; without one, each request's script decides.
    source: Option<String>,
    target: String,
}

impl LibreTranslate {
    /// A provider sending to the server root `base`.
    pub(crate) fn new(http: Http, base: String, source: Option<String>, target: &str) -> Self {
        LibreTranslate { http, base, source, target: target.to_string() }
    }

    /// The source language of `request`: the configured one, else `zt` for Traditional Chinese
    /// and `zh` for Simplified, as LibreTranslate names them.
    fn source(&self, request: &Request) -> String {
        self.source.clone().unwrap_or_else(|| match script_of(request) {
            Script::Traditional => "zt".into(),
            Script::Simplified => "zh".into(),
        })
    }
}

impl LibreTranslate {
    /// The run-stopping error for a server that needs a key when none is set.
    fn key_required(&self) -> CallError {
        CallError::Fatal {
            reason: format!(
                "the LibreTranslate server at {} requires an API key: set the environment variable {} (or \
                 api_key_env in duizhao.toml)",
                self.base,
                self.http.key_env()
            ),
        }
    }
}

/// `GET /frontend/settings`: what the server's web page needs to know, among it whether keys
/// are required.
#[derive(Deserialize)]
struct Settings {
    #[serde(default, rename = "keyRequired")]
    key_required: bool,
}

impl Provider for LibreTranslate {
    fn model(&self) -> Option<&str> {
        None
    }

    fn cost(&self, request: &Request) -> u32 {
        request.segments.len().try_into().unwrap_or(u32::MAX)
    }

    fn preflight(&self) -> BoxFuture<'_, Result<(), CallError>> {
        Box::pin(async move {
            let url = format!("{}/languages", self.base);
            let hint = "give --endpoint as the LibreTranslate server's root (http://localhost:5000)";
            self.http.preflight(self.http.client().get(&url), &url, hint).await?;
            // A server that wants a key (libretranslate.com, `--api-keys` servers) refuses every
            // text without one; its settings say so before any text is sent.
            if self.http.key().is_none() {
                let settings =
                    self.http.send(self.http.client().get(format!("{}/frontend/settings", self.base))).await?;
                let required = settings.status.is_success()
                    && serde_json::from_slice::<Settings>(&settings.body).is_ok_and(|s| s.key_required);
                if required {
                    return Err(self.key_required());
                }
            }
            Ok(())
        })
    }

    fn translate<'a>(&'a self, request: &'a Request) -> BoxFuture<'a, Result<Vec<String>, CallError>> {
        Box::pin(async move {
            let mut body = request.q_body(&self.source(request), &self.target);
            if let Some(key) = self.http.key() {
                body["api_key"] = json!(key.expose());
            }
            let post = self.http.client().post(format!("{}/translate", self.base)).json(&body);
            let reply = self.http.send(post).await?;
            if !reply.status.is_success() {
                // "Visit https://portal.libretranslate.com to get an API key": no text will pass.
                if reply.status.as_u16() == 400
                    && self.http.key().is_none()
                    && self.http.server_message(&reply.body).contains("API key")
                {
                    return Err(self.key_required());
                }
                return Err(self.http.status_error(&reply));
            }
            parse_reply(&reply.body).map_err(|e| self.http.redacted(e))
        })
    }
}

/// The translations in a `/translate` success body, in the order of `q`.
pub(crate) fn parse_reply(body: &[u8]) -> Result<Vec<String>, CallError> {
    let parsed: TranslateReply = super::http::parse_json(body)?;
    match parsed.translated_text {
        Texts::Many(texts) => Ok(texts),
        // A server that answers an array with a single string has joined or dropped
        // segments: the count check splits the batch.
        Texts::One(text) => Ok(vec![text]),
    }
}

#[derive(Deserialize)]
struct TranslateReply {
    #[serde(rename = "translatedText")]
    translated_text: Texts,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Texts {
    Many(Vec<String>),
    One(String),
}
