//! EPUB books in (EPUB 2 and 3, as pandoc, calibre, Sigil and publishers make them): the
//! package's metadata, then the chapters in spine order, each an article of its own.
//!
//! What is not body text stays out: the navigation document and the NCX, and pages that the
//! package, their markup or their file name marks as cover, title page, copyright page or table
//! of contents. A chapter's title is its first heading, else its entry in the table of contents.
//! Footnotes follow the paragraph that refers to them; images and tables are left out and
//! counted. A book whose text is encrypted (DRM) or whose parts are missing is refused.

mod notes;
mod page;

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use scraper::{Html, Selector};
use zip::ZipArchive;

use crate::document::{Block, BookMeta, ParagraphKind};
use crate::error::{Error, Result};
use crate::ingest::encoding;
use crate::text::controls;

/// One chapter: a content document of the spine that holds body text.
#[derive(Debug, Clone, PartialEq)]
pub struct Chapter {
    /// Its first heading, else its label in the table of contents.
    pub title: Option<String>,
    /// Its paragraphs, the title heading taken out; never empty.
    pub blocks: Vec<Block>,
    /// The `xml:lang` (or `lang`) the document declares.
    pub lang: Option<String>,
    /// Its path inside the book (`EPUB/text/ch001.xhtml`), for messages.
    pub href: String,
}

/// A book as ingest finds it.
#[derive(Debug, Clone, Default)]
pub struct Book {
    /// The book's metadata.
    pub meta: BookMeta,
    /// Chapters with body text, in spine order; never empty.
    pub chapters: Vec<Chapter>,
    /// Things the reader should hear about (images and tables left out, pages skipped).
    pub warnings: Vec<String>,
}

/// The largest content document read, in bytes, after decompression: a bound against zip
/// bombs, far above any real chapter (a long novel's chapter is 100 KB).
const MAX_ENTRY_BYTES: u64 = 32 * 1024 * 1024;

/// The most text a book may hold in all, in bytes after decompression.
const MAX_BOOK_BYTES: u64 = 256 * 1024 * 1024;

/// A selector written in this module.
pub(super) fn select(selector: &str) -> Selector {
    Selector::parse(selector).expect("valid selector")
}

/// An element's structural roles: its `epub:type` values and ARIA `role`s without `doc-`.
pub(super) fn roles(el: &scraper::node::Element) -> Vec<String> {
    [el.attr("epub:type"), el.attr("role")]
        .into_iter()
        .flatten()
        .flat_map(|v| v.split_whitespace())
        .map(|v| v.trim_start_matches("doc-").to_ascii_lowercase())
        .collect()
}

