//! Bad arguments and environment: alarms, dates and step numbers with a space or a sign,
//! spans without a unit, empty names and variables, invisible characters and line
//! separators, a config that is a folder, a ladder of thousands, a session not yet held,
//! and an id prefix that names more than one check-in or session.

use super::*;

const SPACE: &str = "take away the spaces around it";
const PLUS: &str = "take away the plus sign";

#[test]
fn alarms_are_exactly_their_digits() {
    run_all(&[
        Case::new("alarm 11", &["morning", "11", "--yes"], 2, "it is above 10"),
        Case::new("alarm ' 5'", &["morning", " 5", "--yes"], 2, SPACE),
        Case::new("alarm '5 '", &["morning", "5 ", "--yes"], 2, SPACE),
        Case::new("alarm '+5'", &["morning", "+5", "--yes"], 2, PLUS),
        Case::new("alarm '-1'", &["morning", "-1", "--yes"], 2, "it is below 0"),
        Case::new("alarm ''", &["morning", "", "--yes"], 2, "it is empty"),
        Case::new("alarm fullwidth 5", &["morning", "\u{ff15}", "--yes"], 2, "not an alarm level"),
        Case::new("pm alarm '+5'", &["evening", "+5", "--yes"], 2, PLUS),
        Case::new("--alarm ' 5'", &["morning", "--alarm", " 5", "--yes"], 2, SPACE),
        Case::new("--alarm '+5'", &["morning", "--alarm", "+5", "--yes"], 2, PLUS),
        Case::new("--alarm=+5", &["morning", "--alarm=+5", "--yes"], 2, PLUS),
        Case::new("--peak ' 5'", &["evening", "3", "--peak", " 5", "--yes"], 2, SPACE),
        Case::new("--peak '+5'", &["evening", "3", "--peak", "+5", "--yes"], 2, PLUS),
        Case::new("edit --alarm '+5'", &["edit", "abcd", "--alarm", "+5"], 2, PLUS).setup(with_sam),
        Case::new("edit --peak ' 5'", &["edit", "abcd", "--peak", " 5"], 2, SPACE).setup(with_sam),
        Case::new("alarm 5 still works", &["--child", "Sam", "morning", "5", "--yes"], 0, ""),
        Case::new("--alarm 10 still works", &["--child", "Sam", "morning", "--alarm", "10", "--yes"], 0, ""),
        Case::new("--peak 5 still works", &["--child", "Sam", "evening", "3", "--peak", "5", "--yes"], 0, ""),
    ]);
}

#[test]
fn dates_are_exactly_yyyy_mm_dd() {
    const FORM: &str = "write it as YYYY-MM-DD";
    const RANGE: &str = "srt keeps dates from 1900-01-01 to 9999-12-31";
    run_all(&[
        Case::new("--date 2026-1-5", &["morning", "5", "--date", "2026-1-5", "--yes"], 2, "did you mean 2026-01-05?"),
        Case::new("--date 2026-11-5", &["morning", "5", "--date", "2026-11-5", "--yes"], 2, "two digits for the month"),
        Case::new(
            "--date ' 2026-11-20'",
            &["morning", "5", "--date", " 2026-11-20", "--yes"],
            2,
            "has a space around it",
        ),
        Case::new(
            "--date '2026-11-20 '",
            &["morning", "5", "--date", "2026-11-20 ", "--yes"],
            2,
            "has a space around it",
        ),
        Case::new(
            "--date '+2026-11-20'",
            &["morning", "5", "--date", "+2026-11-20", "--yes"],
            2,
            "has a sign in front",
        ),
        Case::new("--date=-2026-11-20", &["morning", "5", "--date=-2026-11-20", "--yes"], 2, "has a sign in front"),
        Case::new("--date 20261120", &["morning", "5", "--date", "20261120", "--yes"], 2, FORM),
        Case::new("--date 1899-12-31", &["morning", "5", "--date", "1899-12-31", "--yes"], 2, RANGE),
        Case::new("--date 0000-01-01", &["morning", "5", "--date", "0000-01-01", "--yes"], 2, RANGE),
        Case::new("--date 2026-02-30", &["morning", "5", "--date", "2026-02-30", "--yes"], 2, "2026-02 has no day 30"),
        Case::new("pm --date '+2026-11-20'", &["evening", "5", "--date", "+2026-11-20", "--yes"], 2, "sign in front"),
        Case::new("edit --date 2026-1-5", &["edit", "abcd", "--date", "2026-1-5"], 2, "did you mean 2026-01-05?")
            .setup(with_sam),
        Case::new("list --since ' 2026-11-20'", &["list", "--since", " 2026-11-20"], 2, "has a space around it")
            .setup(with_sam),
        Case::new("list --until +2026-11-20", &["list", "--until", "+2026-11-20"], 2, "has a sign in front")
            .setup(with_sam),
        Case::new("summary --since 2026-1-5", &["summary", "--since", "2026-1-5"], 2, "did you mean 2026-01-05?")
            .setup(with_sam),
        Case::new("export --until 1899-12-31", &["export", "--until", "1899-12-31"], 2, RANGE).setup(with_sam),
        Case::new("session add --date +2026-11-20", &["session", "add", "--date", "+2026-11-20"], 2, "sign in front")
            .setup(with_sam),
        Case::new("session add --date 2026-1-5", &["session", "add", "--date", "2026-1-5"], 2, "2026-01-05")
            .setup(with_sam),
        Case::new(
            "--date 2026-11-20 still works",
            &["--child", "Sam", "am", "5", "--date", "2026-11-20", "--yes"],
            0,
            "",
        ),
        Case::new("--since 2026-11-20 still works", &["list", "--since", "2026-11-20"], 0, "").setup(with_sam),
        Case::new("session add --date 2026-11-20 still works", &["session", "add", "--date", "2026-11-20"], 0, "")
            .setup(with_sam),
    ]);
}

