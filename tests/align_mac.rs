//! Sentence alignment against the hand-made links of the MAC dev chapters (../shared): strict
//! F1 over all chapters, above the one-pass dictionary aligner, itself above the length-only
//! Gale-Church floor. (Leave-one-chapter-out figures: `examples/align_eval --cv`.)

mod common;

use common::align_eval::{Score, load_chapters};
use duizhao::Glossary;
use duizhao::align::sentences::Weights;

#[test]
fn mac_dev_strict_f1() {
    let Some(shared) = common::shared("mac_dev_strict_f1") else { return };
    let chapters = load_chapters(&shared.join("parallel/mac-dev")).unwrap();
    assert_eq!(chapters.len(), 8);
    let (glossary, _) = Glossary::load(true, &[]);
    let (mut ours, mut one_pass, mut floor) = (Score::default(), Score::default(), Score::default());
    for chapter in &chapters {
        ours += chapter.score(&glossary, Weights::default());
        one_pass += chapter.score(&glossary, Weights::DICTIONARY);
        floor += chapter.score(&glossary, Weights::LENGTH_ONLY);
    }
    eprintln!(
        "strict F1: duizhao {:.3}, dictionary one pass {:.3}, Gale-Church floor {:.3}",
        ours.f1(),
        one_pass.f1(),
        floor.f1()
    );
    // Measured 0.922, 0.881 and 0.655 (1,708 gold links).
    assert!(ours.f1() >= 0.92, "strict F1 {:.3}", ours.f1());
    assert!(one_pass.f1() >= 0.87 && one_pass.f1() < ours.f1() - 0.02, "one pass {:.3}", one_pass.f1());
    assert!(floor.f1() < one_pass.f1());
}

