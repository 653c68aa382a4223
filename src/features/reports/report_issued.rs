//! An issued report, shown exactly as issued (its frozen body, never recomputed), with its
//! outputs; only the narrative can be corrected (Set on the report's fields).

use leptos::prelude::*;
use mieruka_core::status_report::ReportContent;
use mieruka_core::{Command, EntityRef, Id, ReportField, ReportStatus};
use serde_json::json;

use crate::features::reports::report_narrative_form::ReportNarrativeForm;
use crate::features::reports::report_outputs::ReportOutputs;
use crate::features::reports::report_view::ReportView;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use mieruka_core::Lang;

#[component]
pub fn ReportIssued(
    /// The project.
    pid: Id,
    /// The issued report.
    #[prop(into)]
    id: Signal<Id>,
    /// The language of the document.
    #[prop(into)]
    lang: Signal<Lang>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let report = Memo::new(move |_| store.with_project(pid, |p| p.reports.get(&id.get()).cloned()).flatten());
    let body = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| ReportContent::from_body(&r.body))));
    let status = RwSignal::new(ReportStatus::Green);
    let reason = RwSignal::new(String::new());
    let decisions = RwSignal::new(String::new());
    let next_plan = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    // Load the narrative into the form when another report is opened.
    Effect::new(move |_| {
        let _ = id.get();
        if let Some(r) = report.get_untracked() {
            status.set(r.status);
            reason.set(r.status_reason);
            decisions.set(r.decisions_needed);
            next_plan.set(r.next_plan);
            notes.set(r.notes);
        }
    });
    let save = move |_| {
        let fields = vec![
            (ReportField::Status.into(), json!(status.get_untracked())),
            (ReportField::StatusReason.into(), json!(reason.get_untracked())),
            (ReportField::DecisionsNeeded.into(), json!(decisions.get_untracked())),
            (ReportField::NextPlan.into(), json!(next_plan.get_untracked())),
            (ReportField::Notes.into(), json!(notes.get_untracked())),
        ];
        let cmd = Command::SetMany { project: pid, entity: EntityRef::report(id.get_untracked()), fields };
        match store.dispatch(cmd) {
            Ok(_) => notices.info(i18n.t(K::NarrativeSaved).to_string()),
            Err(e) => notices.error(i18n.domain_error(&e)),
        }
    };
    let as_report = Signal::derive(move || report.get().unwrap_or_default());
    let project = Signal::derive(move || store.with_project(pid, |p| p.info.label().to_string()).unwrap_or_default());
    view! {
        {move || match body.get() {
            None => view! { <p class="empty-state">{move || i18n.t(K::ProjectNotFound)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error">{move || i18n.t(K::ReportUnreadable)} " " {e.to_string()}</p> }.into_any(),
            Some(Ok(c)) => {
                let content = Signal::derive(move || c.clone());
                view! {
                    <div class="report-issued">
                        <p class="frozen-note no-print">
                            {move || i18n.msg().numbers_frozen(i18n.date(Some(as_report.with(|r| r.issued_on))))}
                        </p>
                        <ReportOutputs report=as_report content lang project/>
                        <details class="no-print">
                            <summary>{move || i18n.t(K::SaveNarrative)}</summary>
                            <ReportNarrativeForm status reason decisions next_plan notes/>
                            <button class="primary" on:click=save>{move || i18n.t(K::SaveNarrative)}</button>
                        </details>
                        <ReportView report=as_report content lang/>
                    </div>
                }
                .into_any()
            }
        }}
    }
}
