//! Glossary compliance: every glossary term in the Chinese needs the glossary's rendering in
//! the English. An alternative rendering the glossary lists ("A / B", "A (B)") is a warning
//! ("rendered differently"); no rendering at all is an error.

use super::{Severity, Sink, Unit};
use crate::dict::cedict::Dictionary;
use crate::dict::glossary::core_rendering;
use crate::document::{Document, Paragraph};

/// The glossary terms of a paragraph whose rendering its English `en` lacks, each once, as
/// (term, the glossary's English). Shared with the editions' margin notes.
fn glossary_misses(p: &Paragraph, en: &str) -> Vec<(String, String)> {
    let english = en.to_lowercase();
    let mut misses: Vec<(String, String)> = Vec::new();
    for (k, token) in p.tokens.iter().enumerate() {
        let Some(g) = &token.glossary else { continue };
        let core = core_rendering(&g.english);
        if !core.is_empty()
            && !english.contains(&core)
            && !inside_a_longer_word(p, k)
            && !misses.iter().any(|(t, _)| t == &token.text)
        {
            misses.push((token.text.clone(), g.english.clone()));
        }
    }
    misses
}

/// True when glossary term token `k` is part of a longer dictionary word with its neighbours
/// (中国 in 中国画 "Chinese painting"): the word is translated, not the term.
fn inside_a_longer_word(p: &Paragraph, k: usize) -> bool {
    let dictionary = Dictionary::builtin();
    let text = |i: usize| p.tokens.get(i).map_or("", |t| t.text.as_str());
    let term = text(k);
    let before = k.checked_sub(1).map_or("", text);
    let after = text(k + 1);
    [format!("{before}{term}"), format!("{term}{after}"), format!("{before}{term}{after}")]
        .iter()
        .any(|word| word.chars().count() > term.chars().count() && dictionary.contains(word))
}

/// Sets each paragraph's margin notes: the glossary terms its English lacks, as the reading
/// page and the EPUB show them beside the English.
pub fn note_margins(doc: &mut Document) {
    for p in &mut doc.paragraphs {
        p.margin_notes = match &p.en {
            Some(en) => glossary_misses(p, en)
                .into_iter()
                .map(|(term, english)| format!("glossary: {term} should be rendered “{english}”"))
                .collect(),
            None => Vec::new(),
        };
    }
}

/// The other renderings a glossary English allows besides its first: after " / " and in
/// parentheses ("Xiaohongshu (RedNote)" -> "rednote").
fn alternatives(english: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in english.split(" / ").enumerate() {
        if i > 0 {
            out.push(core_rendering(part));
        }
        if let Some((_, inner)) = part.split_once(" (") {
            out.push(inner.trim_end_matches(')').trim().to_lowercase());
        }
    }
    out.retain(|a| !a.is_empty());
    out
}

pub(super) fn check(unit: &Unit, sink: &mut Sink) {
    let p = unit.p;
    let Some(en) = &p.en else { return };
    let english = en.to_lowercase();
    for (term, rendering) in glossary_misses(p, en) {
        let offset = p.zh.find(&term).unwrap_or(0);
        let sentence = p.sentence_at(offset);
        match alternatives(&rendering).into_iter().find(|a| english.contains(a)) {
            Some(other) => sink.push(
                sentence,
                "glossary",
                Severity::Warning,
                format!("glossary term {term} is rendered differently (\"{other}\"); the glossary has \"{rendering}\""),
            ),
            None => {
                // What the translation used instead, by the word links.
                let used = p
                    .tokens
                    .iter()
                    .position(|t| t.text == term && t.glossary.is_some())
                    .and_then(|t| p.english_of_token(t))
                    .map(|used| format!("; the translation has \"{used}\""))
                    .unwrap_or_default();
                sink.push(
                    sentence,
                    "glossary",
                    Severity::Error,
                    format!("glossary term {term} should be rendered \"{rendering}\"{used}"),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_after_slash_and_in_parentheses() {
        assert_eq!(alternatives("Xiaohongshu (RedNote)"), ["rednote"]);
        assert_eq!(alternatives("visa exemption / visa-free entry"), ["visa-free entry"]);
        assert!(alternatives("WeChat").is_empty());
    }
}
