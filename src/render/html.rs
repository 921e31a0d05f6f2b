//! `html`: the bilingual reading edition. Chinese left, English right, each paragraph pair on
//! one grid row so the two stay level (or another [`Layout`]); pinyin as `<ruby>` over each
//! word; glossary terms highlighted with their English on hover; tone colours on request.
//! Self-contained: inline CSS, a small inline script for the toolbar (with scripts off,
//! everything is shown), no fetches. All text is escaped and only http(s) links are written,
//! so input can never inject markup. The paragraph markup is XHTML-clean and shared with EPUB.

use std::fmt::Write;

use crate::document::{Document, Paragraph, ParagraphKind, Token};
use crate::notation::tone_of;
use crate::render::layout::Layout;
use crate::render::{Head, NO_TRANSLATION, Renderer, StreamRenderer, render_streamed};
use crate::text::is_han;
use crate::text::script;

/// Writes the document as a bilingual HTML page.
#[derive(Debug, Clone, Copy)]
pub struct HtmlRenderer {
    /// How the languages are arranged.
    pub layout: Layout,
    /// Whether tone colours are on when the page opens.
    pub tone_colors: bool,
}

impl Default for HtmlRenderer {
    fn default() -> Self {
        HtmlRenderer { layout: Layout::SideBySide, tone_colors: false }
    }
}

