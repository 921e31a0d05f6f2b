//! Sentence alignment of a Chinese text with its English translation: a dynamic programme
//! over link shapes (1-0 to 1-4) whose cost adds a shape prior, a Gale-Church length cost
//! calibrated for Chinese characters against English letters, the dictionary dissimilarity of
//! the linked sentences ([`super::lexical`], merged sentences scored on their joint text) and
//! a quotation cost. Then Moore's second pass: translations learned from the document's own
//! sure links ([`super::learned`]) explain more words, and the programme runs again.

use std::ops::Range;

use crate::align::Link;
use crate::align::learned::Learned;
use crate::align::lexical::{EnBag, Lexicon, Match, ZhBag, coverage, coverage_of, matches};
use crate::dict::glossary::Glossary;
use crate::document::{Paragraph, Provenance};
use crate::segment::sentences;

/// The weights of the cost; [`Weights::default`] is what duizhao uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Weight of the length cost (0 turns lengths off).
    pub length: f64,
    /// Weight of the lexical dissimilarity (0 gives a length-only Gale-Church aligner).
    pub lexical: f64,
    /// Weight of the quotation cost: a link whose two sides disagree on ending a quotation,
    /// or whose English runs on past one, pays it.
    pub quotes: f64,
    /// Moore's second pass: the t(e|z) a translation learned from the first pass's sure links
    /// needs to count ([`super::learned`]); `None` stops after the first pass.
    pub learn: Option<f64>,
    /// The cost of an English sentence left without a Chinese partner (a 0-1 link). A
    /// translator's additions are usually folded into a neighbouring sentence's link, so this
    /// may cost more than a Chinese sentence left untranslated (1-0, 5.0).
    pub added: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { length: 0.35, lexical: 4.0, quotes: 0.75, learn: Some(0.5), added: ADDED }
    }
}

impl Weights {
    /// Gale-Church: lengths and shape priors only.
    pub const LENGTH_ONLY: Weights =
        Weights { length: 1.0, lexical: 0.0, quotes: 0.0, learn: None, added: UNPARTNERED };
    /// Lengths and the dictionary, one pass: the aligner before Moore's second pass and the
    /// quotation cost.
    pub const DICTIONARY: Weights =
        Weights { length: 0.35, lexical: 4.0, quotes: 0.0, learn: None, added: UNPARTNERED };
}

/// The prior cost of a sentence without a partner: a Chinese sentence left untranslated (1-0),
/// and an English one in the length-only and one-pass aligners, which keep this cost.
const UNPARTNERED: f64 = 5.0;

/// [`Weights::added`] in duizhao's default weights: the value every fold of the
/// leave-one-chapter-out search on the MAC dev chapters picks among 5.0, 7.0 and 9.0.
const ADDED: f64 = 9.0;

/// Link shapes (Chinese, English) with their prior cost, -ln of a rough frequency in
/// Chinese-English literary translation, where English splits long Chinese sentences.
const SHAPES: [(usize, usize, f64); 13] = [
    (1, 1, 0.0),
    (1, 2, 1.2),
    (2, 1, 2.2),
    (1, 3, 2.2),
    (2, 2, 3.0),
    (3, 1, 3.6),
    (1, 4, 3.2),
    (1, 0, UNPARTNERED),
    // Costs `Weights::added` in the programme.
    (0, 1, UNPARTNERED),
    (2, 3, 4.0),
    (1, 5, 4.5),
    (2, 4, 6.0),
    (3, 2, 5.0),
];

/// The cost of leaving a whole paragraph of `sentences` sentences unpartnered: one sentence
/// left out (the 1-0 shape), then less than half as much for each further sentence, so that
/// an untranslated paragraph is not forced into its neighbours' links.
fn skip_cost(sentences: usize) -> f64 {
    5.0 + 2.0 * (sentences - 1) as f64
}

/// Variance of English letters per Chinese character, relative to the mean (Gale-Church s²).
const VARIANCE: f64 = 8.0;

/// Content words at which a sentence's lexical evidence has its usual weight.
const EVIDENCE: f64 = 5.0;

/// One side prepared for alignment.
struct Side<'a, B> {
    chars: &'a [usize],
    bags: &'a [B],
    /// Whether each sentence ends by closing a quotation.
    closes: &'a [bool],
    /// At the first sentence of a paragraph of several, its sentence count, else 0: the
    /// paragraph can be left unpartnered at once.
    skips: &'a [usize],
}

