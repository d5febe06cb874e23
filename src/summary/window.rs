//! The dates a summary covers, and the dates it is compared with.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::model::DateRange;

/// Days in the window when there is no earlier session to start from.
pub const DEFAULT_DAYS: u64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// From the latest therapy session before today.
    SinceSession,
    /// The last 14 days: there was no earlier session.
    #[serde(rename = "last_14_days")]
    Last14Days,
    /// Chosen with --since, --until or --last.
    Explicit,
}

/// The dates a summary covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub basis: Basis,
}

impl Window {
    /// From the latest session before `today` up to today, or the last 14 days.
    pub fn default_for(today: NaiveDate, sessions: impl IntoIterator<Item = NaiveDate>) -> Self {
        match sessions.into_iter().filter(|&d| d < today).max() {
            Some(session) => Window { since: session, until: today, basis: Basis::SinceSession },
            None => Window { since: today - Days::new(DEFAULT_DAYS - 1), until: today, basis: Basis::Last14Days },
        }
    }

    /// The window a parent asked for (`--since`, `--until`, `--last`), or by default from
    /// the latest session before today. With only an end, it starts where the default
    /// window would have on that day.
    pub fn asked(
        today: NaiveDate,
        asked: &DateRange,
        sessions: impl IntoIterator<Item = NaiveDate> + Clone,
    ) -> Result<Self, String> {
        if *asked == DateRange::default() {
            return Ok(Window::default_for(today, sessions));
        }
        let until = asked.until.unwrap_or(today);
        if until > today {
            return Err(format!("--until {until} is in the future; a window ends today at the latest"));
        }
        let since = asked.since.unwrap_or_else(|| Window::default_for(until, sessions).since.max(first_day()));
        if since > until {
            return Err(format!("the window would start ({since}) after it ends ({until})"));
        }
        Ok(Window { since, until, basis: Basis::Explicit })
    }

    pub fn days(&self) -> u32 {
        u32::try_from((self.until - self.since).num_days() + 1).unwrap_or(0)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since <= date && date <= self.until
    }

    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        self.since.iter_days().take(self.days() as usize)
    }

    /// What this window is compared with to tell whether things are getting better: when
    /// it starts on a session and an earlier session exists, the interval between the two;
    /// otherwise the same number of days just before it.
    pub fn previous(&self, sessions: impl IntoIterator<Item = NaiveDate>) -> Previous {
        let sessions: Vec<NaiveDate> = sessions.into_iter().collect();
        let until = self.since.pred_opt().unwrap_or(self.since).max(first_day());
        let earlier_session = sessions.iter().copied().filter(|&d| d < self.since).max();
        match earlier_session {
            Some(since) if sessions.contains(&self.since) => {
                Previous { since, until, basis: TrendBasis::PreviousInterval }
            }
            _ => Previous {
                since: self
                    .since
                    .checked_sub_days(Days::new(u64::from(self.days())))
                    .unwrap_or(self.since)
                    .max(first_day()),
                until,
                basis: TrendBasis::PreviousWindow,
            },
        }
    }

    /// The dates whose check-ins a summary of this window reads: the window, and the dates
    /// it is compared with.
    pub fn read_with(&self, previous: &Previous) -> DateRange {
        DateRange { since: Some(previous.since.min(self.since)), until: Some(self.until) }
    }
}

/// The first day srt keeps: no window or comparison reaches before it.
fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(crate::model::FIRST_YEAR, 1, 1).expect("1 January is a day")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendBasis {
    /// The interval between the two sessions before the window.
    PreviousInterval,
    /// As many days as the window has, just before it.
    PreviousWindow,
}

/// The dates a window is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Previous {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub basis: TrendBasis,
}

impl Previous {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since <= date && date <= self.until
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_default_window_starts_at_the_latest_session_before_today() {
        let today = date("2026-11-23");
        let w = Window::default_for(today, [date("2026-11-02"), date("2026-11-16"), date("2026-11-23")]);
        assert_eq!((w.since, w.until, w.basis), (date("2026-11-16"), today, Basis::SinceSession));
        assert_eq!(w.days(), 8);
        let w = Window::default_for(today, [date("2026-11-23"), date("2026-11-30")]);
        assert_eq!((w.since, w.basis), (date("2026-11-10"), Basis::Last14Days));
        assert_eq!(w.days(), 14);
        assert_eq!(Window::default_for(today, []).since, date("2026-11-10"));
    }

    #[test]
    fn the_window_asked_for() {
        let today = date("2026-11-23");
        let sessions = [date("2026-11-02")];
        let asked = |since: Option<&str>, until: Option<&str>| {
            Window::asked(today, &DateRange { since: since.map(date), until: until.map(date) }, sessions)
        };
        assert_eq!(asked(None, None).unwrap().basis, Basis::SinceSession);
        let w = asked(Some("2026-11-16"), None).unwrap();
        assert_eq!((w.since, w.until, w.basis), (date("2026-11-16"), today, Basis::Explicit));
        assert_eq!(asked(None, Some("2026-11-16")).unwrap().since, date("2026-11-02"));
        assert_eq!(asked(None, Some("2026-11-01")).unwrap().since, date("2026-10-19"));
        assert!(asked(None, Some("2026-11-24")).unwrap_err().contains("in the future"));
        assert!(asked(Some("2026-11-30"), None).unwrap_err().contains("after it ends"));
    }

    #[test]
    fn nothing_reaches_before_the_first_day_srt_keeps() {
        let w = Window { since: date("1900-01-01"), until: date("2026-11-23"), basis: Basis::Explicit };
        let p = w.previous([]);
        assert_eq!((p.since, p.until), (date("1900-01-01"), date("1900-01-01")));
        let asked = DateRange { since: None, until: Some(date("1900-01-05")) };
        assert_eq!(Window::asked(date("2026-11-23"), &asked, []).unwrap().since, date("1900-01-01"));
    }

    #[test]
    fn a_window_from_a_session_is_compared_with_the_interval_before_it() {
        let sessions = [date("2026-10-12"), date("2026-10-26"), date("2026-11-16")];
        let w = Window::default_for(date("2026-11-23"), sessions);
        let p = w.previous(sessions);
        assert_eq!((p.since, p.until, p.basis), (date("2026-10-26"), date("2026-11-15"), TrendBasis::PreviousInterval));
        assert_eq!(w.read_with(&p).since, Some(date("2026-10-26")));
    }

    #[test]
    fn otherwise_with_as_many_days_just_before() {
        // The first session: nothing before it to compare with but the days.
        let w = Window::default_for(date("2026-11-23"), [date("2026-11-16")]);
        let p = w.previous([date("2026-11-16")]);
        assert_eq!((p.since, p.until, p.basis), (date("2026-11-08"), date("2026-11-15"), TrendBasis::PreviousWindow));
        // No session: the 14 days before the last 14.
        let w = Window::default_for(date("2026-11-23"), []);
        let p = w.previous([]);
        assert_eq!((p.since, p.until), (date("2026-10-27"), date("2026-11-09")));
        // A window chosen by hand that does not start on a session.
        let w = Window { since: date("2026-11-18"), until: date("2026-11-20"), basis: Basis::Explicit };
        let p = w.previous([date("2026-11-02"), date("2026-11-16")]);
        assert_eq!((p.since, p.until, p.basis), (date("2026-11-15"), date("2026-11-17"), TrendBasis::PreviousWindow));
    }
}
