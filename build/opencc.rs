//! Compiles the one mapping from Traditional to Simplified characters that src/text/simplify.rs
//! reads Traditional text through (Taiwan and Hong Kong forms too), from OpenCC's dictionaries
//! (data/opencc/, Apache-2.0) and CC-CEDICT's word pairs. Every entry keeps the number of
//! characters, so a converted text lines up character for character with its original.
//!
//! Files written to OUT_DIR, one entry a line, `SOURCE<TAB>TARGET`:
//!   simplify_chars.txt    a character and its usual Simplified form: TSCharacters' first
//!                         target, Taiwan and Hong Kong variants through their standard form,
//!                         and 著 as 着 (in Traditional running text it is mostly the particle;
//!                         著 zhù comes in words, below); 閤 gé is read as itself, not as 合;
//!   simplify_phrases.txt  words whose characters convert otherwise than one by one (乾隆 keeps
//!                         乾, 著名 keeps 著, 一目瞭然 -> 一目了然): OpenCC's TSPhrases and its
//!                         Taiwan and Hong Kong variant phrases, then every CC-CEDICT word, in
//!                         either script, whose Simplified headword the characters alone miss.
//!
//! OpenCC's TWPhrasesRev and HKPhrasesRev (軟體 -> 软件) change the words, not the script, and so
//! the readings: they are left out.

use std::collections::BTreeMap;
use std::path::Path;

const DIR: &str = "data/opencc";

/// Reads `DIR/name`: (source, first target) per entry line.
fn entries(name: &str) -> Vec<(String, Vec<String>)> {
    let path = format!("{DIR}/{name}");
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (source, targets) =
            line.split_once('\t').unwrap_or_else(|| panic!("{path}:{}: no tab in {line:?}", number + 1));
        let targets: Vec<String> = targets.split(' ').filter(|t| !t.is_empty()).map(str::to_string).collect();
        assert!(!targets.is_empty(), "{path}:{}: no target in {line:?}", number + 1);
        out.push((source.to_string(), targets));
    }
    out
}

fn one_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Writes the two tables; `cedict` is CC-CEDICT's (traditional, simplified) headword pairs.
pub fn write(out: &Path, cedict: &[(String, String)]) {
    let mut chars: BTreeMap<char, char> = BTreeMap::new();
    for (source, targets) in entries("TSCharacters.txt") {
        if let (Some(s), Some(t)) = (one_char(&source), one_char(&targets[0])) {
            chars.insert(s, t);
        }
    }
    chars.insert('著', '着');
    // Variants map a standard form to the local ones; read back, a local form is its standard
    // form, converted.
    for file in ["TWVariants.txt", "HKVariants.txt"] {
        for (standard, variants) in entries(file) {
            let Some(standard) = one_char(&standard) else { continue };
            let simplified = chars.get(&standard).copied().unwrap_or(standard);
            for variant in variants.iter().filter_map(|v| one_char(v)) {
                if variant != standard {
                    chars.insert(variant, simplified);
                }
            }
        }
    }
    // 閤 gé (閤下) is not 合 hé: read as itself.
    chars.retain(|&s, &mut t| s != t && s != '閤');
    let by_chars = |text: &str| -> String { text.chars().map(|c| chars.get(&c).copied().unwrap_or(c)).collect() };

    let mut phrases: BTreeMap<String, String> = BTreeMap::new();
    let mut add = |source: &str, target: String| {
        let same_length = source.chars().count() == target.chars().count();
        if same_length && source.chars().nth(1).is_some() && by_chars(source) != target {
            phrases.entry(source.to_string()).or_insert(target);
        }
    };
    let ts_phrases = entries("TSPhrases.txt");
    for (source, targets) in &ts_phrases {
        add(source, targets[0].clone());
    }
    let ts_phrase =
        |text: &str| ts_phrases.iter().find(|(s, _)| s == text).map_or_else(|| by_chars(text), |(_, t)| t[0].clone());
    for file in ["TWVariantsRevPhrases.txt", "HKVariantsRevPhrases.txt"] {
        for (source, targets) in entries(file) {
            add(&source, ts_phrase(&targets[0]));
        }
    }
    for (traditional, simplified) in cedict {
        add(traditional, simplified.clone());
        add(simplified, simplified.clone());
    }

    let mut text = String::new();
    for (s, t) in &chars {
        text.push_str(&format!("{s}\t{t}\n"));
    }
    std::fs::write(out.join("simplify_chars.txt"), text).unwrap();
    let mut text = String::new();
    for (s, t) in &phrases {
        text.push_str(&format!("{s}\t{t}\n"));
    }
    std::fs::write(out.join("simplify_phrases.txt"), text).unwrap();
}
