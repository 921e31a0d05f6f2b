//! The data that flows through the pipeline: a [`Document`] of [`Paragraph`]s, each split into
//! [`Sentence`]s and [`Token`]s. Ingest creates it, segment and annotate enrich it, renderers
//! only read it. Its serde form is the JSON schema v1 (see README).

use serde::Serialize;

/// The version of the JSON schema written by the `json` renderer.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// One article: its metadata and its body paragraphs in source order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Title, author, date and provenance.
    pub meta: Meta,
    /// Body paragraphs in source order.
    pub paragraphs: Vec<Paragraph>,
}

/// What is known about an article besides its body.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    /// The article's title.
    pub title: Option<String>,
    /// The person who wrote the article.
    pub author: Option<String>,
    /// The outlet, column or account that published it (新华社, a WeChat account, a
    /// column named in the title as "Column｜Headline"), when that is not a person's byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Publication date, ISO 8601 (`2025-01-15`, or with a time when the source gives one).
    pub date: Option<String>,
    /// Where the article was published.
    pub source_url: Option<String>,
    /// When the archive copy was taken, ISO 8601 UTC.
    pub archived_at: Option<String>,
    /// Topics or tags the source files the article under.
    pub topics: Vec<String>,
    /// The copyright note that came with the article.
    pub copyright: Option<String>,
    /// Where the English comes from, when there is any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<TranslationInfo>,
    /// The book this document is a chapter of, when it was read from an EPUB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub book: Option<BookInfo>,
}

/// What a book's package document says of it (EPUB input).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BookMeta {
    /// `dc:title`.
    pub title: Option<String>,
    /// Every `dc:creator`, in order.
    pub authors: Vec<String>,
    /// `dc:language`: the first one.
    pub language: Option<String>,
    /// The `dc:identifier` the package names as its unique identifier (else the first).
    pub identifier: Option<String>,
    /// `dc:publisher`.
    pub publisher: Option<String>,
    /// `dc:date`.
    pub date: Option<String>,
}

/// Where a chapter stands in the book it was read from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BookInfo {
    /// The book's metadata.
    #[serde(flatten)]
    pub meta: BookMeta,
    /// The chapter's number, from 1, in reading (spine) order.
    pub chapter: usize,
    /// How many chapters the book has.
    pub chapters: usize,
    /// The chapter's content document inside the book (`EPUB/text/ch001.xhtml`).
    pub file: String,
}

/// Provenance of a document's English.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TranslationInfo {
    /// Who translated: "human" for a given translation (or the name given), else the provider.
    pub source: String,
    /// The English title, when the translation has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The machine-translation model, when a provider with models translated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The prompt version machine translation used (see `translate::PROMPT_VERSION`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_version: Option<String>,
    /// A short hash of the glossary the document was annotated and checked with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub glossary_version: Option<String>,
}

impl TranslationInfo {
    /// Who translated, as a page credits it: the name given (`--en-source`), the provider and
    /// its model ("openai (gpt-4o-mini)"), both when both made the English; `None` when the
    /// English was given without a translator's name (the default `human`), which no page
    /// shows as a name.
    pub fn credit(&self) -> Option<String> {
        let named: Vec<String> = self
            .source
            .split(" + ")
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "human")
            .map(|s| match &self.model {
                // The model is the provider's: the last part of the source.
                Some(model) if self.source.ends_with(s) => format!("{s} ({model})"),
                _ => s.to_string(),
            })
            .collect();
        (!named.is_empty()).then(|| named.join(" and "))
    }

    /// The credit line's text: [`TranslationInfo::credit`], or that the translation was
    /// supplied with the article and its translator is not named.
    pub fn credit_line(&self) -> String {
        let given = self.source.split(" + ").any(|s| s.trim() == "human");
        match self.credit() {
            Some(credit) if given => format!("{credit}, with a supplied translation (translator not named)"),
            Some(credit) => credit,
            None => "supplied with the article (translator not named)".to_string(),
        }
    }
}

/// What role a paragraph plays in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    /// Ordinary body text.
    Text,
    /// A heading; its level is in [`Paragraph::level`].
    Heading,
    /// Quoted text (blockquote).
    Quote,
    /// An item of a list.
    ListItem,
}

