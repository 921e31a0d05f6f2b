//! How the real services say no, against servers on 127.0.0.1 answering as each documents:
//! OpenAI's billing 429s and 402 Insufficient Balance stop the run after one request, a model
//! the endpoint does not serve stops it with a message naming `--model`, a reply the token limit
//! cut off is sent at most twice, `retry-after-ms` is honoured before `Retry-After`, Google's
//! quota 403s are told from a refused key at the preflight, Traditional Chinese is sent as such
//! to Google and LibreTranslate, and a DeepL glossary that cannot be made leaves the text
//! translated without it, said once.

mod translate_support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use duizhao::translate::{ApiKey, ProviderKind, Translator};
use serde_json::{Value, json};
use translate_support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const KEY: &str = "sk-refusal-tests-0a1b2c3d";

fn translator(kind: ProviderKind, endpoint: &str, dir: &std::path::Path) -> Translator {
    let mut s = settings(kind, endpoint, dir);
    s.concurrency = 1;
    Translator::with_key(s, Some(ApiKey::new(KEY))).unwrap()
}

fn openai_error(status: u16, body: Value) -> Server {
    let server = Server::start();
    server.mount(Mock::given(method("POST")).respond_with(ResponseTemplate::new(status).set_body_json(body)));
    server
}

#[test]
fn openai_billing_refusals_stop_the_run_after_one_request() {
    for (status, code, kind) in [
        (429, "credit_balance_exhausted", "insufficient_quota"),
        (429, "project_spend_limit_exceeded", "insufficient_quota"),
        (429, "organization_spend_limit_exceeded", "requests"),
        (429, "organization_usage_limit_exceeded", "requests"),
        (402, "unknown", "unknown_error"),
    ] {
        let server =
            openai_error(status, json!({"error": {"message": "Insufficient Balance", "type": kind, "code": code}}));
        let dir = tempdir();
        let t = translator(ProviderKind::OpenAi, &endpoint_of(ProviderKind::OpenAi, &server), dir.path());
        let mut doc = document(&article(3));
        let outcome = t.translate_document(&mut doc);
        assert_eq!(server.calls("/chat/completions").len(), 1, "{code}: one request, then stop");
        let stopped = outcome.stopped.unwrap_or_else(|| panic!("{code}: the run must stop"));
        assert!(stopped.contains("quota") && stopped.contains(&format!("HTTP {status}")), "{code}: {stopped}");
        assert!(doc.paragraphs.iter().all(|p| p.en.is_none()));
    }
}

#[test]
fn a_model_the_endpoint_does_not_serve_stops_the_run_naming_model() {
    let body = json!({"error": {
        "message": "The model `gpt-4o-mini` does not exist or you do not have access to it.",
        "type": "invalid_request_error", "code": "model_not_found"
    }});
    let server = openai_error(404, body);
    let dir = tempdir();
    let t = translator(ProviderKind::OpenAi, &endpoint_of(ProviderKind::OpenAi, &server), dir.path());
    let mut doc = document(&article(3));
    let outcome = t.translate_document(&mut doc);
    assert_eq!(server.calls("/chat/completions").len(), 1);
    let stopped = outcome.stopped.unwrap();
    assert!(stopped.contains("\"gpt-4o-mini\"") && stopped.contains("--model"), "{stopped}");
}

#[test]
fn a_reply_cut_by_the_token_limit_is_sent_at_most_twice() {
    let server = Server::start();
    let cut = json!({
        "id": "chatcmpl-1", "object": "chat.completion", "model": "test-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paragraph 1 is"}, "finish_reason": "length"}]
    });
    server.mount(Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_json(cut)));
    let dir = tempdir();
    let t = translator(ProviderKind::OpenAi, &endpoint_of(ProviderKind::OpenAi, &server), dir.path());
    let mut doc = document(&article(1));
    let outcome = t.translate_document(&mut doc);
    let calls = server.calls("/chat/completions");
    assert_eq!(calls.len(), 2, "once as it is, once with room for the whole translation");
    let first: Value = serde_json::from_slice(&calls[0].body).unwrap();
    let second: Value = serde_json::from_slice(&calls[1].body).unwrap();
    assert!(first.get("max_tokens").is_none());
    assert_eq!(second["max_tokens"], 4096);
    assert_eq!(outcome.failed, 1);
    let error = doc.paragraphs[0].error.as_deref().unwrap();
    assert!(error.contains("finish_reason length") && error.contains("max_tokens 4096"), "{error}");
}

