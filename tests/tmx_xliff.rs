//! The translation-exchange formats: TMX 1.4b validated against the LISA DTD, XLIFF 2.0 and
//! 1.2 against the OASIS schemas (xmllint), and all three read back by a real consumer, the
//! `translate-toolkit` Python package, with every segment present and intact.
//!
//! Needs xmllint (Debian libxml2-utils), the schemas in /opt/duizhao-schemas (.ci/schemas
//! puts them there from Debian packages) and a Python with translate-toolkit (DUIZHAO_PYTHON,
//! else /opt/duizhao-venv/bin/python). CI installs all three; elsewhere a test without them
//! says it was skipped.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use duizhao::document::{Block, Document, Meta, TranslationInfo};
use duizhao::render::Renderer;
use duizhao::render::tmx::TmxRenderer;
use duizhao::render::xliff::{XliffRenderer, XliffVersion};

const SLUG: &str = "000_9cd979bd4177cabe";
const SCHEMAS: &str = "/opt/duizhao-schemas";

/// Builds the seed in `formats` (plus json) with `extra` arguments.
fn build_seed(formats: &str, extra: &[&str]) -> tempfile::TempDir {
    let mut args = vec!["--format", formats];
    args.extend(extra);
    let (out, output) = build(&[&root().join("seeds")], &args);
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

/// The (Chinese, English) pairs the document should export: sentence pairs where every
/// sentence of a paragraph has its English, else the paragraph.
fn expected_pairs(doc: &serde_json::Value) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for p in doc["paragraphs"].as_array().unwrap() {
        let Some(en) = p["en"].as_str() else { continue };
        let sentences = p["sentences"].as_array().unwrap();
        if !sentences.is_empty() && sentences.iter().all(|s| s["en"].is_string()) {
            for s in sentences {
                pairs
                    .push((s["zh"].as_str().unwrap().trim().to_string(), s["en"].as_str().unwrap().trim().to_string()));
            }
        } else {
            pairs.push((p["zh"].as_str().unwrap().trim().to_string(), en.trim().to_string()));
        }
    }
    pairs
}

/// Validates `file` with xmllint and `how` (`--dtdvalid X` or `--schema X`), `schema` being
/// a file in /opt/duizhao-schemas or [`XLIFF_2`]; None when skipped.
fn xmllint(test: &str, file: &Path, how: &str, schema: &str) -> Option<()> {
    let output = xmllint_output(test, file, how, schema)?;
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{} does not validate against {schema}:\n{err}", file.display());
    Some(())
}

/// XLIFF 2.0 is checked against the core schema together with the Glossary module's schema
/// (data/schemas), so the `<gls:glossary>` entries are validated too, not skipped as unknown.
const XLIFF_2: &str = "xliff-core-2.0.xsd + glossary module";

fn xmllint_output(test: &str, file: &Path, how: &str, name: &str) -> Option<std::process::Output> {
    let xmllint = tools::require(test, "xmllint (libxml2-utils)", &["/usr/bin/xmllint"])?;
    let core = if name == XLIFF_2 { "xliff-core-2.0.xsd" } else { name };
    let mut schema = tools::require(test, "the TMX/XLIFF schemas (.ci/schemas)", &[&format!("{SCHEMAS}/{core}")])?;
    let dir = tempfile::tempdir().unwrap();
    if name == XLIFF_2 {
        let glossary = root().join("data/schemas/xliff-glossary-2.0.xsd");
        let driver = dir.path().join("xliff-2.0-with-glossary.xsd");
        std::fs::write(
            &driver,
            format!(
                "<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n\
                 <xs:import namespace=\"urn:oasis:names:tc:xliff:document:2.0\" schemaLocation=\"{}\"/>\n\
                 <xs:import namespace=\"urn:oasis:names:tc:xliff:glossary:2.0\" schemaLocation=\"{}\"/>\n</xs:schema>\n",
                schema.display(),
                glossary.display()
            ),
        )
        .unwrap();
        schema = driver;
    }
    Some(Command::new(xmllint).args(["--noout", "--nonet", how]).arg(&schema).arg(file).output().unwrap())
}

