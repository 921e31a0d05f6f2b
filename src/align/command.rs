//! `duizhao align ZH EN`: a Chinese article and an English translation of it, paired
//! paragraphs first and then sentences inside each paragraph pair. `--format links` prints
//! the sentence links for scripts; the other formats are the usual editions, built as
//! `build ZH --en EN` builds them.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::align::sentences::{Weights, align};
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

/// Reads an input of any supported format. Plain text whose lines are all single sentences,
/// with no blank lines, is read one sentence a line (each line one sentence, one paragraph
/// for the whole text); `one_per_line` forces that reading.
pub fn read(path: &Path, one_per_line: bool) -> Result<Text> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let ingested = ingest::ingest(&bytes, path, None)?;
    let lines: Vec<&str> = ingested.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if one_per_line || (ingested.format == Format::Text && is_one_per_line(&ingested.text)) {
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

/// True for text with at least two lines, no blank line between them, each one sentence.
fn is_one_per_line(text: &str) -> bool {
    let body = text.trim();
    let lines: Vec<&str> = body.lines().collect();
    lines.len() >= 2 && lines.iter().all(|l| !l.trim().is_empty() && sentences(l.trim()).count() == 1)
}

/// Sentence links between `zh` and `en`, with sentence indexes over the whole texts. When
/// both sides have several paragraphs they are paired first ([`links`]) and sentences are
/// aligned inside each pair; otherwise the sentences are aligned in one pass.
pub fn align_texts(zh: &Text, en: &Text, glossary: &Glossary) -> Vec<Link> {
    if zh.paragraphs.len() < 2 || en.paragraphs.len() < 2 {
        return align(&all(zh), &all(en), glossary, Weights::default());
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
    let mut out = Vec::new();
    for paragraph_link in links(&zh_units, &en_units, None) {
        let zr = span(zh, &paragraph_link.zh);
        let er = span(en, &paragraph_link.en);
        if zr.is_empty() || er.is_empty() {
            out.extend(zr.map(|i| Link { zh: vec![i], en: Vec::new(), confidence: 0.2 }));
            out.extend(er.map(|j| Link { zh: Vec::new(), en: vec![j], confidence: 0.2 }));
            continue;
        }
        let inner = align(&all(zh)[zr.clone()], &all(en)[er.clone()], glossary, Weights::default());
        out.extend(inner.into_iter().map(|l| Link {
            zh: l.zh.iter().map(|i| i + zr.start).collect(),
            en: l.en.iter().map(|j| j + er.start).collect(),
            // A sentence link is no surer than the paragraph pairing it sits in.
            confidence: l.confidence.min(paragraph_link.confidence.max(0.5)),
        }));
    }
    out
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

/// Reads both inputs and returns their links in the `links` format.
pub fn links_of(zh: &Path, en: &Path, one_per_line: bool, glossary: &Glossary) -> Result<String> {
    let zh_text = read(zh, one_per_line)?;
    let en_text = read(en, one_per_line)?;
    Ok(format_links(&align_texts(&zh_text, &en_text, glossary)))
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
    fn one_per_line_detection() {
        assert!(is_one_per_line("我来了。\n他走了。\n"));
        assert!(!is_one_per_line("我来了。他走了。\n好。"));
        assert!(!is_one_per_line("我来了。\n\n他走了。"));
        assert!(!is_one_per_line("一行。"));
    }
}
