//! A feed in (RSS or Atom): every item is built as an article of its own, its files named
//! `DIR/<slug>/<nn>-<title>.<ext>` as a book's chapters are, `<nn>` its place in the feed.
//! Nothing binds the items together; with `--book TITLE` they join the run's book as any
//! article does.

use std::path::Path;

use rayon::prelude::*;

use super::{Built, Part, Pipeline, part_slug};
use crate::annotate;
use crate::document::Document;
use crate::error::Result;
use crate::fetch::Fetched;
use crate::ingest::feed;
use crate::output::write_atomic;
use crate::segment;
use crate::translate::Outcome;

impl Pipeline {
    /// Builds the feed in `bytes` (`path` names it, `charset` is what an HTTP header declared):
    /// each item's files, in feed order.
    pub(super) fn build_feed(
        &self,
        bytes: &[u8],
        path: &Path,
        charset: Option<&str>,
        slug: &str,
        part: Part,
    ) -> Result<Built> {
        let feed = feed::read_declared(bytes, path, charset)?;
        let mut warnings = feed.warnings;
        if self.options.en.is_some() {
            warnings.push(format!(
                "{}: --en gives the English of one article, not of a feed's items; they are built without it",
                path.display()
            ));
        }
        let docs: Vec<(String, Document)> = feed
            .items
            .into_par_iter()
            .map(|item| {
                let item_slug = part_slug(slug, item.number, feed.total, item.meta.title.as_deref(), "item");
                let mut doc = Document::new(item.meta, item.blocks);
                segment::segment(&mut doc, &self.glossary);
                annotate::annotate(&mut doc, self.options.style, self.options.sandhi);
                (item_slug, doc)
            })
            .collect();
        let parts: Vec<Result<Built>> = if self.translator.is_some() {
            // Item by item, in order, so that an interrupted feed resumes from the cache where it
            // stopped; after a stop the rest is built without asking again.
            let mut untranslated: Option<Pipeline> = None;
            let mut parts = Vec::new();
            for (item_slug, doc) in docs {
                let pipeline = untranslated.as_ref().unwrap_or(self);
                let built = pipeline.finish(doc, Vec::new(), Vec::new(), &item_slug, part);
                if let Ok(Built { translation: Some(Outcome { stopped: Some(_), .. }), .. }) = &built
                    && untranslated.is_none()
                {
                    untranslated = Some(Pipeline { translator: None, ..self.clone() });
                }
                let failed = built.is_err();
                parts.push(built);
                if failed {
                    break;
                }
            }
            parts
        } else {
            docs.into_par_iter()
                .map(|(item_slug, doc)| self.finish(doc, Vec::new(), Vec::new(), &item_slug, part))
                .collect()
        };
        let mut built = Built::with_warnings(warnings);
        for item in parts {
            built.absorb(item?);
        }
        Ok(built)
    }

    /// Builds a fetched feed: its items' links are their sources, and with `--save-html` the
    /// feed is kept as it came (`DIR/<slug>.xml`), which builds the same offline.
    pub(super) fn build_fetched_feed(&self, fetched: &Fetched, slug: &str) -> Result<Built> {
        let path = Path::new(&fetched.final_url);
        let mut built = self.build_feed(&fetched.bytes, path, fetched.charset.as_deref(), slug, Part::Article)?;
        if let Some(dir) = &self.options.save_html {
            let copy = dir.join(format!("{slug}.xml"));
            write_atomic(&copy, &fetched.bytes)?;
            built.written.push(copy);
        }
        Ok(built)
    }
}
