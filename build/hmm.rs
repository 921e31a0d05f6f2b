//! Compiles jieba's hidden Markov model for unknown words (data/jieba/hmm.model.gz) into
//! `hmm.bin` for src/segment/hmm.rs: f64s, little-endian, the 4 start probabilities, the 4x4
//! transition matrix (from, to), then 4 emission probabilities per character from
//! `HAN_FIRST` to `HAN_LAST`. States are ordered B (begin), E (end), M (middle), S (single);
//! all probabilities are natural logarithms, and what the model lacks is `MIN_PROB`, as in
//! jieba-rs. The numbers are parsed from the same text jieba-rs compiles, so they are the same
//! f64s and the cuts the same.

use std::io::Read;
use std::path::Path;

/// jieba's model.
const SOURCE: &str = "data/jieba/hmm.model.gz";
/// The characters the model cuts (jieba-rs `HMM_HAN_MIN..=HMM_HAN_MAX`).
pub const HAN_FIRST: u32 = 0x4E00;
pub const HAN_LAST: u32 = 0x9FD5;
/// A probability the model does not have.
const MIN_PROB: f64 = -3.14e100;

/// Writes `hmm.bin` to `out_dir`.
pub fn write(out_dir: &Path) {
    println!("cargo:rerun-if-changed={SOURCE}");
    let file = std::fs::File::open(SOURCE).unwrap_or_else(|e| panic!("cannot open {SOURCE}: {e}"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).expect("the HMM model is not valid gzip/UTF-8");
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 9, "{SOURCE}: expected start, 4 transition rows and 4 emission lines");
    let numbers = |line: &str| -> Vec<f64> {
        line.split_whitespace().map(|n| n.parse().unwrap_or_else(|_| panic!("{SOURCE}: bad number {n}"))).collect()
    };
    let mut out: Vec<f64> = numbers(lines[0]);
    for row in &lines[1..5] {
        out.extend(numbers(row));
    }
    assert_eq!(out.len(), 20, "{SOURCE}: expected 4 start and 16 transition probabilities");
    let first_row = out.len();
    out.resize(first_row + 4 * (HAN_LAST - HAN_FIRST + 1) as usize, MIN_PROB);
    for (state, line) in lines[5..].iter().enumerate() {
        for pair in line.split(',') {
            let (ch, prob) = pair.split_once(':').unwrap_or_else(|| panic!("{SOURCE}: bad emission {pair}"));
            let mut chars = ch.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                panic!("{SOURCE}: emission key {ch} is not one character");
            };
            // jieba-rs keeps only the characters it runs the model over.
            if (HAN_FIRST..=HAN_LAST).contains(&u32::from(c)) {
                let at = first_row + 4 * (u32::from(c) - HAN_FIRST) as usize + state;
                out[at] = prob.parse().unwrap_or_else(|_| panic!("{SOURCE}: bad number {prob}"));
            }
        }
    }
    let bytes: Vec<u8> = out.iter().flat_map(|p| p.to_le_bytes()).collect();
    std::fs::write(out_dir.join("hmm.bin"), bytes).expect("cannot write hmm.bin");
}
