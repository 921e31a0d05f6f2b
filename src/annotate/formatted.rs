//! A thread's memory of the dictionary readings it has formatted (`yin2 hang2` to `yínháng`),
//! for `duizhao pinyin`: a text repeats the same few thousand words, and finding a word's
//! pinyin here costs less than formatting it again.
//!
//! The memory is a direct-mapped cache of 64-byte slots, one cache line each, holding the
//! reading's place in the dictionary ([`PinyinPlace::key`]), the style and the formatted text
//! itself: a word costs one memory read, where a hash map of strings costs three (its control
//! bytes, its entry, then the string). Two readings that share a slot take turns in it.

use crate::annotate::dictionary::PinyinPlace;
use crate::annotate::pinyin::{self, Style};

/// Bytes of formatted pinyin a slot holds; longer words are formatted every time.
const TEXT_BYTES: usize = 55;
/// log2 of the number of slots: 65,536 slots, 4 MiB a thread.
const SLOT_BITS: u32 = 16;

/// One cached word, a cache line long.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    /// The place and style (0: empty; no reading is empty, so no key is 0).
    key: u64,
    len: u8,
    text: [u8; TEXT_BYTES],
}

const EMPTY: Slot = Slot { key: 0, len: 0, text: [0; TEXT_BYTES] };

/// Formatted dictionary readings, all styles, in a fixed amount of memory.
#[derive(Default)]
pub struct FormattedCache {
    /// Allocated on first use.
    slots: Vec<Slot>,
    /// A word too long for a slot.
    long: String,
}

impl FormattedCache {
    /// The pinyin of the dictionary reading at `place` in `style`.
    pub fn get(&mut self, place: PinyinPlace, style: Style) -> &str {
        if self.slots.is_empty() {
            self.slots = vec![EMPTY; 1 << SLOT_BITS];
        }
        let key = place.key() << 2 | style as u64;
        // Fibonacci hashing: the top bits of the product spread neighbouring places.
        let index = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOT_BITS)) as usize;
        let slot = &mut self.slots[index];
        if slot.key != key {
            self.long.clear();
            pinyin::push_word(&mut self.long, place.text(), style);
            if self.long.len() > TEXT_BYTES {
                return &self.long;
            }
            slot.key = key;
            slot.len = self.long.len() as u8;
            slot.text[..self.long.len()].copy_from_slice(self.long.as_bytes());
        }
        let text = &slot.text[..usize::from(slot.len)];
        // SAFETY: a slot's first `len` bytes are always copied from a `str` (just above, or
        // the empty `EMPTY`), so they are UTF-8; checking again would cost more than the
        // lookup.
        unsafe { std::str::from_utf8_unchecked(text) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::dictionary::Dictionary;
    use crate::lexicon;

    #[test]
    fn cached_words_read_back_in_every_style() {
        let dict = Dictionary::builtin();
        let mut cache = FormattedCache::default();
        let words = ["银行", "中华人民共和国", "绿", "了", "行"];
        for _ in 0..2 {
            for word in words {
                let place = dict.best_pinyin_place(lexicon::id(word).unwrap()).unwrap();
                for style in [Style::Marks, Style::Numbers, Style::Zhuyin] {
                    let mut expected = String::new();
                    pinyin::push_word(&mut expected, place.text(), style);
                    assert_eq!(cache.get(place, style), expected, "{word} {style:?}");
                }
            }
        }
    }
}
