//! Part-of-speech tags as jieba gives them (jieba-rs `Jieba::tag(text, true)`, tag for tag),
//! over the words [`super::dag::cut`] finds:
//! - a word of jieba's dictionary has the dictionary's tag;
//! - any other word with ASCII letters or digits is `m` (digits only) or `eng`;
//! - any other word with CJK characters takes the tag of the longest word that jieba's
//!   part-of-speech HMM finds in it (the last of equally long ones);
//! - anything else is `x`.
//!
//! The HMM's states pair a position in a word (begin, middle, end, single) with one of 64
//! tags. build/posseg.rs compiles the model, so nothing is parsed at run time.

use crate::dict::lexicon;
use crate::segment::dag;

include!(concat!(env!("OUT_DIR"), "/posseg_tags.rs"));

/// 256 start probabilities, then the transitions, [to][from]: f64s.
static MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/posseg_model.bin"));
/// Per character the model knows, by code point: u32 character, u32 first state, u32 count.
static CHARS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/posseg_chars.bin"));
/// Per state of a character, ascending: f64 emission, u32 state.
static STATES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/posseg_states.bin"));

const TAG_COUNT: usize = 64;
const STATE_COUNT: usize = 4 * TAG_COUNT;
/// A probability the model does not have; a path through one is no path.
const MIN_PROB: f64 = -3.14e100;
/// The positions of a state: state = position * 64 + tag.
const BEGIN: usize = 0;
const END: usize = 2;
const SINGLE: usize = 3;

/// A word and its part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tagged<'t> {
    /// The word.
    pub word: &'t str,
    /// Where it starts in the text, in bytes.
    pub start: usize,
    /// jieba's tag: `n`, `v`, `nr` (a person's name), `ns` (a place)...
    pub tag: &'static str,
}

/// Cuts `text` as [`dag::cut`] does and calls `f` with each word and its tag, in order.
pub fn tag<'t>(text: &'t str, mut f: impl FnMut(Tagged<'t>)) {
    let mut start = 0;
    dag::cut(text, |word, id| {
        // A word the HMM joined may still be one of the dictionary's.
        let id = id.or_else(|| lexicon::id(word));
        let tag = id.and_then(lexicon::dictionary_tag).unwrap_or_else(|| guess(word));
        f(Tagged { word, start, tag });
        start += word.len();
    });
}

/// The tag of one word with its lexicon id when it has one: the dictionary's, else as the HMM
/// tags a word the dictionary lacks.
pub(crate) fn word_tag(word: &str, id: Option<lexicon::WordId>) -> &'static str {
    id.and_then(lexicon::dictionary_tag).unwrap_or_else(|| guess(word))
}

/// The tag of a word jieba's dictionary lacks.
fn guess(word: &str) -> &'static str {
    let ascii = word.chars().filter(char::is_ascii_alphanumeric).count();
    if ascii > 0 {
        let digits = word.chars().filter(char::is_ascii_digit).count();
        return if digits == ascii { "m" } else { "eng" };
    }
    if word.chars().any(crate::text::is_jieba_ideograph) { longest_word_tag(word) } else { "x" }
}

/// The tag of the longest word the HMM finds in `word` (the last of equally long ones).
fn longest_word_tag(word: &str) -> &'static str {
    let mut best: Option<(usize, &'static str)> = None;
    for (start, end, tag) in hmm_words(word) {
        if best.is_none_or(|(len, _)| end - start >= len) {
            best = Some((end - start, tag));
        }
    }
    best.map_or("x", |(_, tag)| tag)
}

