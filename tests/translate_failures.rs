//! What goes wrong with a translation API, against servers on 127.0.0.1: rate limits with
//! Retry-After, server errors, truncated and invalid bodies, batch replies with a segment
//! missing, refused keys, exhausted quotas, slow servers and timeouts. Every paragraph either gets
//! its own English or is marked with the reason; nothing is padded or shifted.

mod translate_support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use duizhao::translate::{ApiKey, ProviderKind, Translator};
use serde_json::json;
use translate_support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const KEY: &str = "sk-failure-tests-5f4e3d2c1b";

fn translator(kind: ProviderKind, server_uri: &str, dir: &std::path::Path) -> Translator {
    let mut s = settings(kind, server_uri, dir);
    s.concurrency = 1;
    Translator::with_key(s, Some(ApiKey::new(KEY))).unwrap()
}

#[test]
fn rate_limited_with_retry_after_waits_as_asked() {
    let server = Server::start();
    mount_deepl_glossaries(&server);
    server.mount(
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(429)
                    .insert_header("Retry-After", "1")
                    .set_body_json(json!({"message": "Too many requests"})),
            )
            .up_to_n_times(1),
    );
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::DeepL)));
    let dir = tempdir();
    let t = translator(ProviderKind::DeepL, &server.uri(), dir.path());
    let mut doc = document(&article(3));
    let start = Instant::now();
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert!(start.elapsed() >= Duration::from_secs(1), "Retry-After honoured: {:?}", start.elapsed());
    assert_eq!(outcome.requests, 2);
    assert_aligned(&doc);
}

#[test]
fn server_errors_are_retried_until_success() {
    let server = Server::start();
    server.mount(
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(500).set_body_string("internal error"))
            .up_to_n_times(1),
    );
    server.mount(Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1));
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::Google)));
    let dir = tempdir();
    let t = translator(ProviderKind::Google, &server.uri(), dir.path());
    let mut doc = document(&article(4));
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(outcome.requests, 3);
    assert_aligned(&doc);
}

#[test]
fn server_errors_that_never_end_mark_paragraphs_and_keep_the_rest() {
    let server = Server::start();
    // p2 always fails; the others are fine.
    let counter = Arc::new(AtomicUsize::new(0));
    let counted = counter.clone();
    server.mount(
        Mock::given(method("POST"))
            .and(|r: &wiremock::Request| request_texts(ProviderKind::OpenAi, &r.body)[0].contains("第2段"))
            .respond_with(move |_: &wiremock::Request| {
                counted.fetch_add(1, Ordering::SeqCst);
                ResponseTemplate::new(502).set_body_string("bad gateway")
            }),
    );
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::OpenAi)));
    let dir = tempdir();
    let t = translator(ProviderKind::OpenAi, &format!("{}/v1", server.uri()), dir.path());
    let mut doc = document(&article(3));
    let outcome = t.translate_document(&mut doc);
    assert_eq!((outcome.translated, outcome.failed), (2, 1), "{outcome:?}");
    assert!(outcome.stopped.is_none());
    assert_eq!(counter.load(Ordering::SeqCst), 4, "first try and 3 retries");
    let p2 = &doc.paragraphs[1];
    assert_eq!(p2.en, None);
    let error = p2.error.as_deref().unwrap();
    assert!(error.contains("HTTP 502") && error.contains("gave up after 4 attempts"), "{error}");
    assert!(doc.paragraphs[0].en.as_deref().unwrap().starts_with("Paragraph 1 "));
    assert!(doc.paragraphs[2].en.as_deref().unwrap().starts_with("Paragraph 3 "));
    // The JSON says so.
    let json: serde_json::Value = serde_json::to_value(&doc).unwrap();
    assert_eq!(json["paragraphs"][1]["en"], serde_json::Value::Null);
    assert!(json["paragraphs"][1]["error"].as_str().unwrap().contains("502"));
    assert!(json["paragraphs"][0].get("error").is_none());
    // Nothing failed is cached: a rerun sends only p2.
    let before = server.calls("/chat/completions").len();
    let mut again = document(&article(3));
    let outcome = t.translate_document(&mut again);
    assert_eq!((outcome.cached, outcome.failed), (2, 1));
    assert_eq!(server.calls("/chat/completions").len() - before, 4);
}

