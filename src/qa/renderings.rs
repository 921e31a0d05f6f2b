//! Term consistency: a glossary term or a person's name rendered differently across the
//! document, by the word links ([`crate::align::words`]): "李文亮 is rendered 2 ways: “Li
//! Wenliang” (p1, p4), “Li Wen-liang” (p7)". A glossary term whose paragraph has the
//! glossary's rendering counts as rendered so (the word links may have caught only part of
//! it). Renderings that differ only in inflection or derivation (China, China's; report,
//! reported), or where one is part of the other (Li, Li Wenliang), count as one. Places are
//! left alone: an English sentence says "the US" or "American" as its grammar asks.

use std::collections::BTreeMap;

use super::{Finding, Severity, Unit};
use crate::align::lexical::stem;
use crate::dict::glossary::core_rendering;

/// A paragraph id and sentence number.
type Place = (String, Option<usize>);

/// One rendering of a term: its first spelling, and where it was met.
type Rendering = (String, Vec<Place>);

/// A term's renderings by key.
type Renderings = BTreeMap<String, Rendering>;

pub(super) fn check(units: &[Unit], out: &mut Vec<Finding>) {
    // Terms in order of first occurrence, so findings come out in document order.
    let mut order: Vec<String> = Vec::new();
    let mut terms: BTreeMap<String, Renderings> = BTreeMap::new();
    for unit in units {
        let p = unit.p;
        let mut offset = 0;
        for (t, token) in p.tokens.iter().enumerate() {
            let at = offset;
            offset += token.text.len();
            if !is_term(token) {
                continue;
            }
            let glossary = token.glossary.as_ref().map(|g| core_rendering(&g.english)).filter(|g| !g.is_empty());
            let rendering = match (&glossary, &p.en) {
                (Some(core), Some(en)) if en.to_lowercase().contains(core.as_str()) => {
                    token.glossary.as_ref().map(|g| g.english.clone())
                }
                _ => p.english_of_token(t),
            };
            let Some(rendering) = rendering else { continue };
            let key = key(&rendering);
            if key.is_empty() {
                continue;
            }
            if !terms.contains_key(&token.text) {
                order.push(token.text.clone());
            }
            let place = (p.id.clone(), p.sentence_at(at));
            let entry = terms.entry(token.text.clone()).or_default().entry(key).or_insert((rendering, Vec::new()));
            if !entry.1.contains(&place) {
                entry.1.push(place);
            }
        }
    }
    for term in order {
        let renderings = merge(&terms[&term]);
        if renderings.len() < 2 {
            continue;
        }
        // The finding sits where the second rendering first appears.
        let mut seen: Vec<Rendering> = renderings;
        for (_, places) in &mut seen {
            places.sort_by_key(|(id, sentence)| (position(units, id), *sentence));
            places.dedup();
        }
        seen.sort_by_key(|(_, places)| position(units, &places[0].0));
        let (paragraph, sentence) = seen[1].1[0].clone();
        let listed: Vec<String> = seen
            .iter()
            .map(|(spelling, places)| {
                let ids: Vec<&str> = places.iter().take(4).map(|(id, _)| id.as_str()).collect();
                let more = if places.len() > 4 { ", …" } else { "" };
                format!("“{spelling}” ({}{more})", ids.join(", "))
            })
            .collect();
        out.push(Finding {
            paragraph,
            sentence,
            check: "consistency",
            severity: Severity::Warning,
            message: format!("{term} is rendered {} ways: {}", seen.len(), listed.join(", ")),
        });
    }
}

/// A glossary term, or a name the dictionary knows as a person's.
fn is_term(token: &crate::document::Token) -> bool {
    token.glossary.is_some() || token.gloss.as_deref().is_some_and(|g| g.starts_with("(person) "))
}

/// A rendering's key: its words lower-cased and stemmed, each cut to four letters, so that
/// inflections and derivations of one word agree; articles and a possessive's s left out.
fn key(rendering: &str) -> String {
    rendering
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(|w| stem(&w.to_lowercase()).chars().take(4).collect::<String>())
        .filter(|w| !matches!(w.as_str(), "the" | "an" | "of"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The renderings with those whose key's words are all in another's joined to it (the longer
/// one stands for both).
fn merge(renderings: &Renderings) -> Vec<Rendering> {
    let mut keys: Vec<&String> = renderings.keys().collect();
    // Longest first, so that a short rendering joins the one containing it.
    keys.sort_by_key(|k| std::cmp::Reverse(k.split(' ').count()));
    let mut groups: Vec<(Vec<&str>, Rendering)> = Vec::new();
    for key in keys {
        let words: Vec<&str> = key.split(' ').collect();
        let (spelling, places) = &renderings[key];
        match groups.iter_mut().find(|(g, _)| words.iter().all(|w| g.contains(w))) {
            Some((_, (_, all))) => all.extend(places.iter().cloned()),
            None => groups.push((words, (spelling.clone(), places.clone()))),
        }
    }
    groups.into_iter().map(|(_, r)| r).collect()
}

fn position(units: &[Unit], id: &str) -> usize {
    units.iter().position(|u| u.p.id == id).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_key() {
        assert_eq!(key("China"), key("Chinese"));
        assert_eq!(key("the reports"), key("report"));
        assert_ne!(key("Li Wenliang"), key("Li Wen-liang"));
        assert_eq!(key("Xiaohongshu's"), key("Xiaohongshu"));
    }
}
