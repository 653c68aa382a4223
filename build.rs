//! Compiles the app's message catalogues `locales/en.ftl` and `locales/ja.ftl` into Rust
//! (`$OUT_DIR/catalog.rs`, included by `src/i18n/catalog.rs`): the enum `K` of the messages without
//! parameters (`K::Save.text(lang)`) and one typed method on `Msg` per message with parameters
//! (`Msg(lang).imported(name)`). The build fails when the locales disagree (`crates/catalog-gen`,
//! shared with the core's document and chart words, says what it checks and why at build time).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    catalog_gen::build(&catalog_gen::Catalog { dir: "locales", keys: "K", params: "Msg", out: "catalog.rs" });
}
