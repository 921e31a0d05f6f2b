//! The whole pipeline for one input: read -> ingest -> document -> segment -> annotate ->
//! render -> write. A program can call this without the CLI.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::align;
use crate::annotate;
use crate::cat::{self, apply::Applied, memory::Memory};
use crate::dict::glossary::Glossary;
use crate::document::Document;
use crate::document::TranslationInfo;
use crate::error::{Error, Result};
use crate::fetch::{Fetched, save};
use crate::ingest::{self, Format};
use crate::inputs::{Input, reviews_of, translation_of};
use crate::notation::Style;
use crate::output::write_atomic;
use crate::qa;
use crate::render::site::SiteEntry;
use crate::render::{self, EditionOptions, OutputFormat, epub};
use crate::segment;
use crate::translate::{self, Outcome, Translator};
use crate::vocabulary::StudyOptions;
use outputs::write_whole;

mod book;
mod feed;
mod outputs;
mod site;
mod stream;

pub use stream::THRESHOLD_VARIABLE;

/// Settings for a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Folder the outputs are written to.
    pub out_dir: PathBuf,
    /// Formats to write, one file each.
    pub formats: Vec<OutputFormat>,
    /// How pinyin is displayed.
    pub style: Style,
    /// Show the tone changes of 一 and 不 as textbooks print them.
    pub sandhi: bool,
    /// Input format, when detection should be overridden.
    pub from: Option<Format>,
    /// An English translation to pair with the (single) input; without it, a `STEM.en.*`
    /// file beside an article is used.
    pub en: Option<PathBuf>,
    /// Who made the given translation (provenance shown in every output).
    pub en_source: String,
    /// What the `study` and `anki` outputs list: known words, HSK levels, order.
    pub study: StudyOptions,
    /// Layout, ruby and tone colours of the html and epub editions.
    pub edition: EditionOptions,
    /// Bind every article into one EPUB with this title instead of one EPUB each.
    pub book: Option<String>,
    /// Whether the run writes a collection site (`index.html`, and links between the reading
    /// pages), and under what title.
    pub site: SiteMode,
    /// Keep each fetched web page here as an archive copy.
    pub save_html: Option<PathBuf>,
    /// The translation cache reviewed translations (`--en` with XLIFF, TMX or an OmegaT
    /// project) are kept in; `None` keeps them nowhere.
    pub review_cache: Option<PathBuf>,
    /// The target language reviewed translations are kept under (`en`).
    pub review_target: String,
    /// Other files the run reads (glossaries, memories, word lists, configuration): like the
    /// inputs, no output may replace them.
    pub reads: Vec<PathBuf>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            out_dir: PathBuf::from("output"),
            formats: OutputFormat::DEFAULT.to_vec(),
            style: Style::Marks,
            sandhi: false,
            from: None,
            en: None,
            en_source: "human".to_string(),
            study: StudyOptions::default(),
            edition: EditionOptions::default(),
            book: None,
            site: SiteMode::Auto,
            save_html: None,
            review_cache: None,
            review_target: "en".to_string(),
            reads: Vec::new(),
        }
    }
}

/// When a run writes a collection site ([`crate::render::site`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteMode {
    /// When it builds more than one article with reading pages, titled "Articles".
    Auto,
    /// Always, with this title (`--site TITLE`).
    Titled(String),
    /// Never (`--no-site`).
    Off,
}

/// What building one input produced.
#[derive(Debug, Clone)]
pub struct Built {
    /// The files written.
    pub written: Vec<PathBuf>,
    /// Non-fatal problems to tell the user.
    pub warnings: Vec<String>,
    /// What the user may like to know (how a reviewed file's units were used).
    pub notes: Vec<String>,
    /// Number of paragraphs in the document.
    pub paragraphs: usize,
    /// What machine translation did, when it was configured (a dry run writes no files).
    pub translation: Option<Outcome>,
    /// Whether any paragraph has English (given, translated or reviewed).
    pub english: bool,
    /// The documents with their slugs, kept when they are to be bound into the run's book
    /// (`--book`): the article, or every chapter of a book input.
    pub documents: Vec<(String, Document)>,
    /// The articles built, as the collection site lists them (a feed gives one per item, a
    /// book input none: its chapters are its own book).
    pub entries: Vec<SiteEntry>,
}

