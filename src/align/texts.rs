//! Two texts aligned, the one way duizhao aligns: paragraphs paired first ([`super::links`]:
//! lengths, numbers, Latin words and glossary renderings as anchors), then sentences inside
//! each paragraph pair ([`Aligner`]), with Moore's second pass learned over the whole text.
//! `duizhao align` and `build --en` both come through here.

use std::ops::Range;

use crate::align::lexical::is_stop;
use crate::align::sentences::{self, Aligner, Weights};
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

    /// A text a line a paragraph, each line cut into sentences by duizhao's splitter: how
    /// `duizhao align` reads texts a sentence a line, and how a build reads such a file.
    pub fn of_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Text {
        Text::from_paragraphs(lines.into_iter().map(crate::segment::sentences))
    }

    /// The sentences of paragraphs `ids` (consecutive), as one range.
    pub fn span(&self, ids: &[usize]) -> Range<usize> {
        match (ids.first(), ids.last()) {
            (Some(&a), Some(&b)) => self.paragraphs[a].start..self.paragraphs[b].end,
            _ => 0..0,
        }
    }

    /// True when at least four paragraphs in five hold one sentence or none.
    fn is_a_sentence_a_paragraph(&self) -> bool {
        let short = self.paragraphs.iter().filter(|r| r.len() <= 1).count();
        !self.paragraphs.is_empty() && short * 5 >= self.paragraphs.len() * 4
    }

    /// For each sentence, the index of its paragraph.
    pub(crate) fn paragraph_of_each_sentence(&self) -> Vec<usize> {
        let mut out = vec![0; self.sentences.len()];
        for (p, range) in self.paragraphs.iter().enumerate() {
            out[range.clone()].iter_mut().for_each(|x| *x = p);
        }
        out
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

impl TextLinks {
    /// The sentence links inside each paragraph link, in order: a link goes with the paragraph
    /// link of its first Chinese sentence, or of its first English one when it has none.
    pub fn sentences_by_paragraph_link(&self, zh: &Text, en: &Text) -> Vec<Vec<&Link>> {
        let owner = |t: &Text, side: fn(&Link) -> &Vec<usize>| {
            let mut of = vec![0; t.paragraphs.len()];
            for (k, link) in self.paragraphs.iter().enumerate() {
                side(link).iter().for_each(|&p| of[p] = k);
            }
            of
        };
        let (zh_link, en_link) = (owner(zh, |l| &l.zh), owner(en, |l| &l.en));
        let (zh_of, en_of) = (zh.paragraph_of_each_sentence(), en.paragraph_of_each_sentence());
        let mut out = vec![Vec::new(); self.paragraphs.len()];
        for link in &self.sentences {
            let k = match (link.zh.first(), link.en.first()) {
                (Some(&i), _) => zh_link[zh_of[i]],
                (None, Some(&j)) => en_link[en_of[j]],
                (None, None) => continue,
            };
            out[k].push(link);
        }
        out
    }
}

/// How two texts are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// Paragraphs are the units, aligned as sentences are; then sentences inside each link.
    /// For texts a sentence a line, as sentence aligners take them: `--one-per-line`, or both
    /// texts holding about a sentence a paragraph.
    Units,
    /// The sentences of the whole texts at once, the paragraph links following from them: for
    /// a text of one paragraph, or one a sentence a paragraph against one in paragraphs.
    Whole,
    /// Paragraphs paired on lengths and anchors first, then sentences inside each pair.
    Paragraphs,
}

impl Pairing {
    /// The pairing the shapes of `zh` and `en` call for.
    pub fn of(zh: &Text, en: &Text) -> Pairing {
        let (zh_lines, en_lines) = (zh.is_a_sentence_a_paragraph(), en.is_a_sentence_a_paragraph());
        if zh.paragraphs.len() < 2 || en.paragraphs.len() < 2 {
            Pairing::Whole
        } else if zh_lines && en_lines {
            Pairing::Units
        } else if zh_lines || en_lines {
            Pairing::Whole
        } else {
            Pairing::Paragraphs
        }
    }
}

