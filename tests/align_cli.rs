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

#[test]
fn one_aligner_for_links_and_editions() {
    // A translation with a merged and a split paragraph: `align --format links`, `align
    // --format json` and `build --en` pair every sentence the same way.
    let en = "tests/fixtures/seed-mismatch.en.md";
    let printed = links(&["align", SEED, en, "--format", "links"]);
    assert_eq!(printed.len(), 37, "{printed:?}");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().display().to_string();
    let output = run(&["align", SEED, en, "--format", "json", "-o", &dir]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(sentence_links_of_json(&json(out.path(), "000_9cd979bd4177cabe")), printed);
    let (built, output) = build(&[&root().join(SEED)], &["--en", en, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = json(built.path(), "000_9cd979bd4177cabe");
    assert_eq!(sentence_links_of_json(&doc), printed);
    // Every sentence link carries its confidence; p5 and p6, merged in the translation, share
    // its sentences out: each Chinese sentence has its English.
    for p in doc["paragraphs"].as_array().unwrap() {
        for l in p["alignment"]["sentences"].as_array().unwrap() {
            let c = l["confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&c), "{l}");
        }
    }
    for id in [4, 5] {
        let p = &doc["paragraphs"][id];
        assert_eq!(p["alignment"]["link"], "2-1");
        assert!(p["sentences"].as_array().unwrap().iter().all(|s| s["en"].is_string()), "{p}");
    }
}

#[test]
fn unsure_sentence_links_are_listed_in_the_qa_report() {
    let dir = tempfile::tempdir().unwrap();
    // The second Chinese sentence has nothing to do with the second English one.
    let zh = file(dir.path(), "a.txt", "公主走进花园，看见了很多花。\n\n老人在河边钓鱼。厨师做了一碗热汤面。\n");
    let en = file(
        dir.path(),
        "a.en.txt",
        "The princess walked into the garden and saw many flowers.\n\nThe old man fished by the river. The stock market fell sharply on Monday.\n",
    );
    let out = tempfile::tempdir().unwrap();
    let output = run(&["align", &zh, &en, "--format", "json,qa", "-o", &out.path().display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("sentence links under 0.50 confidence are listed in the QA report"));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("a.qa.json")).unwrap()).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let unsure: Vec<&serde_json::Value> =
        findings.iter().filter(|f| f["message"].as_str().unwrap().contains("unsure sentence link")).collect();
    assert_eq!(unsure.len(), 1, "{report}");
    assert_eq!(unsure[0]["paragraph"], "p2");
    assert_eq!(unsure[0]["sentence"], 2);
    assert_eq!(unsure[0]["check"], "alignment");
}

#[test]
fn a_glossary_helps_the_aligner() {
    let dir = tempfile::tempdir().unwrap();
    let zh = file(dir.path(), "zh.txt", "图兰朵笑了。\n公主走进花园。\n");
    let en = file(dir.path(), "en.txt", "Turandot laughed.\nThe princess walked into the garden.\n");
    let glossary = file(dir.path(), "names.tsv", "图兰朵\ttú lán duǒ\tTurandot\t\n");
    let confidence = |extra: &[&str]| -> f64 {
        let mut args = vec!["align", zh.as_str(), en.as_str(), "--format", "links"];
        args.extend(extra);
        let output = run(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let text = String::from_utf8(output.stdout).unwrap();
        text.lines().next().unwrap().split('\t').nth(2).unwrap().parse().unwrap()
    };
    let without = confidence(&[]);
    let with = confidence(&["--glossary", &glossary]);
    assert!(with > without + 0.1, "with {with}, without {without}");
}
