//! Web pages of shapes that once failed extraction, made here after real ones: an XHTML 1.0
//! Strict page of a broadcaster's Chinese service (a self-closed script in the head, CDATA in
//! scripts, a cookie banner template in `<script type="text/html">`, the article in
//! `div.bodytext` with a `p.ingress` lead) and a QQ news page whose last paragraph ends with a
//! "back to the homepage" link.

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
