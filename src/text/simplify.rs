//! Traditional Chinese read through one mapping: a text in Traditional characters (Taiwan and
//! Hong Kong forms too) is converted to Simplified, words first, character for character, so
//! that segmentation, readings and glossary terms work on the forms the dictionaries and the
//! polyphone rules know, while every output keeps the original characters.
//!
//! The mapping is compiled at build time from OpenCC's dictionaries and CC-CEDICT's word pairs
//! (build/opencc.rs). A character with several Simplified forms is decided by the word it is
//! in (乾隆 keeps 乾, 乾淨 -> 干净; 著名 keeps 著, 看著 -> 看着), else by its usual form. The
//! converted text has exactly as many characters as the original, so a piece of one is
//! found in the other by counting characters ([`Pieces`]).

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

static CHARS: &str = include_str!(concat!(env!("OUT_DIR"), "/simplify_chars.txt"));
static PHRASES: &str = include_str!(concat!(env!("OUT_DIR"), "/simplify_phrases.txt"));

struct Mapping {
    chars: FxHashMap<char, char>,
    /// One bit per code point of the Basic Multilingual Plane: the character has a Simplified
    /// form of its own. A text without any is already Simplified, found at one bit test a
    /// character.
    traditional: Vec<u64>,
    phrases: FxHashMap<&'static str, &'static str>,
    /// The first characters of the phrases, and the longest phrase in characters.
    phrase_starts: rustc_hash::FxHashSet<char>,
    longest: usize,
}

impl Mapping {
    fn is_traditional(&self, c: char) -> bool {
        let c = c as usize;
        match self.traditional.get(c / 64) {
            Some(bits) => bits & (1 << (c % 64)) != 0,
            None => self.chars.contains_key(&char::from_u32(c as u32).unwrap_or('\0')),
        }
    }
}

fn mapping() -> &'static Mapping {
    static MAPPING: OnceLock<Mapping> = OnceLock::new();
    MAPPING.get_or_init(|| {
        let pairs = |text: &'static str| text.lines().filter_map(|line| line.split_once('\t'));
        let mut traditional = vec![0u64; 0x10000 / 64];
        let mut chars = FxHashMap::default();
        for (s, t) in pairs(CHARS) {
            let (Some(s), Some(t)) = (s.chars().next(), t.chars().next()) else { continue };
            chars.insert(s, t);
            if let Some(bits) = traditional.get_mut(s as usize / 64) {
                *bits |= 1 << (s as usize % 64);
            }
        }
        let phrases: FxHashMap<&str, &str> = pairs(PHRASES).collect();
        let phrase_starts = phrases.keys().filter_map(|p| p.chars().next()).collect();
        let longest = phrases.keys().map(|p| p.chars().count()).max().unwrap_or(0);
        Mapping { chars, traditional, phrases, phrase_starts, longest }
    })
}

/// The usual Simplified form of one character (`c` itself when it has none), without the
/// context that [`to_simplified`] decides one-to-many characters by.
pub fn simplified_char(c: char) -> char {
    let m = mapping();
    if m.is_traditional(c) { m.chars.get(&c).copied().unwrap_or(c) } else { c }
}

/// `text` in Simplified characters, with exactly as many characters as `text`; borrowed when
/// it has no character to convert (any Simplified text).
pub fn to_simplified(text: &str) -> Cow<'_, str> {
    let m = mapping();
    if !text.chars().any(|c| m.is_traditional(c)) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut key = String::new();
    let mut i = 0;
    'text: while i < chars.len() {
        if m.phrase_starts.contains(&chars[i]) {
            // The longest phrase starting here wins (OpenCC's maximum matching).
            for len in (2..=m.longest.min(chars.len() - i)).rev() {
                key.clear();
                key.extend(&chars[i..i + len]);
                if let Some(target) = m.phrases.get(key.as_str()) {
                    out.push_str(target);
                    i += len;
                    continue 'text;
                }
            }
        }
        out.push(m.chars.get(&chars[i]).copied().unwrap_or(chars[i]));
        i += 1;
    }
    Cow::Owned(out)
}

