//! People's names that jieba cut apart, joined again over the whole document. A sentence alone
//! often gives the segmenter too little to see a name (陈清扬 comes out as 陈 + 清 + 扬, 李欧梵
//! as 李欧 + 梵), but a text names the same people again and again: a surname and two more
//! characters that recur together before different words, and that jieba's tagger takes for a
//! name when asked about the three together, are a name; so is a string that the segmenter kept
//! whole as a name elsewhere in the document. Joined, the name is one
//! token, read and capitalised as a name the same way everywhere.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::dict::cedict::Dictionary;
use crate::dict::lexicon;
use crate::dict::surnames;
use crate::document::{Document, Token};
use crate::text::is_han;
use crate::text::simplify::{simplified_char, to_simplified};

/// Characters that are no part of a given name but often stand beside one as words of their
/// own: function words, pronouns and the verbs that follow names (陈说, 王是).
const NOT_IN_NAMES: &str = "最更太挺再才只已的了是在和与也都就不很把被给我你他她它们这那个有没说道问叫想来去走到对向从跟又还要会看着过吗呢吧啊么得地之其而或及等";

/// How many times a name nobody tagged must recur, and before how many different characters,
/// to be taken for one.
const MIN_OCCURRENCES: usize = 3;
const MIN_FOLLOWERS: usize = 2;

/// A word as name joining sees it: a document's [`Token`] or a line's
/// [`crate::transcribe::line::LineWord`].
pub(crate) trait Piece {
    /// The word in Simplified characters.
    fn simplified(&self) -> Cow<'_, str>;
    /// Its first character's usual Simplified form: the test most words stop at.
    fn first_simplified(&self) -> Option<char>;
    /// A glossary term or a word with a given reading: never part of a name joined here.
    fn fixed(&self) -> bool;
}

impl Piece for Token {
    fn simplified(&self) -> Cow<'_, str> {
        to_simplified(&self.text)
    }
    fn first_simplified(&self) -> Option<char> {
        self.text.chars().next().map(simplified_char)
    }
    fn fixed(&self) -> bool {
        self.glossary.is_some() || self.reading_given
    }
}

/// A run of words to join into one name: a paragraph, its first word and the word after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Run {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

/// What the document says about one possible name (its Simplified characters).
#[derive(Debug, Default)]
struct Evidence {
    /// Runs of several words that spell the name.
    split: Vec<Run>,
    /// Times the segmenter kept it whole as a name.
    whole: usize,
    /// The characters after it (or `None` at the end of a paragraph), deduplicated.
    followers: Vec<Option<char>>,
}

/// Joins into one token each run of tokens that spells a person's name ([`runs`]).
pub fn join_names(doc: &mut Document) {
    let paragraphs: Vec<&[Token]> = doc.paragraphs.iter().map(|p| p.tokens.as_slice()).collect();
    let found = runs(&paragraphs);
    for run in found {
        let tokens = &mut doc.paragraphs[run.paragraph].tokens;
        let text: String = tokens[run.start..run.end].iter().map(|t| t.text.as_str()).collect();
        tokens.splice(run.start..run.end, [Token { text, ..Token::default() }]);
    }
}

/// The runs of words in `paragraphs` that spell a person's name the text names elsewhere as
/// one word, or that recur as a surname and two characters before different words
/// ([`MIN_OCCURRENCES`], [`MIN_FOLLOWERS`]) and that jieba's tagger takes for a name. In
/// order of paragraph, and from the end of each paragraph, so that joining each run in turn
/// leaves the places of those after it as they were.
pub(crate) fn runs<T: Piece>(paragraphs: &[&[T]]) -> Vec<Run> {
    let dict = Dictionary::builtin();
    // First the runs that spell a name after a bare surname, the rarer sight.
    let mut evidence: FxHashMap<String, Evidence> = FxHashMap::default();
    for_each_surname(paragraphs, |p, start, word, first, surname| {
        if surname != first.len() || word.fixed() {
            return;
        }
        let words = paragraphs[p];
        let mut name = first.to_string();
        for end in start + 2..=(start + 3).min(words.len()) {
            if !may_continue_name(&words[end - 1], &dict) {
                break;
            }
            name.push_str(&words[end - 1].simplified());
            if may_be_split_name(surname, &name, &dict) {
                let seen = evidence.entry(name.clone()).or_default();
                seen.split.push(Run { paragraph: p, start, end });
                note_follower(seen, words.get(end));
            }
        }
    });
    if evidence.is_empty() {
        return Vec::new();
    }
    // Then the same names kept whole.
    for_each_surname(paragraphs, |p, start, word, first, _| {
        if let Some(seen) = evidence.get_mut(first)
            && is_name_word(word, first, &dict)
        {
            seen.whole += 1;
            note_follower(seen, paragraphs[p].get(start + 1));
        }
    });
    let mut found: Vec<Run> = evidence
        .into_iter()
        .filter(|(name, e)| {
            let count = e.split.len() + e.whole;
            e.whole > 0
                || (count >= MIN_OCCURRENCES
                    && e.followers.len() >= MIN_FOLLOWERS
                    && super::is_person_name(name, lexicon::id(name)))
        })
        .flat_map(|(_, e)| e.split)
        .collect();
    // Longer names first where two runs overlap.
    found.sort_unstable_by_key(|r| (r.paragraph, std::cmp::Reverse(r.end - r.start), r.start));
    let mut taken: Vec<Run> = Vec::new();
    for run in found {
        // The runs taken last are this paragraph's: only they can overlap.
        let mut same_paragraph = taken.iter().rev().take_while(|t| t.paragraph == run.paragraph);
        if !same_paragraph.any(|t| t.start < run.end && run.start < t.end) {
            taken.push(run);
        }
    }
    taken.sort_unstable_by_key(|r| (r.paragraph, std::cmp::Reverse(r.start)));
    taken
}

