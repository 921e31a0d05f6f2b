//! `duizhao align ZH EN`: a Chinese article and an English translation of it, paired
//! paragraphs first and then sentences inside each paragraph pair. `--format links` prints
//! the sentence links for scripts; the other formats are the usual editions, built as
//! `build ZH --en EN` builds them.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::align::sentences::{Aligner, Weights};
use crate::align::{Link, Unit, length, links, text_anchors};
use crate::dict::glossary::Glossary;
use crate::error::{Error, Result};
use crate::ingest::{self, Format};
use crate::segment::sentences;

/// One side of an alignment: its sentences in reading order, grouped in paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text {
    /// The sentences, trimmed.
    pub sentences: Vec<String>,
    /// Each paragraph as a range of `sentences`.
    pub paragraphs: Vec<Range<usize>>,
}

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
    if by_line && !lines.is_empty() {
        let sentences: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let whole = 0..sentences.len();
        return Ok(Text { sentences, paragraphs: Vec::from([whole]) });
    }
    let mut text = Text::default();
    for block in &ingested.blocks {
        let start = text.sentences.len();
        text.sentences.extend(sentences(&block.text).map(str::trim).filter(|s| !s.is_empty()).map(String::from));
        if text.sentences.len() > start {
            text.paragraphs.push(start..text.sentences.len());
        }
    }
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

/// Sentence links between `zh` and `en`, with sentence indexes over the whole texts. When
/// both sides have several paragraphs they are paired first ([`links`]) and sentences are
/// aligned inside each pair; otherwise the sentences are aligned in one pass. Either way the
/// sure links of that pass teach the second ([`Aligner::learn`]).
pub fn align_texts(zh: &Text, en: &Text, glossary: &Glossary) -> Vec<Link> {
    let mut aligner = Aligner::new(&all(zh), &all(en), glossary, Weights::default());
    if zh.paragraphs.len() < 2 || en.paragraphs.len() < 2 {
        let whole = |t: &Text| 0..t.sentences.len();
        let first = aligner.links(whole(zh), whole(en));
        return if aligner.learn(&first) { aligner.links(whole(zh), whole(en)) } else { first };
    }
    let unit = |t: &Text, r: &Range<usize>| {
        let joined = t.sentences[r.clone()].join(" ");
        Unit { chars: length(&joined), anchors: text_anchors(&joined) }
    };
    let zh_units: Vec<Unit> = zh.paragraphs.iter().map(|r| unit(zh, r)).collect();
    let en_units: Vec<Unit> = en.paragraphs.iter().map(|r| unit(en, r)).collect();
    let span = |t: &Text, ids: &[usize]| -> Range<usize> {
        match (ids.first(), ids.last()) {
            (Some(&a), Some(&b)) => t.paragraphs[a].start..t.paragraphs[b].end,
            _ => 0..0,
        }
    };
    let paragraph_links = links(&zh_units, &en_units, None);
    let pass = |aligner: &Aligner| {
        let mut out = Vec::new();
        for paragraph_link in &paragraph_links {
            let zr = span(zh, &paragraph_link.zh);
            let er = span(en, &paragraph_link.en);
            if zr.is_empty() || er.is_empty() {
                out.extend(zr.map(|i| Link { zh: vec![i], en: Vec::new(), confidence: 0.2 }));
                out.extend(er.map(|j| Link { zh: Vec::new(), en: vec![j], confidence: 0.2 }));
                continue;
            }
            out.extend(aligner.links(zr, er).into_iter().map(|l| Link {
                // A sentence link is no surer than the paragraph pairing it sits in.
                confidence: l.confidence.min(paragraph_link.confidence.max(0.5)),
                ..l
            }));
        }
        out
    };
    let first = pass(&aligner);
    if aligner.learn(&first) { pass(&aligner) } else { first }
}

fn all(t: &Text) -> Vec<&str> {
    t.sentences.iter().map(String::as_str).collect()
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
    Ok((format_links(&align_texts(&zh_text, &en_text, glossary)), notes))
}

/// Where the links of `zh` go in `dir`: `DIR/<stem>.links.tsv`.
pub fn links_path(dir: &Path, zh: &Path) -> PathBuf {
    let stem = zh.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "links".into());
    let stem = stem.split('.').next().filter(|s| !s.is_empty()).unwrap_or("links").to_string();
    dir.join(format!("{stem}.links.tsv"))
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
