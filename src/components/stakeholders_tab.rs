use leptos::prelude::*;
use mieruka_core::Id;

/// The project's the stakeholder register, the power/interest grid and the RACI matrix.
#[component]
pub fn StakeholdersTab(
    /// The project shown.
    pid: Id,
) -> impl IntoView {
    let _ = pid;
    view! { <div class="tab-body"></div> }
}
