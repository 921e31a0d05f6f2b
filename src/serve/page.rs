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
            "<tr><td><a href=\"/articles/{}\">{}</a></td><td class=\"opt\">{}</td><td class=\"n translated\">{} / {}</td><td class=\"n reviewed\">{}</td><td class=\"n with-findings\">{}</td></tr>",
            escape(&percent_encode(&s.slug)),
            escape(title),
            escape(s.date.as_deref().unwrap_or("")),
            s.counts.translated,
            s.counts.paragraphs,
            s.counts.reviewed,
            s.counts.with_findings
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
/// calls, a progress line with the last edit's Undo, the editor's style and script. It is a
/// reviewer's page: nothing on it speaks to the operator (no word on configuring providers).
pub fn article(doc: &Document, slug: &str, token: &str) -> String {
    let page = HtmlRenderer { layout: Layout::SideBySide, tone_colors: false }.render(doc);
    let meta = format!(
        "<meta name=\"duizhao-token\" content=\"{}\">\n<meta name=\"duizhao-article\" content=\"{}\">\n<style>{EDIT_CSS}</style>\n</head>",
        escape(token),
        escape(slug)
    );
    let progress = "</header>\n<p class=\"review-bar\"><a href=\"/\">All articles</a> · <span id=\"review-progress\" role=\"status\" aria-live=\"polite\"></span> <span id=\"review-undo\" role=\"status\" aria-live=\"polite\"></span></p>";
    page.replacen("</head>", &meta, 1).replacen("</header>", progress, 1).replacen(
        "</body>",
        &format!("<script>{EDIT_SCRIPT}</script>\n</body>"),
        1,
    )
}

const EDIT_CSS: &str = ".review-bar{font:.9rem system-ui,sans-serif;color:#444;max-width:78rem;box-sizing:border-box;margin:.6rem auto 1rem;padding:0 1.5rem}\
@media (max-width:40rem){.review-bar{padding:0 .9rem}}\
#review-undo:not(:empty){position:fixed;right:1rem;bottom:1rem;z-index:3;background:#1f2937;color:#fff;padding:.5rem .9rem;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.25)}\
#review-undo button{font:inherit;padding:.15rem .7rem;margin-left:.5rem}\
.en.editable{cursor:text;border-radius:4px;outline-offset:2px}\
.en.editable:hover{background:#f3f6fb}\
.en.editable:focus{outline:2px solid #1f4fd1}\
.pair.reviewed .en{border-left:3px solid #2a7a32;padding-left:.5rem}\
.pair.changed .en,.pair.changed .editor{box-shadow:-4px 0 0 #d08a00}\
.changed-note{font:.85rem system-ui,sans-serif;color:#7a4d00;margin:.3rem 0}\
.editor textarea{box-sizing:border-box;width:100%;min-height:7rem;font:1rem/1.5 Georgia,serif;padding:.4rem}\
.editor .buttons{display:flex;gap:.5rem;margin:.4rem 0;flex-wrap:wrap}\
.editor button{font:inherit;padding:.35rem .9rem}\
.editor .terms,.findings{font:.85rem system-ui,sans-serif;color:#444;margin:.3rem 0;padding-left:1.1rem}\
.findings li{color:#8a1c1c}.findings li.note{color:#555}\
.editor .status{font:.85rem system-ui,sans-serif;color:#8a1c1c}";

