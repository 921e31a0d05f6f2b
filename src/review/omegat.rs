//! An OmegaT project folder: its working memory `omegat/project_save.tmx` (what the editor
//! saves), or failing that the `PROJECT-omegat.tmx` its console mode and "Create Translated
//! Documents" export.

use std::collections::HashMap;
use std::path::Path;

use super::{Unit, Units, error, is_chinese, is_english, normalize, read_text, tmx};
use crate::error::Result;

/// Reads the translations of the project in `dir`.
pub(super) fn read(dir: &Path) -> Result<Units> {
    let settings = dir.join("omegat.project");
    let text = std::fs::read_to_string(&settings).map_err(|_| {
        error(dir, None, "a folder but not an OmegaT project (no omegat.project); give the project folder or a .tmx")
    })?;
    for (tag, is_expected, language) in
        [("source_lang", is_chinese as fn(&str) -> bool, "Chinese"), ("target_lang", is_english, "English")]
    {
        if let Some(lang) = element(&text, tag).filter(|l| !is_expected(l)) {
            return Err(error(&settings, None, &format!("the project's {tag} is {lang}, not {language}")));
        }
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let candidates = [dir.join("omegat/project_save.tmx"), dir.join(format!("{name}-omegat.tmx"))];
    let Some(memory) = candidates.iter().find(|p| p.is_file()) else {
        return Err(error(
            dir,
            None,
            "the OmegaT project has no translations yet (no omegat/project_save.tmx); translate and save it in OmegaT",
        ));
    };
    let mut units = tmx::read(memory, &read_text(memory)?)?;
    units.format = format!("OmegaT project ({})", units.format);
    // The memory duizhao put in tm/auto/ says what the segments held before the translator
    // worked: a segment still the same was not edited.
    let (before, english_only) = exported(dir)?;
    for unit in &mut units.units {
        let same = before.get(&normalize(&unit.source)).is_some_and(|english| *english == unit.target);
        unit.exported = same;
    }
    // English with no Chinese partner has no segment in OmegaT: it comes back from the memory
    // of a project of one article (a book's chapters would share paragraph ids).
    if exported_files(dir).len() == 1 {
        units.units.extend(english_only);
    }
    Ok(units)
}

/// The English of the TMX files in the project's `tm/auto/`, by normalised source, and their
/// English paragraphs with no Chinese partner (units of an empty source).
fn exported(dir: &Path) -> Result<(HashMap<String, String>, Vec<Unit>)> {
    let mut found = HashMap::new();
    let mut english_only = Vec::new();
    for path in exported_files(dir) {
        for unit in tmx::read(&path, &read_text(&path)?)?.units {
            if unit.source.trim().is_empty() {
                english_only.push(Unit { exported: true, ..unit });
            } else {
                found.insert(normalize(&unit.source), unit.target);
            }
        }
    }
    Ok((found, english_only))
}

/// The TMX files in the project's `tm/auto/`, in name order.
fn exported_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("tm/auto")) else { return Vec::new() };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("tmx")))
        .collect();
    paths.sort();
    paths
}

/// The text of the first `<tag>...</tag>` in a small XML file.
fn element<'t>(text: &'t str, tag: &str) -> Option<&'t str> {
    let start = text.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = start + text[start..].find(&format!("</{tag}>"))?;
    Some(text[start..end].trim())
}
