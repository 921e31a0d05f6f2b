//! Neutral tones in word mode, as dictionaries print words: 还是 háishi, 大不了 dàbuliǎo, and
//! the words whose tone depends on what they mean, read from their neighbours: 地方 dìfang
//! 'place' / dìfāng 'local' (地方政府), 东西 dōngxi 'thing' / dōngxī 'east and west'
//! (东西方向), 大意 dàyì 'main idea' / dàyi 'careless' (别大意), and more
//! (`data/polyphone/neutral.tsv`). It runs after the context rules, in word mode only:
//! `--per-char` keeps each character's own tone, as the rules give it.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::readings::reads::Reads;

/// The table, embedded: `word TAB reading TAB when TAB words`.
static TABLE: &str = include_str!("../../data/polyphone/neutral.tsv");

/// Where a line of the table looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Next,
    Prev,
    Default,
}

/// One line of the table.
#[derive(Debug, Clone)]
struct Choice {
    reading: &'static str,
    when: When,
    words: Vec<&'static str>,
}

/// The table, by word, lines in file order.
fn table() -> &'static FxHashMap<&'static str, Vec<Choice>> {
    static PARSED: OnceLock<FxHashMap<&'static str, Vec<Choice>>> = OnceLock::new();
    PARSED.get_or_init(|| parse(TABLE).unwrap_or_else(|line| panic!("data/polyphone/neutral.tsv:{line}: malformed")))
}

/// Parses the table; `Err` with the 1-based number of a malformed line.
fn parse(text: &'static str) -> Result<FxHashMap<&'static str, Vec<Choice>>, usize> {
    let mut table: FxHashMap<&str, Vec<Choice>> = FxHashMap::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let when = match fields.get(2) {
            Some(&"next") => When::Next,
            Some(&"prev") => When::Prev,
            Some(&"default") => When::Default,
            _ => return Err(i + 1),
        };
        let words: Vec<&str> =
            fields.get(3).map(|w| w.split(' ').filter(|w| !w.is_empty()).collect()).unwrap_or_default();
        let reading = fields[1];
        let syllables = reading.split(' ').count();
        let length = fields[0].len();
        if fields[0].chars().count() != syllables
            || !(6..=9).contains(&length)
            || (when != When::Default && words.is_empty())
        {
            return Err(i + 1);
        }
        table.entry(fields[0]).or_default().push(Choice { reading, when, words });
    }
    Ok(table)
}

/// The number of lines of the table (for tests/data_files.rs).
pub fn table_lines() -> usize {
    table().values().map(Vec::len).sum()
}

/// Gives the words of `tokens` that the table knows the reading their neighbours call for.
/// Returns the indices of the tokens whose reading changed.
pub fn apply<T: Reads>(tokens: &mut [T]) -> Vec<usize> {
    let table = table();
    let mut changed = Vec::new();
    for t in 0..tokens.len() {
        // Every word of the table has two or three Han characters (six or nine bytes): most
        // tokens are passed over without a lookup.
        let length = tokens[t].text().len();
        if !(6..=9).contains(&length) {
            continue;
        }
        let Some(choices) = table.get(tokens[t].text()) else { continue };
        if tokens[t].reading_given() || tokens[t].reading().is_none() {
            continue;
        }
        let next = tokens[t + 1..].iter().map(Reads::text).find(|w| !w.trim().is_empty()).unwrap_or("");
        // The two words before, as one text: `中央和` before 地方 is two words.
        let mut before: Vec<&str> =
            tokens[..t].iter().rev().map(Reads::text).filter(|w| !w.trim().is_empty()).take(2).collect();
        before.reverse();
        let prev = before.concat();
        let chosen = choices
            .iter()
            .find(|c| match c.when {
                When::Next => c.words.iter().any(|w| next.starts_with(w)),
                When::Prev => c.words.iter().any(|w| prev.ends_with(w)),
                When::Default => false,
            })
            .or_else(|| choices.iter().find(|c| c.when == When::Default));
        if let Some(choice) = chosen
            && tokens[t].reading() != Some(choice.reading)
        {
            tokens[t].set_reading(choice.reading.to_string());
            changed.push(t);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_malformed_lines_are_named() {
        assert!(table().len() >= 22, "{} words", table().len());
        assert!(table().values().all(|c| c.iter().any(|c| c.when == When::Default)), "every word has a default");
        assert_eq!(parse("地方\tdi4\tdefault\n").unwrap_err(), 1, "two characters, one syllable");
        assert_eq!(parse("# x\n地方\tdi4 fang1\tnext\n").unwrap_err(), 2, "a next line without words");
        assert_eq!(parse("地方\tdi4 fang1\tsometimes\t政府\n").unwrap_err(), 1);
    }
}