#[test]
fn retry_after_ms_is_read_before_retry_after() {
    let server = Server::start();
    server.mount(
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(429)
                    .insert_header("retry-after-ms", "1200")
                    .insert_header("Retry-After", "30")
                    .set_body_json(json!({"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}})),
            )
            .up_to_n_times(1),
    );
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::OpenAi)));
    let dir = tempdir();
    let t = translator(ProviderKind::OpenAi, &endpoint_of(ProviderKind::OpenAi, &server), dir.path());
    let mut doc = document(&article(1));
    let start = Instant::now();
    let outcome = t.translate_document(&mut doc);
    let waited = start.elapsed();
    assert!(outcome.is_complete(), "{outcome:?}");
    assert!(waited >= Duration::from_millis(1200) && waited < Duration::from_secs(10), "{waited:?}");
}

/// A Google error body with `reason`, as the v2 API writes it.
fn google_error(code: u16, reason: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({"error": {
        "code": code, "message": message,
        "errors": [{"message": message, "domain": "usageLimits", "reason": reason}]
    }}))
}

#[test]
fn google_quota_at_the_preflight_is_no_refused_key() {
    let server = Server::start();
    server.mount(Mock::given(method("GET")).respond_with(google_error(
        403,
        "dailyLimitExceeded",
        "Daily Limit Exceeded",
    )));
    let dir = tempdir();
    let t = translator(ProviderKind::Google, &server.uri(), dir.path());
    let error = t.preflight().unwrap_err().to_string();
    assert!(error.contains("quota") && !error.contains("refused the API key"), "{error}");

    // A per-minute limit is waited out by the run: the preflight passes.
    let server = Server::start();
    server.mount(Mock::given(method("GET")).respond_with(google_error(
        403,
        "userRateLimitExceeded",
        "User Rate Limit Exceeded",
    )));
    let t = translator(ProviderKind::Google, &server.uri(), dir.path());
    t.preflight().unwrap();

    // A bad key is still a bad key.
    let server = Server::start();
    server.mount(Mock::given(method("GET")).respond_with(google_error(400, "keyInvalid", "API key not valid.")));
    let t = translator(ProviderKind::Google, &server.uri(), dir.path());
    assert!(t.preflight().unwrap_err().to_string().contains("refused the API key"));
}

#[test]
fn traditional_chinese_is_sent_as_traditional() {
    let traditional = "台北看守所昨天抽查前總統陳水扁的房舍，引來扁的強烈不滿。\n";
    for (kind, field, expected) in
        [(ProviderKind::Google, "source", "zh-TW"), (ProviderKind::LibreTranslate, "source", "zt")]
    {
        let server = Server::start();
        server.mount(Mock::given(method("POST")).respond_with(Translating::new(kind)));
        let dir = tempdir();
        let t = translator(kind, &server.uri(), dir.path());
        let mut doc = document(traditional);
        t.translate_document(&mut doc);
        let mut simplified = document(&article(1));
        t.translate_document(&mut simplified);
        let sources: Vec<String> = server
            .calls(path_of(kind))
            .iter()
            .map(|r| serde_json::from_slice::<Value>(&r.body).unwrap()[field].as_str().unwrap().to_string())
            .collect();
        let simple = if kind == ProviderKind::Google { "zh-CN" } else { "zh" };
        assert_eq!(sources, [expected, simple], "{kind}");
    }
}

#[test]
fn a_deepl_glossary_that_cannot_be_made_is_done_without_and_said_once() {
    let server = Server::start();
    server.mount(
        Mock::given(method("POST"))
            .and(path("/v2/glossaries"))
            .respond_with(
                ResponseTemplate::new(400).set_body_json(json!({"message": "Unsupported glossary language pair"})),
            )
            .with_priority(1),
    );
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::DeepL)));
    let dir = tempdir();
    let mut s = settings(ProviderKind::DeepL, &server.uri(), dir.path());
    s.batch_size = Some(1);
    s.concurrency = 1;
    let t = Translator::with_key(s, Some(ApiKey::new(KEY))).unwrap();
    // Paragraphs 3 and 6 hold a glossary term.
    let mut doc = document(&article(6));
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_aligned(&doc);
    assert_eq!(server.calls("/v2/glossaries").len(), 1, "asked once, not at every batch");
    let bodies: Vec<Value> =
        server.calls("/v2/translate").iter().map(|r| serde_json::from_slice(&r.body).unwrap()).collect();
    assert!(bodies.iter().all(|b| b.get("glossary_id").is_none()));
    let notes: Vec<&String> = outcome.notes.iter().filter(|n| n.contains("could not create a glossary")).collect();
    assert_eq!(notes.len(), 1, "{:?}", outcome.notes);
    assert!(notes[0].contains("Unsupported glossary language pair"));
    // A second document of the run says nothing more.
    let mut again = document(&article(3));
    assert!(!t.translate_document(&mut again).notes.iter().any(|n| n.contains("glossary")));
}

