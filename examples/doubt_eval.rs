//! The second model of each paragraph link ([`duizhao::align::doubt`]) against the gold links
//! of the MAC dev chapters, one TSV row a link, for `tools/doubt_fit.py` to fit and measure:
//! `cargo run --release --example doubt_eval -- ../shared/parallel/mac-dev > links.tsv`.
//! The last line (on stderr) counts the links the library calls likely wrong, and how many of
//! them the gold calls wrong.

use std::path::PathBuf;

use duizhao::Glossary;
use duizhao::align::doubt::doubts;
use duizhao::align::texts::{Text, align_texts};

#[allow(dead_code)]
#[path = "../tests/common/align_eval.rs"]
mod align_eval;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "../shared/parallel/mac-dev".into()));
    let chapters = align_eval::load_chapters(&dir).unwrap_or_else(|e| panic!("{e}"));
    let (glossary, _) = Glossary::load(true, &[]);
    println!("chapter\tk\tzh\ten\tconf\tgain\tscore\tlikely_wrong\twrong\tbefore\tafter");
    let (mut flagged, mut hits, mut wrong_links) = (0, 0, 0);
    for c in &chapters {
        let zh = Text::of_lines(c.zh.iter().map(String::as_str));
        let en = Text::of_lines(c.en.iter().map(String::as_str));
        let found = align_texts(&zh, &en, &glossary);
        for (k, (l, d)) in found.paragraphs.iter().zip(doubts(&zh, &en, &found.paragraphs)).enumerate() {
            let wrong = !c.gold.contains(&(l.zh.clone(), l.en.clone()));
            flagged += usize::from(d.likely_wrong);
            hits += usize::from(d.likely_wrong && wrong);
            wrong_links += usize::from(wrong);
            println!(
                "{}\t{k}\t{}\t{}\t{:.3}\t{:.4}\t{:.3}\t{}\t{}\t{:.4}\t{:.4}",
                c.name,
                l.zh.len(),
                l.en.len(),
                l.confidence,
                d.gain,
                d.score,
                u8::from(d.likely_wrong),
                u8::from(wrong),
                d.borders[0],
                d.borders[1]
            );
        }
    }
    eprintln!("likely wrong: {flagged} links, {hits} of them wrong; {wrong_links} wrong links in all");
}
