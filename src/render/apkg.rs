//! `apkg`: the vocabulary as an Anki package, which Anki opens by a double click or File >
//! Import: the note type `duizhao word` with its recognition and recall cards, the deck, and the
//! notes of [`AnkiRenderer`], with the same fields, tags and GUIDs as the `anki` text file.
//!
//! The package is a zip of `collection.anki2`, an SQLite database in Anki's schema 11 (which
//! every Anki since 2.1 imports), and an empty `media` list. Every id and time in it is derived
//! from names and GUIDs, so the same article gives the same bytes.
//!
//! A note's modification time is fixed and old, so Anki's default on import ("update notes: if
//! newer") keeps a note already in the collection as it is: a word keeps the example sentence it
//! was first learned with, as with the text file's `#if matches:keep current`.

use std::io::{Cursor, Write};

use rusqlite::{Connection, MAIN_DB, params};
use serde_json::json;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::document::Document;
use crate::render::Renderer;
use crate::render::anki::{AnkiRenderer, FIELDS, NOTETYPE, Note};
use crate::render::study::TONE_COLOURS;

/// The note type's id: the same in every package, so that Anki recognises it as one note type.
const NOTETYPE_ID: i64 = 1_733_011_200_000;

/// The time every object in the package carries (seconds; 2024-12-01): fixed for the same
/// bytes every run, and older than anything in a learner's collection.
const MODIFIED: i64 = 1_733_011_200;

/// The recognition card: the word; the answer adds its reading, meaning and example.
const RECOGNITION_FRONT: &str = "<div class=\"dz-word\" lang=\"zh\">{{Word}}</div>";
const RECOGNITION_BACK: &str = "{{FrontSide}}\n<hr id=\"answer\">\n<div class=\"dz-pinyin\">{{Pinyin}}</div>\n\
{{#Meaning}}<div class=\"dz-meaning\">{{Meaning}}</div>{{/Meaning}}\n\
{{#Example}}<div class=\"dz-example\" lang=\"zh\">{{Example}}</div>{{/Example}}\n\
{{#Example English}}<div class=\"dz-example-en\">{{Example English}}</div>{{/Example English}}\n\
{{#HSK}}<div class=\"dz-meta\">{{HSK}}</div>{{/HSK}}\n\
{{#Source}}<div class=\"dz-meta\">{{Source}}</div>{{/Source}}";

/// The recall card, made only for notes with a meaning: the meaning and the example with the
/// word hidden; the answer shows the word, its reading and the whole example.
const RECALL_FRONT: &str = "{{#Meaning}}<div class=\"dz-meaning\">{{Meaning}}</div>\n\
{{#Example}}<div class=\"dz-example dz-hidden\" lang=\"zh\">{{Example}}</div>{{/Example}}\n\
{{#Example English}}<div class=\"dz-example-en\">{{Example English}}</div>{{/Example English}}{{/Meaning}}";
const RECALL_BACK: &str = "<div class=\"dz-meaning\">{{Meaning}}</div>\n<hr id=\"answer\">\n\
<div class=\"dz-word\" lang=\"zh\">{{Word}}</div>\n<div class=\"dz-pinyin\">{{Pinyin}}</div>\n\
{{#Example}}<div class=\"dz-example\" lang=\"zh\">{{Example}}</div>{{/Example}}\n\
{{#Example English}}<div class=\"dz-example-en\">{{Example English}}</div>{{/Example English}}\n\
{{#HSK}}<div class=\"dz-meta\">{{HSK}}</div>{{/HSK}}\n\
{{#Source}}<div class=\"dz-meta\">{{Source}}</div>{{/Source}}";

