//! A web page's metadata: title, author, outlet, date and address, wherever the page keeps
//! them. News sites disagree on where: `<meta>` tags under a dozen names, JSON-LD, `<time>`,
//! a script's variables, or only a visible line ("发布日期：2019-03-06"). Each is tried in
//! the order of how much it can be trusted.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::document::Meta;
use crate::ingest::{date, text::normalize_space};

/// Title, author, outlet, date and canonical URL from the page's head, its structured data
/// and its visible text.
pub(crate) fn page_meta(doc: &Html) -> Meta {
    let metas = MetaTags::of(doc);
    let linked = LinkedData::of(doc);
    let site = metas.get(&["og:site_name", "application-name"]).or_else(|| linked.publisher.clone());
    let page_title = first_text(doc, "title");
    let h1 = first_text(doc, "h1");
    let title = match (&h1, &page_title) {
        (Some(h1), Some(t)) if t.contains(h1.as_str()) => Some(h1.clone()),
        _ => metas.get(&["og:title", "twitter:title"]).or(linked.headline.clone()).or(page_title),
    }
    .map(|t| strip_site_name(&t, site.as_deref()));
    let author = metas
        .get(&["author", "article:author", "og:article:author", "dc.creator", "dcterms.creator"])
        .or(linked.author.clone())
        .filter(|a| !a.chars().all(|c| c.is_ascii_digit()) && !a.starts_with("http"));
    let date = metas
        .get(DATE_NAMES)
        .and_then(|d| date::normalize(&d))
        .or_else(|| linked.published.as_deref().and_then(date::normalize))
        .or_else(|| time_element(doc))
        .or_else(|| script_date(doc))
        .or_else(|| visible_date(doc));
    let source_url = {
        let selector = Selector::parse("link[rel=\"canonical\"]").expect("valid selector");
        doc.select(&selector)
            .find_map(|l| l.value().attr("href").map(str::to_string))
            .or_else(|| metas.get(&["og:url"]))
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
    };
    let mut meta = Meta { title, date, source_url, ..Meta::default() };
    match author {
        Some(author) if is_outlet(&author, site.as_deref()) => meta.source = Some(author),
        Some(author) => {
            meta.author = Some(author);
            meta.source = site.filter(|s| s.chars().count() <= 20);
        }
        None => meta.source = site.filter(|s| s.chars().count() <= 20),
    }
    meta
}

/// `<meta>` names that give a publication date, the most specific first.
const DATE_NAMES: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "dcterms.created",
    "dcterms.issued",
    "dc.date.issued",
    "dc.date.created",
    "dc.date",
    "publishdate",
    "publish_date",
    "publish-date",
    "pubdate",
    "pubtime",
    "publishtime",
    "ptime",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "weibo:article:create_at",
    "originalpublicationdate",
    "date",
];

/// The page's `<meta>` tags as (lower-cased name, content) pairs.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn of(doc: &Html) -> Self {
        let selector = Selector::parse("meta[content]").expect("valid selector");
        let tags = doc
            .select(&selector)
            .filter_map(|m| {
                let el = m.value();
                let name = el.attr("property").or(el.attr("name")).or(el.attr("itemprop"))?;
                let content = normalize_space(el.attr("content")?);
                // "weibo: article:create_at": sites space names as they like.
                let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
                (!content.is_empty()).then(|| (name.to_ascii_lowercase(), content))
            })
            .collect();
        MetaTags(tags)
    }

    /// The first non-empty content under the first of `names` the page has.
    fn get(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| self.0.iter().find(|(n, _)| n == name).map(|(_, c)| c.clone()))
    }
}

/// What a page's JSON-LD (`<script type="application/ld+json">`) says of its article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
}