#[test]
fn a_span_needs_its_unit() {
    run_all(&[
        Case::new("list --last 14", &["list", "--last", "14"], 2, "14 what? try 14d or 2w").setup(with_sam),
        Case::new("summary --last 10", &["summary", "--last", "10"], 2, "10 what? try 10d for days or 10w for weeks")
            .setup(with_sam),
        Case::new("export --last 14", &["export", "--last", "14"], 2, "14 what?").setup(with_sam),
        Case::new("list --last +2w", &["list", "--last", "+2w"], 2, "not a span of days").setup(with_sam),
        Case::new("list --last ' 2w'", &["list", "--last", " 2w"], 2, "has a space around it").setup(with_sam),
        Case::new("list --last 0d", &["list", "--last", "0d"], 2, "no time at all").setup(with_sam),
        Case::new("list --last 2w still works", &["list", "--last", "2w"], 0, "").setup(with_sam),
        Case::new("list --last 14d still works", &["list", "--last", "14d"], 0, "").setup(with_sam),
    ]);
}

#[test]
fn a_child_is_named_by_a_name() {
    const HIDDEN: &str = "the child's name contains an invisible character";
    run_all(&[
        Case::new("--child ''", &["--child", "", "list"], 2, "--child needs a name").setup(with_sam),
        Case::new("--child '  '", &["--child", "  ", "morning", "5", "--yes"], 2, "--child needs a name")
            .setup(with_sam),
        Case::new("--child='' wins over SRT_CHILD", &["--child=", "list"], 2, "--child needs a name")
            .env(&[("SRT_CHILD", Some("Sam"))])
            .setup(with_sam),
        // An empty variable means unset, as it does for most programs.
        Case::new("SRT_CHILD='' is unset", &["list"], 0, "").env(&[("SRT_CHILD", Some(""))]).setup(with_sam),
        Case::new("--child Sam+ZWSP", &["--child", "Sam\u{200b}", "morning", "5", "--yes"], 2, "U+200B")
            .setup(with_sam),
        Case::new("SRT_CHILD Sam+ZWSP", &["morning", "5", "--yes"], 2, "SRT_CHILD: ")
            .env(&[("SRT_CHILD", Some("Sam\u{200b}"))])
            .setup(with_sam),
        Case::new("child add Sam+ZWSP", &["child", "add", "Sam\u{200b}"], 2, HIDDEN).setup(with_sam),
        Case::new("child add S+ZWJ+am", &["child", "add", "S\u{200d}am"], 2, HIDDEN),
        Case::new("child add ZWNBSP+Sam", &["child", "add", "\u{feff}Sam"], 2, "U+FEFF"),
        Case::new("child add Sam+WJ", &["child", "add", "Sam\u{2060}"], 2, "U+2060"),
        Case::new("child add S+SHY+am", &["child", "add", "S\u{ad}am"], 2, "U+00AD"),
        Case::new("child add ALM+Sam", &["child", "add", "\u{61c}Sam"], 2, "reorders text"),
        Case::new("child add Sam+RLO", &["child", "add", "Sam\u{202e}"], 2, "reorders text"),
        Case::new("child rename to Sam+ZWSP", &["child", "rename", "Sam", "S\u{200b}am"], 2, HIDDEN).setup(with_sam),
        Case::new("first check-in names Sam+ZWNJ", &["--child", "Sa\u{200c}m", "am", "5", "--yes"], 2, "U+200C"),
        Case::new("child add Zoë still works", &["child", "add", "Zo\u{eb}"], 0, ""),
    ]);
}

