//! The round trip with CAT tools: the seed's OmegaT project opened by the real OmegaT in
//! console mode (every segment translated, the Chinese as source); one segment edited in an
//! XLIFF 1.2 and an XLIFF 2.0 (by translate-toolkit) and in the TMX OmegaT writes, each brought
//! back with `--en`, changing exactly that paragraph's English in the JSON, HTML, EPUB and TMX;
//! `--tm` filling a fully covered article without a request; reviewed English kept by later
//! `--translate` runs; a book's project (a file per chapter) opened by OmegaT and its TMX
//! filling the right chapter; and clear errors for malformed and mismatched files.
//!
//! OmegaT (Debian `omegat`) and a Python with translate-toolkit (DUIZHAO_PYTHON, else
//! /opt/duizhao-venv/bin/python) are installed by .ci/run; elsewhere their tests say they were
//! skipped.

mod common;
use common::tools;
mod translate_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use duizhao::translate::ProviderKind;
use scraper::{Html, Selector};
use translate_support::{Server, Translating, endpoint_of};
use wiremock::Mock;
use wiremock::matchers::method;

const SLUG: &str = "000_9cd979bd4177cabe";
const EDITED: &str = "EDITED by a reviewer: reactions at home are mixed.";
/// The Chinese of the sentence every test edits (p1, sentence 2).
const EDITED_ZH: &str =
    "对于这个现象，国内是好奇围观的有之，在那里看衰揶揄的有之，甚至阶级斗争那根弦立即紧绷的也有之。";

/// The seed article in a fresh folder with its English beside it, as a publisher keeps them;
/// builds run there, so the translation cache stays inside it too.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [format!("{SLUG}.txt"), format!("{SLUG}.en.md")] {
        std::fs::copy(common::root().join("seeds").join(&name), dir.path().join(&name)).unwrap();
    }
    dir
}

/// `duizhao ARGS` in `dir`; asserts it succeeded.
fn duizhao(dir: &Path, args: &[&str]) -> Output {
    let output = common::run_in(dir, args, b"");
    assert!(output.status.success(), "duizhao {args:?} failed:\n{}", common::stderr(&output));
    output
}

/// The article's English as each edition shows it: JSON paragraphs, the reading page's and
/// the EPUB's English blocks, the TMX's units (Chinese, English, origin).
struct Editions {
    json: Vec<Option<String>>,
    html: Vec<String>,
    epub: Vec<String>,
    tmx: Vec<(String, String, String)>,
}

impl Editions {
    fn read(out: &Path) -> Editions {
        let doc = common::json(out, SLUG);
        let json = doc["paragraphs"].as_array().unwrap().iter().map(|p| p["en"].as_str().map(String::from)).collect();
        let english = Selector::parse("div.en").unwrap();
        let blocks = |markup: &str| -> Vec<String> {
            Html::parse_document(markup).select(&english).map(|e| e.text().collect::<String>()).collect()
        };
        let html = blocks(&std::fs::read_to_string(out.join(format!("{SLUG}.html"))).unwrap());
        let file = std::fs::File::open(out.join(format!("{SLUG}.epub"))).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut chapter = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("OEBPS/article-1.xhtml").unwrap(), &mut chapter).unwrap();
        let epub = blocks(&chapter);
        let tmx_text = std::fs::read_to_string(out.join(format!("{SLUG}.tmx"))).unwrap();
        let tmx = roxmltree::Document::parse_with_options(
            &tmx_text,
            roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() },
        )
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("tu"))
        .map(|tu| {
            let segs: Vec<String> = tu
                .descendants()
                .filter(|n| n.has_tag_name("seg"))
                .map(|s| s.text().unwrap_or("").to_string())
                .collect();
            let origin = tu
                .children()
                .find(|n| n.attribute("type") == Some("x-origin"))
                .and_then(|n| n.text())
                .unwrap_or("")
                .to_string();
            (segs[0].clone(), segs[1].clone(), origin)
        })
        .collect();
        Editions { json, html, epub, tmx }
    }
}

/// The positions where two lists differ.
fn differences<T: PartialEq>(a: &[T], b: &[T]) -> Vec<usize> {
    assert_eq!(a.len(), b.len(), "the editions have different numbers of paragraphs or units");
    (0..a.len()).filter(|&i| a[i] != b[i]).collect()
}

