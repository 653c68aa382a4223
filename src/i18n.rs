//! Every visible string, in Japanese and English. The macro makes a key without both languages a
//! compile error; `I18n` picks the language reactively, so switching re-renders at once.

use leptos::prelude::*;
use mieruka_core::fields::Expected;
use mieruka_core::format::{ImportError, Problem};
use mieruka_core::DomainError;

use crate::dom_error::{DomError, Reason};
use crate::storage::{prefs, StorageError};

/// The one language type of the app, its charts and its documents.
pub use mieruka_core::Lang;

/// The saved choice, else the browser's language (Japanese for `ja*`, English otherwise).
pub fn initial_lang() -> Lang {
    prefs::lang()
        .and_then(|s| Lang::from_code(&s))
        .unwrap_or_else(|| Lang::from_code(&crate::browser::navigator_language()).unwrap_or(Lang::En))
}

macro_rules! messages {
    ($($key:ident => $en:literal, $ja:literal;)*) => {
        /// A message key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum K { $($key),* }
        impl K {
            pub const ALL: &'static [K] = &[$(K::$key),*];
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((K::$key, Lang::En) => $en, (K::$key, Lang::Ja) => $ja,)*
                }
            }
        }
    };
}

include!("i18n_messages.rs");

/// The language signal and translation helpers, provided as context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

