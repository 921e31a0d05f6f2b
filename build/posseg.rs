//! Compiles jieba's part-of-speech model for words its dictionary lacks
//! (data/jieba/posseg.txt.gz) for src/segment/tagger.rs. A state is a position in a word
//! (0 begin, 1 middle, 2 end, 3 single) and a tag: state = position * 64 + tag. Written to
//! OUT_DIR, little-endian, probabilities as f64 natural logarithms, `MIN_PROB` where the model
//! has none:
//!   posseg_tags.rs      `POS_TAGS`, the 64 tag names;
//!   posseg_model.bin    256 start probabilities, then the 256x256 transitions by
//!                       [to][from];
//!   posseg_chars.bin    per character the model knows, by code point: u32 character,
//!                       u32 first state, u32 number of states (into posseg_states.bin);
//!   posseg_states.bin   per state of a character, ascending: f64 emission, u32 state.
//! A character with a list of allowed states keeps exactly that list (a missing emission is
//! `MIN_PROB`); one with emissions alone may take the states it has emissions for. This is
//! how jieba-rs reads the same text, so the numbers, and the tags, are the same.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// jieba's model, as shipped in jieba-rs.
const SOURCE: &str = "data/jieba/posseg.txt.gz";
const TAGS: usize = 64;
const STATES: usize = 4 * TAGS;
/// A probability the model does not have.
const MIN_PROB: f64 = -3.14e100;

/// Writes the files above to `out_dir`.
pub fn write(out_dir: &Path) {
    println!("cargo:rerun-if-changed={SOURCE}");
    let file = std::fs::File::open(SOURCE).unwrap_or_else(|e| panic!("cannot open {SOURCE}: {e}"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).expect("the POS model is not valid gzip/UTF-8");

    let number = |s: &str| -> f64 { s.trim().parse().unwrap_or_else(|_| panic!("{SOURCE}: bad number {s}")) };
    let index = |s: &str| -> usize { s.trim().parse().unwrap_or_else(|_| panic!("{SOURCE}: bad index {s}")) };
    let state = |position: &str, tag: &str| -> usize {
        let (position, tag) = (index(position), index(tag));
        assert!(position < 4 && tag < TAGS, "{SOURCE}: no state {position},{tag}");
        position * TAGS + tag
    };
    let one_char = |s: &str| -> char {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => c,
            _ => panic!("{SOURCE}: {s:?} is not one character"),
        }
    };

    let mut tags: Vec<String> = Vec::new();
    let mut start = vec![MIN_PROB; STATES];
    let mut transitions = vec![MIN_PROB; STATES * STATES];
    let mut emissions: BTreeMap<char, BTreeMap<usize, f64>> = BTreeMap::new();
    let mut allowed: BTreeMap<char, Vec<usize>> = BTreeMap::new();
    let mut section = "";
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if line.starts_with('@') {
            section = line;
            continue;
        }
        let mut fields = line.split('|').map(str::trim).filter(|f| !f.is_empty());
        let head = fields.next().unwrap_or_default();
        match section {
            "@TAGS" => tags = line.split(',').map(|t| t.trim().to_string()).collect(),
            "@START" => {
                let mut parts = line.splitn(3, ',');
                let (p, t, prob) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
                start[state(p, t)] = number(prob);
            }
            "@TRANS" => {
                let (p, t) = head.split_once(',').unwrap_or_else(|| panic!("{SOURCE}: bad line {line}"));
                let from = state(p, t);
                for field in fields {
                    let mut parts = field.splitn(3, ',');
                    let (p, t, prob) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
                    transitions[state(p, t) * STATES + from] = number(prob);
                }
            }
            "@EMIT" => {
                let (p, t) = head.split_once(',').unwrap_or_else(|| panic!("{SOURCE}: bad line {line}"));
                let s = state(p, t);
                for field in fields {
                    // The character may itself be a comma: the probability is after the last.
                    let (c, prob) = field.rsplit_once(',').unwrap_or_else(|| panic!("{SOURCE}: bad emission {field}"));
                    emissions.entry(one_char(c)).or_default().insert(s, number(prob));
                }
            }
            "@CHAR_STATE" => {
                let c = one_char(head);
                let states: Vec<usize> = fields
                    .map(|f| f.split_once(',').unwrap_or_else(|| panic!("{SOURCE}: bad state {f}")))
                    .map(|(p, t)| state(p, t))
                    .collect();
                // An empty list allows every state, as no list does.
                if states.is_empty() {
                    allowed.remove(&c);
                } else {
                    allowed.insert(c, states);
                }
            }
            _ => panic!("{SOURCE}: line outside a known section: {line}"),
        }
    }
    assert_eq!(tags.len(), TAGS, "{SOURCE}: expected {TAGS} tags");

    let mut rows: BTreeMap<char, Vec<(usize, f64)>> = BTreeMap::new();
    for (c, emitted) in &emissions {
        rows.insert(*c, emitted.iter().map(|(&s, &p)| (s, p)).collect());
    }
    for (c, states) in &allowed {
        let emitted = emissions.get(c);
        let mut row: Vec<(usize, f64)> =
            states.iter().map(|&s| (s, emitted.and_then(|e| e.get(&s)).copied().unwrap_or(MIN_PROB))).collect();
        row.sort_by_key(|&(s, _)| s);
        row.dedup_by_key(|&mut (s, _)| s);
        rows.insert(*c, row);
    }

    let mut chars_bin: Vec<u8> = Vec::new();
    let mut states_bin: Vec<u8> = Vec::new();
    let mut first: u32 = 0;
    for (c, row) in &rows {
        chars_bin.extend_from_slice(&u32::from(*c).to_le_bytes());
        chars_bin.extend_from_slice(&first.to_le_bytes());
        chars_bin.extend_from_slice(&(row.len() as u32).to_le_bytes());
        for &(s, p) in row {
            states_bin.extend_from_slice(&p.to_le_bytes());
            states_bin.extend_from_slice(&(s as u32).to_le_bytes());
        }
        first += row.len() as u32;
    }
    let model: Vec<u8> = start.iter().chain(&transitions).flat_map(|p| p.to_le_bytes()).collect();
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out_dir.join(name), bytes).unwrap_or_else(|e| panic!("cannot write {name}: {e}"))
    };
    write("posseg_model.bin", &model);
    write("posseg_chars.bin", &chars_bin);
    write("posseg_states.bin", &states_bin);
    write(
        "posseg_tags.rs",
        format!("/// jieba's part-of-speech tags, by index.\npub static POS_TAGS: [&str; {TAGS}] = {tags:?};\n")
            .as_bytes(),
    );
}
