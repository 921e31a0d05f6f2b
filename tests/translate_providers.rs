//! Success paths for every provider, against servers on 127.0.0.1 speaking the provider's wire
//! format: the request shape (path, auth header, body fields) and the reply shape are checked,
//! every paragraph gets its own English, sentences are aligned, and the cache serves a rerun.

mod translate_support;

use duizhao::translate::{ApiKey, ProviderKind, Translator};
use serde_json::Value;
use translate_support::*;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, ResponseTemplate};

const KEY: &str = "test-key-0123456789";

fn run_provider(kind: ProviderKind, paragraphs: usize, batch_size: Option<usize>) -> (Server, Vec<Value>) {
    let server = Server::start();
    let auth = match kind {
        ProviderKind::OpenAi => ("authorization", format!("Bearer {KEY}")),
        ProviderKind::DeepL => ("authorization", format!("DeepL-Auth-Key {KEY}")),
        ProviderKind::LibreTranslate => ("content-type", "application/json".to_string()),
        ProviderKind::Google => ("x-goog-api-key", KEY.to_string()),
    };
    let mut translate = Mock::given(method("POST")).and(path(path_of(kind))).and(header(auth.0, auth.1.as_str()));
    translate = match kind {
        ProviderKind::DeepL => {
            translate.and(body_partial_json(serde_json::json!({"source_lang": "ZH", "target_lang": "EN-US"})))
        }
        ProviderKind::LibreTranslate => translate.and(body_partial_json(
            serde_json::json!({"source": "zh", "target": "en", "format": "text", "api_key": KEY}),
        )),
        ProviderKind::Google => {
            translate.and(body_partial_json(serde_json::json!({"source": "zh-CN", "target": "en", "format": "text"})))
        }
        ProviderKind::OpenAi => translate.and(body_partial_json(serde_json::json!({"model": "test-model"}))),
    };
    server.mount(translate.respond_with(Translating::new(kind)));
    server.mount(
        Mock::given(method("POST"))
            .and(path("/v2/glossaries"))
            .and(header("authorization", format!("DeepL-Auth-Key {KEY}").as_str()))
            .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
                "glossary_id": "def3a26b-3e84-45b3-84ae-0c0aaf3525f7", "name": "duizhao", "ready": true,
                "source_lang": "zh", "target_lang": "en", "entry_count": 1
            }))),
    );
    server.mount(Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)));
    server.mount(Mock::given(method("GET")).and(path("/v2/usage")).respond_with(
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "character_count": 180, "character_limit": 500000
        })),
    ));
    server.mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_string("{}")));

    let dir = tempdir();
    let mut s = settings(kind, &endpoint_of(kind, &server), dir.path());
    s.model = (kind == ProviderKind::OpenAi).then(|| "test-model".to_string());
    s.batch_size = batch_size;
    let translator = Translator::with_key(s.clone(), Some(ApiKey::new(KEY))).unwrap();
    translator.preflight().unwrap();
    let mut doc = document(&article(paragraphs));
    let outcome = translator.translate_document(&mut doc);
    translator.finish();
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(outcome.translated, paragraphs);
    assert_eq!(outcome.cached, 0);
    assert_aligned(&doc);
    // Sentences line up: two Chinese, two English.
    for p in &doc.paragraphs {
        assert_eq!(p.sentences.len(), 2, "{}", p.id);
        assert!(p.sentences.iter().all(|s| s.en.is_some()), "{}: {:?}", p.id, p.sentences);
    }
    let info = doc.meta.translation.as_ref().expect("provenance set");
    assert!(info.source.starts_with(kind.name()), "{}", info.source);
    let bodies: Vec<Value> =
        server.calls(path_of(kind)).iter().map(|r| serde_json::from_slice(&r.body).unwrap()).collect();
    assert_eq!(bodies.len(), outcome.requests);

    // A rerun is served from the cache: no request.
    let before = server.calls(path_of(kind)).len();
    let translator = Translator::with_key(s, Some(ApiKey::new(KEY))).unwrap();
    let mut again = document(&article(paragraphs));
    let outcome = translator.translate_document(&mut again);
    assert_eq!((outcome.cached, outcome.translated, outcome.requests), (paragraphs, 0, 0), "{outcome:?}");
    assert_eq!(server.calls(path_of(kind)).len(), before);
    assert_aligned(&again);
    (server, bodies)
}