/// Builds the seed plainly and with `--en reviewed`, and checks that exactly the edited
/// paragraph (p1) changed in every edition, to the edited English, marked reviewed.
fn assert_only_the_edit_changed(dir: &Path, reviewed: &Path) {
    let article = format!("{SLUG}.txt");
    let formats = "json,html,epub,tmx";
    duizhao(dir, &["build", &article, "-o", "before", "--format", formats]);
    let output =
        duizhao(dir, &["build", &article, "--en", reviewed.to_str().unwrap(), "-o", "after", "--format", formats]);
    let before = Editions::read(&dir.join("before"));
    let after = Editions::read(&dir.join("after"));
    let err = common::stderr(&output);
    assert!(!err.contains("match no sentence"), "every unit matched:\n{err}");
    assert_eq!(differences(&before.json, &after.json), [0], "JSON: only p1 changes");
    assert!(after.json[0].as_deref().unwrap().contains(EDITED));
    assert_eq!(differences(&before.html, &after.html), [0], "HTML: only p1 changes");
    assert!(after.html[0].contains(EDITED), "{}", after.html[0]);
    assert_eq!(differences(&before.epub, &after.epub), [0], "EPUB: only p1 changes");
    assert!(after.epub[0].contains(EDITED), "{}", after.epub[0]);
    let changed = differences(&before.tmx, &after.tmx);
    assert_eq!(changed.len(), 1, "TMX: one unit changes");
    assert_eq!(after.tmx[changed[0]], (EDITED_ZH.to_string(), EDITED.to_string(), "reviewed".to_string()));
    let doc = common::json(&dir.join("after"), SLUG);
    assert_eq!(doc["meta"]["translation"]["source"], "human + reviewed");
    assert_eq!(doc["paragraphs"][0]["translation_source"], "reviewed");
    assert_eq!(doc["paragraphs"][0]["sentences"][1]["reviewed"], true);
    assert!(doc["paragraphs"][0]["sentences"][0].get("reviewed").is_none());
}

/// Edits the target of the unit whose source is [`EDITED_ZH`] with translate-toolkit's
/// `class`, as a translator's tool would save it.
fn edit_with_translate_toolkit(test: &str, file: &Path, class: &str) -> Option<()> {
    let python = tools::python_with(test, "translate.storage.xliff2", "translate-toolkit")?;
    let script = format!(
        "from translate.storage import xliff, xliff2\nstore = {class}.parsefile({file:?})\n\
         units = [u for u in store.units if u.source == {EDITED_ZH:?}]\nassert len(units) == 1, len(units)\n\
         units[0].target = {EDITED:?}\nstore.save()\n",
        file = file.display().to_string()
    );
    let output = Command::new(python).args(["-c", &script]).output().unwrap();
    assert!(output.status.success(), "translate-toolkit: {}", String::from_utf8_lossy(&output.stderr));
    Some(())
}

#[test]
fn an_xliff_2_edit_comes_back() {
    let dir = workdir();
    duizhao(dir.path(), &["build", &format!("{SLUG}.txt"), "-o", "export", "--format", "xliff"]);
    let xlf = dir.path().join(format!("export/{SLUG}.xlf"));
    if edit_with_translate_toolkit("an_xliff_2_edit_comes_back", &xlf, "xliff2.Xliff2File").is_none() {
        return;
    }
    assert_only_the_edit_changed(dir.path(), &xlf);
}

#[test]
fn an_xliff_1_2_edit_comes_back() {
    let dir = workdir();
    let article = format!("{SLUG}.txt");
    duizhao(dir.path(), &["build", &article, "-o", "export", "--format", "xliff", "--xliff-version", "1.2"]);
    let xlf = dir.path().join(format!("export/{SLUG}.xlf"));
    if edit_with_translate_toolkit("an_xliff_1_2_edit_comes_back", &xlf, "xliff.xlifffile").is_none() {
        return;
    }
    assert_only_the_edit_changed(dir.path(), &xlf);
}

/// Builds the seed's OmegaT project in `dir/out` and runs OmegaT's console translation on it;
/// returns the project folder, or `None` when OmegaT is not installed.
fn omegat_project(test: &str, dir: &Path) -> Option<PathBuf> {
    let omegat = tools::require(test, "OmegaT (Debian package omegat)", &["/usr/bin/omegat"])?;
    duizhao(dir, &["build", &format!("{SLUG}.txt"), "-o", "out", "--format", "omegat,json"]);
    let project = dir.join(format!("out/{SLUG}.omegat"));
    console_translate(&omegat, &project, &dir.join("omegat-config"));
    Some(project)
}

