//! The collection site: when a run builds several articles, `index.html` lists them all (title
//! in Chinese and English, date, author or outlet, length and reading time, links to each
//! article's reading page, study sheet and EPUB), oldest first, and every reading page gets a
//! way home and to the article before and after it. Links are relative, so the folder reads
//! the same from disk and on any static host.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::render::markup::escape;
use crate::text::dates;

/// The index's file name in the output folder.
pub const INDEX: &str = "index.html";

/// Characters of Chinese a reader reads in a minute, for the reading time: the middle of what
/// studies of adult readers of Chinese measure (about 250 to 400).
const CHARS_PER_MINUTE: usize = 300;

/// One article of the collection, as the index and the other pages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteEntry {
    /// The article's slug: its files are `<slug>.<ext>` in the output folder.
    pub slug: String,
    /// Its Chinese title (the slug when it has none).
    pub title: String,
    /// Its English title, when translated.
    pub en_title: Option<String>,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    /// Author, else outlet or column.
    pub byline: Option<String>,
    /// `zh-Hans` or `zh-Hant`.
    pub zh_lang: &'static str,
    /// Characters of Chinese text.
    pub chars: usize,
    /// Whether it has English.
    pub translated: bool,
    /// The files built for it that the index links to: reading page, study sheet, EPUB (file
    /// names relative to the output folder).
    pub reading: Option<String>,
    /// The study sheet.
    pub study: Option<String>,
    /// The EPUB.
    pub epub: Option<String>,
    /// Whether its reading page is given the collection's links afterwards (a streamed page
    /// is written once, as it is read, and is left as it is).
    pub linkable: bool,
}

impl SiteEntry {
    /// The entry of `doc`, built as `slug` with `written` (paths under `out_dir`).
    pub fn of(slug: &str, doc: &Document, written: &[PathBuf], out_dir: &Path) -> Self {
        let meta = &doc.meta;
        let mut entry = SiteEntry::bare(slug, doc.zh_lang(), written, out_dir);
        entry.title = meta.title.clone().unwrap_or_else(|| slug.to_string());
        entry.en_title = meta.translation.as_ref().and_then(|t| t.title.clone());
        entry.date = meta.date.clone();
        entry.byline = match (&meta.author, &meta.source) {
            (Some(author), Some(source)) => Some(format!("{author} · {source}")),
            (author, source) => author.clone().or_else(|| source.clone()),
        };
        entry.chars = chinese_chars(doc);
        entry.translated = doc.is_translated();
        entry
    }

    /// An entry knowing only its slug, script and files (a streamed text file).
    pub fn bare(slug: &str, zh_lang: &'static str, written: &[PathBuf], out_dir: &Path) -> Self {
        let file = |ext: &str| {
            let name = format!("{slug}.{ext}");
            written.iter().any(|p| p == &out_dir.join(&name)).then_some(name)
        };
        SiteEntry {
            slug: slug.to_string(),
            title: slug.rsplit('/').next().unwrap_or(slug).to_string(),
            en_title: None,
            date: None,
            byline: None,
            zh_lang,
            chars: 0,
            translated: false,
            reading: file("html"),
            study: file("study.html"),
            epub: file("epub"),
            linkable: true,
        }
    }

    /// Minutes to read it, at least one.
    pub fn minutes(&self) -> usize {
        self.chars.div_ceil(CHARS_PER_MINUTE).max(1)
    }
}

/// Characters of `doc`'s Chinese, spaces left out.
pub fn chinese_chars(doc: &Document) -> usize {
    doc.paragraphs.iter().map(|p| p.zh.chars().filter(|c| !c.is_whitespace()).count()).sum()
}

/// Puts `entries` in the collection's order: by date, oldest first, undated articles after
/// the dated ones in the order they were given.
pub fn order(entries: &mut [SiteEntry]) {
    // Dates compare as text: ISO 8601 sorts in time order (the day is all that matters here).
    entries.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => x[..x.len().min(10)].cmp(&y[..y.len().min(10)]),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
}

const SITE_CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #5f5f66; --rule: #e3e3e8; --paper: #fdfcf9; --link: #1c4fc4; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); overflow-wrap: anywhere;
  font: 17px/1.6 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "WenQuanYi Zen Hei", serif; }
header, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1.5rem; }
header { padding-top: 2rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
h1 { font-size: 1.8rem; line-height: 1.3; margin: 0 0 .3rem; }
.summary { color: var(--muted); margin: 0; font: .95rem/1.5 system-ui, sans-serif; }
ol { list-style: none; margin: 0; padding: 0; }
li { border-bottom: 1px solid var(--rule); padding: 1rem 0; }
h2 { font-size: 1.25rem; line-height: 1.4; margin: 0; }
h2 a { color: var(--ink); text-decoration: none; }
h2 a:hover, h2 a:focus-visible { text-decoration: underline; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.en { font: italic 1rem/1.5 Georgia, "Times New Roman", serif; margin: .2rem 0 0; }
.facts { color: var(--muted); font: .9rem/1.5 system-ui, sans-serif; margin: .35rem 0 0; }
.files { font: .9rem/1.5 system-ui, sans-serif; margin: .2rem 0 0; display: flex; flex-wrap: wrap; gap: 0 1.2rem; }
.files a { color: var(--link); display: inline-block; padding: .45rem 0; }
a:focus-visible { outline: 3px solid #a85200; outline-offset: 2px; border-radius: 2px; }
footer { color: var(--muted); font: .8rem/1.5 system-ui, sans-serif; padding-top: 1.5rem; padding-bottom: 2rem; }
@media (max-width: 700px) { header, main, footer { padding: 0 .9rem; } header { padding: 1.2rem .9rem .8rem; } h1 { font-size: 1.5rem; } }
"#;

/// The collection's `index.html`: `title`, then every entry in the order given.
pub fn index(title: &str, entries: &[SiteEntry]) -> String {
    let mut out = String::with_capacity(2_000 + entries.len() * 600);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{SITE_CSS}</style>\n</head>\n<body>\n\
         <header>\n<h1{}>{}</h1>\n",
        super::GENERATOR,
        escape(title),
        // A title without Chinese ("Articles") is read as English.
        if title.chars().any(crate::text::is_han) { "" } else { " lang=\"en\"" },
        escape(title),
        lang = collection_lang(entries),
    );
    let translated = entries.iter().filter(|e| e.translated).count();
    let chars: usize = entries.iter().map(|e| e.chars).sum();
    let english = if translated > 0 { format!(", {translated} in English") } else { String::new() };
    let _ = writeln!(
        out,
        "<p class=\"summary\" lang=\"en\">{}{english}; {} characters of Chinese.</p>\n</header>\n<main>\n<ol>",
        crate::text::count(entries.len(), "article"),
        crate::text::thousands(chars as u64)
    );
    for entry in entries {
        out.push_str("<li>\n");
        let title = escape(&entry.title);
        match &entry.reading {
            Some(page) => {
                let _ = writeln!(out, "<h2 lang=\"{}\"><a href=\"{}\">{title}</a></h2>", entry.zh_lang, escape(page));
            }
            None => {
                let _ = writeln!(out, "<h2 lang=\"{}\">{title}</h2>", entry.zh_lang);
            }
        }
        if let Some(en) = &entry.en_title {
            let _ = writeln!(out, "<p class=\"en\" lang=\"en\">{}</p>", escape(en));
        }
        let mut facts = Vec::new();
        if let Some(date) = &entry.date {
            facts.push(format!(
                "<time datetime=\"{}\" lang=\"en\">{}</time>",
                escape(date),
                escape(&dates::english(date))
            ));
        }
        if let Some(byline) = &entry.byline {
            facts.push(format!("<span lang=\"{}\">{}</span>", entry.zh_lang, escape(byline)));
        }
        if entry.chars > 0 {
            facts.push(format!(
                "<span lang=\"en\">{} characters, {} min read</span>",
                crate::text::thousands(entry.chars as u64),
                entry.minutes()
            ));
        }
        if !facts.is_empty() {
            let _ = writeln!(out, "<p class=\"facts\">{}</p>", facts.join(" · "));
        }
        let files: Vec<String> = [(&entry.reading, "Reading page"), (&entry.study, "Study sheet"), (&entry.epub, "EPUB")]
            .into_iter()
            .filter_map(|(file, label)| {
                let file = file.as_ref()?;
                // The link names its article, for screen readers that list a page's links.
                Some(format!(
                    "<a href=\"{}\"><span lang=\"en\">{label}</span><span class=\"visually-hidden\">: <span lang=\"{}\">{}</span></span></a>",
                    escape(file),
                    entry.zh_lang,
                    escape(&entry.title)
                ))
            })
            .collect();
        if !files.is_empty() {
            let _ = writeln!(out, "<p class=\"files\">{}</p>", files.join(""));
        }
        out.push_str("</li>\n");
    }
    out.push_str(
        "</ol>\n</main>\n<footer lang=\"en\"><p>Made with duizhao. Pinyin and glosses from CC-CEDICT (MDBG, CC BY-SA 4.0).</p></footer>\n</body>\n</html>\n",
    );
    out
}

/// The collection's links for the reading page of `entries[at]`: home, and the articles
/// before and after it. `place` tells the top bar from the bottom one (their labels differ
/// for screen readers).
pub fn nav(entries: &[SiteEntry], at: usize, place: &str) -> String {
    let entry = &entries[at];
    // The page sits in a subfolder when its slug has one (a feed's items): links climb out.
    let up = "../".repeat(entry.slug.matches('/').count());
    let link = |other: &SiteEntry, rel: &str, label: &str| {
        other.reading.as_ref().map(|page| {
            format!(
                "<a href=\"{up}{}\" rel=\"{rel}\"><span lang=\"en\">{label}</span> <span lang=\"{}\">{}</span></a>",
                escape(page),
                other.zh_lang,
                escape(&other.title)
            )
        })
    };
    let previous = at.checked_sub(1).and_then(|i| link(&entries[i], "prev", "← Previous:"));
    let next = entries.get(at + 1).and_then(|e| link(e, "next", "Next →"));
    format!(
        "<nav class=\"site\" aria-label=\"Collection ({place})\"><a href=\"{up}{INDEX}\" rel=\"home\" lang=\"en\">All articles</a>{}{}</nav>\n",
        previous.unwrap_or_default(),
        next.unwrap_or_default()
    )
}

/// Styles of the collection's links on a reading page.
pub(crate) const NAV_CSS: &str = r#"
nav.site { max-width: 78rem; margin: 0 auto; padding: .5rem 1.5rem; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem;
  font: .9rem/1.5 system-ui, sans-serif; }
nav.site a { color: #1c4fc4; display: inline-block; padding: .6rem 0; }
nav.site a:focus-visible { outline: 3px solid #a85200; outline-offset: 2px; }
@media (max-width: 700px) { nav.site { padding: .2rem .9rem; flex-direction: column; } nav.site a { padding: .35rem 0; } }
"#;

/// The reading page `html` with the collection's links of `entries[at]` put in, at the top
/// and after the article; `None` when the page is not one of duizhao's reading pages.
pub fn link_page(html: &str, entries: &[SiteEntry], at: usize) -> Option<String> {
    const TOP: &str = "<header class=\"meta\">";
    const BOTTOM: &str = "</main>\n<footer>";
    // Links already there (a page linked by an earlier run) are replaced.
    let html = strip_nav(html);
    let top = html.find(TOP)?;
    let bottom = html.rfind(BOTTOM)? + "</main>\n".len();
    let mut out = String::with_capacity(html.len() + 1_500);
    out.push_str(&html[..top]);
    out.push_str(&nav(entries, at, "top"));
    out.push_str(&html[top..bottom]);
    out.push_str(&nav(entries, at, "bottom"));
    out.push_str(&html[bottom..]);
    Some(out)
}

/// `html` without the collection's links.
fn strip_nav(html: &str) -> std::borrow::Cow<'_, str> {
    const START: &str = "<nav class=\"site\"";
    if !html.contains(START) {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(START) {
        out.push_str(&rest[..at]);
        let end = rest[at..].find("</nav>\n").map_or(rest.len(), |e| at + e + "</nav>\n".len());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into()
}

/// The collection's `lang`: Traditional when most articles are.
fn collection_lang(entries: &[SiteEntry]) -> &'static str {
    let hant = entries.iter().filter(|e| e.zh_lang == "zh-Hant").count();
    if hant * 2 > entries.len() { "zh-Hant" } else { "zh-Hans" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(slug: &str, date: Option<&str>) -> SiteEntry {
        let mut e = SiteEntry::bare(slug, "zh-Hans", &[PathBuf::from(format!("out/{slug}.html"))], Path::new("out"));
        e.date = date.map(str::to_string);
        e.chars = 1_234;
        e
    }

    #[test]
    fn ordered_by_date_undated_last() {
        let mut entries =
            vec![entry("c", None), entry("b", Some("2020-07-01T22:56:13Z")), entry("a", Some("2019-03-06"))];
        order(&mut entries);
        let slugs: Vec<&str> = entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "b", "c"]);
        assert_eq!(entries[0].minutes(), 5);
        assert_eq!(crate::text::thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn pages_link_home_and_to_their_neighbours() {
        let entries = vec![entry("a", None), entry("feed/02-b", None), entry("c", None)];
        let first = nav(&entries, 0, "top");
        assert!(first.contains("href=\"index.html\" rel=\"home\""));
        assert!(!first.contains("rel=\"prev\""));
        assert!(first.contains("href=\"feed/02-b.html\" rel=\"next\""));
        let middle = nav(&entries, 1, "top");
        assert!(middle.contains("href=\"../index.html\""));
        assert!(middle.contains("href=\"../a.html\" rel=\"prev\""));
        assert!(middle.contains("href=\"../c.html\" rel=\"next\""));
        let page = "<body>\n<header class=\"meta\">t</header>\n<main>x</main>\n<footer>f</footer>";
        let linked = link_page(page, &entries, 2).unwrap();
        assert_eq!(linked.matches("<nav class=\"site\"").count(), 2);
        // Linking again replaces the links rather than adding more.
        assert_eq!(link_page(&linked, &entries, 2).unwrap(), linked);
        assert_eq!(link_page("<p>not ours</p>", &entries, 0), None);
    }
}
