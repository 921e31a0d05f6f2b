//! Sentence alignment against the hand-made links of the MAC dev chapters (../shared): strict
//! F1 over all chapters, above the one-pass dictionary aligner, itself above the length-only
//! Gale-Church floor. (Leave-one-chapter-out figures: `examples/align_eval --cv`.)

mod common;

use duizhao::Glossary;
use duizhao::align::eval::{Score, load_chapters};
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
    // Measured 0.917, 0.880 and 0.650 (1,708 gold links).
    assert!(ours.f1() >= 0.91, "strict F1 {:.3}", ours.f1());
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
