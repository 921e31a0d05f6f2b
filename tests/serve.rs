//! `duizhao serve` end to end: the real binary serving copies of articles on 127.0.0.1.
//!
//! - The API: the index, the document with versions, a save (reviewed file, rebuilt outputs,
//!   provenance), 409 on a stale version, 404, 413, 400, the token, `Host` and `Origin` checks,
//!   paths that try to leave the output folder, a script in an edit shown as text.
//! - 200 saves from 20 clients at once on different paragraphs: none lost.
//! - SIGKILL during a burst of saves: the reviewed file is whole and holds every answered save.
//! - In Chromium: the served seed, paragraph 3's English edited, saved and reloaded; a glossary
//!   finding appears and disappears with the term's English.
//! - Fixing alignment: English with no Chinese partner edited, moved into a neighbour and
//!   deleted, each kept across a restart; reviews undone (`DELETE`) and empty English saved;
//!   the index and the page counting alike; a fixed paragraph's "unsure pairing" note gone;
//!   in Chromium, a move undone, another client's edit shown by the version poll, and no
//!   operator banner.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::browser::browser_for;
use fantoccini::Locator;
use serde_json::{Value, json};

const SEED: &str = "000_9cd979bd4177cabe";

/// A running `duizhao serve`, killed when dropped.
struct Served {
    child: Child,
    port: u16,
    token: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves `dir` (writing outputs to `dir/out`) on a free port; waits for the URL line.
fn serve(dir: &Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_duizhao"))
        .args(["serve", "articles", "-o", "out", "--port", "0"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("duizhao serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().to_string();
    let rest = url.strip_prefix("http://127.0.0.1:").unwrap_or_else(|| panic!("first line: {url:?}"));
    let (port, token) = rest.split_once("/?token=").unwrap();
    assert_eq!(token.len(), 32, "{url}");
    Served { child, port: port.parse().unwrap(), token: token.to_string() }
}

/// A folder with `articles/` holding a copy of the seed (with its English).
fn seed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    for name in [format!("{SEED}.txt"), format!("{SEED}.en.md")] {
        std::fs::copy(common::root().join("seeds").join(&name), dir.path().join("articles").join(&name)).unwrap();
    }
    dir
}

/// A response: status, headers (lower-case names) and body.
struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends `head` (request line and headers, without the blank line) and `body` as they are,
/// and reads the whole response.
fn raw(port: u16, head: &str, body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut request = format!("{head}\r\nConnection: close\r\n");
    if !body.is_empty() || head.starts_with("PUT") {
        request += &format!("Content-Length: {}\r\n", body.len());
    }
    request += "\r\n";
    let _ = stream.write_all(request.as_bytes());
    let _ = stream.write_all(body);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Reply { status, headers: headers.to_ascii_lowercase(), body: body.to_string() }
}

impl Served {
    fn host(&self) -> String {
        format!("Host: 127.0.0.1:{}", self.port)
    }

    fn get(&self, path: &str) -> Reply {
        raw(self.port, &format!("GET {path} HTTP/1.1\r\n{}\r\nAuthorization: Bearer {}", self.host(), self.token), b"")
    }

    fn put(&self, path: &str, body: &Value) -> Reply {
        self.send("PUT", path, body)
    }

    /// `method path` with a JSON body.
    fn send(&self, method: &str, path: &str, body: &Value) -> Reply {
        let head = format!(
            "{method} {path} HTTP/1.1\r\n{}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json",
            self.host(),
            self.token
        );
        raw(self.port, &head, body.to_string().as_bytes())
    }

    fn delete(&self, path: &str) -> Reply {
        raw(
            self.port,
            &format!("DELETE {path} HTTP/1.1\r\n{}\r\nAuthorization: Bearer {}", self.host(), self.token),
            b"",
        )
    }

    /// Paragraph `id` of `slug` as the API gives it, `None` when the article has no such row.
    fn paragraph(&self, slug: &str, id: &str) -> Option<Value> {
        let doc = self.get(&format!("/api/articles/{slug}")).json();
        doc["paragraphs"].as_array().unwrap().iter().find(|p| p["id"] == id).cloned()
    }

    /// The current version of paragraph `id` of `slug`.
    fn version(&self, slug: &str, id: &str) -> String {
        let doc = self.get(&format!("/api/articles/{slug}")).json();
        let p = doc["paragraphs"].as_array().unwrap().iter().find(|p| p["id"] == id).unwrap().clone();
        p["version"].as_str().unwrap().to_string()
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The English of each paragraph unit of a reviewed TMX, by paragraph id; the file must be
/// well-formed XML.
fn reviewed_units(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&text, options).unwrap_or_else(|e| panic!("{e}:\n{text}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("tu"))
        .map(|tu| {
            let id = tu.children().find(|n| n.attribute("type") == Some("x-paragraph")).unwrap().text().unwrap();
            let en = tu
                .children()
                .filter(|n| n.has_tag_name("tuv"))
                .find(|n| n.attributes().any(|a| a.value() == "en"))
                .and_then(|n| n.children().find(|c| c.has_tag_name("seg")))
                .and_then(|s| s.text())
                .unwrap_or("");
            (id.to_string(), en.to_string())
        })
        .collect()
}

/// Asserts that paragraph 3 of the seed served from `dir` has `en` everywhere a save puts
/// it: the reviewed file (its only unit), the rebuilt JSON (every sentence reviewed) and HTML.
fn assert_p3_saved(dir: &Path, en: &str) {
    assert_eq!(reviewed_units(&dir.join(format!("articles/{SEED}.en.tmx"))), [("p3".to_string(), en.to_string())]);
    let built = read_json(&dir.join(format!("out/{SEED}.json")));
    assert_eq!(built["paragraphs"][2]["en"], en);
    assert!(built["paragraphs"][2]["sentences"].as_array().unwrap().iter().all(|s| s["reviewed"] == true));
    let html = std::fs::read_to_string(dir.join(format!("out/{SEED}.html"))).unwrap();
    assert!(html.contains(&en.replace('\'', "&#39;")), "the rebuilt page has the edit");
}

/// Each paragraph's id and version, as `GET /api/articles/<slug>` gives them.
fn versions(served: &Served, slug: &str) -> Vec<(String, String)> {
    let doc = served.get(&format!("/api/articles/{slug}")).json();
    doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap().to_string(), p["version"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn the_api_saves_through_the_round_trip_and_refuses_what_it_must() {
    let dir = seed_folder();
    let served = serve(dir.path());
    let index = served.get("/api/articles").json();
    assert_eq!(index["articles"][0]["slug"], SEED);
    assert_eq!(
        (index["articles"][0]["translated"].as_u64(), index["articles"][0]["reviewed"].as_u64()),
        (Some(18), Some(0))
    );
    let doc = served.get(&format!("/api/articles/{SEED}")).json();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["version"].as_str().map(str::len), Some(16));
    let p3 = &doc["paragraphs"][2];
    assert_eq!(p3["id"], "p3");
    let version = p3["version"].as_str().unwrap().to_string();

    // A save: answered with the paragraph's new state, a QA finding on the missing term.
    let path = format!("/api/articles/{SEED}/paragraphs/p3");
    let edit = "In the end, as Mufeng said, some people cannot bear to see the people of China make friends abroad.";
    let reply = served.put(&path, &json!({ "en": edit, "version": version }));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let saved = reply.json();
    assert_eq!((saved["en"].as_str(), saved["reviewed"].as_bool()), (Some(edit), Some(true)));
    assert_eq!(saved["translation_source"], "reviewed");
    let glossary: Vec<&Value> =
        saved["findings"].as_array().unwrap().iter().filter(|f| f["check"] == "glossary").collect();
    assert_eq!(glossary.len(), 1, "{saved}");
    assert!(glossary[0]["message"].as_str().unwrap().contains("慕峰"));
    // In the reviewed file beside the article, in the rebuilt outputs, and in the cache.
    assert_p3_saved(dir.path(), edit);
    let built = read_json(&dir.path().join(format!("out/{SEED}.json")));
    assert_eq!(built["paragraphs"][3]["en"], doc["paragraphs"][3]["en"], "the other paragraphs stay as they were");
    let cache = duizhao::translate::cache::Cache::open(&dir.path().join(".duizhao/cache.sqlite")).unwrap();
    assert_eq!(cache.reviewed(built["paragraphs"][2]["zh"].as_str().unwrap(), "en").unwrap().as_deref(), Some(edit));
    // `build` gives the same: the edit is a reviewed translation like any other.
    let rebuilt = common::run_in(dir.path(), &["build", "articles", "-o", "again", "--format", "json"], b"");
    assert!(rebuilt.status.success());
    assert_eq!(read_json(&dir.path().join(format!("again/{SEED}.json")))["paragraphs"][2]["en"], edit);

    // The same version again is stale: 409 with the current text.
    let reply = served.put(&path, &json!({ "en": "Another text.", "version": version }));
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(reply.json()["current"]["en"], edit);
    // The term's English used: the finding is gone.
    let fixed = "In the end, as Mu Feng said, some people cannot bear to see the people of China make friends abroad.";
    let reply = served.put(&path, &json!({ "en": fixed, "version": saved["version"] }));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(!reply.json()["findings"].as_array().unwrap().iter().any(|f| f["check"] == "glossary"), "{}", reply.body);

    // 404, 400, 413.
    let current = served.version(SEED, "p3");
    assert_eq!(
        served.put(&format!("/api/articles/{SEED}/paragraphs/p99"), &json!({"en": "x", "version": current})).status,
        404
    );
    assert_eq!(served.put("/api/articles/nope/paragraphs/p3", &json!({"en": "x", "version": current})).status, 404);
    assert_eq!(served.get("/api/articles/nope").status, 404);
    let put_head = format!("PUT {path} HTTP/1.1\r\n{}\r\nAuthorization: Bearer {}", served.host(), served.token);
    let bad = raw(served.port, &put_head, b"{\"en\": ");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap().contains("not valid JSON"), "{}", bad.body);
    assert_eq!(raw(served.port, &put_head, br#"{"en": "x"}"#).status, 400, "no version");
    // Empty English is a decision ("no translation"), but not over a version that is not current.
    assert_eq!(raw(served.port, &put_head, br#"{"en": "  ", "version": "x"}"#).status, 409, "stale");
    // Refused on its declared length, before a byte of it is read.
    let declared = format!("{put_head}\r\nContent-Length: {}", (1 << 20) + 1);
    let mut stream = TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    stream.write_all(format!("{declared}\r\nConnection: close\r\n\r\n").as_bytes()).unwrap();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert_eq!(served.version(SEED, "p3"), current, "a refused edit changes nothing");

    // The token: none, wrong, in the query, as a bearer.
    let host = served.host();
    assert_eq!(raw(served.port, &format!("GET /api/articles HTTP/1.1\r\n{host}"), b"").status, 401);
    assert_eq!(raw(served.port, &format!("GET /api/articles?token=0123 HTTP/1.1\r\n{host}"), b"").status, 401);
    let wrong = format!("GET /api/articles HTTP/1.1\r\n{host}\r\nAuthorization: Bearer {}", "0".repeat(32));
    assert_eq!(raw(served.port, &wrong, b"").status, 401);
    let query = format!("GET /api/articles?token={} HTTP/1.1\r\n{host}", served.token);
    assert_eq!(raw(served.port, &query, b"").status, 200);
    // A cookie opens pages, never the API: another site's request would carry it.
    let cookie = format!("Cookie: duizhao_token={}", served.token);
    assert_eq!(raw(served.port, &format!("GET / HTTP/1.1\r\n{host}\r\n{cookie}"), b"").status, 200);
    assert_eq!(raw(served.port, &format!("GET /api/articles HTTP/1.1\r\n{host}\r\n{cookie}"), b"").status, 401);
    assert_eq!(raw(served.port, &format!("GET / HTTP/1.1\r\n{host}"), b"").status, 401);
    let first = raw(served.port, &format!("GET /?token={} HTTP/1.1\r\n{host}", served.token), b"");
    assert!(first.headers.contains("set-cookie: duizhao_token=") && first.headers.contains("samesite=strict"));
    assert!(first.headers.contains("referrer-policy: no-referrer"));

    // Host and Origin: another site's page cannot reach the server.
    let token = format!("Authorization: Bearer {}", served.token);
    let evil_host = format!("GET /api/articles HTTP/1.1\r\nHost: evil.example:{}\r\n{token}", served.port);
    assert_eq!(raw(served.port, &evil_host, b"").status, 403, "DNS rebinding");
    let body = json!({"en": "Hacked.", "version": current}).to_string();
    let evil_origin = format!("{put_head}\r\nOrigin: https://evil.example");
    assert_eq!(raw(served.port, &evil_origin, body.as_bytes()).status, 403);
    let own_origin = format!("{put_head}\r\nOrigin: http://127.0.0.1:{}", served.port);
    let options = format!(
        "OPTIONS {path} HTTP/1.1\r\n{host}\r\nOrigin: https://evil.example\r\nAccess-Control-Request-Method: PUT"
    );
    let preflight = raw(served.port, &options, b"");
    assert_ne!(preflight.status, 200);
    assert!(!preflight.headers.contains("access-control-allow"), "no CORS: {}", preflight.headers);
    assert_eq!(served.version(SEED, "p3"), current);

    // A script in an edit is text everywhere.
    let script = "<script>alert('x')</script> & <b>bold</b>";
    let reply = raw(served.port, &own_origin, json!({"en": script, "version": current}).to_string().as_bytes());
    assert_eq!(reply.status, 200, "{}", reply.body);
    let page = raw(served.port, &format!("GET /articles/{SEED}?token={} HTTP/1.1\r\n{host}", served.token), b"");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
            || page.body.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"),
        "escaped in the page"
    );
    assert!(!page.body.contains("<script>alert"), "never markup");
    let html = std::fs::read_to_string(dir.path().join(format!("out/{SEED}.html"))).unwrap();
    assert!(!html.contains("<script>alert") && html.contains("&lt;script&gt;alert"));
}

/// Sure merges and splits of paragraphs are notes: each paragraph carries its note (severity
/// `info`), and the index does not count them as findings to act on.
#[test]
fn notes_are_shown_with_their_paragraphs_but_not_counted_as_findings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::copy(
        common::root().join("seeds").join(format!("{SEED}.txt")),
        dir.path().join(format!("articles/{SEED}.txt")),
    )
    .unwrap();
    // The seed's English with p5 and p6 merged and p12 split.
    std::fs::copy(
        common::root().join("tests/fixtures/seed-mismatch.en.md"),
        dir.path().join(format!("articles/{SEED}.en.md")),
    )
    .unwrap();
    let served = serve(dir.path());
    let index = served.get("/api/articles").json();
    assert_eq!(index["articles"][0]["with_findings"], 0, "{index}");
    let doc = served.get(&format!("/api/articles/{SEED}")).json();
    let notes: Vec<String> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            let id = p["id"].as_str().unwrap().to_string();
            p["findings"].as_array().unwrap().iter().map(move |f| format!("{id} {}", f["severity"].as_str().unwrap()))
        })
        .collect();
    assert_eq!(notes, ["p5 info", "p6 info", "p12 info"]);
}

#[test]
fn paths_that_leave_the_output_folder_are_refused() {
    let dir = seed_folder();
    std::fs::write(dir.path().join("secret.txt"), "TOP-SECRET").unwrap();
    let served = serve(dir.path());
    let ok = format!("GET /output/{SEED}.json?token={} HTTP/1.1\r\n{}", served.token, served.host());
    assert_eq!(raw(served.port, &ok, b"").status, 200, "files of the output folder are served");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), dir.path().join("out/link.txt")).unwrap();
    let attempts = [
        "/output/../secret.txt",
        "/output/..%2fsecret.txt",
        "/output/..%2Fsecret.txt",
        "/output/%2e%2e/secret.txt",
        "/output/%2e%2e%2fsecret.txt",
        "/output/%252e%252e%252fsecret.txt",
        "/output//etc/passwd",
        "/output/%2fetc%2fpasswd",
        "/output/..%5csecret.txt",
        "/output/sub/../../secret.txt",
        "/output/link.txt",
        "/output/secret.txt%00.json",
        "/output/%c0%ae%c0%ae/secret.txt",
        "/output/..",
        "/articles/..%2f..%2fsecret.txt",
        "/api/articles/..%2f..%2fsecret.txt",
        "/../secret.txt",
    ];
    for path in attempts {
        let head = format!(
            "GET {path}?token={} HTTP/1.1\r\n{}\r\nAuthorization: Bearer {}",
            served.token,
            served.host(),
            served.token
        );
        let reply = raw(served.port, &head, b"");
        assert_ne!(reply.status, 200, "{path} answered 200");
        assert!(!reply.body.contains("TOP-SECRET") && !reply.body.contains("root:"), "{path} leaked");
    }
}

/// An article of `n` paragraphs, each naming its number.
fn long_article(dir: &Path, n: usize) -> PathBuf {
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    let text: String = (1..=n).map(|i| format!("第{i}段是一个普通的段落。\n\n")).collect();
    let path = dir.join("articles/long.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn two_hundred_saves_from_twenty_clients_at_once_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    long_article(dir.path(), 200);
    let served = serve(dir.path());
    let versions = versions(&served, "long");
    assert_eq!(versions.len(), 200);
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let clients: Vec<_> = versions
            .chunks(10)
            .map(|mine| {
                let served = &served;
                scope.spawn(move || {
                    mine.iter()
                        .map(|(id, version)| {
                            let en = format!("Paragraph {} reviewed.", &id[1..]);
                            served
                                .put(
                                    &format!("/api/articles/long/paragraphs/{id}"),
                                    &json!({"en": en, "version": version}),
                                )
                                .status
                        })
                        .collect::<Vec<u16>>()
                })
            })
            .collect();
        clients.into_iter().flat_map(|c| c.join().unwrap()).collect()
    });
    assert_eq!(statuses.len(), 200);
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
    let mut units = reviewed_units(&dir.path().join("articles/long.en.tmx"));
    units.sort();
    let mut expected: Vec<(String, String)> =
        (1..=200).map(|i| (format!("p{i}"), format!("Paragraph {i} reviewed."))).collect();
    expected.sort();
    assert_eq!(units, expected);
    let built = read_json(&dir.path().join("out/long.json"));
    for (i, p) in built["paragraphs"].as_array().unwrap().iter().enumerate() {
        assert_eq!(p["en"], format!("Paragraph {} reviewed.", i + 1));
    }
}

#[test]
fn a_server_killed_during_a_burst_of_saves_keeps_every_answered_one() {
    let dir = tempfile::tempdir().unwrap();
    long_article(dir.path(), 40);
    let mut served = serve(dir.path());
    let versions = versions(&served, "long");
    let pid = served.child.id() as i32;
    let started = Instant::now();
    // Twenty clients, two paragraphs each, saving edit 1, 2, 3... until the server dies.
    let answered: Vec<(String, u32)> = std::thread::scope(|scope| {
        let clients: Vec<_> = versions
            .chunks(2)
            .map(|mine| {
                let served = &served;
                scope.spawn(move || {
                    let mut versions: Vec<(String, String)> = mine.to_vec();
                    let mut answered = Vec::new();
                    for round in 1..=1000u32 {
                        if started.elapsed() > Duration::from_secs(20) {
                            break;
                        }
                        for (id, version) in versions.iter_mut() {
                            let en = format!("{id} edit {round}");
                            let reply = served.put(
                                &format!("/api/articles/long/paragraphs/{id}"),
                                &json!({"en": en, "version": version}),
                            );
                            if reply.status != 200 {
                                return answered;
                            }
                            *version = reply.json()["version"].as_str().unwrap().to_string();
                            answered.push((id.clone(), round));
                        }
                    }
                    answered
                })
            })
            .collect();
        // SIGKILL once the burst is well under way.
        while started.elapsed() < Duration::from_millis(2500) {
            std::thread::sleep(Duration::from_millis(20));
        }
        // SAFETY: kill(2) on the server's own pid, a child of this process not yet waited for.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
        clients.into_iter().flat_map(|c| c.join().unwrap()).collect()
    });
    served.child.wait().unwrap();
    assert!(answered.len() >= 20, "the burst got going: {} saves answered", answered.len());
    let units = reviewed_units(&dir.path().join("articles/long.en.tmx"));
    for (id, round) in &answered {
        let (_, en) = units.iter().find(|(p, _)| p == id).unwrap_or_else(|| panic!("{id} lost"));
        let kept: u32 = en.rsplit(' ').next().unwrap().parse().unwrap();
        assert!(kept >= *round, "{id}: edit {round} was answered, the file has edit {kept}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_edits_paragraph_three_in_chromium() {
    let test = "a_reviewer_edits_paragraph_three_in_chromium";
    let dir = seed_folder();
    let served = serve(dir.path());
    let Some((_driver, client, _profile)) = browser_for(test).await else { return };
    client.set_window_size(1280, 1000).await.unwrap();
    client.goto(&format!("http://127.0.0.1:{}/?token={}", served.port, served.token)).await.unwrap();
    // The index links the article; the cookie set by the token opens it.
    client.find(Locator::Css("a[href^='/articles/']")).await.unwrap().click().await.unwrap();
    let ready = "return document.querySelectorAll('.en.editable').length";
    let start = Instant::now();
    while client.execute(ready, vec![]).await.unwrap() != json!(18) {
        assert!(start.elapsed() < Duration::from_secs(20), "the editor did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    async fn save(client: &fantoccini::Client, text: &str) {
        client.find(Locator::Css("#p3 .en")).await.unwrap().click().await.unwrap();
        let area = client.find(Locator::Css("#p3 .editor textarea")).await.unwrap();
        area.clear().await.unwrap();
        area.send_keys(text).await.unwrap();
        client.find(Locator::Css("#p3 .editor .save")).await.unwrap().click().await.unwrap();
        let start = Instant::now();
        while client.find(Locator::Css("#p3 .editor")).await.is_ok() {
            assert!(start.elapsed() < Duration::from_secs(20), "the save did not finish");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let edit = "In the end, as Mufeng says, some people cannot stand the people of China befriending foreigners.";
    save(&client, edit).await;
    let findings = "return Array.from(document.querySelectorAll('#p3 .findings li')).map(function (l) { return l.textContent; }).join('\\n')";
    let shown = client.execute(findings, vec![]).await.unwrap();
    assert!(shown.as_str().unwrap().contains("慕峰"), "the glossary finding is shown: {shown}");
    // Escape leaves an edit without saving.
    client.find(Locator::Css("#p3 .en")).await.unwrap().click().await.unwrap();
    client.find(Locator::Css("#p3 .editor textarea")).await.unwrap().send_keys("\u{e00c}").await.unwrap();
    assert!(client.find(Locator::Css("#p3 .editor")).await.is_err(), "Escape closes the editor");

    let fixed = "In the end, as Mu Feng says, some people cannot stand the people of China befriending foreigners.";
    save(&client, fixed).await;
    let shown = client.execute(findings, vec![]).await.unwrap();
    assert!(!shown.as_str().unwrap().contains("慕峰"), "the finding is gone: {shown}");
    // A phone-width picture of the editor for the README, then the reload.
    client.set_window_size(390, 844).await.unwrap();
    client.find(Locator::Css("#p3 .en")).await.unwrap().click().await.unwrap();
    let scroll = "window.scrollTo(0, document.getElementById('p3').getBoundingClientRect().top + window.scrollY - 60)";
    client.execute(scroll, vec![]).await.unwrap();
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("review-390.png"), client.screenshot().await.unwrap()).unwrap();
    let inner = client.execute("return window.innerWidth", vec![]).await.unwrap().as_f64().unwrap();
    let scroll = client.execute("return document.documentElement.scrollWidth", vec![]).await.unwrap().as_f64().unwrap();
    assert!(scroll <= inner, "no sideways scrolling at phone width: {scroll} > {inner}");
    client.set_window_size(1280, 1000).await.unwrap();
    client.refresh().await.unwrap();
    let text = client.find(Locator::Css("#p3 .en")).await.unwrap().text().await.unwrap();
    assert!(text.contains("as Mu Feng says"), "after reload: {text}");
    // The editor open on the reviewed paragraph, below the toolbar: the README's picture.
    client.find(Locator::Css("#p3 .en")).await.unwrap().click().await.unwrap();
    let scroll = "window.scrollTo(0, document.getElementById('p3').getBoundingClientRect().top + window.scrollY - 70)";
    client.execute(scroll, vec![]).await.unwrap();
    std::fs::write(artifacts.join("review-1280.png"), client.screenshot().await.unwrap()).unwrap();
    client.close().await.unwrap();

    assert_p3_saved(dir.path(), fixed);
}

/// The translator's note that opens the English, with no Chinese partner: `p0-en1`.
const OPENING: &str = "Translator's note: this piece first appeared on a blog that has since been deleted; the text here follows an archived copy, and the author's own emphasis has been kept throughout.";
/// The note that closes it, also with no partner: `p4-en2`.
const CLOSING: &str = "About the translation: prepared by volunteers of a reading group, checked twice against the original, and shared freely with attribution for anyone who wants to read it.";

/// A folder with `articles/a.txt` and its English `a.en.txt`, aligned as: `p0-en1` (English
/// alone), `p1`, `p2`, `p3` (Chinese with no English partner), `p4`, `p4-en2` (English alone).
fn misaligned_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    let untranslated = "第三段没有翻译。".repeat(12);
    let zh = format!("第一段讲2020年。\n\n第二段讲WTO。\n\n{untranslated}\n\n第四段讲1999年的100个人。\n");
    std::fs::write(dir.path().join("articles/a.txt"), zh).unwrap();
    let en = format!(
        "{OPENING}\n\nThe first is about 2020.\n\nThe second is about the WTO.\n\nThe fourth is about 1999 and 100 people, more or less.\n\n{CLOSING}\n"
    );
    std::fs::write(dir.path().join("articles/a.en.txt"), en).unwrap();
    dir
}

/// Each row's id and English, in order.
fn rows(served: &Served, slug: &str) -> Vec<(String, Option<String>)> {
    let doc = served.get(&format!("/api/articles/{slug}")).json();
    doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap().to_string(), p["en"].as_str().map(str::to_string)))
        .collect()
}

/// The index's counts of `slug` and the document's, which the page shows.
fn both_counts(served: &Served, slug: &str) -> (Value, Value) {
    let index = served.get("/api/articles").json();
    let entry = index["articles"].as_array().unwrap().iter().find(|a| a["slug"] == slug).unwrap().clone();
    let listed = json!({
        "paragraphs": entry["paragraphs"], "translated": entry["translated"],
        "reviewed": entry["reviewed"], "with_findings": entry["with_findings"],
    });
    (listed, served.get(&format!("/api/articles/{slug}")).json()["counts"].clone())
}

fn en(text: &str) -> Option<String> {
    Some(text.to_string())
}

#[test]
fn english_with_no_chinese_partner_is_edited_moved_deleted_and_undone() {
    let dir = misaligned_folder();
    let mut served = serve(dir.path());
    let base = "/api/articles/a/paragraphs";
    let original = rows(&served, "a");
    let ids: Vec<&str> = original.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["p0-en1", "p1", "p2", "p3", "p4", "p4-en2"]);
    // The index and the page count alike: English alone translates no paragraph. The rows with
    // findings are the two English-only rows (warnings); the untranslated p3 is a note (#35).
    let (listed, page) = both_counts(&served, "a");
    assert_eq!(listed, page);
    assert_eq!(page, json!({"paragraphs": 4, "translated": 3, "reviewed": 0, "with_findings": 2}));

    // An English-only row's English saved.
    let version = served.version("a", "p4-en2");
    let reply = served.put(&format!("{base}/p4-en2"), &json!({"en": "About the translation.", "version": version}));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        (reply.json()["en"].as_str(), reply.json()["reviewed"].as_bool()),
        (Some("About the translation."), Some(true))
    );
    assert_eq!(reply.json()["article"]["counts"], both_counts(&served, "a").1, "the reply carries the new counts");
    // Moved: nothing before the opening note to take it; the paragraph after it does.
    let version = served.version("a", "p0-en1");
    let refused = served.send("POST", &format!("{base}/p0-en1/move"), &json!({"to": "previous", "version": version}));
    assert_eq!(refused.status, 422, "{}", refused.body);
    let moved = served.send("POST", &format!("{base}/p0-en1/move"), &json!({"to": "next", "version": version}));
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(moved.json()["removed"], true);
    assert_eq!(moved.json()["moved_to"]["en"], format!("{OPENING} The first is about 2020."));
    // A row that is gone cannot be saved or moved again.
    let version_gone = json!({"en": "x", "version": version});
    assert_eq!(served.put(&format!("{base}/p0-en1"), &version_gone).status, 404);
    // Deleted: empty English on a row with no Chinese.
    let version = served.version("a", "p4-en2");
    let deleted = served.put(&format!("{base}/p4-en2"), &json!({"en": "", "version": version}));
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert_eq!(deleted.json()["removed"], true);
    // "No translation" for a paragraph with Chinese: empty English is accepted.
    let version = served.version("a", "p2");
    let emptied = served.put(&format!("{base}/p2"), &json!({"en": "  ", "version": version}));
    assert_eq!(emptied.status, 200, "{}", emptied.body);
    assert_eq!((emptied.json()["en"].clone(), emptied.json()["reviewed"].clone()), (Value::Null, json!(true)));
    let fixed = vec![
        ("p1".to_string(), en(&format!("{OPENING} The first is about 2020."))),
        ("p2".to_string(), None),
        ("p3".to_string(), None),
        ("p4".to_string(), en("The fourth is about 1999 and 100 people, more or less.")),
    ];
    assert_eq!(rows(&served, "a"), fixed);
    let (listed, page) = both_counts(&served, "a");
    assert_eq!(listed, page);

    // Kept in the reviewed file: a restart and `build` give the same rows.
    drop(served);
    served = serve(dir.path());
    assert_eq!(rows(&served, "a"), fixed, "after a restart");
    let rebuilt = common::run_in(dir.path(), &["build", "articles", "-o", "again", "--format", "json"], b"");
    assert!(rebuilt.status.success(), "{}", common::stderr(&rebuilt));
    let built: Vec<(String, Option<String>)> = read_json(&dir.path().join("again/a.json"))["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap().to_string(), p["en"].as_str().map(str::to_string)))
        .collect();
    assert_eq!(built, fixed, "build applies the reviewed file alike");

    // Undone by the API: the previous text saved again, and reviews dropped.
    let version = served.version("a", "p2");
    let back = served.put(&format!("{base}/p2"), &json!({"en": "The second is about the WTO.", "version": version}));
    assert_eq!(back.status, 200, "{}", back.body);
    let stale = served.delete(&format!("{base}/p1?version=0123456789abcdef"));
    assert_eq!(stale.status, 409, "{}", stale.body);
    for id in ["p1", "p0-en1", "p4-en2", "p2"] {
        let reply = served.delete(&format!("{base}/{id}"));
        assert_eq!(reply.status, 200, "{id}: {}", reply.body);
        assert_eq!(reply.json()["reviewed"], false, "{id}: {}", reply.body);
    }
    assert_eq!(served.delete(&format!("{base}/p9")).status, 404);
    assert_eq!(rows(&served, "a"), original, "every review undone: the aligned English");
    assert_eq!(reviewed_units(&dir.path().join("articles/a.en.tmx")), Vec::<(String, String)>::new());
    assert_eq!(both_counts(&served, "a").1["reviewed"], 0);
}

/// The seed with paragraph 8's English replaced by unrelated English: the aligner pairs it,
/// unsure.
fn unsure_seed_folder() -> tempfile::TempDir {
    let dir = seed_folder();
    let path = dir.path().join(format!("articles/{SEED}.en.md"));
    let english = std::fs::read_to_string(&path).unwrap();
    let mut blocks: Vec<&str> = english.split("\n\n").collect();
    // The title, then paragraph 1 to 18.
    blocks[8] = "The weather was pleasant and nobody talked about the internet at all that afternoon, as far as anyone remembers.";
    std::fs::write(&path, blocks.join("\n\n")).unwrap();
    dir
}

#[test]
fn a_fixed_paragraph_loses_its_alignment_note_and_the_counts_agree() {
    let dir = unsure_seed_folder();
    let served = serve(dir.path());
    let notes = |p: &Value| -> Vec<String> {
        p["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["check"] == "alignment")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let p8 = served.paragraph(SEED, "p8").unwrap();
    assert!(notes(&p8).iter().any(|n| n.contains("unsure pairing")), "{p8}");
    let (listed, page) = both_counts(&served, SEED);
    assert_eq!(listed, page);
    let before = page["with_findings"].as_u64().unwrap();
    let fixed = "Besides, China is now making a big push to attract foreign tourists through measures such as visa-free entry, and the photos of Xiaohongshu (RedNote) would do more than ten visa-free policies.";
    let reply =
        served.put(&format!("/api/articles/{SEED}/paragraphs/p8"), &json!({"en": fixed, "version": p8["version"]}));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(notes(&reply.json()), Vec::<String>::new(), "{}", reply.body);
    assert_eq!(notes(&served.paragraph(SEED, "p8").unwrap()), Vec::<String>::new());
    let built = read_json(&dir.path().join(format!("out/{SEED}.json")));
    assert!(built["paragraphs"][7]["alignment"]["note"].is_null(), "{}", built["paragraphs"][7]["alignment"]);
    let (listed, page) = both_counts(&served, SEED);
    assert_eq!(listed, page);
    assert!(page["with_findings"].as_u64().unwrap() <= before, "{page}");
    // The reading page no longer shows the note beside the paragraph.
    let html = std::fs::read_to_string(dir.path().join(format!("out/{SEED}.html"))).unwrap();
    assert!(!html.contains("unsure pairing"), "the rebuilt page has no unsure pairing left");
}

/// Waits (up to 20 s) until `script` returns `true` in the page.
async fn until(client: &fantoccini::Client, script: &str, what: &str) {
    let start = Instant::now();
    while client.execute(script, vec![]).await.unwrap() != json!(true) {
        assert!(start.elapsed() < Duration::from_secs(20), "{what}: timed out waiting for {script}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of the first element `css` finds, "" when there is none.
async fn text_of(client: &fantoccini::Client, css: &str) -> String {
    let script = format!("var e = document.querySelector({css:?}); return e ? e.textContent : ''");
    client.execute(&script, vec![]).await.unwrap().as_str().unwrap_or("").to_string()
}

async fn click(client: &fantoccini::Client, css: &str) {
    client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_fixes_alignment_in_chromium() {
    let test = "a_reviewer_fixes_alignment_in_chromium";
    let dir = misaligned_folder();
    let served = serve(dir.path());
    let Some((_driver, client, _profile)) = browser_for(test).await else { return };
    client.set_window_size(1280, 1000).await.unwrap();
    client.goto(&format!("http://127.0.0.1:{}/?token={}", served.port, served.token)).await.unwrap();
    let listed = [
        text_of(&client, "td.translated").await,
        text_of(&client, "td.reviewed").await,
        text_of(&client, "td.with-findings").await,
    ];
    assert_eq!(listed, ["3 / 4", "0", "2"]);
    click(&client, "a[href^='/articles/']").await;
    // Every row is editable, English alone too.
    until(&client, "return document.querySelectorAll('.en.editable').length === 6", "the editor starts").await;
    // The page counts as the index does.
    let progress = text_of(&client, "#review-progress").await;
    assert_eq!(progress, "3 of 4 paragraphs translated · 0 reviewed · 2 with findings");
    // A reviewer's page: nothing for the operator.
    let body = client.execute("return document.body.innerText", vec![]).await.unwrap();
    assert!(!body.as_str().unwrap().contains("translation provider"), "{body}");

    // The closing note moved into p4, then the move undone.
    click(&client, "#p4-en2 .en").await;
    click(&client, "#p4-en2 .editor .move-previous").await;
    until(&client, "return !document.getElementById('p4-en2')", "the row goes").await;
    assert!(text_of(&client, "#p4 .en").await.ends_with(&CLOSING[CLOSING.len() - 40..]));
    assert_eq!(served.paragraph("a", "p4").unwrap()["reviewed"], true);
    until(&client, "return document.getElementById('review-progress').textContent.indexOf('1 reviewed') > 0", "counts")
        .await;
    click(&client, "#review-undo .undo").await;
    until(&client, "return !!document.querySelector('#p4-en2 .en.editable')", "the row comes back").await;
    assert_eq!(text_of(&client, "#p4 .en p").await, "The fourth is about 1999 and 100 people, more or less.");
    assert!(text_of(&client, "#p4-en2 .en").await.starts_with(&CLOSING[..40]));
    assert_eq!(served.paragraph("a", "p4").unwrap()["reviewed"], false);
    // A save undone: the text before it.
    click(&client, "#p1 .en").await;
    let area = client.find(Locator::Css("#p1 .editor textarea")).await.unwrap();
    area.clear().await.unwrap();
    area.send_keys("A wrong save.").await.unwrap();
    click(&client, "#p1 .editor .save").await;
    until(&client, "return document.querySelector('#p1 .en p').textContent === 'A wrong save.'", "saved").await;
    click(&client, "#review-undo .undo").await;
    until(&client, "return document.querySelector('#p1 .en p').textContent === 'The first is about 2020.'", "undone")
        .await;
    assert_eq!(served.paragraph("a", "p1").unwrap()["reviewed"], false);
    // The opening note deleted.
    click(&client, "#p0-en1 .en").await;
    click(&client, "#p0-en1 .editor .delete").await;
    until(&client, "return !document.getElementById('p0-en1')", "deleted").await;
    assert!(served.paragraph("a", "p0-en1").is_none());

    // Another client's save shows without a reload, marked; one on a paragraph being edited is
    // a warning in its editor, which keeps the reviewer's text.
    let version = served.version("a", "p2");
    let other = "The second paragraph is about the WTO (another reviewer).";
    assert_eq!(served.put("/api/articles/a/paragraphs/p2", &json!({"en": other, "version": version})).status, 200);
    until(
        &client,
        &format!("var p = document.getElementById('p2'); return p.classList.contains('changed') && p.querySelector('.en p').textContent === {other:?}"),
        "another client's edit shows",
    )
    .await;
    click(&client, "#p4 .en").await;
    let area = client.find(Locator::Css("#p4 .editor textarea")).await.unwrap();
    area.send_keys(" Mine.").await.unwrap();
    let version = served.version("a", "p4");
    let theirs = "The fourth is about 100 people in 1999.";
    assert_eq!(served.put("/api/articles/a/paragraphs/p4", &json!({"en": theirs, "version": version})).status, 200);
    until(
        &client,
        "var s = document.querySelector('#p4 .editor .status'); return !!s && s.textContent.indexOf('Someone else changed') === 0",
        "the warning",
    )
    .await;
    let kept = client.execute("return document.querySelector('#p4 .editor textarea').value", vec![]).await.unwrap();
    assert!(kept.as_str().unwrap().ends_with(" Mine."), "{kept}");
    click(&client, "#p4 .editor .cancel").await;
    assert_eq!(text_of(&client, "#p4 .en p").await, theirs, "closed, the row shows the other client's text");
    // The counts after all this, the page's and the index's alike.
    until(&client, "return !document.querySelector('.editing')", "closed").await;
    let (_, counts) = both_counts(&served, "a");
    let expected = format!(
        "{} of {} paragraphs translated · {} reviewed · {} with findings",
        counts["translated"], counts["paragraphs"], counts["reviewed"], counts["with_findings"]
    );
    until(
        &client,
        &format!("return document.getElementById('review-progress').textContent === {expected:?}"),
        "counts",
    )
    .await;

    // The README's picture: an English-only row open in the editor, with its move buttons.
    click(&client, "#p4-en2 .en").await;
    let scroll =
        "window.scrollTo(0, document.querySelector('.review-bar').getBoundingClientRect().top + window.scrollY - 55)";
    client.execute(scroll, vec![]).await.unwrap();
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("review-alignment-1280.png"), client.screenshot().await.unwrap()).unwrap();
    client.close().await.unwrap();
}
