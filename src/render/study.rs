//! `study`: a printable HTML study sheet for learners. First the article word by word, each
//! word's pinyin over it as ruby, the listed words underlined; then the vocabulary list: word,
//! pinyin, the first sentence the word occurs in with the word marked, English, HSK 2.0 and
//! HSK 3.0 levels, count in the article, and the sentence's English.
//!
//! Light on purpose: a word is one element, its pinyin drawn from an attribute as ruby text,
//! and a vocabulary entry three, so a sheet of an article's size stays under 3,000 elements.
//! The toolbar (the reading page's script) shows or hides pinyin and English and turns tone
//! colours on (tone 1 red, tone 2 orange, tone 3 green, tone 4 blue, neutral tone grey, as the
//! legend shows), remembered across reloads; a tap, click or keyboard focus on a word shows its
//! gloss. With scripts off the sheet is complete, without tone colours.
//!
//! Print: the page margins suit A4 and US Letter alike, the width is fluid, lines are tall
//! enough that ruby is never clipped, and entries and paragraphs are not split across pages.
//! Self-contained: inline CSS and script, no fetches; all text is escaped.

use std::collections::HashMap;
use std::fmt::Write;

use crate::dict::cedict::Dictionary;
use crate::dict::hsk::Hsk3;
use crate::document::{Document, Paragraph, ParagraphKind, Token};
use crate::notation::{self, Style};
use crate::render::Renderer;
use crate::render::markup::{CONTROLS_CSS, SCRIPT, TOOLBAR_SCRIPT, break_mark, escape, may_break, tones_of};
use crate::vocabulary::{Entry, Order, StudyOptions, Vocabulary};

/// Writes the study sheet.
#[derive(Debug, Clone, Default)]
pub(crate) struct StudyRenderer {
    /// Which words to list, in what order.
    pub options: StudyOptions,
    /// Tone colours on when the sheet opens (`--tone-colors`).
    pub tone_colors: bool,
}

impl StudyRenderer {
    /// A study-sheet renderer choosing words by `options`.
    pub fn new(options: StudyOptions, tone_colors: bool) -> Self {
        StudyRenderer { options, tone_colors }
    }
}

/// The tone colours: (class, tone name, colour, example syllable).
/// Each at 4.5:1 or better on white, on the reading page's paper and on the glossary's
/// highlight (WCAG AA for text); the reading page's `TEXT_CSS` uses the same colours.
pub(crate) const TONE_COLOURS: [(&str, &str, &str, &str); 5] = [
    ("t1", "1st tone", "#c8102e", "mā"),
    ("t2", "2nd tone", "#a85200", "má"),
    ("t3", "3rd tone", "#237a2e", "mǎ"),
    ("t4", "4th tone", "#1c4fc4", "mà"),
    ("t5", "neutral tone", "#6b6b6b", "ma"),
];

const CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #5f5f64; --rule: #d9d9df; --term: #fff1b8; --paper: #fff; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: var(--paper);
  font: 16px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "WenQuanYi Zen Hei", sans-serif; }