/// Calls `f` with each word that begins with a surname: its paragraph, its index, the word,
/// its Simplified text and the surname's length in bytes.
fn for_each_surname<T: Piece>(paragraphs: &[&[T]], mut f: impl FnMut(usize, usize, &T, &str, usize)) {
    for (p, words) in paragraphs.iter().enumerate() {
        for (start, word) in words.iter().enumerate() {
            if !word.first_simplified().is_some_and(surnames::may_begin) {
                continue;
            }
            let first = word.simplified();
            if let Some(surname) = surnames::surname_len(&first) {
                f(p, start, word, &first, surname);
            }
        }
    }
}

/// Records what follows an occurrence of a name.
fn note_follower<T: Piece>(seen: &mut Evidence, next: Option<&T>) {
    let follower = next.and_then(Piece::first_simplified);
    if !seen.followers.contains(&follower) {
        seen.followers.push(follower);
    }
}

/// A word the segmenter kept whole as a person's name: a surname and more that CC-CEDICT
/// lacks (the segmenter splits any other word CC-CEDICT lacks).
fn is_name_word<T: Piece>(word: &T, simplified: &str, dict: &Dictionary) -> bool {
    !word.fixed() && surnames::may_be_name(simplified) && !is_headword(simplified, dict)
}

/// A word that may be the rest of a name cut apart: one Han character that is no function
/// word, or a piece CC-CEDICT lacks.
fn may_continue_name<T: Piece>(word: &T, dict: &Dictionary) -> bool {
    let text = word.simplified();
    if word.fixed() || !text.chars().all(is_han) {
        return false;
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => !NOT_IN_NAMES.contains(c),
        (Some(_), Some(_)) => !is_headword(&text, dict),
        _ => false,
    }
}

/// Whether `name`, spelled by a bare surname of `surname` bytes and more words, may be a
/// person's name: a given name CC-CEDICT lacks, two characters after a single surname (a
/// surname and one character recur in too many words: 万元, 石墙), one or two after a compound.
fn may_be_split_name(surname: usize, name: &str, dict: &Dictionary) -> bool {
    let given = name[surname..].chars().count();
    let long_enough = if name[..surname].chars().nth(1).is_none() { given == 2 } else { (1..=2).contains(&given) };
    long_enough && surnames::may_be_name(name) && !is_headword(name, dict)
}

/// A CC-CEDICT headword.
fn is_headword(word: &str, dict: &Dictionary) -> bool {
    lexicon::id(word).is_some_and(|id| dict.has(id))
}

#[cfg(test)]
mod tests {
    use crate::dict::glossary::Glossary;
    use crate::document::{Block, Document, Meta};

    fn words(paragraphs: &[&str]) -> Vec<Vec<String>> {
        let blocks = paragraphs.iter().map(|p| Block::text(*p)).collect();
        let mut doc = Document::new(Meta::default(), blocks);
        super::super::segment(&mut doc, &Glossary::default());
        doc.paragraphs.iter().map(|p| p.tokens.iter().map(|t| t.text.clone()).collect()).collect()
    }

    #[test]
    fn recurring_names_are_joined() {
        let out = words(&["陈清扬当时二十六岁。", "陈清扬说她不是。", "我和陈清扬在草房里。"]);
        for paragraph in &out {
            assert!(paragraph.contains(&"陈清扬".to_string()), "{out:?}");
        }
    }

    #[test]
    fn one_mention_is_not_enough() {
        let out = words(&["陈清扬当时二十六岁。"]);
        assert!(!out[0].contains(&"陈清扬".to_string()), "{out:?}");
    }
}
