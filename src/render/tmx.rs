//! `tmx`: a TMX 1.4b translation memory, one `<tu>` for the title and one per sentence pair, or
//! per paragraph when its sentences could not be paired, or per merged unit ([`super::units`]). Each unit carries `<prop>`s saying where it came from,
//! so a CAT tool can filter machine translation from human work.

use std::fmt::Write;

use crate::document::{Document, Pair, Paragraph};
use crate::render::Renderer;
use crate::render::provenance::{Origin, provider};
use crate::render::units::entries;
use crate::render::xml::text;
use crate::text::compare::fingerprint;

/// The XML declaration, the `<tmx>` root and the header, up to the opening `<body>`.
fn head(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n");
    out.push_str("<tmx version=\"1.4\">\n");
    let _ = writeln!(
        out,
        "  <header creationtool=\"duizhao\" creationtoolversion=\"{}\" segtype=\"sentence\" o-tmf=\"duizhao\" \
         adminlang=\"en\" srclang=\"zh-CN\" datatype=\"plaintext\">",
        env!("CARGO_PKG_VERSION")
    );
    if let Some(title) = &doc.meta.title {
        let _ = writeln!(out, "    <prop type=\"x-title\">{}</prop>", text(title));
    }
    if let Some(url) = &doc.meta.source_url {
        let _ = writeln!(out, "    <prop type=\"x-source-url\">{}</prop>", text(url));
    }
    out.push_str("  </header>\n  <body>\n");
    out
}

/// The paragraphs of `doc` a person reviewed (any sentence marked reviewed; English with no
/// Chinese partner marked reviewed itself), one paragraph unit each with `x-origin`
/// `reviewed`: the file `duizhao serve` keeps an article's edits in (`STEM.en.tmx` beside it),
/// which `build` applies over the translation beside the article.
///
/// A reviewed paragraph left without English is a unit with an empty English segment ("no
/// translation here"), and so is each of the English paragraphs with no Chinese partner in
/// `removed` (ids like `p3-en1` whose text was moved into a neighbour or deleted): `build`
/// takes those away. Other tools, and older duizhao, skip such units.
pub fn reviewed(doc: &Document, slug: &str, removed: &[String]) -> String {
    let mut out = head(doc);
    let unit = |out: &mut String, id: &str, zh: &str, en: &str| {
        let _ = writeln!(out, "    <tu tuid=\"{}-{}\" segtype=\"paragraph\" srclang=\"zh-CN\">", text(slug), text(id));
        let _ = writeln!(out, "      <prop type=\"x-article\">{}</prop>", text(slug));
        let _ = writeln!(out, "      <prop type=\"x-paragraph\">{}</prop>", text(id));
        out.push_str("      <prop type=\"x-origin\">reviewed</prop>\n");
        let _ = writeln!(out, "      <tuv xml:lang=\"zh-CN\"><seg>{}</seg></tuv>", text(zh));
        let _ = writeln!(out, "      <tuv xml:lang=\"en\"><seg>{}</seg></tuv>", text(en));
        out.push_str("    </tu>\n");
    };
    for p in doc.paragraphs.iter().filter(|p| p.is_reviewed()) {
        unit(&mut out, &p.id, p.zh.trim(), p.en.as_deref().map(str::trim).unwrap_or(""));
    }
    for id in removed {
        unit(&mut out, id, "", "");
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

/// Writes the document's translated pairs as TMX 1.4b.
pub struct TmxRenderer {
    /// The article slug, recorded in every unit (`x-article`).
    pub slug: String,
}

impl TmxRenderer {
    /// Writes the `<tu>` of `pair`, paragraph `p`'s, when it has English.
    fn unit(&self, out: &mut String, doc: &Document, p: &Paragraph, pair: &Pair) {
        let id = &p.id;
        let Some(en) = pair.en.filter(|en| !en.is_empty()) else { return };
        let info = doc.meta.translation.as_ref();
        let origin = Origin::of(p, pair);
        let (tuid, segtype) = match pair.sentence {
            Some(n) => (format!("{}-{id}-s{n}", self.slug), "sentence"),
            None => (format!("{}-{id}", self.slug), "paragraph"),
        };
        let _ = writeln!(out, "    <tu tuid=\"{}\" segtype=\"{segtype}\" srclang=\"zh-CN\">", text(&tuid));
        let mut props = vec![("x-article", self.slug.clone()), ("x-paragraph", id.to_string())];
        if let Some(n) = pair.sentence {
            props.push(("x-sentence", n.to_string()));
        }
        props.push(("x-origin", origin.name().to_string()));
        if let Some(provider) = provider(doc, origin) {
            props.push(("x-provider", provider.to_string()));
        }
        if origin == Origin::Machine {
            if let Some(model) = info.and_then(|i| i.model.clone()) {
                props.push(("x-model", model));
            }
            if let Some(version) = info.and_then(|i| i.prompt_version.clone()) {
                props.push(("x-prompt-version", version));
            }
        }
        if let Some(version) = info.and_then(|i| i.glossary_version.clone()) {
            props.push(("x-glossary-version", version));
        }
        // The exported English's fingerprint: a unit coming back alone is edited only
        // when its English no longer has it.
        props.push(("x-target", fingerprint(en)));
        for (kind, value) in props {
            let _ = writeln!(out, "      <prop type=\"{kind}\">{}</prop>", text(&value));
        }
        let _ = writeln!(out, "      <tuv xml:lang=\"zh-CN\"><seg>{}</seg></tuv>", text(pair.zh));
        let _ = writeln!(out, "      <tuv xml:lang=\"en\"><seg>{}</seg></tuv>", text(en));
        out.push_str("    </tu>\n");
    }
}

impl Renderer for TmxRenderer {
    fn extension(&self) -> &'static str {
        "tmx"
    }

    fn render(&self, doc: &Document) -> String {
        let mut out = head(doc);
        let info = doc.meta.translation.as_ref();
        // The title is a unit of its own, so that a memory made from this file fills it too.
        if let (Some(zh), Some(en)) = (&doc.meta.title, info.and_then(|i| i.title.as_ref())) {
            let _ = writeln!(out, "    <tu tuid=\"{}-title\" segtype=\"phrase\" srclang=\"zh-CN\">", text(&self.slug));
            let _ = writeln!(out, "      <prop type=\"x-article\">{}</prop>", text(&self.slug));
            out.push_str("      <prop type=\"x-paragraph\">title</prop>\n");
            let _ = writeln!(out, "      <tuv xml:lang=\"zh-CN\"><seg>{}</seg></tuv>", text(zh.trim()));
            let _ = writeln!(out, "      <tuv xml:lang=\"en\"><seg>{}</seg></tuv>", text(en.trim()));
            out.push_str("    </tu>\n");
        }
        for entry in entries(doc) {
            let p = entry.paragraph();
            for pair in p.pairs() {
                self.unit(&mut out, doc, &p, &pair);
            }
        }
        out.push_str("  </body>\n</tmx>\n");
        out
    }
}
