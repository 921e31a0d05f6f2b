//! Percent-encoding in URLs and EPUB paths (`%E7%AC%AC` -> `第`).

/// The bytes `text` encodes, with `None` at the first escape that is not `%` and two
/// hexadecimal digits.
fn bytes(text: &str) -> Vec<Option<u8>> {
    let raw = text.as_bytes();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let digit = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
            if let Some(&[high, low]) = raw.get(i + 1..i + 3)
                && let (Some(high), Some(low)) = (digit(high), digit(low))
            {
                out.push(Some(high * 16 + low));
                i += 3;
                continue;
            }
            out.push(None);
        } else {
            out.push(Some(raw[i]));
        }
        i += 1;
    }
    out
}

/// Strictly decoded: `None` for a malformed escape or bytes that are not UTF-8 (what a server
/// refuses).
pub fn decode(text: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = bytes(text).into_iter().collect();
    String::from_utf8(bytes?).ok()
}

/// Decoded for reading: `text` as it is when it does not decode cleanly (what a path in a
/// book or a URL shown to a reader wants).
pub(crate) fn decode_lenient(text: &str) -> String {
    decode(text).unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_and_lenient() {
        assert_eq!(decode("%E7%AC%AC1.xhtml").as_deref(), Some("第1.xhtml"));
        assert_eq!(decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode("100%"), None);
        assert_eq!(decode("%zz"), None);
        assert_eq!(decode("%+1"), None);
        assert_eq!(decode("%ff"), None, "not UTF-8");
        assert_eq!(decode_lenient("100%"), "100%");
        assert_eq!(decode_lenient("%E4%B8%AD%E6%96%87"), "中文");
    }
}
