//! Machine translation through a configured API: fills the English of every paragraph that has
//! none, without ever shifting a translation onto the wrong paragraph, translating a text twice,
//! or skipping a paragraph silently.
//!
//! One [`Provider`] per service, each in its own file ([`openai`], [`deepl`],
//! [`libretranslate`], [`google`]), all behind one trait. The [`Translator`] runs them: it looks
//! paragraphs up in the [`cache`] first, batches the rest, sends the batches concurrently under a
//! requests-per-minute budget ([`rate`]), retries what may succeed later ([`retry`]), splits a
//! batch whose reply has the wrong number of segments, and marks a paragraph that still fails
//! with the reason. Settings come from `duizhao.toml` and flags ([`config`]).
//!
//! API keys are read from environment variables only and are never written to outputs, the
//! cache, logs or error messages ([`ApiKey`] has no `Display` and a redacted `Debug`).

pub mod cache;
pub mod config;
pub mod deepl;
mod engine;
mod factory;
pub mod google;
mod http;
pub mod libretranslate;
pub mod openai;
pub mod progress;
pub mod rate;

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

pub use config::{Flags, Settings};
pub use engine::{Outcome, Translator};
pub use progress::Progress;

/// The version of the built-in prompt and request shapes; part of every cache key, so changing
/// how requests are made never serves answers to the old requests.
pub(crate) const PROMPT_VERSION: &str = "1";

/// A boxed future, as the provider trait returns (the trait stays object-safe).
pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The services duizhao can translate through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProviderKind {
    /// Any OpenAI-compatible chat-completions server.
    OpenAi,
    /// DeepL API v2.
    DeepL,
    /// LibreTranslate.
    LibreTranslate,
    /// Google Cloud Translation v2.
    Google,
}

impl ProviderKind {
    /// Every provider, in the order `duizhao providers` lists them.
    pub const ALL: [ProviderKind; 4] =
        [ProviderKind::OpenAi, ProviderKind::DeepL, ProviderKind::LibreTranslate, ProviderKind::Google];

