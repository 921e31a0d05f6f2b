//! The reading page in a real browser: headless Chromium driven over WebDriver
//! (chromedriver + fantoccini). Pairs stay level at desktop width, the phone layout never
//! scrolls sideways, and the toolbar's toggles work. A screenshot is kept as an artifact.

mod common;

use common::browser::start_browser;
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
    let Some(chromium) = tools::require(test, "Chromium", &["/usr/bin/chromium", "/usr/bin/chromium-browser"]) else {
        return;
    };
    let Some(chromedriver) = tools::require(test, "chromedriver", &["/usr/bin/chromedriver"]) else { return };
    let (out, output) = build(&[&root().join("seeds")], &["--format", "html"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = format!("file://{}", out.path().join("000_9cd979bd4177cabe.html").display());

    let (_driver, client, _profile) = start_browser(&chromedriver, &chromium).await;
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
