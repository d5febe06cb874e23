//! Dates and times as srt writes them (`2026-11-23`, RFC 3339 `2026-11-23T07:45:00+11:00`),
//! read strictly with chrono.

/// Calendar dates, YYYY-MM-DD.
pub mod ymd {
    use std::borrow::Cow;

    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, de::Error};

    pub fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| D::Error::custom(format!("'{text}' is not a date (YYYY-MM-DD)")))
    }

    /// A date in exactly the form srt writes (chrono alone would take "2026-2-1" too).
    pub fn parse(text: &str) -> Option<NaiveDate> {
        (text.len() == 10 && text.starts_with(|c: char| c.is_ascii_digit())).then(|| text.parse().ok()).flatten()
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn reads_only_real_dates_in_full() {
            assert_eq!(super::parse("2028-02-29"), chrono::NaiveDate::from_ymd_opt(2028, 2, 29));
            for bad in ["2026-02-30", "2026-2-01", "20261101", "2026-11-01T", "+026-11-01", "2026-1-1 "] {
                assert_eq!(super::parse(bad), None, "{bad}");
            }
        }
    }
}

/// Times with their UTC offset, RFC 3339.
pub mod rfc3339 {
    use std::borrow::Cow;

    use chrono::{DateTime, FixedOffset, Utc};
    use serde::{Deserialize, Deserializer, de::Error};

    pub fn fixed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        DateTime::parse_from_rfc3339(&text)
            .map_err(|err| D::Error::custom(format!("'{text}' is not an RFC 3339 time: {err}")))
    }

    /// For an optional field: present means a time.
    pub fn some_fixed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        fixed(deserializer).map(Some)
    }

    pub fn utc<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
        fixed(deserializer).map(|time| time.to_utc())
    }
}
