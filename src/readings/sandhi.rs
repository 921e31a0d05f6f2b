//! Tone sandhi of 一 and 不 as textbooks print it (`--pinyin-sandhi`): 不 before a fourth tone
//! is read bú (bú shì); 一 is read yí before a fourth tone (yí gè) and yì before the other tones
//! (yì tiān), but stays yī alone, at the end of a phrase, in ordinals (第一) and in numbers
//! (一九九一, 十一). A following neutral tone counts as the character's own tone (一个 yí ge).
//! Dictionaries and the `pinyin --per-char` output keep the citation tones; this is display only.

use crate::dict::cedict::Dictionary;
use crate::notation::{self, tone_of};
use crate::readings::pinyin::char_reading;
use crate::readings::reads::Reads;
use crate::text::is_han;

/// Digits and numerals after which 一 is part of a number, and before which it is a digit.
const NUMERALS: &str = "零〇一二三四五六七八九十两0123456789";

/// One Han character of a run of tokens with its syllable.
struct Syllable {
    token: usize,
    /// Index among the token's reading pieces (split on ' ').
    piece: usize,
    /// Index of the character in the run.
    at: usize,
    ch: char,
}

/// Rewrites the readings of 一 and 不 in `tokens` (a line or a paragraph) with their tone
/// changes. Returns the indices of the tokens whose reading changed, in order.
pub fn apply<T: Reads>(tokens: &mut [T], dict: &Dictionary) -> Vec<usize> {
    let (chars, syllables) = syllables(tokens);
    let mut changes: Vec<(usize, usize, &str)> = Vec::new();
    for (k, s) in syllables.iter().enumerate() {
        let current = piece(tokens, s);
        let next = syllables.get(k + 1).filter(|n| n.at == s.at + 1);
        let Some(next) = next else { continue };
        let next_tone = match tone_of(piece(tokens, next)) {
            // A neutral tone counts as the character's own (个 in 一个).
            Some(5) => char_reading(dict, next.ch).and_then(|r| tone_of(&r)),
            tone => tone,
        };
        let Some(next_tone) = next_tone else { continue };
        let changed = match (s.ch, current) {
            ('不', "bu4") if next_tone == 4 => "bu2",
            ('一', "yi1") => {
                let before = s.at.checked_sub(1).map(|i| chars[i]);
                let ordinal_or_number =
                    before.is_some_and(|b| b == '第' || NUMERALS.contains(b)) || NUMERALS.contains(next.ch);
                // 看一看: the 一 between a repeated verb is light, not changed.
                let repeated_verb = before.is_some_and(|b| b == next.ch);
                if ordinal_or_number || repeated_verb {
                    continue;
                }
                if next_tone == 4 { "yi2" } else { "yi4" }
            }
            _ => continue,
        };
        changes.push((s.token, s.piece, changed));
    }
    let mut touched = Vec::new();
    for (t, index, new) in changes {
        let Some(reading) = tokens[t].reading() else { continue };
        let mut pieces: Vec<&str> = notation::syllables(reading).collect();
        pieces[index] = new;
        let reading = pieces.join(" ");
        tokens[t].set_reading(reading);
        if touched.last() != Some(&t) {
            touched.push(t);
        }
    }
    touched
}

fn piece<'t, T: Reads>(tokens: &'t [T], s: &Syllable) -> &'t str {
    tokens[s.token].reading().and_then(|r| notation::syllables(r).nth(s.piece)).unwrap_or("")
}

/// The characters of the run and its Han characters whose syllable is known (where the token's
/// reading has one syllable per Han character).
fn syllables<T: Reads>(tokens: &[T]) -> (Vec<char>, Vec<Syllable>) {
    let mut chars = Vec::new();
    let mut out = Vec::new();
    for (t, token) in tokens.iter().enumerate() {
        let reading = token.reading().unwrap_or("");
        let mut pieces = notation::syllables(reading).enumerate().filter(|(_, p)| tone_of(p).is_some()).map(|(i, _)| i);
        let han = token.text().chars().filter(|&c| is_han(c)).count();
        let aligned = pieces.clone().count() == han;
        for c in token.text().chars() {
            if is_han(c)
                && aligned
                && let Some(piece) = pieces.next()
            {
                out.push(Syllable { token: t, piece, at: chars.len(), ch: c });
            }
            chars.push(c);
        }
    }
    (chars, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Token;

    fn read(words: &[(&str, &str)]) -> String {
        let mut tokens: Vec<Token> = words
            .iter()
            .map(|(t, r)| Token {
                text: t.to_string(),
                reading: (!r.is_empty()).then(|| r.to_string()),
                ..Token::default()
            })
            .collect();
        apply(&mut tokens, &Dictionary::builtin());
        tokens.iter().filter_map(|t| t.reading.clone()).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn bu_before_fourth_tone() {
        assert_eq!(read(&[("不", "bu4"), ("是", "shi4")]), "bu2 | shi4");
        assert_eq!(read(&[("不错", "bu4 cuo4")]), "bu2 cuo4");
        assert_eq!(read(&[("不", "bu4"), ("好", "hao3")]), "bu4 | hao3");
        assert_eq!(read(&[("对不起", "dui4 bu5 qi3")]), "dui4 bu5 qi3");
        assert_eq!(read(&[("不", "bu4"), ("。", "")]), "bu4");
    }

    #[test]
    fn yi_by_the_next_tone() {
        assert_eq!(read(&[("一定", "yi1 ding4")]), "yi2 ding4");
        assert_eq!(read(&[("一", "yi1"), ("天", "tian1")]), "yi4 | tian1");
        assert_eq!(read(&[("一", "yi1"), ("年", "nian2")]), "yi4 | nian2");
        assert_eq!(read(&[("一个", "yi1 ge5")]), "yi2 ge5");
        assert_eq!(read(&[("一百", "yi1 bai3")]), "yi4 bai3");
    }

    #[test]
    fn yi_unchanged_in_numbers_ordinals_and_at_the_end() {
        assert_eq!(read(&[("第一", "di4 yi1"), ("天", "tian1")]), "di4 yi1 | tian1");
        assert_eq!(read(&[("一九九一", "yi1 jiu3 jiu3 yi1"), ("年", "nian2")]), "yi1 jiu3 jiu3 yi1 | nian2");
        assert_eq!(read(&[("十一", "shi2 yi1"), ("月", "yue4")]), "shi2 yi1 | yue4");
        assert_eq!(read(&[("统一", "tong3 yi1"), ("。", "")]), "tong3 yi1");
        assert_eq!(read(&[("看", "kan4"), ("一", "yi1"), ("看", "kan4")]), "kan4 | yi1 | kan4");
    }
}
