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
    pub(crate) fn from_paragraphs<P, S>(paragraphs: P) -> Text
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
pub(crate) struct TextLinks {
    /// Paragraph links, in reading order.
    pub paragraphs: Vec<Link>,
    /// Sentence links, in reading order; each lies inside one paragraph link.
    pub sentences: Vec<Link>,
}

impl TextLinks {
    /// The sentence links inside each paragraph link, in order: a link goes with the paragraph
    /// link of its first Chinese sentence, or of its first English one when it has none.
    pub(crate) fn sentences_by_paragraph_link(&self, zh: &Text, en: &Text) -> Vec<Vec<&Link>> {
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

/// Aligns `zh` with `en`. When either side is a single paragraph, or a sentence a paragraph
/// (a text a line a sentence, as sentence aligners take it), paragraphs say too little to
/// pair on their own: the sentences of the whole texts are aligned at once (a paragraph the
/// other text leaves out costing about one unpartnered sentence, not one per sentence) and
/// the paragraph links follow from the sentence links. Otherwise paragraphs are paired first
/// and sentences aligned inside each pair.
pub(crate) fn align_texts(zh: &Text, en: &Text, glossary: &Glossary) -> TextLinks {
    let whole = zh.paragraphs.len() < 2
        || en.paragraphs.len() < 2
        || zh.is_a_sentence_a_paragraph()
        || en.is_a_sentence_a_paragraph();
    let paragraphs = if whole {
        let all = |t: &Text| (0..t.paragraphs.len()).collect::<Vec<_>>();
        vec![Link { zh: all(zh), en: all(en), confidence: 1.0 }]
    } else {
        pair_paragraphs(zh, en, glossary)
    };
    let mut aligner = Aligner::new(&zh.all(), &en.all(), glossary, Weights::default());
    aligner.paragraphs(&zh.paragraphs, &en.paragraphs);
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
    let paragraphs = if whole { paragraphs_of(&sentences, zh, en) } else { paragraphs };
    TextLinks { paragraphs, sentences }
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
    for (p, _) in zh.paragraphs.iter().enumerate().filter(|(_, r)| r.is_empty()) {
        let at = p.checked_sub(1).and_then(|q| out.iter().position(|l| l.zh.contains(&q))).map_or(0, |k| k + 1);
        out.insert(at, Link { zh: vec![p], en: Vec::new(), confidence: 0.2 });
    }
    for (p, _) in en.paragraphs.iter().enumerate().filter(|(_, r)| r.is_empty()) {
        let at = p.checked_sub(1).and_then(|q| out.iter().position(|l| l.en.contains(&q))).map_or(0, |k| k + 1);
        out.insert(at, Link { zh: Vec::new(), en: vec![p], confidence: 0.2 });
    }
    out
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
