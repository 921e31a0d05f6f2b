//! jieba's hidden Markov model for the characters its dictionary leaves single: a run of them
//! is labelled begin, end, middle of a word or single word along its most probable labelling
//! (Viterbi), as jieba-rs 0.11 does (`Jieba::empty().cut(run, true)`), with the same f64
//! operations in the same order, so the words are the same: `tests/segmenter.rs` checks them
//! against jieba-rs. The model is jieba's (data/jieba/, MIT), compiled by build/hmm.rs.

/// Start probabilities, transitions and per-character emissions (layout in build/hmm.rs).
static MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/hmm.bin"));
/// The characters the model labels; all are three bytes long in UTF-8.
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FD5;
/// Where the emission rows start in `MODEL`, in f64s.
const EMISSIONS: usize = 20;
/// What the model does not have: a probability of e^-3.14e100.
const MIN_PROB: f64 = -3.14e100;

// The states.
const BEGIN: u8 = 0;
const END: u8 = 1;
const MIDDLE: u8 = 2;
const SINGLE: u8 = 3;
/// The two states each state may follow.
const PREVIOUS: [[u8; 2]; 4] = [[END, SINGLE], [BEGIN, MIDDLE], [BEGIN, MIDDLE], [END, SINGLE]];

/// Buffers for labelling runs, kept from run to run.
#[derive(Default)]
pub struct Viterbi {
    /// Per character and state, the best state before it.
    from: Vec<[u8; 4]>,
    /// The best labelling, from the last character back.
    states: Vec<u8>,
}

/// The `n` f64s of `MODEL` from f64 `at` on (`MIN_PROB` past its end, which build/hmm.rs
/// never lets happen).
fn probs<const N: usize>(at: usize) -> [f64; N] {
    std::array::from_fn(|i| {
        MODEL.get(8 * (at + i)..8 * (at + i + 1)).and_then(|b| b.try_into().ok()).map_or(MIN_PROB, f64::from_le_bytes)
    })
}

fn is_modelled(c: char) -> bool {
    (FIRST..=LAST).contains(&u32::from(c))
}

/// Cuts `text`, characters the dictionary left single, into words, calling `emit` with each
/// in order: runs of the characters the model knows by the model, anything else into runs of
/// ASCII letters and digits (with `.` `_` `-` between them and a `%` after) and what lies
/// between them.
pub fn cut<'t>(text: &'t str, viterbi: &mut Viterbi, emit: &mut impl FnMut(&'t str)) {
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let modelled = is_modelled(first);
        let len = rest.find(|c| is_modelled(c) != modelled).unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(len);
        if !modelled {
            split_unmodelled(piece, emit);
        } else if piece.len() == first.len_utf8() {
            emit(piece);
        } else {
            viterbi.cut(piece, emit);
        }
        rest = tail;
    }
}

impl Viterbi {
    /// Cuts a run of two or more modelled characters along its most probable labelling.
    fn cut<'t>(&mut self, run: &'t str, emit: &mut impl FnMut(&'t str)) {
        let start: [f64; 4] = probs(0);
        let transitions: [[f64; 4]; 4] = std::array::from_fn(|from| probs(4 + 4 * from));
        let emission = |c: char| probs::<4>(EMISSIONS + 4 * (u32::from(c) - FIRST) as usize);
        self.from.clear();
        let mut chars = run.chars();
        let Some(first) = chars.next() else { return };
        let first = emission(first);
        let mut best: [f64; 4] = std::array::from_fn(|y| start[y] + first[y]);
        self.from.push([BEGIN; 4]);
        for c in chars {
            let emitted = emission(c);
            let mut next = [0.0; 4];
            let mut from = [BEGIN; 4];
            for y in 0..4 {
                let [y0, y1] = PREVIOUS[y];
                let p0 = best[usize::from(y0)] + transitions[usize::from(y0)][y] + emitted[y];
                let p1 = best[usize::from(y1)] + transitions[usize::from(y1)][y] + emitted[y];
                (next[y], from[y]) = if p0 > p1 { (p0, y0) } else { (p1, y1) };
            }
            best = next;
            self.from.push(from);
        }
        // The run ends a word: its last state is an end or a single.
        let mut state = if best[usize::from(END)] > best[usize::from(SINGLE)] { END } else { SINGLE };
        self.states.clear();
        for from in self.from.iter().rev() {
            self.states.push(state);
            state = from[usize::from(state)];
        }
        // Each character is three bytes long.
        let mut begin = 0;
        let mut done = 0;
        for (i, &state) in self.states.iter().rev().enumerate() {
            let (at, end) = (3 * i, 3 * i + 3);
            match state {
                BEGIN => begin = at,
                END => {
                    emit(&run[begin..end]);
                    done = end;
                }
                SINGLE => {
                    emit(&run[at..end]);
                    done = end;
                }
                _ => {}
            }
        }
        if done < run.len() {
            emit(&run[done..]);
        }
    }
}

