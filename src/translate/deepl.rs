//! `deepl`: DeepL API v2. `POST {base}/v2/translate` with `Authorization: DeepL-Auth-Key KEY`, up
//! to 50 texts a request, `source_lang` ZH and `target_lang` EN-US by default; the reply's
//! `translations` come back in the order of `text`. The glossary terms of a batch go through a
//! DeepL glossary (`POST {base}/v2/glossaries`, TSV entries), created once per set of terms and
//! deleted when the run ends. 456 (quota exceeded) and 403 (key refused) stop the run.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Deserialize;
use serde_json::json;
use tokio::sync::Mutex;

use super::http::{Http, Reply};
use super::{BoxFuture, CallError, Provider, Request, Term};

/// A DeepL API v2 provider.
#[derive(Debug)]
pub struct DeepL {
    http: Http,
    base: String,
    model: Option<String>,
    source: String,
    target: String,
    glossaries: Mutex<HashMap<BTreeSet<Term>, String>>,
    /// Why DeepL refused to create a glossary, once it has: the run goes on without them.
    glossary_refused: OnceLock<String>,
    /// Whether that was said already.
    refusal_told: AtomicBool,
}

impl DeepL {
    /// A provider sending to `base` (`https://api.deepl.com`), translating into `target` (`en`
    /// becomes `EN-US`); `model` is sent as DeepL's `model_type` when given.
    pub(crate) fn new(http: Http, base: String, model: Option<String>, source: Option<String>, target: &str) -> Self {
        let target = match target.to_ascii_lowercase().as_str() {
            "en" => "EN-US".to_string(),
            other => other.to_ascii_uppercase(),
        };
        let source = source.unwrap_or_else(|| "ZH".to_string()).to_ascii_uppercase();
        DeepL {
            http,
            base,
            model,
            source,
            target,
            glossaries: Mutex::new(HashMap::new()),
            glossary_refused: OnceLock::new(),
            refusal_told: AtomicBool::new(false),
        }
    }

    fn auth(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self.http.key() {
            Some(key) => request.header("Authorization", format!("DeepL-Auth-Key {}", key.expose())),
            None => request,
        }
    }

    fn error(&self, reply: &Reply) -> CallError {
        match reply.status.as_u16() {
            456 => {
                let message = self.http.server_message(&reply.body);
                self.http.quota(456, &if message.is_empty() { String::new() } else { format!(": {message}") })
            }
            _ => self.http.status_error(reply),
        }
    }

    /// The glossary id for `terms`, creating the glossary on first use.
    async fn glossary(&self, terms: BTreeSet<Term>) -> Result<String, CallError> {
        let mut glossaries = self.glossaries.lock().await;
        if let Some(id) = glossaries.get(&terms) {
            return Ok(id.clone());
        }
        let mut seen = BTreeSet::new();
        let entries: Vec<String> = terms
            .iter()
            .filter(|t| seen.insert(t.zh.clone()))
            .map(|t| format!("{}\t{}", clean_entry(&t.zh), clean_entry(&t.en)))
            .collect();
        let digest = blake3::hash(entries.join("\n").as_bytes()).to_hex();
        let body = json!({
            "name": format!("duizhao-{}", &digest[..12]),
            "source_lang": self.source.to_ascii_lowercase(),
            "target_lang": self.target.split('-').next().unwrap_or("en").to_ascii_lowercase(),
            "entries": entries.join("\n"),
            "entries_format": "tsv",
        });
        let request = self.auth(self.http.client().post(format!("{}/v2/glossaries", self.base))).json(&body);
        let reply = self.http.send(request).await?;
        if !reply.status.is_success() {
            return Err(self.error(&reply));
        }
        let created: GlossaryReply = self.http.json(&reply)?;
        if created.ready == Some(false) {
            self.wait_until_ready(&created.glossary_id).await?;
        }
        glossaries.insert(terms, created.glossary_id.clone());
        Ok(created.glossary_id)
    }

    /// Waits for a glossary DeepL is still preparing (`ready: false`): it cannot be used before.
    async fn wait_until_ready(&self, id: &str) -> Result<(), CallError> {
        for _ in 0..20 {
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            let request = self.auth(self.http.client().get(format!("{}/v2/glossaries/{id}", self.base)));
            let reply = self.http.send(request).await?;
            if reply.status.is_success() && self.http.json::<GlossaryReply>(&reply)?.ready != Some(false) {
                return Ok(());
            }
        }
        Err(CallError::Rejected { reason: format!("the glossary {id} was not ready after 5 s") })
    }

