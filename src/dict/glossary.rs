//! The curated glossary: `term<TAB>pinyin<TAB>english<TAB>note` lines in `glossary/*.tsv`.
//! Terms are matched longest-first (Aho-Corasick, leftmost-longest), a matched term is one
//! token even where the word segmenter would split it, and its pinyin wins.

use std::path::{Path, PathBuf};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::error::{Error, Result};
use crate::notation::numbered_from_marks;
use crate::text::is_han;
use crate::text::simplify::{Offsets, to_simplified};

/// The glossary files shipped in `glossary/`, embedded at compile time: (name, contents).
const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/glossaries.rs"));

/// One curated term.
#[derive(Debug, Clone, PartialEq)]
pub struct GlossaryEntry {
    /// The Chinese term as it appears in text.
    pub term: String,
    /// Its reading in numbered form (`Xiao3 hong2 shu1`); `None` for purely Latin terms.
    pub reading: Option<String>,
    /// The English a translation should use.
    pub english: String,
    /// A note for translators and learners.
    pub note: Option<String>,
    /// Where the entry was defined, `file:line`.
    pub origin: String,
}

impl GlossaryEntry {
    /// An entry that only gives a word's reading (from `--pinyin-dict`), with no English.
    pub(crate) fn is_reading_only(&self) -> bool {
        self.english.is_empty()
    }
}

/// A set of glossary entries with a matcher over their terms.
#[derive(Debug, Clone)]
pub struct Glossary {
    entries: Vec<GlossaryEntry>,
    matcher: Option<AhoCorasick>,
}

/// Up to this many terms, the matcher is a DFA (faster, but its memory grows with the terms).
const DFA_TERMS: usize = 20_000;

/// A term found in a text: byte range and the entry.
#[derive(Debug, Clone, Copy)]
pub struct TermMatch<'g> {
    /// Byte offset where the term starts.
    pub start: usize,
    /// Byte offset just past the term.
    pub end: usize,
    /// The matching entry.
    pub entry: &'g GlossaryEntry,
}

impl Default for Glossary {
    fn default() -> Self {
        Glossary::new(Vec::new())
    }
}