pub fn expect_i18n() -> I18n {
    expect_context::<I18n>()
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        I18n { lang: RwSignal::new(lang) }
    }

    /// The text of a key in the current language (tracked: re-renders on a switch).
    pub fn t(&self, k: K) -> &'static str {
        k.text(self.lang.get())
    }

    /// The language now, without subscribing (for work started by an event).
    pub fn lang_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// A message about something the user named (`{name}` in the message: 「…」をインポートしました
    /// in Japanese, where the name comes first), with the name as text.
    pub fn named(&self, k: K, name: &str) -> String {
        self.t(k).replace("{name}", name)
    }

    pub fn set(&self, lang: Lang) {
        self.lang.set(lang);
        if let Err(e) = prefs::set_lang(lang.code()) {
            leptos::logging::warn!("cannot keep the language: {e}");
        }
    }

    /// A date as the language writes it: 2025/04/01 (ja) or 2025-04-01 (en, ISO).
    pub fn date(&self, d: Option<chrono::NaiveDate>) -> String {
        match d {
            None => String::new(),
            Some(d) => match self.lang.get() {
                Lang::Ja => d.format("%Y/%m/%d").to_string(),
                Lang::En => d.format("%Y-%m-%d").to_string(),
            },
        }
    }

    /// An instant in the browser's time zone, to the minute.
    pub fn instant(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        let offset_min = -(js_sys::Date::new_0().get_timezone_offset() as i64);
        let local = at.naive_utc() + chrono::Duration::minutes(offset_min);
        match self.lang.get() {
            Lang::Ja => local.format("%Y/%m/%d %H:%M").to_string(),
            Lang::En => local.format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// A name quoted as the language quotes it: 「物流基盤移行」 / “Logistics”.
    pub fn quote(&self, s: &str) -> String {
        match self.lang.get() {
            Lang::Ja => format!("「{s}」"),
            Lang::En => format!("“{s}”"),
        }
    }

    /// A number with at most one decimal and digit grouping (1,234.5).
    pub fn num(&self, x: f64) -> String {
        format_number(x)
    }

    pub fn domain_error(&self, e: &DomainError) -> String {
        domain_error(self.lang.get(), e)
    }

    pub fn import_error(&self, e: &ImportError) -> String {
        import_error(self.lang.get(), e)
    }

    /// A storage failure in the user's language; the browser's own words go to the log.
    pub fn storage_error(&self, e: &StorageError) -> String {
        leptos::logging::warn!("storage: {e}");
        storage_error(self.lang.get_untracked(), e)
    }

    /// A browser call's failure in the user's language; the browser's own words go to the log.
    pub fn browser_error(&self, e: &DomError) -> String {
        leptos::logging::warn!("browser: {e}");
        browser_error(self.lang.get_untracked(), e)
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

pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let rounded = (x * 10.0).round() / 10.0;
    let neg = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc() as u64;
    let frac = ((abs - abs.trunc()) * 10.0).round() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut s = if neg { format!("-{grouped}") } else { grouped };
    if frac > 0 {
        s.push('.');
        s.push_str(&frac.to_string());
    }
    s
}

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
    let ja = lang == Lang::Ja;
    let f = |field: &str| field_label(lang, field);
    match e {
        DomainError::EmptyTitle => K::ErrEmptyTitle.text(lang).into(),
        DomainError::EmptyName => K::ErrEmptyName.text(lang).into(),
        DomainError::DueBeforeStart { start, due } => {
            if ja {
                format!("期日 {due} が開始日 {start} より前です。")
            } else {
                format!("The due date {due} is before the start date {start}.")
            }
        }
        DomainError::PercentOutOfRange(p) => {
            if ja {
                format!("進捗率 {p} は 0〜100 の範囲外です。")
            } else {
                format!("Percent complete {p} is outside 0–100.")
            }
        }
        DomainError::BadHours { field } => {
            if ja {
                format!("{}: 0 以上 1,000,000 以下の数値を入力してください。", f(field))
            } else {
                format!("{}: enter a number from 0 to 1,000,000.", f(field))
            }
        }
        DomainError::OffScale { field, value } => {
            if ja {
                format!("{}: {value} は 1〜5 の範囲外です。", f(field))
            } else {
                format!("{}: {value} is off the 1–5 scale.", f(field))
            }
        }
        DomainError::ParentCycle => K::ErrParentCycle.text(lang).into(),
        DomainError::DependencyCycle => K::ErrDependencyCycle.text(lang).into(),
        DomainError::SelfDependency => K::ErrSelfDependency.text(lang).into(),
        DomainError::ForeignTask(_) => K::ErrForeignTask.text(lang).into(),
        DomainError::NotFound { .. } | DomainError::NoProject(_) => K::ErrNotFound.text(lang).into(),
        DomainError::DuplicateId(_) => K::ErrDuplicate.text(lang).into(),
        DomainError::UnknownField(field) => format!("{}: {}", K::ErrUnknownField.text(lang), field),
        DomainError::BadValue { field, .. } => {
            if ja {
                format!("{}: 値の形式が正しくありません。", f(field))
            } else {
                format!("{}: the value has the wrong form.", f(field))
            }
        }
        DomainError::TooLong { field, max } => {
            if ja {
                format!("{}: {max} 文字を超えています。", f(field))
            } else {
                format!("{}: longer than {max} characters.", f(field))
            }
        }
        DomainError::StrategyMismatch => K::ErrStrategyMismatch.text(lang).into(),
        DomainError::BadCapacity => K::ErrBadCapacity.text(lang).into(),
        DomainError::BadRate { field } => format!("{}: {}", field_label(lang, field), K::ErrBadRate.text(lang)),
        DomainError::NoWorkingDays => K::ErrNoWorkingDays.text(lang).into(),
        DomainError::BadCompanyHoliday(entry) => {
            let hint = K::ErrBadCompanyHoliday.text(lang);
            if ja {
                format!("「{entry}」: {hint}")
            } else {
                format!("“{entry}”: {hint}")
            }
        }
        DomainError::NothingToUndo => K::NothingToUndo.text(lang).into(),
        DomainError::NothingToRedo => K::NothingToRedo.text(lang).into(),
        DomainError::CannotMove => K::ErrCannotMove.text(lang).into(),
        DomainError::PeriodEndsBeforeStart { start, end } => {
            if ja {
                format!("期間の終了日 {end} が開始日 {start} より前です。")
            } else {
                format!("The period ends on {end}, before it starts on {start}.")
            }
        }
        DomainError::BadCadence { max } => K::ErrBadCadence.text(lang).replace("{max}", &max.to_string()),
        DomainError::AlreadyLinked { kind } if *kind == "issue" => K::ErrAlreadyLinkedIssue.text(lang).into(),
        DomainError::AlreadyLinked { .. } => K::ErrAlreadyLinkedTask.text(lang).into(),
    }
}

fn expected(lang: Lang, e: &Expected) -> String {
    let ja = lang == Lang::Ja;
    match e {
        Expected::Object => (if ja { "オブジェクトではありません" } else { "not an object" }).into(),
        Expected::List => (if ja { "リストではありません" } else { "not a list" }).into(),
        Expected::Text => (if ja { "文字列ではありません" } else { "not text" }).into(),
        Expected::Number => (if ja { "数値ではありません" } else { "not a number" }).into(),
        Expected::WholeNumber => (if ja { "整数ではありません" } else { "not a whole number" }).into(),
        Expected::Bool => (if ja { "true/false ではありません" } else { "not true or false" }).into(),
        Expected::Date => (if ja { "日付ではありません (YYYY-MM-DD)" } else { "not a date (YYYY-MM-DD)" }).into(),
        Expected::Instant => (if ja { "日時ではありません (RFC 3339)" } else { "not a time (RFC 3339)" }).into(),
        Expected::Id => (if ja { "ID (UUID) ではありません" } else { "not an id (UUID)" }).into(),
        Expected::OneOf(words) => {
            if ja {
                format!("次のいずれかではありません: {}", words.join(", "))
            } else {
                format!("not one of {}", words.join(", "))
            }
        }
    }
}

pub fn import_error(lang: Lang, e: &ImportError) -> String {
    let ja = lang == Lang::Ja;
    let what = match &e.problem {
        Problem::TooLarge { bytes, max } => {
            if ja {
                format!(
                    "ファイルが大きすぎます ({} バイト、上限 {} バイト)",
                    format_number(*bytes as f64),
                    format_number(*max as f64)
                )
            } else {
                format!(
                    "the file is too large ({} bytes, at most {})",
                    format_number(*bytes as f64),
                    format_number(*max as f64)
                )
            }
        }
        Problem::Empty => (if ja { "ファイルが空です" } else { "the file is empty" }).into(),
        Problem::NotJson { line, column } => {
            if ja {
                format!("JSON として読めません ({line} 行 {column} 桁目)。ファイルが壊れているか途中で切れています")
            } else {
                format!("not valid JSON (line {line}, column {column}); the file is broken or cut short")
            }
        }
        Problem::TooDeep => (if ja { "入れ子が深すぎます" } else { "nested too deeply" }).into(),
        Problem::NotMieruka => (if ja { "Mieruka のファイルではありません" } else { "not a Mieruka file" }).into(),
        Problem::NewerVersion { found, supported } => {
            if ja {
                format!("スキーマ版 {found} はこのアプリ (版 {supported} まで) より新しいため読み込めません。アプリを更新してください")
            } else {
                format!("schema version {found} is newer than this app supports ({supported}); update the app")
            }
        }
        Problem::BadVersion => {
            (if ja { "スキーマ版が正しくありません" } else { "the schema version is not valid" }).into()
        }
        Problem::Missing => (if ja { "値がありません" } else { "missing" }).into(),
        Problem::Expected(x) => expected(lang, x),
        Problem::Duplicate(id) => {
            if ja {
                format!("ID {id} が重複しています")
            } else {
                format!("the id {id} is used twice")
            }
        }
        Problem::Invalid(d) => domain_error(lang, d),
        Problem::BadIndex { index } => {
            if ja {
                format!("{index} は一覧のそれより前の項目を指していません")
            } else {
                format!("{index} is not an earlier entry of the list")
            }
        }
    };
    if e.path.is_empty() {
        what
    } else {
        format!("{}: {what}", e.path)
    }
}

use mieruka_core::enums::*;

impl I18n {
    pub fn project_status(&self, s: ProjectStatus) -> &'static str {
        self.t(match s {
            ProjectStatus::Planning => K::PsPlanning,
            ProjectStatus::Active => K::PsActive,
            ProjectStatus::OnHold => K::PsOnHold,
            ProjectStatus::Closed => K::PsClosed,
        })
    }

    pub fn task_status(&self, s: TaskStatus) -> &'static str {
        self.t(match s {
            TaskStatus::NotStarted => K::TsNotStarted,
            TaskStatus::InProgress => K::TsInProgress,
            TaskStatus::Blocked => K::TsBlocked,
            TaskStatus::Done => K::TsDone,
            TaskStatus::Cancelled => K::TsCancelled,
        })
    }

    pub fn priority(&self, p: Priority) -> &'static str {
        self.t(match p {
            Priority::Low => K::PrLow,
            Priority::Medium => K::PrMedium,
            Priority::High => K::PrHigh,
            Priority::Critical => K::PrCritical,
        })
    }

    pub fn issue_status(&self, s: IssueStatus) -> &'static str {
        self.t(match s {
            IssueStatus::Open => K::IsOpen,
            IssueStatus::InProgress => K::IsInProgress,
            IssueStatus::Resolved => K::IsResolved,
            IssueStatus::Closed => K::IsClosed,
        })
    }

    pub fn risk_kind(&self, k: RiskKind) -> &'static str {
        self.t(match k {
            RiskKind::Threat => K::RkThreat,
            RiskKind::Opportunity => K::RkOpportunity,
        })
    }

    pub fn risk_strategy(&self, s: RiskStrategy) -> &'static str {
        self.t(match s {
            RiskStrategy::Avoid => K::RsAvoid,
            RiskStrategy::Transfer => K::RsTransfer,
            RiskStrategy::Mitigate => K::RsMitigate,
            RiskStrategy::Exploit => K::RsExploit,
            RiskStrategy::Share => K::RsShare,
            RiskStrategy::Enhance => K::RsEnhance,
            RiskStrategy::Accept => K::RsAccept,
        })
    }

    pub fn risk_status(&self, s: RiskStatus) -> &'static str {
        self.t(match s {
            RiskStatus::Open => K::RtOpen,
            RiskStatus::Monitoring => K::RtMonitoring,
            RiskStatus::Occurred => K::RtOccurred,
            RiskStatus::Closed => K::RtClosed,
        })
    }

    pub fn risk_level(&self, l: RiskLevel) -> &'static str {
        self.t(match l {
            RiskLevel::Low => K::RlLow,
            RiskLevel::Medium => K::RlMedium,
            RiskLevel::High => K::RlHigh,
            RiskLevel::Critical => K::RlCritical,
        })
    }

    pub fn weekday(&self, d: Weekday) -> &'static str {
        self.t(match d {
            Weekday::Mon => K::Mon,
            Weekday::Tue => K::Tue,
            Weekday::Wed => K::Wed,
            Weekday::Thu => K::Thu,
            Weekday::Fri => K::Fri,
            Weekday::Sat => K::Sat,
            Weekday::Sun => K::Sun,
        })
    }
}

