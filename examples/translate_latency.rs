//! Latency benchmark for machine translation: 100 paragraphs against a local OpenAI-compatible
//! server (127.0.0.1) that takes 200 ms to answer each request, at several concurrency limits.
//! With one paragraph a request, a run should take about 100 / concurrency x 200 ms.
//!
//! ```text
//! cargo run --release --example translate_latency            # concurrency 1, 4, 8, 16
//! cargo run --release --example translate_latency -- 10 20    # chosen limits
//! ```

use std::path::Path;
use std::time::{Duration, Instant};

use duizhao::translate::{ApiKey, ProviderKind, Settings, Translator};
use duizhao::{BuildOptions, Glossary, Pipeline};
use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const PARAGRAPHS: usize = 100;
const LATENCY: Duration = Duration::from_millis(200);

fn main() {
    let limits: Vec<usize> = {
        let given: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
        if given.is_empty() { vec![1, 4, 8, 16] } else { given }
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let server = rt.block_on(MockServer::start());
    rt.block_on(
        Mock::given(method("POST"))
            .respond_with(|request: &Request| {
                let body: Value = serde_json::from_slice(&request.body).unwrap();
                let text = body["messages"][1]["content"].as_str().unwrap_or_default();
                let english = format!("Paragraph of {} characters.", text.chars().count());
                ResponseTemplate::new(200)
                    .set_body_json(json!({
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": english},
                                     "finish_reason": "stop"}]
                    }))
                    .set_delay(LATENCY)
            })
            .mount(&server),
    );
    // The preflight, answered at once as the service does.
    rt.block_on(
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [{"id": "gpt-4o-mini"}]})))
            .mount(&server),
    );
    let text: String = (1..=PARAGRAPHS).map(|i| format!("这是第{i}段，用来测量翻译的耗时。\n\n")).collect();
    let (glossary, _) = Glossary::load(true, &[]);
    let pipeline = Pipeline::new(glossary, BuildOptions::default());
    println!("{PARAGRAPHS} paragraphs, {} ms per request, one paragraph a request", LATENCY.as_millis());
    println!("{:>11} {:>10} {:>10} {:>9}", "concurrency", "elapsed", "expected", "ratio");
    for limit in limits {
        let (mut doc, _) = pipeline.document(text.as_bytes(), Path::new("bench.txt")).unwrap();
        let mut settings = Settings::new(ProviderKind::OpenAi);
        settings.endpoint = Some(format!("{}/v1", server.uri()));
        settings.use_cache = false;
        settings.concurrency = limit;
        settings.requests_per_minute = 0;
        let translator = Translator::with_key(settings, Some(ApiKey::new("bench-key"))).unwrap();
        let start = Instant::now();
        let outcome = translator.translate_document(&mut doc);
        let elapsed = start.elapsed();
        assert!(outcome.is_complete() && outcome.translated == PARAGRAPHS, "{outcome:?}");
        let expected = LATENCY.mul_f64((PARAGRAPHS as f64 / limit as f64).ceil());
        println!(
            "{limit:>11} {:>8.2} s {:>8.2} s {:>9.2}",
            elapsed.as_secs_f64(),
            expected.as_secs_f64(),
            elapsed.as_secs_f64() / expected.as_secs_f64()
        );
    }
}
