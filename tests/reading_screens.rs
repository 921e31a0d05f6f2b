//! The seed's reading page, its study sheet and its `--ruby` EPUB chapter as a reader sees them,
//! in headless Chromium at phone and desktop widths:
//!
//! - lines break between words, as Chinese text does: at every line break the next word did
//!   not fit at the end of the line (at most 10% otherwise, for kinsoku pushes), no closing
//!   punctuation starts a line, no word's ruby is split;
//! - no page is wider than the screen;
//! - a tap on a word (and keyboard focus) shows its gloss as visible text; Escape closes it;
//! - tone colours, once turned on, have a contrast of 4.5:1 or better against what is behind
//!   them, and stay on after a reload;
//! - the pages stay light: under 3,000 elements.

mod common;

use std::path::{Path, PathBuf};

use common::browser::browser_for;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

const SEED: &str = "000_9cd979bd4177cabe";

/// Line breaks in the paragraphs matched by `selector`: how many, and those where the first
/// unit of the next line, with the closing punctuation that must follow it, would have fitted
/// at the end of the line. A unit is a word element (ruby, a word with `data-p`) or a character
/// of plain text (a run of Latin letters and digits is one); zero-width spaces are not units.
const LINE_BREAKS: &str = r#"
var selector = arguments[0], breaks = 0, fitted = [], closingFirst = 0, split = 0;
var closing = '，。、；：？！）」』》〉】〕…—,.;:?!)';
document.querySelectorAll(selector).forEach(function (para) {
  var style = getComputedStyle(para), box = para.getBoundingClientRect();
  var right = box.right - parseFloat(style.paddingRight);
  var units = [];
  (function collect(node) {
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) {
        // A character is a unit, a run of Latin letters and digits one word.
        var latin = /[A-Za-z0-9]/;
        for (var i = 0; i < child.data.length; i++) {
          var c = child.data[i];
          if (c === '\u200b' || /\s/.test(c)) continue;
          var end = i + 1;
          if (latin.test(c)) while (end < child.data.length && latin.test(child.data[end])) end++;
          var range = document.createRange(); range.setStart(child, i); range.setEnd(child, end);
          var rects = range.getClientRects();
          if (rects.length === 1 && rects[0].width > 0) units.push({ text: child.data.slice(i, end), r: rects[0] });
          i = end - 1;
        }
      } else if (child.nodeType === 1) {
        var word = child.matches('ruby, [data-p]');
        if (word) {
          if (child.getClientRects().length > 1) split++;
          units.push({ text: child.textContent, r: child.getBoundingClientRect() });
        } else if (child.tagName !== 'RT' && child.tagName !== 'WBR') {
          collect(child);
        }
      }
    });
  })(para);
  for (var k = 1; k < units.length; k++) {
    var a = units[k - 1], b = units[k];
    if (b.r.top < a.r.bottom - 1) continue;
    breaks++;
    if (closing.indexOf(b.text.charAt(0)) >= 0) closingFirst++;
    // The next word takes its closing punctuation with it (a line may not start with it).
    var width = b.r.width, text = b.text;
    for (var j = k + 1; j < units.length && closing.indexOf(units[j].text.charAt(0)) >= 0; j++) {
      width += units[j].r.width; text += units[j].text;
    }
    if (width + 1 <= right - a.r.right) fitted.push(a.text + ' | ' + text + ' (' + Math.round(right - a.r.right) + 'px left, ' + Math.round(width) + 'px wide)');
  }
});
return { breaks: breaks, fitted: fitted.length, examples: fitted.slice(0, 5), closingFirst: closingFirst, split: split,
  width: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth,
  elements: document.getElementsByTagName('*').length };
"#;

/// The lowest contrast of any tone-coloured character against the background behind it
/// (WCAG 2 relative luminance).
const TONE_CONTRAST: &str = r#"
function rgb(text) { var m = text.match(/[\d.]+/g).map(Number); return { c: m.slice(0, 3), a: m.length > 3 ? m[3] : 1 }; }
function luminance(c) {
  var l = c.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}
