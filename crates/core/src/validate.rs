//! Validation rules for single entities. Structural rules (cycles, references) live in `apply`.

use crate::calendar::CompanyHoliday;
use crate::error::DomainError;
use crate::model::{
    ActionItem, Baseline, ImportRecord, Issue, Meeting, Member, ProjectInfo, Report, Risk, Stakeholder, Task,
};

/// Longest title / name, in characters.
pub const MAX_TITLE: usize = 500;
/// Longest free text (descriptions, plans, resolutions), in characters.
pub const MAX_TEXT: usize = 100_000;
/// Longest meeting cadence, in weeks.
pub const MAX_MEETING_WEEKS: u8 = 12;
/// Most hours a single field can hold.
pub const MAX_HOURS: f64 = 1_000_000.0;
pub const MAX_TAGS: usize = 50;

fn text(field: &str, s: &str, max: usize) -> Result<(), DomainError> {
    // Cheap byte test first: a char is at least one byte.
    if s.len() > max && s.chars().count() > max {
        return Err(DomainError::TooLong { field: field.to_string(), max });
    }
    Ok(())
}

fn title(field: &str, s: &str) -> Result<(), DomainError> {
    if s.trim().is_empty() {
        return Err(DomainError::EmptyTitle);
    }
    text(field, s, MAX_TITLE)
}

fn hours(field: &str, h: f64) -> Result<(), DomainError> {
    if !h.is_finite() || !(0.0..=MAX_HOURS).contains(&h) {
        return Err(DomainError::BadHours { field: field.to_string() });
    }
    Ok(())
}

/// Highest rate per hour (any currency).
pub const MAX_RATE: f64 = 100_000_000.0;

fn rate(field: &str, r: f64) -> Result<(), DomainError> {
    if !r.is_finite() || !(0.0..=MAX_RATE).contains(&r) {
        return Err(DomainError::BadRate { field: field.to_string() });
    }
    Ok(())
}

fn scale(field: &str, v: u8) -> Result<(), DomainError> {
    if !(1..=5).contains(&v) {
        return Err(DomainError::OffScale { field: field.to_string(), value: v as i64 });
    }
    Ok(())
}

fn dates(start: Option<chrono::NaiveDate>, due: Option<chrono::NaiveDate>) -> Result<(), DomainError> {
    if let (Some(start), Some(due)) = (start, due) {
        if due < start {
            return Err(DomainError::DueBeforeStart { start, due });
        }
    }
    Ok(())
}

pub fn project(p: &ProjectInfo) -> Result<(), DomainError> {
    if p.name.trim().is_empty() {
        return Err(DomainError::EmptyName);
    }
    text("name", &p.name, MAX_TITLE)?;
    text("code", &p.code, 50)?;
    text("manager", &p.manager, MAX_TITLE)?;
    text("description", &p.description, MAX_TEXT)?;
    text("currency", &p.currency, 20)?;
    rate("default_rate", p.default_rate)?;
    dates(p.start, p.target_end)?;
    if p.working_days.is_empty() {
        return Err(DomainError::NoWorkingDays);
    }
    if let Some(bad) = p.company_holidays.iter().find(|s| CompanyHoliday::parse(s).is_none()) {
        return Err(DomainError::BadCompanyHoliday(bad.clone()));
    }
    if !(1..=MAX_MEETING_WEEKS).contains(&p.meeting_every_weeks) {
        return Err(DomainError::BadCadence { max: MAX_MEETING_WEEKS });
    }
    Ok(())
}

pub fn member(m: &Member) -> Result<(), DomainError> {
    if m.name.trim().is_empty() {
        return Err(DomainError::EmptyName);
    }
    if let Some(r) = m.rate {
        rate("rate", r)?;
    }
    text("name", &m.name, MAX_TITLE)?;
    text("role", &m.role, MAX_TITLE)?;
    if !m.capacity_hours_per_week.is_finite() || !(0.0..=168.0).contains(&m.capacity_hours_per_week) {
        return Err(DomainError::BadCapacity);
    }
    Ok(())
}