/// One paragraph of the body with its translation and annotations.
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// Stable id in source order: `p1`, `p2`, ...
    pub id: String,
    /// The paragraph's role.
    pub kind: ParagraphKind,
    /// Heading level 1-6, for headings only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The Chinese text exactly as the source has it (whitespace normalised).
    pub zh: String,
    /// The English translation, if any.
    pub en: Option<String>,
    /// The paragraph split into sentences.
    pub sentences: Vec<Sentence>,
    /// The paragraph split into words; their texts concatenate to `zh`.
    pub tokens: Vec<Token>,
    /// How the English was paired with this paragraph, when it came from a given translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alignment: Option<Alignment>,
    /// Why the paragraph has no English although translation was asked for (`en` is null).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Where this paragraph's English came from, when that differs from the document's
    /// `meta.translation.source`: `reviewed` (checked in a CAT tool) or `translation memory`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation_source: Option<Provenance>,
    /// What the QA stage found here that a reader's margin shows (a glossary term whose
    /// rendering the English lacks); set before rendering ([`crate::qa::note_margins`]), not
    /// part of the JSON.
    #[serde(skip)]
    pub margin_notes: Vec<String>,
}

/// Who or what made a paragraph's English. Set with `Paragraph::set_english` (in
/// `align::sentences`, which pairs the English sentences with the Chinese ones), the one
/// place a paragraph gets its English once a document is paired with its translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Provenance {
    /// A translation the user gave (beside the article, `--en`, a reviewed file's units that
    /// no one edited).
    #[serde(rename = "given")]
    Given,
    /// A translation provider.
    #[serde(rename = "machine")]
    Machine,
    /// An exact match in a translation memory (`--tm`).
    #[serde(rename = "translation memory")]
    Memory,
    /// A person checked it: in a CAT tool, or on `duizhao serve`'s page.
    #[serde(rename = "reviewed")]
    Reviewed,
}

impl Provenance {
    /// The name the JSON and the document's `meta.translation.source` use.
    pub fn name(self) -> &'static str {
        match self {
            Provenance::Given => "given",
            Provenance::Machine => "machine",
            Provenance::Memory => "translation memory",
            Provenance::Reviewed => "reviewed",
        }
    }
}

/// How a paragraph was paired with a given English translation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// The link's shape: `1-1`, `2-1` (paragraphs merged in the translation), `1-2` (split),
    /// `1-0` (no English partner), `0-1` (English with no Chinese partner), ...
    pub link: String,
    /// The 1-based numbers of the English paragraphs in the link.
    pub en_paragraphs: Vec<usize>,
    /// How sure the aligner is, 0 to 1.
    pub confidence: f64,
    /// What a reviewer should know, for anything but a confident 1-1 link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How the paragraph's sentences were paired with its English sentences.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<SentenceLink>,
    /// True when a second model of the pairing finds the link likely wrong
    /// ([`crate::align::doubt`]): the QA report warns of it, and only of such links.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub doubtful: bool,
}

impl Alignment {
    /// The sentence links under confidence `unsure` that the QA report lists. A paragraph of
    /// one sentence link is its paragraph pairing, and a paragraph without a partner has
    /// nothing to pair its sentences with: the paragraph's note covers both.
    pub(crate) fn unsure_sentence_links(&self, unsure: f64) -> impl Iterator<Item = &SentenceLink> {
        let partnered = !matches!(self.sides(), (0, _) | (_, 0));
        let inner = if self.sentences.len() > 1 && partnered { self.sentences.as_slice() } else { &[] };
        inner.iter().filter(move |l| l.confidence < unsure)
    }

    /// Whether the QA report's findings on this link are warnings (else notes, `info`): the one
    /// place that decides it, for the report, its JSON and what a build prints. A link the
    /// second model finds likely wrong warns, and so does English with no Chinese partner (a
    /// row a reviewer has to place; on the MAC dev chapters every such link is wrong); an
    /// unsure, unpartnered or reshaped link the model does not doubt is noted, still saying
    /// what is unsure.
    pub(crate) fn warns(&self) -> bool {
        self.doubtful || self.sides().0 == 0
    }

    /// How many Chinese and English paragraphs the link joins, from its shape (`2-1`: 2, 1).
    pub(crate) fn sides(&self) -> (usize, usize) {
        let mut sides = self.link.split('-').map(|n| n.parse().unwrap_or(0));
        (sides.next().unwrap_or(0), sides.next().unwrap_or(0))
    }
}

/// One sentence link inside a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceLink {
    /// 1-based numbers of the Chinese sentences, counted from the paragraph's first (empty
    /// for English with no Chinese partner).
    pub zh: Vec<usize>,
    /// 1-based numbers of the English sentences in the paragraph's English (empty for a
    /// Chinese sentence with no English partner).
    pub en: Vec<usize>,
    /// How sure the aligner is, 0 to 1; under 0.5 the QA report lists the link.
    pub confidence: f64,
    /// Which English words translate which Chinese words inside the link
    /// ([`crate::align::words`]), when it has both sides.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordPair>,
}

