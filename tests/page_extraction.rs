//! Web pages of shapes that once failed extraction, made here after real ones: an XHTML 1.0
//! Strict page of a broadcaster's Chinese service (a self-closed script in the head, CDATA in
//! scripts, a cookie banner template in `<script type="text/html">`, the article in
//! `div.bodytext` with a `p.ingress` lead) and a QQ news page whose last paragraph ends with a
//! "back to the homepage" link. And news pages in the shapes that lost an article, its date or
//! its title once (#34), written here: a 2012 broadcaster's page whose whole body sits in a
//! container classed "nav"; dates only in JSON-LD, only in `<meta>`, only as a visible line;
//! titles carrying " - Section - Site" or "-Site"; UI words, an app advertisement and a byline
//! line among the paragraphs.

mod common;

use std::path::Path;

fn build(page: &str) -> serde_json::Value {
    let input = common::root().join("tests/fixtures/pages").join(page);
    let (out, output) = common::build(&[input.as_path()], &["--format", "json"]);
    assert!(output.status.success(), "{page}: {}", common::stderr(&output));
    let slug = Path::new(page).file_stem().unwrap().to_string_lossy().into_owned();
    common::json(out.path(), &slug)
}

#[test]
fn an_xhtml_page_with_a_self_closed_script_gives_its_article() {
    let doc = build("xhtml-strict-broadcaster.html");
    let paragraphs = common::paragraphs(&doc);
    assert_eq!(doc["meta"]["title"], "城市自行车道延长到郊区");
    assert_eq!(paragraphs.len(), 16, "{paragraphs:#?}");
    assert!(
        paragraphs[0].starts_with("这座城市宣布，将把市区的自行车专用道延长到三个郊区"),
        "the lead is the first paragraph"
    );
    assert_eq!(paragraphs[15], "如果计划获得通过，这将是这座城市十年来最大规模的自行车道建设工程。");
    let all = paragraphs.join("\n");
    for chrome in ["Cookies", "cookies", "not text", "相关新闻", "地铁票价", "版权所有", "跳到正文", "更新时间"]
    {
        assert!(!all.contains(chrome), "{chrome} in the body:\n{all}");
    }
}

#[test]
fn a_back_to_homepage_link_is_not_part_of_the_last_paragraph() {
    let doc = build("qq-news-back-link.html");
    let paragraphs = common::paragraphs(&doc);
    assert_eq!(paragraphs.len(), 5, "{paragraphs:#?}");
    assert_eq!(paragraphs[4], "当地教育部门表示，今年还将在另外十所山区学校建设类似的图书馆。");
    assert_eq!(doc["meta"]["title"], "山区小学用上了新图书馆");
}

/// Every page's paragraphs hold none of `chrome`.
fn assert_clean(page: &str, paragraphs: &[String], chrome: &[&str]) {
    for p in paragraphs {
        for c in chrome {
            assert!(!p.contains(c), "{page}: {c:?} in the paragraph {p:?}");
        }
    }
}

#[test]
fn a_page_inside_a_nav_classed_container_keeps_its_article() {
    let doc = build("nav-wrapped-2012.html");
    let paragraphs = common::paragraphs(&doc);
    assert_eq!(doc["meta"]["title"], "老城区胡同改造计划引发讨论", "no site or section name");
    assert_eq!(doc["meta"]["date"], "2012-05-04", "from <meta name=OriginalPublicationDate>");
    assert_eq!(paragraphs.len(), 5, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("北京市政府本周公布了一项老城区胡同改造计划"));
    // The menus inside the same container are still left out, and so is the date line.
    assert_clean("nav-wrapped", &paragraphs, &["首页", "国际新闻", "关于我们", "最后更新"]);
}

#[test]
fn a_date_only_in_json_ld_and_ui_words_left_out() {
    let doc = build("date-in-json-ld.html");
    let paragraphs = common::paragraphs(&doc);
    assert_eq!(doc["meta"]["date"], "2019-03-06T09:30:00+08:00");
    assert_eq!(doc["meta"]["author"], "李明");
    assert_eq!(doc["meta"]["source"], "某某日报");
    assert_eq!(doc["meta"]["title"], "城市图书馆延长开放时间");
    assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
    assert!(!paragraphs.iter().any(|p| p == "图集" || p == "+1"));
}

#[test]
fn a_date_only_in_meta_and_an_app_advertisement_left_out() {
    let doc = build("date-in-meta.html");
    let paragraphs = common::paragraphs(&doc);
    assert_eq!(doc["meta"]["date"], "2021-09-11T18:20:00+08:00");
    assert_eq!(doc["meta"]["title"], "颱風明天登陸 各地停班停課", "\" - 生活 - 某某時報電子報\" dropped");
    assert_eq!(doc["meta"]["source"], "某某時報電子報");
    assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
    assert_clean("date-in-meta", &paragraphs, &["APP", "下載"]);
}

#[test]
fn a_date_only_on_a_visible_line_and_the_byline_becomes_the_author() {
    let doc = build("date-visible-only.html");
    let paragraphs = common::paragraphs(&doc);
    // A dated link in a related-articles list (2018-12-01) is not the article's date.
    assert_eq!(doc["meta"]["date"], "2019-03-06");
    assert_eq!(doc["meta"]["title"], "农村电商带动特色农产品销售");
    assert_eq!(doc["meta"]["author"], "周纯");
    assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("近年来"));
}

#[test]
fn a_page_with_no_article_says_what_would_help() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("app-shell.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>应用</title></head><body><div id=\"app\"></div>\
        <script src=\"/bundle.js\"></script></body></html>",
    )
    .unwrap();
    let (_out, output) = common::build(&[page.as_path()], &["--format", "json"]);
    assert!(!output.status.success());
    let stderr = common::stderr(&output);
    assert!(stderr.contains("app-shell.html: no body text found (html input)"), "{stderr}");
    assert!(stderr.contains("save the page from the browser once it has loaded"), "{stderr}");
}
