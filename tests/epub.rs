//! EPUB books checked by the real epubcheck: no errors and no warnings, for one article and
//! for a bound book of several.

mod common;

use common::*;
use std::process::Command;

/// Runs epubcheck on `book`; returns its report when it finds anything.
fn epubcheck(jar: &std::path::Path, book: &std::path::Path) -> Result<(), String> {
    let output = Command::new("java").arg("-jar").arg(jar).arg(book).output().expect("java runs epubcheck");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    let clean = output.status.success()
        && !report.contains("WARNING")
        && !report.contains("ERROR")
        && !report.contains("FATAL");
    if clean { Ok(()) } else { Err(report) }
}

fn unzip(book: &std::path::Path, name: &str) -> String {
    let file = std::fs::File::open(book).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(name).unwrap_or_else(|_| panic!("{name} in the book"));
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
    text
}

#[test]
fn seed_book_structure() {
    let (out, output) = build(&[&root().join("seeds")], &["--format", "epub", "--ruby"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let book = out.path().join("000_9cd979bd4177cabe.epub");
    let bytes = std::fs::read(&book).unwrap();
    assert_eq!(&bytes[30..38], b"mimetype", "mimetype comes first");
    assert_eq!(&bytes[38..58], b"application/epub+zip", "stored uncompressed");
    let opf = unzip(&book, "OEBPS/content.opf");
    assert!(opf.contains("<dc:language>zh-Hans</dc:language>") && opf.contains("<dc:language>en</dc:language>"));
    assert!(opf.contains("<dc:creator id=\"creator1\">阜成门六号院</dc:creator>"));
    // A translation given without a translator's name credits nobody as "human".
    assert!(!opf.contains("<dc:contributor"), "{opf}");
    assert!(opf.contains("<dc:source>https://chinadigitaltimes.net/chinese/715134.html</dc:source>"));
    let chapter = unzip(&book, "OEBPS/article-1.xhtml");
    assert_eq!(chapter.matches("class=\"pair\"").count(), 18);
    assert!(chapter.contains("<rt>"), "--ruby puts pinyin in the book");
    assert!(chapter.contains("Over the past couple of days"));
    let notes = unzip(&book, "OEBPS/notes.xhtml");
    assert!(notes.contains("小红书") && notes.contains("Xiǎohóngshū") && notes.contains("Xiaohongshu (RedNote)"));
    // Same input, same bytes.
    let (again, _) = build(&[&root().join("seeds")], &["--format", "epub", "--ruby"]);
    assert_eq!(std::fs::read(again.path().join("000_9cd979bd4177cabe.epub")).unwrap(), bytes);
}

#[test]
fn layouts_in_the_book() {
    for (layout, zh, en) in [("en-only", false, true), ("zh-only-with-ruby", true, false), ("side-by-side", true, true)]
    {
        let (out, output) = build(&[&root().join("seeds")], &["--format", "epub", "--layout", layout]);
        assert!(output.status.success(), "{}", stderr(&output));
        let chapter = unzip(&out.path().join("000_9cd979bd4177cabe.epub"), "OEBPS/article-1.xhtml");
        assert_eq!(chapter.contains("class=\"zh\""), zh, "{layout}");
        assert_eq!(chapter.contains("class=\"en\""), en, "{layout}");
    }
}

#[test]
fn epubcheck_finds_nothing() {
    let test = "epubcheck_finds_nothing";
    let Some(jar) = tools::require(test, "epubcheck", &["/usr/share/java/epubcheck.jar"]) else { return };
    let (out, output) = build(&[&root().join("seeds")], &["--format", "epub", "--ruby", "--tone-colors"]);
    assert!(output.status.success(), "{}", stderr(&output));
    epubcheck(&jar, &out.path().join("000_9cd979bd4177cabe.epub")).unwrap_or_else(|r| panic!("seed EPUB:\n{r}"));
    for layout in ["side-by-side", "en-only", "zh-only-with-ruby"] {
        let (out, _) = build(&[&root().join("seeds")], &["--format", "epub", "--layout", layout]);
        epubcheck(&jar, &out.path().join("000_9cd979bd4177cabe.epub"))
            .unwrap_or_else(|r| panic!("{layout} EPUB:\n{r}"));
    }
    // A bound book of several articles, some with Traditional text, tables and lists.
    let mut inputs = vec![root().join("seeds/000_9cd979bd4177cabe.txt")];
    if let Some(shared) = shared(test) {
        for rel in ["cdt/cdt2020_400883.md", "opinion/oped2_2019-07-27_matters_hk49days_trad.md", "pages/cna.html"] {
            inputs.push(shared.join("articles").join(rel));
        }
    }
    let refs: Vec<&std::path::Path> = inputs.iter().map(|p| p.as_path()).collect();
    let (out, output) = build(&refs, &["--format", "epub", "--book", "对照读本 Bilingual Reader"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let book = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("book-"))
        .expect("the bound book is written");
    epubcheck(&jar, &book).unwrap_or_else(|r| panic!("bound book:\n{r}"));
    let nav = unzip(&book, "OEBPS/nav.xhtml");
    assert_eq!(nav.matches("href=\"article-").count(), inputs.len());
}

#[test]
fn a_book_of_mixed_scripts_untranslated_paragraphs_terms_and_long_urls() {
    let test = "a_book_of_mixed_scripts_untranslated_paragraphs_terms_and_long_urls";
    let dir = tempfile::tempdir().unwrap();
    // Two Simplified articles (one untranslated, with a glossary term), one Traditional one
    // from a URL with Chinese in its path.
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: 第一篇\n---\n\n我们在小红书上看到了这个消息。\n\n这是第二段，没有英文。\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.en.md"), "We saw the news on Xiaohongshu (RedNote).\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "---\ntitle: 第二篇\n---\n\n这里是简体中文的文章。\n").unwrap();
    std::fs::write(
        dir.path().join("c.md"),
        "---\ntitle: 第三篇\nfrom: https://example.org/2020/07/%E6%96%87%E7%AB%A0/%E5%8F%B0%E7%81%A3%E7%9A%84%E9%95%B7%E7%AF%87%E5%A0%B1%E5%B0%8E%E9%97%9C%E6%96%BC%E5%82%B3%E7%B5%B1%E8%88%87%E7%8F%BE%E4%BB%A3%E7%9A%84%E9%97%9C%E4%BF%82-%E4%BB%A5%E5%8F%8A%E6%9C%AA%E4%BE%86%E7%9A%84%E6%96%B9%E5%90%91.html\n---\n\n這裡是繁體中文的文章，臺灣的讀者很多。\n",
    )
    .unwrap();
    let inputs: Vec<std::path::PathBuf> = ["a.md", "b.md", "c.md"].iter().map(|f| dir.path().join(f)).collect();
    let refs: Vec<&std::path::Path> = inputs.iter().map(|p| p.as_path()).collect();
    let (out, output) = build(&refs, &["--format", "epub", "--book", "混合", "--ruby"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let book = out.path().join("book-混合.epub");
    let opf = unzip(&book, "OEBPS/content.opf");
    assert!(opf.contains("<dc:language>zh-Hans</dc:language>"), "the majority's script: {opf}");
    assert!(unzip(&book, "OEBPS/article-1.xhtml").contains("xml:lang=\"zh-Hans\""));
    let third = unzip(&book, "OEBPS/article-3.xhtml");
    assert!(third.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"zh-Hant\""), "each chapter its own language");
    // The untranslated paragraph stands alone: no placeholder line.
    let first = unzip(&book, "OEBPS/article-1.xhtml");
    assert!(!first.contains("untranslated") && !first.contains(">—<"), "{first}");
    assert_eq!(first.matches("class=\"en\"").count(), 1, "English only where there is some");
    // The glossary term is a note reference into the notes page's footnote.
    let reference = first.find("epub:type=\"noteref\"").expect("a note reference");
    let href = &first[reference..];
    let target = &href[href.find("href=\"notes.xhtml#").unwrap() + "href=\"notes.xhtml#".len()..];
    let id = &target[..target.find('"').unwrap()];
    let notes = unzip(&book, "OEBPS/notes.xhtml");
    assert!(notes.contains(&format!("epub:type=\"footnote\" role=\"doc-footnote\" id=\"{id}\"")), "{notes}");
    // The cover shows the source decoded and shortened; the link keeps the real address.
    let cover = unzip(&book, "OEBPS/cover.xhtml");
    assert!(
        cover.contains(">example.org/2020/07/文章/台灣的長篇報導關於傳統與現代的關係-以及未來的方向.html<"),
        "{cover}"
    );
    assert!(cover.contains("href=\"https://example.org/2020/07/%E6%96%87"), "{cover}");
    assert!(!cover.contains(">https://example.org/%E6"), "no percent-encoded text on the cover: {cover}");
    if let Some(jar) = tools::require(test, "epubcheck", &["/usr/share/java/epubcheck.jar"]) {
        epubcheck(&jar, &book).unwrap_or_else(|r| panic!("mixed book:\n{r}"));
    }
}

#[test]
fn a_term_is_a_note_reference_once_a_chapter() {
    let dir = tempfile::tempdir().unwrap();
    let text = "我们在小红书上看到了消息。小红书很热闹。\n\n后来小红书又火了。\n";
    for name in ["a", "b"] {
        std::fs::write(dir.path().join(format!("{name}.md")), format!("---\ntitle: {name}\n---\n\n{text}")).unwrap();
    }
    let inputs = [dir.path().join("a.md"), dir.path().join("b.md")];
    let (out, output) = build(&[&inputs[0], &inputs[1]], &["--format", "epub", "--book", "书"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let book = out.path().join("book-书.epub");
    for chapter in ["OEBPS/article-1.xhtml", "OEBPS/article-2.xhtml"] {
        let page = unzip(&book, chapter);
        assert_eq!(page.matches("小红书").count(), 3, "{page}");
        assert_eq!(page.matches("epub:type=\"noteref\"").count(), 1, "the first occurrence only: {page}");
    }
}

#[test]
fn a_named_translator_is_the_book_s_contributor() {
    let (out, output) = build(&[&root().join("seeds")], &["--format", "epub,html", "--en-source", "Jane Doe"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let book = out.path().join("000_9cd979bd4177cabe.epub");
    let opf = unzip(&book, "OEBPS/content.opf");
    assert!(opf.contains("<dc:contributor id=\"translator1\">Jane Doe</dc:contributor>"), "{opf}");
    assert!(unzip(&book, "OEBPS/cover.xhtml").contains("Translation: Jane Doe<"));
    let html = std::fs::read_to_string(out.path().join("000_9cd979bd4177cabe.html")).unwrap();
    assert!(html.contains("Translation: Jane Doe<"));
}
