//! XLIFF 1.2 and 2.0 files as CAT tools save them: every segment with a non-empty target
//! becomes a [`Unit`]. Segmented 1.2 files (`<seg-source>` with `<mrk mtype="seg">`, as Trados
//! and memoQ write) give a unit per marked segment.

use std::path::Path;

use roxmltree::Node;

use super::{
    Place, Unit, Units, error, is_chinese, is_english, is_english_only, line_of, parse_xml, place, plain_text,
};
use crate::error::Result;
use crate::text::compare::{self, EXPORTED_NAMESPACE, EXPORTED_PREFIX};

/// Reads an XLIFF file's translated segments.
pub(super) fn read(path: &Path, text: &str) -> Result<Units> {
    let doc = parse_xml(path, text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "xliff" {
        return Err(error(path, Some(line_of(&doc, root)), "not an XLIFF file (its root is not <xliff>)"));
    }
    let version = root.attribute("version").unwrap_or("1.2");
    let mut units = Vec::new();
    let mut origin = None;
    if version.starts_with('2') {
        check_languages(path, &doc, root, root.attribute("srcLang"), root.attribute("trgLang"))?;
        for file in children(root, "file") {
            origin = origin.or_else(|| note(file, "category", "translation"));
            for unit in file.descendants().filter(|n| n.has_tag_name_local("unit")) {
                let id = unit.attribute("id").unwrap_or("");
                let exported = unit.attribute((EXPORTED_NAMESPACE, "exported")).unwrap_or("");
                for segment in children(unit, "segment") {
                    let (Some(source), Some(target)) = (child(segment, "source"), child(segment, "target")) else {
                        continue;
                    };
                    let state = segment.attribute("state").unwrap_or("initial");
                    let segment_id = segment.attribute("id").unwrap_or("s");
                    let target = plain_text(target);
                    let fingerprint =
                        exported.split_whitespace().find_map(|e| e.strip_prefix(segment_id)?.strip_prefix(':'));
                    push(
                        &mut units,
                        place(id, Some(segment_id)),
                        plain_text(source),
                        (target, fingerprint),
                        matches!(state, "reviewed" | "final"),
                        line_of(&doc, segment),
                    );
                }
            }
        }
    } else {
        for file in children(root, "file") {
            // translate-toolkit's po2xliff never knows a PO file's source language and says en-US.
            let from_po = file.attribute("datatype") == Some("po")
                || file.attribute("original").is_some_and(|o| o.ends_with(".po") || o.ends_with(".pot"))
                || file.descendants().any(|n| n.attribute("restype") == Some("x-gettext-domain-header"));
            let source = file.attribute("source-language").filter(|_| !from_po);
            check_languages(path, &doc, file, source, file.attribute("target-language"))?;
            if let Some(header) = child(file, "header") {
                origin = origin.or_else(|| note(header, "from", "translation"));
            }
            for unit in file.descendants().filter(|n| n.has_tag_name_local("trans-unit")) {
                read_trans_unit(&doc, unit, &mut units);
            }
        }
    }
    Ok(Units { path: path.to_path_buf(), format: format!("XLIFF {version}"), units, origin, before: Vec::new() })
}

/// The unit(s) of one XLIFF 1.2 `<trans-unit>`.
fn read_trans_unit(doc: &roxmltree::Document, unit: Node, units: &mut Vec<Unit>) {
    // A PO file's header, which translate-toolkit's po2xliff adds as a unit: no text.
    if unit.attribute("restype") == Some("x-gettext-domain-header") {
        return;
    }
    let Some(target) = child(unit, "target") else { return };
    let approved = unit.attribute("approved") == Some("yes");
    let reviewed = approved || matches!(target.attribute("state"), Some("final" | "signed-off"));
    let id = unit.attribute("id").unwrap_or("");
    let line = line_of(doc, unit);
    let segmented = child(unit, "seg-source").map(|s| marked_segments(s)).unwrap_or_default();
    if segmented.is_empty() {
        let source = child(unit, "source").map(plain_text).unwrap_or_default();
        // duizhao's locations say the same as its id and extradata, and come back through a
        // PO file (translate-toolkit's xliff2po and po2xliff), which keeps neither.
        let locations = locations(unit);
        let place = place(id, None).or_else(|| locations.iter().find_map(|l| place(l, None)));
        let fingerprint = unit
            .attribute("extradata")
            .into_iter()
            .chain(locations.iter().map(String::as_str))
            .find_map(|e| e.strip_prefix(EXPORTED_PREFIX));
        push(units, place, source, (plain_text(target), fingerprint), reviewed, line);
        return;
    }
    let targets = marked_segments(target);
    for (mid, source) in segmented {
        if let Some((_, english)) = targets.iter().find(|(m, _)| *m == mid) {
            push(units, None, source, (english.clone(), None), reviewed, line);
        }
    }
}

/// The source files a unit's location context groups name (`#:` references in a PO file).
fn locations(unit: Node) -> Vec<String> {
    unit.descendants()
        .filter(|n| n.has_tag_name_local("context-group") && n.attribute("purpose") == Some("location"))
        .flat_map(|group| children(group, "context"))
        .filter(|c| c.attribute("context-type") == Some("sourcefile"))
        .map(|c| plain_text(c).trim().to_string())
        .collect()
}

/// The `<mrk mtype="seg" mid="...">` segments inside an element, by mid.
fn marked_segments(node: Node) -> Vec<(String, String)> {
    node.descendants()
        .filter(|n| n.has_tag_name_local("mrk") && n.attribute("mtype") == Some("seg"))
        .map(|m| (m.attribute("mid").unwrap_or("").to_string(), plain_text(m)))
        .collect()
}

/// Adds a unit when it has both sides (or is an English paragraph with no Chinese partner).
/// `target` comes with the fingerprint duizhao recorded when it exported it, if any.
fn push(
    units: &mut Vec<Unit>,
    place: Option<Place>,
    source: String,
    (target, fingerprint): (String, Option<&str>),
    reviewed: bool,
    line: usize,
) {
    if target.trim().is_empty() || (source.trim().is_empty() && !is_english_only(place.as_ref())) {
        return;
    }
    let exported = fingerprint.is_some_and(|f| f == compare::fingerprint(&target));
    units.push(Unit { place, source, target: target.trim().to_string(), marked: reviewed, exported, line });
}

/// Refuses a file whose languages are not Chinese to English.
fn check_languages(
    path: &Path,
    doc: &roxmltree::Document,
    node: Node,
    source: Option<&str>,
    target: Option<&str>,
) -> Result<()> {
    let line = Some(line_of(doc, node));
    if let Some(lang) = source.filter(|l| !is_chinese(l)) {
        return Err(error(path, line, &format!("its source language is {lang}, not Chinese; give the zh-to-en file")));
    }
    if let Some(lang) = target.filter(|l| !is_english(l)) {
        return Err(error(path, line, &format!("its target language is {lang}, not English; give the zh-to-en file")));
    }
    Ok(())
}

/// The text of the first `<note>` child whose `attribute` is `value`.
fn note(node: Node, attribute: &str, value: &str) -> Option<String> {
    node.descendants()
        .find(|n| n.has_tag_name_local("note") && n.attribute(attribute) == Some(value))
        .map(plain_text)
        .filter(|t| !t.trim().is_empty())
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |n| n.has_tag_name_local(name))
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Option<Node<'a, 'i>> {
    children(node, name).next()
}

/// Matching an element by its local name, whatever its namespace.
trait LocalName {
    fn has_tag_name_local(&self, name: &str) -> bool;
}

impl LocalName for Node<'_, '_> {
    fn has_tag_name_local(&self, name: &str) -> bool {
        self.is_element() && self.tag_name().name() == name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_2_segments_with_states() {
        let text = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">
  <file id="f1" original="a"><notes><note category="translation">human</note></notes>
    <unit id="p1">
      <segment id="s1" state="translated"><source>甲。</source><target>A.</target></segment>
      <segment id="s2" state="reviewed"><source>乙<ph id="1"/>。</source><target>B.</target></segment>
      <segment id="s3" state="initial"><source>丙。</source></segment>
    </unit>
  </file>
</xliff>"#;
        let units = read(Path::new("a.xlf"), text).unwrap();
        assert_eq!(units.format, "XLIFF 2.0");
        assert_eq!(units.origin.as_deref(), Some("human"));
        let got: Vec<(Option<Place>, &str, &str, bool, usize)> = units
            .units
            .iter()
            .map(|u| (u.place.clone(), u.source.as_str(), u.target.as_str(), u.marked, u.line))
            .collect();
        let at = |n| Some(Place { paragraph: "p1".into(), sentence: Some(n), merged: Vec::new() });
        assert_eq!(got, [(at(1), "甲。", "A.", false, 5), (at(2), "乙。", "B.", true, 6)]);
    }

    #[test]
    fn version_1_2_units_and_segmented_units() {
        let text = r#"<xliff version="1.2"><file source-language="zh-CN" target-language="en-US" original="a">
  <body>
    <trans-unit id="p2-s1"><source>甲。</source><target state="signed-off">A.</target></trans-unit>
    <trans-unit id="x" approved="yes"><source>乙。丙。</source>
      <seg-source><mrk mtype="seg" mid="1">乙。</mrk><mrk mtype="seg" mid="2">丙。</mrk></seg-source>
      <target><mrk mtype="seg" mid="2">C.</mrk><mrk mtype="seg" mid="1">B.</mrk></target></trans-unit>
    <trans-unit id="p3"><source>丁。</source><target state="translated">D.</target></trans-unit>
  </body></file></xliff>"#;
        let units = read(Path::new("a.xlf"), text).unwrap().units;
        let got: Vec<(&str, &str, bool)> =
            units.iter().map(|u| (u.source.as_str(), u.target.as_str(), u.marked)).collect();
        assert_eq!(got, [("甲。", "A.", true), ("乙。", "B.", true), ("丙。", "C.", true), ("丁。", "D.", false)]);
        assert_eq!(units[0].place, Some(Place { paragraph: "p2".into(), sentence: Some(1), merged: Vec::new() }));
        assert_eq!(units[3].place, Some(Place { paragraph: "p3".into(), sentence: None, merged: Vec::new() }));
    }

    #[test]
    fn wrong_languages_and_bad_xml_are_named() {
        let french = r#"<xliff version="2.0" srcLang="zh" trgLang="fr"><file id="f"/></xliff>"#;
        let e = read(Path::new("f.xlf"), french).unwrap_err().to_string();
        assert_eq!(e, "f.xlf:1: its target language is fr, not English; give the zh-to-en file");
        let broken = "<xliff version=\"2.0\">\n<file>\n</xliff>";
        let e = read(Path::new("b.xlf"), broken).unwrap_err().to_string();
        assert!(e.starts_with("b.xlf:3: malformed XML: "), "{e}");
    }
}
