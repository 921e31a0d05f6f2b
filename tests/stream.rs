//! The streamed build of large plain-text files: the same bytes as the whole-document build,
//! and clear refusals for what needs the whole document. Its memory: tests/stream_memory.rs.

mod common;

use std::path::{Path, PathBuf};

use duizhao::inputs::Input;
use duizhao::{BuildOptions, Error, Glossary, OutputFormat, Pipeline};

/// The seed article's paragraphs.
fn seed_paragraphs() -> Vec<String> {
    let path = common::root().join("seeds/000_9cd979bd4177cabe.txt");
    let bytes = std::fs::read(&path).unwrap();
    let pipeline = Pipeline::new(Glossary::load(true, &[]).0, BuildOptions::default());
    let (doc, _) = pipeline.document(&bytes, &path).unwrap();
    doc.paragraphs.iter().map(|p| p.zh.clone()).collect()
}

/// A pipeline writing `formats` to `out`, streaming every file in batches of 3,000 bytes
/// when `streamed`.
fn pipeline(out: &Path, formats: &[OutputFormat], streamed: bool) -> Pipeline {
    let options = BuildOptions { out_dir: out.to_path_buf(), formats: formats.to_vec(), ..BuildOptions::default() };
    let pipeline = Pipeline::new(Glossary::load(true, &[]).0, options);
    if streamed { pipeline.with_streaming(0, 3_000) } else { pipeline }
}

fn write_input(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn streamed_outputs_are_the_same_bytes() {
    let paragraphs = seed_paragraphs();
    // Blank-line separated paragraphs (one split over two lines, CRLF in places), and a text
    // without blank lines, where each line is a paragraph.
    let mut blank = paragraphs.join("\n\n").repeat(6);
    blank.insert_str(0, "\u{3000}\u{3000}第一段的第一行\r\n第一段的第二行\r\n \r\n");
    let lines = paragraphs.join("\n").repeat(6);
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("blank.txt", blank), ("lines.txt", lines)] {
        let input = Input::File(write_input(dir.path(), name, &text));
        let (whole, streamed) = (dir.path().join(format!("{name}-whole")), dir.path().join(format!("{name}-streamed")));
        let a = pipeline(&whole, &OutputFormat::DEFAULT, false).build(&input, "doc").unwrap();
        let b = pipeline(&streamed, &OutputFormat::DEFAULT, true).build(&input, "doc").unwrap();
        assert_eq!(a.paragraphs, b.paragraphs);
        assert!(b.paragraphs > 100, "several batches: {} paragraphs", b.paragraphs);
        for ext in ["html", "md", "json"] {
            let (a, b) =
                (std::fs::read(whole.join(format!("doc.{ext}"))), std::fs::read(streamed.join(format!("doc.{ext}"))));
            assert!(a.unwrap() == b.unwrap(), "{name}: streamed doc.{ext} differs from the whole-document one");
        }
    }
}

#[test]
fn formats_that_need_the_whole_document_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_input(dir.path(), "long.txt", &seed_paragraphs().join("\n\n"));
    let input = Input::File(path.clone());
    let out = dir.path().join("out");

    let formats = [OutputFormat::Html, OutputFormat::Epub, OutputFormat::Study];
    let err = pipeline(&out, &formats, true).build(&input, "long").unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, Error::NeedsWholeDocument { .. }), "{message}");
    assert!(message.contains("long.txt") && message.contains("epub, study") && message.contains("streaming threshold"));
    // The streamable output is still written, and complete.
    let html = std::fs::read_to_string(out.join("long.html")).unwrap();
    assert!(html.ends_with("</html>\n"));
    assert!(!out.join("long.epub").exists());

    let only = dir.path().join("only");
    let err = pipeline(&only, &[OutputFormat::Anki], true).build(&input, "long").unwrap_err();
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert!(!only.exists() || std::fs::read_dir(&only).unwrap().next().is_none());

    let english = write_input(dir.path(), "english.md", "First paragraph.");
    let options = BuildOptions { out_dir: only.clone(), en: Some(english), ..BuildOptions::default() };
    let pipeline = Pipeline::new(Glossary::load(true, &[]).0, options).with_streaming(0, 3_000);
    let err = pipeline.build(&input, "long").unwrap_err();
    assert!(err.to_string().contains("--en") && err.to_string().contains("nothing was written"), "{err}");
    assert!(!only.exists() || std::fs::read_dir(&only).unwrap().next().is_none());
}
