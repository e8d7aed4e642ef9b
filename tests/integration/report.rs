//! `rehearse report` in each format, from a session sat with a fixed seed. Snapshots redact
//! what depends on the clock: the session id, timestamps and time used.

use serde_json::Value;

use crate::packs::{self, GOOD};
use crate::sessions::only_session;
use crate::support::{Output, Test};

/// A round with a hinted answer, a follow-up and a skipped closing question.
fn sat_round() -> (Output, String) {
    let input = format!(
        ":hint\n\n{GOOD}\
         We deduplicate by event id so that replays are idempotent.\n\n\
         We keep a grace period of five minutes because mobile events arrive late.\n\n\
         :skip\n\n"
    );
    let out = packs::tiny()
        .args([
            "round",
            "technical",
            "--seed",
            "1",
            "--questions",
            "2",
            "--feedback",
            "end",
        ])
        .stdin(input)
        .run();
    let id = only_session(out.dir.path())["id"]
        .as_str()
        .expect("id")
        .to_string();
    (out, id)
}

/// Replaces the session id and every `m:ss` that measures time used (before "of" or "used").
fn redact(text: &str, id: &str) -> String {
    let text = text.replace(id, "[session]");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(rest.len());
        let token = &rest[..len];
        let after = &rest[len..];
        let is_clock = token.contains(':') && token.split(':').all(|p| !p.is_empty());
        let boundary = out.is_empty() || out.ends_with([' ', '(']);
        if is_clock && boundary && (after.starts_with(" of ") || after.starts_with(" used")) {
            out.push_str("m:ss");
        } else {
            out.push_str(token);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Replaces clock-dependent JSON values.
fn redact_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let clocked = matches!(
                    key.as_str(),
                    "session_id"
                        | "started_at"
                        | "updated_at"
                        | "ended_at"
                        | "time_used_secs"
                        | "elapsed_secs"
                );
                if clocked && !v.is_null() {
                    *v = Value::String("[redacted]".to_string());
                } else {
                    redact_json(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

#[test]
fn report_term() {
    let (sat, id) = sat_round();
    let out = Test::in_dir(sat.dir)
        .args(["--pack", "pack", "report"])
        .run();
    assert!(
        !out.stdout.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    insta::assert_snapshot!("report_term", redact(&out.stdout, &id));
}

#[test]
fn report_md_to_a_file() {
    let (sat, id) = sat_round();
    let out = Test::in_dir(sat.dir)
        .args([
            "--pack",
            "pack",
            "report",
            &id,
            "--format",
            "md",
            "-o",
            "report.md",
        ])
        .stdout("")
        .run();
    let md = std::fs::read_to_string(out.path("report.md")).expect("report written");
    insta::assert_snapshot!("report_md", redact(&md, &id));
}

#[test]
fn report_json() {
    let (sat, _) = sat_round();
    let out = Test::in_dir(sat.dir)
        .args(["--pack", "pack", "report", "--format", "json"])
        .run();
    let mut json = out.json();
    // The documented shape.
    assert!(json["score"].as_u64().is_some());
    let stage = &json["stages"][0];
    assert_eq!(stage["id"], "technical");
    assert!(stage["score"].as_u64().is_some() && stage["time_used_secs"].as_f64().is_some());
    let answer = &json["answers"][0];
    for key in ["question_id", "stage", "score", "text", "assessment"] {
        assert!(!answer[key].is_null(), "answers[0].{key} is missing");
    }
    // The report never recomputes: its scores are the stored assessments'.
    let session = only_session(out.dir.path());
    assert_eq!(answer["assessment"], session["answers"][0]["assessment"]);
    assert_eq!(
        answer["score"],
        session["answers"][0]["assessment"]["score"]
    );
    redact_json(&mut json);
    insta::assert_json_snapshot!("report_json", json);
}

#[test]
fn report_defaults_to_the_latest_session_and_skips_corrupt_files() {
    let first = packs::tiny()
        .args(["round", "recruiter", "--seed", "1", "--questions", "1"])
        .stdin(GOOD)
        .run();
    let out = Test::in_dir(first.dir)
        .write("data/sessions/broken.json", "{ this is not a session")
        .args(["--pack", "pack", "report", "--format", "json"])
        .run();
    assert!(out.stderr.contains("warning: skipping "), "{}", out.stderr);
    assert!(out.stderr.contains("broken.json"), "{}", out.stderr);
    assert_eq!(out.json()["stages"][0]["id"], "recruiter");
    // An unfinished session reports what was answered.
    assert_eq!(out.json()["answered"], 1);
    assert_eq!(out.json()["status"], "in-progress");
}

#[test]
fn report_without_sessions_or_with_an_unknown_one() {
    Test::new()
        .arg("report")
        .status(2)
        .stderr_contains("no sessions with an answer in ")
        .run();
    Test::new()
        .args(["report", "nope"])
        .status(2)
        .stderr_contains("no session `nope`")
        .run();
}

#[test]
fn redaction_keeps_budgets() {
    assert_eq!(
        redact("x 0:03 of 4:00 · 12:34 used (0:01 of 8:00)", "x"),
        "[session] m:ss of 4:00 · m:ss used (m:ss of 8:00)"
    );
}

#[test]
fn report_works_without_the_pack_and_notes_a_different_one() {
    let (sat, _) = sat_round();
    std::fs::remove_dir_all(sat.path("pack")).expect("remove the pack");
    let out = Test::in_dir(sat.dir)
        .args(["--pack", "pack", "report", "--format", "json"])
        .stderr_contains("warning: reporting without the pack: ")
        .run();
    let json = out.json();
    assert_eq!(json["pack_matches"], false);
    assert_eq!(json["pack_loaded"], false);
    assert!(json["answers"][0]["model_answer"].is_null());
    assert!(json["score"].as_u64().is_some());
    let out = Test::in_dir(out.dir)
        .args(["--pack", "pack", "report"])
        .stdout_contains("Note: the pack could not be loaded, so model answers")
        .run();
    assert!(
        !out.stdout
            .contains("model answers come from the current pack")
    );

    // With another pack (the embedded one): a note, and the scores still come from the session.
    let out = Test::in_dir(out.dir).arg("report").run();
    assert!(
        out.stdout
            .contains("Note: this is not the pack the session was made with"),
        "{}",
        out.stdout
    );
}

/// A session left before its first answer has nothing to report: `report` with no id shows the
/// latest session that has an answer.
#[test]
fn report_skips_a_session_left_before_its_first_answer() {
    let (sat, id) = sat_round();
    let out = Test::in_dir(sat.dir)
        .args(["--pack", "pack", "round", "culture", "--seed", "2"])
        .stdin(":quit\n\n")
        .stdout_contains("(0 of ")
        .run();
    let out = Test::in_dir(out.dir)
        .args(["--pack", "pack", "report"])
        .stdout_contains(&format!("Report: session {id}"))
        .run();
    assert!(!out.stdout.contains("culture"), "{}", out.stdout);
}
