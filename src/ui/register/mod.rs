//! The one register: a table of one kind of record (issues, risks, stakeholders, meetings, the
//! portfolio's lists) with its toolbar (a "new" button, the caller's filters, CSV export of what
//! is shown), sortable headers and an open/edit button per row.
//!
//! A register declares its columns once ([`Column`]: header, sort order, the cell as text, and
//! optionally a richer view); the same declaration draws the table and writes the CSV.
//!
//! Rows are keyed by the record's key, so an edit updates its row in place and re-sorting moves
//! rows without re-creating them; each row reads its record from a map by key, and only a row
//! whose record changed draws again. Past [`WINDOW_FROM`] rows the register draws only the rows in
//! view, as the WBS grid does (fixed-height rows, their text on one line).
//!
//! The component is generic over the row type only at its door: rows and columns are turned
//! into type-erased ones ([`Shown`], [`ShownColumn`]) and one non-generic view draws them, so the
//! view's code is in the bundle once, not once per register (BENCHMARKS.md, issue 9).

mod column;
mod shown;

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use mieruka_core::interop::text::OutEncoding;
use mieruka_core::Id;

pub use column::{Column, OpenRow, RegisterRow, RowKey, Sorter};
use shown::{csv_text, row_of, sorted, Shape, Shown, ShownColumn, ShownOpen, ShownRow};

use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::ui::csv_download::download_csv;
use crate::ui::row_window::row_window;
use crate::ui::sort_header::sort_header;

/// Registers longer than this draw only the rows in view.
pub const WINDOW_FROM: usize = 150;
/// The height of a row of a windowed register (fixed by CSS: `.register.windowed tbody tr`).
const ROW_HEIGHT: f64 = 36.0;

#[component]
pub fn Register<R: RegisterRow>(
    /// The records after the caller's filters, in the caller's order (the sort's tiebreak).
    #[prop(into)]
    rows: Signal<Vec<R>>,
    columns: Vec<Column<R>>,
    /// The column sorted by first and whether descending.
    #[prop(optional)]
    initial_sort: (usize, bool),
    /// The table's name for screen readers.
    caption: K,
    /// Shown instead of an empty table.
    empty: K,
    /// The CSS class of the whole register.
    class: &'static str,
    /// A CSS class of its table (`"compact"`).
    #[prop(optional)]
    table_class: &'static str,
    /// The CSV file's name, asked when the user exports.
    csv_file: Callback<(), String>,
    #[prop(optional)] new_label: Option<K>,
    #[prop(optional)] on_new: Option<Callback<()>>,
    #[prop(optional)] open: Option<OpenRow<R>>,
    /// CSS classes for a row (`"overdue"`), or "".
    #[prop(optional)]
    row_class: Option<fn(&R) -> String>,
    /// The row shown as selected.
    #[prop(optional, into)]
    selected: Option<Signal<Option<R::Key>>>,
    /// What stands between the toolbar and the table (a panel, a filter chip, the open form).
    #[prop(optional, into)]
    above_table: Option<ViewFn>,
    /// The caller's filters, drawn in the toolbar.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let shown = Signal::derive(move || rows.with(|v| v.iter().map(|r| Arc::new(r.clone()) as Shown).collect()));
    let shape = Shape {
        initial_sort,
        caption,
        empty,
        class,
        table_class,
        csv_file,
        new: new_label.zip(on_new),
        open: open.map(|o| {
            let (name, on_open) = (o.name, o.on_open);
            ShownOpen {
                label: o.label,
                name: Box::new(move |r| row_of::<R>(r).map(name).unwrap_or_default()),
                on_open: Callback::new(move |k| on_open.run(R::Key::from_pair(k))),
            }
        }),
        row_class: row_class.map(|f| {
            Box::new(move |r: &dyn ShownRow| row_of::<R>(r).map(f).unwrap_or_default())
                as Box<dyn Fn(&dyn ShownRow) -> String + Send + Sync>
        }),
        selected: selected.map(|s| Signal::derive(move || s.get().map(RowKey::pair))),
        above_table,
        children,
    };
    draw(shown, columns.into_iter().map(ShownColumn::from).collect(), shape)
}

