//! Alignment under any sequence of provider replies: whatever the server answers, request by
//! request (a good reply, one with a segment missing or one too many, a server error, a
//! refusal, a body that is not JSON), the document keeps
//! exactly one slot per source paragraph, in order, each holding its own translation or marked
//! untranslated with a reason. Never a translation on the wrong paragraph.

mod translate_support;

use std::sync::{Arc, Mutex};

use duizhao::translate::{ApiKey, ProviderKind, Translator};
use proptest::prelude::*;
use translate_support::*;
use wiremock::matchers::method;
use wiremock::{Mock, Request, Respond, ResponseTemplate};

/// What the server does with one request.
#[derive(Debug, Clone, Copy)]
enum Reply {
    Good,
    DropLast,
    ExtraSegment,
    ServerError,
    Refused,
    NotJson,
}

fn reply() -> impl Strategy<Value = Reply> {
    prop_oneof![
        3 => Just(Reply::Good),
        1 => Just(Reply::DropLast),
        1 => Just(Reply::ExtraSegment),
        1 => Just(Reply::ServerError),
        1 => Just(Reply::Refused),
        1 => Just(Reply::NotJson),
    ]
}

/// Answers the n-th request as the n-th scripted reply says, then well.
struct Scripted {
    kind: ProviderKind,
    script: Arc<Mutex<std::collections::VecDeque<Reply>>>,
}

impl Respond for Scripted {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let texts = request_texts(self.kind, &request.body);
        let next = self.script.lock().unwrap().pop_front().unwrap_or(Reply::Good);
        let mut english: Vec<String> = texts.clone();
        match next {
            Reply::Good => {}
            Reply::DropLast => {
                english.pop();
            }
            Reply::ExtraSegment => english.push("第99段是多出来的。".into()),
            Reply::ServerError => return ResponseTemplate::new(503).set_body_string("busy"),
            Reply::Refused => return ResponseTemplate::new(400).set_body_string("{\"error\":\"bad request\"}"),
            Reply::NotJson => return ResponseTemplate::new(200).set_body_string("<html>proxy error</html>"),
        }
        ResponseTemplate::new(200).set_body_json(reply_body(self.kind, &english))
    }
}

/// Paragraphs that each name their number, so a translation on the wrong slot shows.
fn paragraphs(n: usize) -> String {
    (1..=n).map(|i| format!("第{i}段是一个普通的段落。")).collect::<Vec<_>>().join("\n\n") + "\n"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn one_slot_per_paragraph_in_order(
        n in 1usize..9,
        batch in 1usize..5,
        script in proptest::collection::vec(reply(), 0..12),
        google in any::<bool>(),
    ) {
        let kind = if google { ProviderKind::Google } else { ProviderKind::LibreTranslate };
        let server = Server::start();
        let script = Arc::new(Mutex::new(script.into_iter().collect()));
        server.mount(Mock::given(method("POST")).respond_with(Scripted { kind, script }));
        let dir = tempdir();
        let mut s = settings(kind, &server.uri(), dir.path());
        s.batch_size = Some(batch);
        s.retries = 1;
        s.concurrency = 2;
        s.use_cache = false;
        let translator = Translator::with_key(s, Some(ApiKey::new("k"))).unwrap();
        let mut doc = document(&paragraphs(n));
        let zh_before: Vec<String> = doc.paragraphs.iter().map(|p| p.zh.clone()).collect();
        let outcome = translator.translate_document(&mut doc);

        prop_assert_eq!(doc.paragraphs.len(), n);
        let mut untranslated = 0;
        for (i, p) in doc.paragraphs.iter().enumerate() {
            prop_assert_eq!(&p.id, &format!("p{}", i + 1));
            prop_assert_eq!(&p.zh, &zh_before[i]);
            match &p.en {
                Some(en) => {
                    prop_assert_eq!(en, &fake_english(&p.zh), "{} got another paragraph's English", p.id);
                    prop_assert!(p.error.is_none());
                }
                None => {
                    untranslated += 1;
                    prop_assert!(p.error.as_deref().is_some_and(|e| !e.is_empty()), "{} unmarked", p.id);
                }
            }
        }
        prop_assert_eq!(outcome.failed, untranslated);
        prop_assert_eq!(outcome.translated + outcome.failed, n);
    }
}
