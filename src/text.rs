//! Free text typed by a parent: how it is checked on the way in and made safe on the way out.

use std::borrow::Cow;
use std::fmt::Write;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

pub const MAX_NOTE_CHARS: usize = 2_000;
pub const MAX_ITEM_CHARS: usize = 100;
pub const MAX_NAME_CHARS: usize = 60;

/// What a piece of text is, for its limits and its error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Note,
    NextStep,
    Item,
    ChildName,
    Step,
    /// Who recorded a check-in ("Mum").
    Recorder,
}

impl Field {
    fn max_chars(self) -> usize {
        match self {
            Field::Note => MAX_NOTE_CHARS,
            Field::NextStep | Field::Item | Field::Step => MAX_ITEM_CHARS,
            Field::ChildName | Field::Recorder => MAX_NAME_CHARS,
        }
    }

    fn allows_newlines(self) -> bool {
        self == Field::Note
    }

    fn describe(self) -> &'static str {
        match self {
            Field::Note => "the note",
            Field::NextStep => "the next small step",
            Field::Item => "a list item",
            Field::ChildName => "the child's name",
            Field::Step => "a brave step",
            Field::Recorder => "who is recording",
        }
    }
}

/// Trims `raw`, puts it in Unicode NFC (so "é" typed as one character or as "e" and an
/// accent is one word), and checks it against the field's rules: a length limit, and no
/// control characters or escape sequences (a note may hold line breaks and tabs).
pub fn clean(field: Field, raw: &str) -> Result<String, String> {
    let mut normalised = raw.replace("\r\n", "\n");
    to_nfc(&mut normalised);
    // Trimming and joining words would quietly turn these into spaces: say so instead.
    if let Some(separator) = normalised.chars().find(|&c| is_separator(c)) {
        return Err(format!(
            "{} contains {}; please type plain text",
            field.describe(),
            describe_control(field, separator)
        ));
    }
    let text = normalised.trim();
    check_harmless(field, text).map_err(|why| format!("{why}; please type plain text"))?;
    // Inside a list item or a name, a run of spaces is one space ("calm  presence").
    let text =
        if field.allows_newlines() { text.to_string() } else { text.split_whitespace().collect::<Vec<_>>().join(" ") };
    check_length(field, &text)?;
    Ok(text)
}

/// Whether `text` is within the field's length limit, counted in characters.
pub fn check_length(field: Field, text: &str) -> Result<(), String> {
    // A character takes 1 to 4 bytes: most text settles without counting.
    if text.len() <= field.max_chars() {
        return Ok(());
    }
    let count = text.chars().count();
    if count > field.max_chars() {
        return Err(format!("{} is {count} characters long; the limit is {}", field.describe(), field.max_chars()));
    }
    Ok(())
}

/// Whether `text` holds nothing that could drive a terminal or hide from the reader: no
/// control characters, escape sequences or line separators (a note may hold line breaks
/// and tabs), no words made only of invisible characters, and no invisible character in a
/// child's name. Today's rules: for text typed or imported, and for lines written by this
/// srt on any device (an older srt's lines keep theirs: `check_terminal_safe`).
pub fn check_harmless(field: Field, text: &str) -> Result<(), String> {
    if is_printable_ascii(text) {
        return Ok(());
    }
    refuse_any(field, text, is_unsafe)?;
    if matches!(field, Field::ChildName | Field::Recorder) {
        check_name_shows_all(text)?;
    }
    if shows_nothing(text) {
        let first = text.chars().find(|&c| !c.is_whitespace()).unwrap_or(' ');
        return Err(format!("{} has only invisible characters ({})", field.describe(), unicode_name(first)));
    }
    Ok(())
}

/// Whether `text` holds nothing that drives a terminal: the rule text read from a line of
/// an older srt is held to (no control characters or characters that reorder text; a note
/// may hold line breaks and tabs). Today's rules are `check_harmless`.
pub fn check_terminal_safe(field: Field, text: &str) -> Result<(), String> {
    if is_printable_ascii(text) {
        return Ok(());
    }
    refuse_any(field, text, drives_terminal)
}

