//! The Anki GUID of a vocabulary note: the same word and reading give the same id in every run,
//! version and article, so importing a newer deck updates notes instead of duplicating them.

/// The stable identifier of a word and its reading: 20 hexadecimal digits of a 128-bit
/// FNV-1a hash of `word<TAB>reading` (reading lower-cased), prefixed `dz`. The same word and
/// reading give the same id in every run, version and article.
pub(crate) fn stable_id(word: &str, reading: Option<&str>) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let key = format!("{word}\t{}", reading.unwrap_or("").to_lowercase());
    let mut hash = OFFSET;
    for byte in key.bytes() {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("dz{:020x}", hash >> 48)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_pinned() {
        // Changing these values breaks every learner's deck updates: Anki would import each
        // word again as a new note instead of updating the old one.
        assert_eq!(stable_id("银行", Some("yin2 hang2")), "dz30c5389be14cdde19e4f");
        assert_eq!(stable_id("行长", Some("hang2 zhang3")), "dz93650331709aa4121d36");
        assert_eq!(stable_id("TikTok", None), "dz12156415664ff78d5960");
        // The reading counts, in any case; the word alone does not decide.
        assert_eq!(stable_id("行", Some("HANG2")), stable_id("行", Some("hang2")));
        assert_ne!(stable_id("行", Some("hang2")), stable_id("行", Some("xing2")));
    }
}
