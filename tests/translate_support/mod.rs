//! Helpers for the translation tests: fake provider servers on 127.0.0.1 that speak each
//! provider's real wire format, a fixture article, and settings that retry quickly.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use duizhao::translate::{ProviderKind, Settings};
use duizhao::{BuildOptions, Document, Glossary, Pipeline};
use serde_json::{Value, json};
use tokio::runtime::Runtime;
use wiremock::{MockServer, Request, Respond, ResponseTemplate};

/// The fixture article: `n` paragraphs, each naming its number; every third mentions 小红书 (a
/// glossary term); paragraphs have two sentences.
pub fn article(n: usize) -> String {
    (1..=n)
        .map(|i| {
            if i % 3 == 0 {
                format!("第{i}段说，小红书上的用户很多。他们每天都在讨论。")
            } else {
                format!("第{i}段是一个普通的段落。这里还有第二句话。")
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n"
}

/// The English the fake servers give for a Chinese text: it names the paragraph number, has
/// one sentence per Chinese sentence, and renders 小红书 as the glossary says.
pub fn fake_english(zh: &str) -> String {
    let number: String = zh.chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit()).collect();
    let sentences = zh.matches('。').count().max(1);
    let mut out = vec![format!("Paragraph {number} speaks.")];
    if zh.contains("小红书") {
        out[0] = format!("Paragraph {number} says Xiaohongshu has many users.");
    }
    for k in 2..=sentences {
        out.push(format!("This is sentence {k}."));
    }
    out.join(" ")
}

/// A runtime for the mock servers (the translator runs its own) and one server.
pub struct Server {
    pub rt: Runtime,
    pub server: MockServer,
}

impl Server {
    /// A server that answers every provider's preflight as the service does (a test's own
    /// mocks come first).
    pub fn start() -> Server {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let server = rt.block_on(MockServer::start());
        let server = Server { rt, server };
        let models = json!({"object": "list", "data": [
            {"id": "gpt-4o-mini", "object": "model"}, {"id": "test-model", "object": "model"}
        ]});
        let preflights = [
            ("/v1/models", models),
            ("/v2/usage", json!({"character_count": 0, "character_limit": 500000})),
            (
                "/language/translate/v2/languages",
                json!({"data": {"languages": [{"language": "zh-CN"}, {"language": "en"}]}}),
            ),
            ("/languages", json!([{"code": "zh", "name": "Chinese", "targets": ["en"]}])),
            ("/frontend/settings", json!({"charLimit": -1, "keyRequired": false, "suggestions": false})),
        ];
        for (route, body) in preflights {
            server.mount(
                wiremock::Mock::given(wiremock::matchers::method("GET"))
                    .and(wiremock::matchers::path(route))
                    .respond_with(ResponseTemplate::new(200).set_body_json(body))
                    .with_priority(10),
            );
        }
        server
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    pub fn mount(&self, mock: wiremock::Mock) {
        self.rt.block_on(mock.mount(&self.server));
    }

    pub fn requests(&self) -> Vec<Request> {
        self.rt.block_on(self.server.received_requests()).unwrap_or_default()
    }

    /// Requests whose path ends with `suffix` (the translation calls, without preflight ones).
    pub fn calls(&self, suffix: &str) -> Vec<Request> {
        self.requests().into_iter().filter(|r| r.url.path().ends_with(suffix)).collect()
    }

    pub fn reset(&self) {
        self.rt.block_on(self.server.reset());
    }
}

/// Settings for `kind` against `endpoint` that retry fast and cache in `dir`.
pub fn settings(kind: ProviderKind, endpoint: &str, dir: &Path) -> Settings {
    let mut s = Settings::new(kind);
    s.endpoint = Some(endpoint.to_string());
    s.cache_path = dir.join("cache.sqlite");
    s.backoff_base = Duration::from_millis(20);
    s.rate_limit_base = Duration::from_millis(20);
    s.max_wait = Duration::from_millis(200);
    s.backoff_max = Duration::from_millis(200);
    s.retries = 3;
    s.timeout = Duration::from_secs(5);
    s.requests_per_minute = 0;
    s
}

/// The segmented, annotated document for `text`, with the shipped glossary.
pub fn document(text: &str) -> Document {
    let (glossary, errors) = Glossary::load(true, &[]);
    assert!(errors.is_empty());
    let pipeline = Pipeline::new(glossary, BuildOptions::default());
    pipeline.document(text.as_bytes(), Path::new("article.txt")).unwrap().0
}

/// Asserts every paragraph got its own English.
pub fn assert_aligned(doc: &Document) {
    for p in &doc.paragraphs {
        let n = p.id.trim_start_matches('p');
        let en = p.en.as_deref().unwrap_or_else(|| panic!("{} untranslated: {:?}", p.id, p.error));
        assert!(en.starts_with(&format!("Paragraph {n} ")), "{}: {en}", p.id);
        assert!(p.error.is_none());
    }
}

/// A reply body for `provider` translating `texts` with [`fake_english`].
pub fn reply_body(kind: ProviderKind, texts: &[String]) -> Value {
    let english: Vec<String> = texts.iter().map(|t| fake_english(t)).collect();
    match kind {
        ProviderKind::OpenAi => json!({
            "id": "chatcmpl-1", "object": "chat.completion", "model": "test-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": english[0]}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}
        }),
        ProviderKind::DeepL => json!({
            "translations": english.iter().map(|e| json!({"detected_source_language": "ZH", "text": e})).collect::<Vec<_>>()
        }),
        ProviderKind::LibreTranslate => json!({ "translatedText": english }),
        ProviderKind::Google => json!({
            "data": {"translations": english.iter().map(|e| json!({"translatedText": e})).collect::<Vec<_>>()}
        }),
    }
}

/// The texts a request asks to translate, read from its body as `kind` sends them.
pub fn request_texts(kind: ProviderKind, body: &[u8]) -> Vec<String> {
    let v: Value = serde_json::from_slice(body).expect("a JSON request body");
    let strings = |v: &Value| v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
    match kind {
        ProviderKind::OpenAi => {
            let messages = v["messages"].as_array().unwrap();
            assert_eq!(messages.len(), 2, "a system and a user message");
            assert_eq!(messages[0]["role"], "system");
            assert_eq!(messages[1]["role"], "user");
            vec![messages[1]["content"].as_str().unwrap().to_string()]
        }
        ProviderKind::DeepL => strings(&v["text"]),
        ProviderKind::LibreTranslate | ProviderKind::Google => strings(&v["q"]),
    }
}

/// A server that translates with [`fake_english`], optionally dropping the last segment of
/// every batch of more than one, and counting the requests it answered.
#[derive(Clone)]
pub struct Translating {
    pub kind: ProviderKind,
    pub drop_last_of_batches: bool,
    pub delay: Duration,
    /// From this many answered requests on, answers are delayed by `slow_delay`.
    pub slow_after: Option<usize>,
    pub slow_delay: Duration,
    pub answered: Arc<AtomicUsize>,
}

impl Translating {
    pub fn new(kind: ProviderKind) -> Self {
        Translating {
            kind,
            drop_last_of_batches: false,
            delay: Duration::ZERO,
            slow_after: None,
            slow_delay: Duration::ZERO,
            answered: Arc::new(AtomicUsize::new(0)),
        }
    }
}

impl Respond for Translating {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut texts = request_texts(self.kind, &request.body);
        if self.drop_last_of_batches && texts.len() > 1 {
            texts.pop();
        }
        let n = self.answered.fetch_add(1, Ordering::SeqCst);
        let delay = match self.slow_after {
            Some(k) if n >= k => self.slow_delay,
            _ => self.delay,
        };
        ResponseTemplate::new(200).set_body_json(reply_body(self.kind, &texts)).set_delay(delay)
    }
}

