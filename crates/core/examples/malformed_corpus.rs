//! Writes the malformed-file corpus (issue 7) into a directory, for end-to-end tests that feed
//! some of the files through the real UI:
//!
//! ```sh
//! cargo run -p mieruka-core --example malformed_corpus -- DIR [--small]
//! ```
//! `--small` leaves out the files over 1 MB (the ≈ 50 MB ones, 10⁶ rows, the 201 MB one).
//! `DIR/index.tsv` lists every file with its category and what a correct importer does with it.

#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: malformed_corpus DIR [--small]");
        std::process::exit(2);
    };
    let small = args.any(|a| a == "--small");
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir)?;
    let mut index = std::fs::File::create(dir.join("index.tsv"))?;
    writeln!(index, "name\tcategory\texpect\tbytes")?;
    let (mut written, mut skipped) = (0, 0);
    for e in corpus::corpus() {
        if small && matches!(e.category, "large" | "rows") {
            skipped += 1;
            continue;
        }
        let bytes = e.bytes();
        std::fs::write(dir.join(&e.name), &bytes)?;
        let expect = match e.expect {
            corpus::Expect::Refused => "refused".to_string(),
            corpus::Expect::RefusedOrWarn(kinds) => format!("refused-or-warn:{}", kinds.join("|")),
        };
        writeln!(index, "{}\t{}\t{expect}\t{}", e.name, e.category, bytes.len())?;
        written += 1;
    }
    println!("{written} files written to {} ({skipped} large ones left out)", dir.display());
    Ok(())
}