impl Glossary {
    /// A glossary of `entries`; a later entry for the same term overrides an earlier one.
    pub fn new(entries: Vec<GlossaryEntry>) -> Self {
        let mut unique: Vec<GlossaryEntry> = Vec::with_capacity(entries.len());
        let mut index = std::collections::HashMap::new();
        for entry in entries {
            match index.get(&entry.term) {
                Some(&i) => unique[i] = entry,
                None => {
                    index.insert(entry.term.clone(), unique.len());
                    unique.push(entry);
                }
            }
        }
        // A DFA with no prefilter: Chinese terms share their leading UTF-8 bytes with most of
        // the text, so a prefilter only adds work, and a shipped glossary's DFA is small.
        let kind = (unique.len() <= DFA_TERMS).then_some(AhoCorasickKind::DFA);
        let matcher = (!unique.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(kind)
                .prefilter(false)
                .build(unique.iter().map(|e| to_simplified(&e.term).into_owned()))
                .expect("glossary terms form a valid automaton")
        });
        Glossary { entries: unique, matcher }
    }

    /// Loads the glossary shipped with duizhao (when `builtin`), then every `.tsv` file in
    /// `paths` (files, or folders read in name order), later files overriding earlier ones.
    /// Malformed lines are returned as errors and skipped, so one bad line never loses the
    /// rest of the glossary.
    pub fn load(builtin: bool, paths: &[PathBuf]) -> (Glossary, Vec<Error>) {
        let (entries, errors) = load_entries(builtin, paths);
        (Glossary::new(entries), errors)
    }

    /// This glossary with word readings from the user's reading lists (`--pinyin-dict`)
    /// added; where both have a term, the glossary's entry (and reading) wins.
    pub(crate) fn with_readings(self, readings: Vec<GlossaryEntry>) -> Glossary {
        Glossary::new(readings.into_iter().chain(self.entries).collect())
    }

    /// All entries, one per term.
    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    /// A short content hash of the entries (term, reading, English, note; not where they were
    /// defined), so exported translation units say which glossary they were checked against.
    pub fn version(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        for e in &self.entries {
            for field in
                [e.term.as_str(), e.reading.as_deref().unwrap_or(""), &e.english, e.note.as_deref().unwrap_or("")]
            {
                hasher.update(field.as_bytes());
                hasher.update(b"\t");
            }
            hasher.update(b"\n");
        }
        hasher.finalize().to_hex()[..12].to_string()
    }

    /// True when the glossary has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry for exactly `term`.
    pub fn get(&self, term: &str) -> Option<&GlossaryEntry> {
        self.entries.iter().find(|e| e.term == term)
    }

    /// The terms in `text`, leftmost-longest, without overlaps. Terms and text are compared
    /// in Simplified characters, so a term matches in either script.
    pub fn find_all<'g>(&'g self, text: &str) -> Vec<TermMatch<'g>> {
        let simplified = to_simplified(text);
        let mut offsets = Offsets::of(text, &simplified);
        self.find_all_simplified(&simplified)
            .map(|m| TermMatch { start: offsets.to_original(m.start), end: offsets.to_original(m.end), entry: m.entry })
            .collect()
    }

    /// [`Glossary::find_all`] in a text already in Simplified characters.
    pub(crate) fn find_all_simplified<'g>(&'g self, text: &str) -> impl Iterator<Item = TermMatch<'g>> {
        self.matcher.iter().flat_map(move |matcher| {
            matcher.find_iter(text).map(|m| TermMatch {
                start: m.start(),
                end: m.end(),
                entry: &self.entries[m.pattern().as_usize()],
            })
        })
    }
}

/// Every entry of the shipped glossary (when `builtin`) and of the `.tsv` files in `paths`,
/// in order and before later entries override earlier ones, with the malformed lines.
pub fn load_entries(builtin: bool, paths: &[PathBuf]) -> (Vec<GlossaryEntry>, Vec<Error>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    if builtin {
        for (name, text) in BUILTIN {
            parse_into(text, Path::new(name), &mut entries, &mut errors);
        }
    }
    for path in paths {
        for file in tsv_files(path, &mut errors) {
            match std::fs::read(&file) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => parse_into(&text, &file, &mut entries, &mut errors),
                    Err(_) => errors.push(Error::Glossary {
                        path: file.clone(),
                        line: 1,
                        message: "not UTF-8; save the glossary as UTF-8".into(),
                    }),
                },
                Err(e) => errors.push(Error::io(&file, e)),
            }
        }
    }
    (entries, errors)
}

/// The `.tsv` files a glossary path stands for.
fn tsv_files(path: &Path, errors: &mut Vec<Error>) -> Vec<PathBuf> {
    if path.is_dir() {
        match std::fs::read_dir(path) {
            Ok(dir) => {
                let mut files: Vec<PathBuf> = dir
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                    .collect();
                files.sort();
                files
            }
            Err(e) => {
                errors.push(Error::io(path, e));
                Vec::new()
            }
        }
    } else if path.exists() {
        vec![path.to_path_buf()]
    } else {
        errors.push(Error::NotFound { path: path.into() });
        Vec::new()
    }
}

/// Parses glossary text, appending entries and line errors.
pub fn parse_into(text: &str, path: &Path, entries: &mut Vec<GlossaryEntry>, errors: &mut Vec<Error>) {
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        match parse_line(line) {
            Ok(mut entry) => {
                entry.origin = format!("{}:{line_no}", path.display());
                entries.push(entry);
            }
            Err(message) => errors.push(Error::Glossary { path: path.into(), line: line_no, message }),
        }
    }
}

