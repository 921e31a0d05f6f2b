//! Plain text: paragraphs split on blank lines, or one paragraph a line when the text has no
//! blank lines at all. Also the white-space rules every format shares.

use crate::document::Block;
use crate::text::is_cjk;

/// Paragraphs of a plain-text article.
pub fn blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let has_blank_line = text.lines().any(|l| l.trim().is_empty()) && text.trim().lines().any(|l| l.trim().is_empty());
    let chunks: Vec<&str> = if has_blank_line {
        text.split("\n\n").flat_map(|c| c.split("\n \n")).collect()
    } else {
        text.lines().collect()
    };
    chunks
        .into_iter()
        .flat_map(split_on_blank_lines)
        .map(|c| normalize_space(&c))
        .filter(|t| !t.is_empty())
        .map(Block::text)
        .collect()
}

/// Splits a chunk further where lines holding only white space separate it.
fn split_on_blank_lines(chunk: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for line in chunk.lines() {
        if line.trim().is_empty() {
            out.push(String::new());
        } else {
            let current = out.last_mut().expect("never empty");
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
        }
    }
    out
}

/// Collapses white space as a browser does, with two Chinese rules: a line break between two
/// CJK characters is dropped (Chinese has no spaces between words), and ideographic spaces
/// used for indentation are trimmed. Zero-width characters and NUL are removed.
pub(crate) fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending: Option<bool> = None; // Some(had_newline) while inside a white-space run
    for c in text.chars() {
        if matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{0}') {
            continue;
        }
        if c.is_whitespace() {
            let newline = c == '\n' || c == '\r';
            pending = Some(pending.unwrap_or(false) || newline);
            continue;
        }
        if let Some(had_newline) = pending.take() {
            let prev = out.chars().next_back();
            let join_without_space = had_newline && prev.is_some_and(is_cjk) && is_cjk(c);
            if prev.is_some() && !join_without_space {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_split_paragraphs() {
        let b = blocks("第一段第一行\n第一段第二行\n\n第二段");
        assert_eq!(b.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(), ["第一段第一行第一段第二行", "第二段"]);
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let b = blocks("第一行\n第二行\r\n第三行\n");
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn space_rules() {
        assert_eq!(normalize_space("  中文\n  换行 \u{00A0}Tik Tok\u{200B} "), "中文换行 Tik Tok");
        assert_eq!(normalize_space("\u{3000}\u{3000}缩进"), "缩进");
    }
}
