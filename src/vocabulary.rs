//! Choosing the vocabulary of an article for learners: which words to list (not the learner's
//! known words, not punctuation, numbers, Latin words or people's names unless they are glossary
//! terms), what to say about each (pinyin, a card-sized English, HSK levels, how often it occurs,
//! the first sentence it occurs in) and in what order. The `study` and `anki` renderers both
//! list [`Vocabulary::select`]'s entries.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::dict::cedict::Dictionary;
use crate::dict::hsk::{self, Levels};
use crate::document::{Document, Paragraph, Token};
use crate::notation::{self, Style};
use crate::text::is_han;

/// The longest English a vocabulary entry carries, in characters (what fits a card).
pub const MAX_ENGLISH: usize = 90;

/// The order vocabulary is listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
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
}

/// The command-line flags that choose the vocabulary of `study` and `anki` outputs.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct StudyArgs {
    /// Words you know, left out of study sheets and Anki decks: one word a line, or an Anki
    /// export of your deck (Notes in Plain Text).
    #[arg(long, value_name = "FILE")]
    pub known: Option<PathBuf>,
    /// Every word of HSK 3.0 levels 1 to N counts as known (7, 8 or 9: the band 7-9).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=9))]
    pub hsk_known: Option<u8>,
    /// List only words of HSK 3.0 level N or above (and words on no HSK list).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=9))]
    pub min_level: Option<u8>,
    /// Order of the vocabulary.
    #[arg(long, value_enum, default_value = "appearance")]
    pub order: Order,
}

impl StudyArgs {
    /// The options these flags ask for; reads the `--known` file.
    pub fn options(&self) -> Result<StudyOptions, KnownWordsError> {
        let known = match &self.known {
            Some(path) => KnownWords::load(path)?,
            None => KnownWords::default(),
        };
        Ok(StudyOptions {
            known: Arc::new(known),
            hsk_known: self.hsk_known,
            min_level: self.min_level,
            order: self.order,
        })
    }

    /// True when any flag differs from its default.
    pub fn is_set(&self) -> bool {
        self.known.is_some() || self.hsk_known.is_some() || self.min_level.is_some() || self.order != Order::Appearance
    }
}

/// A `--known` file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum KnownWordsError {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A line is not a word (or not an Anki note with a Chinese field).
    #[error("{path}:{line}: {message}")]
    Line {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
}

/// The words a learner already knows.
///
/// Read from a list with one word a line (blank lines and lines starting with `#` are
/// ignored), or from a deck exported from Anki as "Notes in Plain Text": its `#separator:`,
/// `#columns:`, `#guid column:`, `#tags column:` and other header lines are understood, the
/// word is taken from the column named Front, Word, Hanzi, Simplified, Chinese or 中文 (else the
/// first column holding Chinese), and HTML markup and bracketed readings are removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownWords {
    words: HashSet<String>,
}

impl KnownWords {
    /// Reads the known words in the file at `path`.
    pub fn load(path: &Path) -> Result<KnownWords, KnownWordsError> {
        let bytes = std::fs::read(path).map_err(|source| KnownWordsError::Io { path: path.into(), source })?;
        Self::parse_bytes(&bytes, path)
    }

