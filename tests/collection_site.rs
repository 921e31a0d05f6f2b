//! The collection site a run of several articles writes: `index.html` listing every article in
//! date order with its facts and files, each reading page linked home and to its neighbours,
//! all by relative links that resolve on disk; no index for one article or with `--no-site`;
//! a foreign `index.html` is never replaced. Then as readers see it: Chromium at phone and
//! desktop widths (no sideways scrolling, the links followed by click and by keyboard), and
//! Lighthouse's accessibility score on the index.

mod common;

use std::path::{Path, PathBuf};

use common::browser::browser_for;
use fantoccini::{Client, Locator};

/// Three articles, given out of date order: (file name, front matter and body).
const ARTICLES: &[(&str, &str)] = &[
    (
        "later.md",
        "---\ntitle: 第二篇文章\nauthor: 王五\ndate: 2021-05-02\n---\n\n这是第二篇文章的正文，讲的是城市里的自行车。\n\n骑车上班的人越来越多了。\n",
    ),
    ("undated.md", "---\ntitle: 没有日期的文章\n---\n\n这篇文章没有日期，所以排在最后。\n"),
    (
        "earlier.md",
        "---\ntitle: 全现在 | 第一篇文章\ndate: 2020-07-01T22:56:13Z\n---\n\n这是第一篇文章的正文，讲的是老城区的胡同。\n",
    ),
];

