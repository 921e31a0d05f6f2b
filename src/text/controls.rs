//! Characters no output may carry: the C0 controls but tab and line breaks, DEL, and the
//! noncharacters U+FFFE and U+FFFF. XML forbids them (an EPUB or XLIFF holding one does not
//! open), no reader shows them, and an input can hold them raw or as character references
//! (`&#2;`), which the parsers decode. Ingest removes them, and says how many.

use std::borrow::Cow;

/// Whether `c` is a character no output may carry.
pub(crate) fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The byte offset of the first forbidden character in UTF-8 `bytes`. Byte by byte, as every
/// output is checked with it: the controls are single bytes, U+FFFE and U+FFFF `EF BF BE` and
/// `EF BF BF`, and none of these bytes occurs inside another character's encoding.
pub(crate) fn find_forbidden(bytes: &[u8]) -> Option<usize> {
    bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F | 0x7F => true,
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    })
}

/// `text` without forbidden characters, and how many were removed; borrowed when none were.
pub(crate) fn strip(text: &str) -> (Cow<'_, str>, usize) {
    let Some(first) = find_forbidden(text.as_bytes()) else { return (Cow::Borrowed(text), 0) };
    let removed = text[first..].chars().filter(|&c| is_forbidden(c)).count();
    (Cow::Owned(text.chars().filter(|&c| !is_forbidden(c)).collect()), removed)
}

/// Removes forbidden characters from `text` in place; returns how many there were.
pub(crate) fn strip_in_place(text: &mut String) -> usize {
    let (clean, removed) = strip(text);
    if removed > 0 {
        *text = clean.into_owned();
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_and_text_stays() {
        assert_eq!(strip("a\u{2}b\u{1F}c\u{8}d\u{7F}e\u{FFFE}\u{FFFF}\u{0}"), (Cow::Owned::<str>("abcde".into()), 7));
        let kept = "段落\t一\n二\r\n三 \u{3000}“引”\u{85}，\u{FFFD}\u{FFEF}";
        assert_eq!(strip(kept), (Cow::Borrowed(kept), 0));
        assert_eq!(find_forbidden("，a\u{FFFF}".as_bytes()), Some(4));
        assert_eq!(find_forbidden("a\u{1}".as_bytes()), Some(1));
        let mut text = String::from("\u{B}\u{C}x");
        assert_eq!(strip_in_place(&mut text), 2);
        assert_eq!(text, "x");
    }
}
