//! The Markdown edition read by pandoc as CommonMark: every paragraph's Chinese and English
//! come back exactly as the JSON has them, whatever Markdown characters they hold (list and
//! heading markers at a line's start, emphasis, links, raw HTML, entities, backslashes).

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

/// pandoc's plain text of a Markdown file, a line a paragraph, list bullets and quote
/// indentation taken off.
fn pandoc_lines(pandoc: &Path, markdown: &Path) -> Vec<String> {
    let output = Command::new(pandoc)
        .args(["-f", "commonmark", "-t", "plain", "--wrap=none"])
        .arg(markdown)
        .output()
        .expect("pandoc runs");
    assert!(output.status.success(), "pandoc: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| l.strip_prefix("-   ").unwrap_or(l).trim().to_string())
        .collect()
}

#[test]
fn pandoc_reads_every_paragraph_back_as_written() {
    let test = "pandoc_reads_every_paragraph_back_as_written";
    let Some(pandoc) = tools::require(test, "pandoc", &["/usr/bin/pandoc", "/usr/local/bin/pandoc"]) else { return };
    let dir = tempfile::tempdir().unwrap();
    // Plain text keeps every character as it is: Markdown's markers are text here.
    let zh = [
        "1. 这不是列表，是正文。",
        "# 这不是标题",
        "*星号*和_下划线_，还有<b>标签</b>与[链接](http://example.com)，`代码`，反斜杠\\，竖线|，&amp;。",
        "+ 加号开头",
        "- 减号开头",
        "2020) 年份",
        "=== 等号",
    ];
    let en = [
        "1. This is not a list, it is text.",
        "# Not a heading",
        "2 * 3 = 6 and a_b_c, <b>tag</b>, [link](http://example.com), `code`, back\\slash, pipe |, AT&T &amp; co.",
        "+ starts with a plus",
        "- starts with a minus",
        "2020) The year",
        "=== equals signs",
    ];
    std::fs::write(dir.path().join("plain.txt"), zh.join("\n\n")).unwrap();
    std::fs::write(dir.path().join("plain.en.txt"), en.join("\n\n")).unwrap();
    // Markdown input: a heading, a quote and a list item whose text holds escaped markers.
    std::fs::write(
        dir.path().join("kinds.md"),
        "---\ntitle: 种类\n---\n\n## 1\\. 标题里有\\*星号\\*\n\n> 引用里有\\[方括号\\]和\\<尖括号\\>。\n\n- 列表里有\\_下划线\\_。\n",
    )
    .unwrap();
    let inputs = [dir.path().join("plain.txt"), dir.path().join("kinds.md")];
    let refs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let (out, output) = build(&refs, &["--format", "md,json"]);
    assert!(output.status.success(), "{}", stderr(&output));

    for slug in ["plain", "kinds"] {
        let lines = pandoc_lines(&pandoc, &out.path().join(format!("{slug}.md")));
        let doc = json(out.path(), slug);
        for p in doc["paragraphs"].as_array().unwrap() {
            for text in [p["zh"].as_str(), p["en"].as_str()].into_iter().flatten() {
                assert!(lines.iter().any(|l| l == text), "{slug}: pandoc does not show {text:?} as it is:\n{lines:#?}");
            }
        }
    }
    // The texts are the ones given: the JSON is not the thing being checked against itself.
    let plain = json(out.path(), "plain");
    let given: Vec<&str> = plain["paragraphs"].as_array().unwrap().iter().map(|p| p["zh"].as_str().unwrap()).collect();
    assert_eq!(given, zh);
    let kinds = json(out.path(), "kinds");
    let given: Vec<&str> = kinds["paragraphs"].as_array().unwrap().iter().map(|p| p["zh"].as_str().unwrap()).collect();
    assert_eq!(given, ["1. 标题里有*星号*", "引用里有[方括号]和<尖括号>。", "列表里有_下划线_。"]);
}