#[test]
fn words_made_only_of_invisible_characters_are_refused() {
    const ITEM: &str = "a list item has only invisible characters";
    run_all(&[
        Case::new("--win ZWSP", &["--child", "Sam", "am", "5", "--win", "\u{200b}", "--yes"], 2, ITEM),
        Case::new("--win ZWSP ZWSP", &["--child", "Sam", "am", "5", "--win", "\u{200b}\u{200b}", "--yes"], 2, ITEM),
        Case::new("--win ' ZWSP '", &["--child", "Sam", "am", "5", "--win", " \u{200b} ", "--yes"], 2, ITEM),
        Case::new("--win ZWNJ ZWJ", &["--child", "Sam", "am", "5", "--win", "\u{200c}\u{200d}", "--yes"], 2, ITEM),
        Case::new("--win WJ", &["--child", "Sam", "am", "5", "--win", "\u{2060}", "--yes"], 2, "(U+2060)"),
        Case::new("--win BOM", &["--child", "Sam", "am", "5", "--win", "\u{feff}", "--yes"], 2, "(U+FEFF)"),
        Case::new("--win SHY", &["--child", "Sam", "am", "5", "--win", "\u{ad}", "--yes"], 2, "(U+00AD)"),
        Case::new("--win VS16", &["--child", "Sam", "am", "5", "--win", "\u{fe0f}", "--yes"], 2, ITEM),
        Case::new(
            "--win ok, ZWSP",
            &["--child", "Sam", "am", "5", "--win", "ok", "--win", "\u{200b}", "--yes"],
            2,
            ITEM,
        ),
        Case::new("--body ZWSP", &["--child", "Sam", "am", "5", "--body", "\u{200b}", "--yes"], 2, ITEM),
        Case::new("--helped ZWSP", &["--child", "Sam", "am", "5", "--helped", "\u{200b}", "--yes"], 2, ITEM),
        Case::new(
            "--step ZWSP",
            &["--child", "Sam", "am", "5", "--step", "\u{200b}", "--yes"],
            2,
            "a brave step has only",
        ),
        Case::new("--next ZWSP", &["--child", "Sam", "pm", "5", "--next", "\u{200b}", "--yes"], 2, "step has only"),
        Case::new("--note ZWSP", &["--child", "Sam", "am", "5", "--note", "\u{200b}", "--yes"], 2, "the note has only"),
        Case::new("steps set ZWSP", &["steps", "set", "uniform on", "\u{200b}"], 2, "a brave step has only")
            .setup(with_sam),
        Case::new("steps add ZWJ", &["steps", "add", "\u{200d}"], 2, "a brave step has only").setup(with_sam),
        Case::new("session note ZWSP", &["session", "add", "--note", "\u{200b}"], 2, "the note has only")
            .setup(with_sam),
        Case::new("edit --win ZWSP", &["edit", "abcd", "--win", "\u{200b}"], 2, ITEM).setup(with_sam),
        // A joiner inside words does a job: it makes the family one picture.
        Case::new(
            "--win family emoji works",
            &["--child", "Sam", "am", "5", "--win", "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} walk", "--yes"],
            0,
            "",
        ),
        Case::new(
            "--win family emoji alone works",
            &["--child", "Sam", "am", "5", "--win", "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}", "--yes"],
            0,
            "",
        ),
        Case::new(
            "--note ZWJ emoji works",
            &["--child", "Sam", "am", "5", "--note", "a \u{1f469}\u{200d}\u{1f467} day", "--yes"],
            0,
            "",
        ),
        Case::new(
            "--win heart VS16 works",
            &["--child", "Sam", "am", "5", "--win", "\u{2764}\u{fe0f}", "--yes"],
            0,
            "",
        ),
    ]);
}

#[test]
fn line_and_paragraph_separators_are_refused_everywhere() {
    const LINE: &str = "a line separator (U+2028): use a plain line break";
    const PARAGRAPH: &str = "a paragraph separator (U+2029): use a plain line break";
    run_all(&[
        Case::new("--note LS", &["--child", "Sam", "am", "5", "--note", "one\u{2028}two", "--yes"], 2, LINE),
        Case::new("--note PS", &["--child", "Sam", "am", "5", "--note", "one\u{2029}two", "--yes"], 2, PARAGRAPH),
        Case::new("--note trailing LS", &["--child", "Sam", "am", "5", "--note", "one\u{2028}", "--yes"], 2, LINE),
        Case::new("--note LS alone", &["--child", "Sam", "am", "5", "--note", "\u{2028}", "--yes"], 2, LINE),
        Case::new(
            "--win LS",
            &["--child", "Sam", "am", "5", "--win", "a\u{2028}b", "--yes"],
            2,
            "line separator (U+2028)",
        ),
        Case::new("--win leading PS", &["--child", "Sam", "am", "5", "--win", "\u{2029}ab", "--yes"], 2, "(U+2029)"),
        Case::new("--body LS", &["--child", "Sam", "am", "5", "--body", "a\u{2028}b", "--yes"], 2, "(U+2028)"),
        Case::new("--step LS", &["--child", "Sam", "am", "5", "--step", "a\u{2028}b", "--yes"], 2, "(U+2028)"),
        Case::new("--next PS", &["--child", "Sam", "pm", "5", "--next", "a\u{2029}b", "--yes"], 2, "(U+2029)"),
        Case::new("session note LS", &["session", "add", "--note", "a\u{2028}b"], 2, LINE).setup(with_sam),
        Case::new("child add Sam LS", &["child", "add", "Sam\u{2028}"], 2, "(U+2028)"),
        Case::new("--child Sam LS", &["--child", "Sam\u{2028}", "list"], 2, "(U+2028)").setup(with_sam),
        Case::new("steps set PS", &["steps", "set", "uniform\u{2029}on"], 2, "(U+2029)").setup(with_sam),
        Case::new("edit --note LS", &["edit", "abcd", "--note", "a\u{2028}b"], 2, LINE).setup(with_sam),
        Case::new("an import with LS", &["import", "import.json"], 2, "(U+2028)").setup(export_with_line_separator),
        Case::new("a log line with LS", &["list"], 1, "(U+2028)").setup(log_with_line_separator),
    ]);
}

/// An export from another journal whose note holds a line separator, as `import.json`.
fn export_with_line_separator(journal: &Journal) {
    let other = Journal::new();
    with_sam(&other);
    let file = other.root().join("export.json");
    other.ok(&["export", "--all", "-o", &file.display().to_string()]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"toast\""), "the export holds the note");
    write(journal, "import.json", &text.replace("\"toast\"", "\"to\\u2028ast\""));
}

