//! People's names read as names: the surname as a surname (单田芳 Shàn Tiánfāng, not dān; 曾
//! Zēng), capitalised, and the given name capitalised, the same way wherever the name stands.
//! A name CC-CEDICT knows has its own reading (邓小平 Dèng Xiǎopíng); a name the segmenter
//! kept whole because jieba's tagger found it is read as a name among the word readings
//! ([`super::pinyin`]); and here, a surname standing before a title (单先生, 曾老师), after 姓
//! or after 老 and 小 (老张, 小王) is read as a surname.

use crate::dict::cedict::Dictionary;
use crate::dict::surnames;
use crate::readings::pinyin::surname_reading;
use crate::readings::reads::Reads;

/// Reads a single surname as a surname where the words around it say it is one, and returns
/// the indices of the tokens whose reading changed: before a title (单先生 Shàn xiānsheng),
/// after 姓 (他姓陈 xìng Chén), and after 老 or 小 as a form of address (老张 Lǎo Zhāng, 小王
/// Xiǎo Wáng, both capitalised), unless a numeral or demonstrative makes 小 small and the
/// surname a classifier (一小张纸).
pub fn apply<T: Reads>(tokens: &mut [T]) -> Vec<usize> {
    let dict = Dictionary::builtin();
    let mut changed = Vec::new();
    for t in 0..tokens.len() {
        // Most tokens stop at the first tests: a surname is one or two characters, and the
        // word before or after must be one of a few.
        let text = tokens[t].text();
        if text.len() > 6 || !text.chars().next().is_some_and(surnames::may_begin) {
            continue;
        }
        let before = t.checked_sub(1).map(|i| tokens[i].text());
        let next = tokens.get(t + 1).map(Reads::text);
        let title_next = next.is_some_and(|n| n.chars().next().is_some_and(surnames::is_title_start));
        if !(title_next || matches!(before, Some("老" | "小" | "姓"))) {
            continue;
        }
        if surnames::surname_len(text) != Some(text.len()) || tokens[t].reading_given() {
            continue;
        }
        let titled = title_next && next.and_then(surnames::title).is_some();
        let prefix = match before {
            Some("老") => Some("Lao3"),
            Some("小") => Some("Xiao3"),
            _ => None,
        };
        let address = prefix.is_some()
            && text.chars().nth(1).is_none()
            && !t.checked_sub(2).is_some_and(|i| is_counting(tokens[i].text()));
        if !(titled || address || before == Some("姓")) {
            continue;
        }
        if let Some(reading) = surname_reading(&dict, text)
            && tokens[t].reading() != Some(reading.as_str())
        {
            tokens[t].set_reading(reading);
            changed.push(t);
        }
        if let Some(prefix) = prefix.filter(|_| address && !tokens[t - 1].reading_given())
            && tokens[t - 1].reading() != Some(prefix)
        {
            tokens[t - 1].set_reading(prefix.to_string());
            changed.push(t - 1);
        }
    }
    changed
}

/// A word that counts what follows it, so that 小 after it means small (一小张, 这小块).
fn is_counting(word: &str) -> bool {
    word.chars().last().is_some_and(|c| "一二三四五六七八九十两几百千万半数这那哪每某".contains(c))
}

#[cfg(test)]
mod tests {
    use crate::dict::glossary::Glossary;
    use crate::transcribe::line::line_words;

    #[test]
    fn surnames_before_titles() {
        let glossary = Glossary::default();
        let mut words = line_words("单先生和曾老师来了。", &glossary);
        super::apply(&mut words);
        let readings: Vec<_> = words.iter().filter_map(|w| w.reading.as_str()).collect();
        assert_eq!(readings[..4], ["Shan4", "xian1 sheng5", "he2", "Zeng1"]);
    }

    #[test]
    fn surnames_as_forms_of_address() {
        let glossary = Glossary::default();
        let read = |line: &str| {
            let mut words = line_words(line, &glossary);
            super::apply(&mut words);
            words.iter().filter_map(|w| w.reading.as_str().map(str::to_string)).collect::<Vec<_>>().join(" ")
        };
        assert_eq!(read("我问了老张。"), "wo3 wen4 le5 Lao3 Zhang1");
        assert_eq!(read("他姓陈。"), "ta1 xing4 Chen2");
        assert_eq!(read("一小张纸"), "yi1 xiao3 zhang1 zhi3");
    }
}