/// Two texts prepared for alignment: every sentence's length and words, looked up once, so
/// that parts of the texts (paragraph pairs) can be aligned and the whole can teach a
/// translation model that a second pass uses.
pub(crate) struct Aligner {
    zh_chars: Vec<usize>,
    en_chars: Vec<usize>,
    zh_closes: Vec<bool>,
    en_closes: Vec<bool>,
    zh_skips: Vec<usize>,
    en_skips: Vec<usize>,
    zh_bags: Vec<ZhBag>,
    en_bags: Vec<EnBag>,
    ratio: f64,
    weights: Weights,
}

impl Aligner {
    /// Prepares Chinese sentences `zh` and English sentences `en`, both in reading order.
    pub fn new(zh: &[&str], en: &[&str], glossary: &Glossary, weights: Weights) -> Aligner {
        let mut lexicon = Lexicon::new(glossary);
        let zh_chars: Vec<usize> = zh.iter().map(|s| chars(s)).collect();
        let en_chars: Vec<usize> = en.iter().map(|s| chars(s)).collect();
        let (total_zh, total_en): (usize, usize) = (zh_chars.iter().sum(), en_chars.iter().sum());
        let ratio = if total_zh == 0 { 3.0 } else { (total_en as f64 / total_zh as f64).clamp(0.5, 8.0) };
        Aligner {
            zh_bags: zh.iter().map(|s| lexicon.zh(s)).collect(),
            en_bags: en.iter().map(|s| lexicon.en(s)).collect(),
            zh_closes: zh.iter().map(|s| closes_quote(s)).collect(),
            en_closes: en.iter().map(|s| closes_quote(s)).collect(),
            zh_skips: vec![0; zh.len()],
            en_skips: vec![0; en.len()],
            zh_chars,
            en_chars,
            ratio,
            weights,
        }
    }

    /// Links between the Chinese sentences `zr` and the English sentences `er`, numbered over
    /// the whole texts.
    pub fn links(&self, zr: Range<usize>, er: Range<usize>) -> Vec<Link> {
        let zh = Side {
            chars: &self.zh_chars[zr.clone()],
            bags: &self.zh_bags[zr.clone()],
            closes: &self.zh_closes[zr.clone()],
            skips: &self.zh_skips[zr.clone()],
        };
        let en = Side {
            chars: &self.en_chars[er.clone()],
            bags: &self.en_bags[er.clone()],
            closes: &self.en_closes[er.clone()],
            skips: &self.en_skips[er.clone()],
        };
        let mut found = dp(&zh, &en, self.ratio, self.weights);
        for link in &mut found {
            link.zh.iter_mut().for_each(|i| *i += zr.start);
            link.en.iter_mut().for_each(|j| *j += er.start);
        }
        found
    }

    /// Tells the aligner where paragraphs start and end (ranges of sentences), so that a
    /// whole paragraph the other text leaves out costs about as much as one sentence left out,
    /// not one such cost per sentence.
    pub fn paragraphs(&mut self, zh: &[Range<usize>], en: &[Range<usize>]) {
        for (skips, paragraphs) in [(&mut self.zh_skips, zh), (&mut self.en_skips, en)] {
            let count = skips.len();
            for r in paragraphs.iter().filter(|r| r.len() > 1 && r.end <= count) {
                skips[r.start] = r.len();
            }
        }
    }

    /// Moore's second pass: learns translations from the sure links of a first pass over the
    /// whole texts and lets them explain words from now on. False when the weights ask for one
    /// pass, or nothing was learned (the first pass then stands).
    pub fn learn(&mut self, first: &[Link]) -> bool {
        let Some(threshold) = self.weights.learn else { return false };
        let learned = Learned::train(first, &self.zh_bags, &self.en_bags, threshold);
        if learned.is_empty() {
            return false;
        }
        self.zh_bags = self.zh_bags.iter().map(|b| learned.apply(b)).collect();
        true
    }
}

/// Aligns Chinese sentences with English sentences, both in reading order.
pub fn align(zh: &[&str], en: &[&str], glossary: &Glossary, weights: Weights) -> Vec<Link> {
    let mut aligner = Aligner::new(zh, en, glossary, weights);
    let first = aligner.links(0..zh.len(), 0..en.len());
    if aligner.learn(&first) { aligner.links(0..zh.len(), 0..en.len()) } else { first }
}

/// True when a sentence ends by closing a quotation (“…” in Chinese, '…' or "…" in English):
/// a translation closes its quotations where the original does, and a link seldom runs on
/// past a closed quotation.
fn closes_quote(s: &str) -> bool {
    s.trim_end().ends_with(['”', '」', '』', '\'', '"', '’'])
}

/// Characters that count for length: no white space.
fn chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The cells of the programme it visits: for each Chinese position, the English positions
/// within `width` of the diagonal (scaled to the two lengths). Long texts stay tractable in
/// time and memory; a chapter fits in the band whole.
struct Band {
    n: usize,
    m: usize,
    width: usize,
}

