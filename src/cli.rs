//! Command-line definitions only: no logic lives here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "rehearse",
    version,
    about = "Rehearse a hard interview loop in the terminal: timed rounds, rubric scores, reports",
    propagate_version = true
)]
pub struct Cli {
    /// Use the pack (rounds/ and rubrics/) in DIR instead of the embedded default pack
    #[arg(long, global = true, env = "REHEARSE_PACK", value_name = "DIR")]
    pub pack: Option<PathBuf>,

    /// Where sessions are kept [default: the platform data directory]
    #[arg(long, global = true, env = "REHEARSE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the questions of the pack
    List {
        /// Only the questions asked in this stage
        #[arg(long, value_name = "STAGE")]
        stage: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Validate a pack; every problem is reported as file:line:col
    Check {
        /// The pack folder to check [default: --pack, else the embedded pack]
        dir: Option<PathBuf>,
    },
    /// Write the embedded default pack to DIR, to edit
    Init {
        dir: PathBuf,
        /// Overwrite files that already exist
        #[arg(long)]
        force: bool,
    },
    /// Show the preparation checklists
    Prep {
        /// Which checklist [default: all three]
        #[arg(value_enum)]
        list: Option<Checklist>,
    },
    /// Score one answer without a session
    Score {
        /// The question the answer is for (see `rehearse list`)
        #[arg(long, short, value_name = "ID")]
        question: String,
        /// The answer: a file, or `-` (the default) for standard input
        #[arg(value_name = "FILE|-")]
        input: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// Measure how well the scorer agrees with graded sample answers
    Calibrate {
        /// TOML files of [[answer]] tables with `question`, `grade` (1-5), `text` and an optional `kind`
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Checklist {
    /// Before each interview
    Before,
    /// The day before
    DayBefore,
    /// The day of the interview
    DayOf,
}
