//! Where a run's glossary comes from: the shipped glossary, the user's glossary files and the
//! user's reading lists (`--pinyin-dict`), loaded into one [`Glossary`].

use std::path::PathBuf;

use super::glossary::Glossary;
use super::user_readings;
use crate::error::Error;

/// The glossary files and reading lists of a run.
#[derive(Debug, Clone, Default)]
pub struct GlossarySources {
    /// Glossary files or folders (`.tsv`), later ones overriding earlier ones.
    pub files: Vec<PathBuf>,
    /// Whether the glossary shipped with duizhao comes first.
    pub builtin: bool,
    /// Word reading lists (`word<TAB>pinyin` or CC-CEDICT lines).
    pub readings: Vec<PathBuf>,
}

impl GlossarySources {
    /// The glossary with the reading lists added, and every bad line found (each one skipped).
    pub fn load(&self) -> (Glossary, Vec<Error>) {
        let (glossary, mut errors) = Glossary::load(self.builtin, &self.files);
        let mut readings = Vec::new();
        for path in &self.readings {
            let (entries, more) = user_readings::load(path);
            readings.extend(entries);
            errors.extend(more);
        }
        (glossary.with_readings(readings), errors)
    }
}
