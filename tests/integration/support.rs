//! The `Test` builder (after casey/just): set up files, run the binary, check what it printed.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The binary in a test home: its own data folder, no pack or colour from the environment. For
/// tests that need a live process (kill, lock); the others go through `Test`.
pub fn rehearse(home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_rehearse"));
    cmd.current_dir(home)
        .env_remove("REHEARSE_PACK")
        .env("REHEARSE_DATA_DIR", home.join("data"))
        .env("NO_COLOR", "1")
        .env("HOME", home);
    cmd
}

pub struct Test {
    dir: TempDir,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    env: Vec<(String, String)>,
    status: i32,
    stdout: Option<String>,
    stdout_contains: Vec<String>,
    stderr: Option<String>,
    stderr_contains: Vec<String>,
}

pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub dir: TempDir,
}

impl Output {
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

impl Test {
    pub fn new() -> Self {
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            stdin: None,
            env: Vec::new(),
            status: 0,
            stdout: None,
            stdout_contains: Vec::new(),
            stderr: None,
            stderr_contains: Vec::new(),
        }
    }

    /// Reuses the home of a previous run (its files and sessions).
    pub fn in_dir(dir: TempDir) -> Self {
        Test { dir, ..Test::new() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<String>) -> Self {
        self.env.push((key.to_string(), value.into()));
        self
    }

    /// Writes a file relative to the test's home, creating folders.
    pub fn write(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, contents).expect("write");
        self
    }

    /// Writes a small valid pack to `rel` (see `mini_pack`).
    pub fn mini_pack(mut self, rel: &str) -> Self {
        for (file, contents) in mini_pack() {
            self = self.write(&format!("{rel}/{file}"), contents);
        }
        self
    }

    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    pub fn status(mut self, status: i32) -> Self {
        self.status = status;
        self
    }

    pub fn stdout(mut self, expected: &str) -> Self {
        self.stdout = Some(expected.to_string());
        self
    }

    pub fn stdout_contains(mut self, part: &str) -> Self {
        self.stdout_contains.push(part.to_string());
        self
    }

    #[allow(dead_code)] // part of the builder, for tests that need exact stderr
    pub fn stderr(mut self, expected: &str) -> Self {
        self.stderr = Some(expected.to_string());
        self
    }

    pub fn stderr_contains(mut self, part: &str) -> Self {
        self.stderr_contains.push(part.to_string());
        self
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::from_std(rehearse(self.dir.path()));
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.args(&self.args);
        cmd
    }

    pub fn run(self) -> Output {
        let mut cmd = self.command();
        if let Some(input) = &self.stdin {
            cmd.write_stdin(input.clone());
        } else {
            cmd.write_stdin(Vec::new());
        }
        let out = cmd.output().expect("run rehearse");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let context = format!(
            "rehearse {}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}",
            self.args.join(" ")
        );
        assert_eq!(
            out.status.code(),
            Some(self.status),
            "exit status of {context}"
        );
        if let Some(expected) = &self.stdout {
            assert_eq!(&stdout, expected, "stdout of {context}");
        }
        for part in &self.stdout_contains {
            assert!(stdout.contains(part), "stdout lacks {part:?} in {context}");
        }
        if let Some(expected) = &self.stderr {
            assert_eq!(&stderr, expected, "stderr of {context}");
        }
        for part in &self.stderr_contains {
            assert!(stderr.contains(part), "stderr lacks {part:?} in {context}");
        }
        Output {
            stdout,
            stderr,
            dir: self.dir,
        }
    }
}

/// A small valid pack: six stages, one rubric, one question per stage.
pub fn mini_pack() -> Vec<(String, String)> {
    let stages = [
        ("01-recruiter", "recruiter", "[30, 30]"),
        ("02-hiring-manager", "hiring-manager", "[45, 60]"),
        ("03-technical", "technical", "[60, 90]"),
        ("04-cross-functional", "cross-functional", "[45, 60]"),
        ("05-culture", "culture", "[45, 60]"),
        ("06-team", "team", "[45, 60]"),
    ];
    let mut files = vec![(
        "pack.toml".to_string(),
        "[pack]\nname = \"mini\"\ntitle = \"Mini pack\"\n\n[checklists]\nbefore = [\"Breathe\"]\n"
            .to_string(),
    )];
    for (file, id, minutes) in stages {
        files.push((format!("rounds/{file}.toml"), round(id, minutes)));
    }
    files.push((
        "rubrics/talking-point.toml".to_string(),
        "[rubric]\nid = \"talking-point\"\ntitle = \"Talking point\"\n".to_string(),
    ));
    files
}

/// A round file with one question whose id is `<stage>-q`.
pub fn round(id: &str, minutes: &str) -> String {
    format!(
        r#"[stage]
id = "{id}"
title = "The {id} stage"
interviewer = "Someone"
focus = "things"
minutes = {minutes}

[[question]]
id = "{id}-q"
kind = "talking-point"
text = "How do you handle late-arriving events?"
minutes = 4
rubric = "talking-point"
model_answer = "We keep a grace period."

[[question.point]]
id = "grace"
label = "Windowing with grace periods"
weight = 2
any = ["grace period", "allowed lateness"]
follow_up = "What happens after the window closes?"
"#
    )
}