.sheet { max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
header h1 { font-size: 1.6rem; line-height: 1.35; margin: 0 0 .4rem; }
.byline, .selection { color: var(--muted); font-size: .9rem; margin: .2rem 0; overflow-wrap: anywhere; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: baseline; font-size: .9rem;
  margin: .6rem 0 0; padding: .4rem .6rem; border: 1px solid var(--rule); border-radius: 4px; }
.legend b { font-weight: 600; }
.legend .t1, .tones .t1 { color: #c8102e; } .legend .t2, .tones .t2 { color: #a85200; }
.legend .t3, .tones .t3 { color: #237a2e; } .legend .t4, .tones .t4 { color: #1c4fc4; }
.legend .t5, .tones .t5 { color: #6b6b6b; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
.text p, .text li, .text blockquote, .text h3 { font-size: 1.15rem; line-height: 2.8; margin: 0 0 .5rem;
  overflow-wrap: anywhere; }
.text h3 { font-size: 1.3rem; }
.text blockquote { margin-left: 0; padding-left: .8rem; border-left: 3px solid var(--rule); }
/* As on the reading page: a long text's paragraphs are laid out only near the screen. */
.text > p, .text > blockquote, .text > ul { content-visibility: auto; contain-intrinsic-size: auto 8rem; }
/* A link to a paragraph or an entry shows it below the sticky toolbar. */
.sheet [id] { scroll-margin-top: 3.2rem; }
.text ul { margin: 0; padding-left: 1.2rem; }
.text .en { font: .95rem/1.5 Georgia, "Times New Roman", serif; color: var(--muted); margin: -.2rem 0 .8rem; }
.text [data-p] { display: ruby; ruby-align: center; white-space: nowrap; }
.text [data-p]::after { content: attr(data-p); display: ruby-text; font: .55em/1.1 "DejaVu Sans", system-ui, sans-serif;
  padding: 0 .25em; color: #3d4a75; white-space: nowrap; }
.no-pinyin [data-p]::after { content: none; }
.no-english .text .en, .no-english .vocab .en { display: none; }
.text [data-w] { text-decoration: underline dotted #777; text-underline-offset: .35em; }
.term { background: var(--term); border-radius: 3px; }
ol.vocab { margin: 0; padding-left: 2.6rem; font-size: .95rem; line-height: 1.55; }
/* Laid out only near the screen; its height meanwhile is estimated in its style attribute. */
ol.vocab { content-visibility: auto; }
ol.vocab li { break-inside: avoid; margin: 0 0 .45rem; }
ol.vocab b { font-size: 1.2rem; font-weight: 600; }
ol.vocab .en { display: block; color: var(--muted); font: .88rem/1.45 Georgia, "Times New Roman", serif; }
.none { color: var(--muted); }
footer { color: var(--muted); font-size: .78rem; margin-top: 1.5rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  .sheet { max-width: none; padding: 0; }
  .text p, .text li, .text blockquote, .text h3 { break-inside: avoid; }
  .text > p, .text > blockquote, .text > ul, ol.vocab { content-visibility: visible; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

impl Renderer for StudyRenderer {
    fn extension(&self) -> &'static str {
        "study.html"
    }

    fn render(&self, doc: &Document) -> String {
        let vocabulary = Vocabulary::select(doc, &self.options);
        let meta = &doc.meta;
        let title = meta.title.as_deref().unwrap_or("Untitled");
        let mut out = String::with_capacity(doc.paragraphs.iter().map(|p| p.zh.len() * 8).sum::<usize>() + 16384);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"{}\">\n<title>{} — study sheet</title>\n<style>{CSS}{CONTROLS_CSS}</style>\n\
             </head>\n<body{}>\n<nav class=\"toolbar\" id=\"toolbar\" aria-label=\"Display options\" lang=\"en\" hidden>\
             <button type=\"button\" data-class=\"no-pinyin\" data-shows aria-pressed=\"true\">Pinyin</button>\
             <button type=\"button\" data-class=\"no-english\" data-shows aria-pressed=\"true\">English</button>\
             <button type=\"button\" data-class=\"tones\" aria-pressed=\"{}\">Tone colours</button></nav>\n\
             <script>{TOOLBAR_SCRIPT}</script>\n\
             <div class=\"sheet\">\n<header>\n<h1>{}</h1>\n",
            super::GENERATOR,
            escape(title),
            if self.tone_colors { " class=\"tones\"" } else { "" },
            self.tone_colors,
            escape(title)
        );
        let mut byline = Vec::new();
        byline.extend(meta.author.iter().chain(&meta.source).map(|name| escape(name)));
        if let Some(date) = &meta.date {
            byline.push(format!(
                "<time datetime=\"{}\">{}</time>",
                escape(date),
                escape(&crate::text::dates::chinese(date))
            ));
        }
        if let Some(url) = meta.source_url.as_deref().and_then(crate::text::web_url) {
            byline.push(format!(
                "<a href=\"{}\" lang=\"en\" rel=\"noopener noreferrer\">{}</a>",
                escape(url),
                escape(&crate::text::display_url(url))
            ));
        }
        if !byline.is_empty() {
            let _ = writeln!(out, "<p class=\"byline\">{}</p>", byline.join(" · "));
        }
        if let Some(english) = meta.translation.as_ref().and_then(|t| t.title.as_ref()) {
            let _ = writeln!(out, "<p class=\"byline\" lang=\"en\"><em>{}</em></p>", escape(english));
        }
        out.push_str("<p class=\"legend\" lang=\"en\"><b>Tone colours</b>");
        for (class, name, _, example) in TONE_COLOURS {
            let _ = write!(out, " <span class=\"{class}\">● {example} {name}</span>");
        }
        out.push_str("</p>\n</header>\n");

        let listed: HashMap<&str, (usize, &Entry)> =
            vocabulary.entries.iter().enumerate().map(|(i, e)| (e.word.as_str(), (i + 1, e))).collect();
        let dict = Dictionary::builtin();
        out.push_str("<main>\n<section class=\"text\">\n<h2>课文 <span lang=\"en\">Text</span></h2>\n");
        let mut in_list = false;
        for p in &doc.paragraphs {
            render_paragraph(&mut out, p, &listed, &dict, &mut in_list);
        }
        if in_list {
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");

        render_list(&mut out, &vocabulary, &self.options);

        out.push_str(
            "<div id=\"gloss\" class=\"gloss\" role=\"status\" aria-live=\"polite\" hidden></div>\n</main>\n\
             <footer lang=\"en\">\n<p>Made with duizhao. Pinyin and English from CC-CEDICT (MDBG, CC BY-SA 4.0). \
             HSK 3.0 levels from ivankra/hsk30 and HSK 2.0 levels from drkameleon/complete-hsk-vocabulary (both MIT); \
             HSK 3.0 levels 7-9 are one band. Tap, click or tab to a word for its meaning.</p>\n",
        );
        if let Some(copyright) = &meta.copyright {
            let _ = writeln!(out, "<p lang=\"zh\">{}</p>", escape(copyright));
        }
        let _ = write!(out, "</footer>\n</div>\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
        out
    }
}

/// One paragraph of the text with its English below it.
fn render_paragraph(
    out: &mut String,
    p: &Paragraph,
    listed: &HashMap<&str, (usize, &Entry)>,
    dict: &Dictionary,
    in_list: &mut bool,
) {
    if p.zh.is_empty() {
        return;
    }
    let is_item = p.kind == ParagraphKind::ListItem;
    if is_item && !*in_list {
        out.push_str("<ul>\n");
    } else if !is_item && *in_list {
        out.push_str("</ul>\n");
    }
    *in_list = is_item;
    let (open, close) = match p.kind {
        ParagraphKind::Heading => ("<h3", "</h3>"),
        ParagraphKind::Quote => ("<blockquote", "</blockquote>"),
        ParagraphKind::ListItem => ("<li", "</li>"),
        ParagraphKind::Text => ("<p", "</p>"),
    };
    let _ = write!(out, "{open} id=\"{}\">", escape(&p.id));
    let mut previous: Option<&str> = None;
    for token in &p.tokens {
        // A word never breaks inside; between words a mark lets a line break where Chinese
        // text may.
        if previous.is_some_and(|before| may_break(before, &token.text)) {
            out.push_str(break_mark(&token.text));
        }
        previous = Some(&token.text);
        render_token(out, token, listed, dict);
    }
    out.push_str(close);
    out.push('\n');
    if let Some(en) = &p.en {
        let _ = writeln!(out, "<p class=\"en\" lang=\"en\">{}</p>", escape(en));
    }
}

/// A token: a word with its pinyin (`data-p`, drawn as ruby text), its tones (`data-t`, for
/// tone colours) and, when it is listed, its vocabulary entry's number (`data-w`: a tap or
/// focus shows the entry); plain text without a reading.
fn render_token(out: &mut String, token: &Token, listed: &HashMap<&str, (usize, &Entry)>, dict: &Dictionary) {
    let reading = token.reading.clone().or_else(|| crate::readings::pinyin::word_reading(dict, &token.text));
    let entry = listed.get(token.text.as_str());
    let Some(reading) = reading.filter(|r| !r.trim().is_empty()) else {
        if token.glossary.is_some() {
            let _ = write!(out, "<span class=\"term\">{}</span>", escape(&token.text));
        } else {
            out.push_str(&escape(&token.text));
        }
        return;
    };
    let class = if token.glossary.is_some() { " class=\"term\"" } else { "" };
    let _ = write!(out, "<span{class} data-p=\"{}\"", escape(&notation::format_word(&reading, Style::Marks)));
    if let Some(tones) = tones_of(&token.text, &reading) {
        let _ = write!(out, " data-t=\"{tones}\"");
    }
    // A listed word's meaning is its vocabulary entry, which the gloss shows: the sheet does
    // not carry it twice.
    if let Some((number, _)) = entry {
        let _ = write!(out, " data-w=\"{number}\" tabindex=\"0\"");
    }
    let _ = write!(out, ">{}</span>", escape(&token.text));
}

/// The height of a vocabulary entry on a phone, about: its word line and two lines of English.
const ENTRY_HEIGHT_REM: f64 = 3.5;

/// The vocabulary section: what was chosen and the list.
fn render_list(out: &mut String, vocabulary: &Vocabulary, options: &StudyOptions) {
    let _ = writeln!(
        out,
        "<section class=\"vocabulary\">\n<h2>生词 <span lang=\"en\">Vocabulary ({} {})</span></h2>",
        vocabulary.entries.len(),
        if vocabulary.entries.len() == 1 { "word" } else { "words" }
    );
    let mut notes = Vec::new();
    if vocabulary.known > 0 {
        let mut how = Vec::new();
        if !options.known.is_empty() {
            how.push(format!("a list of {} known words", options.known.len()));
        }
        if let Some(n) = options.hsk_known {
            how.push(format!("HSK 3.0 levels 1-{}", Hsk3(n)));
        }
        notes.push(format!("{} left out ({})", crate::text::count(vocabulary.known, "known word"), how.join(", ")));
    }
    if vocabulary.basic > 0 {
        notes.push(format!(
            "{} every learner knows left out (HSK 3.0 level 1 and function words; --all-words lists them)",
            crate::text::count(vocabulary.basic, "word")
        ));
    }
    if let Some(min) = options.min_level {
        let below = crate::text::count(vocabulary.below_level, "word");
        notes.push(format!("{below} below HSK 3.0 level {} left out", Hsk3(min)));
    }
    notes.push(
        match options.order {
            Order::Appearance => "in order of appearance",
            Order::Frequency => "most frequent first",
            Order::Level => "by HSK 3.0 level, words on no list last",
        }
        .to_string(),
    );
    notes.push("numbers, Latin words and people's names are not listed unless they are glossary terms".into());
    notes.push(
        "each entry: the word, its pinyin, the clause it is first met in, then its English, HSK levels and how often \
         it occurs"
            .into(),
    );
    let _ = writeln!(out, "<p class=\"selection\" lang=\"en\">{}.</p>", escape(&notes.join("; ")));
    if vocabulary.entries.is_empty() {
        out.push_str("<p class=\"none\" lang=\"en\">No words to list.</p>\n</section>\n");
        return;
    }
    // Until it nears the screen the list is not laid out (`content-visibility`); its height is
    // estimated from its length meanwhile, so the scroll bar does not jump.
    let _ = writeln!(
        out,
        "<ol class=\"vocab\" style=\"contain-intrinsic-size: auto {:.0}rem\">",
        vocabulary.entries.len() as f64 * ENTRY_HEIGHT_REM
    );
    for (i, entry) in vocabulary.entries.iter().enumerate() {
        render_entry(out, i + 1, entry);
    }
    out.push_str("</ol>\n</section>\n");
}

/// One vocabulary entry, three elements: the word; its pinyin and the clause it is first met
/// in (the word in 「」); the English part. The sentence's English is the paragraph's, shown
/// under it in the text.
fn render_entry(out: &mut String, number: usize, entry: &Entry) {
    let pinyin = entry.reading.as_deref().map(|r| notation::format_word(r, Style::Marks)).unwrap_or_default();
    let (before, word, after) = entry.example.parts();
    let _ = write!(
        out,
        "<li id=\"w{number}\"><b>{}</b> {} · {}「{}」{}",
        escape(&entry.word),
        escape(&pinyin),
        escape(clause_before(before)),
        escape(word),
        escape(clause_after(after))
    );
    let mut english = Vec::new();
    // What the word became in this article's translation, then what it can mean.
    if let Some(here) = &entry.here {
        english.push(format!("here: {here}"));
    }
    english.push(if entry.english.is_empty() { "—".to_string() } else { entry.english.clone() });
    let levels = entry.levels.describe();
    if !levels.is_empty() {
        english.push(levels);
    }
    english.push(format!("{}×", entry.count));
    let _ = writeln!(out, "<span class=\"en\" lang=\"en\">{}</span></li>", escape(&english.join(" · ")));
}

/// Characters that end a clause.
const CLAUSE_ENDS: &[char] = &['，', '。', '；', '：', '！', '？', '、', ',', ';', '!', '?'];

/// How many characters of a clause an example keeps on each side of its word.
const CLAUSE_CHARS: usize = 14;

/// The end of the clause before a word: from the last clause mark, at most [`CLAUSE_CHARS`].
fn clause_before(text: &str) -> &str {
    let start = text.rfind(CLAUSE_ENDS).map_or(0, |i| i + text[i..].chars().next().map_or(0, char::len_utf8));
    let clause = &text[start..];
    let skip = clause.chars().count().saturating_sub(CLAUSE_CHARS);
    let cut = clause.char_indices().nth(skip).map_or(clause.len(), |(i, _)| i);
    clause[cut..].trim_start()
}

/// The start of the clause after a word: up to its clause mark, at most [`CLAUSE_CHARS`].
fn clause_after(text: &str) -> &str {
    let end = text.find(CLAUSE_ENDS).map_or(text.len(), |i| i + text[i..].chars().next().map_or(0, char::len_utf8));
    let clause = &text[..end];
    let cut = clause.char_indices().nth(CLAUSE_CHARS).map_or(clause.len(), |(i, _)| i);
    clause[..cut].trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_keep_the_clause_around_the_word() {
        assert_eq!(clause_before("这两天小红书上涌进来很多Tik Tok难民，一下子"), "一下子");
        assert_eq!(clause_after("北美app下载榜之首，这才是真正的"), "北美app下载榜之首，");
        assert_eq!(clause_before("一二三四五六七八九十一二三四五六七八九十"), "七八九十一二三四五六七八九十");
        assert_eq!(clause_after(""), "");
    }

    #[test]
    fn tone_colours_when_asked_and_the_source_decoded_and_short() {
        let mut doc = crate::document::Document::new(
            crate::document::Meta {
                source_url: Some(format!("https://example.org/{}", "%E4%B8%AD%E6%96%87".repeat(30))),
                ..Default::default()
            },
            vec![crate::document::Block::text("中文")],
        );
        crate::segment::segment(&mut doc, &crate::dict::glossary::Glossary::default());
        let plain = StudyRenderer::new(StudyOptions::default(), false).render(&doc);
        let coloured = StudyRenderer::new(StudyOptions::default(), true).render(&doc);
        assert!(plain.contains("<body>") && coloured.contains("<body class=\"tones\">"));
        assert!(coloured.contains("data-class=\"tones\" aria-pressed=\"true\""));
        assert!(plain.contains(">example.org/中文中文") && !plain.contains(">https://example.org/%E4"), "decoded");
        assert!(plain.contains("…</a>"), "shortened");
        // The vocabulary reads top to bottom at every width: no CSS columns.
        assert!(!CSS.contains("columns:"));
    }

    #[test]
    fn the_tone_colours_are_the_reading_pages() {
        for (class, _, colour, _) in TONE_COLOURS {
            assert!(
                crate::render::markup::TEXT_CSS.contains(&format!(".tones .{class} {{ color: {colour}; }}")),
                "{class}"
            );
            assert!(CSS.contains(&format!(".tones .{class} {{ color: {colour}; }}")), "{class}");
        }
    }
}
