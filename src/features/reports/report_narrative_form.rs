//! The author's narrative of a report: the overall signal (G/Y/R), its reason, decisions needed
//! (判断事項), next period's plan (来週の予定) and notes.

use leptos::prelude::*;
use mieruka_core::ReportStatus;

use crate::i18n::{expect_i18n, K};

/// A labelled multi-line text bound to a signal.
fn area(label: K, value: RwSignal<String>, rows: u32) -> impl IntoView {
    let i18n = expect_i18n();
    view! {
        <label class="field">
            <span>{move || i18n.t(label)}</span>
            <textarea rows=rows prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </label>
    }
}

#[component]
pub fn ReportNarrativeForm(
    /// The overall signal the author gives.
    status: RwSignal<ReportStatus>,
    /// Why the signal is what it is.
    reason: RwSignal<String>,
    /// 判断事項: what management must decide.
    decisions: RwSignal<String>,
    /// 来週の予定.
    next_plan: RwSignal<String>,
    /// Anything else.
    notes: RwSignal<String>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let options =
        [(ReportStatus::Green, K::RagGreen), (ReportStatus::Amber, K::RagAmber), (ReportStatus::Red, K::RagRed)];
    view! {
        <div class="report-narrative no-print">
            <label class="field inline">
                <span>{move || i18n.t(K::ReportSignal)}</span>
                <select
                    class=move || format!("signal-select {}", status.get().as_str())
                    on:change=move |ev| if let Some(s) = ReportStatus::parse(&event_target_value(&ev)) { status.set(s) }
                >
                    {options.into_iter().map(|(s, k)| view! {
                        <option value=s.as_str() selected=move || status.get() == s>{move || i18n.t(k)}</option>
                    }).collect_view()}
                </select>
            </label>
            {area(K::ReportReason, reason, 3)}
            {area(K::ReportDecisions, decisions, 3)}
            {area(K::ReportNextPlan, next_plan, 5)}
            {area(K::ReportNotes, notes, 2)}
        </div>
    }
}
