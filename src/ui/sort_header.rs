use leptos::prelude::*;

use crate::i18n::{I18n, K};

/// A column header that sorts the table by `by` (a second click reverses), announcing the order
/// with `aria-sort`.
pub fn sort_header<S: Copy + PartialEq + Send + Sync + 'static>(
    i18n: I18n,
    sort: RwSignal<(S, bool)>,
    by: S,
    label: K,
) -> impl IntoView {
    view! {
        <th
            scope="col"
            aria-sort=move || {
                let (s, desc) = sort.get();
                if s != by {
                    "none"
                } else if desc {
                    "descending"
                } else {
                    "ascending"
                }
            }
        >
            <button
                class="sort"
                on:click=move |_| {
                    sort.update(|(s, desc)| {
                        if *s == by {
                            *desc = !*desc;
                        } else {
                            *s = by;
                            *desc = false;
                        }
                    })
                }
            >
                {move || i18n.t(label)}
            </button>
        </th>
    }
}