    /// The name used on the command line and in `duizhao.toml`.
    pub fn name(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "openai",
            ProviderKind::DeepL => "deepl",
            ProviderKind::LibreTranslate => "libretranslate",
            ProviderKind::Google => "google",
        }
    }

    /// The provider with this name (case-insensitive).
    pub fn parse(name: &str) -> Option<ProviderKind> {
        let lower = name.trim().to_ascii_lowercase();
        ProviderKind::ALL.into_iter().find(|k| k.name() == lower)
    }

    /// The environment variable the API key is read from unless configured otherwise.
    pub fn default_key_env(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "OPENAI_API_KEY",
            ProviderKind::DeepL => "DEEPL_AUTH_KEY",
            ProviderKind::LibreTranslate => "LIBRETRANSLATE_API_KEY",
            ProviderKind::Google => "GOOGLE_API_KEY",
        }
    }

    /// Whether a run cannot start without a key.
    pub(crate) fn key_required(self) -> bool {
        !matches!(self, ProviderKind::LibreTranslate)
    }

    /// The base URL used when no endpoint is configured (DeepL Free keys, ending in `:fx`, go
    /// to `https://api-free.deepl.com` instead).
    pub(crate) fn default_endpoint(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "https://api.openai.com/v1",
            ProviderKind::DeepL => "https://api.deepl.com",
            ProviderKind::LibreTranslate => "http://localhost:5000",
            ProviderKind::Google => "https://translation.googleapis.com",
        }
    }

    /// The model used when none is configured (`None`: the service's own default).
    pub(crate) fn default_model(self) -> Option<&'static str> {
        match self {
            ProviderKind::OpenAi => Some("gpt-4o-mini"),
            _ => None,
        }
    }

    /// The most paragraphs one request may carry.
    pub(crate) fn max_batch(self) -> usize {
        match self {
            // The user message carries exactly one paragraph and nothing else.
            ProviderKind::OpenAi => 1,
            ProviderKind::DeepL => 50,
            ProviderKind::LibreTranslate => 25,
            ProviderKind::Google => 128,
        }
    }

    /// The most source characters one request should carry (a longer paragraph goes alone).
    pub(crate) fn max_batch_chars(self) -> usize {
        match self {
            ProviderKind::OpenAi => usize::MAX,
            ProviderKind::DeepL => 30_000,
            ProviderKind::LibreTranslate => 5_000,
            ProviderKind::Google => 5_000,
        }
    }

    /// One line on what the provider needs, for `duizhao providers`.
    pub fn describe(self) -> String {
        let (what, extra) = match self {
            ProviderKind::OpenAi => (
                "any OpenAI-compatible chat-completions server (OpenAI, DeepSeek, Qwen, vLLM, llama.cpp, Ollama)",
                "endpoint includes the version path, requests go to {endpoint}/chat/completions; --model NAME \
                 (default gpt-4o-mini); one paragraph a request, glossary terms and context in the system message",
            ),
            ProviderKind::DeepL => (
                "DeepL API v2",
                "requests go to {endpoint}/v2/translate, up to 50 paragraphs each; keys ending in :fx use \
                 https://api-free.deepl.com; glossary terms through a DeepL glossary",
            ),
            ProviderKind::LibreTranslate => (
                "LibreTranslate (self-hosted or hosted)",
                "requests go to {endpoint}/translate; the key is optional (only servers that require one)",
            ),
            ProviderKind::Google => (
                "Google Cloud Translation v2 (basic)",
                "requests go to {endpoint}/language/translate/v2, up to 128 paragraphs each",
            ),
        };
        let key = if self.key_required() { "key required" } else { "key optional" };
        format!(
            "{}\n    {what}\n    endpoint: {} (--endpoint URL)\n    key: ${} ({key}; another variable with \
             api_key_env in duizhao.toml)\n    {extra}",
            self.name(),
            self.default_endpoint(),
            self.default_key_env()
        )
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An API key read from the environment. It has no `Display`, its `Debug` is redacted, and
/// [`ApiKey::redact`] removes it from any text that might have picked it up (a server echoing it
/// in an error message, say).
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    /// Reads the key from the environment variable `var`; `None` when unset or blank.
    pub(crate) fn from_env(var: &str) -> Option<Self> {
        std::env::var(var).ok().map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).map(ApiKey)
    }

    /// The key itself, for building a request. Never format it into a message.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the key replaced by `[redacted]`.
    pub(crate) fn redact(&self, text: &str) -> String {
        if self.0.is_empty() { text.to_string() } else { text.replace(&self.0, "[redacted]") }
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

/// A glossary entry that applies to a segment: the Chinese term and the English it must get.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term {
    /// The term as written in the Chinese.
    pub zh: String,
    /// The English rendering the glossary asks for.
    pub en: String,
}

/// One paragraph (or the title) to translate.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The paragraph id (`p3`), or `title`.
    pub id: String,
    /// The Chinese text.
    pub text: String,
    /// The glossary entries whose terms occur in the text.
    pub terms: Vec<Term>,
    /// The previous paragraph's Chinese, as context for providers that can use it.
    pub previous: Option<String>,
}

/// One request: segments in order, and what every segment shares.
#[derive(Debug, Clone)]
pub struct Request {
    /// The segments, in document order. A reply must have exactly one translation for each.
    pub segments: Vec<Segment>,
    /// The article's title, as context.
    pub title: Option<String>,
}

impl Request {
    /// The body Google's v2 API and LibreTranslate both take: the segments' texts as `q`,
    /// the languages, plain text.
    pub(crate) fn q_body(&self, source: &str, target: &str) -> serde_json::Value {
        let texts: Vec<&str> = self.segments.iter().map(|s| s.text.as_str()).collect();
        serde_json::json!({ "q": texts, "source": source, "target": target, "format": "text" })
    }
}

