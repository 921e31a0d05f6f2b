//! Segmentation: paragraphs into sentences, sentences into words (jieba's algorithm over a
//! compiled dictionary, [`dag`], with its HMM for unknown words, [`hmm`]). Glossary terms are
//! cut out first, so each is one token even where jieba would split it. [`tagger`] gives
//! words jieba's part-of-speech tags.

pub mod dag;
pub mod hmm;
pub mod names;
pub mod tagger;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::dict::cedict::Dictionary;
use crate::dict::glossary::{Glossary, GlossaryEntry};
use crate::dict::lexicon::{self, WordId};
use crate::dict::surnames;
use crate::document::{Document, GlossaryMatch, Sentence, Token};
use crate::text::is_han;
use crate::text::simplify::{Pieces, to_simplified};

/// Characters that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '…' | '!' | '?' | '｡')
}

/// Characters that close a quotation or bracket and stay with the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | '》' | '】' | '〉' | ')' | ']' | '"' | '\'' | '〕' | '｣')
}

/// Splits `text` into sentences that concatenate back to it exactly: after 。！？；… and their
/// closing quotes and brackets, and after `.!?` ending a Latin sentence. Trailing white space
/// stays with the sentence before it.
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences { text, start: 0 }
}

/// The sentences of a text, in order ([`sentences`]).
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    /// Where the next sentence starts.
    start: usize,
}

/// The bytes a sentence can end at: `.!?` and the first bytes of the UTF-8 forms of the other
/// terminators (E2 …, E3 。, EF ！？；｡). Any other byte is skipped without decoding it.
const MAY_END: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = matches!(i as u8, b'.' | b'!' | b'?' | 0xE2 | 0xE3 | 0xEF);
        i += 1;
    }
    table
};

impl<'a> Iterator for Sentences<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        let start = self.start;
        if start >= text.len() {
            return None;
        }
        let mut at = start;
        while let Some(skip) = text.as_bytes()[at..].iter().position(|&b| MAY_END[usize::from(b)]) {
            // The byte is ASCII or a lead byte: a character starts there.
            let i = at + skip;
            let c = text[i..].chars().next()?;
            at = i + c.len_utf8();
            if !ends_sentence(text, i, c) {
                continue;
            }
            // Further stops, closing marks and trailing white space stay with the sentence.
            let closed = text[at..].trim_start_matches(|c: char| is_terminator(c) || c == '.' || is_closer(c));
            let end = text.len() - closed.trim_start_matches(char::is_whitespace).len();
            self.start = end;
            return Some(&text[start..end]);
        }
        self.start = text.len();
        Some(&text[start..])
    }
}

/// True when the character `c` at byte `i` of `text` ends a sentence.
fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    if is_terminator(c) {
        return !(matches!(c, '!' | '?' | '…') && runs_on(&text[i + c.len_utf8()..]));
    }
    if c != '.' || is_abbreviation(&text[..i]) {
        return false;
    }
    // A Latin full stop: after a letter or closer, followed by space and then a new sentence
    // (not 3.5, not example.com). Closing quotes and brackets may stand between the stop and
    // the space.
    let before = text[..i].chars().next_back();
    let rest = text[i + 1..].chars().skip_while(|&c| is_closer(c));
    let after = rest.clone().next();
    // Opening quotes and brackets may stand before the next sentence's first word.
    let next_word =
        rest.clone().find(|&c| !c.is_whitespace() && !matches!(c, '\'' | '"' | '“' | '‘' | '(' | '「' | '『'));
    before.is_some_and(|b| b.is_alphabetic() || is_closer(b))
        && after.is_none_or(char::is_whitespace)
        && next_word.is_none_or(|n| n.is_uppercase() || !n.is_ascii())
}

