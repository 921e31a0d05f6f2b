//! The articles a server serves: each built once at start, kept in memory, and rebuilt after
//! every saved edit through the same path as `build` with a reviewed translation.
//!
//! An edit goes, in order: into the article's reviewed file (`STEM.en.tmx` beside it, written
//! to a temporary file, flushed to disk and renamed, so that a server stopped at any moment
//! leaves it whole), then through a rebuild of the article from its files, which puts it into
//! the outputs and into the translation cache as reviewed (so that no later `--translate` run
//! pays for it or overwrites it). Only then is the edit answered.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use serde_json::{Value, json};

use crate::document::{Document, Paragraph, Provenance};
use crate::error::{Error, Result};
use crate::inputs::{self, Input, Slugs};
use crate::output::write_atomic;
use crate::pipeline::Pipeline;
use crate::qa::{self, Finding, Severity};
use crate::render::tmx;

/// One served article.
struct Article {
    /// The article's file.
    path: PathBuf,
    /// Its document as last built, with the reviewed file applied.
    doc: Document,
}

/// Every served article, by slug. Each has its own lock: edits to one article are saved one
/// at a time, edits to different articles side by side.
pub struct Library {
    pipeline: Pipeline,
    articles: BTreeMap<String, Mutex<Article>>,
}

/// How an edit went.
#[derive(Debug)]
pub enum Saved {
    /// Saved: the paragraph as it now stands.
    Done(Value),
    /// The edit was made against English that has changed since: the current state.
    Stale(Value),
    /// No such article or paragraph.
    NotFound,
}

/// An article's line in the index.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Its slug (the URL's name for it).
    pub slug: String,
    /// Its title.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Paragraphs with Chinese.
    pub paragraphs: usize,
    /// Paragraphs with English.
    pub translated: usize,
    /// Paragraphs a person reviewed.
    pub reviewed: usize,
    /// Paragraphs with QA errors or warnings (notes, `info`, are not counted).
    pub with_findings: usize,
    /// The article's version: changes whenever any of its English does.
    pub version: String,
}

impl Library {
    /// Builds every article `args` names (files and folders; books and web pages are not
    /// served) with `pipeline`, writing its outputs. Returns the library, the inputs that
    /// could not be built, each with its reason, and the note on the files of a folder left
    /// out as duizhao's own outputs, when there were any.
    pub fn load(pipeline: Pipeline, args: &[PathBuf]) -> (Library, Vec<String>, Option<String>) {
        let mut slugs = Slugs::default();
        let mut articles = BTreeMap::new();
        let mut failed = Vec::new();
        let collected = inputs::collect(args);
        let protected = pipeline.protected(&collected.inputs);
        let collected_note = collected.own_outputs_note();
        for input in collected.inputs {
            let path = match input {
                Ok(Input::File(path)) if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("epub")) => path,
                Ok(other) => {
                    failed.push(format!(
                        "{}: only article files are served (not books, web pages or standard input)",
                        other.display()
                    ));
                    continue;
                }
                Err(error) => {
                    failed.push(error.to_string());
                    continue;
                }
            };
            let input = Input::File(path.clone());
            let slug = slugs.assign(&input);
            if let Err(clash) = pipeline.check_outputs(&input, &slug, &protected) {
                failed.push(clash.to_string());
                continue;
            }
            match build(&pipeline, &path, &slug) {
                Ok(doc) => {
                    articles.insert(slug, Mutex::new(Article { path, doc }));
                }
                Err(error) => failed.push(error.to_string()),
            }
        }
        (Library { pipeline, articles }, failed, collected_note)
    }

    /// How many articles are served.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True when no article is served.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The index: every article's counts, in slug order.
    pub(crate) fn summaries(&self) -> Vec<Summary> {
        self.articles
            .iter()
            .map(|(slug, article)| {
                let article = article.lock().expect("article lock");
                let doc = &article.doc;
                let findings = qa::check(doc).findings;
                let with_findings = doc
                    .paragraphs
                    .iter()
                    .filter(|p| findings.iter().any(|f| f.paragraph == p.id && f.severity != Severity::Info))
                    .count();
                Summary {
                    slug: slug.clone(),
                    title: doc.meta.title.clone(),
                    date: doc.meta.date.clone(),
                    paragraphs: doc.paragraphs.iter().filter(|p| !p.zh.trim().is_empty()).count(),
                    translated: doc.paragraphs.iter().filter(|p| p.en.is_some()).count(),
                    reviewed: doc.paragraphs.iter().filter(|p| is_reviewed(p)).count(),
                    with_findings,
                    version: version_of(doc),
                }
            })
            .collect()
    }

    /// The article `slug` as JSON schema v1, with its `version`, and each paragraph with its
    /// `version` and `findings`; `None` when there is no such article.
    pub fn document(&self, slug: &str) -> Option<Value> {
        let article = self.articles.get(slug)?.lock().expect("article lock");
        Some(document_json(&article.doc))
    }

    /// The article's document, for the reading page.
    pub(crate) fn with_document<T>(&self, slug: &str, f: impl FnOnce(&Document) -> T) -> Option<T> {
        let article = self.articles.get(slug)?.lock().expect("article lock");
        Some(f(&article.doc))
    }

    /// Saves `en` as the reviewed English of paragraph `id` of article `slug`, when `version`
    /// is the paragraph's current one.
    pub fn save(&self, slug: &str, id: &str, en: &str, version: &str) -> Result<Saved> {
        let Some(article) = self.articles.get(slug) else { return Ok(Saved::NotFound) };
        let mut article = article.lock().expect("article lock");
        let Some(index) = article.doc.paragraphs.iter().position(|p| p.id == id && !p.zh.trim().is_empty()) else {
            return Ok(Saved::NotFound);
        };
        let current = paragraph_version(&article.doc.paragraphs[index]);
        if current != version {
            return Ok(Saved::Stale(paragraph_json(&article.doc, index)));
        }
        // The edit, as the reviewed file will give it back.
        let mut edited = article.doc.clone();
        edited.paragraphs[index].set_english(en.trim().to_string(), Provenance::Reviewed);
        let reviewed = reviewed_file(&article.path);
        write_atomic(&reviewed, tmx::reviewed(&edited, slug).as_bytes())?;
        // The rebuild reads the reviewed file as `build` does, and keeps its English in the
        // pipeline's translation cache.
        article.doc = build(&self.pipeline, &article.path.clone(), slug)?;
        let index = article.doc.paragraphs.iter().position(|p| p.id == id).unwrap_or(index);
        Ok(Saved::Done(paragraph_json(&article.doc, index)))
    }
}