    /// Reads known words from the bytes of a file; `path` names it in errors.
    pub fn parse_bytes(bytes: &[u8], path: &Path) -> Result<KnownWords, KnownWordsError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::parse(text, path),
            Err(e) => {
                let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
                Err(KnownWordsError::Line {
                    path: path.into(),
                    line,
                    message: "not UTF-8 text; save the word list (or Anki export) as UTF-8".into(),
                })
            }
        }
    }

    /// Reads known words from text; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<KnownWords, KnownWordsError> {
        let error = |line: usize, message: String| KnownWordsError::Line { path: path.into(), line, message };
        let mut words = HashSet::new();
        let mut header = AnkiHeader::default();
        for (i, raw) in text.lines().enumerate() {
            let number = i + 1;
            let line = raw.trim_end_matches('\r');
            if let Some(rest) = line.strip_prefix('#') {
                header.read(rest);
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let separator = header.separator.or_else(|| line.contains('\t').then_some('\t'));
            let Some(separator) = separator else {
                let word = clean_field(line);
                if word.split_whitespace().count() > 1 {
                    return Err(error(
                        number,
                        format!("{:?} is more than one word; put one word on each line", line.trim()),
                    ));
                }
                if !word.chars().any(is_han) {
                    return Err(error(
                        number,
                        format!(
                            "{:?} has no Chinese characters; a known-words list has one Chinese word a line",
                            line.trim()
                        ),
                    ));
                }
                words.insert(word);
                continue;
            };
            let fields: Vec<&str> = line.split(separator).collect();
            let column = header.word_column();
            let field = match column {
                Some(c) => match fields.get(c) {
                    Some(field) => Some(*field),
                    None => {
                        return Err(error(
                            number,
                            format!("this note has {} fields, but the word column is {}", fields.len(), c + 1),
                        ));
                    }
                },
                None => fields
                    .iter()
                    .enumerate()
                    .filter(|(c, _)| Some(*c) != header.guid_column && Some(*c) != header.tags_column)
                    .map(|(_, f)| *f)
                    .find(|f| clean_field(f).chars().any(is_han)),
            };
            // A note with no Chinese in its word field (a mixed deck) teaches no Chinese word.
            if let Some(word) = field.map(clean_field).filter(|w| w.chars().any(is_han)) {
                words.insert(word);
            }
        }
        Ok(KnownWords { words })
    }

    /// A set of the given words.
    pub fn from_words<I: IntoIterator<Item = S>, S: Into<String>>(words: I) -> KnownWords {
        KnownWords { words: words.into_iter().map(Into::into).collect() }
    }

    /// True when `word` is known.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Number of known words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word is known.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The header lines of an Anki plain-text export.
#[derive(Debug, Default)]
struct AnkiHeader {
    separator: Option<char>,
    columns: Vec<String>,
    guid_column: Option<usize>,
    tags_column: Option<usize>,
    notetype_column: Option<usize>,
    deck_column: Option<usize>,
}

impl AnkiHeader {
    fn read(&mut self, line: &str) {
        let Some((key, value)) = line.split_once(':') else {
            return;
        };
        let column = || value.trim().parse::<usize>().ok().filter(|&n| n >= 1).map(|n| n - 1);
        match key.trim() {
            "separator" => {
                self.separator = match value.trim() {
                    "tab" | "Tab" | "\t" => Some('\t'),
                    "comma" | "Comma" | "," => Some(','),
                    "semicolon" | "Semicolon" | ";" => Some(';'),
                    "space" | "Space" | " " => Some(' '),
                    "pipe" | "Pipe" | "|" => Some('|'),
                    "colon" | "Colon" | ":" => Some(':'),
                    other => other.chars().next(),
                }
            }
            "columns" => {
                let separator = self.separator.unwrap_or('\t');
                self.columns = value.split(separator).map(|c| c.trim().to_string()).collect();
            }
            "guid column" => self.guid_column = column(),
            "tags column" => self.tags_column = column(),
            "notetype column" => self.notetype_column = column(),
            "deck column" => self.deck_column = column(),
            _ => {}
        }
    }

    /// The column named as the word's, if the header names one.
    fn word_column(&self) -> Option<usize> {
        const NAMES: [&str; 7] = ["front", "word", "hanzi", "simplified", "chinese", "中文", "汉字"];
        NAMES.iter().find_map(|name| self.columns.iter().position(|c| c.to_lowercase() == *name))
    }
}

