//! `md`: Markdown parallel text. Per paragraph: the Chinese, its pinyin line, the English.

use std::fmt::Write;

use crate::annotate::pinyin_line;
use crate::document::{Document, Paragraph, ParagraphKind};
use crate::render::{Head, NO_TRANSLATION, Renderer, StreamRenderer, render_streamed};

/// Writes the document as Markdown parallel text.
pub(crate) struct MarkdownRenderer;

impl Renderer for MarkdownRenderer {
    fn extension(&self) -> &'static str {
        "md"
    }

    fn render(&self, doc: &Document) -> String {
        let mut out = String::new();
        render_streamed(self, doc, &mut out);
        out
    }

    fn streamed(&self) -> Option<&(dyn StreamRenderer + Sync)> {
        Some(self)
    }
}

impl StreamRenderer for MarkdownRenderer {
    fn begin(&self, head: &Head, out: &mut String) {
        let meta = head.meta;
        let title = meta.title.as_deref().unwrap_or("Untitled");
        // Invisible in every Markdown reader; a folder given as input knows the file by it.
        let _ = writeln!(out, "<!-- generator: {} -->\n", super::GENERATOR);
        let _ = writeln!(out, "# {}\n", escape(title));
        let mut facts = Vec::new();
        if let Some(author) = &meta.author {
            facts.push(format!("- **Author:** {}", escape(author)));
        }
        if let Some(source) = &meta.source {
            facts.push(format!("- **Published by:** {}", escape(source)));
        }
        if let Some(date) = &meta.date {
            facts.push(format!("- **Date:** {}", escape(&crate::text::dates::english(date))));
        }
        if let Some(url) = meta.source_url.as_deref().and_then(crate::text::web_url) {
            // Shown decoded and short; the link keeps the real address.
            facts.push(format!(
                "- **Source:** [{}]({})",
                escape(&crate::text::display_url(url)),
                url.replace(' ', "%20").replace('(', "%28").replace(')', "%29").replace('>', "%3E")
            ));
        }
        if let Some(at) = &meta.archived_at {
            facts.push(format!("- **Archived:** {}", escape(&crate::text::dates::english(at))));
        }
        if !meta.topics.is_empty() {
            let topics: Vec<String> = meta.topics.iter().map(|t| escape(t)).collect();
            facts.push(format!("- **Topics:** {}", topics.join(", ")));
        }
        if let Some(translation) = &meta.translation {
            if let Some(title) = &translation.title {
                facts.push(format!("- **English title:** {}", escape(title)));
            }
            facts.push(format!("- **Translation:** {}", escape(&translation.credit_line())));
        }
        if !facts.is_empty() {
            let _ = writeln!(out, "{}\n", facts.join("\n"));
        }
        if !head.translated {
            let _ = writeln!(out, "> {NO_TRANSLATION}\n");
        }
    }

    fn paragraph(&self, _head: &Head, _index: usize, p: &Paragraph, out: &mut String) {
        let _ = writeln!(out, "---\n\n<a id=\"{}\"></a>\n", p.id);
        let prefix = match p.kind {
            ParagraphKind::Heading => "#".repeat((p.level.unwrap_or(2) as usize + 1).min(6)) + " ",
            ParagraphKind::Quote => "> ".to_string(),
            ParagraphKind::ListItem => "- ".to_string(),
            ParagraphKind::Text => String::new(),
        };
        let _ = writeln!(out, "{prefix}{}\n", escape(&p.zh));
        let pinyin = pinyin_line(&p.tokens);
        if p.tokens.iter().any(|t| t.pinyin.is_some()) {
            let _ = writeln!(out, "*{}*\n", escape(&pinyin));
        }
        match &p.en {
            Some(en) => {
                let _ = writeln!(out, "{}\n", escape(en));
            }
            None => {
                let _ = writeln!(out, "*(not translated)*\n");
            }
        }
        if let Some(note) = p.alignment.as_ref().and_then(|a| a.note.as_ref()) {
            let _ = writeln!(out, "> **Alignment:** {}\n", escape(note));
        }
    }

    fn end(&self, _head: &Head, _count: usize, _out: &mut String) {}
}

/// Escapes what Markdown (CommonMark) would read as markup or raw HTML, so that a renderer
/// shows `text` as it is. Each line of `text` stays a line (a hard break), with its leading
/// white space dropped, which Markdown would read as a code block.
fn escape(text: &str) -> String {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).map(escape_line).collect::<Vec<_>>().join("\\\n")
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    // "- ", "+ " would start a list and "===" or "---" underline a heading; "1. " or "1) " would
    // start a numbered list, whose marker is the full stop or bracket (a backslash before a
    // digit is no escape: it would show).
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits) && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<script>*x*"), "\\<script\\>\\*x\\*");
        assert_eq!(escape("1. 第一"), "1\\. 第一");
        assert_eq!(escape("2020) 年"), "2020\\) 年");
        assert_eq!(escape("1234567890. big"), "1234567890. big");
        assert_eq!(escape("- a\n  = b\n\nAT&T"), "\\- a\\\n\\= b\\\nAT\\&T");
    }
}