impl LinkedData {
    fn of(doc: &Html) -> Self {
        let selector = Selector::parse("script[type=\"application/ld+json\"]").expect("valid selector");
        let mut found = LinkedData::default();
        for script in doc.select(&selector) {
            // Sites write JSON-LD by hand: a stray control character or trailing comma is
            // common, and such a block is left out rather than guessed at.
            let text: String = script.text().collect();
            if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
                found.read(&value, 0);
            }
        }
        found
    }

    /// Fills what is still missing from `value` and the objects inside it (`@graph`, arrays).
    fn read(&mut self, value: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.read(v, depth + 1)),
            Value::Object(object) => {
                let text = |key: &str| object.get(key).and_then(name_of).filter(|s| !s.is_empty());
                if object.contains_key("datePublished") || object.contains_key("headline") {
                    self.published =
                        self.published.take().or_else(|| text("datePublished")).or_else(|| text("dateCreated"));
                    self.headline = self.headline.take().or_else(|| text("headline"));
                    self.author = self.author.take().or_else(|| text("author")).or_else(|| text("creator"));
                    self.publisher = self.publisher.take().or_else(|| text("publisher"));
                }
                if let Some(graph) = object.get("@graph") {
                    self.read(graph, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// A JSON-LD value as text: a string, an object's `name`, or the names of a list, joined.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(normalize_space(s)),
        Value::Object(o) => o.get("name").and_then(name_of),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name_of).filter(|n| !n.is_empty()).collect();
            (!names.is_empty()).then(|| names.join("、"))
        }
        _ => None,
    }
}

/// The date of the page's `<time datetime>`, the one marked as the publication date first.
fn time_element(doc: &Html) -> Option<String> {
    let marked = Selector::parse("time[pubdate][datetime], time[itemprop=\"datePublished\"][datetime]").ok()?;
    let any = Selector::parse("time[datetime]").ok()?;
    doc.select(&marked).chain(doc.select(&any)).find_map(|t| t.value().attr("datetime").and_then(date::normalize))
}

