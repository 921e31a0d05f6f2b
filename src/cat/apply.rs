//! Putting a reviewed file's units into a document: each unit finds its sentence (or
//! paragraph) by duizhao's ids, or else by its source text; a paragraph's English is rebuilt
//! from its sentences in order. Units that fit nowhere are reported, never moved onto a
//! neighbour.

use std::collections::HashMap;

use super::{Place, Unit, Units, is_english_only};
use crate::document::{Alignment, Document, Paragraph, ParagraphKind, Provenance, TranslationInfo, english_only_after};
use crate::text::compare::comparable;

/// How many unmatched units a message lists.
const LISTED: usize = 5;

/// English found for one paragraph: its own, or its sentences' (1-based).
#[derive(Default)]
struct Found<'u> {
    whole: Option<&'u Unit>,
    sentences: HashMap<usize, &'u Unit>,
}

/// Gives `doc` the English of `units`, over the English it may already have (a translation
/// beside the article): a unit with the same English changes nothing, a different one replaces
/// that sentence's English and counts as reviewed. English paragraphs with no Chinese partner
/// come back in their place. Returns what a reviewer should know (unmatched units, paragraphs
/// with English for only some sentences), each naming the file, and a summary of the units.
pub fn apply(doc: &mut Document, units: &Units) -> Applied {
    let alone = !doc.is_translated();
    if alone && !units.before.is_empty() {
        let before = Units { units: units.before.clone(), before: Vec::new(), ..units.clone() };
        apply_over(doc, &before, true);
    }
    apply_over(doc, units, alone)
}

/// [`apply`] over the English `doc` has; `alone` when the file is all the translation there is.
fn apply_over(doc: &mut Document, units: &Units, alone: bool) -> Applied {
    let by_text = text_index(doc);
    let ids: HashMap<&str, usize> = doc.paragraphs.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let title = doc.meta.title.as_deref().map(comparable);
    let mut english_title = None;
    let mut found: HashMap<usize, Found> = HashMap::new();
    let mut unmatched = Vec::new();
    let mut english_only = Vec::new();
    let mut tally = Tally::default();
    let mut merged = Vec::new();
    for unit in &units.units {
        let source = comparable(&unit.source);
        if let Some(members) = unit.place.as_ref().and_then(|place| merged_members(doc, &ids, place, &source)) {
            merged.push((members, unit));
            continue;
        }
        if title.as_ref() == Some(&source) {
            let current = doc.meta.translation.as_ref().and_then(|info| info.title.as_deref());
            tally.count(unit, unchanged(unit, current));
            english_title = Some(unit.target.clone());
            continue;
        }
        let by_place = unit.place.as_ref().and_then(|place| {
            let &i = ids.get(place.paragraph.as_str())?;
            let p = &doc.paragraphs[i];
            let text = match place.sentence {
                Some(n) => &p.sentences.get(n.checked_sub(1)?)?.zh,
                None => &p.zh,
            };
            // An id whose text changed since the export (an edited article) is not trusted.
            (comparable(text) == source).then_some(vec![(i, place.sentence)])
        });
        let by_text = || {
            let mut places = by_text.get(&source).cloned()?;
            keep_own(doc, unit, &mut places);
            Some(places)
        };
        let Some(places) = by_place.or_else(by_text) else {
            if source.is_empty() && is_english_only(unit.place.as_ref()) {
                english_only.push(unit);
            } else {
                unmatched.push(unit);
            }
            continue;
        };
        for (i, sentence) in places {
            let entry = found.entry(i).or_default();
            match sentence {
                Some(n) => entry.sentences.insert(n, unit),
                None => entry.whole.replace(unit),
            };
        }
    }
    let mut notes = Vec::new();
    let file = units.path.display();
    if !unmatched.is_empty() {
        let first: Vec<String> = unmatched
            .iter()
            .take(LISTED)
            .map(|u| format!("{file}:{} \"{}\"", u.line, u.source.chars().take(30).collect::<String>()))
            .collect();
        notes.push(format!(
            "{file}: {} unit{} match no sentence of the article and were left out: {}{}",
            unmatched.len(),
            if unmatched.len() == 1 { "" } else { "s" },
            first.join(", "),
            if unmatched.len() > LISTED { ", ..." } else { "" }
        ));
    }
    let had_english = doc.is_translated();
    let mut indices: Vec<usize> = found.keys().copied().collect();
    indices.sort_unstable();
    for i in indices {
        let p = &mut doc.paragraphs[i];
        let given = p.en.is_some();
        if put(p, &found[&i], &mut tally) {
            if !given && p.en.is_some() {
                // English that came with the units, paired by their ids or their text.
                p.alignment = Some(Alignment {
                    link: "1-1".into(),
                    en_paragraphs: vec![i + 1],
                    confidence: 1.0,
                    note: None,
                    sentences: Vec::new(),
                    doubtful: false,
                });
            }
        } else {
            notes.push(format!(
                "{file}: {} has English for only some of its sentences; it is left without English",
                p.id
            ));
        }
    }
    let removed = put_merged(doc, &merged, &mut tally);
    doc.paragraphs.retain(|p| !removed.contains(&p.id));
    for unit in &english_only {
        tally.count(unit, unit.exported);
    }
    restore_english_only(doc, &english_only);
    // An English paragraph with no Chinese partner that a reviewer emptied (moved its text
    // into a neighbour, or deleted it) is no paragraph any more.
    doc.paragraphs.retain(|p| p.en.is_some() || english_only_after(&p.id).is_none() || !p.zh.trim().is_empty());
    mark_provenance(doc, units, had_english);
    if let (Some(english), Some(info)) = (english_title, &mut doc.meta.translation) {
        info.title = Some(english);
    }
    let (changed, unchanged) = tally.totals();
    let summary = format!(
        "{file}: {}: {changed} changed, {unchanged} unchanged, {} unmatched",
        crate::text::count(units.units.len(), "unit"),
        unmatched.len()
    );
    let mut warnings = notes;
    if alone {
        warnings.push(format!(
            "{file} is used as the whole translation (there is no translation beside the article): a paragraph it \
             has no unit for has no English"
        ));
    }
    Applied { warnings, notes: vec![summary] }
}

