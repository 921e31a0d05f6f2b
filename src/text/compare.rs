//! Telling two copies of a text apart when they went through other tools: a form both
//! compare in ([`comparable`]), and the fingerprint an export records beside each English
//! target ([`fingerprint`]), with where XLIFF carries it, so that a file that comes back
//! tells an edited target from the one exported.

/// Text as two tools' copies of it are compared (a reviewed file's units, a memory's entries,
/// the translation cache's keys): white space collapsed and trimmed, full-width ASCII forms and
/// the ideographic space read as their half-width forms, so that `，` and `,` or `（` and `(`
/// written differently by two tools still match.
pub(crate) fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// A short, stable fingerprint of `text` with its white space collapsed (64-bit FNV-1a, 16 hex
/// digits): an export records it beside each target, so that a file coming back tells an
/// edited target from the one exported even when nothing else of the export is at hand.
pub(crate) fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, word) in text.split_whitespace().enumerate() {
        let bytes = (i > 0).then_some(&b" "[..]).into_iter().flatten().chain(word.as_bytes());
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The namespace of duizhao's attribute `dz:exported` on an XLIFF 2.0 `<unit>` it exports:
/// each exported target's fingerprint ([`fingerprint`]), `SEGMENT:FINGERPRINT`
/// separated by spaces. A unit coming back with another English was edited.
pub(crate) const EXPORTED_NAMESPACE: &str = "urn:x-duizhao:xliff";

/// How the `extradata` of an XLIFF 1.2 `<trans-unit>` duizhao exports starts, before the
/// exported target's fingerprint.
pub(crate) const EXPORTED_PREFIX: &str = "target:";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparable_text() {
        assert_eq!(comparable("  你好，\u{3000}世界！ "), "你好, 世界!");
        assert_eq!(comparable("（一）\n\tA"), "(一) A");
        assert_eq!(comparable(""), "");
    }

    #[test]
    fn fingerprints_ignore_white_space_only() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a b"), fingerprint("  a\n b "));
        assert_ne!(fingerprint("a b"), fingerprint("ab"));
        // FNV-1a of the bytes "A. b", as any FNV implementation gives it.
        assert_eq!(fingerprint("A.\t b"), "3f9afc8c069b8170");
    }
}
