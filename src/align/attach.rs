//! Pairs a document with an English translation the user already has: paragraph links from
//! [`super::links`], English distributed over merged paragraphs, sentences filled where they
//! line up, and every unsure or unpartnered paragraph marked, never dropped or shifted.

use crate::align::sentences::fill_sentences;
use crate::align::{Link, UNSURE, Unit, length, links, text_anchors};
use crate::dict::glossary::core_rendering;
use crate::document::{Alignment, Block, Document, Paragraph, ParagraphKind, TranslationInfo};
use crate::segment::sentences;

/// Attaches `english` (the translation's paragraphs, title excluded) to the segmented `doc`.
/// Returns one line per link a reviewer should look at.
pub fn attach(doc: &mut Document, english: &[Block], info: TranslationInfo) -> Vec<String> {
    let renderings = glossary_renderings(doc);
    let zh_units: Vec<Unit> = doc
        .paragraphs
        .iter()
        .map(|p| {
            let mut anchors = text_anchors(&p.zh);
            anchors.extend(paragraph_renderings(p));
            Unit { chars: length(&p.zh), anchors }
        })
        .collect();
    let en_units: Vec<Unit> = english
        .iter()
        .map(|b| {
            let lower = b.text.to_lowercase();
            let mut anchors = text_anchors(&b.text);
            anchors.extend(renderings.iter().filter(|r| lower.contains(r.as_str())).cloned());
            Unit { chars: length(&b.text), anchors }
        })
        .collect();
    let found = links(&zh_units, &en_units, None);
    let mut findings = Vec::new();
    let old = std::mem::take(&mut doc.paragraphs);
    let mut old: Vec<Option<Paragraph>> = old.into_iter().map(Some).collect();
    let mut orphans = 0;
    for link in &found {
        let texts: Vec<&str> = link.en.iter().map(|&j| english[j].text.as_str()).collect();
        let en_numbers: Vec<usize> = link.en.iter().map(|j| j + 1).collect();
        let shape = format!("{}-{}", link.zh.len(), link.en.len());
        if link.zh.is_empty() {
            orphans += 1;
            let after = doc.paragraphs.last().map_or("p0".to_string(), |p| p.id.clone());
            let note = "English paragraph with no Chinese partner".to_string();
            findings.push(format!("English paragraph {} has no Chinese partner (shown after {after})", en_numbers[0]));
            doc.paragraphs.push(Paragraph {
                id: format!("{after}-en{orphans}"),
                kind: ParagraphKind::Text,
                level: None,
                zh: String::new(),
                en: Some(texts.join(" ")),
                sentences: Vec::new(),
                tokens: Vec::new(),
                alignment: Some(alignment(&shape, en_numbers.clone(), link, Some(note))),
                error: None,
                translation_source: None,
            });
            continue;
        }
        let parts = distribute(&texts.join(" "), link, &zh_units);
        let ids: Vec<String> = link.zh.iter().map(|&i| format!("p{}", i + 1)).collect();
        let note = match (link.zh.len(), link.en.len()) {
            (_, 0) => Some("no English partner: this paragraph is not in the translation".to_string()),
            (1, 1) if link.confidence >= UNSURE => None,
            (1, 1) => Some("unsure pairing: check that the English matches".to_string()),
            (1, k) => Some(format!("split into {k} paragraphs in the translation")),
            (k, 1) => Some(format!("{k} paragraphs ({}) merged into one in the translation", ids.join(", "))),
            (k, l) => Some(format!("{k} paragraphs translated as {l}")),
        };
        if let Some(note) = &note {
            findings.push(format!("{}: {note} (confidence {:.2})", ids.join("+"), link.confidence));
        }
        for (&i, en) in link.zh.iter().zip(parts) {
            let mut p = old[i].take().expect("each paragraph is linked once");
            p.en = en.filter(|e| !e.trim().is_empty());
            fill_sentences(&mut p);
            p.alignment = Some(alignment(&shape, en_numbers.clone(), link, note.clone()));
            doc.paragraphs.push(p);
        }
    }
    doc.meta.translation = Some(info);
    findings
}

fn alignment(shape: &str, en_paragraphs: Vec<usize>, link: &Link, note: Option<String>) -> Alignment {
    Alignment { link: shape.to_string(), en_paragraphs, confidence: (link.confidence * 100.0).round() / 100.0, note }
}

/// Splits the English of a link over its Chinese paragraphs at sentence boundaries, in
/// proportion to the Chinese lengths. One paragraph gets it all.
fn distribute(english: &str, link: &Link, zh: &[Unit]) -> Vec<Option<String>> {
    let k = link.zh.len();
    if link.en.is_empty() {
        return vec![None; k];
    }
    if k == 1 {
        return vec![Some(english.to_string())];
    }
    let sents: Vec<&str> = sentences(english).collect();
    let total_zh: usize = link.zh.iter().map(|&i| zh[i].chars).sum::<usize>().max(1);
    let total_en: usize = sents.iter().map(|s| length(s)).sum::<usize>().max(1);
    let mut out = Vec::with_capacity(k);
    let mut start = 0;
    let mut zh_so_far = 0;
    for (n, &i) in link.zh.iter().enumerate() {
        zh_so_far += zh[i].chars;
        let end = if n + 1 == k {
            sents.len()
        } else {
            // The cut whose English share comes closest to the Chinese share so far, leaving
            // at least one sentence for each paragraph still to come where possible.
            let target = zh_so_far as f64 / total_zh as f64;
            let latest = sents.len().saturating_sub(k - n - 1).max(start);
            let mut best = (start + 1).min(latest);
            let mut best_gap = f64::INFINITY;
            let mut acc: usize = sents[..start].iter().map(|s| length(s)).sum();
            for cut in start + 1..=latest {
                acc += length(sents[cut - 1]);
                let gap = (acc as f64 / total_en as f64 - target).abs();
                if gap < best_gap {
                    best_gap = gap;
                    best = cut;
                }
            }
            best
        };
        let text = sents[start..end].concat().trim().to_string();
        out.push((!text.is_empty()).then_some(text));
        start = end;
    }
    out
}

/// The glossary renderings a paragraph's terms call for, lower-cased: the first rendering,
/// without a parenthesised alternative ("Xiaohongshu (RedNote)" -> "xiaohongshu").
fn paragraph_renderings(p: &Paragraph) -> Vec<String> {
    p.tokens.iter().filter_map(|t| t.glossary.as_ref()).map(|g| core_rendering(&g.english)).collect()
}

fn glossary_renderings(doc: &Document) -> Vec<String> {
    let mut all: Vec<String> = doc.paragraphs.iter().flat_map(paragraph_renderings).collect();
    all.sort();
    all.dedup();
    all
}
