//! `anki`: the article's vocabulary as a tab-separated file that Anki (2.1.55 and later)
//! imports as it is, through File > Import.
//!
//! Header lines tell Anki everything: tab separator, HTML fields, the stock `Basic` note type,
//! the deck `duizhao::<article title>`, the column names, and which columns hold the tags and
//! the GUID. The GUID is derived from the word and its reading ([`stable_id`]), so importing a
//! newer deck (the same article rebuilt, or another article sharing words) updates those notes
//! instead of adding duplicates.
//!
//! Columns: `Front` (the word), `Back` (the answer laid out: pinyin in tone colours, English,
//! the example sentence with the word in bold and its English, HSK levels), then the same parts
//! one a column — `Pinyin`, `English`, `Example`, `Example English`, `HSK` — for a note type
//! with fields of those names (Anki maps columns to fields by name), then `Tags` (`duizhao::
//! <slug>`, `HSK3::<level>`, `HSK2::<level>`, `glossary`) and `GUID`. With `Basic`, Anki keeps
//! Front and Back and ignores the rest.

use std::fmt::Write;

use crate::dict::hsk::Hsk3;
use crate::document::Document;
use crate::notation::{self, Style};
use crate::render::Renderer;
use crate::render::markup::escape;
use crate::render::study::TONE_COLOURS;
use crate::vocabulary::{Entry, StudyOptions, Vocabulary, stable_id};

/// The columns of the file, in order (also the `#columns:` header).
pub(crate) const COLUMNS: [&str; 9] =
    ["Front", "Back", "Pinyin", "English", "Example", "Example English", "HSK", "Tags", "GUID"];

/// Writes the vocabulary as an Anki import file.
#[derive(Debug, Clone, Default)]
pub(crate) struct AnkiRenderer {
    /// The article's slug, used in the tags (and the deck name when it has no title).
    pub slug: String,
    /// Which words to list, in what order.
    pub options: StudyOptions,
}

impl AnkiRenderer {
    /// An Anki renderer for the article `slug`, choosing words by `options`.
    pub fn new(slug: impl Into<String>, options: StudyOptions) -> Self {
        AnkiRenderer { slug: slug.into(), options }
    }

    /// The deck the notes go to: `duizhao::` and the article's title (or slug).
    pub fn deck(&self, doc: &Document) -> String {
        let name = doc.meta.title.as_deref().map(deck_part).filter(|t| !t.is_empty());
        let name = name.unwrap_or_else(|| deck_part(&self.slug));
        if name.is_empty() { "duizhao".to_string() } else { format!("duizhao::{name}") }
    }
}

/// A name as one level of an Anki deck path: one line, no `::`, at most 80 characters.
fn deck_part(name: &str) -> String {
    let name: String = one_line(name).replace("::", ":").chars().take(80).collect();
    name.trim().to_string()
}

impl AnkiRenderer {
    /// The vocabulary of a book's chapters as one file, a sub-deck per chapter
    /// (`duizhao::<book>::<nn> <chapter>`): each word once, in the chapter where it first
    /// occurs, so that a learner meets it with the example sentence of its first appearance.
    pub(crate) fn render_book(&self, chapters: &[&Document]) -> String {
        let book = chapters.first().and_then(|d| d.meta.book.as_ref());
        let title = book.and_then(|b| b.meta.title.as_deref()).map(deck_part).filter(|t| !t.is_empty());
        let book_deck = format!("duizhao::{}", title.unwrap_or_else(|| deck_part(&self.slug)));
        let mut columns = COLUMNS.to_vec();
        columns.push("Deck");
        let mut out = String::from("#separator:tab\n#html:true\n#notetype:Basic\n");
        let _ = writeln!(out, "#columns:{}", columns.join("\t"));
        let _ = writeln!(out, "#tags column:{}", COLUMNS.iter().position(|c| *c == "Tags").unwrap() + 1);
        let _ = writeln!(out, "#guid column:{}", COLUMNS.iter().position(|c| *c == "GUID").unwrap() + 1);
        let _ = writeln!(out, "#deck column:{}", columns.len());
        let width = chapters.len().to_string().len().max(2);
        let mut seen = std::collections::HashSet::new();
        for (i, doc) in chapters.iter().enumerate() {
            let name = doc.meta.title.as_deref().map(deck_part).unwrap_or_default();
            let deck = format!("{book_deck}::{:0width$} {name}", i + 1);
            let chapter = AnkiRenderer::new(format!("{}::{:0width$}", self.slug, i + 1), self.options.clone());
            for entry in &Vocabulary::select(doc, &self.options).entries {
                let mut fields = chapter.fields(entry);
                if !seen.insert(fields[COLUMNS.len() - 1].clone()) {
                    continue;
                }
                fields.push(escape(deck.trim()));
                out.push_str(&fields.join("\t"));
                out.push('\n');
            }
        }
        out
    }
}

