//! Annotation: pinyin on every Han token, dictionary glosses, and the glossary's readings.
//! Runs after segmentation; fills `Token::reading`, `Token::pinyin` and `Token::gloss`.

pub mod dictionary;
pub mod formatted;
pub mod glossary;
pub mod glossary_check;
pub mod glossary_import;
pub mod hsk;
pub mod line;
pub mod pinyin;
pub mod polyphone;
pub mod reading_rank;
pub mod reads;
pub mod sandhi;
pub mod script;
pub mod stream;
pub mod user_readings;
pub mod zhuyin;

use rayon::prelude::*;

use crate::document::{Document, Token};
use dictionary::Dictionary;
pub use line::{LineOptions, transcribe_line};
use pinyin::Style;

/// How many CC-CEDICT senses a token's gloss carries.
const GLOSS_SENSES: usize = 3;

/// Adds readings (in `style`, with 一/不 tone changes when `sandhi`) and dictionary glosses
/// to every token of `doc`, paragraphs on all cores.
pub fn annotate(doc: &mut Document, style: Style, sandhi: bool) {
    let dict = Dictionary::builtin();
    doc.paragraphs.par_iter_mut().for_each(|paragraph| {
        for token in &mut paragraph.tokens {
            annotate_token(token, &dict, style);
        }
        if style != Style::None {
            // Context rules for polyphonic characters; refresh the tokens they changed.
            let mut changed = polyphone::apply(&mut paragraph.tokens, true);
            if sandhi {
                changed.extend(sandhi::apply(&mut paragraph.tokens, &dict));
            }
            for i in changed {
                describe_token(&mut paragraph.tokens[i], &dict, style);
            }
        }
    });
}

/// Reading, pinyin and gloss of one token.
pub fn annotate_token(token: &mut Token, dict: &Dictionary, style: Style) {
    if style != Style::None && !token.reading_given {
        token.reading = pinyin::word_reading(dict, &token.text);
    }
    describe_token(token, dict, style);
}

/// Pinyin (from the token's reading) and gloss of one token.
fn describe_token(token: &mut Token, dict: &Dictionary, style: Style) {
    if style != Style::None {
        token.pinyin = token.reading.as_deref().map(|r| pinyin::format_word(r, style));
    }
    let readings = dict.lookup(&token.text);
    // Gloss the sense group of the reading shown, not just the first listed.
    let chosen = token
        .reading
        .as_deref()
        .and_then(|r| readings.iter().find(|d| d.pinyin.eq_ignore_ascii_case(r)))
        .or(readings.first());
    token.gloss = chosen.map(|d| d.first_senses(GLOSS_SENSES).join("; ")).filter(|g| !g.is_empty());
}

/// The pinyin of a run of tokens as one line: words separated by one space, text without
/// Han characters kept as is, punctuation attached to its word (opening marks to the next).
pub fn pinyin_line(tokens: &[Token]) -> String {
    let mut out = String::new();
    let mut joiner = LineJoiner::new(&mut out);
    for token in tokens {
        joiner.push(&token.text, token.pinyin.as_deref());
    }
    out
}

/// Not a letter or digit. The punctuation of Chinese text is answered from its blocks, which
/// hold no letters or digits, without Unicode's tables.
fn is_punctuation(c: char) -> bool {
    matches!(c,
        '\u{2000}'..='\u{206F}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
        || !c.is_alphanumeric()
}

/// Joins words into a pinyin line: each word's pinyin, or its text when it has none; one
/// space between words, punctuation attached to the word before it, opening marks to the
/// word after them.
pub(crate) struct LineJoiner<'o> {
    out: &'o mut String,
    glue_next: bool,
}

impl<'o> LineJoiner<'o> {
    pub(crate) fn new(out: &'o mut String) -> Self {
        LineJoiner { out, glue_next: false }
    }

    /// Appends one word: its text, and its pinyin when it has Han characters.
    pub(crate) fn push(&mut self, text: &str, pinyin: Option<&str>) {
        // A word with pinyin has Han characters and no space around them.
        let text = if pinyin.is_some() { text } else { text.trim() };
        if text.is_empty() {
            return;
        }
        let punctuation = pinyin.is_none() && text.chars().all(is_punctuation);
        let opening = punctuation
            && text
                .chars()
                .all(|c| matches!(c, '“' | '‘' | '「' | '『' | '（' | '《' | '【' | '〈' | '(' | '[' | '{' | '〔'));
        let attach = self.glue_next || (punctuation && !opening);
        if !self.out.is_empty() && !attach {
            self.out.push(' ');
        }
        self.out.push_str(pinyin.unwrap_or(text));
        self.glue_next = opening;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_what_is_not_alphanumeric() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_punctuation(c), !c.is_alphanumeric(), "U+{:04X}", u32::from(c));
        }
    }
}
