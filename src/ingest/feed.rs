//! RSS and Atom feeds in: each item (RSS 2.0 and 0.9x `<item>`, RSS 1.0 items, Atom `<entry>`)
//! is an article of its own, with its title, link, date, author, categories and body, in feed
//! order. Read as a page, a feed would be one paragraph of titles, links and timestamps.
//!
//! The XML parser reads CDATA and entities, so an item's HTML reaches the HTML reader as HTML
//! and `]]>` never reaches the text. A feed that is not well-formed XML is refused with its
//! position rather than guessed at.

use std::borrow::Cow;
use std::path::Path;

use roxmltree::Node;

use crate::document::{Block, Meta};
use crate::error::{Error, Result};
use crate::ingest::text::normalize_space;
use crate::ingest::{MAX_INPUT_BYTES, controls_removed, date, encoding, html, strip_controls, text};
use crate::text::controls;

/// A feed as ingest finds it.
#[derive(Debug, Clone)]
pub struct Feed {
    /// What kind of feed it is, for messages: `RSS` or `Atom`.
    pub kind: &'static str,
    /// The feed's own title (the channel's).
    pub title: Option<String>,
    /// The items that have text, in feed order; never empty.
    pub items: Vec<Item>,
    /// How many items the feed holds, those left out included.
    pub total: usize,
    /// Things the user should hear about: items left out, a file cut off mid-character.
    pub warnings: Vec<String>,
}

/// One item of a feed: an article.
#[derive(Debug, Clone)]
pub struct Item {
    /// Its place in the feed, from 1; items left out keep their numbers, so that the files
    /// and the warnings agree.
    pub number: usize,
    /// Title, author, date (ISO 8601), link (as `source_url`) and categories (as topics).
    pub meta: Meta,
    /// Its paragraphs; never empty.
    pub blocks: Vec<Block>,
}

/// How far into a file [`is_feed`] looks for the root element: far enough for a declaration,
/// a stylesheet instruction, a licence comment and a DOCTYPE.
pub(crate) const HEAD_BYTES: usize = 8 * 1024;

/// The root elements of feeds, with the kind each names: RSS 0.9x and 2.0, Atom, RSS 1.0 and
/// 0.90 (RDF).
const ROOTS: [(&[u8], &str); 3] = [(b"<rss", "RSS"), (b"<feed", "Atom"), (b"<rdf:RDF", "RSS")];

const DC: &str = "http://purl.org/dc/elements/1.1/";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// True when `bytes` are an RSS or Atom feed: its root element, after an optional BOM, XML
/// declaration, comments, processing instructions and DOCTYPE, is `<rss`, `<feed` or
/// `<rdf:RDF`. Only the ASCII of the markup is looked at, so it holds for UTF-8, GB18030/GBK
/// and Big5 alike (their multi-byte characters never hold `<`, `>`, `?` or `-`). A page that
/// merely mentions `<rss` in its text or scripts has `<html` as its root, and is no feed.
pub(crate) fn is_feed(bytes: &[u8]) -> bool {
    root_kind(bytes).is_some()
}

/// The kind of feed the root element of `bytes` names, if it is one.
fn root_kind(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        rest = rest.trim_ascii_start();
        rest = if rest.starts_with(b"<!--") {
            after(&rest[4..], b"-->")?
        } else if rest.starts_with(b"<?") {
            after(rest, b"?>")?
        } else if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<!DOCTYPE") {
            after_doctype(rest)?
        } else {
            break;
        };
    }
    ROOTS.iter().find_map(|(root, kind)| {
        let ends = rest.get(root.len()).is_some_and(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
        (rest.starts_with(root) && ends).then_some(*kind)
    })
}

/// What follows the first `needle` in `bytes`.
fn after<'a>(bytes: &'a [u8], needle: &[u8]) -> Option<&'a [u8]> {
    let at = bytes.windows(needle.len()).position(|w| w == needle)?;
    Some(&bytes[at + needle.len()..])
}

