//! Dictionary-based similarity of Chinese and English sentences, in the manner of hunalign:
//! each Chinese word brings the content words of its CC-CEDICT senses (and glossary
//! rendering), names bring their toneless pinyin, and a pair scores by how many words on
//! each side find a partner on the other.

use std::collections::HashMap;

use crate::dict::cedict::Dictionary;
use crate::dict::glossary::Glossary;
use crate::dict::glossary::core_rendering;
use crate::readings::pinyin::char_reading;
use crate::segment::words;
use crate::text::is_han;

/// English words that carry no content: never evidence of a translation.
const STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "for",
    "from",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "me",
    "more",
    "my",
    "no",
    "not",
    "of",
    "off",
    "on",
    "one's",
    "or",
    "our",
    "out",
    "over",
    "she",
    "sb",
    "so",
    "some",
    "sth",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "too",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "s",
    "t",
    "d",
    "ll",
    "re",
    "ve",
    "m",
    "don",
    "didn",
    "etc",
    "oneself",
    "something",
    "someone",
    "somebody",
    "person",
    "thing",
    "way",
    "kind",
    "used",
    "particle",
    "surname",
    "abbr",
    "lit",
    "fig",
    "see",
    "also",
    "esp",
    "onto",
    "upon",
    "within",
];

/// True for an English word (lower-case) that carries no content.
pub(crate) fn is_stop(word: &str) -> bool {
    STOP.contains(&word)
}

/// Irregular English forms mapped to the form a dictionary sense uses.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("saw", "see"),
    ("seen", "see"),
    ("told", "tell"),
    ("took", "take"),
    ("taken", "take"),
    ("thought", "think"),
    ("knew", "know"),
    ("known", "know"),
    ("got", "get"),
    ("gave", "give"),
    ("given", "give"),
    ("made", "make"),
    ("left", "leave"),
    ("felt", "feel"),
    ("found", "find"),
    ("stood", "stand"),
    ("sat", "sit"),
    ("heard", "hear"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("ate", "eat"),
    ("eaten", "eat"),
    ("ran", "run"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("began", "begin"),
    ("wrote", "write"),
    ("written", "write"),
    ("spoke", "speak"),
    ("fell", "fall"),
    ("held", "hold"),
    ("kept", "keep"),
    ("slept", "sleep"),
    ("struck", "strike"),
    ("hit", "hit"),
    ("fought", "fight"),
    ("killed", "kill"),
    ("feet", "foot"),
    ("teeth", "tooth"),
    ("better", "good"),
    ("best", "good"),
    ("worse", "bad"),
    ("worst", "bad"),
];

/// A light stemmer applied alike to both sides: -'s, -ies, -s, -ing, -ed, a final -e.
pub(crate) fn stem(word: &str) -> String {
    let w = word.trim_end_matches("'s").trim_end_matches('\'');
    if !w.is_ascii() {
        return w.to_string();
    }
    if let Some((_, base)) = IRREGULAR.iter().find(|(form, _)| *form == w) {
        return (*base).to_string();
    }
    let n = w.len();
    let mut s = if n > 5 && w.ends_with("ing") {
        &w[..n - 3]
    } else if n > 4 && (w.ends_with("ied") || w.ends_with("ies")) {
        return format!("{}y", &w[..n - 3]);
    } else if n > 4 && w.ends_with("ed") {
        &w[..n - 2]
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        &w[..n - 1]
    } else {
        w
    };
    // Doubled consonants before -ing/-ed (stopped, running) and a final e (move, moved).
    let b = s.as_bytes();
    if s.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouls".contains(&b[b.len() - 1]) {
        s = &s[..s.len() - 1];
    }
    if s.len() > 3 && s.ends_with('e') {
        s = &s[..s.len() - 1];
    }
    s.to_string()
}

/// The content words of English text, lower-cased and stemmed, with whether each was written
/// with a capital.
fn english_words(text: &str) -> Vec<(String, bool)> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .filter_map(|w| {
            let lower = w.to_lowercase();
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            (!STOP.contains(&lower.as_str()) && !lower.chars().all(|c| c.is_ascii_digit()) || is_number(&lower))
                .then(|| (if is_number(&lower) { lower } else { stem(&lower) }, capital))
        })
        .collect()
}

fn is_number(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
}

/// The content words of a dictionary sense: parenthesised remarks dropped.
pub(crate) fn sense_words(sense: &str, out: &mut Vec<String>) {
    let mut depth = 0usize;
    let mut clean = String::with_capacity(sense.len());
    for c in sense.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => clean.push(c),
            _ => {}
        }
    }
    out.extend(english_words(&clean).into_iter().map(|(w, _)| w));
}

/// Content words a sentence has counted, at most: the matches of a sentence pair are bit sets
/// of this size (a sentence of more content words is judged by its first ones).
pub(crate) const MAX_WORDS: usize = 128;

/// Words interned as numbers, so comparisons are integer ones.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    fn id(&mut self, word: &str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(word.to_string()).or_insert(next)
    }
}

