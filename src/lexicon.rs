//! The lexicon: every word the segmenter or the dictionary knows (jieba's frequency dictionary
//! and CC-CEDICT's headwords), compiled by build.rs into one double-array trie (built by the
//! `yada` crate) from each word to its id, and tables of what is known of each id: its
//! segmenter frequency and where its CC-CEDICT readings are. One walk down the trie gives the
//! segmenter every word starting at a character together with the id the dictionary needs, so
//! a word is never looked up twice.

use std::sync::atomic::{AtomicU64, Ordering};

use yada::unit::Unit;

include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

/// The trie: little-endian u32 units in darts-clone's layout (as yada writes them).
static TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.da"));
/// Per segmenter word: f64 ln(frequency).
static LOG_FREQUENCIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_frequencies.bin"));
/// Per id: u32 CC-CEDICT readings (first index | count << 24), u32 the first reading's pinyin
/// (offset << 8 | length).
static READINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_readings.bin"));

/// A word of the lexicon.
pub type WordId = u32;

/// The trie unit at `index`; out of range reads as a unit that matches nothing.
#[inline]
fn unit(index: u32) -> Unit {
    let at = index as usize * 4;
    Unit::from_u32(TRIE.get(at..at + 4).map_or(u32::MAX, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
}

/// One step down the trie from `node` by `byte`, or `None` when no word goes on that way.
#[inline]
fn step(node: u32, byte: u8) -> Option<u32> {
    let next = unit(node).offset() ^ node ^ u32::from(byte);
    (unit(next).label() == u32::from(byte)).then_some(next)
}

/// The id of the word that ends at `node`, if one does.
#[inline]
fn word_at(node: u32) -> Option<WordId> {
    let here = unit(node);
    here.has_leaf().then(|| unit(here.offset() ^ node).value())
}

/// The id of `word`, when the lexicon has it.
pub fn id(word: &str) -> Option<WordId> {
    if word.is_empty() {
        return None;
    }
    word_at(word.bytes().try_fold(0, step)?)
}

/// Calls `f(id, length in bytes)` for every word of the lexicon that `text` starts with,
/// shortest first.
#[inline]
pub fn for_each_prefix(text: &[u8], mut f: impl FnMut(WordId, usize)) {
    let (mut node, mut len) = match after_first_char(text) {
        First::Ideograph { node, word } => {
            if let Some(id) = word {
                f(id, 3);
            }
            (node, 3)
        }
        First::Other => (0, 0),
        First::NoWord => return,
    };
    loop {
        let Some(&byte) = text.get(len) else { return };
        let Some(next) = step(node, byte) else { return };
        node = next;
        len += 1;
        if let Some(id) = word_at(node) {
            f(id, len);
        }
    }
}

/// Where a walk stands after the first character.
enum First {
    /// A common ideograph that words start with: the trie node after it, and its own id when
    /// it is a word.
    Ideograph { node: u32, word: Option<WordId> },
    /// A common ideograph that no word starts with.
    NoWord,
    /// Any other character: the walk starts at the root.
    Other,
}

/// The first character of `text` looked up. Every walk starts with it, so for the ideographs
/// U+4E00..U+9FFF the result is remembered: an entry of `FIRST` holds (node + 1) << 32 |
/// (id + 1), with id + 1 = 0 for no word; `u64::MAX` for no word starting here; 0 for not
/// yet known.
#[inline]
fn after_first_char(text: &[u8]) -> First {
    static FIRST: [AtomicU64; 0xA000 - 0x4E00] = [const { AtomicU64::new(0) }; 0xA000 - 0x4E00];
    let c = match text {
        [a @ 0xE4..=0xE9, b, c, ..] => (u32::from(a & 0x0F) << 12) | (u32::from(b & 0x3F) << 6) | u32::from(c & 0x3F),
        _ => return First::Other,
    };
    let Some(slot) = c.checked_sub(0x4E00).and_then(|i| FIRST.get(i as usize)) else { return First::Other };
    let packed = match slot.load(Ordering::Relaxed) {
        0 => {
            let packed = text[..3]
                .iter()
                .try_fold(0, |node, &b| step(node, b))
                .map_or(u64::MAX, |node| (u64::from(node) + 1) << 32 | word_at(node).map_or(0, |id| u64::from(id) + 1));
            slot.store(packed, Ordering::Relaxed);
            packed
        }
        packed => packed,
    };
    if packed == u64::MAX {
        return First::NoWord;
    }
    let word = (packed as u32).checked_sub(1);
    First::Ideograph { node: (packed >> 32) as u32 - 1, word }
}

/// ln of the word's frequency in the segmenter's dictionary; `None` when the segmenter does
/// not know the word.
#[inline]
pub fn log_frequency(id: WordId) -> Option<f64> {
    let id = id as usize;
    (id < SEGMENTER_WORDS).then(|| {
        let b = &LOG_FREQUENCIES[id * 8..id * 8 + 8];
        f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    })
}

/// The index of the word's first CC-CEDICT reading and how many it has (0: not a headword).
#[inline]
pub fn readings(id: WordId) -> (usize, usize) {
    let packed = read_u32(READINGS, 8 * id as usize);
    ((packed & 0xFF_FFFF) as usize, (packed >> 24) as usize)
}

/// Where the pinyin of the word's first CC-CEDICT reading is in the dictionary's pinyin text
/// (offset, length); meaningless when the word has no reading.
#[inline]
pub fn first_pinyin(id: WordId) -> (usize, usize) {
    let packed = read_u32(READINGS, 8 * id as usize + 4);
    ((packed >> 8) as usize, (packed & 0xFF) as usize)
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
        let mut out = Vec::new();
        for_each_prefix(text.as_bytes(), |id, len| {
            assert_eq!(Some(id), self::id(&text[..len]));
            out.push(len)
        });
        out
    }

    #[test]
    fn words_ids_and_prefixes() {
        let bank = id("银行").unwrap();
        assert!(log_frequency(bank).is_some() && readings(bank).1 > 0);
        assert!(id("银行行").is_none() && id("").is_none() && id("a\0b").is_none() && id("\0").is_none());
        assert_eq!(prefixes("银行行长"), [3, 6, 12]);
        // Twice: the second walk starts from the remembered first step.
        assert_eq!(prefixes("银行行长"), [3, 6, 12]);
        assert_eq!(prefixes("iPhone"), prefixes("iPhone"));
        assert_eq!(prefixes("\0银行"), Vec::<usize>::new());
        // A CC-CEDICT headword jieba lacks is in the lexicon, unknown to the segmenter.
        let traditional = id("銀行").unwrap();
        assert!(log_frequency(traditional).is_none() && readings(traditional).1 > 0);
        // Ids run from the most frequent word down.
        assert!(bank < id("银行行长").unwrap() && id("的").unwrap() < 10);
    }
}
