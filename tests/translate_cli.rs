//! `duizhao build --translate` end to end, against servers on 127.0.0.1: kill and resume, the
//! key kept out of every output, the cache and the logs, dry runs, --retranslate and --no-cache,
//! one clear error before any work for a missing key or an unreachable endpoint, untranslated
//! paragraphs marked and the run exiting 1, glossary compliance in the QA report.

mod translate_support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use duizhao::translate::ProviderKind;
use duizhao::translate::cache::Cache;
use serde_json::{Value, json};
use translate_support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const KEY: &str = "sk-cli-SECRET-7a6b5c4d3e2f1a0b";
const KEY_VARS: [&str; 4] = ["OPENAI_API_KEY", "DEEPL_AUTH_KEY", "LIBRETRANSLATE_API_KEY", "GOOGLE_API_KEY"];

/// The command `duizhao ARGS` in `dir`, with `OPENAI_API_KEY` set to `key` (and no other key).
fn command(dir: &Path, args: &[&str], key: Option<&str>) -> Command {
    let mut cmd = Command::new(binary());
    cmd.args(args).current_dir(dir).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in KEY_VARS {
        cmd.env_remove(var);
    }
    if let Some(key) = key {
        cmd.env("OPENAI_API_KEY", key);
    }
    cmd
}

fn run(dir: &Path, args: &[&str], key: Option<&str>) -> (Output, String) {
    let output = command(dir, args, key).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output, stderr)
}

/// A work folder with `article.txt` of `n` paragraphs and a duizhao.toml for `kind` at `endpoint`.
fn workdir(kind: ProviderKind, endpoint: &str, n: usize, extra: &str) -> tempfile::TempDir {
    let dir = tempdir();
    std::fs::write(dir.path().join("article.txt"), article(n)).unwrap();
    let config = format!(
        "[translate]\nprovider = \"{}\"\nendpoint = \"{endpoint}\"\nmodel = \"test-model\"\nrequests_per_minute = 0\n\
         retries = 2\ntimeout_secs = 10\n{extra}",
        kind.name()
    );
    std::fs::write(dir.path().join("duizhao.toml"), config).unwrap();
    dir
}

fn json_of(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("output/article.json")).unwrap()).unwrap()
}

fn assert_json_aligned(json: &Value, n: usize) {
    let paragraphs = json["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), n);
    for (i, p) in paragraphs.iter().enumerate() {
        let en = p["en"].as_str().unwrap_or_else(|| panic!("p{} untranslated: {p}", i + 1));
        assert!(en.starts_with(&format!("Paragraph {} ", i + 1)), "{en}");
    }
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(files(&path)) } else { out.push(path) }
    }
    out
}

#[test]
fn kill_and_resume_sends_only_what_the_first_run_did_not_finish() {
    let first = Server::start();
    let responder = Translating {
        slow_after: Some(3),
        slow_delay: Duration::from_secs(60),
        ..Translating::new(ProviderKind::OpenAi)
    };
    first.mount(Mock::given(method("POST")).respond_with(responder));
    first.mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []}))));
    let dir = workdir(ProviderKind::OpenAi, &format!("{}/v1", first.uri()), 8, "concurrency = 1\n");
    let mut child = command(dir.path(), &["build", "article.txt"], Some(KEY)).spawn().unwrap();
    let cache_path = dir.path().join(".duizhao/cache.sqlite");
    let start = Instant::now();
    loop {
        let cached = if cache_path.exists() { Cache::open(&cache_path).unwrap().len().unwrap() } else { 0 };
        if cached == 3 && first.calls("/chat/completions").len() == 4 {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "the first run did not get going");
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!dir.path().join("output/article.json").exists(), "killed before writing");

    let second = Server::start();
    second.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::OpenAi)));
    second
        .mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []}))));
    let config = std::fs::read_to_string(dir.path().join("duizhao.toml")).unwrap().replace(&first.uri(), &second.uri());
    std::fs::write(dir.path().join("duizhao.toml"), config).unwrap();
    let (output, stderr) = run(dir.path(), &["build", "article.txt"], Some(KEY));
    assert!(output.status.success(), "{stderr}");
    assert_eq!(second.calls("/chat/completions").len(), 5, "8 paragraphs, 3 cached by the killed run");
    assert!(stderr.contains("5 of 8 paragraphs translated, 3 from cache, 0 failed"), "{stderr}");
    assert_json_aligned(&json_of(dir.path()), 8);
}

