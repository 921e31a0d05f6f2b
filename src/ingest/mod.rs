//! Ingest: bytes in any supported encoding and format -> metadata and body paragraphs.
//! One file per input format, plus encoding detection; [`ingest`] detects and dispatches.

pub mod archive;
pub mod date;
pub mod encoding;
pub mod epub;
pub mod feed;
pub mod html;
pub mod markdown;
pub(crate) mod page_lines;
pub(crate) mod page_meta;
pub mod sites;
pub mod text;
pub mod text_stream;

use std::path::Path;

use crate::document::{Block, Meta};
use crate::error::{Error, Result};
use crate::text::controls;

/// The input formats duizhao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// A China Digital Times archive copy: `[title](url)`, dashes, raw HTML.
    Archive,
    /// An HTML page or fragment.
    Html,
    /// Markdown, with optional YAML front matter.
    Markdown,
    /// Plain text.
    Text,
}

impl Format {
    /// The lower-case name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Archive => "archive",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

/// What ingest found in one input.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The article's metadata.
    pub meta: Meta,
    /// Body paragraphs in source order, never empty.
    pub blocks: Vec<Block>,
    /// The format the input was read as.
    pub format: Format,
    /// Things the user should hear about that did not stop the build.
    pub warnings: Vec<String>,
    /// The decoded text the document was read from.
    pub text: String,
}

/// The largest input read, in bytes. Every character of an article becomes tokens with
/// readings and glosses, which take about 80 times the text's size in memory: a limit keeps a
/// run within a few gigabytes, and real articles are far smaller (a long one is 100 KB).
pub(crate) const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Reads one input: decodes its bytes, detects its format (unless `format` is given) and
/// extracts metadata and paragraphs. `path` names the input in errors.
pub fn ingest(bytes: &[u8], path: &Path, format: Option<Format>) -> Result<Ingested> {
    ingest_declared(bytes, path, format, None)
}

/// [`ingest`] for bytes that came with a charset declared outside them (an HTTP header).
/// The declaration is followed only when the bytes decode cleanly with it.
pub(crate) fn ingest_declared(
    bytes: &[u8],
    path: &Path,
    format: Option<Format>,
    charset: Option<&str>,
) -> Result<Ingested> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge { path: path.into(), size: bytes.len(), max: MAX_INPUT_BYTES });
    }
    let decoded = encoding::decode(bytes, path, charset)?;
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    let mut text = decoded.text;
    // Raw control characters go before the text is read, character references to them after.
    let mut removed = controls::strip_in_place(&mut text);
    if text.trim().is_empty() {
        return Err(Error::Empty { path: path.into() });
    }
    let format = format.unwrap_or_else(|| detect(&text, path));
    let (mut meta, mut blocks) = extract(&text, format);
    page_meta::title_prefix(&mut meta);
    removed += strip_controls(&mut meta, &mut blocks);
    warnings.extend(controls_removed(path, removed));
    if blocks.is_empty() {
        return Err(Error::NoContent { path: path.into(), format: format.name().into() });
    }
    Ok(Ingested { meta, blocks, format, warnings, text })
}

/// Removes the control characters no output may carry ([`controls`]) from what was read,
/// leaving out paragraphs that held nothing else; returns how many were removed.
pub(crate) fn strip_controls(meta: &mut Meta, blocks: &mut Vec<Block>) -> usize {
    let mut removed = 0;
    for block in blocks.iter_mut() {
        removed += controls::strip_in_place(&mut block.text);
    }
    if removed > 0 {
        blocks.retain(|b| !b.text.trim().is_empty());
    }
    let Meta { title, author, source, date, source_url, archived_at, topics, copyright, .. } = meta;
    for field in [title, author, source, date, source_url, archived_at, copyright].into_iter().flatten().chain(topics) {
        removed += controls::strip_in_place(field);
    }
    removed
}