/// Sam's journal, with the note of its check-in turned into one with a line separator.
fn log_with_line_separator(journal: &Journal) {
    with_sam(journal);
    let log = journal.month_log("laptop-a", "2026-11");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("\"toast\""), "the log holds the note");
    std::fs::write(&log, text.replace("\"toast\"", "\"to\\u2028ast\"")).unwrap();
}

#[test]
fn empty_variables_are_named() {
    run_all(&[
        Case::new("SRT_DATA_DIR=''", &["list"], 2, "SRT_DATA_DIR is set but empty").env(&[("SRT_DATA_DIR", Some(""))]),
        Case::new("SRT_DATA_DIR='' am", &["--child", "Sam", "am", "5", "--yes"], 2, "SRT_DATA_DIR is set but empty")
            .env(&[("SRT_DATA_DIR", Some(""))]),
        Case::new("--data-dir ''", &["--data-dir", "", "list"], 2, "--data-dir is empty"),
        Case::new("--data-dir='' am", &["--data-dir=", "--child", "Sam", "am", "5", "--yes"], 2, "--data-dir is empty"),
        Case::new("--data-dir wins over SRT_DATA_DIR=''", &["--data-dir", "{root}/data", "list"], 0, "")
            .env(&[("SRT_DATA_DIR", Some(""))])
            .setup(with_sam)
            .report("got dressed"),
        Case::new("SRT_CONFIG=''", &["list"], 2, "SRT_CONFIG is set but empty").env(&[("SRT_CONFIG", Some(""))]),
        Case::new("SRT_CONFIG='' config path", &["config", "path"], 2, "SRT_CONFIG is set but empty")
            .env(&[("SRT_CONFIG", Some(""))]),
        Case::new("SRT_CONFIG='' config show", &["config", "show"], 2, "SRT_CONFIG is set but empty")
            .env(&[("SRT_CONFIG", Some(""))]),
        Case::new("SRT_DEVICE=''", &["--child", "Sam", "am", "5", "--yes"], 2, "SRT_DEVICE is set but empty")
            .env(&[("SRT_DEVICE", Some(""))]),
        Case::new("SRT_DEVICE='' list", &["list"], 2, "SRT_DEVICE is set but empty")
            .env(&[("SRT_DEVICE", Some(""))])
            .setup(with_sam),
        Case::new("SRT_NOW=''", &["--child", "Sam", "am", "5", "--yes"], 2, "SRT_NOW is set but empty")
            .env(&[("SRT_NOW", Some(""))]),
        Case::new("completions need none of them", &["completions", "bash"], 0, "").env(&[
            ("SRT_DATA_DIR", Some("")),
            ("SRT_CONFIG", Some("")),
            ("SRT_NOW", Some("")),
        ]),
    ]);
}

#[test]
fn a_config_that_is_a_folder_is_bad_input() {
    const FOLDER: &str = "/cfg is a folder; srt's settings must be a file";
    let folder = |journal: &Journal| std::fs::create_dir(journal.root().join("cfg")).unwrap();
    let sam_and_folder = |journal: &Journal| {
        with_sam(journal);
        std::fs::create_dir(journal.root().join("cfg")).unwrap();
    };
    let env: &[(&str, Option<&str>)] = &[("SRT_CONFIG", Some("{root}/cfg"))];
    run_all(&[
        Case::new("config folder: list", &["list"], 2, FOLDER).env(env).setup(sam_and_folder),
        Case::new("config folder: am", &["--child", "Sam", "am", "5", "--yes"], 2, FOLDER).env(env).setup(folder),
        Case::new("config folder: status", &["status"], 2, FOLDER).env(env).setup(sam_and_folder),
        Case::new("config folder: child default", &["child", "default", "Sam"], 2, FOLDER)
            .env(env)
            .setup(sam_and_folder),
        // `config show` says what is wrong, as it does for any broken config.
        Case::new("config folder: config show", &["config", "show"], 0, "")
            .env(env)
            .setup(folder)
            .report("is a folder; srt's settings must be a file"),
    ]);
}

const FIRST: &str = "abcd1234-5678-4000-8000-000000000001";
const SECOND: &str = "abcd1234-9abc-4000-8000-000000000002";

/// Sam's journal, with two more check-ins written as another device would, whose ids start
/// with the same 9 characters.
fn two_ids_alike(journal: &Journal) {
    with_sam(journal);
    let line = |id: &str, date: &str, period: &str| {
        format!(
            concat!(
                r#"{{"v":2,"op":"put","kind":"checkin","id":"{id}","at":"2026-11-22T20:45:00Z","device":"laptop-b","#,
                r#""data":{{"id":"{id}","child":"Sam","date":"{date}","period":"{period}","#,
                r#""created_at":"2026-11-23T07:45:00+11:00","updated_at":"2026-11-23T07:45:00+11:00","alarm":4,"#,
                r#""peak_alarm":null,"body":[],"helped":[],"wins":[],"school":null,"step":null,"next_step":null,"#,
                r#""note":""}}}}"#,
                "\n"
            ),
            id = id,
            date = date,
            period = period
        )
    };
    let text = line(FIRST, "2026-11-18", "morning") + &line(SECOND, "2026-11-19", "evening");
    write(journal, "data/log/laptop-b/checkins/2026-11.jsonl", &text);
}

