//! Reliability: broken packs, kill -9 at random moments, disk errors, corrupt and future session
//! files, unknown names. Whatever goes wrong, rehearse says what and where, exits 1 (the
//! machine) or 2 (the input), never panics, and never loses a saved answer.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use tempfile::TempDir;

use crate::packs::{self, ASK, GOOD};
use crate::sessions::{answers, only_session, session_files};
use crate::support::{Output, Test, rehearse};

fn assert_no_panic(out: &Output) {
    for text in [&out.stdout, &out.stderr] {
        assert!(
            !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
            "a panic:\n{text}"
        );
    }
}

/// Every `file:line:col: message` line of stderr about `file`, as (line, col, message).
fn diagnostics<'a>(stderr: &'a str, file: &str) -> Vec<(usize, usize, &'a str)> {
    stderr
        .lines()
        .filter_map(|l| {
            // Either the line itself, or a warning that quotes it.
            let at = l.find(&format!("{file}:"))?;
            let mut parts = l[at + file.len() + 1..].splitn(3, ':');
            let line = parts.next()?.parse().ok()?;
            let col = parts.next()?.parse().ok()?;
            Some((line, col, parts.next()?.trim()))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Broken packs
// ---------------------------------------------------------------------------------------------

const TECHNICAL: &str = "rounds/03-technical.toml";

/// A way to break the tiny pack: the file it changes, its new bytes, and a part of the message
/// expected at the problem's line.
struct Breakage {
    name: &'static str,
    file: &'static str,
    bytes: Vec<u8>,
    line: usize,
    message: &'static str,
}

/// The tiny pack's technical round file.
fn technical() -> String {
    packs::round_file("technical", 3, "4")
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle in text");
    text[..at].matches('\n').count() + 1
}

fn breakages() -> Vec<Breakage> {
    let t = technical();
    let replace = |from: &str, to: &str| t.replacen(from, to, 1).into_bytes();
    let cut = t.find("text = \"How do").expect("a question text") + 14;
    vec![
        Breakage {
            name: "truncated inside a string",
            file: TECHNICAL,
            bytes: t.as_bytes()[..cut].to_vec(),
            line: line_of(&t, "text = \"How do"),
            message: "",
        },
        Breakage {
            name: "wrong type",
            file: TECHNICAL,
            bytes: replace("minutes = 4\n", "minutes = \"four\"\n"),
            line: line_of(&t, "minutes = 4\n"),
            message: "invalid type",
        },
        Breakage {
            name: "unknown key",
            file: TECHNICAL,
            bytes: replace("focus = ", "colour = \"red\"\nfocus = "),
            line: line_of(&t, "focus = "),
            message: "unknown field `colour`",
        },
        Breakage {
            name: "unknown rubric",
            file: TECHNICAL,
            bytes: replace("rubric = \"talking-point\"", "rubric = \"talking-pont\""),
            line: line_of(&t, "rubric = \"talking-point\""),
            message: "names rubric `talking-pont`, which does not exist (did you mean `talking-point`?)",
        },
        Breakage {
            name: "negative minutes",
            file: TECHNICAL,
            bytes: replace("minutes = 4\n", "minutes = -4\n"),
            line: line_of(&t, "minutes = 4\n"),
            message: "minutes must be greater than 0, not -4",
        },
        Breakage {
            name: "minutes beyond any interview",
            file: TECHNICAL,
            bytes: replace("minutes = 4\n", "minutes = 1e308\n"),
            line: line_of(&t, "minutes = 4\n"),
            message: "minutes must be at most 600",
        },
        Breakage {
            name: "NUL byte",
            file: TECHNICAL,
            bytes: replace("How do you", "How\0 do you"),
            line: line_of(&t, "How do you"),
            message: "",
        },
        Breakage {
            name: "invalid UTF-8",
            file: TECHNICAL,
            bytes: {
                let mut b = t.clone().into_bytes();
                let at = t.find("How do you").expect("text");
                b.splice(at..at, [0xff, 0xfe]);
                b
            },
            line: line_of(&t, "How do you"),
            message: "invalid UTF-8",
        },
        Breakage {
            name: "empty round file",
            file: TECHNICAL,
            bytes: Vec::new(),
            line: 1,
            message: "missing field `stage`",
        },
        Breakage {
            name: "empty rubric file",
            file: "rubrics/talking-point.toml",
            bytes: Vec::new(),
            line: 1,
            message: "missing field `rubric`",
        },
    ]
}

/// Every command that loads the pack, given a home whose pack is broken.
const PACK_COMMANDS: &[&[&str]] = &[
    &["check"],
    &["list"],
    &["list", "--format", "json"],
    &["score", "--question", "technical-1", "-"],
    &["round", "technical"],
    &["loop"],
    &["prep"],
    &["drill"],
    &["calibrate", "graded.toml"],
    &["resume"],
];

/// Writes `bytes` to `rel` under `home`.
fn put(home: &TempDir, rel: &str, bytes: &[u8]) {
    let path = home.path().join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn a_broken_pack_is_diagnosed_by_every_command_with_file_line_col_and_exit_2() {
    let graded =
        "[[answer]]\nquestion = \"technical-1\"\ngrade = 4\ntext = \"We keep a grace period.\"\n";
    for breakage in breakages() {
        // A session sat with the good pack, so `resume` and `report` have something to open.
        let sat = packs::tiny()
            .args(["round", "technical", "--seed", "1", "--questions", "2"])
            .stdin(GOOD)
            .run();
        let mut home = sat.dir;
        put(&home, &format!("pack/{}", breakage.file), &breakage.bytes);
        put(&home, "graded.toml", graded.as_bytes());
        let runs = PACK_COMMANDS
            .iter()
            .map(|args| {
                (
                    ["--pack", "pack"]
                        .iter()
                        .chain(args.iter())
                        .copied()
                        .collect(),
                    2,
                )
            })
            .chain([(vec!["check", "pack"], 2)])
            // The scores are in the session: `report` and `history` still work, and say why
            // the pack is not used.
            .chain([
                (vec!["--pack", "pack", "report"], 0),
                (vec!["--pack", "pack", "history"], 0),
            ]);
        for (args, status) in runs {
            let args: Vec<&str> = args;
            let out = Test::in_dir(home)
                .args(args.iter().copied())
                .stdin(GOOD)
                .status(status)
                .run();
            let context = format!(
                "{} / rehearse {}:\n--- stdout ---\n{}\n--- stderr ---\n{}",
                breakage.name,
                args.join(" "),
                out.stdout,
                out.stderr
            );
            assert_no_panic(&out);
            let found = diagnostics(&out.stderr, breakage.file);
            assert!(
                found
                    .iter()
                    .any(|(line, col, message)| *line == breakage.line
                        && *col >= 1
                        && message.contains(breakage.message)),
                "no {}:{}:col diagnostic with {:?} in {context}",
                breakage.file,
                breakage.line,
                breakage.message,
            );
            if status == 2 {
                assert!(out.stdout.is_empty(), "{context}");
            } else {
                assert!(out.stderr.contains("without the pack"), "{context}");
            }
            home = out.dir;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// kill -9
// ---------------------------------------------------------------------------------------------

/// Waits (30 s at most: a timeout, not a measurement) until `home` has a session file.
fn wait_for_session_file(home: &Path) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(file) = session_files(home).into_iter().next() {
            return file;
        }
        assert!(Instant::now() < deadline, "no session file appeared");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn kill_9_at_random_moments_of_a_loop_never_loses_a_session() {
    // Seeded: the same moments on every run, different moments in every iteration.
    let mut rng = ChaCha8Rng::seed_from_u64(0x5eed_0009);
    for iteration in 0..15 {
        let home_dir = packs::tiny_home();
        let home = home_dir.path().to_path_buf();
        let mut child = rehearse(&home)
            .args(["--pack", "pack", "loop", "--seed"])
            .arg(iteration.to_string())
            .args(["--questions", "3", "--pace", "untimed"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn rehearse");
        // Answers trickle in at random intervals while the process reads, scores and saves.
        let gaps: Vec<u64> = (0..32).map(|_| rng.random_range(0..12)).collect();
        let mut stdin = child.stdin.take().expect("stdin");
        let feeder = std::thread::spawn(move || {
            for gap in gaps {
                std::thread::sleep(Duration::from_millis(gap));
                if stdin.write_all(GOOD.as_bytes()).is_err() {
                    return; // killed
                }
            }
        });
        wait_for_session_file(&home);
        std::thread::sleep(Duration::from_millis(rng.random_range(0..150)));
        let _ = child.kill(); // SIGKILL; an error means it had already finished
        let status = child.wait().expect("wait");
        feeder.join().expect("feeder");
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
            .expect("stderr");
        assert!(!stderr.contains("panicked"), "{stderr}");

        // The file parses and validates as the binary reads it.
        let file = wait_for_session_file(&home);
        let before = rehearse::session::store::load_file(&file)
            .unwrap_or_else(|e| panic!("iteration {iteration}: {e:#} ({status})"));
        let before_json = only_session(&home);
        if before.is_finished() {
            Test::in_dir(home_dir)
                .args(["--pack", "pack", "report"])
                .stdout_contains("Report: session ")
                .run();
            continue;
        }
        let rest = format!("{}{ASK}", GOOD.repeat(before.plan.len()));
        let kept = answers(&before_json).len();
        let mut resume = Test::in_dir(home_dir)
            .args(["--pack", "pack", "resume"])
            .stdin(rest)
            .stdout_contains("Report: session ");
        // With every question answered (killed while the last one's follow-up waited), resume
        // has nothing to ask: it finishes and reports.
        if kept > 0 && kept < before.plan.len() {
            resume = resume.stdout_contains("(resumed)");
        }
        let out = resume.run();
        assert_no_panic(&out);
        let after = only_session(out.dir.path());
        assert_eq!(after["status"], "finished", "iteration {iteration}");
        assert_eq!(after["plan"], before_json["plan"]);
        assert_eq!(
            answers(&after)[..kept],
            answers(&before_json)[..],
            "iteration {iteration}: answers saved before the kill are kept as they were"
        );
    }
}

/// An answer that misses points is followed up; it is saved before the follow-up is asked, so
/// a kill while the follow-up waits keeps it (and `resume` goes on to the next question).
#[test]
fn kill_9_while_a_follow_up_waits_keeps_the_main_answer() {
    let home_dir = TempDir::new().expect("temp home");
    let home = home_dir.path().to_path_buf();
    let mut child = rehearse(&home)
        .args(["round", "technical", "--seed", "3", "--pace", "untimed"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn rehearse");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(b"Honestly I would have to look that up.\n\n")
        .expect("write the answer");
    // Waits (30 s at most: a timeout, not a measurement) for the answer to reach the disk while
    // the process, still running, waits for the follow-up.
    let deadline = Instant::now() + Duration::from_secs(30);
    let saved = loop {
        let recorded = session_files(&home)
            .first()
            .map_or(0, |_| answers(&only_session(&home)).len());
        if recorded == 1 {
            break true;
        }
        if Instant::now() > deadline {
            break false;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let still_waiting = child.try_wait().expect("try_wait").is_none();
    let _ = child.kill();
    let _ = child.wait();
    drop(stdin);
    let mut stdout = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().expect("stdout"), &mut stdout)
        .expect("stdout");
    assert!(
        stdout.contains("Follow-up"),
        "a follow-up was asked:\n{stdout}"
    );
    assert!(still_waiting, "the process waited for the follow-up");
    assert!(
        saved,
        "the main answer was saved before the follow-up:\n{stdout}"
    );
    let session = only_session(&home);
    assert_eq!(
        answers(&session)[0]["text"],
        "Honestly I would have to look that up."
    );
}

// ---------------------------------------------------------------------------------------------
// Disk errors
// ---------------------------------------------------------------------------------------------

/// Commands that read or write the data folder, with what they read on stdin.
const DATA_COMMANDS: &[&[&str]] = &[
    &["round", "technical"],
    &["loop"],
    &["drill"],
    &["resume"],
    &["report"],
    &["history"],
];

#[test]
fn a_data_folder_that_is_a_file_or_under_one_is_a_clear_runtime_error() {
    for (data, in_the_way) in [("data", "data"), ("afile/data", "afile")] {
        for args in DATA_COMMANDS {
            let test = Test::new().write(in_the_way, "I am a file");
            let data_dir = test.path().join(data);
            let out = test
                .env("REHEARSE_DATA_DIR", data_dir.display().to_string())
                .args(args.iter().copied())
                .stdin(GOOD)
                .status(1)
                .run();
            assert_no_panic(&out);
            let expected = format!("{} is a file, not a folder", out.path(in_the_way).display());
            assert!(
                out.stderr.contains(&expected),
                "rehearse {}: {}",
                args.join(" "),
                out.stderr
            );
            // The file in the way is left alone.
            assert_eq!(
                std::fs::read_to_string(out.path(in_the_way)).expect("file"),
                "I am a file"
            );
        }
    }
}

#[test]
fn a_report_or_history_written_under_a_file_is_a_runtime_error() {
    let sat = packs::tiny()
        .args(["round", "technical", "--seed", "1", "--questions", "1"])
        .stdin(format!("{GOOD}{ASK}"))
        .run();
    let mut home = sat.dir;
    put(&home, "afile", b"I am a file");
    for args in [
        &["report", "-o", "afile/report.md", "--format", "md"][..],
        &["history", "-o", "afile/history.html", "--format", "html"],
    ] {
        let out = Test::in_dir(home)
            .args(["--pack", "pack"])
            .args(args.iter().copied())
            .status(1)
            .stderr_contains("cannot write the ")
            .stderr_contains("afile/")
            .run();
        assert_no_panic(&out);
        home = out.dir;
    }
}

/// A folder made unwritable until dropped: by its mode, or, for root (whom modes do not stop),
/// by the immutable attribute where `chattr` and the file system allow it.
struct Unwritable {
    dir: PathBuf,
    immutable: bool,
}

impl Unwritable {
    fn make(dir: &Path) -> Option<Unwritable> {
        use std::os::unix::fs::PermissionsExt;
        let probe = dir.join(".probe");
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        let guard = Unwritable {
            dir: dir.to_path_buf(),
            immutable: false,
        };
        if std::fs::write(&probe, "x").is_err() {
            return Some(guard);
        }
        // Root: modes are ignored.
        let _ = std::fs::remove_file(&probe);
        drop(guard);
        let immutable = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let guard = Unwritable {
            dir: dir.to_path_buf(),
            immutable,
        };
        if immutable && std::fs::write(&probe, "x").is_err() {
            return Some(guard);
        }
        let _ = std::fs::remove_file(&probe);
        None
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.dir).status();
        }
        let _ = std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700));
    }
}

#[test]
fn an_unwritable_sessions_folder_fails_clearly_and_never_truncates_a_session() {
    let first = packs::tiny()
        .args(["round", "technical", "--seed", "4", "--questions", "2"])
        .stdin(GOOD)
        .run();
    let file = session_files(first.dir.path())
        .pop()
        .expect("a session file");
    let before = std::fs::read(&file).expect("read session");
    let sessions = first.path("data/sessions");
    let mut home = first.dir;
    let Some(guard) = Unwritable::make(&sessions) else {
        eprintln!(
            "skipped: cannot make {} unwritable here (root without chattr); \
             the data-folder-is-a-file test covers the write errors",
            sessions.display()
        );
        return;
    };
    for args in [&["resume"][..], &["round", "culture"]] {
        let out = Test::in_dir(home)
            .args(["--pack", "pack"])
            .args(args.iter().copied())
            .stdin(format!("{GOOD}{GOOD}{ASK}"))
            .status(1)
            .run();
        assert_no_panic(&out);
        assert!(
            out.stderr.contains("error: cannot ") && out.stderr.contains("sessions"),
            "rehearse {}: {}",
            args.join(" "),
            out.stderr
        );
        home = out.dir;
        assert_eq!(
            std::fs::read(&file).expect("read session"),
            before,
            "the saved session is untouched"
        );
    }
    drop(guard);
    // Writable again: the session goes on from where it was.
    Test::in_dir(home)
        .args(["--pack", "pack", "resume"])
        .stdin(format!("{GOOD}{GOOD}{ASK}"))
        .stdout_contains("Report: session ")
        .run();
}

// ---------------------------------------------------------------------------------------------
// Corrupt and future session files
// ---------------------------------------------------------------------------------------------

/// A home with one good finished round, and beside it: a file from a newer rehearse (same
/// shape, higher schema version), one from a newer rehearse whose shape changed too, a
/// truncated one and one of NUL bytes. Returns the home and the good session's id.
fn home_with_bad_sessions() -> (TempDir, String) {
    let sat = packs::tiny()
        .args(["round", "technical", "--seed", "1", "--questions", "1"])
        .stdin(format!("{GOOD}{ASK}"))
        .run();
    let good = only_session(sat.dir.path());
    let id = good["id"].as_str().expect("id").to_string();
    let text = serde_json::to_string_pretty(&good).expect("JSON");
    let mut future = good.clone();
    future["schema_version"] = 99.into();
    future["id"] = "future".into();
    let mut reshaped = future.clone();
    reshaped["id"] = "reshaped".into();
    reshaped["kind"] = "marathon".into();
    reshaped["answers"] = serde_json::json!({ "moved": true });
    let home = sat.dir;
    let dir = "data/sessions";
    put(
        &home,
        &format!("{dir}/future.json"),
        future.to_string().as_bytes(),
    );
    put(
        &home,
        &format!("{dir}/reshaped.json"),
        reshaped.to_string().as_bytes(),
    );
    put(
        &home,
        &format!("{dir}/truncated.json"),
        &text.as_bytes()[..text.len() / 2],
    );
    put(&home, &format!("{dir}/zeros.json"), &[0u8; 64]);
    (home, id)
}

const BAD_FILES: [&str; 4] = [
    "future.json",
    "reshaped.json",
    "truncated.json",
    "zeros.json",
];

#[test]
fn corrupt_and_future_session_files_are_named_and_skipped() {
    let (mut home, id) = home_with_bad_sessions();
    for args in [
        &["report"][..],
        &["report", "--format", "json"],
        &["history", "--format", "json"],
        &["drill", "--seed", "1", "--count", "1"],
    ] {
        let out = Test::in_dir(home)
            .args(["--pack", "pack"])
            .args(args.iter().copied())
            .run();
        assert_no_panic(&out);
        for bad in BAD_FILES {
            assert!(
                out.stderr
                    .lines()
                    .any(|l| l.starts_with("warning: skipping ") && l.matches(bad).count() == 1),
                "rehearse {} does not name {bad} once:\n{}",
                args.join(" "),
                out.stderr
            );
        }
        if args == ["report", "--format", "json"] {
            assert_eq!(out.json()["session_id"], id.as_str());
        }
        if args[0] == "history" {
            assert_eq!(out.json()["sessions"].as_array().map(Vec::len), Some(1));
        }
        home = out.dir;
    }
    // The good one by name.
    let out = Test::in_dir(home)
        .args(["--pack", "pack", "report", &id])
        .stdout_contains(&format!("Report: session {id}"))
        .run();
    assert_no_panic(&out);
}

#[test]
fn report_or_resume_of_a_corrupt_or_future_session_explains_what_is_wrong() {
    let (mut home, _) = home_with_bad_sessions();
    for (id, why) in [
        (
            "future",
            "schema version 99 is newer than this rehearse understands (1); upgrade rehearse",
        ),
        // Its shape changed too: the version is what matters, not the first field that fails.
        (
            "reshaped",
            "schema version 99 is newer than this rehearse understands (1); upgrade rehearse",
        ),
        ("truncated", "EOF while parsing"),
        ("zeros", "expected value at line 1 column 1"),
    ] {
        for command in ["report", "resume"] {
            let out = Test::in_dir(home)
                .args(["--pack", "pack", command, id])
                .status(1)
                .stderr_contains(&format!("{id}.json is not a valid session file"))
                .stderr_contains(why)
                .run();
            assert_no_panic(&out);
            home = out.dir;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Unknown names
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_question_stage_or_session_exits_2_with_the_nearest_names() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["score", "--question", "late-event", "-"],
            "unknown question `late-event` (did you mean `late-events`",
        ),
        (
            &["round", "tecnical"],
            "unknown stage `tecnical` (did you mean `technical`",
        ),
        (
            &["list", "--stage", "recrutier"],
            "unknown stage `recrutier` (did you mean `recruiter`",
        ),
        (
            &["drill", "--stage", "culure"],
            "unknown stage `culure` (did you mean `culture`",
        ),
    ];
    for (args, expected) in cases {
        let out = Test::new()
            .args(args.iter().copied())
            .stdin(GOOD)
            .status(2)
            .stderr_contains(expected)
            .run();
        assert_no_panic(&out);
    }
    // Sessions: a typo of an id, for report and resume.
    let sat = packs::tiny()
        .args(["round", "technical", "--seed", "4", "--questions", "1"])
        .stdin(GOOD)
        .run();
    let id = only_session(sat.dir.path())["id"]
        .as_str()
        .expect("id")
        .to_string();
    let typo = id.replace("technical", "tecnical");
    let mut home = sat.dir;
    for command in ["report", "resume"] {
        let out = Test::in_dir(home)
            .args(["--pack", "pack", command, &typo])
            .status(2)
            .stderr_contains(&format!("no session `{typo}`"))
            .stderr_contains(&format!("(did you mean `{id}`?)"))
            .run();
        home = out.dir;
    }
}
