//! Context rules for polyphonic characters: a decision list that picks the reading of a
//! character such as 了 (le/liǎo), 行 (xíng/háng) or 长 (cháng/zhǎng) from its neighbours.
//!
//! Word readings (CC-CEDICT, ranked by `reading_rank` and data/phrases/) give every Han
//! character a first syllable; the decision list then keeps or replaces it. For each character
//! the rules are `feature -> reading` with a confidence score, and the matching rule with the
//! highest score wins. Features: the syllable the word reading gives (`cur=`), the word the
//! character is in and where (`w=`), and for a character standing alone as a token, its prior
//! (`bias`) and the characters and words around it. Inside a word of several characters only
//! a rule for that very word can change the word reading, and a neutral tone on a noun suffix
//! 子/头 or in a reduplicated word (妈妈) is kept.
//!
//! The rules are data: `data/polyphone/rules.tsv` (learned) and `manual.tsv` (written by hand),
//! embedded with `include_str!` and parsed on first use into a hash table keyed by a 64-bit hash
//! of character and feature, so scoring a character allocates nothing. `tools/polyphone/train.py`
//! rebuilds the learned rules from the features that [`item_features`] writes
//! (`examples/cpp_eval.rs --dump`), produced by the same code as the features used here.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::notation;
use crate::readings::reads::Reads;
use crate::text::is_han;

/// The decision list: `char TAB reading TAB score TAB feature TAB feature ...` per line.
static RULES: &str = include_str!("../../data/polyphone/rules.tsv");
/// Hand-written rules in the same format, read after `RULES` (a rule for the same character
/// and feature replaces the learned one): colloquial patterns of frequent characters that the
/// training data hardly has (跑得快, 慢慢地, 很长).
static MANUAL: &str = include_str!("../../data/polyphone/manual.tsv");

/// Keys are already FNV hashes: the table uses them as they are.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

struct Model {
    /// hash(character, feature) -> (score, index into `labels`).
    rules: HashMap<u64, (f32, u16), BuildHasherDefault<KeyHasher>>,
    /// Readings, numbered, lower-case, ü written ü.
    labels: Vec<String>,
    /// Per code point, the features that have rules for that character (0: it has none).
    features: Vec<u16>,
    /// Per code point with rules, an index into `chars`.
    char_of: Vec<u16>,
    /// What is known of each character's rules as a whole.
    chars: Vec<CharRules>,
    /// The words of several characters that have rules of their own (`w=银行@1`): inside any
    /// other word, the word reading stands.
    words: FxHashSet<&'static str>,
}

impl Model {
    /// The features that have rules for `c`, as a set of `F_*` bits.
    fn features_of(&self, c: char) -> u16 {
        self.features.get(c as usize).copied().unwrap_or(0)
    }

    /// What is known of the rules of `c`, a character with rules.
    fn char_rules(&self, c: char) -> &CharRules {
        &self.chars[usize::from(self.char_of[c as usize])]
    }
}

/// One character's rules as a whole, so most decisions need not look at every feature.
struct CharRules {
    /// By feature bit position, the highest score any rule on a later feature has: once the
    /// best match reaches it, no later feature can win.
    ceilings: [f32; FEATURES],
    /// The one reading every rule that can decide a character standing alone gives, when
    /// there is one and a prior (`bias`) that always matches: the choice for such a character,
    /// whatever its neighbours.
    sole: Option<u16>,
}