#[test]
fn an_id_prefix_that_names_two_check_ins_shows_them_apart() {
    const BOTH: &str = "starts more than one id (abcd1234-5 2026-11-18 morning, abcd1234-9 2026-11-19 evening)";
    run_all(&[
        Case::new("show abcd", &["show", "abcd"], 2, BOTH).setup(two_ids_alike),
        Case::new("show abcd1234", &["show", "abcd1234"], 2, BOTH).setup(two_ids_alike),
        Case::new("show abcd1234-", &["show", "abcd1234-"], 2, BOTH).setup(two_ids_alike),
        Case::new("edit abcd1234", &["edit", "abcd1234", "--alarm", "3"], 2, BOTH).setup(two_ids_alike),
        Case::new("delete abcd1234", &["delete", "abcd1234", "--yes"], 2, BOTH).setup(two_ids_alike),
        Case::new("show abcd1234-5 works", &["show", "abcd1234-5"], 0, "").setup(two_ids_alike),
        Case::new("show abcd1234-9abc works", &["show", "abcd1234-9abc"], 0, "").setup(two_ids_alike),
    ]);
}

#[test]
fn the_shown_prefix_opens_the_check_in() {
    let journal = Journal::new();
    two_ids_alike(&journal);
    let shown = journal.ok(&["show", "abcd1234-9"]);
    assert!(shown.contains("Thu 19 Nov 2026"), "{shown}");
    assert!(journal.ok(&["show", "abcd1234-5"]).contains("Wed 18 Nov 2026"));
}

#[test]
fn the_values_that_still_work_are_saved_as_given() {
    let journal = Journal::new();
    journal.ok(&[
        "--child",
        "Sam",
        "am",
        "5",
        "--date",
        "2026-11-20",
        "--win",
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} walk",
        "--yes",
    ]);
    journal.ok(&["--child", "Sam", "pm", "3", "--peak", "10", "--date", "2026-11-21", "--yes"]);
    let checkins = journal.checkins_of(&["--last", "2w"]);
    assert_eq!(checkins.len(), 2);
    assert_eq!((checkins[0]["alarm"].as_u64(), checkins[0]["date"].as_str()), (Some(5), Some("2026-11-20")));
    assert_eq!(checkins[0]["wins"][0], "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} walk");
    assert_eq!(checkins[1]["peak_alarm"].as_u64(), Some(10));
}

/// At the question a typed space is no mistake: " 5" is 5.
#[test]
fn a_space_typed_at_the_alarm_question_is_forgiven() {
    use rexpect::process::WaitStatus;
    use rexpect::session::spawn_command;

    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    let mut command = std::process::Command::new(common::bin());
    command.envs(journal.env("laptop-a")).args(["morning"]);
    let mut session = spawn_command(command, Some(10_000)).expect("srt starts on a pty");
    let mut answer = |question: &str, keys: &str| {
        session.exp_string(question).unwrap_or_else(|e| panic!("waiting for '{question}': {e}"));
        session.send(keys).unwrap();
        session.flush().unwrap();
    };
    answer("Sam's alarm this morning, 0-10", " 5 \r");
    answer("worried", "");
    answer("own number, if they gave one", "\r");
    answer("Body signals", "\r");
    answer("What helped", "\r");
    answer("Small wins", "\r");
    answer("A note for you or the therapist", "\r");
    session.exp_string("Saved Sam's morning check-in").unwrap();
    session.exp_eof().unwrap();
    assert!(matches!(session.process().wait().unwrap(), WaitStatus::Exited(_, 0)));
    assert_eq!(journal.checkins()[0]["alarm"], 5);
}

/// Sam's journal with a three-step ladder.
fn with_ladder(journal: &Journal) {
    with_sam(journal);
    journal.ok(&["steps", "set", "uniform on", "drive past", "walk to the gate"]);
}