/// Script variables news sites keep the publication time in (`var pubtime = "…"`,
/// `"publishTime": 1551839400`), as text or as seconds or milliseconds since 1970.
fn script_date(doc: &Html) -> Option<String> {
    const NAMES: &[&str] =
        &["pubtime", "publishtime", "publish_time", "pubdate", "pub_date", "publishdate", "ptime", "newstime"];
    let scripts = Selector::parse("script").ok()?;
    for script in doc.select(&scripts) {
        let text: String = script.text().collect();
        let lower = text.to_ascii_lowercase();
        for name in NAMES {
            for (at, _) in lower.match_indices(name) {
                // A whole name: not the tail of a longer one (`lastpubtime`).
                if lower[..at].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = text[at + name.len()..].trim_start_matches(['"', '\'']).trim_start();
                let Some(rest) = rest.strip_prefix([':', '=']) else {
                    continue;
                };
                let value: String = rest
                    .trim_start()
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| !matches!(c, '"' | '\'' | ',' | ';' | '\n' | '}'))
                    .collect();
                if let Some(date) = date_value(value.trim()) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// A date written as text, or as seconds (10 digits) or milliseconds (13) since 1970.
fn date_value(value: &str) -> Option<String> {
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return match value.len() {
            10 => value.parse::<i64>().ok().map(|s| date::from_epoch_millis(s * 1000)),
            13 => value.parse::<i64>().ok().map(date::from_epoch_millis),
            _ => None,
        };
    }
    date::normalize(value)
}

/// Words that open a visible date line ("发布日期：2019-03-06", "時間：2019/3/6").
const DATE_LABELS: &[&str] = &[
    "发布日期",
    "發布日期",
    "发布时间",
    "發布時間",
    "发表时间",
    "發表時間",
    "发表日期",
    "最后更新",
    "最後更新",
    "更新时间",
    "更新時間",
    "日期",
    "时间",
    "時間",
];

/// A publication date the page shows only as text: a labelled date line first, else a date
/// with a time of day ("2019-03-06 10:22"), as news pages print under the headline. Text in
/// links is not looked at: a list of other articles dates them too.
fn visible_date(doc: &Html) -> Option<String> {
    let body = Selector::parse("body").ok()?;
    let body = doc.select(&body).next()?;
    let mut lines: Vec<String> = Vec::new();
    collect_text(body, &mut lines);
    let labelled = lines.iter().find_map(|line| labelled_date(line).map(|(date, _)| date));
    labelled.or_else(|| lines.iter().find_map(|line| dated_with_time(line)))
}

/// The date after a date label in `line` ("发布日期：2019-03-06"), and where the label starts.
fn labelled_date(line: &str) -> Option<(String, usize)> {
    DATE_LABELS.iter().find_map(|label| {
        let at = line.find(label)?;
        let rest = line[at + label.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
        date_at_start(rest).map(|date| (date, at))
    })
}

/// The date of a paragraph that is only a date line ("最后更新： 2012年 5月 4日, 星期五 -
/// 格林尼治标准时间 10:11", "发布时间：2019-03-06 10:22"): short, and opening with its label.
pub(crate) fn date_line(text: &str) -> Option<String> {
    if text.chars().count() > 60 {
        return None;
    }
    labelled_date(text).filter(|(_, at)| *at == 0).map(|(date, _)| date)
}

/// The visible text under `el`, a string per text run, leaving out scripts, styles and links.
fn collect_text(el: ElementRef<'_>, lines: &mut Vec<String>) {
    for child in el.children() {
        if let Some(text) = child.value().as_text() {
            let text = normalize_space(text);
            if !text.is_empty() {
                lines.push(text);
            }
        } else if let Some(child) = ElementRef::wrap(child)
            && !matches!(child.value().name(), "script" | "style" | "a" | "noscript" | "template" | "select")
        {
            collect_text(child, lines);
        }
    }
}

/// A date that opens `text` (`2019-03-06`, `2019年3月6日`, `2019/3/6 10:22`).
fn date_at_start(text: &str) -> Option<String> {
    let head: String = text.chars().take_while(|c| c.is_ascii_digit() || "-/.年月日 ".contains(*c)).collect();
    let head = head.trim();
    let digits = head.chars().filter(char::is_ascii_digit).count();
    (digits >= 6 && head.chars().take(4).all(|c| c.is_ascii_digit())).then(|| date::normalize(head)).flatten()
}

/// The first date in `line` followed by a time of day (`2019-03-06 10:22`).
fn dated_with_time(line: &str) -> Option<String> {
    for (at, _) in line.char_indices().filter(|(_, c)| c.is_ascii_digit()) {
        if at > 0 && line[..at].chars().next_back().is_some_and(|c| c.is_ascii_digit()) {
            continue;
        }
        let rest = &line[at..];
        let head: String = rest.chars().take_while(|c| c.is_ascii_digit() || "-/.年月日".contains(*c)).collect();
        let after = rest[head.len()..].trim_start();
        let time = after.chars().take(5).collect::<String>();
        let is_time =
            time.len() == 5 && time.as_bytes()[2] == b':' || time.get(..4).is_some_and(|t| t.as_bytes()[1] == b':');
        if is_time && let Some(date) = date_at_start(&head) {
            return Some(date);
        }
    }
    None
}

/// The text of the first element matching `selector` that has any.
fn first_text(doc: &Html, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    doc.select(&selector).map(|e| normalize_space(&e.text().collect::<String>())).find(|t| !t.is_empty())
}

/// A name that is a news outlet, agency or site rather than a person: the site's own name,
/// or a name ending as outlets' names do (新华社, 中央通訊社, 澎湃新闻, 自由時報).
pub(crate) fn is_outlet(name: &str, site: Option<&str>) -> bool {
    const ENDINGS: &[&str] = &[
        "社",
        "网",
        "網",
        "报",
        "中文",
        "報",
        "台",
        "新闻",
        "新聞",
        "日报",
        "时报",
        "周刊",
        "週刊",
        "杂志",
        "雜誌",
        "媒体",
        "媒體",
        "电视",
        "電視",
        "广播",
        "廣播",
        "频道",
        "頻道",
        "客户端",
        "中心",
        "编辑部",
        "編輯部",
        "通讯",
        "通訊",
        "出版",
    ];
    let name = name.trim();
    site.is_some_and(|s| s.trim() == name)
        || ENDINGS.iter().any(|e| name.ends_with(e))
        || ["News", "Times", "Post", "Daily", "Press", "BBC", "Reuters"].iter().any(|w| name.contains(w))
}

/// The headline without the site's (and section's) name: "Headline - Section - Site",
/// "Headline_Site", "Headline-新华网", "Headline | Site" -> "Headline". A trailing part is
/// taken off when it is `site`, names an outlet, or is short beside a headline that stays
/// long; a hyphen without spaces only before the site or an outlet, as headlines use it too.
pub(crate) fn strip_site_name(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[" -- ", "--", " - ", " | ", "|", "｜", "_", " — ", " – ", "-"];
    let named = |part: &str| site.is_some_and(|s| s.trim() == part || part.contains(s.trim())) || is_outlet(part, None);
    let mut title = normalize_space(title);
    // "Site - Section - Headline", as some broadcasters write it: the site, then a section
    // name that is short beside the headline.
    let leading = SEPARATORS[..9].iter().find_map(|sep| {
        let (head, rest) = title.split_once(sep)?;
        named(head.trim()).then(|| {
            let rest = rest.trim();
            match rest.split_once(sep) {
                Some((section, headline))
                    if section.trim().chars().count() <= 8
                        && headline.trim().chars().count() > section.trim().chars().count() * 2 =>
                {
                    headline.trim().to_string()
                }
                _ => rest.to_string(),
            }
        })
    });
    if let Some(rest) = leading.filter(|r| r.chars().count() >= 4) {
        title = rest;
    }
    loop {
        let cut = SEPARATORS.iter().find_map(|sep| {
            let (head, tail) = title.rsplit_once(sep)?;
            let (head, tail) = (head.trim(), tail.trim());
            let head_chars = head.chars().count();
            if head_chars < 4 {
                return None;
            }
            let named = named(tail) || tail.is_empty();
            let short = tail.chars().count() <= 12 && head_chars > tail.chars().count() * 2;
            let spaced = *sep != "-";
            (named || (spaced && short)).then(|| head.to_string())
        });
        match cut {
            Some(head) => title = head,
            None => return title,
        }
    }
}

/// Takes a column or outlet named at the head of the title into `meta.source`, the same way
/// whatever the spacing: "【CDT导览】Headline", "全现在 | Headline", "爱德传一基金 |Headline",
/// "单身者舞会｜Headline". Both may come at once ("【404文库】英国驻华使馆｜Headline").
pub(crate) fn title_prefix(meta: &mut Meta) {
    let Some(mut title) = meta.title.clone() else {
        return;
    };
    let mut names = Vec::new();
    if let Some(rest) = title.strip_prefix('【')
        && let Some((column, headline)) = rest.split_once('】')
        && (1..=10).contains(&column.trim().chars().count())
        && headline.trim().chars().count() >= 4
    {
        names.push(column.trim().to_string());
        title = headline.trim().to_string();
    }
    if let Some((name, headline)) = title.split_once(['｜', '|'])
        && (1..=12).contains(&name.trim().chars().count())
        && headline.trim().chars().count() >= 4
        && !name.contains(['【', '《', '：', ':'])
    {
        names.push(name.trim().to_string());
        title = headline.trim().to_string();
    }
    if names.is_empty() {
        return;
    }
    if meta.author.as_deref().is_some_and(|a| names.iter().any(|n| n == a)) {
        meta.author = None;
    }
    if let Some(source) = meta.source.take().filter(|s| !names.contains(s)) {
        names.insert(0, source);
    }
    meta.source = Some(names.join(" · "));
    meta.title = Some(title);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> Meta {
        page_meta(&Html::parse_document(html))
    }

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(strip_site_name("习近平会见外宾-新华网", None), "习近平会见外宾");
        assert_eq!(strip_site_name("颱風明天登陸 - 生活 - 自由時報電子報", None), "颱風明天登陸");
        assert_eq!(strip_site_name("标题文字在这里_某某财经", Some("某某财经")), "标题文字在这里");
        assert_eq!(strip_site_name("G-20峰会在杭州开幕", None), "G-20峰会在杭州开幕");
        assert_eq!(
            strip_site_name("广播网中文 - 中国报道 - 老城区胡同改造计划引发讨论", None),
            "老城区胡同改造计划引发讨论"
        );
        assert_eq!(strip_site_name("一个很长很长的新闻标题 | BBC News 中文", None), "一个很长很长的新闻标题");
    }

    #[test]
    fn dates_wherever_the_page_keeps_them() {
        let ld = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org",
            "@graph":[{"@type":"NewsArticle","headline":"标题","datePublished":"2019-03-06T08:00:00+08:00",
            "author":[{"@type":"Person","name":"周纯"}],"publisher":{"name":"某报"}}]}</script></head><body></body></html>"#;
        let m = meta(ld);
        assert_eq!(m.date.as_deref(), Some("2019-03-06T08:00:00+08:00"));
        assert_eq!(m.author.as_deref(), Some("周纯"));
        assert_eq!(m.source.as_deref(), Some("某报"));
        let tag = r#"<html><head><meta name="PubDate" content="2012-05-04 10:11:12"></head><body></body></html>"#;
        assert_eq!(meta(tag).date.as_deref(), Some("2012-05-04"));
        let visible = "<html><body><div class=\"info\">来源：新华网　发布日期：2019-03-06</div>\
            <p><a href=\"/x\">2018-01-01 09:00 旧闻</a></p></body></html>";
        assert_eq!(meta(visible).date.as_deref(), Some("2019-03-06"));
        let script = "<html><head><script>var pubtime = \"2020年07月01日 09:30\";</script></head><body></body></html>";
        assert_eq!(meta(script).date.as_deref(), Some("2020-07-01"));
        let epoch = "<html><head><script>window.DATA = {\"publishTime\": 1551839400};</script></head></html>";
        assert_eq!(meta(epoch).date.as_deref(), Some("2019-03-06T02:30:00Z"));
        assert_eq!(
            date_line("最后更新： 2012年 5月 4日, 星期五 - 格林尼治标准时间 10:11").as_deref(),
            Some("2012-05-04")
        );
        assert_eq!(date_line("文章说，发布时间：2019-03-06 就在这天。"), None);
        let timed = "<html><body><p class=\"t\">2021-11-02 14:05 中央社</p></body></html>";
        assert_eq!(meta(timed).date.as_deref(), Some("2021-11-02"));
    }

    #[test]
    fn columns_and_outlets_in_titles_are_the_source() {
        let cases = [
            ("全现在 | 他们的声音", "全现在", "他们的声音"),
            ("爱德传一基金 |冯媛：反家暴法五年", "爱德传一基金", "冯媛：反家暴法五年"),
            ("单身者舞会｜怎麼城市需要青春不老的仙藥", "单身者舞会", "怎麼城市需要青春不老的仙藥"),
            ("【CDT导览】疫情之下的新的道德逻辑", "CDT导览", "疫情之下的新的道德逻辑"),
            ("【404文库】英国驻华使馆｜ 关于香港问题的更正说明", "404文库 · 英国驻华使馆", "关于香港问题的更正说明"),
        ];
        for (title, source, headline) in cases {
            let mut meta = Meta { title: Some(title.into()), ..Meta::default() };
            title_prefix(&mut meta);
            assert_eq!((meta.source.as_deref(), meta.title.as_deref()), (Some(source), Some(headline)), "{title}");
        }
        let mut meta = Meta { title: Some("一个标题：没有栏目".into()), ..Meta::default() };
        title_prefix(&mut meta);
        assert_eq!((meta.source, meta.title.as_deref()), (None, Some("一个标题：没有栏目")));
    }

    #[test]
    fn an_outlet_is_the_source_not_the_author() {
        let m = meta(r#"<html><head><meta name="author" content="中央通訊社"></head></html>"#);
        assert_eq!((m.author, m.source.as_deref()), (None, Some("中央通訊社")));
        let m = meta(
            r#"<html><head><meta name="author" content="张三"><meta property="og:site_name" content="澎湃新闻"></head></html>"#,
        );
        assert_eq!((m.author.as_deref(), m.source.as_deref()), (Some("张三"), Some("澎湃新闻")));
    }
}
