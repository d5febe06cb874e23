//! The interactive questions, behind one small interface. Only this file knows dialoguer.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, MultiSelect, Select};

use crate::editor::Editor;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{alarm_label, parse_alarm};
use crate::text::{Field, clean, printable, same_words, visible, visible_path};

const SOMETHING_NEW: &str = "+ something new";

pub struct Prompter {
    theme: Box<dyn Theme>,
    term: Term,
}

impl Prompter {
    pub fn new(colour: bool) -> Self {
        let theme: Box<dyn Theme> = if colour { Box::new(ColorfulTheme::default()) } else { Box::new(SimpleTheme) };
        Self { theme, term: Term::stderr() }
    }

    /// The terminal the questions are asked on, made ready for a Ctrl-C first.
    fn term(&self) -> &Term {
        handle_interrupts();
        &self.term
    }

    /// Says something on the prompt's screen (stderr), not in the command's output.
    pub fn say(&self, text: &str) -> Result<()> {
        self.term().write_line(text).map_err(cancelled_or_failed)
    }

    /// An alarm level from 0 (or `at_least`, with why it is the least) to 10, with the scale
    /// shown first and the label echoed after.
    pub fn alarm(&self, question: &str, default: Option<u8>, at_least: Option<(u8, &str)>) -> Result<u8> {
        let (least, why) = at_least.unwrap_or((0, ""));
        let why = why.to_string();
        self.say(&scale_legend())?;
        let mut input =
            Input::<String>::with_theme(&*self.theme).with_prompt(question).validate_with(move |raw: &String| {
                // A parent typing at the prompt may well add a space; a flag must be exact.
                match parse_alarm(raw.trim())? {
                    level if level < least => Err(format!("the highest alarm today is at least {least}: {why}")),
                    _ => Ok(()),
                }
            });
        if let Some(level) = default {
            input = input.default(level.to_string());
        }
        let level =
            parse_alarm(input.interact_text_on(self.term()).map_err(dialoguer_error)?.trim()).map_err(Error::usage)?;
        self.say(&format!("  {level} · {}", alarm_label(level)))?;
        Ok(level)
    }

    /// Picks any number of `offered` items (those in `chosen` start ticked), then asks for
    /// new ones one at a time if "something new" was ticked. Enter with nothing ticked
    /// answers "none".
    pub fn items(&self, question: &str, offered: &[String], chosen: &[String]) -> Result<Vec<String>> {
        let mut choices: Vec<String> = chosen.to_vec();
        for item in offered {
            if !choices.iter().any(|c| same_words(c, item)) {
                choices.push(item.clone());
            }
        }
        let shown: Vec<String> = choices.iter().map(|c| visible(c, false).into_owned()).collect();
        let ticked: Vec<bool> = (0..choices.len()).map(|i| i < chosen.len()).chain([false]).collect();
        let picked = MultiSelect::with_theme(&*self.theme)
            .with_prompt(format!("{question} (space to tick, enter to go on)"))
            .items(shown.iter().map(String::as_str).chain([SOMETHING_NEW]))
            .defaults(&ticked)
            .interact_on_opt(self.term())
            .map_err(dialoguer_error)?
            .ok_or_else(Error::cancelled)?;
        let mut answer: Vec<String> = picked.iter().filter_map(|&i| choices.get(i).cloned()).collect();
        if picked.contains(&choices.len()) {
            loop {
                let new = self.text("Something new (enter when done)", "", Field::Item)?;
                if new.is_empty() {
                    break;
                }
                if !answer.iter().any(|a| same_words(a, &new)) {
                    answer.push(new);
                }
            }
        }
        Ok(answer)
    }

    /// One choice from `options`; returns its index.
    pub fn choose(&self, question: &str, options: &[&str], default: usize) -> Result<usize> {
        Select::with_theme(&*self.theme)
            .with_prompt(question)
            .items(options)
            .default(default)
            .interact_on_opt(self.term())
            .map_err(dialoguer_error)?
            .ok_or_else(Error::cancelled)
    }

    /// A short answer read by `parse`, starting from `initial` and asked again until it
    /// reads; Enter with nothing typed gives `parse("")`.
    pub fn parsed<T>(
        &self,
        question: &str,
        initial: &str,
        parse: impl Fn(&str) -> std::result::Result<T, String>,
    ) -> Result<T> {
        let raw = Input::<String>::with_theme(&*self.theme)
            .with_prompt(question)
            .with_initial_text(initial)
            .allow_empty(true)
            .validate_with(|raw: &String| parse(raw.trim()).map(|_| ()))
            .interact_text_on(self.term())
            .map_err(dialoguer_error)?;
        parse(raw.trim()).map_err(Error::usage)
    }