/// The (source, target) of every unit translate-toolkit reads from `file` with its `store`
/// class (`tmx.tmxfile`, `xliff2.Xliff2File`, `xliff.xlifffile`).
fn read_back(test: &str, file: &Path, store: &str) -> Option<Vec<(String, String)>> {
    let python: PathBuf = tools::python_with(test, "translate.storage.xliff2", "translate-toolkit")?;
    let (module, class) = store.split_once('.').unwrap();
    let script = format!(
        "import json, sys\nfrom translate.storage import {module}\n\
         store = {module}.{class}.parsestring(open(sys.argv[1], 'rb').read())\n\
         print(json.dumps([[str(u.source), str(u.target or '')] for u in store.units if not u.isheader()]))\n"
    );
    let output = Command::new(python).args(["-c", &script]).arg(file).output().unwrap();
    assert!(output.status.success(), "translate-toolkit failed: {}", String::from_utf8_lossy(&output.stderr));
    let units: Vec<(String, String)> = serde_json::from_slice(&output.stdout).unwrap();
    Some(units)
}

#[test]
fn seed_tmx_is_valid_and_translate_toolkit_reads_every_pair() {
    let test = "seed_tmx_is_valid_and_translate_toolkit_reads_every_pair";
    let out = build_seed("tmx,json", &[]);
    let tmx = out.path().join(format!("{SLUG}.tmx"));
    let text = std::fs::read_to_string(&tmx).unwrap();
    let doc = json(out.path(), SLUG);
    // The title first, then every pair.
    let (zh_title, en_title) = (&doc["meta"]["title"], &doc["meta"]["translation"]["title"]);
    let mut expected = vec![(zh_title.as_str().unwrap().to_string(), en_title.as_str().unwrap().to_string())];
    expected.extend(expected_pairs(&doc));
    assert!(expected.len() > 18, "the seed pairs sentence by sentence: {}", expected.len());
    assert_eq!(text.matches("<tu ").count(), expected.len());
    assert!(text.contains("srclang=\"zh-CN\""));
    for prop in ["x-article\">000_9cd979bd4177cabe", "x-paragraph\">p1", "x-origin\">aligned", "x-provider\">human"] {
        assert!(text.contains(prop), "no {prop}");
    }
    assert!(text.contains("<prop type=\"x-glossary-version\">"));
    if xmllint(test, &tmx, "--dtdvalid", "tmx14.dtd").is_none() {
        return;
    }
    let Some(units) = read_back(test, &tmx, "tmx.tmxfile") else { return };
    assert_eq!(units, expected);
}

#[test]
fn seed_xliff_2_is_valid_and_translate_toolkit_reads_every_segment() {
    let test = "seed_xliff_2_is_valid_and_translate_toolkit_reads_every_segment";
    let out = build_seed("xliff,json", &[]);
    let xlf = out.path().join(format!("{SLUG}.xlf"));
    let text = std::fs::read_to_string(&xlf).unwrap();
    let expected = expected_pairs(&json(out.path(), SLUG));
    assert_eq!(text.matches("<unit ").count(), 18);
    assert_eq!(text.matches("<segment ").count(), expected.len());
    assert_eq!(text.matches("state=\"translated\"").count(), expected.len());
    assert!(text.contains("<gls:glossEntry><gls:term source=\"duizhao glossary\">小红书</gls:term>"));
    if xmllint(test, &xlf, "--schema", XLIFF_2).is_none() {
        return;
    }
    // The glossary entries are validated, not skipped: a broken one fails.
    let broken = out.path().join("broken.xlf");
    std::fs::write(&broken, text.replacen("<gls:term source=\"duizhao glossary\">小红书</gls:term>", "", 1)).unwrap();
    let output = xmllint_output(test, &broken, "--schema", XLIFF_2).unwrap();
    assert!(!output.status.success(), "a glossEntry without its term must not validate");
    let Some(units) = read_back(test, &xlf, "xliff2.Xliff2File") else { return };
    assert_eq!(units, expected);
}

