//! `duizhao pinyin`'s path: a line of text to its line of pinyin. Words borrow their text from
//! the line and their readings from the dictionary ([`LineWord`]), so a line costs a few
//! vectors, not strings per word, and the pinyin is written straight into the output line.

use std::borrow::Cow;
use std::cell::RefCell;

use crate::dict::cedict::Dictionary;
use crate::dict::glossary::Glossary;
use crate::dict::lexicon::WordId;
use crate::notation::LineJoiner;
use crate::notation::{self, Style};
use crate::readings::reads::Reads;
use crate::readings::{function_words, names, neutral, polyphone, sandhi};
use crate::segment::{self, Word};
use crate::text::is_han;
use crate::text::simplify::{Pieces, to_simplified};
use crate::transcribe::formatted::FormattedCache;

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

/// A word of a line with its reading, borrowed from the line, the glossary and the dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct LineWord<'a> {
    /// The word's text, a slice of the line.
    pub text: &'a str,
    /// Its reading in numbered form, when it has Han characters.
    pub reading: WordReading<'a>,
    /// The reading was given by the glossary or the user's reading list.
    pub given: bool,
}

/// A line word's numbered reading.
#[derive(Debug, Clone, PartialEq)]
pub enum WordReading<'a> {
    /// The word has no Han characters.
    None,
    /// The dictionary's first reading of the word with this lexicon id, read from the
    /// dictionary only when needed: most words are formatted from a cache that knows them by
    /// their id.
    Dictionary(WordId),
    /// Any other reading: the glossary's, one composed from the characters, or one the rules
    /// changed.
    Text(Cow<'a, str>),
}

impl WordReading<'_> {
    /// The reading's text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            WordReading::None => None,
            WordReading::Dictionary(id) => Dictionary::builtin().best_pinyin_of(*id),
            WordReading::Text(text) => Some(text),
        }
    }
}

impl Reads for LineWord<'_> {
    fn text(&self) -> &str {
        self.text
    }
    fn reading(&self) -> Option<&str> {
        self.reading.as_str()
    }
    fn reading_given(&self) -> bool {
        self.given
    }
    fn set_reading(&mut self, reading: String) {
        self.reading = WordReading::Text(Cow::Owned(reading));
    }
}

impl segment::names::Piece for LineWord<'_> {
    // A line's words are Simplified already.
    fn simplified(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.text)
    }
    fn first_simplified(&self) -> Option<char> {
        self.text.chars().next()
    }
    fn fixed(&self) -> bool {
        self.given
    }
}

/// The words of a line in Simplified characters ([`to_simplified`]) with their first readings
/// (glossary reading, else the dictionary's), as the context rules take them.
pub fn line_words<'a>(line: &'a str, glossary: &'a Glossary) -> Vec<LineWord<'a>> {
    let dict = Dictionary::builtin();
    // About one word per two characters of three bytes.
    let mut out = Vec::with_capacity(line.len() / 4 + 1);
    for sentence in segment::sentences(line) {
        segment::for_each_word(sentence, glossary, |word| out.push(line_word(&word, &dict)));
    }
    // A name the line gives whole and cut apart is one word each time, as in a document.
    for run in segment::names::runs(&[out.as_slice()]) {
        let start: usize = out[..run.start].iter().map(|w| w.text.len()).sum();
        let end = start + out[run.start..run.end].iter().map(|w| w.text.len()).sum::<usize>();
        let name = &line[start..end];
        let reading = crate::readings::pinyin::word_reading(&dict, name)
            .map_or(WordReading::None, |r| WordReading::Text(Cow::Owned(r)));
        out.splice(run.start..run.end, [LineWord { text: name, reading, given: false }]);
    }
    out
}

