//! Scoring sentence links against a gold alignment: strict precision, recall and F1 (a link
//! counts only when both of its sides match exactly), and the gold format of the Bertalign
//! test sets (`links.xml`). Shared by tests/align_mac.rs and examples/align_eval.rs (which
//! includes this file by its path): evaluation, not part of the library.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use duizhao::Glossary;
use duizhao::align::Link;
use duizhao::align::sentences::Weights;
use duizhao::align::texts::{Pairing, Text, align_texts_as};

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
