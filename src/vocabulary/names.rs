//! Finding people's names, which study sheets and decks leave out: CC-CEDICT proper nouns whose
//! senses describe a person, words of a common surname and one or two characters, and words
//! jieba's part-of-speech tagger tags as names.

use crate::dict::cedict::Dictionary;
use crate::dict::surnames;
use crate::text::is_han;
use crate::text::simplify::{Offsets, to_simplified};

/// A person's name: a CC-CEDICT proper noun whose senses describe a person (a surname, dates
/// of birth and death, a profession), or a word CC-CEDICT lacks made of a common surname and
/// one or two more characters.
pub(super) fn is_person_name(text: &str, reading: Option<&str>, dict: &Dictionary) -> bool {
    let readings = dict.lookup(text);
    if !readings.is_empty() {
        let chosen =
            reading.and_then(|r| readings.iter().find(|d| d.pinyin.eq_ignore_ascii_case(r))).unwrap_or(&readings[0]);
        let proper = chosen.pinyin.starts_with(|c: char| c.is_uppercase());
        // A proper noun that is only ever a person (every reading capitalised).
        return proper
            && text.chars().count() >= 2
            && readings.iter().all(|d| d.pinyin.starts_with(|c: char| c.is_uppercase()))
            && describes_person(chosen.senses);
    }
    surnames::may_be_name(&to_simplified(text))
}

/// Byte ranges of `text` that name people: words jieba's part-of-speech tagger
/// ([`crate::segment::tagger`]: its dictionary, or its HMM for words it does not know) tags
/// as personal names (`nr`, `nrfg`, `nrt`), unless CC-CEDICT has the word as an ordinary
/// (lower-case) word or it is one of the ordinary words the tagger takes for names
/// ([`crate::segment::tagged_as_name_wrongly`]). Catches names the segmenter later
/// split into dictionary words (张伟 = 张 + 伟).
pub(super) fn person_names(text: &str, dict: &Dictionary) -> Vec<(usize, usize)> {
    if !text.chars().any(is_han) {
        return Vec::new();
    }
    let mut names = Vec::new();
    // Tagged in Simplified characters (the tagger's), placed in the text as written.
    let simplified = to_simplified(text);
    let mut offsets = Offsets::of(text, &simplified);
    crate::segment::tagger::tag(&simplified, |t| {
        if matches!(t.tag, "nr" | "nrfg" | "nrt")
            && t.word.chars().all(is_han)
            && !crate::segment::tagged_as_name_wrongly(t.word, crate::dict::lexicon::id(t.word))
        {
            let readings = dict.lookup(t.word);
            if readings.is_empty() || readings.iter().all(|d| d.pinyin.starts_with(|c: char| c.is_uppercase())) {
                names.push((offsets.to_original(t.start), offsets.to_original(t.start + t.word.len())));
            }
        }
    });
    names
}

/// True when CC-CEDICT senses describe a person.
fn describes_person(senses: &str) -> bool {
    let lower = senses.to_lowercase();
    // "(1893–1976)", "(551-479 BC)", "(c. 1000)".
    let chars: Vec<char> = senses.chars().collect();
    let life_dates = (3..=4).any(|digits| {
        chars.windows(digits + 2).any(|w| {
            w[0] == '('
                && w[1..=digits].iter().all(char::is_ascii_digit)
                && matches!(w[digits + 1], '-' | '–' | '—' | ')' | ' ')
        })
    }) || senses.contains("(c. ");
    const PEOPLE: [&str; 18] = [
        "surname",
        "personal name",
        "given name",
        "politician",
        "writer",
        "poet",
        "novelist",
        "emperor",
        "philosopher",
        "painter",
        "singer",
        "actor",
        "actress",
        "general of",
        "statesman",
        "president of",
        "chairman",
        "dissident",
    ];
    // Events and eras carry dates too.
    const NOT_PEOPLE: [&str; 10] =
        ["war", "revolution", "dynasty", "period", "incident", "movement", "uprising", "treaty", "battle", "era"];
    let event = NOT_PEOPLE.iter().any(|w| lower.split(|c: char| !c.is_alphabetic()).any(|word| word == *w));
    (life_dates && !event) || PEOPLE.iter().any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_segmenter_split_are_found() {
        let dict = Dictionary::builtin();
        let text = "我的朋友张伟说，互联网很好。";
        let names = person_names(text, &dict);
        assert!(names.iter().any(|&(s, e)| &text[s..e] == "张伟"), "{names:?}");
        assert!(names.iter().all(|&(s, e)| !text[s..e].contains("互联网")));
    }

    #[test]
    fn people_and_not_events() {
        let dict = Dictionary::builtin();
        assert!(is_person_name("毛泽东", Some("Mao2 Ze2 dong1"), &dict));
        assert!(is_person_name("张伟", None, &dict));
        assert!(!is_person_name("银行", Some("yin2 hang2"), &dict));
        assert!(describes_person("Mao Zedong (1893-1976), Chinese communist leader"));
        assert!(!describes_person("Sino-Japanese War (1937-1945)"));
    }
}
