//! Orders the readings of one CC-CEDICT headword from most to least likely.
//!
//! CC-CEDICT sorts a headword's entries by pinyin, not by frequency (行 lists hang2 before
//! xing2), so "the first entry" is often wrong. This module is shared with `build.rs`, which
//! sorts every headword's readings once at compile time; it must stay free of crate imports.

/// How unlikely a reading is as the everyday reading of `word`: lower is better.
///
/// `default_syllable` gives the most common reading of one character (from the `pinyin`
/// crate's data), numbered and lower-case, e.g. `xing2`; it breaks ties between readings.
pub fn reading_penalty(
    word: &str,
    pinyin: &str,
    senses: &str,
    default_syllable: &dyn Fn(char) -> Option<String>,
) -> i32 {
    let mut penalty = 0;
    let sense_list: Vec<&str> = senses.split('/').filter(|s| !s.is_empty()).collect();
    let meaningful = sense_list.iter().filter(|s| !is_pointer_sense(s)).count();
    if meaningful == 0 {
        // Only "variant of X" / "used in X" senses: a reading kept for rare uses.
        penalty += 40;
    }
    if pinyin.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        // Proper-noun readings (surnames, places) lose to common-noun readings of the same word.
        penalty += 12;
    }
    for sense in &sense_list {
        if sense.starts_with("surname ") {
            penalty += 4;
        }
        for marker in ["(archaic)", "(old)", "(literary)", "(dialect)", "(Tw)", "Taiwan pr.", "(onom.)"] {
            if sense.contains(marker) {
                penalty += 3;
            }
        }
    }
    // Agreement with the per-character default readings breaks ties; for one character
    // it is the main signal, since the default comes from frequency-ordered data.
    let weight = if word.chars().count() == 1 { 30 } else { 3 };
    for (ch, syllable) in word.chars().zip(pinyin.split(' ')) {
        if let Some(default) = default_syllable(ch) {
            let syllable = syllable.to_lowercase();
            if syllable != default {
                let same_letters = syllable.trim_end_matches(|c: char| c.is_ascii_digit())
                    == default.trim_end_matches(|c: char| c.is_ascii_digit());
                penalty += if same_letters { weight / 3 + 1 } else { weight };
            }
        }
    }
    penalty - meaningful.min(4) as i32
}

/// A sense that only points at another entry instead of giving a meaning.
fn is_pointer_sense(sense: &str) -> bool {
    const POINTERS: [&str; 8] = [
        "variant of",
        "old variant of",
        "archaic variant of",
        "Japanese variant of",
        "used in ",
        "see ",
        "erroneous variant of",
        "abbr. for ",
    ];
    POINTERS.iter().any(|p| sense.starts_with(p)) || sense.starts_with("CL:")
}
