//! A second model of each paragraph link, independent of the aligner's costs: IBM Model 1,
//! both ways, over Han characters and stemmed English content words, trained on the document's
//! own paragraph links. Each link is scored against the local alternatives a misalignment
//! would have been (the link merged with a neighbour, or a border paragraph moved across), and
//! the gain of the best alternative is the link's doubt: a right link explains its own words
//! better than any re-cut does. The gain, the link's confidence, its neighbours' and its shape
//! make a score over which the link is likely wrong, and only such links are QA warnings
//! (`Alignment::warns`). On the MAC dev chapters: 20 links flagged and 18 wrong, fitted on
//! seven chapters and scored on the eighth in turn; the aligner's own unsure links were one in
//! five wrong (BENCHMARKS.md, issue #35).

use rustc_hash::FxHashMap as HashMap;

use crate::align::Link;
use crate::align::lexical::{is_stop, stem};
use crate::align::texts::Text;
use crate::text::is_han;

/// EM rounds.
const ROUNDS: usize = 5;
/// The probability of a pair the table never saw.
const FLOOR: f64 = 1e-7;

/// The weights of the wrong-link score, a logistic regression fitted on the MAC dev chapters'
/// links (`tools/doubt_fit.py`): bias, the link's confidence, the second model's gain, the
/// lower confidence of its neighbours, whether it leaves a side unpartnered, whether it is
/// English with no Chinese, whether it merges or splits paragraphs (more than two in all),
/// and whether it has three English paragraphs or more.
const WEIGHTS: [f64; 8] = [-0.602, -1.795, 1.888, -1.386, 0.914, 0.942, 0.841, 0.479];
/// The score over which a link is likely wrong: the lowest at which the fitted chapters'
/// links over it are at least 90% wrong.
const THRESHOLD: f64 = 0.164;

/// What the second model says of one paragraph link.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Doubt {
    /// The best gain in log-likelihood per token, both ways, of re-cutting the link against a
    /// neighbour (merged with it, or a border paragraph moved across), the two links held out
    /// of the model: over 0, the model prefers the alternative.
    pub gain: f64,
    /// The gains at the link's border with the link before it and with the link after it
    /// (minus infinity where there is none).
    pub borders: [f64; 2],
    /// The score of the link being wrong ([`WEIGHTS`]).
    pub score: f64,
    /// True when the score is over [`THRESHOLD`]: the QA report warns of the link.
    pub likely_wrong: bool,
}

/// Token ids of each paragraph of a side, and how many distinct tokens there are.
struct Side {
    paragraphs: Vec<Vec<u32>>,
    vocabulary: u32,
}

fn intern(ids: &mut HashMap<String, u32>, w: String) -> u32 {
    let n = ids.len() as u32;
    *ids.entry(w).or_insert(n)
}

fn zh_side(text: &Text) -> Side {
    let mut ids = HashMap::default();
    let paragraphs = text
        .paragraphs
        .iter()
        .map(|r| {
            let chars = text.sentences[r.clone()].iter().flat_map(|s| s.chars()).filter(|&c| is_han(c));
            chars.map(|c| intern(&mut ids, c.to_string())).collect()
        })
        .collect();
    Side { paragraphs, vocabulary: ids.len() as u32 }
}

fn en_side(text: &Text) -> Side {
    let mut ids = HashMap::default();
    let mut paragraphs = Vec::with_capacity(text.paragraphs.len());
    for r in &text.paragraphs {
        let mut out = Vec::new();
        for s in &text.sentences[r.clone()] {
            for w in s.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
                let w = w.trim_matches('\'').to_lowercase();
                if w.is_empty() || is_stop(&w) || w.chars().any(is_han) {
                    continue;
                }
                out.push(intern(&mut ids, stem(&w)));
            }
        }
        paragraphs.push(out);
    }
    Side { paragraphs, vocabulary: ids.len() as u32 }
}

