//! Sentence alignment measured against the hand-made links of the MAC dev chapters:
//! `cargo run --release --example align_eval -- ../shared/parallel/mac-dev [--cv]`.
//! Prints strict precision, recall and F1 per chapter and in total (micro-averaged over
//! links) for a naive diagonal pairing and three aligners: the length-only Gale-Church floor,
//! lengths with the dictionary in one pass, and duizhao (with quotations and Moore's second
//! pass). `--cv` adds leave-one-chapter-out cross-validation: each chapter is aligned with the
//! weights that do best on the seven others, so no chapter is scored with weights its own
//! links chose. `--bins` counts links and wrong links by confidence and by shape.

use std::path::PathBuf;

use duizhao::Glossary;
use duizhao::align::UNSURE;
// Shared with tests/align_mac.rs; the example uses part of it.
#[allow(dead_code)]
#[path = "../tests/common/align_eval.rs"]
mod align_eval;

use align_eval::{Chapter, Pair, Score, load_chapters, pairs};
use duizhao::align::sentences::Weights;

const METHODS: [(&str, Weights); 3] =
    [("gale-church", Weights::LENGTH_ONLY), ("dictionary", Weights::DICTIONARY), ("duizhao", duizhao_default())];

const fn duizhao_default() -> Weights {
    Weights { length: 0.35, lexical: 4.0, quotes: 0.75, learn: Some(0.5), added: 9.0 }
}

fn run(chapter: &Chapter, glossary: &Glossary, weights: Weights) -> Score {
    let found = pairs(&chapter.align(glossary, weights));
    if std::env::var("ALIGN_DUMP").is_ok_and(|d| d == chapter.name) && weights == Weights::default() {
        for (zh, en) in found.iter().filter(|p| !chapter.gold.contains(p)) {
            let gold: Vec<&Pair> = chapter.gold.iter().filter(|(z, _)| z.iter().any(|i| zh.contains(i))).collect();
            println!("WRONG zh {zh:?} en {en:?}   gold {gold:?}");
        }
    }
    Score::strict(&found, &chapter.gold)
}

fn line(s: Score) -> String {
    format!("{:.3}  {:.3}  {:.3}   ({}/{} of {})", s.precision(), s.recall(), s.f1(), s.correct, s.predicted, s.gold)
}

fn main() {
    assert_eq!(duizhao_default(), Weights::default(), "the example's copy of the default weights is stale");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.iter().find(|a| !a.starts_with("--")).map_or("../shared/parallel/mac-dev", |s| s));
    let chapters = load_chapters(&dir).unwrap_or_else(|e| panic!("{e}"));
    let (glossary, _) = Glossary::load(true, &[]);
    let mut totals = [Score::default(); 4];
    println!("chapter  method        P      R      F1");
    for c in &chapters {
        let mut scores = vec![("diagonal", c.diagonal())];
        scores.extend(METHODS.iter().map(|&(name, w)| (name, run(c, &glossary, w))));
        for (k, (name, s)) in scores.into_iter().enumerate() {
            println!("{:<8} {name:<12}  {}", c.name, line(s));
            totals[k] += s;
        }
    }
    for (name, s) in ["diagonal", "gale-church", "dictionary", "duizhao"].iter().zip(totals) {
        println!("{:<8} {name:<12}  {}", "total", line(s));
    }
    // Whether the confidence tells right links from wrong ones.
    let (mut sure, mut unsure) = (Score::default(), Score::default());
    for c in &chapters {
        let found = c.align(&glossary, Weights::default());
        let (low, high): (Vec<_>, Vec<_>) = found.iter().partition(|l| l.confidence < UNSURE);
        sure += Score::strict(&pairs(&high.into_iter().cloned().collect::<Vec<_>>()), &c.gold);
        unsure += Score::strict(&pairs(&low.into_iter().cloned().collect::<Vec<_>>()), &c.gold);
    }
    println!(
        "confidence >= {UNSURE}: {} links, {:.3} right; below: {} links, {:.3} right",
        sure.predicted,
        sure.precision(),
        unsure.predicted,
        unsure.precision()
    );
    if args.iter().any(|a| a == "--bins") {
        by_confidence(&chapters, &glossary);
    }
    if args.iter().any(|a| a == "--cv") {
        let length = [1.0].map(|length| Weights { length, ..Weights::LENGTH_ONLY });
        let dictionary: Vec<Weights> = [0.25, 0.35, 0.5]
            .into_iter()
            .flat_map(|length| [3.5, 4.0, 4.5].map(|lexical| Weights { length, lexical, ..Weights::DICTIONARY }))
            .collect();
        let full: Vec<Weights> = dictionary
            .iter()
            .flat_map(|&w| {
                [0.5, 0.75, 1.0].into_iter().flat_map(move |quotes| {
                    [0.4, 0.5, 0.6].into_iter().flat_map(move |learn| {
                        [5.0, 7.0, 9.0].map(move |added| Weights { quotes, learn: Some(learn), added, ..w })
                    })
                })
            })
            .collect();
        let mut cv_totals = Vec::new();
        for (name, grid) in [("gale-church", length.to_vec()), ("dictionary", dictionary), ("duizhao", full)] {
            cv_totals.push((name, cross_validate(name, &chapters, &glossary, &grid)));
        }
        for (name, s) in cv_totals {
            println!("cv total {name:<12}  {}", line(s));
        }
    }
}

/// Leave one chapter out: pick from `grid` the weights that do best on the other chapters,
/// score the one, and add up the held-out scores.
fn cross_validate(name: &str, chapters: &[Chapter], glossary: &Glossary, grid: &[Weights]) -> Score {
    let table: Vec<Vec<Score>> = grid.iter().map(|&w| chapters.iter().map(|c| run(c, glossary, w)).collect()).collect();
    let mut total = Score::default();
    for held in 0..chapters.len() {
        let others = |g: usize| {
            let mut s = Score::default();
            table[g].iter().enumerate().filter(|&(k, _)| k != held).for_each(|(_, &sc)| s += sc);
            s.f1()
        };
        let best = (0..grid.len()).max_by(|&a, &b| others(a).total_cmp(&others(b))).expect("a grid of weights");
        println!("cv {name:<12} {:<5} F1 {:.3}  weights {:?}", chapters[held].name, table[best][held].f1(), grid[best]);
        total += table[best][held];
    }
    total
}

/// Links and wrong links by confidence and by shape: what the confidence and the shape tell a
/// reviewer (`--bins`).
fn by_confidence(chapters: &[Chapter], glossary: &Glossary) {
    let mut bins = [(0usize, 0usize); 10];
    let mut shapes: std::collections::BTreeMap<(usize, usize), (usize, usize)> = Default::default();
    for c in chapters {
        for l in c.align(glossary, Weights::default()) {
            let wrong = !c.gold.contains(&(l.zh.clone(), l.en.clone()));
            let b = ((l.confidence * 10.0) as usize).min(9);
            bins[b].0 += 1;
            if wrong {
                bins[b].1 += 1;
            }
            let s = shapes.entry((l.zh.len(), l.en.len())).or_default();
            s.0 += 1;
            if wrong {
                s.1 += 1;
            }
        }
    }
    for (b, (n, w)) in bins.iter().enumerate() {
        println!("confidence {:.1}-{:.1}: {n} links, {w} wrong", b as f64 / 10.0, (b + 1) as f64 / 10.0);
    }
    for (s, (n, w)) in shapes {
        println!("shape {s:?}: {n} links, {w} wrong");
    }
}
