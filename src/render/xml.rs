//! Text for XML documents (TMX, XLIFF): escaped, and without the characters XML 1.0 forbids.

use crate::render::markup;

/// `text` escaped for XML element content and quoted attribute values, with the characters
/// XML 1.0 does not allow (control characters other than tab, newline and carriage return,
/// lone surrogates cannot occur in a `str`, U+FFFE and U+FFFF) removed: a stray control
/// character in an article must not make the whole file unreadable.
pub fn text(text: &str) -> String {
    let legal: String = text.chars().filter(|&c| is_xml_char(c)).collect();
    markup::escape(&legal)
}

/// True for characters XML 1.0 allows in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_illegal_characters() {
        assert_eq!(text("a<b>&\"c'\u{1}\u{8}\u{B}\u{FFFF}\td"), "a&lt;b&gt;&amp;&quot;c&#39;\td");
    }
}
