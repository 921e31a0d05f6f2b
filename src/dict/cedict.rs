//! CC-CEDICT, compiled by `build.rs` and embedded in the binary: a word's id comes from the
//! lexicon's trie ([`crate::dict::lexicon`]), its readings from a table of offsets into one string of
//! all pinyin and one of all senses, so nothing is parsed at start-up and a lookup allocates nothing.
//! Data: CC-CEDICT by MDBG, CC BY-SA 4.0 (see data/cedict/README.md).

use crate::dict::lexicon::{self, WordId, read_u32};
use crate::dict::sense_order;
use crate::text::is_han;

/// Every reading's pinyin, concatenated (layout in build.rs).
static PINYIN: &str = include_str!(concat!(env!("OUT_DIR"), "/cedict_pinyin.txt"));
/// Every reading's senses, concatenated.
static SENSES: &str = include_str!(concat!(env!("OUT_DIR"), "/cedict_senses.txt"));
/// Per reading: u32 pinyin offset, u32 senses offset, u16 pinyin length, u16 senses length.
static READINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cedict_readings.bin"));

/// One reading of a headword with its English senses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DictReading {
    /// Numbered pinyin, syllables separated by spaces (`yin2 hang2`, ü written ü, 5 = neutral).
    pub pinyin: &'static str,
    /// English senses separated by '/'.
    pub senses: &'static str,
}

impl DictReading {
    /// The first `n` senses that say what the word means (no classifier or "variant of" lines),
    /// each once: entries merged under one headword and reading (了解 and 瞭解 both simplify to
    /// 了解) repeat their senses.
    pub(crate) fn first_senses(&self, n: usize) -> Vec<&'static str> {
        let mut all: Vec<&str> = Vec::new();
        for sense in self.senses.split('/').filter(|s| !s.trim().is_empty()) {
            if !all.contains(&sense) {
                all.push(sense);
            }
        }
        let meaningful: Vec<&str> = all
            .iter()
            .copied()
            .filter(|s| !s.starts_with("CL:") && !s.starts_with("variant of") && !s.starts_with("old variant of"))
            .take(n)
            .collect();
        if meaningful.is_empty() { all.into_iter().take(n).collect() } else { meaningful }
    }

    /// The first `n` senses of `word` (this reading's headword, Simplified) as a learner reads
    /// them: opening with the sense people mean most ([`sense_order`]), without CC-CEDICT's
    /// markup (贊|赞[zan4] is 赞, a reading in brackets goes), a bare cross-reference ("see
    /// 武汉市") replaced by what it points to, and each sense once, also when two differ only
    /// by a leading "to" or a label in parentheses ("(pronoun) this", "(bound form) this").
    pub(crate) fn clean_senses(&self, word: &str, n: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        let mut senses = self.first_senses(usize::MAX);
        if let Some(first) = sense_order::first_sense(word, self.pinyin)
            && let Some(at) = senses.iter().position(|s| *s == first)
        {
            let first = senses.remove(at);
            senses.insert(0, first);
        }
        for sense in senses {
            if out.is_empty()
                && let Some(target) = cross_reference(sense)
            {
                // "see 武汉市": the word it points to says what this one means.
                if let Some(meant) = Dictionary::builtin().lookup(target).first() {
                    let followed = meant.first_senses(1).first().map(|s| without_markup(s)).unwrap_or_default();
                    if !followed.is_empty() && cross_reference(&followed).is_none() {
                        seen.push(sense_key(&followed));
                        out.push(followed);
                        if out.len() == n {
                            break;
                        }
                        continue;
                    }
                }
            }
            // A sense may itself list several ("to experience; to go through").
            let mut parts: Vec<String> = Vec::new();
            for part in without_markup(sense).split("; ") {
                let key = sense_key(part);
                // "also pr. [di4]", "Taiwan pr. [...]": notes on pronunciation, not meanings.
                if key.is_empty()
                    || seen.contains(&key)
                    || part.starts_with("also pr.")
                    || part.starts_with("Taiwan pr.")
                {
                    continue;
                }
                seen.push(key);
                parts.push(part.to_string());
            }
            if !parts.is_empty() {
                out.push(parts.join("; "));
            }
            if out.len() == n {
                break;
            }
        }
        out
    }
}