/// Verbs of a speech tag after a quotation ("'Who cares?' Crimson said.").
const SPEECH_VERBS: [&str; 24] = [
    "said",
    "asked",
    "cried",
    "replied",
    "shouted",
    "whispered",
    "answered",
    "exclaimed",
    "called",
    "yelled",
    "added",
    "continued",
    "muttered",
    "screamed",
    "demanded",
    "snapped",
    "laughed",
    "says",
    "asks",
    "cries",
    "replies",
    "shouts",
    "whispers",
    "roared",
];

/// True when the text after a `!`, `?` or `…` continues its sentence: a lower-case Latin word
/// follows (a speech tag, "'Who cares?' said Crimson.", or a sentence going on), or a closing
/// quotation and then a name and a speech verb ("'Who?' Crimson asked."). Chinese text never
/// runs on this way: what follows a Chinese stop is not Latin.
fn runs_on(after: &str) -> bool {
    let rest = after.trim_start_matches(|c: char| is_terminator(c) || c == '.' || is_closer(c));
    let quoted = rest.len() < after.len();
    let mut words = rest.split_whitespace();
    let Some(first) = words.next() else { return false };
    if first.starts_with(|c: char| c.is_ascii_lowercase()) {
        return true;
    }
    quoted
        && first.starts_with(|c: char| c.is_ascii_uppercase())
        && words.take(2).any(|w| SPEECH_VERBS.contains(&w.trim_end_matches([',', '.', ';', ':', '!', '?'])))
}

/// Titles whose full stop ends no sentence.
const TITLES: [&str; 16] =
    ["Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Gen", "Col", "Capt", "Lt", "Sgt", "Rev", "Jr", "Sr", "Mt", "vs"];

/// True when the text before a full stop ends in an abbreviation: a title (Mr., Dr.), an
/// initial (J. K. Rowling) or a dotted abbreviation (U.S., e.g.).
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| !(c.is_ascii_alphabetic() || c == '.')).next().unwrap_or("");
    TITLES.contains(&word)
        || (word.len() == 1 && word.starts_with(|c: char| c.is_ascii_uppercase()))
        || word.contains('.')
}

/// A word of a sentence, with the glossary entry it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'t, 'g> {
    /// The word's text, a slice of the sentence.
    pub text: &'t str,
    /// The glossary entry, when the word is a glossary term.
    pub entry: Option<&'g GlossaryEntry>,
    /// The word's lexicon id, when the lexicon has it (glossary terms have none).
    pub id: Option<WordId>,
}

impl Word<'_, '_> {
    /// The word as a token: its text, its glossary entry, and the reading the glossary or the
    /// user's reading list gives it (which context rules then leave alone).
    pub fn token(&self) -> Token {
        let Some(entry) = self.entry else {
            return Token { text: self.text.to_string(), ..Token::default() };
        };
        Token {
            text: self.text.to_string(),
            reading: entry.reading.clone(),
            reading_given: entry.reading.is_some(),
            // A reading-only entry (from --pinyin-dict) is no term for translators.
            glossary: (!entry.is_reading_only()).then(|| GlossaryMatch {
                english: entry.english.clone(),
                note: entry.note.clone(),
                reading: entry.reading.clone(),
            }),
            ..Token::default()
        }
    }
}

/// Splits a sentence into words: glossary terms first (longest-first), jieba for the rest.
/// The words concatenate back to `sentence` exactly. Traditional text is cut as its Simplified
/// form (the dictionaries' words, [`to_simplified`]) into pieces of the text as written.
pub fn words<'t, 'g>(sentence: &'t str, glossary: &'g Glossary) -> Vec<Word<'t, 'g>> {
    // About one word per two characters of three bytes.
    let mut out = Vec::with_capacity(sentence.len() / 4 + 1);
    for_each_word_as_written(sentence, glossary, |word| out.push(word));
    out
}

