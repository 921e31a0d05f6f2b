//! `epub`: an EPUB 3 book per article, or several articles bound into one book
//! (`build --book TITLE`). Mimetype first and stored, container, package document with
//! Dublin Core metadata (title, author, date, source, languages zh + en, the translation's
//! source as contributor), a navigation document, a cover page, one XHTML chapter per
//! article in the chosen [`Layout`] (interleaved by default), and a notes page with the
//! glossary terms used. Output is deterministic: same input, same bytes.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::document::{BookMeta, Document, Paragraph};
use crate::notation::{Style, format_word};
use crate::render::Renderer;
use crate::render::layout::Layout;
use crate::render::markup::{TEXT_CSS, escape, may_break, render_english, render_token, wrappers};

/// How the book is made.
#[derive(Debug, Clone, Copy)]
pub struct EpubOptions {
    /// How the languages are arranged.
    pub layout: Layout,
    /// Ruby pinyin over the Chinese.
    pub ruby: bool,
    /// Tone colours on the Chinese characters.
    pub tone_colors: bool,
}

impl Default for EpubOptions {
    fn default() -> Self {
        EpubOptions { layout: Layout::Interleaved, ruby: false, tone_colors: false }
    }
}

/// Writes one article as an EPUB 3 book.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EpubRenderer {
    /// How the book is made.
    pub options: EpubOptions,
}

impl Renderer for EpubRenderer {
    fn extension(&self) -> &'static str {
        "epub"
    }

    /// The article's chapter (XHTML), as it stands inside the book.
    fn render(&self, doc: &Document) -> String {
        chapter(doc, &self.options, &Notes::of(&[doc]))
    }

    fn render_bytes(&self, doc: &Document) -> Vec<u8> {
        book(&[doc], None, &self.options)
    }
}

const BOOK_CSS: &str = r#"
body { margin: 0 .5em; line-height: 1.6; overflow-wrap: anywhere; }
a.term { color: inherit; text-decoration: none; }
h1 { font-size: 1.4em; line-height: 1.3; }
.byline { color: #555; font-size: .9em; margin: .2em 0; }
.pair { margin: 0 0 1em; }
.zh { font-size: 1.1em; line-height: 2.2; }
.interleaved .en { margin-top: .3em; color: #222; font-family: serif; }
table.parallel { border-collapse: collapse; width: 100%; }
table.parallel td { vertical-align: top; width: 50%; padding: .4em .6em; border-bottom: 1px solid #ddd; }
.cover { text-align: center; margin-top: 20%; }
aside.note { margin: .5em 0; }
"#;

/// Binds `docs` into one EPUB: a cover, one chapter per article, the glossary notes.
/// `title` names the book (default: the single article's title).
pub fn book(docs: &[&Document], title: Option<&str>, options: &EpubOptions) -> Vec<u8> {
    let first = docs.first().map(|d| &d.meta);
    let source = source_book(docs);
    let title = title
        .map(str::to_string)
        .or_else(|| source.and_then(|b| b.title.clone()))
        .or_else(|| first.and_then(|m| m.title.clone()))
        .unwrap_or_else(|| "Untitled".to_string());
    let zh_lang = majority_lang(docs);
    let notes = Notes::of(docs);
    let mut files: Vec<(String, String)> = Vec::new();
    files.push(("OEBPS/style.css".into(), format!("{TEXT_CSS}{BOOK_CSS}")));
    files.push(("OEBPS/cover.xhtml".into(), cover(docs, &title, zh_lang)));
    files.push(("OEBPS/nav.xhtml".into(), nav(docs, &title, zh_lang)));
    for (i, doc) in docs.iter().enumerate() {
        files.push((format!("OEBPS/article-{}.xhtml", i + 1), chapter(doc, options, &notes)));
    }
    files.push(("OEBPS/notes.xhtml".into(), notes.page(zh_lang)));
    files.push(("OEBPS/content.opf".into(), package(docs, &title, zh_lang)));
    files.push((
        "META-INF/container.xml".into(),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n  <rootfiles>\n    <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n  </rootfiles>\n</container>\n".into(),
    ));
    zip_book(&files)
}

/// The book every document is a chapter of, when they all come from one (an EPUB input).
fn source_book<'a>(docs: &[&'a Document]) -> Option<&'a BookMeta> {
    let first = &docs.first()?.meta.book.as_ref()?.meta;
    docs.iter().all(|d| d.meta.book.as_ref().is_some_and(|b| &b.meta == first)).then_some(first)
}

