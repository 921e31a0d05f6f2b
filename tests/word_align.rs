//! Word alignment (`duizhao align --format words`): its accuracy on the hand-aligned
//! development pairs of ../shared (the figure the README gives; the aligner's three constants
//! and its function-word table were chosen on these pairs, so this is a development figure,
//! not a held-out one), the Pharaoh output of the command line, and its refusal of texts that
//! do not pair line by line.

mod common;

use std::collections::HashSet;

/// Alignment error rate, precision and recall of `predicted` (Pharaoh lines) against `gold`
/// (`i-j` sure, `i-j-P` possible).
fn score(predicted: &str, gold: &str) -> (f64, f64, f64) {
    let (mut a_s, mut a_p, mut a, mut s) = (0usize, 0usize, 0usize, 0usize);
    for (links, gold) in predicted.lines().zip(gold.lines()) {
        let (mut sure, mut possible) = (HashSet::new(), HashSet::new());
        for link in gold.split_whitespace() {
            let parts: Vec<&str> = link.split('-').collect();
            let cell = (parts[0].to_string(), parts[1].to_string());
            if parts.len() == 2 {
                sure.insert(cell.clone());
            }
            possible.insert(cell);
        }
        let links: Vec<(String, String)> = links
            .split_whitespace()
            .map(|l| {
                let (i, j) = l.split_once('-').unwrap();
                (i.to_string(), j.to_string())
            })
            .collect();
        a += links.len();
        s += sure.len();
        a_s += links.iter().filter(|l| sure.contains(*l)).count();
        a_p += links.iter().filter(|l| possible.contains(*l)).count();
    }
    (1.0 - (a_s + a_p) as f64 / (a + s) as f64, a_p as f64 / a as f64, a_s as f64 / s as f64)
}

