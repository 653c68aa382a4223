//! Guards that run with the native tests: user text is never rendered as HTML.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "mjs" || x == "js" || x == "html") {
                out.push(p);
            }
        }
    }

    /// Leptos escapes text; `inner_html` (and `innerHTML` in scripts) would bypass it. None of the
    /// app's code may use them — this test fails the day one appears.
    #[test]
    fn no_inner_html_anywhere_in_the_app() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["src", "crates/charts/src", "crates/core/src", "scripts", "assets"] {
            rust_files(&root.join(dir), &mut files);
        }
        files.push(root.join("index.html"));
        assert!(files.len() > 50, "the scan found the sources ({})", files.len());
        let needles = ["inner_html", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"];
        let mut found = Vec::new();
        for f in &files {
            if f.ends_with("security_check.rs") {
                continue;
            }
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for (i, line) in text.lines().enumerate() {
                for n in needles {
                    if line.contains(n) {
                        found.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
                    }
                }
            }
        }
        assert!(found.is_empty(), "raw HTML sinks:\n{}", found.join("\n"));
    }
}