/// Refuses the first character of `text` that is `refused`, but the line breaks and tabs a
/// note may hold.
fn refuse_any(field: Field, text: &str, refused: fn(char) -> bool) -> Result<(), String> {
    let allowed = |c: char| field.allows_newlines() && (c == '\n' || c == '\t');
    match text.chars().find(|&c| refused(c) && !allowed(c)) {
        Some(bad) => Err(format!("{} contains {}", field.describe(), describe_control(field, bad))),
        None => Ok(()),
    }
}

/// Cleans each item, drops empty ones, and removes case-insensitive duplicates,
/// keeping the first spelling.
pub fn clean_items<I, S>(raw: I) -> Result<Vec<String>, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut items: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for item in raw {
        let item = clean(Field::Item, item.as_ref())?;
        if !item.is_empty() && seen.insert(folded(&item)) {
            items.push(item);
        }
    }
    Ok(items)
}

/// "1 check-in", "3 check-ins".
pub fn count(n: usize, thing: &str) -> String {
    if n == 1 { format!("1 {thing}") } else { format!("{n} {thing}s") }
}

/// Case-insensitive equality of NFC text, the rule for list items and children's names.
pub fn same_words(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    folded(a) == folded(b)
}

/// Text in one form for comparing: NFC, lower case.
pub fn folded(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfc().flat_map(char::to_lowercase).collect()
}

/// Puts `text` in Unicode NFC, the form srt keeps all text in.
pub fn to_nfc(text: &mut String) {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return;
    }
    *text = text.nfc().collect();
}

/// A control character in words a parent can act on.
fn describe_control(field: Field, c: char) -> String {
    let separator = |what: &str| {
        let mend =
            if field.allows_newlines() { "use a plain line break" } else { "only a note can have several lines" };
        format!("a {what} separator ({}): {mend}", unicode_name(c))
    };
    match c {
        '\u{2028}' => separator("line"),
        '\u{2029}' => separator("paragraph"),
        '\n' | '\r' => "a line break (only a note can have several lines)".to_string(),
        '\t' => "a tab (only a note can have tabs)".to_string(),
        '\x1b' => "a control character (ESC, as in terminal escape codes)".to_string(),
        c if c.is_control() => format!("a control character ({})", c.escape_unicode()),
        c => format!("an invisible character that reorders text ({})", c.escape_unicode()),
    }
}

/// `text` without the characters that could drive a terminal, to offer it back for mending.
pub fn printable(text: &str) -> String {
    text.chars().filter(|&c| !is_unsafe(c)).collect()
}

/// Whether every byte is printable ASCII (space to `~`): most text is, and is then
/// harmless without looking at characters. Folded without an early exit, which the
/// compiler turns into a few wide instructions.
fn is_printable_ascii(text: &str) -> bool {
    text.bytes().fold(true, |plain, b| plain & (b.wrapping_sub(0x20) < 0x5f))
}

/// Control characters, the invisible characters that reorder text on screen, and the line
/// and paragraph separators (which some programs show as a line break and others not).
fn is_unsafe(c: char) -> bool {
    drives_terminal(c) || is_separator(c) || c == '\u{61c}'
}

/// Control characters, and the marks and embeddings that reorder text on screen.
fn drives_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Characters that show nothing of their own: zero-width spaces and joiners, the word
/// joiner and invisible operators, the byte-order mark, the soft hyphen, variation
/// selectors, tags, the Hangul fillers, Mongolian free variation selectors, Khmer inherent
/// vowels, deprecated format characters, musical format controls, interlinear annotation
/// marks and shorthand format controls. Inside a word some of them do a job (a joiner makes
/// 👨‍👩‍👧 one picture, a selector shows ❤️ in colour), so only a child's name refuses them
/// anywhere; any other text may not be made of them alone.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Two names that differ only by an invisible character would be two children.
fn check_name_shows_all(name: &str) -> Result<(), String> {
    match name.chars().find(|&c| is_invisible(c)) {
        Some(c) => Err(format!(
            "the child's name contains an invisible character ({}), which makes it another name than it looks",
            unicode_name(c)
        )),
        None => Ok(()),
    }
}