#[test]
fn invalid_json_body_is_retried() {
    let server = Server::start();
    mount_deepl_glossaries(&server);
    server.mount(
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200).set_body_raw(r#"{"translations":[{"text":"Parag"#, "application/json"),
            )
            .up_to_n_times(1),
    );
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::DeepL)));
    let dir = tempdir();
    let t = translator(ProviderKind::DeepL, &server.uri(), dir.path());
    let mut doc = document(&article(2));
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(outcome.requests, 2);
    assert_aligned(&doc);
}

/// A raw HTTP server whose first translation promises more body than it sends and closes the
/// connection; later answers are complete. Speaks LibreTranslate, its preflight included.
fn truncating_server(hits: Arc<AtomicUsize>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(20) {
            let Ok(mut stream) = stream else { continue };
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut data = Vec::new();
            let mut buf = [0u8; 8192];
            let body = loop {
                let n = stream.read(&mut buf).unwrap_or(0);
                if n == 0 {
                    break None;
                }
                data.extend_from_slice(&buf[..n]);
                let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
                let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse().unwrap()))
                    .unwrap_or(0);
                if data.len() >= end + 4 + length {
                    break Some(data[end + 4..end + 4 + length].to_vec());
                }
            };
            let Some(body) = body else { continue };
            // The preflight's GETs (/languages, /frontend/settings) are answered, not counted.
            if data.starts_with(b"GET ") {
                let reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]";
                let _ = stream.write_all(reply.as_bytes());
                continue;
            }
            let texts = request_texts(ProviderKind::LibreTranslate, &body);
            let reply = reply_body(ProviderKind::LibreTranslate, &texts).to_string();
            let n = hits.fetch_add(1, Ordering::SeqCst);
            let (declared, sent) =
                if n == 0 { (reply.len() + 100, &reply[..reply.len() / 2]) } else { (reply.len(), &reply[..]) };
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(sent.as_bytes());
            let _ = stream.flush();
            drop(stream);
        }
    });
    format!("http://{addr}")
}

#[test]
fn truncated_body_is_retried() {
    let hits = Arc::new(AtomicUsize::new(0));
    let uri = truncating_server(hits.clone());
    let dir = tempdir();
    let t = translator(ProviderKind::LibreTranslate, &uri, dir.path());
    let mut doc = document(&article(3));
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(hits.load(Ordering::SeqCst), 2, "the cut-off reply, then the whole one");
    assert_aligned(&doc);
}

#[test]
fn batch_reply_missing_a_segment_is_split_never_shifted() {
    for kind in [ProviderKind::DeepL, ProviderKind::LibreTranslate, ProviderKind::Google] {
        let server = Server::start();
        mount_deepl_glossaries(&server);
        let responder = Translating { drop_last_of_batches: true, ..Translating::new(kind) };
        server.mount(Mock::given(method("POST")).and(path(path_of(kind))).respond_with(responder));
        let dir = tempdir();
        let t = translator(kind, &server.uri(), dir.path());
        let mut doc = document(&article(5));
        let outcome = t.translate_document(&mut doc);
        assert!(outcome.is_complete(), "{kind}: {outcome:?}");
        // 5 -> (2, 3); 2 -> (1, 1); 3 -> (1, 2); 2 -> (1, 1): 9 requests, 5 of them single.
        assert_eq!(outcome.requests, 9, "{kind}");
        assert_aligned(&doc);
        let sent: Vec<usize> = server.calls(path_of(kind)).iter().map(|r| request_texts(kind, &r.body).len()).collect();
        assert_eq!(sent.iter().filter(|&&n| n == 1).count(), 5, "{kind}: {sent:?}");
    }
}

