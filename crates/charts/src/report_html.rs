//! The status report as one self-contained HTML page: inline `<style>` (A4 print CSS), the
//! burndown and earned-value charts as inline SVG drawn by this crate's chart functions, and every
//! user text escaped ([`html_escape`]) — nothing the user typed is ever written as markup, except
//! the `http`/`https`/`mailto` addresses in the narrative and response plans, which become links.

use std::fmt::Write as _;

use mieruka_core::linkify::linked_html;
use mieruka_core::markdown::html as html_escape;
use mieruka_core::status_report::{words, ReportContent, TaskLine, Words};
use mieruka_core::Report;

use crate::{burndown, ev, to_svg, ChartError, ChartOptions, Lang, Theme};

/// Width and height of the charts in the page (CSS pixels; they scale to the page width).
const CHART_W: u32 = 760;
const CHART_H: u32 = 300;

const STYLE: &str = "
*{box-sizing:border-box}
body{font-family:'Noto Sans CJK JP','Noto Sans JP','Hiragino Sans','Yu Gothic',Meiryo,system-ui,sans-serif;color:#1f2937;margin:0;background:#f3f4f6;font-size:13px;line-height:1.5}
main{max-width:210mm;margin:16px auto;background:#fff;padding:14mm 14mm;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:22px;margin:0 0 8px;border-bottom:3px solid #1e3a8a;padding-bottom:4px}
h2{font-size:16px;margin:18px 0 6px;color:#1e3a8a;border-bottom:1px solid #cbd5e1}
h3{font-size:13px;margin:10px 0 4px}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{border:1px solid #cbd5e1;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eef2ff;font-weight:600}
td.num{text-align:right;white-space:nowrap}
.signal{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:700;color:#fff}
.signal.green{background:#15803d}.signal.amber{background:#b45309}.signal.red{background:#b91c1c}.signal.unknown{background:#6b7280}
.muted{color:#6b7280}
.text{white-space:pre-wrap}
.late{color:#b91c1c;font-weight:600}
figure{margin:6px 0;break-inside:avoid}
figure svg{width:100%;height:auto}
figcaption{font-weight:600;margin-bottom:2px}
@page{size:A4;margin:12mm}
@media print{body{background:#fff;font-size:11px}main{box-shadow:none;margin:0;padding:0;max-width:none}h2{break-after:avoid}tr,figure{break-inside:avoid}}
";

/// The report (`report`'s narrative and `c`, its frozen content) as a self-contained HTML page.
pub fn report_html(report: &Report, c: &ReportContent, lang: Lang) -> Result<String, ChartError> {
    let w = words(lang);
    let e = html_escape;
    let h = &c.header;
    let opts = ChartOptions { today: Some(h.status_date), ..ChartOptions::new(Theme::light(), lang) };
    let name = if h.code.is_empty() { e(&h.name) } else { format!("{} {}", e(&h.code), e(&h.name)) };
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {name} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        lang.code(),
        w.title,
        w.date(Some(h.period_end)),
    );
    let _ = writeln!(o, "<h1>{}: {name}</h1>", w.title);
    kv(
        &mut o,
        w,
        &[
            (w.period, w.range(h.period_start, h.period_end)),
            (w.status_date, w.date(Some(h.status_date))),
            (w.issued_on, w.date(Some(report.issued_on))),
            (w.author, e(&report.author)),
            (w.manager, e(&h.manager)),
            (w.baseline, if h.baseline.is_empty() { w.no_baseline.into() } else { e(&h.baseline) }),
        ],
    );

    let status = report.status.as_str();
    let _ = writeln!(o, "<h2>{} <span class=\"signal {status}\">{}</span></h2>", w.overall, w.rag(status));
    let _ = writeln!(o, "<h3>{}</h3>", w.status_reason);
    text(&mut o, w, &report.status_reason);
    let reasons: Vec<String> = c.suggested.reasons.iter().map(|r| e(&w.reason(&r.part, &r.reason, r.n))).collect();
    let _ = writeln!(
        o,
        "<p class=\"muted\">{}: {}{}</p>",
        w.suggested,
        w.rag(&c.suggested.rag),
        if reasons.is_empty() { String::new() } else { format!(" — {}", reasons.join(" / ")) }
    );
    let _ = writeln!(o, "<h2>{}</h2>", w.decisions);
    text(&mut o, w, &report.decisions_needed);

    let _ = writeln!(o, "<h2>{}</h2>", w.progress);
    let _ =
        writeln!(o, "<p>{}: <strong>{}</strong></p>", w.overall_progress, w.percent(Some(c.progress.overall_percent)));
    let _ = writeln!(o, "<h3>{}</h3>", w.completed);
    tasks(&mut o, w, &c.progress.completed, true);
    let _ = writeln!(o, "<h3>{}</h3>", w.in_progress);
    tasks(&mut o, w, &c.progress.in_progress, false);

    let _ = writeln!(o, "<h2>{}</h2>", w.charts);
    if let Some(b) = &c.charts.burndown {
        let svg = to_svg(CHART_W, CHART_H, |a| burndown(a, &b.to_series(), &opts))?;
        let _ = writeln!(o, "<figure><figcaption>{}</figcaption>{}</figure>", w.burndown, strip_xml_decl(&svg));
    }
    if let Some(s) = &c.charts.ev {
        let svg = to_svg(CHART_W, CHART_H, |a| ev(a, &s.to_series(), &opts))?;
        let _ = writeln!(o, "<figure><figcaption>{}</figcaption>{}</figure>", w.ev, strip_xml_decl(&svg));
    }
    if c.charts.burndown.is_none() && c.charts.ev.is_none() {
        let _ = writeln!(o, "<p>{}</p>", w.none);
    }

    let _ = writeln!(o, "<h2>{}</h2>", w.milestones);
    let rows: Vec<Vec<Cell>> = c
        .milestones
        .iter()
        .map(|m| {
            let forecast = if m.done { format!("{} ({})", w.date(m.forecast), w.done) } else { w.date(m.forecast) };
            let late = m.slip.is_some_and(|s| s > 0);
            vec![
                Cell::plain(e(&m.wbs)),
                Cell::plain(e(&m.title)),
                Cell::plain(w.date(m.baseline)),
                Cell::plain(w.date(m.planned)),
                Cell::plain(forecast),
                Cell { html: w.slip(m.slip), class: if late { "num late" } else { "num" } },
            ]
        })
        .collect();
    table(&mut o, w, &[w.col_wbs, w.col_milestone, w.col_baseline, w.col_planned, w.col_forecast, w.col_slip], rows);

    let b = &c.budget;
    let _ = writeln!(o, "<h2>{}</h2>", w.budget);
    kv(
        &mut o,
        w,
        &[
            (w.bac, e(&w.amount(b.bac, &b.currency))),
            (w.ac, e(&w.amount(b.ac, &b.currency))),
            (w.used, w.percent(b.percent_used)),
            (w.eac, e(&w.amount(b.eac, &b.currency))),
            (w.cpi, w.index(b.cpi)),
            (w.spi, w.index(b.spi)),
        ],
    );

    let _ = writeln!(o, "<h2>{}</h2>", w.issues);
    let _ = writeln!(o, "<p>{}: {}</p>", w.open_issues, c.issues.open_count);
    for (title, list) in [
        (w.new_issues, &c.issues.new),
        (w.resolved_issues, &c.issues.resolved),
        (w.issues_needing_action, &c.issues.needing_action),
    ] {
        let _ = writeln!(o, "<h3>{title}</h3>");
        let rows = list
            .iter()
            .map(|i| {
                let due = if i.overdue { format!("{} ({})", w.date(i.due), w.overdue) } else { w.date(i.due) };
                vec![
                    Cell::plain(format!("#{}", i.no)),
                    Cell::plain(e(&i.title)),
                    Cell::plain(w.priority(&i.priority).into()),
                    Cell::plain(w.issue_status(&i.status).into()),
                    Cell::plain(e(&i.owner)),
                    Cell { html: due, class: if i.overdue { "late" } else { "" } },
                ]
            })
            .collect();
        table(&mut o, w, &[w.col_no, w.col_title, w.col_priority, w.col_status, w.col_owner, w.col_due], rows);
    }

    let _ = writeln!(o, "<h2>{}</h2>", w.risks);
    let rows = c
        .risks
        .iter()
        .map(|r| {
            vec![
                Cell::plain(format!("R{}", r.no)),
                Cell::plain(e(&r.title)),
                Cell::plain(format!("{} ({})", r.score, w.level(&r.level))),
                Cell::plain(w.strategy(&r.strategy).into()),
                Cell::plain(linked_html(&r.response_plan)),
                Cell::plain(e(&r.owner)),
            ]
        })
        .collect();
    table(&mut o, w, &[w.col_no, w.col_title, w.col_score, w.col_strategy, w.col_response, w.col_owner], rows);

    let _ = writeln!(o, "<h2>{}</h2>", w.next_plan);
    text(&mut o, w, &report.next_plan);
    let _ = writeln!(o, "<h3>{} ({})</h3>", w.next_tasks, w.range(c.next_period.start, c.next_period.end));
    tasks(&mut o, w, &c.next_period.tasks, false);

    let _ = writeln!(o, "<h2>{}</h2>", w.actions);
    let rows = c
        .actions
        .iter()
        .map(|a| {
            let due = if a.overdue { format!("{} ({})", w.date(a.due), w.overdue) } else { w.date(a.due) };
            vec![
                Cell::plain(e(&a.title)),
                Cell::plain(e(&a.owner)),
                Cell { html: due, class: if a.overdue { "late" } else { "" } },
                Cell::plain(format!("{} {}", w.date(a.meeting_date), e(&a.meeting))),
            ]
        })
        .collect();
    table(&mut o, w, &[w.col_title, w.col_owner, w.col_due, w.col_meeting], rows);

    if !report.notes.trim().is_empty() {
        let _ = writeln!(o, "<h2>{}</h2>", w.notes);
        text(&mut o, w, &report.notes);
    }
    o.push_str("</main>\n</body>\n</html>\n");
    Ok(o)
}

/// Plotters' SVG starts with an XML declaration, which has no place inside HTML.
fn strip_xml_decl(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}

/// A table cell: already-escaped HTML and its class.
struct Cell {
    html: String,
    class: &'static str,
}

impl Cell {
    fn plain(html: String) -> Cell {
        Cell { html, class: "" }
    }
}

/// Multi-line user text, escaped, line breaks kept by CSS, its web and mail addresses as links
/// ([`linked_html`]: only http, https and mailto); "None" when empty.
fn text(o: &mut String, w: &Words, s: &str) {
    if s.trim().is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{}</p>", w.none);
    } else {
        let _ = writeln!(o, "<p class=\"text\">{}</p>", linked_html(s.trim_end()));
    }
}

fn kv(o: &mut String, w: &Words, rows: &[(&str, String)]) {
    let rows = rows.iter().map(|(k, v)| vec![Cell::plain((*k).to_string()), Cell::plain(v.clone())]).collect();
    table(o, w, &[w.col_item, w.col_value], rows);
}

fn tasks(o: &mut String, w: &Words, list: &[TaskLine], completed: bool) {
    let rows = list
        .iter()
        .map(|t| {
            let title = if t.milestone { format!("◆ {}", html_escape(&t.title)) } else { html_escape(&t.title) };
            let last = if completed { w.date(t.done_on) } else { format!("{} %", w.fmt().number(t.percent, 0)) };
            vec![
                Cell::plain(html_escape(&t.wbs)),
                Cell::plain(title),
                Cell::plain(html_escape(&t.assignee)),
                Cell::plain(w.date(t.due)),
                Cell { html: last, class: "num" },
            ]
        })
        .collect();
    let last = if completed { w.col_done_on } else { w.col_percent };
    table(o, w, &[w.col_wbs, w.col_task, w.col_assignee, w.col_due, last], rows);
}

/// A table of escaped cells; "None" when there are no rows.
fn table(o: &mut String, w: &Words, headers: &[&str], rows: Vec<Vec<Cell>>) {
    if rows.is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{}</p>", w.none);
        return;
    }
    o.push_str("<table>\n<thead><tr>");
    for h in headers {
        let _ = write!(o, "<th>{h}</th>");
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        o.push_str("<tr>");
        for c in r {
            if c.class.is_empty() {
                let _ = write!(o, "<td>{}</td>", c.html);
            } else {
                let _ = write!(o, "<td class=\"{}\">{}</td>", c.class, c.html);
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}
