//! The WBS grid's columns and keyboard, declared once and pure (natively tested).
//!
//! The grid draws every cell as text; one editor sits on the active cell (the pattern of Glide
//! Data Grid, AG Grid and SlickGrid). What a key does there is decided here, from the column and
//! the key alone; `wbs_tab.rs` and `cell_editor.rs` only perform it.

use mieruka_core::TaskField;

use crate::i18n::K;

/// An editable column of the WBS, in the order they are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Col {
    Title,
    Assignee,
    Start,
    Due,
    Estimate,
    Actual,
    Remaining,
    Percent,
    Status,
}

/// What kind of editor a column takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    /// A number; `optional` ones may be left empty (then derived).
    Number {
        optional: bool,
    },
    /// One of the project's members, or nobody.
    Member,
    Status,
}

impl Col {
    pub const ALL: [Col; 9] = [
        Col::Title,
        Col::Assignee,
        Col::Start,
        Col::Due,
        Col::Estimate,
        Col::Actual,
        Col::Remaining,
        Col::Percent,
        Col::Status,
    ];

    /// The task field the column edits.
    pub fn field(self) -> TaskField {
        match self {
            Col::Title => TaskField::Title,
            Col::Assignee => TaskField::Assignee,
            Col::Start => TaskField::Start,
            Col::Due => TaskField::Due,
            Col::Estimate => TaskField::EstimateHours,
            Col::Actual => TaskField::ActualHours,
            Col::Remaining => TaskField::RemainingHours,
            Col::Percent => TaskField::Percent,
            Col::Status => TaskField::Status,
        }
    }

    /// The header, and with the WBS number the editor's accessible name ("Title of task 1.2").
    pub fn label(self) -> K {
        match self {
            Col::Title => K::TitleOfTask,
            Col::Assignee => K::Assignee,
            Col::Start => K::Start,
            Col::Due => K::Due,
            Col::Estimate => K::EstimateH,
            Col::Actual => K::ActualH,
            Col::Remaining => K::RemainingH,
            Col::Percent => K::Percent,
            Col::Status => K::Status,
        }
    }

    /// The column header (the title column says "Title", its cells "Title of task N").
    pub fn header(self) -> K {
        match self {
            Col::Title => K::Title,
            c => c.label(),
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Col::Title => Kind::Text,
            Col::Assignee => Kind::Member,
            Col::Start | Col::Due => Kind::Date,
            Col::Remaining => Kind::Number { optional: true },
            Col::Estimate | Col::Actual | Col::Percent => Kind::Number { optional: false },
            Col::Status => Kind::Status,
        }
    }

    /// Numbers are right-aligned.
    pub fn numeric(self) -> bool {
        matches!(self.kind(), Kind::Number { .. })
    }

    /// A parent's dates, hours and progress are rolled up from its children: only its title and
    /// assignee are its own.
    pub fn editable(self, parent: bool) -> bool {
        !parent || matches!(self, Col::Title | Col::Assignee)
    }

    fn position(self) -> usize {
        Col::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    /// The next editable column of a row, if any.
    pub fn next(self, parent: bool) -> Option<Col> {
        Col::ALL[self.position() + 1..].iter().copied().find(|c| c.editable(parent))
    }

    /// The previous editable column of a row, if any.
    pub fn prev(self, parent: bool) -> Option<Col> {
        Col::ALL[..self.position()].iter().rev().copied().find(|c| c.editable(parent))
    }

    /// The last editable column of a row.
    pub fn last(parent: bool) -> Col {
        Col::ALL.iter().rev().copied().find(|c| c.editable(parent)).unwrap_or(Col::Title)
    }

    /// This column in a row of the other kind: a parent has no own dates or hours, so the title.
    pub fn in_row(self, parent: bool) -> Col {
        if self.editable(parent) {
            self
        } else {
            Col::Title
        }
    }

    /// For `data-col` attributes (tests and styles find cells by it).
    pub fn key(self) -> &'static str {
        self.field().name()
    }
}

/// A key pressed in the editor, as far as the grid cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Key<'a> {
    pub key: &'a str,
    pub alt: bool,
    pub shift: bool,
    pub ctrl: bool,
    /// An IME composition is under way (Japanese input): its keys belong to it.
    pub composing: bool,
}

/// A structure command on the active row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Structure {
    Indent,
    Outdent,
    MoveUp,
    MoveDown,
}

impl Structure {
    /// The command it stands for, on a task of a project.
    pub fn command(self, project: mieruka_core::Id, task: mieruka_core::Id) -> mieruka_core::Command {
        use mieruka_core::Command;
        match self {
            Structure::Indent => Command::Indent { project, task },
            Structure::Outdent => Command::Outdent { project, task },
            Structure::MoveUp => Command::MoveUp { project, task },
            Structure::MoveDown => Command::MoveDown { project, task },
        }
    }
}

/// What the grid does with a key in the editor. Every action but `Native` and `Cancel` first
/// commits what was typed, and stops if that is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave it to the editor (typing, the caret, a date's segments).
    Native,
    /// The same column `by` rows down (negative: up).
    Row {
        by: isize,
    },
    /// The next / previous editable cell of the row; past its last one Tab goes on as the page's
    /// order has it (the row's buttons, then the next row's title), as it did when every cell
    /// was a form control.
    NextCell,
    PrevCell,
    /// A new sibling below the row, its title being edited (Enter in a title).
    AddBelow,
    /// Put the editor's text back to the stored value.
    Cancel,
    /// Stop selecting: the caret to the end (F2).
    CaretToEnd,
    Structure(Structure),
}

