//! Annotation: pinyin on every Han token, dictionary glosses, and the glossary's readings.
//! Runs after segmentation; fills `Token::reading`, `Token::pinyin` and `Token::gloss`.

mod english;
mod neighbours;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::dict::cedict::{Dictionary, sense_key};
use crate::dict::learner::{self, Place};
use crate::dict::lexicon;
use crate::dict::surnames;
use crate::document::{Document, Paragraph, Token};
use crate::notation::{self, LineJoiner, Style};
use crate::readings::{function_words, names, neutral, polyphone, sandhi};
use crate::text::is_han;
use crate::text::simplify::{Pieces, to_simplified};

/// How many CC-CEDICT senses a token's gloss carries.
const GLOSS_SENSES: usize = 3;

pub use english::senses_from_english;

/// Adds readings (in `style`, with 一/不 tone changes when `sandhi`) and dictionary glosses
/// to every token of `doc`, paragraphs on all cores.
pub fn annotate(doc: &mut Document, style: Style, sandhi: bool) {
    let dict = Dictionary::builtin();
    doc.paragraphs.par_iter_mut().for_each(|paragraph| match simplified_tokens(paragraph) {
        // Traditional text is read as its Simplified form, and keeps its own characters.
        Some(mut shadow) => {
            annotate_tokens(&mut shadow, &dict, style, sandhi);
            for (token, simplified) in paragraph.tokens.iter_mut().zip(shadow) {
                token.reading = simplified.reading;
                token.pinyin = simplified.pinyin;
                token.gloss = simplified.gloss;
            }
        }
        None => annotate_tokens(&mut paragraph.tokens, &dict, style, sandhi),
    });
}

/// Readings, pinyin and glosses of a run of tokens (a paragraph's): each word's, then the
/// context rules'.
fn annotate_tokens(tokens: &mut [Token], dict: &Dictionary, style: Style, sandhi: bool) {
    for token in tokens.iter_mut() {
        annotate_token(token, dict, style);
    }
    if style != Style::None {
        // Context rules for polyphonic characters; refresh the tokens they changed.
        let mut changed = polyphone::apply(tokens, true);
        changed.extend(function_words::apply(tokens));
        changed.extend(names::apply(tokens));
        changed.extend(neutral::apply(tokens));
        if sandhi {
            changed.extend(sandhi::apply(tokens, dict));
        }
        for i in changed {
            describe_token(&mut tokens[i], dict, style);
        }
    }
    learner_glosses(tokens);
    neighbours::senses_by_neighbours(tokens);
}

/// Function words and grammar points open their gloss with the learner glossary's sense for
/// where they stand (被 "passive marker: (done) by ..."), the dictionary's senses after it.
fn learner_glosses(tokens: &mut [Token]) {
    // A neighbour in the same clause: punctuation and spaces are an edge.
    let word = |t: &Token| t.text.chars().next().is_some_and(|c| is_han(c) || c.is_alphanumeric());
    for i in 0..tokens.len() {
        // A name (张 read Zhāng) is no function word.
        let Some(reading) = tokens[i].reading.as_deref().filter(|r| !r.starts_with(char::is_uppercase)) else {
            continue;
        };
        let place = Place {
            prev: i.checked_sub(1).map(|p| &tokens[p]).filter(|t| word(t)).map(|t| t.text.as_str()),
            next: tokens.get(i + 1).filter(|t| word(t)).map(|t| t.text.as_str()),
        };
        if let Some(sense) = learner::gloss(&tokens[i].text, reading, place) {
            let token = &mut tokens[i];
            // The dictionary's senses follow, those the learner's sense already gives left out.
            let mut given: Vec<String> = Vec::new();
            let mut gloss = String::new();
            let more = token.gloss.take();
            for part in sense.split("; ").chain(more.iter().flat_map(|g| g.split("; "))) {
                let key = sense_key(part);
                if !given.contains(&key) {
                    if !gloss.is_empty() {
                        gloss.push_str("; ");
                    }
                    gloss.push_str(part);
                    given.push(key);
                }
            }
            token.gloss = Some(gloss);
        }
    }
}

