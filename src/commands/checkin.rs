//! `srt morning` and `srt evening`: ask for what the flags did not give, then save.

use std::io::Write;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::family::Family;
use crate::interview::{self, Asked};
use crate::journal::{Saved, Stored, already_there, resolve_step, slot};
use crate::model::{CheckIn, Period, Record, check_child_name, short_id};
use crate::render::text::{alarm, day, detail, paragraph};
use crate::request::CheckInRequest;
use crate::text::{Field, clean, visible};

use super::ensure_not_future;

pub fn run(ctx: &Context, request: CheckInRequest, out: &mut dyn Write) -> Result<i32> {
    let period = request.period;
    let date = request.date.unwrap_or(ctx.today);
    ensure_not_future(date, ctx.calendar_today())?;
    let interactive = ctx.interactive && !request.yes;
    let child = choose_child(ctx, &ctx.journal.family()?, interactive)?;
    let mut answers = request.answers;
    interview::check_fits_period(period, &answers)?;

    let day_checkins = ctx.journal.checkins_on(&child, date)?;
    let existing: Option<Stored<CheckIn>> = slot(&day_checkins, period).cloned();
    let ladder = ctx.journal.ladder(&child)?;
    if let Some(found) = &existing
        && !request.replace
    {
        if !interactive {
            return Err(already_there(
                found,
                &format!("add --replace to replace it, or change it with `srt edit {}`", short_id(&found.id)),
            ));
        }
        ctx.prompter.say(&format!("There is already {} check-in for this day:\n", period.with_article()))?;
        ctx.prompter.say(&detail(found, ladder.as_deref()))?;
        if !ctx.prompter.confirm("Amend it?", true)? {
            writeln!(out, "Nothing changed.")?;
            return Ok(0);
        }
    }
    // Amending: the answers start from the saved ones.
    let amending = existing.filter(|_| !request.replace);
    let earlier = amending.as_ref().map(|e| &e.record);
    // Before the editor or the questions: a parent learns srt cannot save before writing.
    if interactive || (ctx.interactive && answers.edit_note) {
        ctx.journal.check_writable()?;
    }
    interview::edit_note_if_asked(&ctx.prompter, ctx.interactive, &mut answers, earlier.map_or("", |e| &e.note))?;
    let recorder = super::recorder(ctx, interactive && amending.is_none())?;
    let quick = ctx.config.quick;
    let history = if interactive && !quick { interview::history(&ctx.journal, &child, date)? } else { Vec::new() };
    let about = Asked {
        child: &child,
        period,
        date,
        calendar_today: ctx.calendar_today(),
        earlier,
        morning_alarm: slot(&day_checkins, Period::Morning).map(|m| m.alarm),
        ladder: ladder.as_deref(),
        history: &history,
    };
    if interactive && quick {
        // Quick mode: the alarm is the one question; amending keeps the other answers.
        if answers.alarm.is_none() {
            let question = interview::alarm_question(&about);
            answers.alarm = Some(ctx.prompter.alarm(&question, earlier.map(|e| e.alarm), None)?);
        }
    } else if interactive {
        interview::ask_missing(&ctx.prompter, &ctx.config, &about, &mut answers)?;
    } else if answers.alarm.is_none() {
        let how = if ctx.interactive { "with --yes" } else { "when stdin is not a terminal" };
        return Err(Error::usage(format!(
            "the alarm level is missing: pass it as `srt {} 6` or --alarm N ({how}, srt does not ask)",
            period.name()
        )));
    }

    let step = answers.step.as_ref().map(|a| resolve_step(a, ladder.as_deref(), &child)).transpose()?;
    let concern = answers.concern;
    let (mine, saved) = match amending {
        Some(seen) => {
            let mut mine = seen.record.clone();
            answers.apply_to(&mut mine, step)?;
            mine.check().map_err(Error::usage)?;
            super::check_concern_has_note(concern, &mine)?;
            (mine.clone(), ctx.journal.change_checkin(&seen, mine))
        }
        None => {
            let mut checkin = CheckIn::blank(child, date, period, ctx.journal.now());
            checkin.recorded_by = recorder;
            answers.apply_to(&mut checkin, step)?;
            checkin.check().map_err(Error::usage)?;
            super::check_concern_has_note(concern, &checkin)?;
            (checkin.clone(), ctx.journal.add_checkin(checkin, request.replace))
        }
    };
    let saved = match saved {
        Ok(Saved::Taken(there)) if interactive => replace_if_asked(ctx, there, mine)?,
        saved => super::settled(ctx, saved, &mine)?,
    };
    let Some(checkin) = saved.checkin() else {
        writeln!(out, "Nothing changed: the check-in saved meanwhile stays as it is.")?;
        return Ok(0);
    };
    if ctx.json {
        super::print_json(out, checkin)?;
    } else {
        writeln!(out, "{}", saved_message(&saved))?;
    }
    super::follow_note(ctx, checkin, concern, out)?;
    Ok(0)
}

/// The child this check-in is about; a family's first check-in names them (the journal
/// adds them as it saves).
fn choose_child(ctx: &Context, family: &Family, interactive: bool) -> Result<String> {
    if let Some(child) = family.resolve(ctx.wanted_child())? {
        return Ok(child.name.clone());
    }
    let name = match ctx.wanted_child() {
        Some(name) => clean(Field::ChildName, name).map_err(Error::usage)?,
        None if interactive => {
            ctx.prompter.say("Welcome to srt. Whose check-ins are these?")?;
            ctx.prompter.required_text("Your child's first name or a nickname", Field::ChildName)?
        }
        None => {
            return Err(Error::usage(
                "no child yet: name them once with --child NAME, e.g. `srt morning 6 --child Sam`",
            ));
        }
    };
    check_child_name(&name).map_err(Error::usage)?;
    Ok(name)
}

/// Another srt saved this slot while the parent was answering: they see it, and choose.
fn replace_if_asked(ctx: &Context, there: Stored<CheckIn>, mine: CheckIn) -> Result<Saved> {
    ctx.prompter
        .say(&format!("While you were answering, another srt saved this {} check-in:\n", there.period.name()))?;
    let ladder = ctx.journal.ladder(&there.child)?;
    ctx.prompter.say(&detail(&there, ladder.as_deref()))?;
    if !ctx.prompter.confirm("Replace it with yours?", false)? {
        return Ok(Saved::Taken(there));
    }
    let replacing = CheckIn { id: there.id.clone(), created_at: there.created_at, ..mine.clone() };
    let saved = ctx.journal.change_checkin(&there, replacing);
    super::settled(ctx, saved, &mine)
}

fn saved_message(saved: &Saved) -> String {
    let checkin = saved.checkin().expect("a refused save is an error");
    if let Saved::Unchanged(_) = saved {
        return format!("Nothing changed: that is what the check-in already says.  (id {})", short_id(&checkin.id));
    }
    let mut message = paragraph(&format!(
        "Saved {}'s {} check-in for {}: alarm {}.  (id {})",
        visible(&checkin.child, false),
        checkin.period.name(),
        day(checkin.date),
        alarm(checkin.alarm),
        short_id(&checkin.id)
    ));
    if !checkin.wins.is_empty() {
        let wins: Vec<_> = checkin.wins.iter().map(|w| visible(w, false)).collect();
        message.push('\n');
        message.push_str(&paragraph(&format!("Small wins noted: {}.", wins.join("; "))));
    }
    message
}
