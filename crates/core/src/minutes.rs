//! Meeting support that needs no browser: the date of the next regular meeting (定例会議) from the
//! project's cadence, the agenda of open action items carried over from earlier meetings, and the
//! minutes (議事録) as Markdown for wikis (Backlog, Redmine) and chat.
//!
//! Everything the user typed is escaped for Markdown, so a title such as `*重要* <b>` prints as
//! written and cannot inject HTML or break the action table.

use chrono::{Datelike, Duration, NaiveDate};

use crate::error::DomainError;
use crate::id::Id;
use crate::markdown;
use crate::model::{ActionItem, Project};
use crate::open_actions::open_actions_before;
use crate::rollup::wbs_rows;
use crate::words::{Phrase, W};

pub use crate::lang::Lang;

/// The date proposed for a new meeting. Without a regular weekday: `today`. With one: the first
/// such weekday after the last meeting, `every` weeks on (the cadence), moved on by whole cadences
/// until it is not before `today`; with no meeting yet, the first such weekday from `today` on.
pub fn next_meeting_date(p: &Project, today: NaiveDate) -> NaiveDate {
    let Some(weekday) = p.info.meeting_weekday else { return today };
    let every = i64::from(p.info.meeting_every_weeks.max(1));
    let target = weekday.num_days_from_monday();
    let on_or_after = |d: NaiveDate| {
        let ahead = (7 + i64::from(target) - i64::from(d.weekday().num_days_from_monday())) % 7;
        d + Duration::days(ahead)
    };
    match p.meetings.values().map(|m| m.date).max() {
        None => on_or_after(today),
        Some(last) => {
            let mut next = on_or_after(last + Duration::days(1)) + Duration::weeks(every - 1);
            if next < today {
                let behind = (today - next).num_days();
                let step = 7 * every;
                next += Duration::days((behind + step - 1) / step * step);
            }
            next
        }
    }
}

/// The agenda proposed for a meeting on `date`: one Markdown list line per action item still open
/// from the meetings before it (what, who, by when, from which meeting); empty if there is none.
pub fn carried_over_agenda(p: &Project, date: NaiveDate, lang: Lang) -> String {
    let open = open_actions_before(p, date);
    if open.is_empty() {
        return String::new();
    }
    let mut out = String::from(W::MinutesCarriedOverIntro.text(lang));
    for o in open {
        out.push_str("\n- ");
        out.push_str(&o.item.title);
        let details = action_details(p, o.item, lang, str::to_string);
        let from = Phrase(lang).minutes_from(lang.fmt().date_weekday(o.meeting.date));
        let all = if details.is_empty() { from } else { format!("{details}, {from}") };
        out.push_str(&format!(" ({all})"));
    }
    out
}

/// "owner: X, due: D" with the owner's name passed through `esc`.
fn action_details(p: &Project, a: &ActionItem, lang: Lang, esc: fn(&str) -> String) -> String {
    let mut v = Vec::new();
    let owner = p.person_name(a.owner);
    if !owner.is_empty() {
        v.push(Phrase(lang).minutes_owner(esc(owner)));
    }
    if let Some(d) = a.due {
        v.push(Phrase(lang).minutes_due(lang.fmt().date_weekday(d)));
    }
    v.join(", ")
}

/// The minutes (議事録) of one meeting as Markdown: heading, date, project, attendees, agenda,
/// minutes, decisions, the meeting's action items as a table (with the task or issue each became)
/// and the open action items carried over from earlier meetings.
pub fn meeting_minutes_markdown(p: &Project, meeting: Id, lang: Lang) -> Result<String, DomainError> {
    let m = p.meetings.get(&meeting).ok_or(DomainError::NotFound { kind: "meeting", id: meeting })?;
    let (none, say) = (W::MinutesNone.text(lang), Phrase(lang));
    let block = |s: &str| if s.trim().is_empty() { none.to_string() } else { markdown::block(s) };
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", say.minutes_title(markdown::heading_end(&m.title))));
    out.push_str(&format!("- {}\n", say.minutes_date(lang.fmt().date_weekday(m.date))));
    let project = if p.info.code.is_empty() { p.info.name.clone() } else { format!("{} {}", p.info.code, p.info.name) };
    out.push_str(&format!("- {}\n", say.minutes_project(markdown::inline(project.trim()))));
    let attendees: Vec<String> =
        m.attendees.iter().map(|a| p.person_name(Some(*a))).filter(|n| !n.is_empty()).map(markdown::inline).collect();
    let attendees =
        if attendees.is_empty() { none.to_string() } else { attendees.join(W::MinutesNameSeparator.text(lang)) };
    out.push_str(&format!("- {}\n", say.minutes_attendees(attendees)));

    out.push_str(&format!("\n## {}\n\n{}\n", W::MinutesAgenda.text(lang), block(&m.agenda)));
    out.push_str(&format!("\n## {}\n\n{}\n", W::MinutesMinutes.text(lang), block(&m.minutes)));
    out.push_str(&format!("\n## {}\n\n{}\n", W::MinutesDecisions.text(lang), block(&m.decisions)));

    let numbers: Vec<(Id, String)> = wbs_rows(p).into_iter().map(|r| (r.id, r.number)).collect();
    let issue_numbers = p.issue_numbers();
    let mut items: Vec<(&Id, &ActionItem)> = p.action_items.iter().filter(|(_, a)| a.meeting == meeting).collect();
    items.sort_by(|(ia, a), (ib, b)| {
        (a.due.is_none(), a.due, &a.title, *ia).cmp(&(b.due.is_none(), b.due, &b.title, *ib))
    });
    out.push_str(&format!("\n## {}\n\n", W::MinutesActionItems.text(lang)));
    if items.is_empty() {
        out.push_str(none);
        out.push('\n');
    } else {
        out.push_str(W::MinutesActionHead.text(lang));
        out.push_str("\n| ---: | --- | --- | --- | --- |\n");
        for (k, (_, a)) in items.iter().enumerate() {
            let mut status = if a.is_open(p) { W::MinutesOpen } else { W::MinutesDone }.text(lang).to_string();
            if let Some(t) = a.task.and_then(|t| p.tasks.get(&t).map(|task| (t, task))) {
                let n = numbers.iter().find(|(i, _)| *i == t.0).map(|(_, n)| n.as_str()).unwrap_or("");
                status.push_str(&format!(" {}", say.minutes_became_task(n, markdown::inline(&t.1.title))));
            }
            if let Some(i) = a.issue.and_then(|i| p.issues.get(&i).map(|issue| (i, issue))) {
                let n = issue_numbers.get(&i.0).cloned().unwrap_or_default();
                status.push_str(&format!(" {}", say.minutes_became_issue(n, markdown::inline(&i.1.title))));
            }
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                k + 1,
                markdown::inline(&a.title),
                markdown::inline(p.person_name(a.owner)),
                a.due.map(|d| lang.fmt().date_weekday(d)).unwrap_or_default(),
                status
            ));
        }
    }

    let carried = open_actions_before(p, m.date);
    out.push_str(&format!("\n## {}\n\n", W::MinutesCarriedOver.text(lang)));
    if carried.is_empty() {
        out.push_str(none);
        out.push('\n');
    } else {
        for o in carried {
            let details = action_details(p, o.item, lang, markdown::inline);
            let from = say.minutes_from(lang.fmt().date_weekday(o.meeting.date));
            let all = if details.is_empty() { from } else { format!("{details}, {from}") };
            out.push_str(&format!("- {} ({all})\n", markdown::inline(&o.item.title)));
        }
    }
    Ok(out)
}