fn parse_line(line: &str) -> std::result::Result<GlossaryEntry, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() < 3 || fields.len() > 4 {
        return Err(format!(
            "expected 4 tab-separated columns (term, pinyin, english, note), found {}; separate columns with one TAB",
            fields.len()
        ));
    }
    let term = fields[0].trim();
    let english = fields[2].trim();
    if term.is_empty() {
        return Err("the term (column 1) is empty".into());
    }
    if english.is_empty() {
        return Err(format!("'{term}' has no English (column 3)"));
    }
    let reading = reading_from_column(term, fields[1].trim())?;
    let note = fields.get(3).map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    Ok(GlossaryEntry { term: term.to_string(), reading, english: english.to_string(), note, origin: String::new() })
}

/// The pinyin column (tone marks or numbers, syllables separated by spaces, Latin parts of
/// the term written as they are) in numbered form, checked against the term's Han characters.
pub(crate) fn reading_from_column(term: &str, column: &str) -> std::result::Result<Option<String>, String> {
    let han = term.chars().filter(|&c| is_han(c)).count();
    if column.is_empty() {
        return if han == 0 {
            Ok(None)
        } else {
            Err(format!("'{term}' has Chinese characters but no pinyin (column 2)"))
        };
    }
    let mut syllables = 0;
    let pieces: Vec<String> = column
        .split_whitespace()
        .map(|piece| {
            if piece.is_ascii() && term.contains(piece) && !piece.ends_with(|c: char| c.is_ascii_digit()) {
                piece.to_string()
            } else {
                syllables += 1;
                numbered_from_marks(piece)
            }
        })
        .collect();
    if syllables != han {
        return Err(format!(
            "pinyin '{column}' has {syllables} syllables for the {han} Chinese characters of '{term}'; write one syllable per character, separated by spaces"
        ));
    }
    Ok(Some(pieces.join(" ")))
}

/// A glossary error for a file, for callers that load glossaries from memory.
pub fn check(text: &str, path: &Path) -> Result<Glossary> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    parse_into(text, path, &mut entries, &mut errors);
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(Glossary::new(entries)),
    }
}

/// The part of a glossary rendering a translation must contain.
pub(crate) fn core_rendering(english: &str) -> String {
    let first = english.split(" / ").next().unwrap_or(english);
    let core = first.split(" (").next().unwrap_or(first);
    core.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(text: &str) -> Glossary {
        check(text, Path::new("g.tsv")).unwrap()
    }

    #[test]
    fn parses_and_matches_longest_first() {
        let g = glossary(
            "# comment\n小红书\tXiǎo hóng shū\tXiaohongshu\t\nTikTok难民\tTikTok nàn mín\tTikTok refugees\tnote\nTikTok\t\tTikTok\t\n",
        );
        assert_eq!(g.get("小红书").unwrap().reading.as_deref(), Some("Xiao3 hong2 shu1"));
        assert_eq!(g.get("TikTok难民").unwrap().reading.as_deref(), Some("TikTok nan4 min2"));
        let found: Vec<&str> = g.find_all("很多TikTok难民来到小红书").iter().map(|m| m.entry.term.as_str()).collect();
        assert_eq!(found, ["TikTok难民", "小红书"]);
    }

    #[test]
    fn later_entries_override() {
        let g = glossary("免签\tmiǎn qiān\tvisa exemption\t\n免签\tmiǎn qiān\tvisa-free entry\t\n");
        assert_eq!(g.entries().len(), 1);
        assert_eq!(g.get("免签").unwrap().english, "visa-free entry");
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let err = check("好\thǎo\tgood\t\n坏 huài bad\n", Path::new("x.tsv")).unwrap_err();
        assert_eq!(err.to_string().split(": ").next(), Some("x.tsv:2"));
        let err = check("小红书\tXiǎo hóng\tXiaohongshu\t\n", Path::new("x.tsv")).unwrap_err();
        assert!(err.to_string().contains("2 syllables for the 3 Chinese characters"));
    }
}
