//! Progress over weeks: `report --format html`, `history` in each format, `drill`, and colour
//! only on a terminal. Sessions come from piped runs of the tiny pack; for history, their dates,
//! times and scores are then fixed so that the output is the same on every run and does not
//! move when the scorer is tuned.

use std::path::Path;

use serde_json::{Value, json};
use tempfile::TempDir;

use crate::packs::{self, ASK, GOOD};
use crate::sessions::{only_session, session_files};
use crate::support::{Output, Test};

/// A home with the tiny pack in `pack/`, its points without follow-ups, so that piped input is
/// exactly one block per planned question.
fn calm_home() -> TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    packs::write_to(home.path(), "pack", 3, "4");
    for file in std::fs::read_dir(home.path().join("pack/rounds")).expect("rounds") {
        let path = file.expect("round file").path();
        let text = std::fs::read_to_string(&path).expect("read round");
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("follow_up"))
            .collect();
        std::fs::write(&path, kept.join("\n")).expect("write round");
    }
    home
}

fn calm(home: TempDir) -> Test {
    Test::in_dir(home).args(["--pack", "pack"])
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("read JSON");
    serde_json::from_str(&text).expect("JSON")
}

const HOSTILE: &str = "We keep a grace period of five minutes because events arrive late. \
    <script>alert(1)</script> & \"quoted\" <img src=x onerror=alert(1)> it's fine";

#[test]
fn html_report_escapes_user_text_and_is_self_contained() {
    let sat = calm(calm_home())
        .args(["round", "technical", "--seed", "1", "--questions", "2"])
        .stdin(format!("{HOSTILE}\n\n{GOOD}{ASK}"))
        .run();
    let out = Test::in_dir(sat.dir)
        .args([
            "--pack", "pack", "report", "--format", "html", "-o", "r.html",
        ])
        .stdout("")
        .run();
    let html = std::fs::read_to_string(out.path("r.html")).expect("report written");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");

    // The answer is shown, inert.
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "a live script tag");
    assert!(!lower.contains("<img"), "a live img tag");
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        " &amp; ",
        "&quot;quoted&quot;",
    ] {
        assert!(html.contains(escaped), "{escaped} missing");
    }

    // Nothing from the network: no URL, no external resource, only in-page links.
    for remote in [
        "http://", "https://", "url(", "src=\"", "@import", "<link", "<iframe",
    ] {
        assert!(!lower.contains(remote), "{remote} in the report");
    }
    for (i, _) in html.match_indices("href=\"") {
        let target = &html[i + 6..];
        assert!(target.starts_with('#'), "a link out: {}", &target[..40]);
    }

    // The time chart: one bar per answer.
    let session = only_session(out.dir.path());
    let answers = session["answers"].as_array().expect("answers").len();
    assert_eq!(answers, 3);
    let chart = svg_of(&html, "class=\"time\"");
    assert_eq!(chart.matches("<rect class=\"used\"").count(), answers);

    // Evidence highlighted inside the answer text, as the scorer located it.
    let evidence = &session["answers"][0]["assessment"]["points"]
        .as_array()
        .expect("points")
        .iter()
        .find(|p| p["status"] != "missed")
        .expect("a credited point")["evidence"];
    let phrase = evidence["phrase"].as_str().expect("phrase");
    assert!(
        html.contains(&format!("{phrase}<sup>")),
        "{phrase} is not marked"
    );
    assert!(html.contains("<mark class=\""), "no highlight");
    // Model answers and missed points.
    assert!(
        html.contains(
            "We keep a grace period of five minutes because events from phones arrive late"
        )
    );
    assert!(html.contains("Points hit"));

    // Standard output works too.
    let out = Test::in_dir(out.dir)
        .args(["--pack", "pack", "report", "--format", "html"])
        .run();
    assert!(out.stdout.starts_with("<!DOCTYPE html>"));
}

/// The `<svg …>…</svg>` whose opening tag contains `marker`.
fn svg_of<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html
        .match_indices("<svg")
        .map(|(i, _)| i)
        .find(|i| {
            html[*i..]
                .split('>')
                .next()
                .is_some_and(|tag| tag.contains(marker))
        })
        .unwrap_or_else(|| panic!("no <svg {marker}> in the page"));
    let end = html[at..].find("</svg>").expect("closed svg");
    &html[at..at + end]
}