impl Renderer for AnkiRenderer {
    fn extension(&self) -> &'static str {
        "anki.txt"
    }

    fn render(&self, doc: &Document) -> String {
        let vocabulary = Vocabulary::select(doc, &self.options);
        let mut out = String::with_capacity(512 + vocabulary.entries.len() * 600);
        out.push_str("#separator:tab\n#html:true\n#notetype:Basic\n");
        let _ = writeln!(out, "#deck:{}", self.deck(doc));
        let _ = writeln!(out, "#columns:{}", COLUMNS.join("\t"));
        let _ = writeln!(out, "#tags column:{}", COLUMNS.iter().position(|c| *c == "Tags").unwrap() + 1);
        let _ = writeln!(out, "#guid column:{}", COLUMNS.iter().position(|c| *c == "GUID").unwrap() + 1);
        for entry in &vocabulary.entries {
            let fields = self.fields(entry);
            out.push_str(&fields.join("\t"));
            out.push('\n');
        }
        out
    }
}

impl AnkiRenderer {
    /// The fields of one note, in [`COLUMNS`] order, ready to write (escaped, one line each).
    pub fn fields(&self, entry: &Entry) -> Vec<String> {
        let pinyin = entry.pinyin();
        let english = escape(&one_line(&entry.english));
        let (before, word, after) = entry.example.parts();
        let example =
            format!("{}<b>{}</b>{}", escape(&one_line(before)), escape(&one_line(word)), escape(&one_line(after)));
        let example_en = entry.example.en.as_deref().map(|e| escape(&one_line(e))).unwrap_or_default();
        let hsk = entry.levels.describe();

        let mut back = String::new();
        if let Some(reading) = &entry.reading {
            let _ = write!(back, "<div style=\"font-size:1.4em\">{}</div>", inline_coloured(reading));
        }
        if !english.is_empty() {
            let _ = write!(back, "<div>{english}</div>");
        }
        let _ = write!(back, "<hr><div>{example}</div>");
        if !example_en.is_empty() {
            let _ = write!(back, "<div style=\"color:#666\"><i>{example_en}</i></div>");
        }
        if !hsk.is_empty() {
            let _ = write!(back, "<div style=\"color:#888;font-size:.8em\">{hsk}</div>");
        }

        let mut tags = vec!["duizhao".to_string()];
        if !self.slug.trim().is_empty() {
            tags[0] = format!("duizhao::{}", tag_safe(self.slug.trim()));
        }
        if let Some(level) = entry.levels.hsk3 {
            tags.push(format!("HSK3::{}", Hsk3(level)));
        }
        if let Some(level) = entry.levels.hsk2 {
            tags.push(format!("HSK2::{level}"));
        }
        if entry.glossary {
            tags.push("glossary".into());
        }
        let front = escape(&one_line(&entry.word));
        // A line starting with '#' would be read as a header or comment.
        let front = match front.strip_prefix('#') {
            Some(rest) => format!("&#35;{rest}"),
            None => front,
        };
        vec![
            front,
            back,
            escape(&pinyin),
            english,
            example,
            example_en,
            hsk,
            tags.join(" "),
            stable_id(&entry.word, entry.reading.as_deref()),
        ]
    }
}

/// Pinyin in tone marks, each syllable coloured with an inline style (Anki's stock note types
/// carry no style sheet of ours).
fn inline_coloured(reading: &str) -> String {
    let mut out = String::new();
    for (i, syllable) in reading.split(' ').filter(|s| !s.is_empty()).enumerate() {
        let tone = notation::tone_of(syllable);
        if i > 0 && tone.is_none_or(|_| syllable.starts_with(|c: char| c.is_uppercase())) {
            out.push(' ');
        } else if i > 0 && syllable.starts_with(['a', 'o', 'e']) {
            out.push('\'');
        }
        match tone {
            Some(tone) => {
                let colour = TONE_COLOURS[usize::from(tone.clamp(1, 5)) - 1].2;
                let _ = write!(
                    out,
                    "<span style=\"color:{colour}\">{}</span>",
                    escape(&notation::format_syllable(syllable, Style::Marks))
                );
            }
            None => out.push_str(&escape(syllable)),
        }
    }
    out
}

/// Text on one line: tabs and line breaks become spaces.
fn one_line(text: &str) -> String {
    text.split(['\t', '\n', '\r']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A tag without spaces.
fn tag_safe(text: &str) -> String {
    text.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::hsk::Levels;

    #[test]
    fn levels_and_pinyin_for_cards() {
        assert_eq!(Levels { hsk2: Some(6), hsk3: Some(3) }.describe(), "HSK 2.0: 6 · HSK 3.0: 3");
        assert_eq!(Levels { hsk2: None, hsk3: Some(7) }.describe(), "HSK 3.0: 7-9");
        assert_eq!(Levels::default().describe(), "");
        assert_eq!(
            inline_coloured("wo3 men5"),
            "<span style=\"color:#237a2e\">wǒ</span><span style=\"color:#6b6b6b\">men</span>"
        );
        assert_eq!(one_line("a\tb\r\nc"), "a b c");
        let untitled = Document::default();
        assert_eq!(AnkiRenderer::default().deck(&untitled), "duizhao");
        assert_eq!(AnkiRenderer::new("a b", StudyOptions::default()).deck(&untitled), "duizhao::a b");
    }
}
