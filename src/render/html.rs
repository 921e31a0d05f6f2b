//! `html`: the bilingual reading edition. Chinese left, English right, each paragraph pair on
//! one grid row so the two stay level; pinyin as `<ruby>` over each word; glossary terms
//! highlighted with their English on hover. Self-contained: inline CSS, no scripts, no fetches.
//! All text is escaped and only http(s) links are written, so input can never inject markup.

use std::fmt::Write;

use crate::document::{Document, Paragraph, ParagraphKind, Token};
use crate::render::{NO_TRANSLATION, Renderer};

/// Writes the document as a bilingual HTML page.
pub struct HtmlRenderer;

const CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #6b6b70; --rule: #e3e3e8; --term: #fff1b8; --paper: #fdfcf9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 17px/1.7 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "WenQuanYi Zen Hei", serif; }
header.meta, main, footer { max-width: 78rem; margin: 0 auto; padding: 0 1.5rem; }
header.meta { padding-top: 2rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
header.meta h1 { font-size: 1.7rem; line-height: 1.35; margin: 0 0 .5rem; }
.byline { color: var(--muted); margin: .2rem 0; font-size: .95rem; }
.byline a { color: inherit; }
.notice { background: #f1f4fb; border-left: 4px solid #7a8fc4; padding: .6rem .9rem; font: .95rem/1.5 system-ui, sans-serif; }
.columns, .pair { display: grid; grid-template-columns: 1fr 1fr; column-gap: 2.5rem; }
.columns { color: var(--muted); font: .8rem system-ui, sans-serif; text-transform: uppercase;
  letter-spacing: .08em; padding: 1rem 0 .3rem; }
.pair { border-bottom: 1px solid var(--rule); padding: .7rem 0; }
.pair > div > :first-child { margin-top: 0; }
.pair > div > :last-child { margin-bottom: 0; }
.zh { font-size: 1.12rem; line-height: 2.3; }
.en { font: 1rem/1.65 Georgia, "Times New Roman", serif; }
.en .untranslated { color: var(--muted); }
.align-note { font: .8rem/1.4 system-ui, sans-serif; color: #8a5a00; background: #fff6e0; padding: .2rem .5rem; border-radius: 3px; }
ruby { ruby-position: over; }
rt { font: .62em/1 system-ui, sans-serif; color: #4a5a8a; letter-spacing: .02em; }
.term { background: var(--term); border-radius: 3px; box-shadow: 0 0 0 1px #f0d870; }
.zh [title] { cursor: help; }
blockquote { margin: 0; padding-left: 1rem; border-left: 3px solid var(--rule); }
ul.item { margin: 0; padding-left: 1.2rem; }
h2, h3, h4, h5, h6 { line-height: 1.5; margin: .3rem 0; }
footer { color: var(--muted); font: .8rem/1.5 system-ui, sans-serif; padding-top: 1.5rem; padding-bottom: 2rem; }
@media (max-width: 700px) {
  .columns { display: none; }
  .pair { grid-template-columns: 1fr; row-gap: .4rem; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .pair { break-inside: avoid; }
}
"#;

impl Renderer for HtmlRenderer {
    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, doc: &Document) -> String {
        let meta = &doc.meta;
        let title = meta.title.as_deref().unwrap_or("Untitled");
        let mut out = String::with_capacity(doc.paragraphs.iter().map(|p| p.zh.len() * 6).sum::<usize>() + 8192);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"duizhao {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            env!("CARGO_PKG_VERSION"),
            escape(title)
        );
        out.push_str("<header class=\"meta\">\n");
        let _ = writeln!(out, "<h1 lang=\"zh\">{}</h1>", escape(title));
        let mut byline = Vec::new();
        if let Some(author) = &meta.author {
            byline.push(format!("<span class=\"author\">{}</span>", escape(author)));
        }
        if let Some(date) = &meta.date {
            byline.push(format!("<time datetime=\"{0}\">{0}</time>", escape(date)));
        }
        if let Some(url) = meta.source_url.as_deref().filter(|u| is_web_url(u)) {
            byline.push(format!("<a href=\"{}\" rel=\"noopener noreferrer\">Source</a>", escape(url)));
        }
        if !byline.is_empty() {
            let _ = writeln!(out, "<p class=\"byline\">{}</p>", byline.join(" · "));
        }
        if let Some(at) = &meta.archived_at {
            let _ = writeln!(out, "<p class=\"byline\">Archived <time datetime=\"{0}\">{0}</time></p>", escape(at));
        }
        if !meta.topics.is_empty() {
            let topics: Vec<String> = meta.topics.iter().map(|t| escape(t)).collect();
            let _ = writeln!(out, "<p class=\"byline\">Topics: {}</p>", topics.join(", "));
        }
        if let Some(translation) = &meta.translation {
            if let Some(title) = &translation.title {
                let _ = writeln!(out, "<p class=\"byline\" lang=\"en\"><em>{}</em></p>", escape(title));
            }
            let _ = writeln!(out, "<p class=\"byline\">Translation: {}</p>", escape(&translation.source));
        }
        if !doc.is_translated() {
            let _ = writeln!(out, "<p class=\"notice\" lang=\"en\">{}</p>", escape(NO_TRANSLATION));
        }
        out.push_str(
            "</header>\n<main>\n<div class=\"columns\" aria-hidden=\"true\"><div>中文</div><div>English</div></div>\n",
        );
        for p in &doc.paragraphs {
            render_pair(&mut out, p);
        }
        out.push_str("</main>\n<footer>\n");
        if let Some(copyright) = &meta.copyright {
            let _ = writeln!(out, "<p lang=\"zh\">{}</p>", escape(copyright));
        }
        out.push_str(
            "<p>Made with duizhao. Pinyin and glosses from CC-CEDICT (MDBG, CC BY-SA 4.0); hover a word for its meaning, a highlighted term for the glossary's English.</p>\n</footer>\n</body>\n</html>\n",
        );
        out
    }
}

/// One aligned row: the Chinese paragraph and its English.
fn render_pair(out: &mut String, p: &Paragraph) {
    let (open, close) = match p.kind {
        ParagraphKind::Heading => {
            let level = (p.level.unwrap_or(1) + 1).min(6);
            (format!("<h{level}>"), format!("</h{level}>"))
        }
        ParagraphKind::Quote => ("<blockquote><p>".to_string(), "</p></blockquote>".to_string()),
        ParagraphKind::ListItem => ("<ul class=\"item\"><li>".to_string(), "</li></ul>".to_string()),
        ParagraphKind::Text => ("<p>".to_string(), "</p>".to_string()),
    };
    let _ = write!(out, "<div class=\"pair\" id=\"{}\">\n<div class=\"zh\" lang=\"zh\">{open}", escape(&p.id));
    for token in &p.tokens {
        render_token(out, token);
    }
    let _ = write!(out, "{close}</div>\n<div class=\"en\" lang=\"en\">");
    match &p.en {
        Some(en) => {
            let _ = write!(out, "{open}{}{close}", escape(en));
        }
        None => out.push_str("<p class=\"untranslated\" title=\"not translated\">—</p>"),
    }
    if let Some(note) = p.alignment.as_ref().and_then(|a| a.note.as_ref()) {
        let _ = write!(out, "<p class=\"align-note\">{}</p>", escape(note));
    }
    out.push_str("</div>\n</div>\n");
}

/// A token: plain text, or ruby with its pinyin; glossary terms marked, glosses on hover.
fn render_token(out: &mut String, token: &Token) {
    let text = escape(&token.text);
    let mut hover = Vec::new();
    if let Some(g) = &token.glossary {
        hover.push(match &g.note {
            Some(note) => format!("{} ({})", g.english, note),
            None => g.english.clone(),
        });
    }
    if let Some(gloss) = &token.gloss
        && token.glossary.is_none()
    {
        hover.push(gloss.clone());
    }
    let class = if token.glossary.is_some() { " class=\"term\"" } else { "" };
    let title = if hover.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(&hover.join(" — "))) };
    match &token.pinyin {
        Some(pinyin) => {
            let _ = write!(out, "<ruby{class}{title}>{text}<rt>{}</rt></ruby>", escape(pinyin));
        }
        None if !class.is_empty() || !title.is_empty() => {
            let _ = write!(out, "<span{class}{title}>{text}</span>");
        }
        None => out.push_str(&text),
    }
}

fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Meta};

    #[test]
    fn text_and_links_cannot_inject_markup() {
        let meta = Meta {
            source_url: Some("javascript:alert(1)".into()),
            title: Some("<script>x</script>".into()),
            ..Meta::default()
        };
        let mut doc = Document::new(meta, vec![Block::text("<img src=x onerror=alert(1)>")]);
        doc.paragraphs[0].tokens = vec![Token { text: doc.paragraphs[0].zh.clone(), ..Token::default() }];
        let html = HtmlRenderer.render(&doc);
        assert!(!html.contains("<script>x"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("javascript:"));
    }
}
