use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;

use super::Env;
use crate::cli::Checklist;

pub fn run(env: &Env, which: Option<Checklist>) -> Result<ExitCode> {
    let pack = env.pack()?;
    let lists = [
        (
            Checklist::Before,
            "Before each interview",
            &pack.checklists.before,
        ),
        (
            Checklist::DayBefore,
            "The day before",
            &pack.checklists.day_before,
        ),
        (Checklist::DayOf, "The day of", &pack.checklists.day_of),
    ];
    let mut out = String::new();
    for (kind, title, items) in lists {
        if which.is_some_and(|w| w != kind) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{title}");
        if items.is_empty() {
            let _ = writeln!(out, "  (this pack has no such checklist)");
        }
        for item in items {
            let _ = writeln!(out, "  [ ] {item}");
        }
    }
    super::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
