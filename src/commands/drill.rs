use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use chrono::Utc;

use super::Env;
use super::sitting::{self, seed_or_random};
use crate::cli;
use crate::drill::{self, DrillRequest, Pick, Reason};
use crate::error::bad_input;
use crate::report::page;
use crate::session::{Options, SessionKind, Store};

pub struct Args<'a> {
    pub count: usize,
    pub stage: Option<&'a str>,
    pub seed: Option<u64>,
    pub pace: cli::Pace,
    pub feedback: Option<cli::Feedback>,
}

/// `rehearse drill [--count N] [--stage S]`: the questions most in need of practice, chosen by
/// spaced repetition over every past answer, sat like a round and saved as a drill session.
pub fn run(env: &Env, args: &Args<'_>) -> Result<ExitCode> {
    let stage = args.stage.map(super::parse_stage).transpose()?;
    let pack = env.pack()?;
    let store = Store::new(&env.data_dir()?);
    let scan = store.scan()?;
    for (path, err) in &scan.corrupt {
        sitting::warn_corrupt(path, err);
    }
    let seed = seed_or_random(args.seed);
    let request = DrillRequest {
        count: args.count,
        stage,
        seed,
    };
    let picks = drill::plan(&pack, &scan.sessions, Utc::now(), &request);
    if picks.is_empty() {
        return Err(bad_input(format!(
            "{} has no questions to drill{}",
            pack.title,
            stage.map(|s| format!(" in stage {s}")).unwrap_or_default()
        )));
    }
    super::print(&describe(&picks, sitting::stdout_style()))?;
    let options = Options {
        stage,
        seed,
        questions: Some(args.count),
        pace: sitting::pace(args.pace),
        feedback: sitting::feedback(args.feedback, SessionKind::Drill),
        team_rounds: None,
    };
    sitting::begin(
        env,
        &pack,
        SessionKind::Drill,
        options,
        drill::planned(&picks),
    )
}

/// Why each question was chosen.
fn describe(picks: &[Pick], style: crate::engine::Style) -> String {
    let mut out = format!(
        "{}\n",
        style.bold("Drill plan: spaced repetition over your past scores")
    );
    for (i, p) in picks.iter().enumerate() {
        let attempts = format!(
            "{} attempt{}",
            p.attempts,
            if p.attempts == 1 { "" } else { "s" }
        );
        let why = match (p.reason, p.latest, p.due) {
            (Reason::Due, Some(latest), _) => {
                format!(
                    "due; last score {}, {attempts}",
                    style.score(latest, &latest.to_string())
                )
            }
            (Reason::Early, Some(latest), Some(due)) => format!(
                "not due until {}; last score {}, {attempts}",
                page::day(due),
                style.score(latest, &latest.to_string())
            ),
            _ => "never answered".to_string(),
        };
        let _ = writeln!(out, "  {}. {} · {}: {why}", i + 1, p.stage, p.question_id);
    }
    out
}