    /// Free text, checked by the field's rules; Enter keeps `initial` (empty skips).
    pub fn text(&self, question: &str, initial: &str, field: Field) -> Result<String> {
        self.text_input(question, initial, field, false)
    }

    /// Free text that cannot be left empty.
    pub fn required_text(&self, question: &str, field: Field) -> Result<String> {
        self.text_input(question, "", field, true)
    }

    /// Text that breaks the field's rules (too long, say) comes back to be mended, with
    /// what is wrong said above it: what the parent typed is never thrown away.
    fn text_input(&self, question: &str, initial: &str, field: Field, required: bool) -> Result<String> {
        let mut initial = initial.to_string();
        loop {
            let mut input = Input::<String>::with_theme(&*self.theme).with_prompt(question).allow_empty(!required);
            if !initial.is_empty() {
                input = input.with_initial_text(&initial);
            }
            let raw = input.report(false).interact_text_on(self.term()).map_err(dialoguer_error)?;
            self.report_answer(question, &raw)?;
            match clean(field, &raw) {
                Ok(text) if required && text.is_empty() => {
                    self.say("  a few words are needed here")?;
                    initial.clear();
                }
                Ok(text) => return Ok(text),
                Err(why) => {
                    self.say(&format!("  {why}: here it is again to change"))?;
                    initial = printable(&raw);
                }
            }
        }
    }

    /// Writes the question with its answer once the answer is given. dialoguer's own report
    /// clears only the last screen line of an answer that wrapped, and writes it again
    /// below the rest, so a long note showed its first lines twice: here every line the
    /// answer took is cleared first.
    fn report_answer(&self, question: &str, answer: &str) -> Result<()> {
        let mut typed = String::new();
        let _ = self.theme.format_input_prompt(&mut typed, question, None);
        let columns = usize::from(self.term().size().1).max(1);
        let width = console::measure_text_width(&typed) + console::measure_text_width(answer);
        let above = width.div_ceil(columns).max(1) - 1;
        self.term().clear_last_lines(above).map_err(cancelled_or_failed)?;
        let mut shown = String::new();
        let _ = self.theme.format_input_prompt_selection(&mut shown, question, answer);
        self.term().write_line(&shown).map_err(cancelled_or_failed)
    }

    /// The note, written in the parent's editor ($VISUAL, else $EDITOR, else vi), starting
    /// from `current`. A note that breaks the rules (too long, say) is offered back to be
    /// mended in the editor; if the parent would rather not, it is kept in a private file.
    pub fn edit_note(&self, current: &str) -> Result<String> {
        handle_interrupts();
        let editor = Editor::from_env()?;
        let mut draft = current.to_string();
        loop {
            let written = while_editor_is_open(|| editor.edit(&draft, current))?;
            let why = match clean(Field::Note, &written) {
                Ok(note) => return Ok(note),
                Err(why) => why,
            };
            self.say(&format!("  {why}"))?;
            let aside = SetAside::keep(&written);
            if !self.mend_again()? {
                return Err(Error::usage(format!("{why}; {}", aside.saying())));
            }
            aside.discard();
            draft = written;
        }
    }

    /// Asks whether to open the editor again on a note that broke the rules. A Ctrl-C here
    /// still keeps the words (set aside before), and `say_nothing_saved` says where.
    fn mend_again(&self) -> Result<bool> {
        self.confirm("Open your editor again to change it?", true)
    }

    pub fn confirm(&self, question: &str, default: bool) -> Result<bool> {
        self.yes_or_no(question, Some(default))
    }

    /// A yes or no with no answer assumed: Enter alone does nothing until y or n is typed.
    pub fn decide(&self, question: &str) -> Result<bool> {
        self.yes_or_no(question, None)
    }

    /// Asks `ask` with `words` kept in a private file meanwhile, so that a Ctrl-C there
    /// (when nothing is saved) says where they are; once answered, the file is removed.
    pub fn keeping<T>(&self, words: &str, ask: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        handle_interrupts();
        let aside = SetAside::keep(words);
        let answer = ask(self);
        match &answer {
            Ok(_) => aside.discard(),
            // A cancel says where the words are with "Nothing was saved" (`say_nothing_saved`).
            Err(err) if err.kind == ErrorKind::Cancelled => {}
            Err(_) => {
                *SET_ASIDE.lock().unwrap_or_else(PoisonError::into_inner) = None;
                let _ = self.term().write_line(&format!("\n{}.", capitalised(&aside.saying())));
            }
        }
        answer
    }

