//! Word links of a whole document: every sentence link with both sides is aligned word by
//! word ([`super::words`]), the translation table learned on the document's own links, and
//! the links kept on the sentence link as Chinese token indices and English character spans
//! (`alignment.sentences[].words`).

use crate::align::words::{TokenPair, align, english_token_spans};
use crate::document::{Document, Paragraph, WordPair};
use crate::segment::sentences;

/// Where one sentence link's tokens are in its paragraph.
struct Place {
    paragraph: usize,
    link: usize,
    /// The paragraph's indices of the Chinese tokens aligned.
    zh_tokens: Vec<usize>,
    /// The English tokens' character spans in the paragraph's English.
    en_spans: Vec<(usize, usize)>,
}

/// Aligns the words of every sentence link of `doc` that has a Chinese and an English side.
/// A paragraph whose English no longer splits into the sentences its links number (edited
/// since) is left without word links.
pub(crate) fn attach_word_links(doc: &mut Document) {
    let mut pairs = Vec::new();
    let mut places = Vec::new();
    for (index, p) in doc.paragraphs.iter().enumerate() {
        for (place, pair) in link_places(index, p) {
            places.push(place);
            pairs.push(pair);
        }
    }
    if pairs.is_empty() {
        return;
    }
    let links = align(&pairs, &[]);
    for (place, links) in places.into_iter().zip(links) {
        let words: Vec<WordPair> = links
            .into_iter()
            .map(|(i, j)| WordPair { zh: place.zh_tokens[i], en: [place.en_spans[j].0, place.en_spans[j].1] })
            .collect();
        if let Some(alignment) = &mut doc.paragraphs[place.paragraph].alignment {
            alignment.sentences[place.link].words = words;
        }
    }
}

/// The token pairs of a paragraph's sentence links, with where their tokens are.
fn link_places(index: usize, p: &Paragraph) -> Vec<(Place, TokenPair)> {
    let (Some(alignment), Some(en)) = (&p.alignment, &p.en) else {
        return Vec::new();
    };
    if p.tokens.is_empty() || alignment.sentences.is_empty() {
        return Vec::new();
    }
    // The Chinese sentences' byte ranges in the paragraph, and each token's start.
    let mut zh_ranges = Vec::new();
    let mut at = 0;
    for s in &p.sentences {
        zh_ranges.push(at..at + s.zh.len());
        at += s.zh.len();
    }
    let mut token_starts = Vec::new();
    let mut at = 0;
    for t in &p.tokens {
        token_starts.push(at);
        at += t.text.len();
    }
    // The English sentences' character ranges, as the links number them.
    let mut en_ranges = Vec::new();
    let mut chars = 0;
    for sentence in sentences(en) {
        let start = chars + en[..].chars().skip(chars).take_while(|c| c.is_whitespace()).count();
        let len = sentence.chars().count();
        en_ranges.push(start..start + len);
        chars = start + len;
    }
    let spans = english_token_spans(en);
    let en_chars: Vec<char> = en.chars().collect();
    let mut out = Vec::new();
    for (k, link) in alignment.sentences.iter().enumerate() {
        if link.zh.is_empty() || link.en.is_empty() {
            continue;
        }
        let in_zh = |start: usize| link.zh.iter().any(|&n| zh_ranges.get(n - 1).is_some_and(|r| r.contains(&start)));
        let zh_tokens: Vec<usize> =
            (0..p.tokens.len()).filter(|&t| in_zh(token_starts[t]) && !p.tokens[t].text.trim().is_empty()).collect();
        let Some(en_sentences) = link.en.iter().map(|&n| en_ranges.get(n.wrapping_sub(1))).collect::<Option<Vec<_>>>()
        else {
            return Vec::new();
        };
        let en_spans: Vec<(usize, usize)> =
            spans.iter().copied().filter(|(s, _)| en_sentences.iter().any(|r| r.contains(s))).collect();
        if zh_tokens.is_empty() || en_spans.is_empty() {
            continue;
        }
        let pair = TokenPair {
            zh: zh_tokens.iter().map(|&t| p.tokens[t].text.trim().to_string()).collect(),
            en: en_spans.iter().map(|&(s, e)| en_chars[s..e].iter().collect()).collect(),
            glossary: zh_tokens.iter().map(|&t| p.tokens[t].glossary.as_ref().map(|g| g.english.clone())).collect(),
        };
        out.push((Place { paragraph: index, link: k, zh_tokens, en_spans }, pair));
    }
    out
}