impl Band {
    fn new(n: usize, m: usize) -> Band {
        Band { n, m, width: (n.max(m) / 4).clamp(120, 300) }
    }

    /// English positions `lo..hi` for Chinese position `i`, widened by `margin`.
    fn window(&self, i: usize, margin: usize) -> Range<usize> {
        let expected = (i * self.m).checked_div(self.n).unwrap_or(0);
        let reach = self.width + margin;
        expected.saturating_sub(reach)..(expected + reach + 1).min(self.m + 1)
    }
}

/// One cell: the best cost to reach it and the last link's shape there.
#[derive(Clone, Copy)]
struct Cell {
    cost: f64,
    di: usize,
    dj: usize,
}

fn dp(zh: &Side<ZhBag>, en: &Side<EnBag>, ratio: f64, weights: Weights) -> Vec<Link> {
    let (n, m) = (zh.chars.len(), en.chars.len());
    let band = Band::new(n, m);
    let table = if weights.lexical > 0.0 { Table::new(zh, en, &band) } else { Table::default() };
    let windows: Vec<Range<usize>> = (0..=n).map(|i| band.window(i, 0)).collect();
    let mut cells: Vec<Vec<Cell>> =
        windows.iter().map(|w| vec![Cell { cost: f64::INFINITY, di: 0, dj: 0 }; w.len()]).collect();
    cells[0][0].cost = 0.0;
    for i in 0..=n {
        for j in windows[i].clone() {
            let here = cells[i][j - windows[i].start].cost;
            if here.is_infinite() {
                continue;
            }
            // A paragraph that is all the text aligned here is never left out whole.
            let skip = |skips: &[usize], at: usize, all: usize| skips.get(at).copied().filter(|&k| k > 1 && k < all);
            let skips = [skip(zh.skips, i, n).map(|k| (k, 0)), skip(en.skips, j, m).map(|k| (0, k))];
            let whole_paragraphs = skips.into_iter().flatten().map(|(a, b)| (a, b, skip_cost(a + b)));
            for (di, dj, prior) in SHAPES.into_iter().chain(whole_paragraphs) {
                let prior = if (di, dj) == (0, 1) { weights.added } else { prior };
                let (ti, tj) = (i + di, j + dj);
                if ti > n || tj > m || !windows[ti].contains(&tj) {
                    continue;
                }
                let step = prior + link_cost(zh, en, &table, i..ti, j..tj, ratio, weights);
                let target = &mut cells[ti][tj - windows[ti].start];
                if here + step < target.cost {
                    *target = Cell { cost: here + step, di, dj };
                }
            }
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Cell { di, dj, .. } = cells[i][j - windows[i].start];
        if di == 0 || dj == 0 {
            // Unpartnered sentences, one link each (a whole paragraph left out is several).
            out.extend((i - di..i).rev().map(|k| Link { zh: vec![k], en: Vec::new(), confidence: 0.2 }));
            out.extend((j - dj..j).rev().map(|k| Link { zh: Vec::new(), en: vec![k], confidence: 0.2 }));
        } else {
            let zh_range = i - di..i;
            let en_range = j - dj..j;
            let confidence = confidence(zh, en, zh_range.clone(), en_range.clone(), ratio);
            out.push(Link { zh: zh_range.collect(), en: en_range.collect(), confidence });
        }
        i -= di;
        j -= dj;
    }
    out.reverse();
    out
}

/// The [`Match`] of every sentence pair near the diagonal, computed once: the programme
/// considers each pair in up to a dozen links.
#[derive(Default)]
struct Table {
    /// Per Chinese sentence, its first English sentence in the table and the matches from it.
    rows: Vec<(usize, Vec<Match>)>,
}

impl Table {
    fn new(zh: &Side<ZhBag>, en: &Side<EnBag>, band: &Band) -> Table {
        let m = en.chars.len();
        let rows = (0..zh.chars.len())
            .map(|i| {
                // The widest link reaches a few sentences past the band.
                let window = band.window(i, 4);
                let (lo, hi) = (window.start, window.end.min(m));
                (lo, (lo..hi).map(|j| matches(&zh.bags[i], &en.bags[j])).collect())
            })
            .collect();
        Table { rows }
    }

    fn get(&self, zh: &Side<ZhBag>, en: &Side<EnBag>, i: usize, j: usize) -> Match {
        match self.rows.get(i) {
            Some((lo, row)) if j >= *lo && j - lo < row.len() => row[j - lo],
            _ => matches(&zh.bags[i], &en.bags[j]),
        }
    }
}

/// The cost of one link, priors aside.
fn link_cost(
    zh: &Side<ZhBag>,
    en: &Side<EnBag>,
    table: &Table,
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
    if weights.quotes > 0.0 {
        let run_on = en.closes[er.start..er.end - 1].iter().filter(|&&c| c).count();
        let disagree = zh.closes[zr.end - 1] != en.closes[er.end - 1];
        cost += weights.quotes * (2.0 * run_on as f64 + if disagree { 1.5 } else { 0.0 });
    }
    if weights.lexical > 0.0 {
        // Each sentence pays for the share of its words its partners leave unexplained, so a
        // merge must explain each of its sentences, not just most words of the whole.
        let c = coverage_of(&zh.bags[zr.clone()], &en.bags[er.clone()], |a, b| {
            table.get(zh, en, zr.start + a, er.start + b)
        });
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
    let c = coverage(&zh.bags[zr.clone()], &en.bags[er.clone()]);
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
impl Paragraph {
    /// Gives the paragraph `english`, made `by` someone or something: each sentence its share
    /// where the English sentences line up with the Chinese ones (`fill_sentences`), no
    /// error left, and where it came from (`Paragraph::mark`).
    pub fn set_english(&mut self, english: String, by: Provenance) {
        self.en = Some(english);
        self.error = None;
        fill_sentences(self);
        self.mark(by);
    }

    /// Takes the paragraph's English away, made `by` someone: a reviewer saying that it has
    /// no translation (a mistaken one removed, or one that belongs elsewhere). Its sentences
    /// keep the mark, so that the decision is kept like any other reviewed English.
    pub fn clear_english(&mut self, by: Provenance) {
        self.en = None;
        self.error = None;
        for s in &mut self.sentences {
            s.en = None;
        }
        if let Some(alignment) = &mut self.alignment {
            // Links into English that is gone would point at nothing.
            alignment.sentences.clear();
        }
        self.mark(by);
    }

    /// Gives each sentence with Chinese its English, in order, and the paragraph their English
    /// joined: for English found sentence by sentence (a memory's matches, a reviewer's units).
    pub(crate) fn set_sentence_english(&mut self, english: Vec<String>, by: Provenance) {
        let mut found = english.into_iter();
        for s in self.sentences.iter_mut().filter(|s| !s.zh.trim().is_empty()) {
            s.en = found.next();
        }
        let joined: Vec<&str> = self.sentences.iter().filter_map(|s| s.en.as_deref()).map(str::trim).collect();
        self.en = Some(joined.join(" "));
        self.error = None;
        self.mark(by);
    }

    /// Says where the English came from when the document's provenance does not: a memory's
    /// paragraph, or a reviewed one (each of its sentences too).
    fn mark(&mut self, by: Provenance) {
        match by {
            Provenance::Given | Provenance::Machine => {}
            Provenance::Memory => self.translation_source = Some(Provenance::Memory),
            Provenance::Reviewed => {
                self.translation_source = Some(Provenance::Reviewed);
                for s in &mut self.sentences {
                    s.reviewed = true;
                }
            }
        }
    }
}

/// How a paragraph's Chinese sentences pair with the sentences of its English (given as a
/// whole): one to one when they are as many, else as the aligner pairs them. The English
/// sentences come with the links; `None` when either side has none.
pub(crate) fn pair_with_english(p: &Paragraph) -> Option<(Vec<&str>, Vec<Link>)> {
    let en: Vec<&str> = sentences(p.en.as_deref()?).collect();
    if p.sentences.is_empty() || en.is_empty() {
        return None;
    }
    let found = if p.sentences.len() == en.len() {
        (0..en.len()).map(|i| Link { zh: vec![i], en: vec![i], confidence: 1.0 }).collect()
    } else {
        let zh: Vec<&str> = p.sentences.iter().map(|s| s.zh.as_str()).collect();
        align(&zh, &en, &Glossary::default(), Weights::default())
    };
    Some((en, found))
}

/// Fills `sentences[].en` when the English sentences line up with the Chinese ones (one to one,
/// or one Chinese sentence to several English); otherwise the paragraph stays aligned as a whole.
fn fill_sentences(p: &mut Paragraph) {
    for s in &mut p.sentences {
        s.en = None;
    }
    let Some((en_sents, found)) = pair_with_english(p) else { return };
    if found.iter().any(|l| l.zh.len() != 1 || l.en.is_empty()) {
        return;
    }
    let filled: Vec<(usize, String)> = found
        .iter()
        .map(|link| (link.zh[0], link.en.iter().map(|&j| en_sents[j].trim()).collect::<Vec<_>>().join(" ")))
        .collect();
    for (i, text) in filled {
        p.sentences[i].en = Some(text);
    }
}
