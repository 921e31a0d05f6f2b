//! Building from URLs against a web server the test starts on 127.0.0.1 (wiremock): real
//! pages, redirects, errors, slow and oversized answers, wrong charsets, and saved copies.

mod common;

use common::*;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Runs the binary off the async runtime, so the mock server keeps answering.
async fn duizhao(args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&args)
    })
    .await
    .unwrap()
}

fn page(body: impl Into<Vec<u8>>, content_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).insert_header("content-type", content_type).set_body_raw(body.into(), content_type)
}

async fn serve(server: &MockServer, route: &str, response: ResponseTemplate) {
    Mock::given(method("GET")).and(path(route)).respond_with(response).mount(server).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_pages_and_the_seed_from_a_local_server() {
    let Some(shared) = shared("real_pages_and_the_seed_from_a_local_server") else { return };
    let server = MockServer::start().await;
    let read = |rel: &str| std::fs::read(shared.join("articles/pages").join(rel)).unwrap();
    serve(&server, "/people/1.html", page(read("gne_people_1.html"), "text/html; charset=gb2312")).await;
    serve(&server, "/thepaper/1.html", page(read("gne_thepaper_1.html"), "text/html; charset=utf-8")).await;
    serve(&server, "/wechat/s", page(read("gne_wechat_1.html"), "text/html")).await;
    serve(&server, "/news/cna.aspx", page(read("cna.html"), "text/html; charset=utf-8")).await;
    let seed = std::fs::read(root().join("seeds/000_9cd979bd4177cabe.txt")).unwrap();
    serve(&server, "/chinese/715134.html", page(seed, "text/html; charset=utf-8")).await;
    let out = tempfile::tempdir().unwrap();
    let base = server.uri();
    let urls = ["/people/1.html", "/thepaper/1.html", "/wechat/s", "/news/cna.aspx", "/chinese/715134.html"];
    let list = out.path().join("urls.txt");
    std::fs::write(&list, urls.iter().map(|u| format!("{base}{u}\n")).collect::<String>()).unwrap();
    let dir = out.path().join("out");
    let output = duizhao(vec![
        "build".into(),
        "--urls".into(),
        list.display().to_string(),
        "--format".into(),
        "json".into(),
        "-o".into(),
        dir.display().to_string(),
    ])
    .await;
    assert!(output.status.success(), "{}", stderr(&output));

    // Declared gb2312, actually UTF-8: the bytes win.
    let people = json(&dir, "1");
    assert_eq!(people["meta"]["title"], "女儿出嫁，郑板桥画了几笔兰花当嫁妆");
    assert!(paragraphs(&people)[0].starts_with("父亲的教诲像一盏灯"));
    let paper = json(&dir, "1-2");
    assert!(paragraphs(&paper).iter().any(|p| p.starts_with("“以前花一两元就能充满电")));
    let wechat = json(&dir, "s");
    assert!(paragraphs(&wechat)[0].starts_with("今天凌晨，三星在美国旧金山举行发布会"));
    assert_eq!(wechat["meta"]["source_url"], format!("{base}/wechat/s"), "the URL becomes the source");
    let cna = json(&dir, "cna");
    assert!(paragraphs(&cna)[0].starts_with("（中央社記者邱俊欽桃園19日電）"));
    let seed = json(&dir, "715134");
    assert_eq!(paragraphs(&seed).len(), 18);
    assert_eq!(seed["meta"]["source_url"], "https://chinadigitaltimes.net/chinese/715134.html");
    // Every request named duizhao.
    for request in server.received_requests().await.unwrap() {
        let agent = request.headers.get("user-agent").unwrap().to_str().unwrap().to_string();
        assert!(agent.starts_with("duizhao/"), "{agent}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_are_clear_and_do_not_stop_the_others() {
    let server = MockServer::start().await;
    let article = "<html><head><title>好文章</title></head><body><article><p>这是一篇好文章的第一段，内容很充实，有很多逗号，也有句号。</p><p>第二段同样很长，读者可以看到这些文字，它们都是正文。</p></article></body></html>";
    serve(&server, "/ok", page(article, "text/html; charset=utf-8")).await;
    serve(&server, "/moved", ResponseTemplate::new(301).insert_header("location", "/ok")).await;
    serve(&server, "/loop-a", ResponseTemplate::new(302).insert_header("location", "/loop-b")).await;
    serve(&server, "/loop-b", ResponseTemplate::new(302).insert_header("location", "/loop-a")).await;
    serve(&server, "/missing", ResponseTemplate::new(404)).await;
    serve(&server, "/slow", page(article, "text/html").set_delay(Duration::from_secs(8))).await;
    serve(&server, "/big", page(format!("<p>{}</p>", "很长的文字。".repeat(2000)), "text/html")).await;
    serve(&server, "/image", page(b"\x89PNG\r\n\x1a\n".to_vec(), "image/png")).await;
    let (gbk, _, _) = encoding_rs::GBK.encode("<p>国标码的网页，但是响应头说它是UTF-8编码的，字节说的才算数。</p>");
    serve(&server, "/gbk", page(gbk.into_owned(), "text/html; charset=utf-8")).await;
    let out = tempfile::tempdir().unwrap();
    let base = server.uri();
    let mut args: Vec<String> = vec!["build".into()];
    for route in ["/ok", "/moved", "/loop-a", "/missing", "/slow", "/big", "/image", "/gbk"] {
        args.push(format!("{base}{route}"));
    }
    args.extend(["--format", "json", "--fetch-timeout", "2", "--max-page-size", "10000", "-o"].map(String::from));
    args.push(out.path().display().to_string());
    let started = std::time::Instant::now();
    let output = duizhao(args).await;
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(started.elapsed() < Duration::from_secs(40), "never a hang");
    assert!(err.contains(&format!("{base}/loop-a: too many redirects")), "{err}");
    assert!(err.contains(&format!("{base}/missing: the server answered 404")), "{err}");
    assert!(err.contains(&format!("{base}/slow: no complete answer within 2 s")), "{err}");
    assert!(err.contains(&format!("{base}/big: the page is larger than 10000 bytes")), "{err}");
    assert!(err.contains(&format!("{base}/image: the server sent image/png, not a web page")), "{err}");
    assert!(err.contains("3 inputs built, 5 failed:"), "{err}");
    assert_eq!(paragraphs(&json(out.path(), "ok")).len(), 2);
    let moved = json(out.path(), "moved");
    assert_eq!(moved["meta"]["source_url"], format!("{base}/ok"), "the final URL after the redirect");
    assert_eq!(paragraphs(&json(out.path(), "gbk"))[0], "国标码的网页，但是响应头说它是UTF-8编码的，字节说的才算数。");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn busy_server_is_retried_and_saved_pages_rebuild_offline() {
    let server = MockServer::start().await;
    let article = "<html><head><title>重试</title></head><body><p>服务器先说太忙，过一秒再来就好了，这一段是正文。</p></body></html>";
    Mock::given(method("GET"))
        .and(path("/busy"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    serve(&server, "/busy", page(article, "text/html; charset=utf-8")).await;
    let out = tempfile::tempdir().unwrap();
    let saved = out.path().join("saved");
    let url = format!("{}/busy", server.uri());
    let output = duizhao(vec![
        "build".into(),
        url.clone(),
        "--format".into(),
        "json".into(),
        "--save-html".into(),
        saved.display().to_string(),
        "-o".into(),
        out.path().display().to_string(),
    ])
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(server.received_requests().await.unwrap().len(), 2, "one 429, one retry");
    let online = json(out.path(), "busy");
    let copy = std::fs::read_to_string(saved.join("busy.html")).unwrap();
    assert!(copy.starts_with("<!--") && copy.contains(&format!("[重试]({url})\n------\n")), "{copy}");
    drop(server);
    let offline_dir = out.path().join("offline");
    let (offline_out, output) = build(&[&saved.join("busy.html")], &["--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let _ = offline_dir;
    let offline = json(offline_out.path(), "busy");
    assert_eq!(paragraphs(&offline), paragraphs(&online));
    assert_eq!(offline["meta"]["source_url"], url);
    assert!(offline["meta"]["archived_at"].is_string());
}
