//! How readings are written: the numbered form duizhao keeps, and the display styles (tone
//! marks, tone numbers, zhuyin, none).
//!
//! A reading is kept in numbered form: syllables separated by one space, each letters plus a
//! tone digit 1-5 (5 = neutral), ü written ü, proper nouns capitalised (`Bei3 jing1`). A piece
//! without a tone digit is literal text (Latin letters in a term such as `TikTok nan4 min2`).

pub mod joiner;
pub mod zhuyin;

pub(crate) use joiner::LineJoiner;

/// How readings are displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// Tone marks (yínháng), ü written ü.
    #[default]
    Marks,
    /// Tone numbers after each syllable (yin2hang2), 5 for neutral, ü written v.
    Numbers,
    /// No pinyin at all.
    None,
    /// Zhuyin (bopomofo), tone marks after each syllable (ㄓㄨㄥ ㄍㄨㄛˊ), a dot before a neutral one.
    Zhuyin,
}

/// Writes a numbered reading as one word in `style`: syllables joined, an apostrophe before a
/// syllable starting with a, o or e (Xī'ān), literal pieces and each further capitalised part
/// of a name set off by spaces (Máo Zédōng).
pub(crate) fn format_word(reading: &str, style: Style) -> String {
    let mut out = String::with_capacity(reading.len() + 4);
    push_word(&mut out, reading, style);
    out
}

/// [`format_word`], appended to `out`.
pub(crate) fn push_word(out: &mut String, reading: &str, style: Style) {
    let mut previous_literal = false;
    for (i, syllable) in syllables(reading).filter(|s| !s.is_empty()).enumerate() {
        let tone = tone_of(syllable);
        let starts_name = match syllable.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => syllable.starts_with(|c: char| c.is_uppercase()),
        };
        if i > 0 && (tone.is_none() || previous_literal || starts_name) {
            out.push(' ');
        } else if i > 0 && style == Style::Marks && syllable.starts_with(['a', 'o', 'e', 'A', 'O', 'E']) {
            out.push('\'');
        }
        push_toned(out, syllable, tone, style);
        previous_literal = tone.is_none();
    }
}

/// Writes one numbered syllable (`lü4`) in `style` (`lǜ`, `lv4`); literal text is kept.
pub(crate) fn format_syllable(syllable: &str, style: Style) -> String {
    let mut out = String::with_capacity(syllable.len() + 2);
    push_syllable(&mut out, syllable, style);
    out
}

/// [`format_syllable`], appended to `out`.
pub(crate) fn push_syllable(out: &mut String, syllable: &str, style: Style) {
    push_toned(out, syllable, tone_of(syllable), style);
}

/// Appends `syllable`, whose tone digit is `tone` (`None`: literal text), in `style`.
fn push_toned(out: &mut String, syllable: &str, tone: Option<u8>, style: Style) {
    let Some(tone) = tone else {
        out.push_str(syllable);
        return;
    };
    let letters = &syllable[..syllable.len() - 1];
    match style {
        Style::None => out.push_str(letters),
        Style::Numbers => {
            out.extend(letters.chars().map(|c| match c {
                'ü' => 'v',
                'Ü' => 'V',
                c => c,
            }));
            out.push(char::from(b'0' + tone));
        }
        Style::Marks => push_tone_mark(out, letters, tone),
        Style::Zhuyin => match crate::notation::zhuyin::syllable(letters, tone) {
            Some(zhuyin) => out.push_str(&zhuyin),
            None => out.push_str(syllable),
        },
    }
}

/// The pieces of a reading between single spaces, as `reading.split(' ')` gives them, split by a
/// plain byte loop: readings are a few bytes long, too short to repay a searcher's set-up.
pub(crate) fn syllables(reading: &str) -> impl DoubleEndedIterator<Item = &str> + Clone {
    reading.as_bytes().split(|&b| b == b' ').map(move |piece| {
        let start = piece.as_ptr() as usize - reading.as_ptr() as usize;
        &reading[start..start + piece.len()]
    })
}

