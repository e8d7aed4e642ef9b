use std::process::ExitCode;

use anyhow::Result;

use super::Env;
use crate::cli::SessionArgs;
use crate::session::SessionKind;

/// `rehearse loop`: all six stages, `team_rounds` team rounds.
pub fn run(env: &Env, args: &SessionArgs, team_rounds: u32) -> Result<ExitCode> {
    super::sitting::start(env, SessionKind::Loop, None, args, Some(team_rounds))
}