// The features, as bits of a set: a character's features without rules are not even built.
const F_BIAS: u16 = 1;
const F_CUR: u16 = 1 << 1;
const F_WORD: u16 = 1 << 2;
const F_L1: u16 = 1 << 3;
const F_R1: u16 = 1 << 4;
const F_L2: u16 = 1 << 5;
const F_R2: u16 = 1 << 6;
const F_LR: u16 = 1 << 7;
const F_LW: u16 = 1 << 8;
const F_LWDUP: u16 = 1 << 9;
const F_RW: u16 = 1 << 10;
/// Not a feature: a word of several characters with rules of its own begins with this
/// character (most words are passed over on this test, without hashing them).
const STARTS_RULED_WORD: u16 = 1 << 15;
/// How many features there are; for_each_feature builds them in the order of their bits.
const FEATURES: usize = 11;
const F_ALL: u16 = (1 << FEATURES) - 1;
/// The features that look at neighbouring characters and words.
const F_CONTEXT: u16 = F_L1 | F_R1 | F_L2 | F_R2 | F_LR | F_LW | F_LWDUP | F_RW;

/// The bit of a feature, from its name.
fn feature_bit(feature: &str) -> u16 {
    let name = feature.split_once('=').map_or(feature, |(name, _)| name);
    match name {
        "bias" => F_BIAS,
        "cur" => F_CUR,
        "w" => F_WORD,
        "L1" => F_L1,
        "R1" => F_R1,
        "L2" => F_L2,
        "R2" => F_R2,
        "LR" => F_LR,
        "lw" => F_LW,
        "lwdup" => F_LWDUP,
        "rw" => F_RW,
        _ => 0,
    }
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut rules: HashMap<u64, (f32, u16), BuildHasherDefault<KeyHasher>> = HashMap::default();
        let mut labels: Vec<String> = Vec::new();
        let mut label_ids: HashMap<&str, u16> = HashMap::new();
        let mut features: Vec<u16> = Vec::new();
        let mut char_of: Vec<u16> = Vec::new();
        // Per character with rules, the highest score of each feature's rules, and the
        // readings of the rules that can decide it standing alone.
        let mut highest: Vec<[f32; FEATURES]> = Vec::new();
        let mut alone: Vec<Vec<u16>> = Vec::new();
        let mut words = FxHashSet::default();
        let mut starts: Vec<char> = Vec::new();
        // build.rs (build/polyphone_rules.rs) has checked every line: a malformed one stops
        // the build, so nothing below is skipped in a binary.
        for line in RULES.lines().chain(MANUAL.lines()) {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(ch), Some(label), Some(score)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let (Some(ch), Ok(score)) = (ch.chars().next(), score.parse::<f32>()) else {
                continue;
            };
            let id = *label_ids.entry(label).or_insert_with(|| {
                labels.push(label.replace('v', "ü"));
                (labels.len() - 1) as u16
            });
            let c = ch as usize;
            if features.len() <= c {
                features.resize(c + 1, 0);
                char_of.resize(c + 1, 0);
            }
            if features[c] == 0 {
                char_of[c] = u16::try_from(highest.len()).expect("fewer than 65,536 characters with rules");
                highest.push([f32::NEG_INFINITY; FEATURES]);
                alone.push(Vec::new());
            }
            let at = usize::from(char_of[c]);
            for feature in parts {
                rules.insert(key(ch, feature), (score, id));
                let bit = feature_bit(feature);
                features[c] |= bit;
                let top = &mut highest[at][bit.trailing_zeros() as usize % FEATURES];
                *top = top.max(score);
                if let Some((word, _)) = feature.strip_prefix("w=").and_then(|w| w.rsplit_once('@'))
                    && word.chars().nth(1).is_some()
                {
                    words.insert(word);
                    starts.push(word.chars().next().expect("a word of several characters"));
                } else if !alone[at].contains(&id) {
                    // A replaced rule's reading stays listed: `sole` may be missed, never wrong.
                    alone[at].push(id);
                }
            }
        }
        for c in starts {
            let c = c as usize;
            if features.len() <= c {
                features.resize(c + 1, 0);
                char_of.resize(c + 1, 0);
            }
            features[c] |= STARTS_RULED_WORD;
        }
        // A rule of the hand-written list may replace a learned one with a lower score: the
        // ceilings stay upper bounds, which is all the early stop needs.
        let chars = highest
            .iter()
            .zip(&alone)
            .map(|(top, readings)| {
                let mut ceilings = [f32::NEG_INFINITY; FEATURES];
                for i in (0..FEATURES - 1).rev() {
                    ceilings[i] = ceilings[i + 1].max(top[i + 1]);
                }
                let has_prior = top[F_BIAS.trailing_zeros() as usize] > f32::NEG_INFINITY;
                let sole = match readings[..] {
                    [only] if has_prior => Some(only),
                    _ => None,
                };
                CharRules { ceilings, sole }
            })
            .collect();
        Model { rules, labels, features, char_of, chars, words }
    })
}

