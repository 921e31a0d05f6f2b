//! `xliff`: the document for CAT tools. XLIFF 2.0 by default: one `<unit>` per paragraph, one
//! `<segment>` per sentence (per paragraph when its sentences could not be paired), `state`
//! `initial`, `translated` or `reviewed` (checked in a CAT tool and brought back), glossary matches as Glossary-module `<gls:glossary>` entries.
//! XLIFF 1.2 for older tools: one `<group>` per paragraph, one `<trans-unit>` per segment,
//! glossary matches as notes.

use std::fmt::Write;

use crate::document::{Document, Pair, Paragraph};
use crate::render::Renderer;
use crate::render::provenance::{Origin, provider};
use crate::render::units::entries;
use crate::render::xml::text;
use crate::text::compare::{EXPORTED_NAMESPACE, EXPORTED_PREFIX, fingerprint};

/// The XLIFF versions `--xliff-version` accepts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum XliffVersion {
    /// XLIFF 2.0 (OASIS Standard, 2014).
    #[default]
    #[cfg_attr(feature = "cli", value(name = "2.0"))]
    V2_0,
    /// XLIFF 1.2, for tools that read nothing newer.
    #[cfg_attr(feature = "cli", value(name = "1.2"))]
    V1_2,
}

/// A segment's id inside its XLIFF 2.0 unit: `s3` for sentence 3, `s` for the whole paragraph.
fn segment_id(pair: &Pair) -> String {
    pair.sentence.map_or_else(|| "s".to_string(), |n| format!("s{n}"))
}

/// A pair's English, when it has any.
fn target_of<'a>(pair: &Pair<'a>) -> Option<&'a str> {
    pair.en.filter(|en| !en.is_empty())
}

/// Writes the document as XLIFF.
pub struct XliffRenderer {
    /// The article slug: the file's `original`.
    pub slug: String,
    /// Which XLIFF to write.
    pub version: XliffVersion,
}

/// The glossary entries matched in a paragraph, each once: (term, English, note).
fn glossary(p: &Paragraph) -> Vec<(&str, &str, Option<&str>)> {
    let mut found: Vec<(&str, &str, Option<&str>)> = Vec::new();
    for token in &p.tokens {
        if let Some(g) = &token.glossary
            && !found.iter().any(|(term, _, _)| *term == token.text)
        {
            found.push((&token.text, &g.english, g.note.as_deref()));
        }
    }
    found
}

/// What the document-level notes say: title and where the English comes from.
fn file_notes(doc: &Document) -> Vec<(&'static str, String)> {
    let mut notes = Vec::new();
    if let Some(title) = &doc.meta.title {
        notes.push(("title", title.clone()));
    }
    if let Some(url) = &doc.meta.source_url {
        notes.push(("source-url", url.clone()));
    }
    if let Some(info) = &doc.meta.translation {
        notes.push(("translation", info.source.clone()));
        for (category, value) in [
            ("model", &info.model),
            ("prompt-version", &info.prompt_version),
            ("glossary-version", &info.glossary_version),
        ] {
            if let Some(value) = value {
                notes.push((category, value.clone()));
            }
        }
    }
    notes
}

