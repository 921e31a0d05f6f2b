//! Pairs a document with an English translation the user already has, with the aligner
//! `duizhao align` uses ([`super::texts`]): paragraph links, the English of merged paragraphs
//! shared out by the sentence links, sentences filled where they line up, each sentence link's
//! confidence kept, and every unsure or unpartnered paragraph marked, never dropped or shifted.

use crate::align::doubt::doubts;
use crate::align::sentences::pair_with_english;
use crate::align::texts::{Text, align_texts};
use crate::align::{Link, UNSURE, is_sure_reshape};
use crate::dict::glossary::Glossary;
use crate::document::{
    Alignment, Block, Document, Paragraph, ParagraphKind, SentenceLink, TranslationInfo, english_only_id,
};
use crate::segment::sentences;

/// Why a link is among the build's warnings.
const DOUBTED: &str = "a second model of the pairing finds it likely wrong";

/// Attaches `english` (the translation's paragraphs, title excluded) to the segmented `doc`,
/// the glossary's renderings helping to pair paragraphs and sentences. Returns one line per
/// link a reviewer should look at.
pub(crate) fn attach(doc: &mut Document, english: &[Block], glossary: &Glossary, info: TranslationInfo) -> Vec<String> {
    let zh = Text::from_paragraphs(doc.paragraphs.iter().map(|p| p.sentences.iter().map(|s| s.zh.as_str())));
    let en_sentences: Vec<Vec<&str>> = english.iter().map(|b| sentences(&b.text).collect()).collect();
    let en = Text::from_paragraphs(&en_sentences);
    let found = align_texts(&zh, &en, glossary);
    let doubts = doubts(&zh, &en, &found.paragraphs);
    let inside = found.sentences_by_paragraph_link(&zh, &en);
    let mut findings = Vec::new();
    let old = std::mem::take(&mut doc.paragraphs);
    let mut old: Vec<Option<Paragraph>> = old.into_iter().map(Some).collect();
    let (mut orphans, mut unsure, mut reshaped, mut noted) = (0, 0, 0, 0);
    for ((link, inside), doubt) in found.paragraphs.iter().zip(&inside).zip(&doubts) {
        let doubtful = doubt.likely_wrong;
        let texts: Vec<&str> = link.en.iter().map(|&j| english[j].text.as_str()).collect();
        let en_numbers: Vec<usize> = link.en.iter().map(|j| j + 1).collect();
        let shape = format!("{}-{}", link.zh.len(), link.en.len());
        if link.zh.is_empty() {
            orphans += 1;
            let after = doc.paragraphs.last().map_or("p0".to_string(), |p| p.id.clone());
            let note = "English paragraph with no Chinese partner".to_string();
            // Always a warning (`Alignment::warns`): English a reviewer has to place.
            let why = if doubtful { format!("; {DOUBTED}") } else { String::new() };
            findings
                .push(format!("English paragraph {} has no Chinese partner (shown after {after}){why}", en_numbers[0]));
            doc.paragraphs.push(Paragraph {
                id: english_only_id(&after, orphans),
                kind: ParagraphKind::Text,
                level: None,
                zh: String::new(),
                en: Some(texts.join(" ")),
                sentences: Vec::new(),
                tokens: Vec::new(),
                alignment: Some(alignment(
                    &shape,
                    en_numbers.clone(),
                    link,
                    Some(note),
                    unpartnered(inside, &en, link),
                    doubtful,
                )),
                error: None,
                translation_source: None,
                margin_notes: Vec::new(),
            });
            continue;
        }
        let ids: Vec<String> = link.zh.iter().map(|&i| format!("p{}", i + 1)).collect();
        let note = match (link.zh.len(), link.en.len()) {
            (_, 0) => Some("no English partner: this paragraph is not in the translation".to_string()),
            (1, 1) if link.confidence >= UNSURE => None,
            (1, 1) => Some("unsure pairing: check that the English matches".to_string()),
            (1, k) => Some(format!("split into {k} paragraphs in the translation")),
            (k, 1) => Some(format!("{k} paragraphs ({}) merged into one in the translation", ids.join(", "))),
            (k, l) => Some(format!("{k} paragraphs translated as {l}")),
        };
        if doubtful {
            let what = note.as_deref().unwrap_or("the pairing");
            findings.push(format!("{}: {what} (confidence {:.2}); {DOUBTED}", ids.join("+"), link.confidence));
        } else if is_sure_reshape(link.zh.len(), link.en.len(), link.confidence) {
            reshaped += 1;
        } else if note.is_some() {
            noted += 1;
        }
        for &i in &link.zh {
            let mut p = old[i].take().expect("each paragraph is linked once");
            let share = Share::of(inside, &zh, link, i);
            p.en = if link.zh.len() == 1 {
                // The English exactly as given, its paragraphs joined.
                (!link.en.is_empty()).then(|| texts.join(" "))
            } else {
                let mine: Vec<&str> = share.en.iter().map(|&j| en.sentences[j].as_str()).collect();
                (!mine.is_empty()).then(|| mine.join(" "))
            };
            share.fill(&mut p, &en);
            let paired = alignment(&shape, en_numbers.clone(), link, note.clone(), share.numbered(), doubtful);
            unsure += paired.unsure_sentence_links(UNSURE).count();
            p.alignment = Some(paired);
            doc.paragraphs.push(p);
        }
    }
    if reshaped > 0 {
        findings.push(format!(
            "{reshaped} paragraph links merge or split paragraphs as the translation does; the QA report notes them (info)"
        ));
    }
    if noted > 0 {
        findings.push(format!(
            "{noted} paragraph links the aligner is unsure of, or that leave a paragraph unpartnered, are noted in the QA report (info): a second model of the pairing does not doubt them"
        ));
    }
    if unsure > 0 {
        findings.push(format!("{unsure} sentence links under {UNSURE:.2} confidence are listed in the QA report"));
    }
    doc.meta.translation = Some(info);
    findings
}

