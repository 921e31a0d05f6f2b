//! Every real article in ../shared/articles builds, with the paragraphs a reader sees in a
//! browser and none of the page chrome. Runs whenever ../shared is present (always in CI).

mod common;

use common::*;
use std::path::Path;

/// Builds one shared article and returns its JSON document.
fn build_article(shared: &Path, rel: &str) -> serde_json::Value {
    let path = shared.join("articles").join(rel);
    let (out, output) = build(&[&path], &["--format", "json"]);
    assert!(output.status.success(), "{rel}: {}", stderr(&output));
    let slug = rel.rsplit('/').next().unwrap().split('.').next().unwrap();
    json(out.path(), slug)
}

fn assert_clean(rel: &str, paragraphs: &[String], chrome: &[&str]) {
    for p in paragraphs {
        for c in chrome {
            assert!(!p.contains(c), "{rel}: chrome {c:?} in paragraph {p:?}");
        }
    }
}

#[test]
fn whole_folder_builds_without_error() {
    let Some(shared) = shared("whole_folder_builds_without_error") else {
        return;
    };
    let (out, output) = build(&[&shared.join("articles")], &["--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let built = std::fs::read_dir(out.path()).unwrap().count();
    assert!(built >= 18, "only {built} articles built");
}

#[test]
fn cdt_archives() {
    let Some(shared) = shared("cdt_archives") else {
        return;
    };
    let footer = ["Permalink", "Feed enhanced", "del.icio.us", "Post tags", "No comment"];
    let cases: &[(&str, usize, &str, &str)] = &[
        ("cdt/cdt2020_399779.md", 40, "香港如何飄香 鄉里歡聚異鄉", "2020-07-01T10:07:30Z"),
        ("cdt/cdt2020_399814.md", 40, "编者按：7月1日，距离李文亮医生的去世已145天。", "2020-07-01T06:07:37Z"),
        ("cdt/cdt2020_399983.md", 150, "标签研究爱好者", "2020-06-28T15:42:36Z"),
        ("cdt/cdt2020_400471.md", 40, "大家好，这是我公众号的第一篇文章。", "2020-06-23T04:50:23Z"),
        ("cdt/cdt2020_400621.md", 40, "哎……我们今天看到这个消息", "2020-06-22T20:32:39Z"),
        ("cdt/cdt2020_400772.md", 1, "CDT编者：一位网友遇见一位妇女", "2020-06-20T18:46:58Z"),
        ("cdt/cdt2020_400883.md", 30, "更新：原文已被删除", "2020-06-19T09:51:53Z"),
        ("cdt/cdt2020_401160.md", 60, "CDS档案", "2020-06-23T17:25:22Z"),
    ];
    for (rel, min, first, date) in cases {
        let doc = build_article(&shared, rel);
        let ps = paragraphs(&doc);
        assert!(ps.len() >= *min, "{rel}: {} paragraphs", ps.len());
        assert!(ps[0].starts_with(first), "{rel}: first paragraph {:?}", ps[0]);
        assert_eq!(doc["meta"]["date"], *date, "{rel}");
        assert!(doc["meta"]["source_url"].as_str().unwrap().starts_with("https://chinadigitaltimes.net/"));
        assert!(!doc["meta"]["topics"].as_array().unwrap().is_empty(), "{rel}: post tags become topics");
        assert_clean(rel, &ps, &footer);
    }
    // Lists inside quotes keep their kinds.
    let doc = build_article(&shared, "cdt/cdt2020_400883.md");
    let kinds: Vec<&str> = doc["paragraphs"].as_array().unwrap().iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"list_item") && kinds.contains(&"quote"));
    // "Column | Headline" titles give the source (the column or account), not an author.
    let doc = build_article(&shared, "cdt/cdt2020_399983.md");
    assert_eq!(doc["meta"]["source"], "方可成");
    assert_eq!(doc["meta"]["title"], "“白左”污名化与社会达尔文主义");
    assert!(doc["meta"]["author"].is_null());
    let doc = build_article(&shared, "cdt/cdt2020_400883.md");
    assert_eq!(doc["meta"]["source"], "404文库 · 英国驻华使馆");
    assert_eq!(doc["meta"]["title"], "关于香港问题的更正说明");
}