/// The tone digit of a numbered syllable, or `None` for literal text.
pub(crate) fn tone_of(syllable: &str) -> Option<u8> {
    let tone = syllable.as_bytes().last()?.wrapping_sub(b'0');
    if !(1..=5).contains(&tone) {
        return None;
    }
    // The tone digit is one ASCII byte, so the letters end on a character boundary.
    let letters = &syllable[..syllable.len() - 1];
    let is_pinyin = !letters.is_empty()
        && (letters.bytes().all(|b| b.is_ascii_alphabetic())
            || letters.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, 'ü' | 'Ü' | 'ê' | 'Ê')));
    is_pinyin.then_some(tone)
}

/// Appends the letters with the tone mark on the right vowel: a or e if present, the o of ou,
/// else the last vowel.
fn push_tone_mark(out: &mut String, letters: &str, tone: u8) {
    if !(1..=4).contains(&tone) {
        out.push_str(letters);
        return;
    }
    // One pass: the first a or e, the o of ou, the last other vowel.
    let (mut a_or_e, mut o_of_ou, mut last_vowel) = (None, None, None);
    let mut previous: Option<(usize, char)> = None;
    for (i, c) in letters.char_indices() {
        let lower = if c.is_ascii() { c.to_ascii_lowercase() } else { c };
        match lower {
            'a' | 'e' | 'ê' | 'Ê' if a_or_e.is_none() => a_or_e = Some(i),
            'u' if o_of_ou.is_none() && previous.is_some_and(|(_, p)| p == 'o') => {
                o_of_ou = previous.map(|(at, _)| at);
            }
            _ => {}
        }
        if matches!(lower, 'i' | 'o' | 'u' | 'ü' | 'Ü') {
            last_vowel = Some(i);
        }
        previous = Some((i, lower));
    }
    let Some(target) = a_or_e.or(o_of_ou).or(last_vowel) else {
        out.push_str(letters);
        return;
    };
    let vowel = letters[target..].chars().next().unwrap_or(' ');
    out.push_str(&letters[..target]);
    out.push(mark(vowel, tone));
    out.push_str(&letters[target + vowel.len_utf8()..]);
}

fn mark(vowel: char, tone: u8) -> char {
    let marks = match vowel {
        'a' => ['ā', 'á', 'ǎ', 'à'],
        'e' => ['ē', 'é', 'ě', 'è'],
        'i' => ['ī', 'í', 'ǐ', 'ì'],
        'o' => ['ō', 'ó', 'ǒ', 'ò'],
        'u' => ['ū', 'ú', 'ǔ', 'ù'],
        'ü' => ['ǖ', 'ǘ', 'ǚ', 'ǜ'],
        'ê' => ['ê', 'ế', 'ê', 'ề'],
        'A' => ['Ā', 'Á', 'Ǎ', 'À'],
        'E' => ['Ē', 'É', 'Ě', 'È'],
        'O' => ['Ō', 'Ó', 'Ǒ', 'Ò'],
        'I' => ['Ī', 'Í', 'Ǐ', 'Ì'],
        'U' => ['Ū', 'Ú', 'Ǔ', 'Ù'],
        _ => return vowel,
    };
    marks[tone as usize - 1]
}

/// Converts one syllable written with tone marks (`hóng`, `Xiǎo`, `de`) to numbered form
/// (`hong2`, `Xiao3`, `de5`). Already-numbered syllables pass through.
pub(crate) fn numbered_from_marks(syllable: &str) -> String {
    if tone_of(syllable).is_some() {
        return syllable.replace('v', "ü").replace("u:", "ü");
    }
    let mut tone = 5;
    let mut letters = String::with_capacity(syllable.len());
    for c in syllable.chars() {
        match unmark(c) {
            Some((base, t)) => {
                tone = t;
                letters.push(base);
            }
            None => letters.push(c),
        }
    }
    format!("{letters}{tone}")
}