#[test]
fn development_pairs_align_with_an_error_rate_under_0_26() {
    let Some(shared) = common::shared("development_pairs_align_with_an_error_rate_under_0_26") else {
        return;
    };
    let dir = shared.join("parallel/word-align-dev");
    let (zh, en) = (dir.join("dev.zh"), dir.join("dev.en"));
    let output =
        common::run(&["align", zh.to_str().unwrap(), en.to_str().unwrap(), "--format", "words", "--tokenized"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let predicted = String::from_utf8(output.stdout).unwrap();
    assert_eq!(predicted.lines().count(), 50, "a line a pair");
    let gold = std::fs::read_to_string(dir.join("dev.align")).unwrap();
    let (aer, precision, recall) = score(&predicted, &gold);
    eprintln!("word-align-dev: AER {aer:.3}, precision {precision:.3}, recall {recall:.3}");
    // 0.245 when this was written.
    assert!(aer <= 0.26, "AER {aer:.3} (precision {precision:.3}, recall {recall:.3})");
}

#[test]
fn untokenized_texts_are_cut_and_aligned_a_line_a_pair() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = (dir.path().join("a.zh"), dir.path().join("a.en"));
    std::fs::write(&zh, "我喜欢北京。\n他昨天去了上海。\n").unwrap();
    std::fs::write(&en, "I like Beijing.\nHe went to Shanghai yesterday.\n").unwrap();
    let output = common::run(&["align", zh.to_str().unwrap(), en.to_str().unwrap(), "--format", "words"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    // 我 喜欢 北京 。 | I like Beijing . — 他 昨天 去 了 上海 。 | He went to Shanghai yesterday .
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "0-0 1-1 2-2 3-3\n0-0 1-4 2-1 4-3 5-5\n");

    // Written beside as <stem>.words.txt with -o.
    let out = dir.path().join("out");
    let output = common::run(&[
        "align",
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        "--format",
        "words",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert_eq!(std::fs::read_to_string(out.join("a.words.txt")).unwrap().lines().count(), 2);

    std::fs::write(&en, "I like Beijing.\nHe went to Shanghai yesterday.\nAn extra line.\n").unwrap();
    let output = common::run(&["align", zh.to_str().unwrap(), en.to_str().unwrap(), "--format", "words"]);
    assert!(!output.status.success());
    let stderr = common::stderr(&output);
    assert!(stderr.contains("a.en: 3 lines, but") && stderr.contains("has 2"), "{stderr}");
}

/// An article and its translation where a name is spelled two ways and a glossary term is
/// rendered otherwise than the glossary says.
fn doctor() -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("doctor.txt"),
        "李文亮是武汉的一名眼科医生。\n\n后来，李文亮感染了新冠病毒。\n\n人们至今仍记得李文亮。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("doctor.en.txt"),
        "Li Wenliang was an ophthalmologist in Wuhan.\n\nLater, Li Wen-liang was infected with the coronavirus.\n\n\
         People still remember Li Wenliang today.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("g.tsv"), "新冠病毒\txīn guān bìng dú\tCOVID-19 virus\t\n").unwrap();
    let output = common::run_in(
        dir.path(),
        &["build", "doctor.txt", "--glossary", "g.tsv", "-o", "out", "--format", "json,study,qa"],
        b"",
    );
    (dir, output)
}

#[test]
fn word_links_reach_the_json_the_study_sheet_and_the_qa_report() {
    let (dir, output) = doctor();
    assert!(output.status.success(), "{}", common::stderr(&output));
    let out = dir.path().join("out");
    let doc = common::json(&out, "doctor");
    // JSON: each sentence link's words, a Chinese token index and an English character span.
    let p = &doc["paragraphs"][0];
    let en = p["en"].as_str().unwrap();
    let linked: Vec<(String, String)> = p["alignment"]["sentences"][0]["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let token = p["tokens"][w["zh"].as_u64().unwrap() as usize]["text"].as_str().unwrap().to_string();
            let (s, e) = (w["en"][0].as_u64().unwrap() as usize, w["en"][1].as_u64().unwrap() as usize);
            (token, en.chars().skip(s).take(e - s).collect())
        })
        .collect();
    for (zh, en) in [("李文亮", "Li"), ("李文亮", "Wenliang"), ("武汉", "Wuhan"), ("眼科医生", "ophthalmologist")]
    {
        assert!(linked.contains(&(zh.to_string(), en.to_string())), "{zh} - {en} not in {linked:?}");
    }
    // Study sheet: what the word became here.
    let study = std::fs::read_to_string(out.join("doctor.study.html")).unwrap();
    assert!(study.contains("here: ophthalmologist · "), "the entry shows the word's English in its sentence");
    // QA: the name's two spellings, where each is, and the glossary term's actual rendering.
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("doctor.qa.json")).unwrap()).unwrap();
    let messages: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["check"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert!(
        messages.contains(&("consistency", "李文亮 is rendered 2 ways: “Li Wenliang” (p1, p3), “Li Wen-liang” (p2)")),
        "{messages:?}"
    );
    assert!(
        messages.contains(&(
            "glossary",
            "glossary term 新冠病毒 should be rendered \"COVID-19 virus\"; the translation has \"coronavirus\""
        )),
        "{messages:?}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_word_and_its_english_light_up_together_in_chromium() {
    use fantoccini::Locator;
    let Some((_driver, client, _profile)) =
        common::browser::browser_for("a_word_and_its_english_light_up_together_in_chromium").await
    else {
        return;
    };
    let (dir, output) = doctor();
    assert!(output.status.success(), "{}", common::stderr(&output));
    let html = dir.path().join("page");
    let output = common::run_in(dir.path(), &["build", "doctor.txt", "-o", "page", "--format", "html"], b"");
    assert!(output.status.success(), "{}", common::stderr(&output));
    client.set_window_size(1400, 900).await.unwrap();
    client.goto(&format!("file://{}", html.join("doctor.html").display())).await.unwrap();
    // A lit word's text without its pinyin.
    const STATE: &str = "return { lit: Array.from(document.querySelectorAll('.hl')).map(e => { \
        var c = e.cloneNode(true); c.querySelectorAll('rt').forEach(r => r.remove()); return c.textContent; }), \
        gloss: document.getElementById('gloss').hidden ? '' : document.getElementById('gloss').textContent, \
        height: document.querySelector('.pair').getBoundingClientRect().height };";
    let before = client.execute(STATE, vec![]).await.unwrap();
    // A tap on 眼科医生 lights "ophthalmologist" and the popup says what it became here.
    let word = client.find(Locator::XPath("(//ruby[starts-with(., '眼科医生')])[1]")).await.unwrap();
    word.click().await.unwrap();
    let state = client.execute(STATE, vec![]).await.unwrap();
    assert!(state["gloss"].as_str().unwrap().contains("here: ophthalmologist"), "{state}");
    let lit: Vec<&str> = state["lit"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(lit.contains(&"ophthalmologist") && lit.contains(&"眼科医生"), "{lit:?}");
    assert_eq!(state["height"], before["height"], "lighting words moves nothing");
    let shots = common::root().join("target/screens");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("word-links-1400.png"), client.screenshot().await.unwrap()).unwrap();
    // Hovering an English word lights its Chinese word, the other way round.
    client.find(Locator::Css("body")).await.unwrap().send_keys("\u{E00C}").await.unwrap();
    let wuhan = client.find(Locator::XPath("//span[@data-z][. = 'Wuhan']")).await.unwrap();
    client
        .execute(
            "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));",
            vec![serde_json::to_value(&wuhan).unwrap()],
        )
        .await
        .unwrap();
    let state = client.execute(STATE, vec![]).await.unwrap();
    let lit: Vec<&str> = state["lit"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(lit.contains(&"武汉") && lit.contains(&"Wuhan"), "{lit:?}");
    // By keyboard: a word reached with Tab shows the same.
    client.refresh().await.unwrap();
    let mut found = false;
    for _ in 0..12 {
        client.active_element().await.unwrap().send_keys("\u{E004}").await.unwrap();
        let state = client.execute(STATE, vec![]).await.unwrap();
        if state["gloss"].as_str().unwrap().contains("here: Wuhan") {
            found = true;
            break;
        }
    }
    assert!(found, "Tab reaches 武汉 and its popup says \"here: Wuhan\"");
    client.close().await.unwrap();
}
