//! The whole pipeline for one input: read -> ingest -> document -> segment -> annotate ->
//! render -> write. A program can call this without the CLI.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::align;
use crate::annotate::{self, glossary::Glossary, pinyin::Style};
use crate::document::Document;
use crate::document::TranslationInfo;
use crate::error::{Error, Result};
use crate::ingest::{self, Format};
use crate::inputs::{Input, translation_of};
use crate::output::write_atomic;
use crate::qa;
use crate::render::OutputFormat;
use crate::segment;

/// Settings for a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Folder the outputs are written to.
    pub out_dir: PathBuf,
    /// Formats to write, one file each.
    pub formats: Vec<OutputFormat>,
    /// How pinyin is displayed.
    pub style: Style,
    /// Input format, when detection should be overridden.
    pub from: Option<Format>,
    /// An English translation to pair with the (single) input; without it, a `STEM.en.*`
    /// file beside an article is used.
    pub en: Option<PathBuf>,
    /// Who made the given translation (provenance shown in every output).
    pub en_source: String,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            out_dir: PathBuf::from("output"),
            formats: OutputFormat::DEFAULT.to_vec(),
            style: Style::Marks,
            from: None,
            en: None,
            en_source: "human".to_string(),
        }
    }
}

/// What building one input produced.
#[derive(Debug, Clone)]
pub struct Built {
    /// The files written.
    pub written: Vec<PathBuf>,
    /// Non-fatal problems to tell the user.
    pub warnings: Vec<String>,
    /// Number of paragraphs in the document.
    pub paragraphs: usize,
}

/// A configured pipeline: the glossary and options every input shares.
#[derive(Debug, Clone)]
pub struct Pipeline {
    glossary: Glossary,
    options: BuildOptions,
}

impl Pipeline {
    /// A pipeline with `glossary` and `options`.
    pub fn new(glossary: Glossary, options: BuildOptions) -> Self {
        Pipeline { glossary, options }
    }

    /// The annotated document for the bytes of one input; `path` names it in errors.
    pub fn document(&self, bytes: &[u8], path: &Path) -> Result<(Document, Vec<String>)> {
        let ingested = ingest::ingest(bytes, path, self.options.from)?;
        let mut doc = Document::new(ingested.meta, ingested.blocks);
        segment::segment(&mut doc, &self.glossary);
        annotate::annotate(&mut doc, self.options.style);
        Ok((doc, ingested.warnings))
    }

    /// Pairs `doc` with the English translation at `path`; returns what a reviewer should check.
    pub fn attach_translation(&self, doc: &mut Document, path: &Path) -> Result<Vec<String>> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let english = ingest::ingest(&bytes, path, None)?;
        let info = TranslationInfo { source: self.options.en_source.clone(), title: english.meta.title };
        let findings = align::attach::attach(doc, &english.blocks, info);
        Ok(findings.into_iter().map(|f| format!("{}: {f}", path.display())).collect())
    }

    /// Builds one input and writes `DIR/<slug>.<ext>` for every format.
    pub fn build(&self, input: &Input, slug: &str) -> Result<Built> {
        let bytes = read_input(input)?;
        let (mut doc, mut warnings) = self.document(&bytes, &input.path())?;
        let english = match input {
            Input::File(path) => self.options.en.clone().or_else(|| translation_of(path)),
            Input::Stdin => self.options.en.clone(),
        };
        if let Some(english) = english {
            warnings.extend(self.attach_translation(&mut doc, &english)?);
        }
        let mut written = Vec::new();
        if doc.is_translated() {
            let report = qa::check(&doc);
            for f in &report.findings {
                if f.check != "alignment" {
                    warnings.push(format!("QA {slug} {}: {} ({})", f.paragraph, f.message, f.check));
                }
            }
            let path = self.options.out_dir.join(format!("{slug}.qa.json"));
            let json = serde_json::to_string_pretty(&report).expect("a QA report always serialises") + "\n";
            write_atomic(&path, json.as_bytes())?;
            written.push(path);
        }
        for format in &self.options.formats {
            let renderer = format.renderer();
            let path = self.options.out_dir.join(format!("{slug}.{}", renderer.extension()));
            write_atomic(&path, renderer.render(&doc).as_bytes())?;
            written.push(path);
        }
        Ok(Built { written, warnings, paragraphs: doc.paragraphs.len() })
    }
}

fn read_input(input: &Input) -> Result<Vec<u8>> {
    match input {
        Input::File(path) => std::fs::read(path).map_err(|e| Error::io(path, e)),
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| Error::io("<stdin>", e))?;
            Ok(bytes)
        }
    }
}
