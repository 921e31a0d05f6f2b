//! Choosing a reading for each word: CC-CEDICT's most likely reading of the whole word, the
//! longest known words inside an unknown one, and the `pinyin` crate for characters CC-CEDICT
//! lacks. Readings are in the numbered form of [`crate::notation`].

use pinyin::ToPinyin;

use crate::dict::cedict::Dictionary;
use crate::text::is_han;

/// The most likely reading of `word` (numbered form), or `None` when it has no Han character.
/// Whole words come from CC-CEDICT; unknown words are split into the longest known words,
/// and characters CC-CEDICT lacks fall back to the `pinyin` crate's default reading.
pub(crate) fn word_reading(dict: &Dictionary, word: &str) -> Option<String> {
    if !word.chars().any(is_han) {
        return None;
    }
    if let Some(found) = dict.best(word) {
        return Some(found.pinyin.to_string());
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut syllables: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = chars[i].0;
        // Longest dictionary word starting here (at most 8 characters).
        let mut matched = None;
        for len in (2..=(chars.len() - i).min(8)).rev() {
            let end = chars.get(i + len).map_or(word.len(), |c| c.0);
            if let Some(found) = dict.best(&word[start..end]) {
                matched = Some((len, found.pinyin));
                break;
            }
        }
        if let Some((len, pinyin)) = matched {
            syllables.push(pinyin.to_string());
            i += len;
            continue;
        }
        let c = chars[i].1;
        if is_han(c) {
            syllables.push(char_reading(dict, c).unwrap_or_else(|| c.to_string()));
            i += 1;
        } else {
            // A run of non-Han characters stays as literal text.
            let mut end = i;
            while end < chars.len() && !is_han(chars[end].1) {
                end += 1;
            }
            let byte_end = chars.get(end).map_or(word.len(), |c| c.0);
            let literal = word[start..byte_end].trim();
            if !literal.is_empty() {
                syllables.push(literal.to_string());
            }
            i = end;
        }
    }
    Some(syllables.join(" "))
}

/// The everyday reading of one Han character, lower-case numbered form.
pub(crate) fn char_reading(dict: &Dictionary, c: char) -> Option<String> {
    let mut buf = [0u8; 4];
    if let Some(found) = dict.best(c.encode_utf8(&mut buf))
        && !found.pinyin.contains(' ')
    {
        return Some(found.pinyin.to_lowercase());
    }
    c.to_pinyin().map(|p| {
        let s = p.with_tone_num_end();
        if s.ends_with(|c: char| c.is_ascii_digit()) { s.to_string() } else { format!("{s}5") }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_level_readings() {
        let d = Dictionary::builtin();
        assert_eq!(word_reading(&d, "行长").as_deref(), Some("hang2 zhang3"));
        assert_eq!(word_reading(&d, "银行").as_deref(), Some("yin2 hang2"));
        assert_eq!(word_reading(&d, "Tok"), None);
        // Not a headword: longest known words, then single characters.
        assert_eq!(word_reading(&d, "银行行长们").as_deref(), Some("yin2 hang2 hang2 zhang3 men5"));
    }
}
