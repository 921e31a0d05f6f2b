//! Checks the polyphone rule files (data/polyphone/rules.tsv and manual.tsv) that
//! src/readings/polyphone.rs embeds: a line it cannot read would be a rule silently lost, so
//! the build stops on it, naming the file and line.

use std::path::Path;

/// The rule files.
const FILES: [&str; 2] = ["data/polyphone/rules.tsv", "data/polyphone/manual.tsv"];

/// Feature names src/readings/polyphone.rs knows (`feature_bit`); `bias` and `lwdup` stand
/// alone, the others are `NAME=value` (a value may be empty: `L2=` at a sentence start).
const ALONE: [&str; 2] = ["bias", "lwdup"];
const NAMED: [&str; 9] = ["cur", "w", "L1", "R1", "L2", "R2", "LR", "lw", "rw"];

/// Panics (stopping the build) at the first line that is not
/// `char<TAB>reading<TAB>score<TAB>feature...`.
pub fn check() {
    for file in FILES {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(Path::new(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        for (number, line) in text.lines().enumerate() {
            if let Err(problem) = check_line(line) {
                panic!("{file}:{}: {problem}: {line:?}", number + 1);
            }
        }
    }
}

/// Whether one line of a rule file is a comment, blank, or a well-formed rule.
pub fn check_line(line: &str) -> Result<(), String> {
    if line.is_empty() || line.starts_with('#') {
        return Ok(());
    }
    let mut parts = line.split('\t');
    let (ch, reading, score) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if ch.chars().count() != 1 {
        return Err("the first column must be one character".into());
    }
    let tone = reading.chars().last().filter(|c| ('1'..='5').contains(c));
    if tone.is_none() || !reading[..reading.len() - 1].chars().all(|c| c.is_ascii_lowercase()) || reading.len() < 2 {
        return Err("the reading must be numbered pinyin, as zhong4".into());
    }
    if score.parse::<f32>().map_or(true, |s| !s.is_finite()) {
        return Err("the score must be a number".into());
    }
    let features: Vec<&str> = parts.collect();
    if features.is_empty() {
        return Err("a rule needs at least one feature".into());
    }
    for feature in features {
        let known = match feature.split_once('=') {
            Some((name, _)) => NAMED.contains(&name),
            None => ALONE.contains(&feature),
        };
        if !known {
            return Err(format!("unknown feature {feature:?}"));
        }
    }
    Ok(())
}