/// What follows a DOCTYPE, its internal subset (`[...]`, which holds `>`s) included.
fn after_doctype(bytes: &[u8]) -> Option<&[u8]> {
    let close = bytes.iter().position(|&b| b == b'>')?;
    match bytes[..close].iter().position(|&b| b == b'[') {
        Some(open) => after(after(&bytes[open..], b"]")?, b">"),
        None => Some(&bytes[close + 1..]),
    }
}

/// Reads the feed in `bytes`; `path` names it in errors and warnings.
pub fn read(bytes: &[u8], path: &Path) -> Result<Feed> {
    read_declared(bytes, path, None)
}

/// [`read`] for bytes that came with a charset declared outside them (an HTTP header).
pub(crate) fn read_declared(bytes: &[u8], path: &Path, charset: Option<&str>) -> Result<Feed> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge { path: path.into(), size: bytes.len(), max: MAX_INPUT_BYTES });
    }
    // The XML declaration's `encoding` is one of the declarations decode follows.
    let mut decoded = encoding::decode(bytes, path, charset)?;
    // Raw control characters are not XML: a feed that holds one (pasted in) loses it rather than
    // every item. Character references to them are taken out of the items below.
    let mut removed = controls::strip_in_place(&mut decoded.text);
    let source = without_declaration(&decoded.text);
    let kind = root_kind(source.as_bytes()).unwrap_or("RSS/Atom");
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let xml =
        roxmltree::Document::parse_with_options(&source, options).map_err(|e| malformed(path, kind, &source, &e))?;
    let root = xml.root_element();
    // The feed's own link is the base of items' links written from the site's root.
    let (title, base, nodes, feed_author) = match root.tag_name().name() {
        "rss" | "RDF" => {
            let channel = root.children().find(|n| n.is_element() && n.tag_name().name() == "channel");
            let items: Vec<Node> = root
                .descendants()
                .filter(|n| n.is_element() && n.tag_name().name() == "item")
                .filter(|n| n.parent().is_some_and(|p| p == root || Some(p) == channel))
                .collect();
            let text = |name| channel.and_then(|c| first_text(own(c, name)));
            (text("title"), text("link"), items, None)
        }
        "feed" => {
            let entries = own(root, "entry").collect();
            (own(root, "title").next().map(title_text), atom_link(root), entries, atom_author(root))
        }
        other => {
            let message = format!(
                "the root element is <{other}>, not <rss>, <feed> or <rdf:RDF>: this is not an RSS or Atom feed; \
                 give it with --from html to read it as a page"
            );
            return Err(Error::Feed { path: path.into(), position: None, message });
        }
    };
    let mut feed = Feed { kind, title, items: Vec::new(), total: nodes.len(), warnings: Vec::new() };
    feed.warnings.extend(decoded.warning);
    for (i, node) in nodes.into_iter().enumerate() {
        let atom = node.tag_name().name() == "entry";
        let mut item = if atom { atom_entry(node, &source) } else { rss_item(node, &source) };
        item.number = i + 1;
        if item.meta.author.is_none() {
            item.meta.author = feed_author.clone();
        }
        item.meta.source_url = item.meta.source_url.map(|link| absolute(&link, base.as_deref()));
        // A body often opens with its title again; the title lives in meta.
        if item.blocks.first().is_some_and(|b| Some(&b.text) == item.meta.title.as_ref()) {
            item.blocks.remove(0);
        }
        removed += strip_controls(&mut item.meta, &mut item.blocks);
        if item.blocks.is_empty() {
            let title = item.meta.title.as_deref().map_or("untitled".to_string(), |t| format!("「{t}」"));
            feed.warnings.push(format!(
                "{}: {kind} feed item {} ({title}) has no text, only its title and link; left out (build its page \
                 from its link to have it)",
                path.display(),
                item.number
            ));
            continue;
        }
        feed.items.push(item);
    }
    feed.warnings.extend(controls_removed(path, removed));
    if feed.items.is_empty() {
        let what = match feed.total {
            0 => format!("this {kind} feed has no items"),
            1 => format!("this {kind} feed's one item has no text (only a title and a link), so it has no items"),
            n => format!("this {kind} feed's {n} items have no text (only titles and links), so it has no items"),
        };
        let message = format!(
            "{what} to build; build the articles' pages instead: list their links in a file and run \
             `duizhao build --urls FILE`"
        );
        return Err(Error::Feed { path: path.into(), position: None, message });
    }
    crate::verbose!(
        "{}: {kind} feed {}: {} items, {} with text",
        path.display(),
        feed.title.as_deref().unwrap_or("(untitled)"),
        feed.total,
        feed.items.len()
    );
    Ok(feed)
}