fn line_word<'a>(word: &Word<'a, 'a>, dict: &Dictionary) -> LineWord<'a> {
    if let Some(reading) = word.entry.and_then(|e| e.reading.as_deref()) {
        return LineWord { text: word.text, reading: WordReading::Text(Cow::Borrowed(reading)), given: true };
    }
    let reading = match word.id.filter(|&id| dict.has(id)) {
        Some(id) if word.text.chars().any(is_han) => WordReading::Dictionary(id),
        _ => crate::readings::pinyin::word_reading(dict, word.text)
            .map_or(WordReading::None, |r| WordReading::Text(Cow::Owned(r))),
    };
    LineWord { text: word.text, reading, given: false }
}

/// The pinyin of one line of text, as `duizhao pinyin` prints it. Word mode: words separated
/// by one space, syllables inside a word joined, non-Han text kept. Per-character mode: one
/// lower-case syllable per Han character, separated by one space, everything else dropped.
pub fn transcribe_line(line: &str, glossary: &Glossary, options: LineOptions) -> String {
    let dict = Dictionary::builtin();
    // Traditional text is read as its Simplified form; word mode writes the original back.
    let simplified = to_simplified(line);
    let converted = matches!(simplified, Cow::Owned(_));
    let mut original = Pieces::of(line);
    let mut words = line_words(&simplified, glossary);
    if !options.per_char {
        // The words' slots come in while the rules run.
        FORMATTED.with_borrow(|cache| {
            for word in &words {
                if let WordReading::Dictionary(id) = word.reading {
                    cache.prefetch(id, options.style);
                }
            }
        });
    }
    polyphone::apply(&mut words, !options.per_char);
    function_words::apply(&mut words);
    names::apply(&mut words);
    if !options.per_char {
        neutral::apply(&mut words);
    }
    let mut out = String::with_capacity(line.len() * 2);
    if options.per_char {
        for word in &words {
            for_each_char_syllable(word, &dict, |syllable| {
                if !out.is_empty() {
                    out.push(' ');
                }
                if syllable.starts_with(|c: char| c.is_uppercase()) {
                    notation::push_syllable(&mut out, &syllable.to_lowercase(), options.style);
                } else {
                    notation::push_syllable(&mut out, syllable, options.style);
                }
            });
        }
        return out;
    }
    if options.sandhi {
        sandhi::apply(&mut words, &dict);
    }
    let mut joiner = LineJoiner::new(&mut out);
    let mut scratch = String::new();
    FORMATTED.with_borrow_mut(|cache| {
        for word in &words {
            let formatted = match &word.reading {
                WordReading::None => None,
                WordReading::Dictionary(id) => Some(cache.get(*id, options.style)),
                // Readings the rules changed or the glossary gave are formatted each time.
                WordReading::Text(reading) => {
                    scratch.clear();
                    notation::push_word(&mut scratch, reading, options.style);
                    Some(scratch.as_str())
                }
            };
            let text = if converted { original.next_like(word.text) } else { word.text };
            joiner.push(text, formatted);
        }
    });
    out
}

thread_local! {
    /// The dictionary readings this thread has formatted.
    static FORMATTED: RefCell<FormattedCache> = RefCell::default();
}

/// Calls `f` with one numbered syllable per Han character of `word`: from its reading where
/// the reading lines up with the characters, else from each character's own reading.
fn for_each_char_syllable(word: &LineWord, dict: &Dictionary, mut f: impl FnMut(&str)) {
    let Some(reading) = word.reading.as_str() else {
        return;
    };
    let chars = word.text.chars().count();
    let syllables = notation::syllables(reading);
    if syllables.clone().count() == chars {
        for (c, s) in word.text.chars().zip(syllables) {
            if is_han(c) {
                f(s);
            }
        }
        return;
    }
    let han = word.text.chars().filter(|&c| is_han(c)).count();
    let toned = syllables.filter(|s| notation::tone_of(s).is_some());
    if toned.clone().count() == han {
        toned.for_each(f);
    } else {
        for c in word.text.chars().filter(|&c| is_han(c)) {
            if let Some(reading) = crate::readings::pinyin::char_reading(dict, c) {
                f(&reading);
            }
        }
    }
}
