//! Whatever the input holds, the HTML edition never carries executable markup: text is
//! escaped and only http(s) links are written.

mod common;

use common::*;
use duizhao::Document;
use duizhao::document::{Block, Meta};
use duizhao::render::Renderer;
use duizhao::render::html::HtmlRenderer;

#[test]
fn hostile_input_comes_out_inert() {
    let dir = tempfile::tempdir().unwrap();
    let article = "[<script>alert('title')</script>](javascript:alert(1))\n------\n\
        <p>正文&lt;script&gt;alert(1)&lt;/script&gt;还有&lt;img src=x onerror=alert(2)&gt;</p>\
        <p onclick=\"alert(3)\">点击<a href=\"javascript:alert(4)\">链接</a><script>alert(5)</script></p>\
        <p><img src=x onerror=alert(6)>图片 &lt;a href=\"javascript:alert(7)\"&gt;伪链接&lt;/a&gt;</p>";
    let path = dir.path().join("evil.txt");
    std::fs::write(&path, article).unwrap();
    let md = dir.path().join("evil.md");
    std::fs::write(&md, "---\ntitle: <script>x</script>\nfrom: javascript:alert(8)\n---\n\n段落 <svg onload=alert(9)> [链接](javascript:alert(10))\n").unwrap();
    let (out, output) = build(&[&path, &md], &["--format", "html"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let allowed = {
        let plain = Document::new(Meta::default(), vec![Block::text("你好")]);
        duizhao::fuzzing::own_code(&HtmlRenderer::default().render(&plain))
    };
    for slug in ["evil", "evil-2"] {
        let html = std::fs::read_to_string(out.path().join(format!("{slug}.html"))).unwrap();
        // The checks the html_render fuzz target runs: no script or style but the renderer's own,
        // nothing that loads or runs anything, no event handler, only http(s), in-page and relative links.
        if let Err(problem) = duizhao::fuzzing::inert(&html, &allowed) {
            panic!("{slug}: {problem}");
        }
        let page = scraper::Html::parse_document(&html);
        // Escaped markup in the source text is kept, visibly, as text.
        let text = page.root_element().text().collect::<String>();
        if slug == "evil" {
            assert!(text.contains("<script>alert(1)</script>") && text.contains("onerror=alert(2)"), "{text}");
        } else {
            assert!(text.contains("<script>x</script>"), "the title stays text: {text}");
        }
    }
}
