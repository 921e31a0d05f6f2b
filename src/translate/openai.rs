//! `openai`: any OpenAI-compatible chat-completions server (OpenAI, DeepSeek, Qwen, vLLM,
//! llama.cpp, Ollama...). `POST {base}/chat/completions` with `Authorization: Bearer KEY`.
//!
//! One paragraph a request: the system message carries the instructions, the glossary terms
//! present in the paragraph and the context (title, previous paragraph); the user message carries
//! the paragraph's text and nothing else. The reply is parsed strictly: a reply cut off by the
//! token limit, one with no content, or one that is not a translation (it echoes the Chinese or
//! the prompt) is rejected and retried, and wrapping chatter ("Here is the translation:", code
//! fences, quotes the source did not have, reasoning blocks) is removed.

use serde::Deserialize;
use serde_json::json;

use super::http::{Http, Reply};
use super::{BoxFuture, CallError, PROMPT_VERSION, Provider, Request, Segment};
use crate::text::is_han;

/// The system prompt used unless a template is configured (`data/prompts/translate.txt`, which
/// the QA report's echoed-prompt check reads too). Placeholders: `{language}`, `{glossary}`,
/// `{title}`, `{previous}` (each replaced by a line or nothing).
pub(crate) const DEFAULT_TEMPLATE: &str = include_str!("../../data/prompts/translate.txt").trim_ascii_end();

/// An OpenAI-compatible chat-completions provider.
#[derive(Debug)]
pub struct OpenAi {
    http: Http,
    base: String,
    model: String,
    target: String,
    template: Option<String>,
}

impl OpenAi {
    /// A provider sending to `base` (which includes the version path, e.g.
    /// `https://api.openai.com/v1`) with `model`, translating into `target`.
    pub(crate) fn new(http: Http, base: String, model: String, target: String, template: Option<String>) -> Self {
        OpenAi { http, base, model, target, template }
    }

    /// The prompt version for the cache key: a custom template gets its own.
    pub fn prompt_version(template: Option<&str>) -> String {
        match template {
            None => PROMPT_VERSION.to_string(),
            Some(t) => format!("{PROMPT_VERSION}+template-{}", &blake3::hash(t.as_bytes()).to_hex()[..16]),
        }
    }

    /// The system message for one segment.
    pub(crate) fn system_message(&self, segment: &Segment, title: Option<&str>) -> String {
        let template = self.template.as_deref().unwrap_or(DEFAULT_TEMPLATE);
        let glossary = if segment.terms.is_empty() {
            String::new()
        } else {
            let lines: Vec<String> = segment.terms.iter().map(|t| format!("- {} => {}", t.zh, t.en)).collect();
            format!("Render these terms exactly like this:\n{}\n", lines.join("\n"))
        };
        let title = title.map(|t| format!("The article's title (context only): {t}\n")).unwrap_or_default();
        let previous = segment
            .previous
            .as_deref()
            .map(|p| format!("The paragraph before this one (context only, do not translate it): {p}\n"))
            .unwrap_or_default();
        template
            .replace("{language}", &language_name(&self.target))
            .replace("{glossary}", &glossary)
            .replace("{title}", &title)
            .replace("{previous}", &previous)
            .trim_end()
            .to_string()
    }

    async fn translate_one(&self, segment: &Segment, title: Option<&str>) -> Result<String, CallError> {
        let system = self.system_message(segment, title);
        let mut body = json!({
            "model": self.model,
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": segment.text},
            ],
        });
        let mut raised = false;
        loop {
            let mut request = self.http.client().post(format!("{}/chat/completions", self.base)).json(&body);
            if let Some(key) = self.http.key() {
                request = request.bearer_auth(key.expose());
            }
            let reply = self.http.send(request).await?;
            if !reply.status.is_success() {
                return Err(self.refusal(&reply));
            }
            match parse_reply(&reply.body, &segment.text, &system, &self.target) {
                // A reply the token limit cut off is asked for once more with room for the
                // whole translation; the same request again would be cut the same way.
                Err(CallError::Truncated { .. }) if !raised => {
                    raised = true;
                    body["max_tokens"] = json!(output_tokens(&segment.text));
                }
                Err(CallError::Truncated { reason }) => {
                    return Err(CallError::Rejected {
                        reason: format!("{reason}, again with max_tokens {}", output_tokens(&segment.text)),
                    });
                }
                result => return result.map_err(|e| self.http.redacted(e)),
            }
        }
    }

    /// The error for a reply that is not a success: a used-up balance or spend limit stops the
    /// run, and so does a model the endpoint does not serve; the rest as every provider.
    fn refusal(&self, reply: &Reply) -> CallError {
        let (code, kind) = error_code(&reply.body);
        let said = format!(": {}", self.http.server_message(&reply.body));
        let status = reply.status.as_u16();
        let billing = code.as_deref().is_some_and(|c| BILLING_CODES.contains(&c))
            || kind.as_deref() == Some("insufficient_quota")
            || status == 402;
        if billing {
            return self.http.quota(status, &said);
        }
        if code.as_deref() == Some("model_not_found") {
            return CallError::Fatal {
                reason: format!(
                    "{} has no model {:?} (HTTP {status}){said}; choose one it serves with --model (or model in \
                     duizhao.toml)",
                    self.base, self.model
                ),
            };
        }
        self.http.status_error(reply)
    }
}

