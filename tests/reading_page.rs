//! The reading page in a real browser: headless Chromium driven over WebDriver
//! (chromedriver + fantoccini). Pairs stay level at desktop width, the phone layout never
//! scrolls sideways, and the toolbar's toggles work; a long page opens as the reader left it
//! without moving, and links into it land below the toolbar. Screenshots are kept as artifacts.

mod common;

use common::browser::browser_for;
use common::*;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

async fn eval(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.expect("script runs")
}

/// The largest difference, in pixels, between a Chinese paragraph's top and its English's.
async fn worst_misalignment(client: &Client) -> f64 {
    let value = eval(
        client,
        "var worst = 0; document.querySelectorAll('.pair').forEach(function (p) {
           var zh = p.querySelector('.zh'), en = p.querySelector('.en');
           if (zh && en && getComputedStyle(en).display !== 'none') {
             worst = Math.max(worst, Math.abs(zh.getBoundingClientRect().top - en.getBoundingClientRect().top));
           }
         }); return worst;",
    )
    .await;
    value.as_f64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_page_in_chromium() {
    let test = "seed_page_in_chromium";
    let (out, output) = build(&[&root().join("seeds")], &["--format", "html"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = format!("file://{}", out.path().join("000_9cd979bd4177cabe.html").display());

    let Some((_driver, client, _profile)) = browser_for(test).await else { return };
    client.set_window_size(1280, 1000).await.unwrap();
    client.goto(&page).await.unwrap();
    assert_eq!(eval(&client, "return document.querySelectorAll('.pair').length").await, json!(18));
    let worst = worst_misalignment(&client).await;
    assert!(worst <= 3.0, "paragraph pairs are {worst}px apart at 1280px");

    // The toolbar appears with scripts on; the pinyin toggle hides and shows the ruby text.
    assert_eq!(eval(&client, "return document.getElementById('toolbar').hidden").await, json!(false));
    let rt_display = "return getComputedStyle(document.querySelector('rt')).display";
    assert_ne!(eval(&client, rt_display).await, json!("none"));
    let pinyin = client.find(Locator::Css("button[data-class='no-pinyin']")).await.unwrap();
    pinyin.click().await.unwrap();
    assert_eq!(eval(&client, rt_display).await, json!("none"));
    assert_eq!(pinyin.attr("aria-pressed").await.unwrap().as_deref(), Some("false"));
    let worst = worst_misalignment(&client).await;
    assert!(worst <= 3.0, "pairs are {worst}px apart with pinyin hidden");
    let tones = client.find(Locator::Css("button[data-class='tones']")).await.unwrap();
    tones.click().await.unwrap();
    let color = eval(&client, "return getComputedStyle(document.querySelector('.zh .t4')).color").await;
    assert_eq!(color, json!("rgb(28, 79, 196)"), "tone 4 is blue with tone colours on");
    let worst = worst_misalignment(&client).await;
    assert!(worst <= 3.0, "pairs are {worst}px apart with tone colours on");
    pinyin.click().await.unwrap();
    assert_ne!(eval(&client, rt_display).await, json!("none"));

    // The controls are buttons, reachable from the keyboard.
    let focusable = eval(&client, "return Array.from(document.querySelectorAll('#toolbar button')).every(function (b) { return b.tabIndex >= 0; })").await;
    assert_eq!(focusable, json!(true));

    let shot = client.screenshot().await.unwrap();
    let artifacts = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("reading-page-1280.png"), &shot).unwrap();
    assert!(shot.len() > 20_000, "the screenshot is not blank");

    // Phone width: the columns stack, each pair together, and nothing scrolls sideways.
    client.set_window_size(390, 844).await.unwrap();
    client.refresh().await.unwrap();
    let inner = eval(&client, "return window.innerWidth").await.as_f64().unwrap();
    let scroll = eval(&client, "return document.documentElement.scrollWidth").await.as_f64().unwrap();
    assert!(scroll <= inner, "horizontal scrolling at phone width: {scroll} > {inner}");
    let stacked = eval(
        &client,
        "var p = document.querySelector('.pair'); return p.querySelector('.en').getBoundingClientRect().top > p.querySelector('.zh').getBoundingClientRect().bottom - 1",
    )
    .await;
    assert_eq!(stacked, json!(true), "the English follows its Chinese on a phone");
    std::fs::write(artifacts.join("reading-page-390.png"), client.screenshot().await.unwrap()).unwrap();
    client.close().await.unwrap();
}

/// A long article on a phone: its pairs are laid out only near the screen, a link to a
/// paragraph far down still lands on it, and the page opens as the reader left it (pinyin
/// hidden) without anything moving as it loads: no flash of the other state, no toolbar
/// pushing the text down.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_page_opens_as_the_reader_left_it_without_moving() {
    let test = "a_long_page_opens_as_the_reader_left_it_without_moving";
    // The seed's paragraphs ten times over: 180 pairs or more.
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(root().join("seeds/000_9cd979bd4177cabe.txt")).unwrap();
    let english = std::fs::read_to_string(root().join("seeds/000_9cd979bd4177cabe.en.md")).unwrap();
    let body = |text: &str| text.split("\n\n").skip(1).collect::<Vec<_>>().join("\n\n");
    let long = format!("长文\n\n{}", vec![body(&seed); 10].join("\n\n"));
    std::fs::write(dir.path().join("long.txt"), long).unwrap();
    std::fs::write(dir.path().join("long.en.md"), format!("Long\n\n{}", vec![body(&english); 10].join("\n\n")))
        .unwrap();
    let (out, output) = build(&[&dir.path().join("long.txt")], &["--format", "html"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = format!("file://{}", out.path().join("long.html").display());

    let Some((_driver, client, _profile)) = browser_for(test).await else { return };
    client.set_window_size(390, 844).await.unwrap();
    client.goto(&page).await.unwrap();
    let pairs = eval(&client, "return document.querySelectorAll('.pair').length").await;
    assert!(pairs.as_u64().unwrap() >= 180, "{pairs} pairs");
    let skipped = "return getComputedStyle(document.querySelector('.pair')).contentVisibility";
    assert_eq!(eval(&client, skipped).await, json!("auto"));
    let pinyin = client.find(Locator::Css("button[data-class='no-pinyin']")).await.unwrap();
    pinyin.click().await.unwrap();

    client.refresh().await.unwrap();
    // Layout shifts since the page started loading (the observer's buffer keeps them).
    let shifts = client
        .execute_async(
            "var done = arguments[arguments.length - 1], total = 0;
             new PerformanceObserver(function (list) {
               list.getEntries().forEach(function (e) { if (!e.hadRecentInput) total += e.value; });
             }).observe({ type: 'layout-shift', buffered: true });
             setTimeout(function () { done(total); }, 500);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(shifts.as_f64(), Some(0.0), "the page moved while it loaded");
    let rt_display = "return getComputedStyle(document.querySelector('rt')).display";
    assert_eq!(eval(&client, rt_display).await, json!("none"), "the pinyin stays hidden after a reload");
    let pressed = client.find(Locator::Css("button[data-class='no-pinyin']")).await.unwrap();
    assert_eq!(pressed.attr("aria-pressed").await.unwrap().as_deref(), Some("false"));

    // A link to paragraph 150 lands on it, though the pairs above were never laid out, and
    // shows it below the sticky toolbar.
    client.goto(&format!("{page}#p150")).await.unwrap();
    let top = eval(&client, "return document.getElementById('p150').getBoundingClientRect().top").await;
    let top = top.as_f64().unwrap();
    let bar = eval(&client, "return document.getElementById('toolbar').getBoundingClientRect().bottom").await;
    let bar = bar.as_f64().unwrap();
    assert!((bar - 1.0..bar + 60.0).contains(&top), "paragraph 150 is at {top}px, the toolbar ends at {bar}px");
    // And it is drawn: the screenshot is not an empty page.
    let shot = client.screenshot().await.unwrap();
    let artifacts = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("long-page-p150-390.png"), &shot).unwrap();
    assert!(shot.len() > 20_000, "paragraph 150 is not drawn ({} bytes)", shot.len());
    client.close().await.unwrap();
}
