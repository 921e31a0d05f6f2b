//! Dates as a reader reads them: 2020年7月1日 on a Chinese line, 1 July 2020 on an English one,
//! from the machine form the document keeps (`2020-07-01`, `2020-07-01T22:56:13Z`), which the
//! pages still carry in `<time datetime>`.

/// The months' English names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `date` (beginning `YYYY-MM-DD`, or `YYYY-MM`, or `YYYY`) in Chinese: 2020年7月1日; anything
/// else as it is.
pub fn chinese(date: &str) -> String {
    match parts(date) {
        Some((year, Some(month), Some(day))) => format!("{year}年{month}月{day}日"),
        Some((year, Some(month), None)) => format!("{year}年{month}月"),
        Some((year, None, _)) => format!("{year}年"),
        None => date.to_string(),
    }
}

/// `date` in English: 1 July 2020; anything else as it is.
pub fn english(date: &str) -> String {
    match parts(date) {
        Some((year, Some(month), Some(day))) => format!("{day} {} {year}", MONTHS[usize::from(month) - 1]),
        Some((year, Some(month), None)) => format!("{} {year}", MONTHS[usize::from(month) - 1]),
        Some((year, None, _)) => year.to_string(),
        None => date.to_string(),
    }
}

/// Year, month and day of a date written `YYYY[-MM[-DD]]`, followed by nothing or a time.
fn parts(date: &str) -> Option<(u16, Option<u8>, Option<u8>)> {
    let date = date.trim();
    let head = date.split(['T', ' ']).next()?;
    if head.len() < date.len()
        && !date[head.len()..].trim_start_matches(['T', ' ']).starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let mut fields = head.split('-');
    let year = fields.next().filter(|y| y.len() == 4)?.parse::<u16>().ok()?;
    let month = match fields.next() {
        Some(m) => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match fields.next() {
        Some(d) => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    if fields.next().is_some() || (day.is_some() && month.is_none()) {
        return None;
    }
    Some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(chinese("2020-07-01T22:56:13Z"), "2020年7月1日");
        assert_eq!(english("2020-07-01T22:56:13Z"), "1 July 2020");
        assert_eq!(chinese("2025-01-15"), "2025年1月15日");
        assert_eq!(english("2019-03-06 10:00"), "6 March 2019");
        assert_eq!(chinese("2019-03"), "2019年3月");
        assert_eq!(english("2019"), "2019");
        // Not a date we know: shown as it is.
        assert_eq!(chinese("昨天"), "昨天");
        assert_eq!(english("2019-13-01"), "2019-13-01");
        assert_eq!(english("2019-03-06xyz"), "2019-03-06xyz");
    }
}
