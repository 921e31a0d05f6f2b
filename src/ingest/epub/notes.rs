//! A book's footnotes and endnotes: found in every page, by their `epub:type` or `role`, or as
//! what a note reference points to in whatever file (calibre keeps a book's endnotes in its
//! last file, pandoc at the end of each chapter); taken out of the flow where they stand, and
//! put back after the paragraph that refers to them ([`html::blocks_with_notes`]). A note
//! nothing refers to stays at the end of its own page.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::Html;

use super::{resolve, roles, select};
use crate::document::{Block, ParagraphKind};
use crate::ingest::html;

/// A note's place: the file it is in and its id.
type Key = (String, String);

/// Every note of a book.
pub(super) struct Notes {
    /// Each note's paragraphs.
    blocks: HashMap<Key, Vec<Block>>,
    /// The notes in the order they stand, file by file.
    order: Vec<Key>,
    /// The notes some link of the book refers to.
    referenced: HashSet<Key>,
}

/// The note a link `target` (an `href`) in the page `page` points to, when it has a fragment.
fn key_of(page: &str, target: &str) -> Option<Key> {
    let (file, id) = target.split_once('#')?;
    if id.is_empty() || file.contains("://") {
        return None;
    }
    let file = if file.is_empty() {
        page.to_string()
    } else {
        resolve(page.rsplit_once('/').map_or("", |(dir, _)| dir), file)
    };
    Some((file, crate::text::percent::decode_lenient(id)))
}

/// Whether an element is a note by its roles.
fn is_note(el: &scraper::node::Element) -> bool {
    roles(el).iter().any(|r| matches!(r.as_str(), "footnote" | "endnote" | "rearnote" | "note"))
}

/// Whether a link is a note reference by its roles or pandoc's class.
fn is_reference(el: &scraper::node::Element) -> bool {
    roles(el).iter().any(|r| r == "noteref") || el.classes().any(|c| c == "footnote-ref")
}

impl Notes {
    /// Takes every note out of `pages` (each a file's path in the book and its parsed page).
    pub(super) fn collect(pages: &mut [(String, Html)]) -> Notes {
        let links = select("a[href]");
        let mut targets = HashSet::new();
        for (page, doc) in pages.iter() {
            for a in doc.select(&links).filter(|a| is_reference(a.value())) {
                targets.extend(a.value().attr("href").and_then(|h| key_of(page, h)));
            }
        }
        let mut notes = Notes { blocks: HashMap::new(), order: Vec::new(), referenced: HashSet::new() };
        let with_id = select("[id]");
        let backlinks = select("a[href*='#']");
        for (page, doc) in pages.iter_mut() {
            let found: Vec<(String, NodeId)> = doc
                .select(&with_id)
                .filter_map(|el| {
                    let id = el.value().id()?.to_string();
                    let wanted = is_note(el.value()) || targets.contains(&(page.clone(), id.clone()));
                    wanted.then(|| (id, el.id()))
                })
                .collect();
            for (id, node) in found {
                let Some(note) = doc.tree.get(node).and_then(scraper::ElementRef::wrap) else { continue };
                // A note's own links lead back to its reference.
                let back: Vec<NodeId> = note.select(&backlinks).map(|a| a.id()).collect();
                for link in back {
                    if let Some(mut link) = doc.tree.get_mut(link) {
                        link.detach();
                    }
                }
                let Some(note) = doc.tree.get(node) else { continue };
                let blocks: Vec<Block> = html::blocks_of(note)
                    .into_iter()
                    .map(|b| Block { kind: ParagraphKind::Text, level: None, ..b })
                    .collect();
                if let Some(mut note) = doc.tree.get_mut(node) {
                    note.detach();
                }
                let key = (page.clone(), id);
                if !blocks.is_empty() && !notes.blocks.contains_key(&key) {
                    notes.order.push(key.clone());
                    notes.blocks.insert(key, blocks);
                }
            }
        }
        for (page, doc) in pages.iter() {
            for a in doc.select(&links) {
                if let Some(key) = a.value().attr("href").and_then(|h| key_of(page, h))
                    && notes.blocks.contains_key(&key)
                {
                    notes.referenced.insert(key);
                }
            }
        }
        notes
    }

    /// The notes the page `page` refers to, by the `href`s its links write.
    pub(super) fn referred_from(&self, page: &str, doc: &Html) -> HashMap<String, Vec<Block>> {
        let mut referred = HashMap::new();
        for a in doc.select(&select("a[href]")) {
            let Some(href) = a.value().attr("href") else { continue };
            if let Some(blocks) = key_of(page, href).and_then(|key| self.blocks.get(&key)) {
                referred.insert(href.to_string(), blocks.clone());
            }
        }
        referred
    }

    /// The paragraphs of the notes in `page` that nothing refers to, in order.
    pub(super) fn unreferenced_in(&self, page: &str) -> Vec<Block> {
        self.order
            .iter()
            .filter(|key| key.0 == page && !self.referenced.contains(*key))
            .flat_map(|key| self.blocks[key].clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endnote_in_another_file_follows_its_reference() {
        let mut pages = vec![
            (
                "OEBPS/a.html".to_string(),
                html::parse(
                    r#"<html><body><h1>第一章</h1><p>出发了。<a href="b.html#fn1" role="doc-noteref"><sup>1</sup></a>没有人。</p><p>第二段。</p></body></html>"#,
                ),
            ),
            (
                "OEBPS/b.html".to_string(),
                html::parse(
                    r#"<html><body><h1>第二章</h1><p>到了。</p><ol><li id="fn1" role="doc-endnote"><p>在山下。<a href="a.html#fnref1" role="doc-backlink">↩</a></p></li></ol></body></html>"#,
                ),
            ),
        ];
        let notes = Notes::collect(&mut pages);
        assert_eq!(key_of("OEBPS/a.html", "b.html#fn1"), Some(("OEBPS/b.html".into(), "fn1".into())));
        assert_eq!(key_of("OEBPS/a.html", "#x"), Some(("OEBPS/a.html".into(), "x".into())));
        assert_eq!(key_of("a.html", "https://example.org/#x"), None);
        let texts = |i: usize| -> Vec<String> {
            let (page, doc) = &pages[i];
            let blocks = html::blocks_with_notes(doc, notes.referred_from(page, doc));
            blocks.into_iter().chain(notes.unreferenced_in(page)).map(|b| b.text).collect()
        };
        assert_eq!(texts(0), ["第一章", "出发了。[1]没有人。", "[1] 在山下。", "第二段。"]);
        assert_eq!(texts(1), ["第二章", "到了。"], "the endnote left its file");
    }
}