#[test]
fn the_preflight_finds_a_model_the_endpoint_does_not_serve() {
    let server = Server::start();
    let dir = tempdir();
    let mut s = settings(ProviderKind::OpenAi, &endpoint_of(ProviderKind::OpenAi, &server), dir.path());
    s.model = Some("deepseek-chat".into());
    let t = Translator::with_key(s, Some(ApiKey::new(KEY))).unwrap();
    let error = t.preflight().unwrap_err().to_string();
    assert!(
        error.contains("does not serve the model \"deepseek-chat\" (it serves gpt-4o-mini, test-model)"),
        "{error}"
    );
    assert!(error.contains("--model"), "{error}");
    assert!(server.calls("/chat/completions").is_empty());
}

#[test]
fn a_wrong_endpoint_fails_the_preflight_showing_the_url_and_what_to_change() {
    let server = Server::start();
    let dir = tempdir();
    // An OpenAI-compatible server's root without /v1.
    let t = translator(ProviderKind::OpenAi, &server.uri(), dir.path());
    let error = t.preflight().unwrap_err().to_string();
    assert!(error.contains(&format!("GET {}/models answered 404 Not Found", server.uri())), "{error}");
    assert!(error.contains("ending in /v1"), "{error}");
    // A DeepL endpoint ending in /v2.
    let t = translator(ProviderKind::DeepL, &format!("{}/v2", server.uri()), dir.path());
    let error = t.preflight().unwrap_err().to_string();
    assert!(error.contains("/v2/v2/usage answered 404") && error.contains("without /v2"), "{error}");
    // A web page where the API should be.
    let page = Server::start();
    page.mount(
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string("<!doctype html><title>Welcome</title>"))
            .with_priority(1),
    );
    let t = translator(ProviderKind::Google, &page.uri(), dir.path());
    let error = t.preflight().unwrap_err().to_string();
    assert!(error.contains("did not answer JSON (\"<!doctype html>"), "{error}");
    assert!(server.calls("/chat/completions").is_empty() && server.calls("/v2/translate").is_empty());
}

#[test]
fn a_libretranslate_server_that_needs_a_key_is_caught_before_any_text() {
    let server = Server::start();
    server.mount(
        Mock::given(method("GET"))
            .and(path("/frontend/settings"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"charLimit": 2000, "keyRequired": true})))
            .with_priority(1),
    );
    let visit = json!({"error": "Visit https://portal.libretranslate.com to get an API key"});
    server.mount(Mock::given(method("POST")).respond_with(ResponseTemplate::new(400).set_body_json(visit.clone())));
    let dir = tempdir();
    let keyless = |server: &Server| {
        let mut s = settings(ProviderKind::LibreTranslate, &server.uri(), dir.path());
        s.concurrency = 1;
        Translator::with_key(s, None).unwrap()
    };
    let error = keyless(&server).preflight().unwrap_err().to_string();
    assert!(error.contains("requires an API key: set the environment variable LIBRETRANSLATE_API_KEY"), "{error}");
    let mut doc = document(&article(4));
    let outcome = keyless(&server).translate_document(&mut doc);
    assert!(server.calls("/translate").is_empty(), "caught before any text");
    assert!(outcome.stopped.unwrap().contains("requires an API key"));
    // A server whose settings do not say so: its first refusal stops the run.
    let quiet = Server::start();
    quiet.mount(Mock::given(method("POST")).respond_with(ResponseTemplate::new(400).set_body_json(visit)));
    let outcome = keyless(&quiet).translate_document(&mut doc);
    assert_eq!(quiet.calls("/translate").len(), 1);
    assert!(outcome.stopped.unwrap().contains("requires an API key"));
}

/// A LibreTranslate server with a per-minute budget that counts texts, as its `--req-limit`
/// does (`req_cost = len(q)`): 429 "Slowdown" without Retry-After while the window is used up.
#[derive(Clone)]
struct Slowdown {
    window: Duration,
    texts_per_window: usize,
    started: Arc<Mutex<Option<(Instant, usize)>>>,
}

impl wiremock::Respond for Slowdown {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let texts = request_texts(ProviderKind::LibreTranslate, &request.body);
        let mut state = self.started.lock().unwrap();
        let now = Instant::now();
        let (start, used) = state.get_or_insert((now, 0));
        if now.duration_since(*start) >= self.window {
            (*start, *used) = (now, 0);
        }
        if *used + texts.len() > self.texts_per_window {
            return ResponseTemplate::new(429)
                .set_body_json(json!({"error": format!("Slowdown: {} per 1 minute", self.texts_per_window)}));
        }
        *used += texts.len();
        ResponseTemplate::new(200).set_body_json(reply_body(ProviderKind::LibreTranslate, &texts))
    }
}

