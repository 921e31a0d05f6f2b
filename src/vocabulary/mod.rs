//! Choosing the vocabulary of an article for learners: which words to list (not the learner's
//! known words, not punctuation, numbers, Latin words or people's names unless they are glossary
//! terms), what to say about each (pinyin, a card-sized English, HSK levels, how often it occurs,
//! the first sentence it occurs in) and in what order. The `study` and `anki` renderers both
//! list [`Vocabulary::select`]'s entries.

mod guid;
mod known;
mod names;

use std::collections::HashMap;
use std::sync::Arc;

pub(crate) use guid::stable_id;
pub use known::{KnownWords, KnownWordsError};
use names::{is_person_name, person_names};

use crate::dict::cedict::Dictionary;
use crate::dict::hsk::{self, Levels};
use crate::document::{Document, Paragraph, Token};
use crate::notation::{self, Style};
use crate::text::is_han;
use crate::text::simplify::to_simplified;

/// The longest English a vocabulary entry carries, in characters (what fits a card).
pub(crate) const MAX_ENGLISH: usize = 90;

/// The order vocabulary is listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Order {
    /// In the order the words first occur in the article.
    #[default]
    Appearance,
    /// Most frequent in the article first; ties in order of appearance.
    Frequency,
    /// Lowest HSK 3.0 level first, words on no HSK list last; ties in order of appearance.
    Level,
}

/// What to list: the learner's known words, level limits, order.
#[derive(Debug, Clone, Default)]
pub struct StudyOptions {
    /// Words the learner knows (from `--known`); they are left out.
    pub known: Arc<KnownWords>,
    /// Every word of HSK 3.0 levels 1..=N counts as known (7, 8 and 9 all mean the band 7-9).
    pub hsk_known: Option<u8>,
    /// Only words of HSK 3.0 level N or above are listed; words on no HSK 3.0 list are kept
    /// (they are beyond the lists).
    pub min_level: Option<u8>,
    /// The order of the list.
    pub order: Order,
    /// List the words every learner knows too (HSK 3.0 level 1 and the learner glossary's
    /// function words), which are left out by default (`--all-words`).
    pub all_words: bool,
}

/// Where a word first occurs: its sentence, the word's byte range in it, and the sentence's
/// English when the document is translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The Chinese sentence, trimmed.
    pub zh: String,
    /// Byte offset of the word in `zh`.
    pub start: usize,
    /// Byte offset just past the word in `zh`.
    pub end: usize,
    /// The sentence's English: its aligned English, or the paragraph's when the paragraph is
    /// this one sentence.
    pub en: Option<String>,
    /// The id of the paragraph (`p3`).
    pub paragraph: String,
}

impl Example {
    /// The sentence before the word, the word, and the rest.
    pub fn parts(&self) -> (&str, &str, &str) {
        (&self.zh[..self.start], &self.zh[self.start..self.end], &self.zh[self.end..])
    }
}

/// One word to learn.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The word as written in the article.
    pub word: String,
    /// Its reading in numbered form (`yin2 hang2`), when it has Han characters.
    pub reading: Option<String>,
    /// The English: the glossary's rendering, else the first CC-CEDICT senses of the reading,
    /// at most [`MAX_ENGLISH`] characters. Empty when neither knows the word.
    pub english: String,
    /// True when the word is a glossary term.
    pub glossary: bool,
    /// HSK 2.0 and 3.0 levels.
    pub levels: Levels,
    /// How many times the word occurs in the article.
    pub count: usize,
    /// Where it first occurs.
    pub example: Example,
    /// The English it became in that sentence's translation, by the word links ("experienced"
    /// for 遭遇), when the article has English there.
    pub here: Option<String>,
    /// Position of its first occurrence among the article's tokens.
    pub first: usize,
}

impl Entry {
    /// The reading in tone marks (`yínháng`), or empty.
    pub fn pinyin(&self) -> String {
        self.reading.as_deref().map(|r| notation::format_word(r, Style::Marks)).unwrap_or_default()
    }

    /// A key that stays the same for the same word and reading across runs and articles.
    pub fn key(&self) -> String {
        format!("{}\t{}", self.word, self.reading.as_deref().unwrap_or("").to_lowercase())
    }
}

