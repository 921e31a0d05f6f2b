//! The lexicon: every word the segmenter or the dictionary knows (jieba's frequency dictionary
//! and CC-CEDICT's headwords), compiled by build.rs into one double-array trie over character
//! codes (layout in build/char_trie.rs) from each word to its id, and tables of what is known
//! of each id: its segmenter frequency and where its CC-CEDICT readings are. One walk down the
//! trie gives the segmenter every word starting at a character together with the id the
//! dictionary needs, so a word is never looked up twice.

include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

/// The trie, in the units build/char_trie.rs lays out; a unit's value is a word id | its
/// frequency class << `ID_BITS`.
static TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.trie"));
/// Per Basic Multilingual Plane code point: its u16 character code (0: in no word).
static CODES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_codes.bin"));
/// Per frequency class: f64 ln(frequency) (class 0, not a segmenter word: NaN).
static LOG_FREQUENCIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_log_frequencies.bin"));
/// Per id: u32 CC-CEDICT readings (first index | count << 24), u32 the first reading's pinyin
/// (offset << 8 | length).
static READINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_readings.bin"));
/// Per id: u8 its part-of-speech tag in jieba's dictionary, an index into `DICT_TAGS` (255: none).
static TAGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_tags.bin"));

/// A word of the lexicon.
pub(crate) type WordId = u32;

/// A word of the lexicon as a walk finds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    /// The word's id.
    pub id: WordId,
    /// ln of the word's frequency in the segmenter's dictionary; `None` when the segmenter
    /// does not know the word.
    pub log_frequency: Option<f64>,
}

/// The value of a unit no word ends at.
const NONE: u32 = u32::MAX;

/// A trie node: its parent's index, where its children start, and the value of the word
/// ending here.
#[derive(Clone, Copy)]
struct Unit {
    check: u32,
    base: u32,
    value: u32,
}

/// The unit at `index` of `trie`; out of range reads as a free unit, which matches nothing.
#[inline]
fn unit(trie: &[u8], index: u32) -> Unit {
    let at = index as usize * 12;
    match trie.get(at..at + 12) {
        Some(b) => Unit {
            check: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            base: u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
            value: u32::from_le_bytes([b[8], b[9], b[10], b[11]]),
        },
        None => Unit { check: NONE, base: 0, value: NONE },
    }
}

impl Unit {
    /// The word ending at this node, if one does.
    #[inline]
    fn entry(self) -> Option<Entry> {
        if self.value == NONE {
            return None;
        }
        let class = (self.value >> ID_BITS) as usize;
        let log_frequency = (class != 0).then(|| {
            let b = &LOG_FREQUENCIES[class * 8..class * 8 + 8];
            f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
        });
        Some(Entry { id: self.value & ((1 << ID_BITS) - 1), log_frequency })
    }
}

/// The lexicon's code for a character; 0 for a character in no word.
#[inline]
pub fn char_code(c: char) -> u32 {
    let c = u32::from(c);
    if c < 0x10000 {
        let at = c as usize * 2;
        u32::from(u16::from_le_bytes([CODES[at], CODES[at + 1]]))
    } else {
        char::from_u32(c)
            .and_then(|c| ASTRAL_CODES.binary_search_by_key(&c, |&(a, _)| a).ok())
            .map_or(0, |i| u32::from(ASTRAL_CODES[i].1))
    }
}

/// The node one character below `node` (the root is 0, with base 0), and its unit.
#[inline]
fn child(trie: &[u8], node: u32, base: u32, code: u32) -> Option<(u32, Unit)> {
    if code == 0 {
        return None;
    }
    let next = base.wrapping_add(code);
    let here = unit(trie, next);
    (here.check == node).then_some((next, here))
}

/// Walks down from the root along `codes`, calling `f(steps taken, unit reached)` at each
/// node, until no word goes on. Every lookup of the lexicon is this walk.
#[inline]
fn walk(codes: impl IntoIterator<Item = u32>, f: impl FnMut(usize, Unit)) {
    walk_in(TRIE, codes, f);
}

/// [`walk`] over the units of any trie build/char_trie.rs made.
#[inline]
fn walk_in(trie: &[u8], codes: impl IntoIterator<Item = u32>, mut f: impl FnMut(usize, Unit)) {
    let (mut node, mut base) = (0, 0);
    for (i, code) in codes.into_iter().enumerate() {
        let Some((next, here)) = child(trie, node, base, code) else { return };
        f(i + 1, here);
        (node, base) = (next, here.base);
    }
}

/// The values of the words `codes` starts with in the trie whose units are `trie`, as
/// (length in characters, value), shortest first: the runtime's own walk, for testing the
/// trie builder (tests/char_trie.rs).
#[doc(hidden)]
pub fn prefix_values(trie: &[u8], codes: &[u32]) -> Vec<(usize, u32)> {
    let mut found = Vec::new();
    walk_in(trie, codes.iter().copied(), |len, unit| {
        if unit.value != NONE {
            found.push((len, unit.value));
        }
    });
    found
}

/// Calls `f(entry, length in characters)` for every word of the lexicon that the characters
/// coded `codes` start with, shortest first.
#[inline]
pub(crate) fn for_each_prefix(codes: &[u32], mut f: impl FnMut(Entry, usize)) {
    walk(codes.iter().copied(), |len, unit| {
        if let Some(entry) = unit.entry() {
            f(entry, len);
        }
    });
}