    /// The glossary id for `terms`, or `None` when DeepL will not make glossaries (an unsupported
    /// language pair, a plan without them): the text is translated without, and the QA report
    /// checks the terms. A refused key or a used-up quota still stops the run.
    async fn glossary_or_none(&self, terms: BTreeSet<Term>) -> Result<Option<String>, CallError> {
        if self.glossary_refused.get().is_some() {
            return Ok(None);
        }
        match self.glossary(terms).await {
            Ok(id) => Ok(Some(id)),
            Err(CallError::Rejected { reason }) => {
                let _ = self.glossary_refused.set(reason);
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }
}

/// A glossary entry may hold no tab or line break.
fn clean_entry(text: &str) -> String {
    crate::text::collapse_spaces(text)
}

impl Provider for DeepL {
    fn model(&self) -> Option<&str> {
        self.model.as_deref()
    }

    fn preflight(&self) -> BoxFuture<'_, Result<(), CallError>> {
        Box::pin(async move {
            let url = format!("{}/v2/usage", self.base);
            let request = self.auth(self.http.client().get(&url));
            let hint = "give --endpoint as the server's root, without /v2 (https://api.deepl.com, or \
                        https://api-free.deepl.com for a free key)";
            let reply = self.http.preflight(request, &url, hint).await?;
            if reply.status.as_u16() == 456 {
                return Err(self.error(&reply));
            }
            if reply.status.is_success()
                && let Ok(usage) = serde_json::from_slice::<Usage>(&reply.body)
                && let (Some(count), Some(limit)) = (usage.character_count, usage.character_limit)
                && limit > 0
                && count >= limit
            {
                return Err(self.http.quota(456, &format!(": {count} of {limit} characters used")));
            }
            Ok(())
        })
    }

    fn translate<'a>(&'a self, request: &'a Request) -> BoxFuture<'a, Result<Vec<String>, CallError>> {
        Box::pin(async move {
            let texts: Vec<&str> = request.segments.iter().map(|s| s.text.as_str()).collect();
            let mut body = json!({
                "text": texts,
                "source_lang": self.source,
                "target_lang": self.target,
            });
            let terms: BTreeSet<Term> = request.segments.iter().flat_map(|s| s.terms.iter().cloned()).collect();
            if !terms.is_empty()
                && let Some(id) = self.glossary_or_none(terms).await?
            {
                body["glossary_id"] = json!(id);
            }
            if let Some(model) = &self.model {
                body["model_type"] = json!(model);
            }
            if let Some(title) = &request.title {
                body["context"] = json!(format!("Article title: {title}"));
            }
            let post = self.auth(self.http.client().post(format!("{}/v2/translate", self.base))).json(&body);
            let reply = self.http.send(post).await?;
            if !reply.status.is_success() {
                return Err(self.error(&reply));
            }
            parse_reply(&reply.body).map_err(|e| self.http.redacted(e))
        })
    }

    fn take_notes(&self) -> Vec<String> {
        match self.glossary_refused.get() {
            Some(reason) if !self.refusal_told.swap(true, Ordering::Relaxed) => vec![format!(
                "DeepL could not create a glossary ({reason}); translated without one: the QA report shows terms \
                 rendered otherwise"
            )],
            _ => Vec::new(),
        }
    }

    fn finish(&self) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let ids: Vec<String> = self.glossaries.lock().await.drain().map(|(_, id)| id).collect();
            for id in ids {
                let request = self.auth(self.http.client().delete(format!("{}/v2/glossaries/{id}", self.base)));
                // Best effort: a glossary left behind does not affect any translation.
                let _ = self.http.send(request).await;
            }
        })
    }
}

/// The translations in a `/v2/translate` success body, in the order of the request's texts.
pub(crate) fn parse_reply(body: &[u8]) -> Result<Vec<String>, CallError> {
    let parsed: TranslateReply = super::http::parse_json(body)?;
    Ok(parsed.translations.into_iter().map(|t| t.text).collect())
}

#[derive(Deserialize)]
struct TranslateReply {
    translations: Vec<Translation>,
}

#[derive(Deserialize)]
struct Translation {
    text: String,
}

#[derive(Deserialize)]
struct GlossaryReply {
    glossary_id: String,
    #[serde(default)]
    ready: Option<bool>,
}

#[derive(Deserialize)]
struct Usage {
    character_count: Option<u64>,
    character_limit: Option<u64>,
}
