//! `WbsNav`: where the WBS grid's one editor is (the active cell), and what moving it does —
//! committing what was typed, scrolling the row into the rendered window, giving the editor the
//! focus once it is drawn.

use leptos::prelude::*;
use mieruka_core::interop::build::norm_name;
use mieruka_core::topic::Read;
use mieruka_core::{Command, EntityKind, EntityRef, Id, Member, Task};
use serde_json::Value;

use crate::browser;
use crate::features::wbs::wbs_data::RowView;
use crate::features::wbs::wbs_grid::{self, Action, Col, Kind};
use crate::i18n::{I18n, K};
use crate::notice::Notices;
use crate::state::ProjectStore;
use crate::ui::form_fields::{date_json, date_value, id_json, number_json, InputError};

#[derive(Clone, Copy)]
pub struct WbsNav {
    pid: Id,
    store: ProjectStore,
    i18n: I18n,
    notices: Notices,
    /// The visible rows, in order.
    rows: Memo<Vec<RowView>>,
    /// The active cell: the one editor is drawn there.
    pub active: RwSignal<Option<(Id, Col)>>,
    /// A row to bring into the rendered window and into view.
    pub reveal: RwSignal<Option<Id>>,
    /// The editor takes the focus when it is next drawn.
    focus_pending: StoredValue<bool>,
    /// What was typed into the editor and not committed yet: kept while its row is out of the
    /// rendered window, and given back when it is drawn again.
    draft: StoredValue<Option<(Id, Col, String)>>,
    /// The task whose assignee is being given to a new member (the name dialog is open).
    pub new_member_for: RwSignal<Option<Id>>,
    /// People of the other projects who are not members here (tracked), offered as assignees.
    pub other_people: Memo<Vec<String>>,
}

/// The assignee choice that asks for a new member's name.
pub const NEW_MEMBER: &str = "+new";
/// The prefix of an assignee choice naming a person of another project (added here when chosen).
pub const NAMED: &str = "+name:";

/// A person's name compared as the importers compare it: case and white space ignored
/// (`山田 太郎` = `山田太郎`).
fn same_person(a: &str, b: &str) -> bool {
    norm_name(a) == norm_name(b)
}

pub fn expect_wbs_nav() -> WbsNav {
    expect_context::<WbsNav>()
}

/// The editor's text for a stored task field (what `commit` parses back).
pub fn field_text(t: &Task, col: Col) -> String {
    let num = |x: f64| x.to_string();
    match col {
        Col::Title => t.title.clone(),
        Col::Assignee => t.assignee.map(|a| a.to_string()).unwrap_or_default(),
        Col::Start => date_value(t.start),
        Col::Due => date_value(t.due),
        Col::Estimate => num(t.estimate_hours),
        Col::Actual => num(t.actual_hours),
        Col::Remaining => t.remaining_hours.map(num).unwrap_or_default(),
        Col::Percent => num(t.percent),
        Col::Status => t.status.as_str().to_string(),
    }
}

impl WbsNav {
    pub fn new(pid: Id, store: ProjectStore, i18n: I18n, notices: Notices, rows: Memo<Vec<RowView>>) -> Self {
        WbsNav {
            pid,
            store,
            i18n,
            notices,
            rows,
            active: RwSignal::new(None),
            reveal: RwSignal::new(None),
            focus_pending: StoredValue::new(false),
            draft: StoredValue::new(None),
            new_member_for: RwSignal::new(None),
            other_people: Memo::new(move |_| {
                // The members of every project, and nothing else of them.
                let members = [Read::Kind(EntityKind::Member)];
                let names_of = |id: Id| {
                    store
                        .read(id, &members, |p| p.members.values().map(|m| m.name.clone()).collect::<Vec<_>>())
                        .unwrap_or_default()
                };
                let here = names_of(pid);
                let mut names: Vec<String> = Vec::new();
                for other in store.project_ids().into_iter().filter(|p| *p != pid) {
                    for name in names_of(other) {
                        let known =
                            here.iter().any(|n| same_person(n, &name)) || names.iter().any(|n| same_person(n, &name));
                        if !name.trim().is_empty() && !known {
                            names.push(name);
                        }
                    }
                }
                names.sort();
                names
            }),
        }
    }

