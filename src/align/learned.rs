//! The second pass of Moore's method: a word-translation model (IBM Model 1) trained on the
//! surest links of the first pass, over the document itself. A translation renders a book's
//! names and terms its own way (韦小宝 is "Trinket", 总舵主 "the Helmsman") and no dictionary
//! knows them; the document's own sure pairs do, and what they teach explains the pairs the
//! dictionary left unsure.

use std::collections::HashMap;

use crate::align::Link;
use crate::align::lexical::{EnBag, MAX_WORDS, ZhBag};

/// Links at least this sure train the model.
const SURE: f64 = 0.6;

/// Rounds of expectation-maximisation: Model 1 settles within a few.
const ROUNDS: usize = 5;

/// The token standing for "no Chinese word" (English words a translation adds).
const NULL: u32 = u32::MAX;

/// English words learned for Chinese words, keyed by the Chinese word's id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Learned {
    translations: HashMap<u32, Vec<u32>>,
}

impl Learned {
    /// Trains on the links of a first pass at least [`SURE`] of themselves, and keeps for each
    /// Chinese word the English words with t(e|z) of at least `threshold` seen with it in at
    /// least two sure links.
    pub fn train(links: &[Link], zh: &[ZhBag], en: &[EnBag], threshold: f64) -> Learned {
        let pairs: Vec<(Vec<u32>, Vec<u32>)> = links
            .iter()
            .filter(|l| l.confidence >= SURE && !l.zh.is_empty() && !l.en.is_empty())
            .map(|l| {
                let mut z: Vec<u32> = vec![NULL];
                for &i in &l.zh {
                    z.extend(zh[i].tokens.iter().chain(&zh[i].unexplained));
                }
                let e: Vec<u32> = l.en.iter().flat_map(|&j| en[j].words.iter().copied()).collect();
                (z, e)
            })
            .collect();
        let t = model_one(&pairs);
        let mut seen: HashMap<(u32, u32), u32> = HashMap::new();
        for (z, e) in &pairs {
            let mut both: Vec<(u32, u32)> = z.iter().flat_map(|&a| e.iter().map(move |&b| (a, b))).collect();
            both.sort_unstable();
            both.dedup();
            for pair in both {
                *seen.entry(pair).or_default() += 1;
            }
        }
        let mut translations: HashMap<u32, Vec<u32>> = HashMap::new();
        for (&(z, e), &p) in &t {
            if z != NULL && p >= threshold && seen.get(&(z, e)).is_some_and(|&n| n >= 2) {
                translations.entry(z).or_default().push(e);
            }
        }
        for v in translations.values_mut() {
            v.sort_unstable();
        }
        Learned { translations }
    }

    /// True when the model learned nothing.
    pub fn is_empty(&self) -> bool {
        self.translations.is_empty()
    }

    /// `bag` with the learned English added to its words' candidates, and the words no
    /// dictionary explained but the model does made content words.
    pub fn apply(&self, bag: &ZhBag) -> ZhBag {
        let mut out = bag.clone();
        for (candidates, token) in out.words.iter_mut().zip(&bag.tokens) {
            if let Some(extra) = self.translations.get(token) {
                candidates.extend(extra);
                candidates.sort_unstable();
                candidates.dedup();
            }
        }
        out.unexplained.clear();
        for token in &bag.unexplained {
            match self.translations.get(token) {
                Some(extra) if out.words.len() < MAX_WORDS => {
                    out.words.push(extra.clone());
                    out.tokens.push(*token);
                }
                _ => out.unexplained.push(*token),
            }
        }
        out.index();
        out
    }
}

/// IBM Model 1: t(e|z), the probability that Chinese word z is rendered as English word e,
/// by expectation-maximisation over sentence pairs (each Chinese side starting with [`NULL`]).
fn model_one(pairs: &[(Vec<u32>, Vec<u32>)]) -> HashMap<(u32, u32), f64> {
    let mut t: HashMap<(u32, u32), f64> = HashMap::new();
    for (z, e) in pairs {
        for &a in z {
            for &b in e {
                t.insert((a, b), 1.0);
            }
        }
    }
    for _ in 0..ROUNDS {
        let mut counts: HashMap<(u32, u32), f64> = HashMap::with_capacity(t.len());
        let mut totals: HashMap<u32, f64> = HashMap::new();
        for (z, e) in pairs {
            for &b in e {
                let norm: f64 = z.iter().map(|&a| t[&(a, b)]).sum();
                for &a in z {
                    let share = t[&(a, b)] / norm;
                    *counts.entry((a, b)).or_default() += share;
                    *totals.entry(a).or_default() += share;
                }
            }
        }
        for (key, value) in t.iter_mut() {
            *value = counts.get(key).copied().unwrap_or(0.0) / totals.get(&key.0).copied().unwrap_or(1.0).max(1e-12);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_one_finds_the_word_that_always_comes_along() {
        // z=1 always comes with e=10; z=2 and z=3 with e=20 and e=30.
        let pairs =
            vec![(vec![NULL, 1, 2], vec![10, 20]), (vec![NULL, 1, 3], vec![10, 30]), (vec![NULL, 2, 3], vec![20, 30])];
        let t = model_one(&pairs);
        assert!(t[&(1, 10)] > 0.6, "{}", t[&(1, 10)]);
        assert!(t[&(1, 20)] < 0.3, "{}", t[&(1, 20)]);
    }
}
