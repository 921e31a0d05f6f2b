//! The markup the reading page, the EPUB and the study sheet share: a paragraph's Chinese word
//! by word with ruby and where lines may break, its English with the aligner's notes, one
//! token, escaping, and the styles and scripts of the text, the toolbar and the gloss popup.
//! The paragraph markup is XHTML-clean, so the EPUB uses it as it is.

use std::fmt::Write;

use crate::document::{Paragraph, ParagraphKind, Token};
use crate::notation::tone_of;
use crate::text::is_han;

/// Styles shared by the HTML page and the EPUB: paragraphs, ruby, terms, tone colours. A
/// word's ruby is never split; the marks [`render_chinese`] puts between words let lines
/// break there, as Chinese text breaks.
pub(crate) const TEXT_CSS: &str = r#"
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

/// The toolbar and the gloss popup, shared by the reading page and the study sheet.
pub(crate) const CONTROLS_CSS: &str = r#"
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
.gloss .more { font: inherit; font-size: .8rem; color: #1c4fc4; background: none; border: 1px solid #9aa3b8;
  border-radius: 4px; padding: 0 .35rem; cursor: pointer; }
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
    // On the reading page, what the word became in this paragraph's English.
    var here = light(word);
    if (here) {
      var used = document.createElement('p');
      used.className = 'here';
      used.lang = 'en';
      used.textContent = 'here: ' + here;
      pop.appendChild(used);
    }
    // A study sheet's word shows its vocabulary entry.
    var entry = word.hasAttribute('data-w') && document.querySelector('#w' + word.getAttribute('data-w') + ' .en');
    (entry ? entry.textContent : word.getAttribute('title') || '').split(entry ? ' · ' : ' — ').forEach(function (line) {
      var p = document.createElement('p'), cut = entry ? -1 : line.indexOf('; ');
      p.lang = 'en';
      p.textContent = cut < 0 ? line : line.slice(0, cut);
      if (cut >= 0) {
        // The sense this sentence uses comes first; the others are one tap away.
        var more = document.createElement('button');
        more.type = 'button';
        more.className = 'more';
        more.textContent = 'more';
        more.setAttribute('aria-label', 'more senses');
        more.addEventListener('click', function (e) {
          // The button goes with the text it expands: the page must not read this as a tap elsewhere.
          e.stopPropagation();
          p.textContent = line;
        });
        p.appendChild(document.createTextNode(' '));
        p.appendChild(more);
      }
      pop.appendChild(p);
    });
    pop.hidden = false;
    var r = word.getBoundingClientRect(), root = document.documentElement;
    var left = Math.min(r.left, root.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(8, left) + window.scrollX + 'px';
    pop.style.top = r.bottom + window.scrollY + 6 + 'px';
  }
  function hide() { pop.hidden = true; shown = null; unlight(); }
  // Word links: a Chinese word (data-k, its token number) and the English words that
  // translate it (data-z, the numbers of the Chinese words they render), in the same pair,
  // light up together; light() returns the English words' text, in order.
  var lit = [];
  function unlight() { lit.forEach(function (e) { e.classList.remove('hl'); }); lit = []; }
  // A paragraph's English words are wrapped (span data-z) from its data-links when first needed.
  function wrap(pair) {
    var en = pair.querySelector('[data-links]');
    if (!en) return;
    var spec = en.getAttribute('data-links'), walker = document.createTreeWalker(en, NodeFilter.SHOW_TEXT);
    en.removeAttribute('data-links');
    var node = walker.nextNode();
    if (!node) return;
    var chars = Array.from(node.data), parts = document.createDocumentFragment(), at = 0;
    spec.split(' ').forEach(function (link) {
      var m = /^(\d+)-(\d+):([\d,]+)$/.exec(link);
      if (!m || +m[1] < at || +m[2] > chars.length) return;
      parts.appendChild(document.createTextNode(chars.slice(at, +m[1]).join('')));
      var word = document.createElement('span');
      word.setAttribute('data-z', m[3].replace(/,/g, ' '));
      word.textContent = chars.slice(+m[1], +m[2]).join('');
      parts.appendChild(word);
      at = +m[2];
    });
    parts.appendChild(document.createTextNode(chars.slice(at).join('')));
    node.parentNode.replaceChild(parts, node);
  }
  function light(el) {
    unlight();
    var pair = el.closest('.pair');
    if (!pair) return '';
    wrap(pair);
    var keys = el.hasAttribute('data-k') ? [el.getAttribute('data-k')] : (el.getAttribute('data-z') || '').split(' ');
    var english = [];
    keys.forEach(function (k) {
      if (!k) return;
      pair.querySelectorAll('[data-k="' + k + '"], [data-z~="' + k + '"]').forEach(function (e) {
        if (lit.indexOf(e) < 0) { e.classList.add('hl'); lit.push(e); }
      });
    });
    var previous = null;
    pair.querySelectorAll('.hl[data-z]').forEach(function (e) {
      // Words the English writes together stay together (Wen-liang).
      var gap = previous && previous.nextSibling;
      var joined = gap && gap.nodeType === 3 && gap.nextSibling === e && gap.data.length === 1 && !/\s/.test(gap.data);
      english.push((previous ? (joined ? gap.data : ' ') : '') + e.textContent);
      previous = e;
    });
    el.classList.add('hl');
    if (lit.indexOf(el) < 0) lit.push(el);
    return el.hasAttribute('data-k') ? english.join('') : '';
  }
  function linkOf(target) { return target.closest ? target.closest('.pair [data-k], .pair [data-z]') : null; }
  document.addEventListener('mouseover', function (e) {
    var english = e.target.closest && e.target.closest('.pair [data-links]');
    if (english) wrap(english.closest('.pair'));
    var el = linkOf(e.target);
    if (el && !shown) light(el);
  });
  document.addEventListener('mouseout', function (e) {
    if (linkOf(e.target) && !shown) unlight();
  });
  function wordOf(target) { return target.closest ? target.closest('main [title][tabindex], main [data-w]') : null; }
  document.addEventListener('click', function (e) {
    var pair = e.target.closest && e.target.closest('.pair');
    // A tap on English not yet wrapped: wrap it, and find the word under the tap.
    if (pair && pair.querySelector('[data-links]') && e.target.closest('[data-links]')) {
      wrap(pair);
      var under = document.elementFromPoint(e.clientX, e.clientY);
      if (under) e = { target: under };
    }
    var word = wordOf(e.target), english = !word && e.target.closest && e.target.closest('.pair [data-z]');
    if (word) show(word);
    else if (english) { hide(); light(english); }
    else if (!pop.contains(e.target)) hide();
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

/// Opening and closing markup for a paragraph of this kind.
pub(crate) fn wrappers(p: &Paragraph) -> (String, String) {
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
pub(crate) fn break_mark(after: &str) -> &'static str {
    if after.starts_with(|c: char| is_han(c)) { "\u{200b}" } else { "<wbr>" }
}

/// Whether a line may break between a word ending in `before` and one starting with `after`,
/// as Chinese text breaks (between any two words), keeping the usual kinsoku rules and Latin
/// words whole.
pub(crate) fn may_break(before: &str, after: &str) -> bool {
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
pub(crate) fn render_chinese(out: &mut String, p: &Paragraph, toned: bool) {
    let (open, close) = wrappers(p);
    out.push_str(&open);
    // Words with word links carry their token number, which their English words name.
    let linked: std::collections::HashSet<usize> = word_pairs(p).map(|w| w.zh).collect();
    let mut previous: Option<&Token> = None;
    for (t, token) in p.tokens.iter().enumerate() {
        if let Some(before) = previous
            && (before.pinyin.is_some() || token.pinyin.is_some())
            && may_break(&before.text, &token.text)
        {
            out.push_str(break_mark(&token.text));
        }
        render_linked_token(out, token, toned, linked.contains(&t).then_some(t));
        previous = Some(token);
    }
    out.push_str(&close);
}

/// Every word link of a paragraph.
fn word_pairs(p: &Paragraph) -> impl Iterator<Item = &crate::document::WordPair> {
    p.alignment.iter().flat_map(|a| &a.sentences).flat_map(|l| &l.words)
}

/// The word links of a paragraph's English as an attribute of its English column,
/// ` data-links="START-END:K,K START-END:K"`: each English word's character span and the
/// Chinese tokens (`data-k`) it translates, in order. The page's script wraps the words of a
/// paragraph only when a reader reaches for them, so a long article stays light.
pub(crate) fn word_links_attribute(p: &Paragraph) -> String {
    let mut spans: std::collections::BTreeMap<[usize; 2], Vec<usize>> = std::collections::BTreeMap::new();
    for w in word_pairs(p) {
        spans.entry(w.en).or_default().push(w.zh);
    }
    if spans.is_empty() {
        return String::new();
    }
    let links: Vec<String> = spans
        .into_iter()
        .map(|([start, end], mut tokens)| {
            tokens.sort_unstable();
            tokens.dedup();
            let keys: Vec<String> = tokens.iter().map(usize::to_string).collect();
            format!("{start}-{end}:{}", keys.join(","))
        })
        .collect();
    format!(" data-links=\"{}\"", links.join(" "))
}

/// The English of a paragraph, or a mark that it has none, and the aligner's note.
pub(crate) fn render_english(out: &mut String, p: &Paragraph) {
    let (open, close) = wrappers(p);
    match &p.en {
        Some(en) => {
            let _ = write!(out, "{open}{}{close}", escape(en));
            for note in &p.margin_notes {
                let _ = write!(out, "<p class=\"align-note glossary-miss\">{}</p>", escape(note));
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
pub(crate) fn render_token(out: &mut String, token: &Token, toned: bool) {
    render_linked_token(out, token, toned, None);
}

/// [`render_token`], with the token's number in `data-k` when its English is linked.
fn render_linked_token(out: &mut String, token: &Token, toned: bool, key: Option<usize>) {
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
    let mut title = if hover.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\" tabindex=\"0\"", escape(&hover.join(" — ")))
    };
    if let Some(key) = key {
        let _ = write!(title, " data-k=\"{key}\"");
    }
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
pub(crate) fn tones_of(text: &str, reading: &str) -> Option<String> {
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