/// `n` sessions, one every day from 2 November 2026 at 09:00 UTC, alternating technical and
/// recruiter rounds of two main questions and the closing one. Their ids, times and scores are
/// rewritten: answer `j` of session `i` scores `20 + 6i + 5j` (at most 100) and misses the grace
/// period below 60; the closing question scores 30 and misses "Asks about the team".
fn history_home(n: usize) -> TempDir {
    let mut home = calm_home();
    for i in 0..n {
        let stage = if i % 2 == 0 { "technical" } else { "recruiter" };
        let out = calm(home)
            .args(["round", stage, "--seed", &i.to_string(), "--questions", "2"])
            .stdin(format!("{GOOD}{GOOD}{ASK}"))
            .run();
        let files: Vec<_> = session_files(out.dir.path())
            .into_iter()
            .filter(|f| {
                !f.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('h'))
            })
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let mut session = read_json(&files[0]);
        let id = format!("h{i:02}-round-{stage}");
        let day = 2 + i;
        let at = |minute: usize| format!("2026-11-{day:02}T09:{minute:02}:00Z");
        session["id"] = json!(id);
        session["started_at"] = json!(at(0));
        session["updated_at"] = json!(at(30));
        let answers = session["answers"].as_array_mut().expect("answers");
        let last = answers.len() - 1;
        for (j, a) in answers.iter_mut().enumerate() {
            let score = if j == last {
                30
            } else {
                (20 + 6 * i + 5 * j).min(100)
            };
            a["started_at"] = json!(at(j * 5));
            a["ended_at"] = json!(at(j * 5 + 2));
            a["elapsed_secs"] = json!(60 + 10 * j);
            a["overtime_secs"] = Value::Null;
            let assessment = &mut a["assessment"];
            assessment["score"] = json!(score);
            assessment["content"] = json!(score);
            assessment["missed"] = if j == last {
                json!(["Asks about the team"])
            } else if score < 60 {
                json!(["Windowing with grace periods"])
            } else {
                json!([])
            };
        }
        std::fs::remove_file(&files[0]).expect("remove the original");
        let path = out.path(&format!("data/sessions/{id}.json"));
        std::fs::write(&path, serde_json::to_vec_pretty(&session).expect("JSON"))
            .expect("write the session");
        home = out.dir;
    }
    home
}

fn history(home: TempDir, args: &[&str]) -> Output {
    calm(home)
        .env("TZ", "UTC")
        .arg("history")
        .args(args.iter().copied())
        .run()
}

#[test]
fn history_table_over_twelve_sessions() {
    let out = history(history_home(12), &[]);
    assert!(!out.stdout.contains('\x1b'), "no colour when piped");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("History: 12 sessions, 2026-11-02 to 2026-11-13")
    );
    insta::assert_snapshot!("history_table", out.stdout);
}

#[test]
fn history_json_has_sessions_and_aggregates() {
    let out = history(history_home(12), &["--format", "json"]);
    let json = out.json();
    let sessions = json["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 12);
    for s in sessions {
        for key in ["id", "started_at", "kind", "stages", "score"] {
            assert!(!s[key].is_null(), "sessions[].{key} missing in {s}");
        }
    }
    assert_eq!(sessions[0]["id"], "h00-round-technical");
    assert_eq!(sessions[0]["kind"], "round");
    assert_eq!(sessions[0]["stages"][0]["id"], "technical");
    // Technical: (20 + 25 + 30) / 3 = 25 in the first session.
    assert_eq!(sessions[0]["stages"][0]["score"], 25);
    assert_eq!(sessions[0]["score"], 25);

    let stages = json["stages"].as_array().expect("stages");
    let ids: Vec<&str> = stages.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids, vec!["recruiter", "technical"]);
    let technical = &stages[1];
    assert_eq!(technical["points"].as_array().map(Vec::len), Some(6));
    // The last technical session: (80 + 85 + 30) / 3.
    assert_eq!(
        (technical["first"].clone(), technical["latest"].clone()),
        (json!(25), json!(65))
    );
    assert_eq!(technical["change"], 40);

    // The closing questions score 30 every time: the weakest, missing the same point.
    let weakest = json["weakest"].as_array().expect("weakest");
    assert_eq!(weakest[0]["question_id"], "recruiter-ask");
    assert_eq!(weakest[0]["latest"], 30);
    assert_eq!(weakest[0]["attempts"], 6);
    assert_eq!(
        weakest[0]["missed"],
        json!([{ "label": "Asks about the team", "times": 6 }])
    );
    // Every question with its first and latest score, most improved first.
    let questions = json["questions"].as_array().expect("questions");
    let first = &questions[0];
    assert!(first["change"].as_i64() > Some(0), "{first}");
    assert_eq!(
        first["change"].as_i64(),
        Some(first["latest"].as_i64().unwrap_or(0) - first["first"].as_i64().unwrap_or(0))
    );
    insta::assert_json_snapshot!("history_json", json);
}

