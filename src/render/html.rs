//! `html`: the bilingual reading edition. Chinese left, English right, each paragraph pair on
//! one grid row so the two stay level (or another [`Layout`]); pinyin as `<ruby>` over each
//! word; glossary terms highlighted with their English on hover; tone colours on request.
//! Self-contained: inline CSS, a small inline script for the toolbar (with scripts off,
//! everything is shown), no fetches. All text is escaped and only http(s) links are written,
//! so input can never inject markup. The paragraph markup is XHTML-clean and shared with EPUB.

use std::fmt::Write;

use crate::document::{Document, Paragraph};
use crate::render::layout::Layout;
use crate::render::markup::{
    CONTROLS_CSS, SCRIPT, TEXT_CSS, TOOLBAR_SCRIPT, escape, render_chinese, render_english, word_links_attribute,
};
use crate::render::site::NAV_CSS;
use crate::render::{Head, Renderer, StreamRenderer, render_streamed};
use crate::text::dates;

/// Writes the document as a bilingual HTML page.
#[derive(Debug, Clone, Copy)]
pub struct HtmlRenderer {
    /// How the languages are arranged.
    pub layout: Layout,
    /// Whether tone colours are on when the page opens.
    pub tone_colors: bool,
}

impl Default for HtmlRenderer {
    fn default() -> Self {
        HtmlRenderer { layout: Layout::SideBySide, tone_colors: false }
    }
}

const PAGE_CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #6b6b70; --rule: #e3e3e8; --paper: #fdfcf9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); overflow-wrap: anywhere;
  font: 17px/1.7 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "WenQuanYi Zen Hei", serif; }