/// The paragraphs of the document a merged unit (`p5_p6`) names, by index, when the Chinese
/// of those it has is the unit's source; English paragraphs with no Chinese partner that the
/// document lacks (a file alone) are passed over.
fn merged_members(doc: &Document, ids: &HashMap<&str, usize>, place: &Place, source: &str) -> Option<Vec<usize>> {
    if place.merged.is_empty() {
        return None;
    }
    let members: Vec<usize> =
        std::iter::once(&place.paragraph).chain(&place.merged).filter_map(|id| ids.get(id.as_str()).copied()).collect();
    let chinese: String = members.iter().map(|&i| doc.paragraphs[i].zh.trim()).collect();
    (!members.is_empty() && comparable(&chinese) == source).then_some(members)
}

/// Puts each merged unit's English into its paragraphs. A unit with the English they hold
/// together changes nothing; with no English there yet (a file alone) the first paragraph with
/// Chinese takes it all; an edited one goes to that paragraph, the others' English goes, and
/// English paragraphs with no Chinese partner in it are removed (their ids are returned): the
/// reviewer's English covers them all.
fn put_merged(doc: &mut Document, merged: &[(Vec<usize>, &Unit)], tally: &mut Tally) -> Vec<String> {
    let mut removed = Vec::new();
    for (members, unit) in merged {
        let english: Vec<&str> = members.iter().filter_map(|&i| doc.paragraphs[i].en.as_deref()).collect();
        let current = (!english.is_empty()).then(|| english.join(" "));
        tally.count(unit, unchanged(unit, current.as_deref()));
        if current.as_deref().is_some_and(|c| same(c, &unit.target)) && !unit.marked {
            continue;
        }
        let Some(&owner) = members.iter().find(|&&i| !doc.paragraphs[i].zh.trim().is_empty()) else { continue };
        let reviewed = checked(unit, current.as_deref());
        let changed = !current.as_deref().is_some_and(|c| same(c, &unit.target));
        for &i in members.iter().filter(|&&i| i != owner && changed) {
            let p = &mut doc.paragraphs[i];
            if p.zh.trim().is_empty() {
                removed.push(p.id.clone());
            } else {
                p.en = None;
                p.sentences.iter_mut().for_each(|s| s.en = None);
            }
        }
        let p = &mut doc.paragraphs[owner];
        if changed {
            p.set_english(unit.target.clone(), Provenance::Given);
        }
        if reviewed {
            p.sentences.iter_mut().for_each(|s| s.reviewed = true);
            confirm(p, changed);
        }
    }
    removed
}

