//! Command-line definitions only: no logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// Sit the full loop: all six stages in order with breaks, then the report
    Loop {
        #[command(flatten)]
        options: SessionArgs,
        /// How many team rounds, each with different questions
        #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(2..=3))]
        team_rounds: u32,
    },
    /// Sit one stage of the loop: timed questions, follow-ups, then the report
    Round {
        /// The stage to sit
        #[arg(value_name = "STAGE", value_parser = StageName)]
        stage: String,
        #[command(flatten)]
        options: SessionArgs,
    },
    /// Practise the questions most in need: spaced repetition over past scores
    Drill {
        /// How many questions
        #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
        count: u32,
        /// Only questions asked in this stage
        #[arg(long, value_name = "STAGE", value_parser = StageName)]
        stage: Option<String>,
        /// Seed for the order of questions never answered [default: random, recorded in the session]
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Time budgets: the pack's minutes (real), half of them (brisk), or none
        #[arg(long, value_enum, default_value_t = Pace::Real)]
        pace: Pace,
        /// Scores after each answer (now, the default), or only in the report (end)
        #[arg(long, value_enum)]
        feedback: Option<Feedback>,
    },
    /// Continue an unfinished session where it stopped
    Resume {
        /// A session id or a unique prefix of one [default: the latest unfinished session]
        session: Option<String>,
    },
    /// The score report of a session
    Report {
        /// A session id or a unique prefix of one [default: the latest session with an answer]
        session: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Term)]
        format: ReportFormat,
        /// Write the report to FILE instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Every session, the trend per stage, the weakest questions and what they keep missing
    History {
        #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
        format: HistoryFormat,
        /// Write the history to FILE instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the questions of the pack
    List {
        /// Only the questions asked in this stage
        #[arg(long, value_name = "STAGE", value_parser = StageName)]
        stage: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Validate a pack; every problem is reported as `file:line:col`
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

/// Options of `round` and `loop`.
#[derive(Debug, Clone, Args)]
pub struct SessionArgs {
    /// Seed for the choice and order of questions [default: random, recorded in the session]
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Main questions per stage [default: as many as fit the stage's minimum minutes]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub questions: Option<u32>,
    /// Time budgets: the pack's minutes (real), half of them (brisk), or none
    #[arg(long, value_enum, default_value_t = Pace::Real)]
    pub pace: Pace,
    /// Scores after each answer (now), or only in the report (end)
    /// [default: now for a round, end for the loop]
    #[arg(long, value_enum)]
    pub feedback: Option<Feedback>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Pace {
    /// The pack's minutes
    Real,
    /// Half the pack's minutes
    Brisk,
    /// No time budget
    Untimed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Feedback {
    /// Score and missed points after each answer
    Now,
    /// Nothing until the report, like a real loop
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Tables for the terminal
    Term,
    /// Markdown
    Md,
    /// JSON
    Json,
    /// One self-contained HTML page with charts
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// Tables and sparklines for the terminal
    Table,
    /// JSON
    Json,
    /// One self-contained HTML page with charts
    Html,
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

/// A stage name, offered to shell completion and help; any text passes here, so that an unknown
/// name gets rehearse's own error with the nearest stage.
#[derive(Debug, Clone, Copy)]
pub struct StageName;

impl clap::builder::TypedValueParser for StageName {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            crate::pack::StageId::ALL
                .iter()
                .map(|s| clap::builder::PossibleValue::new(s.as_str())),
        ))
    }
}
