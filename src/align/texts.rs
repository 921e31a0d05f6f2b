//! Two texts aligned, the one way duizhao aligns: paragraphs paired first ([`super::links`]:
//! lengths, numbers, Latin words and glossary renderings as anchors), then sentences inside
//! each paragraph pair ([`Aligner`]), with Moore's second pass learned over the whole text.
//! `duizhao align` and `build --en` both come through here.

use std::ops::Range;

use crate::align::lexical::is_stop;
use crate::align::sentences::{Aligner, Weights};
use crate::align::{Link, Unit, length, links, text_anchors};
use crate::dict::glossary::{Glossary, core_rendering};

/// One side of an alignment: its sentences in reading order, grouped in paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text {
    /// The sentences, trimmed.
    pub sentences: Vec<String>,
    /// Each paragraph as a range of `sentences` (empty for a paragraph without sentences).
    pub paragraphs: Vec<Range<usize>>,
}

impl Text {
    /// A text from its paragraphs, each given as its sentences; blank sentences are dropped.
    pub fn from_paragraphs<P, S>(paragraphs: P) -> Text
    where
        P: IntoIterator,
        P::Item: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut text = Text::default();
        for paragraph in paragraphs {
            let start = text.sentences.len();
            text.sentences
                .extend(paragraph.into_iter().map(|s| s.as_ref().trim().to_string()).filter(|s| !s.is_empty()));
            text.paragraphs.push(start..text.sentences.len());
        }
        text
    }

    /// The sentences of paragraphs `ids` (consecutive), as one range.
    pub fn span(&self, ids: &[usize]) -> Range<usize> {
        match (ids.first(), ids.last()) {
            (Some(&a), Some(&b)) => self.paragraphs[a].start..self.paragraphs[b].end,
            _ => 0..0,
        }
    }

    fn all(&self) -> Vec<&str> {
        self.sentences.iter().map(String::as_str).collect()
    }
}

/// The links of two texts: paragraphs, and sentences numbered over the whole texts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextLinks {
    /// Paragraph links, in reading order.
    pub paragraphs: Vec<Link>,
    /// Sentence links, in reading order; each lies inside one paragraph link.
    pub sentences: Vec<Link>,
}

/// Aligns `zh` with `en`. When either side is a single paragraph (a text a line a sentence,
/// or a short piece) everything is one paragraph link.
pub fn align_texts(zh: &Text, en: &Text, glossary: &Glossary) -> TextLinks {
    let paragraphs = if zh.paragraphs.len() < 2 || en.paragraphs.len() < 2 {
        let all = |t: &Text| (0..t.paragraphs.len()).collect::<Vec<_>>();
        vec![Link { zh: all(zh), en: all(en), confidence: 1.0 }]
    } else {
        pair_paragraphs(zh, en, glossary)
    };
    let mut aligner = Aligner::new(&zh.all(), &en.all(), glossary, Weights::default());
    let pass = |aligner: &Aligner| {
        let mut out = Vec::new();
        for paragraph_link in &paragraphs {
            let (zr, er) = (zh.span(&paragraph_link.zh), en.span(&paragraph_link.en));
            if zr.is_empty() || er.is_empty() {
                out.extend(zr.map(|i| Link { zh: vec![i], en: Vec::new(), confidence: 0.2 }));
                out.extend(er.map(|j| Link { zh: Vec::new(), en: vec![j], confidence: 0.2 }));
                continue;
            }
            if zr.len() == 1 && paragraph_link.zh.len() == 1 {
                // One Chinese sentence: all the English of its paragraph is its, as sure as the
                // paragraph pairing.
                out.push(Link { zh: zr.collect(), en: er.collect(), confidence: paragraph_link.confidence });
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
    let sentences = if aligner.learn(&first) { pass(&aligner) } else { first };
    TextLinks { paragraphs, sentences }
}

/// Paragraph links: lengths, with numbers, Latin words and the glossary's renderings of the
/// Chinese terms as anchors a true pair shares.
fn pair_paragraphs(zh: &Text, en: &Text, glossary: &Glossary) -> Vec<Link> {
    let joined = |t: &Text, r: &Range<usize>| t.sentences[r.clone()].join(" ");
    let zh_units: Vec<Unit> = zh
        .paragraphs
        .iter()
        .map(|r| {
            let text = joined(zh, r);
            let mut anchors = text_anchors(&text);
            anchors.extend(renderings(&text, glossary));
            Unit { chars: length(&text), anchors }
        })
        .collect();
    let en_units: Vec<Unit> = en
        .paragraphs
        .iter()
        .map(|r| {
            let text = joined(en, r);
            Unit { chars: length(&text), anchors: text_anchors(&text) }
        })
        .collect();
    links(&zh_units, &en_units, None)
}

/// The content words of the glossary's renderings of the terms in `text`, as anchors an
/// English text shows: 穆峰 "Mu Feng" gives "mu" and "feng".
fn renderings(text: &str, glossary: &Glossary) -> Vec<String> {
    glossary
        .find_all(text)
        .into_iter()
        .flat_map(|m| text_anchors(&core_rendering(&m.entry.english)))
        .filter(|w| !is_stop(w))
        .collect()
}