#[test]
fn a_reply_with_an_empty_translation_is_asked_again_and_not_cached() {
    let server = Server::start();
    server.mount(
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"translatedText": ["Paragraph 1 speaks. This is sentence 2.", "  "]})),
            )
            .up_to_n_times(1),
    );
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::LibreTranslate)));
    let dir = tempdir();
    let t = translator(ProviderKind::LibreTranslate, &server.uri(), dir.path());
    let mut doc = document(&article(2));
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(outcome.requests, 2);
    assert_aligned(&doc);
    let cache = duizhao::translate::cache::Cache::open(&dir.path().join("cache.sqlite")).unwrap();
    assert_eq!(cache.len().unwrap(), 2);
}

#[test]
fn a_refused_key_stops_the_run_at_once() {
    let server = Server::start();
    server.mount(Mock::given(method("POST")).and(path("/v1/chat/completions")).respond_with(
        ResponseTemplate::new(401).set_body_json(json!({
            "error": {"message": format!("Incorrect API key provided: {KEY}."), "type": "invalid_request_error",
                      "param": null, "code": "invalid_api_key"}
        })),
    ));
    let dir = tempdir();
    let t = translator(ProviderKind::OpenAi, &format!("{}/v1", server.uri()), dir.path());
    let mut doc = document(&article(5));
    let outcome = t.translate_document(&mut doc);
    assert_eq!(outcome.requests, 1, "no retry, nothing more sent: {outcome:?}");
    assert_eq!(outcome.failed, 5);
    let stopped = outcome.stopped.expect("the run stopped");
    assert!(stopped.contains("refused the API key from $OPENAI_API_KEY (HTTP 401)"), "{stopped}");
    assert!(!stopped.contains(KEY), "the key is redacted: {stopped}");
    for p in &doc.paragraphs {
        assert!(p.en.is_none() && p.error.is_some());
        assert!(!p.error.as_deref().unwrap().contains(KEY));
    }
}

#[test]
fn a_refused_key_fails_the_preflight() {
    let server = Server::start();
    server.mount(Mock::given(method("GET")).and(path("/v2/usage")).respond_with(ResponseTemplate::new(403)));
    let dir = tempdir();
    let t = translator(ProviderKind::DeepL, &server.uri(), dir.path());
    let error = t.preflight().unwrap_err().to_string();
    assert!(error.contains("deepl") && error.contains("HTTP 403") && error.contains("DEEPL_AUTH_KEY"), "{error}");
}

#[test]
fn unreachable_endpoint_fails_the_preflight() {
    // A port that was free a moment ago: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = tempdir();
    let t = translator(ProviderKind::LibreTranslate, &format!("http://127.0.0.1:{port}"), dir.path());
    let error = t.preflight().unwrap_err().to_string();
    assert!(error.contains("could not connect") && error.contains("--endpoint"), "{error}");
}

#[test]
fn deepl_quota_exceeded_stops_the_run() {
    let server = Server::start();
    mount_deepl_glossaries(&server);
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::DeepL)).up_to_n_times(1));
    server.mount(
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(456).set_body_json(json!({"message": "Quota Exceeded"}))),
    );
    let dir = tempdir();
    let mut s = settings(ProviderKind::DeepL, &server.uri(), dir.path());
    s.concurrency = 1;
    s.batch_size = Some(2);
    let t = Translator::with_key(s, Some(ApiKey::new(KEY))).unwrap();
    let mut doc = document(&article(6));
    let outcome = t.translate_document(&mut doc);
    assert_eq!(outcome.requests, 2, "{outcome:?}");
    assert_eq!((outcome.translated, outcome.failed), (2, 4));
    let stopped = outcome.stopped.unwrap();
    assert!(stopped.contains("quota") && stopped.contains("HTTP 456"), "{stopped}");
    // Work already done is kept, and cached.
    assert!(doc.paragraphs[0].en.is_some() && doc.paragraphs[1].en.is_some());
    let cache = duizhao::translate::cache::Cache::open(&dir.path().join("cache.sqlite")).unwrap();
    assert_eq!(cache.len().unwrap(), 2);
}

