//! Compiles the word data the library embeds with `include_bytes!`/`include_str!`, so
//! nothing is parsed at start-up: the lexicon (jieba's segmenter dictionary and CC-CEDICT's
//! headwords in one double-array trie), CC-CEDICT's readings and senses, and jieba's HMMs.
//!
//! Files written to OUT_DIR (integers little-endian):
//!   lexicon.trie, lexicon_codes.bin  a double-array trie over character codes from each word
//!                     to its id (layout in build/char_trie.rs); ids are the segmenter's words
//!                     by falling frequency, then the dictionary's other words in byte order;
//!   lexicon_log_frequencies.bin  per frequency class (the trie's values): f64 ln(frequency);
//!   lexicon_tags.bin  per id: u8 its part-of-speech tag in jieba's dictionary (an index into
//!                     lexicon.rs's DICT_TAGS; 255: none);
//!   lexicon_readings.bin  per id: u32 CC-CEDICT readings, first index | count << 24 (0: none),
//!                     u32 first reading's pinyin, offset << 8 | length;
//!   cedict_pinyin.txt, cedict_senses.txt  every reading's pinyin, and its senses, concatenated
//!                     in id order (so the readings of common words share a few cache lines);
//!   cedict_readings.bin  per reading: u32 pinyin offset, u32 senses offset (into those texts),
//!                     u16 pinyin length, u16 senses length;
//!   lexicon.rs        constants: ln(total frequency), number of CC-CEDICT headwords, the codes
//!                     of characters beyond the Basic Multilingual Plane;
//!   hmm.bin           jieba's model for unknown words (layout in build/hmm.rs);
//!   posseg_*          jieba's part-of-speech model for unknown words (build/posseg.rs);
//!   simplify_*        the mapping Traditional text is read through (build/opencc.rs).
//! A word's readings are ordered most likely first (src/dict/reading_rank.rs). Pinyin is
//! numbered, ü written ü, neutral tone 5, syllables separated by one space; senses are joined
//! by '/'. CC-CEDICT headwords are its simplified and traditional forms.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::path::Path;

#[path = "build/char_trie.rs"]
mod char_trie;
#[path = "build/hmm.rs"]
mod hmm;
#[path = "build/opencc.rs"]
mod opencc;
#[path = "build/polyphone_rules.rs"]
mod polyphone_rules;
#[path = "build/posseg.rs"]
mod posseg;
#[path = "src/dict/reading_rank.rs"]
mod reading_rank;

const SOURCE: &str = "data/cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz";
/// Which CC-CEDICT reading of an ambiguous word phrase-pinyin-data prefers (data/phrases/).
const PREFERRED: &str = "data/phrases/preferred.tsv";
/// A trie unit's value: word id | frequency class << ID_BITS.
const ID_BITS: u32 = 19;
/// jieba's word-frequency dictionary (data/jieba/).
const SEGMENTER_SOURCE: &str = "data/jieba/dict.txt.gz";

fn main() {
    polyphone_rules::check();
    bundle_glossaries();
    let segmenter = segmenter_dictionary();
    let mut pairs = Vec::new();
    let cedict = cedict_readings(&mut pairs);
    write_lexicon(&segmenter, &cedict);
    let out = std::env::var("OUT_DIR").unwrap();
    opencc::write(Path::new(&out), &pairs);
    hmm::write(Path::new(&out));
    posseg::write(Path::new(&out));
}

/// A word's CC-CEDICT readings, most likely first: (numbered pinyin, senses).
type Readings = Vec<(String, String)>;

