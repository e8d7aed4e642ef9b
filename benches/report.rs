//! Report benchmarks: a full loop sat through the piped console on the model answers (a real
//! session, scored by the real scorer), then its report built and rendered in every format;
//! `history` and `drill` over 100 and 1,000 such sessions (to show they grow linearly), and the
//! session files parsed and scanned from disk.
//!
//! `cargo bench --bench report`. The figures and the machine are in the README (Performance).

use chrono::{DateTime, Utc};
use divan::{Bencher, black_box};
use rehearse::drill::{self, DrillRequest};
use rehearse::engine::{Engine, PipedConsole, Style};
use rehearse::history;
use rehearse::pack::{self, Pack, PackSource};
use rehearse::report::{self, Format};
use rehearse::score::Scorer;
use rehearse::session::plan::{self, PlanRequest};
use rehearse::session::{
    Feedback, Options, Pace, PackRef, SCHEMA_VERSION, Session, SessionKind, Status, Store,
};

fn main() {
    divan::main();
}

fn embedded() -> Pack {
    pack::load(&PackSource::embedded()).expect("the embedded pack is valid")
}

fn at(hours: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-01T09:00:00Z")
        .expect("time")
        .to_utc()
        + chrono::Duration::hours(hours)
}

/// A finished loop with three team rounds, every question answered with its model answer.
fn sat_loop(pack: &Pack) -> Session {
    let request = PlanRequest {
        kind: SessionKind::Loop,
        stage: pack::StageId::Recruiter,
        questions: None,
        team_rounds: 3,
        seed: 7,
    };
    let plan = plan::build(pack, &request);
    let mut input = String::new();
    for planned in &plan {
        let q = pack
            .question(&planned.question_id)
            .expect("planned question");
        let answer = q
            .model_answer
            .as_deref()
            .unwrap_or("I would ask about the team.");
        input.push_str(&answer.replace("\n\n", "\n"));
        input.push_str("\n\n");
    }
    let mut session = Session {
        schema_version: SCHEMA_VERSION,
        id: "bench-loop".to_string(),
        kind: SessionKind::Loop,
        pack: PackRef {
            name: pack.name.clone(),
            hash: pack.hash.clone(),
        },
        options: Options {
            stage: None,
            seed: 7,
            questions: None,
            pace: Pace::Untimed,
            feedback: Feedback::End,
            team_rounds: Some(3),
        },
        started_at: at(0),
        updated_at: at(0),
        status: Status::InProgress,
        plan,
        answers: Vec::new(),
        draft: None,
    };
    let scorer = Scorer::new(pack);
    let mut console = PipedConsole::new(input.as_bytes(), std::io::sink());
    let mut save = |_: &Session| Ok(());
    Engine::new(pack, &scorer, &mut console, &mut session, &mut save)
        .run()
        .expect("the loop runs");
    assert!(session.is_finished(), "every planned question answered");
    session
}

#[divan::bench]
fn build(bencher: Bencher) {
    let pack = embedded();
    let session = sat_loop(&pack);
    bencher.bench(|| report::build(black_box(&session), Some(&pack)));
}

#[divan::bench(args = ["term", "md", "json", "html"])]
fn render(bencher: Bencher, format: &str) {
    let pack = embedded();
    let session = sat_loop(&pack);
    let report = report::build(&session, Some(&pack));
    let format = match format {
        "term" => Format::Term,
        "md" => Format::Md,
        "json" => Format::Json,
        _ => Format::Html,
    };
    bencher.bench(|| report::render(black_box(&report), format, Style::PLAIN).expect("render"));
}

#[divan::bench]
fn parse_session_file(bencher: Bencher) {
    let pack = embedded();
    let json = serde_json::to_vec_pretty(&sat_loop(&pack)).expect("serialize");
    bencher
        .counter(divan::counter::BytesCount::new(json.len()))
        .bench(|| serde_json::from_slice::<Session>(black_box(&json)).expect("parse"));
}

/// `n` sessions, one every six hours: copies of the loop cut to its first `1 + i % 8` answers,
/// the size of a round or a drill (a whole loop is rarer), each with its own id and times.
fn history_of(pack: &Pack, n: usize) -> Vec<Session> {
    let full = sat_loop(pack);
    (0..n)
        .map(|i| {
            let mut s = full.clone();
            s.id = format!("bench-{i:05}");
            s.started_at = at(6 * i as i64);
            s.updated_at = s.started_at;
            let keep = 1 + i % 8;
            s.answers.truncate(keep);
            s.plan.truncate(keep);
            for a in &mut s.answers {
                a.started_at = s.started_at;
                a.ended_at = s.started_at;
            }
            s
        })
        .collect()
}

#[divan::bench(args = [100, 1000], sample_count = 20)]
fn history_build(bencher: Bencher, n: usize) {
    let pack = embedded();
    let sessions = history_of(&pack, n);
    bencher.bench(|| history::build(black_box(&sessions), Some(&pack)));
}

#[divan::bench(args = [100, 1000], sample_count = 20)]
fn history_render_html(bencher: Bencher, n: usize) {
    let pack = embedded();
    let built = history::build(&history_of(&pack, n), Some(&pack));
    bencher.bench(|| {
        history::render(black_box(&built), history::Format::Html, Style::PLAIN).expect("render")
    });
}

#[divan::bench(args = [100, 1000], sample_count = 20)]
fn drill_plan(bencher: Bencher, n: usize) {
    let pack = embedded();
    let sessions = history_of(&pack, n);
    let request = DrillRequest {
        count: 5,
        stage: None,
        seed: 1,
    };
    bencher.bench(|| drill::plan(&pack, black_box(&sessions), at(6 * n as i64), &request));
}

/// Reading every session file of a data directory, as `history`, `drill` and `report` do.
#[divan::bench(args = [100, 1000], sample_count = 10)]
fn scan_session_files(bencher: Bencher, n: usize) {
    let pack = embedded();
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path().join("sessions");
    std::fs::create_dir_all(&dir).expect("sessions dir");
    for s in history_of(&pack, n) {
        let json = serde_json::to_vec_pretty(&s).expect("serialize");
        std::fs::write(dir.join(format!("{}.json", s.id)), json).expect("write");
    }
    let store = Store::new(home.path());
    bencher.bench(|| {
        let scan = store.scan().expect("scan");
        assert_eq!(scan.sessions.len(), n);
        scan
    });
}
