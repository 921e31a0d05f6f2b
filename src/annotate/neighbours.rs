//! A content word's part of speech from its neighbours, and the sense that fits it first: after
//! 的, a numeral or a measure word a word is a noun (人们的生活 "life", not "to live"); after a
//! modal, a negation or an adverb of time, or before 着 or 过, a verb (没有选择 "to select", not
//! "choice"). Only words of two or more characters that jieba's dictionary says can be that
//! part of speech (生活 vn: a noun or a verb) are reordered: a single character has too many
//! uses for this, and a word between 要 and a verb (要反复做) is an adverb. Function words keep the learner
//! glossary's sense, names their own.

use crate::dict::{learner, lexicon};
use crate::document::Token;
use crate::text::is_han;

/// Words after which the next word is a noun.
const BEFORE_NOUN: [&str; 8] = ["的", "个", "这个", "那个", "一个", "这些", "那些", "每个"];

/// Words after which the next word is a verb.
const BEFORE_VERB: [&str; 22] = [
    "不",
    "没",
    "没有",
    "要",
    "会",
    "能",
    "能够",
    "可以",
    "应该",
    "已经",
    "正在",
    "将",
    "被",
    "曾经",
    "必须",
    "需要",
    "开始",
    "继续",
    "不断",
    "共同",
    "进一步",
    "努力",
];

/// Words before which the previous word is a verb (了 too often ends a sentence after a noun).
const AFTER_VERB: [&str; 2] = ["着", "过"];

/// Reorders the glosses of `tokens` (one paragraph, Simplified) by the part of speech their
/// neighbours give them.
pub(super) fn senses_by_neighbours(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let Some(gloss) = tokens[i].gloss.as_deref() else { continue };
        if !gloss.contains("; ")
            || super::is_name_gloss(gloss)
            || !tokens[i].text.chars().all(is_han)
            || tokens[i].text.chars().nth(1).is_none()
            || learner::contains(&tokens[i].text)
        {
            continue;
        }
        let Some(tag) = lexicon::id(&tokens[i].text).and_then(lexicon::dictionary_tag) else { continue };
        let prev = i.checked_sub(1).map(|p| tokens[p].text.as_str());
        let next = tokens.get(i + 1).map(|t| t.text.as_str());
        let noun = tag.starts_with('n') || tag == "vn";
        let verb = tag.starts_with('v');
        let wanted = if noun && prev.is_some_and(|p| BEFORE_NOUN.contains(&p) || is_numeral(p)) {
            Part::Noun
        } else if verb
            && (prev.is_some_and(|p| BEFORE_VERB.contains(&p)) || next.is_some_and(|n| AFTER_VERB.contains(&n)))
            && !next.and_then(lexicon::id).and_then(lexicon::dictionary_tag).is_some_and(|t| t.starts_with('v'))
        {
            // (A verb right after makes this one an adverb: 要反复做.)
            Part::Verb
        } else {
            continue;
        };
        if let Some(reordered) = fitting_first(gloss, wanted) {
            tokens[i].gloss = Some(reordered);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Noun,
    Verb,
}

/// A number written in Han numerals (三, 两, 十几): what a measure word follows. 一 alone is
/// left out: 一 before a verb is "as soon as" (我一听).
fn is_numeral(word: &str) -> bool {
    word != "一" && word.chars().all(|c| "一二三四五六七八九十百千万两几多".contains(c))
}

/// `gloss` with its first sense of part `wanted` first ("to ..." for a verb, anything else for a
/// noun), when the first sense is not one already.
fn fitting_first(gloss: &str, wanted: Part) -> Option<String> {
    let is_verb = |s: &str| s.starts_with("to ");
    super::first_that(gloss, |s| match wanted {
        Part::Verb => is_verb(s),
        Part::Noun => !is_verb(s) && !s.starts_with('(') && !s.ends_with('!'),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str, gloss: Option<&str>) -> Token {
        Token { text: text.into(), gloss: gloss.map(str::to_string), ..Token::default() }
    }

    #[test]
    fn neighbours_choose_noun_or_verb_senses() {
        let life = "to live; life; livelihood";
        let mut tokens = vec![token("人们", None), token("的", None), token("生活", Some(life))];
        senses_by_neighbours(&mut tokens);
        assert_eq!(tokens[2].gloss.as_deref(), Some("life; to live; livelihood"));
        let mut tokens = vec![token("他", None), token("生活", Some(life))];
        senses_by_neighbours(&mut tokens);
        assert_eq!(tokens[1].gloss.as_deref(), Some(life), "no neighbour says");
        let choice = "choice; option; to select";
        let mut tokens = vec![token("没有", None), token("选择", Some(choice))];
        senses_by_neighbours(&mut tokens);
        assert_eq!(tokens[1].gloss.as_deref(), Some("to select; choice; option"));
        // An adverb after 要 is no verb; a single character is left alone.
        let again = "repeatedly; over and over; to upend";
        let mut tokens = vec![token("要", None), token("反复", Some(again)), token("做", None)];
        senses_by_neighbours(&mut tokens);
        assert_eq!(tokens[1].gloss.as_deref(), Some(again));
        let mut tokens = vec![token("三", None), token("周", Some("to make a circuit; week"))];
        senses_by_neighbours(&mut tokens);
        assert_eq!(tokens[1].gloss.as_deref(), Some("to make a circuit; week"));
    }
}
