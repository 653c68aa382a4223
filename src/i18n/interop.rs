//! Translations for importing, exporting and merging: sources, column targets, value kinds, the
//! importers' warnings and the reasons a file cannot be read. The core returns typed values; this
//! is the one place they become words. `read_error` and `warning` name a key in each arm, as
//! `errors.rs` explains (the import worker's size).

use mieruka_core::interop::text::TextEncoding;
use mieruka_core::interop::{ItemKind, ReadError, Source, Target, Warning, WarningKind};

use crate::i18n::{domain_error, field_label, I18n, Lang, Msg, K};

impl I18n {
    pub fn source(&self, s: Source) -> &'static str {
        self.t(match s {
            Source::Jira => K::SourceJira,
            Source::Backlog => K::SourceBacklog,
            Source::Redmine => K::SourceRedmine,
            Source::Csv => K::SourceCsv,
            Source::Mspdi => K::SourceMspdi,
        })
    }

    /// An import's audit record in words: "Backlog (CSV export): 120 new, 3 updated".
    pub fn import_summary(&self, r: &mieruka_core::ImportRecord) -> String {
        let source = Source::ALL.iter().find(|s| s.as_str() == r.source).map_or(r.source.as_str(), |s| self.source(*s));
        self.msg().import_record_summary(self.num(f64::from(r.created)), source, self.num(f64::from(r.updated)))
    }

    /// When a change brought by an import was imported ("2026/12/06 18:02 取り込み").
    pub fn imported_at(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        self.msg().imported_at(self.instant(at))
    }

    pub fn target(&self, t: Target) -> String {
        let lang = self.lang();
        let k = match t {
            Target::Ignore => K::TargetIgnore,
            Target::Key => K::TargetKey,
            Target::ParentKey => K::TargetParentKey,
            Target::WbsNumber => K::TargetWbsNumber,
            Target::Kind => K::TargetKind,
            Target::Created => K::TargetCreated,
            Target::Updated => K::TargetUpdated,
            Target::Resolved => K::TargetResolved,
            Target::EstimateSeconds => K::TargetEstimateSeconds,
            Target::ActualSeconds => K::TargetActualSeconds,
            Target::RemainingSeconds => K::TargetRemainingSeconds,
            Target::Label => K::TargetLabel,
            Target::Sprint => K::TargetSprint,
            Target::Comment => K::TargetComment,
            Target::Title => return field_label(lang, "title"),
            Target::Description => return field_label(lang, "description"),
            Target::Status => return field_label(lang, "status"),
            Target::Priority => return field_label(lang, "priority"),
            Target::Assignee => return field_label(lang, "assignee"),
            Target::Start => return field_label(lang, "start"),
            Target::Due => return field_label(lang, "due"),
            Target::EstimateHours => return field_label(lang, "estimate_hours"),
            Target::ActualHours => return field_label(lang, "actual_hours"),
            Target::RemainingHours => return field_label(lang, "remaining_hours"),
            Target::Percent => return field_label(lang, "percent"),
            Target::StoryPoints => return field_label(lang, "story_points"),
            Target::Predecessors => return field_label(lang, "depends_on"),
            Target::Milestone => return field_label(lang, "milestone"),
        };
        k.text(lang).to_string()
    }

    pub fn item_kind(&self, k: ItemKind) -> &'static str {
        self.t(match k {
            ItemKind::Task => K::ItemTask,
            ItemKind::Milestone => K::Milestone,
            ItemKind::Issue => K::ItemIssue,
            ItemKind::Skip => K::ItemSkip,
        })
    }

    pub fn encoding(&self, e: TextEncoding) -> &'static str {
        encoding_name(e)
    }

    pub fn delimiter(&self, d: char) -> String {
        match d {
            ',' => self.t(K::DelimComma).to_string(),
            ';' => self.t(K::DelimSemicolon).to_string(),
            '\t' => self.t(K::DelimTab).to_string(),
            other => format!("'{other}'"),
        }
    }

    pub fn read_error(&self, e: &ReadError) -> String {
        read_error(self.lang(), e)
    }

    pub fn warning(&self, w: &Warning) -> String {
        warning(self.lang(), &w.kind)
    }
}