#[test]
fn openai_insufficient_quota_stops_the_run() {
    let server = Server::start();
    server.mount(Mock::given(method("POST")).respond_with(ResponseTemplate::new(429).set_body_json(json!({
        "error": {"message": "You exceeded your current quota.", "type": "insufficient_quota", "code": "insufficient_quota"}
    }))));
    let dir = tempdir();
    let t = translator(ProviderKind::OpenAi, &format!("{}/v1", server.uri()), dir.path());
    let mut doc = document(&article(3));
    let outcome = t.translate_document(&mut doc);
    assert_eq!(outcome.requests, 1, "{outcome:?}");
    assert!(outcome.stopped.unwrap().contains("quota"));
}

#[test]
fn a_slow_server_times_out_and_a_patient_one_succeeds() {
    let server = Server::start();
    let slow = Translating { delay: Duration::from_secs(3), ..Translating::new(ProviderKind::Google) };
    server.mount(Mock::given(method("POST")).respond_with(slow));
    let dir = tempdir();
    let mut s = settings(ProviderKind::Google, &server.uri(), dir.path());
    s.timeout = Duration::from_millis(300);
    s.retries = 1;
    let t = Translator::with_key(s.clone(), Some(ApiKey::new(KEY))).unwrap();
    let mut doc = document(&article(2));
    let start = Instant::now();
    let outcome = t.translate_document(&mut doc);
    assert!(start.elapsed() < Duration::from_secs(2), "timed out, not waited: {:?}", start.elapsed());
    assert_eq!((outcome.failed, outcome.requests), (2, 2), "{outcome:?}");
    let error = doc.paragraphs[0].error.as_deref().unwrap();
    assert!(error.contains("timeout") && error.contains("gave up after 2 attempts"), "{error}");

    // Slow but within the timeout: fine.
    s.timeout = Duration::from_secs(10);
    s.cache_path = dir.path().join("other.sqlite");
    let server = Server::start();
    let slowish = Translating { delay: Duration::from_millis(400), ..Translating::new(ProviderKind::Google) };
    server.mount(Mock::given(method("POST")).respond_with(slowish));
    s.endpoint = Some(server.uri());
    let t = Translator::with_key(s, Some(ApiKey::new(KEY))).unwrap();
    let mut doc = document(&article(2));
    assert!(t.translate_document(&mut doc).is_complete());
    assert_aligned(&doc);
}

#[test]
fn a_rejected_paragraph_is_isolated_from_its_batch() {
    let server = Server::start();
    // The server refuses any request that contains p4's text (400): the batch is split until
    // p4 is alone; everything else is translated.
    server.mount(
        Mock::given(method("POST"))
            .and(wiremock::matchers::body_string_contains("第4段"))
            .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "Invalid request: text too long"}))),
    );
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::LibreTranslate)));
    let dir = tempdir();
    let t = translator(ProviderKind::LibreTranslate, &server.uri(), dir.path());
    let mut doc = document(&article(6));
    let outcome = t.translate_document(&mut doc);
    assert_eq!((outcome.translated, outcome.failed), (5, 1), "{outcome:?}");
    assert!(outcome.stopped.is_none());
    let p4 = &doc.paragraphs[3];
    assert!(p4.en.is_none());
    assert!(p4.error.as_deref().unwrap().contains("HTTP 400"), "{:?}", p4.error);
    for (i, p) in doc.paragraphs.iter().enumerate().filter(|(i, _)| *i != 3) {
        assert!(p.en.as_deref().unwrap().starts_with(&format!("Paragraph {} ", i + 1)));
    }
}

#[test]
fn model_chatter_and_echoes_are_not_kept() {
    let server = Server::start();
    // First an echo of the Chinese (rejected, retried), then chatter around the translation.
    server.mount(
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "第1段是一个普通的段落。这里还有第二句话。"}, "finish_reason": "stop"}]
            })))
            .up_to_n_times(1),
    );
    server.mount(
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "Here is the translation:\n\n\"Paragraph 1 speaks. This is sentence 2.\""}, "finish_reason": "stop"}]
            }))),
    );
    let dir = tempdir();
    let t = translator(ProviderKind::OpenAi, &format!("{}/v1", server.uri()), dir.path());
    let mut doc = document(&article(1));
    let outcome = t.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(outcome.requests, 2);
    assert_eq!(doc.paragraphs[0].en.as_deref(), Some("Paragraph 1 speaks. This is sentence 2."));
}
