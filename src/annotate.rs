//! Annotation: pinyin on every Han token, dictionary glosses, and the glossary's readings.
//! Runs after segmentation; fills `Token::reading`, `Token::pinyin` and `Token::gloss`.

use rayon::prelude::*;

use crate::dict::cedict::Dictionary;
use crate::document::{Document, Token};
use crate::notation::{self, LineJoiner, Style};
use crate::readings::{neutral, polyphone, sandhi};

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
            changed.extend(neutral::apply(&mut paragraph.tokens));
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
pub(crate) fn annotate_token(token: &mut Token, dict: &Dictionary, style: Style) {
    if style != Style::None && !token.reading_given {
        token.reading = crate::readings::pinyin::word_reading(dict, &token.text);
    }
    describe_token(token, dict, style);
}

/// Pinyin (from the token's reading) and gloss of one token.
fn describe_token(token: &mut Token, dict: &Dictionary, style: Style) {
    if style != Style::None {
        token.pinyin = token.reading.as_deref().map(|r| notation::format_word(r, style));
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
