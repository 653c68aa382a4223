//! What the command-line tests share: running the binary, temporary folders, sample files.
#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, NaiveDate, Utc};
use mieruka_core::change::EntityRef;
use mieruka_core::format;
use mieruka_core::id::{Id, Stamp};
use mieruka_core::sample::sample_project;
use mieruka_core::{apply_to_project, Project, TaskField};
use serde_json::Value;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn mieruka(args: &[&str]) -> Run {
    mieruka_with(args, &[])
}

/// The binary with more environment variables.
pub fn mieruka_with(args: &[&str], env: &[(&str, &Path)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_mieruka"))
        .args(args)
        .env_remove("MIERUKA_WEBDAV_USER")
        .env_remove("MIERUKA_WEBDAV_PASSWORD")
        .envs(env.iter().copied())
        .env_remove("MIERUKA_TZ")
        .env("USER", "tester")
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A fresh directory for one test, removed when the test passes (kept for a look when it fails).
pub struct TempDir(pub PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

pub fn dir(name: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("mieruka-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    TempDir(d)
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

pub const TODAY: &str = "2025-06-13";

pub fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub fn sample() -> Project {
    sample_project(false, today(), 7)
}

pub fn write_projects(path: &Path, projects: &[&Project]) {
    std::fs::write(path, format::export(projects, at("2025-06-13T09:00:00Z"), "test")).unwrap();
}

pub fn read_projects(path: &Path) -> Vec<Project> {
    let text = std::fs::read_to_string(path).unwrap();
    let stamp = Stamp::new(at("2025-06-14T00:00:00Z"), "test", Id::from_u128(1));
    format::import(&text, &stamp).expect("a valid Mieruka file").projects
}

/// Sets one field of the first task (by WBS order) of `p`.
pub fn set_first_task(p: &mut Project, field: TaskField, value: Value, actor: &str, when: &str, batch: u128) -> Id {
    let task = *p.tasks.keys().next().unwrap();
    let cmd = mieruka_core::Command::Set { project: p.id, entity: EntityRef::task(task), field: field.into(), value };
    apply_to_project(p, cmd, &Stamp::new(at(when), actor, Id::from_u128(batch))).unwrap();
    task
}

/// Every file under `root`, relative to it with `/`, sorted.
pub fn files_under(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}
