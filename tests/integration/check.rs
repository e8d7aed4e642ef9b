use crate::support::{Test, round};

/// Checks the mini pack with `file` replaced by `contents`; expects exit 2 and `expected` lines,
/// whose paths are inside the pack and are printed from where the command ran (`p/…`), so an
/// editor's quickfix list can open them.
fn check_fails(file: &str, contents: &str, expected: &[&str]) {
    let out = Test::new()
        .mini_pack("p")
        .write(&format!("p/{file}"), contents)
        .args(["check", "p"])
        .status(2)
        .run();
    for line in expected {
        let line = format!("p/{line}");
        assert!(
            out.stderr.lines().any(|l| l == line),
            "expected line {line:?} in stderr:\n{}",
            out.stderr
        );
    }
    assert!(
        out.stderr.contains("error: the pack in p is invalid"),
        "{}",
        out.stderr
    );
}

const STAGE: &str = "[stage]\nid = \"technical\"\ntitle = \"T\"\ninterviewer = \"I\"\nfocus = \"f\"\nminutes = [60, 90]\n";

fn question(body_after_minutes: &str) -> String {
    format!(
        "{STAGE}\n[[question]]\nid = \"q1\"\nkind = \"talking-point\"\ntext = \"Why?\"\nminutes = 4\n{body_after_minutes}"
    )
}

#[test]
fn embedded_pack_is_clean() {
    Test::new()
        .arg("check")
        .stdout_contains("ok: the embedded default pack is valid: 6 stages")
        .run();
}

#[test]
fn toml_syntax_error() {
    check_fails(
        "rounds/03-technical.toml",
        "[stage]\nid = \"technical\"\ntitle = \n",
        &["rounds/03-technical.toml:3:9: string values must be quoted, expected literal string"],
    );
}

#[test]
fn unknown_key() {
    check_fails(
        "rounds/03-technical.toml",
        &format!("{STAGE}colour = \"red\"\n"),
        &[
            "rounds/03-technical.toml:7:1: unknown field `colour`, expected one of `id`, `title`, `interviewer`, `focus`, `minutes`, `rounds`, `intro`",
        ],
    );
}

#[test]
fn wrong_type() {
    check_fails(
        "rounds/03-technical.toml",
        &STAGE.replace("minutes = [60, 90]", "minutes = \"sixty\""),
        &[
            "rounds/03-technical.toml:6:11: invalid type: string \"sixty\", expected an array of length 2",
        ],
    );
}

#[test]
fn unknown_stage_id() {
    check_fails(
        "rounds/03-technical.toml",
        &STAGE.replace("\"technical\"", "\"tech\""),
        &[
            "rounds/03-technical.toml:2:6: unknown variant `tech`, expected one of `recruiter`, `hiring-manager`, `technical`, `cross-functional`, `culture`, `team`",
        ],
    );
}

#[test]
fn duplicate_stage_id_and_missing_stage() {
    check_fails(
        "rounds/06-team.toml",
        &round("culture", "[45, 60]").replace("culture-q", "team-q"),
        &[
            "rounds/06-team.toml:2:6: duplicate stage id `culture` (first defined at p/rounds/05-culture.toml:1:1)",
            "rounds/:1:1: missing stage `team`: no round file has [stage] id = \"team\"",
        ],
    );
}

#[test]
fn duplicate_question_id() {
    check_fails(
        "rounds/06-team.toml",
        &round("team", "[45, 60]").replace("team-q", "culture-q"),
        &[
            "rounds/06-team.toml:9:6: duplicate question id `culture-q` (first defined at p/rounds/05-culture.toml:9:6)",
        ],
    );
}

#[test]
fn duplicate_point_id() {
    let point = "\n[[question.point]]\nid = \"p\"\nlabel = \"P\"\nweight = 1\nany = [\"x y\"]\n";
    check_fails(
        "rounds/03-technical.toml",
        &question(&format!("rubric = \"talking-point\"\n{point}{point}")),
        &["rounds/03-technical.toml:22:6: duplicate point id `p` in question `q1`"],
    );
}

#[test]
fn rubric_that_does_not_exist() {
    let point = "\n[[question.point]]\nid = \"p\"\nlabel = \"P\"\nweight = 1\nany = [\"x y\"]\n";
    check_fails(
        "rounds/03-technical.toml",
        &question(&format!("rubric = \"talking-points\"\n{point}")),
        &[
            "rounds/03-technical.toml:13:10: question `q1` names rubric `talking-points`, which does not exist (did you mean `talking-point`?)",
        ],
    );
}