/// Runs OmegaT's console translation on `project`, its settings in `config`: it fills the
/// target files from the memories in `tm/auto`, writes `project_stats.txt` and the project's TMX.
fn console_translate(omegat: &Path, project: &Path, config: &Path) {
    let output = Command::new(omegat)
        .arg(project)
        .args(["--mode=console-translate", "--disable-project-locking"])
        .arg(format!("--config-dir={}", config.display()))
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "OmegaT failed:\n{log}");
}

/// The numbers of a row of OmegaT's project_stats.txt (`Total:`, `Remaining:`...).
fn stats_row(stats: &str, row: &str) -> Vec<usize> {
    let line = stats.lines().find(|l| l.starts_with(row)).unwrap_or_else(|| panic!("no {row} row in:\n{stats}"));
    line[row.len()..].split_whitespace().map(|n| n.parse().unwrap()).collect()
}

#[test]
fn omegat_opens_the_project_with_every_segment_translated() {
    let dir = workdir();
    let Some(project) = omegat_project("omegat_opens_the_project_with_every_segment_translated", dir.path()) else {
        return;
    };
    let stats = std::fs::read_to_string(project.join("omegat/project_stats.txt")).unwrap();
    let doc = common::json(&dir.path().join("out"), SLUG);
    let units: usize = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let sentences = p["sentences"].as_array().unwrap();
            if sentences.iter().all(|s| s["en"].is_string()) { sentences.len() } else { 1 }
        })
        .sum::<usize>()
        + 1; // the title
    // Segments, words, characters without and with spaces, files.
    assert_eq!(stats_row(&stats, "Total:")[0], units, "one segment per unit:\n{stats}");
    assert_eq!(stats_row(&stats, "Remaining:"), [0, 0, 0, 0, 0], "nothing left to translate:\n{stats}");
    // The Chinese is the source, the English the translation.
    let source = std::fs::read_to_string(project.join(format!("source/{SLUG}.txt"))).unwrap();
    let target = std::fs::read_to_string(project.join(format!("target/{SLUG}.txt"))).unwrap();
    assert!(
        source.starts_with(
            "不妨把小红书留作一个互联网治理和发展中美民间友谊的特区\n\n这两天小红书上涌进来很多Tik Tok难民"
        ),
        "{source}"
    );
    assert!(target.starts_with("No. 6 Fuchengmen Courtyard | Why not keep"), "{target}");
    assert!(target.contains("\n\nOver the past couple of days"), "{target}");
    assert_eq!(source.lines().count(), target.lines().count());
    let glossary = std::fs::read_to_string(project.join("glossary/duizhao-glossary.utf8")).unwrap();
    assert!(glossary.lines().any(|l| l.starts_with("小红书\tXiaohongshu (RedNote)\t")), "{glossary}");
}

#[test]
fn an_edit_in_omegats_tmx_comes_back() {
    let dir = workdir();
    let Some(project) = omegat_project("an_edit_in_omegats_tmx_comes_back", dir.path()) else { return };
    let name = project.file_name().unwrap().to_string_lossy().into_owned();
    let written = std::fs::read_to_string(project.join(format!("{name}-omegat.tmx"))).unwrap();
    assert!(written.contains("<tmx version=\"1.1\">") && written.contains("<tuv lang=\"zh-CN\">"), "OmegaT's TMX 1.1");
    let old = "Reactions at home have been mixed: some are looking on with curiosity, some are bearish and sneer from the \
               sidelines, and some have even instantly pulled taut the old string of class struggle.";
    assert!(written.contains(old));
    let edited = dir.path().join("reviewed.tmx");
    std::fs::write(&edited, written.replace(old, EDITED)).unwrap();
    assert_only_the_edit_changed(dir.path(), &edited);
}

