//! Joining words into one line of pinyin, as `duizhao pinyin` and the Markdown edition write it.

use crate::text::is_punctuation;

/// Joins words into a pinyin line: each word's pinyin, or its text when it has none; one
/// space between words, punctuation attached to the word before it, opening marks to the
/// word after them.
pub(crate) struct LineJoiner<'o> {
    out: &'o mut String,
    glue_next: bool,
}

impl<'o> LineJoiner<'o> {
    pub fn new(out: &'o mut String) -> Self {
        LineJoiner { out, glue_next: false }
    }

    /// Appends one word: its text, and its pinyin when it has Han characters.
    pub fn push(&mut self, text: &str, pinyin: Option<&str>) {
        // A word with pinyin has Han characters and no space around them.
        let text = if pinyin.is_some() { text } else { text.trim() };
        if text.is_empty() {
            return;
        }
        let punctuation = pinyin.is_none() && text.chars().all(is_punctuation);
        let opening = punctuation
            && text
                .chars()
                .all(|c| matches!(c, '“' | '‘' | '「' | '『' | '（' | '《' | '【' | '〈' | '(' | '[' | '{' | '〔'));
        let attach = self.glue_next || (punctuation && !opening);
        if !self.out.is_empty() && !attach {
            self.out.push(' ');
        }
        self.out.push_str(pinyin.unwrap_or(text));
        self.glue_next = opening;
    }
}
