//! A status report as a document (the in-app and print view): the author's narrative and the
//! frozen content, in the report's language (the document words live in the core, as in the
//! Markdown and HTML outputs), with the burndown and EV charts drawn on canvases from the stored
//! chart data — never recomputed from the project.

use leptos::prelude::*;
use mieruka_core::status_report::{words, ReportContent, TaskLine, Words};
use mieruka_core::Report;

use crate::features::charts::chart_canvas::ChartCanvas;
use crate::features::charts::spec::ChartSpec;
use crate::ui::linked_text::LinkedText;
use mieruka_core::Lang;

/// A table of text cells (escaped by the view); the "none" word when there are no rows.
fn doc_table(w: &'static Words, headers: Vec<&'static str>, rows: Vec<Vec<String>>) -> AnyView {
    doc_table_linked(w, headers, rows, None)
}

/// [`doc_table`] whose column `linked` shows its addresses as links ([`LinkedText`]).
fn doc_table_linked(
    w: &'static Words,
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    linked: Option<usize>,
) -> AnyView {
    if rows.is_empty() {
        return view! { <p class="muted">{w.none}</p> }.into_any();
    }
    view! {
        <table class="doc-table">
            <thead><tr>{headers.into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        {r.into_iter()
                            .enumerate()
                            .map(|(k, c)| if Some(k) == linked {
                                view! { <td><LinkedText text=c/></td> }.into_any()
                            } else {
                                view! { <td>{c}</td> }.into_any()
                            })
                            .collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn task_rows(w: &'static Words, list: &[TaskLine], completed: bool) -> Vec<Vec<String>> {
    list.iter()
        .map(|t| {
            let title = if t.milestone { format!("◆ {}", t.title) } else { t.title.clone() };
            let last = if completed { w.date(t.done_on) } else { format!("{} %", w.fmt().number(t.percent, 0)) };
            vec![t.wbs.clone(), title, t.assignee.clone(), w.date(t.due), last]
        })
        .collect()
}

fn task_table(w: &'static Words, list: &[TaskLine], completed: bool) -> AnyView {
    let last = if completed { w.col_done_on } else { w.col_percent };
    doc_table(w, vec![w.col_wbs, w.col_task, w.col_assignee, w.col_due, last], task_rows(w, list, completed))
}

/// Multi-line user text of the narrative (line breaks kept by CSS), following the report signal.
fn narrative(w: &'static Words, report: Signal<Report>, field: fn(&Report) -> &String) -> impl IntoView {
    move || {
        let text = report.with(|r| field(r).clone());
        if text.trim().is_empty() {
            view! { <p class="muted">{w.none}</p> }.into_any()
        } else {
            view! { <p class="doc-text"><LinkedText text=text/></p> }.into_any()
        }
    }
}

fn document(report: Signal<Report>, c: &ReportContent, lang: Lang) -> AnyView {
    let r = report.get_untracked();
    let w = words(lang);
    let h = c.header.clone();
    let name = if h.code.is_empty() { h.name.clone() } else { format!("{} {}", h.code, h.name) };
    let reasons: Vec<String> = c.suggested.reasons.iter().map(|x| w.reason(&x.part, &x.reason, x.n)).collect();
    let suggested = format!(
        "{}: {}{}",
        w.suggested,
        w.rag(&c.suggested.rag),
        if reasons.is_empty() { String::new() } else { format!(" — {}", reasons.join(" / ")) }
    );
    let b = c.budget.clone();
    let header_rows = vec![
        vec![w.period.to_string(), w.range(h.period_start, h.period_end)],
        vec![w.status_date.to_string(), w.date(Some(h.status_date))],
        vec![w.issued_on.to_string(), w.date(Some(r.issued_on))],
        vec![w.author.to_string(), r.author.clone()],
        vec![w.manager.to_string(), h.manager.clone()],
        vec![
            w.baseline.to_string(),
            if h.baseline.is_empty() { w.no_baseline.to_string() } else { h.baseline.clone() },
        ],
    ];
    let budget_rows = vec![
        vec![w.bac.to_string(), w.amount(b.bac, &b.currency)],
        vec![w.ac.to_string(), w.amount(b.ac, &b.currency)],
        vec![w.used.to_string(), w.percent(b.percent_used)],
        vec![w.eac.to_string(), w.amount(b.eac, &b.currency)],
        vec![w.cpi.to_string(), w.index(b.cpi)],
        vec![w.spi.to_string(), w.index(b.spi)],
    ];
    let milestone_rows = c
        .milestones
        .iter()
        .map(|m| {
            let f = if m.done { format!("{} ({})", w.date(m.forecast), w.done) } else { w.date(m.forecast) };
            vec![m.wbs.clone(), m.title.clone(), w.date(m.baseline), w.date(m.planned), f, w.slip(m.slip)]
        })
        .collect();
    let issue_rows = |list: &[mieruka_core::status_report::IssueLine]| -> Vec<Vec<String>> {
        list.iter()
            .map(|i| {
                let due = if i.overdue { format!("{} ({})", w.date(i.due), w.overdue) } else { w.date(i.due) };
                vec![
                    format!("#{}", i.no),
                    i.title.clone(),
                    w.priority(&i.priority).to_string(),
                    w.issue_status(&i.status).to_string(),
                    i.owner.clone(),
                    due,
                ]
            })
            .collect()
    };
    let issue_cols = vec![w.col_no, w.col_title, w.col_priority, w.col_status, w.col_owner, w.col_due];
    let risk_rows = c
        .risks
        .iter()
        .map(|x| {
            vec![
                format!("R{}", x.no),
                x.title.clone(),
                format!("{} ({})", x.score, w.level(&x.level)),
                w.strategy(&x.strategy).to_string(),
                x.response_plan.clone(),
                x.owner.clone(),
            ]
        })
        .collect();
    let action_rows = c
        .actions
        .iter()
        .map(|a| {
            let due = if a.overdue { format!("{} ({})", w.date(a.due), w.overdue) } else { w.date(a.due) };
            vec![a.title.clone(), a.owner.clone(), due, format!("{} {}", w.date(a.meeting_date), a.meeting)]
        })
        .collect();
    let burndown = c.charts.burndown.as_ref().map(|d| ChartSpec::Burndown(d.to_series()));
    let ev = c.charts.ev.as_ref().map(|d| ChartSpec::Ev(d.to_series()));
    let label = h.code.clone();
    let date = h.status_date;
    let chart = move |spec: Option<ChartSpec>, title: &'static str| {
        spec.map(|s| {
            let label = label.clone();
            view! {
                <div class="doc-chart">
                    <ChartCanvas
                        spec=Signal::derive(move || Some(s.clone()))
                        label=Signal::derive(move || title.to_string())
                        project=Signal::derive(move || label.clone())
                        date=Signal::derive(move || date)
                        height=260
                        exportable=false
                    />
                </div>
            }
        })
    };
    view! {
        <article class="report-doc" lang=lang.code() aria-label=w.title>
            <h2 class="doc-title">{format!("{}: {name}", w.title)}</h2>
            {doc_table(w, vec![w.col_item, w.col_value], header_rows)}
            <h3>
                {w.overall} " "
                <span class=move || format!("signal {}", report.with(|r| r.status.as_str()))>
                    {move || w.rag(report.with(|r| r.status.as_str()))}
                </span>
            </h3>
            <h4>{w.status_reason}</h4>
            {narrative(w, report, |r| &r.status_reason)}
            <p class="muted">{suggested}</p>
            <h3>{w.decisions}</h3>
            {narrative(w, report, |r| &r.decisions_needed)}
            <h3>{w.progress}</h3>
            <p>{w.overall_progress} ": " <strong>{w.percent(Some(c.progress.overall_percent))}</strong></p>
            <h4>{w.completed}</h4>
            {task_table(w, &c.progress.completed, true)}
            <h4>{w.in_progress}</h4>
            {task_table(w, &c.progress.in_progress, false)}
            <h3>{w.charts}</h3>
            <div class="doc-charts">
                {chart(burndown, w.burndown)}
                {chart(ev, w.ev)}
            </div>
            <h3>{w.milestones}</h3>
            {doc_table(w, vec![w.col_wbs, w.col_milestone, w.col_baseline, w.col_planned, w.col_forecast, w.col_slip], milestone_rows)}
            <h3>{w.budget}</h3>
            {doc_table(w, vec![w.col_item, w.col_value], budget_rows)}
            <h3>{w.issues}</h3>
            <p>{w.open_issues} ": " {c.issues.open_count}</p>
            <h4>{w.new_issues}</h4>
            {doc_table(w, issue_cols.clone(), issue_rows(&c.issues.new))}
            <h4>{w.resolved_issues}</h4>
            {doc_table(w, issue_cols.clone(), issue_rows(&c.issues.resolved))}
            <h4>{w.issues_needing_action}</h4>
            {doc_table(w, issue_cols, issue_rows(&c.issues.needing_action))}
            <h3>{w.risks}</h3>
            {doc_table_linked(w, vec![w.col_no, w.col_title, w.col_score, w.col_strategy, w.col_response, w.col_owner], risk_rows, Some(4))}
            <h3>{w.next_plan}</h3>
            {narrative(w, report, |r| &r.next_plan)}
            <h4>{format!("{} ({})", w.next_tasks, w.range(c.next_period.start, c.next_period.end))}</h4>
            {task_table(w, &c.next_period.tasks, false)}
            <h3>{w.actions}</h3>
            {doc_table(w, vec![w.col_title, w.col_owner, w.col_due, w.col_meeting], action_rows)}
            {move || report.with(|r| !r.notes.trim().is_empty()).then(|| view! {
                <h3>{w.notes}</h3>
                {narrative(w, report, |r| &r.notes)}
            })}
        </article>
    }
    .into_any()
}

/// The report document.
#[component]
pub fn ReportView(
    /// The narrative (and header fields: author, issue day) of the report.
    #[prop(into)]
    report: Signal<Report>,
    /// Its content: the frozen body of an issued report, or a live draft's.
    #[prop(into)]
    content: Signal<ReportContent>,
    /// The language the document is written in.
    #[prop(into)]
    lang: Signal<Lang>,
) -> impl IntoView {
    move || {
        let l = lang.get();
        content.with(|c| document(report, c, l))
    }
}