pub fn task(t: &Task) -> Result<(), DomainError> {
    title("title", &t.title)?;
    text("description", &t.description, MAX_TEXT)?;
    dates(t.start, t.due)?;
    hours("estimate_hours", t.estimate_hours)?;
    hours("actual_hours", t.actual_hours)?;
    if let Some(r) = t.remaining_hours {
        hours("remaining_hours", r)?;
    }
    if let Some(sp) = t.story_points {
        hours("story_points", sp)?;
    }
    if !t.percent.is_finite() || !(0.0..=100.0).contains(&t.percent) {
        return Err(DomainError::PercentOutOfRange(t.percent));
    }
    if !t.rank.is_finite() {
        return Err(DomainError::BadValue { field: "rank".into(), reason: "not finite".into() });
    }
    if t.tags.len() > MAX_TAGS {
        return Err(DomainError::TooLong { field: "tags".into(), max: MAX_TAGS });
    }
    for tag in &t.tags {
        text("tags", tag, 100)?;
    }
    Ok(())
}

pub fn issue(i: &Issue) -> Result<(), DomainError> {
    title("title", &i.title)?;
    text("description", &i.description, MAX_TEXT)?;
    text("raised_by", &i.raised_by, MAX_TITLE)?;
    text("resolution", &i.resolution, MAX_TEXT)?;
    Ok(())
}

pub fn risk(r: &Risk) -> Result<(), DomainError> {
    title("title", &r.title)?;
    text("description", &r.description, MAX_TEXT)?;
    text("category", &r.category, MAX_TITLE)?;
    text("cause", &r.cause, MAX_TEXT)?;
    text("response_plan", &r.response_plan, MAX_TEXT)?;
    text("contingency_plan", &r.contingency_plan, MAX_TEXT)?;
    scale("probability", r.probability)?;
    scale("impact", r.impact)?;
    if let Some(p) = r.residual_probability {
        scale("residual_probability", p)?;
    }
    if let Some(i) = r.residual_impact {
        scale("residual_impact", i)?;
    }
    if !r.strategy.fits(r.kind) {
        return Err(DomainError::StrategyMismatch);
    }
    Ok(())
}

pub fn stakeholder(s: &Stakeholder) -> Result<(), DomainError> {
    if s.name.trim().is_empty() {
        return Err(DomainError::EmptyName);
    }
    text("name", &s.name, MAX_TITLE)?;
    text("organization", &s.organization, MAX_TITLE)?;
    text("role", &s.role, MAX_TITLE)?;
    text("contact", &s.contact, MAX_TEXT)?;
    scale("influence", s.influence)?;
    scale("interest", s.interest)?;
    text("communication", &s.communication, MAX_TEXT)?;
    text("channel", &s.channel, MAX_TITLE)?;
    Ok(())
}

pub fn meeting(m: &Meeting) -> Result<(), DomainError> {
    title("title", &m.title)?;
    text("agenda", &m.agenda, MAX_TEXT)?;
    text("minutes", &m.minutes, MAX_TEXT)?;
    text("decisions", &m.decisions, MAX_TEXT)?;
    Ok(())
}

pub fn action_item(a: &ActionItem) -> Result<(), DomainError> {
    title("title", &a.title)
}

pub fn baseline(b: &Baseline) -> Result<(), DomainError> {
    if b.name.trim().is_empty() {
        return Err(DomainError::EmptyName);
    }
    text("name", &b.name, MAX_TITLE)?;
    for t in b.tasks.values() {
        text("tasks", &t.title, MAX_TITLE)?;
        hours("tasks", t.estimate_hours)?;
        if !t.budget.is_finite() || t.budget < 0.0 {
            return Err(DomainError::BadValue {
                field: "tasks".into(), reason: "a budget is not a number ≥ 0".into()
            });
        }
    }
    Ok(())
}

pub fn report(r: &Report) -> Result<(), DomainError> {
    if r.period_end < r.period_start {
        return Err(DomainError::PeriodEndsBeforeStart { start: r.period_start, end: r.period_end });
    }
    text("author", &r.author, MAX_TITLE)?;
    text("status_reason", &r.status_reason, MAX_TEXT)?;
    text("decisions_needed", &r.decisions_needed, MAX_TEXT)?;
    text("next_plan", &r.next_plan, MAX_TEXT)?;
    text("notes", &r.notes, MAX_TEXT)?;
    Ok(())
}

pub fn import_record(r: &ImportRecord) -> Result<(), DomainError> {
    text("by", &r.by, MAX_TITLE)?;
    text("source", &r.source, MAX_TITLE)?;
    text("file", &r.file, MAX_TITLE)?;
    Ok(())
}