#[test]
fn openai_one_paragraph_per_request_with_glossary_and_context_in_the_system_message() {
    let (server, bodies) = run_provider(ProviderKind::OpenAi, 4, None);
    assert_eq!(bodies.len(), 4);
    for body in &bodies {
        let messages = body["messages"].as_array().unwrap();
        let system = messages[0]["content"].as_str().unwrap();
        let user = messages[1]["content"].as_str().unwrap();
        assert!(system.contains("English"), "{system}");
        assert!(user.starts_with('第') && !user.contains("translat"), "the user message is only the text: {user}");
        if user.contains("小红书") {
            assert!(system.contains("小红书 => Xiaohongshu (RedNote)"), "{system}");
        } else {
            assert!(!system.contains("小红书 =>"), "only terms present in the paragraph: {system}");
        }
        if !user.starts_with("第1段") {
            assert!(system.contains("The paragraph before this one"), "{system}");
        }
    }
    let preflight = server.requests().into_iter().filter(|r| r.url.path() == "/v1/models").count();
    assert_eq!(preflight, 1);
}

#[test]
fn deepl_batches_with_a_glossary() {
    let (server, bodies) = run_provider(ProviderKind::DeepL, 7, Some(3));
    assert_eq!(bodies.len(), 3, "7 paragraphs in batches of 3");
    // The batches run concurrently: put them back in document order.
    let mut bodies = bodies;
    bodies.sort_by_key(|b| b["text"][0].as_str().unwrap().to_string());
    let sizes: Vec<usize> = bodies.iter().map(|b| b["text"].as_array().unwrap().len()).collect();
    assert_eq!(sizes, [3, 3, 1]);
    // Batches with 小红书 (p3, p6) use the glossary; p7 alone has no term.
    assert_eq!(bodies[0]["glossary_id"], "def3a26b-3e84-45b3-84ae-0c0aaf3525f7");
    assert!(bodies[2].get("glossary_id").is_none());
    let glossaries = server.calls("/v2/glossaries");
    assert_eq!(glossaries.len(), 1, "one glossary for the one set of terms");
    let g: Value = serde_json::from_slice(&glossaries[0].body).unwrap();
    assert_eq!(g["entries"], "小红书\tXiaohongshu (RedNote)");
    assert_eq!(g["entries_format"], "tsv");
    let deleted = server.requests().into_iter().filter(|r| r.method.as_str() == "DELETE").count();
    assert_eq!(deleted, 1, "the glossary is deleted at the end");
    assert_eq!(server.calls("/v2/usage").len(), 1, "preflight checks the usage");
}

#[test]
fn libretranslate_sends_q_as_an_array() {
    let (_server, bodies) = run_provider(ProviderKind::LibreTranslate, 5, None);
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["q"].as_array().unwrap().len(), 5);
}

#[test]
fn google_v2_with_the_key_in_a_header_not_the_url() {
    let (server, bodies) = run_provider(ProviderKind::Google, 5, None);
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["q"].as_array().unwrap().len(), 5);
    for r in server.requests() {
        assert!(!r.url.as_str().contains(KEY), "the key stays out of URLs: {}", r.url);
    }
}

#[test]
fn given_translation_is_kept_and_only_missing_paragraphs_are_sent() {
    let server = Server::start();
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::LibreTranslate)));
    let dir = tempdir();
    let s = settings(ProviderKind::LibreTranslate, &server.uri(), dir.path());
    let translator = Translator::with_key(s, None).unwrap();
    let mut doc = document(&article(4));
    doc.paragraphs[1].en = Some("A human translation.".into());
    doc.meta.translation = Some(duizhao::document::TranslationInfo {
        source: "human".into(),
        title: Some("Title".into()),
        ..Default::default()
    });
    let outcome = translator.translate_document(&mut doc);
    assert_eq!((outcome.paragraphs, outcome.translated), (3, 3));
    assert_eq!(doc.paragraphs[1].en.as_deref(), Some("A human translation."));
    let sent = request_texts(ProviderKind::LibreTranslate, &server.calls("/translate")[0].body);
    assert_eq!(sent.len(), 3);
    assert!(!sent.iter().any(|t| t.starts_with("第2段")));
    assert_eq!(doc.meta.translation.unwrap().source, "human + libretranslate");
}

#[test]
fn the_title_is_translated_too() {
    let server = Server::start();
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::Google)));
    let dir = tempdir();
    let s = settings(ProviderKind::Google, &server.uri(), dir.path());
    let translator = Translator::with_key(s, Some(ApiKey::new(KEY))).unwrap();
    let mut doc = document(&format!("---\ntitle: 第0段标题\n---\n\n{}", article(2)));
    assert_eq!(doc.meta.title.as_deref(), Some("第0段标题"));
    let outcome = translator.translate_document(&mut doc);
    assert!(outcome.is_complete(), "{outcome:?}");
    assert_eq!(outcome.paragraphs, 2, "the title is not counted as a paragraph");
    assert_eq!(doc.meta.translation.unwrap().title.as_deref(), Some("Paragraph 0 speaks."));
}
