//! CC-CEDICT, compiled by `build.rs` into a sorted binary table and embedded in the binary:
//! a lookup is a probe of a hash table over the headwords, with nothing parsed at start-up.
//! Data: CC-CEDICT by MDBG, CC BY-SA 4.0 (see data/cedict/README.md).

use crate::table::read_u32;

/// The embedded table (layout documented in build.rs).
static CEDICT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cedict.bin"));
/// A hash table from each headword to its place in the key area (src/table.rs).
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cedict_index.bin"));

/// One reading of a headword with its English senses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DictReading {
    /// Numbered pinyin, syllables separated by spaces (`yin2 hang2`, ü written ü, 5 = neutral).
    pub pinyin: &'static str,
    /// English senses separated by '/'.
    pub senses: &'static str,
}

impl DictReading {
    /// The first `n` senses that say what the word means (no classifier or "variant of" lines).
    pub fn first_senses(&self, n: usize) -> Vec<&'static str> {
        let all: Vec<&str> = self.senses.split('/').filter(|s| !s.trim().is_empty()).collect();
        let meaningful: Vec<&str> = all
            .iter()
            .copied()
            .filter(|s| !s.starts_with("CL:") && !s.starts_with("variant of") && !s.starts_with("old variant of"))
            .take(n)
            .collect();
        if meaningful.is_empty() { all.into_iter().take(n).collect() } else { meaningful }
    }
}

/// Looks words up in the embedded CC-CEDICT (simplified and traditional headwords).
#[derive(Debug, Clone, Copy)]
pub struct Dictionary {
    blob: &'static [u8],
    keys: usize,
}

impl Dictionary {
    /// The dictionary compiled into the binary.
    pub fn builtin() -> Dictionary {
        assert_eq!(&CEDICT[..8], b"CEDICT01", "embedded dictionary has the wrong format");
        Dictionary { blob: CEDICT, keys: read_u32(CEDICT, 8) as usize }
    }

    /// Number of headwords (simplified and traditional forms counted separately).
    pub fn len(&self) -> usize {
        self.keys
    }

    /// True when the table has no headwords.
    pub fn is_empty(&self) -> bool {
        self.keys == 0
    }

    /// The readings of `word`, most likely first; empty when the word is not in CC-CEDICT.
    pub fn lookup(&self, word: &str) -> Vec<DictReading> {
        self.record(word).map(|at| self.readings(at)).unwrap_or_default()
    }

    /// The most likely reading of `word`.
    pub fn best(&self, word: &str) -> Option<DictReading> {
        let (at, count) = self.first_reading(self.record(word)?);
        (count > 0).then(|| self.reading_at(at).0)
    }

    /// True when `word` is a headword.
    pub fn contains(&self, word: &str) -> bool {
        self.record(word).is_some()
    }

    fn key_area(&self) -> (usize, usize) {
        let offsets_end = 12 + 4 * self.keys;
        let area_len = read_u32(self.blob, offsets_end) as usize;
        (offsets_end + 4, area_len)
    }

    /// Offset of `word`'s record in the records area, through the hash index (which gives
    /// where the key is in the key area: per key u8 len, key bytes, u32 record offset).
    fn record(&self, word: &str) -> Option<usize> {
        let (area, _) = self.key_area();
        let blob: &'static [u8] = self.blob;
        let key_at = |at: u32| {
            let at = area + at as usize;
            &blob[at + 1..at + 1 + blob[at] as usize]
        };
        let at = area + crate::table::get(INDEX, word.as_bytes(), key_at)? as usize;
        Some(read_u32(blob, at + 1 + blob[at] as usize) as usize)
    }

    fn readings(&self, record: usize) -> Vec<DictReading> {
        let (mut at, count) = self.first_reading(record);
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            let (reading, next) = self.reading_at(at);
            out.push(reading);
            at = next;
        }
        out
    }

    /// Where the record's first reading starts, and how many readings it has.
    fn first_reading(&self, record: usize) -> (usize, usize) {
        let (area, area_len) = self.key_area();
        let at = area + area_len + record;
        (at + 1, self.blob[at] as usize)
    }

    /// The reading at `at`, and where the next one starts.
    fn reading_at(&self, at: usize) -> (DictReading, usize) {
        let blob: &'static [u8] = self.blob;
        let py_len = blob[at] as usize;
        let pinyin = as_str(&blob[at + 1..at + 1 + py_len]);
        let at = at + 1 + py_len;
        let senses_len = u16::from_le_bytes([blob[at], blob[at + 1]]) as usize;
        let senses = as_str(&blob[at + 2..at + 2 + senses_len]);
        (DictReading { pinyin, senses }, at + 2 + senses_len)
    }
}

/// build.rs writes only whole UTF-8 strings; anything else reads as empty rather than panicking.
fn as_str(bytes: &'static [u8]) -> &'static str {
    std::str::from_utf8(bytes).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_ranking() {
        let d = Dictionary::builtin();
        assert!(d.len() > 100_000);
        assert_eq!(d.best("银行").unwrap().pinyin, "yin2 hang2");
        assert_eq!(d.best("銀行").unwrap().pinyin, "yin2 hang2");
        assert_eq!(d.best("了解").unwrap().pinyin, "liao3 jie3");
        // CC-CEDICT lists hang2 first; the everyday reading must win.
        assert_eq!(d.best("行").unwrap().pinyin, "xing2");
        assert!(d.best("银行").unwrap().first_senses(2).contains(&"bank"));
        assert!(d.best("不存在的词语啊").is_none());
    }
}
