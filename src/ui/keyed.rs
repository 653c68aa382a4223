//! A list drawn with `<For>` keyed by each row's id: the ids in order, and each row's value as its
//! own memo, read from a map by id. A changed row draws again in place; the others are not asked,
//! and a reordering moves rows instead of making new ones (a key built from the row's values
//! made a new row for every edit).

use std::collections::HashMap;
use std::hash::Hash;

use leptos::prelude::*;

pub struct Keyed<R: Clone + PartialEq + Send + Sync + 'static, K: Copy + Eq + Hash + Send + Sync + 'static> {
    rows: Signal<Vec<R>>,
    keys: Memo<Vec<K>>,
    place: Memo<HashMap<K, usize>>,
}

impl<R: Clone + PartialEq + Send + Sync + 'static, K: Copy + Eq + Hash + Send + Sync + 'static> Clone for Keyed<R, K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R: Clone + PartialEq + Send + Sync + 'static, K: Copy + Eq + Hash + Send + Sync + 'static> Copy for Keyed<R, K> {}

impl<R: Clone + PartialEq + Send + Sync + 'static, K: Copy + Eq + Hash + Send + Sync + 'static> Keyed<R, K> {
    pub fn new(rows: impl Into<Signal<Vec<R>>>, key: fn(&R) -> K) -> Self {
        let rows = rows.into();
        let keys = Memo::new(move |_| rows.with(|r| r.iter().map(key).collect::<Vec<_>>()));
        let place = Memo::new(move |_| rows.with(|r| r.iter().enumerate().map(|(i, v)| (key(v), i)).collect()));
        Keyed { rows, keys, place }
    }

    /// The keys in order (tracked): `<For each=move || list.keys() key=|k| *k …>`.
    pub fn keys(&self) -> Vec<K> {
        self.keys.get()
    }

    /// One row's value; `None` once it has left the list.
    pub fn row(&self, key: K) -> Memo<Option<R>> {
        let (rows, place) = (self.rows, self.place);
        Memo::new(move |_| place.with(|m| m.get(&key).copied()).and_then(|i| rows.with(|r| r.get(i).cloned())))
    }

    pub fn is_empty(&self) -> bool {
        self.keys.with(Vec::is_empty)
    }
}
