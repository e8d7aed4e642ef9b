//! The terminal experience through a pseudo-terminal: the screen, a multi-line answer, `:hint`,
//! a time warning that keeps the typed text, `:quit` and `resume`.
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use rexpect::session::{PtySession, spawn_command};

use crate::packs;
use crate::sessions::{answers, only_session};

/// `rehearse --pack fast ARGS` in a pseudo-terminal, with a test home's environment.
fn spawn(home: &Path, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    cmd.current_dir(home)
        .env_remove("REHEARSE_PACK")
        .env("REHEARSE_DATA_DIR", home.join("data"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("HOME", home)
        .args(["--pack", "fast"])
        .args(args);
    spawn_command(cmd, Some(20_000)).expect("spawn rehearse in a pty")
}

/// Pastes `text` at the prompt (as a terminal does, in bracketed-paste mode) and waits until it
/// is drawn.
///
/// While a timed answer is open, rustyline 17 handles only the first of several keys that
/// arrive together (kkawakam/rustyline#976), so timed prompts are driven by pastes and single
/// Enter keys, each awaited before the next.
fn paste(p: &mut PtySession, text: &str) -> String {
    p.send(&format!("\x1b[200~{text}\x1b[201~")).expect("paste");
    p.flush().expect("flush");
    p.exp_string(text).expect("pasted text drawn")
}

/// Presses Enter once.
fn enter(p: &mut PtySession) {
    p.send("\r").expect("enter");
    p.flush().expect("flush");
}

#[test]
fn a_round_in_a_terminal_with_hint_time_warning_quit_and_resume() {
    let home = tempfile::tempdir().expect("temp dir");
    // One main question per stage, 0.05 minutes (3 seconds) each: warnings come fast.
    packs::write_to(home.path(), "fast", 1, "0.05");

    let mut p = spawn(home.path(), &["round", "technical", "--seed", "1"]);
    p.exp_string("Stage 3/6: The technical interview")
        .expect("stage title");
    p.exp_string("Interviewer: The technical interviewer")
        .expect("interviewer");
    // The status line "technical · stage 3/6 · question 1/2 · 0:03" (rexpect reads bytes as
    // Latin-1, so only its ASCII parts are matched).
    p.exp_string("stage 3/6").expect("status line: stage");
    p.exp_string("question 1/2").expect("status line: question");
    p.exp_string("0:03\r\n").expect("status line: budget");
    p.exp_string("Q: How do you handle late events, part 1 of technical?")
        .expect("question");
    p.exp_string("0:03 to answer").expect("budget as m:ss");
    p.exp_string("> ").expect("prompt");

    paste(&mut p, ":hint");
    enter(&mut p);
    p.exp_string("Hint: a strong answer covers").expect("hint");
    p.exp_string("- Windowing with grace periods")
        .expect("first label");
    p.exp_string("- Deduplication by event id")
        .expect("second label");
    p.exp_string("> ").expect("prompt again");

    // Type without Enter, then wait for time's up: the typed text is drawn again under it.
    let before = paste(&mut p, "first line we deduplicate");
    assert!(
        !before.contains("time's up"),
        "typed before the warning: {before:?}"
    );
    p.exp_string("[time's up: 0:03 budget; wrap up]")
        .expect("time warning");
    p.exp_string("> first line we deduplicate")
        .expect("typed text kept under the warning");

    // A multi-line answer: Enter starts a new line, an empty line submits.
    paste(&mut p, " by event id");
    enter(&mut p);
    p.exp_string("by event id\r\n").expect("new line");
    paste(&mut p, "second line of the answer");
    enter(&mut p);
    p.exp_string("second line of the answer\r\n")
        .expect("new line");
    enter(&mut p);

    // The grace point was missed: its follow-up is asked. Quit there.
    p.exp_string("Follow-up: What happens to an event that arrives after its window has closed?")
        .expect("follow-up");
    p.send_line(":quit").expect("send :quit");
    p.exp_string("Saved session ").expect("saved");
    p.exp_string("Continue with: rehearse resume ")
        .expect("resume hint");
    p.exp_eof().expect("exit");

    let session = only_session(home.path());
    let saved = answers(&session);
    assert_eq!(saved.len(), 1);
    assert_eq!(
        saved[0]["text"],
        "first line we deduplicate by event id\nsecond line of the answer"
    );
    assert_eq!(saved[0]["hinted"], true);
    assert!(saved[0]["elapsed_secs"].as_f64().is_some_and(|s| s > 0.0));
    assert_eq!(saved[0]["limit_secs"], 3.0);
    assert_eq!(session["status"], "in-progress");

    let mut p = spawn(home.path(), &["resume"]);
    p.exp_string("(resumed)").expect("resumed");
    p.exp_string("question 2/2").expect("next question");
    p.exp_string("Q: What questions do you have for me?")
        .expect("closing question");
    p.exp_string("> ").expect("prompt");
    paste(&mut p, ":time");
    enter(&mut p);
    p.exp_string("Time: ").expect("time shown");
    p.exp_string("> ").expect("prompt again");
    paste(&mut p, "How does your team decide what to build next?");
    enter(&mut p);
    p.exp_string("next?\r\n").expect("new line");
    enter(&mut p);
    p.exp_string("Report: session ").expect("report at the end");
    p.exp_string("Overall score: ").expect("overall score");
    p.exp_eof().expect("exit");

    let session = only_session(home.path());
    assert_eq!(session["status"], "finished");
    assert_eq!(answers(&session).len(), 2);
}

#[test]
fn a_loop_in_a_terminal_opens_with_the_checklist_and_breaks_between_stages() {
    let home = tempfile::tempdir().expect("temp dir");
    packs::write_to(home.path(), "fast", 1, "0.05");
    let mut p = spawn(
        home.path(),
        &[
            "loop",
            "--seed",
            "1",
            "--questions",
            "1",
            "--pace",
            "untimed",
        ],
    );
    p.exp_string("Before each interview").expect("checklist");
    p.exp_string("[ ] Water on the desk")
        .expect("checklist item");
    p.exp_string("Press Enter to begin").expect("wait to begin");
    p.send_line("").expect("begin");
    p.exp_string("stage 1/6").expect("first stage");
    p.exp_string("question 1/2").expect("first question");
    p.exp_string("untimed").expect("untimed");
    p.send_line(":skip").expect("skip");
    p.exp_string("Skipped.").expect("skipped");
    p.send_line(":skip").expect("skip");
    p.exp_string("1/6 stages").expect("progress of the loop");
    p.exp_string("Next: The hiring-manager interview. Press Enter when ready")
        .expect("break");
    p.send_line(":quit").expect("quit at the break");
    p.exp_string("Saved session ").expect("saved");
    p.exp_eof().expect("exit");
    assert_eq!(answers(&only_session(home.path())).len(), 2);
}

/// Ctrl-C quits like `:quit` and keeps what was typed: `resume` puts it back at the prompt.
#[test]
fn ctrl_c_keeps_the_typed_answer_and_resume_offers_it_again() {
    let home = tempfile::tempdir().expect("temp dir");
    packs::write_to(home.path(), "fast", 1, "0.05");
    let mut p = spawn(
        home.path(),
        &["round", "technical", "--seed", "1", "--pace", "untimed"],
    );
    p.exp_string("> ").expect("prompt");
    paste(&mut p, "we keep a grace period");
    enter(&mut p);
    p.exp_string("grace period\r\n").expect("new line");
    paste(&mut p, "of five minutes");
    p.send_control('c').expect("ctrl-c");
    p.exp_string("Saved session ").expect("saved");
    p.exp_eof().expect("exit");
    let session = only_session(home.path());
    assert!(answers(&session).is_empty());
    assert_eq!(session["draft"], "we keep a grace period\nof five minutes");

    let mut p = spawn(home.path(), &["resume"]);
    p.exp_string("(resumed)").expect("resumed");
    p.exp_string("> we keep a grace period")
        .expect("the draft is back at the prompt");
    p.exp_string("of five minutes").expect("all of it");
    // The cursor waits on a new line under the draft, as after a command.
    paste(&mut p, "so stragglers count");
    enter(&mut p);
    enter(&mut p);
    p.exp_string("Q: ").expect("next question");
    p.send_control('c').expect("ctrl-c");
    p.exp_eof().expect("exit");
    let session = only_session(home.path());
    assert_eq!(
        answers(&session)[0]["text"],
        "we keep a grace period\nof five minutes\nso stragglers count"
    );
    assert!(session["draft"].is_null());
}
