use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::Env;
use crate::pack::{self, PackSource};

pub fn run(env: &Env, dir: Option<&Path>) -> Result<ExitCode> {
    let source = match dir {
        Some(dir) => {
            PackSource::from_dir(dir).map_err(|e| crate::error::bad_input(format!("{e:#}")))?
        }
        None => env.pack_source()?,
    };
    let pack = pack::load(&source)?;
    let points: usize = pack.questions.iter().map(|q| q.points.len()).sum();
    super::print(&format!(
        "ok: {} is valid: {} stages, {} questions, {} points, {} rubrics\n",
        source.origin,
        pack.stages.len(),
        pack.questions.len(),
        points,
        pack.rubrics.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}
