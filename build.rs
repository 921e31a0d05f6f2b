//! Compiles CC-CEDICT (data/cedict/) into a compact, sorted binary table that the library
//! embeds with `include_bytes!`, so looking a word up needs no parsing at start-up.
//!
//! Layout (little-endian):
//!   b"CEDICT01", u32 key_count, u32 key_offsets[key_count] (into the key area),
//!   u32 key_area_len, key area: per key u8 len, key bytes, u32 record offset (into records),
//!   records: u8 reading_count, per reading u8 pinyin_len, pinyin, u16 senses_len, senses.
//! Keys are the simplified and traditional headwords, sorted bytewise. A record's readings
//! are ordered most likely first (src/annotate/reading_rank.rs). Pinyin is numbered, ü written
//! ü, neutral tone 5, syllables separated by one space; senses are joined by '/'.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::path::Path;

#[path = "src/annotate/reading_rank.rs"]
mod reading_rank;
#[path = "src/table.rs"]
mod table;

const SOURCE: &str = "data/cedict/cedict_1_0_ts_utf-8_mdbg.txt.gz";
/// Which CC-CEDICT reading of an ambiguous word phrase-pinyin-data prefers (data/phrases/).
const PREFERRED: &str = "data/phrases/preferred.tsv";
/// jieba's word-frequency dictionary (data/jieba/).
const SEGMENTER_SOURCE: &str = "data/jieba/dict.txt.gz";

fn main() {
    bundle_glossaries();
    build_segmenter_dictionary();
    build_cedict();
}

/// CC-CEDICT as `cedict.bin` (layout above) and `cedict_index.bin`, a hash table
/// (src/table.rs) from each headword to where it is in the key area.
fn build_cedict() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=src/table.rs");
    println!("cargo:rerun-if-changed=src/annotate/reading_rank.rs");
    println!("cargo:rerun-if-changed={PREFERRED}");
    let preferred = load_preferred();
    let file = std::fs::File::open(SOURCE).unwrap_or_else(|e| panic!("cannot open {SOURCE}: {e}"));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));

    // headword -> readings (pinyin, senses) in source order, duplicates merged.
    let mut words: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for line in reader.lines() {
        let line = line.expect("CC-CEDICT is not valid gzip/UTF-8");
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((trad, simp, pinyin, senses)) = parse_line(&line) else {
            continue;
        };
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

    let mut records: Vec<u8> = Vec::new();
    let mut record_index: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut key_area: Vec<u8> = Vec::new();
    let mut key_offsets: Vec<u32> = Vec::new();
    for (word, mut readings) in words {
        if word.len() > 255 {
            continue;
        }
        // The reading phrase-pinyin-data gives the word comes first; the rest by penalty.
        let favourite = preferred.get(&word);
        readings.sort_by_cached_key(|(p, s)| {
            let favoured = favourite.is_some_and(|f| f == p);
            (!favoured, reading_rank::reading_penalty(&word, p, s, &default_syllable))
        });
        // A preferred reading CC-CEDICT lacks (a manual entry) is added with the first senses.
        if let Some(f) = favourite
            && !readings.iter().any(|(p, _)| p == f)
        {
            let senses = readings.first().map(|(_, s)| s.clone()).unwrap_or_default();
            readings.insert(0, (f.clone(), senses));
        }
        let mut record = vec![readings.len().min(255) as u8];
        for (pinyin, senses) in readings.iter().take(255) {
            let senses = truncate(senses, u16::MAX as usize);
            record.push(pinyin.len().min(255) as u8);
            record.extend_from_slice(&pinyin.as_bytes()[..pinyin.len().min(255)]);
            record.extend_from_slice(&(senses.len() as u16).to_le_bytes());
            record.extend_from_slice(senses.as_bytes());
        }
        let offset = *record_index.entry(record.clone()).or_insert_with(|| {
            let at = records.len() as u32;
            records.extend_from_slice(&record);
            at
        });
        key_offsets.push(key_area.len() as u32);
        key_area.push(word.len() as u8);
        key_area.extend_from_slice(word.as_bytes());
        key_area.extend_from_slice(&offset.to_le_bytes());
    }

    let mut blob = Vec::with_capacity(16 + key_offsets.len() * 4 + key_area.len() + records.len());
    blob.extend_from_slice(b"CEDICT01");
    blob.extend_from_slice(&(key_offsets.len() as u32).to_le_bytes());
    for o in &key_offsets {
        blob.extend_from_slice(&o.to_le_bytes());
    }
    blob.extend_from_slice(&(key_area.len() as u32).to_le_bytes());
    blob.extend_from_slice(&key_area);
    blob.extend_from_slice(&records);
    let out_dir = std::env::var("OUT_DIR").unwrap();
    let index = {
        let key_at = |i: usize| {
            let at = key_offsets[i] as usize;
            &key_area[at + 1..at + 1 + key_area[at] as usize]
        };
        table::build((0..key_offsets.len()).map(|i| (key_at(i), key_offsets[i])))
    };
    std::fs::write(Path::new(&out_dir).join("cedict_index.bin"), index).expect("cannot write cedict_index.bin");
    std::fs::write(Path::new(&out_dir).join("cedict.bin"), blob).expect("cannot write cedict.bin");
}

/// jieba's dictionary as `segmenter.fst`, an `fst` map from each word to its frequency, and
/// `segmenter.rs`, the natural log of the total frequency; read by src/segment/dag.rs.
fn build_segmenter_dictionary() {
    println!("cargo:rerun-if-changed={SEGMENTER_SOURCE}");
    let file = std::fs::File::open(SEGMENTER_SOURCE).unwrap_or_else(|e| panic!("cannot open {SEGMENTER_SOURCE}: {e}"));
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut words: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    let mut total: u64 = 0;
    for line in reader.lines() {
        let line = line.expect("the segmenter dictionary is not valid gzip/UTF-8");
        let mut fields = line.split_ascii_whitespace();
        let (Some(word), Some(freq)) = (fields.next(), fields.next()) else { continue };
        let freq: u64 = freq.parse().unwrap_or_else(|_| panic!("bad frequency in {SEGMENTER_SOURCE}: {line}"));
        total += freq;
        words.insert(word.as_bytes().to_vec(), freq);
    }
    let map = fst::Map::from_iter(words).expect("the segmenter dictionary builds an fst");
    let out_dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out_dir).join("segmenter.fst"), map.as_fst().as_bytes()).expect("cannot write fst");
    let code = format!(
        "/// ln(total frequency) of the segmenter's dictionary.\nconst LOG_TOTAL: f64 = {:?};\n",
        (total as f64).ln()
    );
    std::fs::write(Path::new(&out_dir).join("segmenter.rs"), code).expect("cannot write segmenter.rs");
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

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
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
