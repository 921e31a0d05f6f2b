//! `duizhao pinyin`'s path: a line's words are borrowed, read and written without a string per
//! word ([`line`]); formatted words are cached by lexicon id ([`formatted`]); [`stream`] runs
//! batches of lines on all cores and writes them in order.

pub mod formatted;
pub mod line;
pub mod stream;

pub use line::{LineOptions, transcribe_line};
