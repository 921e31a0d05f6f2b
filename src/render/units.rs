//! The translation units of the CAT exports (TMX, XLIFF, the OmegaT project): each
//! paragraph's pairs ([`Paragraph::pairs`]), except where a given translation's alignment
//! joins paragraphs. Chinese paragraphs of one link whose English the sentence links could not
//! share out (some of them have none) are one unit with all their Chinese and all their
//! English, and an English paragraph with no Chinese partner joins the unit before it (the one
//! after it when it opens the document). So no unit has an empty side, and no segment whose
//! English sits in a neighbour waits in a CAT tool to be translated again.

use std::borrow::Cow;

use crate::document::{Document, Paragraph};

/// What joins the ids of a merged unit's paragraphs (`p5_p6`), as [`crate::cat`] reads them.
pub use crate::cat::MERGED;

/// One entry of an export.
#[derive(Debug, Clone)]
pub enum Entry<'a> {
    /// A paragraph, exported as its pairs.
    Paragraph(&'a Paragraph),
    /// Paragraphs exported as one unit.
    Merged(Merged<'a>),
}

/// Paragraphs exported as one unit.
#[derive(Debug, Clone)]
pub struct Merged<'a> {
    /// The paragraphs, in order; the first with Chinese owns the unit's provenance.
    pub paragraphs: Vec<&'a Paragraph>,
}

impl<'a> Merged<'a> {
    /// The unit's id: its paragraphs' ids joined by [`MERGED`] (`p5_p6`, `p3_p3-en1`).
    pub fn id(&self) -> String {
        self.paragraphs.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(&MERGED.to_string())
    }

    /// All the Chinese, trimmed and joined.
    pub fn zh(&self) -> String {
        self.paragraphs.iter().map(|p| p.zh.trim()).collect()
    }

    /// All the English, trimmed and joined by spaces.
    pub fn en(&self) -> String {
        let parts: Vec<&str> =
            self.paragraphs.iter().filter_map(|p| p.en.as_deref().map(str::trim)).filter(|e| !e.is_empty()).collect();
        parts.join(" ")
    }

    /// The paragraph whose provenance the unit carries: the first with Chinese.
    pub fn owner(&self) -> &'a Paragraph {
        self.paragraphs.iter().find(|p| !p.zh.trim().is_empty()).copied().unwrap_or(self.paragraphs[0])
    }

    /// The unit as one paragraph would be exported: its id, all the Chinese and all the
    /// English as a single pair, every member's glossary terms, and the owner's provenance and
    /// notes.
    pub fn as_paragraph(&self) -> Paragraph {
        let owner = self.owner();
        let mut p = owner.clone();
        p.id = self.id();
        p.zh = self.zh();
        p.en = Some(self.en());
        p.tokens = self.paragraphs.iter().flat_map(|m| m.tokens.iter().cloned()).collect();
        // The owner's sentences keep its review marks; without English of their own, they make
        // the unit one pair.
        for s in &mut p.sentences {
            s.en = None;
        }
        p
    }
}

impl<'a> Entry<'a> {
    /// The entry as the paragraph an export writes.
    pub fn paragraph(&self) -> Cow<'a, Paragraph> {
        match self {
            Entry::Paragraph(p) => Cow::Borrowed(*p),
            Entry::Merged(m) => Cow::Owned(m.as_paragraph()),
        }
    }
}

