//! Site rules, where a site's own markup says more than the general rules can guess.
//! WeChat official-account articles (mp.weixin.qq.com) put the account name and the
//! publication time in scripts and profile markup rather than in meta tags.

use scraper::{Html, Selector};

use crate::document::Meta;
use crate::ingest::{date, text::normalize_space};

/// Fills what the general rules missed, for the sites that need it.
pub fn apply(doc: &Html, meta: &mut Meta) {
    let content = Selector::parse("#js_content").expect("valid selector");
    if doc.select(&content).next().is_some() {
        wechat(doc, meta);
    }
}

/// A WeChat article's account is its source (the platform's name is no source); the author,
/// when the page names one, is a person.
fn wechat(doc: &Html, meta: &mut Meta) {
    let selector = Selector::parse("#js_name, .profile_nickname").expect("valid selector");
    let account = doc
        .select(&selector)
        .map(|e| normalize_space(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
        .or_else(|| script_value(doc, "var nickname = \""));
    if let Some(account) = account {
        if meta.author.as_deref() == Some(account.as_str()) {
            meta.author = None;
        }
        meta.source = Some(account);
    }
    if meta.date.is_none() {
        meta.date = script_value(doc, "var ct = \"")
            .and_then(|secs| secs.parse::<i64>().ok())
            .map(|secs| date::from_epoch_millis(secs * 1000));
    }
}

/// The quoted value after `prefix` in the page's scripts.
fn script_value(doc: &Html, prefix: &str) -> Option<String> {
    let scripts = Selector::parse("script").expect("valid selector");
    doc.select(&scripts).find_map(|script| {
        let text = script.text().collect::<String>();
        let start = text.find(prefix)? + prefix.len();
        let end = text[start..].find('"')? + start;
        Some(text[start..end].trim().to_string()).filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wechat_account_and_time() {
        let html = r#"<html><head><script>var nickname = "爱否科技"; var ct = "1581517074";</script></head>
            <body><div id="js_content"><p>正文</p></div></body></html>"#;
        let mut meta = Meta::default();
        apply(&Html::parse_document(html), &mut meta);
        assert_eq!((meta.author, meta.source.as_deref()), (None, Some("爱否科技")));
        assert_eq!(meta.date.as_deref(), Some("2020-02-12T14:17:54Z"));
    }
}
