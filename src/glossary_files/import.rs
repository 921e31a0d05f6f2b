//! `duizhao glossary import`: term lists from other tools into the glossary format
//! (`term<TAB>pinyin<TAB>english<TAB>note`, see [`crate::dict::glossary`]). Reads TBX (ISO 30042:
//! TBX-Basic `martif`/`termEntry`/`langSet`, and the 2019 `tbx`/`conceptEntry`/`langSec`),
//! CSV and TSV with a header row naming the columns, and DeepL glossary exports (CSV or TSV
//! without a header: source, target, and optionally the source and target languages).
//! Terms without pinyin get it from the annotator, one syllable per Han character.

use std::path::Path;

use crate::dict::glossary::{Glossary, GlossaryEntry, check};
use crate::error::{Error, Result};
use crate::notation::Style;
use crate::text::is_han;
use crate::transcribe::{LineOptions, transcribe_line};

/// The term-list formats `glossary import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ImportFormat {
    /// TBX (TermBase eXchange, ISO 30042).
    Tbx,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// A DeepL glossary export: CSV (or TSV) without a header.
    Deepl,
}

/// What an import produced.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The entries, in file order; `reading` is the pinyin column as written (tone marks).
    pub entries: Vec<GlossaryEntry>,
    /// Rows or entries skipped, each naming FILE:LINE (or the TBX entry) and why.
    pub skipped: Vec<String>,
}

impl Imported {
    /// The entries in the glossary format, with a header comment naming where they came from.
    pub fn to_tsv(&self, origin: &Path) -> String {
        let clean = crate::text::collapse_spaces;
        let mut out =
            format!("# Imported by duizhao glossary import from {}\n# term\tpinyin\tenglish\tnote\n", origin.display());
        for e in &self.entries {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                clean(&e.term),
                e.reading.as_deref().map(clean).unwrap_or_default(),
                clean(&e.english),
                e.note.as_deref().map(clean).unwrap_or_default()
            ));
        }
        out
    }
}

/// The format of `path` from its extension and first bytes: `.tbx` or XML is TBX; a CSV or
/// TSV whose first row names a term and an English column has a header, else it is a DeepL
/// export.
pub(crate) fn detect(path: &Path, text: &str) -> ImportFormat {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let start = text.trim_start_matches('\u{FEFF}').trim_start();
    if ext == "tbx" || ext == "xml" || start.starts_with('<') {
        return ImportFormat::Tbx;
    }
    let tab = ext == "tsv" || text.lines().next().is_some_and(|l| l.contains('\t'));
    let delimiter = if tab { '\t' } else { ',' };
    let header = rows(text, delimiter).into_iter().next().map(|(_, row)| row).unwrap_or_default();
    // A DeepL row `小红书,Xiaohongshu,zh,en` would pass for a header naming zh and en columns.
    let is_lang = |s: &str| {
        let (language, region) = s.trim().split_once('-').unwrap_or((s.trim(), "ab"));
        (2..=3).contains(&language.len())
            && language.chars().all(|c| c.is_ascii_alphabetic())
            && (2..=4).contains(&region.len())
            && region.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let deepl_row = header.len() == 4 && is_lang(&header[2]) && is_lang(&header[3]);
    if !deepl_row && Columns::from_header(&header).is_some() {
        if tab { ImportFormat::Tsv } else { ImportFormat::Csv }
    } else {
        ImportFormat::Deepl
    }
}

/// Reads the term list at `path`, in `format` or the detected one.
pub fn import(path: &Path, format: Option<ImportFormat>) -> Result<Imported> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Glossary {
        path: path.into(),
        line: 1,
        message: "not UTF-8; save the file as UTF-8".into(),
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let format = format.unwrap_or_else(|| detect(path, text));
    let mut imported = match format {
        ImportFormat::Tbx => tbx(text, path)?,
        ImportFormat::Csv => with_header(text, ',', path)?,
        ImportFormat::Tsv => with_header(text, '\t', path)?,
        ImportFormat::Deepl => deepl(text, if text.contains('\t') { '\t' } else { ',' }, path),
    };
    fill_readings(&mut imported, path);
    Ok(imported)
}

/// Gives Han terms without a reading one from the annotator, and drops entries the glossary
/// parser would refuse (their reason goes to `skipped`).
fn fill_readings(imported: &mut Imported, path: &Path) {
    let entries = std::mem::take(&mut imported.entries);
    for mut e in entries {
        if e.reading.is_none() && e.term.chars().any(is_han) {
            e.reading = Some(transcribe_line(
                &e.term,
                &Glossary::default(),
                LineOptions { style: Style::Marks, per_char: true, sandhi: false },
            ));
        }
        // Round-trip through the parser so what is written is what `Glossary::load` reads.
        let line = format!(
            "{}\t{}\t{}\t{}",
            e.term,
            e.reading.as_deref().unwrap_or(""),
            e.english,
            e.note.as_deref().unwrap_or("")
        );
        match check(&line, path) {
            Ok(_) => imported.entries.push(e),
            Err(error) => imported.skipped.push(format!("{}: {error}", e.origin)),
        }
    }
}

/// Rows of delimited text with their 1-based line numbers; quoted fields may hold the
/// delimiter, doubled quotes and line breaks (RFC 4180).
fn rows(text: &str, delimiter: char) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let (mut line, mut row_line) = (1, 1);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            '\n' if !quoted => {
                row.push(std::mem::take(&mut field).trim_end_matches('\r').to_string());
                if row.iter().any(|f| !f.trim().is_empty()) {
                    out.push((row_line, std::mem::take(&mut row)));
                } else {
                    row.clear();
                }
                line += 1;
                row_line = line;
            }
            c if c == delimiter && !quoted => row.push(std::mem::take(&mut field)),
            c => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    row.push(field.trim_end_matches('\r').to_string());
    if row.iter().any(|f| !f.trim().is_empty()) {
        out.push((row_line, row));
    }
    out
}

