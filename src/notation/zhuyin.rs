//! Zhuyin (bopomofo): a numbered pinyin syllable written in the phonetic alphabet taught in
//! Taiwan, with its tone mark after the syllable (ˊ ˇ ˋ) or, for the neutral tone, a dot
//! before it (˙); the first tone has no mark.

/// The initials, two-letter ones first so `zh` is not read as `z` + `h`.
const INITIALS: [(&str, &str); 21] = [
    ("zh", "ㄓ"),
    ("ch", "ㄔ"),
    ("sh", "ㄕ"),
    ("b", "ㄅ"),
    ("p", "ㄆ"),
    ("m", "ㄇ"),
    ("f", "ㄈ"),
    ("d", "ㄉ"),
    ("t", "ㄊ"),
    ("n", "ㄋ"),
    ("l", "ㄌ"),
    ("g", "ㄍ"),
    ("k", "ㄎ"),
    ("h", "ㄏ"),
    ("j", "ㄐ"),
    ("q", "ㄑ"),
    ("x", "ㄒ"),
    ("r", "ㄖ"),
    ("z", "ㄗ"),
    ("c", "ㄘ"),
    ("s", "ㄙ"),
];

/// Finals in their full written form (`iou`, `uei`, `uen`, `ü`...), after the y/w spellings
/// and the abbreviations `iu`, `ui`, `un` have been undone.
const FINALS: [(&str, &str); 39] = [
    ("a", "ㄚ"),
    ("o", "ㄛ"),
    ("e", "ㄜ"),
    ("ê", "ㄝ"),
    ("ai", "ㄞ"),
    ("ei", "ㄟ"),
    ("ao", "ㄠ"),
    ("ou", "ㄡ"),
    ("an", "ㄢ"),
    ("en", "ㄣ"),
    ("ang", "ㄤ"),
    ("eng", "ㄥ"),
    ("ong", "ㄨㄥ"),
    ("er", "ㄦ"),
    ("i", "ㄧ"),
    ("ia", "ㄧㄚ"),
    ("io", "ㄧㄛ"),
    ("ie", "ㄧㄝ"),
    ("iai", "ㄧㄞ"),
    ("iao", "ㄧㄠ"),
    ("iou", "ㄧㄡ"),
    ("ian", "ㄧㄢ"),
    ("in", "ㄧㄣ"),
    ("iang", "ㄧㄤ"),
    ("ing", "ㄧㄥ"),
    ("iong", "ㄩㄥ"),
    ("u", "ㄨ"),
    ("ua", "ㄨㄚ"),
    ("uo", "ㄨㄛ"),
    ("uai", "ㄨㄞ"),
    ("uei", "ㄨㄟ"),
    ("uan", "ㄨㄢ"),
    ("uen", "ㄨㄣ"),
    ("uang", "ㄨㄤ"),
    ("ueng", "ㄨㄥ"),
    ("ü", "ㄩ"),
    ("üe", "ㄩㄝ"),
    ("üan", "ㄩㄢ"),
    ("ün", "ㄩㄣ"),
];

/// Writes the letters of one syllable (no tone digit; `zhong`, `lü`, `Bei`) with `tone` 1-5 in
/// zhuyin, or `None` when the letters are not a Mandarin syllable.
pub fn syllable(letters: &str, tone: u8) -> Option<String> {
    let lower = letters.to_lowercase().replace('v', "ü");
    let body = match lower.as_str() {
        // Syllabic nasals of interjections (呣 m, 嗯 n, ng).
        "m" => "ㄇ".to_string(),
        "n" => "ㄋ".to_string(),
        "ng" => "ㄫ".to_string(),
        // The erhua syllable CC-CEDICT writes after a word (一点儿 yi1 dian3 r5).
        "r" => "ㄦ".to_string(),
        _ => spell(&lower)?,
    };
    let mut out = String::with_capacity(body.len() + 3);
    if tone == 5 {
        out.push('˙');
    }
    out.push_str(&body);
    match tone {
        2 => out.push('ˊ'),
        3 => out.push('ˇ'),
        4 => out.push('ˋ'),
        _ => {}
    }
    Some(out)
}