/// The `error.code`s with which OpenAI says the account cannot pay for more requests; `type`
/// may still say `insufficient_quota`, or something else.
const BILLING_CODES: [&str; 5] = [
    "insufficient_quota",
    "credit_balance_exhausted",
    "project_spend_limit_exceeded",
    "organization_spend_limit_exceeded",
    "organization_usage_limit_exceeded",
];

/// `error.code` and `error.type` of an OpenAI error body.
fn error_code(body: &[u8]) -> (Option<String>, Option<String>) {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else { return (None, None) };
    let field = |p: &str| v.pointer(p).and_then(|c| c.as_str()).map(str::to_string);
    (field("/error/code"), field("/error/type"))
}

/// Output tokens enough for any translation of `text`: English takes up to about three tokens
/// per Chinese character; at least 4,096.
fn output_tokens(text: &str) -> usize {
    (text.chars().count() * 3).max(4096)
}

impl Provider for OpenAi {
    fn model(&self) -> Option<&str> {
        Some(&self.model)
    }

    fn preflight(&self) -> BoxFuture<'_, Result<(), CallError>> {
        Box::pin(async move {
            let url = format!("{}/models", self.base);
            let mut request = self.http.client().get(&url);
            if let Some(key) = self.http.key() {
                request = request.bearer_auth(key.expose());
            }
            let hint = "no OpenAI-compatible API there; such servers (OpenAI, DeepSeek, Ollama, vLLM, llama.cpp) serve \
                        under /v1: give --endpoint ending in /v1";
            let reply = self.http.preflight(request, &url, hint).await?;
            if matches!(reply.status.as_u16(), 402 | 429)
                && let err @ CallError::Fatal { .. } = self.refusal(&reply)
            {
                return Err(err);
            }
            // The models the endpoint serves, where it lists them: a model it lacks would fail
            // every paragraph.
            let served = serde_json::from_slice::<ModelList>(&reply.body).map(|l| l.data).unwrap_or_default();
            if reply.status.is_success() && !served.is_empty() && !served.iter().any(|m| m.id == self.model) {
                let listed: Vec<&str> = served.iter().take(8).map(|m| m.id.as_str()).collect();
                return Err(CallError::Fatal {
                    reason: format!(
                        "{} does not serve the model {:?} (it serves {}{}); choose one with --model (or model in \
                         duizhao.toml)",
                        self.base,
                        self.model,
                        listed.join(", "),
                        if served.len() > listed.len() { ", ..." } else { "" }
                    ),
                });
            }
            Ok(())
        })
    }

    fn translate<'a>(&'a self, request: &'a Request) -> BoxFuture<'a, Result<Vec<String>, CallError>> {
        Box::pin(async move {
            let mut out = Vec::with_capacity(request.segments.len());
            for segment in &request.segments {
                out.push(self.translate_one(segment, request.title.as_deref()).await?);
            }
            Ok(out)
        })
    }
}

/// `GET /models`: the models an endpoint serves.
#[derive(Deserialize)]
struct ModelList {
    #[serde(default)]
    data: Vec<Model>,
}

#[derive(Deserialize)]
struct Model {
    id: String,
}

#[derive(Deserialize)]
struct ChatReply {
    choices: Vec<Choice>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    refusal: Option<String>,
}

/// The translation in a chat-completions success body for the segment `source` sent with the
/// system message `system`, or why the reply is not one.
pub(crate) fn parse_reply(body: &[u8], source: &str, system: &str, target: &str) -> Result<String, CallError> {
    let parsed: ChatReply = super::http::parse_json(body)?;
    let choice = parsed.choices.into_iter().next().ok_or_else(|| CallError::retry("the reply has no choices"))?;
    if choice.finish_reason.as_deref() == Some("length") {
        return Err(CallError::Truncated {
            reason: "the reply was cut off by the model's token limit (finish_reason length)".into(),
        });
    }
    if let Some(refusal) = choice.message.refusal.filter(|r| !r.trim().is_empty()) {
        return Err(CallError::Rejected { reason: format!("the model refused: {refusal}") });
    }
    let content = choice.message.content.unwrap_or_default();
    clean_reply(&content, source, system, target).map_err(CallError::retry)
}