    fn yes_or_no(&self, question: &str, default: Option<bool>) -> Result<bool> {
        let confirm = Confirm::with_theme(&*self.theme).with_prompt(question);
        match default {
            Some(default) => confirm
                .default(default)
                .interact_on_opt(self.term())
                .map_err(dialoguer_error)?
                .ok_or_else(Error::cancelled),
            // dialoguer's quittable form ends on an Enter with nothing chosen, which would
            // read as a cancel and lose every answer: here Enter waits for y or n, and
            // Ctrl-C still cancels.
            None => confirm.wait_for_newline(true).interact_on(self.term()).map_err(dialoguer_error),
        }
    }
}

/// A note that broke the rules, kept in a private file while the parent decides whether
/// to mend it, so that even a Ctrl-C at that moment loses no words and says where they are.
struct SetAside {
    path: Option<std::path::PathBuf>,
}

/// What a Ctrl-C should say about a note set aside, if one is.
static SET_ASIDE: Mutex<Option<String>> = Mutex::new(None);

impl SetAside {
    fn keep(text: &str) -> Self {
        let aside = Self { path: crate::durable::keep_aside("note", "txt", text) };
        *SET_ASIDE.lock().unwrap_or_else(PoisonError::into_inner) = Some(aside.saying());
        aside
    }

    fn saying(&self) -> String {
        match &self.path {
            Some(path) => format!("what you wrote is kept in {}", visible_path(path)),
            None => "what you wrote could not be kept".to_string(),
        }
    }

    /// Removes the file: the words are going back into the editor.
    fn discard(self) {
        *SET_ASIDE.lock().unwrap_or_else(PoisonError::into_inner) = None;
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Runs `edit` with Ctrl-C left to the editor: srt waits for it to end rather than quit
/// and leave the file it was editing behind. When the editor failed (a Ctrl-C stopped it,
/// say), Ctrl-C stays the editor's: the same Ctrl-C reaches srt's handler at about the time
/// the editor ends, and must not cut short the error that says what became of the note.
fn while_editor_is_open<T, E>(edit: impl FnOnce() -> std::result::Result<T, E>) -> std::result::Result<T, E> {
    EDITOR_IS_OPEN.store(true, Ordering::SeqCst);
    let edited = edit();
    if edited.is_ok() {
        EDITOR_IS_OPEN.store(false, Ordering::SeqCst);
    }
    edited
}

static EDITOR_IS_OPEN: AtomicBool = AtomicBool::new(false);

fn scale_legend() -> String {
    // 80 columns wide: it fits an 80-column terminal without wrapping.
    "0 calm · 1-2 settled · 3-4 uneasy · 5-6 worried · 7-8 alarmed · 9-10 overwhelmed".to_string()
}

fn dialoguer_error(err: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(err) = err;
    cancelled_or_failed(err)
}

/// A Ctrl-C that lands between questions (when the terminal is not in raw mode) would
/// otherwise kill srt with the cursor hidden; nothing is saved before the last step, so it
/// says so. Set up on the first question, so commands that ask nothing start no thread.
fn handle_interrupts() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if EDITOR_IS_OPEN.load(Ordering::SeqCst) {
                return;
            }
            say_nothing_saved();
            std::process::exit(130);
        });
    });
}

/// Says, once, that nothing was saved, and where words set aside are kept, if any: from
/// the Ctrl-C handler or from a question cut short, whichever comes first (a Ctrl-C can
/// reach both at about the same moment).
pub fn say_nothing_saved() {
    // Held while saying it: the other caller waits, so the handler's exit never cuts the
    // main thread's words short.
    static SAID: Mutex<bool> = Mutex::new(false);
    let mut said = SAID.lock().unwrap_or_else(PoisonError::into_inner);
    if *said {
        return;
    }
    *said = true;
    let stderr = console::Term::stderr();
    // The prompt may have hidden the cursor when it was cut short.
    let _ = stderr.show_cursor();
    if let Some(kept) = SET_ASIDE.lock().unwrap_or_else(PoisonError::into_inner).as_deref() {
        let _ = stderr.write_line(&format!("\n{}.", capitalised(kept)));
    }
    let _ = stderr.write_line("\nNothing was saved.");
}

fn cancelled_or_failed(err: io::Error) -> Error {
    match err.kind() {
        io::ErrorKind::Interrupted | io::ErrorKind::UnexpectedEof => Error::cancelled(),
        _ => Error::failure(format!("could not ask on the terminal: {err}")),
    }
}
