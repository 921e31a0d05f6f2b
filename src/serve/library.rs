//! The articles a server serves: each built once at start, kept in memory, and rebuilt after
//! every saved edit through the same path as `build` with a reviewed translation.
//!
//! An edit goes, in order: into the article's reviewed file (`STEM.en.tmx` beside it, written
//! to a temporary file, flushed to disk and renamed, so that a server stopped at any moment
//! leaves it whole), then through a rebuild of the article from its files, which puts it into
//! the outputs and into the translation cache as reviewed (so that no later `--translate` run
//! pays for it or overwrites it). Only then is the edit answered.
//!
//! Every row can be corrected: a paragraph's English replaced or emptied ("no translation"),
//! an English paragraph with no Chinese partner (`p3-en1`) edited, moved into the Chinese
//! paragraph before or after it, or deleted, and any of these undone by dropping the review.
//! The reviewed file says all of it (see [`tmx::reviewed`]), so it survives a restart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use serde_json::{Value, json};

use crate::document::{Document, Paragraph, Provenance, english_only_after};
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
    /// The English paragraphs with no Chinese partner a reviewer removed (moved into a
    /// neighbour or deleted), by id: the document no longer has them, so every write of the
    /// reviewed file has to say them again.
    removed: Vec<String>,
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
    /// The edit cannot be made to this paragraph: why.
    Refused(String),
}

/// Where the English of a paragraph with no Chinese partner is moved: into the Chinese
/// paragraph before it (at the end of its English) or after it (at the start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Neighbour {
    /// The nearest paragraph with Chinese before it.
    Previous,
    /// The nearest paragraph with Chinese after it.
    Next,
}

/// An article's progress, counted the same way for the index and the article's page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Paragraphs with Chinese.
    pub paragraphs: usize,
    /// Paragraphs with Chinese and English (English with no Chinese partner is not counted:
    /// it translates no paragraph).
    pub translated: usize,
    /// Paragraphs with Chinese a person reviewed.
    pub reviewed: usize,
    /// Rows with QA errors or warnings (notes, `info`, are not counted), English with no
    /// Chinese partner among them: it is a row a reviewer has to act on.
    pub with_findings: usize,
}

