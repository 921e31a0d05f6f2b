//! Function words and common verbs whose reading running text decides by grammar, not by the
//! characters around them: adverbial 地 (认真地学习 de, 在地上 dì), the classifier 只 (一只猫
//! zhī), 着 zháo (睡着了), 相 xiāng before a verb (相结合), 累 lèi (很累), 干 gàn (干了,
//! 不干), 倒 dǎo (倒了), 行 háng as a classifier (两行), 率 lǜ after a noun (贡献率), 应 yìng
//! (应道), 处 chǔ (处…徒刑), 当 dàng (把我当朋友), and the word 多重 asking how heavy (有多重？
//! duō zhòng). The polyphone decision list learned these from balanced benchmark sentences,
//! where the everyday patterns are rare; these rules are written from the grammar, use the
//! part-of-speech tags of jieba's dictionary for the neighbouring words, and run after the
//! decision list, only on a character that stands alone as a token (or that word), and only
//! where a pattern says so.

use crate::dict::lexicon;
use crate::readings::reads::Reads;
use crate::text::is_han;

/// Characters that end a numeral (一只, 三行, 几只).
const NUMERALS: &str = "一二三四五六七八九十两几百千万半数0123456789";

/// The characters the rules are about.
fn has_rules(c: char) -> bool {
    matches!(
        c,
        '地' | '只'
            | '行'
            | '着'
            | '相'
            | '累'
            | '干'
            | '倒'
            | '率'
            | '应'
            | '处'
            | '为'
            | '差'
            | '更'
            | '卡'
            | '呗'
            | '长'
            | '还'
            | '当'
    )
}