/// A 64-bit hash of the character and the feature text, eight bytes at a step (features are
/// short, and every scored character hashes several).
fn key(ch: char, feature: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let bytes = feature.as_bytes();
    let mut h = mix(u64::from(u32::from(ch)), bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]]),
        );
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = mix(h, rest.iter().rev().fold(0, |word, &b| word << 8 | u64::from(b)));
    }
    // Mixed down (murmur3's finaliser) so the table's low bits are as good as the high ones.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A Han character of a run of tokens, located for feature extraction.
struct Slot {
    /// Token index.
    token: usize,
    /// Character index inside the token's text.
    offset: usize,
    /// Index of the character's syllable among the token's reading syllables (split on ' ').
    syllable: usize,
}

impl Slot {
    /// The slot of character `offset` of token `t`, when the token's reading lines up with its
    /// Han characters: as many pinyin syllables (literal pieces skipped) as Han characters.
    fn new(tokens: &[impl Reads], t: usize, offset: usize) -> Option<Slot> {
        let token = &tokens[t];
        let reading = token.reading().filter(|r| !r.is_empty())?;
        let mut syllables =
            notation::syllables(reading).enumerate().filter(|(_, s)| notation::tone_of(s).is_some()).map(|(i, _)| i);
        if syllables.clone().count() != token.text().chars().filter(|&c| is_han(c)).count() {
            return None;
        }
        let han_before = token.text().chars().take(offset).filter(|&c| is_han(c)).count();
        let syllable = syllables.nth(han_before)?;
        Some(Slot { token: t, offset, syllable })
    }
}

/// Up to two characters on each side of a slot's character, across token boundaries, nearest
/// first: the text of the run of tokens as if it were one string.
struct Neighbours {
    before: [Option<char>; 2],
    after: [Option<char>; 2],
}

impl Neighbours {
    fn of(tokens: &[impl Reads], slot: &Slot) -> Neighbours {
        let text = tokens[slot.token].text();
        let at = text.char_indices().nth(slot.offset).map_or(text.len(), |(i, _)| i);
        let earlier = tokens[..slot.token].iter().rev().flat_map(|t| t.text().chars().rev());
        let mut before = text[..at].chars().rev().chain(earlier);
        let later = tokens[slot.token + 1..].iter().flat_map(|t| t.text().chars());
        let mut after = text[at..].chars().skip(1).chain(later);
        Neighbours { before: [before.next(), before.next()], after: [after.next(), after.next()] }
    }
}

/// What a feature looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The character's prior (`bias`).
    Bias,
    /// The syllable the word reading gives the character (`cur=`).
    Current,
    /// The word the character is in, and where (`w=`).
    Word,
    /// Neighbouring characters and words.
    Context,
}