function background(el) {
  for (; el; el = el.parentElement) {
    var bg = rgb(getComputedStyle(el).backgroundColor);
    if (bg.a > 0) return bg.c;
  }
  return [255, 255, 255];
}
var lowest = 99, count = 0, seen = {};
document.querySelectorAll('main .t1, main .t2, main .t3, main .t4, main .t5').forEach(function (el) {
  var fg = luminance(rgb(getComputedStyle(el).color).c), bg = luminance(background(el));
  var ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  lowest = Math.min(lowest, ratio); count++; seen[el.className] = getComputedStyle(el).color;
});
return { lowest: lowest, count: count, colours: seen };
"#;

async fn eval(client: &Client, script: &str, args: Vec<Value>) -> Value {
    client.execute(script, args).await.expect("script runs")
}

/// Checks one page at one width: line breaks, width, size.
async fn check_layout(client: &Client, what: &str, selector: &str, width: u32) -> Value {
    let layout = eval(client, LINE_BREAKS, vec![json!(selector)]).await;
    let breaks = layout["breaks"].as_u64().unwrap();
    let fitted = layout["fitted"].as_u64().unwrap();
    assert!(breaks >= 10, "{what} at {width}px: only {breaks} line breaks measured: {layout}");
    assert!(
        fitted * 10 <= breaks,
        "{what} at {width}px: {fitted} of {breaks} breaks left room for the next word: {layout}"
    );
    assert_eq!(layout["closingFirst"], 0, "{what} at {width}px: a line starts with closing punctuation: {layout}");
    assert_eq!(layout["split"], 0, "{what} at {width}px: a word's ruby is split over two lines: {layout}");
    let (inner, scroll) = (layout["width"].as_u64().unwrap(), layout["scrollWidth"].as_u64().unwrap());
    assert!(scroll <= inner, "{what} at {width}px is {scroll}px wide: it scrolls sideways");
    eprintln!("{what} at {width}px: {fitted} of {breaks} line breaks left room for the next word");
    layout
}