/// The editor: click (or Enter on) any row's English to edit it; Save, Cancel or Escape;
/// Ctrl+Enter saves; empty English saved is "no translation". A row of English with no
/// Chinese partner can also be moved into the paragraph before or after it, or deleted. The
/// last edit can be undone from the bar at the top. Every few seconds the page asks for the
/// article's version; when someone else changed it, changed rows are marked and refreshed, and
/// a row being edited is warned about instead. Everything the server sends is put in as
/// text, never as markup.
const EDIT_SCRIPT: &str = r#"
(function () {
  var token = document.querySelector('meta[name="duizhao-token"]').content;
  var slug = document.querySelector('meta[name="duizhao-article"]').content;
  var api = '/api/articles/' + encodeURIComponent(slug);
  var state = {}, order = [], version = null, editors = {}, refreshing = null, changed = {};
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
  function englishOnly(p) { return !p.zh.trim(); }
  // The counts come from the server, computed as the index computes them.
  function progress(counts) {
    document.getElementById('review-progress').textContent =
      counts.translated + ' of ' + counts.paragraphs + ' paragraphs translated · ' + counts.reviewed +
      ' reviewed · ' + counts.with_findings + ' with findings';
  }
  function article(a) {
    if (!a) return;
    version = a.version;
    progress(a.counts);
  }
  function show(pair, p) {
    var en = pair.querySelector('.en');
    en.textContent = '';
    var empty = englishOnly(p) ? '— (no English)' : '— (click to translate)';
    en.appendChild(el('p', p.en ? '' : 'untranslated', p.en || empty));
    if (p.findings.length) {
      var list = el('ul', 'findings');
      list.setAttribute('aria-label', 'QA findings');
      p.findings.forEach(function (f) {
        list.appendChild(el('li', f.severity === 'info' ? 'finding note' : 'finding', f.message + ' (' + f.check + ')'));
      });
      en.appendChild(list);
    }
    pair.classList.toggle('reviewed', !!p.reviewed);
    // Someone else's change stays marked until the reviewer opens the row.
    pair.classList.toggle('changed', !!changed[p.id]);
    if (changed[p.id]) en.appendChild(el('p', 'changed-note', 'Changed by someone else while this page was open.'));
  }
  function terms(p) {
    var seen = {}, out = [];
    (p.tokens || []).forEach(function (t) {
      if (t.glossary && !seen[t.text]) { seen[t.text] = 1; out.push([t.text, t.glossary.english]); }
    });
    return out;
  }
  // A row the page does not have yet (one brought back by an undo): made like the others.
  function pairFor(p, index) {
    var pair = document.getElementById(p.id);
    if (pair) return pair;
    pair = el('div', 'pair');
    pair.id = p.id;
    var zh = el('div', 'zh');
    zh.lang = 'zh-Hans';
    zh.appendChild(el('p', '', p.zh));
    var en = el('div', 'en');
    en.lang = 'en';
    pair.appendChild(zh);
    pair.appendChild(en);
    var before = null;
    for (var i = index - 1; i >= 0 && !before; i--) before = document.getElementById(order[i]);
    if (before) before.parentNode.insertBefore(pair, before.nextSibling);
    else document.querySelector('main').insertBefore(pair, document.querySelector('main .pair'));
    return pair;
  }
  function editable(pair) {
    var en = pair.querySelector('.en');
    if (!en || en.classList.contains('editable')) return;
    en.classList.add('editable');
    en.tabIndex = 0;
    en.setAttribute('role', 'button');
    en.setAttribute('aria-label', 'Edit the English of paragraph ' + pair.id);
    en.addEventListener('click', function () { edit(pair); });
    en.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && e.target === en) { e.preventDefault(); edit(pair); }
    });
  }
  // The last edit's Undo: one step, what the row (and a neighbour) held before it.
  function offerUndo(label, steps) {
    var bar = document.getElementById('review-undo');
    bar.textContent = label + ' ';
    var button = el('button', 'undo', 'Undo');
    button.type = 'button';
    button.addEventListener('click', function () {
      button.disabled = true;
      bar.textContent = 'Undoing…';
      steps.reduce(function (done, step) { return done.then(step); }, Promise.resolve()).then(function () {
        bar.textContent = 'Undone.';
        return refresh();
      }, function (e) { bar.textContent = 'Not undone: ' + e; });
    });
    bar.appendChild(button);
  }
  // What brings row `before` back: its reviewed text saved again, or its review dropped.
  function restore(before) {
    return function () {
      var url = api + '/paragraphs/' + encodeURIComponent(before.id);
      var dropped = call('DELETE', url);
      if (!before.reviewed) return dropped.then(check);
      return dropped.then(check).then(function (r) {
        return call('PUT', url, { en: before.en || '', version: r.body.version }).then(check);
      });
    };
  }
  // An answer of this page's own edit: its row's state is known, so the refresh after it does
  // not mark the row as changed by someone else.
  function check(r) {
    if (r.status !== 200) throw (r.body && r.body.error) || r.status;
    article(r.body.article);
    if (r.body.id && !r.body.removed) state[r.body.id] = Object.assign({}, state[r.body.id] || {}, r.body);
    return r;
  }
  function edit(pair) {
    if (pair.classList.contains('editing')) return;
    var p = state[pair.id];
    var en = pair.querySelector('.en');
    delete changed[pair.id];
    pair.classList.remove('changed');
    en.querySelectorAll('.changed-note').forEach(function (n) { n.remove(); });
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
    function button(cls, text) {
      var b = el('button', cls, text);
      b.type = 'button';
      buttons.appendChild(b);
      return b;
    }
    var save = button('save', 'Save');
    var cancel = button('cancel', 'Cancel');
    var moves = [];
    if (englishOnly(p)) {
      moves.push([button('move-previous', 'Move to previous paragraph'), 'previous']);
      moves.push([button('move-next', 'Move to next paragraph'), 'next']);
      moves.push([button('delete', 'Delete'), null]);
    }
    form.appendChild(buttons);
    var status = el('p', 'status');
    status.setAttribute('role', 'status');
    form.appendChild(status);
    en.hidden = true;
    en.parentNode.insertBefore(form, en.nextSibling);
    area.focus();
    editors[pair.id] = { status: status, area: area, disable: disable };
    function disable(on) {
      save.disabled = on;
      moves.forEach(function (m) { m[0].disabled = on; });
    }
    // Closed, the row shows what the server has now: it may have changed while open.
    function close() {
      delete editors[pair.id];
      form.remove();
      en.hidden = false;
      pair.classList.remove('editing', 'changed');
      if (!state[pair.id]) return pair.remove();
      show(pair, state[pair.id]);
      en.focus();
    }
    // After an edit: the answer, then every row refreshed (a save changes other rows'
    // findings, and the counts).
    function done(r, label, steps) {
      disable(false);
      if (r.status === 200) {
        article(r.body.article);
        close();
        offerUndo(label, steps);
        refresh();
      } else if (r.status === 409) {
        state[pair.id] = Object.assign({}, state[pair.id], r.body.current);
        status.textContent = 'Someone saved this paragraph meanwhile: “' + (r.body.current.en || '') +
          '”. Save again to replace it with your text.';
      } else {
        status.textContent = 'Not saved: ' + (r.body.error || r.status);
      }
    }
    function failed(e) { disable(false); status.textContent = 'Not saved: ' + e; }
    function submit() {
      var before = state[pair.id];
      disable(true);
      status.textContent = 'Saving…';
      call('PUT', api + '/paragraphs/' + encodeURIComponent(pair.id), { en: area.value, version: before.version })
        .then(function (r) {
          if (r.status === 200 && !r.body.removed) state[pair.id] = Object.assign({}, before, r.body);
          done(r, (r.body.removed ? 'Deleted ' : 'Saved ') + pair.id + '.', [restore(before)]);
        }, failed);
    }
    function move(to) {
      var before = state[pair.id];
      disable(true);
      status.textContent = to ? 'Moving…' : 'Deleting…';
      var reply = to
        ? call('POST', api + '/paragraphs/' + encodeURIComponent(pair.id) + '/move', { to: to, version: before.version })
        : call('PUT', api + '/paragraphs/' + encodeURIComponent(pair.id), { en: '', version: before.version });
      reply.then(function (r) {
        var steps = [restore(before)];
        var label = 'Deleted ' + pair.id + '.';
        if (r.status === 200 && r.body.moved_to) {
          var into = r.body.moved_to.id;
          steps.push(restore(state[into]));
          state[into] = Object.assign({}, state[into], r.body.moved_to);
          label = 'Moved ' + pair.id + ' into ' + into + '.';
        }
        done(r, label, steps);
      }, failed);
    }
    save.addEventListener('click', submit);
    cancel.addEventListener('click', close);
    moves.forEach(function (m) { m[0].addEventListener('click', function () { move(m[1]); }); });
    form.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.preventDefault(); close(); }
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); }
    });
  }
  // The article as the server has it now: new and restored rows added, removed ones taken
  // away, rows someone else changed marked; a row being edited keeps its text and is warned.
  function refresh() {
    if (refreshing) return refreshing;
    refreshing = call('GET', api).then(function (r) {
      refreshing = null;
      if (r.status !== 200) return;
      var first = version === null;
      article(r.body);
      var seen = {};
      order = r.body.paragraphs.map(function (p) { return p.id; });
      r.body.paragraphs.forEach(function (p, index) {
        seen[p.id] = 1;
        var known = state[p.id];
        var moved = !first && (!known || known.version !== p.version);
        state[p.id] = p;
        var pair = first ? document.getElementById(p.id) : pairFor(p, index);
        if (!pair || !pair.querySelector('.en')) return;
        editable(pair);
        var editor = editors[p.id];
        if (editor && moved) {
          pair.classList.add('changed');
          editor.status.textContent = 'Someone else changed this paragraph while you were editing it: “' +
            (p.en || '') + '”. Saving replaces it with your text.';
        } else if (!editor) {
          if (moved) changed[p.id] = true;
          if (first && !p.findings.length) pair.classList.toggle('reviewed', !!p.reviewed);
          // Every QA finding beside its paragraph, not only what the page itself notes.
          else show(pair, p);
        }
      });
      Object.keys(state).forEach(function (id) {
        if (seen[id]) return;
        delete state[id];
        var pair = document.getElementById(id);
        if (!pair) return;
        if (editors[id]) {
          editors[id].status.textContent = 'Someone else removed this row: there is nothing left to save.';
          editors[id].disable(true);
        } else {
          pair.remove();
        }
      });
    }, function () { refreshing = null; });
    return refreshing;
  }
  // Someone else's edit (another tab, a script) shows within a few seconds: the version is
  // a few bytes to ask for, the whole article only when it changed.
  function poll() {
    call('GET', api + '/version').then(function (r) {
      if (r.status === 200 && version !== null && r.body.version !== version) refresh();
    }, function () {});
  }
  refresh();
  setInterval(poll, 3000);
})();
"#;