/// IBM Model 1, p(target | source), with the expected counts of its last round kept so that
/// links can be held out of it: a link is judged by a table that did not learn from it.
struct Table {
    /// The null word's id: the source vocabulary's size.
    null: u32,
    /// Each (source, target) pair seen together in training, numbered.
    cells: HashMap<(u32, u32), u32>,
    /// Each cell's source.
    source: Vec<u32>,
    /// The table the last round's counts were gathered with, by cell.
    previous: Vec<f64>,
    /// The last round's expected counts, by cell, and their totals by source.
    counts: Vec<f64>,
    totals: Vec<f64>,
}

/// The cells of one training pair: for each target, its sources' cells, the null's last.
struct PairCells {
    cells: Vec<u32>,
    width: usize,
}

/// Expected counts of some training pairs, to hold out.
#[derive(Default)]
struct Held {
    counts: HashMap<u32, f64>,
    totals: HashMap<u32, f64>,
}

impl Table {
    fn train(pairs: &[(&[u32], &[u32])], sources: u32) -> (Table, Vec<PairCells>) {
        let null = sources;
        // Room for every cell at once, so that the map never grows.
        let room: usize = pairs.iter().map(|(s, t)| (s.len() + 1) * t.len()).sum();
        let mut table = Table {
            null,
            cells: HashMap::with_capacity_and_hasher(room, Default::default()),
            source: Vec::new(),
            previous: Vec::new(),
            counts: Vec::new(),
            totals: vec![0.0; sources as usize + 1],
        };
        let mut all = Vec::with_capacity(pairs.len());
        for (s, t) in pairs {
            let mut cells = Vec::with_capacity((s.len() + 1) * t.len());
            for &target in *t {
                for &source in s.iter().chain([&null]) {
                    let next = table.source.len() as u32;
                    let cell = *table.cells.entry((source, target)).or_insert(next);
                    if cell == next {
                        table.source.push(source);
                    }
                    cells.push(cell);
                }
            }
            all.push(PairCells { cells, width: s.len() + 1 });
        }
        table.previous = vec![1.0; table.source.len()];
        table.counts = vec![0.0; table.source.len()];
        for round in 0..ROUNDS {
            if round > 0 {
                for (c, p) in table.previous.iter_mut().enumerate() {
                    *p = table.counts[c] / table.totals[table.source[c] as usize];
                }
            }
            table.counts.iter_mut().for_each(|c| *c = 0.0);
            table.totals.iter_mut().for_each(|c| *c = 0.0);
            for pair in &all {
                for row in pair.cells.chunks(pair.width) {
                    let sum: f64 = row.iter().map(|&c| table.previous[c as usize]).sum();
                    for &c in row {
                        let share = table.previous[c as usize] / sum;
                        table.counts[c as usize] += share;
                        table.totals[table.source[c as usize] as usize] += share;
                    }
                }
            }
        }
        (table, all)
    }

    /// The counts the training pairs `pairs` gave in the last round.
    fn held(&self, pairs: &[&PairCells]) -> Held {
        let room: usize = pairs.iter().map(|p| p.cells.len()).sum();
        let mut held = Held {
            counts: HashMap::with_capacity_and_hasher(room, Default::default()),
            totals: HashMap::with_capacity_and_hasher(room / 4, Default::default()),
        };
        for pair in pairs {
            for row in pair.cells.chunks(pair.width) {
                let sum: f64 = row.iter().map(|&c| self.previous[c as usize]).sum();
                for &c in row {
                    let share = self.previous[c as usize] / sum;
                    *held.counts.entry(c).or_default() += share;
                    *held.totals.entry(self.source[c as usize]).or_default() += share;
                }
            }
        }
        held
    }

    /// p(target | source), learned without the pairs `held`.
    fn p(&self, source: u32, target: u32, held: &Held) -> f64 {
        let Some(&c) = self.cells.get(&(source, target)) else { return FLOOR };
        let count = self.counts[c as usize] - held.counts.get(&c).copied().unwrap_or(0.0);
        let total = self.totals[source as usize] - held.totals.get(&source).copied().unwrap_or(0.0);
        if count <= 1e-9 || total <= 1e-9 { FLOOR } else { (count / total).max(FLOOR) }
    }
}