impl Built {
    /// Nothing built yet, with `warnings` (a book's or a feed's own) to tell.
    fn with_warnings(warnings: Vec<String>) -> Self {
        Built {
            written: Vec::new(),
            warnings,
            notes: Vec::new(),
            paragraphs: 0,
            translation: None,
            english: false,
            documents: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// Adds what building one part (a chapter, a feed's item) produced.
    fn absorb(&mut self, part: Built) {
        self.written.extend(part.written);
        self.warnings.extend(part.warnings);
        self.notes.extend(part.notes);
        self.paragraphs += part.paragraphs;
        self.english |= part.english;
        self.documents.extend(part.documents);
        self.entries.extend(part.entries);
        if let Some(outcome) = part.translation {
            match &mut self.translation {
                Some(total) => total.absorb(outcome),
                None => self.translation = Some(outcome),
            }
        }
    }
}

/// The slug of part `number` of `count` (a book's chapter, a feed's item) of the input `slug`:
/// `slug/07-its-title`, numbered with at least two digits so that file names sort in order,
/// its title cut to 40 characters (`fallback` when it has none).
fn part_slug(slug: &str, number: usize, count: usize, title: Option<&str>, fallback: &str) -> String {
    let width = count.to_string().len().max(2);
    let name = title.map(crate::inputs::slugify).filter(|s| !s.is_empty());
    let name: String = name.unwrap_or_else(|| fallback.to_string()).chars().take(40).collect();
    format!("{slug}/{number:0width$}-{}", name.trim_end_matches('-'))
}

/// What a document is to the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// An article of its own: every format is written for it.
    Article,
    /// An article whose document the caller keeps (`duizhao serve`), written as an article.
    Kept,
    /// A chapter of a book input: the formats that make one file a book are bound later, and
    /// `translate` says whether the translator may still be asked (not after it stopped).
    Chapter { translate: bool },
}

/// A configured pipeline: the glossary and options every input shares.
#[derive(Debug, Clone)]
pub struct Pipeline {
    glossary: Glossary,
    options: BuildOptions,
    translator: Option<Arc<Translator>>,
    memory: Option<Arc<Memory>>,
    /// Plain-text files larger than this many bytes are streamed (see [`STREAM_THRESHOLD`]).
    stream_threshold: u64,
    /// Bytes of text a streamed build processes at a time.
    stream_batch: usize,
}

impl Pipeline {
    /// A pipeline with `glossary` and `options`.
    pub fn new(glossary: Glossary, options: BuildOptions) -> Self {
        Pipeline {
            glossary,
            options,
            translator: None,
            memory: None,
            stream_threshold: stream::threshold_from_env(),
            stream_batch: stream::BATCH_BYTES,
        }
    }

    /// The same pipeline, streaming plain-text files larger than `threshold` bytes instead of
    /// [`STREAM_THRESHOLD`], `batch` bytes of text at a time (tests stream small files in
    /// several batches with it).
    pub fn with_streaming(mut self, threshold: u64, batch: usize) -> Self {
        self.stream_threshold = threshold;
        self.stream_batch = batch.max(1);
        self
    }

    /// The same pipeline, filling the English of untranslated paragraphs through `translator`.
    pub fn with_translator(mut self, translator: Arc<Translator>) -> Self {
        self.translator = Some(translator);
        self
    }

    /// The same pipeline, filling untranslated paragraphs from `memory`'s exact matches before
    /// any translation API is asked.
    pub fn with_memory(mut self, memory: Memory) -> Self {
        self.memory = Some(Arc::new(memory));
        self
    }

    /// The translator filling untranslated paragraphs, when there is one.
    pub fn translator(&self) -> Option<&Arc<Translator>> {
        self.translator.as_ref()
    }

    /// The annotated document for the bytes of one input; `path` names it in errors.
    pub fn document(&self, bytes: &[u8], path: &Path) -> Result<(Document, Vec<String>)> {
        self.document_declared(bytes, path, None).map(|(doc, warnings, _)| (doc, warnings))
    }

