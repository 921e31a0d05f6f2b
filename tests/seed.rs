//! The seed article end to end through the real binary.

mod common;

use common::*;

/// The seed alone, without the English translation kept beside it in seeds/.
fn seed_alone() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("000_9cd979bd4177cabe.txt");
    std::fs::copy(root().join("seeds/000_9cd979bd4177cabe.txt"), &seed).unwrap();
    (dir, seed)
}

fn seed_doc() -> serde_json::Value {
    let (_dir, seed) = seed_alone();
    let (out, output) = build(&[&seed], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    json(out.path(), "000_9cd979bd4177cabe")
}

#[test]
fn eighteen_body_paragraphs_in_order_without_chrome() {
    let doc = seed_doc();
    let paragraphs = paragraphs(&doc);
    assert_eq!(paragraphs.len(), 18);
    assert!(paragraphs[0].starts_with("这两天小红书上涌进来"));
    assert!(paragraphs[17].starts_with("当然以上都是"));
    for p in &paragraphs {
        for chrome in ["CDT 档案卡", "标题：", "作者：", "版权说明", "Facebook", "Twitter", "Copy Link", "addtoany"]
        {
            assert!(!p.contains(chrome), "chrome text {chrome:?} in paragraph {p:?}");
        }
    }
    let ids: Vec<&str> = doc["paragraphs"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], "p1");
    assert_eq!(ids[17], "p18");
}

#[test]
fn metadata() {
    let doc = seed_doc();
    let meta = &doc["meta"];
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(meta["title"], "不妨把小红书留作一个互联网治理和发展中美民间友谊的特区");
    assert_eq!(meta["author"], "阜成门六号院");
    assert_eq!(meta["date"], "2025-01-15");
    assert_eq!(meta["source_url"], "https://chinadigitaltimes.net/chinese/715134.html");
    assert_eq!(meta["archived_at"], "2025-01-17T01:30:21Z");
    assert_eq!(meta["topics"][0], "TikTok难民进入小红书");
    assert!(meta["copyright"].as_str().unwrap().starts_with("该作品版权归原作者所有"));
}

#[test]
fn tokens_rebuild_paragraphs_and_every_han_token_has_pinyin() {
    let doc = seed_doc();
    for p in doc["paragraphs"].as_array().unwrap() {
        let tokens = p["tokens"].as_array().unwrap();
        let joined: String = tokens.iter().map(|t| t["text"].as_str().unwrap()).collect();
        assert_eq!(joined, p["zh"].as_str().unwrap());
        let sentences: String = p["sentences"].as_array().unwrap().iter().map(|s| s["zh"].as_str().unwrap()).collect();
        assert_eq!(sentences, p["zh"].as_str().unwrap());
        assert!(p["en"].is_null());
        for t in tokens {
            let has_han = t["text"].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert_eq!(has_han, t["pinyin"].is_string(), "token {t}");
        }
    }
}

#[test]
fn glossary_terms_are_single_tokens_with_their_english_and_pinyin() {
    let doc = seed_doc();
    let tokens: Vec<&serde_json::Value> =
        doc["paragraphs"].as_array().unwrap().iter().flat_map(|p| p["tokens"].as_array().unwrap()).collect();
    let find = |text: &str| tokens.iter().find(|t| t["text"] == text).unwrap_or_else(|| panic!("no token {text}"));
    assert_eq!(find("小红书")["pinyin"], "Xiǎohóngshū");
    assert_eq!(find("小红书")["glossary"]["english"], "Xiaohongshu (RedNote)");
    assert_eq!(find("糖衣炮弹")["glossary"]["english"], "sugar-coated bullets");
    assert_eq!(find("改革开放总设计师")["glossary"]["english"], "chief architect of reform and opening-up");
    assert!(find("Tik Tok难民")["glossary"].is_object());
    assert!(find("免签")["glossary"].is_object());
    // Dictionary glosses on ordinary words.
    assert!(find("现象")["gloss"].as_str().unwrap().contains("phenomenon"));
}

#[test]
fn html_and_markdown_editions() {
    let (_dir, seed) = seed_alone();
    let (out, output) = build(&[&seed], &["--format", "html,md"]);
    assert!(output.status.success());
    let html = std::fs::read_to_string(out.path().join("000_9cd979bd4177cabe.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(page.select(&sel("div.pair")).count(), 18);
    // Without English the page is the Chinese alone, at full width: no empty column, no
    // banner meant for whoever ran the build.
    for pair in page.select(&sel("div.pair")) {
        assert_eq!(pair.select(&sel(".zh")).count(), 1);
        assert_eq!(pair.select(&sel(".en")).count(), 0);
    }
    assert_eq!(page.select(&sel("body.layout-zh-only.single")).count(), 1);
    assert_eq!(page.select(&sel("div.columns")).count(), 0);
    assert!(!html.contains("No translation was configured"));
    assert!(stderr(&output).contains("note: the edition has no English: translate with --translate PROVIDER"));
    assert!(page.select(&sel("ruby rt")).count() > 500);
    let term = page.select(&sel("ruby.term")).next().unwrap();
    assert!(term.value().attr("title").is_some());
    // One small inline script for the toolbar, which stays hidden without it; nothing fetched.
    assert_eq!(page.select(&sel("script[src]")).count(), 0);
    assert!(page.select(&sel("nav#toolbar[hidden]")).next().is_some());
    assert!(!html.contains("<link") && !html.contains("src=\"http"), "self-contained");
    assert!(page.select(&sel("a[href='https://chinadigitaltimes.net/chinese/715134.html']")).next().is_some());
    assert!(!out.path().join("000_9cd979bd4177cabe.json").exists());
    let md = std::fs::read_to_string(out.path().join("000_9cd979bd4177cabe.md")).unwrap();
    assert!(md.contains("*zhè liǎng tiān Xiǎohóngshū"));
    assert_eq!(md.matches("<a id=\"p").count(), 18);
}

#[test]
fn committed_output_is_up_to_date() {
    let (out, output) = build(&[&root().join("seeds")], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut names: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let fresh = std::fs::read(out.path().join(&name)).unwrap();
        let committed = std::fs::read(root().join("output").join(&name)).unwrap_or_default();
        assert!(
            fresh == committed,
            "output/{name} is stale: run `cargo run --release -- build seeds/` and commit output/"
        );
    }
}