/// One direction of the model, at one border: for each target token of the two links, the
/// summed p of each source paragraph's tokens and of the null word, so that every re-cut of
/// the border is scored from sums.
struct Border {
    /// Per target paragraph (in order), per target token: (null's p, each source paragraph's
    /// summed p).
    targets: Vec<Vec<(f64, Vec<f64>)>>,
    /// Each source paragraph's token count.
    sizes: Vec<usize>,
}

impl Border {
    fn new(table: &Table, sources: &[&[u32]], targets: &[&[u32]], held: &Held) -> Border {
        let targets = targets
            .iter()
            .map(|para| {
                para.iter()
                    .map(|&t| {
                        let sums = sources.iter().map(|s| s.iter().map(|&w| table.p(w, t, held)).sum()).collect();
                        (table.p(table.null, t, held), sums)
                    })
                    .collect()
            })
            .collect();
        Border { targets, sizes: sources.iter().map(|s| s.len()).collect() }
    }

    /// Log-likelihood of target paragraphs `targets` given source paragraphs `sources`
    /// (indexes into the border's own).
    fn ll(&self, sources: &[usize], targets: std::ops::Range<usize>) -> f64 {
        let n = (sources.iter().map(|&s| self.sizes[s]).sum::<usize>() + 1) as f64;
        self.targets[targets]
            .iter()
            .flatten()
            .map(|(null, sums)| ((null + sources.iter().map(|&s| sums[s]).sum::<f64>()) / n).max(1e-12).ln())
            .sum()
    }
}