/// The English name of a target language code, for the prompt.
fn language_name(code: &str) -> String {
    let lower = code.to_ascii_lowercase();
    let name = match lower.split(['-', '_']).next().unwrap_or("") {
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "ja" => "Japanese",
        "ko" => "Korean",
        "ru" => "Russian",
        "pt" => "Portuguese",
        "it" => "Italian",
        _ => return code.to_string(),
    };
    name.to_string()
}

/// The translation in a model's reply, or why the reply is not one.
pub(crate) fn clean_reply(content: &str, source: &str, system: &str, target: &str) -> Result<String, String> {
    let mut text = content.trim().to_string();
    // Reasoning models' thinking blocks.
    while let (Some(start), Some(end)) = (text.find("<think>"), text.find("</think>")) {
        if end < start {
            break;
        }
        text.replace_range(start..end + "</think>".len(), "");
        text = text.trim().to_string();
    }
    // A code fence around the whole reply.
    if text.starts_with("```") && text.ends_with("```") && text.len() >= 6 {
        let inner = &text[3..text.len() - 3];
        let inner = inner.split_once('\n').map_or(inner, |(first, rest)| {
            if first.trim().chars().all(|c| c.is_ascii_alphanumeric()) { rest } else { inner }
        });
        text = inner.trim().to_string();
    }
    // A leading line of chatter: "Here is the translation:", "Translation:", "Sure! ...:".
    if let Some((first, rest)) = text.split_once('\n') {
        let lower = first.trim().to_lowercase();
        let chatter = ["here is", "here's", "sure", "translation", "english translation", "certainly", "okay"];
        if lower.ends_with(':') && chatter.iter().any(|c| lower.starts_with(c)) {
            text = rest.trim().to_string();
        }
    } else {
        let lower = text.to_lowercase();
        for prefix in ["translation:", "english translation:", "english:"] {
            if lower.starts_with(prefix) {
                text = text[prefix.len()..].trim().to_string();
                break;
            }
        }
    }
    // Quotes around the whole reply that the source does not have.
    for (open, close) in [('"', '"'), ('“', '”'), ('\'', '\'')] {
        if text.len() > 2 && text.starts_with(open) && text.ends_with(close) {
            let source = source.trim();
            let quoted_source = source.starts_with(['“', '"', '「', '『']);
            let inner = &text[open.len_utf8()..text.len() - close.len_utf8()];
            if !quoted_source && !inner.contains(open) && !inner.contains(close) {
                text = inner.trim().to_string();
            }
        }
    }
    if text.is_empty() {
        return Err("the model returned an empty translation".to_string());
    }
    let source_trimmed = source.trim();
    if source_trimmed.chars().count() >= 4 && text.contains(source_trimmed) {
        return Err("the reply echoes the Chinese text instead of translating it".to_string());
    }
    let system_start: String = system.chars().take(60).collect();
    if system_start.chars().count() >= 20 && text.contains(&system_start) {
        return Err("the reply echoes the prompt instead of translating the text".to_string());
    }
    let target = target.to_ascii_lowercase();
    if !(target.starts_with("zh") || target.starts_with("ja")) {
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let han = text.chars().filter(|&c| is_han(c)).count();
        if letters > 0 && han * 10 > letters * 3 {
            return Err("the reply is mostly Chinese, not a translation".to_string());
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parsing() {
        let sys = DEFAULT_TEMPLATE;
        let src = "他说了算。";
        assert_eq!(clean_reply("  He has the final say. ", src, sys, "en").unwrap(), "He has the final say.");
        assert_eq!(
            clean_reply("Here is the translation:\nHe has the final say.", src, sys, "en").unwrap(),
            "He has the final say."
        );
        assert_eq!(clean_reply("Translation: He decides.", src, sys, "en").unwrap(), "He decides.");
        assert_eq!(clean_reply("```text\nHe decides.\n```", src, sys, "en").unwrap(), "He decides.");
        assert_eq!(clean_reply("\"He decides.\"", src, sys, "en").unwrap(), "He decides.");
        assert_eq!(clean_reply("“He decides.”", "“他说了算。”", sys, "en").unwrap(), "“He decides.”");
        assert_eq!(clean_reply("<think>hmm 他</think>\nHe decides.", src, sys, "en").unwrap(), "He decides.");
        assert!(clean_reply("   ", src, sys, "en").is_err());
        assert!(clean_reply("他说了算。 He decides.", src, sys, "en").is_err());
        assert!(clean_reply("他说了算啊", "别的", sys, "en").is_err());
        assert!(clean_reply(&format!("{sys}\nHe decides."), src, sys, "en").is_err());
    }
}
