use leptos::prelude::*;
use mieruka_core::Id;

/// The project's the weekly status reports (進捗報告書): generate, edit, issue, read past ones.
#[component]
pub fn ReportsTab(
    /// The project shown.
    pid: Id,
) -> impl IntoView {
    let _ = pid;
    view! { <div class="tab-body"></div> }
}