/// A tap on the first word with a gloss shows it; Escape closes it; keyboard focus shows it.
async fn check_glosses(client: &Client, what: &str) {
    let word = client.find(Locator::Css("main [title][tabindex], main [data-w]")).await.unwrap();
    let text = eval(client, "var w = document.querySelector('main [title][tabindex], main [data-w]'); w.scrollIntoView({block: 'center'}); return w.textContent;", vec![]).await;
    word.click().await.unwrap();
    let pop = client.find(Locator::Id("gloss")).await.unwrap();
    assert!(pop.is_displayed().await.unwrap(), "{what}: a tap shows the gloss");
    let shown = pop.text().await.unwrap();
    let text = text
        .as_str()
        .unwrap()
        .replace(|c: char| c.is_ascii_alphabetic() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ".contains(c), "");
    assert!(
        shown.contains(&text) && shown.chars().any(|c| c.is_ascii_lowercase()),
        "{what}: the gloss shows {text:?} and its English: {shown:?}"
    );
    client.find(Locator::Css("body")).await.unwrap().send_keys("\u{e00c}").await.unwrap();
    assert!(!pop.is_displayed().await.unwrap(), "{what}: Escape closes the gloss");
    eval(client, "document.querySelectorAll('main [title][tabindex], main [data-w]')[3].focus()", vec![]).await;
    assert!(pop.is_displayed().await.unwrap(), "{what}: keyboard focus shows the gloss");
}

/// A word of several senses shows the first, and the others after a tap on "more".
async fn check_more(client: &Client, what: &str) {
    let found = eval(
        client,
        "var w = Array.from(document.querySelectorAll('main [title][tabindex]')).find(function (w) { \
           return w.getAttribute('title').indexOf('; ') > 0; }); \
         w.scrollIntoView({block: 'center'}); w.click(); \
         var title = w.getAttribute('title'); return [title.split('; ')[0], title.split('; ')[1]];",
        vec![],
    )
    .await;
    let (first, second) = (found[0].as_str().unwrap(), found[1].as_str().unwrap());
    let pop = client.find(Locator::Id("gloss")).await.unwrap();
    let shown = pop.text().await.unwrap();
    assert!(shown.contains(first) && !shown.contains(second), "{what}: the first sense only: {shown:?}");
    let more = pop.find(Locator::Css("button.more")).await.expect("a \"more\" button");
    more.click().await.unwrap();
    assert!(pop.is_displayed().await.unwrap(), "{what}: \"more\" keeps the gloss open");
    let shown = pop.text().await.unwrap();
    assert!(shown.contains(second), "{what}: \"more\" shows the other senses: {shown:?}");
    client.find(Locator::Css("body")).await.unwrap().send_keys("\u{e00c}").await.unwrap();
}

/// Turns tone colours on, checks their contrast, reloads: still on.
async fn check_tones(client: &Client, what: &str) {
    client.find(Locator::Css("button[data-class='tones']")).await.unwrap().click().await.unwrap();
    let contrast = eval(client, TONE_CONTRAST, vec![]).await;
    assert!(contrast["count"].as_u64().unwrap() > 500, "{what}: tone colours applied: {contrast}");
    let lowest = contrast["lowest"].as_f64().unwrap();
    assert!(lowest >= 4.5, "{what}: a tone colour has a contrast of {lowest:.2}: {contrast}");
    assert_eq!(contrast["colours"].as_object().unwrap().len(), 5, "five tones told apart: {contrast}");
    client.refresh().await.unwrap();
    // The page colours its text after loading; on a busy machine that can take a moment.
    let mut kept = json!(false);
    for _ in 0..50 {
        kept = eval(
            client,
            "return document.body.classList.contains('tones') && document.querySelectorAll('main .t4').length > 0",
            vec![],
        )
        .await;
        if kept == json!(true) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(kept, json!(true), "{what}: tone colours stay on after a reload");
    client.find(Locator::Css("button[data-class='tones']")).await.unwrap().click().await.unwrap();
    eprintln!("{what}: lowest tone-colour contrast {lowest:.2}");
}

/// The seed built into a fresh folder: the reading page, the study sheet and the `--ruby`
/// EPUB's chapter unpacked.
fn seed_outputs() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let (out, output) = common::build(&[&common::root().join("seeds")], &["--format", "html,study,epub", "--ruby"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let book = std::fs::File::open(out.path().join(format!("{SEED}.epub"))).unwrap();
    let mut zip = zip::ZipArchive::new(book).unwrap();
    let unpacked = out.path().join("book");
    zip.extract(&unpacked).unwrap();
    let page = out.path().join(format!("{SEED}.html"));
    let sheet = out.path().join(format!("{SEED}.study.html"));
    let chapter = unpacked.join("OEBPS/article-1.xhtml");
    (out, page, sheet, chapter)
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_wrap_like_chinese_text_show_glosses_on_tap_and_keep_readable_tone_colours() {
    let test = "pages_wrap_like_chinese_text_show_glosses_on_tap_and_keep_readable_tone_colours";
    let (_out, page, sheet, chapter) = seed_outputs();
    let Some((_driver, client, _profile)) = browser_for(test).await else { return };
    let pages =
        [("reading page", &page, ".zh > *"), ("study sheet", &sheet, ".text p, .text h3, .text li, .text blockquote")];
    for (what, path, selector) in pages {
        for width in [390, 1400] {
            client.set_window_size(width, 900).await.unwrap();
            client.goto(&url(path)).await.unwrap();
            let layout = check_layout(&client, what, selector, width).await;
            assert!(layout["elements"].as_u64().unwrap() < 3000, "{what}: {} elements", layout["elements"]);
            check_glosses(&client, what).await;
            if what == "reading page" {
                check_more(&client, what).await;
            }
        }
        check_tones(&client, what).await;
    }
    // The EPUB's chapter, as a phone-sized reading system lays it out (no script there).
    client.set_window_size(360, 740).await.unwrap();
    client.goto(&url(&chapter)).await.unwrap();
    check_layout(&client, "EPUB chapter", ".zh > *", 360).await;
    client.close().await.unwrap();
}