/// True when `bytes` are a zip archive: an EPUB, or something that claims to be one.
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads the book in `bytes`; `path` names it in errors.
pub fn read(bytes: &[u8], path: &Path) -> Result<Book> {
    let fail = |message: String| Error::Book { path: path.into(), message };
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| fail(format!("not a readable EPUB: the zip container is damaged ({e}); export the book again")))?;
    refuse_encrypted(&mut zip).map_err(fail)?;
    let mut budget = MAX_BOOK_BYTES;
    let container = entry(&mut zip, "META-INF/container.xml", &mut budget).map_err(fail)?;
    let opf_path = rootfile(&container).map_err(fail)?;
    let opf = entry(&mut zip, &opf_path, &mut budget).map_err(fail)?;
    let package = Package::parse(&opf, &opf_path).map_err(fail)?;
    let toc = table_of_contents(&mut zip, &package, &mut budget);
    let mut book = Book { meta: package.meta.clone(), ..Book::default() };
    let mut skipped = Vec::new();
    // Every content document of the spine, parsed: the notes of one may be referred to from
    // another (calibre keeps a book's endnotes in its last file).
    let mut pages: Vec<(String, scraper::Html)> = Vec::new();
    for itemref in &package.spine {
        let Some(item) = package.manifest.get(&itemref.idref) else {
            return Err(fail(format!(
                "the spine lists the item \"{}\", which the manifest ({opf_path}) does not have: the book is \
                 incomplete; export it again",
                itemref.idref
            )));
        };
        if zip.index_for_name(&item.href).is_none() {
            return Err(fail(format!(
                "the spine lists {}, which is not in the book: the book is incomplete; export it again",
                item.href
            )));
        }
        let is_content =
            matches!(item.media_type.as_str(), "application/xhtml+xml" | "text/html" | "application/x-dtbook+xml");
        if !is_content || item.properties.split_whitespace().any(|p| p == "nav") || !itemref.linear {
            continue;
        }
        if package.not_body.contains(&item.href) || is_front_matter_name(&item.href) {
            skipped.push(item.href.clone());
            continue;
        }
        let bytes = entry_bytes(&mut zip, &item.href, &mut budget).map_err(fail)?;
        let text = encoding::decode(&bytes, &path.join(&item.href), None)?.text;
        let doc = crate::ingest::html::parse(&text);
        if page::is_front_matter(&doc) {
            skipped.push(item.href.clone());
            continue;
        }
        pages.push((item.href.clone(), doc));
    }
    let notes = notes::Notes::collect(&mut pages);
    let (mut images, mut tables, mut removed) = (0usize, 0usize, 0usize);
    for (href, doc) in pages {
        let page = page::Page::read(doc, &href, &notes);
        images += page.images;
        tables += page.tables;
        let mut blocks = page.blocks;
        for block in &mut blocks {
            removed += controls::strip_in_place(&mut block.text);
        }
        blocks.retain(|b| !b.text.trim().is_empty());
        if blocks.is_empty() {
            continue;
        }
        let heading = blocks.iter().take(3).position(|b| b.kind == ParagraphKind::Heading);
        let title = match heading {
            // Headings before the title (a part's name, "Chapter 3") stay in the text.
            Some(i) => Some(blocks.remove(i).text),
            None => toc.get(&href).cloned(),
        };
        if blocks.is_empty() {
            // A part's title page: its heading alone. It opens the next chapter as a heading.
            blocks.push(Block {
                kind: ParagraphKind::Heading,
                level: Some(1),
                text: title.clone().unwrap_or_default(),
            });
        }
        let mut title = title;
        if let Some(title) = &mut title {
            removed += controls::strip_in_place(title);
        }
        book.chapters.push(Chapter { title, blocks, lang: page.lang, href });
    }
    book.warnings.extend(super::controls_removed(path, removed));
    if book.chapters.is_empty() {
        return Err(fail(format!(
            "no body text found in the book's {} spine items; check that it is a text book (not images only)",
            package.spine.len()
        )));
    }
    if images + tables > 0 {
        let count = crate::text::count;
        book.warnings.push(format!(
            "{}: {} and {} left out (duizhao reads a book's text)",
            path.display(),
            count(images, "image"),
            count(tables, "table")
        ));
    }
    crate::verbose!("{}: {} chapters; not body text: {}", path.display(), book.chapters.len(), skipped.join(", "));
    Ok(book)
}

/// Refuses a book whose content is encrypted: Adobe's or another vendor's DRM. Fonts
/// obfuscated by the IDPF or Adobe algorithm are not DRM and are fine.
fn refuse_encrypted(zip: &mut ZipArchive<Cursor<&[u8]>>) -> std::result::Result<(), String> {
    const FONT_OBFUSCATION: [&str; 2] = ["http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"];
    if zip.index_for_name("META-INF/rights.xml").is_some() {
        return Err(drm_message("META-INF/rights.xml (Adobe ADEPT rights)"));
    }
    let mut budget = MAX_ENTRY_BYTES;
    let Ok(xml) = entry(zip, "META-INF/encryption.xml", &mut budget) else { return Ok(()) };
    let Ok(doc) = roxmltree::Document::parse(&xml) else {
        return Err(drm_message("META-INF/encryption.xml (unreadable)"));
    };
    for data in doc.descendants().filter(|n| n.tag_name().name() == "EncryptedData") {
        let algorithm = data
            .descendants()
            .find(|n| n.tag_name().name() == "EncryptionMethod")
            .and_then(|n| n.attribute("Algorithm"))
            .unwrap_or("");
        if FONT_OBFUSCATION.contains(&algorithm) {
            continue;
        }
        let file = data
            .descendants()
            .find(|n| n.tag_name().name() == "CipherReference")
            .and_then(|n| n.attribute("URI"))
            .unwrap_or("a file");
        return Err(drm_message(&format!("{file}, by META-INF/encryption.xml ({algorithm})")));
    }
    Ok(())
}

fn drm_message(what: &str) -> String {
    format!(
        "the book is encrypted (DRM): {what}; duizhao reads only books without DRM: use a DRM-free edition or \
         export the text from the reading app you bought it in"
    )
}