/// Builds the article at `path` (its outputs written) and gives its document back.
fn build(pipeline: &Pipeline, path: &Path, slug: &str) -> Result<Document> {
    let built = pipeline.build_kept(&Input::File(path.to_path_buf()), slug)?;
    for warning in &built.warnings {
        eprintln!("warning: {warning}");
    }
    built
        .documents
        .into_iter()
        .next()
        .map(|(_, doc)| doc)
        .ok_or_else(|| Error::NoContent { path: path.to_path_buf(), format: "article".into() })
}

/// The reviewed file an article's edits are kept in: `STEM.en.tmx` beside it, which `build`
/// applies after any reviewed XLIFF beside it.
pub(crate) fn reviewed_file(article: &Path) -> PathBuf {
    let dir = article.parent().unwrap_or(Path::new("."));
    dir.join(format!("{}.en.tmx", inputs::slug_stem(article)))
}

fn is_reviewed(p: &Paragraph) -> bool {
    p.sentences.iter().any(|s| s.reviewed) || p.translation_source == Some(Provenance::Reviewed)
}

/// A paragraph's version: a hash of its Chinese and English, so that two tabs editing
/// different paragraphs never conflict and two editing the same one always do.
fn paragraph_version(p: &Paragraph) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(p.zh.as_bytes());
    hasher.update(b"\0");
    hasher.update(p.en.as_deref().unwrap_or("").as_bytes());
    hasher.update(if is_reviewed(p) { b"r" } else { b"-" });
    hasher.finalize().to_hex()[..16].to_string()
}

fn version_of(doc: &Document) -> String {
    let mut hasher = blake3::Hasher::new();
    for p in &doc.paragraphs {
        hasher.update(paragraph_version(p).as_bytes());
    }
    hasher.finalize().to_hex()[..16].to_string()
}

fn findings_of<'a>(findings: &'a [Finding], id: &'a str) -> impl Iterator<Item = &'a Finding> {
    findings.iter().filter(move |f| f.paragraph == id)
}

/// The document as the API gives it.
fn document_json(doc: &Document) -> Value {
    let findings = qa::check(doc).findings;
    let mut value = serde_json::to_value(doc).expect("a document always serialises");
    value["version"] = json!(version_of(doc));
    if let Some(paragraphs) = value["paragraphs"].as_array_mut() {
        for (p, json) in doc.paragraphs.iter().zip(paragraphs) {
            json["version"] = json!(paragraph_version(p));
            json["reviewed"] = json!(is_reviewed(p));
            json["findings"] = json!(findings_of(&findings, &p.id).collect::<Vec<_>>());
        }
    }
    value
}

/// One paragraph's state as the API gives it after an edit (or a refused one).
fn paragraph_json(doc: &Document, index: usize) -> Value {
    let p = &doc.paragraphs[index];
    let findings = qa::check(doc).findings;
    json!({
        "id": p.id,
        "zh": p.zh,
        "en": p.en,
        "version": paragraph_version(p),
        "reviewed": is_reviewed(p),
        "translation_source": p.translation_source.map(|t| t.name().to_string()).or_else(|| doc.meta.translation.as_ref().map(|t| t.source.clone())),
        "findings": findings_of(&findings, &p.id).collect::<Vec<_>>(),
    })
}