/// `(value, label)` options for a select over a vocabulary.
pub fn options<T: Copy>(
    all: &[T],
    word: fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter().map(|v| (word(*v).to_string(), label(*v).to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_both_languages() {
        for k in K::ALL {
            for lang in [Lang::Ja, Lang::En] {
                assert!(!k.text(lang).trim().is_empty(), "{k:?} is empty in {lang:?}");
            }
        }
    }

    #[test]
    fn a_placeholder_is_in_both_languages_or_in_neither() {
        // A `{name}` in one language only would show the braces, or drop the name, in the other.
        for k in K::ALL {
            for ph in ["{name}", "{when}"] {
                let (ja, en) = (k.text(Lang::Ja).matches(ph).count(), k.text(Lang::En).matches(ph).count());
                assert_eq!(ja, en, "{k:?}: {ph} {ja} times in Japanese, {en} in English");
            }
        }
        // The notices that name what was imported put the name where each language puts it.
        assert_eq!(K::Imported.text(Lang::Ja).replace("{name}", "基幹刷新"), "「基幹刷新」をインポートしました");
    }

    #[test]
    fn japanese_is_japanese() {
        // A message left in English in the Japanese table is a translation that was forgotten.
        let same: Vec<_> = K::ALL
            .iter()
            .filter(|k| k.text(Lang::Ja) == k.text(Lang::En) && !matches!(k, K::No | K::TabWbs | K::WbsNo))
            .collect();
        assert!(same.is_empty(), "untranslated: {same:?}");
    }

    #[test]
    fn one_spelling_of_browser() {
        // ブラウザー (with the long vowel, as the Microsoft and JIS style guides write it), never ブラウザ.
        let short: Vec<_> = K::ALL
            .iter()
            .filter(|k| {
                let t = k.text(Lang::Ja);
                t.match_indices("ブラウザ").any(|(i, m)| !t[i + m.len()..].starts_with('ー'))
            })
            .collect();
        assert!(short.is_empty(), "ブラウザ without ー: {short:?}");
    }

    #[test]
    fn numbers_are_grouped_and_rounded() {
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(1234.56), "1,234.6");
        assert_eq!(format_number(-1234567.0), "-1,234,567");
        assert_eq!(format_number(f64::NAN), "—");
        assert_eq!(format_number(33.333), "33.3");
    }

    #[test]
    fn bad_company_holidays_are_quoted() {
        let e = DomainError::BadCompanyHoliday("02-30".into());
        assert!(domain_error(Lang::Ja, &e).starts_with("「02-30」: 会社休日は"));
        assert!(domain_error(Lang::En, &e).starts_with("“02-30”: Enter company holidays"));
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

    #[test]
    fn import_errors_are_located_in_both_languages() {
        let e = ImportError { path: "projects[0].tasks[12].due".into(), problem: Problem::Expected(Expected::Date) };
        assert_eq!(import_error(Lang::En, &e), "projects[0].tasks[12].due: not a date (YYYY-MM-DD)");
        assert_eq!(import_error(Lang::Ja, &e), "projects[0].tasks[12].due: 日付ではありません (YYYY-MM-DD)");
    }
}