/// The text with its XML declaration blanked out: the declaration names the bytes' encoding,
/// which decoding has dealt with, and white space before it (as PHP feeds have) is an error to
/// the XML parser. Blanked rather than cut, so that positions in errors are the file's.
fn without_declaration(text: &str) -> Cow<'_, str> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    if !rest.starts_with("<?xml") || !rest[5..].starts_with(|c: char| c.is_ascii_whitespace() || c == '?') {
        return text.into();
    }
    let Some(end) = rest.find("?>") else { return text.into() };
    let mut out = text.to_string();
    out.replace_range(start..start + end + 2, &" ".repeat(end + 2));
    out.into()
}

/// The error for a feed that is not well-formed XML, at the place the parser stopped.
fn malformed(path: &Path, kind: &str, source: &str, error: &roxmltree::Error) -> Error {
    let pos = error.pos();
    let detail = error.to_string().replacen(&format!(" at {pos}"), "", 1);
    // The parser places a feed cut off before its end at 1:1; the end is where it stopped.
    let position = match error {
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
            let line = source.matches('\n').count() + 1;
            let column = source.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            (line as u32, column as u32)
        }
        _ => (pos.row, pos.col),
    };
    let message = format!(
        "this {kind} feed is not well-formed XML ({detail}), so its items cannot be read; fix the XML, or list the \
         items' links in a file and build their pages with `duizhao build --urls FILE`"
    );
    Error::Feed { path: path.into(), position: Some(position), message }
}

/// The element children of `node` named `name` in `node`'s own namespace (none for RSS 2.0,
/// RSS 1.0's or Atom's for theirs).
fn own<'a, 'i: 'a>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    let namespace = node.tag_name().namespace();
    named(node, namespace, name)
}

/// The element children of `node` named `name` in `namespace`.
fn named<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    namespace: Option<&'a str>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == namespace)
}

/// The text of an element as written (entities and CDATA read), white space collapsed.
fn plain_text(node: Node) -> String {
    normalize_space(&raw_text(node))
}

/// The text of an element's text nodes, as the parser gives them.
fn raw_text(node: Node) -> String {
    node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect()
}

/// The first non-empty plain text among `nodes`.
fn first_text<'a, 'i: 'a>(nodes: impl Iterator<Item = Node<'a, 'i>>) -> Option<String> {
    nodes.map(plain_text).find(|t| !t.is_empty())
}

/// An Atom text construct's text: `type="html"` holds escaped markup.
fn title_text(node: Node) -> String {
    match node.attribute("type") {
        Some("html") => {
            let doc = html::parse_fragment(&raw_text(node));
            normalize_space(&doc.root_element().text().collect::<String>())
        }
        _ => plain_text(node),
    }
}

/// How an item's body is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Markup {
    Html,
    Text,
    /// Undeclared: HTML when it has tags or entities in it, else text.
    Either,
}

/// The paragraphs of an item's body element.
fn body(node: Node, source: &str, markup: Markup) -> Vec<Block> {
    let elements: Vec<Node> = node.children().filter(|n| n.is_element()).collect();
    let (content, markup) = match (elements.first(), elements.last()) {
        // XHTML content, or a description holding unescaped markup: its source is the HTML.
        (Some(first), Some(last)) => (source[first.range().start..last.range().end].to_string(), Markup::Html),
        _ => (raw_text(node), markup),
    };
    let is_html = match markup {
        Markup::Html => true,
        Markup::Text => false,
        Markup::Either => looks_like_markup(&content),
    };
    if is_html { html::extract(&html::parse(&content), html::Scope::Fragment).1 } else { text::blocks(&content) }
}