/// The cards' style: large word, the example's word in the first tone's colour, the hidden word
/// a blank of its width; Anki's night mode gets lighter greys.
const CSS: &str = ".card { font-family: system-ui, sans-serif; font-size: 20px; text-align: center; \
color: #1a1a1a; background: #fff; line-height: 1.5; }\n\
.dz-word { font-size: 2.6em; font-family: \"Noto Sans CJK SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif; }\n\
.dz-pinyin { font-size: 1.3em; }\n\
.dz-meaning { margin: .4em 0; }\n\
.dz-example { margin-top: .8em; font-size: 1.2em; }\n\
.dz-example b { color: WORD_COLOUR; }\n\
.dz-hidden b { color: transparent; border-bottom: 2px solid #888; }\n\
.dz-example-en { color: #555; font-style: italic; }\n\
.dz-meta { color: #777; font-size: .75em; margin-top: .6em; }\n\
.nightMode .card, .night_mode .card { color: #eee; background: #2c2c2c; }\n\
.nightMode .dz-example-en, .night_mode .dz-example-en { color: #bbb; }\n";

/// Writes the vocabulary as an Anki package.
#[derive(Debug, Clone, Default)]
pub(crate) struct ApkgRenderer {
    /// The notes, as the text file has them.
    pub anki: AnkiRenderer,
}

impl Renderer for ApkgRenderer {
    fn extension(&self) -> &'static str {
        "apkg"
    }

    /// The notes as the `anki` text file (the package's contents, readable).
    fn render(&self, doc: &Document) -> String {
        self.anki.render(doc)
    }

    fn render_bytes(&self, doc: &Document) -> Vec<u8> {
        package(&self.anki.notes(doc))
    }
}

/// `notes` as an `.apkg` file: the note type, their decks and the notes with their cards.
pub(crate) fn package(notes: &[Note]) -> Vec<u8> {
    let collection = collection(notes).expect("an in-memory SQLite database takes what it is given");
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT);
    // Writing into memory cannot fail short of running out of it.
    zip.start_file("collection.anki2", options).expect("zip in memory");
    zip.write_all(&collection).expect("zip in memory");
    zip.start_file("media", options).expect("zip in memory");
    zip.write_all(b"{}").expect("zip in memory");
    zip.finish().expect("zip in memory").into_inner()
}

/// The SQLite database of the package: Anki's schema 11.
fn collection(notes: &[Note]) -> rusqlite::Result<Vec<u8>> {
    let mut db = Connection::open_in_memory()?;
    db.execute_batch(SCHEMA)?;
    let mut decks: Vec<&str> = Vec::new();
    for note in notes {
        // A sub-deck's parents are decks too.
        let parents = note.deck.match_indices("::").map(|(end, _)| &note.deck[..end]);
        for name in parents.chain([note.deck.as_str()]) {
            if !decks.contains(&name) {
                decks.push(name);
            }
        }
    }
    let mut deck_json = serde_json::Map::new();
    deck_json.insert("1".into(), deck(1, "Default"));
    for name in &decks {
        deck_json.insert(id_of(name).to_string(), deck(id_of(name), name));
    }
    let first_deck = notes.first().map_or(1, |n| id_of(&n.deck));
    let conf = json!({
        "activeDecks": [1], "curDeck": 1, "newSpread": 0, "collapseTime": 1200, "timeLim": 0,
        "estTimes": true, "dueCounts": true, "curModel": NOTETYPE_ID.to_string(),
        "nextPos": notes.len() + 1, "sortType": "noteFld", "sortBackwards": false, "addToCur": true,
    });
    let models = json!({ NOTETYPE_ID.to_string(): notetype(first_deck) });
    db.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?3, 11, 0, 0, 0, ?4, ?5, ?6, ?7, '{}')",
        params![
            MODIFIED,
            MODIFIED * 1000,
            MODIFIED * 1000,
            conf.to_string(),
            models.to_string(),
            serde_json::Value::Object(deck_json).to_string(),
            deck_config().to_string()
        ],
    )?;
    let tx = db.transaction()?;
    {
        let mut insert_note = tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
        let mut insert_card =
            tx.prepare("INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, -1, 0, 0, ?6, 0, 0, 0, 0, 0, 0, 0, 0, '')")?;
        let mut ids = std::collections::HashSet::new();
        for (position, note) in notes.iter().enumerate() {
            let mut id = id_of(&note.guid);
            while !ids.insert(id) {
                id += 1;
            }
            let tags = if note.tags.is_empty() { String::new() } else { format!(" {} ", note.tags.join(" ")) };
            let sort_field = strip_html(&note.fields[0]);
            insert_note.execute(params![
                id,
                note.guid,
                NOTETYPE_ID,
                MODIFIED,
                tags,
                note.fields.join("\u{1f}"),
                sort_field,
                checksum(&sort_field)
            ])?;
            let due = position as i64 + 1;
            insert_card.execute(params![id, id, id_of(&note.deck), 0, MODIFIED, due])?;
            // The recall card exists when its front is not empty: when the note has a meaning.
            if !note.fields[2].is_empty() {
                insert_card.execute(params![id + (1 << 52), id, id_of(&note.deck), 1, MODIFIED, due])?;
            }
        }
    }
    tx.commit()?;
    Ok(db.serialize(MAIN_DB)?.to_vec())
}

