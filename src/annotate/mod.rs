//! Annotation: pinyin on every Han token, dictionary glosses, and the glossary's readings.
//! Runs after segmentation; fills `Token::reading`, `Token::pinyin` and `Token::gloss`.

pub mod dictionary;
pub mod glossary;
pub mod glossary_check;
pub mod glossary_import;
pub mod hsk;
pub mod pinyin;
pub mod polyphone;
pub mod reading_rank;
pub mod sandhi;
pub mod script;
pub mod stream;
pub mod user_readings;
pub mod zhuyin;

use rayon::prelude::*;

use crate::document::{Document, Token};
use dictionary::Dictionary;
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
    let mut glue_next = false;
    for token in tokens {
        let text = token.text.trim();
        if text.is_empty() {
            continue;
        }
        let piece = token.pinyin.as_deref().unwrap_or(text);
        let punctuation = token.pinyin.is_none() && text.chars().all(|c| !c.is_alphanumeric());
        let opening = punctuation && text.chars().all(|c| "“‘「『（《【〈([{〔".contains(c));
        let attach = glue_next || (punctuation && !opening);
        if !out.is_empty() && !attach {
            out.push(' ');
        }
        out.push_str(piece);
        glue_next = opening;
    }
    out
}

/// How `duizhao pinyin` writes a line.
#[derive(Debug, Clone, Copy, Default)]
pub struct LineOptions {
    /// The display style.
    pub style: Style,
    /// One syllable per Han character (each character's own tone), everything else dropped.
    pub per_char: bool,
    /// 一 and 不 with their tone changes (word mode only).
    pub sandhi: bool,
}

/// The pinyin of one line of text, as `duizhao pinyin` prints it. Word mode: words separated
/// by one space, syllables inside a word joined, non-Han text kept. Per-character mode: one
/// lower-case syllable per Han character, separated by one space, everything else dropped.
pub fn transcribe_line(line: &str, glossary: &glossary::Glossary, options: LineOptions) -> String {
    let dict = Dictionary::builtin();
    let mut tokens = polyphone::line_tokens(line, glossary);
    polyphone::apply(&mut tokens, !options.per_char);
    if options.per_char {
        let mut syllables = Vec::new();
        for token in &tokens {
            per_char_syllables(token, &dict, &mut syllables);
        }
        return syllables
            .iter()
            .map(|s| pinyin::format_syllable(&s.to_lowercase(), options.style))
            .collect::<Vec<_>>()
            .join(" ");
    }
    if options.sandhi {
        sandhi::apply(&mut tokens, &dict);
    }
    for token in &mut tokens {
        token.pinyin = token.reading.as_deref().map(|r| pinyin::format_word(r, options.style));
    }
    pinyin_line(&tokens)
}

/// Appends one numbered syllable per Han character of `token`, from its word reading where
/// the reading lines up with the characters, else from each character's own reading.
fn per_char_syllables(token: &Token, dict: &Dictionary, out: &mut Vec<String>) {
    let Some(reading) = &token.reading else {
        return;
    };
    let chars: Vec<char> = token.text.chars().collect();
    let syllables: Vec<&str> = reading.split(' ').collect();
    if syllables.len() == chars.len() {
        for (c, s) in chars.iter().zip(&syllables) {
            if crate::ingest::text::is_han(*c) {
                out.push(s.to_string());
            }
        }
        return;
    }
    let han: Vec<char> = chars.into_iter().filter(|&c| crate::ingest::text::is_han(c)).collect();
    let pinyin_syllables: Vec<&str> = syllables.iter().copied().filter(|s| pinyin::tone_of(s).is_some()).collect();
    if pinyin_syllables.len() == han.len() {
        out.extend(pinyin_syllables.iter().map(|s| s.to_string()));
    } else {
        out.extend(han.iter().filter_map(|&c| pinyin::char_reading(dict, c)));
    }
}
