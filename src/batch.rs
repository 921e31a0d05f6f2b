//! Building a run's inputs: files, folders, standard input and web pages, on all cores, each
//! reported in input order as it is done, then bound into a book when one is asked for. One
//! input's failure never stops the others; a translation provider's refusal stops the run.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::fetch::{FetchError, FetchOptions, Fetched, fetch_all};
use crate::inputs::{self, Input, Slugs};
use crate::pipeline::{Built, Pipeline};

/// Hears how a batch goes, input by input, in input order. The command line prints it; another
/// program may collect it.
pub trait Report {
    /// `input` was built (its files are written; a translation outcome, when there was one,
    /// says what the provider did).
    fn built(&mut self, input: &Input, built: &Built);
    /// An input could not be found, fetched or built; the message names it and what to do.
    fn failed(&mut self, error: &dyn fmt::Display);
    /// The articles were bound into one book: the files (and folders) at `paths`.
    fn bound(&mut self, articles: usize, paths: &[PathBuf]);
    /// The collection site's index was written at `path`, listing `articles`.
    fn indexed(&mut self, _articles: usize, _path: &Path) {}
    /// Something about the whole run worth saying once (files of a folder left out).
    fn note(&mut self, _message: &str) {}
}

/// How a batch went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Inputs built.
    pub built: usize,
    /// Inputs (and the book) that failed, and translations left incomplete.
    pub failed: usize,
}

/// A pipeline run over many inputs.
pub struct Batch<'p> {
    pipeline: &'p Pipeline,
    fetch: FetchOptions,
}

impl<'p> Batch<'p> {
    /// A batch building with `pipeline`, fetching web pages with `fetch`.
    pub fn new(pipeline: &'p Pipeline, fetch: FetchOptions) -> Self {
        Batch { pipeline, fetch }
    }

    /// Builds every input `args` names (files, folders, `-`, URLs), telling `report` about each
    /// in input order, and binds the book when the pipeline's options ask for one.
    pub fn run(&self, args: &[PathBuf], report: &mut dyn Report) -> Summary {
        let mut summary = Summary::default();
        let mut slugs = Slugs::default();
        let mut book: Vec<(String, Document)> = Vec::new();
        let mut entries = Vec::new();
        let collected = inputs::collect(args);
        if let Some(note) = collected.own_outputs_note() {
            report.note(&note);
        }
        let inputs = collected.inputs;
        // Known before anything is written, so that no output replaces a file the run reads.
        let protected = self.pipeline.protected(&inputs);
        let urls: Vec<String> =
            inputs.iter().filter_map(|i| if let Ok(Input::Url(url)) = i { Some(url.clone()) } else { None }).collect();
        let pages: HashMap<String, std::result::Result<Fetched, FetchError>> =
            urls.iter().cloned().zip(fetch_all(&urls, &self.fetch)).collect();
        let translator = self.pipeline.translator();
        // Articles are built on all cores, a chunk at a time, and reported in input order. A
        // chunk holds 32 articles per core: each chunk ends waiting for its last article, and
        // with 4 per core that wait kept the cores busy only 82% of the time (90% now). A
        // translating run goes one article at a time, so that it can stop cleanly.
        let chunk_size = if translator.is_some() { 1 } else { 32 * rayon::current_num_threads() };
        'chunks: for chunk in inputs.chunks(chunk_size) {
            let jobs: Vec<Option<(&Input, String)>> =
                chunk.iter().map(|input| input.as_ref().ok().map(|input| (input, slugs.assign(input)))).collect();
            let results: Vec<Option<Result<Built>>> = jobs
                .par_iter()
                .map(|job| {
                    let (input, slug) = job.as_ref()?;
                    if let Err(clash) = self.pipeline.check_outputs(input, slug, &protected) {
                        return Some(Err(clash));
                    }
                    match input {
                        Input::Url(url) => pages[url].as_ref().ok().map(|page| self.pipeline.build_fetched(page, slug)),
                        _ => Some(self.pipeline.build(input, slug)),
                    }
                })
                .collect();
            for (input, result) in chunk.iter().zip(results) {
                let input = match input {
                    Ok(input) => input,
                    Err(error) => {
                        report.failed(error);
                        summary.failed += 1;
                        continue;
                    }
                };
                let result = match (result, input) {
                    (Some(result), _) => result,
                    (None, Input::Url(url)) => {
                        if let Err(error) = &pages[url] {
                            report.failed(error);
                        }
                        summary.failed += 1;
                        continue;
                    }
                    (None, _) => continue,
                };
                let built = match result {
                    Ok(built) => built,
                    Err(error) => {
                        report.failed(&error);
                        summary.failed += 1;
                        // A service that cannot be reached fails every input the same way.
                        if matches!(error, Error::TranslationUnavailable { .. }) {
                            break 'chunks;
                        }
                        continue;
                    }
                };
                report.built(input, &built);
                summary.built += 1;
                let stopped = built.translation.as_ref().is_some_and(|outcome| {
                    // An incomplete translation fails the input; a stop fails the run once.
                    if outcome.failed > 0 || outcome.stopped.is_some() {
                        summary.failed += 1;
                    }
                    outcome.stopped.is_some()
                });
                book.extend(built.documents);
                entries.extend(built.entries);
                if stopped {
                    break 'chunks;
                }
            }
        }
        if let Some(translator) = translator {
            translator.finish();
        }
        if !book.is_empty() {
            match self.pipeline.check_book(&protected).and_then(|()| self.pipeline.bind_book(&book)) {
                Ok(paths) => report.bound(book.len(), &paths),
                Err(error) => {
                    report.failed(&error);
                    summary.failed += 1;
                }
            }
        }
        if self.pipeline.wants_site(&entries) {
            let articles = entries.len();
            match self.pipeline.check_site(&protected).and_then(|()| self.pipeline.write_site(entries)) {
                Ok(path) => report.indexed(articles, &path),
                Err(error) => {
                    report.failed(&error);
                    summary.failed += 1;
                }
            }
        }
        summary
    }
}