/// The vocabulary of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// The words to learn, in the chosen order.
    pub entries: Vec<Entry>,
    /// Distinct words left out because the learner knows them (`--known`, `--hsk-known`).
    pub known: usize,
    /// Distinct words left out as below `--min-level`.
    pub below_level: usize,
    /// Distinct words every learner knows, left out unless `--all-words`: HSK 3.0 level 1 and
    /// the learner glossary's function words (not glossary terms).
    pub basic: usize,
}

impl Vocabulary {
    /// The words of `doc` to learn, chosen and ordered by `options`.
    pub fn select(doc: &Document, options: &StudyOptions) -> Vocabulary {
        let dict = Dictionary::builtin();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut all: Vec<Entry> = Vec::new();
        let mut position = 0;
        for paragraph in &doc.paragraphs {
            let names = person_names(&paragraph.zh, &dict);
            let mut offset = 0;
            for (t, token) in paragraph.tokens.iter().enumerate() {
                let at = offset;
                offset += token.text.len();
                position += 1;
                let in_name = names.iter().any(|&(start, end)| at >= start && at + token.text.len() <= end);
                if !is_vocabulary(token, &dict) || (in_name && token.glossary.is_none()) {
                    continue;
                }
                let reading =
                    token.reading.clone().or_else(|| crate::readings::pinyin::word_reading(&dict, &token.text));
                let key = format!("{}\t{}", token.text, reading.as_deref().unwrap_or("").to_lowercase());
                if let Some(&i) = index.get(&key) {
                    all[i].count += 1;
                    continue;
                }
                index.insert(key, all.len());
                all.push(Entry {
                    word: token.text.clone(),
                    english: english(token, reading.as_deref(), &dict),
                    reading,
                    glossary: token.glossary.is_some(),
                    levels: hsk::levels(&token.text),
                    count: 1,
                    example: example(paragraph, at, token.text.len()),
                    here: paragraph.english_of_token(t),
                    first: position,
                });
            }
        }
        let mut vocabulary = Vocabulary::default();
        let known_level = options.hsk_known.map(|n| n.min(hsk::ADVANCED));
        for entry in all {
            let hsk3 = entry.levels.hsk3;
            let known_by_level = matches!((hsk3, known_level), (Some(level), Some(max)) if level <= max);
            let basic =
                hsk3 == Some(1) || crate::dict::learner::contains(&crate::text::simplify::to_simplified(&entry.word));
            if options.known.contains(&entry.word) || known_by_level {
                vocabulary.known += 1;
            } else if basic && !options.all_words && !entry.glossary {
                vocabulary.basic += 1;
            } else if matches!((hsk3, options.min_level), (Some(level), Some(min)) if level < min.min(hsk::ADVANCED)) {
                vocabulary.below_level += 1;
            } else {
                vocabulary.entries.push(entry);
            }
        }
        match options.order {
            Order::Appearance => vocabulary.entries.sort_by_key(|e| e.first),
            Order::Frequency => vocabulary.entries.sort_by_key(|e| (std::cmp::Reverse(e.count), e.first)),
            Order::Level => vocabulary.entries.sort_by_key(|e| (e.levels.hsk3.unwrap_or(u8::MAX), e.first)),
        }
        vocabulary
    }
}

/// True when `token` is a word a learner should be shown: glossary terms always; otherwise
/// words with Han characters that are not numbers, Latin-letter words or people's names.
pub(crate) fn is_vocabulary(token: &Token, dict: &Dictionary) -> bool {
    let text = token.text.trim();
    if text.is_empty() {
        return false;
    }
    if token.glossary.is_some() {
        return true;
    }
    if !text.chars().any(is_han) || is_number(text) {
        return false;
    }
    if text.chars().any(|c| c.is_ascii_alphabetic() || c.is_ascii_digit()) && !dict.contains(text) {
        return false;
    }
    !is_person_name(text, token.reading.as_deref(), dict)
}

/// Digits, Chinese numerals, or numerals with their units (二〇二五, 三十, 3万, 2025年, 百分之五十).
/// Words made of numeral characters that are HSK words in their own right (十分 "very",
/// 千万 "by all means", 万一 "in case") are not numbers.
fn is_number(text: &str) -> bool {
    const NUMERALS: &str = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩点點分之";
    let all_numeric = text.chars().all(|c| c.is_numeric() || NUMERALS.contains(c) || c == '.' || c == ',');
    let has_digit = text.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let has_numeral = text.chars().any(|c| c.is_numeric() || !"点點分之".contains(c));
    let listed = text.chars().count() > 1 && !hsk::levels(text).is_empty();
    (all_numeric && has_numeral && !listed) || (has_digit && text.chars().filter(|c| is_han(*c)).count() <= 2)
}

