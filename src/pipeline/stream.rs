//! The streamed build of a large plain-text file: paragraphs are read, segmented, annotated
//! and written a batch at a time, so memory is bounded by the batch, not the file. The html,
//! md and json outputs are written through the same per-paragraph code as a whole document
//! ([`StreamRenderer`]), into temporary files renamed into place at the end: the bytes are the
//! ones the whole-document build writes, and an interrupted run leaves earlier outputs alone.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Built, Pipeline};
use crate::annotate;
use crate::document::{Document, Meta, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::ingest::{Format, text_stream};
use crate::inputs::{reviews_of, translation_of};
use crate::output::AtomicFile;
use crate::render::site::{self, SiteEntry};
use crate::render::{Head, OutputFormat, Renderer};
use crate::segment;
use crate::text::script::{LANG_SAMPLE, lang_of};

/// Plain-text inputs larger than this (16 MiB) are streamed rather than read whole: a
/// document holds its text many times over (tokens, pinyin, glosses), so a whole 16 MiB
/// text already takes about a gigabyte. Only html, md and json can be streamed.
/// [`THRESHOLD_VARIABLE`] overrides it.
pub(crate) const STREAM_THRESHOLD: u64 = 16 << 20;

/// The environment variable that overrides [`STREAM_THRESHOLD`] (a number of bytes), so the
/// streamed path can be tried, and tested, on small files.
pub const THRESHOLD_VARIABLE: &str = "DUIZHAO_STREAM_THRESHOLD";

/// [`STREAM_THRESHOLD`], or the number of bytes [`THRESHOLD_VARIABLE`] gives.
pub(super) fn threshold_from_env() -> u64 {
    std::env::var(THRESHOLD_VARIABLE).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(STREAM_THRESHOLD)
}

/// Bytes of paragraph text segmented and annotated together: enough paragraphs to keep every
/// core busy, few enough that a batch's tokens take tens of megabytes.
pub(super) const BATCH_BYTES: usize = 1 << 20;

impl Pipeline {
    /// Builds `path` streamed when it is a plain-text file over the threshold; `None` when it
    /// is not, to be built whole.
    pub(super) fn build_streamed(&self, path: &Path, slug: &str) -> Result<Option<Built>> {
        let size = std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
        if size <= self.stream_threshold || self.options.from.is_some_and(|f| f != Format::Text) {
            return Ok(None);
        }
        let Some(mut stream) = text_stream::open(path, self.options.from)? else {
            return Ok(None);
        };
        let (size_mb, limit_mb) = (megabytes(size), megabytes(self.stream_threshold));
        let too_large = |detail: String| Error::NeedsWholeDocument {
            path: path.to_path_buf(),
            detail: format!(
                "{size_mb} is over the {limit_mb} streaming threshold, so the file is read a batch of paragraphs \
                 at a time; {detail}; split the file into parts under {limit_mb} for that"
            ),
        };
        if self.translator.is_some()
            || self.memory.is_some()
            || self.options.en.is_some()
            || translation_of(path).is_some()
            || !reviews_of(path).is_empty()
        {
            return Err(too_large(
                "pairing or translation (--translate, --tm, --en, a STEM.en.* file beside it) needs the whole \
                 document in memory, so nothing was written"
                    .into(),
            ));
        }
        let renderers: Vec<(OutputFormat, Box<dyn Renderer + Send + Sync>)> = self
            .options
            .formats
            .iter()
            .filter_map(|&f| Some((f, f.renderer_for(slug, &self.options.study, &self.options.edition)?)))
            .collect();
        // A book binds whole documents, so its EPUB cannot be streamed either.
        let streamable = |(format, renderer): &&(OutputFormat, Box<dyn Renderer + Send + Sync>)| {
            renderer.streamed().is_some() && !(*format == OutputFormat::Epub && self.options.book.is_some())
        };
        let mut whole: Vec<&str> = renderers.iter().filter(|r| !streamable(r)).map(|(f, _)| f.name()).collect();
        if self.options.formats.contains(&OutputFormat::Omegat) {
            whole.push(OutputFormat::Omegat.name());
        }
        let mut outputs = Vec::new();
        for (format, renderer) in renderers.iter().filter(streamable) {
            let path = self.options.out_dir.join(format!("{slug}.{}", renderer.extension()));
            let streamed = renderer.streamed().expect("filtered on streamed()");
            outputs.push((streamed, format.name(), AtomicFile::create(&path)?));
        }
        if outputs.is_empty() {
            return Err(too_large(format!(
                "{} need the whole document in memory, so nothing was written; html, md and json can be streamed",
                whole.join(", ")
            )));
        }

        let meta = Meta::default();
        let mut batch = stream.next_batch(self.stream_batch, LANG_SAMPLE)?;
        if batch.is_empty() {
            return Err(Error::NoContent { path: path.into(), format: Format::Text.name().into() });
        }
        // Pairing and translation are refused above, so no paragraph has English.
        let head = Head {
            meta: &meta,
            zh_lang: lang_of(batch.iter().map(|b| b.text.as_str())),
            translated: false,
            schema_version: SCHEMA_VERSION,
        };
        let mut text = String::new();
        for (renderer, _, file) in &mut outputs {
            text.clear();
            renderer.begin(&head, &mut text);
            file.write(text.as_bytes())?;
        }
        let (mut count, mut chars) = (0, 0);
        while !batch.is_empty() {
            let mut doc = Document::new(Meta::default(), batch);
            for (i, p) in doc.paragraphs.iter_mut().enumerate() {
                p.id = format!("p{}", count + i + 1);
            }
            segment::segment(&mut doc, &self.glossary);
            annotate::annotate(&mut doc, self.options.style, self.options.sandhi);
            for (renderer, _, file) in &mut outputs {
                let parts: Vec<String> = doc
                    .paragraphs
                    .par_iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let mut part = String::new();
                        renderer.paragraph(&head, count + i, p, &mut part);
                        part
                    })
                    .collect();
                for part in parts {
                    file.write(part.as_bytes())?;
                }
            }
            count += doc.paragraphs.len();
            chars += site::chinese_chars(&doc);
            drop(doc);
            batch = stream.next_batch(self.stream_batch, 1)?;
        }
        let mut written = Vec::new();
        for (renderer, format, mut file) in outputs {
            text.clear();
            renderer.end(&head, count, &mut text);
            file.write(text.as_bytes())?;
            written.push((format, file.path().to_path_buf()));
            file.commit()?;
        }
        if !whole.is_empty() {
            let done: Vec<String> = written.iter().map(|(_, p)| p.display().to_string()).collect();
            return Err(too_large(format!(
                "only {} were written ({}): {} need the whole document in memory",
                written.iter().map(|(e, _)| *e).collect::<Vec<_>>().join(", "),
                done.join(", "),
                whole.join(", ")
            )));
        }
        let removed = crate::ingest::controls_removed(path, stream.controls_removed);
        let warnings = stream.warning.take().into_iter().chain(removed).collect();
        let written: Vec<PathBuf> = written.into_iter().map(|(_, p)| p).collect();
        let mut entry = SiteEntry::bare(slug, head.zh_lang, &written, &self.options.out_dir);
        entry.chars = chars;
        entry.linkable = false;
        Ok(Some(Built {
            entries: vec![entry],
            written,
            warnings,
            notes: Vec::new(),
            paragraphs: count,
            translation: None,
            english: false,
            documents: Vec::new(),
        }))
    }
}

/// `bytes` as megabytes for a message: `16 MB`, `104.9 MB`.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1u64 << 20) as f64;
    if mb.fract() == 0.0 { format!("{mb:.0} MB") } else { format!("{mb:.1} MB") }
}
