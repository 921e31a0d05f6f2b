//! Command-line behaviour: standard input, formats, pinyin styles, glossary overrides.

mod common;

use common::*;

#[test]
fn stdin_input_becomes_stdin_outputs() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().display().to_string();
    let output = run_in(&root(), &["build", "-", "-o", &dir], "第一段。\n\n第二段，有两句。还有一句！".as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = json(out.path(), "stdin");
    assert_eq!(paragraphs(&doc), ["第一段。", "第二段，有两句。还有一句！"]);
    assert_eq!(doc["paragraphs"][1]["sentences"].as_array().unwrap().len(), 2);
    assert!(out.path().join("stdin.html").exists() && out.path().join("stdin.md").exists());
}

#[test]
fn pinyin_styles_in_build() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "银行行长说了算。").unwrap();
    let pinyin_of = |style: &str| -> Vec<serde_json::Value> {
        let (out, output) = build(&[&article], &["--format", "json", "--pinyin", style]);
        assert!(output.status.success());
        let doc = json(out.path(), "a");
        doc["paragraphs"][0]["tokens"].as_array().unwrap().iter().map(|t| t["pinyin"].clone()).collect()
    };
    assert_eq!(pinyin_of("marks")[..2], [serde_json::json!("yínháng"), serde_json::json!("hángzhǎng")]);
    assert_eq!(pinyin_of("numbers")[..2], [serde_json::json!("yin2hang2"), serde_json::json!("hang2zhang3")]);
    assert!(pinyin_of("none").iter().all(serde_json::Value::is_null));
}

#[test]
fn user_glossary_overrides_the_shipped_one_and_adds_terms() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "小红书上的美食美景。").unwrap();
    let glossary = dir.path().join("mine.tsv");
    std::fs::write(
        &glossary,
        "小红书\tXiǎo hóng shū\tRedNote\tbrand name\n美食美景\tměi shí měi jǐng\tfood and scenery\t\n",
    )
    .unwrap();
    let g = glossary.display().to_string();
    let (out, output) = build(&[&article], &["--format", "json", "--glossary", &g]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = json(out.path(), "a");
    let tokens = doc["paragraphs"][0]["tokens"].as_array().unwrap();
    assert_eq!(tokens[0]["glossary"]["english"], "RedNote");
    assert!(tokens.iter().any(|t| t["text"] == "美食美景" && t["pinyin"] == "měishíměijǐng"));
    // Without the shipped glossary, only the user's terms apply.
    let (out, _) = build(&[&article], &["--format", "json", "--no-default-glossary"]);
    let doc = json(out.path(), "a");
    assert!(doc["paragraphs"][0]["tokens"].as_array().unwrap().iter().all(|t| t.get("glossary").is_none()));
}

#[test]
fn folder_inputs_skip_unsupported_and_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# 标题\n\n正文。").unwrap();
    std::fs::write(dir.path().join("b.png"), b"\x89PNG").unwrap();
    std::fs::write(dir.path().join(".hidden.txt"), "隐藏").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/c.txt"), "子目录。").unwrap();
    let (out, output) = build(&[dir.path()], &["--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut names: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["a.json", "c.json"]);
    assert_eq!(json(out.path(), "a")["meta"]["title"], "标题");
}