/// The note type `duizhao word` in schema 11's JSON.
fn notetype(deck: i64) -> serde_json::Value {
    let fields: Vec<_> = FIELDS
        .iter()
        .enumerate()
        .map(|(ord, name)| {
            json!({ "name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20,
                    "media": [] })
        })
        .collect();
    let template = |name: &str, ord: usize, front: &str, back: &str| {
        json!({ "name": name, "ord": ord, "qfmt": front, "afmt": back, "bqfmt": "", "bafmt": "",
                "did": null, "bfont": "", "bsize": 0 })
    };
    let css = CSS.replace("WORD_COLOUR", TONE_COLOURS[3].2);
    json!({
        "id": NOTETYPE_ID, "name": NOTETYPE, "type": 0, "mod": MODIFIED, "usn": -1, "sortf": 0,
        "did": deck, "flds": fields,
        "tmpls": [
            template("Recognition", 0, RECOGNITION_FRONT, RECOGNITION_BACK),
            template("Recall", 1, RECALL_FRONT, RECALL_BACK),
        ],
        "css": css,
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}", "latexsvg": false,
        "req": [[0, "any", [0]], [1, "any", [2]]], "tags": [], "vers": [],
    })
}

/// A deck in schema 11's JSON.
fn deck(id: i64, name: &str) -> serde_json::Value {
    json!({
        "id": id, "name": name, "mod": MODIFIED, "usn": -1, "desc": "", "dyn": 0, "conf": 1,
        "collapsed": false, "browserCollapsed": false, "extendNew": 0, "extendRev": 0,
        "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0],
    })
}

/// Anki's default deck options in schema 11's JSON.
fn deck_config() -> serde_json::Value {
    json!({ "1": {
        "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0,
        "replayq": true, "dyn": false,
        "new": { "bury": false, "delays": [1.0, 10.0], "initialFactor": 2500, "ints": [1, 4, 0],
                 "order": 1, "perDay": 20 },
        "lapse": { "delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0 },
        "rev": { "bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200,
                 "hardFactor": 1.2 },
    }})
}

/// A positive id below 2^52 derived from `key` (64-bit FNV-1a), never 1 (the Default deck).
fn id_of(key: &str) -> i64 {
    let mut hash: u64 = 0xcbf29ce484222325;
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    (hash >> 12) as i64 | 2
}

/// A field's text without tags, as Anki sorts and checksums it.
fn strip_html(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut in_tag = false;
    for c in field.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#35;", "#")
}

/// Anki's note checksum: the first 8 hex digits of the SHA-1 of the sort field, as a number.
fn checksum(text: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(text.as_bytes()).digest().bytes();
    i64::from(u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]))
}

/// Anki's schema 11 tables and indexes.
const SCHEMA: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_and_ids_are_anki_s() {
        // Python: int(hashlib.sha1("互联网".encode()).hexdigest()[:8], 16)
        assert_eq!(checksum("互联网"), 1322739424);
        assert_eq!(checksum("abc"), 0xa9993e36);
        assert_eq!(strip_html("a<b>b</b>&amp;c"), "ab&c");
        assert_ne!(id_of("duizhao"), 1);
        assert!(id_of("duizhao") < 1 << 52 && id_of("duizhao") > 0);
    }
}
