//! What the core refuses, in words: field names, the domain's errors and why a Mieruka file
//! cannot be read. The core returns typed values; the texts are in `locales/*.ftl`.
//!
//! Each arm names its own key (`K::X.text(lang)`), not `let k = match …; k.text(lang)`: a key
//! picked by a match over an enum and looked up afterwards keeps every text of the catalogue in the
//! import worker's wasm (+40 KB raw, measured), where these functions are used too.

use mieruka_core::fields::Expected;
use mieruka_core::format::{ImportError, Problem};
use mieruka_core::DomainError;

use super::{Lang, Msg, K};
use crate::dom_error::{DomError, Reason};
use crate::storage::StorageError;

/// A field name as the user sees it.
pub fn field_label(lang: Lang, field: &str) -> String {
    let k = match field {
        "title" => K::Title,
        "name" => K::Name,
        "code" => K::Code,
        "description" => K::Description,
        "manager" => K::Manager,
        "start" => K::Start,
        "due" => K::Due,
        "target_end" => K::TargetEnd,
        "status" => K::Status,
        "working_days" => K::WorkingDays,
        "estimate_hours" => K::Estimate,
        "actual_hours" => K::Actual,
        "remaining_hours" => K::Remaining,
        "story_points" => K::StoryPoints,
        "percent" => K::Percent,
        "priority" => K::Priority,
        "assignee" => K::Assignee,
        "owner" => K::Owner,
        "milestone" => K::Milestone,
        "depends_on" => K::DependsOn,
        "tags" => K::Tags,
        "parent" => K::Parent,
        "rank" => K::Order,
        "raised_on" => K::RaisedOn,
        "raised_by" => K::RaisedBy,
        "resolution" => K::Resolution,
        "linked_tasks" => K::LinkedTasks,
        "linked_risks" => K::LinkedRisks,
        "kind" => K::Kind,
        "category" => K::Category,
        "cause" => K::Cause,
        "probability" => K::Probability,
        "impact" => K::Impact,
        "residual_probability" => K::ResidualProbability,
        "residual_impact" => K::ResidualImpact,
        "strategy" => K::Strategy,
        "response_plan" => K::ResponsePlan,
        "contingency_plan" => K::ContingencyPlan,
        "review_date" => K::ReviewDate,
        "linked_issue" => K::LinkedIssue,
        "role" => K::Role,
        "capacity_hours_per_week" => K::Capacity,
        "archived" => K::Archived,
        "japanese_holidays" => K::JapaneseHolidays,
        "company_holidays" => K::CompanyHolidays,
        "extra_holidays" => K::ExtraHolidays,
        "extra_working_days" => K::ExtraWorkingDays,
        "default_rate" => K::DefaultRate,
        "currency" => K::Currency,
        "rate" => K::Rate,
        "$create" => K::Created,
        "$delete" => K::Deleted,
        other => return other.to_string(),
    };
    k.text(lang).to_string()
}

pub fn domain_error(lang: Lang, e: &DomainError) -> String {
    let m = Msg(lang);
    let f = |field: &str| field_label(lang, field);
    match e {
        DomainError::EmptyTitle => K::ErrEmptyTitle.text(lang).into(),
        DomainError::EmptyName => K::ErrEmptyName.text(lang).into(),
        DomainError::DueBeforeStart { start, due } => m.err_due_before_start(due, start),
        DomainError::PercentOutOfRange(p) => m.err_percent_out_of_range(p),
        DomainError::BadHours { field } => m.err_bad_hours(f(field)),
        DomainError::OffScale { field, value } => m.err_off_scale(f(field), value),
        DomainError::ParentCycle => K::ErrParentCycle.text(lang).into(),
        DomainError::DependencyCycle => K::ErrDependencyCycle.text(lang).into(),
        DomainError::SelfDependency => K::ErrSelfDependency.text(lang).into(),
        DomainError::ForeignTask(_) => K::ErrForeignTask.text(lang).into(),
        DomainError::NotFound { .. } | DomainError::NoProject(_) => K::ErrNotFound.text(lang).into(),
        DomainError::DuplicateId(_) => K::ErrDuplicate.text(lang).into(),
        DomainError::UnknownField(field) => m.err_unknown_field(field),
        DomainError::FieldOfOtherKind { field, .. } => m.err_unknown_field(field),
        DomainError::BadValue { field, .. } => m.err_bad_value(f(field)),
        DomainError::TooLong { field, max } => m.err_too_long(f(field), max),
        DomainError::StrategyMismatch => K::ErrStrategyMismatch.text(lang).into(),
        DomainError::BadCapacity => K::ErrBadCapacity.text(lang).into(),
        DomainError::BadRate { field } => m.err_bad_rate(f(field)),
        DomainError::NoWorkingDays => K::ErrNoWorkingDays.text(lang).into(),
        DomainError::BadCompanyHoliday(entry) => m.err_bad_company_holiday(entry),
        DomainError::NothingToUndo => K::NothingToUndo.text(lang).into(),
        DomainError::NothingToRedo => K::NothingToRedo.text(lang).into(),
        DomainError::CannotMove => K::ErrCannotMove.text(lang).into(),
        DomainError::PeriodEndsBeforeStart { start, end } => m.err_period_ends_before_start(end, start),
        DomainError::BadCadence { max } => m.err_bad_cadence(max),
        DomainError::AlreadyLinked { kind } if *kind == "issue" => K::ErrAlreadyLinkedIssue.text(lang).into(),
        DomainError::AlreadyLinked { .. } => K::ErrAlreadyLinkedTask.text(lang).into(),
    }
}

