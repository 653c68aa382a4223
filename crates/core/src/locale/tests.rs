use chrono::NaiveDate;

use crate::analytics::CostUnit;
use crate::Lang;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn numbers_are_grouped_and_rounded_in_both_languages() {
    for lang in [Lang::Ja, Lang::En] {
        let f = lang.fmt();
        assert_eq!(f.number(0.0, 1), "0");
        assert_eq!(f.number(1234.56, 1), "1,234.6");
        assert_eq!(f.number(33.333, 1), "33.3");
        assert_eq!(f.number(12.0, 1), "12");
        assert_eq!(f.number(1234567.0, 0), "1,234,567");
        assert_eq!(f.number(9_876_543_210.5, 0), "9,876,543,211");
        assert_eq!(f.number(-1234567.0, 1), "-1,234,567");
        assert_eq!(f.number(-1500.0, 0), "-1,500");
        assert_eq!(f.number(-0.04, 1), "0", "no minus before a zero");
        assert_eq!(f.number(-0.06, 1), "-0.1");
        assert_eq!(f.number(1234.5678, 2), "1,234.57");
        assert_eq!(f.number(0.5, 2), "0.5");
        assert_eq!(f.number(999.96, 1), "1,000");
        assert_eq!(f.number(f64::NAN, 1), "—");
        assert_eq!(f.number(f64::INFINITY, 0), "—");
    }
}

#[test]
fn halves_round_away_from_zero() {
    // A quarter hour shows as the screen has always shown it, in documents too.
    let f = Lang::Ja.fmt();
    assert_eq!(f.number(0.25, 1), "0.3");
    assert_eq!(f.number(-0.25, 1), "-0.3");
    assert_eq!(f.number(2.5, 0), "3");
}

#[test]
fn chart_figures_keep_their_decimals_and_a_true_minus() {
    let f = Lang::En.fmt();
    assert_eq!(f.figure(1234567.0, 0), "1,234,567");
    assert_eq!(f.figure(-1234.5, 1), "−1,234.5");
    assert_eq!(f.figure(2.5, 2), "2.50");
    assert_eq!(f.figure(0.0, 0), "0");
    assert_eq!(f.figure(-0.0001, 0), "0");
    assert_eq!(f.figure(f64::NAN, 0), "–");
    assert_eq!(f.figure_for_step(2.5, 0.5), "2.5");
    assert_eq!(f.figure_for_step(20.0, 5.0), "20");
}

#[test]
fn percentages() {
    let f = Lang::En.fmt();
    assert_eq!(f.percent(Some(42.4)), "42 %");
    assert_eq!(f.percent(Some(2.5)), "2.5 %");
    assert_eq!(f.percent(Some(-12.0)), "-12 %");
    assert_eq!(f.percent(None), "—");
}

#[test]
fn money_in_documents_and_tables() {
    for lang in [Lang::Ja, Lang::En] {
        let f = lang.fmt();
        assert_eq!(f.money(1_234_567.4, "JPY"), "¥1,234,567", "yen has no decimals");
        assert_eq!(f.money(-5_000.6, "JPY"), "¥-5,001");
        assert_eq!(f.money(1234.5, "USD"), "1,234.5 USD");
        assert_eq!(f.money(0.125, "EUR"), "0.13 EUR");
        assert_eq!(f.amount(&CostUnit::Money("JPY".into()), 1234.6), "1,235 JPY");
        assert_eq!(f.amount(&CostUnit::Hours, -12.4), "-12 h");
    }
}

#[test]
fn money_on_charts() {
    let yen = CostUnit::Money("JPY".into());
    let (ja, en) = (Lang::Ja.fmt(), Lang::En.fmt());
    assert_eq!(ja.money_compact(&yen, 1_200_000.0, 0.0), "120万");
    assert_eq!(ja.money_compact(&yen, 150_000_000.0, 0.0), "1.5億");
    assert_eq!(ja.money_compact(&yen, 2_000_000.0, 500_000.0), "200万");
    assert_eq!(ja.money_compact(&yen, 0.0, 500_000.0), "0");
    assert_eq!(ja.money_compact(&yen, 5_000.0, 0.0), "5,000円");
    assert_eq!(ja.money_compact(&yen, -1_200_000.0, 0.0), "−120万");
    assert_eq!(en.money_compact(&yen, 1_200_000.0, 0.0), "¥1.2M");
    assert_eq!(en.money_compact(&yen, 250_000.0, 50_000.0), "¥250k");
    assert_eq!(en.money_compact(&yen, -2_500_000_000.0, 0.0), "−¥2.5B");
    assert_eq!(en.money_compact(&CostUnit::Money("CHF".into()), 3000.0, 0.0), "3k CHF");
    assert_eq!(ja.money_compact(&CostUnit::Hours, 1200.0, 0.0), "1,200h");
    assert_eq!(en.money_compact(&CostUnit::Hours, 2.5, 0.5), "2.5h");
    assert_eq!(en.money_compact(&CostUnit::Hours, f64::NAN, 0.0), "–");
    assert_eq!(ja.cost_unit(&yen), "円");
    assert_eq!(en.cost_unit(&yen), "¥");
    assert_eq!(en.cost_unit(&CostUnit::Money("CHF".into())), "CHF");
    assert_eq!(ja.cost_unit(&CostUnit::Hours), "h");
}

#[test]
fn sizes() {
    assert_eq!(Lang::Ja.fmt().megabytes(50 * 1_048_576), "50 MB");
    assert_eq!(Lang::En.fmt().megabytes(1_048_576 * 3 / 2 + 1), "2 MB");
}

#[test]
fn dates_in_both_languages() {
    let d = day(2026, 11, 25);
    let (ja, en) = (Lang::Ja.fmt(), Lang::En.fmt());
    assert_eq!(ja.date(day(2025, 4, 1)), "2025/04/01");
    assert_eq!(en.date(day(2025, 4, 1)), "2025-04-01");
    assert_eq!(ja.date_weekday(d), "2026/11/25 (水)");
    assert_eq!(en.date_weekday(d), "2026-11-25 (Wed)");
    let t = d.and_hms_opt(18, 2, 59).unwrap();
    assert_eq!(ja.date_time(t), "2026/11/25 18:02");
    assert_eq!(en.date_time(t), "2026-11-25 18:02");
    assert_eq!(ja.month_day(d), "11/25");
    assert_eq!(en.month_day(d), "Nov 25");
    assert_eq!(ja.date_label(day(2026, 1, 5)), "2026/1/5");
    assert_eq!(en.date_label(day(2026, 1, 5)), "Jan 5, 2026");
    assert_eq!(ja.month(d), "11月");
    assert_eq!(en.month(d), "Nov");
    assert_eq!(ja.year_month(d), "2026年11月");
    assert_eq!(en.year_month(d), "Nov 2026");
    assert_eq!(ja.year(d), "2026年");
    assert_eq!(en.year(d), "2026");
}
