//! The earned-value indices at the status date, with what each one means.

use leptos::prelude::*;
use mieruka_core::analytics::EvSeries;

use crate::i18n::{expect_i18n, K};

#[component]
pub fn EvTable(
    /// The series whose indices are shown.
    series: EvSeries,
) -> impl IntoView {
    let i18n = expect_i18n();
    let x = series.indices.clone();
    let money = |v: f64| i18n.fmt().amount(&series.unit, v);
    let ratio = move |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into());
    let rows: Vec<(&'static str, String, K)> = vec![
        ("BAC", money(x.bac), K::EvBac),
        ("PV", money(x.pv), K::EvPv),
        ("EV", money(x.ev), K::EvEv),
        ("AC", money(x.ac), K::EvAc),
        ("SV", money(x.sv), K::EvSv),
        ("CV", money(x.cv), K::EvCv),
        ("SPI", ratio(x.spi), K::EvSpi),
        ("CPI", ratio(x.cpi), K::EvCpi),
        ("EAC", x.eac_typical.map(&money).unwrap_or_else(|| "—".into()), K::EvEacTypical),
        ("EAC′", money(x.eac_atypical), K::EvEacAtypical),
        ("ETC", money(x.etc), K::EvEtc),
        ("VAC", money(x.vac), K::EvVac),
        ("TCPI", ratio(x.tcpi), K::EvTcpi),
    ];
    view! {
        <table class="grid ev-table">
            <caption>{move || i18n.t(K::EvIndices)}</caption>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, value, help)| view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td class="n">{value}</td>
                            <td class="hint">{move || i18n.t(help)}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
