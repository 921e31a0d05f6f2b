//! Sentence alignment against the hand-made links of the MAC dev chapters (../shared): strict
//! F1 over all chapters, and the length-only Gale-Church floor below it.

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
    let (mut ours, mut floor) = (Score::default(), Score::default());
    for chapter in &chapters {
        ours += chapter.score(&glossary, Weights::default());
        floor += chapter.score(&glossary, Weights::LENGTH_ONLY);
    }
    eprintln!("strict F1: duizhao {:.3}, Gale-Church floor {:.3}", ours.f1(), floor.f1());
    assert!(ours.f1() >= 0.85, "strict F1 {:.3}", ours.f1());
    assert!(floor.f1() < ours.f1());
}
