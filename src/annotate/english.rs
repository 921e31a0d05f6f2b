//! The sense a translation uses, first: once a paragraph has English, a word's gloss opens with
//! the sense whose English words occur in the English of its sentence (意思 "idea; opinion;
//! meaning" in a sentence translated "This idea is good." stays as it is; translated "What does
//! it mean?" it opens with "meaning"). Runs after the English is attached, before rendering.

use crate::dict::learner;
use crate::document::{Document, Paragraph};
use crate::text::is_han;
use crate::text::simplify::to_simplified;

/// Puts first, in each word's gloss, the sense its sentence's English uses, in every
/// paragraph with English.
pub fn senses_from_english(doc: &mut Document) {
    for paragraph in &mut doc.paragraphs {
        senses_in_paragraph(paragraph);
    }
}

fn senses_in_paragraph(paragraph: &mut Paragraph) {
    let Some(whole) = paragraph.en.clone() else { return };
    // Each sentence's byte range in the paragraph and its English (the paragraph's when the
    // sentence has none of its own).
    let mut spans: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut start = 0;
    for sentence in &paragraph.sentences {
        let at = paragraph.zh[start..].find(sentence.zh.as_str()).map_or(start, |i| start + i);
        let english = sentence.en.as_deref().unwrap_or(&whole);
        spans.push((at, at + sentence.zh.len(), lemmas(english)));
        start = at + sentence.zh.len();
    }
    let paragraph_words = lemmas(&whole);
    let mut offset = 0;
    for token in &mut paragraph.tokens {
        let at = offset;
        offset += token.text.len();
        let Some(gloss) = &token.gloss else { continue };
        // The learner glossary already chose a function word's sense from its context.
        if !gloss.contains("; ") || !token.text.chars().any(is_han) || learner::contains(&to_simplified(&token.text)) {
            continue;
        }
        let english = spans.iter().find(|(s, e, _)| (*s..*e).contains(&at)).map_or(&paragraph_words, |(_, _, w)| w);
        if let Some(reordered) = used_first(gloss, english) {
            token.gloss = Some(reordered);
        }
    }
}

/// `gloss` with the first of its senses that `english` (lemmas) uses, every content word of it,
/// moved to the front, when that is not already the first sense. A name's gloss ("(place)
/// United States; USA; US") stays as it is.
fn used_first(gloss: &str, english: &[String]) -> Option<String> {
    if super::is_name_gloss(gloss) {
        return None;
    }
    super::first_that(gloss, |sense| {
        let words = content_words(sense);
        !words.is_empty() && words.iter().all(|w| english.contains(w))
    })
}

/// Words that say nothing of which sense is meant.
const STOP: [&str; 40] = [
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "or",
    "and",
    "be",
    "is",
    "are",
    "was",
    "sb",
    "sth",
    "one",
    "oneself",
    "someone",
    "something",
    "etc",
    "esp",
    "it",
    "its",
    "into",
    "make",
    "do",
    "get",
    "take",
    "give",
    "have",
    "go",
    "come",
    "put",
    "set",
];

/// The content words of a sense, as lemmas: labels in parentheses and function words left out.
fn content_words(sense: &str) -> Vec<String> {
    let mut plain = String::with_capacity(sense.len());
    let mut depth = 0usize;
    for c in sense.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => plain.push(' '),
        }
    }
    lemmas(&plain).into_iter().filter(|w| w.len() > 1 && !STOP.contains(&w.as_str())).collect()
}

/// The words of an English text, lower case, each cut to a crude stem (tries, tried, trying:
/// try; meanings, meaning, mean: mean), the same for a gloss and a translation.
fn lemmas(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .map(|w| w.trim_matches('\'').to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .map(|w| lemma(&lemma(w.strip_suffix("'s").unwrap_or(&w))))
        .collect()
}

fn lemma(word: &str) -> String {
    for (suffix, replacement, shortest) in
        [("ies", "y", 2), ("ied", "y", 2), ("ing", "", 3), ("ed", "", 3), ("es", "", 3), ("s", "", 3)]
    {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= shortest
        {
            return format!("{stem}{replacement}");
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sense_the_english_uses_comes_first() {
        let meaning = lemmas("What does it mean? I don't know the meaning.");
        assert_eq!(used_first("idea; opinion; meaning", &meaning).as_deref(), Some("meaning; idea; opinion"));
        assert_eq!(used_first("idea; opinion; meaning", &lemmas("This idea is good.")), None);
        assert_eq!(used_first("idea; opinion; meaning", &lemmas("Nothing here.")), None);
        // Labels and function words do not count; inflections do.
        assert_eq!(
            used_first("(literary) the one; to support", &lemmas("They supported it.")).as_deref(),
            Some("to support; (literary) the one")
        );
        // Every content word of a sense: "cultural appeal" is not "sex appeal".
        assert_eq!(used_first("attractive force; sex appeal", &lemmas("its cultural appeal")), None);
        assert_eq!(used_first("(place) United States; USA; US", &lemmas("the US")), None);
        assert_eq!(lemmas("tries tried trying Meanings meaning"), ["try", "try", "try", "mean", "mean"]);
    }
}