/// The sentence links of a paragraph whose English a person gave (a reviewer's fix): its
/// Chinese sentences aligned with the sentences of its English, numbered as the JSON numbers
/// them, as sure as the person's pairing. None when it has no English or no sentences, or when
/// a sentence would be left without a partner: the person paired the paragraphs, not that.
pub(crate) fn sentence_links(p: &Paragraph) -> Vec<SentenceLink> {
    let Some((en, found)) = pair_with_english(p) else { return Vec::new() };
    let found = if p.sentences.len() == 1 {
        // One Chinese sentence: all the English is its, as the aligner pairs it in a text.
        vec![Link { zh: vec![0], en: (0..en.len()).collect(), confidence: 1.0 }]
    } else {
        found
    };
    if found.iter().any(|l| l.zh.is_empty() || l.en.is_empty()) {
        return Vec::new();
    }
    found
        .into_iter()
        .map(|l| SentenceLink {
            zh: l.zh.iter().map(|i| i + 1).collect(),
            en: l.en.iter().map(|j| j + 1).collect(),
            confidence: 1.0,
            words: Vec::new(),
        })
        .collect()
}

/// The sentence links of English paragraphs with no Chinese partner (`inside` their
/// paragraph link), numbered in their English.
fn unpartnered(inside: &[&Link], en: &Text, link: &Link) -> Vec<SentenceLink> {
    let start = en.span(&link.en).start;
    inside
        .iter()
        .map(|l| SentenceLink {
            zh: Vec::new(),
            en: l.en.iter().map(|j| j + 1 - start).collect(),
            confidence: (l.confidence * 100.0).round() / 100.0,
            words: Vec::new(),
        })
        .collect()
}

/// What one Chinese paragraph of a paragraph link gets: the sentence links that start in it
/// (an English sentence with no Chinese partner goes with the link before it) and their
/// English sentences, numbered over the whole texts.
struct Share {
    /// The paragraph's first sentence.
    first_zh: usize,
    links: Vec<Link>,
    en: Vec<usize>,
}

impl Share {
    /// The share of Chinese paragraph `paragraph` of paragraph link `link`, whose sentence
    /// links are `inside`.
    fn of(inside: &[&Link], zh: &Text, link: &Link, paragraph: usize) -> Share {
        let mine = zh.paragraphs[paragraph].clone();
        let mut owner = zh.paragraphs[link.zh[0]].start;
        let mut links = Vec::new();
        for &l in inside {
            if let Some(&i) = l.zh.first() {
                owner = i;
            }
            if mine.contains(&owner) {
                links.push(l.clone());
            }
        }
        let en = links.iter().flat_map(|l| l.en.iter().copied()).collect();
        Share { first_zh: mine.start, links, en }
    }

    /// Puts each sentence's English in place when every Chinese sentence of the paragraph has
    /// a link of its own (one Chinese sentence to one or more English ones). An English
    /// sentence with no Chinese partner travels with the Chinese sentence before it (the
    /// first one's, when it opens the paragraph), so that every English sentence is in some
    /// sentence's English and every export carries it.
    fn fill(&self, p: &mut Paragraph, en: &Text) {
        for s in &mut p.sentences {
            s.en = None;
        }
        let own = |l: &Link| l.zh.len() == 1 && !l.en.is_empty();
        let linked: Vec<&Link> = self.links.iter().filter(|l| !l.zh.is_empty()).collect();
        if linked.len() != p.sentences.len() || !linked.iter().all(|l| own(l)) {
            return;
        }
        let mut english: Vec<Vec<&str>> = vec![Vec::new(); p.sentences.len()];
        let mut owner = None;
        let mut opening = Vec::new();
        for l in &self.links {
            if let Some(&i) = l.zh.first() {
                owner = Some(i - self.first_zh);
            }
            let text = l.en.iter().map(|&j| en.sentences[j].as_str());
            match owner.and_then(|i| english.get_mut(i)) {
                Some(sentence) => sentence.extend(text),
                None => opening.extend(text),
            }
        }
        if let Some(first) = english.first_mut() {
            first.splice(0..0, opening);
        }
        for (s, text) in p.sentences.iter_mut().zip(english) {
            s.en = Some(text.join(" "));
        }
    }

    /// The links as the JSON gives them: 1-based numbers of the paragraph's Chinese sentences
    /// and of its English ones.
    fn numbered(&self) -> Vec<SentenceLink> {
        let en_number = |j: &usize| self.en.iter().position(|x| x == j).map_or(0, |k| k + 1);
        self.links
            .iter()
            .map(|l| SentenceLink {
                zh: l.zh.iter().map(|i| i + 1 - self.first_zh).collect(),
                en: l.en.iter().map(en_number).collect(),
                confidence: (l.confidence * 100.0).round() / 100.0,
                words: Vec::new(),
            })
            .collect()
    }
}

fn alignment(
    shape: &str,
    en_paragraphs: Vec<usize>,
    link: &Link,
    note: Option<String>,
    sentences: Vec<SentenceLink>,
    doubtful: bool,
) -> Alignment {
    Alignment {
        link: shape.to_string(),
        en_paragraphs,
        confidence: (link.confidence * 100.0).round() / 100.0,
        note,
        sentences,
        doubtful,
    }
}
