//! Word-alignment accuracy on the hand-aligned development pairs (../shared/parallel/
//! word-align-dev/): precision, recall and alignment error rate (Och & Ney 2003) of
//! `duizhao::align::words`, with its translation table learned on the 50 pairs themselves
//! (no gold link is used) and, unless `--alone`, on the Tatoeba pairs of ../shared as well.
//!
//! `cargo run --release --example word_align_eval [-- ../shared] [--alone]`

use std::collections::HashSet;
use std::time::Instant;

use duizhao::Glossary;
use duizhao::align::words::{TokenPair, align, english_tokens, pharaoh};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "../shared".into());
    let alone = args.iter().any(|a| a == "--alone");
    let dir = format!("{shared}/parallel/word-align-dev");
    let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
    let (zh, en, gold) = (read("dev.zh"), read("dev.en"), read("dev.align"));
    let pairs: Vec<TokenPair> = zh.lines().zip(en.lines()).map(|(z, e)| TokenPair::from_tokenized(z, e)).collect();
    let training = if alone { Vec::new() } else { tatoeba(&shared) };
    let started = Instant::now();
    let predicted = align(&pairs, &training);
    let elapsed = started.elapsed();
    let (mut a_s, mut a_p, mut a, mut s) = (0usize, 0usize, 0usize, 0usize);
    for (links, gold) in predicted.iter().zip(gold.lines()) {
        let mut sure = HashSet::new();
        let mut possible = HashSet::new();
        for link in gold.split_whitespace() {
            let parts: Vec<&str> = link.split('-').collect();
            let cell: (usize, usize) = (parts[0].parse().unwrap(), parts[1].parse().unwrap());
            possible.insert(cell);
            if parts.len() == 2 {
                sure.insert(cell);
            }
        }
        a += links.len();
        s += sure.len();
        a_s += links.iter().filter(|l| sure.contains(l)).count();
        a_p += links.iter().filter(|l| possible.contains(l)).count();
    }
    let precision = a_p as f64 / a as f64;
    let recall = a_s as f64 / s as f64;
    let aer = 1.0 - (a_s + a_p) as f64 / (a + s) as f64;
    println!(
        "{} pairs, {} training pairs besides: precision {precision:.3}, recall {recall:.3}, AER {aer:.3} ({a} links; {:.2} s)",
        pairs.len(),
        training.len(),
        elapsed.as_secs_f64()
    );
    if args.iter().any(|a| a == "--print") {
        for links in &predicted {
            println!("{}", pharaoh(links));
        }
    }
}

/// The Tatoeba sentence pairs, the Chinese cut by duizhao's segmenter.
fn tatoeba(shared: &str) -> Vec<TokenPair> {
    let path = format!("{shared}/parallel/tatoeba/cmn-eng.tsv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{path} not found: learning on the development pairs alone");
        return Vec::new();
    };
    let glossary = Glossary::default();
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (en, zh) = (fields.next()?, fields.next()?);
            let zh: Vec<String> = duizhao::segment::words(zh, &glossary)
                .iter()
                .map(|w| w.text.to_string())
                .filter(|w| !w.trim().is_empty())
                .collect();
            Some(TokenPair { zh, en: english_tokens(en) })
        })
        .collect()
}