/// Styles shared by the HTML page and the EPUB: paragraphs, ruby, terms, tone colours. A
/// word's ruby is never split; the marks [`render_chinese`] puts between words let lines
/// break there, as Chinese text breaks.
pub const TEXT_CSS: &str = r#"
ruby { ruby-position: over; ruby-align: center; white-space: nowrap; }
rt { font-size: .5em; line-height: 1.1; padding: 0 .3em; color: #4a5a8a; white-space: nowrap; font-family: "DejaVu Sans Condensed", "Arial Narrow", sans-serif; }
.zh, .en { overflow-wrap: anywhere; }
.term { background: #fff1b8; border-radius: 3px; }
.tones .t1 { color: #c8102e; } .tones .t2 { color: #a85200; } .tones .t3 { color: #237a2e; }
.tones .t4 { color: #1c4fc4; } .tones .t5 { color: #6b6b6b; }
.align-note { font-size: .8em; line-height: 1.4; color: #7a4f00; background: #fff6e0; padding: .2em .5em; }
.untranslated { color: #6b6b70; }
blockquote { margin: 0; padding-left: 1em; border-left: 3px solid #e3e3e8; }
ul.item { margin: 0; padding-left: 1.2em; }
"#;

const PAGE_CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #6b6b70; --rule: #e3e3e8; --paper: #fdfcf9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); overflow-wrap: anywhere;
  font: 17px/1.7 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "WenQuanYi Zen Hei", serif; }
header.meta, main, footer { max-width: 78rem; margin: 0 auto; padding: 0 1.5rem; }
header.meta { padding-top: 1.5rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
header.meta h1 { font-size: 1.7rem; line-height: 1.35; margin: 0 0 .5rem; }
.byline { color: var(--muted); margin: .2rem 0; font-size: .95rem; }
.byline a { color: inherit; }
.notice { background: #f1f4fb; border-left: 4px solid #7a8fc4; padding: .6rem .9rem; font: .95rem/1.5 system-ui, sans-serif; }
.columns, .pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: 2.5rem; }
.columns { color: var(--muted); font: .8rem system-ui, sans-serif; text-transform: uppercase; letter-spacing: .08em; padding: 1rem 0 .3rem; }
.pair { border-bottom: 1px solid var(--rule); padding: .7rem 0; }
/* A long article's pairs are laid out and painted only near the screen: 21,000 elements cost a
   phone seconds otherwise. `auto` keeps the height of a pair once it has been shown. */
.pair { content-visibility: auto; contain-intrinsic-size: auto 16rem; }
/* A link to a paragraph (#p12) shows it below the sticky toolbar, not under it. */
.pair { scroll-margin-top: 3.2rem; }
.pair > div > :first-child { margin-top: 0; }
.pair > div > :last-child { margin-bottom: 0; }
.zh { font-size: 1.2rem; line-height: 2.5; }
.en { font: 1rem/1.65 Georgia, "Times New Roman", serif; }

h2, h3, h4, h5, h6 { line-height: 1.5; margin: .3rem 0; }
.single .columns { display: none; }
.single .pair, .no-english .pair { grid-template-columns: minmax(0, 1fr); row-gap: .4rem; }
.no-english .en, .no-english .columns { display: none; }
.no-pinyin rt { display: none; }
footer { color: var(--muted); font: .8rem/1.5 system-ui, sans-serif; padding-top: 1.5rem; padding-bottom: 2rem; }
@media (max-width: 700px) {
  header.meta, main, footer { padding: 0 .9rem; }
  header.meta { padding-top: 1rem; }
  .columns { display: none; }
  .pair { grid-template-columns: minmax(0, 1fr); row-gap: .4rem; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .toolbar { display: none; }
  .pair { break-inside: avoid; content-visibility: visible; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The toolbar and the gloss popup, shared by the reading page and the study sheet.
pub const CONTROLS_CSS: &str = r#"
.toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .5rem; justify-content: center;
  padding: .45rem 1rem; background: rgba(253, 252, 249, .96); border-bottom: 1px solid var(--rule);
  font: .9rem system-ui, sans-serif; }
.toolbar[hidden] { display: none; }
.toolbar button { font: inherit; padding: .3rem .8rem; border: 1px solid #9aa3b8; border-radius: 999px; background: #fff; color: var(--ink); cursor: pointer; }
.toolbar button[aria-pressed="true"] { background: #2f3a56; border-color: #2f3a56; color: #fff; }
.toolbar button:focus-visible { outline: 3px solid #a85200; outline-offset: 2px; }
main [title] { cursor: help; }
main [tabindex]:focus-visible { outline: 2px solid #1c4fc4; outline-offset: 1px; border-radius: 2px; }
.gloss { position: absolute; z-index: 3; max-width: min(22rem, 92vw); margin: 0; padding: .45rem .7rem;
  background: #fff; color: var(--ink); border: 1px solid #9aa3b8; border-radius: 6px;
  box-shadow: 0 4px 14px rgba(0, 0, 0, .16); font: .9rem/1.45 system-ui, sans-serif; }
.gloss[hidden] { display: none; }
.gloss p { margin: .15rem 0; }
.gloss .gw { font-size: 1.25rem; }
.gloss .gp { font-size: .95rem; color: #3d4a75; }
@media print { .toolbar, .gloss { display: none; } }
"#;

/// Runs right after the toolbar, before the text is parsed: it puts back the toggles remembered
/// (localStorage) and shows the toolbar, so the page is first drawn as the reader left it,
/// without a flash of the other state or the text moving down when the toolbar appears. It
/// reads the key [`SCRIPT`] saves the toggles under.
pub const TOOLBAR_SCRIPT: &str = r#"(function () {
  var body = document.body, bar = document.getElementById('toolbar'), saved = {};
  try { saved = JSON.parse(window.localStorage.getItem('duizhao.toggles') || '{}') || {}; } catch (e) { saved = {}; }
  bar.querySelectorAll('button').forEach(function (button) {
    var name = button.getAttribute('data-class');
    if (name in saved) body.classList.toggle(name, !!saved[name]);
    var on = body.classList.contains(name);
    button.setAttribute('aria-pressed', String(button.hasAttribute('data-shows') ? !on : on));
  });
  bar.hidden = false;
})();"#;

/// The page's behaviour. The toolbar's buttons toggle a class on <body>, remembered across
/// reloads (localStorage); tone colours are given to the characters the first time they are
/// asked for (`data-t` holds a word's tones), which keeps the page light. A tap, click or
/// keyboard focus on a word shows its gloss beside it; Escape or a tap elsewhere closes it.
/// Without scripts the toolbar stays hidden, everything is shown, and glosses are tooltips.
pub const SCRIPT: &str = r#"(function () {
  var body = document.body, bar = document.getElementById('toolbar'), KEY = 'duizhao.toggles', saved = {}, store = null;
  try { store = window.localStorage; saved = JSON.parse(store.getItem(KEY) || '{}') || {}; } catch (e) { saved = {}; }
  function colour() {
    document.querySelectorAll('[data-t]').forEach(function (r) {
      var tones = r.getAttribute('data-t'), base = r.firstChild, i = 0;
      r.removeAttribute('data-t');
      if (!base || base.nodeType !== 3) return;
      var parts = document.createDocumentFragment();
      Array.from(base.data).forEach(function (c) {
        if (i < tones.length && /\p{Script=Han}/u.test(c)) {
          var span = document.createElement('span');
          span.className = 't' + tones.charAt(i++);
          span.textContent = c;
          parts.appendChild(span);
        } else {
          parts.appendChild(document.createTextNode(c));
        }
      });
      r.replaceChild(parts, base);
    });
  }
  function set(button, name, on) {
    body.classList.toggle(name, on);
    button.setAttribute('aria-pressed', String(button.hasAttribute('data-shows') ? !on : on));
    if (name === 'tones' && on) colour();
  }
  // TOOLBAR_SCRIPT has set the classes before the text was shown; the colours wait for it.
  if (body.classList.contains('tones')) colour();
  bar.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button) return;
    var name = button.getAttribute('data-class');
    saved[name] = !body.classList.contains(name);
    set(button, name, saved[name]);
    try { store.setItem(KEY, JSON.stringify(saved)); } catch (e) {}
  });
  var pop = document.getElementById('gloss'), shown = null;
  function show(word) {
    if (shown === word) return;
    shown = word;
    pop.textContent = '';
    var head = document.createElement('p'), base = '', rt = word.querySelector('rt');
    var pinyin = rt ? rt.textContent : word.getAttribute('data-p');
    word.childNodes.forEach(function (n) { if (n.nodeName !== 'RT') base += n.textContent; });
    head.className = 'gw';
    head.lang = document.documentElement.lang;
    head.textContent = base;
    if (pinyin) {
      var py = document.createElement('span');
      py.className = 'gp';
      py.lang = 'en';
      py.textContent = '  ' + pinyin;
      head.appendChild(py);
    }
    pop.appendChild(head);
    // A study sheet's word shows its vocabulary entry.
    var entry = word.hasAttribute('data-w') && document.querySelector('#w' + word.getAttribute('data-w') + ' .en');
    (entry ? entry.textContent : word.getAttribute('title') || '').split(entry ? ' · ' : ' — ').forEach(function (line) {
      var p = document.createElement('p');
      p.lang = 'en';
      p.textContent = line;
      pop.appendChild(p);
    });
    pop.hidden = false;
    var r = word.getBoundingClientRect(), root = document.documentElement;
    var left = Math.min(r.left, root.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(8, left) + window.scrollX + 'px';
    pop.style.top = r.bottom + window.scrollY + 6 + 'px';
  }
  function hide() { pop.hidden = true; shown = null; }
  function wordOf(target) { return target.closest ? target.closest('main [title][tabindex], main [data-w]') : null; }
  document.addEventListener('click', function (e) {
    var word = wordOf(e.target);
    if (word) show(word); else if (!pop.contains(e.target)) hide();
  });
  document.addEventListener('focusin', function (e) { var word = wordOf(e.target); if (word) show(word); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hide(); });
  document.addEventListener('copy', function (e) {
    var text = String(window.getSelection());
    if (text.indexOf('\u200b') < 0 || !e.clipboardData) return;
    e.clipboardData.setData('text/plain', text.replace(/\u200b/g, ''));
    e.preventDefault();
  });
})();"#;

impl Renderer for HtmlRenderer {
    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, doc: &Document) -> String {
        let mut out = String::with_capacity(doc.paragraphs.iter().map(|p| p.zh.len() * 8).sum::<usize>() + 12_000);
        render_streamed(self, doc, &mut out);
        out
    }

    fn streamed(&self) -> Option<&(dyn StreamRenderer + Sync)> {
        Some(self)
    }
}

impl StreamRenderer for HtmlRenderer {
    fn begin(&self, head: &Head, out: &mut String) {
        let meta = head.meta;
        let zh_lang = head.zh_lang;
        let title = meta.title.as_deref().unwrap_or("Untitled");
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{zh_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{TEXT_CSS}{PAGE_CSS}{CONTROLS_CSS}</style>\n</head>\n",
            super::GENERATOR,
            escape(title)
        );
        let mut body_classes = vec![format!("layout-{}", self.layout.class())];
        if self.layout != Layout::SideBySide {
            body_classes.push("single".into());
        }
        if self.tone_colors {
            body_classes.push("tones".into());
        }
        let _ = writeln!(out, "<body class=\"{}\">", body_classes.join(" "));
        let _ = writeln!(
            out,
            "<nav class=\"toolbar\" id=\"toolbar\" aria-label=\"Display options\" hidden>\
             <button type=\"button\" data-class=\"no-pinyin\" data-shows aria-pressed=\"true\">Pinyin</button>{}\
             <button type=\"button\" data-class=\"tones\" aria-pressed=\"{}\">Tone colours</button></nav>\n\
             <script>{TOOLBAR_SCRIPT}</script>",
            if self.layout.shows_english() && self.layout.shows_chinese() {
                "<button type=\"button\" data-class=\"no-english\" data-shows aria-pressed=\"true\">English</button>"
            } else {
                ""
            },
            self.tone_colors
        );
        render_header(out, head);
        out.push_str("<main>\n");
        if self.layout == Layout::SideBySide {
            let _ = writeln!(
                out,
                "<div class=\"columns\" aria-hidden=\"true\"><div lang=\"{zh_lang}\">中文</div><div lang=\"en\">English</div></div>"
            );
        }
    }

    fn paragraph(&self, head: &Head, _index: usize, p: &Paragraph, out: &mut String) {
        let _ = writeln!(out, "<div class=\"pair\" id=\"{}\">", escape(&p.id));
        if self.layout.shows_chinese() {
            let _ = write!(out, "<div class=\"zh\" lang=\"{}\">", head.zh_lang);
            render_chinese(out, p, self.tone_colors);
            out.push_str("</div>\n");
        }
        if self.layout.shows_english() {
            out.push_str("<div class=\"en\" lang=\"en\">");
            render_english(out, p);
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
    }

    fn end(&self, head: &Head, _count: usize, out: &mut String) {
        out.push_str(
            "<div id=\"gloss\" class=\"gloss\" role=\"status\" aria-live=\"polite\" hidden></div>\n</main>\n<footer>\n",
        );
        if let Some(copyright) = &head.meta.copyright {
            let _ = writeln!(out, "<p lang=\"{}\">{}</p>", head.zh_lang, escape(copyright));
        }
        out.push_str(
            "<p lang=\"en\">Made with duizhao. Pinyin and glosses from CC-CEDICT (MDBG, CC BY-SA 4.0); tap, click or tab to a word for its meaning, a highlighted term for the glossary's English.</p>\n</footer>\n",
        );
        let _ = write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    }
}

/// Title, byline, provenance and the no-translation notice.
fn render_header(out: &mut String, head: &Head) {
    let meta = head.meta;
    let zh_lang = head.zh_lang;
    let title = meta.title.as_deref().unwrap_or("Untitled");
    out.push_str("<header class=\"meta\">\n");
    let _ = writeln!(out, "<h1 lang=\"{zh_lang}\">{}</h1>", escape(title));
    let mut byline = Vec::new();
    if let Some(author) = &meta.author {
        byline.push(format!("<span class=\"author\" lang=\"{zh_lang}\">{}</span>", escape(author)));
    }
    if let Some(date) = &meta.date {
        byline.push(format!("<time datetime=\"{0}\">{0}</time>", escape(date)));
    }
    if let Some(url) = meta.source_url.as_deref().and_then(crate::text::web_url) {
        byline.push(format!("<a href=\"{}\" rel=\"noopener noreferrer\" lang=\"en\">Source</a>", escape(url)));
    }
    if !byline.is_empty() {
        let _ = writeln!(out, "<p class=\"byline\">{}</p>", byline.join(" · "));
    }
    if let Some(at) = &meta.archived_at {
        let _ =
            writeln!(out, "<p class=\"byline\" lang=\"en\">Archived <time datetime=\"{0}\">{0}</time></p>", escape(at));
    }
    if !meta.topics.is_empty() {
        let topics: Vec<String> = meta.topics.iter().map(|t| escape(t)).collect();
        let _ = writeln!(
            out,
            "<p class=\"byline\"><span lang=\"en\">Topics:</span> <span lang=\"{zh_lang}\">{}</span></p>",
            topics.join(", ")
        );
    }
    if let Some(translation) = &meta.translation {
        if let Some(title) = &translation.title {
            let _ = writeln!(out, "<p class=\"byline\" lang=\"en\"><em>{}</em></p>", escape(title));
        }
        let _ = writeln!(out, "<p class=\"byline\" lang=\"en\">Translation: {}</p>", escape(&translation.source));
    }
    if !head.translated {
        let _ = writeln!(out, "<p class=\"notice\" lang=\"en\">{}</p>", escape(NO_TRANSLATION));
    }
    out.push_str("</header>\n");
}

/// The `lang` of the document's Chinese: `zh-Hans` or `zh-Hant`.
pub fn document_lang(doc: &Document) -> &'static str {
    lang_of(doc.paragraphs.iter().map(|p| p.zh.as_str()))
}

/// How many paragraphs from the start decide a document's `lang`.
pub const LANG_SAMPLE: usize = 40;

/// The `lang` of a document whose paragraphs' Chinese is `paragraphs`, judged by its first
/// [`LANG_SAMPLE`]; a streamed document knows them before it writes its head.
pub fn lang_of<'a>(paragraphs: impl Iterator<Item = &'a str>) -> &'static str {
    let sample: String = paragraphs.take(LANG_SAMPLE).collect();
    script::detect(&sample).lang()
}

/// Opening and closing markup for a paragraph of this kind.
pub fn wrappers(p: &Paragraph) -> (String, String) {
    match p.kind {
        ParagraphKind::Heading => {
            let level = (p.level.unwrap_or(1) + 1).min(6);
            (format!("<h{level}>"), format!("</h{level}>"))
        }
        ParagraphKind::Quote => ("<blockquote><p>".to_string(), "</p></blockquote>".to_string()),
        ParagraphKind::ListItem => ("<ul class=\"item\"><li>".to_string(), "</li></ul>".to_string()),
        ParagraphKind::Text => ("<p>".to_string(), "</p>".to_string()),
    }
}

/// Characters a line may not start with: closing punctuation and marks that follow a word.
const NO_BREAK_BEFORE: &str = "，。、；：？！）」』》〉】〕〗｝’”…—–·%‰℃,.;:?!)]}'\"%";
/// Characters a line may not end with: opening punctuation.
const NO_BREAK_AFTER: &str = "（「『《〈【〔〖｛‘“([{'\"$£¥￥#";

/// The mark that lets a line break before a word starting with `after`: a zero-width space,
/// which is text (a page of elements a word stays light), except before a word starting with
/// a Latin letter or digit, where Chromium does not break at a zero-width space between two
/// `nowrap` elements and a `<wbr>` is needed.
pub fn break_mark(after: &str) -> &'static str {
    if after.starts_with(|c: char| is_han(c)) { "\u{200b}" } else { "<wbr>" }
}

/// Whether a line may break between a word ending in `before` and one starting with `after`,
/// as Chinese text breaks (between any two words), keeping the usual kinsoku rules and Latin
/// words whole.
pub fn may_break(before: &str, after: &str) -> bool {
    let (Some(last), Some(first)) = (before.chars().next_back(), after.chars().next()) else { return false };
    if last.is_whitespace() || first.is_whitespace() {
        return false;
    }
    if NO_BREAK_BEFORE.contains(first) || NO_BREAK_AFTER.contains(last) {
        return false;
    }
    // Latin letters and digits in a row are one word, whatever the segmenter made of them.
    !(last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric())
}

/// The Chinese of a paragraph, word by word with ruby. A word's ruby never breaks inside
/// (`white-space: nowrap`), and a browser then breaks between two rubies only where it is told
/// it may: [`break_mark`] goes between words where a line may break (mostly a zero-width space,
/// a character rather than an element, so the page stays light; the page's script takes them
/// out of copied text). `toned` writes each character in its tone's class (a page that opens with tone
/// colours); otherwise a word carries its tones in `data-t` for the page's script.
pub fn render_chinese(out: &mut String, p: &Paragraph, toned: bool) {
    let (open, close) = wrappers(p);
    out.push_str(&open);
    let mut previous: Option<&Token> = None;
    for token in &p.tokens {
        if let Some(before) = previous
            && (before.pinyin.is_some() || token.pinyin.is_some())
            && may_break(&before.text, &token.text)
        {
            out.push_str(break_mark(&token.text));
        }
        render_token(out, token, toned);
        previous = Some(token);
    }
    out.push_str(&close);
}

/// The English of a paragraph, or a mark that it has none, and the aligner's note.
pub fn render_english(out: &mut String, p: &Paragraph) {
    let (open, close) = wrappers(p);
    match &p.en {
        Some(en) => {
            let _ = write!(out, "{open}{}{close}", escape(en));
            for (term, english) in crate::qa::glossary_misses(p, en) {
                let (term, english) = (escape(&term), escape(&english));
                let _ = write!(
                    out,
                    "<p class=\"align-note glossary-miss\">glossary: {term} should be rendered “{english}”</p>"
                );
            }
        }
        None => match &p.error {
            Some(error) => {
                let _ = write!(out, "<p class=\"untranslated\">— not translated: {}</p>", escape(error));
            }
            None => out.push_str("<p class=\"untranslated\" title=\"not translated\">—</p>"),
        },
    }
    if let Some(note) = p.alignment.as_ref().and_then(|a| a.note.as_ref()) {
        let _ = write!(out, "<p class=\"align-note\">{}</p>", escape(note));
    }
}

/// A token: plain text, or ruby with its pinyin; glossary terms marked; a word with a
/// meaning carries it in `title` (the glossary's English and note, then the dictionary's
/// senses) and can be focused, so that its gloss shows on tap, click and keyboard focus.
pub fn render_token(out: &mut String, token: &Token, toned: bool) {
    let mut hover = Vec::new();
    if let Some(g) = &token.glossary {
        hover.push(match &g.note {
            Some(note) => format!("{} ({})", g.english, note),
            None => g.english.clone(),
        });
    }
    if let Some(gloss) = &token.gloss {
        hover.push(gloss.clone());
    }
    let class = if token.glossary.is_some() { " class=\"term\"" } else { "" };
    let title = if hover.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\" tabindex=\"0\"", escape(&hover.join(" — ")))
    };
    match &token.pinyin {
        Some(pinyin) => {
            let tones = token.reading.as_deref().and_then(|r| tones_of(&token.text, r));
            match (&tones, toned) {
                (Some(tones), true) => {
                    let _ = write!(out, "<ruby{class}{title}>");
                    write_toned(out, &token.text, tones);
                }
                (Some(tones), false) => {
                    let _ = write!(out, "<ruby{class}{title} data-t=\"{tones}\">{}", escape(&token.text));
                }
                (None, _) => {
                    let _ = write!(out, "<ruby{class}{title}>{}", escape(&token.text));
                }
            }
            let _ = write!(out, "<rt>{}</rt></ruby>", escape(pinyin));
        }
        None if !class.is_empty() || !title.is_empty() => {
            let _ = write!(out, "<span{class}{title}>{}</span>", escape(&token.text));
        }
        None => out.push_str(&escape(&token.text)),
    }
}

/// The tones of a word's Han characters (`22` for 银行 with `yin2 hang2`), when its reading
/// has one syllable with a tone per Han character.
pub fn tones_of(text: &str, reading: &str) -> Option<String> {
    let tones: String = reading.split(' ').filter_map(tone_of).map(|t| char::from(b'0' + t)).collect();
    let han = text.chars().filter(|&c| is_han(c)).count();
    (han > 0 && tones.len() == han).then_some(tones)
}

/// `text` with each Han character wrapped in `<span class="tN">` by its tone in `tones`
/// ([`tones_of`]).
fn write_toned(out: &mut String, text: &str, tones: &str) {
    let mut tones = tones.bytes();
    for c in text.chars() {
        if is_han(c) {
            let _ = write!(out, "<span class=\"t{}\">{c}</span>", char::from(tones.next().unwrap_or(b'5')));
        } else {
            out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
        }
    }
}

/// Escapes text for HTML element content and quoted attribute values (also valid XML).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Meta};

    #[test]
    fn text_and_links_cannot_inject_markup() {
        let meta = Meta {
            source_url: Some("javascript:alert(1)".into()),
            title: Some("<script>x</script>".into()),
            ..Meta::default()
        };
        let mut doc = Document::new(meta, vec![Block::text("<img src=x onerror=alert(1)>")]);
        doc.paragraphs[0].tokens = vec![Token { text: doc.paragraphs[0].zh.clone(), ..Token::default() }];
        let html = HtmlRenderer::default().render(&doc);
        assert!(!html.contains("<script>x"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn tones_classes_per_character() {
        let token = Token {
            text: "银行".into(),
            reading: Some("yin2 hang2".into()),
            pinyin: Some("yínháng".into()),
            ..Token::default()
        };
        let mut out = String::new();
        render_token(&mut out, &token, true);
        assert_eq!(out, "<ruby><span class=\"t2\">银</span><span class=\"t2\">行</span><rt>yínháng</rt></ruby>");
        let mut out = String::new();
        render_token(&mut out, &token, false);
        assert_eq!(out, "<ruby data-t=\"22\">银行<rt>yínháng</rt></ruby>");
    }
}
