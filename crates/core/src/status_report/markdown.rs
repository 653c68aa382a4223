//! The report as Markdown (Backlog / Redmine wikis, chat): headings, tables, every user text
//! escaped ([`markdown::inline`]) so a pipe, a backtick, a leading `#` or `<` in a title stays text.

use std::fmt::Write as _;

use super::content::{ReportContent, TaskLine};
use super::words::{words, Words};
use crate::lang::Lang;
use crate::markdown;
use crate::model::Report;

/// The report (`report`'s narrative and `c`, its frozen content) as Markdown in `lang`.
pub fn markdown(report: &Report, c: &ReportContent, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    let h = &c.header;
    let name = if h.code.is_empty() {
        markdown::heading_end(&h.name)
    } else {
        format!("{} {}", markdown::inline(&h.code), markdown::heading_end(&h.name))
    };
    let _ = writeln!(out, "# {}: {name}\n", w.title);
    table(
        &mut out,
        &[w.col_item, w.col_value],
        vec![
            vec![w.period.into(), w.range(h.period_start, h.period_end)],
            vec![w.status_date.into(), w.date(Some(h.status_date))],
            vec![w.issued_on.into(), w.date(Some(report.issued_on))],
            vec![w.author.into(), markdown::inline(&report.author)],
            vec![w.manager.into(), markdown::inline(&h.manager)],
            vec![
                w.baseline.into(),
                if h.baseline.is_empty() { w.no_baseline.into() } else { markdown::inline(&h.baseline) },
            ],
        ],
    );

    let _ = writeln!(out, "## {}: {}\n", w.overall, w.rag(report.status.as_str()));
    let _ = writeln!(out, "**{}**\n", w.status_reason);
    paragraph(&mut out, w, &report.status_reason);
    let _ = write!(out, "*{}: {}", w.suggested, w.rag(&c.suggested.rag));
    let reasons: Vec<String> = c.suggested.reasons.iter().map(|r| w.reason(&r.part, &r.reason, r.n)).collect();
    if !reasons.is_empty() {
        let _ = write!(out, " — {}", reasons.join(" / "));
    }
    out.push_str("*\n\n");

    let _ = writeln!(out, "## {}\n", w.decisions);
    paragraph(&mut out, w, &report.decisions_needed);

    let _ = writeln!(out, "## {}\n", w.progress);
    let _ = writeln!(out, "{}: **{}**\n", w.overall_progress, w.percent(Some(c.progress.overall_percent)));
    let _ = writeln!(out, "### {}\n", w.completed);
    task_table(&mut out, w, &c.progress.completed, true);
    let _ = writeln!(out, "### {}\n", w.in_progress);
    task_table(&mut out, w, &c.progress.in_progress, false);

    let _ = writeln!(out, "## {}\n", w.milestones);
    if c.milestones.is_empty() {
        let _ = writeln!(out, "{}\n", w.none);
    } else {
        let rows = c
            .milestones
            .iter()
            .map(|m| {
                let forecast = if m.done { format!("{} ({})", w.date(m.forecast), w.done) } else { w.date(m.forecast) };
                vec![
                    m.wbs.clone(),
                    markdown::inline(&m.title),
                    w.date(m.baseline),
                    w.date(m.planned),
                    forecast,
                    w.slip(m.slip),
                ]
            })
            .collect();
        table(&mut out, &[w.col_wbs, w.col_milestone, w.col_baseline, w.col_planned, w.col_forecast, w.col_slip], rows);
    }

    let b = &c.budget;
    let _ = writeln!(out, "## {}\n", w.budget);
    table(
        &mut out,
        &[w.col_item, w.col_value],
        vec![
            vec![w.bac.into(), markdown::inline(&w.amount(b.bac, &b.currency))],
            vec![w.ac.into(), markdown::inline(&w.amount(b.ac, &b.currency))],
            vec![w.used.into(), w.percent(b.percent_used)],
            vec![w.eac.into(), markdown::inline(&w.amount(b.eac, &b.currency))],
            vec![w.cpi.into(), w.index(b.cpi)],
            vec![w.spi.into(), w.index(b.spi)],
        ],
    );

    let _ = writeln!(out, "## {}\n", w.issues);
    let _ = writeln!(out, "{}: {}\n", w.open_issues, c.issues.open_count);
    for (title, list) in [
        (w.new_issues, &c.issues.new),
        (w.resolved_issues, &c.issues.resolved),
        (w.issues_needing_action, &c.issues.needing_action),
    ] {
        let _ = writeln!(out, "### {title}\n");
        if list.is_empty() {
            let _ = writeln!(out, "{}\n", w.none);
            continue;
        }
        let rows = list
            .iter()
            .map(|i| {
                let due = if i.overdue { format!("{} ({})", w.date(i.due), w.overdue) } else { w.date(i.due) };
                vec![
                    format!("#{}", i.no),
                    markdown::inline(&i.title),
                    w.priority(&i.priority).into(),
                    w.issue_status(&i.status).into(),
                    markdown::inline(&i.owner),
                    due,
                ]
            })
            .collect();
        table(&mut out, &[w.col_no, w.col_title, w.col_priority, w.col_status, w.col_owner, w.col_due], rows);
    }

    let _ = writeln!(out, "## {}\n", w.risks);
    if c.risks.is_empty() {
        let _ = writeln!(out, "{}\n", w.none);
    } else {
        let rows = c
            .risks
            .iter()
            .map(|r| {
                vec![
                    format!("R{}", r.no),
                    markdown::inline(&r.title),
                    format!("{} ({})", r.score, w.level(&r.level)),
                    w.strategy(&r.strategy).into(),
                    markdown::inline(&r.response_plan),
                    markdown::inline(&r.owner),
                ]
            })
            .collect();
        table(&mut out, &[w.col_no, w.col_title, w.col_score, w.col_strategy, w.col_response, w.col_owner], rows);
    }

    let _ = writeln!(out, "## {}\n", w.next_plan);
    paragraph(&mut out, w, &report.next_plan);
    let _ = writeln!(out, "### {} ({})\n", w.next_tasks, w.range(c.next_period.start, c.next_period.end));
    task_table(&mut out, w, &c.next_period.tasks, false);

    let _ = writeln!(out, "## {}\n", w.actions);
    if c.actions.is_empty() {
        let _ = writeln!(out, "{}\n", w.none);
    } else {
        let rows = c
            .actions
            .iter()
            .map(|a| {
                let due = if a.overdue { format!("{} ({})", w.date(a.due), w.overdue) } else { w.date(a.due) };
                let meeting = format!("{} {}", w.date(a.meeting_date), markdown::inline(&a.meeting));
                vec![markdown::inline(&a.title), markdown::inline(&a.owner), due, meeting]
            })
            .collect();
        table(&mut out, &[w.col_title, w.col_owner, w.col_due, w.col_meeting], rows);
    }

    if !report.notes.trim().is_empty() {
        let _ = writeln!(out, "## {}\n", w.notes);
        paragraph(&mut out, w, &report.notes);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Multi-line user text: each line escaped, hard line breaks between them; "None" when empty.
fn paragraph(out: &mut String, w: &Words, text: &str) {
    let lines: Vec<String> = text.lines().map(str::trim_end).map(markdown::line_start).collect();
    let body = lines.join("  \n");
    if body.trim().is_empty() {
        let _ = writeln!(out, "{}\n", w.none);
    } else {
        let _ = writeln!(out, "{body}\n");
    }
}

fn task_table(out: &mut String, w: &Words, tasks: &[TaskLine], completed: bool) {
    if tasks.is_empty() {
        let _ = writeln!(out, "{}\n", w.none);
        return;
    }
    let rows = tasks
        .iter()
        .map(|t| {
            let title =
                if t.milestone { format!("◆ {}", markdown::inline(&t.title)) } else { markdown::inline(&t.title) };
            let last = if completed { w.date(t.done_on) } else { format!("{} %", w.fmt().number(t.percent, 0)) };
            vec![t.wbs.clone(), title, markdown::inline(&t.assignee), w.date(t.due), last]
        })
        .collect();
    let last = if completed { w.col_done_on } else { w.col_percent };
    table(out, &[w.col_wbs, w.col_task, w.col_assignee, w.col_due, last], rows);
}

/// A GitHub-flavoured table; cells must already be escaped.
fn table(out: &mut String, headers: &[&str], rows: Vec<Vec<String>>) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(out, "|{}|", headers.iter().map(|_| " --- ").collect::<Vec<_>>().join("|"));
    for r in rows {
        let _ = writeln!(out, "| {} |", r.join(" | "));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_break_the_table_or_make_headings() {
        let report = Report {
            author: "a|b".into(),
            status_reason: "# not a heading\n<script>x</script>".into(),
            ..Report::default()
        };
        let md = markdown(&report, &ReportContent::default(), Lang::En);
        assert!(md.contains("| Author | a\\|b |"));
        assert!(md.contains("\\# not a heading  \n&lt;script&gt;x&lt;/script&gt;"));
        assert!(!md.contains("<script"));
    }
}