header.meta, main, footer { max-width: 78rem; margin: 0 auto; padding: 0 1.5rem; }
header.meta { padding-top: 1.5rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
header.meta h1 { font-size: 1.7rem; line-height: 1.35; margin: 0 0 .5rem; }
.byline { color: var(--muted); margin: .2rem 0; font-size: .95rem; }
.byline a { color: inherit; }
.notice { background: #f1f4fb; border-left: 4px solid #7a8fc4; padding: .6rem .9rem; font: .95rem/1.5 system-ui, sans-serif; }
.columns, .pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: 2.5rem; }
.columns { color: var(--muted); font: .8rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .08em; padding: 1rem 0 .3rem; }
.pair { border-bottom: 1px solid var(--rule); padding: .7rem 0; }
/* A long article's pairs are laid out and painted only near the screen: 21,000 elements cost a
   phone seconds otherwise. `auto` keeps the height of a pair once it has been shown. */
.pair { content-visibility: auto; contain-intrinsic-size: auto 16rem; }
/* A link to a paragraph (#p12) shows it below the sticky toolbar, not under it. */
.pair { scroll-margin-top: 3.2rem; }
.pair > div > :first-child { margin-top: 0; }
.pair > div > :last-child { margin-bottom: 0; }
.zh { font-size: 1.2rem; line-height: 2.5; }
.en { font: 1rem/1.65 Georgia, "Times New Roman", serif; }
/* A word and the English words that translate it, lit together; colour only, so nothing moves. */
.pair .hl { background: #cfe1ff; border-radius: 2px; box-shadow: 0 0 0 1px #cfe1ff; }
.gloss .here { font-weight: 600; }

h2, h3, h4, h5, h6 { line-height: 1.5; margin: .3rem 0; }
.single .columns { display: none; }
.single .pair, .no-english .pair { grid-template-columns: minmax(0, 1fr); row-gap: .4rem; }
.no-english .en, .no-english .columns { display: none; }
.no-pinyin rt { display: none; }
footer { color: var(--muted); font: .8rem/1.5 system-ui, sans-serif; padding-top: 1.5rem; padding-bottom: 2rem; }
@media (max-width: 700px) {
  header.meta, main, footer { padding: 0 .9rem; }
  header.meta { padding-top: 1rem; }
  .columns { display: none; }
  .pair { grid-template-columns: minmax(0, 1fr); row-gap: .4rem; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .toolbar { display: none; }
  .pair { break-inside: avoid; content-visibility: visible; }
  a { color: inherit; text-decoration: none; }
}
"#;

impl Renderer for HtmlRenderer {
    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, doc: &Document) -> String {
        let mut out = String::with_capacity(doc.paragraphs.iter().map(|p| p.zh.len() * 8).sum::<usize>() + 12_000);
        render_streamed(self, doc, &mut out);
        out
    }

    fn streamed(&self) -> Option<&(dyn StreamRenderer + Sync)> {
        Some(self)
    }
}

impl HtmlRenderer {
    /// The layout this document is shown in: the Chinese alone when it has no English at all,
    /// rather than a column of nothing.
    fn layout_for(&self, head: &Head) -> Layout {
        if head.translated { self.layout } else { Layout::ZhOnlyWithRuby }
    }
}

impl StreamRenderer for HtmlRenderer {
    fn begin(&self, head: &Head, out: &mut String) {
        let meta = head.meta;
        let zh_lang = head.zh_lang;
        let title = meta.title.as_deref().unwrap_or("Untitled");
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{zh_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{TEXT_CSS}{PAGE_CSS}{CONTROLS_CSS}{NAV_CSS}</style>\n</head>\n",
            super::GENERATOR,
            escape(title)
        );
        // Without any English the page is the Chinese alone, at full width.
        let layout = self.layout_for(head);
        let mut body_classes = vec![format!("layout-{}", layout.class())];
        if layout != Layout::SideBySide {
            body_classes.push("single".into());
        }
        if self.tone_colors {
            body_classes.push("tones".into());
        }
        let _ = writeln!(out, "<body class=\"{}\">", body_classes.join(" "));
        let _ = writeln!(
            out,
            "<nav class=\"toolbar\" id=\"toolbar\" aria-label=\"Display options\" hidden>\
             <button type=\"button\" data-class=\"no-pinyin\" data-shows aria-pressed=\"true\">Pinyin</button>{}\
             <button type=\"button\" data-class=\"tones\" aria-pressed=\"{}\">Tone colours</button></nav>\n\
             <script>{TOOLBAR_SCRIPT}</script>",
            if layout.shows_english() && layout.shows_chinese() {
                "<button type=\"button\" data-class=\"no-english\" data-shows aria-pressed=\"true\">English</button>"
            } else {
                ""
            },
            self.tone_colors
        );
        render_header(out, head);
        out.push_str("<main>\n");
        if layout == Layout::SideBySide {
            let _ = writeln!(
                out,
                "<div class=\"columns\" aria-hidden=\"true\"><div lang=\"{zh_lang}\">中文</div><div lang=\"en\">English</div></div>"
            );
        }
    }

    fn paragraph(&self, head: &Head, _index: usize, p: &Paragraph, out: &mut String) {
        let _ = writeln!(out, "<div class=\"pair\" id=\"{}\">", escape(&p.id));
        let layout = self.layout_for(head);
        if layout.shows_chinese() {
            let _ = write!(out, "<div class=\"zh\" lang=\"{}\">", head.zh_lang);
            render_chinese(out, p, self.tone_colors);
            out.push_str("</div>\n");
        }
        if layout.shows_english() {
            let _ = write!(out, "<div class=\"en\" lang=\"en\"{}>", word_links_attribute(p));
            render_english(out, p);
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
    }

    fn end(&self, head: &Head, _count: usize, out: &mut String) {
        out.push_str(
            "<div id=\"gloss\" class=\"gloss\" role=\"status\" aria-live=\"polite\" hidden></div>\n</main>\n<footer>\n",
        );
        if let Some(copyright) = &head.meta.copyright {
            let _ = writeln!(out, "<p lang=\"{}\">{}</p>", head.zh_lang, escape(copyright));
        }
        out.push_str(
            "<p lang=\"en\">Made with duizhao. Pinyin and glosses from CC-CEDICT (MDBG, CC BY-SA 4.0); tap, click or tab to a word for its meaning, a highlighted term for the glossary's English.</p>\n</footer>\n",
        );
        let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    }
}

/// Title, byline and provenance.
fn render_header(out: &mut String, head: &Head) {
    let meta = head.meta;
    let zh_lang = head.zh_lang;
    let title = meta.title.as_deref().unwrap_or("Untitled");
    out.push_str("<header class=\"meta\">\n");
    let _ = writeln!(out, "<h1 lang=\"{zh_lang}\">{}</h1>", escape(title));
    let mut byline = Vec::new();
    if let Some(author) = &meta.author {
        byline.push(format!("<span class=\"author\" lang=\"{zh_lang}\">{}</span>", escape(author)));
    }
    if let Some(source) = &meta.source {
        byline.push(format!("<span class=\"source\" lang=\"{zh_lang}\">{}</span>", escape(source)));
    }
    if let Some(date) = &meta.date {
        byline.push(format!("<time datetime=\"{}\">{}</time>", escape(date), escape(&dates::chinese(date))));
    }
    if let Some(url) = meta.source_url.as_deref().and_then(crate::text::web_url) {
        byline.push(format!("<a href=\"{}\" rel=\"noopener noreferrer\" lang=\"en\">Source</a>", escape(url)));
    }
    if !byline.is_empty() {
        let _ = writeln!(out, "<p class=\"byline\">{}</p>", byline.join(" · "));
    }
    if let Some(at) = &meta.archived_at {
        let _ = writeln!(
            out,
            "<p class=\"byline\" lang=\"en\">Archived <time datetime=\"{}\">{}</time></p>",
            escape(at),
            escape(&dates::english(at))
        );
    }
    if !meta.topics.is_empty() {
        let topics: Vec<String> = meta.topics.iter().map(|t| escape(t)).collect();
        let _ = writeln!(
            out,
            "<p class=\"byline\"><span lang=\"en\">Topics:</span> <span lang=\"{zh_lang}\">{}</span></p>",
            topics.join(", ")
        );
    }
    if let Some(translation) = &meta.translation {
        if let Some(title) = &translation.title {
            let _ = writeln!(out, "<p class=\"byline\" lang=\"en\"><em>{}</em></p>", escape(title));
        }
        let _ =
            writeln!(out, "<p class=\"byline\" lang=\"en\">Translation: {}</p>", escape(&translation.credit_line()));
    }
    out.push_str("</header>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Meta, Token};
    use crate::render::markup::render_token;

    #[test]
    fn text_and_links_cannot_inject_markup() {
        let meta = Meta {
            source_url: Some("javascript:alert(1)".into()),
            title: Some("<script>x</script>".into()),
            ..Meta::default()
        };
        let mut doc = Document::new(meta, vec![Block::text("<img src=x onerror=alert(1)>")]);
        doc.paragraphs[0].tokens = vec![Token { text: doc.paragraphs[0].zh.clone(), ..Token::default() }];
        let html = HtmlRenderer::default().render(&doc);
        assert!(!html.contains("<script>x"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn dates_read_as_readers_read_them() {
        let meta = Meta {
            date: Some("2020-07-01T22:56:13Z".into()),
            archived_at: Some("2025-01-17T01:30:21Z".into()),
            ..Meta::default()
        };
        let html = HtmlRenderer::default().render(&Document::new(meta, vec![Block::text("你好。")]));
        assert!(html.contains("<time datetime=\"2020-07-01T22:56:13Z\">2020年7月1日</time>"), "{html}");
        assert!(html.contains("Archived <time datetime=\"2025-01-17T01:30:21Z\">17 January 2025</time>"), "{html}");
    }

    #[test]
    fn tones_classes_per_character() {
        let token = Token {
            text: "银行".into(),
            reading: Some("yin2 hang2".into()),
            pinyin: Some("yínháng".into()),
            ..Token::default()
        };
        let mut out = String::new();
        render_token(&mut out, &token, true);
        assert_eq!(out, "<ruby><span class=\"t2\">银</span><span class=\"t2\">行</span><rt>yínháng</rt></ruby>");
        let mut out = String::new();
        render_token(&mut out, &token, false);
        assert_eq!(out, "<ruby data-t=\"22\">银行<rt>yínháng</rt></ruby>");
    }
}
