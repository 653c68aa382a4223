//! The buttons at the end of a WBS row, and the grid's clicks and keys, handled once for the whole
//! table body instead of by listeners on every cell and button: rows are created and dropped on
//! every scrolled frame, and their listeners were a large part of that cost.

use leptos::prelude::*;
use mieruka_core::{Command, EntityRef, Id};
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::features::wbs::wbs_grid::{Col, Structure};
use crate::features::wbs::wbs_nav::{add_task, WbsNav};
use crate::i18n::{I18n, K};
use crate::state::ProjectStore;

/// A row button: what it does, its name and its glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAct {
    AddChild,
    Structure(Structure),
    Details,
    Delete,
}

impl RowAct {
    /// In the order the row shows them.
    pub const ALL: [RowAct; 7] = [
        RowAct::AddChild,
        RowAct::Structure(Structure::Indent),
        RowAct::Structure(Structure::Outdent),
        RowAct::Structure(Structure::MoveUp),
        RowAct::Structure(Structure::MoveDown),
        RowAct::Details,
        RowAct::Delete,
    ];

    /// The button's `data-act`.
    pub fn key(self) -> &'static str {
        match self {
            RowAct::AddChild => "add-child",
            RowAct::Structure(Structure::Indent) => "indent",
            RowAct::Structure(Structure::Outdent) => "outdent",
            RowAct::Structure(Structure::MoveUp) => "move-up",
            RowAct::Structure(Structure::MoveDown) => "move-down",
            RowAct::Details => "details",
            RowAct::Delete => "delete",
        }
    }

    pub fn from_key(key: &str) -> Option<RowAct> {
        RowAct::ALL.into_iter().find(|a| a.key() == key)
    }

    /// Its name (the tooltip; with the WBS number, the accessible name).
    pub fn name(self) -> K {
        match self {
            RowAct::AddChild => K::AddChild,
            RowAct::Structure(Structure::Indent) => K::Indent,
            RowAct::Structure(Structure::Outdent) => K::Outdent,
            RowAct::Structure(Structure::MoveUp) => K::MoveUp,
            RowAct::Structure(Structure::MoveDown) => K::MoveDown,
            RowAct::Details => K::Details,
            RowAct::Delete => K::Delete,
        }
    }

    pub fn glyph(self) -> &'static str {
        match self {
            RowAct::AddChild => "＋",
            RowAct::Structure(Structure::Indent) => "→",
            RowAct::Structure(Structure::Outdent) => "←",
            RowAct::Structure(Structure::MoveUp) => "↑",
            RowAct::Structure(Structure::MoveDown) => "↓",
            RowAct::Details => "…",
            RowAct::Delete => "✕",
        }
    }
}

/// What the table body's handlers act on.
#[derive(Clone, Copy)]
pub struct GridEvents {
    pub pid: Id,
    pub store: ProjectStore,
    pub nav: WbsNav,
    pub i18n: I18n,
    /// The task whose detail form is open.
    pub editing: RwSignal<Option<Id>>,
}

/// The element an event happened on, if it is one.
fn target(ev: &web_sys::Event) -> Option<Element> {
    ev.target()?.dyn_into::<Element>().ok()
}

/// The row an element is in: its task, and whether it is a parent.
fn row_of(el: &Element) -> Option<(Id, bool)> {
    let tr = el.closest("tr[data-id]").ok()??;
    let id = tr.get_attribute("data-id")?.parse().ok()?;
    Some((id, tr.class_list().contains("parent")))
}

impl GridEvents {
    /// A click in the table body: a row button runs its command; a click on a cell makes it the
    /// active one (an editable cell that is not active already).
    pub fn click(&self, ev: &web_sys::MouseEvent) {
        let Some(el) = target(ev) else { return };
        let Some((id, parent)) = row_of(&el) else {
            return;
        };
        if let Some(button) = el.closest("button[data-act]").ok().flatten() {
            if let Some(act) = button.get_attribute("data-act").as_deref().and_then(RowAct::from_key) {
                self.run(act, id);
            }
            return;
        }
        let col = el
            .closest("td[data-col]")
            .ok()
            .flatten()
            .and_then(|td| td.get_attribute("data-col"))
            .and_then(|k| Col::ALL.into_iter().find(|c| c.key() == k));
        if let Some(col) = col {
            if col.editable(parent) && self.nav.active.get_untracked() != Some((id, col)) {
                self.nav.activate(id, col, true);
            }
        }
    }

    /// Tab runs through a row's cells, then its buttons, then the next row's cells (only the active
    /// cell has an editor to stop at).
    pub fn keydown(&self, ev: &web_sys::KeyboardEvent) {
        if ev.key() != "Tab" {
            return;
        }
        let Some(el) = target(ev) else { return };
        let Some(act) = el.get_attribute("data-act").as_deref().and_then(RowAct::from_key) else {
            return;
        };
        let Some((id, parent)) = row_of(&el) else {
            return;
        };
        let moved = match (act, ev.shift_key()) {
            (RowAct::Delete, false) => self.nav.after_row(id),
            (RowAct::AddChild, true) => {
                self.nav.activate(id, Col::last(parent), true);
                true
            }
            _ => false,
        };
        if moved {
            ev.prevent_default();
        }
    }

    fn run(&self, act: RowAct, id: Id) {
        let pid = self.pid;
        match act {
            RowAct::AddChild => {
                add_task(self.store, self.nav, pid, Some(id), None, self.i18n.t(K::NewTaskTitle).to_string())
            }
            RowAct::Structure(s) => {
                self.store.run(s.command(pid, id));
            }
            RowAct::Details => self.editing.set(Some(id)),
            RowAct::Delete => {
                self.store.run(Command::Delete { project: pid, entity: EntityRef::task(id) });
            }
        }
    }
}
