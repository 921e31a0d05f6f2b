//! Renderers: one file per output format, behind the [`Renderer`] trait. They only read the
//! document. Adding a format is adding one file and one [`OutputFormat`] variant.

pub mod anki;
pub mod apkg;
pub mod check;
pub mod epub;
pub mod html;
pub mod json;
pub mod layout;
pub mod markdown;
pub mod markup;
pub mod omegat;
pub mod provenance;
pub mod qa_report;
pub mod site;
pub mod study;
pub mod tmx;
pub mod units;
pub mod xliff;
pub mod xml;

/// What every output says made it: the `content` of the HTML pages' and the EPUB's
/// `<meta name="generator">`, the Markdown's first-line comment. A folder given as input
/// recognises duizhao's own outputs by it ([`crate::inputs::is_own_output`]).
pub(crate) const GENERATOR: &str = concat!("duizhao ", env!("CARGO_PKG_VERSION"));

use crate::document::{Document, Meta, Paragraph};
use crate::vocabulary::StudyOptions;

/// Turns a document into the text of one output file.
pub trait Renderer {
    /// The file extension, without the dot.
    fn extension(&self) -> &'static str;
    /// The whole output file (for a binary format, its main text document).
    fn render(&self, doc: &Document) -> String;
    /// The output file's bytes; text formats are their UTF-8 text.
    fn render_bytes(&self, doc: &Document) -> Vec<u8> {
        self.render(doc).into_bytes()
    }
    /// The same output written a paragraph at a time, for formats that can be (html, md,
    /// json); `None` for formats that need the whole document (a vocabulary, a zip).
    fn streamed(&self) -> Option<&(dyn StreamRenderer + Sync)> {
        None
    }
}

/// A format written in three parts: [`StreamRenderer::begin`], each paragraph in order,
/// [`StreamRenderer::end`]. Its [`Renderer::render`] is these parts over a whole document, so
/// the streamed file and the rendered one are the same bytes.
pub trait StreamRenderer {
    /// Everything before the first paragraph.
    fn begin(&self, head: &Head, out: &mut String);
    /// Paragraph `p`, the `index`-th (from 0) of the document.
    fn paragraph(&self, head: &Head, index: usize, p: &Paragraph, out: &mut String);
    /// Everything after the last of `count` paragraphs.
    fn end(&self, head: &Head, count: usize, out: &mut String);
}

/// What a streamed renderer knows of the whole document besides the paragraph at hand.
#[derive(Debug, Clone, Copy)]
pub struct Head<'a> {
    /// The document's metadata.
    pub meta: &'a Meta,
    /// Its `lang` for the Chinese (`zh-Hans` or `zh-Hant`), from its first paragraphs.
    pub zh_lang: &'static str,
    /// Whether any paragraph has English.
    pub translated: bool,
    /// The JSON schema version.
    pub schema_version: u32,
}

impl<'a> Head<'a> {
    /// The head of a whole document.
    pub fn of(doc: &'a Document) -> Self {
        Head {
            meta: &doc.meta,
            zh_lang: doc.zh_lang(),
            translated: doc.is_translated(),
            schema_version: doc.schema_version,
        }
    }
}

/// Renders `doc` through the parts of `renderer`: how every streamable format implements
/// [`Renderer::render`].
pub(crate) fn render_streamed(renderer: &dyn StreamRenderer, doc: &Document, out: &mut String) {
    let head = Head::of(doc);
    renderer.begin(&head, out);
    for (index, p) in doc.paragraphs.iter().enumerate() {
        renderer.paragraph(&head, index, p, out);
    }
    renderer.end(&head, doc.paragraphs.len(), out);
}

/// The output formats `build --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum OutputFormat {
    /// Bilingual reading edition: two aligned columns, ruby pinyin, glossary highlights.
    Html,
    /// Markdown parallel text: Chinese, pinyin line, English per paragraph.
    Md,
    /// The whole document, JSON schema v1.
    Json,
    /// EPUB 3 book (interleaved layout by default).
    Epub,
    /// Printable study sheet (`.study.html`): tone-coloured ruby text and a vocabulary table.
    Study,
    /// Anki import file (`.anki.txt`): the vocabulary as notes of the `duizhao word` note
    /// type, with stable GUIDs (import an `.apkg` once first: it brings the note type).
    Anki,
    /// Anki package (`.apkg`): the same notes with their note type, recognition and recall
    /// cards, and deck; Anki opens it by a double click.
    Apkg,
    /// TMX 1.4b translation memory: one unit per sentence pair, with provenance.
    Tmx,
    /// XLIFF 2.0 (or 1.2 with `--xliff-version 1.2`) for CAT tools (`.xlf`).
    Xliff,
    /// QA report: `.qa.html` for people; `.qa.json` for scripts is written beside it.
    Qa,
    /// OmegaT project folder (`<slug>.omegat/`): the article, its translations as a memory
    /// OmegaT fills the segments from, and the glossary terms used.
    Omegat,
}

