use crate::support::Test;

const STRONG: &str = "We aggregate per one-minute window on event time, and each window keeps a grace period of five minutes so stragglers still land in the right bucket. Writes are idempotent because every update is keyed by the event id, so a replay after a crash never double counts. Anything later than that goes to a correction job.";

#[test]
fn json_has_the_documented_fields() {
    let out = Test::new()
        .args(["score", "--question", "late-events", "--format", "json"])
        .stdin(STRONG)
        .run();
    let json = out.json();
    for field in [
        "score",
        "content",
        "delivery",
        "points",
        "criteria",
        "delivery_notes",
    ] {
        assert!(json.get(field).is_some(), "missing {field}: {json}");
    }
    let score = json["score"].as_u64().expect("score");
    assert!((1..=100).contains(&score));
    for p in json["points"].as_array().expect("points") {
        for field in ["id", "label", "status", "evidence"] {
            assert!(p.get(field).is_some(), "point lacks {field}: {p}");
        }
    }
    assert!(
        json["points"]
            .as_array()
            .expect("points")
            .iter()
            .any(|p| p["status"] == "explained" && p["evidence"]["sentence"].as_str().is_some()),
        "{json}"
    );
}

#[test]
fn text_output_names_what_was_missed() {
    Test::new()
        .args(["score", "-q", "late-events"])
        .stdin("We just wait a bit.")
        .stdout_contains("You never mentioned:")
        .run();
}

#[test]
fn reads_a_file_or_stdin_and_tolerates_invalid_utf8() {
    let mut bytes = b"We keep a grace period so late events land in the window. ".to_vec();
    bytes.extend([0xff, 0xfe, 0xfd]);
    let from_file = Test::new()
        .write("answer.txt", &bytes)
        .args([
            "score",
            "-q",
            "late-events",
            "answer.txt",
            "--format",
            "json",
        ])
        .run();
    let from_stdin = Test::new()
        .args(["score", "-q", "late-events", "-", "--format", "json"])
        .stdin(bytes)
        .run();
    assert_eq!(from_file.json()["score"], from_stdin.json()["score"]);
}

#[test]
fn unknown_question_suggests_the_closest() {
    Test::new()
        .args(["score", "--question", "late-event"])
        .stdin("x")
        .status(2)
        .stderr_contains("unknown question `late-event` (did you mean `late-events`")
        .run();
}

#[test]
fn missing_answer_file_is_bad_input() {
    Test::new()
        .args(["score", "-q", "late-events", "nope.txt"])
        .status(2)
        .stderr_contains("nope.txt")
        .run();
}

#[test]
fn a_keyword_list_scores_far_below_a_real_answer() {
    let strong = Test::new()
        .args(["score", "-q", "late-events", "--format", "json"])
        .stdin(STRONG)
        .run()
        .json()["score"]
        .as_u64()
        .expect("score");
    let list = Test::new()
        .args(["score", "-q", "late-events", "--format", "json"])
        .stdin("grace period, watermark, idempotency, deduplication, out-of-order processing")
        .run()
        .json()["score"]
        .as_u64()
        .expect("score");
    assert!(list * 3 < strong, "list {list} vs strong {strong}");
}

/// Greedy word wrap at `width` columns, as an editor or `fold -s` leaves pasted prose.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + 1 + word.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}

#[test]
fn a_hard_wrapped_answer_scores_as_the_same_answer_on_one_line() {
    let score = |text: String| {
        Test::new()
            .args(["score", "--question", "late-events", "--format", "json"])
            .stdin(text)
            .run()
            .json()["score"]
            .as_u64()
            .expect("score")
    };
    let one_line = score(STRONG.to_string());
    for width in [60, 72, 100] {
        let wrapped = hard_wrap(STRONG, width);
        assert!(wrapped.lines().count() > 2, "{wrapped}");
        assert_eq!(score(wrapped), one_line, "wrapped at {width}");
    }
}

#[test]
fn a_denied_point_is_not_reported_as_never_mentioned() {
    let out = Test::new()
        .args(["score", "--question", "late-events"])
        .stdin("We never used a grace period for late events, and updates were not idempotent.")
        .stdout_contains("You denied or described wrongly: ")
        .run();
    let never = out
        .stdout
        .lines()
        .find(|l| l.starts_with("You never mentioned"))
        .unwrap_or("");
    assert!(!never.contains("grace"), "{}", out.stdout);
    assert!(!never.contains("Idempotent"), "{}", out.stdout);
}