/// Which columns of a CSV/TSV with a header hold what.
struct Columns {
    term: usize,
    english: usize,
    pinyin: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    fn from_header(header: &[String]) -> Option<Columns> {
        let find = |names: &[&str]| {
            header.iter().position(|h| {
                let h = h.trim().to_lowercase();
                names.iter().any(|n| h == *n)
            })
        };
        Some(Columns {
            term: find(&[
                "term",
                "chinese",
                "zh",
                "zh-cn",
                "zh_cn",
                "zh-hans",
                "source",
                "source term",
                "中文",
                "术语",
            ])?,
            english: find(&[
                "english",
                "en",
                "en-us",
                "en-gb",
                "target",
                "target term",
                "translation",
                "英文",
                "译文",
            ])?,
            pinyin: find(&["pinyin", "reading", "拼音"]),
            note: find(&["note", "notes", "comment", "comments", "definition", "description", "备注"]),
        })
    }
}

fn entry(term: &str, english: &str, reading: Option<&str>, note: Option<&str>, origin: String) -> GlossaryEntry {
    let clean = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    GlossaryEntry {
        term: term.trim().to_string(),
        reading: reading.and_then(clean),
        english: english.trim().to_string(),
        note: note.and_then(clean),
        origin,
    }
}

fn with_header(text: &str, delimiter: char, path: &Path) -> Result<Imported> {
    let mut rows = rows(text, delimiter).into_iter();
    let header = rows.next().map(|(_, row)| row).unwrap_or_default();
    let columns = Columns::from_header(&header).ok_or_else(|| Error::Glossary {
        path: path.into(),
        line: 1,
        message: format!(
            "the header row ({}) names no term column (term, chinese, zh, source) and English column \
             (english, en, target, translation)",
            header.join(", ")
        ),
    })?;
    let mut imported = Imported::default();
    for (line, row) in rows {
        let origin = format!("{}:{line}", path.display());
        let cell = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
        let (term, english) = (cell(columns.term), cell(columns.english));
        if term.trim().is_empty() || english.trim().is_empty() {
            imported.skipped.push(format!("{origin}: no term or no English"));
            continue;
        }
        imported.entries.push(entry(term, english, columns.pinyin.map(cell), columns.note.map(cell), origin));
    }
    Ok(imported)
}

