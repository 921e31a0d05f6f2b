//! `duizhao glossary import` (TBX 2008 and 2019, CSV and TSV with headers, DeepL exports) and
//! `duizhao glossary check` (duplicates and conflicts with FILE:LINE).

mod common;

use common::*;

const DIR: &str = "tests/fixtures/glossary";

/// Imports `file` into a temporary .tsv; returns the TSV, standard error and the folder.
fn import(file: &str, extra: &[&str]) -> (String, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported.tsv");
    let path = format!("{DIR}/{file}");
    let mut args = vec!["glossary", "import", &path, "-o", out.to_str().unwrap()];
    args.extend(extra);
    let output = run(&args);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    (std::fs::read_to_string(&out).unwrap(), err, dir)
}

/// The entry lines (not comments) of a glossary.
fn lines(tsv: &str) -> Vec<&str> {
    tsv.lines().filter(|l| !l.starts_with('#')).collect()
}

/// The imported file is a glossary `build --glossary` reads without errors, and its terms
/// are matched in an article.
fn usable(dir: &tempfile::TempDir, zh: &str, term: &str) {
    let article = dir.path().join("a.txt");
    std::fs::write(&article, zh).unwrap();
    let glossary = dir.path().join("imported.tsv");
    let (out, output) = build(&[&article], &["--format", "json", "--glossary", glossary.to_str().unwrap()]);
    let err = stderr(&output);
    assert!(output.status.success() && !err.contains("glossary"), "{err}");
    let doc = json(out.path(), "a");
    let tokens = doc["paragraphs"][0]["tokens"].as_array().unwrap();
    assert!(tokens.iter().any(|t| t["text"] == term && t["glossary"].is_object()), "{term} not matched");
}

#[test]
fn tbx_basic_with_pronunciation_alternatives_and_notes() {
    let (tsv, err, dir) = import("terms.tbx", &[]);
    assert_eq!(
        lines(&tsv),
        [
            "小红书\tXiǎo hóng shū\tXiaohongshu / RedNote\tlifestyle and social app",
            "糖衣炮弹\ttáng yī pào dàn\tsugar-coated bullets & shells\t",
        ]
    );
    assert!(err.contains("skipped tests/fixtures/glossary/terms.tbx:27: the entry needs a Chinese"), "{err}");
    usable(&dir, "他们说这是糖衣炮弹。", "糖衣炮弹");
}

#[test]
fn tbx_2019_concept_entries() {
    let (tsv, _, _) = import("terms-2019.tbx", &[]);
    assert_eq!(lines(&tsv), ["免签\tmiǎn qiān\tvisa exemption\t"]);
}

#[test]
fn csv_with_header_quotes_and_missing_pinyin() {
    let (tsv, err, dir) = import("terms.csv", &[]);
    assert_eq!(
        lines(&tsv),
        [
            "小红书\tXiǎo hóng shū\tXiaohongshu (RedNote)\tapp, social",
            "糖衣炮弹\ttáng yī pào dàn\tsugar-coated \"bullets\"\t"
        ]
    );
    assert!(err.contains("terms.csv:4: no term or no English"), "{err}");
    usable(&dir, "很多人来到小红书。", "小红书");
}

#[test]
fn tsv_with_header() {
    let (tsv, _, dir) = import("terms.tsv", &[]);
    assert_eq!(lines(&tsv), ["免签\tmiǎn qiān\tvisa exemption\tpolicy", "TikTok难民\tnàn mín\tTikTok refugees\t"]);
    usable(&dir, "很多TikTok难民来了。", "TikTok难民");
}

#[test]
fn deepl_export_in_both_directions() {
    let (tsv, _, _) = import("deepl.csv", &[]);
    assert_eq!(
        lines(&tsv),
        [
            "小红书\txiǎo hóng shū\tXiaohongshu\t",
            "防火长城\tfáng huǒ cháng chéng\tGreat Firewall\t",
            "审查\tshěn chá\tcensorship\t"
        ]
    );
    // Forcing the format reads the same.
    let (forced, _, _) = import("deepl.csv", &["--from", "deepl"]);
    assert_eq!(lines(&forced), lines(&tsv));
}

#[test]
fn unreadable_tbx_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tbx");
    std::fs::write(&bad, "<martif><text><body><termEntry></body></martif>").unwrap();
    let output = run(&["glossary", "import", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("bad.tbx"), "{}", stderr(&output));
}

#[test]
fn check_lists_duplicates_and_conflicts_with_file_and_line() {
    let output = run(&["glossary", "check", &format!("{DIR}/repeats.tsv")]);
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("repeats.tsv:2: duplicate: 小红书 is defined 2 times"), "{out}");
    assert!(out.contains("repeats.tsv:4: Xiaohongshu"), "{out}");
    assert!(out.contains("repeats.tsv:3: conflict: 免签 is defined 2 times"), "{out}");
    assert!(out.contains("repeats.tsv:5: visa-free entry"), "{out}");
    assert!(!out.contains("微信"), "{out}");
    assert!(stderr(&output).contains("1 duplicates, 1 conflicts"));
}

#[test]
fn check_is_quiet_on_the_shipped_glossary_and_on_imports() {
    let output = run(&["glossary", "check"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    let (_, _, dir) = import("terms.tbx", &[]);
    let output = run(&["glossary", "check", dir.path().join("imported.tsv").to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
}
