//! Dates as sources write them, normalised to ISO 8601.

/// `2025.1.15`, `2025-01-15`, `2025/1/15`, `2025年1月15日`, RFC 822
/// (`Wed, 01 Jul 2020 10:07:30 +0000`) and ISO 8601 date-times to ISO 8601.
/// Returns `None` for text that holds no recognisable date.
pub(crate) fn normalize(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(rfc) = rfc822(text) {
        return Some(rfc);
    }
    // ISO date-time: keep it whole once the date part checks out.
    if text.len() > 10 && text.as_bytes().get(10) == Some(&b'T') {
        ymd(&text[..10])?;
        return Some(text.to_string());
    }
    let (y, m, d) = ymd(text)?;
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Year, month and day from the first three numbers of a numeric date.
fn ymd(text: &str) -> Option<(u32, u32, u32)> {
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match numbers[..] {
        [y, m, d] if (1000..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) => Some((y, m, d)),
        _ => None,
    }
}

fn rfc822(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let rest = text.split_once(", ").map_or(text, |(_, r)| r);
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let [day, month, year, time, zone] = parts[..] else {
        return None;
    };
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let day: u32 = day.parse().ok()?;
    let year: u32 = year.parse().ok()?;
    if time.len() != 8 || !(zone.starts_with('+') || zone.starts_with('-')) || zone.len() != 5 {
        return None;
    }
    let zone = if zone == "+0000" { "Z".to_string() } else { format!("{}:{}", &zone[..3], &zone[3..]) };
    Some(format!("{year:04}-{month:02}-{day:02}T{time}{zone}"))
}

/// Milliseconds since the Unix epoch as an ISO 8601 UTC time.
pub(crate) fn from_epoch_millis(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(normalize("2025.1.15").as_deref(), Some("2025-01-15"));
        assert_eq!(normalize("2025年1月15日").as_deref(), Some("2025-01-15"));
        assert_eq!(normalize("Wed, 01 Jul 2020 10:07:30 +0000").as_deref(), Some("2020-07-01T10:07:30Z"));
        assert_eq!(normalize("2014-07-11T08:28:52+02:00").as_deref(), Some("2014-07-11T08:28:52+02:00"));
        assert_eq!(normalize("soon"), None);
    }

    #[test]
    fn epoch() {
        assert_eq!(from_epoch_millis(1_737_077_421_000), "2025-01-17T01:30:21Z");
        assert_eq!(from_epoch_millis(0), "1970-01-01T00:00:00Z");
    }
}