/// Writes the articles into a fresh folder.
fn articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Every `href` in `html`.
fn hrefs(html: &str) -> Vec<String> {
    let page = scraper::Html::parse_document(html);
    let links = scraper::Selector::parse("a[href]").unwrap();
    page.select(&links).map(|a| a.value().attr("href").unwrap().to_string()).collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn an_index_lists_every_article_and_the_pages_link_to_each_other() {
    let input = articles();
    let (out, output) = common::build(&[input.path()], &["--format", "html,study,epub"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert!(common::stderr(&output).contains("3 articles listed"), "{}", common::stderr(&output));
    let index = read(&out.path().join("index.html"));
    // Oldest first, the undated one last; titles without the column, which is the source.
    let first = index.find("第一篇文章").unwrap();
    let second = index.find("第二篇文章").unwrap();
    let undated = index.find("没有日期的文章").unwrap();
    assert!(first < second && second < undated, "date order");
    assert!(
        index.contains("<time datetime=\"2020-07-01T22:56:13Z\" lang=\"en\">1 July 2020</time>"),
        "dates read as dates"
    );
    assert!(index.contains(">全现在<") && index.contains(">王五<"), "the source or the author");
    assert!(index.contains("min read"));
    assert!(!index.contains("全现在 | "));
    // Relative links only, each to a file that is there.
    let mut links = hrefs(&index);
    links.dedup();
    assert_eq!(links.len(), 9, "reading page (also the title's link), study sheet and EPUB of each: {links:?}");
    for link in &links {
        assert!(!link.contains(':') && !link.starts_with('/'), "{link} is not relative");
        assert!(out.path().join(link).is_file(), "{link} is missing");
    }
    assert_eq!(&links[..3], ["earlier.html", "earlier.study.html", "earlier.epub"]);
    // Each reading page links home and to the articles before and after it, above and below.
    let middle = read(&out.path().join("later.html"));
    assert_eq!(middle.matches("<nav class=\"site\"").count(), 2);
    let links = hrefs(&middle);
    for expected in ["index.html", "earlier.html", "undated.html"] {
        assert_eq!(links.iter().filter(|l| *l == expected).count(), 2, "{expected} in {links:?}");
    }
    let last = read(&out.path().join("undated.html"));
    assert!(!last.contains("rel=\"next\"") && last.contains("rel=\"prev\""));

    // Built again into the same folder: the pages are linked once, not twice.
    let again = common::run(&["build", &input.path().display().to_string(), "-o", &out.path().display().to_string()]);
    assert!(again.status.success(), "{}", common::stderr(&again));
    assert_eq!(read(&out.path().join("later.html")).matches("<nav class=\"site\"").count(), 2);
}

#[test]
fn one_article_or_no_site_writes_no_index_and_a_foreign_index_is_kept() {
    let input = articles();
    let one = input.path().join("later.md");
    let (out, output) = common::build(&[one.as_path()], &[]);
    assert!(output.status.success());
    assert!(!out.path().join("index.html").exists(), "one article is no collection");
    assert!(!read(&out.path().join("later.html")).contains("<nav class=\"site\""));

    let (out, output) = common::build(&[one.as_path()], &["--site", "我的文集"]);
    assert!(output.status.success());
    assert!(read(&out.path().join("index.html")).contains("<title>我的文集</title>"), "--site asks for one");

    let (out, output) = common::build(&[input.path()], &["--no-site"]);
    assert!(output.status.success());
    assert!(!out.path().join("index.html").exists());

    // A site's own index.html in the output folder is not replaced; the articles are built.
    let out = tempfile::tempdir().unwrap();
    let theirs = "<!DOCTYPE html><title>My site</title><p>Hand-made home page</p>";
    std::fs::write(out.path().join("index.html"), theirs).unwrap();
    let output = common::run(&["build", &input.path().display().to_string(), "-o", &out.path().display().to_string()]);
    assert!(!output.status.success(), "the run says it could not write the index");
    let stderr = common::stderr(&output);
    assert!(stderr.contains("index.html: not written") && stderr.contains("--no-site"), "{stderr}");
    assert_eq!(read(&out.path().join("index.html")), theirs);
    assert!(out.path().join("earlier.html").is_file() && out.path().join("undated.html").is_file());
}

#[test]
fn the_output_folder_can_be_the_input_folder() {
    let dir = articles();
    let path = dir.path().display().to_string();
    for _ in 0..2 {
        let output = common::run(&["build", &path, "-o", &path, "--format", "html,json"]);
        assert!(output.status.success(), "{}", common::stderr(&output));
        // The index and the pages are duizhao's own: left out as inputs, so 3 articles each time.
        assert!(common::stderr(&output).contains("3 articles listed"), "{}", common::stderr(&output));
    }
    let index = read(&dir.path().join("index.html"));
    assert_eq!(index.matches("<li>").count(), 3);
    for (name, text) in ARTICLES {
        assert_eq!(&read(&dir.path().join(name)), text, "{name} untouched");
    }
}

/// The page's width against its content's, and the number of links.
const LAYOUT: &str = "return { width: document.documentElement.clientWidth, \
    scrollWidth: document.documentElement.scrollWidth, links: document.links.length };";

#[tokio::test(flavor = "current_thread")]
async fn the_site_reads_and_navigates_in_chromium() {
    let Some((_driver, client, _profile)) = browser_for("the_site_reads_and_navigates_in_chromium").await else {
        return;
    };
    let input = articles();
    let (out, output) = common::build(&[input.path()], &["--format", "html,study"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let index = url_of(&out.path().join("index.html"));
    let shots = common::root().join("target/screens");
    std::fs::create_dir_all(&shots).unwrap();
    for width in [390, 1400] {
        client.set_window_size(width, 900).await.unwrap();
        client.goto(&index).await.unwrap();
        let layout = client.execute(LAYOUT, vec![]).await.unwrap();
        assert!(
            layout["scrollWidth"].as_i64() <= layout["width"].as_i64(),
            "{width}px: wider than the screen {layout}"
        );
        assert_eq!(layout["links"], 9, "title, reading page and study sheet of each: {layout}");
        std::fs::write(shots.join(format!("site-index-{width}.png")), client.screenshot().await.unwrap()).unwrap();
        // A reader taps the first article, then its "Next" link, then goes home.
        client.find(Locator::LinkText("第一篇文章")).await.unwrap().click().await.unwrap();
        assert!(current(&client).await.ends_with("/earlier.html"));
        let layout = client.execute(LAYOUT, vec![]).await.unwrap();
        assert!(layout["scrollWidth"].as_i64() <= layout["width"].as_i64(), "{width}px page: {layout}");
        std::fs::write(shots.join(format!("site-page-{width}.png")), client.screenshot().await.unwrap()).unwrap();
        client.find(Locator::Css("nav.site a[rel=next]")).await.unwrap().click().await.unwrap();
        assert!(current(&client).await.ends_with("/later.html"));
        client.find(Locator::Css("nav.site a[rel=home]")).await.unwrap().click().await.unwrap();
        assert!(current(&client).await.ends_with("/index.html"));
    }
    // By keyboard: the first Tab reaches the first article's link, and Enter follows it.
    client.goto(&index).await.unwrap();
    client.find(Locator::Css("body")).await.unwrap().send_keys("\u{E004}").await.unwrap();
    let focused = client.execute("return document.activeElement.textContent;", vec![]).await.unwrap();
    assert_eq!(focused, "第一篇文章");
    client.active_element().await.unwrap().send_keys("\u{E007}").await.unwrap();
    assert!(current(&client).await.ends_with("/earlier.html"));
    client.close().await.unwrap();
}

fn url_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

async fn current(client: &Client) -> String {
    client.current_url().await.unwrap().to_string()
}

#[test]
fn lighthouse_scores_the_index_accessible() {
    let test = "lighthouse_scores_the_index_accessible";
    let Some(lighthouse) =
        common::tools::require(test, "Lighthouse", &["/usr/bin/lighthouse", "/usr/local/bin/lighthouse"])
    else {
        return;
    };
    let Some(chromium) = common::tools::require(test, "Chromium", &["/usr/bin/chromium"]) else {
        return;
    };
    let input = articles();
    let (out, output) = common::build(&[input.path()], &["--format", "html,study"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    // Lighthouse reads pages over HTTP, not from disk.
    let port = common::browser::free_port();
    let mut server = std::process::Command::new("python3")
        .args(["-m", "http.server", &port.to_string(), "--bind", "127.0.0.1", "--directory"])
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3 serves the folder");
    let report: PathBuf = out.path().join("lighthouse.json");
    let mut status = None;
    for _ in 0..3 {
        // The server may not listen yet on the first try.
        std::thread::sleep(std::time::Duration::from_millis(500));
        let run = std::process::Command::new(&lighthouse)
            .arg(format!("http://127.0.0.1:{port}/index.html"))
            .args(["--only-categories=accessibility", "--output=json", "--quiet"])
            .arg(format!("--output-path={}", report.display()))
            .arg("--chrome-flags=--headless --no-sandbox")
            .env("CHROME_PATH", &chromium)
            .output()
            .expect("lighthouse runs");
        status = Some(run);
        if status.as_ref().unwrap().status.success() {
            break;
        }
    }
    let _ = server.kill();
    let _ = server.wait();
    let run = status.unwrap();
    assert!(run.status.success(), "lighthouse: {}", String::from_utf8_lossy(&run.stderr));
    let report: serde_json::Value = serde_json::from_str(&read(&report)).unwrap();
    let score = report["categories"]["accessibility"]["score"].as_f64().unwrap();
    let failed: Vec<&str> = report["audits"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, a)| a["score"].as_f64().is_some_and(|s| s < 1.0) && a["scoreDisplayMode"] == "binary")
        .map(|(id, _)| id.as_str())
        .collect();
    assert!(score >= 0.95, "accessibility {score}; failing audits: {failed:?}");
}
