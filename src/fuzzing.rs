//! The invariants the fuzz targets (`fuzz/`) check, shared with `tests/fuzz_regressions.rs`,
//! which replays the committed seeds and crash inputs through the same functions under plain
//! `cargo test`. Each check takes raw bytes, runs one parser or renderer on them and panics
//! when an invariant fails; an error the code reports cleanly is not a failure.

use std::path::Path;
use std::sync::OnceLock;

use crate::dict::glossary;
use crate::document::{Alignment, Document, Meta};
use crate::ingest::{self, Format, encoding};
use crate::render::Renderer;
use crate::render::html::HtmlRenderer;
use crate::render::layout::Layout;
use crate::text::simplify::to_simplified;
use crate::translate::{deepl, google, libretranslate, openai};
use crate::{Glossary, Style, segment};
use crate::{annotate, notation, transcribe};

/// A fuzz target: its name (the folder of its seeds and regressions) and its check.
pub(crate) type Target = (&'static str, fn(&[u8]));

/// Every fuzz target, by name.
pub const TARGETS: &[Target] = &[
    ("ingest", ingest),
    ("encoding", encoding),
    ("glossary", glossary),
    ("replies", replies),
    ("pinyin", pinyin),
    ("html_render", html_render),
    ("epub", epub),
];

/// The glossary shipped with duizhao, loaded once.
fn builtin_glossary() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(|| Glossary::load(true, &[]).0)
}

/// The first byte picks options; the rest is the input.
fn split(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((first, rest)) => (*first, rest),
        None => (0, data),
    }
}

const STYLES: [Style; 4] = [Style::Marks, Style::Numbers, Style::Zhuyin, Style::None];

/// Input detection and every ingest format, then segmenting, annotating and rendering: a
/// clean error or paragraphs that are never empty, tokens that concatenate to each paragraph,
/// and an HTML edition with nothing executable from the input in it.
pub fn ingest(data: &[u8]) {
    let (options, bytes) = split(data);
    let format = [None, Some(Format::Archive), Some(Format::Html), Some(Format::Markdown), Some(Format::Text)]
        [usize::from(options % 5)];
    let path = Path::new(["input.txt", "input.html", "input.md", "input"][usize::from(options / 5 % 4)]);
    let Ok(ingested) = ingest::ingest(bytes, path, format) else {
        return;
    };
    assert!(!ingested.blocks.is_empty(), "ingest succeeded without paragraphs");
    for block in &ingested.blocks {
        assert!(!block.text.trim().is_empty(), "an empty paragraph: {block:?}");
    }
    let mut doc = Document::new(ingested.meta, ingested.blocks);
    let glossary = builtin_glossary();
    segment::segment(&mut doc, glossary);
    annotate::annotate(&mut doc, STYLES[usize::from(options / 20 % 4)], options & 128 != 0);
    check_tokens(&doc);
    check_inert(&HtmlRenderer::default(), &doc);
}

/// A book: the input split at `0xFF` bytes into a package document, a chapter and a table of
/// contents, zipped as an EPUB (so that the fuzzer explores the parsers rather than the zip
/// format); or, when the first byte is odd, the raw bytes as the book. A clean error, or
/// chapters that each have paragraphs that are never empty.
pub fn epub(data: &[u8]) {
    use std::io::Write;
    let (options, bytes) = split(data);
    let book = if options % 2 == 1 {
        bytes.to_vec()
    } else {
        let mut parts = bytes.split(|&b| b == 0xFF);
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let files = [
            ("mimetype", b"application/epub+zip".as_slice()),
            (
                "META-INF/container.xml",
                br#"<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>"#,
            ),
            ("OEBPS/content.opf", parts.next().unwrap_or_default()),
            ("OEBPS/c1.xhtml", parts.next().unwrap_or_default()),
            ("OEBPS/toc.ncx", parts.next().unwrap_or_default()),
        ];
        for (name, contents) in files {
            // Writing into memory cannot fail.
            zip.start_file(name, stored).expect("zip in memory");
            zip.write_all(contents).expect("zip in memory");
        }
        zip.finish().expect("zip in memory").into_inner()
    };
    let Ok(read) = ingest::epub::read(&book, Path::new("fuzz.epub")) else { return };
    assert!(!read.chapters.is_empty(), "a book read without chapters");
    for chapter in &read.chapters {
        assert!(!chapter.blocks.is_empty(), "a chapter without paragraphs: {}", chapter.href);
        for block in &chapter.blocks {
            assert!(!block.text.trim().is_empty(), "an empty paragraph in {}: {block:?}", chapter.href);
        }
    }
}

