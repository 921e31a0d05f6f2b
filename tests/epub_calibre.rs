//! EPUB books opened by calibre, the e-book manager publishers and readers use: its metadata
//! reader, its text output (what every conversion starts from), the Kindle format (AZW3) and
//! its PDF renderer. epubcheck (tests/epub.rs) says a book is valid; these say a reader's
//! program shows what the article holds, in order.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "000_9cd979bd4177cabe";

/// calibre's command-line tools, or `None` after saying the test was skipped.
fn calibre(test: &str) -> Option<PathBuf> {
    let convert = tools::require(test, "calibre (Debian package calibre)", &["/usr/bin/ebook-convert"])?;
    Some(convert.parent().unwrap().to_path_buf())
}

/// Runs calibre's `tool` with `args`, headless and with its settings in `config`; returns
/// standard output, or panics with what calibre said.
fn run_calibre(bin: &Path, tool: &str, config: &Path, args: &[&Path]) -> String {
    let output = Command::new(bin.join(tool))
        .args(args)
        .env("CALIBRE_CONFIG_DIRECTORY", config)
        // No display here; Qt WebEngine's sandbox cannot start as root (CI).
        .env("QT_QPA_PLATFORM", "offscreen")
        .env("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
        .output()
        .unwrap_or_else(|e| panic!("{tool} starts: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{tool} {args:?} failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    stdout
}

/// Converts `book` to `target` (the format is the extension) and returns calibre's text of
/// the result, converted again to TXT when the target is not TXT already.
fn text_of(bin: &Path, config: &Path, book: &Path, target: &Path) -> String {
    run_calibre(bin, "ebook-convert", config, &[book, target]);
    if target.extension().is_some_and(|e| e == "txt") {
        return std::fs::read_to_string(target).unwrap();
    }
    let txt = target.with_extension("txt");
    run_calibre(bin, "ebook-convert", config, &[target, &txt]);
    std::fs::read_to_string(txt).unwrap()
}

/// Text without white space, so that line breaks calibre adds or drops do not matter.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Finds each of `parts` in `text`, each after the one before; names the first missing.
fn assert_in_order(text: &str, parts: &[String], what: &str) {
    let text = squeezed(text);
    let mut at = 0;
    for (n, part) in parts.iter().enumerate() {
        let part = squeezed(part);
        match text[at..].find(&part) {
            Some(found) => at += found + part.len(),
            None => panic!("{what}: part {} of {} is missing or out of order: {part}", n + 1, parts.len()),
        }
    }
}

/// Each paragraph's Chinese, then its English, from the article's JSON.
fn paragraphs_and_translations(doc: &serde_json::Value) -> Vec<String> {
    let mut parts = Vec::new();
    for p in doc["paragraphs"].as_array().unwrap() {
        parts.push(p["zh"].as_str().unwrap().to_string());
        if let Some(en) = p["en"].as_str() {
            parts.push(en.to_string());
        }
    }
    parts
}

#[test]
fn calibre_reads_the_seed_book_metadata_and_every_paragraph_in_order() {
    let test = "calibre_reads_the_seed_book_metadata_and_every_paragraph_in_order";
    let Some(bin) = calibre(test) else { return };
    let (out, output) = build(&[&root().join("seeds")], &["--format", "epub,json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let config = tempfile::tempdir().unwrap();
    let book = out.path().join(format!("{SEED}.epub"));

    let meta = run_calibre(&bin, "ebook-meta", config.path(), &[&book]);
    let field = |name: &str| {
        meta.lines()
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim() == name).map(|(_, v)| v.trim().to_string()))
            .unwrap_or_else(|| panic!("ebook-meta shows no {name}:\n{meta}"))
    };
    assert_eq!(field("Title"), "不妨把小红书留作一个互联网治理和发展中美民间友谊的特区");
    assert_eq!(field("Author(s)"), "阜成门六号院");
    assert_eq!(field("Languages"), "zho, eng");
    assert!(field("Published").starts_with("2025-01-15"), "{meta}");

    let doc = json(out.path(), SEED);
    let text = text_of(&bin, config.path(), &book, &out.path().join("book.txt"));
    assert_eq!(doc["paragraphs"].as_array().unwrap().len(), 18);
    assert_in_order(&text, &paragraphs_and_translations(&doc), "calibre's text of the seed book");
}

#[test]
fn calibre_shows_pinyin_over_each_word_and_renders_the_book_as_pdf() {
    let test = "calibre_shows_pinyin_over_each_word_and_renders_the_book_as_pdf";
    let Some(bin) = calibre(test) else { return };
    let Some(pdftotext) = tools::require(test, "pdftotext (Debian package poppler-utils)", &["/usr/bin/pdftotext"])
    else {
        return;
    };
    let (out, output) = build(&[&root().join("seeds")], &["--format", "epub,json", "--ruby"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let config = tempfile::tempdir().unwrap();
    let book = out.path().join(format!("{SEED}.epub"));
    let doc = json(out.path(), SEED);

    // calibre's text keeps ruby as base then annotation: each word, then its pinyin.
    let text = text_of(&bin, config.path(), &book, &out.path().join("ruby.txt"));
    let first = &doc["paragraphs"][0];
    let words: Vec<String> = first["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| format!("{}{}", t["text"].as_str().unwrap(), t["pinyin"].as_str().unwrap_or("")))
        .collect();
    assert!(words.len() > 40, "{words:?}");
    assert_eq!(words[..3].concat(), "这zhè两liǎng天tiān");
    assert_in_order(&text, &[words.concat()], "the first paragraph with its pinyin");

    // The PDF is calibre's own rendering (Qt WebEngine): every page laid out, the English there.
    let pdf = out.path().join("book.pdf");
    run_calibre(&bin, "ebook-convert", config.path(), &[&book, &pdf]);
    let pdf_text = Command::new(pdftotext).arg(&pdf).arg("-").output().unwrap();
    assert!(pdf_text.status.success());
    let pdf_text = String::from_utf8_lossy(&pdf_text.stdout);
    let pages = pdf_text.matches('\u{c}').count();
    assert!((6..40).contains(&pages), "{pages} pages");
    let english: Vec<String> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["en"].as_str().unwrap().split(' ').take(6).collect::<Vec<_>>().join(" "))
        .collect();
    assert_in_order(&pdf_text, &english, "the start of every English paragraph in the PDF");
}

#[test]
fn a_bound_book_goes_to_kindle_with_every_article_in_order() {
    let test = "a_bound_book_goes_to_kindle_with_every_article_in_order";
    let Some(bin) = calibre(test) else { return };
    let mut inputs = vec![root().join(format!("seeds/{SEED}.txt"))];
    if let Some(shared) = shared(test) {
        for rel in ["cdt/cdt2020_400883.md", "opinion/oped2_2019-07-27_matters_hk49days_trad.md", "pages/cna.html"] {
            inputs.push(shared.join("articles").join(rel));
        }
    }
    let refs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let (out, output) = build(&refs, &["--format", "epub,json", "--book", "对照读本"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let config = tempfile::tempdir().unwrap();
    let text = text_of(&bin, config.path(), &out.path().join("book-对照读本.epub"), &out.path().join("book.azw3"));

    // Every article, in the order given: its title, then its paragraphs and their English.
    let mut parts = Vec::new();
    for input in &inputs {
        let slug = input.file_stem().unwrap().to_string_lossy();
        let doc = json(out.path(), &slug);
        parts.push(doc["meta"]["title"].as_str().unwrap().to_string());
        parts.extend(paragraphs_and_translations(&doc));
    }
    assert_in_order(&text, &parts, "calibre's text of the AZW3 book");
}

#[test]
fn a_book_without_english_is_chinese_for_calibre_and_its_kindle_book() {
    let test = "a_book_without_english_is_chinese_for_calibre_and_its_kindle_book";
    let Some(bin) = calibre(test) else { return };
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("只有中文.md");
    std::fs::write(&article, "---\ntitle: 只有中文\n---\n\n这本书没有英文，读者只读中文。\n").unwrap();
    let (out, output) = build(&[&article], &["--format", "epub"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let config = tempfile::tempdir().unwrap();
    let book = out.path().join("只有中文.epub");
    let languages = |meta: &str| {
        meta.lines()
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim() == "Languages").map(|(_, v)| v.trim().to_string()))
            .unwrap_or_else(|| panic!("ebook-meta shows no languages:\n{meta}"))
    };
    assert_eq!(languages(&run_calibre(&bin, "ebook-meta", config.path(), &[&book])), "zho");
    let azw3 = out.path().join("只有中文.azw3");
    run_calibre(&bin, "ebook-convert", config.path(), &[&book, &azw3]);
    assert_eq!(
        languages(&run_calibre(&bin, "ebook-meta", config.path(), &[&azw3])),
        "zho",
        "the Kindle book is Chinese"
    );
}