/// Whether `text` has characters, none of which shows: only invisible ones, perhaps among
/// spaces (spaces alone are trimmed away, not refused).
fn shows_nothing(text: &str) -> bool {
    text.chars().any(is_invisible) && text.chars().all(|c| is_invisible(c) || c.is_whitespace())
}

/// "U+200B", the way a character is named when it cannot be seen.
fn unicode_name(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// A path for the terminal, as `visible` shows text.
pub fn visible_path(path: &std::path::Path) -> String {
    visible(&path.display().to_string(), false).into_owned()
}

/// Text for the terminal: every control character and escape sequence is shown as a visible
/// escape (`\x1b`, `\u{202e}`), so stored text can never drive the terminal. With
/// `keep_newlines`, line breaks stay line breaks (for a note shown on its own).
pub fn visible(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    // Most text is printable ASCII: settle that without decoding characters.
    if is_printable_ascii(text) || !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x100 && is_unsafe(c) => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_singular_or_plural() {
        assert_eq!(count(1, "day"), "1 day");
        assert_eq!(count(0, "day"), "0 days");
    }

    #[test]
    fn trims_and_keeps_plain_text() {
        assert_eq!(clean(Field::Note, "  ate toast \n").unwrap(), "ate toast");
        assert_eq!(clean(Field::Item, " calm   presence ").unwrap(), "calm presence");
        assert_eq!(clean(Field::Note, "two  spaces").unwrap(), "two  spaces");
    }

    #[test]
    fn a_note_keeps_line_breaks_but_an_item_does_not() {
        assert_eq!(clean(Field::Note, "one\r\ntwo").unwrap(), "one\ntwo");
        assert!(clean(Field::Item, "one\ntwo").is_err());
    }

    #[test]
    fn refuses_escape_sequences() {
        let err = clean(Field::Note, "hi \x1b[31mred").unwrap_err();
        assert!(err.contains("control character"), "{err}");
        assert!(clean(Field::Item, "a\u{202e}b").is_err());
    }

    #[test]
    fn enforces_length_limits_in_characters_not_bytes() {
        assert!(clean(Field::Note, &"é".repeat(2_000)).is_ok());
        let err = clean(Field::Note, &"x".repeat(2_001)).unwrap_err();
        assert!(err.contains("2001 characters") && err.contains("2000"), "{err}");
        assert!(clean(Field::Item, &"x".repeat(101)).is_err());
    }

    #[test]
    fn text_typed_two_ways_is_one_word() {
        let (composed, decomposed) = ("caf\u{e9} trip", "cafe\u{301} trip");
        assert_eq!(clean(Field::Item, decomposed).unwrap(), composed);
        assert!(same_words("Caf\u{c9} TRIP", decomposed));
        assert_eq!(clean_items([composed, decomposed]).unwrap(), [composed]);
        assert_eq!(folded("Zoe\u{308}"), "zo\u{eb}");
        let mut text = decomposed.to_string();
        to_nfc(&mut text);
        assert_eq!(text, composed);
    }

    #[test]
    fn items_are_deduplicated_case_insensitively_keeping_the_first_spelling() {
        let items = clean_items(["Got dressed", " got DRESSED ", "", "Ate breakfast"]).unwrap();
        assert_eq!(items, ["Got dressed", "Ate breakfast"]);
    }

    #[test]
    fn line_and_paragraph_separators_are_refused_even_where_trimming_would_hide_them() {
        for raw in ["one\u{2028}two", "one\u{2028}", "\u{2028}", " \u{2028} one"] {
            let err = clean(Field::Note, raw).unwrap_err();
            assert!(err.contains("a line separator (U+2028): use a plain line break"), "{raw:?}: {err}");
        }
        let err = clean(Field::Item, "a\u{2029}b").unwrap_err();
        assert!(err.contains("a paragraph separator (U+2029): only a note can have several lines"), "{err}");
        assert!(check_harmless(Field::Note, "one\u{2028}two").is_err(), "also in records read back");
        assert!(check_harmless(Field::ChildName, "Sam\u{2029}").is_err());
        assert_eq!(visible("a\u{2028}b", true), "a\\u{2028}b");
    }

    #[test]
    fn words_of_invisible_characters_alone_are_refused() {
        for raw in
            ["\u{200b}", "\u{200b}\u{200b}", " \u{200c} ", "\u{200d}", "\u{2060}", "\u{feff}", "\u{ad}", "\u{fe0f}"]
        {
            let err = clean(Field::Item, raw).unwrap_err();
            assert!(err.starts_with("a list item has only invisible characters (U+"), "{raw:?}: {err}");
        }
        assert!(clean(Field::Note, "\u{200b}").unwrap_err().contains("the note has only invisible characters"));
        assert!(clean(Field::Step, "\u{200b}").unwrap_err().contains("a brave step has only"));
        assert!(check_harmless(Field::Item, "\u{200b}").is_err(), "also in records read back");
        // A joiner between pictures makes one picture; a variation selector shows a heart in colour.
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(clean(Field::Item, family).unwrap(), family);
        assert_eq!(clean(Field::Note, &format!("a {family} day")).unwrap(), format!("a {family} day"));
        assert!(clean(Field::Item, "\u{2764}\u{fe0f}").is_ok());
        // Spaces alone are nothing, not a refusal.
        assert_eq!(clean(Field::Item, "   ").unwrap(), "");
    }

    #[test]
    fn a_childs_name_has_no_invisible_character_anywhere() {
        for raw in
            ["Sam\u{200b}", "S\u{200c}am", "Sa\u{200d}m", "\u{2060}Sam", "\u{feff}Sam", "S\u{ad}am", "\u{61c}Sam"]
        {
            assert!(clean(Field::ChildName, raw).is_err(), "{raw:?}");
            assert!(check_harmless(Field::ChildName, raw).is_err(), "{raw:?}");
        }
        for hidden in [
            '\u{fe0f}',
            '\u{fe00}',
            '\u{e0100}',
            '\u{e01ef}',
            '\u{e0001}',
            '\u{e007f}',
            '\u{17b4}',
            '\u{17b5}',
            '\u{206a}',
            '\u{206f}',
            '\u{1d173}',
            '\u{1d17a}',
            '\u{fff9}',
            '\u{fffb}',
            '\u{1bca0}',
            '\u{1bca3}',
            '\u{180b}',
            '\u{180f}',
            '\u{3164}',
            '\u{115f}',
            '\u{1160}',
            '\u{ffa0}',
        ] {
            let err = clean(Field::ChildName, &format!("Sam{hidden}")).unwrap_err();
            assert!(err.contains(&format!("an invisible character ({})", unicode_name(hidden))), "{err}");
            let err = clean(Field::Item, &hidden.to_string()).unwrap_err();
            assert!(err.starts_with("a list item has only invisible characters"), "{hidden:?}: {err}");
        }
        // A name an older srt saved with a variation selector still reads back from its line.
        assert!(check_harmless(Field::ChildName, "Sam\u{fe0f}").is_err());
        assert!(check_terminal_safe(Field::ChildName, "Sam\u{fe0f}").is_ok());
        let err = clean(Field::ChildName, "Sam\u{200b}").unwrap_err();
        assert!(err.contains("an invisible character (U+200B)"), "{err}");
        assert_eq!(clean(Field::ChildName, "Zo\u{eb}").unwrap(), "Zo\u{eb}");
    }

    #[test]
    fn visible_makes_controls_harmless() {
        assert_eq!(visible("plain", false), "plain");
        assert_eq!(visible("a\x1b[2Jb", false), "a\\x1b[2Jb");
        assert_eq!(visible("a\nb", false), "a\\nb");
        assert_eq!(visible("a\nb", true), "a\nb");
        assert_eq!(visible("x\u{202e}y", true), "x\\u{202e}y");
        assert_eq!(visible("bell\x07", true), "bell\\x07");
    }
}