#[test]
fn the_key_never_appears_in_outputs_cache_or_logs() {
    let server = Server::start();
    // The server echoes the key in an error (as some do), then answers.
    server.mount(
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(500).set_body_json(json!({
                "error": {"message": format!("upstream failed for key {KEY}"), "type": "server_error"}
            })))
            .up_to_n_times(1),
    );
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::OpenAi)));
    let dir = workdir(ProviderKind::OpenAi, &format!("{}/v1", server.uri()), 3, "");
    // --verbose tells the endpoint, model, cache and files, and still never the key.
    let (output, stderr) = run(dir.path(), &["build", "article.txt", "--verbose"], Some(KEY));
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("duizhao: translation: provider openai") && stderr.contains("wrote "), "{stderr}");
    let mut logs = stderr.clone() + &String::from_utf8_lossy(&output.stdout);

    // A refused key, echoed back by the server: the message names the variable, not the key.
    server.reset();
    server.mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(401).set_body_json(json!({
        "error": {"message": format!("Incorrect API key provided: {KEY}"), "code": "invalid_api_key"}
    }))));
    let (output, stderr) = run(dir.path(), &["-v", "build", "article.txt", "--no-cache"], Some(KEY));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("OPENAI_API_KEY") && stderr.contains("HTTP 401"), "{stderr}");
    logs += &stderr;
    // The key sent on a 401 during the run, not at preflight.
    server.reset();
    server
        .mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []}))));
    server.mount(Mock::given(method("POST")).respond_with(ResponseTemplate::new(401).set_body_json(json!({
        "error": {"message": format!("Incorrect API key provided: {KEY}"), "code": "invalid_api_key"}
    }))));
    let (output, stderr) = run(dir.path(), &["build", "-v", "article.txt", "--retranslate", "p1,p2,p3"], Some(KEY));
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("translation stopped"), "{stderr}");
    logs += &stderr;

    assert!(!logs.contains(KEY), "key in the logs:\n{logs}");
    let all = files(dir.path());
    assert!(all.iter().any(|p| p.ends_with("cache.sqlite")));
    assert!(all.iter().any(|p| p.ends_with("article.json")));
    for file in all {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if file.ends_with("duizhao.toml") || file.ends_with("article.txt") {
            continue;
        }
        assert!(!text.contains(KEY), "key in {}", file.display());
    }
}

#[test]
fn dry_run_counts_after_cache_hits_and_sends_nothing() {
    let server = Server::start();
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::LibreTranslate)));
    server.mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!([]))));
    let dir = workdir(ProviderKind::LibreTranslate, &server.uri(), 4, "batch_size = 2\n");
    let (output, stderr) = run(dir.path(), &["build", "article.txt"], None);
    assert!(output.status.success(), "{stderr}");
    server.reset();
    // Two more paragraphs.
    std::fs::write(dir.path().join("article.txt"), article(6)).unwrap();
    let new_chars: usize = article(6).split("\n\n").skip(4).map(|p| p.trim().chars().count()).sum();
    let (output, stderr) = run(dir.path(), &["build", "article.txt", "--dry-run", "-o", "dry"], None);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "would send 1 request with {new_chars} characters for 2 of 6 paragraphs (4 cached); nothing was sent"
        )),
        "{stderr}"
    );
    assert!(server.requests().is_empty(), "a dry run sends nothing, not even a preflight");
    assert!(!dir.path().join("dry").exists(), "a dry run writes nothing");
}

#[test]
fn retranslate_and_no_cache() {
    let server = Server::start();
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::OpenAi)));
    server
        .mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []}))));
    let dir = workdir(ProviderKind::OpenAi, &format!("{}/v1", server.uri()), 3, "");
    let (output, stderr) = run(dir.path(), &["build", "article.txt"], Some(KEY));
    assert!(output.status.success(), "{stderr}");
    assert_eq!(server.calls("/chat/completions").len(), 3);

    let (output, stderr) = run(dir.path(), &["build", "article.txt", "--retranslate", "p2"], Some(KEY));
    assert!(output.status.success(), "{stderr}");
    let calls = server.calls("/chat/completions");
    assert_eq!(calls.len(), 4, "only p2 again");
    assert!(request_texts(ProviderKind::OpenAi, &calls[3].body)[0].starts_with("第2段"));

    let cache = dir.path().join(".duizhao/cache.sqlite");
    let modified = std::fs::metadata(&cache).unwrap().modified().unwrap();
    let (output, stderr) = run(dir.path(), &["build", "article.txt", "--no-cache"], Some(KEY));
    assert!(output.status.success(), "{stderr}");
    assert_eq!(server.calls("/chat/completions").len(), 7, "everything again");
    assert_eq!(std::fs::metadata(&cache).unwrap().modified().unwrap(), modified, "cache untouched");
    assert_json_aligned(&json_of(dir.path()), 3);
}

#[test]
fn a_missing_key_is_one_clear_error_before_any_work() {
    let dir = workdir(ProviderKind::OpenAi, "http://127.0.0.1:9/v1", 3, "");
    let (output, stderr) = run(dir.path(), &["build", "article.txt"], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("openai needs an API key: set the environment variable OPENAI_API_KEY"), "{stderr}");
    assert!(!dir.path().join("output").exists());
}

#[test]
fn an_unreachable_endpoint_is_one_clear_error_before_any_work() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = workdir(ProviderKind::LibreTranslate, &format!("http://127.0.0.1:{port}"), 3, "");
    let (output, stderr) = run(dir.path(), &["build", "article.txt"], None);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("could not connect"), "{stderr}");
    assert!(!dir.path().join("output").exists());
}