#[test]
fn a_translation_memory_fills_an_article_without_requests_and_reviews_stay() {
    let dir = workdir();
    let article = format!("{SLUG}.txt");
    // The memory: the seed's TMX, made from its human translation.
    duizhao(dir.path(), &["build", &article, "-o", "memory", "--format", "tmx"]);
    std::fs::remove_file(dir.path().join(format!("{SLUG}.en.md"))).unwrap();
    let server = Server::start();
    let translating = Translating::new(ProviderKind::OpenAi);
    let answered = translating.answered.clone();
    server.mount(Mock::given(method("POST")).respond_with(translating));
    let endpoint = endpoint_of(ProviderKind::OpenAi, &server);
    let translate = |out: &str, extra: &[&str]| {
        let mut args = vec!["build", &article, "-o", out, "--format", "json", "--translate", "openai"];
        args.extend(["--endpoint", &endpoint]);
        args.extend(extra);
        let output = Command::new(env!("CARGO_BIN_EXE_duizhao"))
            .args(&args)
            .current_dir(dir.path())
            .env("OPENAI_API_KEY", "sk-test")
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    };
    let memory = format!("memory/{SLUG}.tmx");
    translate("filled", &["--tm", &memory]);
    assert_eq!(answered.load(std::sync::atomic::Ordering::SeqCst), 0, "a covered article sends nothing");
    let filled = common::json(&dir.path().join("filled"), SLUG);
    let paragraphs = filled["paragraphs"].as_array().unwrap();
    assert!(paragraphs.iter().all(|p| p["en"].is_string() && p["translation_source"] == "translation memory"));
    // A reviewer sends back the first paragraph, edited: it goes to the cache, and a later
    // translation keeps it and sends nothing for it.
    let reviewed = dir.path().join("reviewed.tmx");
    let tmx = std::fs::read_to_string(dir.path().join(&memory)).unwrap();
    let (head, body) = tmx.split_once("    <tu ").unwrap();
    let first: Vec<&str> =
        body.split("    <tu ").filter(|tu| tu.contains("<prop type=\"x-paragraph\">p1</prop>")).collect();
    assert_eq!(first.len(), 2, "p1 has two sentence units");
    let units = format!("    <tu {}", first.join("    <tu "));
    let units = units.split("  </body>").next().unwrap().to_string();
    let old = "Reactions at home have been mixed: some are looking on with curiosity";
    let edited = format!("{head}{}  </body>\n</tmx>\n", units.replacen(old, "EDITED reactions", 1));
    std::fs::write(&reviewed, edited).unwrap();
    duizhao(dir.path(), &["build", &article, "--en", "reviewed.tmx", "-o", "reviewed"]);
    let before = answered.load(std::sync::atomic::Ordering::SeqCst);
    translate("later", &[]);
    let later = common::json(&dir.path().join("later"), SLUG);
    assert!(later["paragraphs"][0]["en"].as_str().unwrap().contains("EDITED reactions"));
    assert_eq!(later["paragraphs"][0]["translation_source"], "reviewed");
    let sent = answered.load(std::sync::atomic::Ordering::SeqCst) - before;
    assert!(sent > 0, "the other paragraphs are translated");
    let texts: Vec<String> = server
        .calls("/chat/completions")
        .iter()
        .flat_map(|r| translate_support::request_texts(ProviderKind::OpenAi, &r.body))
        .collect();
    assert!(!texts.iter().any(|t| t.contains(EDITED_ZH)), "the reviewed paragraph is never sent");
}

/// `--en FILE` for a bad reviewed file: the build fails with `message` on standard error.
fn assert_refused(name: &str, contents: &str, message: &str) {
    let dir = workdir();
    std::fs::write(dir.path().join(name), contents).unwrap();
    let output = common::run_in(dir.path(), &["build", &format!("{SLUG}.txt"), "--en", name, "-o", "out"], b"");
    let err = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(message), "expected {message:?} in:\n{err}");
}