/// A unit found by its text in several places (a sentence the article repeats) whose English
/// some of them already have is theirs, and the others keep their own: a CAT tool keeps one
/// translation for a repeated source (OmegaT's default translation), which is no edit of the
/// others.
fn keep_own(doc: &Document, unit: &Unit, places: &mut Vec<(usize, Option<usize>)>) {
    if places.len() < 2 {
        return;
    }
    let has_it = |&(i, sentence): &(usize, Option<usize>)| {
        let p = &doc.paragraphs[i];
        match sentence {
            Some(n) => n
                .checked_sub(1)
                .and_then(|n| p.sentences.get(n))
                .and_then(|s| s.en.as_deref())
                .is_some_and(|en| same(en, &unit.target)),
            None => holds(p, &unit.target),
        }
    };
    if places.iter().any(has_it) {
        places.retain(has_it);
    }
}

/// What putting a translation into a document has to tell the user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// What a reviewer should check: units that matched nothing (`FILE:LINE`), paragraphs left
    /// without English, the file used as the whole translation, unsure links.
    pub warnings: Vec<String>,
    /// What is worth knowing: how many units changed the English, left it as it was, or
    /// matched nothing.
    pub notes: Vec<String>,
}

/// Whether each unit leaves the English as it was (before it, or for a file alone, as duizhao
/// exported it) in every place it went to; units are told apart by their address.
#[derive(Debug, Default)]
struct Tally {
    unchanged: HashMap<*const Unit, bool>,
}

impl Tally {
    fn count(&mut self, unit: &Unit, unchanged: bool) {
        *self.unchanged.entry(unit as *const Unit).or_insert(true) &= unchanged;
    }

    /// How many units changed the English, and how many left it as it was.
    fn totals(&self) -> (usize, usize) {
        let unchanged = self.unchanged.values().filter(|&&u| u).count();
        (self.unchanged.len() - unchanged, unchanged)
    }
}

/// Puts back the English paragraphs with no Chinese partner that a file alone brings (an
/// article with no translation beside it has none): each after the paragraph its id names,
/// in the file's order.
fn restore_english_only(doc: &mut Document, units: &[&Unit]) {
    if units.is_empty() {
        return;
    }
    let mut after: HashMap<&str, Vec<&Unit>> = HashMap::new();
    // A removed paragraph (empty English) is not put back.
    for unit in units.iter().filter(|u| !u.target.is_empty()) {
        let Some(place) = &unit.place else { continue };
        let Some(previous) = english_only_after(&place.paragraph) else { continue };
        // A paragraph the article no longer has: shown at the end rather than lost.
        let previous = if previous == "p0" || doc.paragraphs.iter().any(|p| p.id == previous) { previous } else { "" };
        after.entry(previous).or_default().push(unit);
    }
    let english_only = |unit: &Unit, n: usize| Paragraph {
        id: unit.place.as_ref().map_or_else(String::new, |p| p.paragraph.clone()),
        kind: ParagraphKind::Text,
        level: None,
        zh: String::new(),
        en: Some(unit.target.clone()),
        sentences: Vec::new(),
        tokens: Vec::new(),
        alignment: Some(Alignment {
            link: "0-1".into(),
            en_paragraphs: vec![n],
            confidence: 1.0,
            note: Some("English paragraph with no Chinese partner".into()),
            sentences: Vec::new(),
            doubtful: false,
        }),
        error: None,
        translation_source: unit.marked.then_some(Provenance::Reviewed),
        margin_notes: Vec::new(),
    };
    let old = std::mem::take(&mut doc.paragraphs);
    let mut n = 0;
    let mut take = |units: Vec<&Unit>, paragraphs: &mut Vec<Paragraph>| {
        for unit in units {
            n += 1;
            paragraphs.push(english_only(unit, n));
        }
    };
    take(after.remove("p0").unwrap_or_default(), &mut doc.paragraphs);
    for p in old {
        let units = after.remove(p.id.as_str()).unwrap_or_default();
        doc.paragraphs.push(p);
        take(units, &mut doc.paragraphs);
    }
    take(after.remove("").unwrap_or_default(), &mut doc.paragraphs);
}

