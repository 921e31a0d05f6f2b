//! Word alignment (`duizhao align --format words`): its accuracy on the hand-aligned
//! development pairs of ../shared (the figure the README gives; the aligner's three constants
//! and its function-word table were chosen on these pairs, so this is a development figure,
//! not a held-out one), the Pharaoh output of the command line, and its refusal of texts that
//! do not pair line by line.

mod common;

use std::collections::HashSet;

/// Alignment error rate, precision and recall of `predicted` (Pharaoh lines) against `gold`
/// (`i-j` sure, `i-j-P` possible).
fn score(predicted: &str, gold: &str) -> (f64, f64, f64) {
    let (mut a_s, mut a_p, mut a, mut s) = (0usize, 0usize, 0usize, 0usize);
    for (links, gold) in predicted.lines().zip(gold.lines()) {
        let (mut sure, mut possible) = (HashSet::new(), HashSet::new());
        for link in gold.split_whitespace() {
            let parts: Vec<&str> = link.split('-').collect();
            let cell = (parts[0].to_string(), parts[1].to_string());
            if parts.len() == 2 {
                sure.insert(cell.clone());
            }
            possible.insert(cell);
        }
        let links: Vec<(String, String)> = links
            .split_whitespace()
            .map(|l| {
                let (i, j) = l.split_once('-').unwrap();
                (i.to_string(), j.to_string())
            })
            .collect();
        a += links.len();
        s += sure.len();
        a_s += links.iter().filter(|l| sure.contains(*l)).count();
        a_p += links.iter().filter(|l| possible.contains(*l)).count();
    }
    (1.0 - (a_s + a_p) as f64 / (a + s) as f64, a_p as f64 / a as f64, a_s as f64 / s as f64)
}

#[test]
fn development_pairs_align_with_an_error_rate_under_0_27() {
    let Some(shared) = common::shared("development_pairs_align_with_an_error_rate_under_0_27") else {
        return;
    };
    let dir = shared.join("parallel/word-align-dev");
    let (zh, en) = (dir.join("dev.zh"), dir.join("dev.en"));
    let output =
        common::run(&["align", zh.to_str().unwrap(), en.to_str().unwrap(), "--format", "words", "--tokenized"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let predicted = String::from_utf8(output.stdout).unwrap();
    assert_eq!(predicted.lines().count(), 50, "a line a pair");
    let gold = std::fs::read_to_string(dir.join("dev.align")).unwrap();
    let (aer, precision, recall) = score(&predicted, &gold);
    eprintln!("word-align-dev: AER {aer:.3}, precision {precision:.3}, recall {recall:.3}");
    // 0.252 when this was written.
    assert!(aer <= 0.27, "AER {aer:.3} (precision {precision:.3}, recall {recall:.3})");
}

#[test]
fn untokenized_texts_are_cut_and_aligned_a_line_a_pair() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = (dir.path().join("a.zh"), dir.path().join("a.en"));
    std::fs::write(&zh, "我喜欢北京。\n他昨天去了上海。\n").unwrap();
    std::fs::write(&en, "I like Beijing.\nHe went to Shanghai yesterday.\n").unwrap();
    let output = common::run(&["align", zh.to_str().unwrap(), en.to_str().unwrap(), "--format", "words"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    // 我 喜欢 北京 。 | I like Beijing . — 他 昨天 去 了 上海 。 | He went to Shanghai yesterday .
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "0-0 1-1 2-2 3-3\n0-0 1-4 2-1 4-3 5-5\n");

    // Written beside as <stem>.words.txt with -o.
    let out = dir.path().join("out");
    let output = common::run(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "--format",
        "words",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(std::fs::read_to_string(out.join("a.words.txt")).unwrap().lines().count(), 2);

    std::fs::write(&en, "I like Beijing.\nHe went to Shanghai yesterday.\nAn extra line.\n").unwrap();
    let output = common::run(&["align", zh.to_str().unwrap(), en.to_str().unwrap(), "--format", "words"]);
    assert!(!output.status.success());
    let stderr = common::stderr(&output);
    assert!(stderr.contains("a.en: 3 lines, but") && stderr.contains("has 2"), "{stderr}");
}
