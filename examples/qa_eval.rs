//! How far a reviewer can trust the QA report's alignment findings, measured on the MAC dev
//! chapters of ../shared with their human translations and gold links:
//! `cargo run --release --example qa_eval -- ../shared/parallel/mac-dev`.
//!
//! Each chapter is built as a user builds it (`NNN.txt` with `NNN.en.txt` beside it, a line a
//! paragraph) and checked. Printed per chapter and in total:
//! - alignment warnings and errors, and how many point at a link the gold calls wrong (the
//!   precision a reviewer sees), and how many of the wrong links they find (recall);
//! - "not translated" errors on lines the translation does translate (the gold links the line
//!   to English), which should be none;
//! - alignment notes (info) on links the gold calls wrong: misalignments reported too softly.
//!
//! `QA_DUMP=1` prints each warning's kind and whether its link is wrong.

use std::path::{Path, PathBuf};

use duizhao::qa::Severity;
use duizhao::{BuildOptions, Document, Glossary, Pipeline};
// Shared with tests/align_mac.rs; the example uses part of it.
#[allow(dead_code)]
#[path = "../tests/common/align_eval.rs"]
mod align_eval;

use align_eval::{Pair, load_chapters};

/// The paragraph links of a built document, as 0-based (Chinese, English) paragraph numbers,
/// each with the ids of the paragraphs it covers.
fn links_of(doc: &Document) -> Vec<(Pair, Vec<String>)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < doc.paragraphs.len() {
        let p = &doc.paragraphs[k];
        let Some(alignment) = &p.alignment else {
            k += 1;
            continue;
        };
        let en: Vec<usize> = alignment.en_paragraphs.iter().map(|j| j - 1).collect();
        if p.zh.trim().is_empty() {
            out.push(((Vec::new(), en), vec![p.id.clone()]));
            k += 1;
            continue;
        }
        let count: usize = alignment.link.split('-').next().and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
        let group = &doc.paragraphs[k..(k + count).min(doc.paragraphs.len())];
        let zh = group.iter().map(|q| q.id[1..].parse::<usize>().expect("a paragraph id") - 1).collect();
        out.push(((zh, en), group.iter().map(|q| q.id.clone()).collect()));
        k += count;
    }
    out
}

#[derive(Default, Clone, Copy)]
struct Tally {
    flagged: usize,
    flagged_wrong: usize,
    wrong_links: usize,
    wrong_found: usize,
    false_untranslated: usize,
    untranslated: usize,
    notes_on_wrong: usize,
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "../shared/parallel/mac-dev".into()));
    let chapters = load_chapters(&dir).unwrap_or_else(|e| panic!("{e}"));
    let (glossary, _) = Glossary::load(true, &[]);
    let pipeline = Pipeline::new(glossary, BuildOptions::default());
    let work = std::env::temp_dir().join(format!("duizhao-qa-eval-{}", std::process::id()));
    std::fs::create_dir_all(&work).expect("a temporary folder");
    let mut total = Tally::default();
    println!("chapter  flagged  wrong  precision  wrong links  found  recall  false untranslated  notes on wrong");
    for chapter in &chapters {
        let zh_path = work.join(format!("{}.txt", chapter.name));
        let en_path = work.join(format!("{}.en.txt", chapter.name));
        std::fs::write(&zh_path, chapter.zh.join("\n")).expect("written");
        std::fs::write(&en_path, chapter.en.join("\n")).expect("written");
        let t = evaluate(&pipeline, &zh_path, &en_path, &chapter.gold);
        print_row(&chapter.name, t);
        total.flagged += t.flagged;
        total.flagged_wrong += t.flagged_wrong;
        total.wrong_links += t.wrong_links;
        total.wrong_found += t.wrong_found;
        total.false_untranslated += t.false_untranslated;
        total.untranslated += t.untranslated;
        total.notes_on_wrong += t.notes_on_wrong;
    }
    print_row("total", total);
    let _ = std::fs::remove_dir_all(&work);
}

fn print_row(name: &str, t: Tally) {
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    println!(
        "{name:<8} {:>7}  {:>5}  {:>9.3}  {:>11}  {:>5}  {:>6.3}  {:>11} of {:<5}  {:>14}",
        t.flagged,
        t.flagged_wrong,
        ratio(t.flagged_wrong, t.flagged),
        t.wrong_links,
        t.wrong_found,
        ratio(t.wrong_found, t.wrong_links),
        t.false_untranslated,
        t.untranslated,
        t.notes_on_wrong
    );
}

fn evaluate(pipeline: &Pipeline, zh: &Path, en: &Path, gold: &[Pair]) -> Tally {
    let bytes = std::fs::read(zh).expect("readable");
    let (mut doc, _) = pipeline.document(&bytes, zh).expect("a document");
    pipeline.attach_translation(&mut doc, en).expect("a translation");
    let report = duizhao::qa::check(&doc);
    let links = links_of(&doc);
    let wrong_of = |id: &str| links.iter().find(|(_, ids)| ids.iter().any(|i| i == id)).map(|(l, _)| !gold.contains(l));
    let mut t = Tally { wrong_links: links.iter().filter(|(l, _)| !gold.contains(l)).count(), ..Tally::default() };
    let mut found_links: Vec<&str> = Vec::new();
    for f in &report.findings {
        let wrong = wrong_of(&f.paragraph).unwrap_or(false);
        match (f.check, f.severity) {
            ("alignment", Severity::Warning | Severity::Error) => {
                t.flagged += 1;
                if std::env::var("QA_DUMP").is_ok() {
                    let kind: String = f.message.chars().filter(|c| !c.is_ascii_digit()).take(40).collect();
                    println!("FLAG {} {kind}", if wrong { "wrong" } else { "right" });
                }
                if wrong {
                    t.flagged_wrong += 1;
                    let first =
                        links.iter().find(|(_, ids)| ids.contains(&f.paragraph)).map(|(_, ids)| ids[0].as_str());
                    if let Some(first) = first
                        && !found_links.contains(&first)
                    {
                        found_links.push(first);
                    }
                }
            }
            ("alignment", Severity::Info) if wrong => t.notes_on_wrong += 1,
            ("untranslated", _) => {
                t.untranslated += 1;
                let line: usize = f.paragraph[1..].parse::<usize>().map_or(usize::MAX, |n| n - 1);
                if gold.iter().any(|(z, e)| z.contains(&line) && !e.is_empty()) {
                    t.false_untranslated += 1;
                }
            }
            _ => {}
        }
    }
    t.wrong_found = found_links.len();
    t
}