/// The warning that `removed` control characters were taken out of the input at `path`.
pub(crate) fn controls_removed(path: &Path, removed: usize) -> Option<String> {
    (removed > 0).then(|| {
        format!(
            "{}: {} removed (invisible, and not allowed in XML, EPUB or XLIFF)",
            path.display(),
            crate::text::count(removed, "control character")
        )
    })
}

/// Guesses the format from the text, then the file extension.
pub(crate) fn detect(text: &str, path: &Path) -> Format {
    let start = text.trim_start();
    if archive::header(start).is_some() {
        return Format::Archive;
    }
    if start.starts_with("---\n") || start.starts_with("---\r\n") {
        return Format::Markdown;
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" | "xhtml" | "xml" => return Format::Html,
        "md" | "markdown" | "mdown" => return Format::Markdown,
        _ => {}
    }
    let head: String = start.chars().take(2048).collect::<String>().to_ascii_lowercase();
    // Saved pages often start with a comment (the address they came from) before <html>.
    let looks_html = head.starts_with("<?xml")
        || ["<!doctype html", "<html", "<head", "<meta", "<body", "<p>", "<p ", "<div", "<br", "<article"]
            .iter()
            .any(|t| head.contains(t));
    if looks_html { Format::Html } else { Format::Text }
}

/// Metadata and paragraphs of decoded text in a known format.
fn extract(text: &str, format: Format) -> (Meta, Vec<Block>) {
    match format {
        Format::Archive => match archive::header(text.trim_start()) {
            Some(header) => archive::extract(text.trim_start(), header),
            None => extract(text, Format::Html),
        },
        Format::Html => {
            let doc = html::parse(text);
            let scope = if is_whole_page(text) { html::Scope::Page } else { html::Scope::Fragment };
            html::extract(&doc, scope)
        }
        Format::Markdown => {
            let Some((front, body_start)) = markdown::front_matter(text) else {
                return markdown::extract(text);
            };
            let body = &text[body_start..];
            // Blog exports put an archive copy or a raw page behind the front matter.
            let (meta, blocks) = match detect(body, Path::new("")) {
                Format::Archive => extract(body, Format::Archive),
                _ => markdown::extract(body),
            };
            (merge(front, meta), blocks)
        }
        Format::Text => (Meta::default(), text::blocks(text)),
    }
}

/// A page with a document head, rather than an article fragment.
fn is_whole_page(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect::<String>().to_ascii_lowercase();
    head.contains("<html") || head.contains("<head") || head.contains("<body")
}

/// Front-matter fields win; the body's own metadata fills the gaps.
fn merge(front: Meta, body: Meta) -> Meta {
    let mut topics = front.topics;
    for t in body.topics {
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    Meta {
        title: front.title.or(body.title),
        author: front.author.or(body.author),
        source: front.source.or(body.source),
        date: front.date.or(body.date),
        source_url: front.source_url.or(body.source_url),
        archived_at: front.archived_at.or(body.archived_at),
        topics,
        copyright: front.copyright.or(body.copyright),
        translation: None,
        book: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(detect("[t](https://x)\n---\n<p>a</p>", Path::new("a.txt")), Format::Archive);
        assert_eq!(detect("---\ntitle: x\n---\n", Path::new("a")), Format::Markdown);
        assert_eq!(detect("<p>段落</p>", Path::new("a")), Format::Html);
        assert_eq!(detect("<!--https://mp.weixin.qq.com/s-->\n<html><head>", Path::new("s")), Format::Html);
        assert_eq!(detect("第一行\n第二行", Path::new("a.txt")), Format::Text);
        assert_eq!(detect("# 标题", Path::new("a.md")), Format::Markdown);
    }

    #[test]
    fn empty_and_markupless_inputs_are_clear_errors() {
        assert!(matches!(ingest(b"", Path::new("e"), None), Err(Error::Empty { .. })));
        let err = ingest(b"<div><script>x</script></div>", Path::new("h.html"), None).unwrap_err();
        assert!(matches!(err, Error::NoContent { .. }));
    }
}