#[test]
fn step_numbers_are_exactly_their_digits() {
    const AT: &str = "is not a step number";
    run_all(&[
        Case::new("--step ' 1'", &["--child", "Sam", "pm", "3", "--step", " 1", "--yes"], 2, SPACE).setup(with_ladder),
        Case::new("--step '1 '", &["--child", "Sam", "am", "3", "--step", "1 ", "--yes"], 2, SPACE).setup(with_ladder),
        Case::new("--step +1", &["--child", "Sam", "pm", "3", "--step", "+1", "--yes"], 2, PLUS).setup(with_ladder),
        Case::new("--step=+1", &["--child", "Sam", "am", "3", "--step=+1", "--yes"], 2, PLUS).setup(with_ladder),
        Case::new("--step '+ 1'", &["--child", "Sam", "am", "3", "--step", "+ 1", "--yes"], 2, PLUS).setup(with_ladder),
        Case::new("--step 0", &["--child", "Sam", "am", "3", "--step", "0", "--yes"], 2, "it is below 1")
            .setup(with_ladder),
        Case::new("--step ''", &["--child", "Sam", "am", "3", "--step", "", "--yes"], 2, "its number on the ladder")
            .setup(with_ladder),
        Case::new("edit --step +1", &["edit", "abcd", "--step", "+1"], 2, PLUS).setup(with_ladder),
        Case::new("edit --step ' 1'", &["edit", "abcd", "--step", " 1"], 2, SPACE).setup(with_ladder),
        Case::new("steps add --at +1", &["steps", "add", "X", "--at", "+1"], 2, PLUS).setup(with_ladder),
        Case::new("steps add --at ' 1'", &["steps", "add", "X", "--at", " 1"], 2, SPACE).setup(with_ladder),
        Case::new("steps add --at -1", &["steps", "add", "X", "--at", "-1"], 2, "it is below 1").setup(with_ladder),
        Case::new("steps add --at x", &["steps", "add", "X", "--at", "x"], 2, AT).setup(with_ladder),
        Case::new("steps add --at huge", &["steps", "add", "X", "--at", "99999999999"], 2, "at most 50 steps")
            .setup(with_ladder),
        Case::new("steps rename ' 1'", &["steps", "rename", " 1", "y"], 2, SPACE).setup(with_ladder),
        Case::new("steps rename +1", &["steps", "rename", "+1", "y"], 2, PLUS).setup(with_ladder),
        Case::new("steps rename -1", &["steps", "rename", "-1", "y"], 2, "it is below 1").setup(with_ladder),
        // Words that are only a number could never be named by their words.
        Case::new("steps add +1", &["steps", "add", "+1"], 2, "would be read as a step's number").setup(with_ladder),
        Case::new("steps set 3", &["steps", "set", "a", "3"], 2, "would be read as a step's number").setup(with_sam),
        Case::new("steps rename 1 to 2", &["steps", "rename", "1", "2"], 2, "would be read as a step's number")
            .setup(with_ladder),
        Case::new("--step 1 still works", &["--child", "Sam", "am", "3", "--step", "1", "--yes"], 0, "")
            .setup(with_ladder),
        Case::new(
            "--step words still work",
            &["--child", "Sam", "pm", "3", "--step", "walk to the gate", "--yes"],
            0,
            "",
        )
        .setup(with_ladder),
        Case::new("steps add --at 1 still works", &["steps", "add", "X", "--at", "1"], 0, "").setup(with_ladder),
        Case::new("steps add words with a number", &["steps", "add", "5 minutes in class"], 0, "").setup(with_ladder),
        Case::new("steps rename 1 still works", &["steps", "rename", "1", "uniform and shoes"], 0, "")
            .setup(with_ladder),
    ]);
}

#[test]
fn the_step_named_is_the_step_saved() {
    let journal = Journal::new();
    with_ladder(&journal);
    journal.ok(&["steps", "add", "5 minutes in class"]);
    journal.ok(&["--child", "Sam", "am", "3", "--step", "3", "--yes"]);
    journal.ok(&["--child", "Sam", "pm", "3", "--step", "5 minutes in class", "--yes"]);
    let today: Vec<_> = journal.checkins().into_iter().filter(|c| c["date"] == "2026-11-23").collect();
    assert_eq!(today[0]["step"]["text"], "walk to the gate");
    assert_eq!(today[1]["step"]["text"], "5 minutes in class");
}

/// A ladder of thousands of steps is refused at once, before each is compared with the others.
#[test]
fn a_ladder_of_thousands_is_refused_at_once() {
    let journal = Journal::new();
    with_sam(&journal);
    let before = journal.snapshot();
    let steps: Vec<String> = (1..=80_000).map(|n| format!("s{n}")).collect();
    let started = std::time::Instant::now();
    let output =
        journal.srt().args(["steps", "set"]).args(&steps).timeout(std::time::Duration::from_secs(20)).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the ladder would have 80000 steps; the limit is 50"), "{stderr}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
    assert_eq!(journal.snapshot(), before);
}

#[test]
fn a_ladder_keeps_its_limit() {
    let full = |journal: &Journal| {
        with_sam(journal);
        let steps: Vec<String> = (1..=50).map(|n| format!("step {n}")).collect();
        let mut args = vec!["steps", "set"];
        args.extend(steps.iter().map(String::as_str));
        journal.ok(&args);
    };
    run_all(&[
        Case::new(
            "steps set 51",
            &[
                "steps", "set", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q",
                "r", "s", "t", "u", "v", "w", "x", "y", "z", "aa", "ab", "ac", "ad", "ae", "af", "ag", "ah", "ai",
                "aj", "ak", "al", "am", "an", "ao", "ap", "aq", "ar", "as", "at", "au", "av", "aw", "ax", "ay",
            ],
            2,
            "the ladder would have 51 steps; the limit is 50",
        )
        .setup(with_sam),
        Case::new(
            "steps set twice",
            &["steps", "set", "Gate", "drive past", "gate"],
            2,
            "'gate' is on the ladder twice",
        )
        .setup(with_sam),
        Case::new("steps add to a full ladder", &["steps", "add", "one more"], 2, "the limit is 50").setup(full),
    ]);
}

#[test]
fn a_session_is_recorded_once_it_was_held() {
    const FUTURE: &str = "is in the future; a session is recorded on the day or after";
    run_all(&[
        Case::new("session add --date 2027-01-01", &["session", "add", "--date", "2027-01-01"], 2, FUTURE)
            .setup(with_sam),
        Case::new(
            "session add tomorrow",
            &["session", "add", "--date", "2026-11-24"],
            2,
            "2026-11-24 is in the future",
        )
        .setup(with_sam),
        Case::new("session add today works", &["session", "add", "--date", "2026-11-23"], 0, "").setup(with_sam),
        Case::new("session add works", &["session", "add", "--note", "practised the calm voice"], 0, "")
            .setup(with_sam),
    ]);
}