/// CC-CEDICT: each headword (simplified and traditional) with its readings, ranked; `pairs`
/// gets every entry's (traditional, simplified) headwords.
fn cedict_readings(pairs: &mut Vec<(String, String)>) -> BTreeMap<String, Readings> {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=src/dict/reading_rank.rs");
    println!("cargo:rerun-if-changed={PREFERRED}");
    let preferred = load_preferred();
    let file = std::fs::File::open(SOURCE).unwrap_or_else(|e| panic!("cannot open {SOURCE}: {e}"));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));

    // headword -> readings (pinyin, senses) in source order, duplicates merged.
    let mut words: BTreeMap<String, Readings> = BTreeMap::new();
    for line in reader.lines() {
        let line = line.expect("CC-CEDICT is not valid gzip/UTF-8");
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((trad, simp, pinyin, senses)) = parse_line(&line) else {
            continue;
        };
        pairs.push((trad.to_string(), simp.to_string()));
        for key in [simp, trad] {
            let readings = words.entry(key.to_string()).or_default();
            match readings.iter_mut().find(|(p, _)| *p == pinyin) {
                Some((_, s)) => {
                    s.push('/');
                    s.push_str(&senses);
                }
                None => readings.push((pinyin.clone(), senses.clone())),
            }
            if simp == trad {
                break;
            }
        }
    }

    let default_syllable = |c: char| -> Option<String> {
        use pinyin::ToPinyin;
        c.to_pinyin().map(|p| {
            let s = p.with_tone_num_end();
            if s.ends_with(|c: char| c.is_ascii_digit()) { s.to_string() } else { format!("{s}5") }
        })
    };
    words.retain(|word, _| word.len() <= 255 && !word.contains('\0'));
    for (word, readings) in words.iter_mut() {
        // The reading phrase-pinyin-data gives the word comes first; the rest by penalty.
        let favourite = preferred.get(word);
        readings.sort_by_cached_key(|(p, s)| {
            // Case aside: 中式 'Chinese style' is capitalised in CC-CEDICT as a proper adjective.
            let favoured = favourite.is_some_and(|f| f.eq_ignore_ascii_case(p));
            (!favoured, reading_rank::reading_penalty(word, p, s, &default_syllable))
        });
        // A preferred reading CC-CEDICT lacks (a manual entry) is added with the first senses.
        if let Some(f) = favourite
            && !readings.iter().any(|(p, _)| p.eq_ignore_ascii_case(f))
        {
            let senses = readings.first().map(|(_, s)| s.clone()).unwrap_or_default();
            readings.insert(0, (f.clone(), senses));
        }
        readings.truncate(255);
        for (pinyin, senses) in readings.iter_mut() {
            pinyin.truncate(floor_char_boundary(pinyin, 255));
            senses.truncate(floor_char_boundary(senses, u16::MAX as usize));
        }
    }
    words
}

/// jieba's dictionary.
struct Segmenter {
    /// Word -> frequency.
    frequencies: BTreeMap<String, u32>,
    /// The sum of the frequencies.
    total: u64,
    /// Word -> part-of-speech tag.
    tags: BTreeMap<String, String>,
}

/// Reads jieba's dictionary (`word frequency tag` a line).
fn segmenter_dictionary() -> Segmenter {
    println!("cargo:rerun-if-changed={SEGMENTER_SOURCE}");
    let file = std::fs::File::open(SEGMENTER_SOURCE).unwrap_or_else(|e| panic!("cannot open {SEGMENTER_SOURCE}: {e}"));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut dictionary = Segmenter { frequencies: BTreeMap::new(), total: 0, tags: BTreeMap::new() };
    for line in reader.lines() {
        let line = line.expect("the segmenter dictionary is not valid gzip/UTF-8");
        let mut fields = line.split_ascii_whitespace();
        let (Some(word), Some(freq)) = (fields.next(), fields.next()) else { continue };
        let freq: u32 = freq.parse().unwrap_or_else(|_| panic!("bad frequency in {SEGMENTER_SOURCE}: {line}"));
        assert!(freq > 0 && !word.contains('\0'), "bad entry in {SEGMENTER_SOURCE}: {line}");
        dictionary.total += u64::from(freq);
        dictionary.frequencies.insert(word.to_string(), freq);
        if let Some(tag) = fields.next() {
            dictionary.tags.insert(word.to_string(), tag.to_string());
        }
    }
    dictionary
}