/// A DeepL export: `source,target[,source_lang,target_lang]` per line. An English-to-Chinese
/// glossary is turned round.
fn deepl(text: &str, delimiter: char, path: &Path) -> Imported {
    let mut imported = Imported::default();
    for (line, row) in rows(text, delimiter) {
        let origin = format!("{}:{line}", path.display());
        if row.len() < 2 || row[0].trim().is_empty() || row[1].trim().is_empty() {
            imported.skipped.push(format!("{origin}: expected source and target columns"));
            continue;
        }
        let reversed = row.get(2).is_some_and(|lang| lang.trim().to_lowercase().starts_with("en"))
            || (!row[0].chars().any(is_han) && row[1].chars().any(is_han));
        let (term, english) = if reversed { (&row[1], &row[0]) } else { (&row[0], &row[1]) };
        imported.entries.push(entry(term, english, None, None, origin));
    }
    imported
}

/// The local name of an element, whatever its namespace.
fn named(node: &roxmltree::Node, names: &[&str]) -> bool {
    node.is_element() && names.contains(&node.tag_name().name())
}

fn tbx(text: &str, path: &Path) -> Result<Imported> {
    let doc = roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() },
    )
    .map_err(|e| Error::Glossary {
        path: path.into(),
        line: e.pos().row as usize,
        message: format!("not valid TBX: {e}"),
    })?;
    let xml_ns = "http://www.w3.org/XML/1998/namespace";
    let mut imported = Imported::default();
    for concept in doc.descendants().filter(|n| named(n, &["termEntry", "conceptEntry"])) {
        let line = doc.text_pos_at(concept.range().start).row;
        let origin = format!("{}:{line}", path.display());
        let (mut zh, mut en): (Vec<(String, Option<String>)>, Vec<String>) = (Vec::new(), Vec::new());
        for lang_set in concept.children().filter(|n| named(n, &["langSet", "langSec"])) {
            let lang = lang_set.attribute((xml_ns, "lang")).or(lang_set.attribute("lang")).unwrap_or("").to_lowercase();
            for term in lang_set.descendants().filter(|n| named(n, &["term"])) {
                let text: String = term.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
                // A pronunciation note beside the term (in its tig/termSec) is its pinyin.
                let pinyin = term
                    .parent()
                    .into_iter()
                    .flat_map(|group| group.children())
                    .find(|n| named(n, &["termNote"]) && n.attribute("type") == Some("pronunciation"))
                    .and_then(|n| n.text())
                    .map(str::to_string);
                if lang.starts_with("zh") {
                    zh.push((text, pinyin));
                } else if lang.starts_with("en") {
                    en.push(text.trim().to_string());
                }
            }
        }
        let note = concept
            .descendants()
            .find(|n| {
                named(n, &["descrip", "note"])
                    && n.parent().is_some_and(|p| named(&p, &["termEntry", "conceptEntry", "descripGrp"]))
            })
            .and_then(|n| n.text())
            .map(str::to_string);
        en.retain(|e| !e.is_empty());
        if zh.is_empty() || en.is_empty() {
            imported.skipped.push(format!("{origin}: the entry needs a Chinese (zh) and an English (en) term"));
            continue;
        }
        // Several English terms: the first is the rendering, the rest alternatives.
        let english = en.join(" / ");
        for (term, pinyin) in zh {
            imported.entries.push(entry(&term, &english, pinyin.as_deref(), note.as_deref(), origin.clone()));
        }
    }
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields() {
        let r = rows("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\n\"x\ny\",z\n", ',');
        assert_eq!(r[0], (1, vec!["a".to_string(), "b, c".into(), "say \"hi\"".into()]));
        assert_eq!(r[1], (3, vec!["x\ny".to_string(), "z".into()]));
    }
}
