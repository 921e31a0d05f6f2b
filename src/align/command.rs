//! `duizhao align ZH EN`: a Chinese article and an English translation of it, paired
//! paragraphs first and then sentences inside each paragraph pair. `--format links` prints
//! the sentence links for scripts; the other formats are the usual editions, built as
//! `build ZH --en EN` builds them.

use std::path::{Path, PathBuf};

use crate::align::Link;
use crate::align::sentences::Weights;
use crate::align::texts::{Pairing, Text, align_texts_as};
use crate::align::words::{TokenPair, align as align_words, english_tokens, pharaoh};
use crate::dict::glossary::Glossary;
use crate::error::{Error, Result};
use crate::ingest::{self, Format};
use crate::segment::sentences;

/// What the units of an input are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Units {
    /// Lines when both inputs are plain text without blank lines (the form sentence aligners
    /// take), else sentences.
    #[default]
    Auto,
    /// Each non-empty line is a unit, whatever it holds (`--one-per-line`).
    Lines,
    /// duizhao's own sentences, paragraph by paragraph (`--split`).
    Sentences,
}

/// An input read for aligning: its text, and whether it is plain text without blank lines.
struct Input {
    ingested: ingest::Ingested,
    lines: bool,
}

fn load(path: &Path) -> Result<Input> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let ingested = ingest::ingest(&bytes, path, None)?;
    let lines = ingested.format == Format::Text && is_lines(&ingested.text);
    Ok(Input { ingested, lines })
}

/// The units of an ingested input: its lines (one paragraph for the whole text), or its
/// sentences grouped in paragraphs.
fn text_of(path: &Path, ingested: &ingest::Ingested, by_line: bool) -> Result<Text> {
    let lines: Vec<&str> = ingested.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let text = if by_line && !lines.is_empty() {
        Text::of_lines(lines)
    } else {
        let paragraphs = ingested.blocks.iter().map(|b| sentences(&b.text).collect::<Vec<_>>());
        let mut text = Text::from_paragraphs(paragraphs);
        text.paragraphs.retain(|r| !r.is_empty());
        text
    };
    if text.sentences.is_empty() {
        return Err(Error::NoContent { path: path.into(), format: ingested.format.name().into() });
    }
    Ok(text)
}

/// True for text of at least two lines with no blank line between them: a unit a line, as
/// sentence aligners (hunalign, Bertalign, vecalign) take their input. A line may hold two
/// sentences by duizhao's splitter; it is still one unit.
fn is_lines(text: &str) -> bool {
    let body = text.trim();
    let lines: Vec<&str> = body.lines().collect();
    lines.len() >= 2 && lines.iter().all(|l| !l.trim().is_empty())
}

/// The `links` format: one link a line, `ZH<TAB>EN<TAB>CONFIDENCE`, sentence numbers 1-based
/// and comma-separated, a side empty for a 1-0 or 0-1 link, confidence with two decimals.
pub fn format_links(links: &[Link]) -> String {
    let numbers = |ids: &[usize]| ids.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(",");
    links.iter().map(|l| format!("{}\t{}\t{:.2}\n", numbers(&l.zh), numbers(&l.en), l.confidence)).collect()
}

/// Reads both inputs as `units` and returns their links in the `links` format, and what the
/// user should know: with [`Units::Auto`], inputs of different shapes (one a line a unit, the
/// other paragraphs) are both split into sentences, and said so.
pub fn links_of(zh: &Path, en: &Path, units: Units, glossary: &Glossary) -> Result<(String, Vec<String>)> {
    let (zh_input, en_input) = (load(zh)?, load(en)?);
    let mut notes = Vec::new();
    let by_line = match units {
        Units::Lines => true,
        Units::Sentences => false,
        Units::Auto if zh_input.lines == en_input.lines => zh_input.lines,
        Units::Auto => {
            let (lined, other) = if zh_input.lines { (zh, en) } else { (en, zh) };
            notes.push(format!(
                "{} has a unit a line but {} has paragraphs (blank lines or markup): both are split into \
                 sentences and the links number sentences; give both a sentence a line (or --one-per-line) to \
                 number lines",
                lined.display(),
                other.display()
            ));
            false
        }
    };
    let zh_text = text_of(zh, &zh_input.ingested, by_line)?;
    let en_text = text_of(en, &en_input.ingested, by_line)?;
    let pairing = if units == Units::Lines { Pairing::Units } else { Pairing::of(&zh_text, &en_text) };
    let found = align_texts_as(&zh_text, &en_text, glossary, pairing, Weights::default());
    // Lines are the paragraphs: their links are the paragraph links.
    Ok((format_links(if by_line { &found.paragraphs } else { &found.sentences }), notes))
}