/// How a text encoding is called (names of standards, the same in both languages).
pub fn encoding_name(e: TextEncoding) -> &'static str {
    match e {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf8Bom => "UTF-8 (BOM)",
        TextEncoding::Utf16Le => "UTF-16 LE",
        TextEncoding::Utf16Be => "UTF-16 BE",
        TextEncoding::ShiftJis => "Shift_JIS (CP932)",
    }
}

pub fn read_error(lang: Lang, e: &ReadError) -> String {
    let m = Msg(lang);
    match e {
        ReadError::Empty => K::ReadEmpty.text(lang).into(),
        ReadError::TooLarge { bytes, max } => {
            m.read_too_large(lang.fmt().megabytes(*max), lang.fmt().megabytes(*bytes))
        }
        ReadError::NotText { offset } => m.read_not_text(offset),
        ReadError::NoHeader => K::ReadNoHeader.text(lang).into(),
        ReadError::TooManyRows { max } => m.read_too_many_rows(max),
        ReadError::UnclosedQuote { line } => m.read_unclosed_quote(line),
        ReadError::BadXml { line, message } => m.read_bad_xml(line, message),
        ReadError::XmlTooDeep { line, max } => m.read_xml_too_deep(line, max),
        ReadError::NotMspdi => K::ReadNotMspdi.text(lang).into(),
        ReadError::NoTitleColumn => K::ReadNoTitleColumn.text(lang).into(),
    }
}

pub fn warning(lang: Lang, w: &WarningKind) -> String {
    let m = Msg(lang);
    match w {
        WarningKind::RaggedRow { expected, found } => m.warn_ragged_row(expected, found),
        WarningKind::BadDate { column, value } => m.warn_bad_date(column, value),
        WarningKind::BadNumber { column, value } => m.warn_bad_number(column, value),
        WarningKind::MissingTitle => K::WarnMissingTitle.text(lang).into(),
        WarningKind::EmptyRow => K::WarnEmptyRow.text(lang).into(),
        WarningKind::DuplicateKey { key } => m.warn_duplicate_key(key),
        WarningKind::UnknownParent { key } => m.warn_unknown_parent(key),
        WarningKind::ParentCycle { key } => m.warn_parent_cycle(key),
        WarningKind::UnknownPredecessor { key } => m.warn_unknown_predecessor(key),
        WarningKind::UnmappedStatus { value } => m.warn_unmapped_status(value),
        WarningKind::UnmappedPriority { value } => m.warn_unmapped_priority(value),
        WarningKind::UnmappedKind { value } => m.warn_unmapped_kind(value),
        WarningKind::PercentClamped { value } => m.warn_percent_clamped(value),
        WarningKind::Undecodable => K::WarnUndecodable.text(lang).into(),
        WarningKind::CrossProjectLink => K::WarnCrossProjectLink.text(lang).into(),
        WarningKind::LinkTypeAsFinishToStart { link_type } => m.warn_link_type_as_finish_to_start(link_type),
        WarningKind::LinkLagIgnored => K::WarnLinkLagIgnored.text(lang).into(),
        WarningKind::MultipleResources => K::WarnMultipleResources.text(lang).into(),
        WarningKind::TitleCut { max } => m.warn_title_cut(max),
        WarningKind::DescriptionCut { max } => m.warn_description_cut(max),
        WarningKind::DuplicateColumn { column } => m.warn_duplicate_column(column),
        WarningKind::StartAfterDue { start, due } => m.warn_start_after_due(due, start),
        WarningKind::RowInvalid { error } => m.warn_row_invalid(domain_error(lang, error)),
        WarningKind::AssigneeInvalid { error } => m.warn_assignee_invalid(domain_error(lang, error)),
        WarningKind::SelfDependency { key } => m.warn_self_dependency(key),
        WarningKind::DependencyCycle { from, to } => m.warn_dependency_cycle(from, to),
    }
}