/// How one call to a provider went wrong, which decides what the translator does next.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CallError {
    /// Worth retrying after a pause: 429, 5xx, a timeout, a truncated or invalid body.
    Retry {
        /// What happened.
        reason: String,
        /// How long the server asked to wait (`Retry-After`).
        retry_after: Option<Duration>,
        /// A rate limit (429): without `Retry-After`, the pause must outlast a per-minute window.
        rate_limited: bool,
    },
    /// The run cannot go on: the key was refused or the quota is used up.
    Fatal {
        /// What happened and what to do.
        reason: String,
    },
    /// The server refused this request (400, 413...): a batch is split to isolate the cause, a
    /// single paragraph is marked untranslated.
    Rejected {
        /// What the server said.
        reason: String,
    },
    /// The model's output limit cut the reply off: sending the same request again would be
    /// cut the same way, so it is never retried as it is.
    Truncated {
        /// What happened.
        reason: String,
    },
}

impl CallError {
    /// A retryable error with no `Retry-After`.
    pub fn retry(reason: impl Into<String>) -> Self {
        CallError::Retry { reason: reason.into(), retry_after: None, rate_limited: false }
    }

    /// What happened, in words.
    pub fn reason(&self) -> &str {
        match self {
            CallError::Retry { reason, .. }
            | CallError::Fatal { reason }
            | CallError::Rejected { reason }
            | CallError::Truncated { reason } => reason,
        }
    }
}

/// One translation service. Implementations turn a [`Request`] into the service's wire format
/// and its reply into one string per segment, in order; the [`Translator`] does the rest.
pub(crate) trait Provider: Send + Sync {
    /// The model, when one is configured or implied.
    fn model(&self) -> Option<&str>;

    /// A cheap request that checks the endpoint is reachable and the key accepted, made once
    /// before any work starts.
    fn preflight(&self) -> BoxFuture<'_, Result<(), CallError>>;

    /// Translates every segment of `request`; the reply has one string per segment, in order
    /// (the translator checks the count).
    fn translate<'a>(&'a self, request: &'a Request) -> BoxFuture<'a, Result<Vec<String>, CallError>>;

    /// What the provider has to tell the user that no one request shows (a feature the
    /// service refused, the run going on without it); each note is given once.
    fn take_notes(&self) -> Vec<String> {
        Vec::new()
    }

    /// How much of the requests-per-minute budget `request` costs: 1, or one per text for a
    /// service that counts texts (LibreTranslate's `req_cost = len(q)`).
    fn cost(&self, request: &Request) -> u32 {
        let _ = request;
        1
    }

    /// Releases what the provider created on the service for this run (DeepL glossaries).
    fn finish(&self) -> BoxFuture<'_, ()> {
        Box::pin(async {})
    }
}

/// The script of a request's Chinese (Traditional or Simplified), for the services that want
/// to be told.
fn script_of(request: &Request) -> crate::text::script::Script {
    let text: String = request.segments.iter().map(|s| s.text.as_str()).collect();
    crate::text::script::detect(&text)
}

/// Everything that stops translation from starting or going on.
#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    /// A setting is missing or wrong.
    #[error("translation settings: {0}")]
    Config(String),
    /// The configuration file could not be read or parsed.
    #[error("{path}: {message}")]
    ConfigFile {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The provider needs a key and its variable is unset.
    #[error(
        "{provider} needs an API key: set the environment variable {var} (or name another variable with \
         api_key_env in duizhao.toml)"
    )]
    MissingKey {
        /// The provider.
        provider: ProviderKind,
        /// The variable that was read.
        var: String,
    },
    /// The preflight request failed: the endpoint is unreachable or the key was refused.
    #[error("{provider} at {endpoint}: {reason}")]
    Preflight {
        /// The provider.
        provider: ProviderKind,
        /// The base URL tried.
        endpoint: String,
        /// What happened and what to do.
        reason: String,
    },
    /// The translation cache could not be opened or written.
    #[error("translation cache {path}: {message}; delete it or give another path with cache in duizhao.toml")]
    Cache {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        message: String,
    },
    /// The async runtime or HTTP client could not be created.
    #[error("could not start the HTTP client: {0}")]
    Client(String),
}
