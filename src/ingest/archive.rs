//! The archive format of China Digital Times copies (the seed's format):
//!
//! ```text
//! <!--1737077421000-->            optional: when the copy was taken, epoch milliseconds
//! [title](https://source/url)
//! ------
//! 日期：Wed, 01 Jul 2020 ...       optional (the 2020 archives)
//! <raw HTML of the post>
//! ```
//!
//! The HTML may hold a "CDT 档案卡" box (标题, 作者, 发表日期, 来源, 主题归类, CDS收藏, 版权说明)
//! and, in the 2020 archives, a feed footer with the post's tags. Both feed the metadata and
//! never become body paragraphs.

use scraper::{ElementRef, Html, Selector};

use crate::document::{Block, Meta};
use crate::ingest::{date, html, text::normalize_space};

/// The header lines of an archive, if `text` starts with one.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// From the `<!--epoch-ms-->` line.
    pub archived_at: Option<String>,
    /// The link text of the `[title](url)` line.
    pub title: String,
    /// The link target of the `[title](url)` line.
    pub url: String,
    /// From a `日期：` line.
    pub date: Option<String>,
    /// Byte offset where the HTML body starts.
    pub body_start: usize,
}

/// Recognises the archive header at the start of `text`.
pub fn header(text: &str) -> Option<Header> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    let mut next = |offset: &mut usize| -> Option<&str> {
        let line = lines.next()?;
        *offset += line.len();
        Some(line.trim())
    };
    let mut line = next(&mut offset)?;
    let mut archived_at = None;
    if let Some(inner) = line.strip_prefix("<!--").and_then(|l| l.strip_suffix("-->")) {
        let millis: i64 = inner.trim().parse().ok()?;
        archived_at = Some(date::from_epoch_millis(millis));
        line = next(&mut offset)?;
    }
    let inner = line.strip_prefix('[')?;
    let split = inner.rfind("](")?;
    let title = inner[..split].to_string();
    let url = inner[split + 2..].strip_suffix(')')?.to_string();
    let dashes = next(&mut offset)?;
    if dashes.len() < 3 || !dashes.chars().all(|c| c == '-') {
        return None;
    }
    let mut body_start = offset;
    let mut date_line = None;
    // A `日期：` line may follow, possibly after blank lines.
    let rest = &text[offset..];
    let trimmed = rest.trim_start();
    if let Some(after) = trimmed.strip_prefix("日期：").or_else(|| trimmed.strip_prefix("日期:")) {
        let line_end = after.find('\n').unwrap_or(after.len());
        date_line = date::normalize(&after[..line_end]);
        body_start = text.len() - after.len() + line_end;
    }
    Some(Header { archived_at, title, url, date: date_line, body_start })
}

/// Metadata and body paragraphs of an archive whose header is `header`.
pub fn extract(text: &str, header: Header) -> (Meta, Vec<Block>) {
    let mut body = &text[header.body_start..];
    // The 2020 feed footer: after the last <hr>, small print with credits and the post's tags.
    let mut footer = None;
    if let Some(at) = body.rfind("<hr")
        && body[at..].contains("<small>")
    {
        footer = Some(html::parse_fragment(&body[at..]));
        body = &body[..at];
    }
    let doc = html::parse(body);
    let (_, blocks) = html::extract(&doc, html::Scope::Fragment);
    let mut meta = Meta {
        title: Some(header.title.clone()),
        date: header.date,
        source_url: Some(header.url).filter(|u| u.starts_with("http")),
        archived_at: header.archived_at,
        ..Meta::default()
    };
    if let Some(footer) = footer {
        let tags = Selector::parse("a[rel=\"tag\"]").expect("valid selector");
        meta.topics = footer.select(&tags).map(element_text).filter(|t| !t.is_empty()).collect();
    }
    apply_card(&doc, &mut meta);
    (meta, blocks)
}

/// Fills `meta` from a "CDT 档案卡" box, when the page has one.
fn apply_card(doc: &Html, meta: &mut Meta) {
    let selector = Selector::parse(".su-spoiler-content").expect("valid selector");
    let Some(card) = doc.select(&selector).next() else {
        return;
    };
    for (field, value, links) in card_fields(card) {
        match field.as_str() {
            "标题" if !value.is_empty() => meta.title = Some(value),
            "作者" if !value.is_empty() => meta.author = Some(value),
            "发表日期" => meta.date = date::normalize(&value).or(meta.date.take()),
            "主题归类" => {
                for topic in links.into_iter().map(|(text, _)| text) {
                    if !topic.is_empty() && !meta.topics.contains(&topic) {
                        meta.topics.push(topic);
                    }
                }
            }
            "版权说明" if !value.is_empty() => meta.copyright = Some(value),
            _ => {}
        }
    }
}

/// One line of the box: field name, value text, and the value's links as (text, href).
type CardField = (String, String, Vec<(String, String)>);

/// The box's `<strong>字段：</strong>value<br>` lines.
fn card_fields(card: ElementRef<'_>) -> Vec<CardField> {
    let mut fields: Vec<CardField> = Vec::new();
    for node in card.children() {
        if let Some(el) = ElementRef::wrap(node) {
            match el.value().name() {
                "strong" | "b" => {
                    let name = element_text(el).trim_end_matches(['：', ':']).trim().to_string();
                    fields.push((name, String::new(), Vec::new()));
                    continue;
                }
                "br" => continue,
                _ => {}
            }
            if let Some((_, value, links)) = fields.last_mut() {
                let text = element_text(el);
                if el.value().name() == "a" {
                    links.push((text.clone(), el.value().attr("href").unwrap_or("").to_string()));
                }
                value.push_str(&text);
            }
        } else if let Some(text) = node.value().as_text()
            && let Some((_, value, _)) = fields.last_mut()
        {
            value.push_str(text);
        }
    }
    for (_, value, _) in &mut fields {
        *value = normalize_space(value);
    }
    fields
}

fn element_text(el: ElementRef<'_>) -> String {
    normalize_space(&el.text().collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_with_epoch_and_date_line() {
        let text = "<!--1737077421000-->\n[标题](https://example.com/a)\n------\n\n<p>正文</p>";
        let h = header(text).unwrap();
        assert_eq!(h.archived_at.as_deref(), Some("2025-01-17T01:30:21Z"));
        assert_eq!(h.url, "https://example.com/a");
        assert_eq!(&text[h.body_start..], "\n<p>正文</p>");
        let text = "[栏目｜标题文字](https://e.com/b)\n------\n日期：Wed, 01 Jul 2020 10:07:30 +0000\n\n<p>正文</p>";
        let h = header(text).unwrap();
        assert_eq!(h.date.as_deref(), Some("2020-07-01T10:07:30Z"));
        let (meta, blocks) = extract(text, h);
        // The column is taken from the title by ingest, whatever the format.
        assert_eq!(meta.title.as_deref(), Some("栏目｜标题文字"));
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn not_an_archive() {
        assert!(header("# Markdown\n\ntext").is_none());
        assert!(header("[link](url) and more\nnot dashes").is_none());
    }
}