/// The words, as byte ranges with their tags, along the most probable path of states through
/// `text`; a text no path goes through is one word tagged `x`.
fn hmm_words(text: &str) -> Vec<(usize, usize, &'static str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let whole = || vec![(0, text.len(), "x")];
    let end_of = |t: usize| chars.get(t + 1).map_or(text.len(), |&(at, _)| at);
    let Some(&(_, first)) = chars.first() else { return Vec::new() };
    if chars.len() == 1 {
        // The best single-character state; the last of equally good ones.
        let mut best: Option<(f64, usize)> = None;
        for (state, emission) in states_of(first).filter(|&(s, _)| s / TAG_COUNT == SINGLE) {
            let prob = start_prob(state) + emission;
            if prob > MIN_PROB && best.is_none_or(|(b, _)| prob >= b) {
                best = Some((prob, state));
            }
        }
        return vec![(0, text.len(), best.map_or("x", |(_, s)| POS_TAGS[s % TAG_COUNT]))];
    }

    // The states reachable at each character, ascending, with the best path's score, and for
    // each character and state the state before it on that path.
    let mut live: Vec<(usize, f64)> = states_of(first)
        .map(|(s, emission)| (s, start_prob(s) + emission))
        .filter(|&(_, prob)| prob > MIN_PROB)
        .collect();
    let mut next: Vec<(usize, f64)> = Vec::new();
    let mut back = vec![u16::MAX; chars.len() * STATE_COUNT];
    for (t, &(_, c)) in chars.iter().enumerate().skip(1) {
        if live.is_empty() {
            return whole();
        }
        next.clear();
        for (state, emission) in states_of(c) {
            let (mut best, mut from) = (MIN_PROB, u16::MAX);
            for &(before, score) in live.iter().filter(|&&(before, _)| may_follow(before, state)) {
                let transition = transition_prob(before, state);
                if transition <= MIN_PROB {
                    continue;
                }
                let prob = score + transition + emission;
                if prob > best {
                    (best, from) = (prob, before as u16);
                }
            }
            back[t * STATE_COUNT + state] = from;
            if best > MIN_PROB {
                next.push((state, best));
            }
        }
        std::mem::swap(&mut live, &mut next);
    }
    // The path ends at a word's end or a single character; the first best of those.
    let mut last: Option<(f64, usize)> = None;
    for &(state, score) in live.iter().filter(|&&(s, _)| s / TAG_COUNT >= END) {
        if score > last.map_or(MIN_PROB, |(b, _)| b) {
            last = Some((score, state));
        }
    }
    let Some((_, mut state)) = last else { return whole() };
    let mut path = vec![0; chars.len()];
    for t in (0..chars.len()).rev() {
        path[t] = state;
        if t > 0 {
            state = usize::from(back[t * STATE_COUNT + state]);
        }
    }

    let mut words = Vec::new();
    let mut word_start = 0;
    for (t, &state) in path.iter().enumerate() {
        let tag = POS_TAGS[state % TAG_COUNT];
        match state / TAG_COUNT {
            BEGIN => word_start = chars[t].0,
            END => words.push((word_start, end_of(t), tag)),
            SINGLE => words.push((chars[t].0, end_of(t), tag)),
            _ => {}
        }
    }
    words
}

/// Whether a state at one position may come after one at another: a word begins after a
/// word ended, goes on or ends after it began or went on.
fn may_follow(before: usize, state: usize) -> bool {
    let ended = before / TAG_COUNT >= END;
    match state / TAG_COUNT {
        BEGIN | SINGLE => ended,
        _ => !ended,
    }
}

fn read_f64(blob: &[u8], at: usize) -> f64 {
    f64::from_le_bytes(blob[at..at + 8].try_into().expect("eight bytes"))
}

fn start_prob(state: usize) -> f64 {
    read_f64(MODEL, 8 * state)
}

fn transition_prob(from: usize, to: usize) -> f64 {
    read_f64(MODEL, 8 * (STATE_COUNT + to * STATE_COUNT + from))
}

/// The states character `c` may take, ascending, with their emission probabilities.
fn states_of(c: char) -> impl Iterator<Item = (usize, f64)> {
    row_of(c).map(|i| (lexicon::read_u32(STATES, 12 * i + 8) as usize, read_f64(STATES, 12 * i)))
}

/// Where the states of `c` are in `STATES` (empty for a character the model lacks).
fn row_of(c: char) -> std::ops::Range<usize> {
    let (mut low, mut high) = (0, CHARS.len() / 12);
    while low < high {
        let mid = (low + high) / 2;
        match lexicon::read_u32(CHARS, 12 * mid).cmp(&u32::from(c)) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => {
                let first = lexicon::read_u32(CHARS, 12 * mid + 4) as usize;
                return first..first + lexicon::read_u32(CHARS, 12 * mid + 8) as usize;
            }
        }
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<(&str, &'static str)> {
        let mut out = Vec::new();
        tag(text, |t| {
            assert_eq!(&text[t.start..t.start + t.word.len()], t.word);
            out.push((t.word, t.tag));
        });
        out
    }

    #[test]
    fn dictionary_tags_and_guesses() {
        assert_eq!(tags("我来到北京清华大学"), [("我", "r"), ("来到", "v"), ("北京", "ns"), ("清华大学", "nt")]);
        // Unknown words: a name the HMM finds, digits, Latin letters, punctuation.
        let tagged = tags("张尧说2025年iPhone很好。");
        assert!(tagged.contains(&("张尧", "nr")), "{tagged:?}");
        assert!(tagged.contains(&("2025", "m")) && tagged.contains(&("iPhone", "eng")), "{tagged:?}");
        assert_eq!(tags(""), []);
    }

    /// The same tags as jieba-rs, whose part-of-speech HMM is the same model.
    #[test]
    fn tags_like_jieba() {
        let jieba = jieba_rs::Jieba::new();
        for text in [
            "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
            "欧阳娜娜和司马懿、诸葛亮见了李华华与王小二。",
            "鐵路 Zürich 3.14 ×× 𠀀𠀁 饕餮饕餮饕餮",
            "芈月传里的嬴政和赵姬",
            "不管是川普还是希拉里赢，这场讨论都会有。",
        ] {
            let theirs: Vec<(&str, &str)> = jieba.tag(text, true).into_iter().map(|t| (t.word, t.tag)).collect();
            assert_eq!(tags(text), theirs, "in {text}");
        }
    }
}
