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

use std::path::PathBuf;

use duizhao::{BuildOptions, Glossary, Pipeline};
// Shared with tests/align_mac.rs; the example uses part of it.
#[allow(dead_code)]
#[path = "../tests/common/align_eval.rs"]
mod align_eval;

use align_eval::{Tally, load_chapters, qa_tally};

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
        let t = qa_tally(&pipeline, &work, chapter, std::env::var("QA_DUMP").is_ok());
        print_row(&chapter.name, t);
        total += t;
    }
    print_row("total", total);
    let _ = std::fs::remove_dir_all(&work);
}

fn print_row(name: &str, t: Tally) {
    println!(
        "{name:<8} {:>7}  {:>5}  {:>9.3}  {:>11}  {:>5}  {:>6.3}  {:>11} of {:<5}  {:>14}",
        t.flagged,
        t.flagged_wrong,
        t.precision(),
        t.wrong_links,
        t.wrong_found,
        t.recall(),
        t.false_untranslated,
        t.untranslated,
        t.notes_on_wrong
    );
}
