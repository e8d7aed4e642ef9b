//! Resuming: after a quit, after end of input, after kill -9; the lock; a changed pack.

use std::io::Write as _;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::packs::{self, ASK, GOOD};
use crate::sessions::{answers, only_session, session_files};
use crate::support::{Test, rehearse};

/// Waits until the home's session file shows `n` answers.
fn wait_for_answers(home: &Path, n: usize) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(file) = session_files(home).first() {
            if let Ok(value) =
                serde_json::from_str::<Value>(&std::fs::read_to_string(file).unwrap_or_default())
            {
                if answers(&value).len() >= n {
                    return value;
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "the session never showed {n} answers"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn resume_continues_where_input_ended() {
    let first = packs::tiny()
        .args(["round", "technical", "--seed", "4", "--questions", "2"])
        .stdin(GOOD)
        .stdout_contains("Saved session ")
        .run();
    let before = only_session(first.dir.path());
    assert_eq!(answers(&before).len(), 1);

    let out = Test::in_dir(first.dir)
        .args(["--pack", "pack", "resume"])
        .stdin(format!("{GOOD}{ASK}"))
        .stdout_contains("(resumed)")
        .stdout_contains("question 2/3")
        .stdout_contains("Report: session ")
        .run();
    assert!(!out.stdout.contains("question 1/3"), "{}", out.stdout);
    let after = only_session(out.dir.path());
    assert_eq!(after["status"], "finished");
    assert_eq!(answers(&after).len(), 3);
    assert_eq!(answers(&after)[0], answers(&before)[0]);
    assert_eq!(after["plan"], before["plan"]);
    // A finished session cannot be resumed, and is no longer the default.
    Test::in_dir(out.dir)
        .args(["--pack", "pack", "resume"])
        .status(2)
        .stderr_contains("no unfinished sessions")
        .run();
}

/// A three-question round on the tiny pack, reading its answers from a pipe.
fn spawn_piped_round(home: &Path) -> std::process::Child {
    rehearse(home)
        .args([
            "--pack",
            "pack",
            "round",
            "technical",
            "--seed",
            "8",
            "--questions",
            "3",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn rehearse")
}

#[test]
fn kill_9_mid_session_keeps_every_recorded_answer() {
    let home_dir = packs::tiny_home();
    let home = home_dir.path().to_path_buf();
    let mut child = spawn_piped_round(&home);
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(GOOD.repeat(2).as_bytes())
        .expect("write answers");
    stdin.flush().expect("flush");
    let before = wait_for_answers(&home, 2);
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    drop(stdin);

    let session = only_session(&home);
    assert_eq!(answers(&session).len(), 2);
    assert_eq!(session["status"], "in-progress");

    let out = Test::in_dir(home_dir)
        .args(["--pack", "pack", "resume"])
        .stdin(format!("{GOOD}{ASK}"))
        .stdout_contains("question 3/4")
        .run();
    let after = only_session(out.dir.path());
    assert_eq!(after["status"], "finished");
    assert_eq!(answers(&after).len(), 4);
    assert_eq!(answers(&after)[..2], answers(&before)[..2]);
}

#[test]
fn a_second_process_cannot_write_a_session_in_use() {
    let home_dir = packs::tiny_home();
    let home = home_dir.path().to_path_buf();
    let mut child = spawn_piped_round(&home);
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(GOOD.as_bytes()).expect("write answer");
    stdin.flush().expect("flush");
    wait_for_answers(&home, 1);

    let out = Test::in_dir(home_dir)
        .args(["--pack", "pack", "resume"])
        .stdin(GOOD)
        .status(1)
        .stderr_contains("is open in another rehearse process")
        .run();

    // The first process goes on undisturbed.
    stdin
        .write_all(format!("{GOOD}{GOOD}{ASK}").as_bytes())
        .expect("write answers");
    drop(stdin);
    let status = child.wait().expect("wait");
    assert!(status.success());
    let session = only_session(out.dir.path());
    assert_eq!(session["status"], "finished");
    assert_eq!(answers(&session).len(), 4);
}

#[test]
fn a_lock_held_by_another_process_refuses_resume() {
    let first = packs::tiny()
        .args(["round", "culture", "--seed", "4", "--questions", "2"])
        .stdin(GOOD)
        .run();
    let session = only_session(first.dir.path());
    let id = session["id"].as_str().expect("id").to_string();
    let lock_path = first.path(&format!("data/sessions/{id}.lock"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .expect("open lock");
    assert!(fs4::fs_std::FileExt::try_lock_exclusive(&lock).expect("lock"));

    let out = Test::in_dir(first.dir)
        .args(["--pack", "pack", "resume", &id])
        .stdin(GOOD)
        .status(1)
        .stderr_contains(&format!(
            "error: session {id} is open in another rehearse process"
        ))
        .run();
    assert_eq!(
        answers(&only_session(out.dir.path())).len(),
        1,
        "nothing written"
    );
    drop(lock);
}

#[test]
fn a_different_pack_refuses_resume() {
    let first = packs::tiny()
        .args(["round", "technical", "--seed", "4", "--questions", "2"])
        .stdin(GOOD)
        .run();
    // The same pack, edited: its hash changes.
    let edited = packs::round_file("technical", 3, "5");
    let out = Test::in_dir(first.dir)
        .write("pack/rounds/03-technical.toml", edited)
        .args(["--pack", "pack", "resume"])
        .stdin(GOOD)
        .status(2)
        .run();
    assert!(
        out.stderr.contains("was made with pack `tiny` (hash "),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("but the current pack is `tiny` (hash "),
        "{}",
        out.stderr
    );
    assert_eq!(answers(&only_session(out.dir.path())).len(), 1);
}

#[test]
fn unknown_session_names_the_nearest() {
    let first = packs::tiny()
        .args(["round", "technical", "--seed", "4", "--questions", "1"])
        .run();
    let id = only_session(first.dir.path())["id"]
        .as_str()
        .expect("id")
        .to_string();
    let typo = id.replace("technical", "tecnical");
    Test::in_dir(first.dir)
        .args(["--pack", "pack", "resume", &typo])
        .status(2)
        .stderr_contains(&format!("no session `{typo}`"))
        .stderr_contains(&format!("(did you mean `{id}`?)"))
        .run();
    Test::new()
        .args(["resume"])
        .status(2)
        .stderr_contains("no unfinished sessions")
        .run();
}
