//! A thread's memory of the dictionary words it has formatted (`yin2 hang2` to `yínháng`),
//! for `duizhao pinyin`: a text repeats the same few thousand words, and finding a word's
//! pinyin here costs less than formatting it again.
//!
//! The memory is an array indexed by lexicon id, with the formatted text in the slot itself.
//! Ids run from the most frequent word down, so the words a text uses most sit together in a
//! few cache lines at the front, and a word costs one memory read, where a hash map of strings
//! costs three (its control bytes, its entry, then the string).

use crate::dict::cedict::Dictionary;
use crate::dict::lexicon::WordId;
use crate::notation::{self, Style};

/// Bytes of formatted pinyin a slot holds; longer words are formatted every time.
const TEXT_BYTES: usize = 31;
/// The words with a slot: the most frequent 65,536 (2 MiB per style and thread, allocated on
/// first use); rarer words are formatted every time.
const SLOTS: usize = 1 << 16;

/// One word's pinyin in one style, half a cache line.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    /// 0: not formatted yet. (Pinyin is empty only in style none, which formats to nothing
    /// at no cost, every time.)
    len: u8,
    text: [u8; TEXT_BYTES],
}

const EMPTY: Slot = Slot { len: 0, text: [0; TEXT_BYTES] };

/// The formatted first readings of dictionary words, per style.
#[derive(Default)]
pub(crate) struct FormattedCache {
    /// Per style, a slot per id below `SLOTS`.
    styles: [Vec<Slot>; 4],
    /// A word without a slot, or too long for one.
    other: String,
}

impl FormattedCache {
    /// Asks for the slot of `id` in `style` ahead of [`Self::get`].
    pub fn prefetch(&self, id: WordId, style: Style) {
        if let Some(slot) = self.styles[style as usize].get(id as usize) {
            crate::prefetch::prefetch(slot);
        }
    }

    /// The pinyin, in `style`, of the first dictionary reading of the word with lexicon id `id`.
    pub fn get(&mut self, id: WordId, style: Style) -> &str {
        let format = |out: &mut String| {
            out.clear();
            notation::push_word(out, Dictionary::builtin().best_pinyin_of(id).unwrap_or(""), style);
        };
        let index = id as usize;
        if index >= SLOTS {
            format(&mut self.other);
            return &self.other;
        }
        let slots = &mut self.styles[style as usize];
        if slots.is_empty() {
            *slots = vec![EMPTY; SLOTS];
        }
        let slot = &mut slots[index];
        if slot.len == 0 {
            format(&mut self.other);
            if self.other.len() > TEXT_BYTES {
                return &self.other;
            }
            slot.len = self.other.len() as u8;
            slot.text[..self.other.len()].copy_from_slice(self.other.as_bytes());
        }
        let text = &slot.text[..usize::from(slot.len)];
        // SAFETY: a slot's first `len` bytes are always copied from a `str` (just above), so
        // they are UTF-8; checking again would cost more than the lookup.
        unsafe { std::str::from_utf8_unchecked(text) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::lexicon;

    #[test]
    fn cached_words_read_back_in_every_style() {
        let dict = Dictionary::builtin();
        let mut cache = FormattedCache::default();
        let words = ["银行", "中华人民共和国", "绿", "了", "行", "的", "膜拜"];
        for _ in 0..2 {
            for word in words {
                let id = lexicon::id(word).unwrap();
                for style in [Style::Marks, Style::Numbers, Style::Zhuyin] {
                    let mut expected = String::new();
                    notation::push_word(&mut expected, dict.best_pinyin_of(id).unwrap(), style);
                    assert_eq!(cache.get(id, style), expected, "{word} {style:?}");
                }
            }
        }
    }
}
