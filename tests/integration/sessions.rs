//! Sitting rounds and loops through piped stdin; the session files they leave behind.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::packs::{self, ASK, GOOD};
use crate::support::Test;

/// The session files in a test home, sorted.
pub fn session_files(home: &Path) -> Vec<PathBuf> {
    let dir = home.join("data/sessions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The only session of a test home, parsed.
pub fn only_session(home: &Path) -> Value {
    let files = session_files(home);
    assert_eq!(files.len(), 1, "expected one session file: {files:?}");
    let text = std::fs::read_to_string(&files[0]).expect("read session");
    serde_json::from_str(&text).expect("session is JSON")
}

pub fn answers(session: &Value) -> &Vec<Value> {
    session["answers"].as_array().expect("answers")
}

#[test]
fn piped_round_asks_the_plan_and_prints_the_report() {
    let input = format!("{GOOD}{GOOD}{ASK}");
    let out = packs::tiny()
        .args(["round", "technical", "--seed", "1", "--questions", "2"])
        .stdin(input)
        .stdout_contains(
            "Stage 3/6: The technical interview\nInterviewer: The technical interviewer\n",
        )
        .stdout_contains("technical · stage 3/6 · question 1/3 · 4:00\n")
        .stdout_contains("4:00 to answer")
        .stdout_contains(
            "technical · stage 3/6 · question 3/3 · 4:00\nQ: What questions do you have for me?",
        )
        .stdout_contains("Report: session ")
        .run();
    // No prompts, colours or progress bars when piped.
    assert!(!out.stdout.contains('\x1b'), "{}", out.stdout);
    assert!(
        !out.stdout.lines().any(|l| l.starts_with("> ")),
        "{}",
        out.stdout
    );
    // Feedback defaults to `now` for a round.
    assert_eq!(
        out.stdout.matches("/100 (content ").count(),
        3,
        "{}",
        out.stdout
    );

    let session = only_session(out.dir.path());
    assert_eq!(session["schema_version"], 1);
    assert_eq!(session["kind"], "round");
    assert_eq!(session["status"], "finished");
    assert_eq!(session["pack"]["name"], "tiny");
    assert_eq!(session["pack"]["hash"].as_str().map(str::len), Some(64));
    assert_eq!(session["options"]["stage"], "technical");
    assert_eq!(session["options"]["seed"], 1);
    assert_eq!(session["options"]["questions"], 2);
    assert_eq!(session["options"]["pace"], "real");
    assert_eq!(session["options"]["feedback"], "now");
    let plan = session["plan"].as_array().expect("plan");
    assert_eq!(plan.len(), 3);
    assert_eq!(plan[2]["question_id"], "technical-ask");
    let answers = answers(&session);
    assert_eq!(answers.len(), 3);
    let first = &answers[0];
    assert_eq!(first["stage"], "technical");
    assert_eq!(first["limit_secs"], 240.0);
    assert_eq!(first["text"], GOOD.trim());
    assert_eq!(first["skipped"], false);
    assert_eq!(first["hinted"], false);
    assert!(first["elapsed_secs"].as_f64().is_some());
    assert!(first["started_at"].as_str().is_some() && first["ended_at"].as_str().is_some());
    assert!(first["assessment"]["score"].as_u64().is_some());
    // The id names the kind and the stage.
    let id = session["id"].as_str().expect("id");
    assert!(
        id.ends_with("-round-technical") && id.len() == "20261126-143012-round-technical".len(),
        "{id}"
    );
}

#[test]
fn the_same_seed_asks_the_same_questions() {
    let ask = |seed: &str| {
        let out = packs::tiny()
            .args(["round", "culture", "--seed", seed, "--questions", "2"])
            .run();
        let session = only_session(out.dir.path());
        session["plan"].clone()
    };
    assert_eq!(ask("42"), ask("42"));
    // Without a seed, the generated one is recorded so the plan can be reproduced.
    let out = packs::tiny()
        .args(["round", "culture", "--questions", "2"])
        .run();
    let session = only_session(out.dir.path());
    let seed = session["options"]["seed"].as_u64().expect("seed recorded");
    assert_eq!(ask(&seed.to_string()), session["plan"]);
}

#[test]
fn default_question_count_fits_the_stage_minutes() {
    // 20 minutes minimum, 4 for the closing question: four 4-minute questions fit, but the
    // tiny pack has three.
    let out = packs::tiny()
        .args(["round", "recruiter", "--seed", "3"])
        .run();
    assert_eq!(
        only_session(out.dir.path())["plan"]
            .as_array()
            .map(Vec::len),
        Some(4)
    );
}

#[test]
fn piped_loop_runs_all_six_stages_and_two_team_rounds() {
    // One main question and the closing one per sitting: 5 stages + 2 team rounds.
    let input = format!("{GOOD}{ASK}").repeat(7);
    let out = packs::tiny()
        .args(["loop", "--seed", "9", "--questions", "1", "--pace", "brisk"])
        .stdin(input)
        .stdout_contains(
            "Before each interview\n  [ ] Water on the desk\n  [ ] Stories mapped to the role\n",
        )
        .stdout_contains("-- break: 1/6 stages done; next: The hiring-manager interview --")
        .stdout_contains("-- break: 5/6 stages done; next: The team interview (round 2/2) --")
        .stdout_contains("team · stage 6/6 · round 2/2 · question 1/2 · 2:00")
        .stdout_contains("Overall score: ")
        .run();
    // Feedback defaults to `end` for a loop: nothing before the report.
    let before_report = out
        .stdout
        .split("Report: session")
        .next()
        .unwrap_or_default();
    assert!(!before_report.contains("Score "), "{}", out.stdout);

    let session = only_session(out.dir.path());
    assert_eq!(session["kind"], "loop");
    assert_eq!(session["status"], "finished");
    assert_eq!(session["options"]["team_rounds"], 2);
    assert_eq!(session["options"]["feedback"], "end");
    let answers = answers(&session);
    assert_eq!(answers.len(), 14);
    let stages: Vec<&str> = answers.iter().filter_map(|a| a["stage"].as_str()).collect();
    let mut expected: Vec<&str> = [
        "recruiter",
        "hiring-manager",
        "technical",
        "cross-functional",
        "culture",
    ]
    .iter()
    .flat_map(|s| [*s, *s])
    .collect();
    expected.extend(["team"; 4]);
    assert_eq!(stages, expected);
    // The two team rounds ask different main questions.
    let team_main: Vec<&Value> = answers
        .iter()
        .filter(|a| a["stage"] == "team" && a["question_id"] != "team-ask")
        .collect();
    assert_eq!(team_main.len(), 2);
    assert_ne!(team_main[0]["question_id"], team_main[1]["question_id"]);
    assert_eq!(team_main[1]["round"], 2);
    // Brisk: half the pack's 4 minutes.
    assert_eq!(answers[0]["limit_secs"], 120.0);
}

#[test]
fn three_team_rounds() {
    let out = packs::tiny()
        .args([
            "loop",
            "--seed",
            "2",
            "--questions",
            "1",
            "--team-rounds",
            "3",
        ])
        .run();
    let session = only_session(out.dir.path());
    let team_rounds: Vec<u64> = session["plan"]
        .as_array()
        .expect("plan")
        .iter()
        .filter(|p| p["stage"] == "team")
        .filter_map(|p| p["round"].as_u64())
        .collect();
    assert_eq!(team_rounds, vec![1, 1, 2, 2, 3, 3]);
    packs::tiny()
        .args(["loop", "--team-rounds", "4"])
        .status(2)
        .stderr_contains("4 is not in 2..=3")
        .run();
}

#[test]
fn a_session_file_is_saved_after_every_answer() {
    for n in 0..=3 {
        let out = packs::tiny()
            .args(["round", "technical", "--seed", "5", "--questions", "3"])
            .stdin(GOOD.repeat(n))
            .stdout_contains("Continue with: rehearse resume ")
            .run();
        let session = only_session(out.dir.path());
        assert_eq!(answers(&session).len(), n, "after {n} answers");
        assert_eq!(session["status"], "in-progress");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file = &session_files(out.dir.path())[0];
            let mode = std::fs::metadata(file)
                .expect("metadata")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let dir = std::fs::metadata(out.path("data/sessions")).expect("metadata");
            assert_eq!(dir.permissions().mode() & 0o777, 0o700);
        }
    }
}

#[test]
fn commands_work_as_blocks_when_piped() {
    let input = format!(":hint\n\n{GOOD}:skip\n\n:quit\n\n");
    let out = packs::tiny()
        .args(["round", "technical", "--seed", "5", "--questions", "3"])
        .stdin(input)
        .stdout_contains("Hint: a strong answer covers\n  - Windowing with grace periods\n  - Deduplication by event id\n")
        .stdout_contains("Skipped.")
        .stdout_contains("Saved session ")
        .run();
    let session = only_session(out.dir.path());
    let answers = answers(&session);
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["hinted"], true);
    assert_eq!(answers[1]["skipped"], true);
    assert!(answers[1]["assessment"].is_null());
    assert_eq!(session["status"], "in-progress");
}