/// Says in `meta.translation` (and on paragraphs that differ from it) where the English came
/// from: the earlier translation, the reviewed file's, and what a person checked.
fn mark_provenance(doc: &mut Document, units: &Units, had_english: bool) {
    let translated = doc.paragraphs.iter().filter(|p| p.en.is_some()).count();
    if translated == 0 {
        return;
    }
    // Paragraphs a reviewer left without English are not among the translated ones.
    let reviewed = doc
        .paragraphs
        .iter()
        .filter(|p| p.en.is_some())
        .filter(|p| {
            p.sentences.iter().any(|s| s.reviewed)
                || (p.zh.trim().is_empty() && p.translation_source == Some(Provenance::Reviewed))
        })
        .count();
    let base = match (&doc.meta.translation, had_english) {
        (Some(info), true) => info.source.clone(),
        _ => units.origin.clone().unwrap_or_else(|| units.format.clone()),
    };
    let source = match reviewed {
        0 => base,
        n if n == translated => Provenance::Reviewed.name().to_string(),
        _ => format!("{base} + {}", Provenance::Reviewed.name()),
    };
    for p in doc.paragraphs.iter_mut().filter(|p| !p.zh.trim().is_empty()) {
        // English with no Chinese partner has no sentences to carry the mark: it keeps the
        // paragraph's own, which `put` gave it.
        let differs = reviewed != translated && p.sentences.iter().any(|s| s.reviewed);
        p.translation_source = differs.then_some(Provenance::Reviewed);
    }
    let info = doc.meta.translation.get_or_insert_with(TranslationInfo::default);
    info.source = source;
}