/// Where the links of `zh` go in `dir`: `DIR/<stem>.links.tsv`.
pub fn links_path(dir: &Path, zh: &Path) -> PathBuf {
    dir.join(format!("{}.links.tsv", stem_of(zh, "links")))
}

/// Where `--format words` writes its links for `zh` in `dir`: `<stem>.words.txt`.
pub fn words_path(dir: &Path, zh: &Path) -> PathBuf {
    dir.join(format!("{}.words.txt", stem_of(zh, "words")))
}

fn stem_of(path: &Path, fallback: &str) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.split('.').next().filter(|s| !s.is_empty()).unwrap_or(fallback).to_string()
}

/// `--format words`: the texts `zh` and `en`, a sentence a line and line for line
/// translations, aligned word by word; one line a pair in Pharaoh format (`i-j`, 0-based
/// Chinese and English token indices), as fast_align and eflomal print. With `tokenized` the
/// lines are tokens separated by spaces, used as they are; otherwise the Chinese is cut by
/// duizhao's segmenter and the English split into words and punctuation.
pub fn words_of(zh: &Path, en: &Path, tokenized: bool, glossary: &Glossary) -> Result<String> {
    let read = |path: &Path| -> Result<String> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let decoded = ingest::encoding::decode(&bytes, path, None)?;
        Ok(decoded.text)
    };
    let (zh_text, en_text) = (read(zh)?, read(en)?);
    let zh_lines: Vec<&str> = zh_text.lines().collect();
    let en_lines: Vec<&str> = en_text.lines().collect();
    // A final empty line is the file's end, not a pair.
    let trim = |lines: &[&str]| lines.len() - lines.iter().rev().take_while(|l| l.trim().is_empty()).count();
    let (zh_count, en_count) = (trim(&zh_lines), trim(&en_lines));
    if zh_count != en_count {
        return Err(Error::Unpaired {
            path: en.into(),
            message: format!(
                "{en_count} lines, but {} has {zh_count}: word alignment takes a sentence a line, line {} of each the \
                 translation of the other; align the sentences first (duizhao align --format links)",
                zh.display(),
                zh_count.min(en_count) + 1
            ),
        });
    }
    let pairs: Vec<TokenPair> = zh_lines[..zh_count]
        .iter()
        .zip(&en_lines[..en_count])
        .map(|(z, e)| {
            if tokenized {
                TokenPair::from_tokenized(z, e)
            } else {
                let words = crate::segment::words(z.trim(), glossary);
                let words: Vec<_> = words.iter().filter(|w| !w.text.trim().is_empty()).collect();
                TokenPair {
                    zh: words.iter().map(|w| w.text.to_string()).collect(),
                    en: english_tokens(e),
                    glossary: words.iter().map(|w| w.entry.map(|entry| entry.english.clone())).collect(),
                }
            }
        })
        .collect();
    Ok(align_words(&pairs, &[]).iter().map(|links| pharaoh(links) + "\n").collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_lines() {
        let found = [
            Link { zh: vec![0], en: vec![0, 1], confidence: 0.912 },
            Link { zh: vec![1], en: vec![], confidence: 0.2 },
            Link { zh: vec![], en: vec![2], confidence: 0.2 },
        ];
        assert_eq!(format_links(&found), "1\t1,2\t0.91\n2\t\t0.20\n\t3\t0.20\n");
    }

    #[test]
    fn line_detection() {
        assert!(is_lines("我来了。\n他走了。\n"));
        // A line of two sentences is still one line.
        assert!(is_lines("我来了。他走了。\n好。"));
        assert!(!is_lines("我来了。\n\n他走了。"));
        assert!(!is_lines("一行。"));
    }
}