/// A book's project: a source file per chapter, in the book's order, each read by OmegaT as
/// duizhao counts its units; a translator's memory fills one chapter, and the TMX OmegaT then
/// writes fills that chapter of the book, and no other.
#[test]
fn a_books_project_has_a_file_per_chapter_and_its_translations_come_back() {
    let test = "a_books_project_has_a_file_per_chapter_and_its_translations_come_back";
    let Some(omegat) = tools::require(test, "OmegaT (Debian package omegat)", &["/usr/bin/omegat"]) else { return };
    let dir = workdir();
    std::fs::write(dir.path().join("a.md"), "---\ntitle: 第一章\n---\n\n这是第一章。它没有英文。\n\n第二段也没有。\n")
        .unwrap();
    // A Chinese book of two chapters (duizhao binds it; read back, its English is not text).
    duizhao(dir.path(), &["build", "a.md", &format!("{SLUG}.txt"), "--book", "书", "-o", "made"]);
    duizhao(dir.path(), &["build", "made/book-书.epub", "-o", "out", "--format", "omegat,json"]);
    let project = dir.path().join("out/book-书.omegat");
    let mut files: Vec<String> = std::fs::read_dir(project.join("source/book-书"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].starts_with("01-第一章") && files[1].starts_with("02-不妨把小红书"), "{files:?}");

    // The translator's memory: the seed's TMX, its human translation.
    duizhao(dir.path(), &["build", &format!("{SLUG}.txt"), "-o", "memory", "--format", "tmx,json"]);
    std::fs::copy(dir.path().join(format!("memory/{SLUG}.tmx")), project.join("tm/auto/memory.tmx")).unwrap();
    console_translate(&omegat, &project, &dir.path().join("omegat-config"));
    let stats = std::fs::read_to_string(project.join("omegat/project_stats.txt")).unwrap();
    assert_eq!(stats_row(&stats, "Total:")[4], 2, "two files:\n{stats}");
    for (n, file) in files.iter().enumerate() {
        let stem = file.trim_end_matches(".txt");
        let doc = common::json(&dir.path().join("out/book-书"), stem);
        let units = 1 + doc["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["sentences"].as_array().unwrap().len())
            .sum::<usize>();
        // Total and remaining segments of the chapter's file.
        let row = stats_row(&stats, &format!("book-书/{file}"));
        let remaining = if n == 0 { units } else { 0 };
        assert_eq!(row[..2], [units, remaining], "{file}:\n{stats}");
    }

    // The TMX OmegaT writes for the project brings the translation back into the book.
    let written = project.join("book-书.omegat-omegat.tmx");
    duizhao(
        dir.path(),
        &["build", "made/book-书.epub", "-o", "back", "--format", "json", "--tm", written.to_str().unwrap()],
    );
    let seed = common::json(&dir.path().join("memory"), SLUG);
    let english = |doc: &serde_json::Value| -> Vec<Option<String>> {
        doc["paragraphs"].as_array().unwrap().iter().map(|p| p["en"].as_str().map(String::from)).collect()
    };
    let first = common::json(&dir.path().join("back/book-书"), files[0].trim_end_matches(".txt"));
    assert_eq!(english(&first), [None, None], "the first chapter stays untranslated");
    let second = common::json(&dir.path().join("back/book-书"), files[1].trim_end_matches(".txt"));
    assert_eq!(english(&second), english(&seed), "the second chapter has the translator's English");
    assert!(second["paragraphs"].as_array().unwrap().iter().all(|p| p["translation_source"] == "translation memory"));
}

#[test]
fn malformed_and_mismatched_files_are_named() {
    assert_refused("broken.xlf", "<xliff version=\"2.0\">\n<file>\n</xliff>\n", "error: broken.xlf:3: malformed XML: ");
    assert_refused(
        "french.xlf",
        "<xliff version=\"2.0\" srcLang=\"zh-CN\" trgLang=\"fr\"><file id=\"f\"/></xliff>",
        "error: french.xlf:1: its target language is fr, not English",
    );
    assert_refused(
        "german.tmx",
        "<tmx version=\"1.4\"><header srclang=\"de\"/><body/></tmx>",
        "error: german.tmx:1: its source language is de, not Chinese",
    );
    assert_refused("notes.tmx", "{\"not\": \"xml\"}", "error: notes.tmx:1: malformed XML: ");
    assert_refused(
        "other.xml",
        "<?xml version=\"1.0\"?><xliff version=\"1.2\"><wrong/>",
        "error: other.xml:1: malformed XML",
    );
    assert_refused(
        "notes.xml",
        "<?xml version=\"1.0\"?>\n<notes><note>a</note></notes>\n",
        "error: notes.xml: neither XLIFF nor TMX nor an OmegaT project",
    );
}

#[test]
fn a_folder_that_is_no_omegat_project_and_other_inputs_still_built() {
    let dir = workdir();
    std::fs::create_dir(dir.path().join("not-a-project")).unwrap();
    let output =
        common::run_in(dir.path(), &["build", &format!("{SLUG}.txt"), "--en", "not-a-project", "-o", "out"], b"");
    let err = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.contains("not-a-project: a folder but not an OmegaT project (no omegat.project)"), "{err}");
    // A bad reviewed file beside one article of a folder fails that article only.
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("a.txt"), "第一篇文章。\n").unwrap();
    std::fs::write(articles.join("a.en.tmx"), "<tmx version=\"1.4\">\n<body>\n</tmx>").unwrap();
    std::fs::write(articles.join("b.txt"), "第二篇文章。\n").unwrap();
    let output = common::run_in(dir.path(), &["build", "articles", "-o", "out2", "--format", "json"], b"");
    let err = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("a.en.tmx:3: malformed XML"), "{err}");
    assert!(dir.path().join("out2/b.json").is_file(), "the other article is built");
    assert!(!dir.path().join("out2/a.json").exists());
}