/// Whether two English texts are the same but for white space.
fn same(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Whether a unit counts as checked by a person when its English is `current` before it.
fn checked(unit: &Unit, current: Option<&str>) -> bool {
    match current {
        // Over earlier English, an edit is a review; unchanged English is checked only when
        // the file says so.
        Some(current) => unit.marked || !same(current, &unit.target),
        // Alone, a reviewed file's English is the reviewer's, but for what is known to be
        // duizhao's own export left as it was.
        None => unit.marked || !unit.exported,
    }
}

/// Whether paragraph `p`'s English is `target`, as a whole or as its sentences' English joined.
fn holds(p: &Paragraph, target: &str) -> bool {
    let by_sentence = || {
        let english: Option<Vec<&str>> = p.sentences.iter().map(|s| s.en.as_deref()).collect();
        english.is_some_and(|english| !english.is_empty() && same(&english.join(" "), target))
    };
    p.en.as_deref().is_some_and(|en| same(en, target)) || by_sentence()
}

/// Whether a unit leaves the English as it was: the same as `current`, or with no English
/// before it, the English duizhao exported.
fn unchanged(unit: &Unit, current: Option<&str>) -> bool {
    current.map_or(unit.exported, |current| same(current, &unit.target))
}

/// Puts what was found into a paragraph; `false` when its sentences are only partly covered
/// and it has no English of its own.
fn put(p: &mut Paragraph, found: &Found, tally: &mut Tally) -> bool {
    if let Some(unit) = found.whole {
        if unit.target.is_empty() {
            // A reviewer's "no English here" (only a reviewed unit carries it).
            tally.count(unit, p.en.is_none());
            p.clear_english(Provenance::Reviewed);
            confirm(p, true);
            return true;
        }
        // Exported sentence by sentence, the paragraph came back as its sentences joined.
        let current = if holds(p, &unit.target) { Some(unit.target.as_str()) } else { p.en.as_deref() };
        let reviewed = checked(unit, current);
        tally.count(unit, unchanged(unit, current));
        let changed = !holds(p, &unit.target);
        if changed {
            p.set_english(unit.target.clone(), Provenance::Given);
        }
        // The paragraph's English was checked as a whole, whether or not its sentences pair.
        for s in &mut p.sentences {
            s.reviewed |= reviewed;
        }
        if reviewed {
            if p.zh.trim().is_empty() {
                // English with no Chinese partner has no sentences to carry the mark.
                p.translation_source = Some(Provenance::Reviewed);
            }
            confirm(p, changed);
        }
        return true;
    }
    let wanted: Vec<usize> =
        p.sentences.iter().enumerate().filter(|(_, s)| !s.zh.trim().is_empty()).map(|(i, _)| i + 1).collect();
    let covered = wanted.iter().all(|n| found.sentences.contains_key(n) || p.sentences[n - 1].en.is_some());
    if wanted.is_empty() || !covered {
        return p.en.is_some();
    }
    let mut changed = false;
    let mut reviewed = false;
    for &n in &wanted {
        let Some(unit) = found.sentences.get(&n) else { continue };
        let s = &mut p.sentences[n - 1];
        let checked = checked(unit, s.en.as_deref());
        s.reviewed |= checked;
        reviewed |= checked;
        tally.count(unit, unchanged(unit, s.en.as_deref()));
        if !s.en.as_deref().is_some_and(|en| same(en, &unit.target)) {
            s.en = Some(unit.target.clone());
            changed = true;
        }
    }
    if changed || p.en.is_none() {
        // Rebuilt in order from the sentences; untouched paragraphs keep their text as it was.
        let english: Vec<String> = wanted.iter().filter_map(|&n| p.sentences[n - 1].en.clone()).collect();
        p.set_sentence_english(english, Provenance::Given);
    }
    if reviewed {
        confirm(p, changed);
    }
    true
}

/// A person checked the paragraph's English against its Chinese: what the aligner doubted
/// about the pairing ("unsure pairing", "no English partner") is answered, so its note goes.
/// English the person `changed` is not what the old sentence links point into: its sentences
/// are paired anew with the Chinese ones, so that the word links and the reading page's
/// highlighting follow the new text.
fn confirm(p: &mut Paragraph, changed: bool) {
    let relinked = changed.then(|| crate::align::attach::sentence_links(p));
    let Some(alignment) = &mut p.alignment else { return };
    alignment.note = None;
    alignment.confidence = 1.0;
    alignment.doubtful = false;
    if let Some(links) = relinked {
        alignment.sentences = links;
    }
}

/// Every paragraph's and sentence's normalised text, and where it stands.
fn text_index(doc: &Document) -> HashMap<String, Vec<(usize, Option<usize>)>> {
    let mut index: HashMap<String, Vec<(usize, Option<usize>)>> = HashMap::new();
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if !p.zh.trim().is_empty() {
            index.entry(comparable(&p.zh)).or_default().push((i, None));
        }
        // A paragraph of one sentence is found as the paragraph.
        if p.sentences.len() > 1 {
            for (j, s) in p.sentences.iter().enumerate().filter(|(_, s)| !s.zh.trim().is_empty()) {
                index.entry(comparable(&s.zh)).or_default().push((i, Some(j + 1)));
            }
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cat::Place;
    use crate::document::{Block, Meta};

    fn unit(paragraph: &str, source: &str, target: &str, exported: bool) -> Unit {
        let place = Some(Place { paragraph: paragraph.into(), sentence: None, merged: Vec::new() });
        Unit { place, source: source.into(), target: target.into(), marked: false, exported, line: 1 }
    }

    #[test]
    fn a_file_alone_brings_back_english_only_paragraphs_in_their_place() {
        let mut doc = Document::new(Meta::default(), vec![Block::text("甲。"), Block::text("乙。")]);
        crate::segment::segment(&mut doc, &crate::Glossary::default());
        let units = Units {
            path: "a.xlf".into(),
            format: "XLIFF 2.0".into(),
            units: vec![
                unit("p0-en1", "", "An opening note.", true),
                unit("p1", "甲。", "A.", true),
                unit("p1-en2", "", "The translator's own paragraph.", true),
                unit("p2", "乙。", "B, edited.", false),
                unit("p9-en3", "", "After a paragraph the article no longer has.", true),
            ],
            origin: Some("human".into()),
            before: Vec::new(),
        };
        let applied = apply(&mut doc, &units);
        let got: Vec<(&str, &str, Option<&str>)> =
            doc.paragraphs.iter().map(|p| (p.id.as_str(), p.zh.as_str(), p.en.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("p0-en1", "", Some("An opening note.")),
                ("p1", "甲。", Some("A.")),
                ("p1-en2", "", Some("The translator's own paragraph.")),
                ("p2", "乙。", Some("B, edited.")),
                ("p9-en3", "", Some("After a paragraph the article no longer has.")),
            ]
        );
        assert_eq!(doc.paragraphs[2].alignment.as_ref().map(|a| a.link.as_str()), Some("0-1"));
        // Only the unit whose English is not what was exported counts as reviewed.
        let reviewed: Vec<bool> = doc.paragraphs.iter().map(|p| p.sentences.iter().any(|s| s.reviewed)).collect();
        assert_eq!(reviewed, [false, false, false, true, false]);
        assert_eq!(applied.notes, ["a.xlf: 5 units: 1 changed, 4 unchanged, 0 unmatched"]);
        assert_eq!(
            applied.warnings,
            ["a.xlf is used as the whole translation (there is no translation beside the article): a paragraph it \
                 has no unit for has no English"]
        );
    }

    #[test]
    fn reviewed_empty_english_removes_a_row_or_a_translation_and_a_review_answers_the_aligners_note() {
        let mut doc = Document::new(Meta::default(), vec![Block::text("甲。"), Block::text("乙。")]);
        crate::segment::segment(&mut doc, &crate::Glossary::default());
        let unsure = Alignment {
            link: "1-1".into(),
            en_paragraphs: vec![1],
            confidence: 0.2,
            note: Some("unsure pairing: check that the English matches".into()),
            sentences: Vec::new(),
            doubtful: false,
        };
        for (p, en) in doc.paragraphs.iter_mut().zip(["A.", "B."]) {
            p.set_english(en.into(), Provenance::Given);
            p.alignment = Some(unsure.clone());
        }
        let mut row = doc.paragraphs[0].clone();
        (row.id, row.zh, row.en) = ("p1-en1".into(), String::new(), Some("A note of the translator's.".into()));
        (row.sentences, row.tokens) = (Vec::new(), Vec::new());
        doc.paragraphs.insert(1, row);
        let reviewed = |paragraph: &str, source: &str, target: &str| Unit {
            marked: true,
            ..unit(paragraph, source, target, false)
        };
        let units = Units {
            path: "a.en.tmx".into(),
            format: "TMX 1.4".into(),
            units: vec![reviewed("p1", "甲。", "A, fixed."), reviewed("p1-en1", "", ""), reviewed("p2", "乙。", "")],
            origin: None,
            before: Vec::new(),
        };
        apply(&mut doc, &units);
        let got: Vec<(&str, Option<&str>, bool)> =
            doc.paragraphs.iter().map(|p| (p.id.as_str(), p.en.as_deref(), p.is_reviewed())).collect();
        assert_eq!(got, [("p1", Some("A, fixed."), true), ("p2", None, true)]);
        let notes: Vec<Option<&str>> =
            doc.paragraphs.iter().map(|p| p.alignment.as_ref().and_then(|a| a.note.as_deref())).collect();
        assert_eq!(notes, [None, None], "a person checked both pairings");
    }
}
