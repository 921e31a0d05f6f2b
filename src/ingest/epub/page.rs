//! One content document of a book: its language, its paragraphs with their footnotes put
//! after the paragraph that refers to them, and what is left out and counted (images, tables,
//! the English of a bilingual edition).

use scraper::Html;

use super::notes::Notes;
use super::{NOT_BODY, roles, select};
use crate::document::Block;
use crate::ingest::html;

/// What one content document holds.
pub(super) struct Page {
    /// Its paragraphs, notes placed.
    pub blocks: Vec<Block>,
    /// The `xml:lang` (or `lang`) it declares.
    pub lang: Option<String>,
    /// Images left out.
    pub images: usize,
    /// Tables left out.
    pub tables: usize,
}

/// Whether the page's markup says it is a cover, title, copyright or contents page: the body,
/// or the section that is all of its content, says what the page is.
pub(super) fn is_front_matter(doc: &Html) -> bool {
    let Some(body) = doc.select(&select("body")).next() else { return false };
    let mut marked = roles(body.value());
    let sections: Vec<_> = body.children().filter_map(scraper::ElementRef::wrap).collect();
    if let [only] = sections.as_slice() {
        marked.extend(roles(only.value()));
    }
    marked.iter().any(|r| NOT_BODY.contains(&r.as_str()))
}

impl Page {
    /// Reads the page `href` (its notes already taken out by [`Notes::collect`]).
    pub(super) fn read(mut doc: Html, href: &str, notes: &Notes) -> Page {
        let referred = notes.referred_from(href, &doc);
        let lang = doc
            .select(&select("html, body"))
            .find_map(|e| e.value().attr("xml:lang").or_else(|| e.value().attr("lang")))
            .map(str::to_string)
            .filter(|l| !l.is_empty());
        let images = doc.select(&select("img, svg image, image")).count();
        // Tables and figures (an image with its caption) are left out whole.
        let dropped: Vec<_> = doc
            .select(&select("table, figure"))
            .filter(|e| e.value().name() == "table" || e.select(&select("img, svg, image")).next().is_some())
            .map(|e| (e.id(), e.value().name() == "table"))
            .collect();
        let tables = dropped.iter().filter(|(_, table)| *table).count();
        // A bilingual edition's English (duizhao's own books among them) is not the source.
        let english = doc
            .select(&select("div[lang], p[lang], td[lang], div[xml\\:lang], p[xml\\:lang], td[xml\\:lang]"))
            .filter(|e| {
                let lang = e.value().attr("xml:lang").or_else(|| e.value().attr("lang")).unwrap_or("");
                lang.eq_ignore_ascii_case("en") || lang.to_ascii_lowercase().starts_with("en-")
            })
            .map(|e| e.id())
            .collect::<Vec<_>>();
        for id in dropped.into_iter().map(|(id, _)| id).chain(english) {
            if let Some(mut node) = doc.tree.get_mut(id) {
                node.detach();
            }
        }
        let mut blocks = html::blocks_with_notes(&doc, referred);
        blocks.extend(notes.unreferenced_in(href));
        Page { blocks, lang, images, tables }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Page {
        let mut pages = vec![("c.xhtml".to_string(), html::parse(text))];
        let notes = Notes::collect(&mut pages);
        let (href, doc) = pages.pop().unwrap();
        Page::read(doc, &href, &notes)
    }

    #[test]
    fn a_page_with_notes_figures_and_a_table() {
        let page = page(
            r##"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="zh-CN"><head><title>x</title></head>
            <body><section epub:type="chapter"><h1>第一章</h1>
            <p>清晨出发。<a href="#fn1" class="footnote-ref" epub:type="noteref">1</a>路上没有人。</p>
            <figure><img src="a.png" alt="图"/><figcaption>图一</figcaption></figure>
            <table><tr><td>表格</td></tr></table><p>第二段。</p></section>
            <section epub:type="footnotes"><ol><li id="fn1" epub:type="footnote"><p>小镇在山下。<a href="#fnref1" role="doc-backlink">↩︎</a></p></li>
            <li id="fn2" epub:type="footnote"><p>无人引用的注。</p></li></ol></section>
            </body></html>"##,
        );
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["第一章", "清晨出发。[1]路上没有人。", "[1] 小镇在山下。", "第二段。", "无人引用的注。"]);
        assert_eq!((page.images, page.tables, page.lang.as_deref()), (1, 1, Some("zh-CN")));
        assert!(!is_front_matter(&html::parse(
            r#"<html><body><section epub:type="chapter"><p>正文</p></section></body></html>"#
        )));
        assert!(is_front_matter(&html::parse(r#"<html><body epub:type="cover"><p>封面</p></body></html>"#)));
    }
}