    /// Makes the person called `name` the task's assignee: the member of that name, else a new
    /// member added to the project first. `false` (with a message) if refused.
    pub fn assign_named(&self, task: Id, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() {
            self.notices.error(self.i18n.t(K::ErrEmptyName));
            return false;
        }
        let existing = self.store.with_untracked(|ws| {
            ws.projects
                .get(&self.pid)
                .and_then(|p| p.members.iter().find(|(_, m)| same_person(&m.name, name)).map(|(id, _)| *id))
        });
        let member = match existing {
            Some(id) => id,
            None => {
                let id = browser::new_id();
                let added = Member { name: name.to_string(), ..Member::default() };
                if !self.store.run(Command::AddMember { project: self.pid, id, member: added }) {
                    return false;
                }
                id
            }
        };
        self.store.run(Command::Set {
            project: self.pid,
            entity: EntityRef::task(task),
            field: Col::Assignee.field().into(),
            value: Value::String(member.to_string()),
        })
    }

    fn task<R>(&self, id: Id, f: impl FnOnce(&Task) -> R) -> Option<R> {
        self.store.with_untracked(|ws| ws.projects.get(&self.pid).and_then(|p| p.tasks.get(&id)).map(f))
    }

    /// The stored value of a cell as the editor shows it.
    pub fn stored_text(&self, id: Id, col: Col) -> String {
        self.task(id, |t| field_text(t, col)).unwrap_or_default()
    }

    /// The same, tracked: changes with an undo, or an edit from another tab.
    pub fn stored_text_tracked(&self, id: Id, col: Col) -> Option<String> {
        self.store
            .read(self.pid, &[Read::entity(EntityKind::Task, id)], |p| p.tasks.get(&id).map(|t| field_text(t, col)))
            .flatten()
    }

    /// A leaf's remaining hours as derived from its estimate and progress (tracked).
    pub fn derived_remaining(&self, id: Id) -> String {
        self.store
            .read(self.pid, &[Read::entity(EntityKind::Task, id)], |p| {
                p.tasks.get(&id).map(|t| self.i18n.num(t.effective_remaining()))
            })
            .flatten()
            .unwrap_or_default()
    }

    // ------------------------------------------------------------------ drafts

    pub fn keep_draft(&self, id: Id, col: Col, text: String) {
        self.draft.set_value(Some((id, col, text)));
    }

    pub fn draft_for(&self, id: Id, col: Col) -> Option<String> {
        self.draft.with_value(|d| d.as_ref().filter(|(i, c, _)| *i == id && *c == col).map(|(_, _, t)| t.clone()))
    }

    pub fn drop_draft(&self, id: Id, col: Col) {
        self.draft.update_value(|d| {
            if d.as_ref().is_some_and(|(i, c, _)| *i == id && *c == col) {
                *d = None;
            }
        });
    }

    /// Commits a draft left in a cell whose editor is not drawn (before the editor moves on).
    fn commit_stray_draft(&self) {
        if let Some((id, col, text)) = self.draft.get_value() {
            self.commit(id, col, &text);
        }
    }

    // ------------------------------------------------------------------ committing

    /// Parses what was typed into a cell and stores it; `false` (with a message) if refused.
    /// Text equal to the stored value changes nothing.
    pub fn commit(&self, id: Id, col: Col, text: &str) -> bool {
        self.drop_draft(id, col);
        let Some(stored) = self.task(id, |t| field_text(t, col)) else {
            return true; // deleted meanwhile (another tab): nothing to put the text on
        };
        if stored == text {
            return true;
        }
        let value: Result<Value, InputError> = match col.kind() {
            Kind::Text => Ok(Value::String(text.to_string())),
            Kind::Number { optional } => number_json(text, optional),
            Kind::Date => date_json(text),
            Kind::Member if text == NEW_MEMBER => {
                // Asks for the name (the dialog); the cell keeps its value meanwhile.
                self.new_member_for.set(Some(id));
                return false;
            }
            Kind::Member => match text.strip_prefix(NAMED) {
                Some(name) => return self.assign_named(id, name),
                None => Ok(id_json(text)),
            },
            Kind::Status => Ok(Value::String(text.to_string())),
        };
        match value {
            Ok(value) => self.store.run(Command::Set {
                project: self.pid,
                entity: EntityRef::task(id),
                field: col.field().into(),
                value,
            }),
            Err(e) => {
                self.notices.error(e.message(&self.i18n));
                false
            }
        }
    }