/// Calls `f` with each feature of the character in `slot` that is in `wanted` (a set of `F_*`
/// bits), built in `buf`, in the order of the features' bits, with the feature's bit; `f`
/// returns false to stop.
fn for_each_feature<T: Reads>(
    tokens: &[T],
    slot: &Slot,
    buf: &mut String,
    wanted: u16,
    mut f: impl FnMut(u16, Kind, &str) -> bool,
) {
    let token = &tokens[slot.token];
    let Some(syllable) = token.reading().and_then(|r| notation::syllables(r).nth(slot.syllable)) else {
        return;
    };
    let going = std::cell::Cell::new(true);
    let mut feature = |bit: u16, kind: Kind, build: &dyn Fn(&mut String)| {
        if going.get() && wanted & bit != 0 {
            buf.clear();
            build(buf);
            going.set(f(bit, kind, buf));
        }
    };

    feature(F_BIAS, Kind::Bias, &|buf| buf.push_str("bias"));
    feature(F_CUR, Kind::Current, &|buf| {
        buf.push_str("cur=");
        buf.extend(syllable.chars().map(|c| match c {
            'ü' | 'Ü' => 'v',
            _ => c.to_ascii_lowercase(),
        }));
    });
    feature(F_WORD, Kind::Word, &|buf| word_feature(buf, token.text(), slot.offset));
    if !going.get() || wanted & F_CONTEXT == 0 {
        return;
    }
    let Neighbours { before, after } = Neighbours::of(tokens, slot);
    let l1 = before[0].unwrap_or('^');
    let r1 = after[0].unwrap_or('$');
    feature(F_L1, Kind::Context, &|buf| {
        buf.push_str("L1=");
        buf.push(l1);
    });
    feature(F_R1, Kind::Context, &|buf| {
        buf.push_str("R1=");
        buf.push(r1);
    });
    feature(F_L2, Kind::Context, &|buf| {
        buf.push_str("L2=");
        buf.extend(before.iter().rev().flatten());
    });
    feature(F_R2, Kind::Context, &|buf| {
        buf.push_str("R2=");
        buf.extend(after.iter().flatten());
    });
    feature(F_LR, Kind::Context, &|buf| {
        buf.push_str("LR=");
        buf.push(l1);
        buf.push(r1);
    });
    feature(F_LW, Kind::Context, &|buf| {
        buf.push_str("lw=");
        buf.push_str(slot.token.checked_sub(1).map_or("^", |i| tokens[i].text()));
    });
    if slot.token > 0 && is_reduplicated(tokens[slot.token - 1].text()) {
        feature(F_LWDUP, Kind::Context, &|buf| buf.push_str("lwdup"));
    }
    feature(F_RW, Kind::Context, &|buf| {
        buf.push_str("rw=");
        buf.push_str(tokens.get(slot.token + 1).map_or("$", |t| t.text()));
    });
}

/// The feature of the word a character is in and where: `w=银行@1`.
fn word_feature(buf: &mut String, word: &str, offset: usize) {
    buf.clear();
    buf.push_str("w=");
    buf.push_str(word);
    buf.push('@');
    push_number(buf, offset);
}

/// A neutral tone the word reading gives a noun suffix 子/头 (桌子, 石头) or the second half
/// of a reduplicated word (妈妈, 哥哥) stays, as standard dictionaries write it.
fn keeps_neutral_tone(token: &impl Reads, slot: &Slot, ch: char) -> bool {
    let neutral =
        token.reading().and_then(|r| notation::syllables(r).nth(slot.syllable)).is_some_and(|s| s.ends_with('5'));
    if !neutral {
        return false;
    }
    let mut chars = token.text().chars();
    let (first, second, third) = (chars.next(), chars.next(), chars.next());
    let last = slot.offset + 1 == token.text().chars().count();
    (last && matches!(ch, '子' | '头')) || (third.is_none() && first.is_some() && first == second)
}

/// `old` is the neutral-tone form of `new` (shi5 of shi2): the same letters, tone 5.
fn is_light_tone_of(old: &str, new: &str) -> bool {
    let letters = |s: &str| s.trim_end_matches(|c: char| c.is_ascii_digit()).to_lowercase();
    old.ends_with('5') && letters(old) == letters(new)
}

/// A reduplicated word: AA (慢慢, 好好) or AABB (高高兴兴).
fn is_reduplicated(word: &str) -> bool {
    let mut cs = word.chars();
    match (cs.next(), cs.next(), cs.next(), cs.next(), cs.next()) {
        (Some(a), Some(b), None, None, None) => a == b && is_han(a),
        (Some(a), Some(b), Some(c), Some(d), None) => a == b && c == d && a != c && is_han(a) && is_han(c),
        _ => false,
    }
}