fn expected(lang: Lang, e: &Expected) -> String {
    match e {
        Expected::Object => K::ExpectedObject.text(lang).into(),
        Expected::List => K::ExpectedList.text(lang).into(),
        Expected::Text => K::ExpectedText.text(lang).into(),
        Expected::Number => K::ExpectedNumber.text(lang).into(),
        Expected::WholeNumber => K::ExpectedWholeNumber.text(lang).into(),
        Expected::Bool => K::ExpectedBool.text(lang).into(),
        Expected::Date => K::ExpectedDate.text(lang).into(),
        Expected::Instant => K::ExpectedInstant.text(lang).into(),
        Expected::Id => K::ExpectedId.text(lang).into(),
        Expected::OneOf(words) => Msg(lang).expected_one_of(words.join(", ")),
    }
}

pub fn import_error(lang: Lang, e: &ImportError) -> String {
    let m = Msg(lang);
    let what = match &e.problem {
        Problem::TooLarge { bytes, max } => {
            m.problem_too_large(lang.fmt().number(*bytes as f64, 0), lang.fmt().number(*max as f64, 0))
        }
        Problem::Empty => K::ProblemEmpty.text(lang).into(),
        Problem::NotJson { line, column } => m.problem_not_json(column, line),
        Problem::TooDeep => K::ProblemTooDeep.text(lang).into(),
        Problem::NotMieruka => K::ProblemNotMieruka.text(lang).into(),
        Problem::NewerVersion { found, supported } => m.problem_newer_version(found, supported),
        Problem::BadVersion => K::ProblemBadVersion.text(lang).into(),
        Problem::Missing => K::ProblemMissing.text(lang).into(),
        Problem::Expected(x) => expected(lang, x),
        Problem::Duplicate(id) => m.problem_duplicate(id),
        Problem::Invalid(d) => domain_error(lang, d),
        Problem::BadIndex { index } => m.problem_bad_index(index),
    };
    if e.path.is_empty() {
        what
    } else {
        m.problem_at(&e.path, what)
    }
}

/// A storage failure as the user reads it (also where no `I18n` is). The browser's own words are
/// not in it: they go to the log (`I18n::storage_error`).
pub fn storage_error(lang: Lang, e: &StorageError) -> String {
    let with_reason = |k: K, reason: &Reason| match reason_hint(*reason) {
        Some(hint) => format!("{} {}", k.text(lang), hint.text(lang)),
        None => k.text(lang).to_string(),
    };
    match e {
        StorageError::Blocked(_) => K::StorageUnavailable.text(lang).to_string(),
        StorageError::Unavailable { reason, .. } => with_reason(K::StorageCannotOpen, reason),
        StorageError::NotOpen => K::StorageNotOpen.text(lang).to_string(),
        StorageError::Full(_) => K::StorageQuota.text(lang).to_string(),
        StorageError::Newer => K::StorageNewer.text(lang).to_string(),
        StorageError::OlderTabOpen => K::StorageOlderTab.text(lang).to_string(),
        StorageError::Closed(_) => K::StorageClosed.text(lang).to_string(),
        StorageError::Write { reason, .. } => with_reason(K::StorageWriteFailed, reason),
        StorageError::Read { reason, .. } => with_reason(K::StorageReadFailed, reason),
        StorageError::Damaged(_) => K::StorageDamaged.text(lang).to_string(),
        StorageError::Corrupt(ie) => format!("{} {}", K::StorageCorrupt.text(lang), import_error(lang, ie)),
        StorageError::ReadBack(_) => K::StorageReadBack.text(lang).to_string(),
        StorageError::KeepsChanging => K::StorageKeepsChanging.text(lang).to_string(),
    }
}