/// The English for a word: the glossary's, else CC-CEDICT senses of `reading`, trimmed to fit.
fn english(token: &Token, reading: Option<&str>, dict: &Dictionary) -> String {
    if let Some(g) = &token.glossary {
        return trim_english(std::iter::once(g.english.as_str()));
    }
    let readings = dict.lookup(&token.text);
    let chosen = reading.and_then(|r| readings.iter().find(|d| d.pinyin.eq_ignore_ascii_case(r))).or(readings.first());
    match chosen {
        Some(d) => trim_english(d.clean_senses(&to_simplified(&token.text), 6).iter().map(String::as_str)),
        None => String::new(),
    }
}

/// Senses joined by "; " while they fit [`MAX_ENGLISH`] characters; the first always, cut
/// with an ellipsis when it alone is too long.
fn trim_english<'a>(senses: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for sense in senses.map(str::trim).filter(|s| !s.is_empty()) {
        let added = if out.is_empty() { sense.chars().count() } else { sense.chars().count() + 2 };
        if out.chars().count() + added > MAX_ENGLISH {
            if out.is_empty() {
                // Cut between words, never inside one (unless one word is too long alone).
                let head: String = sense.chars().take(MAX_ENGLISH - 1).collect();
                let whole_words = match (sense[head.len()..].starts_with(' '), head.rfind(' ')) {
                    (false, Some(space)) => &head[..space],
                    _ => head.as_str(),
                };
                out = whole_words.trim_end().trim_end_matches([',', ';']).to_string() + "…";
            }
            break;
        }
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(sense);
    }
    out
}

/// The sentence of `paragraph` holding the token at byte `at`, `len` bytes long.
fn example(paragraph: &Paragraph, at: usize, len: usize) -> Example {
    let mut start = 0;
    let mut found = None;
    if paragraph.sentences.iter().map(|s| s.zh.len()).sum::<usize>() == paragraph.zh.len() {
        for sentence in &paragraph.sentences {
            let end = start + sentence.zh.len();
            if at >= start && at + len <= end {
                found = Some((sentence.zh.as_str(), start, sentence.en.clone()));
                break;
            }
            start = end;
        }
    }
    let single = paragraph.sentences.len() <= 1;
    let (zh, base, en) = found.unwrap_or((paragraph.zh.as_str(), 0, None));
    let en = en.or_else(|| if single || zh.len() == paragraph.zh.len() { paragraph.en.clone() } else { None });
    let lead = zh.len() - zh.trim_start().len();
    let trimmed = zh.trim();
    let word_start = (at - base).saturating_sub(lead).min(trimmed.len());
    let word_end = (word_start + len).min(trimmed.len());
    Example {
        zh: trimmed.to_string(),
        start: word_start,
        end: word_end,
        en: en.map(|e| e.trim().to_string()).filter(|e| !e.is_empty()),
        paragraph: paragraph.id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str) -> Token {
        let dict = Dictionary::builtin();
        Token { text: text.into(), reading: crate::readings::pinyin::word_reading(&dict, text), ..Token::default() }
    }

    #[test]
    fn leaves_out_punctuation_numbers_latin_and_names() {
        let dict = Dictionary::builtin();
        for text in ["，", "2025", "2025年", "三十", "一百", "Twitter", " ", "毛泽东", "张伟"] {
            assert!(!is_vocabulary(&token(text), &dict), "{text} should be left out");
        }
        for text in ["银行", "互联网", "北京", "一些", "第一", "我", "抗日战争", "十分", "千万"] {
            assert!(is_vocabulary(&token(text), &dict), "{text} should be listed");
        }
    }

    #[test]
    fn english_fits_a_card() {
        let long = trim_english(["a", &"x".repeat(200)].into_iter());
        assert_eq!(long, "a");
        let cut = trim_english([&"y".repeat(200) as &str].into_iter());
        assert_eq!(cut.chars().count(), MAX_ENGLISH);
        let words = "grammatical ".repeat(20);
        let cut = trim_english([words.as_str()].into_iter());
        assert!(cut.ends_with("grammatical…") && cut.chars().count() <= MAX_ENGLISH, "{cut}");
    }
}