/// `label` (ü written ü) and `feature` (ü written v, lower case) are the same syllable.
fn same_syllable(label: &str, feature: &str) -> bool {
    label.chars().map(|c| if c == 'ü' { 'v' } else { c }).eq(feature.chars())
}

fn push_number(buf: &mut String, n: usize) {
    if n >= 10 {
        push_number(buf, n / 10);
    }
    buf.push(char::from(b'0' + (n % 10) as u8));
}

/// The change the rules make to the reading of the character `ch` in `slot`, as (token,
/// syllable index, label), or `None` when the reading stands.
fn decide<T: Reads>(
    tokens: &[T],
    slot: &Slot,
    ch: char,
    keep_light_tones: bool,
    buf: &mut String,
) -> Option<(usize, usize, u16)> {
    let model = model();
    let token = &tokens[slot.token];
    let in_word = token.text().chars().nth(1).is_some();
    // A word keeps its neutral tones, and only a rule for the word can change its reading.
    if in_word && keeps_neutral_tone(token, slot, ch) {
        return None;
    }
    if in_word && {
        word_feature(buf, token.text(), slot.offset);
        !model.rules.contains_key(&key(ch, buf))
    } {
        return None;
    }
    let rules = model.char_rules(ch);
    if !in_word && let Some(label) = rules.sole {
        return Some((slot.token, slot.syllable, label));
    }
    let mut best: Option<(f32, u16)> = None;
    // Priors and neighbours only decide single characters.
    let wanted = model.features_of(ch) & if in_word { F_BIAS | F_CUR | F_WORD } else { F_ALL };
    let ceilings = &rules.ceilings;
    for_each_feature(tokens, slot, buf, wanted, |bit, kind, feature| {
        if let Some(&(score, label)) = model.rules.get(&key(ch, feature)) {
            let usable = !in_word
                || kind == Kind::Word
                || (kind == Kind::Current && same_syllable(&model.labels[label as usize], &feature[4..]));
            if usable && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, label));
            }
        }
        // A later rule wins only with a higher score: none has one, so the choice is made.
        best.is_none_or(|(s, _)| s < ceilings[bit.trailing_zeros() as usize])
    });
    let (_, label) = best?;
    let old = token.reading().and_then(|r| notation::syllables(r).nth(slot.syllable)).unwrap_or("");
    let light = in_word && keep_light_tones && is_light_tone_of(old, &model.labels[label as usize]);
    (!light).then_some((slot.token, slot.syllable, label))
}

/// The reading the rules give `c` standing alone with nothing around it to decide (its
/// `bias` rule), as a character of a name is read; `None` when it has no such rule.
pub(crate) fn prior(c: char) -> Option<&'static str> {
    let model = model();
    model.rules.get(&key(c, "bias")).map(|&(_, label)| model.labels[label as usize].as_str())
}

/// The features of the `han_index`-th Han character of `tokens` (for training data), or
/// `None` when there is no such character or its syllable is not known.
pub fn item_features<T: Reads>(tokens: &[T], han_index: usize) -> Option<Vec<String>> {
    let (t, offset) = tokens
        .iter()
        .enumerate()
        .flat_map(|(t, token)| token.text().chars().enumerate().filter(|&(_, c)| is_han(c)).map(move |(i, _)| (t, i)))
        .nth(han_index)?;
    let slot = Slot::new(tokens, t, offset)?;
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_feature(tokens, &slot, &mut buf, F_ALL, |_, _, f| {
        out.push(f.to_string());
        true
    });
    (!out.is_empty()).then_some(out)
}