/// What the user can make of a browser's refusal, where its reason says something.
fn reason_hint(reason: Reason) -> Option<K> {
    match reason {
        Reason::Abort | Reason::TransactionInactive => Some(K::ReasonCancelled),
        Reason::Unknown => Some(K::ReasonUnknown),
        Reason::NotFound => Some(K::ReasonNotFound),
        Reason::Data | Reason::DataClone => Some(K::ReasonData),
        Reason::Timeout => Some(K::ReasonTimeout),
        Reason::Security => Some(K::ReasonSecurity),
        Reason::Missing => Some(K::ReasonMissing),
        Reason::QuotaExceeded => Some(K::ReasonFull),
        Reason::Version | Reason::InvalidState | Reason::ReadOnly | Reason::Constraint | Reason::Other => None,
    }
}

/// A browser call's failure (a download, the clipboard, a canvas) as the user reads it: its
/// reason where that says something, else that the browser refused.
pub fn browser_error(lang: Lang, e: &DomError) -> String {
    reason_hint(e.reason).unwrap_or(K::BrowserRefused).text(lang).to_string()
}

/// Why a sync did not finish, as the user reads it.
pub fn sync_error(lang: Lang, e: &crate::sync_error::SyncError) -> String {
    use crate::sync_error::SyncError as E;
    use mieruka_core::sync::webdav::{AddressError, WebDavError as W};
    let k = |k: K| k.text(lang).to_string();
    match e {
        E::Offline => k(K::SyncErrOffline),
        E::Unreachable(_) => k(K::SyncErrUnreachable),
        E::CorsRefused => k(K::SyncErrCors),
        E::Server(W::Unauthorized) => k(K::SyncErr401),
        E::Server(W::Forbidden) => k(K::SyncErr403),
        E::Server(W::NotFound) => k(K::SyncErr404),
        E::Server(W::Taken) => k(K::SyncErr412),
        E::Server(W::Full) => k(K::SyncErr507),
        E::Server(W::Status(s)) => Msg(lang).sync_err_status(s),
        E::Server(W::BadListing(_)) => k(K::SyncErrListing),
        E::Address(AddressError::NotAnAddress) => k(K::SyncErrNotAddress),
        E::Address(AddressError::PlainHttp) => k(K::SyncErrPlainHttp),
        E::Address(AddressError::QueryOrFragment) => k(K::SyncErrQuery),
        E::PasswordNeeded => k(K::SyncErrPasswordNeeded),
        E::FolderUnsupported => k(K::SyncFolderUnsupported),
        E::FolderDenied(_) => k(K::SyncErrFolderDenied),
        E::Folder(_) => k(K::SyncErrFolder),
        E::Storage(s) => storage_error(lang, s),
    }
}

