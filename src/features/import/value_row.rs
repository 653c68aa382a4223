//! One word of an imported file and the menu of Mieruka values it can become: a row of the
//! import wizard's value mapping (status, priority) and of its type mapping (`import_kinds.rs`).

use leptos::prelude::*;

use crate::i18n::{expect_i18n, K};

/// How a value word is looked up in a [`ValueMaps`](mieruka_core::interop::ValueMaps) table.
pub fn norm(word: &str) -> String {
    word.trim().to_lowercase()
}

/// One word of the file and the menu of Mieruka values it can become. Unmapped words show an
/// empty choice first, so the user sees they have not been decided.
pub fn value_row<T: Copy + PartialEq + Send + Sync + 'static>(
    word: String,
    field: &'static str,
    choices: Vec<(String, T)>,
    label: impl Fn(T) -> String + Copy + Send + Sync + 'static,
    current: impl Fn() -> Option<T> + Copy + Send + Sync + 'static,
    set: impl Fn(T) + Clone + 'static,
) -> impl IntoView {
    let i18n = expect_i18n();
    let shown = if word.trim().is_empty() { "—".to_string() } else { word.clone() };
    let aria = format!("{field}: {shown}");
    let lookup = choices.clone();
    view! {
        <tr class:unmapped=move || current().is_none()>
            <td>{field}</td>
            <th scope="row">{shown}</th>
            <td>
                <select
                    aria-label=aria
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some((_, t)) = lookup.iter().find(|(k, _)| *k == v) {
                            set(*t);
                        }
                    }
                >
                    <Show when=move || current().is_none()>
                        <option value="" selected>{move || format!("— {}", i18n.t(K::TargetIgnore))}</option>
                    </Show>
                    {choices
                        .into_iter()
                        .map(|(k, t)| view! { <option value=k prop:selected=move || current() == Some(t)>{move || label(t)}</option> })
                        .collect_view()}
                </select>
            </td>
        </tr>
    }
}
