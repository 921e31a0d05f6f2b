//! Choosing a reading for each word: CC-CEDICT's most likely reading of the whole word, the
//! longest known words inside an unknown one, and the `pinyin` crate for characters CC-CEDICT
//! lacks. Readings are in the numbered form of [`crate::notation`].

use pinyin::ToPinyin;

use crate::dict::cedict::Dictionary;
use crate::dict::surnames;
use crate::readings::polyphone;
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
    if let Some(name) = name_reading(dict, word) {
        return Some(name);
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

/// The reading of `word`, a word CC-CEDICT lacks, as a person's name, or `None` when it does
/// not look like one (a surname and one to three more Han characters).
fn name_reading(dict: &Dictionary, word: &str) -> Option<String> {
    if !surnames::may_be_name(word) {
        return None;
    }
    let split = surnames::surname_len(word)?;
    let (surname, given) = word.split_at(split);
    let mut out = surname_reading(dict, surname)?;
    if surnames::title(given).is_some() {
        // 刘先生 Liú Xiānsheng: a title after the surname is read as the word it is (its neutral
        // tones kept), not as a given name; its capital keeps it a word apart.
        let title = dict.lookup(given).first().map(|d| capitalised(&d.pinyin.to_lowercase()))?;
        return Some(format!("{out} {title}"));
    }
    for (i, c) in given.chars().enumerate() {
        // A character of a name is read as the polyphone rules read it alone.
        let syllable = polyphone::prior(c).map(str::to_string).or_else(|| char_reading(dict, c))?;
        out.push(' ');
        if i == 0 {
            out.push_str(&capitalised(&syllable));
        } else {
            out.push_str(&syllable);
        }
    }
    Some(out)
}

/// How a surname is read: the surname table's reading, CC-CEDICT's surname reading of the
/// character, or its everyday reading; capitalised.
pub(crate) fn surname_reading(dict: &Dictionary, surname: &str) -> Option<String> {
    if let Some(reading) = surnames::reading(surname) {
        return Some(reading.to_string());
    }
    let as_surname = dict.lookup(surname).into_iter().find(|d| d.senses.starts_with("surname "));
    match as_surname {
        Some(entry) => Some(capitalised(entry.pinyin)),
        None => surname
            .chars()
            .map(|c| char_reading(dict, c))
            .collect::<Option<Vec<_>>>()
            .map(|s| capitalised(&s.join(" "))),
    }
}

fn capitalised(syllable: &str) -> String {
    let mut chars = syllable.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
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

    #[test]
    fn names_read_as_names() {
        let dict = Dictionary::builtin();
        assert_eq!(name_reading(&dict, "单田芳").as_deref(), Some("Shan4 Tian2 fang1"));
        assert_eq!(name_reading(&dict, "区家麟").as_deref(), Some("Ou1 Jia1 lin2"));
        assert_eq!(name_reading(&dict, "欧阳小明").as_deref(), Some("Ou1 yang2 Xiao3 ming2"));
        // CC-CEDICT's own words keep its readings.
        assert_eq!(word_reading(&dict, "邓小平").as_deref(), Some("Deng4 Xiao3 ping2"));
        assert_eq!(word_reading(&dict, "高兴").as_deref(), Some("gao1 xing4"));
    }
}
