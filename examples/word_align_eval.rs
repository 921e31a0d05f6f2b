//! Word-alignment accuracy on the hand-aligned development pairs (../shared/parallel/
//! word-align-dev/): precision, recall and alignment error rate (Och & Ney 2003) of
//! `duizhao::align::words`, with its translation table learned on the 50 pairs themselves
//! (no gold link is used) and, unless `--alone`, on the Tatoeba pairs of ../shared as well.
//!
//! Then the speed: the sentence links of the longest MAC development chapter (003, 345 Chinese
//! sentences, paired by their gold links) aligned word by word, as a document's are.
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
    let read =
        |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
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
    chapter_speed(&shared);
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
            Some(TokenPair { zh, en: english_tokens(en), glossary: Vec::new() })
        })
        .collect()
}

/// Times the word alignment of chapter 003's gold sentence links.
fn chapter_speed(shared: &str) {
    let dir = format!("{shared}/parallel/mac-dev");
    let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_default();
    let (zh, en, links) = (read("003.zh"), read("003.en"), read("003.links.xml"));
    let (zh, en): (Vec<&str>, Vec<&str>) = (zh.lines().collect(), en.lines().collect());
    let glossary = Glossary::default();
    let side = |ids: &str, lines: &[&str]| -> String {
        ids.split_whitespace()
            .filter_map(|id| id.split(':').nth(1)?.parse::<usize>().ok())
            .filter_map(|n| lines.get(n - 1).copied())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let started = Instant::now();
    let pairs: Vec<TokenPair> = links
        .lines()
        .filter_map(|line| {
            let targets = line.split("xtargets='").nth(1)?.split('\'').next()?;
            // The left side is English, the right Chinese (../shared/parallel/README.md).
            let (en_ids, zh_ids) = targets.split_once(';')?;
            let zh_text = side(zh_ids, &zh);
            let zh_words: Vec<String> =
                duizhao::segment::words(&zh_text, &glossary).iter().map(|w| w.text.to_string()).collect();
            Some(TokenPair { zh: zh_words, en: english_tokens(&side(en_ids, &en)), glossary: Vec::new() })
        })
        .collect();
    let links = align(&pairs, &[]);
    let count: usize = links.iter().map(Vec::len).sum();
    println!(
        "chapter 003: {} sentence links ({} Chinese sentences) aligned word by word in {:.2} s, {count} word links",
        pairs.len(),
        zh.len(),
        started.elapsed().as_secs_f64()
    );
}