#[test]
fn history_html_has_a_trend_chart_per_stage() {
    let out = history(history_home(12), &["--format", "html", "-o", "h.html"]);
    let html = std::fs::read_to_string(out.path("h.html")).expect("history written");
    let points = |series: &str| {
        svg_of(&html, &format!("data-series=\"{series}\""))
            .matches("<circle")
            .count()
    };
    assert_eq!(points("overall"), 12);
    assert_eq!(points("technical"), 6);
    assert_eq!(points("recruiter"), 6);
    assert_eq!(
        svg_of(&html, "data-series=\"technical\"")
            .matches("<polyline")
            .count(),
        1
    );
    let lower = html.to_lowercase();
    for remote in ["http://", "https://", "url(", "src=\"", "<script", "<link"] {
        assert!(!lower.contains(remote), "{remote} in the history page");
    }
    assert!(html.contains("Weakest questions"));
    assert!(html.contains("Asks about the team"));
    assert!(html.contains("missed in 6 of 6"));
}

#[test]
fn history_names_and_skips_a_corrupt_session_file() {
    let home = history_home(3);
    std::fs::write(
        home.path().join("data/sessions/broken.json"),
        "{ not a session",
    )
    .expect("write");
    std::fs::write(home.path().join("data/sessions/empty.json"), "").expect("write");
    let out = history(home, &["--format", "json"]);
    assert!(out.stderr.contains("broken.json"), "{}", out.stderr);
    assert!(out.stderr.contains("empty.json"), "{}", out.stderr);
    assert_eq!(out.json()["sessions"].as_array().map(Vec::len), Some(3));
    let out = history(out.dir, &[]);
    assert!(out.stdout.contains("History: 3 sessions"), "{}", out.stdout);
}

#[test]
fn history_without_sessions() {
    let out = history(calm_home(), &[]);
    assert!(out.stdout.starts_with("No sessions yet"), "{}", out.stdout);
    let out = history(out.dir, &["--format", "json"]);
    assert_eq!(out.json()["sessions"], json!([]));
}

/// The drill planned in a home, without answering: its session as saved.
fn planned_drill(home: TempDir, args: &[&str]) -> (Output, Value) {
    let before = session_files(home.path());
    let out = calm(home)
        .args(["drill", "--seed", "1"])
        .args(args.iter().copied())
        .run();
    let new: Vec<_> = session_files(out.dir.path())
        .into_iter()
        .filter(|f| !before.contains(f))
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    let session = read_json(&new[0]);
    (out, session)
}

