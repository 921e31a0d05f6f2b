//! The learner glossary: function words and grammar points explained in a learner's words,
//! each sense with the context that selects it (`data/learner/function_words.tsv`, written for
//! duizhao). A learner tapping 被 reads "passive marker: (done) by ...", not CC-CEDICT's
//! "quilt; to cover (with)".
//!
//! A line is `word TAB reading TAB context TAB gloss`. The context is `*`, or conditions that
//! must all hold: `prev:TAG`/`next:TAG` (the neighbouring word's jieba part-of-speech tag
//! begins with TAG; `eng` for a Latin word, and for a word jieba lacks `v` or `n` by its first
//! CC-CEDICT sense), `prev=A|B`/`next=A|B` (the neighbouring word is one of these), `start`,
//! `end` (first or last word of its sentence), each negated by a leading `!`. For a word and
//! reading, the first line whose context holds gives the sense.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::dict::cedict::Dictionary;
use crate::dict::lexicon;

/// The glossary, embedded.
static TABLE: &str = include_str!("../../data/learner/function_words.tsv");

/// Which neighbour a condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Prev,
    Next,
}

/// One condition of a context.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Test {
    /// The neighbour's tag begins with this.
    Tag(Side, &'static str),
    /// The neighbour is one of these words.
    Words(Side, Vec<&'static str>),
    /// The word begins its sentence.
    Start,
    /// The word ends its sentence.
    End,
}

/// A condition, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Condition {
    negated: bool,
    test: Test,
}

/// One sense of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sense {
    /// Numbered reading, lower case, ü written v.
    reading: &'static str,
    conditions: Vec<Condition>,
    gloss: &'static str,
}

/// Where a word stands: its neighbours in the sentence (`None` at the sentence's edge).
#[derive(Debug, Clone, Copy, Default)]
pub struct Place<'a> {
    /// The word before, in the same sentence.
    pub prev: Option<&'a str>,
    /// The word after, in the same sentence.
    pub next: Option<&'a str>,
}

fn table() -> &'static FxHashMap<&'static str, Vec<Sense>> {
    static PARSED: OnceLock<FxHashMap<&'static str, Vec<Sense>>> = OnceLock::new();
    PARSED.get_or_init(|| {
        parse(TABLE).unwrap_or_else(|(line, problem)| panic!("data/learner/function_words.tsv:{line}: {problem}"))
    })
}

/// Parses the table; `Err` with the 1-based line number and what is wrong.
fn parse(text: &'static str) -> Result<FxHashMap<&'static str, Vec<Sense>>, (usize, String)> {
    let mut out: FxHashMap<&'static str, Vec<Sense>> = FxHashMap::default();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&'static str> = line.split('\t').collect();
        let [word, reading, context, gloss] = fields[..] else {
            return Err((i + 1, format!("{} fields, not 4", fields.len())));
        };
        if gloss.is_empty() || reading.is_empty() || word.is_empty() {
            return Err((i + 1, "an empty field".into()));
        }
        let conditions = if context == "*" {
            Vec::new()
        } else {
            context.split(' ').map(condition).collect::<Result<_, _>>().map_err(|p| (i + 1, p))?
        };
        out.entry(word).or_default().push(Sense { reading, conditions, gloss });
    }
    Ok(out)
}

fn condition(text: &'static str) -> Result<Condition, String> {
    let (negated, rest) = match text.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let side = |name: &str| match name {
        "prev" => Ok(Side::Prev),
        "next" => Ok(Side::Next),
        _ => Err(format!("unknown condition {text:?}")),
    };
    let test = if rest == "start" {
        Test::Start
    } else if rest == "end" {
        Test::End
    } else if let Some((name, tag)) = rest.split_once(':') {
        Test::Tag(side(name)?, tag)
    } else if let Some((name, words)) = rest.split_once('=') {
        Test::Words(side(name)?, words.split('|').collect())
    } else {
        return Err(format!("unknown condition {text:?}"));
    };
    Ok(Condition { negated, test })
}

impl Condition {
    fn holds(&self, place: Place) -> bool {
        let neighbour = |side: Side| match side {
            Side::Prev => place.prev,
            Side::Next => place.next,
        };
        let holds = match &self.test {
            Test::Start => place.prev.is_none(),
            Test::End => place.next.is_none(),
            Test::Words(side, words) => neighbour(*side).is_some_and(|w| words.contains(&w)),
            Test::Tag(side, tag) => neighbour(*side).and_then(tag_of).is_some_and(|t| t.starts_with(tag)),
        };
        holds != self.negated
    }
}

/// A word's part of speech: jieba's dictionary tag; else `eng` for a Latin word (KTV), `v` for
/// a word whose first CC-CEDICT sense is a verb ("to ...": 吐槽), `n` for another the
/// dictionary has.
fn tag_of(word: &str) -> Option<&'static str> {
    if let Some(tag) = lexicon::id(word).and_then(lexicon::dictionary_tag) {
        return Some(tag);
    }
    if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        return word.chars().any(|c| c.is_ascii_alphabetic()).then_some("eng");
    }
    let first = Dictionary::builtin().lookup(word).first().and_then(|d| d.first_senses(1).first().copied());
    // A label first ("(slang) to roast") does not hide the verb.
    let verb = |sense: &str| {
        let mut rest = sense.trim_start();
        while let Some(label) = rest.strip_prefix('(').and_then(|r| r.split_once(") ")) {
            rest = label.1;
        }
        rest.starts_with("to ")
    };
    first.map(|sense| if verb(sense) { "v" } else { "n" })
}

/// The learner's gloss of `word` (Simplified characters) read `reading` (numbered) at `place`,
/// when the glossary has the word with that reading.
pub fn gloss(word: &str, reading: &str, place: Place) -> Option<&'static str> {
    let senses = table().get(word)?;
    let reading = reading.to_lowercase().replace('ü', "v");
    senses
        .iter()
        .filter(|s| s.reading == reading)
        .find(|s| s.conditions.iter().all(|c| c.holds(place)))
        .map(|s| s.gloss)
}

/// Whether the glossary explains `word` (Simplified characters).
pub fn contains(word: &str) -> bool {
    table().contains_key(word)
}

/// How many senses the glossary has (every line parsed).
pub fn senses() -> usize {
    table().values().map(Vec::len).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(prev: Option<&'static str>, next: Option<&'static str>) -> Place<'static> {
        Place { prev, next }
    }

    #[test]
    fn senses_by_context() {
        assert!(gloss("被", "bei4", at(Some("都"), Some("认为"))).unwrap().starts_with("passive marker"));
        assert!(gloss("把", "ba3", at(Some("这"), Some("刀"))).unwrap().starts_with("measure word"));
        assert!(gloss("把", "ba3", at(Some("我"), Some("书"))).unwrap().starts_with("marks the object"));
        assert!(gloss("了", "le5", at(Some("下雨"), None)).unwrap().contains("change"));
        assert!(gloss("得", "dei3", at(Some("我"), Some("走"))).unwrap().starts_with("must"));
        // A reading the glossary does not give: no learner's gloss.
        assert_eq!(gloss("被", "pi1", at(None, None)), None);
        assert_eq!(gloss("银行", "yin2 hang2", at(None, None)), None);
    }

    #[test]
    fn malformed_lines_are_named() {
        assert_eq!(parse("被\tbei4\t*\n").unwrap_err().0, 1);
        assert!(parse("被\tbei4\tsomewhere\tby\n").unwrap_err().1.contains("unknown condition"));
        assert_eq!(parse("# c\n\n被\tbei4\t!prev:v next=了|过\tby\n").unwrap()["被"].len(), 1);
    }
}
