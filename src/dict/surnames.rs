//! Chinese surnames: which characters begin a person's name, and how a surname is read, which
//! is often not the character's everyday reading (单 Shàn, not dān; 曾 Zēng, not céng).

/// The most common single-character Chinese surnames, and the rarer ones read otherwise than
/// their everyday reading.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习温单解区仇朴盖查缪繁乐华种翟燕尉童柯岳祁耿庞伍聂冉葛骆倪裴樊詹霍卞褚鲍邢戚阮滕";

/// Common two-character surnames.
const COMPOUND_SURNAMES: [&str; 10] = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "慕容", "令狐", "万俟"];

/// Surnames whose reading as a surname differs from the character's everyday reading, in
/// numbered form, capitalised.
const READINGS: [(&str, &str); 22] = [
    ("单", "Shan4"),
    ("解", "Xie4"),
    ("曾", "Zeng1"),
    ("区", "Ou1"),
    ("仇", "Qiu2"),
    ("朴", "Piao2"),
    ("覃", "Qin2"),
    ("盖", "Ge3"),
    ("查", "Zha1"),
    ("缪", "Miao4"),
    ("繁", "Po2"),
    ("乐", "Yue4"),
    ("华", "Hua4"),
    ("种", "Chong2"),
    ("翟", "Zhai2"),
    ("燕", "Yan1"),
    ("尉", "Wei4"),
    ("任", "Ren2"),
    ("尉迟", "Yu4 chi2"),
    ("万俟", "Mo4 qi2"),
    ("令狐", "Ling2 hu2"),
    ("长孙", "Zhang3 sun1"),
];

/// The length in bytes of the surname `name` begins with (a compound surname first), if any.
pub fn surname_len(name: &str) -> Option<usize> {
    let first = name.chars().next()?;
    // Asked of most words: one bit test, then the sorted table.
    if !may_begin(first) {
        return None;
    }
    let (_, single) = starts().binary_search_by_key(&first, |&(c, _)| c).ok().map(|i| starts()[i])?;
    if let Some(compound) = COMPOUND_SURNAMES.iter().find(|s| name.starts_with(*s)) {
        return Some(compound.len());
    }
    single.then_some(first.len_utf8())
}

/// Whether a surname may begin with `c`: one bit test, as it is asked of every word.
pub fn may_begin(c: char) -> bool {
    let c = c as usize;
    c >= FIRST_HAN && SURNAME_STARTS.get((c - FIRST_HAN) / 64).is_some_and(|bits| bits & (1 << (c % 64)) != 0)
}

/// The first code point of the CJK Unified Ideographs block, where every surname begins.
const FIRST_HAN: usize = 0x4E00;

/// One bit per character of the CJK Unified Ideographs block: a surname begins with it.
static SURNAME_STARTS: [u64; 0x5200 / 64] = {
    let mut bits = [0u64; 0x5200 / 64];
    let mut texts = [SURNAMES; 1 + COMPOUND_SURNAMES.len()];
    let mut i = 0;
    while i < COMPOUND_SURNAMES.len() {
        texts[i + 1] = COMPOUND_SURNAMES[i];
        i += 1;
    }
    let mut t = 0;
    while t < texts.len() {
        let bytes = texts[t].as_bytes();
        let mut at = 0;
        while at + 2 < bytes.len() {
            // Every surname character is a three-byte UTF-8 sequence; a compound surname's
            // first character only.
            let c = ((bytes[at] as usize & 0x0F) << 12)
                | ((bytes[at + 1] as usize & 0x3F) << 6)
                | (bytes[at + 2] as usize & 0x3F);
            bits[(c - FIRST_HAN) / 64] |= 1 << (c % 64);
            at += if t == 0 { 3 } else { bytes.len() };
        }
        t += 1;
    }
    bits
};

/// The characters a surname begins with, sorted, each with whether it is a surname alone.
fn starts() -> &'static [(char, bool)] {
    static STARTS: std::sync::OnceLock<Vec<(char, bool)>> = std::sync::OnceLock::new();
    STARTS.get_or_init(|| {
        let mut starts: Vec<(char, bool)> = SURNAMES.chars().map(|c| (c, true)).collect();
        for compound in COMPOUND_SURNAMES {
            let first = compound.chars().next().expect("a compound surname has characters");
            if !starts.iter().any(|&(c, _)| c == first) {
                starts.push((first, false));
            }
        }
        starts.sort_unstable();
        starts
    })
}

