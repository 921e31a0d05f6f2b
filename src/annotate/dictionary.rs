//! CC-CEDICT, compiled by `build.rs` into a sorted binary table and embedded in the binary:
//! a lookup is a binary search over the table, with nothing parsed at start-up.
//! Data: CC-CEDICT by MDBG, CC BY-SA 4.0 (see data/cedict/README.md).

/// The embedded table (layout documented in build.rs).
static CEDICT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cedict.bin"));

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
        self.record(word).and_then(|at| self.readings(at).into_iter().next())
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

    /// Offset of `word`'s record in the records area, by binary search over the sorted keys.
    fn record(&self, word: &str) -> Option<usize> {
        let (area, _) = self.key_area();
        let key_at = |i: usize| -> (&[u8], usize) {
            let at = area + read_u32(self.blob, 12 + 4 * i) as usize;
            let len = self.blob[at] as usize;
            (&self.blob[at + 1..at + 1 + len], read_u32(self.blob, at + 1 + len) as usize)
        };
        let (mut lo, mut hi) = (0, self.keys);
        let target = word.as_bytes();
        while lo < hi {
            let mid = (lo + hi) / 2;
            let (key, record) = key_at(mid);
            match key.cmp(target) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(record),
            }
        }
        None
    }

    fn readings(&self, record: usize) -> Vec<DictReading> {
        let (area, area_len) = self.key_area();
        let blob: &'static [u8] = self.blob;
        let mut at = area + area_len + record;
        let count = blob[at] as usize;
        at += 1;
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            let py_len = blob[at] as usize;
            let pinyin = as_str(&blob[at + 1..at + 1 + py_len]);
            at += 1 + py_len;
            let senses_len = u16::from_le_bytes([blob[at], blob[at + 1]]) as usize;
            let senses = as_str(&blob[at + 2..at + 2 + senses_len]);
            at += 2 + senses_len;
            out.push(DictReading { pinyin, senses });
        }
        out
    }
}

fn read_u32(blob: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([blob[at], blob[at + 1], blob[at + 2], blob[at + 3]])
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
