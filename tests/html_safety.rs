//! Whatever the input holds, the HTML edition never carries executable markup: text is
//! escaped and only http(s) links are written.

mod common;

use common::*;

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
    for slug in ["evil", "evil-2"] {
        let html = std::fs::read_to_string(out.path().join(format!("{slug}.html"))).unwrap();
        let page = scraper::Html::parse_document(&html);
        let all = scraper::Selector::parse("*").unwrap();
        for element in page.select(&all) {
            let name = element.value().name();
            if name == "script" {
                // Only duizhao's own toolbar script, inline, with nothing from the input in it.
                let code = element.text().collect::<String>();
                assert!(element.value().attr("src").is_none(), "{slug}: external script");
                assert!(code.contains("getElementById('toolbar')") && !code.contains("alert"), "{slug}: script {code}");
                continue;
            }
            assert!(!["img", "svg", "iframe", "object", "embed"].contains(&name), "{slug}: <{name}> in output");
            for (attr, value) in element.value().attrs() {
                assert!(!attr.starts_with("on"), "{slug}: event handler {attr} in output");
                if attr == "href" || attr == "src" {
                    assert!(
                        value.starts_with("http://") || value.starts_with("https://") || value.starts_with('#'),
                        "{slug}: link {value}"
                    );
                }
            }
        }
        // Escaped markup in the source text is kept, visibly, as text.
        let text = page.root_element().text().collect::<String>();
        if slug == "evil" {
            assert!(text.contains("<script>alert(1)</script>") && text.contains("onerror=alert(2)"), "{text}");
        } else {
            assert!(text.contains("<script>x</script>"), "the title stays text: {text}");
        }
    }
}
