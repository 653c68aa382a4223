//! Compiles the words of the documents and charts, `locales/en.ftl` and `locales/ja.ftl`, into
//! `$OUT_DIR/words.rs` (included by `src/words.rs`): `W` for the words without parameters
//! (`W::ReportTitle.text(lang)`) and `Phrase` for those with (`Phrase(lang).minutes_due(date)`).
//! The build fails when the locales disagree (`crates/catalog-gen`, also the app's generator).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    catalog_gen::build(&catalog_gen::Catalog { dir: "locales", keys: "W", params: "Phrase", out: "words.rs" });
}
