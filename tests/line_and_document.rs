//! `duizhao pinyin` (the line path, `transcribe::transcribe_line`) and `duizhao build` (the
//! document path: segment, annotate, then each paragraph's words joined by
//! `annotate::pinyin_line`) give the same pinyin, on the seed and on every sentence of the CPP
//! dev split, in every style that writes pinyin, with and without 一/不 tone changes. (`none`
//! means different things on the two: `build --pinyin none` writes no pinyin, `pinyin --style
//! none` writes it without tones.) A paragraph whose document names a person the segmenter cut
//! apart ([`duizhao::segment::names`]) is compared as a document of its own.

mod common;

use std::path::Path;

use duizhao::annotate::pinyin_line;
use duizhao::transcribe::{LineOptions, transcribe_line};
use duizhao::{BuildOptions, Glossary, Pipeline, Style};

/// Every paragraph of `text` (paragraphs separated by blank lines) through both paths; returns
/// the paragraphs checked and the first differences.
fn compare(text: &str, glossary: &Glossary) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut differences = Vec::new();
    for style in [Style::Marks, Style::Numbers, Style::Zhuyin] {
        for sandhi in [false, true] {
            let options = BuildOptions { style, sandhi, ..BuildOptions::default() };
            let pipeline = Pipeline::new(glossary.clone(), options);
            let (doc, _) = pipeline.document(text.as_bytes(), Path::new("text.txt")).expect("the text reads");
            for p in &doc.paragraphs {
                let document = pinyin_line(&p.tokens);
                let line = transcribe_line(&p.zh, glossary, LineOptions { style, per_char: false, sandhi });
                checked += 1;
                // A document joins the names it repeats that jieba cut apart (陈清扬); a line
                // has only itself, as has a paragraph alone.
                let alone = || {
                    let (doc, _) = pipeline.document(p.zh.as_bytes(), Path::new("text.txt")).expect("the text reads");
                    doc.paragraphs.iter().map(|p| pinyin_line(&p.tokens)).collect::<Vec<_>>().join("")
                };
                if document != line && alone() != line && differences.len() < 10 {
                    differences.push(format!(
                        "{style:?} sandhi={sandhi} {}\n  document: {document}\n  line:     {line}",
                        p.zh
                    ));
                }
            }
        }
    }
    (checked, differences)
}

#[test]
fn the_seed_reads_the_same_on_both_paths() {
    let (glossary, errors) = Glossary::load(true, &[]);
    assert!(errors.is_empty());
    let seed = std::fs::read_to_string(common::root().join("seeds/000_9cd979bd4177cabe.txt")).unwrap();
    let (checked, differences) = compare(&seed, &glossary);
    assert_eq!(checked, 18 * 6);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn cpp_dev_reads_the_same_on_both_paths() {
    let Some(shared) = common::shared("cpp_dev_reads_the_same_on_both_paths") else { return };
    let (glossary, _) = Glossary::load(true, &[]);
    let sentences = std::fs::read_to_string(shared.join("bench/cpp/dev.sent")).unwrap().replace('\u{2581}', "");
    let text: String = sentences.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{l}\n\n")).collect();
    let (checked, differences) = compare(&text, &glossary);
    assert!(checked >= 9_000 * 6, "{checked}");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
