//! A register's declarations: its row type ([`RegisterRow`], keyed by one or two ids) and its
//! columns ([`Column`]: header, sort, the cell as text and optionally as a richer view), declared
//! once for the table and its CSV.

use std::cmp::Ordering;

use leptos::prelude::*;
use mieruka_core::Id;

use crate::i18n::{I18n, K};

/// A record shown as one row.
pub trait RegisterRow: Clone + PartialEq + Send + Sync + 'static {
    type Key: RowKey;
    fn key(&self) -> Self::Key;
}

/// A row's key: one id, or two (a project's and a record's).
pub trait RowKey: Copy + Send + Sync + 'static {
    fn pair(self) -> (Id, Id);
    fn from_pair(pair: (Id, Id)) -> Self;
}

impl RowKey for Id {
    fn pair(self) -> (Id, Id) {
        (self, Id::nil())
    }
    fn from_pair(pair: (Id, Id)) -> Self {
        pair.0
    }
}

impl RowKey for (Id, Id) {
    fn pair(self) -> (Id, Id) {
        self
    }
    fn from_pair(pair: (Id, Id)) -> Self {
        pair
    }
}

/// How a column sorts its rows.
pub enum Sorter<R> {
    /// An order, reversed for a descending sort.
    By(fn(&R, &R) -> Ordering),
    /// A sort that takes the direction itself (e.g. blanks last either way).
    Rows(fn(&mut [R], bool)),
}

/// `impl RegisterRow` for a row keyed by one of its fields: `keyed_by!(Row, id: Id)`.
#[macro_export]
macro_rules! keyed_by {
    ($row:ty, $field:ident: $key:ty) => {
        impl $crate::ui::register::RegisterRow for $row {
            type Key = $key;
            fn key(&self) -> $key {
                self.$field
            }
        }
    };
}

/// One column, declared once for the table and its CSV.
pub struct Column<R> {
    pub head: K,
    /// A longer name for an abbreviated header (shown as its tooltip).
    pub head_title: Option<K>,
    /// `"num"`: a right-aligned number (`"n"`: the same, not muted).
    pub class: &'static str,
    pub sort: Option<Sorter<R>>,
    /// The cell names its row (`<th scope="row">`).
    pub row_header: bool,
    /// The cell as text in the current language: the CSV cell, and what is drawn without `view`.
    pub text: fn(&R, I18n) -> String,
    pub view: Option<fn(&R, I18n) -> AnyView>,
}

impl<R> Column<R> {
    pub const fn new(head: K, text: fn(&R, I18n) -> String) -> Self {
        Column { head, head_title: None, class: "", sort: None, row_header: false, text, view: None }
    }
    pub const fn sort(mut self, by: fn(&R, &R) -> Ordering) -> Self {
        self.sort = Some(Sorter::By(by));
        self
    }
    pub const fn sort_rows(mut self, sort: fn(&mut [R], bool)) -> Self {
        self.sort = Some(Sorter::Rows(sort));
        self
    }
    pub const fn row_header(mut self) -> Self {
        self.row_header = true;
        self
    }
    pub const fn class(mut self, class: &'static str) -> Self {
        self.class = class;
        self
    }
    pub const fn num(mut self) -> Self {
        self.class = "num";
        self
    }
    pub const fn titled(mut self, title: K) -> Self {
        self.head_title = Some(title);
        self
    }
    pub const fn view(mut self, view: fn(&R, I18n) -> AnyView) -> Self {
        self.view = Some(view);
        self
    }
}

/// What the row's button does: its label, the accessible name's record part, the action.
pub struct OpenRow<R: RegisterRow> {
    pub label: K,
    pub name: fn(&R) -> String,
    pub on_open: Callback<R::Key>,
}