/// Calls `f` with each word of `text`, in either script, as [`words`] cuts them.
pub(crate) fn for_each_word_as_written<'t, 'g>(text: &'t str, glossary: &'g Glossary, mut f: impl FnMut(Word<'t, 'g>)) {
    match to_simplified(text) {
        Cow::Borrowed(_) => for_each_word(text, glossary, f),
        Cow::Owned(simplified) => {
            let mut pieces = Pieces::of(text);
            for_each_word(&simplified, glossary, |word| {
                f(Word { text: pieces.next_like(word.text), entry: word.entry, id: word.id })
            });
        }
    }
}

/// Calls `f` with each word of a sentence in Simplified characters, in order: glossary terms
/// first, then jieba's words.
pub(crate) fn for_each_word<'t, 'g>(sentence: &'t str, glossary: &'g Glossary, mut f: impl FnMut(Word<'t, 'g>)) {
    let mut at = 0;
    for m in glossary.find_all_simplified(sentence) {
        cut(&sentence[at..m.start], &mut f);
        f(Word { text: &sentence[m.start..m.end], entry: Some(m.entry), id: None });
        at = m.end;
    }
    cut(&sentence[at..], &mut f);
}

/// Cuts text without glossary terms into words, compounds CC-CEDICT lacks split (but not
/// people's names).
fn cut<'t, 'g>(text: &'t str, f: &mut impl FnMut(Word<'t, 'g>)) {
    if text.is_empty() {
        return;
    }
    let dict = Dictionary::builtin();
    dag::cut(text, |word, id| {
        let mut part = |text, id| f(Word { text, entry: None, id });
        if id.is_some_and(|id| dict.has(id)) {
            part(word, id);
            return;
        }
        // A person's name stays whole (张伟, 李欧梵): its parts are no words of their own.
        let name_like = surnames::may_be_name(word);
        if name_like && let Some(at) = light_word_after_surname(word) {
            cut_in_two(word, at, &mut part);
            return;
        }
        if name_like && !shaped_like_no_name(word) && is_person_name(word, id) {
            match verb_after_name(word) {
                Some(at) => cut_in_two(word, at, &mut part),
                None => part(word, id),
            }
        } else if !split_compound(word, &dict, &mut part) {
            part(word, id);
        }
    });
}

/// A word CC-CEDICT lacks that is a person's name: a surname and one to three more characters
/// (the caller has checked surnames::may_be_name) that jieba's tagger tags as a name, unless
/// it is one of the ordinary words jieba's dictionary tags so ([`tagged_as_name_wrongly`]).
fn is_person_name(word: &str, id: Option<WordId>) -> bool {
    let tagged = |word: &str| matches!(tagger::word_tag(word, id), "nr" | "nrfg" | "nrt");
    if id.is_some() {
        return !tagged_as_name_wrongly(word, id) && tagged(word);
    }
    // The tagger's model runs for a word it does not know; a text names the same people again
    // and again, so this thread remembers the last words it asked about.
    thread_local! {
        static RECENT: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, bool>> = Default::default();
    }
    RECENT.with_borrow_mut(|recent| {
        if let Some(&known) = recent.get(word) {
            return known;
        }
        if recent.len() >= 1024 {
            recent.clear();
        }
        let name = tagged(word);
        recent.insert(word.into(), name);
        name
    })
}

/// Whether `word`, a word of jieba's dictionary (it has an `id`) that CC-CEDICT lacks, is an
/// ordinary word, whatever jieba's tagger says: a word of two characters (nearly all of those
/// it tags as names are ordinary words, 钟声, 金光, 高悬, 苏军, 于今, and the two-character
/// names a reader meets are in CC-CEDICT, 李白, or unknown to jieba's dictionary, 张伟), or
/// of three opening with a common word (严重者, 陈列馆, 解释权, 谢谢您).
pub(crate) fn tagged_as_name_wrongly(word: &str, id: Option<WordId>) -> bool {
    if id.is_none() {
        return false;
    }
    let mut ends = word.char_indices().map(|(i, _)| i).skip(2);
    match (ends.next(), ends.next()) {
        (None, _) => true,
        (Some(third), None) => {
            Dictionary::builtin().best(&word[..third]).is_some_and(|d| d.pinyin.starts_with(|c: char| c.is_lowercase()))
        }
        _ => false,
    }
}