/// A pack whose only technical question has one point with a follow-up and one without.
fn follow_up_pack() -> Test {
    let test = Test::new();
    packs::write_to(test.path(), "pack", 1, "4");
    test.args(["--pack", "pack"])
}

#[test]
fn a_missed_point_with_a_follow_up_is_probed_and_the_reply_counts() {
    let input = format!(
        "We deduplicate by event id so that replays are idempotent.\n\n\
         We keep a grace period of five minutes because mobile events arrive late.\n\n{ASK}"
    );
    let out = follow_up_pack()
        .args(["round", "technical", "--seed", "1"])
        .stdin(input)
        .stdout_contains(
            "Follow-up: What happens to an event that arrives after its window has closed?\n",
        )
        .run();
    let session = only_session(out.dir.path());
    let first = &answers(&session)[0];
    let follow_ups = first["follow_ups"].as_array().expect("follow-ups");
    assert_eq!(
        follow_ups.len(),
        1,
        "only the point with a follow-up is probed"
    );
    assert_eq!(follow_ups[0]["point_id"], "grace");
    assert_eq!(
        follow_ups[0]["question"],
        "What happens to an event that arrives after its window has closed?"
    );
    assert!(
        follow_ups[0]["answer"]
            .as_str()
            .is_some_and(|a| a.contains("grace period"))
    );
    // Re-assessed with the follow-up: the grace point is now credited.
    let grace = first["assessment"]["points"]
        .as_array()
        .expect("points")
        .iter()
        .find(|p| p["id"] == "grace")
        .expect("grace point");
    assert_ne!(grace["status"], "missed", "{grace}");
    assert_eq!(session["status"], "finished");
}

#[test]
fn no_follow_up_when_nothing_is_missed() {
    let out = follow_up_pack()
        .args(["round", "technical", "--seed", "1"])
        .stdin(format!("{GOOD}{ASK}"))
        .run();
    assert!(!out.stdout.contains("Follow-up:"), "{}", out.stdout);
    assert_eq!(only_session(out.dir.path())["status"], "finished");
}

#[test]
fn unknown_stage_suggests_the_nearest() {
    packs::tiny()
        .args(["round", "tecnical"])
        .status(2)
        .stderr_contains("unknown stage `tecnical` (did you mean `technical`?)")
        .run();
}
