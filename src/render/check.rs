//! Whether an output is whole and well-formed, checked before it is written: an XML file
//! (XLIFF, TMX, an EPUB's documents) parses, an EPUB's container is complete, and no file
//! carries a character no reader shows and XML forbids. An input counts as built only when
//! every file written for it passes.

use std::io::{Cursor, Read};

use crate::text::controls;

/// Checks the bytes of the output file `name` (its extension says what it is); the error says
/// what is wrong and where.
pub(crate) fn well_formed(name: &str, bytes: &[u8]) -> Result<(), String> {
    let extension = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "epub" => epub(bytes),
        "apkg" => apkg(bytes),
        "xlf" | "xliff" | "tmx" | "xml" | "opf" | "xhtml" | "ncx" => xml(bytes),
        "css" | "png" | "jpg" | "jpeg" | "gif" | "svg" | "woff" | "woff2" | "otf" | "ttf" => Ok(()),
        _ => text(bytes).map(|_| ()),
    }
}

/// UTF-8 text without forbidden control characters.
fn text(bytes: &[u8]) -> Result<&str, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 at byte {}", e.valid_up_to()))?;
    if let Some(at) = controls::find_forbidden(bytes) {
        let (line, column) = position(text, at);
        let c = text[at..].chars().next().map_or(0, u32::from);
        return Err(format!("line {line}, column {column}: control character U+{c:04X}"));
    }
    Ok(text)
}

/// Well-formed XML (a document type declaration allowed, as TMX has one).
fn xml(bytes: &[u8]) -> Result<(), String> {
    let text = text(bytes)?;
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(text, options).map(|_| ()).map_err(|e| format!("not well-formed XML: {e}"))
}

/// A complete EPUB container: `mimetype` first and stored, `META-INF/container.xml`, and every
/// XML document in it well-formed.
fn epub(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a readable zip ({e})"))?;
    {
        let first = zip.by_index(0).map_err(|e| format!("no first entry ({e})"))?;
        let name = first.name().map_err(|e| format!("first entry unreadable ({e})"))?;
        if name != "mimetype" || first.compression() != zip::CompressionMethod::Stored {
            return Err("the first entry is not the stored `mimetype`".to_string());
        }
    }
    if zip.index_for_name("META-INF/container.xml").is_none() {
        return Err("no META-INF/container.xml".to_string());
    }
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| format!("entry {i} unreadable ({e})"))?;
        let name = entry.name().map_err(|e| format!("entry {i} unreadable ({e})"))?.into_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).map_err(|e| format!("{name}: unreadable ({e})"))?;
        if name != "mimetype" {
            well_formed(&name, &content).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    Ok(())
}

/// A complete Anki package: a readable zip holding an SQLite `collection.anki2` and a JSON
/// `media` list.
fn apkg(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a readable zip ({e})"))?;
    let mut read = |name: &str| -> Result<Vec<u8>, String> {
        let mut entry = zip.by_name(name).map_err(|_| format!("no {name}"))?;
        let mut content = Vec::new();
        entry.read_to_end(&mut content).map_err(|e| format!("{name}: unreadable ({e})"))?;
        Ok(content)
    };
    if !read("collection.anki2")?.starts_with(b"SQLite format 3\0") {
        return Err("collection.anki2: not an SQLite database".to_string());
    }
    serde_json::from_slice::<serde_json::Value>(&read("media")?).map_err(|e| format!("media: not JSON ({e})"))?;
    Ok(())
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_outputs_are_found_and_placed() {
        assert_eq!(well_formed("a.html", "<p>好</p>\n".as_bytes()), Ok(()));
        assert_eq!(
            well_formed("a.json", "{\n  \"zh\": \"a\u{2}\"\n}".as_bytes()),
            Err("line 2, column 11: control character U+0002".to_string())
        );
        assert_eq!(well_formed("a.xlf", b"<a><b/></a>"), Ok(()));
        assert!(well_formed("a.tmx", b"<a><b></a>").unwrap_err().starts_with("not well-formed XML"));
        assert!(well_formed("a.epub", b"PK not a zip").unwrap_err().starts_with("not a readable zip"));
        assert!(well_formed("a.apkg", b"PK not a zip").unwrap_err().starts_with("not a readable zip"));
    }
}