impl XliffRenderer {
    fn v2(&self, doc: &Document) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" \
             xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\" xmlns:dz=\"{EXPORTED_NAMESPACE}\" version=\"2.0\" \
             srcLang=\"zh-CN\" trgLang=\"en\">",
        );
        let _ = writeln!(out, "  <file id=\"f1\" original=\"{}\">", text(&self.slug));
        let notes = file_notes(doc);
        if !notes.is_empty() {
            out.push_str("    <notes>\n");
            for (category, value) in notes {
                let _ = writeln!(out, "      <note category=\"{category}\">{}</note>", text(&value));
            }
            out.push_str("    </notes>\n");
        }
        for entry in entries(doc) {
            let p = &*entry.paragraph();
            let pairs = p.pairs();
            // Each exported target's fingerprint, so that the file coming back alone tells an
            // edited target from the exported one.
            let exported: Vec<String> = pairs
                .iter()
                .filter_map(|pair| Some(format!("{}:{}", segment_id(pair), fingerprint(target_of(pair)?))))
                .collect();
            let _ = write!(out, "    <unit id=\"{}\"", p.id);
            if !exported.is_empty() {
                let _ = write!(out, " dz:exported=\"{}\"", exported.join(" "));
            }
            out.push_str(">\n");
            let terms = glossary(p);
            if !terms.is_empty() {
                out.push_str("      <gls:glossary>\n");
                for (term, english, note) in terms {
                    let _ = write!(
                        out,
                        "        <gls:glossEntry><gls:term source=\"duizhao glossary\">{}</gls:term>\
                         <gls:translation>{}</gls:translation>",
                        text(term),
                        text(english)
                    );
                    if let Some(note) = note {
                        let _ = write!(out, "<gls:definition>{}</gls:definition>", text(note));
                    }
                    out.push_str("</gls:glossEntry>\n");
                }
                out.push_str("      </gls:glossary>\n");
            }
            let mut unit_notes = Vec::new();
            if let Some(error) = &p.error {
                unit_notes.push(("error", error.clone()));
            }
            if let Some(note) = p.alignment.as_ref().and_then(|a| a.note.clone()) {
                unit_notes.push(("alignment", note));
            }
            if !unit_notes.is_empty() {
                out.push_str("      <notes>\n");
                for (category, value) in unit_notes {
                    let _ = writeln!(out, "        <note category=\"{category}\">{}</note>", text(&value));
                }
                out.push_str("      </notes>\n");
            }
            for pair in pairs {
                let id = segment_id(&pair);
                let target = target_of(&pair);
                let state = match target.map(|_| Origin::of(p, &pair)) {
                    None => "initial",
                    Some(Origin::Reviewed) => "reviewed",
                    Some(_) => "translated",
                };
                let _ = write!(out, "      <segment id=\"{id}\" state=\"{state}\"");
                if target.is_some() {
                    let _ = write!(out, " subState=\"duizhao:{}\"", Origin::of(p, &pair).name());
                }
                let _ = write!(out, "><source>{}</source>", text(pair.zh));
                if let Some(en) = target {
                    let _ = write!(out, "<target>{}</target>", text(en));
                }
                out.push_str("</segment>\n");
            }
            out.push_str("    </unit>\n");
        }
        out.push_str("  </file>\n</xliff>\n");
        out
    }

    fn v1_2(&self, doc: &Document) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n");
        let _ = writeln!(
            out,
            "  <file original=\"{}\" source-language=\"zh-CN\" target-language=\"en\" datatype=\"plaintext\">",
            text(&self.slug)
        );
        out.push_str("    <header>\n");
        let _ = writeln!(
            out,
            "      <tool tool-id=\"duizhao\" tool-name=\"duizhao\" tool-version=\"{}\"/>",
            env!("CARGO_PKG_VERSION")
        );
        for (category, value) in file_notes(doc) {
            let _ = writeln!(out, "      <note from=\"{category}\">{}</note>", text(&value));
        }
        out.push_str("    </header>\n    <body>\n");
        for entry in entries(doc) {
            let p = &*entry.paragraph();
            let _ = writeln!(out, "      <group id=\"{}\" resname=\"{}\">", p.id, p.id);
            let terms = glossary(p);
            for pair in p.pairs() {
                let id = match pair.sentence {
                    Some(n) => format!("{}-s{n}", p.id),
                    None => p.id.clone(),
                };
                let _ = write!(out, "        <trans-unit id=\"{id}\" xml:space=\"preserve\"");
                // XLIFF 1.2's place for a tool's own data: the exported target's fingerprint.
                if let Some(en) = target_of(&pair) {
                    let _ = write!(out, " extradata=\"{EXPORTED_PREFIX}{}\"", fingerprint(en));
                }
                out.push_str(">\n");
                let _ = writeln!(out, "          <source xml:lang=\"zh-CN\">{}</source>", text(pair.zh));
                match target_of(&pair) {
                    Some(en) => {
                        let origin = Origin::of(p, &pair);
                        // 1.2 has no "reviewed": a checked translation is signed off.
                        let state = if origin == Origin::Reviewed { "signed-off" } else { "translated" };
                        let _ = writeln!(
                            out,
                            "          <target xml:lang=\"en\" state=\"{state}\" state-qualifier=\"{}\">{}</target>",
                            if origin == Origin::Machine { "leveraged-mt" } else { "leveraged-tm" },
                            text(en)
                        );
                        // Where the unit belongs and the target's fingerprint, again as locations:
                        // the one part of a unit that translate-toolkit carries through a PO file
                        // (`#: p3-s2 target:...`) and back.
                        for location in [id.clone(), format!("{EXPORTED_PREFIX}{}", fingerprint(en))] {
                            let _ = writeln!(
                                out,
                                "          <context-group purpose=\"location\"><context context-type=\"sourcefile\">{}\
                                 </context></context-group>",
                                text(&location)
                            );
                        }
                        let by = provider(doc, origin).map(|who| format!(" ({who})")).unwrap_or_default();
                        let _ = writeln!(out, "          <note from=\"origin\">{}{}</note>", origin.name(), text(&by));
                    }
                    None => {
                        if let Some(error) = &p.error {
                            let _ = writeln!(out, "          <note from=\"error\">{}</note>", text(error));
                        }
                    }
                }
                for (term, english, note) in terms.iter().filter(|(term, _, _)| pair.zh.contains(*term)) {
                    let note = note.map(|n| format!(" ({n})")).unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "          <note from=\"glossary\">{} = {}{}</note>",
                        text(term),
                        text(english),
                        text(&note)
                    );
                }
                out.push_str("        </trans-unit>\n");
            }
            out.push_str("      </group>\n");
        }
        out.push_str("    </body>\n  </file>\n</xliff>\n");
        out
    }
}

impl Renderer for XliffRenderer {
    fn extension(&self) -> &'static str {
        "xlf"
    }

    fn render(&self, doc: &Document) -> String {
        match self.version {
            XliffVersion::V2_0 => self.v2(doc),
            XliffVersion::V1_2 => self.v1_2(doc),
        }
    }
}