/// The word (Simplified) a sense that is only a cross-reference points to: 武汉市 in "see
/// 武汉市[Wu3 han4 shi4]", 这个 in "see 這個|这个[zhe4 ge5]".
fn cross_reference(sense: &str) -> Option<&str> {
    let rest = sense.strip_prefix("see ")?;
    let (words, tail) = rest.split_once('[').map_or((rest, ""), |(w, t)| (w, t));
    let word = words.rsplit('|').next()?;
    let only_markup = tail.is_empty() || tail.ends_with(']') && !tail[..tail.len() - 1].contains([']', '[']);
    (only_markup && !word.is_empty() && word.chars().all(is_han)).then_some(word)
}

/// A CC-CEDICT sense without its cross-reference markup: `TRAD|SIMP[pin1 yin1]` is SIMP,
/// `WORD[pin1 yin1]` is WORD, a bare `[pin1]` goes.
fn without_markup(sense: &str) -> String {
    let mut out = String::with_capacity(sense.len());
    let mut rest = sense;
    while let Some(open) = rest.find('[') {
        let Some(length) = rest[open..].find(']') else { break };
        let before = &rest[..open];
        // The headword before the bracket: Han characters, with `|` between its two forms.
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c) || c == '|' || c == '·')
            .last()
            .map_or(before.len(), |(i, _)| i);
        out.push_str(&before[..word_start]);
        out.push_str(before[word_start..].rsplit('|').next().unwrap_or(""));
        rest = &rest[open + length + 1..];
    }
    out.push_str(rest);
    // `TRAD|SIMP` without a reading: the Simplified form.
    while let Some(bar) = out.find('|') {
        let start = out[..bar].rfind([' ', '"', '(', '“']).map_or(0, |i| i + 1);
        out.replace_range(start..=bar, "");
    }
    let out = crate::text::collapse_spaces(&out);
    // A classifier note inside a sense, in words: "road (measure word: 条)", not "(CL:条)".
    let out = out.replace("(CL:", "(measure word: ");
    out.replace(" ,", ",").replace(" )", ")").replace("( ", "(").trim().to_string()
}

/// What two senses that say the same have in common: lower case, without labels in
/// parentheses or a leading "to".
pub(crate) fn sense_key(sense: &str) -> String {
    let mut key = String::new();
    let mut depth = 0usize;
    for c in sense.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => key.extend(c.to_lowercase()),
            _ => {}
        }
    }
    let key = crate::text::collapse_spaces(&key);
    let key = key.trim();
    key.strip_prefix("to ").unwrap_or(key).trim().to_string()
}

/// Looks words up in the embedded CC-CEDICT (simplified and traditional headwords).
#[derive(Debug, Clone, Copy)]
pub struct Dictionary;

impl Dictionary {
    /// The dictionary compiled into the binary.
    pub fn builtin() -> Dictionary {
        Dictionary
    }

    /// Number of headwords (simplified and traditional forms counted separately).
    pub fn len(&self) -> usize {
        lexicon::CEDICT_HEADWORDS
    }

    /// True when the table has no headwords.
    pub fn is_empty(&self) -> bool {
        lexicon::CEDICT_HEADWORDS == 0
    }

    /// The readings of `word`, most likely first; empty when the word is not in CC-CEDICT.
    pub(crate) fn lookup(&self, word: &str) -> Vec<DictReading> {
        lexicon::id(word).map(|id| self.readings_of(id).collect()).unwrap_or_default()
    }

    /// The most likely reading of `word`.
    pub fn best(&self, word: &str) -> Option<DictReading> {
        self.best_of(lexicon::id(word)?)
    }

    /// True when `word` is a headword.
    pub fn contains(&self, word: &str) -> bool {
        lexicon::id(word).is_some_and(|id| self.has(id))
    }

    /// True when the lexicon word `id` is a CC-CEDICT headword.
    pub fn has(&self, id: WordId) -> bool {
        lexicon::readings(id).1 > 0
    }

    /// The most likely reading of the lexicon word `id`.
    pub(crate) fn best_of(&self, id: WordId) -> Option<DictReading> {
        self.readings_of(id).next()
    }

    /// The pinyin of the most likely reading of the lexicon word `id` (numbered).
    pub(crate) fn best_pinyin_of(&self, id: WordId) -> Option<&'static str> {
        if !self.has(id) {
            return None;
        }
        let (at, len) = lexicon::first_pinyin(id);
        PINYIN.get(at..at + len)
    }

    /// The readings of the lexicon word `id`, most likely first.
    pub(crate) fn readings_of(&self, id: WordId) -> impl Iterator<Item = DictReading> {
        let (first, count) = lexicon::readings(id);
        (first..first + count).map(reading_at)
    }
}