/// A word link inside a sentence link: a Chinese token of the paragraph and the English word
/// that translates it (a Chinese word translated by several English words has a link to each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WordPair {
    /// The index of the Chinese token in the paragraph's `tokens`.
    pub zh: usize,
    /// The English word's character span `[start, end)` in the paragraph's `en`.
    pub en: [usize; 2],
}

/// One sentence of a paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    /// The Chinese sentence, including its closing punctuation and trailing space.
    pub zh: String,
    /// Its English, when the translation could be aligned sentence by sentence.
    pub en: Option<String>,
    /// A person checked its English in a CAT tool (a reviewed XLIFF, TMX or OmegaT project).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reviewed: bool,
}

/// One word (or run of punctuation, Latin text, digits, whitespace) of a paragraph.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Token {
    /// The text exactly as in the paragraph.
    pub text: String,
    /// The reading in the chosen style, for tokens with Han characters.
    pub pinyin: Option<String>,
    /// The reading in numbered form (`yin2 hang2`), whatever the display style.
    #[serde(skip)]
    pub reading: Option<String>,
    /// The reading was given by the glossary or the user's reading list (`--pinyin-dict`):
    /// context rules leave it alone.
    #[serde(skip)]
    pub reading_given: bool,
    /// The first CC-CEDICT senses, joined by "; ".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gloss: Option<String>,
    /// The curated glossary entry this token matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub glossary: Option<GlossaryMatch>,
}

/// A glossary entry as attached to a token.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlossaryMatch {
    /// The English rendering a translation should use.
    pub english: String,
    /// The glossary's note, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The glossary's reading in numbered form; it wins over the dictionary's.
    #[serde(skip)]
    pub reading: Option<String>,
}

impl Document {
    /// A document with the given metadata and paragraphs, ids assigned in order.
    pub fn new(meta: Meta, blocks: Vec<Block>) -> Self {
        let paragraphs = blocks
            .into_iter()
            .enumerate()
            .map(|(i, block)| Paragraph {
                id: format!("p{}", i + 1),
                kind: block.kind,
                level: block.level,
                zh: block.text,
                en: None,
                sentences: Vec::new(),
                tokens: Vec::new(),
                alignment: None,
                error: None,
                translation_source: None,
                margin_notes: Vec::new(),
            })
            .collect();
        Document { schema_version: SCHEMA_VERSION, meta, paragraphs }
    }

    /// The `lang` of the document's Chinese: `zh-Hans` or `zh-Hant`.
    pub(crate) fn zh_lang(&self) -> &'static str {
        crate::text::script::lang_of(self.paragraphs.iter().map(|p| p.zh.as_str()))
    }

    /// True when any paragraph has an English translation.
    pub(crate) fn is_translated(&self) -> bool {
        self.paragraphs.iter().any(|p| p.en.is_some())
    }
}

/// One source-target pair of a paragraph: a sentence, or the whole paragraph when its
/// sentences could not be paired with English sentences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair<'a> {
    /// The 1-based sentence number, `None` for the whole paragraph.
    pub sentence: Option<usize>,
    /// The Chinese, trimmed.
    pub zh: &'a str,
    /// The English, trimmed, when there is any.
    pub en: Option<&'a str>,
}

/// The id of an English paragraph with no Chinese partner, the `n`-th of its document, shown
/// after paragraph `after` (`p3-en1`; `p0` when it opens the document).
pub(crate) fn english_only_id(after: &str, n: usize) -> String {
    format!("{after}-en{n}")
}