/// Aligns `zh` with `en`, paired as their shapes call for ([`Pairing::of`]): the one function
/// behind `duizhao align` and every edition built with an English translation.
pub fn align_texts(zh: &Text, en: &Text, glossary: &Glossary) -> TextLinks {
    align_texts_as(zh, en, glossary, Pairing::of(zh, en), Weights::default())
}

/// Aligns `zh` with `en` paired as `pairing` says, with `weights` (the evaluation tries
/// others; duizhao uses the default).
pub fn align_texts_as(zh: &Text, en: &Text, glossary: &Glossary, pairing: Pairing, weights: Weights) -> TextLinks {
    let paragraphs = match pairing {
        Pairing::Units => align_units(zh, en, glossary, weights),
        Pairing::Whole => {
            let all = |t: &Text| (0..t.paragraphs.len()).collect::<Vec<_>>();
            vec![Link { zh: all(zh), en: all(en), confidence: 1.0 }]
        }
        Pairing::Paragraphs => pair_paragraphs(zh, en, glossary),
    };
    let mut aligner = Aligner::new(&zh.all(), &en.all(), glossary, weights);
    aligner.paragraphs(&zh.paragraphs, &en.paragraphs);
    let first = sentences_inside(&aligner, &paragraphs, zh, en);
    let sentences = if aligner.learn(&first) { sentences_inside(&aligner, &paragraphs, zh, en) } else { first };
    let paragraphs = if pairing == Pairing::Whole { paragraphs_of(&sentences, zh, en) } else { paragraphs };
    TextLinks { paragraphs, sentences }
}