/// How `surname` is read as a surname, when that differs from its everyday reading.
pub fn reading(surname: &str) -> Option<&'static str> {
    READINGS.iter().find(|(s, _)| *s == surname).map(|(_, r)| *r)
}

/// Words after which a single surname is a person's (titles, forms of address), each with how
/// English writes the person (`{}` is the surname): 刘先生 "Mr. Liu", 张老师 "Teacher Zhang".
const TITLES: [(&str, &str); 30] = [
    ("先生", "Mr. {}"),
    ("女士", "Ms. {}"),
    ("小姐", "Miss {}"),
    ("太太", "Mrs. {}"),
    ("老师", "Teacher {}"),
    ("教授", "Professor {}"),
    ("医生", "Dr. {}"),
    ("大夫", "Dr. {}"),
    ("博士", "Dr. {}"),
    ("律师", "Lawyer {}"),
    ("书记", "Secretary {}"),
    ("主任", "Director {}"),
    ("局长", "Director {}"),
    ("部长", "Minister {}"),
    ("市长", "Mayor {}"),
    ("省长", "Governor {}"),
    ("县长", "County Head {}"),
    ("校长", "Principal {}"),
    ("院长", "Dean {}"),
    ("经理", "Manager {}"),
    ("总", "{}, the boss"),
    ("董", "Chairman {}"),
    ("老板", "Boss {}"),
    ("同志", "Comrade {}"),
    ("师傅", "Master {}"),
    ("老", "{}, the respected elder"),
    ("某", "a certain {}"),
    ("氏", "the {} family"),
    ("姓", "surnamed {}"),
    ("家", "the {} family"),
];

/// How English writes a person called by `title` after the surname (`{}`), when `title` is one
/// of the titles and forms of address a surname stands before (先生, 老师, 总 ...).
pub fn title(title: &str) -> Option<&'static str> {
    TITLES.iter().find(|(t, _)| *t == title).map(|&(_, english)| english)
}

/// Whether `c` begins one of the titles of [`title`]: most words are let go at this test,
/// so it is one comparison, not a search.
pub fn is_title_start(c: char) -> bool {
    matches!(
        c,
        '先' | '女'
            | '小'
            | '太'
            | '老'
            | '教'
            | '医'
            | '大'
            | '博'
            | '律'
            | '书'
            | '主'
            | '局'
            | '部'
            | '市'
            | '省'
            | '县'
            | '校'
            | '院'
            | '经'
            | '总'
            | '董'
            | '同'
            | '师'
            | '某'
            | '氏'
            | '姓'
            | '家'
    )
}

/// A word that may be a person's name by its shape: two to four Han characters beginning with
/// a surname, and more than the surname.
pub fn may_be_name(word: &str) -> bool {
    if !word.chars().next().is_some_and(may_begin) {
        return false;
    }
    let count = word.chars().count();
    (2..=4).contains(&count)
        && word.chars().all(crate::text::is_han)
        && surname_len(word).is_some_and(|len| len < word.len())
        && !is_verb_reduplication(word)
}

/// A verb said twice around 一, 了 or 不 (查一查, 看了看, 管不管): never a person's name, though
/// it begins with a surname.
fn is_verb_reduplication(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next(), cs.next(), cs.next()), (Some(a), Some('一' | '了' | '不'), Some(b), None) if a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bit_table_knows_every_surname_start() {
        for c in ('\u{4E00}'..='\u{9FFF}').chain(['a', '。', '\u{20000}']) {
            assert_eq!(may_begin(c), starts().binary_search_by_key(&c, |&(s, _)| s).is_ok(), "{c}");
        }
    }

    #[test]
    fn surnames_and_readings() {
        assert_eq!(surname_len("欧阳修"), Some(6));
        assert_eq!(surname_len("单田芳"), Some(3));
        assert_eq!(surname_len("的确"), None);
        assert_eq!(reading("单"), Some("Shan4"));
        assert_eq!(reading("王"), None);
        assert!(may_be_name("张伟") && may_be_name("李欧梵"));
        for (title, _) in TITLES {
            assert!(is_title_start(title.chars().next().unwrap()), "{title}");
        }
        assert_eq!(title("先生"), Some("Mr. {}"));
        assert_eq!(title("先"), None);
        assert!(!may_be_name("张") && !may_be_name("欧阳") && !may_be_name("张三丰的人"));
        assert!(!may_be_name("查一查") && !may_be_name("管不管") && may_be_name("张一山"));
    }
}
