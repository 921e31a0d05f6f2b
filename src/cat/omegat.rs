//! An OmegaT project folder: its working memory `omegat/project_save.tmx` (what the editor
//! saves), or failing that the `PROJECT-omegat.tmx` its console mode and "Create Translated
//! Documents" export.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{Place, Unit, Units, error, is_chinese, is_english, read_text, tmx};
use crate::error::Result;
use crate::text::compare::comparable;

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
    let pairs: HashSet<(String, &str)> = before.iter().map(|b| (comparable(&b.source), b.target.as_str())).collect();
    for unit in &mut units.units {
        unit.exported = pairs.contains(&(comparable(&unit.source), unit.target.as_str()));
    }
    // OmegaT's memory keeps no ids: a segment that is a merged unit of duizhao's (several
    // paragraphs' Chinese in one) takes its place from the exported unit with its source.
    let merged: HashMap<String, &Place> = before
        .iter()
        .filter_map(|b| b.place.as_ref().filter(|p| !p.merged.is_empty()).map(|p| (comparable(&b.source), p)))
        .collect();
    for unit in units.units.iter_mut().filter(|u| u.place.is_none()) {
        unit.place = merged.get(&comparable(&unit.source)).map(|&p| p.clone());
    }
    // A file alone starts from the memory duizhao exported, which holds what OmegaT cannot:
    // a repeated sentence's other translations, English with no Chinese partner. Only for a
    // project of one article, since a book's chapters share paragraph ids.
    if exported_files(dir).len() == 1 {
        units.before = before;
    }
    Ok(units)
}

/// The units of the TMX files in the project's `tm/auto/`: what duizhao exported.
fn exported(dir: &Path) -> Result<Vec<Unit>> {
    let mut units = Vec::new();
    for path in exported_files(dir) {
        units.extend(tmx::read(&path, &read_text(&path)?)?.units.into_iter().map(|u| Unit { exported: true, ..u }));
    }
    Ok(units)
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