/// Every paragraph's tokens, and its sentences, concatenate to its text.
fn check_tokens(doc: &Document) {
    for p in &doc.paragraphs {
        let tokens: String = p.tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(tokens, p.zh, "the tokens of {} do not concatenate to the paragraph", p.id);
        let sentences: String = p.sentences.iter().map(|s| s.zh.as_str()).collect();
        assert_eq!(sentences, p.zh, "the sentences of {} do not concatenate to the paragraph", p.id);
    }
}

/// Encoding detection: a clean error or text; valid UTF-8 that is text comes back unchanged.
pub fn encoding(data: &[u8]) {
    let (options, bytes) = split(data);
    let declared = [None, Some("gbk"), Some("big5"), Some("utf-8"), Some("x-unknown")][usize::from(options % 5)];
    let result = encoding::decode(bytes, Path::new("input"), declared);
    if let Ok(text) = std::str::from_utf8(bytes)
        && !text.starts_with('\u{FEFF}')
        && !text.contains('\0')
        && !text.trim().is_empty()
        && !bytes.starts_with(b"\x1f\x8b")
        && !bytes.starts_with(b"GIF8")
        && !bytes.starts_with(b"%PDF")
        && !bytes.starts_with(b"PK\x03\x04")
        && !bytes.starts_with(b"\x7fELF")
    {
        let decoded = result.expect("valid UTF-8 text decodes");
        assert_eq!(decoded.text, text, "valid UTF-8 was not kept as it is");
    }
}

/// The glossary parser: entries have a term and an English rendering, line errors name a line
/// of the file, and matching finds whole terms at character boundaries, in order, in either
/// script (a match is its term once both are in Simplified characters: 行为艺朮 is 行为艺术).
pub fn glossary(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    glossary::parse_into(&text, Path::new("g.tsv"), &mut entries, &mut errors);
    let lines = text.lines().count();
    for error in &errors {
        if let crate::Error::Glossary { line, .. } = error {
            assert!((1..=lines).contains(line), "error on line {line} of {lines}");
        }
    }
    for entry in &entries {
        assert!(!entry.term.is_empty() && entry.term.trim() == entry.term, "bad term {:?}", entry.term);
        assert!(!entry.english.is_empty() && !entry.english.contains('\t'), "bad English {:?}", entry.english);
    }
    let glossary = Glossary::new(entries);
    let mut end = 0;
    for m in glossary.find_all(&text) {
        assert!(m.start >= end && m.start < m.end, "overlapping or empty match");
        assert_eq!(to_simplified(&text[m.start..m.end]), to_simplified(&m.entry.term), "a match is not its term");
        end = m.end;
    }
}

/// The translation reply parsers of every provider: a clean error or translations; an
/// accepted chat reply is never empty and never padded.
pub fn replies(data: &[u8]) {
    let (options, body) = split(data);
    let source = "他说了算。";
    let system = openai::DEFAULT_TEMPLATE;
    match options % 5 {
        0 => {
            let _ = deepl::parse_reply(body);
        }
        1 => {
            let _ = google::parse_reply(body);
        }
        2 => {
            let _ = libretranslate::parse_reply(body);
        }
        3 => {
            if let Ok(text) = openai::parse_reply(body, source, system, "en") {
                assert!(!text.is_empty() && text.trim() == text, "accepted reply {text:?}");
            }
        }
        _ => {
            // The chat reply's content itself, which rarely survives JSON mutations.
            let content = String::from_utf8_lossy(body);
            let (source, content) = content.split_once('\n').unwrap_or((source, &content));
            if let Ok(text) = openai::clean_reply(content, source, system, "en") {
                assert!(!text.is_empty() && text.trim() == text, "accepted reply {text:?}");
            }
        }
    }
}

/// The pinyin path: `duizhao pinyin` on any line, in every style, and the syllable helpers.
pub fn pinyin(data: &[u8]) {
    let line = String::from_utf8_lossy(data);
    let line = line.lines().next().unwrap_or("");
    let glossary = builtin_glossary();
    let words = transcribe::line::line_words(line, glossary);
    let joined: String = words.iter().map(|w| w.text).collect();
    assert_eq!(joined, line, "the tokens of a line do not concatenate to it");
    for style in STYLES {
        for (per_char, sandhi) in [(false, false), (false, true), (true, false)] {
            let options = transcribe::LineOptions { style, per_char, sandhi };
            let out = transcribe::transcribe_line(line, glossary, options);
            assert!(!out.contains('\n'), "one line in, one line out");
        }
    }
    for word in line.split_whitespace() {
        let _ = notation::tone_of(word);
        let _ = notation::numbered_from_marks(word);
        for style in STYLES {
            let _ = notation::format_syllable(word, style);
            let _ = notation::format_word(word, style);
        }
    }
}

