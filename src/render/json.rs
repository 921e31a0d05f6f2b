//! `json`: the whole document in schema v1 (documented in README.md).

use crate::document::Document;
use crate::render::Renderer;

/// Writes the document as pretty-printed JSON.
pub struct JsonRenderer;

impl Renderer for JsonRenderer {
    fn extension(&self) -> &'static str {
        "json"
    }

    fn render(&self, doc: &Document) -> String {
        let mut out = serde_json::to_string_pretty(doc).expect("a Document always serialises");
        out.push('\n');
        out
    }
}
