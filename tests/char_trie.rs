//! The lexicon's trie builder (build/char_trie.rs, which build.rs runs on 470,000 words) round-
//! trips a small dictionary: every word is found with its value by the same walk the runtime
//! uses, and nothing else is.

#[allow(dead_code)]
#[path = "../build/char_trie.rs"]
mod char_trie;

use duizhao::dict::lexicon::prefix_values;

/// Words sharing prefixes, a single character, a word beyond the Basic Multilingual Plane and
/// a Latin one, with (value, frequency).
const WORDS: [(&str, u32, u64); 6] =
    [("银行", 7, 900), ("银", 3, 50), ("银行行长", 11, 5), ("行长", 2, 300), ("𠀀𠀁", 9, 0), ("AT&T", 5, 1)];

/// A character's code in `trie` (0: in no word), as the runtime's `char_code` reads the tables.
fn code(trie: &char_trie::CharTrie, c: char) -> u32 {
    let c32 = u32::from(c);
    if c32 < 0x10000 {
        let at = c32 as usize * 2;
        trie.bmp_codes.get(at..at + 2).map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])))
    } else {
        trie.astral_codes.iter().find(|(a, _)| *a == c).map_or(0, |&(_, code)| u32::from(code))
    }
}

fn codes(trie: &char_trie::CharTrie, text: &str) -> Vec<u32> {
    text.chars().map(|c| code(trie, c)).collect()
}

#[test]
fn every_word_is_found_with_its_value_and_nothing_else() {
    let trie = char_trie::build(&WORDS);
    for (word, value, _) in WORDS {
        let found = prefix_values(&trie.units, &codes(&trie, word));
        assert_eq!(found.last(), Some(&(word.chars().count(), value)), "{word}: {found:?}");
    }
    // All the words a text starts with, shortest first.
    assert_eq!(prefix_values(&trie.units, &codes(&trie, "银行行长们")), [(1, 3), (2, 7), (4, 11)]);
    // Prefixes of words that are no words, and words not in the dictionary.
    assert_eq!(prefix_values(&trie.units, &codes(&trie, "银行行")), [(1, 3), (2, 7)]);
    assert_eq!(prefix_values(&trie.units, &codes(&trie, "行")), []);
    assert_eq!(prefix_values(&trie.units, &codes(&trie, "𠀀")), []);
    assert_eq!(prefix_values(&trie.units, &codes(&trie, "AT&")), []);
    assert_eq!(prefix_values(&trie.units, &codes(&trie, "长行")), []);
    assert_eq!(prefix_values(&trie.units, &codes(&trie, "中国")), []);
    assert_eq!(prefix_values(&trie.units, &[]), []);
}

#[test]
fn codes_run_by_frequency_and_the_build_is_reproducible() {
    let trie = char_trie::build(&WORDS);
    // Codes by falling summed frequency (+1 per word): 行 1,214, 银 958, 长 307; characters in
    // no word have 0.
    assert_eq!((code(&trie, '行'), code(&trie, '银'), code(&trie, '长')), (1, 2, 3));
    assert_eq!(code(&trie, '中'), 0);
    assert!(code(&trie, '𠀀') > 0 && trie.astral_codes.len() == 2);
    let again = char_trie::build(&WORDS);
    assert_eq!(again.units, trie.units);
    assert_eq!(again.bmp_codes, trie.bmp_codes);
}
