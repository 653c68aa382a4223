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
}