/// Writes the lexicon and CC-CEDICT files (layout at the top of this file).
fn write_lexicon(segmenter: &Segmenter, cedict: &BTreeMap<String, Readings>) {
    let (frequencies, total) = (&segmenter.frequencies, segmenter.total);
    // Ids: segmenter words from the most frequent down, then the dictionary's other words, so
    // the table entries of common words share a few cache lines.
    let mut by_frequency: Vec<(&String, u32)> = frequencies.iter().map(|(w, &f)| (w, f)).collect();
    by_frequency.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut words: Vec<&str> = by_frequency.iter().map(|(w, _)| w.as_str()).collect();
    words.extend(cedict.keys().filter(|w| !frequencies.contains_key(*w)).map(String::as_str));

    // The segmenter's frequencies take few distinct values (about 5,000): each word's trie unit
    // holds its frequency's class, 1.. by rising frequency (0: not a segmenter word), and
    // lexicon_log_frequencies.bin the class's ln(frequency), a table small enough to stay cached.
    let mut distinct: Vec<u32> = frequencies.values().copied().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let mut log_frequencies: Vec<u8> = f64::NAN.to_le_bytes().to_vec();
    for frequency in &distinct {
        log_frequencies.extend_from_slice(&f64::from(*frequency).ln().to_le_bytes());
    }
    let class_of = |word: &str| frequencies.get(word).map_or(0, |f| distinct.binary_search(f).unwrap() as u32 + 1);
    let mut pinyin_text = String::new();
    let mut senses_text = String::new();
    let mut readings_bin: Vec<u8> = Vec::new();
    let mut reading_count: u32 = 0;
    // Simplified and traditional headwords often share their readings: stored once.
    let mut stored: HashMap<&Readings, u32> = HashMap::new();
    let mut entries: Vec<u8> = Vec::with_capacity(words.len() * 8);
    for word in &words {
        let (readings, first_pinyin) = cedict.get(*word).filter(|r| !r.is_empty()).map_or((0, 0), |readings| {
            let first = *stored.entry(readings).or_insert_with(|| {
                let first = reading_count;
                for (pinyin, senses) in readings {
                    readings_bin.extend_from_slice(&(pinyin_text.len() as u32).to_le_bytes());
                    readings_bin.extend_from_slice(&(senses_text.len() as u32).to_le_bytes());
                    readings_bin.extend_from_slice(&(pinyin.len() as u16).to_le_bytes());
                    readings_bin.extend_from_slice(&(senses.len() as u16).to_le_bytes());
                    pinyin_text.push_str(pinyin);
                    senses_text.push_str(senses);
                    reading_count += 1;
                }
                first
            });
            assert!(first < 1 << 24, "too many CC-CEDICT readings for the lexicon's layout");
            // The first reading's pinyin, for the common lookup that needs nothing else.
            let at = 12 * first as usize;
            let pinyin_at = u32::from_le_bytes(readings_bin[at..at + 4].try_into().unwrap());
            assert!(pinyin_at < 1 << 24, "too much pinyin for the lexicon's layout");
            (first | (readings.len() as u32) << 24, pinyin_at << 8 | readings[0].0.len() as u32)
        });
        entries.extend_from_slice(&readings.to_le_bytes());
        entries.extend_from_slice(&first_pinyin.to_le_bytes());
    }
    assert!(words.len() < 1 << ID_BITS && distinct.len() < 1 << (32 - ID_BITS), "the lexicon outgrew its trie's units");
    let keyed: Vec<(&str, u32, u64)> = words
        .iter()
        .enumerate()
        .map(|(id, w)| (*w, id as u32 | class_of(w) << ID_BITS, frequencies.get(*w).map_or(0, |&f| u64::from(f))))
        .collect();
    let trie = char_trie::build(&keyed);

    // Per id: its tag's index in DICT_TAGS, u8::MAX for none.
    let mut tag_names: Vec<&str> = segmenter.tags.values().map(String::as_str).collect();
    tag_names.sort_unstable();
    tag_names.dedup();
    assert!(tag_names.len() < usize::from(u8::MAX), "too many part-of-speech tags for lexicon_tags.bin");
    let tags: Vec<u8> = words
        .iter()
        .map(|w| segmenter.tags.get(*w).map_or(u8::MAX, |t| tag_names.binary_search(&t.as_str()).unwrap() as u8))
        .collect();

    let out = std::env::var("OUT_DIR").unwrap();
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(Path::new(&out).join(name), bytes).unwrap_or_else(|e| panic!("cannot write {name}: {e}"))
    };
    write("lexicon.trie", &trie.units);
    write("lexicon_codes.bin", &trie.bmp_codes);
    write("lexicon_log_frequencies.bin", &log_frequencies);
    write("lexicon_readings.bin", &entries);
    write("lexicon_tags.bin", &tags);
    write("cedict_pinyin.txt", pinyin_text.as_bytes());
    write("cedict_senses.txt", senses_text.as_bytes());
    write("cedict_readings.bin", &readings_bin);
    let code = format!(
        "/// ln(total frequency) of the segmenter's dictionary.\npub const LOG_TOTAL: f64 = {:?};\n\
         /// A trie unit's value: word id | frequency class << ID_BITS.\nconst ID_BITS: u32 = {ID_BITS};\n\
         /// Number of CC-CEDICT headwords (simplified and traditional forms counted apart).\n\
         pub const CEDICT_HEADWORDS: usize = {};\n\
         /// Characters beyond the Basic Multilingual Plane and their codes, by character.\n\
         static ASTRAL_CODES: &[(char, u16)] = &{:?};\n\
         /// The segmenter dictionary's part-of-speech tags, as lexicon_tags.bin indexes them.\n\
         static DICT_TAGS: &[&str] = &{:?};\n",
        (total as f64).ln(),
        cedict.len(),
        trie.astral_codes,
        tag_names
    );
    write("lexicon.rs", code.as_bytes());
}

