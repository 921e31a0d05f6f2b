//! Scoring sentence links against a gold alignment: strict precision, recall and F1 (a link
//! counts only when both of its sides match exactly), and the gold format of the Bertalign
//! test sets (`links.xml`), and the QA report's alignment findings against it. Shared by tests/align_mac.rs and examples/align_eval.rs (which
//! includes this file by its path): evaluation, not part of the library.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use duizhao::align::Link;
use duizhao::align::sentences::Weights;
use duizhao::align::texts::{Pairing, Text, align_texts_as};
use duizhao::qa::Severity;
use duizhao::{Document, Glossary, Pipeline};

/// A link reduced to what scoring compares: 0-based Chinese and English sentence indexes.
pub type Pair = (Vec<usize>, Vec<usize>);

/// Counts for precision and recall; add chapters together for micro-averaged totals.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Links found that are in the gold.
    pub correct: usize,
    /// Links found.
    pub predicted: usize,
    /// Links in the gold.
    pub gold: usize,
}

impl Score {
    /// Strict score of `predicted` against `gold`.
    pub fn strict(predicted: &[Pair], gold: &[Pair]) -> Score {
        let gold_set: HashSet<&Pair> = gold.iter().collect();
        let correct = predicted.iter().filter(|p| gold_set.contains(p)).count();
        Score { correct, predicted: predicted.len(), gold: gold.len() }
    }

    /// Share of found links that are right.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Share of gold links found.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, other: Score) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Links as pairs for scoring.
pub fn pairs(links: &[Link]) -> Vec<Pair> {
    links.iter().map(|l| (l.zh.clone(), l.en.clone())).collect()
}

/// The naive baseline: sentence i with sentence i, the longer side's rest unpartnered.
pub fn diagonal(n_zh: usize, n_en: usize) -> Vec<Pair> {
    (0..n_zh.max(n_en))
        .map(|i| ((i < n_zh).then_some(vec![i]).unwrap_or_default(), (i < n_en).then_some(vec![i]).unwrap_or_default()))
        .collect()
}

/// Reads a Bertalign `links.xml`, whose `xtargets='A;B'` hold the **English** ids on the left
/// and the Chinese on the right, each `1:N` for line N. Returns (Chinese, English) pairs.
pub fn parse_gold(xml: &str) -> Result<Vec<Pair>, String> {
    let mut out = Vec::new();
    for (number, line) in xml.lines().enumerate() {
        let Some(at) = line.find("xtargets=") else { continue };
        let rest = &line[at + "xtargets=".len()..];
        let quote = rest.chars().next().ok_or_else(|| format!("line {}: empty xtargets", number + 1))?;
        let value = rest[1..].split(quote).next().unwrap_or("");
        let (en, zh) = value.split_once(';').ok_or_else(|| format!("line {}: xtargets without ';'", number + 1))?;
        let ids = |side: &str| -> Result<Vec<usize>, String> {
            side.split_whitespace()
                .map(|id| {
                    let n = id.rsplit(':').next().unwrap_or(id);
                    n.parse::<usize>()
                        .ok()
                        .filter(|&n| n > 0)
                        .map(|n| n - 1)
                        .ok_or_else(|| format!("line {}: bad sentence id {id:?}", number + 1))
                })
                .collect()
        };
        out.push((ids(zh)?, ids(en)?));
    }
    Ok(out)
}

/// One chapter of a test set: `NNN.zh` and `NNN.en` (one sentence a line) and `NNN.links.xml`.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// The chapter's number, from its file names.
    pub name: String,
    /// Chinese sentences.
    pub zh: Vec<String>,
    /// English sentences.
    pub en: Vec<String>,
    /// The gold links.
    pub gold: Vec<Pair>,
}

impl Chapter {
    /// Strict score of duizhao's aligner with `weights` on this chapter.
    pub fn score(&self, glossary: &Glossary, weights: Weights) -> Score {
        Score::strict(&pairs(&self.align(glossary, weights)), &self.gold)
    }

    /// duizhao's links for this chapter, its lines the units, as `duizhao align` and a build
    /// of the chapter pair them.
    pub fn align(&self, glossary: &Glossary, weights: Weights) -> Vec<Link> {
        let zh = Text::of_lines(self.zh.iter().map(String::as_str));
        let en = Text::of_lines(self.en.iter().map(String::as_str));
        align_texts_as(&zh, &en, glossary, Pairing::Units, weights).paragraphs
    }

    /// Strict score of the naive diagonal pairing.
    pub fn diagonal(&self) -> Score {
        Score::strict(&diagonal(self.zh.len(), self.en.len()), &self.gold)
    }
}

/// Every chapter in `dir`, in name order.
pub fn load_chapters(dir: &Path) -> Result<Vec<Chapter>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut names: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "zh")).collect();
    names.sort();
    names
        .into_iter()
        .map(|zh_path| {
            let read = |ext: &str| {
                let path = zh_path.with_extension(ext);
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
            };
            let lines = |text: String| text.lines().map(str::to_string).collect::<Vec<_>>();
            Ok(Chapter {
                name: zh_path.file_stem().unwrap_or_default().to_string_lossy().into_owned(),
                zh: lines(read("zh")?),
                en: lines(read("en")?),
                gold: parse_gold(&read("links.xml")?)?,
            })
        })
        .collect()
}