/// Sam's journal, with `count` sessions written as another device would, whose ids start
/// with "c0ff" (the first two with "c0ff1234-").
fn sessions_alike(journal: &Journal, count: usize) {
    with_sam(journal);
    let line = |n: usize| {
        let id = match n {
            0 => "c0ff1234-5678-4000-8000-000000000000".to_string(),
            1 => "c0ff1234-9abc-4000-8000-000000000001".to_string(),
            n => format!("c0ff{n:04x}-0000-4000-8000-{n:012}"),
        };
        format!(
            concat!(
                r#"{{"v":2,"op":"put","kind":"session","id":"{id}","at":"2026-11-22T20:45:00Z","device":"laptop-b","#,
                r#""data":{{"id":"{id}","child":"Sam","date":"2026-11-{day:02}","note":""}}}}"#,
                "\n"
            ),
            id = id,
            day = n + 1
        )
    };
    write(journal, "data/log/laptop-b/sessions.jsonl", &(0..count).map(line).collect::<String>());
}

#[test]
fn an_id_prefix_that_names_two_sessions_shows_them_apart() {
    const BOTH: &str =
        "'c0ff' starts more than one id (c0ff1234-5 2026-11-01, c0ff1234-9 2026-11-02); type more of the id";
    const SEVEN: &str = "(c0ff1234-5 2026-11-01, c0ff1234-9 2026-11-02, c0ff0002-0 2026-11-03, c0ff0003-0 2026-11-04, \
                         c0ff0004-0 2026-11-05, and 2 more); type more of the id";
    run_all(&[
        Case::new("session delete c0ff", &["session", "delete", "c0ff", "--yes"], 2, BOTH)
            .setup(|j| sessions_alike(j, 2)),
        Case::new("session delete c0ff of 7", &["session", "delete", "c0ff", "--yes"], 2, SEVEN)
            .setup(|j| sessions_alike(j, 7)),
        Case::new("session delete c0f", &["session", "delete", "c0f", "--yes"], 2, "too short to name a session")
            .setup(|j| sessions_alike(j, 2)),
        Case::new(
            "session delete ffff",
            &["session", "delete", "ffff", "--yes"],
            2,
            "no session of Sam has the id 'ffff'",
        )
        .setup(|j| sessions_alike(j, 2)),
        Case::new("session delete c0ff1234-9 works", &["session", "delete", "c0ff1234-9", "--yes"], 0, "")
            .setup(|j| sessions_alike(j, 2)),
    ]);
}

/// Sam's journal with seven check-ins whose ids start "abcd".
fn seven_checkins_alike(journal: &Journal) {
    with_sam(journal);
    let line = |n: usize| {
        let id = format!("abcd{n:04x}-0000-4000-8000-{n:012}");
        format!(
            concat!(
                r#"{{"v":2,"op":"put","kind":"checkin","id":"{id}","at":"2026-11-22T20:45:00Z","device":"laptop-b","#,
                r#""data":{{"id":"{id}","child":"Sam","date":"2026-11-{day:02}","period":"evening","#,
                r#""created_at":"2026-11-23T07:45:00+11:00","updated_at":"2026-11-23T07:45:00+11:00","alarm":4,"#,
                r#""peak_alarm":null,"body":[],"helped":[],"wins":[],"school":null,"step":null,"next_step":null,"#,
                r#""note":""}}}}"#,
                "\n"
            ),
            id = id,
            day = n + 1
        )
    };
    write(journal, "data/log/laptop-b/checkins/2026-11.jsonl", &(0..7).map(line).collect::<String>());
}

#[test]
fn an_id_prefix_that_names_many_check_ins_lists_five() {
    const FIVE: &str = "'abcd' starts more than one id (abcd0000 2026-11-01 evening, abcd0001 2026-11-02 evening, \
                        abcd0002 2026-11-03 evening, abcd0003 2026-11-04 evening, abcd0004 2026-11-05 evening, and 2 more); \
                        type more of the id";
    run_all(&[Case::new("show abcd of 7", &["show", "abcd"], 2, FIVE).setup(seven_checkins_alike)]);
}