#[test]
fn point_with_no_phrases() {
    let point = "\n[[question.point]]\nid = \"p\"\nlabel = \"P\"\nweight = 1\nany = []\n";
    check_fails(
        "rounds/03-technical.toml",
        &question(&format!("rubric = \"talking-point\"\n{point}")),
        &["rounds/03-technical.toml:19:7: point `p` has no phrases in `any`"],
    );
}

#[test]
fn weights_and_minutes_must_be_positive() {
    let point = "\n[[question.point]]\nid = \"p\"\nlabel = \"P\"\nweight = -1\nany = [\"x y\"]\n";
    let text = question(&format!("rubric = \"talking-point\"\n{point}"))
        .replace("minutes = 4", "minutes = 0")
        .replace("minutes = [60, 90]", "minutes = [0, 90]");
    check_fails(
        "rounds/03-technical.toml",
        &text,
        &[
            "rounds/03-technical.toml:6:11: minutes must be [min, max] with 0 < min <= max, not [0, 90]",
            "rounds/03-technical.toml:12:11: minutes must be greater than 0, not 0",
            "rounds/03-technical.toml:18:10: weight must be greater than 0, not -1",
        ],
    );
}

#[test]
fn stage_with_no_questions() {
    check_fails(
        "rounds/03-technical.toml",
        STAGE,
        &["rounds/03-technical.toml:1:1: stage `technical` has no questions"],
    );
}

#[test]
fn missing_stage_when_its_file_is_gone() {
    let out = Test::new().mini_pack("p");
    std::fs::remove_file(out.path().join("p/rounds/02-hiring-manager.toml")).expect("rm");
    out.args(["check", "p"])
        .status(2)
        .stderr_contains("rounds/:1:1: missing stage `hiring-manager`")
        .run();
}

#[test]
fn invalid_utf8_is_reported_not_a_crash() {
    let mut bytes = b"[rubric]\nid = \"x\"\ntitle = \"ab".to_vec();
    bytes.extend([0xff, 0xfe]);
    Test::new()
        .mini_pack("p")
        .write("p/rubrics/talking-point.toml", bytes)
        .args(["check", "p"])
        .status(2)
        .stderr_contains("rubrics/talking-point.toml:3:12: invalid UTF-8")
        .run();
}

#[test]
fn every_problem_is_reported_at_once() {
    let out = Test::new()
        .mini_pack("p")
        .write("p/rounds/01-recruiter.toml", "[stage\n")
        .write(
            "p/rounds/03-technical.toml",
            round("technical", "[60, 90]").replace("weight = 2", "weight = 0"),
        )
        .write(
            "p/rounds/05-culture.toml",
            round("culture", "[45, 60]").replace("rubric = \"talking-point\"", "rubric = \"nope\""),
        )
        .args(["check", "p"])
        .status(2)
        .run();
    let problems: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.starts_with("error:"))
        .collect();
    assert!(problems.len() >= 4, "{}", out.stderr);
    assert!(
        problems
            .iter()
            .any(|l| l.starts_with("p/rounds/01-recruiter.toml:1:"))
    );
    assert!(
        problems
            .iter()
            .any(|l| l.starts_with("p/rounds/03-technical.toml:") && l.contains("weight"))
    );
    assert!(
        problems
            .iter()
            .any(|l| l.starts_with("p/rounds/05-culture.toml:") && l.contains("`nope`"))
    );
    assert!(
        problems
            .iter()
            .any(|l| l.contains("missing stage `recruiter`"))
    );
    assert!(out.stderr.ends_with("problems)\n"), "{}", out.stderr);
}

#[test]
fn clean_pack_exits_0_with_a_summary() {
    Test::new()
        .mini_pack("p")
        .args(["check", "p"])
        .stdout("ok: the pack in p is valid: 6 stages, 6 questions, 6 points, 1 rubrics\n")
        .run();
}

#[test]
fn check_without_dir_uses_the_pack_option() {
    Test::new()
        .mini_pack("p")
        .args(["--pack", "p", "check"])
        .stdout_contains("ok: the pack in p is valid")
        .run();
}

#[test]
fn a_folder_that_is_no_pack_gets_one_clear_error() {
    let out = Test::new()
        .write("empty/notes.txt", "not a pack")
        .args(["check", "empty"])
        .status(2)
        .stderr_contains("error: empty is not a pack: it has no rounds/ folder and no pack.toml")
        .run();
    assert!(!out.stderr.contains("missing stage"), "{}", out.stderr);
}
