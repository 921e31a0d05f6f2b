//! Sentence alignment of a Chinese text with its English translation: a dynamic programme
//! over link shapes (1-0 to 1-4) whose cost adds a shape prior, a Gale-Church length cost
//! calibrated for Chinese characters against English letters, and the dictionary
//! dissimilarity of the linked sentences ([`super::lexical`]), merged sentences scored on
//! their joint text.

use crate::align::Link;
use crate::align::lexical::{EnBag, Lexicon, ZhBag, coverage};
use crate::dict::glossary::Glossary;
use crate::document::Paragraph;
use crate::segment::sentences;

/// The weights of the cost; [`Weights::default`] is what duizhao uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Weight of the length cost (0 turns lengths off).
    pub length: f64,
    /// Weight of the lexical dissimilarity (0 gives a length-only Gale-Church aligner).
    pub lexical: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { length: 0.35, lexical: 4.0 }
    }
}

impl Weights {
    /// Gale-Church: lengths and shape priors only.
    pub const LENGTH_ONLY: Weights = Weights { length: 1.0, lexical: 0.0 };
}

/// Link shapes (Chinese, English) with their prior cost, -ln of a rough frequency in
/// Chinese-English literary translation, where English splits long Chinese sentences.
const SHAPES: [(usize, usize, f64); 10] = [
    (1, 1, 0.0),
    (1, 2, 1.2),
    (2, 1, 2.2),
    (1, 3, 2.2),
    (2, 2, 3.0),
    (3, 1, 3.6),
    (1, 4, 3.2),
    (1, 0, 5.0),
    (0, 1, 5.0),
    (2, 3, 4.0),
];

/// Variance of English letters per Chinese character, relative to the mean (Gale-Church s²).
const VARIANCE: f64 = 8.0;

/// Content words at which a sentence's lexical evidence has its usual weight.
const EVIDENCE: f64 = 5.0;

/// One side prepared for alignment.
struct Side<B> {
    chars: Vec<usize>,
    bags: Vec<B>,
}

/// Aligns Chinese sentences with English sentences, both in reading order.
pub fn align(zh: &[&str], en: &[&str], glossary: &Glossary, weights: Weights) -> Vec<Link> {
    let mut lexicon = Lexicon::new(glossary);
    let zh_side =
        Side { chars: zh.iter().map(|s| chars(s)).collect(), bags: zh.iter().map(|s| lexicon.zh(s)).collect() };
    let en_side =
        Side { chars: en.iter().map(|s| chars(s)).collect(), bags: en.iter().map(|s| lexicon.en(s)).collect() };
    dp(&zh_side, &en_side, weights)
}

/// Characters that count for length: no white space.
fn chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

fn dp(zh: &Side<ZhBag>, en: &Side<EnBag>, weights: Weights) -> Vec<Link> {
    let (n, m) = (zh.chars.len(), en.chars.len());
    let total_zh: usize = zh.chars.iter().sum();
    let total_en: usize = en.chars.iter().sum();
    let ratio = if total_zh == 0 { 3.0 } else { (total_en as f64 / total_zh as f64).clamp(0.5, 8.0) };
    // A band around the diagonal keeps long texts tractable; chapters fit in it whole.
    let band = (n.max(m) / 4).max(120);
    let in_band = |i: usize, j: usize| {
        let expected = if n == 0 { 0.0 } else { i as f64 * m as f64 / n as f64 };
        (j as f64 - expected).abs() <= band as f64
    };
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize, 0.0f64); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if cost[i][j].is_infinite() || !in_band(i, j) {
                continue;
            }
            for (di, dj, prior) in SHAPES {
                if i + di > n || j + dj > m {
                    continue;
                }
                let step = prior + link_cost(zh, en, i..i + di, j..j + dj, ratio, weights);
                if cost[i][j] + step < cost[i + di][j + dj] {
                    cost[i + di][j + dj] = cost[i][j] + step;
                    back[i + di][j + dj] = (di, dj, step);
                }
            }
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj, _) = back[i][j];
        let zh_range = i - di..i;
        let en_range = j - dj..j;
        let confidence = confidence(zh, en, zh_range.clone(), en_range.clone(), ratio);
        out.push(Link { zh: zh_range.collect(), en: en_range.collect(), confidence });
        i -= di;
        j -= dj;
    }
    out.reverse();
    out
}

