//! Every line of the data files duizhao ships parses, and each file holds the number of entries
//! it should: a malformed line or a truncated file fails here, not silently at run time (the
//! parsers that run at build or run time skip what they cannot read).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use duizhao::dict::glossary::parse_into;
use duizhao::dict::hsk::HskTable;
use duizhao::dict::user_readings;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The lines of a gzip file.
fn gzip_lines(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    BufReader::new(flate2::read::GzDecoder::new(file)).lines().map(|l| l.unwrap()).collect()
}

/// The lines of a text file that are not comments or blank, with their 1-based numbers.
fn entries(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l))
        .collect()
}

/// Whether `syllable` is a numbered pinyin syllable (`hang2`, `lü4`, `r5`).
fn is_numbered_syllable(syllable: &str) -> bool {
    let Some(letters) = syllable.strip_suffix(['1', '2', '3', '4', '5']) else { return false };
    !letters.is_empty() && letters.chars().all(|c| c.is_ascii_alphabetic() || c == 'ü' || c == 'Ü')
}

#[test]
fn the_shipped_glossary_parses() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("glossary"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let mut glossary = Vec::new();
    let mut errors = Vec::new();
    for file in &files {
        parse_into(&std::fs::read_to_string(file).unwrap(), file, &mut glossary, &mut errors);
    }
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(glossary.len(), 117, "entries in glossary/*.tsv");
}

#[test]
fn the_polyphone_rules_parse() {
    for (name, expected) in [("rules.tsv", 2325), ("manual.tsv", 34)] {
        let path = root().join("data/polyphone").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = entries(&text);
        for &(n, line) in &lines {
            let fields: Vec<&str> = line.split('\t').collect();
            let wrong = |what: &str| panic!("{name}:{n}: {what}: {line:?}");
            if fields.len() < 4 {
                wrong("fewer than 4 fields (char, reading, score, features)");
            }
            if fields[0].chars().count() != 1 {
                wrong("the first field is not one character");
            }
            if !is_numbered_syllable(&fields[1].replace('v', "ü")) {
                wrong("the reading is not a numbered syllable");
            }
            if fields[2].parse::<f32>().is_err() {
                wrong("the score is not a number");
            }
            if fields[3..].iter().any(|f| f.is_empty()) {
                wrong("an empty feature");
            }
        }
        assert_eq!(lines.len(), expected, "rules in {name}");
    }
}

#[test]
fn the_neutral_tone_table_parses() {
    // The table is parsed on first use and a malformed line panics there, naming it: reading
    // it here proves every line parses.
    assert_eq!(duizhao::readings::neutral::table_lines(), 56, "lines in data/polyphone/neutral.tsv");
    let text = std::fs::read_to_string(root().join("data/polyphone/neutral.tsv")).unwrap();
    assert_eq!(entries(&text).len(), 56, "every line is a choice");
}

#[test]
fn the_hsk_table_parses() {
    let text: &'static str = include_str!("../data/hsk/hsk.tsv");
    let table = HskTable::parse(text).unwrap_or_else(|e| panic!("data/hsk/hsk.tsv: {e}"));
    assert_eq!(table.len(), 18514, "words in data/hsk/hsk.tsv");
    assert_eq!(table.len(), entries(text).len(), "every line is a word");
}

#[test]
fn the_preferred_phrase_readings_parse() {
    let path = root().join("data/phrases/preferred.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut readings = Vec::new();
    let mut errors = Vec::new();
    user_readings::parse_into(&text, &path, &mut readings, &mut errors);
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(readings.len(), 194, "words in data/phrases/preferred.tsv");
}

#[test]
fn cc_cedict_parses() {
    let path = root().join("data/cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz");
    let lines = gzip_lines(&path);
    let mut count = 0;
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
        // `Traditional Simplified [pin1 yin1] /sense/sense/`
        let parsed = (|| {
            let (trad, rest) = line.split_once(' ')?;
            let (simp, rest) = rest.split_once(' ')?;
            let (pinyin, senses) = rest.strip_prefix('[')?.split_once("] /")?;
            let ok = !trad.is_empty() && !simp.is_empty() && !pinyin.trim().is_empty() && senses.ends_with('/');
            ok.then_some(())
        })();
        assert!(parsed.is_some(), "{}:{}: not a CC-CEDICT entry: {line:?}", path.display(), i + 1);
        count += 1;
    }
    assert_eq!(count, 124260, "entries in CC-CEDICT");
}

#[test]
fn jiebas_dictionary_parses() {
    let path = root().join("data/jieba/dict.txt.gz");
    let lines = gzip_lines(&path);
    for (i, line) in lines.iter().enumerate() {
        let fields: Vec<&str> = line.split(' ').collect();
        let ok =
            fields.len() == 3 && !fields[0].is_empty() && fields[1].parse::<u32>().is_ok() && !fields[2].is_empty();
        assert!(ok, "{}:{}: not `word frequency tag`: {line:?}", path.display(), i + 1);
    }
    assert_eq!(lines.len(), 349045, "words in jieba's dictionary");
}