fn spell(lower: &str) -> Option<String> {
    // Undo the y/w spellings: yi -> i, ya -> ia, yu -> ü, wu -> u, wa -> ua ...
    let undone = if let Some(rest) = lower.strip_prefix("yu") {
        format!("ü{rest}")
    } else if let Some(rest) = lower.strip_prefix("yi") {
        format!("i{rest}")
    } else if let Some(rest) = lower.strip_prefix('y') {
        format!("i{rest}")
    } else if let Some(rest) = lower.strip_prefix("wu") {
        format!("u{rest}")
    } else if let Some(rest) = lower.strip_prefix('w') {
        format!("u{rest}")
    } else {
        lower.to_string()
    };
    let (initial, symbol) = INITIALS.iter().find(|(i, _)| undone.starts_with(i)).map_or(("", ""), |&(i, s)| (i, s));
    let mut fin = undone[initial.len()..].to_string();
    if fin.is_empty() {
        return None;
    }
    // After j, q and x, u is ü (ju, quan, xun).
    if matches!(initial, "j" | "q" | "x") && fin.starts_with('u') {
        fin = format!("ü{}", &fin[1..]);
    }
    // zhi, chi, shi, ri, zi, ci, si: the i is not written.
    if fin == "i" && matches!(initial, "zh" | "ch" | "sh" | "r" | "z" | "c" | "s") {
        return Some(symbol.to_string());
    }
    let fin = match fin.as_str() {
        "iu" => "iou",
        "ui" => "uei",
        "un" => "uen",
        other => other,
    };
    let (_, final_symbol) = FINALS.iter().find(|(f, _)| *f == fin)?;
    Some(format!("{symbol}{final_symbol}"))
}

#[cfg(test)]
mod tests {
    use super::syllable;

    fn z(letters: &str, tone: u8) -> String {
        syllable(letters, tone).unwrap_or_else(|| panic!("{letters}{tone} has a zhuyin spelling"))
    }

    #[test]
    fn spells_syllables() {
        assert_eq!(z("zhong", 1), "ㄓㄨㄥ");
        assert_eq!(z("guo", 2), "ㄍㄨㄛˊ");
        assert_eq!(z("Bei", 3), "ㄅㄟˇ");
        assert_eq!(z("jing", 1), "ㄐㄧㄥ");
        assert_eq!(z("shi", 4), "ㄕˋ");
        assert_eq!(z("de", 5), "˙ㄉㄜ");
        assert_eq!(z("lü", 4), "ㄌㄩˋ");
        assert_eq!(z("lv", 4), "ㄌㄩˋ");
        assert_eq!(z("xue", 2), "ㄒㄩㄝˊ");
        assert_eq!(z("quan", 2), "ㄑㄩㄢˊ");
        assert_eq!(z("jiu", 3), "ㄐㄧㄡˇ");
        assert_eq!(z("dui", 4), "ㄉㄨㄟˋ");
        assert_eq!(z("lun", 4), "ㄌㄨㄣˋ");
        assert_eq!(z("yi", 1), "ㄧ");
        assert_eq!(z("you", 3), "ㄧㄡˇ");
        assert_eq!(z("yuan", 2), "ㄩㄢˊ");
        assert_eq!(z("yong", 3), "ㄩㄥˇ");
        assert_eq!(z("wo", 3), "ㄨㄛˇ");
        assert_eq!(z("weng", 1), "ㄨㄥ");
        assert_eq!(z("er", 2), "ㄦˊ");
        assert_eq!(z("r", 5), "˙ㄦ");
        assert_eq!(z("xiong", 2), "ㄒㄩㄥˊ");
        assert_eq!(z("si", 1), "ㄙ");
        assert_eq!(z("n", 2), "ㄋˊ");
        assert!(syllable("TikTok", 1).is_none());
    }
}