#[test]
fn the_command_aligns_a_chapter_as_the_evaluation_does() {
    let Some(shared) = common::shared("the_command_aligns_a_chapter_as_the_evaluation_does") else { return };
    let dir = shared.join("parallel/mac-dev");
    let chapters = load_chapters(&dir).unwrap();
    let (glossary, _) = Glossary::load(true, &[]);
    let chapter = chapters.iter().find(|c| c.name == "007").unwrap();
    let expected = duizhao::align::command::format_links(&chapter.align(&glossary, Weights::default()));
    let zh = dir.join("007.zh").display().to_string();
    let en = dir.join("007.en").display().to_string();
    let output = common::run(&["align", &zh, &en, "--format", "links"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
}

/// One alignment: every chapter built as an edition (`NNN.txt` with `NNN.en.txt` beside it, a
/// line a paragraph) has exactly the paragraph links, confidences included, that
/// `align --format links` prints for the same files, and so scores what the evaluation scores.
#[test]
fn editions_link_as_the_links_format_does() {
    let Some(shared) = common::shared("editions_link_as_the_links_format_does") else { return };
    let dir = tempfile::tempdir().unwrap();
    let (glossary, _) = Glossary::load(true, &[]);
    let chapters = load_chapters(&shared.join("parallel/mac-dev")).unwrap();
    let mut inputs = Vec::new();
    for chapter in &chapters {
        let zh = dir.path().join(format!("{}.txt", chapter.name));
        std::fs::copy(shared.join(format!("parallel/mac-dev/{}.zh", chapter.name)), &zh).unwrap();
        std::fs::copy(
            shared.join(format!("parallel/mac-dev/{}.en", chapter.name)),
            dir.path().join(format!("{}.en.txt", chapter.name)),
        )
        .unwrap();
        inputs.push(zh);
    }
    let out = dir.path().join("out");
    let mut args = vec!["build".to_string(), "--format".into(), "json".into(), "-o".into(), out.display().to_string()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let output_of_build = common::run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(output_of_build.status.success(), "{}", common::stderr(&output_of_build));
    let (mut edition, mut evaluated) = (Score::default(), Score::default());
    for (chapter, zh) in chapters.iter().zip(&inputs) {
        let en = zh.with_extension("en.txt");
        let output = common::run(&["align", &zh.display().to_string(), &en.display().to_string(), "--format", "links"]);
        assert!(output.status.success(), "{}", common::stderr(&output));
        let printed = String::from_utf8(output.stdout).unwrap();
        let built = paragraph_links_of_json(&common::json(&out, &chapter.name));
        assert_eq!(built.len(), printed.lines().count(), "chapter {}", chapter.name);
        for (line, (zh, en, confidence)) in printed.lines().zip(&built) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!((fields[0], fields[1]), (zh.as_str(), en.as_str()), "chapter {}", chapter.name);
            let printed_confidence: f64 = fields[2].parse().unwrap();
            assert!((printed_confidence - confidence).abs() < 0.0051, "chapter {}: {line}", chapter.name);
        }
        let parse =
            |ids: &str| ids.split(',').filter(|s| !s.is_empty()).map(|n| n.parse::<usize>().unwrap() - 1).collect();
        let pairs: Vec<_> = built.iter().map(|(zh, en, _)| (parse(zh), parse(en))).collect();
        edition += Score::strict(&pairs, &chapter.gold);
        evaluated += chapter.score(&glossary, Weights::default());
        // The count on stderr is the count the QA report lists.
        let qa: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join(format!("{}.qa.json", chapter.name))).unwrap())
                .unwrap();
        let listed = qa["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["check"] == "alignment" && f["sentence"].is_u64())
            .count();
        let said = common::stderr(&output_of_build)
            .lines()
            .find(|l| l.contains(&format!("{}.en.txt: ", chapter.name)) && l.contains("sentence links under"))
            .map_or(0, |l| l.split(".en.txt: ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap());
        assert_eq!(said, listed, "chapter {}", chapter.name);
    }
    eprintln!("editions of the 8 MAC dev chapters: strict F1 {:.3}", edition.f1());
    assert_eq!(edition, evaluated);
}

/// The paragraph links of a built document's JSON as `--format links` prints them: 1-based
/// Chinese and English paragraph numbers, comma-separated, and the confidence.
fn paragraph_links_of_json(doc: &serde_json::Value) -> Vec<(String, String, f64)> {
    let numbers = |ids: &[usize]| ids.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    let paragraphs = doc["paragraphs"].as_array().unwrap();
    let mut out = Vec::new();
    let mut k = 0;
    while k < paragraphs.len() {
        let alignment = &paragraphs[k]["alignment"];
        let en: Vec<usize> = en_paragraphs(&paragraphs[k]).iter().map(|j| j + 1).collect();
        let confidence = alignment["confidence"].as_f64().unwrap();
        if paragraphs[k]["id"].as_str().unwrap().contains("-en") {
            out.push((String::new(), numbers(&en), confidence));
            k += 1;
            continue;
        }
        let zh_count: usize = alignment["link"].as_str().unwrap().split('-').next().unwrap().parse().unwrap();
        let zh: Vec<usize> =
            paragraphs[k..k + zh_count].iter().map(|p| p["id"].as_str().unwrap()[1..].parse().unwrap()).collect();
        out.push((numbers(&zh), numbers(&en), confidence));
        k += zh_count;
    }
    out
}

/// A Chinese chapter in paragraphs (five lines each) against its English a line a sentence:
/// each paragraph gets the English lines the gold links give its lines.
#[test]
fn paragraphs_against_a_line_a_sentence() {
    let Some(shared) = common::shared("paragraphs_against_a_line_a_sentence") else { return };
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<String> = std::fs::read_to_string(shared.join("parallel/mac-dev/001.zh"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    let paragraphs: Vec<String> = lines.chunks(5).map(|c| c.concat()).collect();
    let zh = dir.path().join("mix.txt");
    std::fs::write(&zh, paragraphs.join("\n\n")).unwrap();
    let en = dir.path().join("mix.en.txt");
    std::fs::copy(shared.join("parallel/mac-dev/001.en"), &en).unwrap();
    let out = dir.path().join("out");
    let args = ["align", &zh.display().to_string(), &en.display().to_string(), "--format", "json", "-o"];
    let output = common::run(&[&args[..], &[out.display().to_string().as_str()]].concat());
    assert!(output.status.success(), "{}", common::stderr(&output));
    let doc = common::json(&out, "mix");
    let gold = common::align_eval::parse_gold(
        &std::fs::read_to_string(shared.join("parallel/mac-dev/001.links.xml")).unwrap(),
    )
    .unwrap();
    let (mut right, mut total) = (0, 0);
    for p in doc["paragraphs"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        if id.contains("-en") {
            continue;
        }
        assert!(p["en"].is_string(), "{id} has no English");
        let k: usize = id[1..].parse::<usize>().unwrap() - 1;
        let mut expected: Vec<usize> = gold
            .iter()
            .filter(|(z, _)| z.iter().any(|i| (5 * k..5 * k + 5).contains(i)))
            .flat_map(|(_, e)| e.iter().copied())
            .collect();
        expected.sort_unstable();
        expected.dedup();
        let got = en_paragraphs(p);
        total += 1;
        if p["alignment"]["link"] == format!("1-{}", got.len()).as_str() && got == expected {
            right += 1;
        }
    }
    eprintln!("{right} of {total} paragraphs paired with exactly their English lines");
    // Measured 37 of 53 (1 of 53 when paragraphs were paired on length, at most three lines each).
    assert_eq!(total, 53);
    assert!(right >= 30, "{right} of {total}");
}

/// A built paragraph's English paragraphs, 0-based.
fn en_paragraphs(p: &serde_json::Value) -> Vec<usize> {
    p["alignment"]["en_paragraphs"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap() as usize - 1).collect()
}

#[test]
fn gold_sides_are_swapped_into_chinese_first() {
    let xml = "<link type='2-1' xtargets='1:3 1:4;1:2' status='man'/>\n<link xtargets=';1:5'/>";
    assert_eq!(common::align_eval::parse_gold(xml).unwrap(), [(vec![1], vec![2, 3]), (vec![4], vec![])]);
}

#[test]
fn strict_scores() {
    let gold = vec![(vec![0], vec![0]), (vec![1], vec![1, 2])];
    let found = vec![(vec![0], vec![0]), (vec![1], vec![1]), (vec![], vec![2])];
    let s = Score::strict(&found, &gold);
    assert_eq!((s.correct, s.predicted, s.gold), (1, 3, 2));
    assert!((s.f1() - 0.4).abs() < 1e-9);
    assert_eq!(common::align_eval::diagonal(2, 3).len(), 3);
}

/// QA worth reading (#35): the QA report's alignment warnings on the 8 MAC dev chapters, built
/// as a user builds them, point at links the gold calls wrong, as `examples/qa_eval` counts
/// them. A warning is only a link the second model of the pairing finds likely wrong
/// (`duizhao::align::doubt`); the aligner's other unsure links are notes.
#[test]
fn qa_alignment_warnings_point_at_wrong_links() {
    let Some(shared) = common::shared("qa_alignment_warnings_point_at_wrong_links") else { return };
    let chapters = load_chapters(&shared.join("parallel/mac-dev")).unwrap();
    let (glossary, _) = Glossary::load(true, &[]);
    let pipeline = duizhao::Pipeline::new(glossary, duizhao::BuildOptions::default());
    let work = tempfile::tempdir().unwrap();
    let mut total = common::align_eval::Tally::default();
    for chapter in &chapters {
        total += common::align_eval::qa_tally(&pipeline, work.path(), chapter, false);
    }
    eprintln!("{total:?}: precision {:.3}, recall {:.3}", total.precision(), total.recall());
    // Measured: 14 warnings, 12 on wrong links (0.857), 11 of the 147 wrong links found; the
    // weights were fitted on these chapters' links before English without a Chinese partner
    // got its own cost (then 23 warnings, 21 wrong, of 156 wrong links: the unpartnered English
    // that cost removed was wrong and warned of). The issue asks for 0.85. Before the model:
    // 262 warnings, 49 on wrong links (0.187).
    assert!(total.precision() >= 0.85, "precision {:.3} ({total:?})", total.precision());
    assert!(total.flagged_wrong >= 12 && total.wrong_found >= 11, "{total:?}");
    assert_eq!(total.false_untranslated, 0, "{total:?}");
}
