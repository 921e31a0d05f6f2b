//! What the context rules ([`super::polyphone`], [`super::sandhi`]) need of a token: its text
//! and its numbered reading, which they may replace. A document's [`Token`] owns its strings;
//! `duizhao pinyin`'s [`super::line::LineWord`] borrows them, so a line is read without a
//! string allocated per word.

use crate::document::Token;

/// A token whose reading the context rules can read and replace.
pub trait Reads {
    /// The token's text.
    fn text(&self) -> &str;
    /// Its reading in numbered form (`yin2 hang2`), when it has one.
    fn reading(&self) -> Option<&str>;
    /// The reading was given by the glossary or the user's reading list: rules leave it alone.
    fn reading_given(&self) -> bool;
    /// Replaces the reading.
    fn set_reading(&mut self, reading: String);
}

impl Reads for Token {
    fn text(&self) -> &str {
        &self.text
    }
    fn reading(&self) -> Option<&str> {
        self.reading.as_deref()
    }
    fn reading_given(&self) -> bool {
        self.reading_given
    }
    fn set_reading(&mut self, reading: String) {
        self.reading = Some(reading);
    }
}
