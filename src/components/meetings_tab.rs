use leptos::prelude::*;
use mieruka_core::Id;

/// The project's meetings, their minutes and action items.
#[component]
pub fn MeetingsTab(
    /// The project shown.
    pid: Id,
) -> impl IntoView {
    let _ = pid;
    view! { <div class="tab-body"></div> }
}
