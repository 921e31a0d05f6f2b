//! How the two languages are arranged in the reading editions (HTML and EPUB).

/// The arrangement of Chinese and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Layout {
    /// Two columns, each paragraph pair on one row (the HTML default).
    SideBySide,
    /// Each Chinese paragraph followed by its English (the EPUB default; e-readers prefer it).
    Interleaved,
    /// The Chinese alone, with ruby pinyin.
    ZhOnlyWithRuby,
    /// The English alone.
    EnOnly,
}

impl Layout {
    /// True when the Chinese is shown.
    pub(crate) fn shows_chinese(self) -> bool {
        self != Layout::EnOnly
    }

    /// True when the English is shown.
    pub(crate) fn shows_english(self) -> bool {
        self != Layout::ZhOnlyWithRuby
    }

    /// The CSS class naming the layout.
    pub fn class(self) -> &'static str {
        match self {
            Layout::SideBySide => "side-by-side",
            Layout::Interleaved => "interleaved",
            Layout::ZhOnlyWithRuby => "zh-only",
            Layout::EnOnly => "en-only",
        }
    }
}