/// The counts of `doc` with its QA `findings`: the one definition the index and the page use.
pub fn counts(doc: &Document, findings: &[Finding]) -> Counts {
    let chinese = || doc.paragraphs.iter().filter(|p| !p.zh.trim().is_empty());
    Counts {
        paragraphs: chinese().count(),
        translated: chinese().filter(|p| p.en.is_some()).count(),
        reviewed: chinese().filter(|p| p.is_reviewed()).count(),
        with_findings: doc
            .paragraphs
            .iter()
            .filter(|p| findings.iter().any(|f| f.paragraph == p.id && f.severity != Severity::Info))
            .count(),
    }
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
    /// Its progress, as its page counts it.
    #[serde(flatten)]
    pub counts: Counts,
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
                    let removed = removed_in(&reviewed_file(&path));
                    articles.insert(slug, Mutex::new(Article { path, doc, removed }));
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
                Summary {
                    slug: slug.clone(),
                    title: doc.meta.title.clone(),
                    date: doc.meta.date.clone(),
                    counts: counts(doc, &qa::check(doc).findings),
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

    /// The article's version alone: what a page asks every few seconds to learn that
    /// another tab or client changed it, without the whole document.
    pub fn version(&self, slug: &str) -> Option<String> {
        let article = self.articles.get(slug)?.lock().expect("article lock");
        Some(version_of(&article.doc))
    }

    /// Saves `en` as the reviewed English of paragraph `id` of article `slug`, when `version`
    /// is the paragraph's current one. Any row can be saved, English with no Chinese partner
    /// too. Empty English is a decision too: a paragraph with Chinese is left without
    /// translation, an English paragraph with no Chinese partner is deleted.
    pub fn save(&self, slug: &str, id: &str, en: &str, version: &str) -> Result<Saved> {
        let Some(article) = self.articles.get(slug) else { return Ok(Saved::NotFound) };
        let mut article = article.lock().expect("article lock");
        let Some(index) = article.doc.paragraphs.iter().position(|p| p.id == id) else {
            return Ok(Saved::NotFound);
        };
        if paragraph_version(&article.doc.paragraphs[index]) != version {
            return Ok(Saved::Stale(paragraph_json(&article.doc, index)));
        }
        // The edit, as the reviewed file will give it back.
        let mut edited = article.doc.clone();
        let mut removed = article.removed.clone();
        let en = en.trim();
        let p = &mut edited.paragraphs[index];
        match (en.is_empty(), p.zh.trim().is_empty()) {
            (false, _) => p.set_english(en.to_string(), Provenance::Reviewed),
            (true, false) => p.clear_english(Provenance::Reviewed),
            (true, true) => {
                edited.paragraphs.remove(index);
                removed.push(id.to_string());
            }
        }
        self.commit(slug, &mut article, &edited, removed)?;
        Ok(Saved::Done(row_json(&article.doc, id)))
    }

    /// Moves the English of `id`, a paragraph with no Chinese partner, into its `neighbour`
    /// (after that paragraph's English, or before it), as the neighbour's reviewed English;
    /// the row goes. `version` is the row's.
    pub fn move_english(&self, slug: &str, id: &str, neighbour: Neighbour, version: &str) -> Result<Saved> {
        let Some(article) = self.articles.get(slug) else { return Ok(Saved::NotFound) };
        let mut article = article.lock().expect("article lock");
        let paragraphs = &article.doc.paragraphs;
        let Some(index) = paragraphs.iter().position(|p| p.id == id) else { return Ok(Saved::NotFound) };
        if english_only_after(id).is_none() || !paragraphs[index].zh.trim().is_empty() {
            return Ok(Saved::Refused(format!(
                "{id} has Chinese: only English with no Chinese partner is moved into a neighbour"
            )));
        }
        if paragraph_version(&paragraphs[index]) != version {
            return Ok(Saved::Stale(paragraph_json(&article.doc, index)));
        }
        let has_chinese = |&i: &usize| !paragraphs[i].zh.trim().is_empty();
        let target = match neighbour {
            Neighbour::Previous => (0..index).rev().find(has_chinese),
            Neighbour::Next => (index + 1..paragraphs.len()).find(has_chinese),
        };
        let Some(target) = target else {
            let side = if neighbour == Neighbour::Previous { "before" } else { "after" };
            return Ok(Saved::Refused(format!("{id} has no paragraph with Chinese {side} it")));
        };
        let moved = paragraphs[index].en.as_deref().unwrap_or("").trim();
        let theirs = paragraphs[target].en.as_deref().map(str::trim).filter(|en| !en.is_empty());
        // Paragraphs joined with a space, as the aligner joins an English paragraph's parts.
        let joined = match (theirs, neighbour) {
            (None, _) => moved.to_string(),
            (Some(en), Neighbour::Previous) => format!("{en} {moved}"),
            (Some(en), Neighbour::Next) => format!("{moved} {en}"),
        };
        let target_id = paragraphs[target].id.clone();
        let mut edited = article.doc.clone();
        edited.paragraphs[target].set_english(joined, Provenance::Reviewed);
        edited.paragraphs.remove(index);
        let mut removed = article.removed.clone();
        removed.push(id.to_string());
        self.commit(slug, &mut article, &edited, removed)?;
        let mut reply = row_json(&article.doc, id);
        reply["moved_to"] = article
            .doc
            .paragraphs
            .iter()
            .position(|p| p.id == target_id)
            .map_or(Value::Null, |i| paragraph_json(&article.doc, i));
        Ok(Saved::Done(reply))
    }

    /// Drops the review of row `id` (when `version`, if given, is still its version): the
    /// English before it (the aligned translation, a provider's) comes back, and a removed
    /// English paragraph with no Chinese partner comes back as it was. A row with no review
    /// is answered as it stands.
    pub fn drop_review(&self, slug: &str, id: &str, version: Option<&str>) -> Result<Saved> {
        let Some(article) = self.articles.get(slug) else { return Ok(Saved::NotFound) };
        let mut article = article.lock().expect("article lock");
        if let Some(at) = article.removed.iter().position(|r| r == id) {
            let mut removed = article.removed.clone();
            removed.remove(at);
            let edited = article.doc.clone();
            self.commit(slug, &mut article, &edited, removed)?;
            return Ok(Saved::Done(row_json(&article.doc, id)));
        }
        let Some(index) = article.doc.paragraphs.iter().position(|p| p.id == id) else {
            return Ok(Saved::NotFound);
        };
        if version.is_some_and(|v| v != paragraph_version(&article.doc.paragraphs[index])) {
            return Ok(Saved::Stale(paragraph_json(&article.doc, index)));
        }
        if !article.doc.paragraphs[index].is_reviewed() {
            return Ok(Saved::Done(paragraph_json(&article.doc, index)));
        }
        let mut edited = article.doc.clone();
        let p = &mut edited.paragraphs[index];
        for s in &mut p.sentences {
            s.reviewed = false;
        }
        p.translation_source = None;
        // The cache would give the reviewed English back to a provider's run.
        if !p.zh.trim().is_empty() {
            self.pipeline.forget_reviewed(&p.zh)?;
        }
        let removed = article.removed.clone();
        self.commit(slug, &mut article, &edited, removed)?;
        Ok(Saved::Done(row_json(&article.doc, id)))
    }

    /// Writes `edited`'s reviews (and the `removed` rows) into the article's reviewed file,
    /// then rebuilds the article from its files.
    fn commit(&self, slug: &str, article: &mut Article, edited: &Document, removed: Vec<String>) -> Result<()> {
        write_atomic(&reviewed_file(&article.path), tmx::reviewed(edited, slug, &removed).as_bytes())?;
        article.removed = removed;
        // The rebuild reads the reviewed file as `build` does, and keeps its English in the
        // pipeline's translation cache.
        article.doc = build(&self.pipeline, &article.path.clone(), slug)?;
        Ok(())
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

/// The English paragraphs with no Chinese partner that the reviewed file at `path` removes
/// (its units with empty English under such ids); none when there is no file or it cannot be
/// read, which the build reports.
fn removed_in(path: &Path) -> Vec<String> {
    if !path.is_file() {
        return Vec::new();
    }
    let Ok(units) = crate::cat::read(path) else { return Vec::new() };
    units
        .units
        .into_iter()
        .filter(|u| u.target.is_empty())
        .filter_map(|u| u.place.map(|p| p.paragraph))
        .filter(|id| english_only_after(id).is_some())
        .collect()
}

/// A paragraph's version: a hash of its Chinese and English, so that two tabs editing
/// different paragraphs never conflict and two editing the same one always do.
fn paragraph_version(p: &Paragraph) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(p.zh.as_bytes());
    hasher.update(b"\0");
    hasher.update(p.en.as_deref().unwrap_or("").as_bytes());
    hasher.update(if p.is_reviewed() { b"r" } else { b"-" });
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
    value["counts"] = json!(counts(doc, &findings));
    if let Some(paragraphs) = value["paragraphs"].as_array_mut() {
        for (p, json) in doc.paragraphs.iter().zip(paragraphs) {
            json["version"] = json!(paragraph_version(p));
            json["reviewed"] = json!(p.is_reviewed());
            json["findings"] = json!(findings_of(&findings, &p.id).collect::<Vec<_>>());
        }
    }
    value
}

/// Row `id`'s state after an edit, with the article's `version` and `counts` (a save can
/// change other rows' findings and the counts): `removed` when the document no longer has
/// the row.
fn row_json(doc: &Document, id: &str) -> Value {
    let mut value = match doc.paragraphs.iter().position(|p| p.id == id) {
        Some(index) => paragraph_json(doc, index),
        None => json!({ "id": id, "removed": true }),
    };
    value["article"] = json!({ "version": version_of(doc), "counts": counts(doc, &qa::check(doc).findings) });
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
        "reviewed": p.is_reviewed(),
        "translation_source": p.translation_source.map(|t| t.name().to_string()).or_else(|| doc.meta.translation.as_ref().map(|t| t.source.clone())),
        "findings": findings_of(&findings, &p.id).collect::<Vec<_>>(),
    })
}
