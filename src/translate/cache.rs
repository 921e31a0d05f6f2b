//! The translation cache: an SQLite database (`.duizhao/cache.sqlite` by default) so that a text
//! is never paid for twice. Each answer is stored under a key made of the provider, model, target
//! language, prompt version, the glossary entries that apply and the source text; a rerun after a
//! crash or Ctrl-C finds everything that was answered before.
//!
//! The database runs in WAL mode and each answer is its own transaction, so killing the process
//! mid-write loses at most that answer, never the file. Empty answers are refused. The API key is
//! not part of the key and is never stored.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::{Term, TranslateError};
use crate::text::compare::comparable;

/// Seconds since 1970, as stored beside each answer.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// What identifies one translation. Hashed (BLAKE3) into the database key; the parts that are
/// useful to a person looking at the database are stored beside it in plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheKey {
    /// Provider name.
    pub provider: String,
    /// Model, empty when the provider has none.
    pub model: String,
    /// Target language.
    pub target: String,
    /// Prompt version (see [`super::PROMPT_VERSION`]), with the template's hash when custom.
    pub prompt_version: String,
    /// The glossary entries that apply to the text, sorted.
    pub terms: Vec<Term>,
    /// The source text.
    pub source: String,
}

impl CacheKey {
    /// The 32-byte digest stored as the primary key. Every part is length-prefixed, so no two
    /// different keys can run together into the same bytes.
    pub(crate) fn digest(&self) -> [u8; 32] {
        let mut hasher = blake3::Hasher::new();
        let mut part = |s: &str| {
            hasher.update(&(s.len() as u64).to_le_bytes());
            hasher.update(s.as_bytes());
        };
        part("duizhao-translation-cache-1");
        part(&self.provider);
        part(&self.model);
        part(&self.target);
        part(&self.prompt_version);
        let mut terms = self.terms.clone();
        terms.sort();
        terms.dedup();
        part(&terms.len().to_string());
        for term in &terms {
            part(&term.zh);
            part(&term.en);
        }
        part(&self.source);
        *hasher.finalize().as_bytes()
    }
}

/// An open cache database.
#[derive(Debug)]
pub struct Cache {
    conn: Connection,
    path: PathBuf,
}