#[test]
fn blog_exports_with_front_matter() {
    let Some(shared) = shared("blog_exports_with_front_matter") else {
        return;
    };
    let doc = build_article(&shared, "opinion/oped2_2014-07-11_paopao_shadowsocks.md");
    let ps = paragraphs(&doc);
    assert_eq!(doc["meta"]["author"], "Vergil");
    assert_eq!(doc["meta"]["source_url"], "https://pao-pao.net/article/130");
    assert!(ps[0].starts_with("古龙先生在《七种武器之霸王枪》"), "{:?}", ps[0]);
    assert!(ps.iter().any(|p| p.starts_with("“霸王枪是勇气")));
    // The comment wall (spam included) and the page furniture are not the article.
    assert_clean("paopao", &ps, &["Inhouse Pharmacy", "Tadacip", "冒个泡吧", "回复", "永久连接"]);

    let doc = build_article(&shared, "opinion/oped2_2019-07-27_matters_hk49days_trad.md");
    let ps = paragraphs(&doc);
    assert_eq!(doc["meta"]["author"], "張潔平");
    assert_eq!(ps[0], "寫在前面：");
    assert_eq!(ps.last().unwrap(), "（完）");
    assert!(ps.iter().any(|p| p.contains("何君堯祖墳被毀事件")), "figcaptions are paragraphs");
    let headings: Vec<&serde_json::Value> =
        doc["paragraphs"].as_array().unwrap().iter().filter(|p| p["kind"] == "heading").collect();
    assert!(headings.iter().any(|h| h["zh"] == "正文：" && h["level"] == 2));

    let doc = build_article(&shared, "opinion/oped2_2020-01-12_neist_caixin_economy70.md");
    let ps = paragraphs(&doc);
    assert!(ps.iter().any(|p| p.starts_with("在过去 70 年，我们国家始终")));
    assert!(ps.iter().any(|p| p.starts_with("总之，改革正未有穷期")));
    assert_clean("caixin", &ps, &["70 年经济历程：数据与启示", "宝贵经验、深刻教训"]);
}

#[test]
fn news_pages_give_the_article_not_the_page() {
    let Some(shared) = shared("news_pages_give_the_article_not_the_page") else {
        return;
    };
    let doc = build_article(&shared, "pages/gne_people_1.html");
    let ps = paragraphs(&doc);
    assert_eq!(doc["meta"]["title"], "女儿出嫁，郑板桥画了几笔兰花当嫁妆");
    assert!(ps[0].starts_with("父亲的教诲像一盏灯"));
    assert!(ps.iter().any(|p| p == "纸上得来终觉浅，绝知此事要躬行。"));
    assert_clean("people", &ps, &["人民网版权所有", "京ICP", "分享到", "网站地图"]);

    let doc = build_article(&shared, "pages/gne_thepaper_1.html");
    let ps = paragraphs(&doc);
    assert!(ps.iter().any(|p| p.starts_with("“以前花一两元就能充满电")));
    assert!(ps.iter().any(|p| p.starts_with("刘颖对共享充电宝行业的发展比较有信心")));
    assert!(ps.len() >= 30 && ps.len() <= 40, "{} paragraphs", ps.len());
    assert_clean("thepaper", &ps, &["澎湃新闻APP", "关于澎湃", "扫码下载"]);
    // The date is only a visible line under the headline ("2019-09-24 09:10 来源：澎湃新闻").
    assert_eq!(doc["meta"]["date"], "2019-09-24");

    let doc = build_article(&shared, "pages/gne_wechat_1.html");
    let ps = paragraphs(&doc);
    assert_eq!(doc["meta"]["title"], "三星 Galaxy S20 系列手机正式发布");
    assert_eq!(doc["meta"]["source"], "爱否科技", "WeChat site rule: the account is the source");
    assert!(doc["meta"]["author"].is_null());
    assert_eq!(doc["meta"]["date"], "2020-02-12T14:17:54Z", "WeChat site rule: the publication time");
    assert!(ps[0].starts_with("今天凌晨，三星在美国旧金山举行发布会"));
    assert_clean("wechat", &ps, &["微信扫一扫", "喜欢此内容的人还喜欢", "var ", "function("]);

    let doc = build_article(&shared, "pages/cna.html");
    let ps = paragraphs(&doc);
    assert!(ps[0].starts_with("（中央社記者邱俊欽桃園19日電）"), "Traditional kept as written");
    assert_eq!(doc["meta"]["date"], "2016-03-19");
    assert_eq!(doc["meta"]["source"], "中央通訊社", "an agency is the source, not the author");
    assert!(doc["meta"]["author"].is_null());
    assert_clean("cna", &ps, &["首頁", "FB分享", "訂閱"]);
}

#[test]
fn news_pages_have_their_titles_without_the_site_and_no_ui_words() {
    let Some(shared) = shared("news_pages_have_their_titles_without_the_site_and_no_ui_words") else {
        return;
    };
    let pages = [
        ("pages/cna.html", "平鎮輪胎行惡火 疏散7人1女命喪"),
        ("pages/gne_people_1.html", "女儿出嫁，郑板桥画了几笔兰花当嫁妆"),
        ("pages/gne_thepaper_1.html", "共享充电宝涨价告别1元时代：是“收割韭菜”还是回归理性"),
        ("pages/gne_wechat_1.html", "三星 Galaxy S20 系列手机正式发布"),
    ];
    let ui = ["图集", "圖集", "+1", "分享", "收藏", "评论", "打印", "返回", "上一篇", "下一篇"];
    for (rel, title) in pages {
        let doc = build_article(&shared, rel);
        assert_eq!(doc["meta"]["title"], title, "{rel}");
        assert!(doc["meta"]["date"].is_string(), "{rel}: every news page here shows its date");
        let ps = paragraphs(&doc);
        assert!(!ps.iter().any(|p| ui.contains(&p.as_str())), "{rel}: a UI word as a paragraph");
    }
}