/// The text of the zip entry `name` (UTF-8, as the EPUB container's XML files must be).
fn entry(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str, budget: &mut u64) -> std::result::Result<String, String> {
    let bytes = entry_bytes(zip, name, budget)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// The bytes of the zip entry `name`, counted against the book's `budget`.
fn entry_bytes(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> std::result::Result<Vec<u8>, String> {
    let mut file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(format!("{name} is missing: this is not a complete EPUB; export the book again"));
        }
        Err(e) => return Err(format!("{name} cannot be read ({e}); the book may be encrypted or damaged")),
    };
    let limit = MAX_ENTRY_BYTES.min(*budget);
    let mut bytes = Vec::with_capacity(file.size().min(limit) as usize);
    (&mut file)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name} cannot be read ({e}); the book is damaged: export it again"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{name} unpacks to more than {} MB of text; duizhao reads books of up to {} MB of text: split the book",
            limit >> 20,
            MAX_BOOK_BYTES >> 20
        ));
    }
    *budget -= bytes.len() as u64;
    Ok(bytes)
}

/// The package document's path, from `META-INF/container.xml`.
fn rootfile(container: &str) -> std::result::Result<String, String> {
    let doc = xml(container).map_err(|e| format!("META-INF/container.xml is not well-formed XML ({e})"))?;
    doc.descendants()
        .filter(|n| n.tag_name().name() == "rootfile")
        .find(|n| n.attribute("media-type").is_none_or(|t| t == "application/oebps-package+xml"))
        .and_then(|n| n.attribute("full-path"))
        .map(|p| crate::text::percent::decode_lenient(p.trim_start_matches('/')))
        .ok_or_else(|| "META-INF/container.xml names no package document (rootfile): export the book again".to_string())
}

fn xml(text: &str) -> std::result::Result<roxmltree::Document<'_>, roxmltree::Error> {
    roxmltree::Document::parse_with_options(text, roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() })
}

/// A manifest item.
#[derive(Debug, Clone)]
struct Item {
    /// Its path inside the zip.
    href: String,
    media_type: String,
    properties: String,
}

/// A spine entry.
#[derive(Debug, Clone)]
struct ItemRef {
    idref: String,
    linear: bool,
}

/// What the package document (OPF) holds.
#[derive(Debug, Default)]
struct Package {
    meta: BookMeta,
    manifest: HashMap<String, Item>,
    spine: Vec<ItemRef>,
    /// The EPUB 2 NCX's path, when there is one.
    ncx: Option<String>,
    /// The navigation document's path (EPUB 3).
    nav: Option<String>,
    /// Pages the guide or landmarks name as cover, title page, copyright page or contents.
    not_body: Vec<String>,
}

impl Package {
    fn parse(opf: &str, opf_path: &str) -> std::result::Result<Package, String> {
        let doc = xml(opf).map_err(|e| format!("the package document {opf_path} is not well-formed XML ({e})"))?;
        let base = opf_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let root = doc.root_element();
        let text = |n: roxmltree::Node| n.text().map(crate::text::collapse_spaces);
        let dc = |name: &'static str| {
            root.descendants().filter(move |n| {
                n.tag_name().name() == name && n.tag_name().namespace() == Some("http://purl.org/dc/elements/1.1/")
            })
        };
        let unique = root.attribute("unique-identifier");
        let meta = BookMeta {
            title: dc("title").find_map(text).filter(|t| !t.is_empty()),
            authors: dc("creator").filter_map(text).filter(|t| !t.is_empty()).collect(),
            language: dc("language").find_map(text).filter(|t| !t.is_empty()),
            identifier: dc("identifier")
                .find(|n| unique.is_some() && n.attribute("id") == unique)
                .or_else(|| dc("identifier").next())
                .and_then(text),
            publisher: dc("publisher").find_map(text).filter(|t| !t.is_empty()),
            date: dc("date").find_map(text).filter(|t| !t.is_empty()),
        };
        let mut package = Package { meta, ..Package::default() };
        for item in root.descendants().filter(|n| n.tag_name().name() == "item") {
            let (Some(id), Some(href)) = (item.attribute("id"), item.attribute("href")) else { continue };
            let item = Item {
                href: resolve(base, href),
                media_type: item.attribute("media-type").unwrap_or("").to_ascii_lowercase(),
                properties: item.attribute("properties").unwrap_or("").to_string(),
            };
            if item.properties.split_whitespace().any(|p| p == "nav") {
                package.nav = Some(item.href.clone());
            }
            package.manifest.insert(id.to_string(), item);
        }
        let Some(spine) = root.descendants().find(|n| n.tag_name().name() == "spine") else {
            return Err(format!("the package document {opf_path} has no spine: export the book again"));
        };
        package.ncx = spine.attribute("toc").and_then(|id| package.manifest.get(id)).map(|i| i.href.clone());
        package.spine = spine
            .children()
            .filter(|n| n.tag_name().name() == "itemref")
            .filter_map(|n| {
                Some(ItemRef { idref: n.attribute("idref")?.to_string(), linear: n.attribute("linear") != Some("no") })
            })
            .collect();
        for reference in root.descendants().filter(|n| n.tag_name().name() == "reference") {
            let kind = reference.attribute("type").unwrap_or("").to_ascii_lowercase();
            if NOT_BODY.contains(&kind.as_str())
                && let Some(href) = reference.attribute("href")
            {
                package.not_body.push(resolve(base, href));
            }
        }
        Ok(package)
    }
}