/// A Chinese sentence as the similarity sees it.
#[derive(Debug, Clone, Default)]
pub struct ZhBag {
    /// For each content word, the English words that would translate it (sorted ids).
    pub words: Vec<Vec<u32>>,
    /// Each content word itself (an id of the Chinese text), in the order of `words`.
    pub tokens: Vec<u32>,
    /// Han words no dictionary explains (ids of their text): a document's own names and terms,
    /// which a translation model learned from the document may explain.
    pub unexplained: Vec<u32>,
    /// Every candidate of every word, sorted and deduplicated, for quick lookups.
    pub all_candidates: Vec<u32>,
    /// Toneless pinyin of every run of 2 or 3 Han characters (names in English are written so).
    pub pinyin: Vec<u32>,
}

/// An English sentence as the similarity sees it.
#[derive(Debug, Clone, Default)]
pub struct EnBag {
    /// Content words (ids), in order.
    pub words: Vec<u32>,
    /// Which of them were written with a capital (candidate names).
    pub capital: Vec<bool>,
    /// The content words sorted and deduplicated, for quick lookups.
    pub sorted: Vec<u32>,
}

impl ZhBag {
    /// Recomputes [`ZhBag::all_candidates`] after `words` changed.
    pub fn index(&mut self) {
        self.all_candidates = self.words.iter().flatten().copied().collect();
        self.all_candidates.sort_unstable();
        self.all_candidates.dedup();
    }
}

/// Builds the bags of both sides, sharing one vocabulary.
pub(crate) struct Lexicon<'g> {
    dict: Dictionary,
    glossary: &'g Glossary,
    vocabulary: Vocabulary,
    glosses: HashMap<String, Vec<u32>>,
}

impl<'g> Lexicon<'g> {
    /// A lexicon drawing on CC-CEDICT and `glossary`.
    pub fn new(glossary: &'g Glossary) -> Self {
        Lexicon { dict: Dictionary::builtin(), glossary, vocabulary: Vocabulary::default(), glosses: HashMap::new() }
    }

    /// The bag of a Chinese sentence.
    pub fn zh(&mut self, sentence: &str) -> ZhBag {
        let mut bag = ZhBag::default();
        for word in words(sentence, self.glossary) {
            let mut candidates = match word.entry {
                Some(entry) => {
                    let mut out = Vec::new();
                    sense_words(&core_rendering(&entry.english), &mut out);
                    out.iter().map(|w| self.vocabulary.id(w)).collect()
                }
                None => self.glosses(word.text),
            };
            if word.text.chars().all(|c| c.is_ascii_alphanumeric()) && !word.text.is_empty() {
                candidates.push(self.vocabulary.id(&word.text.to_lowercase()));
            }
            if !candidates.is_empty() {
                candidates.sort_unstable();
                candidates.dedup();
                bag.words.push(candidates);
                bag.tokens.push(self.vocabulary.id(word.text));
            } else if word.text.chars().any(is_han) {
                bag.unexplained.push(self.vocabulary.id(word.text));
            }
        }
        let han: Vec<char> = sentence.chars().collect();
        let syllables: Vec<Option<String>> = han
            .iter()
            .map(|&c| {
                is_han(c).then(|| char_reading(&self.dict, c)).flatten().map(|r| {
                    r.chars().filter(char::is_ascii_alphabetic).collect::<String>().replace('ü', "u").to_lowercase()
                })
            })
            .collect();
        for start in 0..syllables.len() {
            for len in 2..=3 {
                let Some(run) = syllables.get(start..start + len) else { break };
                if run.iter().all(Option::is_some) {
                    let joined: String = run.iter().flatten().map(String::as_str).collect();
                    bag.pinyin.push(self.vocabulary.id(&joined));
                }
            }
        }
        bag.pinyin.sort_unstable();
        bag.pinyin.dedup();
        bag.words.truncate(MAX_WORDS);
        bag.tokens.truncate(MAX_WORDS);
        bag.index();
        bag
    }

    /// The bag of an English sentence.
    pub fn en(&mut self, sentence: &str) -> EnBag {
        let mut bag = EnBag::default();
        for (word, capital) in english_words(sentence) {
            bag.words.push(self.vocabulary.id(&word));
            bag.capital.push(capital);
        }
        bag.words.truncate(MAX_WORDS);
        bag.capital.truncate(MAX_WORDS);
        bag.sorted = bag.words.clone();
        bag.sorted.sort_unstable();
        bag.sorted.dedup();
        bag
    }

    /// The English words CC-CEDICT gives for a Chinese word (first readings, first senses).
    fn glosses(&mut self, word: &str) -> Vec<u32> {
        if let Some(found) = self.glosses.get(word) {
            return found.clone();
        }
        let mut out = Vec::new();
        for reading in self.dict.lookup(word).iter().take(3) {
            for sense in reading.first_senses(8) {
                sense_words(sense, &mut out);
            }
        }
        if word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty() {
            out.push(word.to_string());
        }
        let ids: Vec<u32> = out.iter().map(|w| self.vocabulary.id(w)).collect();
        self.glosses.insert(word.to_string(), ids.clone());
        ids
    }
}