/// Words jieba's tagger takes for names that are shaped like none: two surnames and the word
/// that links them (陈和李), a surname said twice (郭郭), a surname before 二人 or 两人 "the
/// two" (黄二人), and a single surname with three more characters, which is a saying far more
/// often than a name (江山易改, 胡里胡涂), unless the last is a verb after a name (朱之文去,
/// [`verb_after_name`]); compound surnames (欧阳小明) make names.
fn shaped_like_no_name(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let single = |c: char| {
        let mut buf = [0u8; 4];
        surnames::surname_len(c.encode_utf8(&mut buf)) == Some(c.len_utf8())
    };
    let single_surname = surnames::surname_len(word) == Some(chars[0].len_utf8());
    match chars[..] {
        [a, b] => a == b,
        [a, link, b] => {
            ("和与跟同及".contains(link) && single(a) && single(b)) || word.ends_with("二人") || word.ends_with("两人")
        }
        [_, _, _, last] => single_surname && !AFTER_NAMES.contains(last),
        _ => false,
    }
}

/// Where a word that looks like a name (surnames::may_be_name) is not one because what follows
/// the surname is a dictionary word with a neutral tone (盖 + 房子 fángzi), not a title: a given
/// name has none, so the word is a verb and its object or the like. The byte offset of the split.
fn light_word_after_surname(word: &str) -> Option<usize> {
    let split = surnames::surname_len(word)?;
    // A title names a person, neutral tone or not (刘先生 Liú Xiānsheng).
    if surnames::title(&word[split..]).is_some() {
        return None;
    }
    let pinyin = lexicon::id(&word[split..]).and_then(|id| Dictionary::builtin().best_pinyin_of(id))?;
    pinyin.split(' ').any(|syllable| syllable.ends_with('5')).then_some(split)
}

/// Gives `part` the two words `word` is cut into at byte `at`, each with its lexicon id.
fn cut_in_two<'t>(word: &'t str, at: usize, part: &mut impl FnMut(&'t str, Option<WordId>)) {
    let (first, rest) = word.split_at(at);
    part(first, lexicon::id(first));
    part(rest, lexicon::id(rest));
}

/// Characters that end no given name but often follow one: a verb of saying or moving, or a
/// function word (张伟来了, 刘华去北京, 韦小宝道).
const AFTER_NAMES: &str = "说道问叫喊笑想来去走到是在把被给对向从跟也都就又还要会看的了里死乎";

/// Where the verb or function word a name jieba's tagger took with it begins (张伟来 = 张伟 +
/// 来, 陈来 = 陈 + 来, 朱之文去 = 朱之文 + 去): a surname of one character and one to three
/// more, the last of them one that ends no given name.
fn verb_after_name(name: &str) -> Option<usize> {
    let first = name.chars().next()?;
    let (last, c) = name.char_indices().last()?;
    let count = name.chars().count();
    ((2..=4).contains(&count) && surnames::surname_len(name) == Some(first.len_utf8()) && AFTER_NAMES.contains(c))
        .then_some(last)
}

/// A Chinese word jieba joined (often by its HMM) that CC-CEDICT lacks is split into the
/// longest CC-CEDICT words it is made of, of at most 8 characters, down to single characters
/// (银行行长 = 银行 + 行长, 我用 = 我 + 用), so every token has a dictionary reading and gloss.
/// Calls `part` with each part and its lexicon id; false when the word is not split.
fn split_compound<'t>(word: &'t str, dict: &Dictionary, mut part: impl FnMut(&'t str, Option<WordId>)) -> bool {
    // The caller knows from the word's lexicon id that it is not a headword.
    if word.chars().nth(1).is_none() || !word.chars().all(is_han) {
        return false;
    }
    let mut at = 0;
    while let Some(first) = word[at..].chars().next() {
        // The longest headword starting here, else the character alone.
        let mut best = (first.len_utf8(), None);
        lexicon::for_each_prefix_of(&word[at..], |entry, prefix| {
            if prefix.len() == first.len_utf8() {
                best.1 = Some(entry.id);
            } else if dict.has(entry.id) && prefix.chars().nth(8).is_none() {
                best = (prefix.len(), Some(entry.id));
            }
        });
        part(&word[at..at + best.0], best.1);
        at += best.0;
    }
    true
}

