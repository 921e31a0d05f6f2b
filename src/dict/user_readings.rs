//! The user's own word readings (`--pinyin-dict FILE`): `word<TAB>pinyin` lines (tone marks or
//! numbers, one syllable per character, separated by spaces), or CC-CEDICT lines
//! (`傳統 传统 [chuan2 tong3] /.../`). Each word is then kept whole by the segmenter and read
//! as given; a glossary entry for the same term still wins.

use std::path::Path;

use crate::dict::glossary::{GlossaryEntry, reading_from_column};
use crate::error::Error;

/// Reads a reading list. Malformed lines come back as errors naming `FILE:LINE`; the good
/// lines are kept.
pub fn load(path: &Path) -> (Vec<GlossaryEntry>, Vec<Error>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse_into(&text, path, &mut entries, &mut errors),
            Err(_) => errors.push(Error::Glossary {
                path: path.into(),
                line: 1,
                message: "not UTF-8; save the reading list as UTF-8".into(),
            }),
        },
        Err(e) => errors.push(Error::io(path, e)),
    }
    (entries, errors)
}

/// Parses reading-list text, appending entries and line errors.
pub fn parse_into(text: &str, path: &Path, entries: &mut Vec<GlossaryEntry>, errors: &mut Vec<Error>) {
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_prefix('\u{FEFF}').unwrap_or(line).trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let origin = format!("{}:{}", path.display(), i + 1);
        match parse_line(line) {
            Ok(words) => entries.extend(words.into_iter().map(|(term, reading)| GlossaryEntry {
                term,
                reading: Some(reading),
                english: String::new(),
                note: None,
                origin: origin.clone(),
            })),
            Err(message) => errors.push(Error::Glossary { path: path.into(), line: i + 1, message }),
        }
    }
}

/// The (word, numbered reading) pairs of one line: one for `word<TAB>pinyin`, the simplified
/// and the traditional form for a CC-CEDICT line.
fn parse_line(line: &str) -> Result<Vec<(String, String)>, String> {
    if let Some((word, pinyin)) = line.split_once('\t') {
        let word = word.trim();
        let reading = reading_from_column(word, pinyin.trim())?
            .ok_or_else(|| format!("'{word}' has no pinyin; write word<TAB>pinyin"))?;
        return Ok(vec![(word.to_string(), reading)]);
    }
    let (Some(open), Some(close)) = (line.find('['), line.find(']')) else {
        return Err("expected word<TAB>pinyin, or a CC-CEDICT line (traditional simplified [pin1 yin1] /gloss/)".into());
    };
    let forms: Vec<&str> = line[..open].split_whitespace().collect();
    let pinyin = line.get(open + 1..close).unwrap_or("").replace("u:", "ü");
    if forms.len() != 2 || pinyin.trim().is_empty() {
        return Err("a CC-CEDICT line has a traditional form, a simplified form and [pinyin]".into());
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for form in [forms[1], forms[0]] {
        let reading = reading_from_column(form, pinyin.trim())?.unwrap_or_default();
        if !out.iter().any(|(w, _)| w == form) {
            out.push((form.to_string(), reading));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Vec<GlossaryEntry>, Vec<Error>) {
        let (mut entries, mut errors) = (Vec::new(), Vec::new());
        parse_into(text, Path::new("mine.txt"), &mut entries, &mut errors);
        (entries, errors)
    }

    #[test]
    fn tab_and_cedict_lines() {
        let (entries, errors) = parse("# mine\n朝阳区\tcháo yáng qū\n長城 长城 [Chang2 cheng2] /the Great Wall/\n");
        assert!(errors.is_empty(), "{errors:?}");
        let pairs: Vec<(&str, &str)> =
            entries.iter().map(|e| (e.term.as_str(), e.reading.as_deref().unwrap())).collect();
        assert_eq!(pairs, [("朝阳区", "chao2 yang2 qu1"), ("长城", "Chang2 cheng2"), ("長城", "Chang2 cheng2")]);
        assert!(entries.iter().all(GlossaryEntry::is_reading_only));
        assert_eq!(entries[1].origin, "mine.txt:3");
    }

    #[test]
    fn bad_lines_name_the_line() {
        let (entries, errors) = parse("好\thǎo\n坏 huai4\n银行\tyin2\n");
        assert_eq!(entries.len(), 1);
        assert_eq!(errors.len(), 2);
        assert!(errors[0].to_string().starts_with("mine.txt:2"), "{}", errors[0]);
        assert!(errors[1].to_string().contains("1 syllables for the 2 Chinese characters"), "{}", errors[1]);
    }
}
