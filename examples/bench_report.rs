//! Turns the raw figures of bench/run.sh into bench/RESULTS.md: one table of median wall
//! time and peak memory per operation and journal size, the ratios to the floors, the
//! targets with whether each is met, and jrnl beside srt when it was measured.
//!
//!     cargo run --release --example bench_report -- RESULTS_DIR > bench/RESULTS.md

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const SIZES: [u32; 3] = [1, 10, 100];

const OPERATIONS: [(&str, &str); 10] = [
    ("hello", "floor: a release hello-world (process start)"),
    ("floor", "floor: parse every check-in with serde_json, average the alarm"),
    ("version", "`srt --version` (start-up)"),
    ("summary_all", "`srt summary --since <first day>` (the whole journal)"),
    ("summary_default", "`srt summary` (since the last session)"),
    ("list_30d", "`srt list --last 30d --json`"),
    ("status_quiet", "`srt status --quiet`"),
    ("export_all", "`srt export --format json --all`"),
    ("import_again", "`srt import` of that export (every record unchanged)"),
    ("add", "adding a check-in (`srt am 5 --replace --yes`)"),
];

/// jrnl's operations, each with srt's nearest equivalent.
const JRNL: [(&str, &str, &str); 6] = [
    ("jrnl_version", "`jrnl --version` (start-up)", "version"),
    ("jrnl_last", "`jrnl -n 1` (load, show the last entry)", "status_quiet"),
    ("jrnl_month", "`jrnl -from <30 days ago> -to <today>`", "list_30d"),
    ("jrnl_tag", "`jrnl @weighted_blanket` (a tag, whole journal)", "summary_all"),
    ("jrnl_export", "`jrnl --format json` (whole journal)", "export_all"),
    ("jrnl_add", "`jrnl \"<entry>\"` (add an entry)", "add"),
];

struct Figures {
    dir: PathBuf,
}

impl Figures {
    /// hyperfine's figures for one command, if measured.
    fn hyperfine(&self, op: &str, years: u32) -> Option<serde_json::Value> {
        let text = std::fs::read_to_string(self.dir.join(format!("{op}-{years}.json"))).ok()?;
        let mut json: serde_json::Value = serde_json::from_str(&text).ok()?;
        Some(json["results"][0].take())
    }

    /// Median wall time in seconds, if measured.
    fn median(&self, op: &str, years: u32) -> Option<f64> {
        self.hyperfine(op, years)?["median"].as_f64()
    }

    /// Mean CPU time (user and system, every thread) in seconds, if measured.
    fn cpu(&self, op: &str, years: u32) -> Option<f64> {
        let figures = self.hyperfine(op, years)?;
        Some(figures["user"].as_f64()? + figures["system"].as_f64()?)
    }

    /// Peak resident memory in MiB, if measured.
    fn peak_mib(&self, op: &str, years: u32) -> Option<f64> {
        let text = std::fs::read_to_string(self.dir.join(format!("{op}-{years}.rss"))).ok()?;
        text.trim().parse::<f64>().ok().map(|kib| kib / 1024.0)
    }

    fn ratio(&self, op: &str, years: u32, floor: &str, floor_years: u32) -> Option<f64> {
        Some(self.median(op, years)? / self.median(floor, floor_years)?)
    }
}

fn time(seconds: Option<f64>) -> String {
    match seconds {
        None => "–".into(),
        Some(s) if s < 1.0 => format!("{:.1} ms", s * 1000.0),
        Some(s) => format!("{s:.2} s"),
    }
}

fn times(ratio: Option<f64>) -> String {
    ratio.map_or("–".into(), |r| format!("{r:.2}×"))
}