/// Applies the context rules to a run of tokens (a line or a paragraph): a Han character the
/// rules know gets the reading of the best matching rule. Tokens whose reading comes from the
/// glossary are left alone. With `keep_light_tones`, a neutral tone the dictionary gives a
/// syllable inside a word (认识 rènshi, 关系 guānxi) stays, as dictionaries print words; without
/// it each character gets its own tone (shí, xì), as per-character readings are written.
/// Returns the indices of the tokens whose reading changed.
pub fn apply<T: Reads>(tokens: &mut [T], keep_light_tones: bool) -> Vec<usize> {
    let model = model();
    let mut buf = String::new();
    // (token, syllable index, label) of each change, decided on the unchanged readings.
    let mut changes: Vec<(usize, usize, u16)> = Vec::new();
    for (t, token) in tokens.iter().enumerate() {
        let text = token.text();
        // In a word of several characters, the word reading stands unless a rule for that
        // very word says otherwise.
        let mut chars = text.chars();
        let first = chars.next().unwrap_or_default();
        let in_word = chars.next().is_some();
        let ruled_word = || model.features_of(first) & STARTS_RULED_WORD != 0 && model.words.contains(text);
        if token.reading_given() || (in_word && !ruled_word()) {
            continue;
        }
        for (offset, ch) in text.chars().enumerate() {
            if !is_han(ch) || model.features_of(ch) & F_ALL == 0 {
                continue;
            }
            let slot = Slot::new(tokens, t, offset);
            if let Some(change) = slot.and_then(|slot| decide(tokens, &slot, ch, keep_light_tones, &mut buf)) {
                changes.push(change);
            }
        }
    }
    let mut changed = Vec::new();
    for (t, index, label) in changes {
        let Some(reading) = tokens[t].reading() else {
            continue;
        };
        let new = &model.labels[label as usize];
        // Most rules confirm the reading the word already has.
        let Some(old) = notation::syllables(reading).nth(index) else { continue };
        if old.eq_ignore_ascii_case(new) {
            continue;
        }
        let mut syllables: Vec<&str> = notation::syllables(reading).collect();
        // Keep a proper noun's capital.
        let capitalised;
        syllables[index] = if old.starts_with(|c: char| c.is_uppercase()) {
            let mut cs = new.chars();
            capitalised = cs.next().map(|c| c.to_uppercase().chain(cs).collect::<String>()).unwrap_or_default();
            &capitalised
        } else {
            new
        };
        let reading = syllables.join(" ");
        tokens[t].set_reading(reading);
        if changed.last() != Some(&t) {
            changed.push(t);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::dict::glossary::Glossary;
    use crate::transcribe::line::line_words;

    fn per_char(line: &str) -> String {
        let glossary = Glossary::default();
        let mut words = line_words(line, &glossary);
        apply(&mut words, false);
        words.iter().filter_map(|w| w.reading()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn rules_load_and_key_is_stable() {
        assert!(!model().rules.is_empty());
        // The rule table is looked up by this hash: pinned, so a change to it is seen.
        assert_eq!(key('了', "bias"), 11500236987432796823);
        assert_ne!(key('了', "bias"), key('行', "bias"));
        let mut s = String::new();
        push_number(&mut s, 120);
        assert_eq!(s, "120");
    }

    #[test]
    fn features_line_up_with_characters() {
        let glossary = Glossary::default();
        let tokens = line_words("银行行长说了算。", &glossary);
        let f = item_features(&tokens, 1).unwrap();
        assert_eq!(f[0], "bias");
        assert_eq!(f[1], "cur=hang2");
        assert_eq!(f[2], "w=银行@1");
        assert!(f.contains(&"R1=行".to_string()));
        assert!(item_features(&tokens, 99).is_none());
    }

    #[test]
    fn reduplication() {
        assert!(is_reduplicated("慢慢"));
        assert!(is_reduplicated("高高兴兴"));
        assert!(!is_reduplicated("银行"));
        assert!(!is_reduplicated("慢"));
        assert!(!is_reduplicated("哈哈哈哈"));
    }

    #[test]
    fn context_picks_readings() {
        assert!(per_char("他了解这个问题。").contains("liao3 jie3"));
        assert!(per_char("我吃了饭。").contains("le5"));
    }
}