/// Page roles (EPUB 2 guide types, EPUB 3 `epub:type` values) that are not body text.
const NOT_BODY: &[&str] = &[
    "cover",
    "title-page",
    "titlepage",
    "halftitlepage",
    "copyright-page",
    "toc",
    "landmarks",
    "loi",
    "lot",
    "imprint",
    "colophon",
    "glossary",
];

/// File names books give their cover, title, copyright and contents pages.
fn is_front_matter_name(href: &str) -> bool {
    let name = href.rsplit('/').next().unwrap_or(href);
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    ["cover", "titlepage", "title_page", "title-page", "copyright", "copyright-page", "toc", "nav", "contents"]
        .contains(&stem.as_str())
}

/// `href` (percent-encoded, relative to the folder `base`, maybe with a fragment) as a path
/// inside the zip.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let mut parts: Vec<String> =
        if base.is_empty() { Vec::new() } else { base.split('/').map(str::to_string).collect() };
    for part in crate::text::percent::decode_lenient(href).split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part.to_string()),
        }
    }
    parts.join("/")
}

/// The table of contents' label of each content document (its first entry), from the
/// navigation document, else the NCX.
fn table_of_contents(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    package: &Package,
    budget: &mut u64,
) -> HashMap<String, String> {
    let mut labels = HashMap::new();
    if let Some(nav) = &package.nav
        && let Ok(text) = entry(zip, nav, budget)
    {
        let base = nav.rsplit_once('/').map_or("", |(dir, _)| dir);
        let doc = Html::parse_document(&text);
        let links = Selector::parse("nav a[href]").expect("valid selector");
        for a in doc.select(&links) {
            let label = crate::text::collapse_spaces(&a.text().collect::<String>());
            let href = resolve(base, a.value().attr("href").unwrap_or(""));
            if !label.is_empty() {
                labels.entry(href).or_insert(label);
            }
        }
    }
    if labels.is_empty()
        && let Some(ncx) = &package.ncx
        && let Ok(text) = entry(zip, ncx, budget)
        && let Ok(doc) = xml(&text)
    {
        let base = ncx.rsplit_once('/').map_or("", |(dir, _)| dir);
        for point in doc.descendants().filter(|n| n.tag_name().name() == "navPoint") {
            let label = point
                .children()
                .find(|n| n.tag_name().name() == "navLabel")
                .and_then(|l| l.descendants().find(|n| n.tag_name().name() == "text"))
                .and_then(|t| t.text())
                .map(crate::text::collapse_spaces);
            let src = point.children().find(|n| n.tag_name().name() == "content").and_then(|c| c.attribute("src"));
            if let (Some(label), Some(src)) = (label, src)
                && !label.is_empty()
            {
                labels.entry(resolve(base, src)).or_insert(label);
            }
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_the_book() {
        assert_eq!(resolve("EPUB", "text/ch001.xhtml#s1"), "EPUB/text/ch001.xhtml");
        assert_eq!(resolve("OEBPS/text", "../Text/%E7%AC%AC1.xhtml"), "OEBPS/Text/第1.xhtml");
        assert_eq!(resolve("", "./a.xhtml"), "a.xhtml");
        assert_eq!(crate::text::percent::decode_lenient("100%"), "100%");
        assert!(is_front_matter_name("OEBPS/Text/cover.xhtml"));
        assert!(!is_front_matter_name("OEBPS/Text/chapter1.xhtml"));
    }
}