/// The HTML renderer on a document whose every field is hostile: title, author, date, link,
/// paragraphs, translations, alignment notes, errors and glossary entries (fields are
/// separated by byte 1, paragraphs by byte 2). Nothing executable may come out.
pub fn html_render(data: &[u8]) {
    let (options, rest) = split(data);
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.split('\u{2}');
    let head: Vec<&str> = parts.next().unwrap_or("").split('\u{1}').collect();
    let field = |i: usize| head.get(i).map(|s| s.to_string()).filter(|s| !s.is_empty());
    let meta = Meta {
        title: field(0),
        author: field(1),
        date: field(2),
        source_url: field(3),
        archived_at: field(4),
        copyright: field(5),
        topics: head.iter().skip(6).map(|s| s.to_string()).collect(),
        ..Meta::default()
    };
    let glossary_text = field(6).unwrap_or_default();
    let mut entries = Vec::new();
    glossary::parse_into(&glossary_text, Path::new("g.tsv"), &mut entries, &mut Vec::new());
    let glossary = Glossary::new(entries);
    let mut blocks = Vec::new();
    let mut english = Vec::new();
    for paragraph in parts {
        let mut fields = paragraph.split('\u{1}');
        let zh = fields.next().unwrap_or("").trim();
        if zh.is_empty() {
            continue;
        }
        blocks.push(crate::document::Block::text(zh));
        english.push((fields.next().map(str::to_string), fields.next().map(str::to_string)));
    }
    let mut doc = Document::new(meta, blocks);
    segment::segment(&mut doc, &glossary);
    annotate::annotate(&mut doc, STYLES[usize::from(options % 4)], options & 64 != 0);
    for (p, (en, note)) in doc.paragraphs.iter_mut().zip(english) {
        match (en, options & 8 != 0) {
            (Some(en), _) if !en.is_empty() => p.set_english(en, crate::document::Provenance::Given),
            (_, true) => p.error = Some(note.clone().unwrap_or_default()),
            _ => {}
        }
        if let Some(note) = note {
            p.alignment = Some(Alignment {
                link: "1-1".into(),
                en_paragraphs: vec![1],
                confidence: 0.5,
                note: Some(note),
                sentences: Vec::new(),
                doubtful: false,
            });
        }
    }
    let layout =
        [Layout::SideBySide, Layout::Interleaved, Layout::ZhOnlyWithRuby, Layout::EnOnly][usize::from(options / 3 % 4)];
    check_inert(&HtmlRenderer { layout, tone_colors: options & 16 != 0 }, &doc);
}

/// Renders `doc` and checks the page carries nothing executable: no element that runs or
/// loads anything, no event handler, only http(s), in-page and relative links, and no script or style
/// other than the renderer's own (as it writes them for a harmless document).
pub(crate) fn check_inert(renderer: &HtmlRenderer, doc: &Document) {
    let html = renderer.render(doc);
    let reference = {
        let mut plain = Document::new(Meta::default(), vec![crate::document::Block::text("你好")]);
        segment::segment(&mut plain, &Glossary::default());
        renderer.render(&plain)
    };
    if let Err(problem) = inert(&html, &own_code(&reference)) {
        panic!("{problem} in the HTML edition");
    }
}

/// The texts of the `<script>` and `<style>` elements of a page.
pub fn own_code(html: &str) -> Vec<String> {
    let page = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("script, style").expect("valid selector");
    page.select(&selector).map(|e| e.text().collect()).collect()
}

/// Why `html` is not inert, if it is not: see [`check_inert`]; `allowed` are the texts its
/// scripts and style sheets may have.
pub fn inert(html: &str, allowed: &[String]) -> Result<(), String> {
    let page = scraper::Html::parse_document(html);
    let all = scraper::Selector::parse("*").expect("valid selector");
    for element in page.select(&all) {
        let name = element.value().name();
        if name == "script" || name == "style" {
            let code: String = element.text().collect();
            if element.value().attr("src").is_some() || !allowed.contains(&code) {
                return Err(format!("a <{name}> that is not the renderer's own: {code:.200}"));
            }
        }
        if ["img", "svg", "iframe", "object", "embed", "frame", "base", "form", "math", "link", "meta"].contains(&name)
            && !(name == "meta" && element.value().attrs().all(|(a, _)| matches!(a, "charset" | "name" | "content")))
            && !(name == "link" && element.value().attr("rel") == Some("icon"))
        {
            return Err(format!("<{name}>"));
        }
        for (attr, value) in element.value().attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                return Err(format!("an event handler {attr}={value:.100}"));
            }
            if matches!(attr, "href" | "src" | "action" | "formaction" | "xlink:href") {
                let lower = value.trim_start().to_ascii_lowercase();
                // A relative link (the collection's pages) names no scheme, so holds no colon.
                let relative = !lower.contains(':');
                if !(lower.starts_with("http://") || lower.starts_with("https://") || relative) {
                    return Err(format!("a link {attr}={value:.100}"));
                }
            }
        }
    }
    Ok(())
}