#[test]
fn untranslated_paragraphs_are_marked_the_run_exits_1_and_glossary_violations_reported() {
    let server = Server::start();
    let user_text = |r: &wiremock::Request| request_texts(ProviderKind::OpenAi, &r.body)[0].clone();
    // p2 is refused; p3's English leaves out the glossary rendering of 小红书.
    server.mount(
        Mock::given(method("POST"))
            .and(move |r: &wiremock::Request| user_text(r).starts_with("第2段"))
            .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {"message": "bad input"}}))),
    );
    server.mount(
        Mock::given(method("POST"))
            .and(move |r: &wiremock::Request| user_text(r).starts_with("第3段"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paragraph 3 says RedNote has many users. They talk."}, "finish_reason": "stop"}]
            }))),
    );
    server.mount(Mock::given(method("POST")).respond_with(Translating::new(ProviderKind::OpenAi)));
    server
        .mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []}))));
    let dir = workdir(ProviderKind::OpenAi, &format!("{}/v1", server.uri()), 4, "");
    let (output, stderr) = run(dir.path(), &["build", "article.txt"], Some(KEY));
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("1 paragraph not translated"), "{stderr}");
    assert!(!stderr.contains("translating ["), "no progress bar off a terminal: {stderr}");
    let json = json_of(dir.path());
    assert_eq!(json["meta"]["translation"]["source"], "openai (test-model)");
    assert_eq!(json["meta"]["translation"]["model"], "test-model");
    assert_eq!(json["meta"]["translation"]["prompt_version"], "1");
    assert!(json["meta"]["translation"]["glossary_version"].is_string());
    let p = &json["paragraphs"];
    assert!(p[0]["en"].as_str().unwrap().starts_with("Paragraph 1 "));
    assert_eq!(p[1]["en"], Value::Null);
    assert!(p[1]["error"].as_str().unwrap().contains("HTTP 400"), "{}", p[1]);
    assert!(p[3]["en"].as_str().unwrap().starts_with("Paragraph 4 "));
    assert_eq!(p[0]["sentences"][1]["en"], "This is sentence 2.");
    let qa: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("output/article.qa.json")).unwrap()).unwrap();
    let glossary: Vec<&Value> =
        qa["findings"].as_array().unwrap().iter().filter(|f| f["check"] == "glossary").collect();
    assert_eq!(glossary.len(), 1, "{qa}");
    assert_eq!(glossary[0]["paragraph"], "p3");
    assert!(stderr.contains("QA article p3: glossary term 小红书"), "{stderr}");
    let html = std::fs::read_to_string(dir.path().join("output/article.html")).unwrap();
    assert_eq!(html.matches("glossary: 小红书 should be rendered “Xiaohongshu (RedNote)”").count(), 1);
    assert!(html.contains("— not translated: the server refused the request (HTTP 400)"), "{html}");
}

#[test]
fn providers_lists_what_each_needs() {
    let dir = tempdir();
    let (output, _) = run(dir.path(), &["providers"], None);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    for kind in ProviderKind::ALL {
        assert!(stdout.contains(kind.name()) && stdout.contains(kind.default_key_env()), "{stdout}");
    }
}

#[test]
fn translation_flags_without_a_provider_are_usage_errors() {
    let dir = tempdir();
    std::fs::write(dir.path().join("a.txt"), "你好。\n").unwrap();
    let (output, stderr) = run(dir.path(), &["build", "a.txt", "--dry-run"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("--translate"), "{stderr}");
    let (output, stderr) = run(dir.path(), &["build", "a.txt", "--translate", "babelfish"], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("unknown provider"), "{stderr}");
    // Without any of it, nothing changes: no network, no cache.
    let (output, stderr) = run(dir.path(), &["build", "a.txt"], None);
    assert!(output.status.success(), "{stderr}");
    assert!(!dir.path().join(".duizhao").exists());
}

#[test]
fn flags_select_the_provider_without_a_config_file() {
    let server = Server::start();
    server.mount(
        Mock::given(method("POST")).and(path("/v2/translate")).respond_with(Translating::new(ProviderKind::DeepL)),
    );
    server.mount(
        Mock::given(method("POST"))
            .and(path("/v2/glossaries"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({"glossary_id": "g-1", "ready": true}))),
    );
    server.mount(Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)));
    server.mount(Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({}))));
    let dir = tempdir();
    std::fs::write(dir.path().join("article.txt"), article(3)).unwrap();
    let mut cmd =
        command(dir.path(), &["build", "article.txt", "--translate", "deepl", "--endpoint", &server.uri()], None);
    cmd.env("DEEPL_AUTH_KEY", KEY);
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_json_aligned(&json_of(dir.path()), 3);
    let html = std::fs::read_to_string(dir.path().join("output/article.html")).unwrap();
    assert!(html.contains("Paragraph 2 speaks."));
}