/// The reading the rules give the token at `t` (a single character), or `None`.
fn decide<T: Reads>(tokens: &[T], t: usize) -> Option<&'static str> {
    let text = tokens[t].text();
    let before = t.checked_sub(1).map(|i| tokens[i].text());
    let after = tokens.get(t + 1).map(Reads::text);
    let before_is = |words: &[&str]| before.is_some_and(|b| words.contains(&b));
    let after_is = |words: &[&str]| after.is_some_and(|a| words.contains(&a));
    let after_word = after.filter(|a| a.chars().next().is_some_and(is_han));
    let numeral_before = before.and_then(|b| b.chars().last()).is_some_and(|c| NUMERALS.contains(c))
        || before_is(&["这", "那", "哪", "每", "某", "多少"]);
    match text {
        "地" => {
            let place = [
                "在", "于", "从", "到", "落", "倒", "满", "遍", "各", "此", "该", "原", "着", "入", "踏", "席", "的",
                "片", "块", "亩", "之",
            ];
            if before_is(&place) || (numeral_before && !before.is_some_and(is_modifier)) {
                return Some("di4");
            }
            // An adverbial: after an adjective, adverb, idiom or reduplication, or before the
            // verb phrase it modifies.
            let modifier = before.is_some_and(is_modifier);
            let opening = after_is(&["“", "「", "『", "‘"]);
            let verb_after = after_word.is_some_and(|a| tag_of(a).is_some_and(|t| matches!(&t[..1], "v" | "d" | "p")));
            ((modifier && (after_word.is_some() || opening))
                || verb_after
                || (opening && before.is_some_and(|b| b.chars().all(is_han))))
            .then_some("de5")
        }
        "只" => (numeral_before && !after_is(&["有", "是", "要", "能", "会", "好", "得", "因", "因为", "在"]))
            .then_some("zhi1"),
        "行" => (numeral_before && !before_is(&["一", "这", "那"]) && !after.is_some_and(is_verb)).then_some("hang2"),
        "着" => {
            let caught =
                before.and_then(|b| b.chars().last()).is_some_and(|c| "睡找猜烧够摸见犯逮抓捉碰遇赶点".contains(c));
            (caught && after_is(&["了", "没", "吗", "呢", "。", "，", "！"])).then_some("zhao2")
        }
        "相" => after_word.is_some_and(|a| a != "的").then_some("xiang1"),
        "累" => {
            let degree =
                ["很", "太", "好", "真", "挺", "不", "也", "都", "多", "最", "可", "特别", "非常", "有点", "有些"];
            (before_is(&degree) || after_is(&["了", "死", "坏", "得", "垮", "着", "。", "，", "！", "？"]))
                .then_some("lei4")
        }
        "干" => {
            // Standing alone, 干 is mostly the verb 'do'; 'dry' after a verb of drying, before
            // 净/燥/巴, doubled, or before a noun.
            let drying = [
                "晒", "晾", "烤", "风", "擦", "吹", "烘", "喝", "吃", "哭", "榨", "弄", "洗", "烧", "熬", "蒸", "抹",
                "舔", "流", "拧", "吸", "干", "鱼", "肉", "菜", "牛肉", "豆腐", "萝卜", "笋",
            ];
            let dry = before_is(&drying)
                || after_is(&["净", "燥", "巴", "枯", "瘪", "涸", "干", "干净", "干净净"])
                || after_word.is_some_and(|a| tag_of(a).is_some_and(|t| t == "n"));
            (!dry).then_some("gan4")
        }
        "倒" => {
            let fall = ["了", "下", "在", "地", "塌", "台", "闭", "下去", "下来"];
            let felled = ["摔", "跌", "打", "推", "撞", "绊", "击", "扳", "病", "晕", "吓", "压", "栽", "放"];
            (after_is(&fall) || before_is(&felled)).then_some("dao3")
        }
        "率" => {
            // A rate after the word it measures (刷新率, 贡献率), unless a noun follows (将军率军).
            let measured = before.is_some_and(|b| b.chars().nth(1).is_some() && b.chars().all(is_han));
            let noun_after = after_word.is_some_and(|a| tag_of(a).is_some_and(|t| t.starts_with('n')));
            (measured && !noun_after).then_some("lü4")
        }
        "为" => {
            // 'For' after an adverb or a modal verb (最后为这些人, 不想为他们); 以…为 is 'as'.
            let clause = tokens[..t]
                .iter()
                .rev()
                .map(Reads::text)
                .take_while(|w| !w.starts_with(['，', '。', '；', '！', '？']));
            let as_in_yi = clause.take(8).any(|w| w == "以");
            let modal = [
                "想", "要", "愿", "肯", "愿意", "会", "能", "应", "应该", "可以", "正在", "在", "最后", "专门", "特地",
                "特意", "而", "不想", "不愿", "愿意",
            ];
            let adverb = before.is_some_and(|b| tag_of(b).is_some_and(|t| t == "d"));
            let followed = after.is_some_and(|a| a.chars().next().is_some_and(|c| is_han(c) || c.is_alphanumeric()));
            if before_is(&["是"]) {
                return Some("wei2");
            }
            (!as_in_yi && (before_is(&modal) || adverb) && followed).then_some("wei4")
        }
        "差" => {
            let degree = ["很", "太", "较", "比较", "最", "更", "特别", "非常", "不", "真", "挺", "好", "极", "越来越"];
            (before_is(&degree)
                || (after.is_none_or(|a| !a.chars().next().is_some_and(is_han))
                    && before.is_some_and(|b| tag_of(b).is_some_and(|t| t == "d"))))
            .then_some("cha4")
        }
        "更" => (!numeral_before).then_some("geng4"),
        "卡" => after_is(&["在", "住", "着", "了", "到"]).then_some("qia3"),
        "呗" => Some("bei5"),
        "长" => {
            let degree = ["很", "太", "更", "最", "较", "比较", "挺", "好", "这么", "那么", "多", "特别", "非常", "不"];
            let grows = ["得", "出", "出来", "着", "成", "满", "在", "起来", "高", "胖", "歪", "大了"];
            (!before_is(&degree) && after_is(&grows)).then_some("zhang3")
        }
        "还" => after_is(&["钱", "债", "账", "款", "贷款", "清", "回来", "回去", "给"]).then_some("huan2"),
        "应" => after_is(&["道", "声", "了一声"]).then_some("ying4"),
        "当" => {
            // Taking one thing for another: 把我当朋友, 拿他当孩子 (dàng).
            let clause = tokens[..t].iter().rev().map(Reads::text).take_while(|w| w.chars().all(is_han)).take(4);
            (clause.into_iter().any(|w| w == "把" || w == "拿") && after_word.is_some()).then_some("dang4")
        }
        "处" => {
            let sentence = tokens[t + 1..].iter().take(6).map(Reads::text);
            let punishment = ["徒刑", "死刑", "罚款", "罚金", "拘役", "有期徒刑", "无期徒刑", "极刑"];
            (before_is(&["判", "被", "并", "将", "可"]) || sentence.clone().any(|w| punishment.contains(&w)))
                .then_some("chu3")
        }
        _ => None,
    }
}

/// 多重 asking how heavy (有多重？, 这么多重吗): duō zhòng, not the adjective 'multiple'
/// (多重国籍 duōchóng), which comes before what it describes.
fn how_heavy<T: Reads>(tokens: &[T], t: usize) -> Option<&'static str> {
    let before = t.checked_sub(1).map(|i| tokens[i].text());
    let after = tokens.get(t + 1).map(Reads::text);
    let asking = before.is_some_and(|b| ["有", "没有", "有没有", "这么", "那么", "该有"].contains(&b));
    let ends = after
        .is_none_or(|a| ["吗", "呢", "啊", "呀", "了", "吧"].contains(&a) || !a.chars().next().is_some_and(is_han));
    (asking && ends).then_some("duo1 zhong4")
}

