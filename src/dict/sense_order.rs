//! Which CC-CEDICT sense a word's gloss opens with when the dictionary's first is not the one
//! people mean most of the time: 意见 "opinion" before "idea", 支持 "to support" before "to be
//! in favor of". Learned from parallel text by `tools/senses/order.py` (the sense whose English
//! the translations use), kept in `data/learner/sense_order.tsv`.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// `simplified TAB reading TAB sense`, embedded.
static TABLE: &str = include_str!("../../data/learner/sense_order.tsv");

/// Per word: its readings (as CC-CEDICT writes them, `nu:3`) and the sense each opens with.
fn table() -> &'static FxHashMap<&'static str, Vec<(&'static str, &'static str)>> {
    static PARSED: OnceLock<FxHashMap<&'static str, Vec<(&'static str, &'static str)>>> = OnceLock::new();
    PARSED.get_or_init(|| {
        let mut table: FxHashMap<&str, Vec<(&str, &str)>> = FxHashMap::default();
        for line in TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut fields = line.split('\t');
            if let (Some(word), Some(reading), Some(sense)) = (fields.next(), fields.next(), fields.next()) {
                table.entry(word).or_default().push((reading, sense));
            }
        }
        table
    })
}

/// Whether two numbered readings are the same, in any case, ü written `ü`, `u:` or `v`.
fn same_reading(a: &str, b: &str) -> bool {
    let normal = |r: &str| r.to_lowercase().replace("u:", "ü").replace('v', "ü");
    a.eq_ignore_ascii_case(b) || normal(a) == normal(b)
}

/// The sense (as CC-CEDICT writes it) that `word` (Simplified) read `reading` opens with, when
/// it is not the dictionary's first.
pub(crate) fn first_sense(word: &str, reading: &str) -> Option<&'static str> {
    table().get(word)?.iter().find(|(r, _)| same_reading(r, reading)).map(|&(_, sense)| sense)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn senses_people_mean() {
        assert_eq!(first_sense("意见", "yi4 jian4"), Some("opinion"));
        assert_eq!(first_sense("意见", "YI4 JIAN4"), Some("opinion"));
        assert_eq!(first_sense("意见", "yi4 jian3"), None);
        assert_eq!(first_sense("女生", "nü3 sheng1"), Some("girl"));
        assert_eq!(first_sense("银行", "yin2 hang2"), None);
    }
}