/// The cost of one link, priors aside.
fn link_cost(
    zh: &Side<ZhBag>,
    en: &Side<EnBag>,
    zr: std::ops::Range<usize>,
    er: std::ops::Range<usize>,
    ratio: f64,
    weights: Weights,
) -> f64 {
    if zr.is_empty() || er.is_empty() {
        return 0.0;
    }
    let lz: usize = zh.chars[zr.clone()].iter().sum();
    let le: usize = en.chars[er.clone()].iter().sum();
    let mut cost = weights.length * length_cost(lz, le, ratio);
    if weights.lexical > 0.0 {
        let zb: Vec<&ZhBag> = zh.bags[zr.clone()].iter().collect();
        let eb: Vec<&EnBag> = en.bags[er.clone()].iter().collect();
        // Each sentence pays for the share of its words its partners leave unexplained, so a
        // merge must explain each of its sentences, not just most words of the whole.
        let c = coverage(&zb, &eb);
        let pooled = c.pooled();
        let unexplained: f64 =
            c.zh.iter()
                .chain(&c.en)
                .map(|&(matched, words)| {
                    let miss = 1.0 - if words == 0 { pooled } else { matched as f64 / words as f64 };
                    // A sentence with many content words and no partner for them is strong
                    // evidence; one with a word or two is weak.
                    miss * (words as f64).min(2.0 * EVIDENCE) / EVIDENCE
                })
                .sum();
        cost += weights.lexical * unexplained / 2.0;
    }
    cost
}

/// Gale-Church: -ln of the probability of a length difference at least this large.
fn length_cost(lz: usize, le: usize, ratio: f64) -> f64 {
    let mean = (lz as f64 + le as f64 / ratio) / 2.0;
    let delta = (le as f64 - lz as f64 * ratio) / (mean.max(1.0) * VARIANCE * ratio).sqrt();
    let p = 2.0 * (1.0 - normal_cdf(delta.abs()));
    -(p.max(1e-12)).ln()
}

fn normal_cdf(x: f64) -> f64 {
    // Abramowitz and Stegun 26.2.17, absolute error below 7.5e-8.
    let t = 1.0 / (1.0 + 0.231_641_9 * x);
    let poly =
        t * (0.319_381_53 + t * (-0.356_563_782 + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    1.0 - (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly
}

/// How sure a link is, 0 to 1: its dictionary similarity against what true translations
/// usually reach, halved when one of its sentences finds almost nothing in its partners, and
/// tempered by how well the lengths fit. Unpartnered sentences are unsure.
fn confidence(
    zh: &Side<ZhBag>,
    en: &Side<EnBag>,
    zr: std::ops::Range<usize>,
    er: std::ops::Range<usize>,
    ratio: f64,
) -> f64 {
    if zr.is_empty() || er.is_empty() {
        return 0.2;
    }
    let zb: Vec<&ZhBag> = zh.bags[zr.clone()].iter().collect();
    let eb: Vec<&EnBag> = en.bags[er.clone()].iter().collect();
    let c = coverage(&zb, &eb);
    let mut lexical = (c.pooled() / 0.4).min(1.0);
    let stranded =
        c.zh.iter().chain(&c.en).any(|&(matched, words)| words >= 3 && (matched as f64) < 0.15 * words as f64);
    if stranded {
        // A sentence whose words its partners do not explain may belong to a neighbour.
        lexical *= 0.5;
    }
    let lz: usize = zh.chars[zr].iter().sum();
    let le: usize = en.chars[er].iter().sum();
    let length = (-length_cost(lz, le, ratio) / 4.0).exp();
    (0.7 * lexical + 0.3 * length).clamp(0.0, 1.0)
}
/// Fills `sentences[].en` when the English sentences line up with the Chinese ones (one to one,
/// or one Chinese sentence to several English); otherwise the paragraph stays aligned as a whole.
pub fn fill_sentences(p: &mut Paragraph) {
    for s in &mut p.sentences {
        s.en = None;
    }
    let Some(en) = &p.en else { return };
    let en_sents: Vec<&str> = sentences(en).collect();
    if p.sentences.is_empty() || en_sents.is_empty() {
        return;
    }
    let found: Vec<Link> = if p.sentences.len() == en_sents.len() {
        (0..en_sents.len()).map(|i| Link { zh: vec![i], en: vec![i], confidence: 1.0 }).collect()
    } else {
        let zh: Vec<&str> = p.sentences.iter().map(|s| s.zh.as_str()).collect();
        align(&zh, &en_sents, &Glossary::default(), Weights::default())
    };
    if found.iter().any(|l| l.zh.len() != 1 || l.en.is_empty()) {
        return;
    }
    for link in found {
        let text: Vec<&str> = link.en.iter().map(|&j| en_sents[j].trim()).collect();
        p.sentences[link.zh[0]].en = Some(text.join(" "));
    }
}
