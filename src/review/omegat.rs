//! An OmegaT project folder: its working memory `omegat/project_save.tmx` (what the editor
//! saves), or failing that the `PROJECT-omegat.tmx` its console mode and "Create Translated
//! Documents" export.

use std::collections::HashMap;
use std::path::Path;

use super::{Units, error, is_chinese, is_english, normalize, read_text, tmx};
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
    let before = exported(dir)?;
    for unit in &mut units.units {
        let same = before.get(&normalize(&unit.source)).is_some_and(|english| *english == unit.target);
        unit.exported = same;
    }
    Ok(units)
}

/// The English of the TMX files in the project's `tm/auto/`, by normalised source.
fn exported(dir: &Path) -> Result<HashMap<String, String>> {
    let mut found = HashMap::new();
    let Ok(entries) = std::fs::read_dir(dir.join("tm/auto")) else { return Ok(found) };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("tmx")) {
            for unit in tmx::read(&path, &read_text(&path)?)?.units {
                found.insert(normalize(&unit.source), unit.target);
            }
        }
    }
    Ok(found)
}

/// The text of the first `<tag>...</tag>` in a small XML file.
fn element<'t>(text: &'t str, tag: &str) -> Option<&'t str> {
    let start = text.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = start + text[start..].find(&format!("</{tag}>"))?;
    Some(text[start..end].trim())
}
