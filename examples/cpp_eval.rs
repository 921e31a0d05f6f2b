//! Scores per-character pinyin on the CPP polyphone benchmark (g2pM's `*.sent` / `*.lb`).
//!
//! ```text
//! cargo run --release --example cpp_eval -- ../shared/bench/cpp/dev [--errors N] [--dump FILE]
//! ```
//!
//! Each sentence goes through the same code path as `duizhao pinyin --per-char --style
//! numbers` (built-in glossary); the syllable at the marked character's index among the
//! sentence's Han characters is compared with the gold label. `--errors N` lists the N most
//! frequent (character, gold, predicted) confusions; `--dump FILE` writes one tab-separated
//! line per item (Han index, character, gold, predicted, sentence, then the features the
//! polyphone rules see, one a column): the training data of tools/polyphone/train.py.

use std::collections::HashMap;
use std::io::Write;
use std::time::Instant;

use duizhao::notation::Style;
use duizhao::readings::polyphone;
use duizhao::text::is_han;
use duizhao::{Glossary, transcribe};

/// The same options as `duizhao pinyin --per-char --style numbers`.
const OPTIONS: transcribe::LineOptions =
    transcribe::LineOptions { style: Style::Numbers, per_char: true, sandhi: false };

const MARK: char = '\u{2581}';

fn usage() -> ! {
    eprintln!("usage: cpp_eval PREFIX [--errors N] [--dump FILE]   (reads PREFIX.sent, PREFIX.lb)");
    std::process::exit(2);
}

/// Lower-case numbered syllable with ü written v (gold writes `u:`, numbers style writes `v`).
fn normalise(s: &str) -> String {
    s.trim().to_lowercase().replace("u:", "v").replace('ü', "v")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut prefix = None;
    let mut errors = 0usize;
    let mut dump = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--errors" => errors = args.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| usage()),
            "--dump" => dump = Some(args.next().unwrap_or_else(|| usage())),
            _ if prefix.is_none() => prefix = Some(a),
            _ => usage(),
        }
    }
    let prefix = prefix.unwrap_or_else(|| usage());
    let read = |ext: &str| {
        let path = format!("{prefix}.{ext}");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2)
        })
    };
    let sents = read("sent");
    let labels = read("lb");
    let (glossary, _) = Glossary::load(true, &[]);

    // Items: (sentence without marks, Han index of the marked character, the character, gold).
    let mut items = Vec::new();
    for (line, gold) in sents.lines().zip(labels.lines()) {
        let Some(at) = line.find(MARK) else {
            continue;
        };
        let before = &line[..at];
        let index = before.chars().filter(|&c| is_han(c)).count();
        let target = line[at + MARK.len_utf8()..].chars().next().unwrap_or(' ');
        let clean: String = line.chars().filter(|&c| c != MARK).collect();
        items.push((clean, index, target, normalise(gold)));
    }

    // Warm up lazily loaded data (segmenter dictionary) outside the timing.
    transcribe::transcribe_line("银行行长", &glossary, OPTIONS);

    // Segmentation and word readings alone, then the whole path (context rules included).
    let started = Instant::now();
    let tokens: usize = items.iter().map(|(s, _, _, _)| transcribe::line::line_words(s, &glossary).len()).sum();
    let words_only = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let outputs: Vec<String> =
        items.iter().map(|(s, _, _, _)| transcribe::transcribe_line(s, &glossary, OPTIONS)).collect();
    let elapsed = started.elapsed().as_secs_f64();
    let chars: usize = items.iter().map(|(s, _, _, _)| s.chars().count()).sum();
    assert!(tokens > 0, "no tokens");

    let mut correct = 0usize;
    let mut confusions: HashMap<(char, String, String), usize> = HashMap::new();
    let mut dump_out = dump.map(|p| {
        std::io::BufWriter::new(std::fs::File::create(&p).unwrap_or_else(|e| {
            eprintln!("cannot write {p}: {e}");
            std::process::exit(2)
        }))
    });
    for ((sentence, index, target, gold), out) in items.iter().zip(&outputs) {
        let predicted = out.split(' ').nth(*index).map(normalise).unwrap_or_else(|| "?".to_string());
        if &predicted == gold {
            correct += 1;
        } else {
            *confusions.entry((*target, gold.clone(), predicted.clone())).or_default() += 1;
        }
        if let Some(w) = dump_out.as_mut() {
            let tokens = transcribe::line::line_words(sentence, &glossary);
            let features = polyphone::item_features(&tokens, *index).unwrap_or_default();
            let features: Vec<&str> =
                features.iter().map(String::as_str).filter(|f| !f.contains(['\t', '\n', '\r'])).collect();
            writeln!(w, "{index}\t{target}\t{gold}\t{predicted}\t{sentence}\t{}", features.join("\t"))
                .expect("dump write failed");
        }
    }

    let total = items.len();
    println!("accuracy: {correct}/{total} = {:.2}%", 100.0 * correct as f64 / total.max(1) as f64);
    println!("speed: {chars} characters in {elapsed:.3} s = {:.0} characters/s", chars as f64 / elapsed.max(1e-9));
    println!(
        "  (segmentation and word readings alone, no context rules: {words_only:.3} s = {:.0} characters/s)",
        chars as f64 / words_only.max(1e-9)
    );
    if errors > 0 {
        let mut list: Vec<_> = confusions.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        println!("most frequent confusions (char gold -> predicted: count):");
        for ((c, gold, predicted), n) in list.into_iter().take(errors) {
            println!("  {c} {gold} -> {predicted}: {n}");
        }
    }
}
