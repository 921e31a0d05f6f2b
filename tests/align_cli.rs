//! `duizhao align`: sentence links for scripts, the seed's paragraphs, bad inputs.

mod common;

use common::*;

const SEED: &str = "seeds/000_9cd979bd4177cabe.txt";
const SEED_EN: &str = "seeds/000_9cd979bd4177cabe.en.md";

/// The links printed for a pair, without their confidences.
fn links(args: &[&str]) -> Vec<(String, String)> {
    let output = run(args);
    assert!(output.status.success(), "{}", stderr(&output));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line}");
            let confidence: f64 = fields[2].parse().unwrap();
            assert!((0.0..=1.0).contains(&confidence) && fields[2].len() == 4, "{line}");
            (fields[0].to_string(), fields[1].to_string())
        })
        .collect()
}

#[test]
fn a_merge_and_a_dropped_sentence_one_per_line() {
    let found = links(&[
        "align",
        "tests/fixtures/align-small.zh.txt",
        "tests/fixtures/align-small.en.txt",
        "--format",
        "links",
    ]);
    let expected = [("1", "1"), ("2,3", "2"), ("4", "3"), ("5", ""), ("6", "4")];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(found, expected);
}

#[test]
fn the_seed_pairs_every_sentence_in_order() {
    let found = links(&["align", SEED, SEED_EN, "--format", "links"]);
    let zh: Vec<usize> =
        found.iter().flat_map(|(z, _)| z.split(',').filter(|s| !s.is_empty())).map(|s| s.parse().unwrap()).collect();
    let en: Vec<usize> =
        found.iter().flat_map(|(_, e)| e.split(',').filter(|s| !s.is_empty())).map(|s| s.parse().unwrap()).collect();
    assert_eq!(zh, (1..=zh.len()).collect::<Vec<_>>());
    assert_eq!(en, (1..=en.len()).collect::<Vec<_>>());
    assert!(found.iter().all(|(z, e)| !z.is_empty() && !e.is_empty()), "{found:?}");
}

#[test]
fn the_seed_edition_has_one_to_one_paragraph_links() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().display().to_string();
    let output = run(&["align", SEED, SEED_EN, "--format", "json", "-o", &dir]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = json(out.path(), "000_9cd979bd4177cabe");
    let paragraphs = doc["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 18);
    for (i, p) in paragraphs.iter().enumerate() {
        assert_eq!(p["alignment"]["link"], "1-1", "p{}", i + 1);
        assert_eq!(p["alignment"]["en_paragraphs"][0], i + 1);
        assert!(p["alignment"]["confidence"].as_f64().is_some());
    }
}

#[test]
fn links_can_be_written_to_a_folder() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().display().to_string();
    let output = run(&["align", SEED, SEED_EN, "--format", "links", "-o", &dir]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(out.path().join("000_9cd979bd4177cabe.links.tsv")).unwrap();
    assert!(text.lines().count() > 18);
}

#[test]
fn a_missing_file_is_named_and_fails_cleanly() {
    for format in ["links", "json"] {
        let output = run(&["align", "no-such-article.txt", SEED_EN, "--format", format]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert!(stderr(&output).contains("no-such-article.txt"), "{}", stderr(&output));
    }
    let output = run(&["align", SEED, SEED_EN, "--format", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
}

/// Writes `text` to `name` in `dir`; returns the path as a string.
fn file(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn lines_are_units_whatever_the_splitter_thinks_of_them() {
    let dir = tempfile::tempdir().unwrap();
    // The first line holds two sentences by duizhao's splitter: still one unit, line 1.
    let zh = file(dir.path(), "zh.txt", "我来了。他走了。\n今天下雨，我们在家里看书。\n明天会晴。\n");
    let en =
        file(dir.path(), "en.txt", "I came. He left.\nIt rains today, so we read at home.\nTomorrow will be sunny.\n");
    let by_line = links(&["align", &zh, &en, "--format", "links"]);
    let pairs = [("1", "1"), ("2", "2"), ("3", "3")];
    assert_eq!(by_line, pairs.map(|(a, b)| (a.to_string(), b.to_string())));
    // --split numbers duizhao's sentences instead: the first line is sentences 1 and 2.
    let split = links(&["align", &zh, &en, "--format", "links", "--split"]);
    assert_eq!(split.last().unwrap(), &("4".to_string(), "4".to_string()), "{split:?}");
}

#[test]
fn inputs_of_different_shapes_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let zh = file(dir.path(), "zh.txt", "我来了。\n他走了。\n");
    let en = file(dir.path(), "en.txt", "I came.\n\nHe left.\n");
    let output = run(&["align", &zh, &en, "--format", "links"]);
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(err.contains("has a unit a line but") && err.contains("both are split into sentences"), "{err}");
}