#[test]
fn seed_xliff_1_2_is_valid_and_translate_toolkit_reads_every_unit() {
    let test = "seed_xliff_1_2_is_valid_and_translate_toolkit_reads_every_unit";
    let out = build_seed("xliff,json", &["--xliff-version", "1.2"]);
    let xlf = out.path().join(format!("{SLUG}.xlf"));
    let text = std::fs::read_to_string(&xlf).unwrap();
    let expected = expected_pairs(&json(out.path(), SLUG));
    assert!(text.contains("urn:oasis:names:tc:xliff:document:1.2"));
    assert_eq!(text.matches("<trans-unit ").count(), expected.len());
    assert!(text.contains("<note from=\"glossary\">小红书 = Xiaohongshu (RedNote)"));
    if xmllint(test, &xlf, "--schema", "xliff-core-1.2-strict.xsd").is_none() {
        return;
    }
    let Some(units) = read_back(test, &xlf, "xliff.xlifffile") else { return };
    assert_eq!(units, expected);
}

/// A document with markup characters, a control character and machine-translated English.
fn tricky_document() -> Document {
    let meta = Meta { title: Some("标题 <&>".into()), ..Meta::default() };
    let mut doc = Document::new(meta, vec![Block::text("他说“<b>&\"'”\u{1}。"), Block::text("没有译文。")]);
    let (glossary, _) = duizhao::Glossary::load(false, &[]);
    duizhao::segment::segment(&mut doc, &glossary);
    doc.paragraphs[0].en = Some("He said \u{1}“<b>&\"'”.".into());
    doc.meta.translation = Some(TranslationInfo {
        source: "openai (test-model)".into(),
        model: Some("test-model".into()),
        prompt_version: Some("1".into()),
        glossary_version: Some("abc".into()),
        ..TranslationInfo::default()
    });
    doc
}

#[test]
fn markup_and_control_characters_are_escaped_and_machine_provenance_recorded() {
    let test = "markup_and_control_characters_are_escaped_and_machine_provenance_recorded";
    let doc = tricky_document();
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("t.tmx", TmxRenderer { slug: "t".into() }.render(&doc), "--dtdvalid", "tmx14.dtd", "tmx.tmxfile"),
        (
            "t2.xlf",
            XliffRenderer { slug: "t".into(), version: XliffVersion::V2_0 }.render(&doc),
            "--schema",
            XLIFF_2,
            "xliff2.Xliff2File",
        ),
        (
            "t12.xlf",
            XliffRenderer { slug: "t".into(), version: XliffVersion::V1_2 }.render(&doc),
            "--schema",
            "xliff-core-1.2-strict.xsd",
            "xliff.xlifffile",
        ),
    ];
    let tmx = &files[0].1;
    assert!(tmx.contains("&lt;b&gt;&amp;&quot;&#39;") && !tmx.contains('\u{1}'));
    for prop in ["x-origin\">machine-translated", "x-provider\">openai (test-model)", "x-model\">test-model"] {
        assert!(tmx.contains(prop), "no {prop}:\n{tmx}");
    }
    assert!(tmx.contains("x-prompt-version\">1") && tmx.contains("x-glossary-version\">abc"));
    // The untranslated paragraph is no TMX unit, but an initial XLIFF segment.
    assert_eq!(tmx.matches("<tu ").count(), 1);
    assert!(files[1].1.contains("<segment id=\"s1\" state=\"initial\"><source>没有译文。</source></segment>"));
    for (name, text, how, schema, store) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        if xmllint(test, &path, how, schema).is_none() {
            return;
        }
        let Some(units) = read_back(test, &path, store) else { return };
        assert_eq!(units[0], ("他说“<b>&\"'”。".to_string(), "He said “<b>&\"'”.".to_string()), "{name}");
    }
}