/// Cuts an original text into the pieces that correspond, character for character, to
/// consecutive pieces of its conversion.
#[derive(Debug, Clone)]
pub struct Pieces<'a> {
    rest: &'a str,
}

impl<'a> Pieces<'a> {
    /// Pieces of `original`, from its start.
    pub fn of(original: &'a str) -> Self {
        Pieces { rest: original }
    }

    /// The piece of the original as long in characters as `converted`, the next piece of the
    /// conversion.
    pub fn next_like(&mut self, converted: &str) -> &'a str {
        let count = converted.chars().count();
        let end = self.rest.char_indices().nth(count).map_or(self.rest.len(), |(i, _)| i);
        let (piece, rest) = self.rest.split_at(end);
        self.rest = rest;
        piece
    }
}

/// Byte offsets of a conversion as byte offsets of its original, asked in increasing order.
#[derive(Debug, Clone)]
pub struct Offsets<'a> {
    original: std::str::CharIndices<'a>,
    converted: std::str::CharIndices<'a>,
    /// The last pair of offsets reached (converted, original).
    at: (usize, usize),
    original_len: usize,
    /// The conversion is the original itself (borrowed): offsets are the same.
    same: bool,
}

impl<'a> Offsets<'a> {
    /// Offsets between `original` and `converted`, its [`to_simplified`].
    pub fn of(original: &'a str, converted: &'a str) -> Self {
        Offsets {
            original: original.char_indices(),
            converted: converted.char_indices(),
            at: (0, 0),
            original_len: original.len(),
            same: std::ptr::eq(original, converted),
        }
    }

    /// The offset in the original of the character boundary `offset` of the conversion; not
    /// below an offset asked before.
    pub fn to_original(&mut self, offset: usize) -> usize {
        if self.same {
            return offset;
        }
        while self.at.0 < offset {
            match (self.converted.next(), self.original.next()) {
                (Some((_, c)), Some((o, d))) => self.at = (self.at.0 + c.len_utf8(), o + d.len_utf8()),
                _ => return self.original_len,
            }
        }
        self.at.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplified_text_is_borrowed() {
        assert!(matches!(to_simplified("他们为了生活，坐着看书。"), Cow::Borrowed(_)));
    }

    #[test]
    fn characters_and_words() {
        assert_eq!(to_simplified("他們為了生活，坐著看書。"), "他们为了生活，坐着看书。");
        // Words decide a character with several Simplified forms.
        assert_eq!(to_simplified("乾隆皇帝把衣服晾乾"), "乾隆皇帝把衣服晾干");
        assert_eq!(to_simplified("著名作家寫著小說"), "著名作家写着小说");
        assert_eq!(to_simplified("一目瞭然，頭髮"), "一目了然，头发");
        // Taiwan and Hong Kong forms.
        assert_eq!(to_simplified("偽造的裏面"), "伪造的里面");
    }

    #[test]
    fn simplified_words_with_traditional_characters_stay() {
        assert_eq!(to_simplified("他很著名，成绩显著"), "他很著名，成绩显著");
    }

    #[test]
    fn pieces_follow_characters() {
        let original = "知識分子a著";
        let converted = to_simplified(original);
        assert_eq!(converted.chars().count(), original.chars().count());
        let mut pieces = Pieces::of(original);
        assert_eq!(pieces.next_like("知识"), "知識");
        assert_eq!(pieces.next_like("分子a"), "分子a");
        assert_eq!(pieces.next_like("着"), "著");
        assert_eq!(pieces.next_like(""), "");
    }

    #[test]
    fn offsets_follow_characters() {
        let original = "a知識b";
        let converted = to_simplified(original);
        let mut offsets = Offsets::of(original, &converted);
        assert_eq!([0, 1, 4, 7, 8].map(|o| offsets.to_original(o)), [0, 1, 4, 7, 8]);
        let original = "𠀀為x";
        let converted = "𠀀为x";
        let mut offsets = Offsets::of(original, converted);
        assert_eq!([4, 7].map(|o| offsets.to_original(o)), [4, 7]);
    }
}
