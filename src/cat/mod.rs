//! Reviewed translations coming back from CAT tools: XLIFF 1.2 and 2.0, TMX (any version,
//! OmegaT's among them) and OmegaT project folders are read into [`Units`], source-target
//! pairs that [`apply`] puts back into a document sentence by sentence, and that [`memory`]
//! offers as a translation memory (`--tm`).
//!
//! Units duizhao wrote carry their place (paragraph id, sentence number) and are matched by it;
//! units from other tools are matched by their source text, compared after [`comparable`](crate::text::compare::comparable).

pub mod apply;
pub mod memory;
mod omegat;
mod tmx;
mod xliff;

use std::path::{Path, PathBuf};

use crate::document::english_only_after;
use crate::error::{Error, Result};

/// Where a unit came from in a document duizhao exported: a paragraph, or one of its sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The paragraph id (`p3`).
    pub paragraph: String,
    /// The 1-based sentence number; `None` for the whole paragraph.
    pub sentence: Option<usize>,
    /// The further paragraphs of a unit that holds several (`p5_p6`: paragraphs a link merged,
    /// English with no Chinese partner joined to its neighbour); empty for most units.
    pub merged: Vec<String>,
}

/// What joins the paragraph ids of a merged unit: `_`, which XML names allow (XLIFF ids) and
/// paragraph ids never hold.
pub const MERGED: char = '_';

impl Place {
    /// A merged unit's place: its first paragraph, then the others, from `p5_p6`.
    pub(crate) fn merged(ids: &str) -> Option<Place> {
        let mut parts = ids.split(MERGED);
        let first = parts.next()?.to_string();
        let merged: Vec<String> = parts.map(str::to_string).collect();
        let valid = |id: &str| id.len() > 1 && id.starts_with('p');
        (valid(&first) && !merged.is_empty() && merged.iter().all(|m| valid(m))).then_some(Place {
            paragraph: first,
            sentence: None,
            merged,
        })
    }
}

/// One translated unit of a reviewed file.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Where duizhao's ids put it, when they do.
    pub place: Option<Place>,
    /// The Chinese.
    pub source: String,
    /// The English.
    pub target: String,
    /// The file marks it as checked by a person (XLIFF `reviewed`, `final`, `signed-off` or
    /// `approved`; a TMX unit of duizhao's with `x-origin` `reviewed`).
    pub marked: bool,
    /// Known to hold the English duizhao exported (an OmegaT project's segment the same as
    /// the memory duizhao put in it), so not a reviewer's work.
    pub exported: bool,
    /// The 1-based line of the unit in its file, for messages.
    pub line: usize,
}

/// The units of one reviewed file.
#[derive(Debug, Clone)]
pub struct Units {
    /// The file (for an OmegaT project, the TMX read inside it).
    pub path: PathBuf,
    /// What it was read as: `XLIFF 2.0`, `XLIFF 1.2`, `TMX 1.4`, `OmegaT project`...
    pub format: String,
    /// Its units with English, in file order; a unit of a reviewed TMX of duizhao's own may have
    /// empty English, a reviewer's "no English here" (see [`apply`]).
    pub units: Vec<Unit>,
    /// Who made the translation, when the file says (duizhao's exports record it).
    pub origin: Option<String>,
    /// What the units held when duizhao exported them, where the file keeps that: an OmegaT
    /// project's memory in `tm/auto/` (for a project of one article). A file alone starts
    /// from it, so that what the translator left as it was stays as it was.
    pub before: Vec<Unit>,
}

/// Whether `place` is an English paragraph with no Chinese partner (`p3-en1`): its unit has
/// an empty source and is kept all the same, so that such paragraphs come back.
fn is_english_only(place: Option<&Place>) -> bool {
    place.is_some_and(|p| p.sentence.is_none_or(|n| n == 0) && english_only_after(&p.paragraph).is_some())
}

/// What kind of reviewed file a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xliff,
    Tmx,
    OmegaT,
    /// XML that is no article and no reviewed file: an error, never read as an article.
    OtherXml,
}

/// Whether `path` is a reviewed file (XLIFF, TMX, an OmegaT project) rather than an English
/// article: by folder, extension, or an XML root that says so.
pub(crate) fn is_review_file(path: &Path) -> bool {
    kind(path).is_some()
}

fn kind(path: &Path) -> Option<Kind> {
    if path.is_dir() {
        return Some(Kind::OmegaT);
    }
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "xlf" | "xliff" | "sdlxliff" | "mqxliff" => return Some(Kind::Xliff),
        "tmx" => return Some(Kind::Tmx),
        "xml" => {}
        _ => return None,
    }
    // An .xml file is a reviewed file when its root says so; an XHTML article is not.
    let head = std::fs::read(path).ok()?;
    match root_name(&String::from_utf8_lossy(&head[..head.len().min(4096)]))?.as_str() {
        "xliff" => Some(Kind::Xliff),
        "tmx" => Some(Kind::Tmx),
        "html" => None,
        _ => Some(Kind::OtherXml),
    }
}

/// The name of the first element of an XML text, skipping the declaration, comments and a
/// doctype.
fn root_name(text: &str) -> Option<String> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        let at = rest.find('<')?;
        rest = &rest[at + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let name: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/').collect();
        return Some(name.rsplit(':').next().unwrap_or(&name).to_lowercase());
    }
}

