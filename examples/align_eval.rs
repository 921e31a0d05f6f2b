//! Sentence alignment measured against the hand-made links of the MAC dev chapters:
//! `cargo run --release --example align_eval -- ../shared/parallel/mac-dev [--cv]`.
//! Prints strict precision, recall and F1 per chapter and in total (micro-averaged over
//! links) for a naive diagonal pairing, the length-only Gale-Church floor and duizhao.
//! `--cv` adds leave-one-chapter-out cross-validation of the two weights.

use std::path::PathBuf;

use duizhao::Glossary;
use duizhao::align::UNSURE;
use duizhao::align::eval::{Chapter, Pair, Score, load_chapters, pairs};
use duizhao::align::sentences::Weights;

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.iter().find(|a| !a.starts_with("--")).map_or("../shared/parallel/mac-dev", |s| s));
    let chapters = load_chapters(&dir).unwrap_or_else(|e| panic!("{e}"));
    let (glossary, _) = Glossary::load(true, &[]);
    let mut totals = [Score::default(); 3];
    println!("chapter  method        P      R      F1");
    for c in &chapters {
        let scores = [c.diagonal(), run(c, &glossary, Weights::LENGTH_ONLY), run(c, &glossary, Weights::default())];
        for (k, (name, s)) in ["diagonal", "gale-church", "duizhao"].iter().zip(scores).enumerate() {
            println!("{:<8} {name:<12}  {}", c.name, line(s));
            totals[k] += s;
        }
    }
    for (name, s) in ["diagonal", "gale-church", "duizhao"].iter().zip(totals) {
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
    if args.iter().any(|a| a == "--cv") {
        cross_validate(&chapters, &glossary);
    }
}

/// Leave one chapter out: pick the weights that do best on the other chapters, score the one.
fn cross_validate(chapters: &[Chapter], glossary: &Glossary) {
    let grid: Vec<Weights> = [0.25, 0.35, 0.5]
        .iter()
        .flat_map(|&length| [3.0, 3.5, 4.0, 4.5].map(|lexical| Weights { length, lexical }))
        .collect();
    let table: Vec<Vec<Score>> = grid.iter().map(|&w| chapters.iter().map(|c| run(c, glossary, w)).collect()).collect();
    let mut total = Score::default();
    for held in 0..chapters.len() {
        let best = (0..grid.len())
            .max_by(|&a, &b| {
                let f = |g: usize| {
                    let mut s = Score::default();
                    for (k, &sc) in table[g].iter().enumerate() {
                        if k != held {
                            s += sc;
                        }
                    }
                    s.f1()
                };
                f(a).total_cmp(&f(b))
            })
            .unwrap();
        println!("cv {:<5} weights {:?}  F1 {:.3}", chapters[held].name, grid[best], table[best][held].f1());
        total += table[best][held];
    }
    println!("cv total  {}", line(total));
    for (w, row) in grid.iter().zip(&table) {
        let mut s = Score::default();
        row.iter().for_each(|&x| s += x);
        println!("grid {w:?}  F1 {:.3}", s.f1());
    }
}
