//! `--save-html DIR`: a fetched page kept in the seed's archive format
//! (`<!--epoch-ms-->`, `[title](url)`, dashes, the HTML), so the run can be repeated offline.

use crate::fetch::Fetched;

/// The archive copy of a fetched page whose decoded HTML is `html`.
pub(crate) fn archive_copy(fetched: &Fetched, title: &str, html: &str) -> String {
    // A title holding "](" or a newline would break the header line.
    let title: String = title.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    let title = title.replace("](", "] (");
    format!("<!--{}-->\n[{}]({})\n------\n\n{}", fetched.fetched_at_ms, title.trim(), fetched.final_url, html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::archive;

    #[test]
    fn round_trips_through_the_archive_reader() {
        let fetched = Fetched {
            final_url: "https://example.com/b".into(),
            bytes: Vec::new(),
            charset: None,
            fetched_at_ms: 1_737_077_421_000,
        };
        let copy = archive_copy(&fetched, "标题\n二", "<p>正文</p>");
        let header = archive::header(&copy).unwrap();
        assert_eq!(header.title, "标题 二");
        assert_eq!(header.url, "https://example.com/b");
        assert_eq!(header.archived_at.as_deref(), Some("2025-01-17T01:30:21Z"));
    }
}