/// A sentence of the translator's own, with no Chinese partner, added to p1's English: as in
/// literary translation, where such sentences are common.
const ADDED: &str = "The translator adds this sentence of her own, which has no Chinese partner at all.";

/// The seed with [`ADDED`] in its English.
fn workdir_with_addition() -> tempfile::TempDir {
    let dir = workdir();
    let english = dir.path().join(format!("{SLUG}.en.md"));
    let text = std::fs::read_to_string(&english).unwrap();
    let text =
        text.replacen("Reactions at home have been mixed:", &format!("{ADDED} Reactions at home have been mixed:"), 1);
    std::fs::write(&english, text).unwrap();
    dir
}

/// Builds the article with `--en exported` into `out`; returns its JSON text and standard error.
fn built_with(dir: &Path, exported: &Path, out: &str) -> (String, String) {
    let output = duizhao(dir, &["build", &format!("{SLUG}.txt"), "--en", exported.to_str().unwrap(), "-o", out]);
    let json = std::fs::read_to_string(dir.join(out).join(format!("{SLUG}.json"))).unwrap();
    (json, common::stderr(&output))
}

/// The words of the English of every paragraph.
fn english_words(json: &str) -> usize {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["en"].as_str())
        .map(|en| en.split_whitespace().count())
        .sum()
}

/// Each exported file brought back unedited: with the translation beside the article the JSON
/// is byte for byte the same and nothing is reviewed; alone, it keeps every word and marks
/// nothing reviewed either.
fn assert_unedited_changes_nothing(dir: &Path, base: &str, exported: &Path) {
    let before = std::fs::read_to_string(dir.join(base).join(format!("{SLUG}.json"))).unwrap();
    assert!(before.contains(ADDED));
    let (after, err) = built_with(dir, exported, "back");
    assert!(after == before, "{}: the JSON changed\n{err}", exported.display());
    assert!(!after.contains("reviewed"), "nothing is reviewed");
    assert!(err.contains(" 0 changed, ") && err.contains(" 0 unmatched"), "{err}");
    // Alone: the article without its English beside it.
    let alone = dir.join("alone");
    std::fs::create_dir_all(&alone).unwrap();
    std::fs::copy(dir.join(format!("{SLUG}.txt")), alone.join(format!("{SLUG}.txt"))).unwrap();
    let (json, err) = built_with(&alone, &std::path::absolute(exported).unwrap(), "back");
    assert!(err.contains("is used as the whole translation"), "{err}");
    assert!(json.contains(ADDED), "the added sentence comes back");
    assert_eq!(english_words(&json), english_words(&before), "no word lost");
    assert!(!json.contains("\"reviewed\""), "nothing is reviewed");
}

#[test]
fn unedited_xliff_and_tmx_change_nothing() {
    let dir = workdir_with_addition();
    duizhao(dir.path(), &["build", &format!("{SLUG}.txt"), "-o", "base", "--format", "json,xliff,tmx"]);
    duizhao(dir.path(), &["build", &format!("{SLUG}.txt"), "-o", "v12", "--format", "xliff", "--xliff-version", "1.2"]);
    // Every English sentence is in a unit: the added one too.
    for file in ["base/{SLUG}.xlf", "base/{SLUG}.tmx", "v12/{SLUG}.xlf"] {
        let path = dir.path().join(file.replace("{SLUG}", SLUG));
        assert!(std::fs::read_to_string(&path).unwrap().contains(ADDED), "{file}");
        assert_unedited_changes_nothing(dir.path(), "base", &path);
    }
}

#[test]
fn an_unedited_omegat_project_changes_nothing() {
    let dir = workdir_with_addition();
    let Some(project) = omegat_project("an_unedited_omegat_project_changes_nothing", dir.path()) else { return };
    let stats = std::fs::read_to_string(project.join("omegat/project_stats.txt")).unwrap();
    assert_eq!(stats_row(&stats, "Remaining:"), [0, 0, 0, 0, 0], "nothing left to translate:\n{stats}");
    assert_unedited_changes_nothing(dir.path(), "out", &project);
}

