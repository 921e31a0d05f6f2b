//! Word cutting as jieba does it (jieba-rs `Jieba::cut(text, true)`, word for word), over a
//! dictionary that build.rs compiled into an `fst` automaton: no dictionary is parsed or built at
//! start-up. Each run of Chinese and ASCII word characters is cut along the most probable
//! path through the words of the dictionary (word frequencies as probabilities); characters
//! that path leaves alone are joined by jieba's HMM, which needs no dictionary.

use std::sync::OnceLock;

use fst::raw::{Fst, Output};
use jieba_rs::Jieba;

/// The compiled dictionary: an `fst` map from each word to its frequency (build.rs).
static FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/segmenter.fst"));
include!(concat!(env!("OUT_DIR"), "/segmenter.rs"));

fn dictionary() -> &'static Fst<&'static [u8]> {
    static DICTIONARY: OnceLock<Fst<&'static [u8]>> = OnceLock::new();
    DICTIONARY.get_or_init(|| Fst::new(FST).expect("the embedded segmenter dictionary is a valid fst"))
}

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
    dictionary().get(word).is_some()
}

/// Calls `f(end, frequency)` for each dictionary word that starts at character `idx` of a block
/// (`bounds` are its character offsets), shortest first: one walk down the automaton.
#[inline]
fn words_from(bytes: &[u8], bounds: &[usize], idx: usize, mut f: impl FnMut(usize, u64)) {
    let fst = dictionary();
    let first = &bytes[bounds[idx]..bounds[idx + 1]];
    let Some((mut node, mut output)) = after_first_char(fst, first) else { return };
    for end in idx + 1..bounds.len() {
        if end > idx + 1 {
            for &b in &bytes[bounds[end - 1]..bounds[end]] {
                let Some(i) = node.find_input(b) else { return };
                let t = node.transition(i);
                output = output.cat(t.out);
                node = fst.node(t.addr);
            }
        }
        if node.is_final() {
            f(end, output.cat(node.final_output()).value());
        }
    }
}

/// The automaton's state after the bytes of one character, or `None` when no word starts with
/// it. Every walk starts with this step, so for the common ideographs it is remembered: an
/// entry of `FIRST_STEP` holds (node address + 1) << 32 | output, `u64::MAX` for no word, 0
/// for not yet known.
#[inline]
fn after_first_char<'f>(fst: &'f Fst<&'static [u8]>, char_bytes: &[u8]) -> Option<(fst::raw::Node<'f>, Output)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    const BASE: u32 = 0x4E00;
    static FIRST_STEP: [AtomicU64; 0xA000 - 0x4E00] = [const { AtomicU64::new(0) }; 0xA000 - 0x4E00];
    let walk = || {
        let mut node = fst.root();
        let mut output = Output::zero();
        for &b in char_bytes {
            let t = node.transition(node.find_input(b)?);
            output = output.cat(t.out);
            node = fst.node(t.addr);
        }
        Some((node, output))
    };
    let c = std::str::from_utf8(char_bytes).ok().and_then(|s| s.chars().next()).map_or(0, u32::from);
    let Some(slot) = c.checked_sub(BASE).and_then(|i| FIRST_STEP.get(i as usize)) else { return walk() };
    match slot.load(Ordering::Relaxed) {
        0 => {
            let found = walk();
            let packed = found.map_or(u64::MAX, |(node, out)| ((node.addr() as u64 + 1) << 32) | out.value());
            slot.store(packed, Ordering::Relaxed);
            found
        }
        u64::MAX => None,
        packed => Some((fst.node((packed >> 32) as usize - 1), Output::new(packed & 0xFFFF_FFFF))),
    }
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

/// One step of the best path: where the word starting here ends, and the log probability of
/// the rest of the run from here.
#[derive(Clone, Copy)]
struct Step {
    prob: f64,
    end: usize,
}

/// Cuts `text` into words, calling `emit` with each in order; the words concatenate to `text`.
pub fn cut<'t>(text: &'t str, mut emit: impl FnMut(&'t str)) {
    let mut bounds: Vec<usize> = Vec::new();
    let mut route: Vec<Step> = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let class = is_word_char(first);
        let len = rest.find(|c: char| is_word_char(c) != class).unwrap_or(rest.len());
        let (block, tail) = rest.split_at(len);
        if class {
            cut_block(block, &mut bounds, &mut route, &mut emit);
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
                emit(&block[i..end]);
            }
        }
        rest = tail;
    }
}

/// Cuts a run of word characters along its most probable path.
fn cut_block<'t>(block: &'t str, bounds: &mut Vec<usize>, route: &mut Vec<Step>, emit: &mut impl FnMut(&'t str)) {
    bounds.clear();
    bounds.extend(block.char_indices().map(|(i, _)| i));
    bounds.push(block.len());
    let n = bounds.len() - 1;
    let bytes = block.as_bytes();
    route.clear();
    route.resize(n + 1, Step { prob: 0.0, end: n });
    for idx in (0..n).rev() {
        let mut best: Option<Step> = None;
        words_from(bytes, bounds, idx, |end, freq| {
            let prob = (freq as f64).ln() - LOG_TOTAL + route[end].prob;
            // Ties go to the longer word, as in jieba.
            if best.is_none_or(|b| prob > b.prob || (prob == b.prob && end > b.end)) {
                best = Some(Step { prob, end });
            }
        });
        route[idx] = best.unwrap_or(Step { prob: -LOG_TOTAL + route[idx + 1].prob, end: idx + 1 });
    }
    let word = |x: usize, y: usize| &block[bounds[x]..bounds[y]];
    let mut x = 0;
    let mut single_from: Option<usize> = None;
    while x < n {
        let y = route[x].end;
        if y - x == 1 {
            single_from.get_or_insert(x);
        } else {
            if let Some(start) = single_from.take() {
                join_singles(word(start, x), emit);
            }
            emit(word(x, y));
        }
        x = y;
    }
    if let Some(start) = single_from {
        join_singles(word(start, n), emit);
    }
}

/// A run of characters the best path left as single words: one word if the dictionary has
/// it, else cut by the HMM.
fn join_singles<'t>(run: &'t str, emit: &mut impl FnMut(&'t str)) {
    let mut chars = run.char_indices();
    chars.next();
    if chars.next().is_none() {
        emit(run);
    } else if is_word(run) {
        for (i, c) in run.char_indices() {
            emit(&run[i..i + c.len_utf8()]);
        }
    } else {
        for token in hmm().cut(run, true) {
            emit(token.word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        cut(text, |w| out.push(w));
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
