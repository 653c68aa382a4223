use leptos::prelude::*;
use mieruka_core::RiskLevel;

use crate::i18n::expect_i18n;

/// A risk level as a colour AND a word (never colour alone), with the score.
#[component]
pub fn RiskLevelBadge(
    /// The level shown.
    level: RiskLevel,
    /// P × I.
    score: u8,
) -> impl IntoView {
    let i18n = expect_i18n();
    view! {
        <span class=format!("level level-{}", level.as_str())>
            {move || i18n.risk_level(level)}
            " ("
            {score}
            ")"
        </span>
    }
}