    // ------------------------------------------------------------------ moving

    /// Makes a cell the active one; with `focus` its editor takes the focus once drawn, and the
    /// row is brought into view.
    pub fn activate(&self, id: Id, col: Col, focus: bool) {
        if self.active.get_untracked() != Some((id, col)) {
            self.commit_stray_draft();
        }
        if focus {
            self.want_focus();
            self.reveal.set(Some(id));
        }
        if self.active.get_untracked() != Some((id, col)) {
            self.active.set(Some((id, col)));
        }
    }

    /// Edits a task's title (a new row, a row moved by the keyboard).
    pub fn focus(&self, id: Id) {
        self.activate(id, Col::Title, true);
    }

    /// The editor takes the focus when drawn, or now if it already is (its row was moved).
    pub fn want_focus(&self) {
        // The grid may be going away (another tab opened): then there is nothing to focus.
        if self.focus_pending.try_update_value(|p| *p = true).is_none() {
            return;
        }
        let nav = *self;
        request_animation_frame(move || {
            if let Ok(Some(el)) = document().query_selector(".wbs-table .cell-editor") {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    nav.claim_focus(&el);
                }
            }
        });
    }

    /// Called by a drawn editor: focuses it if the grid asked for the focus.
    pub fn claim_focus(&self, el: &web_sys::HtmlElement) {
        if self.focus_pending.try_update_value(std::mem::take) != Some(true) {
            return;
        }
        let _focus_is_best_effort = el.focus();
        if let Some(input) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(el) {
            if input.type_() == "text" {
                // Typing replaces the text, as in a spreadsheet; F2 puts the caret at the end.
                input.select();
            }
        }
    }

    fn index_of(&self, id: Id) -> Option<usize> {
        self.rows.with_untracked(|r| r.iter().position(|x| x.id == id))
    }

    fn row_at(&self, index: usize) -> Option<(Id, bool)> {
        self.rows.with_untracked(|r| r.get(index).map(|x| (x.id, x.has_children)))
    }

    /// Tab from a row's last button: the next row's title, if there is one.
    pub fn after_row(&self, id: Id) -> bool {
        match self.index_of(id).and_then(|i| self.row_at(i + 1)) {
            Some((next, _)) => {
                self.activate(next, Col::Title, true);
                true
            }
            None => false,
        }
    }

    /// Focuses the row at a position among the visible rows (if there is one), in `col`.
    pub fn focus_index(&self, index: usize, col: Col) {
        if let Some((id, parent)) = self.row_at(index) {
            self.activate(id, col.in_row(parent), true);
        }
    }

    /// The actions that move or change rows (after the editor committed).
    pub fn perform(&self, id: Id, col: Col, act: Action) {
        let pid = self.pid;
        match act {
            Action::Row { by } => {
                let len = self.rows.with_untracked(Vec::len);
                if let Some(target) = self.index_of(id).and_then(|i| wbs_grid::row_by(i, by, len)) {
                    self.focus_index(target, col);
                }
            }
            Action::AddBelow => {
                let parent = self.task(id, |t| t.parent).flatten();
                add_task(self.store, *self, pid, parent, Some(id), self.i18n.t(K::NewTaskTitle).to_string());
            }
            Action::Structure(s) => {
                let cmd = s.command(pid, id);
                if self.store.run(cmd) {
                    // The row may have become a parent: its own dates are no longer editable.
                    let parent = self.store.with_untracked(|ws| {
                        ws.projects.get(&pid).is_some_and(|p| p.tasks.values().any(|t| t.parent == Some(id)))
                    });
                    self.activate(id, col.in_row(parent), true);
                    self.want_focus();
                }
            }
            Action::Native | Action::NextCell | Action::PrevCell | Action::Cancel | Action::CaretToEnd => {}
        }
    }
}

/// Adds a task after `after` (as its sibling) or at the end of `parent`, and edits its title.
pub fn add_task(store: ProjectStore, nav: WbsNav, pid: Id, parent: Option<Id>, after: Option<Id>, title: String) {
    let id = browser::new_id();
    let task = Task { title, ..Task::default() };
    if store.run(Command::InsertTask { project: pid, id, parent, after, task }) {
        nav.focus(id);
    }
}
