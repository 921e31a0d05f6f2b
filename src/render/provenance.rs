//! Where the English of each exported pair comes from, shared by the TMX and XLIFF exports:
//! machine translation, a given (human) translation paired by paragraph, one the aligner
//! paired sentence by sentence, a translation memory, or a person's review in a CAT tool; and
//! who made it.

use crate::document::{Document, Pair, Paragraph, Provenance};

/// How the English of a pair was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Filled by a translation provider.
    Machine,
    /// A given (human) translation, paired paragraph by paragraph.
    Human,
    /// A given (human) translation, paired sentence by sentence by the aligner.
    Aligned,
    /// Taken from a translation memory (`--tm`).
    Memory,
    /// Checked by a person in a CAT tool and brought back (`--en` with XLIFF, TMX, OmegaT).
    Reviewed,
}

impl Origin {
    /// The origin of `pair` of paragraph `p`: only English from a given translation has an
    /// alignment with English partners (a `1-0` paragraph's English came from a provider).
    pub fn of(p: &Paragraph, pair: &Pair) -> Origin {
        let reviewed = match pair.sentence {
            Some(n) => p.sentences.get(n - 1).is_some_and(|s| s.reviewed),
            None => !p.sentences.is_empty() && p.sentences.iter().all(|s| s.reviewed),
        };
        if reviewed {
            return Origin::Reviewed;
        }
        if p.translation_source == Some(Provenance::Memory) {
            return Origin::Memory;
        }
        let given = p.alignment.as_ref().is_some_and(|a| !a.en_paragraphs.is_empty());
        match (given, pair.sentence) {
            (false, _) => Origin::Machine,
            (true, None) => Origin::Human,
            (true, Some(_)) => Origin::Aligned,
        }
    }

    /// The name used in TMX and XLIFF metadata.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Machine => "machine-translated",
            Origin::Human => "human",
            Origin::Aligned => "aligned",
            Origin::Memory => "translation-memory",
            Origin::Reviewed => "reviewed",
        }
    }
}

/// Who made a pair of `origin`, from the document's provenance. A document with both a given
/// translation and machine-filled paragraphs has the source "GIVEN + PROVIDER".
pub fn provider(doc: &Document, origin: Origin) -> Option<&str> {
    let source = doc.meta.translation.as_ref()?.source.as_str();
    // The sources of English that are not makers: a review, a memory.
    let maker = |part: &&str| *part != Provenance::Reviewed.name() && *part != Provenance::Memory.name();
    let mut parts = source.split(" + ").filter(maker);
    match origin {
        Origin::Machine => source.rsplit(" + ").find(maker),
        Origin::Human | Origin::Aligned => parts.next(),
        Origin::Memory | Origin::Reviewed => None,
    }
    .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Alignment, Block, TranslationInfo};

    #[test]
    fn given_aligned_and_machine_pairs() {
        let mut doc = Document::new(Default::default(), vec![Block::text("甲。"), Block::text("乙。")]);
        doc.meta.translation = Some(TranslationInfo { source: "human + deepl".into(), ..Default::default() });
        let link = |en_paragraphs: Vec<usize>| Alignment {
            link: String::new(),
            en_paragraphs,
            confidence: 1.0,
            note: None,
            sentences: Vec::new(),
            doubtful: false,
        };
        doc.paragraphs[0].alignment = Some(link(vec![1]));
        doc.paragraphs[1].alignment = Some(link(vec![]));
        let paragraph = Pair { sentence: None, zh: "甲。", en: Some("A.") };
        let sentence = Pair { sentence: Some(1), ..paragraph };
        assert_eq!(Origin::of(&doc.paragraphs[0], &paragraph), Origin::Human);
        assert_eq!(Origin::of(&doc.paragraphs[0], &sentence), Origin::Aligned);
        // A paragraph with no English partner was filled by the provider.
        assert_eq!(Origin::of(&doc.paragraphs[1], &sentence), Origin::Machine);
        assert_eq!(provider(&doc, Origin::Human), Some("human"));
        assert_eq!(provider(&doc, Origin::Machine), Some("deepl"));
    }
}