fn unmark(c: char) -> Option<(char, u8)> {
    const MARKED: &[(char, char, u8)] = &[
        ('ā', 'a', 1),
        ('á', 'a', 2),
        ('ǎ', 'a', 3),
        ('à', 'a', 4),
        ('ē', 'e', 1),
        ('é', 'e', 2),
        ('ě', 'e', 3),
        ('è', 'e', 4),
        ('ī', 'i', 1),
        ('í', 'i', 2),
        ('ǐ', 'i', 3),
        ('ì', 'i', 4),
        ('ō', 'o', 1),
        ('ó', 'o', 2),
        ('ǒ', 'o', 3),
        ('ò', 'o', 4),
        ('ū', 'u', 1),
        ('ú', 'u', 2),
        ('ǔ', 'u', 3),
        ('ù', 'u', 4),
        ('ǖ', 'ü', 1),
        ('ǘ', 'ü', 2),
        ('ǚ', 'ü', 3),
        ('ǜ', 'ü', 4),
        ('Ā', 'A', 1),
        ('Á', 'A', 2),
        ('Ǎ', 'A', 3),
        ('À', 'A', 4),
        ('Ē', 'E', 1),
        ('É', 'E', 2),
        ('Ě', 'E', 3),
        ('È', 'E', 4),
        ('Ō', 'O', 1),
        ('Ó', 'O', 2),
        ('Ǒ', 'O', 3),
        ('Ò', 'O', 4),
    ];
    MARKED.iter().find(|(m, _, _)| *m == c).map(|&(_, base, tone)| (base, tone))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_split_like_split() {
        for reading in ["", " ", "yin2 hang2", "a  b", " a", "a ", "lü4 Bei3 jing1", "ni3"] {
            assert_eq!(syllables(reading).collect::<Vec<_>>(), reading.split(' ').collect::<Vec<_>>(), "{reading:?}");
            assert_eq!(syllables(reading).rev().collect::<Vec<_>>(), reading.split(' ').rev().collect::<Vec<_>>());
        }
    }

    #[test]
    fn styles() {
        assert_eq!(format_word("yin2 hang2", Style::Marks), "yínháng");
        assert_eq!(format_word("yin2 hang2", Style::Numbers), "yin2hang2");
        assert_eq!(format_word("yin2 hang2", Style::None), "yinhang");
        assert_eq!(format_word("Xi1 an1", Style::Marks), "Xī'ān");
        assert_eq!(format_word("lü4 shi1", Style::Numbers), "lv4shi1");
        assert_eq!(format_word("lü4 shi1", Style::Marks), "lǜshī");
        assert_eq!(format_word("de5", Style::Marks), "de");
        assert_eq!(format_word("TikTok nan4 min2", Style::Marks), "TikTok nànmín");
        assert_eq!(format_word("gou3 lou2", Style::Marks), "gǒulóu");
        assert_eq!(format_word("liu2", Style::Marks), "liú");
        assert_eq!(format_word("gui4", Style::Marks), "guì");
        assert_eq!(format_word("Mao2 Ze2 dong1", Style::Marks), "Máo Zédōng");
        assert_eq!(format_word("Bei3 jing1", Style::Zhuyin), "ㄅㄟˇㄐㄧㄥ");
        assert_eq!(format_word("yin2 hang2", Style::Zhuyin), "ㄧㄣˊㄏㄤˊ");
    }

    #[test]
    fn marks_to_numbers() {
        assert_eq!(numbered_from_marks("Xiǎo"), "Xiao3");
        assert_eq!(numbered_from_marks("lǜ"), "lü4");
        assert_eq!(numbered_from_marks("de"), "de5");
        assert_eq!(numbered_from_marks("hong2"), "hong2");
    }
}
