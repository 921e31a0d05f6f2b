//! Word cutting as jieba does it (jieba-rs `Jieba::cut(text, true)`, word for word), over the
//! lexicon's double-array trie ([`crate::dict::lexicon`]): no dictionary is parsed or built at
//! start-up. Each run of Chinese and ASCII word characters is cut along the most probable
//! path through the words of jieba's dictionary (word frequencies as probabilities);
//! characters that path leaves alone are joined by jieba's HMM ([`super::hmm`]).
//! Each word comes with its lexicon id, so the dictionary need not look it up again.

use std::cell::Cell;

use crate::dict::lexicon::{self, LOG_TOTAL, WordId};
use crate::segment::hmm;
use crate::text::is_jieba_ideograph;

/// True when `word` is in the segmenter's dictionary.
pub(crate) fn is_word(word: &str) -> bool {
    lexicon::entry(word).is_some_and(|e| e.log_frequency.is_some())
}

/// The characters jieba cuts with its dictionary: CJK ideographs, ASCII letters and digits,
/// and `+#&._%-`; everything else is cut one character at a time.
fn is_word_char(c: char) -> bool {
    is_jieba_ideograph(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// One step of the best path: where the word starting here ends (in characters), the log
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

/// How many characters ahead of the walk the lexicon is asked to prefetch: far enough for
/// memory to answer, near enough that the line is still cached when the walk comes.
const PREFETCH_DISTANCE: usize = 8;

/// A run of word characters being cut, indexed by character; the buffers are reused from
/// run to run.
#[derive(Default)]
struct Run {
    /// Each character's lexicon code.
    codes: Vec<u32>,
    /// Each character's byte offset, and the run's length after the last.
    starts: Vec<usize>,
    /// The best path from each character on.
    route: Vec<Step>,
    /// The HMM's buffers, for the characters the path leaves single.
    viterbi: hmm::Viterbi,
}

/// Cuts `text` into words, calling `emit` with each in order and its lexicon id when the
/// lexicon has it; the words concatenate to `text`.
pub fn cut<'t>(text: &'t str, mut emit: impl FnMut(&'t str, Option<WordId>)) {
    // Each thread keeps its run's buffers: a line is cut in many short pieces.
    thread_local! {
        static RUN: Cell<Run> = Cell::new(Run::default());
    }
    let mut run = RUN.take();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, first)) = chars.peek() {
        if is_word_char(first) {
            // The run's characters are coded as they are found: the text is decoded once.
            run.codes.clear();
            run.starts.clear();
            while let Some(&(at, c)) = chars.peek()
                && is_word_char(c)
            {
                run.codes.push(lexicon::char_code(c));
                run.starts.push(at - start);
                chars.next();
            }
            let end = chars.peek().map_or(text.len(), |&(at, _)| at);
            run.cut(&text[start..end], &mut emit);
        } else {
            // One character at a time, CR LF together.
            chars.next();
            let end = if first == '\r' && chars.next_if(|&(_, c)| c == '\n').is_some() {
                start + 2
            } else {
                start + first.len_utf8()
            };
            emit(&text[start..end], None);
        }
    }
    // A huge run (a long text with no punctuation) does not keep its memory afterwards.
    if run.route.capacity() <= KEPT_RUN_CHARS {
        RUN.set(run);
    }
}

/// The longest run whose buffers a thread keeps for the next.
const KEPT_RUN_CHARS: usize = 1 << 16;

impl Run {
    /// Cuts `block`, a run of word characters whose codes and offsets are in `codes` and
    /// `starts`, along its most probable path.
    fn cut<'t>(&mut self, block: &'t str, emit: &mut impl FnMut(&'t str, Option<WordId>)) {
        self.starts.push(block.len());
        let n = self.codes.len();
        let route = &mut self.route;
        route.clear();
        route.resize(n + 1, Step { prob: 0.0, end: n, id: NO_ID });
        // The walks start from the end: the last characters' second units are asked for now
        // (most runs, between punctuation, are short), the rest as the walks come nearer.
        for start in n.saturating_sub(PREFETCH_DISTANCE)..n {
            lexicon::prefetch(&self.codes[start..], 2);
        }
        for start in (0..n).rev() {
            // The second character's unit well ahead, the third's once the second's has come.
            if let Some(ahead) = start.checked_sub(PREFETCH_DISTANCE) {
                lexicon::prefetch(&self.codes[ahead..], 2);
            }
            if let Some(ahead) = start.checked_sub(PREFETCH_DISTANCE / 2) {
                lexicon::prefetch(&self.codes[ahead..], 3);
            }
            let single = start + 1;
            let mut best = Step { prob: -LOG_TOTAL + route[single].prob, end: single, id: NO_ID };
            let mut found = false;
            lexicon::for_each_prefix(&self.codes[start..], |entry, len| {
                let end = start + len;
                let Some(log_frequency) = entry.log_frequency else {
                    // Known to the dictionary only: not a path, but the single character keeps its id.
                    if end == single && !found {
                        best.id = entry.id;
                    }
                    return;
                };
                let prob = log_frequency - LOG_TOTAL + route[end].prob;
                // Ties go to the longer word, as in jieba.
                if !found || prob > best.prob || (prob == best.prob && end > best.end) {
                    best = Step { prob, end, id: entry.id };
                    found = true;
                }
            });
            route[start] = best;
        }
        // The dictionary looks up each word next: its entries are asked for all at once.
        let mut x = 0;
        while x < n {
            let step = self.route[x];
            if step.id != NO_ID {
                lexicon::prefetch_readings(step.id);
            }
            x = step.end;
        }
        let mut x = 0;
        let mut single_from: Option<usize> = None;
        while x < n {
            let step = self.route[x];
            if step.end == x + 1 {
                single_from.get_or_insert(x);
            } else {
                if let Some(from) = single_from.take() {
                    self.join_singles(block, from, x, emit);
                }
                emit(&block[self.starts[x]..self.starts[step.end]], known(step.id));
            }
            x = step.end;
        }
        if let Some(from) = single_from {
            self.join_singles(block, from, n, emit);
        }
    }

    /// Characters `from..to` that the best path left as single words: one word if the
    /// dictionary has it, else cut by the HMM.
    fn join_singles<'t>(
        &mut self,
        block: &'t str,
        from: usize,
        to: usize,
        emit: &mut impl FnMut(&'t str, Option<WordId>),
    ) {
        let run = &block[self.starts[from]..self.starts[to]];
        if to - from == 1 {
            emit(run, known(self.route[from].id));
        } else if is_word(run) {
            for i in from..to {
                emit(&block[self.starts[i]..self.starts[i + 1]], known(self.route[i].id));
            }
        } else {
            // Each single character keeps the id the path found for it.
            let mut at = from;
            let route = &self.route;
            hmm::cut(run, &mut self.viterbi, &mut |word| {
                let len = word.chars().count();
                emit(word, if len == 1 { known(route[at].id) } else { lexicon::id(word) });
                at += len;
            });
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

    #[test]
    fn a_huge_run_then_a_short_one() {
        let huge = "中国科学院".repeat(KEPT_RUN_CHARS / 4);
        assert_eq!(words(&huge).concat(), huge);
        assert_eq!(words("我们中出了一个叛徒"), ["我们", "中出", "了", "一个", "叛徒"]);
    }
}