/// The word's tag in jieba's dictionary.
fn tag_of(word: &str) -> Option<&'static str> {
    lexicon::id(word).and_then(lexicon::dictionary_tag)
}

/// A verb by its tag (v, vd, vn, vi...).
fn is_verb(word: &str) -> bool {
    tag_of(word).is_some_and(|t| t.starts_with('v'))
}

/// A word that can stand before adverbial 地: an adjective, adverb, idiom or set phrase,
/// a reduplication (慢慢, 高高兴兴), or a word ending in 性/般/然/样 (创造性, 奇迹般, 突然).
fn is_modifier(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() >= 2 && (chars[0] == chars[1] || chars.len() == 4 && chars[2] == chars[3]) {
        return true;
    }
    if chars.last().is_some_and(|c| "性般然样式".contains(*c)) && (chars.len() >= 2 || "般样".contains(chars[0]))
    {
        return true;
    }
    tag_of(word).is_some_and(|t| matches!(t, "a" | "ad" | "an" | "d" | "i" | "l" | "z" | "b"))
        || (chars.len() == 4 && tag_of(word).is_none() && chars.iter().all(|&c| is_han(c)))
}

/// Applies the rules to every single-character token whose reading was not given, and returns
/// the indices of the tokens whose reading changed.
pub fn apply<T: Reads>(tokens: &mut [T]) -> Vec<usize> {
    let mut changes = Vec::new();
    for t in 0..tokens.len() {
        let token = &tokens[t];
        let text = token.text();
        // The characters with rules are three bytes long: most tokens stop here.
        let decided = match text.len() {
            3 if text.chars().next().is_some_and(has_rules) => decide(tokens, t),
            6 if text == "多重" => how_heavy(tokens, t),
            _ => continue,
        };
        if token.reading_given() {
            continue;
        }
        if let Some(reading) = decided
            && token.reading().is_some_and(|r| !r.eq_ignore_ascii_case(reading))
        {
            changes.push((t, reading));
        }
    }
    let mut changed = Vec::with_capacity(changes.len());
    for (t, reading) in changes {
        tokens[t].set_reading(reading.to_string());
        changed.push(t);
    }
    changed
}

#[cfg(test)]
mod tests {
    use crate::dict::glossary::Glossary;
    use crate::readings::polyphone;
    use crate::transcribe::line::line_words;

    /// The reading of the token `word` in `line` after the decision list and these rules.
    fn reading_in(line: &str, word: &str) -> String {
        let glossary = Glossary::default();
        let mut words = line_words(line, &glossary);
        polyphone::apply(&mut words, false);
        super::apply(&mut words);
        let found = words.iter().find(|w| w.text == word).unwrap_or_else(|| panic!("{word} not a token of {line}"));
        found.reading.as_str().unwrap_or("").to_string()
    }

    #[test]
    fn adverbial_de_and_ground_di() {
        assert_eq!(reading_in("他坚定不移地推进改革。", "地"), "de5");
        assert_eq!(reading_in("价格显著地提高了。", "地"), "de5");
        assert_eq!(reading_in("他静静地嚼着。", "地"), "de5");
        assert_eq!(reading_in("孩子摔倒在地。", "地"), "di4");
    }

    #[test]
    fn classifiers() {
        assert_eq!(reading_in("我看见一只猫。", "只"), "zhi1");
        assert_eq!(reading_in("你这只小狗。", "只"), "zhi1");
        assert_eq!(reading_in("我们每个阶段只选择一个。", "只"), "zhi3");
        assert_eq!(reading_in("流下两行眼泪。", "行"), "hang2");
    }

    #[test]
    fn verbs_read_by_grammar() {
        assert_eq!(reading_in("他很累，想睡觉。", "累"), "lei4");
        assert_eq!(reading_in("计划与市场相结合。", "相"), "xiang1");
        assert_eq!(reading_in("他跟我们一起干了三年。", "干"), "gan4");
        assert_eq!(reading_in("大坝倒了。", "倒"), "dao3");
        assert_eq!(reading_in("火烧着了。", "着"), "zhao2");
        assert_eq!(reading_in("他看着我。", "着"), "zhe5");
        assert_eq!(reading_in("增长贡献率超过一半。", "率"), "lü4");
        assert_eq!(reading_in("老人应道：来了。", "应"), "ying4");
        assert_eq!(reading_in("草长出来了。", "长"), "zhang3");
        assert_eq!(reading_in("他借了钱一直不还钱。", "还"), "huan2");
    }
}