/// The one register view, for rows of any type.
fn draw(rows: Signal<Vec<Shown>>, columns: Vec<ShownColumn>, shape: Shape) -> AnyView {
    let Shape {
        initial_sort,
        caption,
        empty,
        class,
        table_class,
        csv_file,
        new,
        open,
        row_class,
        selected,
        above_table,
        children,
    } = shape;
    let i18n = expect_i18n();
    let notices = expect_notices();
    let columns = StoredValue::new(columns);
    let open = StoredValue::new(open);
    let row_class = StoredValue::new(row_class);
    let sort = RwSignal::new(initial_sort);
    let all = Memo::new(move |_| {
        let (column, desc) = sort.get();
        rows.with(|r| columns.with_value(|c| sorted(r, c, column, desc)))
    });
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(900.0f64);
    // One memo for what is drawn (first, end, total, keys), as in the WBS: everything a row
    // needs comes from here and `place`, never from `all` and a memo of it side by side.
    let window = Memo::new(move |_| {
        all.with(|r| {
            let total = r.len();
            let (first, end) = if total > WINDOW_FROM {
                row_window(scroll_top.get(), viewport.get(), total, ROW_HEIGHT)
            } else {
                (0, total)
            };
            (first, end, total, r[first..end].iter().map(|r| r.key_pair()).collect::<Vec<_>>())
        })
    });
    let place = Memo::new(move |_| {
        all.with(|r| r.iter().enumerate().map(|(i, v)| (v.key_pair(), i)).collect::<HashMap<(Id, Id), usize>>())
    });
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            viewport.set(f64::from(el.client_height().max(200)));
            scroll_top.set(f64::from(el.scroll_top()));
        }
    };
    // Measured when the table appears and when it starts or stops being windowed (its box
    // changes height then: a short register grows with the page, a long one scrolls inside).
    let windowed_now = Memo::new(move |_| window.with(|w| w.2 > WINDOW_FROM));
    Effect::new(move |_| {
        windowed_now.track();
        if scroller.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    let export = move |_| {
        let text = all.with_untracked(|r| columns.with_value(|c| csv_text(r, c, i18n)));
        download_csv(i18n, notices, &csv_file.run(()), &text, OutEncoding::Utf8Bom);
    };
    let has_open = open.with_value(Option::is_some);
    let spacer = move |rows: usize| format!("{}px", rows as f64 * ROW_HEIGHT);
    view! {
        <div class=format!("register {class}") class:windowed=move || windowed_now.get()>
            <div class="toolbar">
                {new.map(|(label, on_new)| view! {
                    <button class="primary" on:click=move |_| on_new.run(())>{move || i18n.t(label)}</button>
                })}
                {children.map(|c| c())}
                <button class="export-csv" on:click=export disabled=move || window.with(|w| w.2 == 0)>
                    {move || i18n.t(K::ExportShownCsv)}
                </button>
            </div>
            // Reactive: what it reads at its top level (the open form) draws it again.
            {above_table.map(|v| move || v.run())}
            <Show when=move || window.with(|w| w.2 > 0) fallback=move || view! { <p class="empty-state">{move || i18n.t(empty)}</p> }>
                <div
                    class="table-scroll"
                    node_ref=scroller
                    on:scroll=move |_| {
                        if let Some(el) = scroller.get_untracked() {
                            scroll_top.set(f64::from(el.scroll_top()));
                        }
                    }
                >
                    <table class=format!("grid {table_class}") aria-rowcount=move || window.with(|w| w.2 + 1)>
                        <caption class="sr-only">{move || i18n.t(caption)}</caption>
                        <thead>
                            <tr>
                                {columns.with_value(|cols| cols.iter().enumerate().map(|(i, c)| {
                                    let (head, title, class) = (c.head, c.head_title, c.class);
                                    match c.sort {
                                        Some(_) => sort_header(i18n, sort, i, head).into_any(),
                                        None => view! {
                                            <th scope="col" class=class>
                                                {match title {
                                                    Some(t) => view! { <abbr title=move || i18n.t(t)>{move || i18n.t(head)}</abbr> }.into_any(),
                                                    None => view! { {move || i18n.t(head)} }.into_any(),
                                                }}
                                            </th>
                                        }.into_any(),
                                    }
                                }).collect_view())}
                                {has_open.then(|| view! { <th scope="col">{move || i18n.t(K::Actions)}</th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {move || windowed_now.get().then(|| view! {
                                <tr class="spacer" aria-hidden="true" style:height=move || spacer(window.with(|w| w.0))></tr>
                            })}
                            <For
                                each=move || window.with(|w| w.3.clone())
                                key=|k| *k
                                children=move |key| {
                                    let row = Memo::new(move |_| {
                                        place.with(|m| m.get(&key).copied()).and_then(|i| all.with(|r| r.get(i).cloned()))
                                    });
                                    view! {
                                        <tr
                                            class=move || row.with(|r| r.as_ref().and_then(|r| row_class.with_value(|f| f.as_ref().map(|f| f(&**r)))).unwrap_or_default())
                                            class:selected=move || selected.is_some_and(|s| s.get() == Some(key))
                                        >
                                            {columns.with_value(|cols| cols.iter().enumerate().map(|(i, c)| {
                                                let class = c.class;
                                                let cell = move || row.with(|r| r.as_ref().map(|r| columns.with_value(|cols| match &cols[i].view {
                                                    Some(v) => v(&**r, i18n),
                                                    None => (cols[i].text)(&**r, i18n).into_any(),
                                                })));
                                                if c.row_header {
                                                    view! { <th scope="row" class=class>{cell}</th> }.into_any()
                                                } else {
                                                    view! { <td class=class>{cell}</td> }.into_any()
                                                }
                                            }).collect_view())}
                                            {has_open.then(|| view! {
                                                <td>
                                                    {move || open.with_value(|o| o.as_ref().map(|o| {
                                                        let (label, on_open) = (o.label, o.on_open);
                                                        let name = row.with(|r| r.as_ref().map(|r| (o.name)(&**r))).unwrap_or_default();
                                                        view! {
                                                            <button
                                                                aria-label=move || format!("{} {}", i18n.t(label), name)
                                                                on:click=move |_| on_open.run(key)
                                                            >
                                                                {move || i18n.t(label)}
                                                            </button>
                                                        }
                                                    }))}
                                                </td>
                                            })}
                                        </tr>
                                    }
                                }
                            />
                            {move || windowed_now.get().then(|| view! {
                                <tr class="spacer" aria-hidden="true" style:height=move || spacer(window.with(|w| w.2 - w.1))></tr>
                            })}
                        </tbody>
                    </table>
                </div>
            </Show>
        </div>
    }
    .into_any()
}
