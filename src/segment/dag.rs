//! Word cutting as jieba does it (jieba-rs `Jieba::cut(text, true)`, word for word), over the
//! lexicon's double-array trie ([`crate::lexicon`]): no dictionary is parsed or built at
//! start-up. Each run of Chinese and ASCII word characters is cut along the most probable
//! path through the words of jieba's dictionary (word frequencies as probabilities);
//! characters that path leaves alone are joined by jieba's HMM, which needs no dictionary.
//! Each word comes with its lexicon id, so the dictionary need not look it up again.

use std::sync::OnceLock;

use jieba_rs::Jieba;

use crate::lexicon::{self, LOG_TOTAL, WordId};

/// A jieba without a dictionary: only its HMM is used, for runs of unknown characters.
fn hmm() -> &'static Jieba {
    static HMM: OnceLock<Jieba> = OnceLock::new();
    HMM.get_or_init(Jieba::empty)
}

/// jieba with its whole dictionary and part-of-speech model, for tags (the study sheets' name
/// finder). Built on first use; it takes about 0.2 s, which segmenting alone never pays.
pub fn tagger() -> &'static Jieba {
    static TAGGER: OnceLock<Jieba> = OnceLock::new();
    TAGGER.get_or_init(Jieba::new)
}

/// True when `word` is in the segmenter's dictionary.
pub fn is_word(word: &str) -> bool {
    lexicon::id(word).and_then(lexicon::log_frequency).is_some()
}

/// The characters jieba cuts with its dictionary: CJK ideographs, ASCII letters and digits,
/// and `+#&._%-`; everything else is cut one character at a time.
fn is_word_char(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}')
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// One step of the best path: where the word starting here ends (in bytes), the log
/// probability of the rest of the run from here, and the word's lexicon id (`NO_ID`: none).
#[derive(Clone, Copy)]
struct Step {
    prob: f64,
    end: usize,
    id: WordId,
}

const NO_ID: WordId = WordId::MAX;

fn known(id: WordId) -> Option<WordId> {
    (id != NO_ID).then_some(id)
}

/// Cuts `text` into words, calling `emit` with each in order and its lexicon id when the
/// lexicon has it; the words concatenate to `text`.
pub fn cut<'t>(text: &'t str, mut emit: impl FnMut(&'t str, Option<WordId>)) {
    let mut route: Vec<Step> = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let class = is_word_char(first);
        let len = rest.find(|c: char| is_word_char(c) != class).unwrap_or(rest.len());
        let (block, tail) = rest.split_at(len);
        if class {
            cut_block(block, &mut route, &mut emit);
        } else {
            // One character at a time, CR LF together.
            let mut chars = block.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let end = if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                    i + 2
                } else {
                    i + c.len_utf8()
                };
                emit(&block[i..end], None);
            }
        }
        rest = tail;
    }
}

/// Cuts a run of word characters along its most probable path. `route` is indexed by byte
/// offset; only character boundaries are used.
fn cut_block<'t>(block: &'t str, route: &mut Vec<Step>, emit: &mut impl FnMut(&'t str, Option<WordId>)) {
    let n = block.len();
    let bytes = block.as_bytes();
    route.clear();
    route.resize(n + 1, Step { prob: 0.0, end: n, id: NO_ID });
    for (start, c) in block.char_indices().rev() {
        let single = start + c.len_utf8();
        let mut best = Step { prob: -LOG_TOTAL + route[single].prob, end: single, id: NO_ID };
        let mut found = false;
        lexicon::for_each_prefix(&bytes[start..], |id, len| {
            let end = start + len;
            let Some(log_frequency) = lexicon::log_frequency(id) else {
                // Known to the dictionary only: not a path, but the single character keeps its id.
                if end == single && !found {
                    best.id = id;
                }
                return;
            };
            let prob = log_frequency - LOG_TOTAL + route[end].prob;
            // Ties go to the longer word, as in jieba.
            if !found || prob > best.prob || (prob == best.prob && end > best.end) {
                best = Step { prob, end, id };
                found = true;
            }
        });
        route[start] = best;
    }
    let mut x = 0;
    let mut single_from: Option<usize> = None;
    while x < n {
        let step = route[x];
        let single = x + block[x..].chars().next().map_or(1, char::len_utf8);
        if step.end == single {
            single_from.get_or_insert(x);
        } else {
            if let Some(start) = single_from.take() {
                join_singles(&block[start..x], route, start, emit);
            }
            emit(&block[x..step.end], known(step.id));
        }
        x = step.end;
    }
    if let Some(start) = single_from {
        join_singles(&block[start..n], route, start, emit);
    }
}

/// A run of characters the best path left as single words (starting at byte `at` of the
/// route): one word if the dictionary has it, else cut by the HMM.
fn join_singles<'t>(run: &'t str, route: &[Step], at: usize, emit: &mut impl FnMut(&'t str, Option<WordId>)) {
    let mut chars = run.char_indices();
    chars.next();
    if chars.next().is_none() {
        emit(run, known(route[at].id));
    } else if is_word(run) {
        for (i, c) in run.char_indices() {
            emit(&run[i..i + c.len_utf8()], known(route[at + i].id));
        }
    } else {
        for token in hmm().cut(run, true) {
            let id = if token.end - token.start == 1 {
                known(route[at + token.byte_start].id)
            } else {
                lexicon::id(token.word)
            };
            emit(token.word, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        cut(text, |w, id| {
            assert_eq!(id, lexicon::id(w), "{w}");
            out.push(w)
        });
        out
    }

    #[test]
    fn cuts_like_jieba() {
        assert_eq!(words("我们中出了一个叛徒"), ["我们", "中出", "了", "一个", "叛徒"]);
        assert_eq!(words("他来到了网易杭研大厦"), ["他", "来到", "了", "网易", "杭研", "大厦"]);
        assert_eq!(words("iPhone 15\r\n很好。"), ["iPhone", " ", "15", "\r\n", "很", "好", "。"]);
        assert!(is_word("银行") && !is_word("银行行"));
    }

    #[test]
    fn words_concatenate_to_the_text() {
        let text = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造。😀 a-b_c 3.5%";
        assert_eq!(words(text).concat(), text);
    }
}
