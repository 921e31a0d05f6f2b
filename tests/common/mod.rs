//! Helpers shared by the integration tests: running the real binary, finding ../shared.
#![allow(dead_code)]

pub mod align_eval;
pub mod browser;
pub mod tools;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A test that cannot run here: in CI (CI=true) that is a failure, since CI installs every
/// tool and has ../shared; elsewhere the test says so and passes. The message goes straight to
/// the process's standard error, which the test harness does not capture (it captures
/// `eprintln!`, and shows it only for failing tests).
pub fn skip(test: &str, reason: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: {reason}; CI must run this test (.ci/run installs what it needs)");
    }
    let _ = writeln!(std::io::stderr(), "skipped {test}: {reason}");
}

/// The project folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `duizhao ARGS` in `dir`, with `stdin` as standard input.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("duizhao starts");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().expect("duizhao finishes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "duizhao panicked:\n{stderr}");
    output
}

/// Runs `duizhao ARGS` in the project folder.
pub fn run(args: &[&str]) -> Output {
    run_in(&root(), args, b"")
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// ../shared, when present. In CI it must be present; elsewhere a test that needs it says
/// it was skipped.
pub fn shared(test: &str) -> Option<PathBuf> {
    let dir = root().join("../shared");
    if dir.join("articles").is_dir() {
        return Some(dir);
    }
    skip(test, "../shared not found beside the project");
    None
}

/// Reads the JSON output for `slug` in `dir`.
pub fn json(dir: &Path, slug: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(format!("{slug}.json"))).expect("json output exists");
    serde_json::from_str(&text).expect("json output parses")
}

/// The JSON files of the parts of the book or feed `slug` built into `out` (`out/slug/*.json`,
/// QA reports left out), in name order: the book's or the feed's order.
pub fn part_files(out: &Path, slug: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out.join(slug))
        .unwrap_or_else(|e| panic!("{}/{slug}: {e}", out.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().ends_with(".qa.json"))
        .collect();
    files.sort();
    files
}

/// The `zh` of every paragraph.
pub fn paragraphs(doc: &serde_json::Value) -> Vec<String> {
    doc["paragraphs"].as_array().unwrap().iter().map(|p| p["zh"].as_str().unwrap().to_string()).collect()
}

/// Builds `inputs` into a fresh temporary folder with `extra` arguments; returns the folder
/// and the process output.
pub fn build(inputs: &[&Path], extra: &[&str]) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<String> = vec!["build".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend(["-o".into(), out.path().display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args);
    (out, output)
}

/// The sentence links of a built document's JSON, numbered over the whole texts as
/// `--format links` numbers them.
pub fn sentence_links_of_json(doc: &serde_json::Value) -> Vec<(String, String)> {
    let numbers = |ids: Vec<usize>| ids.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    let (mut zh_offset, mut en_offset) = (0, 0);
    let mut out = Vec::new();
    for p in doc["paragraphs"].as_array().unwrap() {
        let links = p["alignment"]["sentences"].as_array().cloned().unwrap_or_default();
        let ids = |l: &serde_json::Value, side: &str| -> Vec<usize> {
            l[side].as_array().unwrap().iter().map(|n| n.as_u64().unwrap() as usize).collect()
        };
        let mut en_seen = 0;
        for l in &links {
            let zh: Vec<usize> = ids(l, "zh").iter().map(|n| n + zh_offset).collect();
            let en: Vec<usize> = ids(l, "en").iter().map(|n| n + en_offset).collect();
            en_seen += ids(l, "en").len();
            out.push((numbers(zh), numbers(en)));
        }
        zh_offset += p["sentences"].as_array().unwrap().len();
        en_offset += en_seen;
    }
    out
}
