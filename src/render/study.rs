//! `study`: a printable HTML study sheet for learners. First the article with pinyin as `<ruby>`
//! over every character, coloured by tone, the listed words underlined; then the vocabulary
//! table: word, pinyin, English, HSK 2.0 and HSK 3.0 levels, count in the article, and the
//! first sentence the word occurs in with the word highlighted (and the sentence's English).
//!
//! Tone colours (one scheme, shown in a legend on the sheet): tone 1 red, tone 2 orange,
//! tone 3 green, tone 4 blue, neutral tone grey.
//!
//! Print: the page margins suit A4 and US Letter alike, the width is fluid, lines are tall
//! enough that ruby is never clipped, and table rows and paragraphs are not split across pages
//! (the header row repeats). Self-contained: inline CSS, no scripts, no fetches; all text is
//! escaped.

use std::collections::HashMap;
use std::fmt::Write;

use crate::dict::cedict::Dictionary;
use crate::dict::hsk::{Hsk3, Levels};
use crate::document::{Document, Paragraph, ParagraphKind, Token};
use crate::notation::{self, Style};
use crate::render::Renderer;
use crate::text::is_han;
use crate::vocabulary::{Entry, Order, StudyOptions, Vocabulary};

/// Writes the study sheet.
#[derive(Debug, Clone, Default)]
pub struct StudyRenderer {
    /// Which words to list, in what order.
    pub options: StudyOptions,
}

impl StudyRenderer {
    /// A study-sheet renderer choosing words by `options`.
    pub fn new(options: StudyOptions) -> Self {
        StudyRenderer { options }
    }
}

/// The tone colours: (class, tone name, colour, example syllable).
pub const TONE_COLOURS: [(&str, &str, &str, &str); 5] = [
    ("t1", "1st tone", "#d62828", "mā"),
    ("t2", "2nd tone", "#e36b00", "má"),
    ("t3", "3rd tone", "#2a8a32", "mǎ"),
    ("t4", "4th tone", "#1f4fd1", "mà"),
    ("t5", "neutral tone", "#8a8a8a", "ma"),
];

const CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #66666b; --rule: #d9d9df; --term: #fff1b8; --mark: #ffe27a; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "WenQuanYi Zen Hei", sans-serif; }
.sheet { max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
header h1 { font-size: 1.6rem; line-height: 1.35; margin: 0 0 .4rem; }
.byline, .selection { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: baseline; font-size: .9rem;
  margin: .6rem 0 0; padding: .4rem .6rem; border: 1px solid var(--rule); border-radius: 4px; }
.legend b { font-weight: 600; }
.t1 { color: #d62828; } .t2 { color: #e36b00; } .t3 { color: #2a8a32; } .t4 { color: #1f4fd1; } .t5 { color: #8a8a8a; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
.text p, .text li, .text blockquote, .text h3 { font-size: 1.15rem; line-height: 2.7; margin: 0 0 .5rem;
  overflow-wrap: anywhere; }
.text h3 { font-size: 1.3rem; }
.text blockquote { margin-left: 0; padding-left: .8rem; border-left: 3px solid var(--rule); }
.text ul { margin: 0; padding-left: 1.2rem; }
.text .en { font: .95rem/1.5 Georgia, "Times New Roman", serif; color: var(--muted); margin: -.2rem 0 .8rem; }
ruby { ruby-position: over; ruby-align: center; }
rt { font: .55em/1.1 "DejaVu Sans", system-ui, sans-serif; letter-spacing: 0; }
.w { white-space: nowrap; }
.nw { border-bottom: 2px dotted #999; }
.term { background: var(--term); border-radius: 3px; }
table.vocab { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: .9rem; }
table.vocab th, table.vocab td { text-align: left; vertical-align: top; padding: .3rem .35rem;
  border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
table.vocab th { font-size: .78rem; color: var(--muted); border-bottom: 2px solid var(--ink); }
table.vocab td.word { font-size: 1.2rem; line-height: 1.4; }
table.vocab td.num, table.vocab th.num { text-align: right; }
table.vocab td.py { font-family: "DejaVu Sans", system-ui, sans-serif; overflow-wrap: break-word; }
table.vocab mark { background: var(--mark); padding: 0 .1em; border-radius: 2px; color: inherit; }
.ex-en { display: block; color: var(--muted); font: .85rem/1.4 Georgia, "Times New Roman", serif; margin-top: .15rem; }
.none { color: var(--muted); }
footer { color: var(--muted); font-size: .78rem; margin-top: 1.5rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  .sheet { max-width: none; padding: 0; }
  .text p, .text li, .text blockquote, .text h3 { break-inside: avoid; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
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
        let mut out = String::with_capacity(doc.paragraphs.iter().map(|p| p.zh.len() * 12).sum::<usize>() + 16384);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"duizhao {}\">\n<title>{} — study sheet</title>\n<style>{CSS}</style>\n\
             </head>\n<body>\n<div class=\"sheet\">\n<header>\n<h1>{}</h1>\n",
            env!("CARGO_PKG_VERSION"),
            escape(title),
            escape(title)
        );
        let mut byline = Vec::new();
        if let Some(author) = &meta.author {
            byline.push(escape(author));
        }
        if let Some(date) = &meta.date {
            byline.push(format!("<time datetime=\"{0}\">{0}</time>", escape(date)));
        }
        if let Some(url) = &meta.source_url {
            byline.push(format!("<span lang=\"en\">{}</span>", escape(url)));
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

        let listed: HashMap<&str, &Entry> = vocabulary.entries.iter().map(|e| (e.word.as_str(), e)).collect();
        let dict = Dictionary::builtin();
        out.push_str("<section class=\"text\">\n<h2>课文 <span lang=\"en\">Text</span></h2>\n");
        let mut in_list = false;
        for p in &doc.paragraphs {
            render_paragraph(&mut out, p, &listed, &dict, &mut in_list);
        }
        if in_list {
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");

        render_table(&mut out, &vocabulary, &self.options);

        out.push_str(
            "<footer lang=\"en\">\n<p>Made with duizhao. Pinyin and English from CC-CEDICT (MDBG, CC BY-SA 4.0). \
             HSK 3.0 levels from ivankra/hsk30 and HSK 2.0 levels from drkameleon/complete-hsk-vocabulary (both MIT); \
             HSK 3.0 levels 7-9 are one band.</p>\n",
        );
        if let Some(copyright) = &meta.copyright {
            let _ = writeln!(out, "<p lang=\"zh\">{}</p>", escape(copyright));
        }
        out.push_str("</footer>\n</div>\n</body>\n</html>\n");
        out
    }
}

/// One paragraph of the text with its English below it.
fn render_paragraph(
    out: &mut String,
    p: &Paragraph,
    listed: &HashMap<&str, &Entry>,
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
    for token in &p.tokens {
        render_token(out, token, listed, dict);
    }
    out.push_str(close);
    out.push('\n');
    if let Some(en) = &p.en {
        let _ = writeln!(out, "<p class=\"en\" lang=\"en\">{}</p>", escape(en));
    }
}

/// A token: per-character ruby coloured by tone when its syllables line up with its
/// characters, word ruby otherwise, plain text without a reading.
fn render_token(out: &mut String, token: &Token, listed: &HashMap<&str, &Entry>, dict: &Dictionary) {
    let reading = token.reading.clone().or_else(|| crate::readings::pinyin::word_reading(dict, &token.text));
    let entry = listed.get(token.text.as_str());
    let mut classes = Vec::new();
    if entry.is_some() {
        classes.push("nw");
    }
    if token.glossary.is_some() {
        classes.push("term");
    }
    let mut open = String::new();
    if reading.is_some() || !classes.is_empty() {
        let _ = write!(open, "<span class=\"w {}\"", classes.join(" "));
        let hover = token.glossary.as_ref().map(|g| g.english.clone()).or_else(|| entry.map(|e| e.english.clone()));
        if let Some(hover) = hover.filter(|h| !h.is_empty()) {
            let _ = write!(open, " title=\"{}\"", escape(&hover));
        }
        open.push('>');
    }
    out.push_str(&open);
    match &reading {
        Some(reading) => {
            let syllables: Vec<&str> = reading.split(' ').filter(|s| !s.is_empty()).collect();
            let chars: Vec<char> = token.text.chars().collect();
            let aligned = chars.len() == syllables.len()
                && chars.iter().all(|&c| is_han(c))
                && syllables.iter().all(|s| notation::tone_of(s).is_some());
            if aligned {
                for (c, syllable) in chars.iter().zip(&syllables) {
                    let tone = notation::tone_of(syllable).unwrap_or(5);
                    let _ = write!(
                        out,
                        "<ruby class=\"t{tone}\">{}<rt>{}</rt></ruby>",
                        escape(&c.to_string()),
                        escape(&notation::format_syllable(syllable, Style::Marks))
                    );
                }
            } else {
                let _ = write!(out, "<ruby>{}<rt>{}</rt></ruby>", escape(&token.text), coloured_pinyin(reading));
            }
        }
        None => out.push_str(&escape(&token.text)),
    }
    if !open.is_empty() {
        out.push_str("</span>");
    }
}

/// A numbered reading in tone marks, each syllable in its tone's colour class.
pub fn coloured_pinyin(reading: &str) -> String {
    let mut out = String::new();
    let mut previous_literal = false;
    for (i, syllable) in reading.split(' ').filter(|s| !s.is_empty()).enumerate() {
        let tone = notation::tone_of(syllable);
        let starts_name = syllable.starts_with(|c: char| c.is_uppercase());
        if i > 0 && (tone.is_none() || previous_literal || starts_name) {
            out.push(' ');
        } else if i > 0 && syllable.starts_with(['a', 'o', 'e']) {
            out.push('\'');
        }
        match tone {
            Some(tone) => {
                let _ = write!(
                    out,
                    "<span class=\"t{tone}\">{}</span>",
                    escape(&notation::format_syllable(syllable, Style::Marks))
                );
            }
            None => out.push_str(&escape(syllable)),
        }
        previous_literal = tone.is_none();
    }
    out
}

/// The vocabulary section: what was chosen and the table.
fn render_table(out: &mut String, vocabulary: &Vocabulary, options: &StudyOptions) {
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
        notes.push(format!("{} known words left out ({})", vocabulary.known, how.join(", ")));
    }
    if let Some(min) = options.min_level {
        notes.push(format!("{} words below HSK 3.0 level {} left out", vocabulary.below_level, Hsk3(min)));
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
    let _ = writeln!(out, "<p class=\"selection\" lang=\"en\">{}.</p>", escape(&notes.join("; ")));
    if vocabulary.entries.is_empty() {
        out.push_str("<p class=\"none\" lang=\"en\">No words to list.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"vocab\">\n<colgroup><col style=\"width:4%\"><col style=\"width:11%\"><col style=\"width:14%\">\
         <col style=\"width:21%\"><col style=\"width:6%\"><col style=\"width:6%\"><col style=\"width:4%\">\
         <col style=\"width:34%\"></colgroup>\n\
         <thead lang=\"en\"><tr><th class=\"num\">#</th><th>Word</th><th>Pinyin</th><th>English</th>\
         <th>HSK 2.0</th><th>HSK 3.0</th><th class=\"num\" title=\"times in the article\">×</th>\
         <th>First met in</th></tr></thead>\n<tbody>\n",
    );
    for (i, entry) in vocabulary.entries.iter().enumerate() {
        render_row(out, i + 1, entry);
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// One vocabulary row.
fn render_row(out: &mut String, number: usize, entry: &Entry) {
    // Long readings may wrap between syllables, never inside one.
    let pinyin =
        entry.reading.as_deref().map(coloured_pinyin).unwrap_or_default().replace("</span><span", "</span><wbr><span");
    let english =
        if entry.english.is_empty() { "<span class=\"none\">—</span>".to_string() } else { escape(&entry.english) };
    let (before, word, after) = entry.example.parts();
    let _ = write!(
        out,
        "<tr id=\"w{number}\"><td class=\"num\">{number}</td><td class=\"word\" lang=\"zh\">{}</td>\
         <td class=\"py\">{pinyin}</td><td class=\"en\" lang=\"en\">{english}</td><td>{}</td><td>{}</td>\
         <td class=\"num\">{}</td><td class=\"ex\"><span lang=\"zh\">{}<mark>{}</mark>{}</span>",
        escape(&entry.word),
        level_cell(entry.levels, false),
        level_cell(entry.levels, true),
        entry.count,
        escape(before),
        escape(word),
        escape(after),
    );
    if let Some(en) = &entry.example.en {
        let _ = write!(out, "<span class=\"ex-en\" lang=\"en\">{}</span>", escape(en));
    }
    out.push_str("</td></tr>\n");
}

fn level_cell(levels: Levels, hsk3: bool) -> String {
    let level = if hsk3 { levels.hsk3.map(|l| Hsk3(l).to_string()) } else { levels.hsk2.map(|l| l.to_string()) };
    level.unwrap_or_else(|| "<span class=\"none\">—</span>".to_string())
}

pub use crate::render::html::escape;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_is_coloured_by_tone() {
        assert_eq!(coloured_pinyin("yin2 hang2"), "<span class=\"t2\">yín</span><span class=\"t2\">háng</span>");
        assert_eq!(coloured_pinyin("Xi1 an1"), "<span class=\"t1\">Xī</span>'<span class=\"t1\">ān</span>");
        assert!(coloured_pinyin("TikTok nan4 min2").starts_with("TikTok <span class=\"t4\">"));
    }
}
