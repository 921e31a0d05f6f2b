//! Choosing readings: each word's most likely reading ([`pinyin`]), context rules for
//! polyphonic characters ([`polyphone`]), function words read by grammar ([`function_words`]), surnames before titles ([`names`]), the tone changes of 一 and 不 ([`sandhi`]), and
//! what the rules need to know of a token ([`reads`]).

pub mod function_words;
pub mod names;
pub mod neutral;
pub mod pinyin;
pub mod polyphone;
pub mod reads;
pub mod sandhi;