#[test]
fn a_rate_limit_without_retry_after_is_waited_out_past_its_window() {
    // The window is 1.5 s here (a minute on a real server): four texts fit, the fifth waits.
    let server = Server::start();
    let slowdown =
        Slowdown { window: Duration::from_millis(1500), texts_per_window: 4, started: Arc::new(Mutex::new(None)) };
    server.mount(Mock::given(method("POST")).respond_with(slowdown));
    let dir = tempdir();
    let mut s = settings(ProviderKind::LibreTranslate, &server.uri(), dir.path());
    s.concurrency = 1;
    s.batch_size = Some(2);
    s.retries = 4;
    // Pauses of at least 0.2, 0.4, 0.8 and 1 s (jitter keeps half or more): together they
    // outlast the window, where the quick server-error backoff (20 ms) gives up first.
    s.rate_limit_base = Duration::from_millis(400);
    s.max_wait = Duration::from_secs(2);
    let t = Translator::with_key(s, None).unwrap();
    let mut doc = document(&article(6));
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_aligned(&doc);
}

#[test]
fn libretranslate_spends_the_budget_per_text() {
    // 120 requests a minute: 0.5 s apart; a request of three texts costs three slots.
    let server = Server::start();
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::LibreTranslate)));
    let dir = tempdir();
    let mut s = settings(ProviderKind::LibreTranslate, &server.uri(), dir.path());
    s.requests_per_minute = 120;
    s.batch_size = Some(3);
    s.concurrency = 1;
    let t = Translator::with_key(s, None).unwrap();
    let mut doc = document(&article(6));
    let start = Instant::now();
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(outcome.requests, 2);
    // The second request waits for the first's three slots (1.5 s), not one (0.5 s).
    assert!(start.elapsed() >= Duration::from_millis(1500), "{:?}", start.elapsed());
}

#[test]
fn a_rerun_answered_by_the_cache_works_with_the_service_down() {
    let server = Server::start();
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::OpenAi)));
    let dir = tempdir();
    std::fs::write(dir.path().join("article.txt"), article(3)).unwrap();
    let build = |endpoint: &str| {
        std::process::Command::new(binary())
            .args(["build", "article.txt", "--format", "json", "--translate", "openai", "--endpoint", endpoint])
            .current_dir(dir.path())
            .env("OPENAI_API_KEY", KEY)
            .output()
            .unwrap()
    };
    let first = build(&endpoint_of(ProviderKind::OpenAi, &server));
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    // The service is gone: nothing listens on this port.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let second = build(&format!("http://127.0.0.1:{port}/v1"));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{stderr}");
    assert!(stderr.contains("0 of 3 paragraphs translated, 3 from cache, 0 failed (0 requests"), "{stderr}");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("output/article.json")).unwrap()).unwrap();
    assert!(json["paragraphs"].as_array().unwrap().iter().all(|p| p["en"].is_string()));
    // A paragraph the cache lacks needs the service: the run stops before writing anything.
    std::fs::write(dir.path().join("article.txt"), article(4)).unwrap();
    std::fs::remove_dir_all(dir.path().join("output")).unwrap();
    let third = build(&format!("http://127.0.0.1:{port}/v1"));
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert_eq!(third.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("could not connect") && stderr.lines().count() == 1, "{stderr}");
    assert!(!dir.path().join("output/article.json").exists());
}

#[test]
fn a_deepl_glossary_still_being_prepared_is_waited_for() {
    let server = Server::start();
    let created = json!({"glossary_id": "9a8b-not-ready", "name": "duizhao", "ready": false,
                         "source_lang": "zh", "target_lang": "en", "entry_count": 1});
    server.mount(
        Mock::given(method("POST"))
            .and(path("/v2/glossaries"))
            .respond_with(ResponseTemplate::new(201).set_body_json(created.clone()))
            .with_priority(1),
    );
    // Not ready at the first look, ready at the second.
    let mut ready = created.clone();
    ready["ready"] = json!(true);
    server.mount(
        Mock::given(method("GET"))
            .and(path("/v2/glossaries/9a8b-not-ready"))
            .respond_with(ResponseTemplate::new(200).set_body_json(created))
            .up_to_n_times(1)
            .with_priority(1),
    );
    server.mount(
        Mock::given(method("GET"))
            .and(path("/v2/glossaries/9a8b-not-ready"))
            .respond_with(ResponseTemplate::new(200).set_body_json(ready))
            .with_priority(2),
    );
    server.mount(Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).with_priority(1));
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::DeepL)));
    let dir = tempdir();
    let t = translator(ProviderKind::DeepL, &server.uri(), dir.path());
    let mut doc = document(&article(3));
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(server.calls("/v2/glossaries/9a8b-not-ready").len(), 2, "looked at until ready");
    let body: Value = serde_json::from_slice(&server.calls("/v2/translate")[0].body).unwrap();
    assert_eq!(body["glossary_id"], "9a8b-not-ready");
}
