//! `duizhao glossary check`: entries that repeat a term. The same term with the same English
//! is a duplicate (harmless, but one of them is dead weight); with a different English or
//! pinyin it is a conflict, where only the last one loaded takes effect.

use std::collections::HashMap;

use crate::dict::glossary::GlossaryEntry;

/// A term defined more than once.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// The term.
    pub term: String,
    /// True when the definitions differ (English or pinyin), false for plain duplicates.
    pub conflict: bool,
    /// Every definition, `FILE:LINE` and its English, in load order.
    pub places: Vec<(String, String)>,
}

impl std::fmt::Display for Repeat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.conflict { "conflict" } else { "duplicate" };
        write!(f, "{}: {kind}: {} is defined {} times:", self.places[0].0, self.term, self.places.len())?;
        for (place, english) in &self.places {
            write!(f, "\n    {place}: {english}")?;
        }
        Ok(())
    }
}

/// The repeated terms among `entries`, in order of first definition.
pub fn repeats(entries: &[GlossaryEntry]) -> Vec<Repeat> {
    let mut by_term: HashMap<&str, Vec<&GlossaryEntry>> = HashMap::new();
    let mut order = Vec::new();
    for e in entries {
        let list = by_term.entry(e.term.as_str()).or_default();
        if list.is_empty() {
            order.push(e.term.as_str());
        }
        list.push(e);
    }
    let key = |e: &GlossaryEntry| (e.english.trim().to_lowercase(), e.reading.as_deref().map(str::to_lowercase));
    order
        .into_iter()
        .filter_map(|term| {
            let list = &by_term[term];
            (list.len() > 1).then(|| Repeat {
                term: term.to_string(),
                conflict: list.iter().any(|e| key(e) != key(list[0])),
                places: list.iter().map(|e| (e.origin.clone(), e.english.clone())).collect(),
            })
        })
        .collect()
}
