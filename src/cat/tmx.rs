//! TMX files of any version (1.1 with `lang`, 1.4 with `xml:lang`), as duizhao, OmegaT and
//! other tools write them: every `<tu>` with a Chinese and an English variant becomes a
//! [`Unit`]. duizhao's own units carry `x-paragraph` and `x-sentence` properties.

use std::path::Path;

use super::{Place, Unit, Units, error, is_chinese, is_english, is_english_only, line_of, parse_xml, plain_text};
use crate::error::Result;

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// Reads a TMX file's Chinese-English units.
pub(super) fn read(path: &Path, text: &str) -> Result<Units> {
    let doc = parse_xml(path, text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "tmx" {
        return Err(error(path, Some(line_of(&doc, root)), "not a TMX file (its root is not <tmx>)"));
    }
    let header = root.children().find(|n| n.has_tag_name("header"));
    if let Some(lang) = header.and_then(|h| h.attribute("srclang"))
        && !is_chinese(lang)
        && !lang.eq_ignore_ascii_case("*all*")
    {
        let line = header.map(|h| line_of(&doc, h));
        return Err(error(
            path,
            line,
            &format!("its source language is {lang}, not Chinese; give the zh-to-en memory"),
        ));
    }
    let mut units = Vec::new();
    let mut languages = 0;
    for tu in root.descendants().filter(|n| n.has_tag_name("tu")) {
        let mut source = None;
        let mut target = None;
        for tuv in tu.children().filter(|n| n.has_tag_name("tuv")) {
            let lang = tuv.attribute((XML_NAMESPACE, "lang")).or_else(|| tuv.attribute("lang")).unwrap_or("");
            let seg = tuv.children().find(|n| n.has_tag_name("seg")).map(plain_text);
            if is_chinese(lang) {
                source = source.or(seg);
            } else if is_english(lang) {
                target = target.or(seg);
            }
        }
        if source.is_some() || target.is_some() {
            languages += 1;
        }
        let (Some(source), Some(target)) = (source, target) else { continue };
        let prop = |kind: &str| {
            tu.children()
                .find(|n| n.has_tag_name("prop") && n.attribute("type") == Some(kind))
                .and_then(|n| n.text())
                .map(str::trim)
        };
        let place = prop("x-paragraph").and_then(|paragraph| {
            if paragraph.contains(super::MERGED) {
                return Place::merged(paragraph);
            }
            Some(Place {
                paragraph: paragraph.to_string(),
                sentence: prop("x-sentence").and_then(|n| n.parse().ok()).filter(|&n: &usize| n > 0),
                merged: Vec::new(),
            })
        });
        let marked = prop("x-origin") == Some("reviewed");
        // Empty English that a reviewer saved is a decision, not a missing translation: the
        // paragraph has no English, or an English paragraph with no Chinese partner is gone
        // (moved into a neighbour or deleted). Only duizhao's own reviewed units, which say
        // where they go, carry it.
        let decided = marked && place.is_some();
        if (target.trim().is_empty() && !decided) || (source.trim().is_empty() && !is_english_only(place.as_ref())) {
            continue;
        }
        units.push(Unit {
            place,
            source,
            marked,
            exported: prop("x-target") == Some(crate::text::compare::fingerprint(&target).as_str()),
            target: target.trim().to_string(),
            line: line_of(&doc, tu),
        });
    }
    if languages > 0 && units.is_empty() {
        return Err(error(path, None, "no unit has both Chinese (zh) and English (en); give the zh-to-en memory"));
    }
    let version = root.attribute("version").unwrap_or("1.4");
    Ok(Units { path: path.to_path_buf(), format: format!("TMX {version}"), units, origin: None, before: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omegat_tmx_1_1_and_duizhao_tmx_1_4() {
        let omegat = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" segtype="paragraph" srclang="zh-CN"/>
  <body>
    <tu>
      <tuv lang="zh-CN"><seg>第二段。</seg></tuv>
      <tuv lang="en"><seg>Second paragraph.</seg></tuv>
    </tu>
  </body>
</tmx>"#;
        let units = read(Path::new("p-omegat.tmx"), omegat).unwrap();
        assert_eq!(units.format, "TMX 1.1");
        assert_eq!(
            units.units,
            [Unit {
                place: None,
                source: "第二段。".into(),
                target: "Second paragraph.".into(),
                marked: false,
                exported: false,
                line: 6
            }]
        );
        let duizhao = r#"<tmx version="1.4"><header srclang="zh-CN"/><body>
<tu tuid="a-p2-s1"><prop type="x-paragraph">p2</prop><prop type="x-sentence">1</prop><prop type="x-origin">human</prop>
<tuv xml:lang="zh-CN"><seg>甲。</seg></tuv><tuv xml:lang="en"><seg>A.</seg></tuv></tu></body></tmx>"#;
        let unit = &read(Path::new("a.tmx"), duizhao).unwrap().units[0];
        assert_eq!(unit.place, Some(Place { paragraph: "p2".into(), sentence: Some(1), merged: Vec::new() }));
        assert!(!unit.marked);
    }

    #[test]
    fn a_sentence_number_of_zero_is_no_place() {
        let tmx = r#"<tmx version="1.4"><header srclang="zh-CN"/><body><tu><prop type="x-paragraph">p1</prop>
<prop type="x-sentence">0</prop><tuv xml:lang="zh"><seg>甲</seg></tuv><tuv xml:lang="en"><seg>A</seg></tuv></tu></body></tmx>"#;
        let unit = &read(Path::new("z.tmx"), tmx).unwrap().units[0];
        assert_eq!(unit.place, Some(Place { paragraph: "p1".into(), sentence: None, merged: Vec::new() }));
    }

    #[test]
    fn other_language_pairs_are_refused() {
        let german = r#"<tmx version="1.4"><header srclang="de"/><body/></tmx>"#;
        let e = read(Path::new("de.tmx"), german).unwrap_err().to_string();
        assert_eq!(e, "de.tmx:1: its source language is de, not Chinese; give the zh-to-en memory");
        let french = r#"<tmx version="1.4"><header srclang="*all*"/><body><tu><tuv xml:lang="zh"><seg>甲</seg></tuv>
<tuv xml:lang="fr"><seg>A</seg></tuv></tu></body></tmx>"#;
        let e = read(Path::new("fr.tmx"), french).unwrap_err().to_string();
        assert_eq!(e, "fr.tmx: no unit has both Chinese (zh) and English (en); give the zh-to-en memory");
    }

    #[test]
    fn empty_english_is_kept_only_from_duizhaos_reviewed_units() {
        let tmx = r#"<tmx version="1.4"><header srclang="zh-CN"/><body>
<tu><prop type="x-paragraph">p2</prop><prop type="x-origin">reviewed</prop><tuv xml:lang="zh"><seg>乙。</seg></tuv><tuv xml:lang="en"><seg></seg></tuv></tu>
<tu><prop type="x-paragraph">p2-en1</prop><prop type="x-origin">reviewed</prop><tuv xml:lang="zh"><seg></seg></tuv><tuv xml:lang="en"><seg></seg></tuv></tu>
<tu><prop type="x-paragraph">p3</prop><prop type="x-origin">human</prop><tuv xml:lang="zh"><seg>丙。</seg></tuv><tuv xml:lang="en"><seg></seg></tuv></tu>
<tu><tuv xml:lang="zh"><seg>丁。</seg></tuv><tuv xml:lang="en"><seg>D.</seg></tuv></tu></body></tmx>"#;
        let units = read(Path::new("a.en.tmx"), tmx).unwrap().units;
        let got: Vec<(Option<&str>, &str)> =
            units.iter().map(|u| (u.place.as_ref().map(|p| p.paragraph.as_str()), u.target.as_str())).collect();
        assert_eq!(got, [(Some("p2"), ""), (Some("p2-en1"), ""), (None, "D.")]);
    }
}
