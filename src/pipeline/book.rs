//! A book in (EPUB): every chapter is built as an article of its own, its files named
//! `DIR/<slug>/<nn>-<chapter>.<ext>`, then the chapters are bound into one bilingual book
//! `DIR/<slug>.epub` with the source's chapter order and metadata. The formats that make one
//! file a book are written once for the whole book: the Anki deck (a sub-deck per chapter) and
//! the OmegaT project. With `--book TITLE` the chapters join the run's book instead.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::outputs::write_whole;
use super::{Built, Part, Pipeline, part_slug};
use crate::annotate;
use crate::document::{BookInfo, Document, Meta};
use crate::error::Result;
use crate::ingest::epub;
use crate::render::{self, OutputFormat, anki};
use crate::segment;

impl Pipeline {
    /// Builds the EPUB book in `bytes` (`path` names it): each chapter's files, then the book.
    pub(super) fn build_book(&self, bytes: &[u8], path: &Path, slug: &str) -> Result<Built> {
        let book = epub::read(bytes, path)?;
        let chapters = book.chapters.len();
        let authors = book.meta.authors.join("、");
        // Chapters are annotated on all cores: a book is one input, and a long one would keep
        // the other cores idle.
        let docs: Vec<(String, Document)> = book
            .chapters
            .into_par_iter()
            .enumerate()
            .map(|(i, chapter)| {
                let chapter_slug = part_slug(slug, i + 1, chapters, chapter.title.as_deref(), "chapter");
                let meta = Meta {
                    title: chapter.title,
                    author: (!authors.is_empty()).then(|| authors.clone()),
                    date: book.meta.date.as_deref().and_then(crate::ingest::date::normalize),
                    book: Some(BookInfo { meta: book.meta.clone(), chapter: i + 1, chapters, file: chapter.href }),
                    ..Meta::default()
                };
                let mut doc = Document::new(meta, chapter.blocks);
                segment::segment(&mut doc, &self.glossary);
                annotate::annotate(&mut doc, self.options.style, self.options.sandhi);
                (chapter_slug, doc)
            })
            .collect();
        let mut built = Built::with_warnings(book.warnings);
        let parts: Vec<Result<Built>> = if self.translator.is_some() {
            // Chapter by chapter, in order, so that an interrupted book resumes from the cache
            // where it stopped; after a stop the rest is built without asking again.
            let mut translate = true;
            let mut parts = Vec::new();
            for (chapter_slug, doc) in docs {
                let part = self.finish(doc, Vec::new(), Vec::new(), &chapter_slug, Part::Chapter { translate });
                if let Ok(Built { translation: Some(outcome), .. }) = &part {
                    translate &= outcome.stopped.is_none();
                }
                let unavailable = part.is_err();
                parts.push(part);
                if unavailable {
                    break;
                }
            }
            parts
        } else {
            docs.into_par_iter()
                .map(|(chapter_slug, doc)| {
                    self.finish(doc, Vec::new(), Vec::new(), &chapter_slug, Part::Chapter { translate: false })
                })
                .collect()
        };
        for part in parts {
            built.absorb(part?);
        }
        if built.translation.as_ref().is_some_and(|o| o.dry_run) {
            built.documents.clear();
            return Ok(built);
        }
        if self.options.book.is_none() {
            built.written.extend(self.bind_input_book(slug, &built.documents)?);
            built.documents.clear();
        }
        Ok(built)
    }

    /// Writes the files that hold a whole book input: the EPUB, and with their formats asked
    /// for, the Anki deck and the OmegaT project.
    fn bind_input_book(&self, slug: &str, chapters: &[(String, Document)]) -> Result<Vec<PathBuf>> {
        let dir = &self.options.out_dir;
        let docs: Vec<&Document> = chapters.iter().map(|(_, doc)| doc).collect();
        let book = render::epub::book(&docs, None, &self.options.edition.epub());
        let mut files = vec![(dir.join(format!("{slug}.epub")), book)];
        let wants = |format| self.options.formats.contains(&format);
        if wants(OutputFormat::Anki) || wants(OutputFormat::Apkg) {
            let notes = anki::AnkiRenderer::new(slug, self.options.study.clone()).book_notes(&docs);
            if wants(OutputFormat::Anki) {
                files.push((dir.join(format!("{slug}.anki.txt")), anki::text_file(&notes, None).into_bytes()));
            }
            if wants(OutputFormat::Apkg) {
                files.push((dir.join(format!("{slug}.apkg")), render::apkg::package(&notes)));
            }
        }
        let mut folders = Vec::new();
        if self.options.formats.contains(&OutputFormat::Omegat) {
            let articles: Vec<(&str, &Document)> = chapters.iter().map(|(s, d)| (s.as_str(), d)).collect();
            let (folder, project) = self.project(slug, &articles);
            folders.push(folder);
            files.extend(project);
        }
        write_whole(files, folders)
    }
}