/// data/phrases/preferred.tsv: word -> preferred numbered pinyin (`#` lines are comments).
fn load_preferred() -> HashMap<String, String> {
    let text = std::fs::read_to_string(PREFERRED).unwrap_or_else(|e| panic!("cannot open {PREFERRED}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(w, p)| (w.to_string(), p.trim().to_string()))
        .collect()
}

/// `Traditional Simplified [pin1 yin1] /sense 1/sense 2/` -> parts, pinyin normalised.
fn parse_line(line: &str) -> Option<(&str, &str, String, String)> {
    let (trad, rest) = line.split_once(' ')?;
    let (simp, rest) = rest.split_once(' ')?;
    let rest = rest.strip_prefix('[')?;
    let (pinyin, rest) = rest.split_once(']')?;
    let senses = rest.trim().trim_matches('/').to_string();
    let pinyin =
        pinyin.split_whitespace().map(|s| s.replace("u:", "ü").replace("U:", "Ü")).collect::<Vec<_>>().join(" ");
    Some((trad, simp, pinyin, senses))
}

/// The largest char boundary of `s` at or below `max`.
fn floor_char_boundary(s: &str, max: usize) -> usize {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Embeds the shipped glossary (glossary/*.tsv, in name order) so the binary carries it.
fn bundle_glossaries() {
    println!("cargo:rerun-if-changed=glossary");
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("glossary");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "tsv"));
    files.sort();
    let mut code = String::from("&[\n");
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = format!("glossary/{}", file.file_name().unwrap().to_string_lossy());
        code.push_str(&format!("    ({name:?}, include_str!({:?})),\n", file.display().to_string()));
    }
    code.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("glossaries.rs");
    std::fs::write(out, code).expect("cannot write glossaries.rs");
}