/// The Chinese script most of the documents are written in (`zh-Hans` on a tie): the book's
/// language. Each chapter still declares its own.
fn majority_lang(docs: &[&Document]) -> &'static str {
    let hant = docs.iter().filter(|d| d.zh_lang() == "zh-Hant").count();
    if hant * 2 > docs.len() { "zh-Hant" } else { "zh-Hans" }
}

/// The EPUB container: `mimetype` first and stored, everything else deflated, fixed times.
fn zip_book(files: &[(String, String)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::DEFAULT);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT);
    // Writing into memory cannot fail short of running out of it.
    zip.start_file("mimetype", stored).expect("zip in memory");
    zip.write_all(b"application/epub+zip").expect("zip in memory");
    for (name, contents) in files {
        zip.start_file(name.as_str(), deflated).expect("zip in memory");
        zip.write_all(contents.as_bytes()).expect("zip in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}

/// An XHTML content document around `body`.
fn xhtml(title: &str, lang: &str, body_class: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{lang}\" lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body class=\"{body_class}\">\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// One article: title, byline, then its paragraphs in the chosen layout. A paragraph without
/// English is its Chinese alone.
fn chapter(doc: &Document, options: &EpubOptions, notes: &Notes) -> String {
    let zh_lang = doc.zh_lang();
    let meta = &doc.meta;
    let title = meta.title.as_deref().unwrap_or("Untitled");
    let mut body = String::new();
    let _ = writeln!(body, "<section epub:type=\"chapter\" role=\"doc-chapter\">\n<h1>{}</h1>", escape(title));
    if let Some(en_title) = meta.translation.as_ref().and_then(|t| t.title.as_ref()) {
        let _ = writeln!(body, "<p class=\"byline\" lang=\"en\" xml:lang=\"en\"><em>{}</em></p>", escape(en_title));
    }
    // The date as a Chinese reader reads it (2020年7月1日), its machine form in `datetime`.
    let date = meta
        .date
        .as_deref()
        .map(|d| format!("<time datetime=\"{}\">{}</time>", escape(d), escape(&crate::text::dates::chinese(d))));
    let byline: Vec<String> = meta.author.iter().chain(&meta.source).map(|n| escape(n)).chain(date).collect();
    if !byline.is_empty() {
        let _ = writeln!(body, "<p class=\"byline\">{}</p>", byline.join(" · "));
    }
    let table = options.layout == Layout::SideBySide;
    if table {
        body.push_str("<table class=\"parallel\">\n");
    }
    let mut linked = std::collections::HashSet::new();
    for p in &doc.paragraphs {
        let zh = chinese(p, options.ruby, notes, &mut linked);
        let mut en = String::new();
        if p.en.is_some() || p.error.is_some() {
            render_english(&mut en, p);
        }
        let zh_attrs = format!("class=\"zh\" lang=\"{zh_lang}\" xml:lang=\"{zh_lang}\"");
        let en_attrs = "class=\"en\" lang=\"en\" xml:lang=\"en\"";
        let id = escape(&p.id);
        match options.layout {
            Layout::SideBySide => {
                let _ = writeln!(body, "<tr id=\"{id}\"><td {zh_attrs}>{zh}</td><td {en_attrs}>{en}</td></tr>");
            }
            Layout::Interleaved if en.is_empty() => {
                let _ = writeln!(body, "<div class=\"pair\" id=\"{id}\"><div {zh_attrs}>{zh}</div></div>");
            }
            Layout::Interleaved => {
                let _ = writeln!(
                    body,
                    "<div class=\"pair\" id=\"{id}\"><div {zh_attrs}>{zh}</div><div {en_attrs}>{en}</div></div>"
                );
            }
            Layout::EnOnly if en.is_empty() => {}
            Layout::ZhOnlyWithRuby => {
                let _ = writeln!(body, "<div class=\"pair\" id=\"{id}\"><div {zh_attrs}>{zh}</div></div>");
            }
            Layout::EnOnly => {
                let _ = writeln!(body, "<div class=\"pair\" id=\"{id}\"><div {en_attrs}>{en}</div></div>");
            }
        }
    }
    if table {
        body.push_str("</table>\n");
    }
    body.push_str("</section>\n");
    let mut class = options.layout.class().to_string();
    if options.tone_colors {
        class.push_str(" tones");
    }
    xhtml(title, zh_lang, &class, &body)
}

/// A paragraph's Chinese, with ruby or as plain text; a glossary term is a note reference
/// that reading systems (Apple Books, KOReader...) open in place as a pop-up footnote, at its
/// first occurrence in the chapter (`linked`: the notes this chapter has linked so far), so
/// that a term met on every line is not a link on every line.
fn chinese(p: &Paragraph, ruby: bool, notes: &Notes, linked: &mut std::collections::HashSet<usize>) -> String {
    let (open, close) = wrappers(p);
    let mut out = open;
    let mut previous: Option<&str> = None;
    for token in &p.tokens {
        // Ruby words break only where they are told they may (plain text breaks by itself).
        if ruby && previous.is_some_and(|before| may_break(before, &token.text)) {
            out.push_str("<wbr/>");
        }
        previous = Some(&token.text);
        let note = token.glossary.as_ref().and_then(|_| notes.ids.get(&token.text)).filter(|n| linked.insert(**n));
        if let Some(n) = note {
            let _ =
                write!(out, "<a class=\"term\" epub:type=\"noteref\" role=\"doc-noteref\" href=\"notes.xhtml#g{n}\">");
        }
        if ruby {
            render_token(&mut out, token, true);
        } else {
            out.push_str(&escape(&token.text));
        }
        if note.is_some() {
            out.push_str("</a>");
        }
    }
    out.push_str(&close);
    out
}

/// The glossary terms a book uses, numbered in order of first use: the notes page and the
/// note references that point into it.
struct Notes<'a> {
    /// Each term's number.
    ids: HashMap<String, usize>,
    /// The terms in order, with their entries.
    terms: Vec<(&'a str, &'a crate::document::GlossaryMatch)>,
}

impl<'a> Notes<'a> {
    fn of(docs: &[&'a Document]) -> Notes<'a> {
        let mut notes = Notes { ids: HashMap::new(), terms: Vec::new() };
        for token in docs.iter().flat_map(|d| &d.paragraphs).flat_map(|p| &p.tokens) {
            let Some(g) = &token.glossary else { continue };
            if !notes.ids.contains_key(&token.text) {
                notes.ids.insert(token.text.clone(), notes.terms.len() + 1);
                notes.terms.push((&token.text, g));
            }
        }
        notes
    }

    /// The notes page: each term a footnote with its pinyin, English and note.
    fn page(&self, zh_lang: &str) -> String {
        let mut body =
            String::from("<section epub:type=\"glossary\" role=\"doc-glossary\">\n<h1>Glossary notes</h1>\n");
        if self.terms.is_empty() {
            body.push_str("<p lang=\"en\" xml:lang=\"en\">No glossary terms occur in this book.</p>\n");
        }
        for (i, (term, g)) in self.terms.iter().enumerate() {
            let pinyin = g.reading.as_deref().map(|r| format_word(r, Style::Marks)).unwrap_or_default();
            let _ = write!(
                body,
                "<aside class=\"note\" epub:type=\"footnote\" role=\"doc-footnote\" id=\"g{}\"><p><b lang=\"{zh_lang}\" xml:lang=\"{zh_lang}\">{}</b> <span class=\"pinyin\">{}</span> <span lang=\"en\" xml:lang=\"en\">{}",
                i + 1,
                escape(term),
                escape(&pinyin),
                escape(&g.english)
            );
            if let Some(note) = &g.note {
                let _ = write!(body, " — {}", escape(note));
            }
            body.push_str("</span></p></aside>\n");
        }
        body.push_str("</section>\n");
        xhtml("Glossary notes", zh_lang, "notes", &body)
    }
}

fn cover(docs: &[&Document], title: &str, zh_lang: &str) -> String {
    let mut body = format!("<section epub:type=\"cover\" class=\"cover\">\n<h1>{}</h1>\n", escape(title));
    if let Some(book) = source_book(docs) {
        // A book read from an EPUB: its own title page, not a list of its chapters.
        for line in [Some(book.authors.join("、")), book.publisher.clone()].into_iter().flatten() {
            if !line.is_empty() {
                let _ = writeln!(body, "<p class=\"byline\">{}</p>", escape(&line));
            }
        }
        let mut translators: Vec<String> =
            docs.iter().filter_map(|d| d.meta.translation.as_ref().map(|t| t.credit_line())).collect();
        translators.dedup();
        if !translators.is_empty() {
            let _ = writeln!(
                body,
                "<p class=\"byline\" lang=\"en\" xml:lang=\"en\">Translation: {}</p>",
                escape(&translators.join(", "))
            );
        }
        body.push_str("</section>\n");
        return xhtml(title, zh_lang, "cover-page", &body);
    }
    for doc in docs {
        let meta = &doc.meta;
        if docs.len() > 1 {
            let _ = writeln!(body, "<p>{}</p>", escape(meta.title.as_deref().unwrap_or("Untitled")));
        }
        let names: Vec<String> = meta.author.iter().chain(&meta.source).map(|n| escape(n)).collect();
        if !names.is_empty() {
            let _ = writeln!(body, "<p class=\"byline\">{}</p>", names.join(" · "));
        }
        if let Some(url) = meta.source_url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        {
            let _ = writeln!(
                body,
                "<p class=\"byline\" lang=\"en\" xml:lang=\"en\">Source: <a href=\"{}\">{}</a></p>",
                escape(url),
                escape(&crate::text::display_url(url))
            );
        }
        if let Some(t) = &meta.translation {
            let _ = writeln!(
                body,
                "<p class=\"byline\" lang=\"en\" xml:lang=\"en\">Translation: {}</p>",
                escape(&t.credit_line())
            );
        }
    }
    body.push_str("</section>\n");
    xhtml(title, zh_lang, "cover-page", &body)
}

fn nav(docs: &[&Document], title: &str, zh_lang: &str) -> String {
    let mut body = String::from("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>Contents 目录</h1>\n<ol>\n");
    body.push_str("<li><a href=\"cover.xhtml\">Cover</a></li>\n");
    for (i, doc) in docs.iter().enumerate() {
        let _ = writeln!(
            body,
            "<li><a href=\"article-{}.xhtml\">{}</a></li>",
            i + 1,
            escape(doc.meta.title.as_deref().unwrap_or("Untitled"))
        );
    }
    body.push_str("<li><a href=\"notes.xhtml\">Glossary notes</a></li>\n</ol>\n</nav>\n");
    xhtml(title, zh_lang, "nav", &body)
}

/// The package document: metadata, manifest, spine.
fn package(docs: &[&Document], title: &str, zh_lang: &str) -> String {
    let mut metadata = String::new();
    let _ = writeln!(metadata, "    <dc:identifier id=\"bookid\">urn:uuid:{}</dc:identifier>", identifier(docs, title));
    let _ = writeln!(metadata, "    <dc:title>{}</dc:title>", escape(title));
    let _ = writeln!(metadata, "    <dc:language>{zh_lang}</dc:language>");
    // English only when the book has some: a reading system (and calibre, then a Kindle) takes
    // a book that declares `en` for an English one.
    if docs.iter().any(|d| d.is_translated()) {
        let _ = writeln!(metadata, "    <dc:language>en</dc:language>");
    }
    let source = source_book(docs);
    let mut authors: Vec<&str> = match source {
        Some(book) => book.authors.iter().map(String::as_str).collect(),
        None => docs.iter().filter_map(|d| d.meta.author.as_deref()).collect(),
    };
    authors.dedup();
    for (i, author) in authors.iter().enumerate() {
        let _ = writeln!(metadata, "    <dc:creator id=\"creator{}\">{}</dc:creator>", i + 1, escape(author));
    }
    if let Some(date) = docs.first().and_then(|d| d.meta.date.as_deref()).filter(|d| is_w3c_date(d)) {
        let _ = writeln!(metadata, "    <dc:date>{}</dc:date>", escape(date));
    }
    for url in docs.iter().filter_map(|d| d.meta.source_url.as_deref()) {
        let _ = writeln!(metadata, "    <dc:source>{}</dc:source>", escape(url));
    }
    if let Some(book) = source {
        // This edition is a new book made from the source's; the source is named, not copied.
        if let Some(id) = &book.identifier {
            let _ = writeln!(metadata, "    <dc:source>{}</dc:source>", escape(id));
        }
        if let Some(publisher) = &book.publisher {
            let _ = writeln!(metadata, "    <dc:publisher>{}</dc:publisher>", escape(publisher));
        }
    }
    // Only a named translator is a contributor: a given translation without a name has none.
    let mut translators: Vec<String> = docs.iter().filter_map(|d| d.meta.translation.as_ref()?.credit()).collect();
    translators.dedup();
    for (i, source) in translators.iter().enumerate() {
        let _ = writeln!(
            metadata,
            "    <dc:contributor id=\"translator{0}\">{1}</dc:contributor>\n    <meta refines=\"#translator{0}\" property=\"role\" scheme=\"marc:relators\">trl</meta>",
            i + 1,
            escape(source)
        );
    }
    let _ = writeln!(metadata, "    <meta property=\"dcterms:modified\">{}</meta>", modified(docs));
    let _ = writeln!(metadata, "    <meta name=\"generator\" content=\"{}\"/>", super::GENERATOR);
    let mut manifest = String::from(
        "    <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n    <item id=\"cover\" href=\"cover.xhtml\" media-type=\"application/xhtml+xml\"/>\n    <item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n    <item id=\"notes\" href=\"notes.xhtml\" media-type=\"application/xhtml+xml\"/>\n",
    );
    let mut spine = String::from("    <itemref idref=\"cover\"/>\n    <itemref idref=\"nav\"/>\n");
    for i in 1..=docs.len() {
        let _ = writeln!(
            manifest,
            "    <item id=\"article{i}\" href=\"article-{i}.xhtml\" media-type=\"application/xhtml+xml\"/>"
        );
        let _ = writeln!(spine, "    <itemref idref=\"article{i}\"/>");
    }
    spine.push_str("    <itemref idref=\"notes\"/>\n");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"bookid\" xml:lang=\"{zh_lang}\">\n  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n{metadata}  </metadata>\n  <manifest>\n{manifest}  </manifest>\n  <spine>\n{spine}  </spine>\n</package>\n"
    )
}

/// A stable identifier from the books' titles and texts (FNV-1a, shaped as a UUID).
fn identifier(docs: &[&Document], title: &str) -> String {
    let mut a: u64 = 0xcbf29ce484222325;
    let mut b: u64 = 0x84222325cbf29ce4;
    let mut feed = |bytes: &[u8]| {
        for &byte in bytes {
            a = (a ^ u64::from(byte)).wrapping_mul(0x100000001b3);
            b = (b ^ u64::from(byte)).wrapping_mul(0x1000193).rotate_left(5);
        }
    };
    feed(title.as_bytes());
    for doc in docs {
        for p in &doc.paragraphs {
            feed(p.zh.as_bytes());
        }
    }
    let hex = format!("{a:016x}{b:016x}");
    format!("{}-{}-8{}-a{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

/// `dcterms:modified` as the EPUB spec wants it (CCYY-MM-DDThh:mm:ssZ), taken from the
/// archive time or the date so the same input gives the same book.
fn modified(docs: &[&Document]) -> String {
    let meta = docs.first().map(|d| &d.meta);
    let candidates = [meta.and_then(|m| m.archived_at.clone()), meta.and_then(|m| m.date.clone())];
    for candidate in candidates.into_iter().flatten() {
        if candidate.len() == 20 && candidate.ends_with('Z') && is_w3c_date(&candidate) {
            return candidate;
        }
        if candidate.len() >= 10 && is_w3c_date(&candidate[..10]) {
            return format!("{}T00:00:00Z", &candidate[..10]);
        }
    }
    "2000-01-01T00:00:00Z".to_string()
}

/// A date EPUB metadata accepts: YYYY-MM-DD, optionally with a time.
fn is_w3c_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5..7].iter().all(u8::is_ascii_digit)
        && bytes[7] == b'-'
        && bytes[8..10].iter().all(u8::is_ascii_digit)
}
