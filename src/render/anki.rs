//! `anki`: the article's vocabulary as notes of duizhao's own Anki note type, written as a
//! tab-separated file that Anki (2.1.55 and later) imports as it is, through File > Import.
//!
//! The note type, `duizhao word` ([`NOTETYPE`]), has the fields [`FIELDS`] and two cards, a
//! recognition card (the word; answer: pinyin, meaning, example) and a recall card (the meaning
//! and the example with the word hidden; answer: the word). A text file can only name a note
//! type, not carry it: the `.apkg` package ([`crate::render::apkg`]) carries it, so a learner
//! imports one package first (or only packages).
//!
//! Header lines tell Anki everything: tab separator, HTML fields, the note type, the deck
//! `duizhao::<article title>`, the column names (Anki maps them to the fields of the same
//! name), which columns hold the tags and the GUID, and `#if matches:keep current`. The GUID is
//! derived from the word and its reading ([`stable_id`]), so a word is one note however many
//! articles it occurs in, and a note already in the collection keeps the example sentence it
//! was first learned with: importing a second article's deck adds its new words and leaves the
//! others alone. (The import dialog can still be told to update them.)
//!
//! Columns: the fields, then `Tags` (`duizhao::<slug>`, `HSK3::<level>`, `HSK2::<level>`,
//! `glossary`) and `GUID`. `Example English` is left out when no note has one (an article
//! built without English).

use std::fmt::Write;

use crate::dict::hsk::Hsk3;
use crate::document::Document;
use crate::render::Renderer;
use crate::render::markup::escape;
use crate::text::display_url;
use crate::vocabulary::{Entry, StudyOptions, Vocabulary, stable_id};

/// The name of duizhao's note type, as the text file's `#notetype:` header names it.
pub(crate) const NOTETYPE: &str = "duizhao word";

/// The fields of the note type, in order (also the first columns of the text file).
pub(crate) const FIELDS: [&str; 7] = ["Word", "Pinyin", "Meaning", "Example", "Example English", "HSK", "Source"];

/// Where `Example English` is among [`FIELDS`].
const EXAMPLE_ENGLISH: usize = 4;

/// One note: its fields in [`FIELDS`] order (HTML, one line each), tags, GUID and deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    /// The fields, in [`FIELDS`] order.
    pub fields: [String; 7],
    /// Anki tags (no spaces).
    pub tags: Vec<String>,
    /// The stable GUID ([`stable_id`]).
    pub guid: String,
    /// The deck the note's cards go to (`duizhao::<title>`, sub-decks for a book's chapters).
    pub deck: String,
}

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

    /// The notes of one article, in the vocabulary's order.
    pub(crate) fn notes(&self, doc: &Document) -> Vec<Note> {
        let deck = self.deck(doc);
        let source = source(doc);
        Vocabulary::select(doc, &self.options).entries.iter().map(|e| self.note(e, &source, &deck)).collect()
    }

    /// The notes of a book's chapters, a sub-deck per chapter (`duizhao::<book>::<nn>
    /// <chapter>`): each word once, in the chapter where it first occurs, so that a learner
    /// meets it with the example sentence of its first appearance.
    pub(crate) fn book_notes(&self, chapters: &[&Document]) -> Vec<Note> {
        let book = chapters.first().and_then(|d| d.meta.book.as_ref());
        let title = book.and_then(|b| b.meta.title.as_deref()).map(deck_part).filter(|t| !t.is_empty());
        let book_deck = format!("duizhao::{}", title.unwrap_or_else(|| deck_part(&self.slug)));
        let width = chapters.len().to_string().len().max(2);
        let mut seen = std::collections::HashSet::new();
        let mut notes = Vec::new();
        for (i, doc) in chapters.iter().enumerate() {
            let name = doc.meta.title.as_deref().map(deck_part).unwrap_or_default();
            let deck = format!("{book_deck}::{:0width$} {name}", i + 1);
            let chapter = AnkiRenderer::new(format!("{}::{:0width$}", self.slug, i + 1), self.options.clone());
            let source = source(doc);
            for entry in &Vocabulary::select(doc, &self.options).entries {
                let note = chapter.note(entry, &source, deck.trim());
                if seen.insert(note.guid.clone()) {
                    notes.push(note);
                }
            }
        }
        notes
    }

    /// The note of one vocabulary entry, from the article `source` (HTML), in `deck`.
    fn note(&self, entry: &Entry, source: &str, deck: &str) -> Note {
        let (before, word, after) = entry.example.parts();
        let example =
            format!("{}<b>{}</b>{}", escape(&one_line(before)), escape(&one_line(word)), escape(&one_line(after)));
        let example_en = entry.example.en.as_deref().map(|e| escape(&one_line(e))).unwrap_or_default();
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
        Note {
            fields: [
                escape(&one_line(&entry.word)),
                escape(&entry.pinyin()),
                escape(&one_line(&entry.english)),
                example,
                example_en,
                entry.levels.describe(),
                source.to_string(),
            ],
            tags,
            guid: stable_id(&entry.word, entry.reading.as_deref()),
            deck: deck.to_string(),
        }
    }
}

