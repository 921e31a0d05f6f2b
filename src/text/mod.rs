//! Classifying characters and text: Han characters, CJK punctuation, and which Chinese script
//! a text is written in. Every other module asks here, so each class has one definition.

pub mod compare;
pub mod controls;
pub mod dates;
pub(crate) mod numerals;
pub mod percent;
pub mod script;
pub mod simplify;

/// A Han character or CJK/full-width punctuation.
pub(crate) fn is_cjk(c: char) -> bool {
    is_han(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201F}' | '…' | '—')
}

/// A Han (Chinese) character.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}' | '\u{30000}'..='\u{3134F}' | '\u{F900}'..='\u{FAFF}'
        | '\u{2F800}'..='\u{2FA1F}' | '〇')
}

/// The CJK ideographs jieba cuts with its dictionary: the unified blocks and their extensions
/// up to F, and the compatibility blocks. Narrower than [`is_han`] (no 〇, no extension G or
/// later) so that the segmenter cuts words exactly as jieba does.
pub(crate) fn is_jieba_ideograph(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}')
}

/// Not a letter or digit. The punctuation of Chinese text is answered from its blocks, which
/// hold no letters or digits, without Unicode's tables.
pub(crate) fn is_punctuation(c: char) -> bool {
    matches!(c,
        '\u{2000}'..='\u{206F}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
        || !c.is_alphanumeric()
}

/// `text` with every run of white space one space, and none at either end: how a glossary
/// entry, a label or a text compared for equality is read.
pub(crate) fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `url` without surrounding white space when it is a web address (http or https, any case,
/// no white space inside): what an edition may link to.
pub(crate) fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    (web && !url.contains(char::is_whitespace)).then_some(url)
}

/// A URL as a reader wants to see it: decoded (`%E4%B8%AD` -> `中`), without its scheme,
/// shortened to `MAX` characters.
pub(crate) fn display_url(url: &str) -> String {
    const MAX: usize = 60;
    let decoded = percent::decode_lenient(url);
    let bare = decoded.split_once("://").map_or(decoded.as_str(), |(_, rest)| rest).trim_end_matches('/');
    if bare.chars().count() <= MAX {
        return bare.to_string();
    }
    bare.chars().take(MAX - 1).collect::<String>() + "…"
}

/// `n` and `noun`, in the plural unless `n` is 1: `count(1, "paragraph")` is "1 paragraph",
/// `count(2, "paragraph")` "2 paragraphs". For messages; every noun used takes an "s".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// `n` with thousands separators: 12,345.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_decoded_and_short() {
        assert_eq!(display_url("https://example.org/%E4%B8%AD%E6%96%87/"), "example.org/中文");
        let long = format!("https://example.org/{}", "%E9%95%B7".repeat(80));
        let shown = display_url(&long);
        assert_eq!(shown.chars().count(), 60);
        assert!(shown.starts_with("example.org/長長") && shown.ends_with('…'), "{shown}");
        assert_eq!(display_url("http://x.cn/100%"), "x.cn/100%");
    }

    #[test]
    fn han_and_cjk() {
        for c in ['中', '〇', '㐀', '𠀀', '𰀀', '豈'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['a', '1', '，', '。', 'ー', ' '] {
            assert!(!is_han(c), "{c}");
        }
        for c in ['中', '，', '。', '“', '…', '—', '　', 'Ａ'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', ',', '.', ' '] {
            assert!(!is_cjk(c), "{c}");
        }
        // jieba's ideographs leave out 〇 and extension G (U+30000), which is_han counts.
        assert!(is_jieba_ideograph('中') && is_jieba_ideograph('𠀀'));
        assert!(!is_jieba_ideograph('〇') && !is_jieba_ideograph('𰀀') && !is_jieba_ideograph('，'));
    }

    #[test]
    fn punctuation_is_what_is_not_alphanumeric() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_punctuation(c), !c.is_alphanumeric(), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn counts_read_right() {
        assert_eq!(count(0, "paragraph"), "0 paragraphs");
        assert_eq!(count(1, "paragraph"), "1 paragraph");
        assert_eq!(count(12, "input"), "12 inputs");
    }

    #[test]
    fn spaces_collapse_and_web_addresses_are_told() {
        assert_eq!(collapse_spaces("  a \t b\n\nc "), "a b c");
        assert_eq!(web_url(" https://example.org/a "), Some("https://example.org/a"));
        assert_eq!(web_url("HTTP://example.org"), Some("HTTP://example.org"));
        assert_eq!(web_url("https://example.org/a b"), None);
        assert_eq!(web_url("javascript:alert(1)"), None);
        assert_eq!(web_url("ftp://example.org"), None);
    }
}
