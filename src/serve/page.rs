//! The pages `duizhao serve` shows: the index of articles, and each article as its reading
//! page with an editing mode added by a script. With scripts off the article page is the
//! ordinary read-only reading page.

use std::fmt::Write;

use crate::document::Document;
use crate::render::Renderer;
use crate::render::html::HtmlRenderer;
use crate::render::layout::Layout;
use crate::render::markup::escape;

use super::library::Summary;

const INDEX_CSS: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}\
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #ddd}\
td.n{text-align:right;font-variant-numeric:tabular-nums}a{color:#0645ad}\
@media (max-width:40rem){th.opt,td.opt{display:none}}";

/// The index: every article with its progress.
pub fn index(summaries: &[Summary]) -> String {
    let mut rows = String::new();
    for s in summaries {
        let title = s.title.as_deref().unwrap_or(&s.slug);
        let _ = writeln!(
            rows,
            "<tr><td><a href=\"/articles/{}\">{}</a></td><td class=\"opt\">{}</td><td class=\"n\">{} / {}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&percent_encode(&s.slug)),
            escape(title),
            escape(s.date.as_deref().unwrap_or("")),
            s.translated,
            s.paragraphs,
            s.reviewed,
            s.with_findings
        );
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>duizhao review</title>\n<style>{INDEX_CSS}</style>\n</head>\n<body>\n<h1>Articles to review</h1>\n<table>\n<thead><tr><th>Article</th><th class=\"opt\">Date</th><th>Translated</th><th>Reviewed</th><th>With findings</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n</body>\n</html>\n"
    )
}

/// A slug as a URL path segment.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The reading page of `doc` with the editor: the token and the slug for the script's API
/// calls, a progress line, the editor's style and script.
pub fn article(doc: &Document, slug: &str, token: &str) -> String {
    let page = HtmlRenderer { layout: Layout::SideBySide, tone_colors: false }.render(doc);
    let meta = format!(
        "<meta name=\"duizhao-token\" content=\"{}\">\n<meta name=\"duizhao-article\" content=\"{}\">\n<style>{EDIT_CSS}</style>\n</head>",
        escape(token),
        escape(slug)
    );
    let progress = "</header>\n<p class=\"review-bar\"><a href=\"/\">All articles</a> · <span id=\"review-progress\" role=\"status\" aria-live=\"polite\"></span></p>";
    page.replacen("</head>", &meta, 1).replacen("</header>", progress, 1).replacen(
        "</body>",
        &format!("<script>{EDIT_SCRIPT}</script>\n</body>"),
        1,
    )
}

const EDIT_CSS: &str = ".review-bar{font:.9rem system-ui,sans-serif;color:#444;margin:.2rem 0 1rem}\
.en.editable{cursor:text;border-radius:4px;outline-offset:2px}\
.en.editable:hover{background:#f3f6fb}\
.en.editable:focus{outline:2px solid #1f4fd1}\
.pair.reviewed .en{border-left:3px solid #2a7a32;padding-left:.5rem}\
.editor textarea{box-sizing:border-box;width:100%;min-height:7rem;font:1rem/1.5 Georgia,serif;padding:.4rem}\
.editor .buttons{display:flex;gap:.5rem;margin:.4rem 0;flex-wrap:wrap}\
.editor button{font:inherit;padding:.35rem .9rem}\
.editor .terms,.findings{font:.85rem system-ui,sans-serif;color:#444;margin:.3rem 0;padding-left:1.1rem}\
.findings li{color:#8a1c1c}.findings li.note{color:#555}\
.editor .status{font:.85rem system-ui,sans-serif;color:#8a1c1c}";

/// The editor: click (or Enter on) a paragraph's English to edit it; Save, Cancel or Escape;
/// Ctrl+Enter saves. Everything the server sends is put in as text, never as markup.
const EDIT_SCRIPT: &str = r#"
(function () {
  var token = document.querySelector('meta[name="duizhao-token"]').content;
  var slug = document.querySelector('meta[name="duizhao-article"]').content;
  var api = '/api/articles/' + encodeURIComponent(slug);
  var state = {};
  function call(method, url, body) {
    return fetch(url, {
      method: method,
      headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; });
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function progress() {
    var ps = Object.keys(state).map(function (k) { return state[k]; }).filter(function (p) { return p.zh.trim(); });
    var translated = ps.filter(function (p) { return p.en; }).length;
    var reviewed = ps.filter(function (p) { return p.reviewed; }).length;
    // Notes (info) are worth knowing, not findings to act on.
    var findings = ps.filter(function (p) {
      return p.findings.some(function (f) { return f.severity !== 'info'; });
    }).length;
    document.getElementById('review-progress').textContent =
      translated + ' of ' + ps.length + ' paragraphs translated · ' + reviewed + ' reviewed · ' + findings + ' with findings';
  }
  function show(pair, p) {
    var en = pair.querySelector('.en');
    en.textContent = '';
    en.appendChild(el('p', p.en ? '' : 'untranslated', p.en || '— (click to translate)'));
    if (p.findings.length) {
      var list = el('ul', 'findings');
      list.setAttribute('aria-label', 'QA findings');
      p.findings.forEach(function (f) {
        list.appendChild(el('li', f.severity === 'info' ? 'finding note' : 'finding', f.message + ' (' + f.check + ')'));
      });
      en.appendChild(list);
    }
    pair.classList.toggle('reviewed', !!p.reviewed);
  }
  function terms(p) {
    var seen = {}, out = [];
    (p.tokens || []).forEach(function (t) {
      if (t.glossary && !seen[t.text]) { seen[t.text] = 1; out.push([t.text, t.glossary.english]); }
    });
    return out;
  }
  function edit(pair) {
    if (pair.classList.contains('editing')) return;
    var p = state[pair.id];
    var en = pair.querySelector('.en');
    pair.classList.add('editing');
    var form = el('div', 'editor');
    var label = 'English of paragraph ' + pair.id;
    var area = el('textarea');
    area.value = p.en || '';
    area.setAttribute('aria-label', label);
    form.appendChild(area);
    var needed = terms(p);
    if (needed.length) {
      var list = el('ul', 'terms');
      list.setAttribute('aria-label', 'Glossary terms of this paragraph');
      needed.forEach(function (t) { list.appendChild(el('li', '', t[0] + ' → ' + t[1])); });
      form.appendChild(list);
    }
    var buttons = el('div', 'buttons');
    var save = el('button', 'save', 'Save');
    var cancel = el('button', 'cancel', 'Cancel');
    save.type = cancel.type = 'button';
    buttons.appendChild(save);
    buttons.appendChild(cancel);
    form.appendChild(buttons);
    var status = el('p', 'status');
    status.setAttribute('role', 'status');
    form.appendChild(status);
    en.hidden = true;
    en.parentNode.insertBefore(form, en.nextSibling);
    area.focus();
    function close() {
      form.remove();
      en.hidden = false;
      pair.classList.remove('editing');
      en.focus();
    }
    function submit() {
      save.disabled = true;
      status.textContent = 'Saving…';
      call('PUT', api + '/paragraphs/' + encodeURIComponent(pair.id), { en: area.value, version: state[pair.id].version })
        .then(function (r) {
          save.disabled = false;
          if (r.status === 200) {
            state[pair.id] = Object.assign({}, state[pair.id], r.body);
            show(pair, r.body);
            progress();
            close();
          } else if (r.status === 409) {
            state[pair.id] = Object.assign({}, state[pair.id], r.body.current);
            status.textContent = 'Someone saved this paragraph meanwhile: “' + (r.body.current.en || '') +
              '”. Save again to replace it with your text.';
          } else {
            status.textContent = 'Not saved: ' + (r.body.error || r.status);
          }
        }, function (e) { save.disabled = false; status.textContent = 'Not saved: ' + e; });
    }
    save.addEventListener('click', submit);
    cancel.addEventListener('click', close);
    form.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.preventDefault(); close(); }
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); }
    });
  }
  call('GET', api).then(function (r) {
    if (r.status !== 200) return;
    r.body.paragraphs.forEach(function (p) {
      state[p.id] = p;
      var pair = document.getElementById(p.id);
      var en = pair && pair.querySelector('.en');
      if (!en || !p.zh.trim()) return;
      en.classList.add('editable');
      en.tabIndex = 0;
      en.setAttribute('role', 'button');
      en.setAttribute('aria-label', 'Edit the English of paragraph ' + p.id);
      en.addEventListener('click', function () { edit(pair); });
      en.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && e.target === en) { e.preventDefault(); edit(pair); }
      });
      pair.classList.toggle('reviewed', !!p.reviewed);
      // Every QA finding beside its paragraph, not only what the page itself notes.
      if (p.findings.length) show(pair, p);
    });
    progress();
  });
})();
"#;
