//! The register's rows and columns with their type erased: the one view draws these, so its code
//! is in the bundle once, whatever the row type.

use std::any::Any;
use std::cmp::Ordering;
use std::sync::Arc;

use leptos::prelude::*;
use mieruka_core::interop::csv_export;
use mieruka_core::Id;

use crate::i18n::{I18n, K};
use crate::ui::register::column::{Column, RegisterRow, RowKey, Sorter};

/// A row as the view draws it, its type erased.
pub trait ShownRow: Send + Sync {
    fn key_pair(&self) -> (Id, Id);
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn ShownRow) -> bool;
}

impl<R: RegisterRow> ShownRow for R {
    fn key_pair(&self) -> (Id, Id) {
        self.key().pair()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn same(&self, other: &dyn ShownRow) -> bool {
        other.as_any().downcast_ref::<R>() == Some(self)
    }
}

impl PartialEq for dyn ShownRow {
    fn eq(&self, other: &Self) -> bool {
        self.same(other)
    }
}

/// A shown row.
pub type Shown = Arc<dyn ShownRow>;

/// The row as its own type (every row of a register is of the register's type).
pub(super) fn row_of<R: 'static>(row: &dyn ShownRow) -> Option<&R> {
    row.as_any().downcast_ref::<R>()
}

/// A column with its row type erased: what the one view draws.
pub struct ShownColumn {
    pub(super) head: K,
    pub(super) head_title: Option<K>,
    pub(super) class: &'static str,
    pub(super) row_header: bool,
    pub(super) text: Box<dyn Fn(&dyn ShownRow, I18n) -> String + Send + Sync>,
    pub(super) view: Option<Box<dyn Fn(&dyn ShownRow, I18n) -> AnyView + Send + Sync>>,
    pub(super) sort: Option<Box<dyn Fn(&mut Vec<Shown>, bool) + Send + Sync>>,
}

impl<R: RegisterRow> From<Column<R>> for ShownColumn {
    fn from(c: Column<R>) -> Self {
        let text = c.text;
        let sort: Option<Box<dyn Fn(&mut Vec<Shown>, bool) + Send + Sync>> = match c.sort {
            Some(Sorter::By(by)) => Some(Box::new(move |v: &mut Vec<Shown>, desc| {
                v.sort_by(|a, b| match (row_of::<R>(&**a), row_of::<R>(&**b)) {
                    (Some(a), Some(b)) => by(a, b),
                    _ => Ordering::Equal,
                });
                if desc {
                    v.reverse();
                }
            })),
            Some(Sorter::Rows(sort)) => Some(Box::new(move |v: &mut Vec<Shown>, desc| {
                let mut rows: Vec<R> = v.iter().filter_map(|r| row_of::<R>(&**r).cloned()).collect();
                sort(&mut rows, desc);
                *v = rows.into_iter().map(|r| Arc::new(r) as Shown).collect();
            })),
            None => None,
        };
        ShownColumn {
            head: c.head,
            head_title: c.head_title,
            class: c.class,
            row_header: c.row_header,
            text: Box::new(move |r, i18n| row_of::<R>(r).map(|r| text(r, i18n)).unwrap_or_default()),
            view: c.view.map(|view| {
                Box::new(move |r: &dyn ShownRow, i18n| match row_of::<R>(r) {
                    Some(r) => view(r, i18n),
                    None => ().into_any(),
                }) as Box<dyn Fn(&dyn ShownRow, I18n) -> AnyView + Send + Sync>
            }),
            sort,
        }
    }
}

/// The rows sorted by `column` (stable, so equal rows keep the caller's order), reversed if `desc`.
pub(super) fn sorted(rows: &[Shown], columns: &[ShownColumn], column: usize, desc: bool) -> Vec<Shown> {
    let mut v = rows.to_vec();
    if let Some(sort) = columns.get(column).and_then(|c| c.sort.as_ref()) {
        sort(&mut v, desc);
    }
    v
}

/// The shown rows as CSV: the headers and each column's text, in the current language.
pub(super) fn csv_text(rows: &[Shown], columns: &[ShownColumn], i18n: I18n) -> String {
    let headers: Vec<&str> = columns.iter().map(|c| i18n.t(c.head)).collect();
    let cells: Vec<Vec<String>> = rows.iter().map(|r| columns.iter().map(|c| (c.text)(&**r, i18n)).collect()).collect();
    csv_export::table(&headers, &cells)
}

/// The row button, erased: its label, the record's part of its accessible name, the action.
pub(super) struct ShownOpen {
    pub(super) label: K,
    pub(super) name: Box<dyn Fn(&dyn ShownRow) -> String + Send + Sync>,
    pub(super) on_open: Callback<(Id, Id)>,
}

/// What a register is given, its rows' type erased.
pub(super) struct Shape {
    pub(super) initial_sort: (usize, bool),
    pub(super) caption: K,
    pub(super) empty: K,
    pub(super) class: &'static str,
    pub(super) table_class: &'static str,
    pub(super) csv_file: Callback<(), String>,
    pub(super) new: Option<(K, Callback<()>)>,
    pub(super) open: Option<ShownOpen>,
    pub(super) row_class: Option<Box<dyn Fn(&dyn ShownRow) -> String + Send + Sync>>,
    pub(super) selected: Option<Signal<Option<(Id, Id)>>>,
    pub(super) above_table: Option<ViewFn>,
    pub(super) children: Option<Children>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct T {
        id: Id,
        n: u32,
        due: Option<u32>,
    }
    crate::keyed_by!(T, id: Id);

    fn t(k: u128, n: u32, due: Option<u32>) -> Shown {
        Arc::new(T { id: Id::from_u128(k), n, due })
    }

    fn ns(rows: &[Shown]) -> Vec<u32> {
        rows.iter().filter_map(|r| row_of::<T>(&**r)).map(|r| r.n).collect()
    }

    #[test]
    fn columns_sort_and_rows_compare_through_the_erasure() {
        let columns: Vec<ShownColumn> = vec![
            Column::new(K::No, |r: &T, _| r.n.to_string()).sort(|a, b| a.n.cmp(&b.n)).into(),
            // Blanks last either way, as a `Rows` sorter does it.
            Column::new(K::Due, |r: &T, _| format!("{:?}", r.due))
                .sort_rows(|v, desc| {
                    v.sort_by(|a, b| match (a.due, b.due) {
                        (Some(x), Some(y)) if desc => y.cmp(&x),
                        (x, y) => (x.is_none(), x).cmp(&(y.is_none(), y)),
                    })
                })
                .into(),
            Column::new(K::Title, |r: &T, _| r.n.to_string()).into(),
        ];
        let rows = vec![t(1, 2, None), t(2, 3, Some(5)), t(3, 1, Some(9))];
        assert_eq!(ns(&sorted(&rows, &columns, 0, false)), [1, 2, 3]);
        assert_eq!(ns(&sorted(&rows, &columns, 0, true)), [3, 2, 1]);
        assert_eq!(ns(&sorted(&rows, &columns, 1, false)), [3, 1, 2]);
        assert_eq!(ns(&sorted(&rows, &columns, 1, true)), [1, 3, 2]);
        // A column without a sort keeps the caller's order.
        assert_eq!(ns(&sorted(&rows, &columns, 2, true)), [2, 3, 1]);
        // Rows are equal when their values are, so only a changed row draws again.
        assert!(*t(1, 2, None) == *t(1, 2, None));
        assert!(*t(1, 2, None) != *t(1, 2, Some(1)));
        assert_eq!(t(1, 2, None).key_pair(), (Id::from_u128(1), Id::nil()));
    }
}