/// The word in an Anki field or list line: markup, entities, bracketed readings
/// (`银行[yínháng]`) and surrounding space removed.
fn clean_field(field: &str) -> String {
    let mut field = field.trim();
    if field.len() >= 2 && field.starts_with('"') && field.ends_with('"') {
        field = &field[1..field.len() - 1];
    }
    let mut out = String::with_capacity(field.len());
    let mut in_tag = false;
    let mut in_bracket = false;
    for c in field.replace("\"\"", "\"").chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            '[' if !in_tag => in_bracket = true,
            ']' if in_bracket => in_bracket = false,
            _ if in_tag || in_bracket => {}
            _ => out.push(c),
        }
    }
    let out = out.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    out.replace("&amp;", "&").trim().to_string()
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
            for token in &paragraph.tokens {
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
                    first: position,
                });
            }
        }
        let mut vocabulary = Vocabulary::default();
        let known_level = options.hsk_known.map(|n| n.min(hsk::ADVANCED));
        for entry in all {
            let hsk3 = entry.levels.hsk3;
            let known_by_level = matches!((hsk3, known_level), (Some(level), Some(max)) if level <= max);
            if options.known.contains(&entry.word) || known_by_level {
                vocabulary.known += 1;
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
pub fn is_vocabulary(token: &Token, dict: &Dictionary) -> bool {
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

/// A person's name: a CC-CEDICT proper noun whose senses describe a person (a surname, dates
/// of birth and death, a profession), or a word CC-CEDICT lacks made of a common surname and
/// one or two more characters.
fn is_person_name(text: &str, reading: Option<&str>, dict: &Dictionary) -> bool {
    let readings = dict.lookup(text);
    if !readings.is_empty() {
        let chosen =
            reading.and_then(|r| readings.iter().find(|d| d.pinyin.eq_ignore_ascii_case(r))).unwrap_or(&readings[0]);
        let proper = chosen.pinyin.starts_with(|c: char| c.is_uppercase());
        // A proper noun that is only ever a person (every reading capitalised).
        return proper
            && text.chars().count() >= 2
            && readings.iter().all(|d| d.pinyin.starts_with(|c: char| c.is_uppercase()))
            && describes_person(chosen.senses);
    }
    let chars: Vec<char> = text.chars().collect();
    (2..=4).contains(&chars.len())
        && chars.iter().all(|&c| is_han(c))
        && (SURNAMES.contains(chars[0]) || (chars.len() >= 3 && COMPOUND_SURNAMES.iter().any(|s| text.starts_with(s))))
}

/// Byte ranges of `text` that name people: words jieba's part-of-speech tagger
/// ([`crate::segment::tagger`]: its dictionary, or its HMM for words it does not know) tags
/// as personal names (`nr`, `nrfg`, `nrt`), unless CC-CEDICT has the word as an ordinary
/// (lower-case) word. Catches names the segmenter later
/// split into dictionary words (张伟 = 张 + 伟).
fn person_names(text: &str, dict: &Dictionary) -> Vec<(usize, usize)> {
    if !text.chars().any(is_han) {
        return Vec::new();
    }
    let mut names = Vec::new();
    crate::segment::tagger::tag(text, |t| {
        if matches!(t.tag, "nr" | "nrfg" | "nrt") && t.word.chars().all(is_han) {
            let readings = dict.lookup(t.word);
            if readings.is_empty() || readings.iter().all(|d| d.pinyin.starts_with(|c: char| c.is_uppercase())) {
                names.push((t.start, t.start + t.word.len()));
            }
        }
    });
    names
}

/// True when CC-CEDICT senses describe a person.
fn describes_person(senses: &str) -> bool {
    let lower = senses.to_lowercase();
    // "(1893–1976)", "(551-479 BC)", "(c. 1000)".
    let chars: Vec<char> = senses.chars().collect();
    let life_dates = (3..=4).any(|digits| {
        chars.windows(digits + 2).any(|w| {
            w[0] == '('
                && w[1..=digits].iter().all(char::is_ascii_digit)
                && matches!(w[digits + 1], '-' | '–' | '—' | ')' | ' ')
        })
    }) || senses.contains("(c. ");
    const PEOPLE: [&str; 18] = [
        "surname",
        "personal name",
        "given name",
        "politician",
        "writer",
        "poet",
        "novelist",
        "emperor",
        "philosopher",
        "painter",
        "singer",
        "actor",
        "actress",
        "general of",
        "statesman",
        "president of",
        "chairman",
        "dissident",
    ];
    // Events and eras carry dates too.
    const NOT_PEOPLE: [&str; 10] =
        ["war", "revolution", "dynasty", "period", "incident", "movement", "uprising", "treaty", "battle", "era"];
    let event = NOT_PEOPLE.iter().any(|w| lower.split(|c: char| !c.is_alphabetic()).any(|word| word == *w));
    (life_dates && !event) || PEOPLE.iter().any(|p| lower.contains(p))
}

/// The most common single-character Chinese surnames.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习温";

/// Common two-character surnames.
const COMPOUND_SURNAMES: [&str; 8] = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "慕容"];

/// The English for a word: the glossary's, else CC-CEDICT senses of `reading`, trimmed to fit.
fn english(token: &Token, reading: Option<&str>, dict: &Dictionary) -> String {
    if let Some(g) = &token.glossary {
        return trim_english(std::iter::once(g.english.as_str()));
    }
    let readings = dict.lookup(&token.text);
    let chosen = reading.and_then(|r| readings.iter().find(|d| d.pinyin.eq_ignore_ascii_case(r))).or(readings.first());
    match chosen {
        Some(d) => trim_english(d.first_senses(6).into_iter()),
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
                out = sense.chars().take(MAX_ENGLISH - 1).collect::<String>().trim_end().to_string() + "…";
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

/// The stable identifier of a word and its reading: 20 hexadecimal digits of a 128-bit
/// FNV-1a hash of `word<TAB>reading` (reading lower-cased), prefixed `dz`. The same word and
/// reading give the same id in every run, version and article.
pub fn stable_id(word: &str, reading: Option<&str>) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let key = format!("{word}\t{}", reading.unwrap_or("").to_lowercase());
    let mut hash = OFFSET;
    for byte in key.bytes() {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("dz{:020x}", hash >> 48)
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
    fn names_the_segmenter_split_are_found() {
        let dict = Dictionary::builtin();
        let text = "我的朋友张伟说，互联网很好。";
        let names = person_names(text, &dict);
        assert!(names.iter().any(|&(s, e)| &text[s..e] == "张伟"), "{names:?}");
        assert!(names.iter().all(|&(s, e)| !text[s..e].contains("互联网")));
    }

    #[test]
    fn english_fits_a_card() {
        let long = trim_english(["a", &"x".repeat(200)].into_iter());
        assert_eq!(long, "a");
        let cut = trim_english([&"y".repeat(200) as &str].into_iter());
        assert_eq!(cut.chars().count(), MAX_ENGLISH);
    }

    #[test]
    fn stable_ids_depend_on_word_and_reading() {
        assert_eq!(stable_id("行", Some("hang2")), stable_id("行", Some("hang2")));
        assert_ne!(stable_id("行", Some("hang2")), stable_id("行", Some("xing2")));
        assert_eq!(stable_id("行", Some("hang2")).len(), 22);
    }

    #[test]
    fn known_words_from_a_list_and_an_anki_export() {
        let list = KnownWords::parse("# my words\n我\n\n银行\r\n", Path::new("k.txt")).unwrap();
        assert!(list.contains("我") && list.contains("银行") && list.len() == 2);
        let export =
            "#separator:tab\n#html:true\n#guid column:1\n#tags column:4\nabc\t<b>学习</b>\t<div>xuéxí</div>\ttag\n";
        let known = KnownWords::parse(export, Path::new("deck.txt")).unwrap();
        assert!(known.contains("学习"), "{known:?}");
        let named = "#separator:tab\n#columns:Pinyin\tFront\n#\nxuéxí\t学习[xuéxí]\n";
        assert!(KnownWords::parse(named, Path::new("d.txt")).unwrap().contains("学习"));
    }

    #[test]
    fn malformed_known_files_name_file_and_line() {
        let error = KnownWords::parse("我\nhello\n", Path::new("known.txt")).unwrap_err().to_string();
        assert_eq!(
            error,
            "known.txt:2: \"hello\" has no Chinese characters; a known-words list has one Chinese word a line"
        );
        let error = KnownWords::parse("我 你\n", Path::new("k.txt")).unwrap_err().to_string();
        assert!(error.starts_with("k.txt:1: "), "{error}");
        let error = KnownWords::parse_bytes(b"\xe6\x88\x91\n\xff\n", Path::new("k.txt")).unwrap_err().to_string();
        assert!(error.starts_with("k.txt:2: not UTF-8"), "{error}");
        let error = KnownWords::parse("#separator:tab\n#columns:A\tB\tFront\n我\t你\n", Path::new("a.txt"))
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("a.txt:3: this note has 2 fields"), "{error}");
    }
}
