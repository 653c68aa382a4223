//! The minutes (議事録) laid out for paper: hidden on screen, the only thing printed while a
//! meeting is open (see the print rules in style/main.css). Same sections as the Markdown export.

use leptos::prelude::*;
use mieruka_core::open_actions::open_actions_before;
use mieruka_core::Id;

use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;
use crate::ui::linked_text::LinkedText;

#[derive(Debug, Clone, PartialEq)]
struct Doc {
    project: String,
    title: String,
    date: chrono::NaiveDate,
    attendees: Vec<String>,
    agenda: String,
    minutes: String,
    decisions: String,
    /// (title, owner, due, done)
    actions: Vec<(String, String, Option<chrono::NaiveDate>, bool)>,
    /// (title, owner, due, from meeting date)
    carried: Vec<(String, String, Option<chrono::NaiveDate>, chrono::NaiveDate)>,
}

#[component]
pub fn MinutesDoc(
    /// The project.
    pid: Id,
    /// The meeting printed.
    meeting: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let doc = Memo::new(move |_| {
        store
            .with_project(pid, |p| {
                let m = p.meetings.get(&meeting)?;
                let mut actions: Vec<_> = p
                    .action_items
                    .values()
                    .filter(|a| a.meeting == meeting)
                    .map(|a| (a.title.clone(), p.person_name(a.owner).to_string(), a.due, !a.is_open(p)))
                    .collect();
                actions.sort_by(|a, b| (a.2.is_none(), a.2, &a.0).cmp(&(b.2.is_none(), b.2, &b.0)));
                Some(Doc {
                    project: format!("{} {}", p.info.code, p.info.name).trim().to_string(),
                    title: m.title.clone(),
                    date: m.date,
                    attendees: m
                        .attendees
                        .iter()
                        .map(|a| p.person_name(Some(*a)).to_string())
                        .filter(|n| !n.is_empty())
                        .collect(),
                    agenda: m.agenda.clone(),
                    minutes: m.minutes.clone(),
                    decisions: m.decisions.clone(),
                    actions,
                    carried: open_actions_before(p, m.date)
                        .into_iter()
                        .map(|o| {
                            (o.item.title.clone(), p.person_name(o.item.owner).to_string(), o.item.due, o.meeting.date)
                        })
                        .collect(),
                })
            })
            .flatten()
    });
    let text = move |s: String| if s.trim().is_empty() { "—".to_string() } else { s };
    view! {
        <article class="minutes-doc" aria-hidden="true">
            {move || doc.get().map(|d| view! {
                <h1>{move || i18n.t(K::MinutesDocTitle)} ": " {d.title.clone()}</h1>
                <dl class="minutes-meta">
                    <dt>{move || i18n.t(K::MeetingDate)}</dt><dd>{move || i18n.date(Some(d.date))}</dd>
                    <dt>{move || i18n.t(K::ColProject)}</dt><dd>{d.project.clone()}</dd>
                    <dt>{move || i18n.t(K::Attendees)}</dt><dd>{d.attendees.join(i18n.list_sep())}</dd>
                </dl>
                <h2>{move || i18n.t(K::Agenda)}</h2>
                <p class="pre"><LinkedText text=text(d.agenda.clone())/></p>
                <h2>{move || i18n.t(K::MinutesText)}</h2>
                <p class="pre"><LinkedText text=text(d.minutes.clone())/></p>
                <h2>{move || i18n.t(K::Decisions)}</h2>
                <p class="pre"><LinkedText text=text(d.decisions.clone())/></p>
                <h2>{move || i18n.t(K::ActionItems)}</h2>
                <table>
                    <thead><tr>
                        <th>{move || i18n.t(K::ActionTitle)}</th>
                        <th>{move || i18n.t(K::Owner)}</th>
                        <th>{move || i18n.t(K::Due)}</th>
                        <th>{move || i18n.t(K::Status)}</th>
                    </tr></thead>
                    <tbody>
                        {d.actions.iter().cloned().map(|(t, o, due, done)| view! {
                            <tr>
                                <td>{t}</td><td>{o}</td><td>{move || i18n.date(due)}</td>
                                <td>{move || if done { i18n.t(K::ActionDone) } else { i18n.t(K::IsOpen) }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <h2>{move || i18n.t(K::OpenActionsCol)}</h2>
                <ul>
                    {d.carried.iter().cloned().map(|(t, o, due, from)| view! {
                        <li>{t} " (" {o} " " {move || i18n.date(due)} " ← " {move || i18n.date(Some(from))} ")"</li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}
