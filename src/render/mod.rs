//! Renderers: one file per output format, behind the [`Renderer`] trait. They only read the
//! document. Adding a format is adding one file and one [`OutputFormat`] variant.

pub mod html;
pub mod json;
pub mod markdown;

use crate::document::Document;

/// Turns a document into the text of one output file.
pub trait Renderer {
    /// The file extension, without the dot.
    fn extension(&self) -> &'static str;
    /// The whole output file.
    fn render(&self, doc: &Document) -> String;
}

/// The output formats `build --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Bilingual reading edition: two aligned columns, ruby pinyin, glossary highlights.
    Html,
    /// Markdown parallel text: Chinese, pinyin line, English per paragraph.
    Md,
    /// The whole document, JSON schema v1.
    Json,
}

impl OutputFormat {
    /// The formats written when none are asked for.
    pub const DEFAULT: [OutputFormat; 3] = [OutputFormat::Html, OutputFormat::Md, OutputFormat::Json];

    /// The renderer for this format.
    pub fn renderer(self) -> Box<dyn Renderer + Send + Sync> {
        match self {
            OutputFormat::Html => Box::new(html::HtmlRenderer),
            OutputFormat::Md => Box::new(markdown::MarkdownRenderer),
            OutputFormat::Json => Box::new(json::JsonRenderer),
        }
    }
}

/// The note shown where the English would be when no translation was configured.
pub const NO_TRANSLATION: &str =
    "No translation was configured, so the English side is empty. Configure a translation provider to fill it.";
