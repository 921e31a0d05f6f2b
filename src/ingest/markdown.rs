//! Markdown articles, with optional YAML front matter (title, author, date, source, tags).
//! The Markdown is rendered to HTML (pulldown-cmark) and read by the HTML reader, so headings,
//! lists and quotes keep their kinds; raw HTML inside Markdown (blog exports) works the same way.

use pulldown_cmark::{Options, Parser, html::push_html};

use crate::document::{Block, Meta};
use crate::ingest::{date, html};

/// Splits YAML front matter (between `---` lines at the very start) from the body.
/// Returns the metadata it holds and the byte offset where the body starts.
pub(crate) fn front_matter(text: &str) -> Option<(Meta, usize)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n'))?;
    let mut offset = text.len() - rest.len();
    let mut meta = Meta::default();
    let mut list_key: Option<String> = None;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return Some((meta, offset));
        }
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            if matches!(list_key.as_deref(), Some("tags" | "categories" | "topics")) {
                push_topic(&mut meta, item);
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(value.trim());
        list_key = Some(key.clone());
        match key.as_str() {
            "title" => meta.title = Some(value.to_string()).filter(|v| !v.is_empty()),
            "author" => meta.author = Some(value.to_string()).filter(|v| !v.is_empty()),
            "date" => meta.date = date::normalize(value),
            "from" | "source" | "url" | "link" | "source_url" if value.starts_with("http") => {
                meta.source_url = Some(value.to_string());
            }
            "tags" | "categories" | "topics" => {
                for item in value.trim_start_matches('[').trim_end_matches(']').split(',') {
                    push_topic(&mut meta, item);
                }
            }
            "copyright" | "license" => meta.copyright = Some(value.to_string()).filter(|v| !v.is_empty()),
            _ => {}
        }
    }
    None
}

fn push_topic(meta: &mut Meta, item: &str) {
    let topic = unquote(item.trim()).to_string();
    if !topic.is_empty() && !meta.topics.contains(&topic) {
        meta.topics.push(topic);
    }
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// Metadata and paragraphs of a Markdown body (front matter already removed).
pub fn extract(body: &str) -> (Meta, Vec<Block>) {
    // A blog export is often raw HTML behind the front matter, pretty-printed with deep
    // indentation that Markdown would read as code blocks: read it as HTML, and when it is a
    // whole page section, find its article body.
    let is_html = skip_comments(body).starts_with('<');
    let is_page = is_html && ["<div", "<section", "<article"].iter().any(|t| body.contains(t));
    let scope = if is_page { html::Scope::Page } else { html::Scope::Fragment };
    let doc = if is_html {
        html::parse(body)
    } else {
        let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        let mut rendered = String::with_capacity(body.len() * 2);
        push_html(&mut rendered, Parser::new_ext(body, options));
        html::parse(&rendered)
    };
    let (meta, blocks) = html::extract(&doc, scope);
    // Markdown has no <title>: its first level-1 heading is the title.
    let mut meta = Meta { title: None, ..meta };
    let mut blocks = blocks;
    if let Some(first) = blocks.first()
        && first.kind == crate::document::ParagraphKind::Heading
        && first.level == Some(1)
        && !is_page
    {
        meta.title = Some(blocks.remove(0).text);
    }
    (meta, blocks)
}

/// The text after any leading white space and HTML comments.
fn skip_comments(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        match text.strip_prefix("<!--").and_then(|rest| rest.split_once("-->")) {
            Some((_, rest)) => text = rest,
            None => return text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParagraphKind;

    #[test]
    fn front_matter_fields() {
        let text = "---\nlayout: post\ntitle: \"标题\"\ndate: 2014-07-11T08:28:52+02:00\nauthor: Vergil\nfrom: https://pao-pao.net/article/130\ntags: [ 泡泡, 翻墙 ]\n---\n\n正文";
        let (meta, at) = front_matter(text).unwrap();
        assert_eq!(meta.title.as_deref(), Some("标题"));
        assert_eq!(meta.author.as_deref(), Some("Vergil"));
        assert_eq!(meta.source_url.as_deref(), Some("https://pao-pao.net/article/130"));
        assert_eq!(meta.topics, ["泡泡", "翻墙"]);
        assert_eq!(&text[at..], "\n正文");
    }

    #[test]
    fn markdown_kinds() {
        let (meta, blocks) = extract("# 题目\n\n第一段\n第一段续\n\n## 小节\n\n> 引文\n\n- 项目");
        assert_eq!(meta.title.as_deref(), Some("题目"));
        let kinds: Vec<_> = blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (ParagraphKind::Text, "第一段第一段续"),
                (ParagraphKind::Heading, "小节"),
                (ParagraphKind::Quote, "引文"),
                (ParagraphKind::ListItem, "项目"),
            ]
        );
    }
}