impl OutputFormat {
    /// The formats written when none are asked for.
    pub const DEFAULT: [OutputFormat; 3] = [OutputFormat::Html, OutputFormat::Md, OutputFormat::Json];

    /// The name `--format` knows it by.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Html => "html",
            OutputFormat::Md => "md",
            OutputFormat::Json => "json",
            OutputFormat::Epub => "epub",
            OutputFormat::Study => "study",
            OutputFormat::Anki => "anki",
            OutputFormat::Apkg => "apkg",
            OutputFormat::Tmx => "tmx",
            OutputFormat::Xliff => "xliff",
            OutputFormat::Qa => "qa",
            OutputFormat::Omegat => "omegat",
        }
    }

    /// The renderer for this format; `None` for the OmegaT project, a folder of files
    /// ([`omegat::project`]).
    pub fn renderer(self) -> Option<Box<dyn Renderer + Send + Sync>> {
        Some(match self {
            OutputFormat::Html => Box::new(html::HtmlRenderer::default()),
            OutputFormat::Md => Box::new(markdown::MarkdownRenderer),
            OutputFormat::Json => Box::new(json::JsonRenderer),
            OutputFormat::Epub => Box::new(epub::EpubRenderer::default()),
            OutputFormat::Study => Box::new(study::StudyRenderer::default()),
            OutputFormat::Anki => Box::new(anki::AnkiRenderer::default()),
            OutputFormat::Apkg => Box::new(apkg::ApkgRenderer::default()),
            OutputFormat::Tmx => Box::new(tmx::TmxRenderer { slug: "document".into() }),
            OutputFormat::Xliff => {
                Box::new(xliff::XliffRenderer { slug: "document".into(), version: xliff::XliffVersion::default() })
            }
            OutputFormat::Qa => Box::new(crate::render::qa_report::QaRenderer),
            OutputFormat::Omegat => return None,
        })
    }

    /// The renderer for this format for the article `slug`; the study sheet and the Anki file
    /// choose their words by `study`, the other formats ignore both.
    pub(crate) fn renderer_for(
        self,
        slug: &str,
        study: &StudyOptions,
        edition: &EditionOptions,
    ) -> Option<Box<dyn Renderer + Send + Sync>> {
        Some(match self {
            OutputFormat::Study => Box::new(study::StudyRenderer::new(study.clone(), edition.tone_colors)),
            OutputFormat::Anki => Box::new(anki::AnkiRenderer::new(slug, study.clone())),
            OutputFormat::Apkg => Box::new(apkg::ApkgRenderer { anki: anki::AnkiRenderer::new(slug, study.clone()) }),
            OutputFormat::Html => Box::new(html::HtmlRenderer {
                layout: edition.layout.unwrap_or(layout::Layout::SideBySide),
                tone_colors: edition.tone_colors,
            }),
            OutputFormat::Epub => Box::new(epub::EpubRenderer { options: edition.epub() }),
            OutputFormat::Tmx => Box::new(tmx::TmxRenderer { slug: slug.to_string() }),
            OutputFormat::Xliff => {
                Box::new(xliff::XliffRenderer { slug: slug.to_string(), version: edition.xliff_version })
            }
            other => return other.renderer(),
        })
    }
}

/// Settings of the editions: the reading editions (html and epub) and the xliff export.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditionOptions {
    /// The arrangement of the languages; each format has its own default.
    pub layout: Option<layout::Layout>,
    /// Ruby pinyin in the EPUB (the HTML page always has it, with a toggle).
    pub ruby: bool,
    /// Tone colours on when the edition opens.
    pub tone_colors: bool,
    /// The XLIFF version `--format xliff` writes.
    pub xliff_version: xliff::XliffVersion,
}

impl EditionOptions {
    /// The EPUB settings these options stand for.
    pub fn epub(&self) -> epub::EpubOptions {
        epub::EpubOptions {
            layout: self.layout.unwrap_or(layout::Layout::Interleaved),
            ruby: self.ruby,
            tone_colors: self.tone_colors,
        }
    }
}

/// The note shown where the English would be when no translation was configured.
pub(crate) const NO_TRANSLATION: &str =
    "No translation was configured, so the English side is empty. Configure a translation provider to fill it.";