/// The sentence links inside each paragraph link, numbered over the whole texts.
fn sentences_inside(aligner: &Aligner, paragraphs: &[Link], zh: &Text, en: &Text) -> Vec<Link> {
    let mut out = Vec::new();
    for paragraph_link in paragraphs {
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
}

/// Paragraph links with the paragraphs as the units of the sentence aligner, each paragraph's
/// sentences read as one; paragraphs without sentences are left unpartnered in place.
fn align_units(zh: &Text, en: &Text, glossary: &Glossary, weights: Weights) -> Vec<Link> {
    let units = |t: &Text| -> (Vec<String>, Vec<usize>) {
        let kept: Vec<usize> = (0..t.paragraphs.len()).filter(|&p| !t.paragraphs[p].is_empty()).collect();
        (kept.iter().map(|&p| t.sentences[t.paragraphs[p].clone()].join(" ")).collect(), kept)
    };
    let ((zh_units, zh_kept), (en_units, en_kept)) = (units(zh), units(en));
    let zh_strs: Vec<&str> = zh_units.iter().map(String::as_str).collect();
    let en_strs: Vec<&str> = en_units.iter().map(String::as_str).collect();
    let found = sentences::align(&zh_strs, &en_strs, glossary, weights);
    let mut out: Vec<Link> = found
        .into_iter()
        .map(|l| Link {
            zh: l.zh.iter().map(|&i| zh_kept[i]).collect(),
            en: l.en.iter().map(|&j| en_kept[j]).collect(),
            confidence: l.confidence,
        })
        .collect();
    place_empty_paragraphs(&mut out, zh, en);
    out
}

/// Paragraph links that follow from sentence links: paragraphs that share a sentence link are
/// in one paragraph link, and a paragraph without sentences gets a link of its own, after its
/// predecessor's.
fn paragraphs_of(sentences: &[Link], zh: &Text, en: &Text) -> Vec<Link> {
    let (zh_of, en_of) = (zh.paragraph_of_each_sentence(), en.paragraph_of_each_sentence());
    let mut out: Vec<Link> = Vec::new();
    for link in sentences {
        let zps: Vec<usize> = link.zh.iter().map(|&i| zh_of[i]).collect();
        let eps: Vec<usize> = link.en.iter().map(|&j| en_of[j]).collect();
        let shares = |l: &Link| zps.iter().any(|p| l.zh.contains(p)) || eps.iter().any(|p| l.en.contains(p));
        // Unpartnered sentences may come between the links of one paragraph: the paragraph
        // link then takes in everything from the first group it shares a paragraph with.
        let mut group = Link { zh: zps.clone(), en: eps.clone(), confidence: link.confidence };
        if let Some(first) = out.iter().position(shares) {
            for earlier in out.drain(first..) {
                group.zh.extend(earlier.zh);
                group.en.extend(earlier.en);
                group.confidence = group.confidence.min(earlier.confidence);
            }
        }
        group.zh.sort_unstable();
        group.zh.dedup();
        group.en.sort_unstable();
        group.en.dedup();
        out.push(group);
    }
    place_empty_paragraphs(&mut out, zh, en);
    out
}

/// Gives each paragraph without sentences a link of its own, after its predecessor's.
fn place_empty_paragraphs(out: &mut Vec<Link>, zh: &Text, en: &Text) {
    for (p, _) in zh.paragraphs.iter().enumerate().filter(|(_, r)| r.is_empty()) {
        let at = p.checked_sub(1).and_then(|q| out.iter().position(|l| l.zh.contains(&q))).map_or(0, |k| k + 1);
        out.insert(at, Link { zh: vec![p], en: Vec::new(), confidence: 0.2 });
    }
    for (p, _) in en.paragraphs.iter().enumerate().filter(|(_, r)| r.is_empty()) {
        let at = p.checked_sub(1).and_then(|q| out.iter().position(|l| l.en.contains(&q))).map_or(0, |k| k + 1);
        out.insert(at, Link { zh: Vec::new(), en: vec![p], confidence: 0.2 });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: &[usize], en: &[usize]) -> Link {
        Link { zh: zh.to_vec(), en: en.to_vec(), confidence: 0.9 }
    }

    #[test]
    fn paragraph_links_follow_sentence_links() {
        // Chinese paragraphs: [s0], [], [s1], [s2, s3]; English: [t0], [t1], [t2], [t3].
        let zh = Text::from_paragraphs([vec!["一。"], vec![], vec!["二。"], vec!["三。", "四。"]]);
        let en = Text::from_paragraphs([vec!["One."], vec!["Two,"], vec!["two."], vec!["Three, four."]]);
        let sentences = [link(&[0], &[0]), link(&[1], &[1, 2]), link(&[2, 3], &[3])];
        let found: Vec<(Vec<usize>, Vec<usize>)> =
            paragraphs_of(&sentences, &zh, &en).into_iter().map(|l| (l.zh, l.en)).collect();
        assert_eq!(found, [(vec![0], vec![0]), (vec![1], vec![]), (vec![2], vec![1, 2]), (vec![3], vec![3])]);
    }

    #[test]
    fn an_untranslated_paragraph_is_left_out_whole() {
        let untranslated = vec!["第二段没有翻译。"; 8];
        let zh = Text::from_paragraphs([vec!["公主走进花园，看见了很多花。"], untranslated, vec!["老人在河边钓鱼。"]]);
        let en = Text::from_paragraphs([
            vec!["The princess walked into the garden and saw many flowers."],
            vec!["The old man fished by the river."],
        ]);
        let found = align_texts(&zh, &en, &Glossary::default());
        let paragraphs: Vec<(Vec<usize>, Vec<usize>)> = found.paragraphs.into_iter().map(|l| (l.zh, l.en)).collect();
        assert_eq!(paragraphs, [(vec![0], vec![0]), (vec![1], vec![]), (vec![2], vec![1])]);
        assert_eq!(found.sentences.iter().filter(|l| l.en.is_empty()).count(), 8);
    }

    #[test]
    fn a_sentence_a_paragraph() {
        assert!(Text::from_paragraphs([vec!["一。"], vec!["二。"], vec!["三。"]]).is_a_sentence_a_paragraph());
        assert!(!Text::from_paragraphs([vec!["一。", "二。"], vec!["三。"]]).is_a_sentence_a_paragraph());
    }
}