/// The paragraph links of a built document, as 0-based (Chinese, English) paragraph numbers,
/// each with the ids of the paragraphs it covers.
pub fn links_of(doc: &Document) -> Vec<(Pair, Vec<String>)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < doc.paragraphs.len() {
        let p = &doc.paragraphs[k];
        let Some(alignment) = &p.alignment else {
            k += 1;
            continue;
        };
        let en: Vec<usize> = alignment.en_paragraphs.iter().map(|j| j - 1).collect();
        if p.zh.trim().is_empty() {
            out.push(((Vec::new(), en), vec![p.id.clone()]));
            k += 1;
            continue;
        }
        let count: usize = alignment.link.split('-').next().and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
        let group = &doc.paragraphs[k..(k + count).min(doc.paragraphs.len())];
        let zh = group.iter().map(|q| q.id[1..].parse::<usize>().expect("a paragraph id") - 1).collect();
        out.push(((zh, en), group.iter().map(|q| q.id.clone()).collect()));
        k += count;
    }
    out
}

/// What the QA report's alignment findings on a chapter amount to, against the gold.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub flagged: usize,
    pub flagged_wrong: usize,
    pub wrong_links: usize,
    pub wrong_found: usize,
    pub false_untranslated: usize,
    pub untranslated: usize,
    pub notes_on_wrong: usize,
}

impl Tally {
    /// Share of alignment warnings and errors on links the gold calls wrong (1 when none).
    pub fn precision(&self) -> f64 {
        if self.flagged == 0 { 1.0 } else { self.flagged_wrong as f64 / self.flagged as f64 }
    }

    /// Share of the wrong links that some warning or error points at.
    pub fn recall(&self) -> f64 {
        if self.wrong_links == 0 { 1.0 } else { self.wrong_found as f64 / self.wrong_links as f64 }
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, t: Tally) {
        self.flagged += t.flagged;
        self.flagged_wrong += t.flagged_wrong;
        self.wrong_links += t.wrong_links;
        self.wrong_found += t.wrong_found;
        self.false_untranslated += t.false_untranslated;
        self.untranslated += t.untranslated;
        self.notes_on_wrong += t.notes_on_wrong;
    }
}

/// Builds `chapter` as a user builds it (`NNN.txt` with `NNN.en.txt` beside it, in `work`, a
/// line a paragraph), checks it, and counts the QA report's alignment findings against the
/// gold; `dump` prints each warning's kind and whether its link is wrong.
pub fn qa_tally(pipeline: &Pipeline, work: &Path, chapter: &Chapter, dump: bool) -> Tally {
    let zh = work.join(format!("{}.txt", chapter.name));
    let en = work.join(format!("{}.en.txt", chapter.name));
    std::fs::write(&zh, chapter.zh.join("\n")).expect("written");
    std::fs::write(&en, chapter.en.join("\n")).expect("written");
    let gold = &chapter.gold;
    let bytes = std::fs::read(&zh).expect("readable");
    let (mut doc, _) = pipeline.document(&bytes, &zh).expect("a document");
    pipeline.attach_translation(&mut doc, &en).expect("a translation");
    let report = duizhao::qa::check(&doc);
    let links = links_of(&doc);
    let wrong_of = |id: &str| links.iter().find(|(_, ids)| ids.iter().any(|i| i == id)).map(|(l, _)| !gold.contains(l));
    let mut t = Tally { wrong_links: links.iter().filter(|(l, _)| !gold.contains(l)).count(), ..Tally::default() };
    let mut found_links: Vec<&str> = Vec::new();
    for f in &report.findings {
        let wrong = wrong_of(&f.paragraph).unwrap_or(false);
        match (f.check, f.severity) {
            ("alignment", Severity::Warning | Severity::Error) => {
                t.flagged += 1;
                if dump {
                    let kind: String = f.message.chars().filter(|c| !c.is_ascii_digit()).take(40).collect();
                    println!("FLAG {} {kind}", if wrong { "wrong" } else { "right" });
                }
                if wrong {
                    t.flagged_wrong += 1;
                    let first =
                        links.iter().find(|(_, ids)| ids.contains(&f.paragraph)).map(|(_, ids)| ids[0].as_str());
                    if let Some(first) = first
                        && !found_links.contains(&first)
                    {
                        found_links.push(first);
                    }
                }
            }
            ("alignment", Severity::Info) if wrong => t.notes_on_wrong += 1,
            ("untranslated", _) => {
                t.untranslated += 1;
                let line: usize = f.paragraph[1..].parse::<usize>().map_or(usize::MAX, |n| n - 1);
                if gold.iter().any(|(z, e)| z.contains(&line) && !e.is_empty()) {
                    t.false_untranslated += 1;
                }
            }
            _ => {}
        }
    }
    t.wrong_found = found_links.len();
    t
}