/// The tokens of a paragraph with Traditional characters as their Simplified forms (converted
/// as one text, so that words decide), with the readings the glossary gave; `None` when the
/// paragraph is Simplified.
fn simplified_tokens(paragraph: &Paragraph) -> Option<Vec<Token>> {
    let whole: usize = paragraph.tokens.iter().map(|t| t.text.len()).sum();
    let simplified = if whole == paragraph.zh.len() {
        match to_simplified(&paragraph.zh) {
            Cow::Borrowed(_) => return None,
            Cow::Owned(text) => text,
        }
    } else {
        // Tokens that are not the paragraph's text (an edited document): one by one.
        let mut converted = false;
        let text: String = paragraph
            .tokens
            .iter()
            .map(|t| {
                let simplified = to_simplified(&t.text);
                converted |= matches!(simplified, Cow::Owned(_));
                simplified
            })
            .collect();
        if !converted {
            return None;
        }
        text
    };
    let mut pieces = Pieces::of(&simplified);
    let shadow = paragraph.tokens.iter().map(|t| Token {
        text: pieces.next_like(&t.text).to_string(),
        reading: t.reading.clone(),
        reading_given: t.reading_given,
        ..Token::default()
    });
    Some(shadow.collect())
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
    // Gloss the sense group of the reading shown, not just the first listed; a reading read as
    // a name (童 Tong2 before 女士) takes the dictionary's capitalised group (surname Tong).
    let reading = token.reading.as_deref();
    let chosen = reading
        .and_then(|r| readings.iter().find(|d| d.pinyin == r))
        .or_else(|| reading.and_then(|r| readings.iter().find(|d| d.pinyin.eq_ignore_ascii_case(r))))
        .or(readings.first());
    token.gloss = chosen.map(|d| d.clean_senses(&token.text, GLOSS_SENSES).join("; ")).filter(|g| !g.is_empty());
    let as_name = reading.filter(|r| r.starts_with(char::is_uppercase));
    if readings.is_empty() && surnames::may_be_name(&token.text) {
        // A name read as a name is glossed as one, never by its characters' meanings.
        token.gloss = as_name.map(|r| person(&token.text, r));
    } else if let Some(gloss) = &mut token.gloss {
        label_proper_noun(&token.text, as_name.is_some(), gloss);
    }
}

/// `gloss` (senses separated by "; ") with the first sense that `fits` moved to the front; `None`
/// when the first sense fits already or none does.
fn first_that(gloss: &str, fits: impl Fn(&str) -> bool) -> Option<String> {
    let senses: Vec<&str> = gloss.split("; ").collect();
    if fits(senses[0]) {
        return None;
    }
    let at = senses.iter().position(|s| fits(s))?;
    let mut order = vec![senses[at]];
    order.extend(senses.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, s)| *s));
    Some(order.join("; "))
}

/// The labels a name's gloss opens with.
const NAME_LABELS: [&str; 4] = ["(person) ", "(place) ", "(organization) ", "(surname) "];

/// Whether `gloss` is a name's ("(place) Wuhan, ..."): its senses are not reordered.
fn is_name_gloss(gloss: &str) -> bool {
    NAME_LABELS.iter().any(|label| gloss.starts_with(label))
}

/// Says what kind of name a proper noun's gloss is about: "(surname) Tong" for CC-CEDICT's
/// "surname Tong" when the word is read as a name, "(place) Wuhan, ..." and "(organization)
/// Xinhua News Agency, ..." for words jieba's dictionary tags as places (ns) and organisations
/// (nt), "(person) ..." for people (nr), when the gloss names one (a capital first).
fn label_proper_noun(word: &str, read_as_name: bool, gloss: &mut String) {
    if read_as_name && let Some(rest) = gloss.strip_prefix("surname ") {
        *gloss = format!("(surname) {rest}");
        return;
    }
    // A single character's tag says little (鄭 is a state, a surname and more).
    if !gloss.starts_with(char::is_uppercase) || word.chars().nth(1).is_none() {
        return;
    }
    let label = match lexicon::id(word).and_then(lexicon::dictionary_tag) {
        Some(tag) if tag.starts_with("ns") => "(place)",
        Some(tag) if tag.starts_with("nt") => "(organization)",
        Some(tag) if tag.starts_with("nr") => "(person)",
        _ => return,
    };
    *gloss = format!("{label} {gloss}");
}

/// The gloss of a name the dictionary lacks, from its reading (`Li3 Wen2 liang4`, a capital
/// starting each part): "(person) Li Wenliang"; a surname and a title as English writes them
/// (刘先生 "(person) Mr. Liu", 张老师 "(person) Teacher Zhang").
fn person(word: &str, reading: &str) -> String {
    let syllables: Vec<&str> = notation::syllables(reading).collect();
    let spell = |syllables: &[&str]| {
        let mut out = String::new();
        for syllable in syllables {
            let letters = syllable.trim_end_matches(|c: char| c.is_ascii_digit());
            if letters.starts_with(char::is_uppercase) && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(letters);
        }
        out
    };
    if let Some(len) = surnames::surname_len(word)
        && let Some(english) = surnames::title(&word[len..])
    {
        let surname = word[..len].chars().count().min(syllables.len());
        let mut name = spell(&syllables[..surname]);
        // The surname is a name even where the reading left it in lower case.
        if let Some(first) = name.chars().next() {
            name.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
        return format!("(person) {}", english.replace("{}", &name));
    }
    format!("(person) {}", spell(&syllables))
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
