//! A translation memory (`--tm`): TMX files and OmegaT projects whose exact matches fill
//! paragraphs before any translation API is asked, so nothing is paid for twice.

use std::collections::HashMap;
use std::path::PathBuf;

use super::read;
use crate::document::{Document, Provenance, TranslationInfo};
use crate::error::Result;
use crate::text::compare::comparable;

/// Source texts and their English, from one or more memories (later files win).
#[derive(Debug, Clone, Default)]
pub struct Memory {
    entries: HashMap<String, String>,
}

impl Memory {
    /// Reads every memory in `paths` (TMX files, XLIFF files, OmegaT project folders).
    pub fn load(paths: &[PathBuf]) -> Result<Memory> {
        let mut entries = HashMap::new();
        for path in paths {
            // A reviewer's "no English here" is a decision about one article, not a translation.
            for unit in read(path)?.units.into_iter().filter(|u| !u.target.is_empty()) {
                entries.insert(comparable(&unit.source), unit.target);
            }
        }
        Ok(Memory { entries })
    }

    /// How many source texts the memory holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the memory holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The memory's English for `source`, compared after [`comparable`].
    pub fn get(&self, source: &str) -> Option<&str> {
        self.entries.get(&comparable(source)).map(String::as_str)
    }

    /// Fills every paragraph of `doc` that has no English from exact matches: the whole
    /// paragraph, or every one of its sentences; and the English title. Returns how many
    /// paragraphs were filled.
    pub fn fill(&self, doc: &mut Document) -> usize {
        let mut filled = 0;
        // A paragraph a reviewer left without English was decided on, not missed.
        for p in doc.paragraphs.iter_mut().filter(|p| p.en.is_none() && !p.zh.trim().is_empty() && !p.is_reviewed()) {
            if let Some(english) = self.get(&p.zh) {
                p.set_english(english.to_string(), Provenance::Memory);
            } else {
                let sentences: Option<Vec<String>> = p
                    .sentences
                    .iter()
                    .filter(|s| !s.zh.trim().is_empty())
                    .map(|s| self.get(&s.zh).map(str::to_string))
                    .collect();
                let Some(sentences) = sentences.filter(|s| !s.is_empty()) else { continue };
                p.set_sentence_english(sentences, Provenance::Memory);
            }
            filled += 1;
        }
        if filled > 0 {
            let info = doc.meta.translation.get_or_insert_with(TranslationInfo::default);
            let memory = Provenance::Memory.name();
            info.source =
                if info.source.is_empty() { memory.to_string() } else { format!("{} + {memory}", info.source) };
        }
        if let (Some(title), Some(info)) = (&doc.meta.title, &mut doc.meta.translation)
            && info.title.is_none()
        {
            info.title = self.get(title).map(str::to_string);
        }
        filled
    }
}