/// The second model's view of each of `links` (paragraph links of `zh` and `en`, in order),
/// and which of them are likely wrong.
pub fn doubts(zh: &Text, en: &Text, links: &[Link]) -> Vec<Doubt> {
    let (zs, es) = (zh_side(zh), en_side(en));
    let tokens = |side: &Side, ids: &[usize]| -> Vec<u32> {
        ids.iter().flat_map(|&p| side.paragraphs[p].iter().copied()).collect()
    };
    let joined: Vec<(Vec<u32>, Vec<u32>)> = links.iter().map(|l| (tokens(&zs, &l.zh), tokens(&es, &l.en))).collect();
    let trained: Vec<usize> =
        (0..links.len()).filter(|&k| !links[k].zh.is_empty() && !links[k].en.is_empty()).collect();
    let forward_pairs: Vec<(&[u32], &[u32])> =
        trained.iter().map(|&k| (joined[k].0.as_slice(), joined[k].1.as_slice())).collect();
    let backward_pairs: Vec<(&[u32], &[u32])> = forward_pairs.iter().map(|&(z, e)| (e, z)).collect();
    let (forward, forward_cells) = Table::train(&forward_pairs, zs.vocabulary);
    let (backward, backward_cells) = Table::train(&backward_pairs, es.vocabulary);
    let mut slot = vec![None; links.len()];
    for (n, &k) in trained.iter().enumerate() {
        slot[k] = Some(n);
    }
    let mut gains = vec![f64::NEG_INFINITY; links.len()];
    let mut borders = vec![[f64::NEG_INFINITY; 2]; links.len()];
    for k in 0..links.len().saturating_sub(1) {
        let (a, b) = (&links[k], &links[k + 1]);
        fn pick(cells: &[PairCells], slots: [Option<usize>; 2]) -> Vec<&PairCells> {
            slots.into_iter().flatten().map(|n| &cells[n]).collect()
        }
        let slots = [slot[k], slot[k + 1]];
        let (held_forward, held_backward) =
            (forward.held(&pick(&forward_cells, slots)), backward.held(&pick(&backward_cells, slots)));
        // The border's paragraphs, in order: a's then b's, on each side.
        let zh_paras: Vec<&[u32]> = a.zh.iter().chain(&b.zh).map(|&p| zs.paragraphs[p].as_slice()).collect();
        let en_paras: Vec<&[u32]> = a.en.iter().chain(&b.en).map(|&p| es.paragraphs[p].as_slice()).collect();
        let forward_border = Border::new(&forward, &zh_paras, &en_paras, &held_forward);
        let backward_border = Border::new(&backward, &en_paras, &zh_paras, &held_backward);
        // A cut: the first `z` Chinese and `e` English paragraphs in the first link.
        let cut = |z: usize, e: usize| -> f64 {
            let (zn, en_n) = (zh_paras.len(), en_paras.len());
            let first_zh: Vec<usize> = (0..z).collect();
            let second_zh: Vec<usize> = (z..zn).collect();
            let first_en: Vec<usize> = (0..e).collect();
            let second_en: Vec<usize> = (e..en_n).collect();
            forward_border.ll(&first_zh, 0..e)
                + forward_border.ll(&second_zh, e..en_n)
                + backward_border.ll(&first_en, 0..z)
                + backward_border.ll(&second_en, z..zn)
        };
        let (za, ea) = (a.zh.len(), a.en.len());
        let current = cut(za, ea);
        let mut alternatives = vec![cut(zh_paras.len(), en_paras.len())];
        if ea > 0 {
            alternatives.push(cut(za, ea - 1));
        }
        if ea < en_paras.len() {
            alternatives.push(cut(za, ea + 1));
        }
        if za > 0 {
            alternatives.push(cut(za - 1, ea));
        }
        if za < zh_paras.len() {
            alternatives.push(cut(za + 1, ea));
        }
        let best = alternatives.into_iter().fold(f64::NEG_INFINITY, f64::max) - current;
        let count = (joined[k].0.len() + joined[k].1.len() + joined[k + 1].0.len() + joined[k + 1].1.len()).max(1);
        let best = best / count as f64;
        borders[k][1] = best;
        borders[k + 1][0] = best;
        for j in [k, k + 1] {
            gains[j] = gains[j].max(best);
        }
    }
    (0..links.len())
        .map(|k| {
            let gain = if gains[k].is_finite() { gains[k] } else { 0.0 };
            let link = &links[k];
            let near = [k.checked_sub(1), Some(k + 1)].into_iter().flatten().filter_map(|j| links.get(j));
            let near = near.map(|l| l.confidence).fold(f64::INFINITY, f64::min);
            let near = if near.is_finite() { near } else { link.confidence };
            let unpartnered = f64::from(u8::from(link.zh.is_empty() || link.en.is_empty()));
            let english_only = f64::from(u8::from(link.zh.is_empty()));
            let reshaped = f64::from(u8::from(link.zh.len() + link.en.len() > 2));
            let spread = f64::from(u8::from(link.en.len() > 2));
            let features = [1.0, link.confidence, gain, near, unpartnered, english_only, reshaped, spread];
            let score: f64 = WEIGHTS.iter().zip(features).map(|(w, x)| w * x).sum();
            Doubt { gain, borders: borders[k], score, likely_wrong: score >= THRESHOLD }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: &[usize], en: &[usize], confidence: f64) -> Link {
        Link { zh: zh.to_vec(), en: en.to_vec(), confidence }
    }

    #[test]
    fn sure_one_to_one_links_are_not_doubted_and_english_alone_between_unsure_ones_is() {
        let zh = Text::from_paragraphs([vec!["公主走进花园。"], vec!["老人在河边钓鱼。"], vec!["厨师做了一碗面。"]]);
        let en = Text::from_paragraphs([
            vec!["The princess walked into the garden."],
            vec!["The old man fished by the river."],
            vec!["The cook made a bowl of noodles."],
        ]);
        let links = [link(&[0], &[0], 0.95), link(&[1], &[1], 0.95), link(&[2], &[2], 0.95)];
        let found = doubts(&zh, &en, &links);
        assert_eq!(found.len(), 3);
        assert!(found.iter().all(|d| d.gain.is_finite() && d.score.is_finite() && !d.likely_wrong), "{found:?}");
        assert!(found[0].borders[0].is_infinite() && found[0].borders[1] == found[1].borders[0]);
        let links = [link(&[0, 1], &[0], 0.3), link(&[], &[1], 0.2), link(&[2], &[2], 0.3)];
        let found = doubts(&zh, &en, &links);
        assert!(found[1].likely_wrong, "{found:?}");
    }
}