/// The article a note comes from, as the `Source` field shows it: its title (else its address),
/// linked to its address when it has one.
fn source(doc: &Document) -> String {
    let url = doc.meta.source_url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let title = doc.meta.title.as_deref().map(one_line).filter(|t| !t.trim().is_empty());
    let text = title.or_else(|| url.map(display_url)).unwrap_or_default();
    match url {
        Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), escape(text.trim())),
        None => escape(text.trim()),
    }
}

/// `notes` as an Anki import file. With `deck`, every note goes to it (a `#deck:` header);
/// without, each note names its own deck in a last column.
pub(crate) fn text_file(notes: &[Note], deck: Option<&str>) -> String {
    let english = notes.iter().any(|n| !n.fields[EXAMPLE_ENGLISH].is_empty());
    let fields: Vec<usize> = (0..FIELDS.len()).filter(|&i| english || i != EXAMPLE_ENGLISH).collect();
    let mut columns: Vec<&str> = fields.iter().map(|&i| FIELDS[i]).collect();
    columns.extend(["Tags", "GUID"]);
    if deck.is_none() {
        columns.push("Deck");
    }
    let mut out = String::with_capacity(512 + notes.len() * 600);
    let _ = writeln!(out, "#separator:tab\n#html:true\n#notetype:{NOTETYPE}");
    match deck {
        Some(deck) => {
            let _ = writeln!(out, "#deck:{deck}");
        }
        None => {
            let _ = writeln!(out, "#deck column:{}", columns.len());
        }
    }
    let _ = writeln!(out, "#if matches:keep current");
    let _ = writeln!(out, "#columns:{}", columns.join("\t"));
    let _ = writeln!(out, "#tags column:{}", fields.len() + 1);
    let _ = writeln!(out, "#guid column:{}", fields.len() + 2);
    for note in notes {
        for (n, &i) in fields.iter().enumerate() {
            let field = &note.fields[i];
            // A line starting with '#' would be read as a header or comment.
            match field.strip_prefix('#').filter(|_| n == 0) {
                Some(rest) => out.push_str(&format!("&#35;{rest}")),
                None => out.push_str(field),
            }
            out.push('\t');
        }
        out.push_str(&note.tags.join(" "));
        out.push('\t');
        out.push_str(&note.guid);
        if deck.is_none() {
            out.push('\t');
            out.push_str(&escape(&note.deck));
        }
        out.push('\n');
    }
    out
}

/// A name as one level of an Anki deck path: one line, no `::`, at most 80 characters.
fn deck_part(name: &str) -> String {
    let name: String = one_line(name).replace("::", ":").chars().take(80).collect();
    name.trim().to_string()
}

impl Renderer for AnkiRenderer {
    fn extension(&self) -> &'static str {
        "anki.txt"
    }

    fn render(&self, doc: &Document) -> String {
        text_file(&self.notes(doc), Some(&self.deck(doc)))
    }
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
    use crate::document::Meta;

    #[test]
    fn levels_decks_and_sources_for_cards() {
        assert_eq!(Levels { hsk2: Some(6), hsk3: Some(3) }.describe(), "HSK 2.0: 6 · HSK 3.0: 3");
        assert_eq!(Levels { hsk2: None, hsk3: Some(7) }.describe(), "HSK 3.0: 7-9");
        assert_eq!(Levels::default().describe(), "");
        assert_eq!(one_line("a\tb\r\nc"), "a b c");
        let untitled = Document::default();
        assert_eq!(AnkiRenderer::default().deck(&untitled), "duizhao");
        assert_eq!(AnkiRenderer::new("a b", StudyOptions::default()).deck(&untitled), "duizhao::a b");
        assert_eq!(source(&untitled), "");
        let doc = Document {
            meta: Meta {
                title: Some("A & B".into()),
                source_url: Some("https://example.org/%E4%B8%AD?a=1&b=2".into()),
                ..Meta::default()
            },
            ..Document::default()
        };
        assert_eq!(source(&doc), "<a href=\"https://example.org/%E4%B8%AD?a=1&amp;b=2\">A &amp; B</a>");
        let doc = Document { meta: Meta { source_url: doc.meta.source_url.clone(), ..Meta::default() }, ..doc };
        assert_eq!(
            source(&doc),
            "<a href=\"https://example.org/%E4%B8%AD?a=1&amp;b=2\">example.org/中?a=1&amp;b=2</a>"
        );
    }
}