#[test]
fn an_xliff_through_po_and_back_changes_nothing_and_brings_an_edit() {
    let test = "an_xliff_through_po_and_back_changes_nothing_and_brings_an_edit";
    let Some(python) = tools::python_with(test, "translate.convert.po2xliff", "translate-toolkit") else { return };
    let dir = workdir_with_addition();
    let article = format!("{SLUG}.txt");
    duizhao(dir.path(), &["build", &article, "-o", "base", "--format", "json,xliff", "--xliff-version", "1.2"]);
    let xlf = dir.path().join(format!("base/{SLUG}.xlf"));
    let po = dir.path().join("article.po");
    // A translator's tools: xliff2po, a PO editor, po2xliff (which knows no source language
    // and numbers the units afresh); the commands sit beside translate-toolkit's Python.
    let bin = python.parent().unwrap();
    let convert = |command: &str, from: &Path, to: &Path| {
        let output = Command::new(bin.join(command)).arg(from).arg(to).output().unwrap();
        assert!(output.status.success(), "{command}: {}", String::from_utf8_lossy(&output.stderr));
    };
    convert("xliff2po", &xlf, &po);
    let po_text = std::fs::read_to_string(&po).unwrap();
    assert!(po_text.contains("has no Chinese partner"), "the added sentence is in the PO");
    let back = dir.path().join("back.xlf");
    convert("po2xliff", &po, &back);
    assert_unedited_changes_nothing(dir.path(), "base", &back);

    // An edit in the PO comes back as that sentence's, reviewed.
    let script = format!(
        "from translate.storage import po\nstore = po.pofile.parsefile({po:?})\n\
         units = [u for u in store.units if u.source == {EDITED_ZH:?}]\nassert len(units) == 1, len(units)\n\
         units[0].target = {EDITED:?}\nstore.save()\n",
        po = po.display().to_string()
    );
    let output = Command::new(&python).args(["-c", &script]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let edited = dir.path().join("edited.xlf");
    convert("po2xliff", &po, &edited);
    let (json, err) = built_with(dir.path(), &edited, "edited");
    assert!(err.contains(" 1 changed, "), "{err}");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["paragraphs"][0]["sentences"][1]["en"].as_str(), Some(EDITED));
    assert_eq!(doc["paragraphs"][0]["sentences"][1]["reviewed"], true);
    assert!(doc["paragraphs"][0]["sentences"][0].get("reviewed").is_none());
    assert!(doc["paragraphs"][0]["en"].as_str().unwrap().contains(EDITED));
}