    /// [`Pipeline::document`] for bytes with a charset declared outside them (an HTTP
    /// header); also returns the decoded text.
    fn document_declared(
        &self,
        bytes: &[u8],
        path: &Path,
        charset: Option<&str>,
    ) -> Result<(Document, Vec<String>, String)> {
        let ingested = ingest::ingest_declared(bytes, path, self.options.from, charset)?;
        crate::verbose!(
            "{}: {} bytes read as {} input, {} paragraphs",
            path.display(),
            bytes.len(),
            ingested.format.name(),
            ingested.blocks.len()
        );
        let mut doc = Document::new(ingested.meta, ingested.blocks);
        segment::segment(&mut doc, &self.glossary);
        annotate::annotate(&mut doc, self.options.style, self.options.sandhi);
        Ok((doc, ingested.warnings, ingested.text))
    }

    /// Pairs `doc` with the English translation at `path`; returns what a reviewer should check
    /// and what is worth knowing.
    pub fn attach_translation(&self, doc: &mut Document, path: &Path) -> Result<Applied> {
        if cat::is_review_file(path) {
            return self.attach_review(doc, path);
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let english = ingest::ingest(&bytes, path, None)?;
        let info = TranslationInfo {
            source: self.options.en_source.clone(),
            title: english.meta.title,
            ..TranslationInfo::default()
        };
        let findings = align::attach::attach(doc, &english.blocks, &self.glossary, info);
        let mut warnings = english.warnings;
        warnings.extend(findings.into_iter().map(|f| format!("{}: {f}", path.display())));
        Ok(Applied { warnings, notes: Vec::new() })
    }

    /// Forgets the reviewed translation of `zh` kept in the translation cache (a reviewer undid
    /// it in `duizhao serve`), so that a rebuild does not bring it back.
    pub(crate) fn forget_reviewed(&self, zh: &str) -> Result<()> {
        let Some(path) = &self.options.review_cache else { return Ok(()) };
        let error =
            |e: translate::TranslateError| Error::Review { path: path.clone(), line: None, message: e.to_string() };
        translate::cache::Cache::open(path)
            .map_err(error)?
            .forget_reviewed(zh, &self.options.review_target)
            .map_err(error)?;
        Ok(())
    }

    /// Puts the units of a reviewed XLIFF, TMX or OmegaT project into `doc`, and the reviewed
    /// ones into the translation cache so that no later run pays for them or overwrites them.
    fn attach_review(&self, doc: &mut Document, path: &Path) -> Result<Applied> {
        let units = cat::read(path)?;
        crate::verbose!("{}: {} units read as {}", path.display(), units.units.len(), units.format);
        let mut applied = cat::apply::apply(doc, &units);
        if let Some(cache_path) = &self.options.review_cache {
            let stored = translate::cache::Cache::open(cache_path).and_then(|cache| {
                for p in doc.paragraphs.iter().filter(|p| p.sentences.iter().any(|s| s.reviewed)) {
                    if let Some(en) = &p.en {
                        cache.put_reviewed(&p.zh, &self.options.review_target, en)?;
                    }
                }
                Ok(())
            });
            if let Err(error) = stored {
                applied
                    .warnings
                    .push(format!("{}: reviewed translations not kept in the cache: {error}", path.display()));
            }
        }
        Ok(applied)
    }

    /// Builds one input and writes `DIR/<slug>.<ext>` for every format. Web pages are fetched
    /// first ([`crate::fetch::fetch_all`]) and built with [`Pipeline::build_fetched`].
    /// A plain-text file over the streaming threshold is read and written a batch of
    /// paragraphs at a time instead, with bounded memory (html, md and json only).
    pub fn build(&self, input: &Input, slug: &str) -> Result<Built> {
        self.build_part(input, slug, Part::Article)
    }

    /// [`Pipeline::build`] that also gives back the built document, as
    /// `Built::documents[0]` (a book input gives its chapters).
    pub(crate) fn build_kept(&self, input: &Input, slug: &str) -> Result<Built> {
        self.build_part(input, slug, Part::Kept)
    }

    fn build_part(&self, input: &Input, slug: &str, part: Part) -> Result<Built> {
        if let Input::File(path) = input
            && part == Part::Article
            && let Some(built) = self.build_streamed(path, slug)?
        {
            return Ok(built);
        }
        let bytes = read_input(input)?;
        if ingest::epub::is_zip(&bytes) && self.options.from.is_none() {
            return self.build_book(&bytes, &input.path(), slug);
        }
        if self.options.from.is_none() && ingest::feed::is_feed(&bytes) {
            return self.build_feed(&bytes, &input.path(), None, slug, part);
        }
        let (doc, warnings, _) = self.document_declared(&bytes, &input.path(), None)?;
        let (beside, reviewed) = match input {
            Input::File(path) => (translation_of(path), reviews_of(path)),
            Input::Stdin | Input::Url(_) => (None, Vec::new()),
        };
        // A reviewed file goes over the translation beside the article, when there is one, so
        // that what the reviewer left alone stays exactly as it was.
        let english = match &self.options.en {
            Some(en) if cat::is_review_file(en) => beside.into_iter().chain([en.clone()]).collect(),
            Some(en) => vec![en.clone()],
            None => beside.into_iter().chain(reviewed).collect(),
        };
        self.finish(doc, warnings, english, slug, part)
    }

    /// Builds a fetched web page: its URL becomes the source, and with `--save-html` the page
    /// is kept as an archive copy that builds the same offline.
    pub(crate) fn build_fetched(&self, fetched: &Fetched, slug: &str) -> Result<Built> {
        if self.options.from.is_none() && ingest::feed::is_feed(&fetched.bytes) {
            return self.build_fetched_feed(fetched, slug);
        }
        let path = Path::new(&fetched.final_url);
        let (mut doc, warnings, text) = self.document_declared(&fetched.bytes, path, fetched.charset.as_deref())?;
        if doc.meta.source_url.is_none() {
            doc.meta.source_url = Some(fetched.final_url.clone());
        }
        let mut saved = None;
        if let Some(dir) = &self.options.save_html {
            let copy = save::archive_copy(fetched, doc.meta.title.as_deref().unwrap_or(slug), &text);
            let path = dir.join(format!("{slug}.html"));
            write_atomic(&path, copy.as_bytes())?;
            saved = Some(path);
        }
        let english = self.options.en.clone().into_iter().collect();
        let mut built = self.finish(doc, warnings, english, slug, Part::Article)?;
        built.written.extend(saved);
        Ok(built)
    }

    /// Pairs the given translations (a reviewed file after the translation it reviews),
    /// translates, checks and writes every output of `doc`.
    fn finish(
        &self,
        mut doc: Document,
        mut warnings: Vec<String>,
        english: Vec<PathBuf>,
        slug: &str,
        part: Part,
    ) -> Result<Built> {
        let mut notes = Vec::new();
        for english in english {
            let applied = self.attach_translation(&mut doc, &english)?;
            warnings.extend(applied.warnings);
            notes.extend(applied.notes);
        }
        if let Some(memory) = &self.memory {
            let filled = memory.fill(&mut doc);
            crate::verbose!("{slug}: {filled} paragraphs filled from the translation memory");
        }
        let mut translation = None;
        let translator = self.translator.as_ref().filter(|_| part != Part::Chapter { translate: false });
        if let Some(translator) = translator {
            let outcome = translator.translate_document(&mut doc);
            if outcome.unavailable {
                let reason = outcome.stopped.unwrap_or_default();
                return Err(Error::TranslationUnavailable { reason });
            }
            if outcome.dry_run {
                let paragraphs = doc.paragraphs.len();
                return Ok(Built {
                    written: Vec::new(),
                    warnings,
                    notes,
                    paragraphs,
                    translation: Some(outcome),
                    english: false,
                    documents: Vec::new(),
                    entries: Vec::new(),
                });
            }
            translation = Some(outcome);
        }
        if let Some(info) = &mut doc.meta.translation {
            info.glossary_version = Some(self.glossary.version());
        }
        align::word_links::attach_word_links(&mut doc);
        annotate::senses_from_english(&mut doc);
        qa::note_margins(&mut doc);
        // Every file is rendered and checked before any is written: an input is built only
        // when all its files are whole and well-formed, and otherwise nothing is written for it.
        let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        let mut folders = Vec::new();
        // The JSON report is written whenever there is English to check, and for `--format qa`
        // (which adds the HTML report) even when there is none, so scripts always find it.
        if doc.is_translated() || self.options.formats.contains(&OutputFormat::Qa) {
            let report = qa::check(&doc);
            for f in &report.findings {
                if f.check != "alignment" {
                    warnings.push(format!("QA {slug} {}: {} ({})", f.paragraph, f.message, f.check));
                }
            }
            let path = self.options.out_dir.join(format!("{slug}.qa.json"));
            let json = serde_json::to_string_pretty(&report).expect("a QA report always serialises") + "\n";
            files.push((path, json.into_bytes()));
        }
        for format in &self.options.formats {
            // A book binds its EPUB and its OmegaT project (and a book input its Anki deck)
            // once every article is built.
            let bound = match part {
                Part::Article | Part::Kept => {
                    self.options.book.is_some() && matches!(format, OutputFormat::Epub | OutputFormat::Omegat)
                }
                Part::Chapter { .. } => {
                    matches!(
                        format,
                        OutputFormat::Epub | OutputFormat::Omegat | OutputFormat::Anki | OutputFormat::Apkg
                    )
                }
            };
            if bound {
                continue;
            }
            let Some(renderer) = format.renderer_for(slug, &self.options.study, &self.options.edition) else {
                let (folder, project) = self.project(slug, &[(slug, &doc)]);
                folders.push(folder);
                files.extend(project);
                continue;
            };
            let path = self.options.out_dir.join(format!("{slug}.{}", renderer.extension()));
            files.push((path, renderer.render_bytes(&doc)));
        }
        let written = write_whole(files, folders)?;
        let paragraphs = doc.paragraphs.len();
        let english = doc.is_translated();
        let entries = match part {
            Part::Article | Part::Kept => vec![SiteEntry::of(slug, &doc, &written, &self.options.out_dir)],
            Part::Chapter { .. } => Vec::new(),
        };
        let keep = self.options.book.is_some() || part != Part::Article;
        let documents = if keep { vec![(slug.to_string(), doc)] } else { Vec::new() };
        Ok(Built { written, warnings, notes, paragraphs, translation, english, documents, entries })
    }

    /// The OmegaT project `DIR/<name>.omegat/` holding `articles`: its folder, and its files
    /// with their paths.
    pub(crate) fn project(&self, name: &str, articles: &[(&str, &Document)]) -> (PathBuf, Vec<(PathBuf, Vec<u8>)>) {
        let dir = self.options.out_dir.join(format!("{name}.omegat"));
        let files =
            render::omegat::project(articles).into_iter().map(|(file, bytes)| (dir.join(file), bytes)).collect();
        (dir, files)
    }

    /// Binds `docs` (each with its slug) into one book titled by `--book`: the EPUB
    /// `DIR/book-<title>.epub` and, with `--format omegat`, one OmegaT project holding every
    /// article, `DIR/book-<title>.omegat/`. Returns what was written.
    pub(crate) fn bind_book(&self, docs: &[(String, Document)]) -> Result<Vec<PathBuf>> {
        let title = self.options.book.as_deref().unwrap_or("Untitled");
        let (path, project) = self.book_paths();
        let refs: Vec<&Document> = docs.iter().map(|(_, doc)| doc).collect();
        let mut files = vec![(path, epub::book(&refs, Some(title), &self.options.edition.epub()))];
        let mut folders = Vec::new();
        if self.options.formats.contains(&OutputFormat::Omegat) {
            let articles: Vec<(&str, &Document)> = docs.iter().map(|(s, d)| (s.as_str(), d)).collect();
            let name = project.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let (folder, project) = self.project(&name, &articles);
            folders.push(folder);
            files.extend(project);
        }
        write_whole(files, folders)
    }

    /// The run's book (`--book TITLE`): `DIR/book-<title>.epub` and its OmegaT project folder
    /// `DIR/book-<title>.omegat`.
    fn book_paths(&self) -> (PathBuf, PathBuf) {
        let slug = crate::inputs::slugify(self.options.book.as_deref().unwrap_or("Untitled"));
        let dir = &self.options.out_dir;
        (dir.join(format!("book-{slug}.epub")), dir.join(format!("book-{slug}.omegat")))
    }
}

fn read_input(input: &Input) -> Result<Vec<u8>> {
    match input {
        Input::File(path) => std::fs::read(path).map_err(|e| Error::io(path, e)),
        Input::Url(url) => Err(Error::NotFound { path: PathBuf::from(url) }),
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| Error::io("<stdin>", e))?;
            Ok(bytes)
        }
    }
}