/// How well the Chinese sentences `zh` and the English sentences `en` translate each other,
/// 0 to 1: the share of content words on both sides that find a partner on the other.
#[cfg(test)]
fn similarity(zh: &[ZhBag], en: &[EnBag]) -> f64 {
    coverage(zh, en).pooled()
}

/// For every sentence of a link, (content words with a partner on the other side, content
/// words): a sentence that finds nothing in its partners is probably not one of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Coverage {
    /// Per Chinese sentence.
    pub zh: Vec<(usize, usize)>,
    /// Per English sentence.
    pub en: Vec<(usize, usize)>,
}

impl Coverage {
    /// The share of content words, all sentences together, that have a partner.
    pub(crate) fn pooled(&self) -> f64 {
        let matched: usize = self.zh.iter().chain(&self.en).map(|x| x.0).sum();
        let total: usize = self.zh.iter().chain(&self.en).map(|x| x.1).sum();
        if total == 0 { 0.0 } else { matched as f64 / total as f64 }
    }
}

/// What one Chinese sentence and one English sentence explain of each other, as bit sets over
/// their words (bit k for word k), so that a link of several sentences combines its pairs'.
#[derive(Debug, Clone, Copy, Default)]
pub struct Match {
    /// Chinese words with a candidate among the English words.
    pub zh: u128,
    /// English words among the Chinese words' candidates.
    pub en: u128,
    /// English names written as the toneless pinyin of Chinese characters.
    pub names: u128,
}

/// The [`Match`] of one sentence pair.
pub fn matches(zh: &ZhBag, en: &EnBag) -> Match {
    let mut out = Match::default();
    for (k, (w, &capital)) in en.words.iter().zip(&en.capital).enumerate() {
        if zh.all_candidates.binary_search(w).is_ok() {
            out.en |= 1 << k;
        } else if capital && zh.pinyin.binary_search(w).is_ok() {
            out.names |= 1 << k;
        }
    }
    for (k, candidates) in zh.words.iter().enumerate() {
        if candidates.iter().any(|c| en.sorted.binary_search(c).is_ok()) {
            out.zh |= 1 << k;
        }
    }
    out
}

/// The [`Coverage`] of a candidate link: consecutive Chinese sentences `zh` with consecutive
/// English sentences `en`, from the [`Match`] of each sentence pair (`pair(i, j)` for
/// `zh[i]` and `en[j]`).
pub(crate) fn coverage_of(zh: &[ZhBag], en: &[EnBag], pair: impl Fn(usize, usize) -> Match) -> Coverage {
    let mut out = Coverage { zh: vec![(0, 0); zh.len()], en: Vec::with_capacity(en.len()) };
    let mut zh_masks = [0u128; 4];
    let mut names = 0;
    for (j, b) in en.iter().enumerate() {
        let (mut direct, mut by_name) = (0u128, 0u128);
        for i in 0..zh.len() {
            let m = pair(i, j);
            direct |= m.en;
            by_name |= m.names;
            if let Some(mask) = zh_masks.get_mut(i) {
                *mask |= m.zh;
            }
        }
        // A name matched by its pinyin counts on the Chinese side too.
        let by_name = (by_name & !direct).count_ones() as usize;
        names += by_name;
        out.en.push((direct.count_ones() as usize + by_name, b.words.len()));
    }
    for (i, b) in zh.iter().enumerate() {
        let matched = if i < zh_masks.len() {
            zh_masks[i].count_ones() as usize
        } else {
            (0..en.len()).fold(0u128, |acc, j| acc | pair(i, j).zh).count_ones() as usize
        };
        out.zh[i] = (matched, b.words.len());
    }
    if let Some(first) = out.zh.first_mut() {
        first.0 += names;
        first.1 += names;
    }
    out
}

/// The [`Coverage`] of a candidate link, every sentence pair matched afresh.
pub(crate) fn coverage(zh: &[ZhBag], en: &[EnBag]) -> Coverage {
    coverage_of(zh, en, |i, j| matches(&zh[i], &en[j]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_agree() {
        assert_eq!(stem("moved"), stem("move"));
        assert_eq!(stem("moving"), stem("moves"));
        assert_eq!(stem("stopped"), stem("stop"));
        assert_eq!(stem("said"), "say");
        assert_eq!(stem("cities"), "city");
    }

    #[test]
    fn translations_score_higher_than_strangers() {
        let glossary = Glossary::default();
        let mut lex = Lexicon::new(&glossary);
        let zh = lex.zh("陈清扬当时二十六岁，就在我插队的地方当医生。");
        let right = lex.en("That year Chen Qingyang was twenty-six and a doctor who happened to work where I did.");
        let wrong = lex.en("The cat slept on the warm roof all afternoon.");
        assert!(similarity(std::slice::from_ref(&zh), std::slice::from_ref(&right)) > 0.3);
        assert!(similarity(&[zh], &[wrong]) < 0.1);
    }
}