/// Calls `f(entry, prefix)` for every word of the lexicon that `text` starts with, shortest
/// first.
pub(crate) fn for_each_prefix_of<'t>(text: &'t str, mut f: impl FnMut(Entry, &'t str)) {
    let mut ends = text.char_indices().map(|(at, c)| at + c.len_utf8());
    walk(text.chars().map(char_code), |_, unit| {
        let end = ends.next().unwrap_or(text.len());
        if let Some(entry) = unit.entry() {
            f(entry, &text[..end]);
        }
    });
}

/// Asks the processor to fetch the unit a walk from `codes` reads at character `depth` (2
/// or more), reading the units before it, which an earlier call should have fetched. The
/// segmenter walks from every character, and the units past the first (the root's children,
/// which stay cached) are where those walks wait for memory; fetched a few characters ahead,
/// they are in cache when the walk comes.
#[inline]
pub fn prefetch(codes: &[u32], depth: usize) {
    let before = depth.saturating_sub(1);
    let (mut steps, mut base) = (0, 0);
    walk(codes.iter().copied().take(before), |i, unit| (steps, base) = (i, unit.base));
    if steps < before {
        return;
    }
    if let Some(&code) = codes.get(before)
        && code != 0
        && let Some(unit) = TRIE.get(base.wrapping_add(code) as usize * 12)
    {
        crate::prefetch::prefetch(unit);
    }
}

/// The entry of `word`, when the lexicon has it.
pub fn entry(word: &str) -> Option<Entry> {
    let mut found = None;
    for_each_prefix_of(word, |entry, prefix| {
        if prefix.len() == word.len() {
            found = Some(entry);
        }
    });
    found
}

/// The id of `word`, when the lexicon has it.
pub fn id(word: &str) -> Option<WordId> {
    entry(word).map(|e| e.id)
}

/// The index of the word's first CC-CEDICT reading and how many it has (0: not a headword).
#[inline]
pub fn readings(id: WordId) -> (usize, usize) {
    let packed = read_u32(READINGS, 8 * id as usize);
    ((packed & 0xFF_FFFF) as usize, (packed >> 24) as usize)
}

/// Asks for the entry of `id` in the readings table ahead of [`readings`].
#[inline]
pub(crate) fn prefetch_readings(id: WordId) {
    if let Some(entry) = READINGS.get(8 * id as usize) {
        crate::prefetch::prefetch(entry);
    }
}

/// Where the pinyin of the word's first CC-CEDICT reading is in the dictionary's pinyin text
/// (offset, length); meaningless when the word has no reading.
#[inline]
pub(crate) fn first_pinyin(id: WordId) -> (usize, usize) {
    let packed = read_u32(READINGS, 8 * id as usize + 4);
    ((packed >> 8) as usize, (packed & 0xFF) as usize)
}

/// The word's part-of-speech tag in the segmenter's dictionary (jieba's: `n`, `v`, `nr`...);
/// `None` for a word that dictionary lacks.
pub(crate) fn dictionary_tag(id: WordId) -> Option<&'static str> {
    TAGS.get(id as usize).and_then(|&tag| DICT_TAGS.get(usize::from(tag))).copied()
}

/// The little-endian u32 at `at`.
#[inline]
pub(crate) fn read_u32(blob: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([blob[at], blob[at + 1], blob[at + 2], blob[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes(text: &str) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        let codes: Vec<u32> = chars.iter().map(|&c| char_code(c)).collect();
        let mut out = Vec::new();
        for_each_prefix(&codes, |found, len| {
            assert_eq!(Some(found), entry(&chars[..len].iter().collect::<String>()));
            out.push(len)
        });
        let mut of_text = Vec::new();
        for_each_prefix_of(text, |found, prefix| {
            assert_eq!(Some(found), entry(prefix));
            of_text.push(prefix.chars().count());
        });
        assert_eq!(of_text, out);
        out
    }

    #[test]
    fn words_ids_and_prefixes() {
        let bank = entry("银行").unwrap();
        assert!(bank.log_frequency.is_some() && readings(bank.id).1 > 0);
        assert!(id("银行行").is_none() && id("").is_none() && id("a\0b").is_none() && id("\0").is_none());
        assert_eq!(prefixes("银行行长"), [1, 2, 4]);
        // Latin words are looked up as written: the lexicon has AT&T and AA制, no iPhone.
        assert_eq!(prefixes("iPhone"), Vec::<usize>::new());
        assert_eq!(prefixes("AT&T公司"), [1, 4]);
        assert_eq!(prefixes("\0银行"), Vec::<usize>::new());
        // A CC-CEDICT headword jieba lacks is in the lexicon, unknown to the segmenter.
        let traditional = entry("銀行").unwrap();
        assert!(traditional.log_frequency.is_none() && readings(traditional.id).1 > 0);
        // Ids run from the most frequent word down; frequencies are jieba's.
        assert!(bank.id < id("银行行长").unwrap() && id("的").unwrap() < 10);
        assert!(entry("的").unwrap().log_frequency.unwrap() > bank.log_frequency.unwrap());
        // Part-of-speech tags are jieba's, for its words only.
        assert_eq!(dictionary_tag(bank.id), Some("n"));
        assert_eq!(dictionary_tag(id("毛泽东").unwrap()), Some("nr"));
        assert_eq!(dictionary_tag(traditional.id), None);
        // A character beyond the Basic Multilingual Plane.
        let astral = ASTRAL_CODES.first().map(|&(c, _)| c).unwrap();
        assert!(char_code(astral) > 0 && char_code('\u{10FFFF}') == 0);
        // Prefetching is a hint, safe on any input.
        for depth in 0..4 {
            prefetch(&[], depth);
            prefetch(&[u32::MAX, u32::MAX], depth);
            prefetch(&[char_code('银'), char_code('行'), char_code('行')], depth);
        }
    }
}
