//! `omegat`: an OmegaT project folder that opens with nothing to set up. The articles are in
//! `source/` as plain text, one translation unit a line (the title, a sentence, or a paragraph whose
//! sentences could not be paired) and a blank line between paragraphs; the project's text
//! filter makes each line a segment, so segments are exactly the units of the TMX in
//! `tm/auto/`, whose translations OmegaT puts in place. The glossary terms that occur are in
//! `glossary/` in OmegaT's tab-separated format.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::document::Document;
use crate::render::Renderer;
use crate::render::tmx::TmxRenderer;
use crate::render::units::entries;

/// The project's settings: Chinese (zh-CN) to English with OmegaT's Chinese and English
/// tokenizers; no sentence segmentation, since every line already is one unit.
const PROJECT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>zh-CN</source_lang>
        <target_lang>en</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"#;

/// The project's file filters: UTF-8 text, a segment per line.
const FILTERS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="false" removeSpacesNonseg="false" preserveSpaces="true" ignoreFileContext="false">
    <filter className="org.omegat.filters2.text.TextFilter" enabled="true">
        <files sourceFilenameMask="*.txt" targetFilenamePattern="${filename}" sourceEncoding="UTF-8" targetEncoding="UTF-8"/>
        <option name="segmentOn" value="BREAKS"/>
    </filter>
</filters>
"#;

/// The folders of a project, created even when empty: OmegaT expects them.
pub(crate) const FOLDERS: [&str; 6] = ["source", "target", "tm/auto", "glossary", "omegat", "dictionary"];

/// The files of a project holding `articles` (each a slug and its document), as paths relative
/// to the project folder with their contents.
pub fn project(articles: &[(&str, &Document)]) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        ("omegat.project".to_string(), PROJECT.as_bytes().to_vec()),
        ("omegat/filters.xml".to_string(), FILTERS.as_bytes().to_vec()),
    ];
    let mut terms: BTreeMap<&str, (&str, Option<&str>)> = BTreeMap::new();
    for (slug, doc) in articles {
        files.push((format!("source/{slug}.txt"), source_text(doc).into_bytes()));
        if doc.is_translated() {
            let tmx = TmxRenderer { slug: slug.to_string() }.render(doc);
            files.push((format!("tm/auto/{slug}.tmx"), tmx.into_bytes()));
        }
        for token in doc.paragraphs.iter().flat_map(|p| &p.tokens) {
            if let Some(g) = &token.glossary {
                terms.entry(&token.text).or_insert((&g.english, g.note.as_deref()));
            }
        }
    }
    if !terms.is_empty() {
        // OmegaT reads a `.utf8` glossary as UTF-8 whatever the system's locale.
        let mut tsv = String::new();
        for (term, (english, note)) in terms {
            let _ = writeln!(tsv, "{}\t{}\t{}", one_line(term), one_line(english), one_line(note.unwrap_or("")));
        }
        files.push(("glossary/duizhao-glossary.utf8".to_string(), tsv.into_bytes()));
    }
    files
}

/// The article as OmegaT's text filter reads it: a unit a line, a blank line between paragraphs.
fn source_text(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(title) = doc.meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
        out.push_str(&one_line(title.trim()));
        out.push('\n');
    }
    for entry in entries(doc) {
        let p = entry.paragraph();
        if p.zh.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for pair in p.pairs() {
            out.push_str(&one_line(pair.zh));
            out.push('\n');
        }
    }
    out
}

/// Text on one line: tabs and line breaks would split a glossary entry or a segment.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r', '\t']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Meta};

    #[test]
    fn a_unit_a_line_and_a_blank_line_between_paragraphs() {
        let mut doc = Document::new(Meta::default(), vec![Block::text("甲。乙。"), Block::text("丙。")]);
        crate::segment::segment(&mut doc, &crate::Glossary::default());
        let files = project(&[("a", &doc)]);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        // No English yet: no memory to fill the segments from.
        assert_eq!(names, ["omegat.project", "omegat/filters.xml", "source/a.txt"]);
        assert_eq!(String::from_utf8_lossy(&files[2].1), "甲。\n乙。\n\n丙。\n");
    }
}
