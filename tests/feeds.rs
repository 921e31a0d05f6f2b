//! Feeds in (issue #31, item 5): RSS 2.0 in Big5 and in GB2312 and Atom in UTF-8, shaped as
//! Chinese news sites and blogs serve them (tests/fixtures/feeds, written by generate.py there),
//! become one article per item, in feed order, with each item's title, date, link, author and
//! categories, and its paragraphs: never one paragraph of titles, links and timestamps, never
//! `]]>` in the text. Malformed feeds and feeds with no items are refused naming the file (and
//! line), without stopping the other inputs of the run. All through the real binary.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/feeds").join(name)
}

/// The items built from the feed `slug` in `out`: each JSON's file stem and content, in file
/// name (= feed) order.
fn items(out: &Path, slug: &str) -> Vec<(String, Value)> {
    common::part_files(out, slug)
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let json = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (stem, json)
        })
        .collect()
}

fn meta<'a>(doc: &'a Value, field: &str) -> &'a str {
    doc["meta"][field].as_str().unwrap_or_else(|| panic!("meta.{field} in {doc}"))
}

/// Every paragraph is a sentence or two of Chinese: no CDATA end, no URL, no timestamp, none
/// the size of a feed read as one page.
fn assert_clean(doc: &Value) {
    for p in common::paragraphs(doc) {
        assert!(!p.contains("]]>") && !p.contains("http") && !p.contains("+0800"), "feed markup in text: {p}");
        assert!(p.chars().count() < 200, "a paragraph of {} characters: {p}", p.chars().count());
    }
}

/// `build INPUTS -o DIR --format json` (and `extra`), in the project folder.
fn build(inputs: &[&Path], extra: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let mut args = vec!["--format", "json"];
    args.extend(extra);
    common::build(inputs, &args)
}

const BIG5_TITLES: [&str; 3] =
    ["臺北市推動老屋健檢 補助擴大至五層樓以下建物", "高鐵春節加開班次 明天凌晨開放訂票", "寒流來襲 氣象署提醒注意保暖"];

/// What the Big5 feed must become, whether its encoding is declared or detected.
fn check_big5(out: &Path, slug: &str) {
    let found = items(out, slug);
    let stems: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        stems,
        [
            "01-臺北市推動老屋健檢-補助擴大至五層樓以下建物",
            "02-高鐵春節加開班次-明天凌晨開放訂票",
            "03-寒流來襲-氣象署提醒注意保暖"
        ]
    );
    let titles: Vec<&str> = found.iter().map(|(_, d)| meta(d, "title")).collect();
    assert_eq!(titles, BIG5_TITLES);
    let dates: Vec<&str> = found.iter().map(|(_, d)| meta(d, "date")).collect();
    assert_eq!(dates, ["2025-01-14T10:07:30+08:00", "2025-01-14T11:30:00+08:00", "2025-01-14T12:05:00+08:00"]);
    let links: Vec<&str> = found.iter().map(|(_, d)| meta(d, "source_url")).collect();
    assert_eq!(
        links,
        [
            "https://news.example.tw/news/ahel/202501140123.aspx",
            "https://news.example.tw/news/ahel/202501140145.aspx",
            "https://news.example.tw/news/ahel/202501140201.aspx"
        ]
    );
    assert_eq!(found[0].1["meta"]["topics"], serde_json::json!(["地方"]));
    // The description's paragraphs, Traditional characters as written; its "read more" link out.
    assert_eq!(
        common::paragraphs(&found[0].1),
        [
            "（中央社記者王小明臺北14日電）臺北市政府今天宣布，老屋健檢補助將擴大到五層樓以下的建物，屋齡超過三十年的住戶都可以申請。",
            "都市發展局表示，今年預計受理兩千件申請，每件最高補助新臺幣一萬元，申請期限到年底為止。",
            "市府提醒民眾，健檢結果若需要補強，可以再申請耐震補強的補助。",
        ]
    );
    assert_eq!(common::paragraphs(&found[1].1).len(), 2);
    assert_eq!(common::paragraphs(&found[2].1)[2], "週末起天氣逐漸回暖，但早晚溫差仍大。");
    for (_, doc) in &found {
        assert_clean(doc);
    }
}