fn plan_ids(session: &Value) -> Vec<String> {
    session["plan"]
        .as_array()
        .expect("plan")
        .iter()
        .filter_map(|p| p["question_id"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn drill_starts_with_the_worst_answer_right_after_a_bad_session() {
    let sat = calm(calm_home())
        .args(["round", "technical", "--seed", "1", "--questions", "2"])
        .stdin(format!("{GOOD}I am not sure. Maybe a database.\n\n{ASK}"))
        .run();
    let round = only_session(sat.dir.path());
    let scored: Vec<(String, u64)> = round["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| {
            (
                a["question_id"].as_str().unwrap_or_default().to_string(),
                a["assessment"]["score"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let worst = scored.iter().min_by_key(|(_, s)| *s).expect("answers");
    let best = scored.iter().max_by_key(|(_, s)| *s).expect("answers");
    assert!(worst.1 < 40 && best.1 > worst.1, "{scored:?}");

    let (out, drill) = planned_drill(sat.dir, &["--stage", "technical", "--count", "4"]);
    let plan = plan_ids(&drill);
    assert_eq!(plan[0], worst.0, "{plan:?} after {scored:?}");
    assert_eq!(plan.len(), 4);
    // Answers below 80 are due at once, lowest first; then the technical question never
    // answered; then the answers of 80 or more (due in days), only to fill the count.
    let at = |id: &str| plan.iter().position(|p| p == id);
    let new = ["technical-1", "technical-2", "technical-3"]
        .into_iter()
        .find(|id| !scored.iter().any(|(q, _)| q == id))
        .expect("one main question not asked");
    let new_at = at(new).expect("the new question is drilled");
    let mut due: Vec<&(String, u64)> = scored.iter().filter(|(_, s)| *s < 80).collect();
    due.sort_by_key(|(_, s)| *s);
    for (i, (q, s)) in due.iter().enumerate() {
        assert_eq!(at(q), Some(i), "{q} ({s}) in {plan:?}");
    }
    assert_eq!(new_at, due.len(), "{plan:?}");
    for (q, _) in scored.iter().filter(|(_, s)| *s >= 80) {
        assert!(at(q) > Some(new_at), "{q} in {plan:?}");
    }
    assert_eq!(drill["kind"], "drill");
    assert_eq!(drill["options"]["stage"], "technical");
    assert!(out.stdout.contains("Drill plan"), "{}", out.stdout);
    assert!(
        out.stdout.contains(&format!(
            "1. technical · {}: due; last score {}",
            worst.0, worst.1
        )),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("never answered"), "{}", out.stdout);
}

#[test]
fn a_drill_runs_piped_and_is_saved_as_a_drill_session() {
    let out = calm(calm_home())
        .args(["drill", "--count", "2", "--seed", "5", "--pace", "brisk"])
        .stdin(format!("{GOOD}{GOOD}"))
        .stdout_contains("Drill: 2 questions most in need of practice")
        .stdout_contains("question 2/2 · 2:00")
        .stdout_contains("Report: session ")
        .run();
    let session = only_session(out.dir.path());
    assert_eq!(session["kind"], "drill");
    assert_eq!(session["status"], "finished");
    assert_eq!(session["options"]["questions"], 2);
    assert_eq!(session["answers"].as_array().map(Vec::len), Some(2));
    assert!(
        session["id"]
            .as_str()
            .is_some_and(|id| id.ends_with("-drill")),
        "{}",
        session["id"]
    );
    // Feedback defaults to now, as in a round.
    assert_eq!(session["options"]["feedback"], "now");
    let out = calm(out.dir).args(["history", "--format", "json"]).run();
    assert_eq!(out.json()["sessions"][0]["kind"], "drill");
    // Default count: five.
    let (_, drill) = planned_drill(out.dir, &[]);
    assert_eq!(plan_ids(&drill).len(), 5);
}

#[test]
fn drill_rejects_a_bad_stage_or_count() {
    calm(calm_home())
        .args(["drill", "--stage", "tecnical"])
        .status(2)
        .stderr_contains("did you mean `technical`")
        .run();
    calm(calm_home())
        .args(["drill", "--count", "0"])
        .status(2)
        .run();
}

#[test]
fn no_colour_when_piped_even_without_no_color() {
    let home = history_home(2);
    let test = calm(home).arg("history");
    let out = test.command().env_remove("NO_COLOR").output().expect("run");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("History: 2 sessions"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "{stdout}");
}

/// Colour on a terminal unless `NO_COLOR` is set.
#[cfg(unix)]
#[test]
fn colour_on_a_terminal_honours_no_color() {
    use std::process::Command;

    let home = history_home(2);
    let run = |no_color: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rehearse"));
        cmd.current_dir(home.path())
            .env_remove("REHEARSE_PACK")
            .env_remove("NO_COLOR")
            .env("REHEARSE_DATA_DIR", home.path().join("data"))
            .env("TERM", "xterm")
            .env("HOME", home.path())
            .args(["--pack", "pack", "history"]);
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn in a pty");
        p.exp_eof().expect("history ends")
    };
    let coloured = run(None);
    assert!(
        coloured.contains("\x1b[1mHistory: 2 sessions"),
        "{coloured:?}"
    );
    let plain = run(Some("1"));
    assert!(plain.contains("History: 2 sessions"), "{plain:?}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
}
