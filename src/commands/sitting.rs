//! What `round`, `loop` and `resume` share: starting a session and sitting it on the right
//! console, then printing the report when it is finished.

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;

use anyhow::Result;
use chrono::{Local, Utc};

use super::Env;
use crate::cli::{self, SessionArgs};
use crate::engine::{Assess, Engine, Outcome, PipedConsole, Style, TtyConsole};
use crate::error::bad_input;
use crate::pack::{Pack, Question, StageId};
use crate::report;
use crate::score::{AnswerInput, Assessment, Scorer};
use crate::session::plan::{self, PlanRequest};
use crate::session::{
    Feedback, Options, Pace, PackRef, Planned, SCHEMA_VERSION, Session, SessionKind, SessionLock,
    Status, Store, store,
};

/// Plans and starts a new session, then sits it.
pub fn start(
    env: &Env,
    kind: SessionKind,
    stage: Option<StageId>,
    args: &SessionArgs,
    team_rounds: Option<u32>,
) -> Result<ExitCode> {
    let pack = env.pack()?;
    let seed = seed_or_random(args.seed);
    let request = PlanRequest {
        kind,
        stage: stage.unwrap_or(StageId::Recruiter),
        questions: args.questions.map(|n| n as usize),
        team_rounds: team_rounds.unwrap_or(1),
        seed,
    };
    let plan = plan::build(&pack, &request);
    if plan.is_empty() {
        return Err(bad_input(format!(
            "{} has no questions to ask{}",
            pack.title,
            stage.map(|s| format!(" in stage {s}")).unwrap_or_default()
        )));
    }
    let options = Options {
        stage,
        seed,
        questions: request.questions,
        pace: pace(args.pace),
        feedback: feedback(args.feedback, kind),
        team_rounds,
    };
    begin(env, &pack, kind, options, plan)
}

/// The seed given, else a random one (recorded in the session).
pub fn seed_or_random(seed: Option<u64>) -> u64 {
    seed.unwrap_or_else(|| u64::from(rand::random::<u32>()))
}

/// Feedback as asked, else `now` for a round or a drill and `end` for the loop.
pub fn feedback(asked: Option<cli::Feedback>, kind: SessionKind) -> Feedback {
    match (asked, kind) {
        (Some(cli::Feedback::Now), _) | (None, SessionKind::Round | SessionKind::Drill) => {
            Feedback::Now
        }
        (Some(cli::Feedback::End), _) | (None, SessionKind::Loop) => Feedback::End,
    }
}

pub fn pace(pace: cli::Pace) -> Pace {
    match pace {
        cli::Pace::Real => Pace::Real,
        cli::Pace::Brisk => Pace::Brisk,
        cli::Pace::Untimed => Pace::Untimed,
    }
}

/// Creates a session of `plan` with `options`, then sits it.
pub fn begin(
    env: &Env,
    pack: &Pack,
    kind: SessionKind,
    options: Options,
    plan: Vec<Planned>,
) -> Result<ExitCode> {
    let now = Utc::now();
    let mut session = Session {
        schema_version: SCHEMA_VERSION,
        id: store::base_id(Local::now(), kind, options.stage),
        kind,
        pack: PackRef {
            name: pack.name.clone(),
            hash: pack.hash.clone(),
        },
        options,
        started_at: now,
        updated_at: now,
        status: Status::InProgress,
        plan,
        answers: Vec::new(),
        draft: None,
    };
    let store = Store::new(&env.data_dir()?);
    let lock = store.create(&mut session)?;
    sit(pack, &store, session, lock)
}

/// Sits `session` from its first unanswered question, on the terminal when stdin is one, else
/// piped; prints the report when it is finished.
pub fn sit(
    pack: &Pack,
    store: &Store,
    mut session: Session,
    lock: SessionLock,
) -> Result<ExitCode> {
    let style = stdout_style();
    let mut save = |s: &Session| store.save(s, &lock);
    let scorer = BackgroundScorer::start(pack);
    let outcome = if std::io::stdin().is_terminal() {
        let mut console = TtyConsole::new(style)?;
        Engine::new(pack, &scorer, &mut console, &mut session, &mut save).run()?
    } else {
        let mut console = PipedConsole::new(std::io::stdin().lock(), std::io::stdout());
        Engine::new(pack, &scorer, &mut console, &mut session, &mut save).run()?
    };
    if outcome == Outcome::Finished {
        let report = report::build(&session, Some(pack));
        super::print(&report::render(&report, report::Format::Term, style)?)?;
        lock.release_and_remove();
    }
    Ok(ExitCode::SUCCESS)
}

/// The scorer, built on another thread while the first question is on screen: building it
/// compiles every phrase of the pack, tens of milliseconds nobody should wait for before the
/// first question. The first answer waits for it if it is not ready yet; a sitting that ends
/// before any answer does not wait at all (the thread, detached, ends with the process).
struct BackgroundScorer {
    building: Mutex<Option<JoinHandle<Scorer>>>,
    built: OnceLock<Scorer>,
}

impl BackgroundScorer {
    fn start(pack: &Pack) -> Self {
        let pack = pack.clone();
        BackgroundScorer {
            building: Mutex::new(Some(std::thread::spawn(move || Scorer::new(&pack)))),
            built: OnceLock::new(),
        }
    }

    fn get(&self) -> &Scorer {
        self.built.get_or_init(|| {
            let handle = self
                .building
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
                .expect("the scorer is built once");
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

impl Assess for BackgroundScorer {
    fn assess(&self, question: &Question, answer: &AnswerInput<'_>) -> Assessment {
        self.get().assess(question, answer)
    }
}

/// Colour when stdout is a terminal and `NO_COLOR` is unset (or empty).
pub fn stdout_style() -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Style {
        color: std::io::stdout().is_terminal() && !no_color,
    }
}

/// Prints a session file that could not be read, and goes on. The store's errors usually name
/// the file already; it is named once.
pub fn warn_corrupt(path: &std::path::Path, err: &anyhow::Error) {
    let message = format!("{err:#}");
    let shown = path.display().to_string();
    if message.contains(&shown) {
        eprintln!("warning: skipping {message}");
    } else {
        eprintln!("warning: skipping {shown}: {message}");
    }
}