#[test]
fn every_invisible_character_is_refused_in_a_name_and_alone() {
    const HIDDEN: &str = "the child's name contains an invisible character";
    const ITEM: &str = "a list item has only invisible characters";
    run_all(&[
        Case::new("child add Sam+VS16", &["child", "add", "Sam\u{fe0f}"], 2, "(U+FE0F)").setup(with_sam),
        Case::new("child add Sam+VS1", &["child", "add", "Sam\u{fe00}"], 2, HIDDEN),
        Case::new("child add Sam+VS17", &["child", "add", "Sam\u{e0100}"], 2, "(U+E0100)"),
        Case::new("child add Sam+VS256", &["child", "add", "Sam\u{e01ef}"], 2, HIDDEN),
        Case::new("child add Sam+TAG", &["child", "add", "Sam\u{e0041}"], 2, "(U+E0041)"),
        Case::new("child add Sam+KIV", &["child", "add", "S\u{17b4}am"], 2, "(U+17B4)"),
        Case::new("child add Sam+KIV AA", &["child", "add", "Sam\u{17b5}"], 2, HIDDEN),
        Case::new("child add Sam+ISS", &["child", "add", "Sam\u{206a}"], 2, "(U+206A)"),
        Case::new("child add Sam+NODS", &["child", "add", "Sam\u{206f}"], 2, HIDDEN),
        Case::new("child add Sam+MUSICAL", &["child", "add", "Sam\u{1d173}"], 2, "(U+1D173)"),
        Case::new("child add Sam+IAT", &["child", "add", "Sam\u{fffb}"], 2, "(U+FFFB)"),
        Case::new("child add Sam+IAA", &["child", "add", "Sam\u{fff9}"], 2, HIDDEN),
        Case::new("child add Sam+SHORTHAND", &["child", "add", "Sam\u{1bca0}"], 2, "(U+1BCA0)"),
        Case::new("child add Sam+FVS1", &["child", "add", "Sam\u{180b}"], 2, "(U+180B)"),
        Case::new("child add Sam+FVS4", &["child", "add", "Sam\u{180f}"], 2, HIDDEN),
        Case::new("child add Sam+HANGUL", &["child", "add", "Sam\u{3164}"], 2, HIDDEN),
        Case::new("child rename to Sam+VS16", &["child", "rename", "Sam", "Sam\u{fe0f}"], 2, HIDDEN).setup(with_sam),
        Case::new("--child Sam+VS16", &["--child", "Sam\u{fe0f}", "am", "5", "--yes"], 2, HIDDEN).setup(with_sam),
        Case::new("--win KIV", &["--child", "Sam", "am", "5", "--win", "\u{17b4}", "--yes"], 2, ITEM),
        Case::new("--win ISS", &["--child", "Sam", "am", "5", "--win", "\u{206a}", "--yes"], 2, ITEM),
        Case::new("--win MUSICAL", &["--child", "Sam", "am", "5", "--win", "\u{1d173}", "--yes"], 2, ITEM),
        Case::new("--win IAT", &["--child", "Sam", "am", "5", "--win", "\u{fffb}", "--yes"], 2, ITEM),
        Case::new("--win SHORTHAND", &["--child", "Sam", "am", "5", "--win", "\u{1bca0}", "--yes"], 2, ITEM),
        Case::new("--win VS17 TAG", &["--child", "Sam", "am", "5", "--win", "\u{e0100}\u{e0041}", "--yes"], 2, ITEM),
        Case::new(
            "--note FVS",
            &["--child", "Sam", "am", "5", "--note", " \u{180b} ", "--yes"],
            2,
            "the note has only",
        ),
        Case::new("steps add ISS", &["steps", "add", "\u{206b}"], 2, "a brave step has only").setup(with_sam),
        Case::new(
            "--win heart VS16 still works",
            &["--child", "Sam", "am", "5", "--win", "\u{2764}\u{fe0f}", "--yes"],
            0,
            "",
        ),
        Case::new(
            "--win flag tags still works",
            &[
                "--child",
                "Sam",
                "am",
                "5",
                "--win",
                "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
                "--yes",
            ],
            0,
            "",
        ),
    ]);
}

/// `child list` shows each child once: a name that looks like one already there is refused.
#[test]
fn a_name_that_looks_the_same_is_not_a_second_child() {
    let journal = Journal::new();
    journal.ok(&["child", "add", "Sam"]);
    journal.srt().args(["child", "add", "Sam\u{fe0f}"]).assert().code(2);
    let listed = journal.ok(&["child", "list"]);
    assert_eq!(listed.matches("Sam").count(), 1, "{listed}");
}

#[test]
fn a_concern_is_held_to_the_rules_of_any_note() {
    let long: &'static str = Box::leak("x".repeat(2_001).into_boxed_str());
    let novel: &'static [&'static str] = Box::leak(vec!["concern", long].into_boxed_slice());
    run_all(&[
        Case::new("no words", &["concern"], 2, "what was said or seen is missing").setup(with_sam),
        Case::new("empty words", &["concern", "  "], 2, "a concern needs its words").setup(with_sam),
        Case::new("an escape code", &["concern", "she said \u{1b}[2J"], 2, "control character").setup(with_sam),
        Case::new("a novel", novel, 2, "2000").setup(with_sam),
        Case::new("a day to come", &["concern", "x", "--date", "2026-11-24"], 2, "is in the future").setup(with_sam),
        Case::new("a date that is not", &["concern", "x", "--date", "2026-02-30"], 2, "no day 30").setup(with_sam),
        Case::new("no child yet", &["concern", "x"], 2, "no check-ins yet"),
        Case::new("resolve without a note", &["concern", "resolve", "abcd"], 2, "no concern of Sam").setup(with_sam),
        Case::new("resolve a prefix too short", &["concern", "resolve", "ab", "--note", "x"], 2, "too short")
            .setup(with_sam),
        Case::new("--own 11", &["morning", "5", "--own", "11", "--yes"], 2, "it is above 10").setup(with_sam),
        Case::new("--own '+3'", &["morning", "5", "--own", "+3", "--yes"], 2, PLUS).setup(with_sam),
        Case::new("--my-calm ' 7'", &["morning", "5", "--my-calm", " 7", "--yes"], 2, SPACE).setup(with_sam),
        Case::new(
            "--for-me with an escape code",
            &["morning", "5", "--for-me", "\u{1b}[31mred", "--yes"],
            2,
            "control character",
        )
        .setup(with_sam),
        Case::new("edit --own 12", &["edit", "abcd", "--own", "12"], 2, "it is above 10").setup(with_sam),
    ]);
}
