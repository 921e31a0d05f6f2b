//! The words a learner already knows (`--known`): a list with one word a line, or an Anki
//! export of their deck.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::text::is_han;

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
    pub(crate) fn parse_bytes(bytes: &[u8], path: &Path) -> Result<KnownWords, KnownWordsError> {
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

    /// True when `word` is known, in either script (a list in Simplified knows 學習 too).
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word) || self.words.contains(crate::text::simplify::to_simplified(word).as_ref())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simplified_list_knows_traditional_words() {
        let known = KnownWords::parse("学习\n", Path::new("known.txt")).unwrap();
        assert!(known.contains("學習") && known.contains("学习") && !known.contains("學生"));
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
