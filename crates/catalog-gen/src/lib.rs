//! Compiles a pair of message catalogues, `<dir>/en.ftl` and `<dir>/ja.ftl`, into Rust at build
//! time: an enum of the messages without parameters (`K::Save.text(lang)`) and one typed method on
//! a struct per message with parameters (`Msg(lang).imported(name)`). The build fails when a file
//! does not parse, a key is in one locale only or twice in one, or a message's parameters differ
//! between the locales. One generator for every catalogue: the app's (root `build.rs`, `locales/`)
//! and the documents' and charts' (`crates/core/build.rs`, `crates/core/locales/`).
//!
//! Why a build step and not a library: the catalogues are plain Fluent (any Fluent tool reads
//! them), but `fluent-bundle` 0.16 parses them in the browser and brings its parser, resolver,
//! plural rules and language tags into the wasm: a minimal integration (one message formatted at
//! run time) made the page's wasm 68 KB larger raw, 20 KB brotli (BENCHMARKS.md, "Issue 9: one i18n
//! catalogue"), before any catalogue text. Here the messages become the same `&'static str`s and
//! `format!`s that were written by hand before, so the catalogue costs nothing at run time.
//!
//! The Fluent this reads is a strict subset: comments (`#`, `##`, `###`), blank lines, and messages
//! `Key = text` on one line, where text may hold `{ $param }` and string literals (`{ ", " }` for
//! a leading or trailing space, `{ "{" }` for a brace). Anything else (terms, attributes,
//! selectors, multi-line values) is refused, so nothing a translator writes is silently dropped.
//!
//! The generated code names `Lang` (with the variants `En` and `Ja`): the module that includes it
//! brings it into scope.

use std::path::Path;

mod check;
mod generate;
mod parse;

/// The locales, their files' names and `Lang`'s variants, in the order of the generated tables.
const LOCALES: [(&str, &str); 2] = [("en", "En"), ("ja", "Ja")];

/// One catalogue pair and the names of what it becomes.
#[derive(Debug, Clone, Copy)]
pub struct Catalog<'a> {
    /// The folder of `en.ftl` and `ja.ftl`, relative to the package's manifest.
    pub dir: &'a str,
    /// The enum of the messages without parameters.
    pub keys: &'a str,
    /// The struct (over a `Lang`) with one method per message with parameters.
    pub params: &'a str,
    /// The file written in `OUT_DIR`, for `include!`.
    pub out: &'a str,
}

/// The Rust of a catalogue pair (`sources` in the order en, ja), or every error found.
pub fn compile(c: &Catalog, sources: [&str; 2]) -> Result<String, Vec<String>> {
    let mut catalogues = Vec::new();
    let mut errors = Vec::new();
    for ((code, _), text) in LOCALES.iter().zip(sources) {
        match parse::parse(text) {
            Ok(messages) => catalogues.push(messages),
            Err(e) => errors.extend(e.into_iter().map(|e| format!("{}/{code}.ftl:{e}", c.dir))),
        }
    }
    if errors.is_empty() {
        errors = check::check(c.dir, &catalogues);
    }
    if errors.is_empty() {
        Ok(generate::generate(c, &catalogues))
    } else {
        Err(errors)
    }
}

/// For a build script: reads the catalogues, writes `$OUT_DIR/<out>`, and fails the build (with
/// every error as a warning and in the panic) when they are not consistent.
pub fn build(c: &Catalog) {
    println!("cargo:rerun-if-changed={}", c.dir);
    let read = |code: &str| {
        let path = format!("{}/{code}.ftl", c.dir);
        println!("cargo:rerun-if-changed={path}");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    };
    let [en, ja] = LOCALES.map(|(code, _)| read(code));
    match compile(c, [&en, &ja]) {
        Ok(rust) => {
            let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join(c.out);
            std::fs::write(&out, rust).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
        }
        Err(errors) => {
            for e in &errors {
                println!("cargo:warning={e}");
            }
            panic!("the message catalogues in {} are not consistent:\n{}", c.dir, errors.join("\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Catalog = Catalog { dir: "locales", keys: "K", params: "Msg", out: "catalog.rs" };

    fn errors(en: &str, ja: &str) -> Vec<String> {
        compile(&C, [en, ja]).err().unwrap_or_default()
    }

    #[test]
    fn a_consistent_pair_compiles() {
        let rust = compile(
            &C,
            ["# words\nSave = Save\nHello = Hello, { $name }!\n", "Save = 保存\nHello = こんにちは、{ $name }\n"],
        )
        .expect("consistent");
        assert!(rust.contains("(K::Save, Lang::Ja) => \"保存\","), "{rust}");
        assert!(rust.contains("pub fn hello(self, name: impl std::fmt::Display) -> String"), "{rust}");
        assert!(rust.contains("Lang::En => format!(\"Hello, {name}!\"),"), "{rust}");
    }

    #[test]
    fn a_key_missing_from_a_locale_is_refused() {
        let e = errors("Save = Save\nOpen = Open\n", "Save = 保存\n");
        assert_eq!(e, ["locales/en.ftl:2: Open is missing from ja.ftl"]);
        let e = errors("Save = Save\n", "Save = 保存\nOpen = 開く\n");
        assert_eq!(e, ["locales/ja.ftl:2: Open is missing from en.ftl"]);
    }

    #[test]
    fn different_placeables_are_refused() {
        let e = errors("Left = { $n } left\n", "Left = 残り { $count } 件\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("locales/en.ftl:1: Left has the parameters {\"n\"} here and {\"count\"}"), "{e:?}");
        // A parameter in one locale only is refused too (a message would lose a value).
        assert_eq!(errors("Left = { $n } left\n", "Left = 残りわずか\n").len(), 1);
    }

    #[test]
    fn a_key_twice_and_unsupported_fluent_are_refused() {
        assert_eq!(errors("A = a\nA = b\n", "A = あ\n"), ["locales/en.ftl:2: A again (first on line 1)"]);
        let e = errors("A = a\n    .title = t\nB = { -term }\n", "A = あ\nB = い\n");
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e.iter().all(|e| e.starts_with("locales/en.ftl:")), "{e:?}");
    }

    #[test]
    fn literals_keep_their_spaces_and_braces() {
        let rust = compile(&C, ["Sep = { \", \" }\nB = { \"{\" }x{ \"}\" }\n", "Sep = 、\nB = x\n"]).expect("ok");
        assert!(rust.contains("(K::Sep, Lang::En) => \", \","), "{rust}");
        assert!(rust.contains("(K::B, Lang::En) => \"{x}\","), "{rust}");
    }
}