/// A chapter whose translation merges paragraphs (MAC dev 006, a line a paragraph, from
/// ../shared): each merge the sentence links could not share out, and each English paragraph
/// with no Chinese partner, is one unit with all its Chinese and all its English in the TMX,
/// the XLIFF and the OmegaT project; no unit has an empty side; OmegaT's console leaves no
/// merged paragraph to translate again; the files come back unedited changing nothing, and an
/// edited merged unit gives its paragraphs the reviewer's English.
#[test]
fn merged_units_are_whole_in_every_cat_export() {
    let test = "merged_units_are_whole_in_every_cat_export";
    let Some(shared) = common::shared(test) else { return };
    let Some(omegat) = tools::require(test, "OmegaT (Debian package omegat)", &["/usr/bin/omegat"]) else { return };
    let dir = tempfile::tempdir().unwrap();
    let mac = shared.join("parallel/mac-dev");
    std::fs::copy(mac.join("006.zh"), dir.path().join("ch.txt")).unwrap();
    std::fs::copy(mac.join("006.en"), dir.path().join("ch.en.txt")).unwrap();
    duizhao(dir.path(), &["build", "ch.txt", "-o", "out", "--format", "json,tmx,xliff,omegat"]);
    let out = dir.path().join("out");
    let doc = common::json(&out, "ch");
    let paragraphs = doc["paragraphs"].as_array().unwrap();
    let zh_of =
        |id: &str| paragraphs.iter().find(|p| p["id"] == id).unwrap()["zh"].as_str().unwrap().trim().to_string();
    // The TMX: every unit has both sides; the merged ones hold their paragraphs' Chinese.
    let tmx = std::fs::read_to_string(out.join("ch.tmx")).unwrap();
    let units: Vec<&str> = tmx.split("<tu ").skip(1).collect();
    let seg = |unit: &str, lang: &str| -> String {
        let start = unit.find(&format!("xml:lang=\"{lang}\"><seg>")).unwrap() + lang.len() + 17;
        unit[start..start + unit[start..].find("</seg>").unwrap()].to_string()
    };
    let mut merged = Vec::new();
    for unit in &units {
        assert!(!seg(unit, "zh-CN").trim().is_empty() && !seg(unit, "en").trim().is_empty(), "{unit}");
        let id = unit.split("x-paragraph\">").nth(1).unwrap().split('<').next().unwrap();
        if id.contains('_') {
            let chinese: String = id.split('_').filter(|m| !m.contains("-en")).map(zh_of).collect();
            assert_eq!(seg(unit, "zh-CN"), chinese.replace('\'', "&#39;").replace('"', "&quot;"), "{id}");
            merged.push(id.to_string());
        }
    }
    assert!(merged.len() >= 8, "{merged:?}");
    // An English-only paragraph, where the aligner leaves one (a 0-1 link costs more than a
    // merge since session 17, and 006 has none now), joins its neighbour's unit.
    for p in paragraphs.iter().filter(|p| p["id"].as_str().is_some_and(|id| id.contains("-en"))) {
        let id = p["id"].as_str().unwrap();
        assert!(merged.iter().any(|m| m.split('_').any(|x| x == id)), "{id} is not in a merged unit: {merged:?}");
    }
    // Every Chinese paragraph without English of its own is in a merged unit, or the aligner
    // left it without a partner (1-0).
    for p in paragraphs.iter().filter(|p| p["en"].is_null() && p["zh"].as_str().is_some_and(|z| !z.trim().is_empty())) {
        let id = p["id"].as_str().unwrap();
        let in_merged = merged.iter().any(|m| m.split('_').any(|x| x == id));
        assert!(in_merged || p["alignment"]["link"] == "1-0", "{id} would be translated again");
    }
    let xliff = std::fs::read_to_string(out.join("ch.xlf")).unwrap();
    assert!(merged.iter().all(|id| xliff.contains(&format!("<unit id=\"{id}\""))), "XLIFF units");
    // OmegaT: the only segments left are the lines the aligner found no English for.
    let project = out.join("ch.omegat");
    console_translate(&omegat, &project, &dir.path().join("omegat-config"));
    let stats = std::fs::read_to_string(project.join("omegat/project_stats.txt")).unwrap();
    let unpartnered = paragraphs.iter().filter(|p| p["alignment"]["link"] == "1-0").count();
    assert_eq!(stats_row(&stats, "Remaining:")[0], unpartnered, "{stats}");
    // Unedited, each file changes nothing.
    let before = std::fs::read_to_string(out.join("ch.json")).unwrap();
    duizhao(dir.path(), &["build", "ch.txt", "-o", "v12", "--format", "xliff", "--xliff-version", "1.2"]);
    for file in ["out/ch.tmx", "out/ch.xlf", "v12/ch.xlf", "out/ch.omegat"] {
        let output = duizhao(dir.path(), &["build", "ch.txt", "--en", file, "-o", "back", "--format", "json"]);
        let err = common::stderr(&output);
        assert!(err.contains(" 0 changed, ") && err.contains(" 0 unmatched"), "{file}: {err}");
        let after = std::fs::read_to_string(dir.path().join("back/ch.json")).unwrap();
        assert!(after == before, "{file}: the JSON changed");
    }
    // An edited merged unit (one with an English-only paragraph where there is one): its first
    // paragraph has the reviewer's English, the others none, and an English-only paragraph in
    // it is gone.
    let with_english_only = merged.iter().find(|id| id.contains("-en")).or(merged.first()).unwrap();
    let unit = units.iter().find(|u| u.contains(&format!("x-paragraph\">{with_english_only}<"))).unwrap();
    let edited = tmx.replace(&seg(unit, "en"), EDITED);
    std::fs::write(dir.path().join("edited.tmx"), edited).unwrap();
    duizhao(dir.path(), &["build", "ch.txt", "--en", "edited.tmx", "-o", "edited", "--format", "json"]);
    let doc = common::json(&dir.path().join("edited"), "ch");
    let members: Vec<&str> = with_english_only.split('_').collect();
    for p in doc["paragraphs"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        if id == members[0] {
            assert_eq!(p["en"], EDITED);
            // Its sentences are paired anew with the reviewer's English.
            let links = p["alignment"]["sentences"].as_array().unwrap();
            assert!(!links.is_empty() && links.iter().all(|l| l["en"] == serde_json::json!([1])), "{links:?}");
        } else if members.contains(&id) {
            assert!(p["en"].is_null() && !id.contains("-en"), "{id}: {}", p["en"]);
        }
    }
}