/// The entries of `doc`'s export, in reading order. A document without English has no merged
/// units: every paragraph waits for its own translation.
pub fn entries(doc: &Document) -> Vec<Entry<'_>> {
    let paragraphs = &doc.paragraphs;
    let mut groups: Vec<Vec<&Paragraph>> = Vec::new();
    // English-only paragraphs before any Chinese one, waiting for the next group.
    let mut opening: Vec<&Paragraph> = Vec::new();
    let mut k = 0;
    while k < paragraphs.len() {
        let p = &paragraphs[k];
        if p.zh.trim().is_empty() {
            if p.en.as_deref().is_some_and(|e| !e.trim().is_empty()) {
                match groups.last_mut() {
                    Some(last) => last.push(p),
                    None => opening.push(p),
                }
            }
            k += 1;
            continue;
        }
        let size = linked(paragraphs, k);
        let members: Vec<&Paragraph> = paragraphs[k..k + size].iter().collect();
        let shared_out = members.iter().all(|m| m.en.as_deref().is_some_and(|e| !e.trim().is_empty()));
        if size > 1 && !shared_out && members.iter().any(|m| m.en.is_some()) {
            groups.push(members);
        } else {
            groups.extend(members.into_iter().map(|m| vec![m]));
        }
        if !opening.is_empty()
            && let Some(first) = groups.last_mut()
        {
            first.splice(0..0, opening.drain(..));
        }
        k += size;
    }
    let mut out: Vec<Entry> = opening.into_iter().map(Entry::Paragraph).collect();
    out.extend(groups.into_iter().map(|g| match g.as_slice() {
        [one] => Entry::Paragraph(one),
        _ => Entry::Merged(Merged { paragraphs: g }),
    }));
    out
}

/// How many Chinese paragraphs from `k` on one paragraph link of a given translation holds
/// (its shape `k-l` and the same English paragraphs), at least 1.
fn linked(paragraphs: &[Paragraph], k: usize) -> usize {
    let Some(alignment) = &paragraphs[k].alignment else { return 1 };
    let (zh, _) = alignment.sides();
    if zh < 2 || alignment.en_paragraphs.is_empty() {
        return 1;
    }
    let same = |p: &Paragraph| {
        !p.zh.trim().is_empty()
            && p.alignment
                .as_ref()
                .is_some_and(|a| a.link == alignment.link && a.en_paragraphs == alignment.en_paragraphs)
    };
    paragraphs[k..].iter().take(zh).take_while(|p| same(p)).count().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Alignment, Block, Meta};

    fn link(shape: &str, en: &[usize]) -> Option<Alignment> {
        Some(Alignment {
            link: shape.into(),
            en_paragraphs: en.to_vec(),
            confidence: 0.9,
            note: None,
            sentences: Vec::new(),
            doubtful: false,
        })
    }

    #[test]
    fn merged_paragraphs_and_english_only_join_one_unit() {
        let blocks = ["甲。", "乙。", "丙。", "丁。"].map(Block::text).to_vec();
        let mut doc = Document::new(Meta::default(), blocks);
        let en = [Some("A and B."), None, Some("C."), Some("D.")];
        let shapes = [link("2-1", &[1]), link("2-1", &[1]), link("1-1", &[2]), link("1-1", &[3])];
        for ((p, en), shape) in doc.paragraphs.iter_mut().zip(en).zip(shapes) {
            p.en = en.map(str::to_string);
            p.alignment = shape;
        }
        let mut extra = doc.paragraphs[2].clone();
        extra.id = "p3-en1".into();
        extra.zh = String::new();
        extra.en = Some("An added line.".into());
        extra.alignment = link("0-1", &[3]);
        doc.paragraphs.insert(3, extra);
        let found: Vec<(String, String, String)> = entries(&doc)
            .iter()
            .map(|e| {
                let p = e.paragraph();
                let pairs = p.pairs();
                assert_eq!(pairs.len(), 1, "{}", p.id);
                (p.id.clone(), pairs[0].zh.to_string(), pairs[0].en.unwrap_or_default().to_string())
            })
            .collect();
        let expected =
            [("p1_p2", "甲。乙。", "A and B."), ("p3_p3-en1", "丙。", "C. An added line."), ("p4", "丁。", "D.")]
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
        assert_eq!(found, expected);
    }

    #[test]
    fn shared_out_merges_stay_paragraphs() {
        let mut doc = Document::new(Meta::default(), ["甲。", "乙。"].map(Block::text).to_vec());
        for (p, en) in doc.paragraphs.iter_mut().zip(["A.", "B."]) {
            p.en = Some(en.into());
            p.alignment = link("2-1", &[1]);
        }
        assert!(entries(&doc).iter().all(|e| matches!(e, Entry::Paragraph(_))));
    }
}