/// The reading at `index` of the readings table. build.rs writes offsets at character
/// boundaries; anything else reads as empty rather than panicking.
fn reading_at(index: usize) -> DictReading {
    let at = 12 * index;
    let pinyin_at = read_u32(READINGS, at) as usize;
    let senses_at = read_u32(READINGS, at + 4) as usize;
    let pinyin_len = u16::from_le_bytes([READINGS[at + 8], READINGS[at + 9]]) as usize;
    let senses_len = u16::from_le_bytes([READINGS[at + 10], READINGS[at + 11]]) as usize;
    DictReading {
        pinyin: PINYIN.get(pinyin_at..pinyin_at + pinyin_len).unwrap_or(""),
        senses: SENSES.get(senses_at..senses_at + senses_len).unwrap_or(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn senses_without_markup_each_once() {
        assert_eq!(without_markup("variant of 贊|赞[zan4]"), "variant of 赞");
        assert_eq!(
            without_markup("Chang'e, the lady in the moon 嫦娥[Chang2 e2]"),
            "Chang'e, the lady in the moon 嫦娥"
        );
        assert_eq!(without_markup("see 武漢市|武汉市[Wu3 han4 Shi4]"), "see 武汉市");
        assert_eq!(without_markup("the Han dynasty [han4], ok"), "the Han dynasty, ok");
        assert_eq!(without_markup("abbr. for 北京大學|北京大学)"), "abbr. for 北京大学)");
        assert_eq!(
            without_markup("as in 除了他，誰也沒來|除了他，谁也没来 \"apart\""),
            "as in 除了他，谁也没来 \"apart\""
        );
        assert_eq!(sense_key("(pronoun) This"), sense_key("(bound form) this"));
        assert_eq!(sense_key("to exercise"), sense_key("exercise"));
        let d = DictReading {
            pinyin: "zhe4",
            senses: "(pronoun) this/(bound form) this/to do/do/see 這個|这个[zhe4 ge5]",
        };
        assert_eq!(d.clean_senses("这", 5), ["(pronoun) this", "to do", "see 这个"]);
        assert_eq!(cross_reference("see 武汉市[Wu3 han4 shi4]"), Some("武汉市"));
        assert_eq!(without_markup("road (CL:條|条[tiao2])"), "road (measure word: 条)");
        assert_eq!(cross_reference("see 這個|这个[zhe4 ge5]"), Some("这个"));
        assert_eq!(cross_reference("see also 这个"), None);
        let wuhan = Dictionary::builtin().lookup("武汉");
        assert!(wuhan[0].clean_senses("武汉", 3)[0].starts_with("Wuhan"), "{:?}", wuhan[0].clean_senses("武汉", 3));
        let opinion = Dictionary::builtin().lookup("意见");
        assert_eq!(opinion[0].clean_senses("意见", 2), ["opinion", "idea"]);
    }

    #[test]
    fn words_and_ranking() {
        let d = Dictionary::builtin();
        assert!(d.len() > 100_000);
        assert_eq!(d.best("银行").unwrap().pinyin, "yin2 hang2");
        assert_eq!(d.best("銀行").unwrap().pinyin, "yin2 hang2");
        assert_eq!(d.best("了解").unwrap().pinyin, "liao3 jie3");
        // CC-CEDICT lists hang2 first; the everyday reading must win.
        assert_eq!(d.best("行").unwrap().pinyin, "xing2");
        assert!(d.best("银行").unwrap().first_senses(2).contains(&"bank"));
        assert!(d.best("不存在的词语啊").is_none());
    }

    #[test]
    fn merged_entries_give_each_sense_once() {
        let d = Dictionary::builtin();
        let senses = |word: &str| d.best(word).unwrap().first_senses(6).join("; ");
        assert_eq!(senses("了解"), "to understand; to realize; to find out");
        assert_eq!(senses("那里"), "there; that place");
        for word in ["这", "赞", "了解", "那里"] {
            let all = d.best(word).unwrap().first_senses(20);
            let mut unique = all.clone();
            unique.dedup();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), all.len(), "{word}: {all:?}");
        }
    }
}
