use leptos::prelude::*;
use mieruka_core::analytics::kpi::Rag;

use crate::features::charts::dashboard_tab::rag_word;
use crate::i18n::expect_i18n;

/// A RAG status as a coloured badge that also says the colour in words (never colour alone).
#[component]
pub fn RagBadge(
    /// The colour shown.
    #[prop(into)]
    rag: Signal<Rag>,
) -> impl IntoView {
    let i18n = expect_i18n();
    view! {
        <span class=move || format!("rag-badge rag-{}", rag.get().as_str())>
            <span class="rag-dot" aria-hidden="true"></span>
            {move || rag_word(&i18n, rag.get())}
        </span>
    }
}
