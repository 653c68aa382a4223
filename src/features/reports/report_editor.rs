//! A new status report: choose the period, generate the draft from live data, write the
//! narrative, issue it (a dated snapshot: `Command::AddReport` with the frozen content).

use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use mieruka_core::status_report::{content, suggested_status, words, ReportContent, ReportInput};
use mieruka_core::{Command, Id, Project, Report, ReportStatus};

use crate::browser;
use crate::features::reports::report_narrative_form::ReportNarrativeForm;
use crate::features::reports::report_view::ReportView;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::status_date::expect_status_date;
use crate::ui::form_fields::{date_value, parse_date};
use mieruka_core::Lang;

/// The default period: the week Monday–Sunday holding the status date; when the last issued report
/// ended earlier than that week's Monday − 1, from the day after it instead.
pub fn default_period(p: &Project, status: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = status - Duration::days(i64::from(status.weekday().num_days_from_monday()));
    let sunday = monday + Duration::days(6);
    let last_end = p.reports.values().map(|r| r.period_end).max();
    match last_end {
        Some(e) if e < monday - Duration::days(1) && e < status => (e + Duration::days(1), sunday),
        _ => (monday, sunday),
    }
}

/// The draft's plan for the next period, one line per task.
fn plan_lines(c: &ReportContent, lang: Lang) -> String {
    let w = words(lang);
    c.next_period
        .tasks
        .iter()
        .map(|t| {
            let who = if t.assignee.is_empty() { String::new() } else { format!(" ({})", t.assignee) };
            format!("- {}{who} {} {}", t.title, w.col_due, w.date(t.due))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[component]
pub fn ReportEditor(
    /// The project.
    pid: Id,
    /// The language of the document.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called with the new report's id once it is issued.
    on_issued: Callback<Id>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let status_date = expect_status_date();
    let initial = store.with_project(pid, |p| default_period(p, untrack(|| status_date.get())));
    let (d0, d1) = initial.unwrap_or_else(|| (browser::today(), browser::today()));
    let start = RwSignal::new(d0);
    let end = RwSignal::new(d1);
    let draft = RwSignal::new(None::<ReportContent>);
    let status = RwSignal::new(ReportStatus::Green);
    let reason = RwSignal::new(String::new());
    let decisions = RwSignal::new(String::new());
    let next_plan = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let author = RwSignal::new(store.actor());

    let generate = move |_| {
        let (a, b) = (start.get_untracked(), end.get_untracked());
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let input = ReportInput {
            period_start: a,
            period_end: b,
            status_date: untrack(|| status_date.get()).min(b),
            baseline: None,
            tz_offset_min: browser::tz_offset_min(),
        };
        let Some(c) = store.with_project(pid, |p| content(p, &input)) else { return };
        let l = lang.get_untracked();
        let w = words(l);
        status.set(suggested_status(&c.suggested.rag));
        reason
            .set(c.suggested.reasons.iter().map(|r| w.reason(&r.part, &r.reason, r.n)).collect::<Vec<_>>().join("\n"));
        next_plan.set(plan_lines(&c, l));
        draft.set(Some(c));
    };
    let narrative = Signal::derive(move || Report {
        period_start: start.get(),
        period_end: end.get(),
        issued_on: browser::today(),
        author: author.get(),
        body: serde_json::Value::Null,
        status: status.get(),
        status_reason: reason.get(),
        decisions_needed: decisions.get(),
        next_plan: next_plan.get(),
        notes: notes.get(),
    });
    let issue = move |_| {
        let Some(c) = draft.get_untracked() else { return };
        let report = Report {
            period_start: c.header.period_start,
            period_end: c.header.period_end,
            body: c.to_body(),
            ..narrative.get_untracked()
        };
        let id = browser::new_id();
        match store.dispatch(Command::AddReport { project: pid, id, report }) {
            Ok(_) => {
                notices.info(i18n.t(K::ReportIssuedNotice).to_string());
                draft.set(None);
                on_issued.run(id);
            }
            Err(e) => notices.error(i18n.domain_error(&e)),
        }
    };

    view! {
        <div class="report-editor">
            <div class="toolbar no-print">
                <label class="field inline">
                    <span>{move || i18n.t(K::ReportPeriodFrom)}</span>
                    <input type="date" prop:value=move || date_value(Some(start.get()))
                        on:change=move |ev| if let Ok(Some(d)) = parse_date(&event_target_value(&ev)) { start.set(d) }/>
                </label>
                <label class="field inline">
                    <span>{move || i18n.t(K::ReportPeriodTo)}</span>
                    <input type="date" prop:value=move || date_value(Some(end.get()))
                        on:change=move |ev| if let Ok(Some(d)) = parse_date(&event_target_value(&ev)) { end.set(d) }/>
                </label>
                <label class="field inline">
                    <span>{move || i18n.t(K::ReportAuthor)}</span>
                    <input type="text" prop:value=move || author.get() on:input=move |ev| author.set(event_target_value(&ev))/>
                </label>
                <button class="primary" on:click=generate>{move || i18n.t(K::GenerateDraft)}</button>
            </div>
            <Show
                when=move || draft.with(Option::is_some)
                fallback=move || view! { <p class="empty-state no-print">{move || i18n.t(K::DraftHint)}</p> }
            >
                <ReportNarrativeForm status reason decisions next_plan notes/>
                <div class="toolbar no-print">
                    <button class="primary" on:click=issue>{move || i18n.t(K::IssueReport)}</button>
                </div>
                <ReportView
                    report=narrative
                    content=Signal::derive(move || draft.get().unwrap_or_default())
                    lang=lang
                />
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    #[test]
    fn the_default_period_is_the_status_week_or_since_the_last_report() {
        let mut p = Project::default();
        assert_eq!(default_period(&p, d(2026, 11, 25)), (d(2026, 11, 23), d(2026, 11, 29)));
        p.reports.insert(Id::from_u128(1), Report { period_end: d(2026, 11, 8), ..Report::default() });
        assert_eq!(default_period(&p, d(2026, 11, 25)), (d(2026, 11, 9), d(2026, 11, 29)));
        p.reports.insert(Id::from_u128(2), Report { period_end: d(2026, 11, 22), ..Report::default() });
        assert_eq!(default_period(&p, d(2026, 11, 25)), (d(2026, 11, 23), d(2026, 11, 29)));
    }
}
