//! People's names read as names: the surname as a surname (单田芳 Shàn Tiánfāng, not dān; 曾
//! Zēng), capitalised, and the given name capitalised, the same way wherever the name stands.
//! A name CC-CEDICT knows has its own reading (邓小平 Dèng Xiǎopíng); a name the segmenter
//! kept whole because jieba's tagger found it is read as a name among the word readings
//! ([`super::pinyin`]); and here, a surname standing before a title (单先生, 曾老师) is read as
//! a surname.

use crate::dict::cedict::Dictionary;
use crate::dict::surnames;
use crate::readings::pinyin::surname_reading;
use crate::readings::reads::Reads;

/// Reads a single surname before a title as a surname (单先生 Shàn xiānsheng), and returns the
/// indices of the tokens whose reading changed.
pub fn apply<T: Reads>(tokens: &mut [T]) -> Vec<usize> {
    let dict = Dictionary::builtin();
    let mut changed = Vec::new();
    for t in 0..tokens.len() {
        // Most tokens stop at the first tests: a surname is one or two characters, and the next
        // word must begin as a title does.
        let text = tokens[t].text();
        if text.len() > 6 {
            continue;
        }
        let Some(next) = tokens.get(t + 1).map(Reads::text) else { continue };
        if !next.chars().next().is_some_and(surnames::is_title_start)
            || surnames::surname_len(text) != Some(text.len())
            || surnames::title(next).is_none()
            || tokens[t].reading_given()
        {
            continue;
        }
        if let Some(reading) = surname_reading(&dict, text)
            && tokens[t].reading() != Some(reading.as_str())
        {
            tokens[t].set_reading(reading);
            changed.push(t);
        }
    }
    changed
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
}