/// Why a file on the shared location was skipped.
pub fn sync_skip(lang: Lang, why: &crate::sync_error::SkipWhy) -> String {
    use crate::sync_error::SkipWhy;
    use mieruka_core::sync::file::FileError as F;
    match why {
        SkipWhy::File(F::NotJson(_)) => K::SyncSkipNotJson.text(lang).into(),
        SkipWhy::File(F::NotSync) => K::SyncSkipNotSync.text(lang).into(),
        SkipWhy::File(F::Newer(_)) => K::SyncSkipNewer.text(lang).into(),
        SkipWhy::File(F::Misplaced(_)) => K::SyncSkipMisplaced.text(lang).into(),
        SkipWhy::File(F::Changes(_)) => K::SyncSkipChanges.text(lang).into(),
        SkipWhy::Read(e) => sync_error(lang, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_company_holidays_are_quoted() {
        let e = DomainError::BadCompanyHoliday("02-30".into());
        assert!(domain_error(Lang::Ja, &e).starts_with("「02-30」: 会社休日は"));
        assert!(domain_error(Lang::En, &e).starts_with("“02-30”: Enter company holidays"));
    }

    #[test]
    fn import_errors_are_located_in_both_languages() {
        let e = ImportError { path: "projects[0].tasks[12].due".into(), problem: Problem::Expected(Expected::Date) };
        assert_eq!(import_error(Lang::En, &e), "projects[0].tasks[12].due: not a date (YYYY-MM-DD)");
        assert_eq!(import_error(Lang::Ja, &e), "projects[0].tasks[12].due: 日付ではありません (YYYY-MM-DD)");
    }

    #[test]
    fn every_storage_failure_is_classified_by_name_and_said_in_both_languages() {
        let raw = "Die Quote wurde überschritten";
        let named = |name: &str| DomError::named(name, raw);
        let corrupt = ImportError { path: "tasks[0]".into(), problem: Problem::Missing };
        let cases = [
            (StorageError::writing(named("QuotaExceededError")), K::StorageQuota, None),
            (StorageError::reading(named("QuotaExceededError")), K::StorageQuota, None),
            (StorageError::opening(named("VersionError")), K::StorageNewer, None),
            (StorageError::opening(named("SecurityError")), K::StorageUnavailable, None),
            (StorageError::opening(named("InvalidStateError")), K::StorageUnavailable, None),
            (StorageError::opening(DomError::missing(raw)), K::StorageUnavailable, None),
            (StorageError::opening(named("UnknownError")), K::StorageCannotOpen, Some(K::ReasonUnknown)),
            (StorageError::opening(named("AbortError")), K::StorageCannotOpen, Some(K::ReasonCancelled)),
            (StorageError::writing(named("InvalidStateError")), K::StorageClosed, None),
            (StorageError::writing(named("SecurityError")), K::StorageUnavailable, None),
            (StorageError::writing(named("AbortError")), K::StorageWriteFailed, Some(K::ReasonCancelled)),
            (StorageError::writing(named("TransactionInactiveError")), K::StorageWriteFailed, Some(K::ReasonCancelled)),
            (StorageError::writing(named("UnknownError")), K::StorageWriteFailed, Some(K::ReasonUnknown)),
            (StorageError::writing(named("DataCloneError")), K::StorageWriteFailed, Some(K::ReasonData)),
            (StorageError::writing(named("DataError")), K::StorageWriteFailed, Some(K::ReasonData)),
            (StorageError::writing(named("TimeoutError")), K::StorageWriteFailed, Some(K::ReasonTimeout)),
            (StorageError::writing(named("ConstraintError")), K::StorageWriteFailed, None),
            (StorageError::reading(named("NotFoundError")), K::StorageReadFailed, Some(K::ReasonNotFound)),
            (StorageError::reading(named("TypeError")), K::StorageReadFailed, None),
            (StorageError::NotOpen, K::StorageNotOpen, None),
            (StorageError::OlderTabOpen, K::StorageOlderTab, None),
            (StorageError::Damaged(raw.into()), K::StorageDamaged, None),
            (StorageError::Corrupt(corrupt), K::StorageCorrupt, None),
            (StorageError::ReadBack(raw.into()), K::StorageReadBack, None),
            (StorageError::KeepsChanging, K::StorageKeepsChanging, None),
        ];
        for (e, k, hint) in &cases {
            for lang in [Lang::Ja, Lang::En] {
                let m = storage_error(lang, e);
                assert!(m.starts_with(k.text(lang)), "{e:?} in {lang:?}: {m}");
                assert_eq!(hint.is_some_and(|h| m.ends_with(h.text(lang))), hint.is_some(), "{e:?} in {lang:?}: {m}");
                assert!(!m.contains(raw), "{e:?}: the browser's words are for the log: {m}");
            }
        }
        // A full disk says that nothing stored was lost.
        let full = StorageError::writing(named("QuotaExceededError"));
        assert!(storage_error(Lang::En, &full).contains("nothing stored before was lost"));
        assert!(storage_error(Lang::Ja, &full).contains("保存済みのデータは失われていません"));
    }

    #[test]
    fn a_browser_refusal_says_why_where_its_name_does() {
        let raw = "denied";
        assert_eq!(browser_error(Lang::En, &DomError::named("SecurityError", raw)), K::ReasonSecurity.text(Lang::En));
        assert_eq!(browser_error(Lang::Ja, &DomError::missing(raw)), K::ReasonMissing.text(Lang::Ja));
        assert_eq!(browser_error(Lang::Ja, &DomError::named("TypeError", raw)), K::BrowserRefused.text(Lang::Ja));
    }
}