/// Splits text the model does not cover into runs of ASCII letters and digits (joined by
/// `.` `_` `-`, with a `%` after) and the text between them, as jieba's `re_skip` does.
fn split_unmodelled<'t>(text: &'t str, emit: &mut impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let word = bytes[at..].iter().position(u8::is_ascii_alphanumeric).map_or(bytes.len(), |p| at + p);
        if word > at {
            emit(&text[at..word]);
        }
        if word == bytes.len() {
            break;
        }
        let mut end = word;
        loop {
            end += bytes[end..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            let joined = matches!(bytes.get(end), Some(b'.' | b'_' | b'-'))
                && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
            if !joined {
                break;
            }
            end += 1;
        }
        if bytes.get(end) == Some(&b'%') {
            end += 1;
        }
        emit(&text[word..end]);
        at = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        cut(text, &mut Viterbi::default(), &mut |w| out.push(w));
        out
    }

    /// The same words as jieba-rs with an empty dictionary, which cuts with the HMM alone.
    #[test]
    fn cuts_like_jieba_hmm() {
        let jieba = jieba_rs::Jieba::empty();
        for text in [
            "杭研大厦",
            "小明硕士毕业于中国科学院计算所",
            "他来到了网易杭研大厦",
            "鿖鿗中文",
            "x光检查",
            "iPhone15很好",
            "3.5%的增长",
            "a-b_c.d-很多",
            "abc.-def",
            "50%%",
            "㐀㐁中国",
            "中",
            "龥龦鿕鿖",
            "𠀀𠀁中国人",
        ] {
            let expected: Vec<&str> = jieba.cut(text, true).iter().map(|t| t.word).collect();
            assert_eq!(words(text), expected, "{text}");
        }
    }

    /// Random runs of the characters the segmenter hands the model: common and rare Han,
    /// Han the model lacks, ASCII letters and digits, and jieba's word punctuation.
    #[test]
    fn random_runs_cut_like_jieba_hmm() {
        let jieba = jieba_rs::Jieba::empty();
        let pool: Vec<char> = "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会\
            家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些\
            所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感\
            鿖鿗㐀㐁𠀀abcXYZ0123456789.._-%+#&"
            .chars()
            .collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let len = 1 + next(12);
            let text: String = (0..len).map(|_| pool[next(pool.len())]).collect();
            let expected: Vec<&str> = jieba.cut(&text, true).iter().map(|t| t.word).collect();
            assert_eq!(words(&text), expected, "{text}");
        }
    }

    #[test]
    fn model_is_read() {
        let start: [f64; 4] = probs(0);
        assert!(start[usize::from(BEGIN)] > -1.0 && start[usize::from(END)] == MIN_PROB);
        assert_ne!(probs::<4>(EMISSIONS + 4 * ('中' as usize - FIRST as usize)), [MIN_PROB; 4]);
    }
}