/// The translation path for `kind`.
pub fn path_of(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::OpenAi => "/v1/chat/completions",
        ProviderKind::DeepL => "/v2/translate",
        ProviderKind::LibreTranslate => "/translate",
        ProviderKind::Google => "/language/translate/v2",
    }
}

/// The endpoint to configure for `kind` on `server` (openai's includes the version path).
pub fn endpoint_of(kind: ProviderKind, server: &Server) -> String {
    match kind {
        ProviderKind::OpenAi => format!("{}/v1", server.uri()),
        _ => server.uri(),
    }
}

/// A temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The duizhao binary.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_duizhao"))
}

/// Mounts DeepL's glossary endpoints (create and delete) ahead of every other mock.
pub fn mount_deepl_glossaries(server: &Server) {
    server.mount(
        wiremock::Mock::given(wiremock::matchers::method("POST"))
            .and(wiremock::matchers::path("/v2/glossaries"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "glossary_id": "0f5c1a2b-test", "name": "duizhao", "ready": true,
                "source_lang": "zh", "target_lang": "en", "entry_count": 1
            })))
            .with_priority(1),
    );
    server.mount(
        wiremock::Mock::given(wiremock::matchers::method("DELETE"))
            .respond_with(ResponseTemplate::new(204))
            .with_priority(1),
    );
}