/// For the id of an English paragraph with no Chinese partner, the id of the paragraph it
/// follows (`p3-en1` -> `p3`); `None` for any other id.
pub(crate) fn english_only_after(id: &str) -> Option<&str> {
    let (after, n) = id.rsplit_once("-en")?;
    (after.starts_with('p') && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(after)
}

impl Paragraph {
    /// Whether a person checked the paragraph's English (or decided it has none): any of its
    /// sentences marked reviewed, or, for English with no Chinese partner, which has no
    /// sentences, the paragraph's own mark.
    pub fn is_reviewed(&self) -> bool {
        self.sentences.iter().any(|s| s.reviewed) || self.translation_source == Some(Provenance::Reviewed)
    }

    /// The English words the word links give for token `token` of the paragraph, in the
    /// English's order ("experienced"), when it has any.
    pub fn english_of_token(&self, token: usize) -> Option<String> {
        let en = self.en.as_deref()?;
        let mut spans: Vec<[usize; 2]> = self
            .alignment
            .iter()
            .flat_map(|a| &a.sentences)
            .flat_map(|l| &l.words)
            .filter(|w| w.zh == token)
            .map(|w| w.en)
            .collect();
        if spans.is_empty() {
            return None;
        }
        let chars: Vec<char> = en.chars().collect();
        // A word linked is shown whole with the words hyphened to it ("candy-coated").
        let word_char = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
        for [start, end] in &mut spans {
            while *start >= 2 && chars[*start - 1] == '-' && word_char(*start - 2) {
                *start -= 2;
                while *start > 0 && word_char(*start - 1) {
                    *start -= 1;
                }
            }
            while chars.get(*end) == Some(&'-') && word_char(*end + 1) {
                *end += 2;
                while word_char(*end) {
                    *end += 1;
                }
            }
        }
        spans.sort_unstable();
        spans.dedup();
        // Overlapping spans (two parts of one hyphened word) are one.
        spans.dedup_by(|b, a| {
            b[0] < a[1] && {
                a[1] = a[1].max(b[1]);
                true
            }
        });
        // Words the English writes together stay together ("Wen-liang"), others are spaced.
        let mut out = String::new();
        let mut last: Option<usize> = None;
        for [start, end] in spans {
            let (Some(word), Some(gap)) = (chars.get(start..end), chars.get(last.unwrap_or(start)..start)) else {
                continue;
            };
            match last {
                Some(_) if !gap.is_empty() && gap.len() <= 1 && !gap[0].is_whitespace() => out.extend(gap),
                Some(_) => out.push(' '),
                None => {}
            }
            out.extend(word);
            last = Some(end);
        }
        Some(out)
    }

    /// The paragraph as translation pairs: sentence by sentence when every sentence has its
    /// English, else the whole paragraph; an untranslated paragraph is one pair per sentence
    /// without English, so each can be translated on its own.
    pub fn pairs(&self) -> Vec<Pair<'_>> {
        let sentence_pairs = !self.sentences.is_empty() && self.sentences.iter().all(|s| s.en.is_some());
        let by_sentence = |with_en: bool| {
            self.sentences
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.zh.trim().is_empty())
                .map(|(i, s)| Pair {
                    sentence: Some(i + 1),
                    zh: s.zh.trim(),
                    en: if with_en { s.en.as_deref().map(str::trim) } else { None },
                })
                .collect()
        };
        match &self.en {
            Some(_) if sentence_pairs => by_sentence(true),
            None if !self.sentences.is_empty() => by_sentence(false),
            en => vec![Pair { sentence: None, zh: self.zh.trim(), en: en.as_deref().map(str::trim) }],
        }
    }

    /// The 1-based number of the sentence holding byte `offset` of `zh`.
    pub(crate) fn sentence_at(&self, offset: usize) -> Option<usize> {
        let mut end = 0;
        for (i, s) in self.sentences.iter().enumerate() {
            end += s.zh.len();
            if offset < end {
                return Some(i + 1);
            }
        }
        None
    }
}

/// A paragraph as ingest finds it, before ids and annotations.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The paragraph's role.
    pub kind: ParagraphKind,
    /// Heading level for headings.
    pub level: Option<u8>,
    /// The text, whitespace normalised, never empty.
    pub text: String,
}

impl Block {
    /// A body-text block.
    pub fn text(text: impl Into<String>) -> Self {
        Block { kind: ParagraphKind::Text, level: None, text: text.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translators_are_credited_by_name_never_as_human() {
        let info = |source: &str, model: Option<&str>| TranslationInfo {
            source: source.into(),
            model: model.map(str::to_string),
            ..TranslationInfo::default()
        };
        assert_eq!(info("human", None).credit(), None);
        assert_eq!(info("human", None).credit_line(), "supplied with the article (translator not named)");
        assert_eq!(info("Jane Doe", None).credit_line(), "Jane Doe");
        assert_eq!(info("openai", Some("gpt-4o-mini")).credit_line(), "openai (gpt-4o-mini)");
        assert_eq!(
            info("human + deepl", None).credit_line(),
            "deepl, with a supplied translation (translator not named)"
        );
        assert_eq!(info("Jane Doe + openai", Some("m")).credit().as_deref(), Some("Jane Doe and openai (m)"));
    }
}