#[test]
fn a_big5_rss_feed_becomes_one_article_per_item() {
    let feed = fixture("cna-big5.xml");
    let (out, output) = build(&[&feed], &["--format", "json,html,md"]);
    let stderr = common::stderr(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    check_big5(out.path(), "cna-big5");
    // Every format asked for is written for every item; nothing is written as one article.
    for (stem, _) in items(out.path(), "cna-big5") {
        for ext in ["html", "md"] {
            assert!(out.path().join("cna-big5").join(format!("{stem}.{ext}")).is_file(), "{stem}.{ext}");
        }
    }
    assert!(!out.path().join("cna-big5.json").exists());
    let page = std::fs::read_to_string(out.path().join("cna-big5/02-高鐵春節加開班次-明天凌晨開放訂票.html")).unwrap();
    assert!(page.contains("高鐵") && !page.contains("]]&gt;") && !page.contains("]]>"));
}

#[test]
fn a_big5_feed_without_its_declaration_is_detected() {
    let bytes = std::fs::read(fixture("cna-big5.xml")).unwrap();
    let declared = b"<?xml version=\"1.0\" encoding=\"big5\"?>";
    assert!(bytes.starts_with(declared));
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("undeclared.xml");
    std::fs::write(&feed, [&b"<?xml version=\"1.0\"?>"[..], &bytes[declared.len()..]].concat()).unwrap();
    let (out, output) = build(&[&feed], &[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    check_big5(out.path(), "undeclared");
}

#[test]
fn a_gb2312_rss_feed_with_escaped_html_becomes_one_article_per_item() {
    let feed = fixture("world-gb2312.xml");
    let (out, output) = build(&[&feed], &[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let found = items(out.path(), "world-gb2312");
    let titles: Vec<&str> = found.iter().map(|(_, d)| meta(d, "title")).collect();
    assert_eq!(
        titles,
        [
            "联合国气候大会闭幕 各方就资金问题达成共识",
            "欧洲多国遭遇强降雪 交通受到影响",
            "非洲联盟召开特别峰会 讨论地区和平与发展"
        ]
    );
    assert!(found[0].0.starts_with("01-联合国气候大会闭幕"), "{}", found[0].0);
    let dates: Vec<&str> = found.iter().map(|(_, d)| meta(d, "date")).collect();
    assert_eq!(dates, ["2025-01-14T08:12:45+08:00", "2025-01-13T22:40:00+08:00", "2025-01-13T18:05:10+08:00"]);
    let authors: Vec<&str> = found.iter().map(|(_, d)| meta(d, "author")).collect();
    assert_eq!(authors, ["张华", "李明", "王芳"]);
    assert_eq!(meta(&found[1].1, "source_url"), "http://world.example.cn/n1/2025/0113/c1002-40001100.html");
    assert_eq!(common::paragraphs(&found[0].1).len(), 3);
    // Entities escaped twice (`&amp;ldquo;`) are quotation marks; `<br />` splits a paragraph;
    // the indenting ideographic spaces go.
    assert_eq!(
        common::paragraphs(&found[2].1),
        [
            "本报亚的斯亚贝巴1月13日电 非洲联盟特别峰会13日在亚的斯亚贝巴举行，会议通过了“共同行动计划”。",
            "与会领导人强调，要通过对话协商解决地区冲突。",
            "峰会还讨论了基础设施建设和粮食安全等议题。",
        ]
    );
    for (_, doc) in &found {
        assert_clean(doc);
    }
}

#[test]
fn an_atom_feed_becomes_one_article_per_entry() {
    let feed = fixture("blog-atom.xml");
    let (out, output) = build(&[&feed], &[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let found = items(out.path(), "blog-atom");
    let stems: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(stems, ["01-重读-边城", "02-冬至随笔"]);
    let first = &found[0].1;
    assert_eq!(meta(first, "title"), "重读《边城》");
    assert_eq!(meta(first, "date"), "2024-12-20T21:15:00+08:00", "published, not updated");
    assert_eq!(meta(first, "source_url"), "https://blog.example.org/2024/12/biancheng.html", "the alternate link");
    assert_eq!(meta(first, "author"), "林青");
    assert_eq!(first["meta"]["topics"], serde_json::json!(["读书"]));
    let kinds: Vec<&str> =
        first["paragraphs"].as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["text", "quote", "text"]);
    let second = &found[1].1;
    let kinds: Vec<&str> =
        second["paragraphs"].as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["heading", "text", "list_item", "list_item", "text"]);
    assert_eq!(common::paragraphs(second)[0], "包饺子");
    for (_, doc) in &found {
        assert_clean(doc);
    }
}

#[test]
fn broken_and_empty_feeds_are_refused_and_the_other_inputs_still_build() {
    let dir = tempfile::tempdir().unwrap();
    // A bare `&` in a title: the commonest way a hand-made feed breaks.
    let broken = dir.path().join("broken.xml");
    let (gb, _, _) = encoding_rs::GBK.encode(
        "<?xml version=\"1.0\" encoding=\"gb2312\"?>\n<rss version=\"2.0\"><channel><title>频道</title>\n\
         <item><title>中美 & 欧盟</title><description>正文。</description></item>\n</channel></rss>\n",
    );
    std::fs::write(&broken, gb).unwrap();
    let empty = dir.path().join("empty.xml");
    std::fs::write(
        &empty,
        "<rss version=\"2.0\"><channel><title>空频道</title><link>https://a.example/</link></channel></rss>",
    )
    .unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(&article, "这是一篇普通的文章。\n\n第二段。\n").unwrap();
    let atom = fixture("blog-atom.xml");
    let (out, output) = build(&[&broken, &article, &empty, &atom], &[]);
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let refusal = stderr.lines().find(|l| l.contains("broken.xml")).unwrap_or_else(|| panic!("{stderr}"));
    assert!(refusal.contains("broken.xml:3:"), "names the line: {refusal}");
    assert!(refusal.contains("RSS feed is not well-formed XML") && refusal.contains("--urls"), "{refusal}");
    let refusal = stderr.lines().find(|l| l.contains("empty.xml")).unwrap_or_else(|| panic!("{stderr}"));
    assert!(refusal.contains("RSS feed has no items to build"), "{refusal}");
    assert!(!out.path().join("broken").exists() && !out.path().join("broken.json").exists());
    assert!(!out.path().join("empty").exists() && !out.path().join("empty.json").exists());
    assert_eq!(common::paragraphs(&common::json(out.path(), "article")), ["这是一篇普通的文章。", "第二段。"]);
    assert_eq!(items(out.path(), "blog-atom").len(), 2);
}

#[test]
fn an_item_without_text_is_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("mixed.xml");
    std::fs::write(
        &feed,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>频道</title>\n\
         <item><title>有正文</title><link>https://a.example/1</link><description><![CDATA[<p>第一条的正文。</p>]]></description></item>\n\
         <item><title>只有链接</title><link>https://a.example/2</link><description><![CDATA[ ]]></description></item>\n\
         <item><title>也有正文</title><link>https://a.example/3</link><description>第三条的正文。</description></item>\n\
         </channel></rss>",
    )
    .unwrap();
    let (out, output) = build(&[&feed], &[]);
    let stderr = common::stderr(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("RSS feed item 2 (「只有链接」) has no text"), "{stderr}");
    let stems: Vec<String> = items(out.path(), "mixed").into_iter().map(|(s, _)| s).collect();
    assert_eq!(stems, ["01-有正文", "03-也有正文"], "items keep their places in the feed");

    // A feed of titles and links only has nothing to build.
    let bare = dir.path().join("bare.xml");
    let list = "<item><title>一</title><link>https://a.example/1</link></item>".repeat(3);
    std::fs::write(&bare, format!("<rss version=\"2.0\"><channel>{list}</channel></rss>")).unwrap();
    let (_, output) = build(&[&bare], &[]);
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("3 items have no text") && stderr.contains("no items to build"), "{stderr}");
}

#[test]
fn from_html_reads_a_feed_as_a_page() {
    let (out, output) = build(&[&fixture("world-gb2312.xml")], &["--from", "html"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert!(!out.path().join("world-gb2312").exists());
    assert!(!common::paragraphs(&common::json(out.path(), "world-gb2312")).is_empty());
}

#[test]
fn a_feeds_items_join_the_runs_book() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(&article, "这是一篇普通的文章。\n").unwrap();
    let (out, output) = build(&[&fixture("blog-atom.xml"), &article], &["--book", "文集", "--format", "json,epub"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(items(out.path(), "blog-atom").len(), 2);
    let book = std::fs::File::open(out.path().join("book-文集.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(book).unwrap();
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if entry.name().unwrap().ends_with(".xhtml") {
            entry.read_to_string(&mut text).unwrap();
        }
    }
    for expected in ["重读《边城》", "冬至随笔", "这是一篇普通的文章"] {
        assert!(text.contains(expected), "the book lacks {expected}");
    }
}

/// Runs the binary off the async runtime, so the mock server keeps answering.
async fn duizhao(args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        common::run(&args)
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fetched_feed_becomes_one_article_per_item() {
    let server = MockServer::start().await;
    let bytes = std::fs::read(fixture("world-gb2312.xml")).unwrap();
    let body = ResponseTemplate::new(200)
        .insert_header("content-type", "application/rss+xml")
        .set_body_raw(bytes.clone(), "application/rss+xml");
    Mock::given(method("GET")).and(path("/rss/world.xml")).respond_with(body).mount(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let (out, saved) = (dir.path().join("out"), dir.path().join("saved"));
    let output = duizhao(vec![
        "build".into(),
        format!("{}/rss/world.xml", server.uri()),
        "--format".into(),
        "json".into(),
        "--save-html".into(),
        saved.display().to_string(),
        "-o".into(),
        out.display().to_string(),
    ])
    .await;
    assert!(output.status.success(), "{}", common::stderr(&output));
    let found = items(&out, "world");
    assert_eq!(found.len(), 3);
    assert_eq!(meta(&found[0].1, "title"), "联合国气候大会闭幕 各方就资金问题达成共识");
    // The items' own links are their sources, not the feed's address.
    assert_eq!(meta(&found[0].1, "source_url"), "http://world.example.cn/n1/2025/0114/c1002-40001234.html");
    // The saved copy is the feed as it came, and builds the same offline.
    assert_eq!(std::fs::read(saved.join("world.xml")).unwrap(), bytes);
}
