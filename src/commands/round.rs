use std::process::ExitCode;

use anyhow::Result;

use super::Env;
use crate::cli::SessionArgs;
use crate::session::SessionKind;

/// `rehearse round STAGE`: one stage.
pub fn run(env: &Env, stage: &str, args: &SessionArgs) -> Result<ExitCode> {
    let stage = super::parse_stage(stage)?;
    super::sitting::start(env, SessionKind::Round, Some(stage), args, None)
}