impl Cache {
    /// Opens (creating it and its folder when needed) the cache at `path`.
    pub fn open(path: &Path) -> Result<Cache, TranslateError> {
        let err = |message: String| TranslateError::Cache { path: path.to_path_buf(), message };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| err(format!("cannot create its folder: {e}")))?;
        }
        let conn = Connection::open(path).map_err(|e| err(e.to_string()))?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(|e| err(e.to_string()))?;
        let mode: String =
            conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0)).map_err(|e| err(e.to_string()))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(err(format!("could not switch to WAL mode (journal mode is {mode})")));
        }
        conn.execute_batch(
            "PRAGMA synchronous=NORMAL;
             CREATE TABLE IF NOT EXISTS translations (
                 key BLOB PRIMARY KEY NOT NULL,
                 provider TEXT NOT NULL,
                 model TEXT NOT NULL,
                 target TEXT NOT NULL,
                 prompt_version TEXT NOT NULL,
                 source TEXT NOT NULL,
                 english TEXT NOT NULL CHECK (length(trim(english)) > 0),
                 created_at INTEGER NOT NULL
             ) WITHOUT ROWID;
             CREATE TABLE IF NOT EXISTS reviewed (
                 source TEXT NOT NULL,
                 target TEXT NOT NULL,
                 english TEXT NOT NULL CHECK (length(trim(english)) > 0),
                 created_at INTEGER NOT NULL,
                 PRIMARY KEY (source, target)
             ) WITHOUT ROWID;",
        )
        .map_err(|e| err(e.to_string()))?;
        Ok(Cache { conn, path: path.to_path_buf() })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The cached translation for `key`, if any.
    pub fn get(&self, key: &CacheKey) -> Result<Option<String>, TranslateError> {
        self.conn
            .query_row("SELECT english FROM translations WHERE key = ?1", params![key.digest().as_slice()], |row| {
                row.get::<_, String>(0)
            })
            .optional()
            .map_err(|e| self.error(e))
    }

    /// Stores `english` for `key`, replacing an older answer. Blank answers are not stored
    /// (returns `false`).
    pub fn put(&self, key: &CacheKey, english: &str) -> Result<bool, TranslateError> {
        if english.trim().is_empty() {
            return Ok(false);
        }
        let now = now();
        self.conn
            .execute(
                "INSERT OR REPLACE INTO translations
                     (key, provider, model, target, prompt_version, source, english, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    key.digest().as_slice(),
                    key.provider,
                    key.model,
                    key.target,
                    key.prompt_version,
                    key.source,
                    english,
                    now
                ],
            )
            .map_err(|e| self.error(e))?;
        Ok(true)
    }

    /// Stores a translation a person reviewed in a CAT tool, for `source` (compared after
    /// [`comparable`]) into `target`. Every provider's lookups find it first, and only
    /// `--retranslate` sends its text again.
    pub(crate) fn put_reviewed(&self, source: &str, target: &str, english: &str) -> Result<bool, TranslateError> {
        if english.trim().is_empty() || source.trim().is_empty() {
            return Ok(false);
        }
        self.conn
            .execute(
                "INSERT OR REPLACE INTO reviewed (source, target, english, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![comparable(source), target, english, now()],
            )
            .map_err(|e| self.error(e))?;
        Ok(true)
    }

    /// Forgets the reviewed translation of `source` into `target`: a reviewer undid it, so
    /// that the English before it (given, or a provider's) comes back. `false` when there was
    /// none.
    pub(crate) fn forget_reviewed(&self, source: &str, target: &str) -> Result<bool, TranslateError> {
        let deleted = self
            .conn
            .execute("DELETE FROM reviewed WHERE source = ?1 AND target = ?2", params![comparable(source), target])
            .map_err(|e| self.error(e))?;
        Ok(deleted > 0)
    }

    /// The reviewed translation of `source` into `target`, if a person checked one.
    pub fn reviewed(&self, source: &str, target: &str) -> Result<Option<String>, TranslateError> {
        self.conn
            .query_row(
                "SELECT english FROM reviewed WHERE source = ?1 AND target = ?2",
                params![comparable(source), target],
                |row| row.get::<_, String>(0),
            )
            .optional()
            .map_err(|e| self.error(e))
    }

    /// Number of stored translations.
    pub fn len(&self) -> Result<usize, TranslateError> {
        self.conn
            .query_row("SELECT count(*) FROM translations", [], |row| row.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.error(e))
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> Result<bool, TranslateError> {
        Ok(self.len()? == 0)
    }

    fn error(&self, e: rusqlite::Error) -> TranslateError {
        TranslateError::Cache { path: self.path.clone(), message: e.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> CacheKey {
        CacheKey {
            provider: "deepl".into(),
            model: String::new(),
            target: "en".into(),
            prompt_version: "1".into(),
            terms: vec![Term { zh: "小红书".into(), en: "Xiaohongshu".into() }],
            source: text.into(),
        }
    }

    #[test]
    fn stores_and_finds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/cache.sqlite");
        let cache = Cache::open(&path).unwrap();
        assert_eq!(cache.get(&key("你好")).unwrap(), None);
        assert!(cache.put(&key("你好"), "Hello").unwrap());
        assert!(!cache.put(&key("再见"), "  ").unwrap());
        assert_eq!(cache.get(&key("你好")).unwrap().as_deref(), Some("Hello"));
        assert_eq!(cache.get(&key("再见")).unwrap(), None);
        drop(cache);
        let cache = Cache::open(&path).unwrap();
        assert_eq!(cache.len().unwrap(), 1);
    }

    #[test]
    fn every_part_counts() {
        let base = key("你好");
        let variants = [
            CacheKey { provider: "google".into(), ..base.clone() },
            CacheKey { model: "m".into(), ..base.clone() },
            CacheKey { target: "de".into(), ..base.clone() },
            CacheKey { prompt_version: "2".into(), ..base.clone() },
            CacheKey { terms: vec![], ..base.clone() },
            CacheKey { terms: vec![Term { zh: "小红书".into(), en: "RedNote".into() }], ..base.clone() },
            CacheKey { source: "你好 ".into(), ..base.clone() },
        ];
        for v in &variants {
            assert_ne!(v.digest(), base.digest(), "{v:?}");
        }
        let mut reordered = base.clone();
        reordered.terms.insert(0, Term { zh: "抖音".into(), en: "Douyin".into() });
        let mut other = base.clone();
        other.terms.push(Term { zh: "抖音".into(), en: "Douyin".into() });
        assert_eq!(reordered.digest(), other.digest());
    }
}
