//! Project files opened for the portfolio only: read into memory, never stored unless the user
//! saves them. Provided as context so they stay open while the user looks at other pages.

use std::sync::Arc;

use leptos::prelude::*;
use mieruka_core::{Id, Project};

/// Which projects the portfolio shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortfolioSource {
    /// The projects kept in this browser.
    Stored,
    /// Only the opened files.
    Files,
    /// Both; a file's copy stands in for a stored project with the same id.
    Both,
}

impl PortfolioSource {
    pub const ALL: [PortfolioSource; 3] = [PortfolioSource::Stored, PortfolioSource::Files, PortfolioSource::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            PortfolioSource::Stored => "stored",
            PortfolioSource::Files => "files",
            PortfolioSource::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<PortfolioSource> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The opened files' projects (one per id: a later file replaces an earlier copy) and the source
/// the portfolio shows.
#[derive(Clone, Copy)]
pub struct PortfolioFiles {
    pub projects: RwSignal<Vec<Arc<Project>>>,
    pub source: RwSignal<PortfolioSource>,
}

impl PortfolioFiles {
    pub fn new() -> Self {
        PortfolioFiles { projects: RwSignal::new(Vec::new()), source: RwSignal::new(PortfolioSource::Stored) }
    }

    /// Adds projects read from a file; a project already opened (same id) is replaced.
    pub fn add(&self, ps: Vec<Project>) {
        self.projects.update(|v| {
            for p in ps {
                match v.iter_mut().find(|x| x.id == p.id) {
                    Some(slot) => *slot = Arc::new(p),
                    None => v.push(Arc::new(p)),
                }
            }
        });
    }

    pub fn clear(&self) {
        self.projects.set(Vec::new());
        self.source.set(PortfolioSource::Stored);
    }

    /// The ids of the opened projects (tracked).
    pub fn ids(&self) -> Vec<Id> {
        self.projects.with(|v| v.iter().map(|p| p.id).collect())
    }
}

impl Default for PortfolioFiles {
    fn default() -> Self {
        Self::new()
    }
}

pub fn expect_portfolio_files() -> PortfolioFiles {
    expect_context::<PortfolioFiles>()
}