/// Fills every paragraph's sentences and tokens (texts and glossary matches), paragraphs on
/// all cores; then joins the names the document shows jieba cut apart ([`names`]).
pub fn segment(doc: &mut Document, glossary: &Glossary) {
    doc.paragraphs.par_iter_mut().for_each(|paragraph| {
        paragraph.sentences.clear();
        paragraph.tokens.clear();
        for sentence in sentences(&paragraph.zh) {
            paragraph.sentences.push(Sentence { zh: sentence.to_string(), en: None, reviewed: false });
            for_each_word_as_written(sentence, glossary, |word| paragraph.tokens.push(word.token()));
        }
    });
    names::join_names(doc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_boundaries() {
        let text = "他说：“我来了。”然后走了！真的吗？是的……好吧；Hello world. Next one 3.5 ok";
        let s: Vec<&str> = sentences(text).collect();
        assert_eq!(
            s,
            ["他说：“我来了。”", "然后走了！", "真的吗？", "是的……", "好吧；", "Hello world. ", "Next one 3.5 ok"]
        );
        assert_eq!(s.concat(), text);
    }

    #[test]
    fn english_quotations_keep_their_speech_tags() {
        fn split(t: &str) -> Vec<&str> {
            sentences(t).collect()
        }
        assert_eq!(
            split("'Who cares?' said Crimson. 'Not I!' she cried."),
            ["'Who cares?' said Crimson. ", "'Not I!' she cried."]
        );
        assert_eq!(split("“Who?” Crimson asked. He left."), ["“Who?” Crimson asked. ", "He left."]);
        assert_eq!(split("'Who?' Then he left."), ["'Who?' ", "Then he left."]);
        assert_eq!(
            split("Mr. Wang met Dr. Li in the U.S. in May. J. K. Rowling wrote it."),
            ["Mr. Wang met Dr. Li in the U.S. in May. ", "J. K. Rowling wrote it."]
        );
        assert_eq!(split("Well… maybe not. Wait... What?"), ["Well… maybe not. ", "Wait... What?"]);
        // Chinese quotations end where they did.
        assert_eq!(split("「你好！」他說。『走吧。』"), ["「你好！」", "他說。", "『走吧。』"]);
        assert_eq!(split("“你好？”他说。"), ["“你好？”", "他说。"]);
    }

    #[test]
    fn latin_stops_before_closing_quotes() {
        assert_eq!(
            sentences("He called it “traffic.” Reactions were mixed.").collect::<Vec<_>>(),
            ["He called it “traffic.” ", "Reactions were mixed."]
        );
    }

    #[test]
    fn glossary_terms_are_single_words() {
        let g =
            crate::dict::glossary::check("行为艺术\txíng wéi yì shù\tperformance art\t\n", std::path::Path::new("g"))
                .unwrap();
        let w = words("这是一次大规模的行为艺术。", &g);
        assert!(w.iter().any(|w| w.text == "行为艺术" && w.entry.is_some()));
        assert_eq!(w.iter().map(|w| w.text).collect::<String>(), "这是一次大规模的行为艺术。");
    }

    #[test]
    fn unknown_compounds_split_into_known_words() {
        let w: Vec<&str> = words("银行行长说了算", &Glossary::default()).iter().map(|w| w.text).collect();
        assert_eq!(w, ["银行", "行长", "说了算"]);
    }
}
