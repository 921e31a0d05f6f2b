//! Bringing your own translation: `build --en`, and the seed's English kept beside it.

mod common;

use common::*;

const SEED: &str = "seeds/000_9cd979bd4177cabe.txt";

fn english_paragraphs(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with('#') && !p.starts_with("<!--"))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_seed_builds_as_a_complete_bilingual_edition() {
    let (out, output) = build(&[&root().join("seeds")], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = json(out.path(), "000_9cd979bd4177cabe");
    let english = english_paragraphs("seeds/000_9cd979bd4177cabe.en.md");
    assert_eq!(english.len(), 18);
    let paragraphs = doc["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 18);
    for (i, (p, en)) in paragraphs.iter().zip(&english).enumerate() {
        assert_eq!(p["en"].as_str().unwrap(), en, "paragraph {}", i + 1);
        assert_eq!(p["alignment"]["link"], "1-1");
        assert_eq!(p["alignment"]["en_paragraphs"][0], i + 1);
        assert!(p["alignment"].get("note").is_none(), "no false alarm on p{}", i + 1);
        let sentences = p["sentences"].as_array().unwrap();
        let joined: Vec<&str> = sentences.iter().filter_map(|s| s["en"].as_str()).collect();
        if joined.len() == sentences.len() {
            assert_eq!(joined.join(" "), en.as_str());
        }
    }
    assert_eq!(doc["meta"]["translation"]["source"], "human");
    assert!(doc["meta"]["translation"]["title"].as_str().unwrap().starts_with("No. 6 Fuchengmen Courtyard"));
    let html = std::fs::read_to_string(out.path().join("000_9cd979bd4177cabe.html")).unwrap();
    assert!(!html.contains("No translation was configured"));
    // The JSON keeps the provenance; a reader is never shown "human" as a translator's name.
    assert!(html.contains("Translation: supplied with the article (translator not named)"), "{html}");
    assert!(!html.contains("Translation: human"));
}

#[test]
fn a_merge_and_a_split_are_detected_and_the_rest_stays_exact() {
    let (out, output) = build(
        &[&root().join(SEED)],
        &["--en", "tests/fixtures/seed-mismatch.en.md", "--en-source", "Test Translator", "--format", "html,json,qa"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    // Sure merges and splits are summed up on the terminal, not listed one by one.
    assert!(err.contains("2 paragraph links merge or split paragraphs as the translation does"), "{err}");
    assert!(!err.contains("merged into one in the translation"), "{err}");
    let doc = json(out.path(), "000_9cd979bd4177cabe");
    let english = english_paragraphs("seeds/000_9cd979bd4177cabe.en.md");
    let paragraphs = doc["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 18);
    for (i, p) in paragraphs.iter().enumerate() {
        let link = p["alignment"]["link"].as_str().unwrap();
        match i + 1 {
            5 | 6 => assert_eq!(link, "2-1"),
            12 => assert_eq!(link, "1-2"),
            _ => assert_eq!(link, "1-1", "p{}", i + 1),
        }
        // The merged English is split back at the right sentence; the split one rejoined.
        assert_eq!(p["en"].as_str().unwrap(), english[i], "p{}", i + 1);
    }
    assert_eq!(doc["meta"]["translation"]["source"], "Test Translator");
    let html = std::fs::read_to_string(out.path().join("000_9cd979bd4177cabe.html")).unwrap();
    assert_eq!(html.matches("class=\"align-note\"").count(), 3);
    // A sure merge or split is how translations are written: the QA report notes it (info),
    // it does not warn.
    let qa = qa_alignment_findings(out.path(), "000_9cd979bd4177cabe");
    assert_eq!(qa, ["p5 info", "p6 info", "p12 info"]);
    let report = std::fs::read_to_string(out.path().join("000_9cd979bd4177cabe.qa.json")).unwrap();
    assert!(report.contains("2 paragraphs (p5, p6) merged into one in the translation"), "{report}");
    assert!(report.contains("split into 2 paragraphs in the translation"), "{report}");
    // The page for people: nothing to act on, and the three notes folded away.
    let page = std::fs::read_to_string(out.path().join("000_9cd979bd4177cabe.qa.html")).unwrap();
    assert!(
        page.contains("0 errors, 0 warnings, 3 notes") && page.contains("<li>alignment: 0 (3 notes)</li>"),
        "{page}"
    );
    assert!(!page.contains("<h2>Findings</h2>") && page.contains("<details>\n<summary><h2>Notes (3)</h2>"), "{page}");
}

/// The QA report's alignment findings: `paragraph severity`.
fn qa_alignment_findings(dir: &std::path::Path, slug: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join(format!("{slug}.qa.json"))).unwrap();
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "alignment")
        .map(|f| format!("{} {}", f["paragraph"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect()
}

#[test]
fn paragraphs_without_partners_are_shown_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("a.txt");
    let untranslated = "第三段没有翻译。".repeat(12);
    std::fs::write(&zh, format!("第一段讲2020年。\n\n第二段讲WTO。\n\n{untranslated}")).unwrap();
    let en = dir.path().join("a.en.txt");
    let note = "Translator's note: this piece first appeared on a blog that has since been deleted; the text here follows an archived copy, and the author's own emphasis has been kept throughout.";
    std::fs::write(&en, format!("{note}\n\nThe first is about 2020.\n\nThe second is about the WTO.")).unwrap();
    let (out, output) = build(&[&zh], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("English paragraph 1 has no Chinese partner"));
    // The untranslated paragraph is not doubted by the second model of the pairing (#35): it
    // is noted, and the build says so.
    assert!(stderr(&output).contains("1 paragraph links the aligner is unsure of, or that leave a paragraph unpartnered, are noted in the QA report (info)"), "{}", stderr(&output));
    let doc = json(out.path(), "a");
    let ps = doc["paragraphs"].as_array().unwrap();
    let links: Vec<&str> = ps.iter().map(|p| p["alignment"]["link"].as_str().unwrap()).collect();
    assert_eq!(links, ["0-1", "1-1", "1-1", "1-0"]);
    assert_eq!(ps[0]["zh"], "");
    assert_eq!(ps[0]["en"], note);
    assert_eq!(ps[0]["id"], "p0-en1");
    assert_eq!(ps[1]["en"], "The first is about 2020.");
    assert!(ps[3]["en"].is_null());
    assert!(ps[3]["alignment"]["note"].as_str().unwrap().contains("no English partner"));
    // English with no Chinese partner is a warning; a paragraph left out of the translation is
    // noted, still saying so, unless a second model of the pairing finds its link likely wrong.
    let qa = qa_alignment_findings(out.path(), "a");
    assert_eq!(qa, ["p0-en1 warning", "p3 info"]);
}

#[test]
fn en_needs_exactly_one_input() {
    let output = run(&["build", "seeds", "--en", "seeds/000_9cd979bd4177cabe.en.md"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn qa_finds_planted_defects_and_stays_quiet_on_the_seed() {
    let (out, output) = build(&[&root().join("seeds")], &[]);
    assert!(output.status.success());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("000_9cd979bd4177cabe.qa.json")).unwrap())
            .unwrap();
    assert_eq!(report["paragraphs_checked"], 18);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0, "false alarms: {report}");

    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("seed.txt");
    std::fs::copy(root().join(SEED), &zh).unwrap();
    let english = std::fs::read_to_string(root().join("seeds/000_9cd979bd4177cabe.en.md")).unwrap();
    assert!(english.contains("20 years ago") && english.contains("sugar-coated bullets"));
    let planted =
        english.replace("20 years ago", "30 years ago").replace("sugar-coated bullets", "candy-coated shells");
    std::fs::write(dir.path().join("seed.en.md"), planted).unwrap();
    let (out, output) = build(&[&zh], &[]);
    assert!(output.status.success());
    let err = stderr(&output);
    assert!(err.contains("QA seed p12: the number 20 is missing from the English (numbers)"), "{err}");
    assert!(
        err.contains(
            "QA seed p2: glossary term 糖衣炮弹 should be rendered \"sugar-coated bullets\"; the translation has \
             \"candy-coated\" (glossary)"
        ),
        "{err}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("seed.qa.json")).unwrap()).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 2, "{report}");
}
