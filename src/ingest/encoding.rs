//! Turns the bytes of an input into text: BOM, then valid UTF-8, then the declared charset,
//! then detection (chardetng), so GB18030/GBK/GB2312 and Big5 files read right even when
//! undeclared or wrongly declared. Traditional characters are kept as written.

use std::path::Path;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, Encoding, GB18030, UTF_8};

use crate::error::{Error, Result};

/// Text decoded from an input, with the encoding that was used.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without BOM.
    pub text: String,
    /// The encoding the bytes were read as.
    pub encoding: &'static Encoding,
    /// Something the user should know, e.g. that the file ends mid-character.
    pub warning: Option<String>,
}

/// Decodes `bytes` read from `path`. `declared` is a charset label the caller found outside
/// the bytes (an HTTP header); a `<meta charset>` inside them is looked for here. A declaration
/// is followed only when the bytes decode cleanly with it.
pub fn decode(bytes: &[u8], path: &Path, declared: Option<&str>) -> Result<Decoded> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { path: path.into() });
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), encoding, had_errors, path);
    }
    check_not_binary(bytes, path)?;
    // Mostly well-formed UTF-8 with a few bad bytes is damaged UTF-8, not another encoding:
    // reading it as one would turn every character into mojibake.
    // Invalid sequences are counted from the bytes: a U+FFFD the text itself holds is not one.
    let (mut bad, mut multibyte) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    if bad == 0 || multibyte >= bad {
        return finish(String::from_utf8_lossy(bytes).into_owned(), UTF_8, bad > 0, path);
    }
    let declared =
        declared.and_then(|label| Encoding::for_label(label.trim().as_bytes())).or_else(|| meta_charset(bytes));
    if let Some(encoding) = declared.map(widen)
        && let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok(Decoded { text: text.into_owned(), encoding, warning: None });
    }
    let detect = |bytes: &[u8]| {
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        widen(detector.guess(None, Utf8Detection::Allow))
    };
    let mut guess = detect(bytes);
    // A multi-byte file cut off mid-character misleads the detector towards a single-byte
    // encoding: ask again without the cut-off tail.
    if guess.is_single_byte()
        && let Some(better) =
            (1..=3.min(bytes.len() - 1)).map(|k| detect(&bytes[..bytes.len() - k])).find(|e| !e.is_single_byte())
    {
        guess = better;
    }
    // Try the guess first, then the other encodings Chinese text comes in; keep the cleanest.
    let mut best: Option<(String, &'static Encoding, usize)> = None;
    for encoding in [guess, UTF_8, GB18030, BIG5] {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if best.as_ref().is_none_or(|(_, _, b)| bad < *b) {
            best = Some((text.into_owned(), encoding, bad));
        }
        if bad == 0 {
            break;
        }
    }
    let (text, encoding, bad) = best.expect("at least one encoding was tried");
    finish(text, encoding, bad > 0, path)
}

/// GB2312 and GBK files often use GB18030 characters; decode them with the superset.
fn widen(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::GBK { GB18030 } else { encoding }
}

/// Accepts text whose only damage is a character cut off at the very end (a truncated file),
/// with a warning; rejects text with undecodable bytes elsewhere, naming the first place.
fn finish(text: String, encoding: &'static Encoding, had_errors: bool, path: &Path) -> Result<Decoded> {
    if !had_errors {
        return Ok(Decoded { text, encoding, warning: None });
    }
    let trimmed = text.trim_end_matches('\u{FFFD}');
    if !trimmed.contains('\u{FFFD}') && text.len() - trimmed.len() <= 3 * '\u{FFFD}'.len_utf8() {
        let warning = format!(
            "{}: the file ends in the middle of a {} character (truncated?); the last character was dropped",
            path.display(),
            encoding.name().to_ascii_uppercase()
        );
        return Ok(Decoded { text: trimmed.to_string(), encoding, warning: Some(warning) });
    }
    let at = text.find('\u{FFFD}').unwrap_or(0);
    let line = text[..at].matches('\n').count() + 1;
    let bad = text.matches('\u{FFFD}').count();
    Err(Error::Encoding {
        path: path.into(),
        detail: format!(
            "line {line}: bytes that are not valid {} ({bad} undecodable sequences in all)",
            encoding.name().to_ascii_uppercase()
        ),
    })
}

/// Rejects files that are plainly not text: NUL bytes or a known binary signature.
fn check_not_binary(bytes: &[u8], path: &Path) -> Result<()> {
    const SIGNATURES: [(&[u8], &str); 7] = [
        (b"\x89PNG", "a PNG image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or EPUB/DOCX)"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7fELF", "an executable"),
    ];
    let detail =
        SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, what)| what.to_string()).or_else(|| {
            let head = &bytes[..bytes.len().min(8192)];
            head.iter().position(|&b| b == 0).map(|at| format!("NUL byte at offset {at}"))
        });
    match detail {
        Some(detail) => Err(Error::Binary { path: path.into(), detail }),
        None => Ok(()),
    }
}

/// The charset an HTML or XML head declares (`<meta charset>`, `http-equiv`, `<?xml encoding>`).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    for marker in ["charset=", "encoding="] {
        let mut rest = head.as_str();
        while let Some(at) = rest.find(marker) {
            let value = rest[at + marker.len()..].trim_start_matches(['"', '\'', ' ']);
            let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(value.len());
            if let Some(encoding) = Encoding::for_label(&value.as_bytes()[..end]) {
                return Some(encoding);
            }
            rest = &rest[at + marker.len()..];
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replacement_character_in_valid_utf8_is_text() {
        let decoded = decode("\u{1}\u{FFFD}m".as_bytes(), Path::new("f"), None).unwrap();
        assert_eq!(decoded.text, "\u{1}\u{FFFD}m");
        assert_eq!(decoded.encoding, UTF_8);
    }

    fn decode_ok(bytes: &[u8]) -> Decoded {
        decode(bytes, Path::new("t"), None).unwrap()
    }

    #[test]
    fn gbk_and_big5_without_declaration() {
        let (gbk, _, _) = GB18030.encode("中华人民共和国成立于一九四九年，首都是北京。");
        assert_eq!(decode_ok(&gbk).text, "中华人民共和国成立于一九四九年，首都是北京。");
        let (big5, _, _) = BIG5.encode("中華民國的首都是臺北，這是一個繁體中文的句子。");
        assert_eq!(decode_ok(&big5).text, "中華民國的首都是臺北，這是一個繁體中文的句子。");
    }

    #[test]
    fn utf8_wins_over_a_wrong_declaration() {
        let html = "<meta charset=gb2312><p>女儿出嫁，郑板桥画了几笔兰花</p>";
        assert_eq!(decode_ok(html.as_bytes()).text, html);
    }

    #[test]
    fn bom_is_removed() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("你好".as_bytes());
        assert_eq!(decode_ok(&bytes).text, "你好");
    }

    #[test]
    fn truncated_gbk_keeps_the_text_and_warns() {
        let (gbk, _, _) = GB18030.encode("这是一段用国标码保存的中文文字，后来被截断了。");
        let cut = &gbk[..gbk.len() - 1];
        let decoded = decode_ok(cut);
        assert!(decoded.text.starts_with("这是一段用国标码保存的中文文字"));
        assert!(decoded.warning.unwrap().contains("truncated"));
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(decode(b"  \n", Path::new("e"), None), Err(Error::Empty { .. })));
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n", Path::new("b"), None), Err(Error::Binary { .. })));
        assert!(matches!(decode(b"abc\0def", Path::new("b"), None), Err(Error::Binary { .. })));
    }
}
