//! One file per command; `run` dispatches. Commands turn a pack and the data directory into
//! output, and keep the logic of scoring, sessions and reports in their own modules.

mod calibrate;
mod check;
mod drill;
mod history;
mod init;
mod list;
mod r#loop;
mod prep;
mod report;
mod resume;
mod round;
mod score;
mod sitting;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, Command};
use crate::pack::{self, Pack, PackSource};

/// What every command may need: the pack (loaded on first use) and the data directory.
pub struct Env {
    pack_dir: Option<PathBuf>,
    data_dir: Option<PathBuf>,
}

impl Env {
    pub fn pack_source(&self) -> Result<PackSource> {
        match &self.pack_dir {
            Some(dir) => {
                PackSource::from_dir(dir).map_err(|e| crate::error::bad_input(format!("{e:#}")))
            }
            None => Ok(PackSource::embedded()),
        }
    }

    pub fn pack(&self) -> Result<Pack> {
        let source = self.pack_source()?;
        Ok(pack::load(&source)?)
    }

    pub fn data_dir(&self) -> Result<PathBuf> {
        crate::paths::data_dir(self.data_dir.as_deref())
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let env = Env {
        pack_dir: cli.pack,
        data_dir: cli.data_dir,
    };
    match cli.command {
        Command::List { stage, format } => list::run(&env, stage.as_deref(), format),
        Command::Check { dir } => check::run(&env, dir.as_deref()),
        Command::Init { dir, force } => init::run(&dir, force),
        Command::Prep { list } => prep::run(&env, list),
        Command::Score {
            question,
            input,
            format,
        } => score::run(&env, &question, input.as_deref(), format),
        Command::Calibrate { files, format } => calibrate::run(&env, &files, format),
        Command::Round { stage, options } => round::run(&env, &stage, &options),
        Command::Loop {
            options,
            team_rounds,
        } => r#loop::run(&env, &options, team_rounds),
        Command::Resume { session } => resume::run(&env, session.as_deref()),
        Command::Drill {
            count,
            stage,
            seed,
            pace,
            feedback,
        } => drill::run(
            &env,
            &drill::Args {
                count: count as usize,
                stage: stage.as_deref(),
                seed,
                pace,
                feedback,
            },
        ),
        Command::History { format, output } => history::run(&env, format, output.as_deref()),
        Command::Report {
            session,
            format,
            output,
        } => report::run(&env, session.as_deref(), format, output.as_deref()),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "rehearse", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Parses a stage id given on the command line, suggesting the nearest on a typo.
pub fn parse_stage(s: &str) -> Result<pack::StageId> {
    pack::StageId::parse(s).ok_or_else(|| {
        let near = crate::suggest::nearest(s, pack::StageId::ALL.iter().map(|s| s.as_str()));
        let all: Vec<&str> = pack::StageId::ALL.iter().map(|s| s.as_str()).collect();
        crate::error::bad_input(format!(
            "unknown stage `{s}`{}; stages are: {}",
            crate::suggest::did_you_mean(&near),
            all.join(", ")
        ))
    })
}

/// Prints to stdout, treating a closed pipe (`rehearse list | head`) as success.
pub fn print(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

#[allow(dead_code)]
fn _assert_path(_: &Path) {}
