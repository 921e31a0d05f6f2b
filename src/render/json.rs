//! `json`: the whole document in schema v1 (documented in README.md), pretty-printed.
//!
//! The document object is written by hand around its `paragraphs` array, each paragraph
//! serialised by serde_json, so that a streamed document (written a paragraph at a time) is
//! the same bytes as `serde_json::to_string_pretty` of the whole document.

use serde::Serialize;

use crate::document::{Document, Paragraph};
use crate::render::{Head, Renderer, StreamRenderer, render_streamed};

/// Writes the document as pretty-printed JSON.
pub(crate) struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn extension(&self) -> &'static str {
        "json"
    }

    fn render(&self, doc: &Document) -> String {
        let mut out = String::new();
        render_streamed(self, doc, &mut out);
        out
    }

    fn streamed(&self) -> Option<&(dyn StreamRenderer + Sync)> {
        Some(self)
    }
}

impl StreamRenderer for JsonRenderer {
    fn begin(&self, head: &Head, out: &mut String) {
        out.push_str("{\n  \"schema_version\": ");
        out.push_str(&head.schema_version.to_string());
        out.push_str(",\n  \"meta\": ");
        push_indented(out, head.meta, "\n  ");
        out.push_str(",\n  \"paragraphs\": [");
    }

    fn paragraph(&self, _head: &Head, index: usize, p: &Paragraph, out: &mut String) {
        if index > 0 {
            out.push(',');
        }
        out.push_str("\n    ");
        push_indented(out, p, "\n    ");
    }

    fn end(&self, _head: &Head, count: usize, out: &mut String) {
        // serde_json writes an empty array as `[]`, a full one with its `]` on a line of its own.
        if count > 0 {
            out.push_str("\n  ");
        }
        out.push_str("]\n}\n");
    }
}

/// `value` pretty-printed, each line after the first starting with `newline` (a line break
/// and the indentation of where it sits). JSON strings escape their line breaks, so every
/// raw line break is one serde_json wrote between tokens.
fn push_indented(out: &mut String, value: &impl Serialize, newline: &str) {
    let json = serde_json::to_string_pretty(value).expect("a Document always serialises");
    out.push_str(&json.replace('\n', newline));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Meta, Token};

    #[test]
    fn same_bytes_as_serde_json() {
        let meta = Meta { title: Some("标题\n\"引号\"".into()), topics: vec!["a".into()], ..Meta::default() };
        let mut doc = Document::new(meta, vec![Block::text("第一段"), Block::text("第二\n段")]);
        doc.paragraphs[0].tokens = vec![Token { text: "第一段".into(), ..Token::default() }];
        for paragraphs in [2, 1, 0] {
            doc.paragraphs.truncate(paragraphs);
            let expected = serde_json::to_string_pretty(&doc).unwrap() + "\n";
            assert_eq!(JsonRenderer.render(&doc), expected, "{paragraphs} paragraphs");
        }
    }
}