/// The grid's keyboard, for the editor of `col` in a leaf or a parent row.
pub fn action(col: Col, key: Key) -> Action {
    if key.composing {
        return Action::Native;
    }
    if key.alt && key.shift {
        return match key.key {
            "ArrowRight" => Action::Structure(Structure::Indent),
            "ArrowLeft" => Action::Structure(Structure::Outdent),
            "ArrowUp" => Action::Structure(Structure::MoveUp),
            "ArrowDown" => Action::Structure(Structure::MoveDown),
            _ => Action::Native,
        };
    }
    if key.alt || key.ctrl {
        // Alt+↓ opens a select's list; Ctrl+arrows move by words.
        return Action::Native;
    }
    match key.key {
        // A date's segments step with the arrows, as every date field does.
        "ArrowUp" | "ArrowDown" if col.kind() == Kind::Date => Action::Native,
        "ArrowDown" => Action::Row { by: 1 },
        "ArrowUp" => Action::Row { by: -1 },
        "PageDown" => Action::Row { by: 10 },
        "PageUp" => Action::Row { by: -10 },
        "Enter" if col == Col::Title && !key.shift => Action::AddBelow,
        "Enter" if key.shift => Action::Row { by: -1 },
        "Enter" => Action::Row { by: 1 },
        "Tab" if key.shift => Action::PrevCell,
        "Tab" => Action::NextCell,
        "Escape" => Action::Cancel,
        "F2" => Action::CaretToEnd,
        _ => Action::Native,
    }
}

/// The row `by` away from `index` among `len` rows, kept inside the grid.
pub fn row_by(index: usize, by: isize, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let target = (index as isize + by).clamp(0, len as isize - 1) as usize;
    (target != index).then_some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(key: &str) -> Key<'_> {
        Key { key, ..Key::default() }
    }

    #[test]
    fn every_column_names_a_distinct_task_field() {
        let mut fields: Vec<TaskField> = Col::ALL.iter().map(|c| c.field()).collect();
        fields.sort_unstable();
        fields.dedup();
        assert_eq!(fields.len(), Col::ALL.len());
    }

    #[test]
    fn a_parent_edits_only_its_title_and_assignee() {
        let own: Vec<Col> = Col::ALL.iter().copied().filter(|c| c.editable(true)).collect();
        assert_eq!(own, vec![Col::Title, Col::Assignee]);
        assert!(Col::ALL.iter().all(|c| c.editable(false)));
        assert_eq!(Col::Due.in_row(true), Col::Title);
        assert_eq!(Col::Due.in_row(false), Col::Due);
        assert_eq!(Col::last(true), Col::Assignee);
        assert_eq!(Col::last(false), Col::Status);
    }

    #[test]
    fn next_and_prev_walk_the_editable_columns() {
        let mut walked = vec![Col::Title];
        while let Some(c) = walked.last().unwrap().next(false) {
            walked.push(c);
        }
        assert_eq!(walked, Col::ALL.to_vec());
        assert_eq!(Col::Title.next(true), Some(Col::Assignee));
        assert_eq!(Col::Assignee.next(true), None);
        assert_eq!(Col::Status.prev(false), Some(Col::Percent));
        assert_eq!(Col::Title.prev(false), None);
    }

    #[test]
    fn keys_of_the_grid() {
        assert_eq!(action(Col::Title, k("Enter")), Action::AddBelow);
        assert_eq!(action(Col::Estimate, k("Enter")), Action::Row { by: 1 });
        assert_eq!(action(Col::Estimate, Key { shift: true, ..k("Enter") }), Action::Row { by: -1 });
        assert_eq!(action(Col::Title, k("ArrowDown")), Action::Row { by: 1 });
        assert_eq!(action(Col::Status, k("ArrowUp")), Action::Row { by: -1 });
        assert_eq!(action(Col::Start, k("ArrowUp")), Action::Native, "a date steps its segment");
        assert_eq!(action(Col::Title, k("ArrowLeft")), Action::Native, "the caret moves");
        assert_eq!(action(Col::Title, k("Tab")), Action::NextCell);
        assert_eq!(action(Col::Title, Key { shift: true, ..k("Tab") }), Action::PrevCell);
        assert_eq!(action(Col::Percent, k("Escape")), Action::Cancel);
        assert_eq!(action(Col::Percent, k("F2")), Action::CaretToEnd);
        assert_eq!(action(Col::Title, k("a")), Action::Native);
        let alt_shift = |key| Key { key, alt: true, shift: true, ..Key::default() };
        assert_eq!(action(Col::Due, alt_shift("ArrowRight")), Action::Structure(Structure::Indent));
        assert_eq!(action(Col::Title, alt_shift("ArrowLeft")), Action::Structure(Structure::Outdent));
        assert_eq!(action(Col::Title, alt_shift("ArrowUp")), Action::Structure(Structure::MoveUp));
        assert_eq!(action(Col::Title, alt_shift("ArrowDown")), Action::Structure(Structure::MoveDown));
        assert_eq!(action(Col::Assignee, Key { alt: true, ..k("ArrowDown") }), Action::Native, "opens the list");
    }

    #[test]
    fn an_ime_composition_keeps_its_keys() {
        for key in ["Enter", "ArrowDown", "Escape", "Tab"] {
            assert_eq!(action(Col::Title, Key { key, composing: true, ..Key::default() }), Action::Native, "{key}");
        }
    }

    #[test]
    fn rows_stay_inside_the_grid() {
        assert_eq!(row_by(0, -1, 5), None);
        assert_eq!(row_by(0, 1, 5), Some(1));
        assert_eq!(row_by(4, 1, 5), None);
        assert_eq!(row_by(3, 10, 5), Some(4));
        assert_eq!(row_by(3, -10, 5), Some(0));
        assert_eq!(row_by(0, 1, 0), None);
    }
}