/// A table of every operation at every journal size, with `cell` giving each figure.
fn per_size_table(out: &mut String, cell: impl Fn(&str, u32) -> String) {
    let _ = writeln!(out, "| operation | 1 year | 10 years | 100 years |\n|---|---|---|---|");
    for (op, label) in OPERATIONS {
        let cells: Vec<String> = SIZES.iter().map(|&y| cell(op, y)).collect();
        let _ = writeln!(out, "| {label} | {} |", cells.join(" | "));
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: bench_report RESULTS_DIR");
    let f = Figures { dir: PathBuf::from(&dir) };
    let mut out = String::new();
    let machine = std::fs::read_to_string(Path::new(&dir).join("machine")).unwrap_or_default();
    let _ = writeln!(out, "# srt benchmark results\n");
    let _ = writeln!(out, "Made by `bench/run.sh` (see the README's Performance section). The machine:\n\n{machine}");
    let _ = writeln!(
        out,
        "Journals are generated with a fixed seed (`examples/bench_journal.rs`): two check-ins a day up to 2026-11-23, \
         a note on one in three, a session every two weeks, a seven-step ladder. 1 year is 730 check-ins, 10 years \
         7,300, 100 years 73,000.\n"
    );

    let _ = writeln!(out, "## Median wall time and peak memory\n");
    per_size_table(&mut out, |op, y| match f.peak_mib(op, y) {
        Some(mib) => format!("{} · {mib:.1} MiB", time(f.median(op, y))),
        None => time(f.median(op, y)),
    });

    let _ = writeln!(
        out,
        "\n## CPU time (user and system; mean)\n\n\
         srt and the floors each run on one thread, so CPU time and wall time tell the same story; CPU time \
         is less disturbed by whatever else the machine runs.\n"
    );
    per_size_table(&mut out, |op, y| time(f.cpu(op, y)));

    let _ = writeln!(out, "\n## Ratios to the floors (median over median, same size)\n");
    let _ = writeln!(
        out,
        "| operation | ÷ floor, 1 y | ÷ floor, 10 y | ÷ floor, 100 y | ÷ hello-world, 100 y |\n|---|---|---|---|---|"
    );
    for (op, label) in &OPERATIONS[2..] {
        let per_size: Vec<String> = SIZES.iter().map(|&y| times(f.ratio(op, y, "floor", y))).collect();
        let _ = writeln!(out, "| {label} | {} | {} |", per_size.join(" | "), times(f.ratio(op, 100, "hello", 100)));
    }

    let _ = writeln!(out, "\n## Targets\n");
    let _ = writeln!(out, "| target | measured | met |\n|---|---|---|");
    let mut target = |what: &str, measured: Option<f64>, limit: f64, unit: &str| {
        let verdict = match measured {
            Some(m) if m <= limit => "yes",
            Some(_) => "**no**",
            None => "not measured",
        };
        let shown = measured.map_or("–".into(), |m| format!("{m:.2}{unit}"));
        let _ = writeln!(out, "| {what} | {shown} | {verdict} |");
    };
    target("summary, whole 10-year journal ≤ 2× the floor", f.ratio("summary_all", 10, "floor", 10), 2.0, "×");
    target("summary, whole 100-year journal ≤ 2× the floor", f.ratio("summary_all", 100, "floor", 100), 2.0, "×");
    target("summary, default window, 10 years ≤ 2× the floor", f.ratio("summary_default", 10, "floor", 10), 2.0, "×");
    target("list --last 30d, 10 years ≤ 2× the floor", f.ratio("list_30d", 10, "floor", 10), 2.0, "×");
    target("status --quiet, 10 years ≤ 2× the floor", f.ratio("status_quiet", 10, "floor", 10), 2.0, "×");
    target("status --quiet, 100 years ≤ 3× hello-world", f.ratio("status_quiet", 100, "hello", 100), 3.0, "×");
    target("import of the 10-year export ≤ 3× exporting it", f.ratio("import_again", 10, "export_all", 10), 3.0, "×");
    target("adding a check-in, 100 years ≤ 1.3× at 1 year", f.ratio("add", 100, "add", 1), 1.3, "×");
    let peak = OPERATIONS[2..]
        .iter()
        .filter_map(|(op, _)| f.peak_mib(op, 100))
        .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
    target("peak memory of every srt command, 100 years ≤ 64 MiB", peak, 64.0, " MiB");

    let jrnl_version = std::fs::read_to_string(Path::new(&dir).join("jrnl-version")).ok();
    match jrnl_version {
        None => {
            let _ = writeln!(out, "\njrnl was not measured in this run (`bench/run.sh --with-jrnl` adds it).");
        }
        Some(version) => {
            let slowest = JRNL
                .iter()
                .filter_map(|(jrnl_op, _, srt_op)| Some(f.median(jrnl_op, 10)? / f.median(srt_op, 10)?))
                .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.min(v))));
            let verdict = match slowest {
                Some(s) if s >= 30.0 => "yes",
                Some(_) => "**no**",
                None => "not measured",
            };
            let shown = slowest.map_or("–".into(), |s| format!("{s:.0}× (the closest pair)"));
            let _ = writeln!(
                out,
                "| every srt operation, 10 years, ≥ 30× faster than jrnl's nearest | {shown} | {verdict} |"
            );
            let _ = writeln!(out, "\n## Beside jrnl ({})\n", version.trim());
            let _ = writeln!(
                out,
                "The same entries as a jrnl journal (one entry per check-in; the strategies as @tags), jrnl installed \
                 from PyPI into a fresh virtualenv. Each jrnl operation is set beside srt's nearest equivalent.\n"
            );
            let _ = writeln!(
                out,
                "| jrnl | 1 year | 10 years | srt's nearest, 10 years | srt is faster by |\n|---|---|---|---|---|"
            );
            for (jrnl_op, label, srt_op) in JRNL {
                let srt_label = OPERATIONS.iter().find(|(op, _)| *op == srt_op).map_or(srt_op, |(_, l)| l);
                let _ = writeln!(
                    out,
                    "| {label} | {} | {} | {srt_label}: {} | {} |",
                    time(f.median(jrnl_op, 1)),
                    time(f.median(jrnl_op, 10)),
                    time(f.median(srt_op, 10)),
                    times(f.ratio(jrnl_op, 10, srt_op, 10))
                );
            }
        }
    }
    print!("{out}");
}
