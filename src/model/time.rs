//! Dates and times as srt writes them, read by hand: every log line has several, and a
//! journal of decades has many.

/// Dates as srt writes them (YYYY-MM-DD), read without chrono's general format parser:
/// every check-in has one, and a journal of decades has many.
pub mod ymd {
    use std::borrow::Cow;

    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, de::Error};

    pub fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| D::Error::custom(format!("'{text}' is not a date (YYYY-MM-DD)")))
    }

    pub fn parse(text: &str) -> Option<NaiveDate> {
        let bytes = text.as_bytes();
        let digits =
            bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
        if bytes.len() != 10 || !digits {
            return None;
        }
        let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
        NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn reads_only_real_dates() {
            assert_eq!(super::parse("2028-02-29"), chrono::NaiveDate::from_ymd_opt(2028, 2, 29));
            for bad in ["2026-02-30", "2026-2-01", "20261101", "2026-11-01T", "+026-11-01"] {
                assert_eq!(super::parse(bad), None, "{bad}");
            }
        }
    }
}

/// Strict RFC 3339 for times read from logs and files: the form srt writes, and faster to
/// read than chrono's lenient default.
pub mod rfc3339 {
    use std::borrow::Cow;

    use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
    use serde::{Deserialize, Deserializer, de::Error};

    pub fn fixed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        if let Some(time) = parse_common(&text) {
            return Ok(time);
        }
        DateTime::parse_from_rfc3339(&text)
            .map_err(|err| D::Error::custom(format!("'{text}' is not an RFC 3339 time: {err}")))
    }

    /// The forms srt writes, `2026-11-23T07:45:00+11:00` and `2026-11-23T09:00:00.5Z`, read
    /// by hand: every line has two. `None` leaves anything else to chrono.
    fn parse_common(text: &str) -> Option<DateTime<FixedOffset>> {
        let b = text.as_bytes();
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            let digits = b.get(range)?;
            digits.iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
        };
        if b.len() < 20 || [b[4], b[7], b[10], b[13], b[16]] != [b'-', b'-', b'T', b':', b':'] {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)?;
        let (mut rest, mut nanos) = (19, 0);
        if b[rest] == b'.' {
            let digits = b[rest + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) {
                return None;
            }
            nanos = number(rest + 1..rest + 1 + digits)? * 10u32.pow(9 - digits as u32);
            rest += 1 + digits;
        }
        let time = NaiveTime::from_hms_nano_opt(number(11..13)?, number(14..16)?, number(17..19)?, nanos)?;
        let offset = match &b[rest..] {
            [b'Z'] => 0,
            [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
                let (hours, minutes) = (number(rest + 1..rest + 3)?, number(rest + 4..rest + 6)?);
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
                if *sign == b'-' { -seconds } else { seconds }
            }
            _ => return None,
        };
        let offset = FixedOffset::east_opt(offset)?;
        Some(DateTime::from_naive_utc_and_offset(date.and_time(time) - offset, offset))
    }

    /// For an optional field: present means a time.
    pub fn some_fixed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        fixed(deserializer).map(Some)
    }

    pub fn utc<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
        fixed(deserializer).map(|time| time.to_utc())
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn reads_what_srt_writes_as_chrono_would() {
            for text in [
                "2026-11-23T07:45:00+11:00",
                "2026-11-23T09:00:00Z",
                "2026-11-23T09:00:00.5Z",
                "2026-11-23T09:00:00.123456789Z",
                "2026-03-29T01:30:00-09:30",
                "1926-12-19T23:59:59+00:00",
                "2028-02-29T00:00:00.000001+05:45",
            ] {
                let expected = chrono::DateTime::parse_from_rfc3339(text).unwrap();
                assert_eq!(super::parse_common(text), Some(expected), "{text}");
                assert_eq!(super::parse_common(text).unwrap().offset(), expected.offset(), "{text}");
            }
        }

        #[test]
        fn leaves_the_rest_to_chrono() {
            for text in [
                "2026-02-30T07:45:00+11:00",
                "2026-11-23 07:45:00+11:00",
                "2026-11-23T07:45:00",
                "2026-11-23T07:45:00+1100",
                "2026-11-23T24:00:00Z",
                "2026-11-23T07:45:00.Z",
                "2026-11-23T07:45:00.1234567890Z",
                "2026-11-23T07:45:00+11:00 ",
                "2026-11-23t07:45:00z",
                "2026-11-23T07:45:60Z",
                "2026-11-23T07:45:00+11:75",
                "2026-11-23T07:45:00+24:00",
            ] {
                assert_eq!(super::parse_common(text), None, "{text}");
            }
        }
    }
}
