//! Reports: the model is built once from a session by a pure function (`build`); each format
//! (terminal, Markdown, JSON, HTML) only renders it.

pub mod charts;
mod highlight;
mod html;
mod json;
mod md;
mod model;
pub mod page;
mod term;

use std::fmt::Write as _;

use anyhow::Result;

pub use model::{AnswerReport, Report, build, summary};

use crate::engine::{Style, mss};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Term,
    Md,
    Json,
    Html,
}

/// The report in `format`; `style` colours the terminal format only.
pub fn render(report: &Report, format: Format, style: Style) -> Result<String> {
    Ok(match format {
        Format::Term => term::render(report, style),
        Format::Md => md::render(report),
        Format::Json => json::render(report)?,
        Format::Html => html::render(report),
    })
}

/// What the reader should know about the pack the report was made with, if anything.
fn pack_note(report: &Report) -> Option<&'static str> {
    if !report.pack_loaded {
        Some("Note: the pack could not be loaded, so model answers and stage titles are not shown.")
    } else if !report.pack_matches {
        Some(
            "Note: this is not the pack the session was made with; model answers come from the \
             current pack where question ids match.",
        )
    } else {
        None
    }
}

/// "Pack mini · seed 42 · pace real · feedback end · 8 of 8 answered · 12:34 used".
fn summary_line(report: &Report) -> String {
    let o = &report.options;
    let mut line = format!(
        "Pack {} · seed {} · pace {} · feedback {}",
        report.pack.name,
        o.seed,
        o.pace.as_str(),
        o.feedback.as_str()
    );
    if let Some(rounds) = o.team_rounds {
        let _ = write!(line, " · {rounds} team rounds");
    }
    let _ = write!(
        line,
        " · {} of {} answered · {} used",
        report.answered,
        report.planned,
        mss(report.time_used_secs)
    );
    line
}

/// "3:12 of 8:00" or "3:12".
fn time_used(used: f64, budget: Option<f64>) -> String {
    match budget {
        Some(budget) => format!("{} of {}", mss(used), mss(budget)),
        None => mss(used),
    }
}

/// "Score 72/100 · content 70 · delivery 80 · 1:12 of 4:00 · hinted".
fn score_line(a: &AnswerReport, paint: impl Fn(u32, &str) -> String) -> String {
    let mut line = paint(a.score, &format!("Score {}/100", a.score));
    if let Some(assessment) = &a.assessment {
        let _ = write!(
            line,
            " · content {} · delivery {}",
            assessment.content, assessment.delivery
        );
    }
    let _ = write!(line, " · {}", time_used(a.elapsed_secs, a.limit_secs));
    if let Some(over) = a.overtime_secs {
        let _ = write!(line, " ({} over)", mss(over));
    }
    if a.skipped {
        line.push_str(" · skipped");
    }
    if a.hinted {
        line.push_str(" · hinted");
    }
    line
}
