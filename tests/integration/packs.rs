//! Small packs for the session tests: every stage has a few talking points and closes with its
//! questions-to-ask question.

use std::path::Path;

use tempfile::TempDir;

use crate::support::Test;

const STAGES: [(&str, &str); 6] = [
    ("01-recruiter", "recruiter"),
    ("02-hiring-manager", "hiring-manager"),
    ("03-technical", "technical"),
    ("04-cross-functional", "cross-functional"),
    ("05-culture", "culture"),
    ("06-team", "team"),
];

/// A round file: `per_stage` talking points `<stage>-1..` of `minutes` each, and `<stage>-ask`.
pub fn round_file(stage: &str, per_stage: usize, minutes: &str) -> String {
    let mut out = format!(
        r#"[stage]
id = "{stage}"
title = "The {stage} interview"
interviewer = "The {stage} interviewer"
focus = "things"
minutes = [20, 30]
intro = "Welcome to the {stage} interview."
"#
    );
    for i in 1..=per_stage {
        out.push_str(&format!(
            r#"
[[question]]
id = "{stage}-{i}"
kind = "talking-point"
text = "How do you handle late events, part {i} of {stage}?"
minutes = {minutes}
rubric = "talking-point"
model_answer = "We keep a grace period of five minutes because events from phones arrive late, send later events to a correction path, and deduplicate by event id so replays stay idempotent."

[[question.point]]
id = "grace"
label = "Windowing with grace periods"
weight = 2
any = ["grace period", "allowed lateness", "watermark"]
follow_up = "What happens to an event that arrives after its window has closed?"

[[question.point]]
id = "dedup"
label = "Deduplication by event id"
weight = 1
any = ["deduplicate", "dedup", "idempotent"]
"#
        ));
    }
    out.push_str(&format!(
        r#"
[[question]]
id = "{stage}-ask"
kind = "questions-to-ask"
text = "What questions do you have for me?"
minutes = {minutes}
rubric = "questions-to-ask"

[[question.point]]
id = "team"
label = "Asks about the team"
weight = 1
any = ["your team", "the team"]
"#
    ));
    out
}

/// Writes the tiny pack to `home/rel` with `per_stage` main questions of `minutes` in every
/// stage.
pub fn write_to(home: &Path, rel: &str, per_stage: usize, minutes: &str) {
    let mut files = vec![
        (
            "pack.toml".to_string(),
            "[pack]\nname = \"tiny\"\ntitle = \"Tiny pack\"\n\n[checklists]\nbefore = [\"Water on the desk\", \"Stories mapped to the role\"]\n"
                .to_string(),
        ),
        (
            "rubrics/talking-point.toml".to_string(),
            "[rubric]\nid = \"talking-point\"\ntitle = \"Talking point\"\n".to_string(),
        ),
        (
            "rubrics/questions-to-ask.toml".to_string(),
            "[rubric]\nid = \"questions-to-ask\"\ntitle = \"Questions to ask\"\n".to_string(),
        ),
    ];
    for (file, stage) in STAGES {
        files.push((
            format!("rounds/{file}.toml"),
            round_file(stage, per_stage, minutes),
        ));
    }
    for (file, contents) in files {
        let path = home.join(rel).join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, contents).expect("write pack file");
    }
}

/// A test with the tiny pack in `pack/` (3 main questions of 4 minutes per stage), used through
/// `--pack`.
pub fn tiny() -> Test {
    let test = Test::new();
    write_to(test.path(), "pack", 3, "4");
    test.args(["--pack", "pack"])
}

/// A temporary home with the tiny pack in `pack/`, for tests that run processes themselves.
pub fn tiny_home() -> TempDir {
    let home = tempfile::tempdir().expect("temp dir");
    write_to(home.path(), "pack", 3, "4");
    home
}

/// A good answer to the tiny pack's talking points.
pub const GOOD: &str = "We keep a grace period of five minutes because events arrive late from phones, \
and we deduplicate by event id so replays are idempotent.\n\n";

/// A good answer to the questions-to-ask question.
pub const ASK: &str =
    "How does your team decide what to build next? What does on-call look like for the team?\n\n";