/// Reads the units of a reviewed file: XLIFF 1.2 or 2.0, TMX, or an OmegaT project folder.
pub fn read(path: &Path) -> Result<Units> {
    match kind(path) {
        Some(Kind::OmegaT) => omegat::read(path),
        Some(Kind::Xliff) => xliff::read(path, &read_text(path)?),
        Some(Kind::Tmx) => tmx::read(path, &read_text(path)?),
        Some(Kind::OtherXml) | None => Err(error(
            path,
            None,
            "neither XLIFF nor TMX nor an OmegaT project; give a .xlf, .tmx or an OmegaT project folder",
        )),
    }
}

/// The file as UTF-8 text (a BOM dropped), or an error naming it.
fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| error(path, None, &format!("not UTF-8 text ({e}); XLIFF and TMX files are UTF-8")))?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// A [`Error::Review`] for `path`.
fn error(path: &Path, line: Option<usize>, message: &str) -> Error {
    Error::Review { path: path.to_path_buf(), line, message: message.to_string() }
}

/// Parses XML, turning a syntax error into one that names the file and line.
fn parse_xml<'t>(path: &Path, text: &'t str) -> Result<roxmltree::Document<'t>> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        error(path, Some(pos.row as usize), &format!("malformed XML: {e}; fix the file or export it again"))
    })
}

/// The 1-based line `node` starts on.
fn line_of(doc: &roxmltree::Document, node: roxmltree::Node) -> usize {
    doc.text_pos_at(node.range().start).row as usize
}

/// The text of an element without the content of inline codes (`<ph>`, `<bpt>`, ...), which
/// hold markup of the original format rather than words.
fn plain_text(node: roxmltree::Node) -> String {
    let code = |n: &roxmltree::Node| {
        n.is_element() && matches!(n.tag_name().name(), "ph" | "bpt" | "ept" | "it" | "ut" | "sub" | "originalData")
    };
    // Iterative, so that no nesting depth in a hostile file can exhaust the stack.
    node.descendants()
        .filter(|d| d.is_text() && !d.ancestors().take_while(|a| *a != node).any(|a| code(&a)))
        .filter_map(|d| d.text())
        .collect()
}

/// Whether a language tag is Chinese (`zh`, `zh-CN`, `ZH-HANS`...).
fn is_chinese(lang: &str) -> bool {
    let lang = lang.to_ascii_lowercase();
    lang == "zh" || lang.starts_with("zh-") || lang.starts_with("zh_") || lang == "cmn"
}

/// Whether a language tag is English.
fn is_english(lang: &str) -> bool {
    let lang = lang.to_ascii_lowercase();
    lang == "en" || lang.starts_with("en-") || lang.starts_with("en_")
}

/// duizhao's place for an XLIFF or TMX id: `p3` (a paragraph), `p3-s2` or a paragraph id with
/// a segment id `s2` / `s`.
fn place(paragraph: &str, sentence: Option<&str>) -> Option<Place> {
    if paragraph.contains(MERGED) {
        return Place::merged(paragraph).filter(|_| matches!(sentence, None | Some("s")));
    }
    // An English paragraph with no Chinese partner is one unit, under its own id.
    if english_only_after(paragraph).is_some() && matches!(sentence, None | Some("s")) {
        return Some(Place { paragraph: paragraph.to_string(), sentence: None, merged: Vec::new() });
    }
    let digits = paragraph.strip_prefix('p')?;
    let (number, rest) = digits.split_once('-').map_or((digits, None), |(n, r)| (n, Some(r)));
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let segment = match (rest, sentence) {
        (Some(rest), None) => Some(rest),
        (None, segment) => segment,
        (Some(_), Some(_)) => return None,
    };
    let sentence = match segment {
        None | Some("s") => None,
        Some(s) => Some(s.strip_prefix('s')?.parse().ok().filter(|&n: &usize| n > 0)?),
    };
    Some(Place { paragraph: format!("p{number}"), sentence, merged: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places() {
        let at = |p: &str, s: Option<usize>| Some(Place { paragraph: p.into(), sentence: s, merged: Vec::new() });
        assert_eq!(place("p3", None), at("p3", None));
        assert_eq!(place("p3-s2", None), at("p3", Some(2)));
        assert_eq!(place("p12", Some("s4")), at("p12", Some(4)));
        assert_eq!(place("p12", Some("s")), at("p12", None));
        assert_eq!(place("u3", None), None);
        assert_eq!(place("p", None), None);
        assert_eq!(place("p3-s0", None), None);
        assert_eq!(place("p3-x", None), None);
        assert_eq!(place("p3-en2", Some("s")), at("p3-en2", None));
        assert_eq!(place("p0-en1", None), at("p0-en1", None));
        let merged = place("p5_p6_p6-en1", Some("s")).unwrap();
        assert_eq!((merged.paragraph.as_str(), merged.sentence), ("p5", None));
        assert_eq!(merged.merged, ["p6", "p6-en1"]);
        assert_eq!(place("p5_", None), None);
        assert_eq!(place("p5_p6", Some("s2")), None);
    }

    #[test]
    fn root_names() {
        assert_eq!(
            root_name("\u{feff}<?xml version=\"1.0\"?>\n<!-- c -->\n<xliff version=\"2.0\">").as_deref(),
            Some("xliff")
        );
        assert_eq!(root_name("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\"><tmx>").as_deref(), Some("tmx"));
        assert_eq!(root_name("<x:xliff xmlns:x=\"u\">").as_deref(), Some("xliff"));
        assert_eq!(root_name("no markup"), None);
    }
}
