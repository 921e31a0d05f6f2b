//! Bad input gets a clear error naming the file, never a panic, and never costs the other
//! inputs their outputs.

mod common;

use common::*;
use std::path::Path;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn bad_inputs_fail_alone_and_good_ones_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", "第一段。\n\n第二段。".as_bytes());
    let empty = write(dir.path(), "empty.txt", b"");
    let binary = write(dir.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let nul = write(dir.path(), "nul.txt", b"abc\0\0\0def");
    let no_text = write(dir.path(), "scripts.html", b"<html><body><script>var a = 1;</script></body></html>");
    let missing = dir.path().join("missing.txt");
    let good2 = write(dir.path(), "good2.md", "# 标题\n\n正文。".as_bytes());
    let (out, output) = build(&[&good, &empty, &binary, &nul, &no_text, &missing, &good2], &[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("empty.txt: the file is empty"), "{err}");
    assert!(err.contains("image.txt: this looks like a binary file (a PNG image)"), "{err}");
    assert!(err.contains("nul.txt: this looks like a binary file (NUL byte at offset 3)"), "{err}");
    assert!(err.contains("scripts.html: no body text found"), "{err}");
    assert!(err.contains("missing.txt: no such file or folder"), "{err}");
    assert!(err.contains("2 inputs built, 5 failed:"), "{err}");
    for slug in ["good", "good2"] {
        for ext in ["html", "md", "json"] {
            assert!(out.path().join(format!("{slug}.{ext}")).exists(), "{slug}.{ext} missing");
        }
    }
    assert!(!out.path().join("empty.json").exists());
}

#[test]
fn truncated_gbk_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode("这是用国标码保存的文章，结尾被截断了。第二句话也在这里。");
    let path = write(dir.path(), "cut.txt", &gbk[..gbk.len() - 1]);
    let (out, output) = build(&[&path], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("cut.txt: the file ends in the middle of a GB18030 character"));
    let doc = json(out.path(), "cut");
    assert!(paragraphs(&doc)[0].starts_with("这是用国标码保存的文章，结尾被截断了。"));
}

#[test]
fn undecodable_bytes_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "第一行是正常的文字\n第二行也是\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe\xfd broken \xc3\x28 more");
    let path = write(dir.path(), "mixed.txt", &bytes);
    let (_, output) = build(&[&path], &[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("mixed.txt: line 3"), "{err}");
}

#[test]
fn malformed_html_still_gives_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "broken.html", "<div><p>第一段<b>没有闭合<p>第二段</div></span><p>第三段".as_bytes());
    let (out, output) = build(&[&path], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(paragraphs(&json(out.path(), "broken")), ["第一段没有闭合", "第二段", "第三段"]);
}

#[test]
fn malformed_glossary_line_is_named_and_the_rest_still_applies() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = write(
        dir.path(),
        "terms.tsv",
        "好奇\thào qí\tcurious\t\n坏行 no tabs here\n围观\twéi guān\tlook on\t\n".as_bytes(),
    );
    let article = write(dir.path(), "a.txt", "国内是好奇围观的。".as_bytes());
    let glossary_arg = glossary.display().to_string();
    let (out, output) = build(&[&article], &["--glossary", &glossary_arg]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("terms.tsv:2: expected 4 tab-separated columns"), "{err}");
    let doc = json(out.path(), "a");
    let tokens = doc["paragraphs"][0]["tokens"].as_array().unwrap();
    assert!(tokens.iter().any(|t| t["text"] == "围观" && t["glossary"]["english"] == "look on"));
}

#[test]
fn usage_errors_exit_2() {
    let output = run(&["build"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["build", "seeds", "--pinyin", "loud"]);
    assert_eq!(output.status.code(), Some(2));
}
