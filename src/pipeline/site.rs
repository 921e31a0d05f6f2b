//! Writing the collection site once every article of a run is built: `DIR/index.html`, and
//! the collection's links put into each reading page ([`crate::render::site`]).

use std::path::PathBuf;

use super::{Pipeline, SiteMode};
use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::protected::Protected;
use crate::render::check::well_formed;
use crate::render::site::{self, INDEX, SiteEntry};

/// The index's title when `--site` gives none.
const DEFAULT_TITLE: &str = "Articles";

impl Pipeline {
    /// Whether the run that built `entries` writes a collection site: `--site`, or more than
    /// one article with a reading page, unless `--no-site`.
    pub(crate) fn wants_site(&self, entries: &[SiteEntry]) -> bool {
        match &self.options.site {
            SiteMode::Titled(_) => !entries.is_empty(),
            SiteMode::Off => false,
            SiteMode::Auto => entries.iter().filter(|e| e.reading.is_some()).count() > 1,
        }
    }

    /// Checks that the index replaces neither a file the run reads nor one duizhao did not
    /// write (a site's own `index.html` in the output folder).
    pub(crate) fn check_site(&self, protected: &Protected) -> Result<()> {
        let path = self.options.out_dir.join(INDEX);
        if let Some(clashes) = protected.overwritten_by(&path) {
            return Err(Error::OverwritesInput {
                input: PathBuf::from("the collection's index"),
                output: path,
                clashes: clashes.to_path_buf(),
            });
        }
        if path.exists() && !crate::inputs::is_own_output(&path) {
            return Err(Error::ForeignFile { path });
        }
        Ok(())
    }

    /// Writes the index of `entries` (put in the collection's order) and links every reading
    /// page this run wrote to home and to its neighbours. Returns the index's path.
    pub(crate) fn write_site(&self, mut entries: Vec<SiteEntry>) -> Result<PathBuf> {
        site::order(&mut entries);
        let dir = &self.options.out_dir;
        for (at, entry) in entries.iter().enumerate() {
            let Some(page) = entry.reading.as_ref().filter(|_| entry.linkable) else {
                continue;
            };
            let path = dir.join(page);
            let html = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            // A page that is not a reading page as duizhao writes it is left as it is.
            let Some(linked) = site::link_page(&html, &entries, at) else {
                continue;
            };
            well_formed(page, linked.as_bytes()).map_err(|detail| Error::Malformed { path: path.clone(), detail })?;
            write_atomic(&path, linked.as_bytes())?;
        }
        let title = match &self.options.site {
            SiteMode::Titled(title) => title.as_str(),
            SiteMode::Auto | SiteMode::Off => DEFAULT_TITLE,
        };
        let path = dir.join(INDEX);
        let index = site::index(title, &entries);
        well_formed(INDEX, index.as_bytes()).map_err(|detail| Error::Malformed { path: path.clone(), detail })?;
        write_atomic(&path, index.as_bytes())?;
        Ok(path)
    }
}