/// Text holding a tag (`<p`, `</`, `<!--`) or an entity (`&amp;`, `&#12354;`).
fn looks_like_markup(text: &str) -> bool {
    let tag = text
        .match_indices('<')
        .any(|(i, _)| text[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!'));
    let entity = text.match_indices('&').any(|(i, _)| {
        let name: String = text[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '#').collect();
        !name.is_empty() && name.len() <= 10 && text[i + 1 + name.len()..].starts_with(';')
    });
    tag || entity
}

/// An RSS 2.0, 0.9x or 1.0 item.
fn rss_item(node: Node, source: &str) -> Item {
    let title = first_text(own(node, "title"));
    let link = first_text(own(node, "link"))
        .or_else(|| {
            own(node, "guid")
                .find(|g| g.attribute("isPermaLink") != Some("false"))
                .map(plain_text)
                .filter(|g| g.starts_with("http://") || g.starts_with("https://"))
        })
        .or_else(|| node.attribute((RDF, "about")).map(str::to_string));
    let date = first_text(own(node, "pubDate")).or_else(|| first_text(named(node, Some(DC), "date")));
    let author = first_text(own(node, "author"))
        .map(|a| rss_author(&a))
        .or_else(|| names(named(node, Some(DC), "creator").map(plain_text)));
    let topics = own(node, "category").chain(named(node, Some(DC), "subject")).map(plain_text);
    let blocks = named(node, Some(CONTENT), "encoded")
        .chain(own(node, "description"))
        .map(|n| body(n, source, Markup::Either))
        .find(|b| !b.is_empty())
        .unwrap_or_default();
    Item { number: 0, meta: meta(title, author, date.as_deref(), link, topics), blocks }
}

/// An Atom entry.
fn atom_entry(node: Node, source: &str) -> Item {
    let title = own(node, "title").next().map(title_text).filter(|t| !t.is_empty());
    let date = first_text(own(node, "published")).or_else(|| first_text(own(node, "updated")));
    let topics =
        own(node, "category").filter_map(|c| c.attribute("label").or(c.attribute("term"))).map(normalize_space);
    // Content given by reference (`src`) is not in the feed; the summary may be.
    let blocks = own(node, "content")
        .filter(|c| c.attribute("src").is_none())
        .chain(own(node, "summary"))
        .filter_map(|n| {
            let markup = match n.attribute("type").map(str::to_ascii_lowercase).as_deref() {
                None => Markup::Either,
                Some("html" | "xhtml" | "text/html" | "application/xhtml+xml") => Markup::Html,
                Some("text" | "text/plain") => Markup::Text,
                // Media (base64) and other types are not text.
                Some(_) => return None,
            };
            Some(body(n, source, markup))
        })
        .find(|b| !b.is_empty())
        .unwrap_or_default();
    Item { number: 0, meta: meta(title, atom_author(node), date.as_deref(), atom_link(node), topics), blocks }
}

/// An item's metadata; categories once each, in order.
fn meta(
    title: Option<String>,
    author: Option<String>,
    date: Option<&str>,
    link: Option<String>,
    topics: impl Iterator<Item = String>,
) -> Meta {
    let mut unique: Vec<String> = Vec::new();
    for topic in topics.filter(|t| !t.is_empty()) {
        if !unique.contains(&topic) {
            unique.push(topic);
        }
    }
    let mut meta = Meta {
        title,
        author,
        date: date.and_then(normalize_date),
        source_url: link,
        topics: unique,
        ..Meta::default()
    };
    // A feed's item titles carry their column as articles' titles do.
    crate::ingest::page_meta::title_prefix(&mut meta);
    meta
}

/// The names of an Atom element's `author`s, joined.
fn atom_author(node: Node) -> Option<String> {
    names(own(node, "author").filter_map(|a| first_text(own(a, "name"))))
}

/// Several names as one, the way Chinese lists them (`甲、乙`).
fn names(names: impl Iterator<Item = String>) -> Option<String> {
    let names: Vec<String> = names.filter(|n| !n.is_empty()).collect();
    (!names.is_empty()).then(|| names.join("、"))
}

/// An RSS `author`, which is an e-mail address with the name in parentheses
/// (`news@example.com (王小明)`): the name, else what is written.
fn rss_author(author: &str) -> String {
    match author.split_once('(') {
        Some((address, name)) if address.contains('@') && name.ends_with(')') => {
            name.trim_end_matches(')').trim().to_string()
        }
        _ => author.to_string(),
    }
}

/// The page an Atom entry or feed links to: its `alternate` link (one without `rel` is one),
/// HTML first.
fn atom_link(node: Node) -> Option<String> {
    let alternates: Vec<Node> =
        own(node, "link").filter(|l| l.attribute("rel").is_none_or(|r| r == "alternate")).collect();
    let page = alternates.iter().find(|l| l.attribute("type").is_some_and(|t| t.contains("html")));
    page.or(alternates.first()).and_then(|l| l.attribute("href")).map(|h| h.trim().to_string())
}

/// `link` made absolute against `base` when it is written from the site's root (`/news/1.html`)
/// or without its scheme (`//example.com/1.html`); other links as written.
fn absolute(link: &str, base: Option<&str>) -> String {
    let Some((scheme, rest)) = base.and_then(|b| b.split_once("://")) else { return link.to_string() };
    if link.starts_with("//") {
        return format!("{scheme}:{link}");
    }
    if link.starts_with('/') {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        return format!("{scheme}://{host}{link}");
    }
    link.to_string()
}

/// A feed's date in ISO 8601. Feeds write RFC 822 with a named zone (`GMT`, `UT`) or without
/// seconds as often as with an offset, which [`date::normalize`] alone does not read.
fn normalize_date(text: &str) -> Option<String> {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if let Some(zone) = words.last_mut()
        && matches!(zone.as_str(), "GMT" | "UT" | "UTC" | "Z")
    {
        *zone = "+0000".to_string();
    }
    if let Some(time) = words.iter_mut().find(|w| w.len() == 5 && w.as_bytes()[2] == b':') {
        time.push_str(":00");
    }
    date::normalize(&words.join(" ")).or_else(|| date::normalize(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_recognised_by_their_root_element() {
        let feeds: [&[u8]; 8] = [
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel/></rss>",
            b"\xEF\xBB\xBF<?xml version=\"1.0\"?><rss version=\"2.0\">",
            b"\n  <?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"rss.xsl\"?>\n<!-- generator -->\n<rss>",
            b"<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"rss-0.91.dtd\">\n<rss version=\"0.91\">",
            b"<!DOCTYPE rss [ <!ENTITY nbsp \"&#160;\"> ]><rss version=\"2.0\">",
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            b"<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
            b"<rss\nversion=\"2.0\">",
        ];
        for feed in feeds {
            assert!(is_feed(feed), "{}", String::from_utf8_lossy(feed));
        }
        // A comment in Big5 before the root: its bytes hold no `-->` early.
        let (big5, _, _) =
            encoding_rs::BIG5.encode("<?xml version=\"1.0\" encoding=\"big5\"?><!-- 中央社新聞 --><rss>");
        assert!(is_feed(&big5));
        assert_eq!(root_kind(b"<feed>"), Some("Atom"));
    }

    #[test]
    fn pages_and_other_xml_are_not_feeds() {
        let others: [&[u8]; 9] = [
            b"<!DOCTYPE html><html><head><script>var s = '<rss version=\"2.0\">';</script></head></html>",
            b"<html><body><p>Subscribe: <code>&lt;rss&gt;</code> <rss></p></body></html>",
            b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><rss/></body></html>",
            b"<!-- <rss> -->\n<html><body>x</body></html>",
            b"<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"/>",
            b"<rsstext>",
            b"<feeds>",
            "订阅 <rss> 的文章".as_bytes(),
            b"<!-- never closed <rss>",
        ];
        for other in others {
            assert!(!is_feed(other), "{}", String::from_utf8_lossy(other));
        }
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>新闻频道</title><link>https://news.example.com/</link>
<item><title>第一条</title><link>/a/1.html</link><pubDate>Tue, 14 Jan 2025 10:07:30 +0800</pubDate>
<author>news@example.com (王小明)</author><category>时政</category><category>时政</category>
<description><![CDATA[<p>摘要不用。</p>]]></description>
<content:encoded><![CDATA[<h1>第一条</h1><p>第一段，有逗号。</p><p>第二段]]]]><![CDATA[>还在。</p>]]></content:encoded></item>
<item><title>第二条</title><guid>https://news.example.com/a/2.html</guid><pubDate>Wed, 15 Jan 2025 08:00 GMT</pubDate>
<dc:creator>李四</dc:creator><description>&lt;p&gt;转义的&amp;ldquo;段落&amp;rdquo;。&lt;/p&gt;&lt;p&gt;另一段。&lt;/p&gt;</description></item>
<item><title>只有标题</title><link>https://news.example.com/a/3.html</link><description></description></item>
<item><title>纯文本</title><description>第一行文字。

第二段文字。</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_in_order_with_their_fields() {
        let feed = read(RSS.as_bytes(), Path::new("news.xml")).unwrap();
        assert_eq!((feed.kind, feed.title.as_deref(), feed.total), ("RSS", Some("新闻频道"), 4));
        let numbers: Vec<usize> = feed.items.iter().map(|i| i.number).collect();
        assert_eq!(numbers, [1, 2, 4]);
        let first = &feed.items[0];
        assert_eq!(first.meta.title.as_deref(), Some("第一条"));
        assert_eq!(first.meta.source_url.as_deref(), Some("https://news.example.com/a/1.html"));
        assert_eq!(first.meta.date.as_deref(), Some("2025-01-14T10:07:30+08:00"));
        assert_eq!(first.meta.author.as_deref(), Some("王小明"));
        assert_eq!(first.meta.topics, ["时政"]);
        let texts = |item: &Item| item.blocks.iter().map(|b| b.text.clone()).collect::<Vec<_>>();
        assert_eq!(
            texts(first),
            ["第一段，有逗号。", "第二段]]>还在。"],
            "content:encoded wins, its title heading out"
        );
        let second = &feed.items[1];
        assert_eq!(second.meta.source_url.as_deref(), Some("https://news.example.com/a/2.html"));
        assert_eq!(second.meta.date.as_deref(), Some("2025-01-15T08:00:00Z"));
        assert_eq!(second.meta.author.as_deref(), Some("李四"));
        assert_eq!(texts(second), ["转义的“段落”。", "另一段。"]);
        assert_eq!(texts(&feed.items[2]), ["第一行文字。", "第二段文字。"]);
        assert_eq!(feed.warnings.len(), 1);
        assert!(feed.warnings[0].contains("item 3 (「只有标题」)"), "{}", feed.warnings[0]);
    }

    #[test]
    fn atom_entries_and_rss_1_items() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">博客 &amp;lt;B&amp;gt;</title>
<author><name>作者甲</name></author><link href="https://blog.example.org/"/>
<entry><title>甲</title><link rel="self" href="https://blog.example.org/feed/1"/><link rel="alternate" type="text/html" href="/1"/>
<published>2024-03-01T09:00:00+08:00</published><updated>2024-03-02T09:00:00+08:00</updated>
<category term="a" label="随笔"/><summary>摘要</summary><content type="html">&lt;p&gt;正文一。&lt;/p&gt;</content></entry>
<entry><title type="text">乙</title><link href="https://blog.example.org/2"/><updated>2024-03-03T00:00:00Z</updated>
<author><name>作者乙</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>正文<b>二</b>。</p><p>第二段。</p></div></content></entry>
<entry><title>丙</title><content type="text">第一行。

第二行。</content></entry>
<entry><title>丁</title><content src="https://blog.example.org/4.mp3" type="audio/mpeg"/><summary type="html">&lt;p&gt;只有摘要。&lt;/p&gt;</summary></entry>
</feed>"#;
        let feed = read(atom.as_bytes(), Path::new("blog.atom")).unwrap();
        assert_eq!((feed.kind, feed.title.as_deref()), ("Atom", Some("博客 <B>")));
        let texts: Vec<Vec<String>> =
            feed.items.iter().map(|i| i.blocks.iter().map(|b| b.text.clone()).collect()).collect();
        assert_eq!(
            texts,
            [vec!["正文一。"], vec!["正文二。", "第二段。"], vec!["第一行。", "第二行。"], vec!["只有摘要。"]]
        );
        let first = &feed.items[0].meta;
        assert_eq!(first.source_url.as_deref(), Some("https://blog.example.org/1"));
        assert_eq!(first.date.as_deref(), Some("2024-03-01T09:00:00+08:00"));
        assert_eq!(
            (first.author.as_deref(), first.topics.as_slice()),
            (Some("作者甲"), ["随笔".to_string()].as_slice())
        );
        assert_eq!(feed.items[1].meta.author.as_deref(), Some("作者乙"));
        assert_eq!(feed.items[1].meta.date.as_deref(), Some("2024-03-03T00:00:00Z"));

        let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.example/"><title>频道</title><link>https://x.example/</link></channel>
<item rdf:about="https://x.example/1"><title>一</title><description>第一篇的正文。</description><dc:date>2023-05-06</dc:date></item>
<item rdf:about="https://x.example/2"><title>二</title><link>https://x.example/two</link><description>第二篇。</description></item>
</rdf:RDF>"#;
        let feed = read(rdf.as_bytes(), Path::new("rdf.xml")).unwrap();
        let links: Vec<_> = feed.items.iter().map(|i| i.meta.source_url.clone().unwrap()).collect();
        assert_eq!(links, ["https://x.example/1", "https://x.example/two"]);
        assert_eq!(feed.items[0].meta.date.as_deref(), Some("2023-05-06"));
        assert_eq!(feed.title.as_deref(), Some("频道"));
    }

    #[test]
    fn malformed_feeds_and_feeds_without_items_are_refused() {
        let broken = "<?xml version=\"1.0\"?>\n<rss><channel>\n<item><title>A & B</title></item></channel></rss>";
        let err = read(broken.as_bytes(), Path::new("bad.xml")).unwrap_err().to_string();
        assert!(err.starts_with("bad.xml:3:"), "{err}");
        assert!(err.contains("RSS feed is not well-formed XML") && err.contains("--urls"), "{err}");
        let cut = "<rss><channel>\n<item><title>一</title>";
        let err = read(cut.as_bytes(), Path::new("cut.xml")).unwrap_err().to_string();
        assert!(err.starts_with("cut.xml:2:"), "{err}");
        let empty = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>空</title></feed>";
        let err = read(empty.as_bytes(), Path::new("empty.xml")).unwrap_err().to_string();
        assert!(err.contains("Atom feed has no items to build"), "{err}");
        let bare = "<rss><channel><item><title>一</title><link>https://a/1</link></item></channel></rss>";
        let err = read(bare.as_bytes(), Path::new("bare.xml")).unwrap_err().to_string();
        assert!(err.contains("one item has no text") && err.contains("no items to build"), "{err}");
    }

    #[test]
    fn dates_as_feeds_write_them() {
        assert_eq!(normalize_date("Mon, 6 Jan 2025 07:05:00 GMT").as_deref(), Some("2025-01-06T07:05:00Z"));
        assert_eq!(normalize_date("2025-01-06 07:05:00").as_deref(), Some("2025-01-06"));
        assert_eq!(normalize_date("soon"), None);
    }
}
