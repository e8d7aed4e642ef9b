//! The scorer against the graded calibration set in tests/calibration/: the floors below are
//! the figures measured when they were set, rounded down. Raise them as the scorer improves;
//! never lower them to get green. A deliberate behaviour change that costs a pair or two says
//! so next to the floor it moves, pair by pair.

use crate::support::Test;

const MEAN_SPEARMAN_FLOOR: f64 = 0.91;
const PAIRWISE_FLOOR: f64 = 0.95;
/// 0.94 until fillers stopped counting as list separators (session 3): the one pair that
/// changed is a terse bullet answer (grade 4, 19) now tied by a filler-heavy rambling one
/// (grade 2, 18 → 19) to the same question; 0.941 → 0.939.
const LENGTH_CONTROLLED_FLOOR: f64 = 0.935;

#[test]
fn calibration_set_meets_the_floor() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/calibration");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("calibration dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    let out = Test::new()
        .arg("calibrate")
        .args(files)
        .args(["--format", "json"])
        .run();
    let json = out.json();
    let answers = json["answers"].as_u64().expect("answers");
    let questions = json["questions"].as_array().expect("questions").len();
    assert!(answers >= 150, "only {answers} graded answers");
    assert!(questions >= 25, "only {questions} questions");
    let mean = json["mean_spearman"].as_f64().expect("mean");
    let pairwise = json["pairwise"].as_f64().expect("pairwise");
    let lc = json["length_controlled_pairwise"].as_f64().expect("lc");
    assert!(mean >= MEAN_SPEARMAN_FLOOR, "mean Spearman {mean:.3}");
    assert!(pairwise >= PAIRWISE_FLOOR, "pairwise {pairwise:.3}");
    assert!(
        lc >= LENGTH_CONTROLLED_FLOOR,
        "length-controlled pairwise {lc:.3}"
    );
    assert_eq!(
        json["keyword_lists_not_below_best"]
            .as_array()
            .map(Vec::len),
        Some(0),
        "a keyword list scored at or above the best real answer: {}",
        json["keyword_lists_not_below_best"]
    );
}

/// Floors of one graded file: mean Spearman, pairwise and length-controlled pairwise accuracy
/// of `calibrate` on it.
struct Floors {
    mean: f64,
    pairwise: f64,
    length_controlled: f64,
}

fn assert_meets(rel: &str, floors: &Floors) {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let json = Test::new()
        .arg("calibrate")
        .arg(file.display().to_string())
        .args(["--format", "json"])
        .run()
        .json();
    let get = |key: &str| {
        json[key]
            .as_f64()
            .unwrap_or_else(|| panic!("no {key} in {json}"))
    };
    let (mean, pairwise, lc) = (
        get("mean_spearman"),
        get("pairwise"),
        get("length_controlled_pairwise"),
    );
    assert!(mean >= floors.mean, "{rel}: mean Spearman {mean:.3}");
    assert!(pairwise >= floors.pairwise, "{rel}: pairwise {pairwise:.3}");
    assert!(
        lc >= floors.length_controlled,
        "{rel}: length-controlled pairwise {lc:.3}"
    );
}

/// Answers to the 14 questions the calibration set does not cover, written without looking at
/// the pack's phrases (tests/validation/). Generic mechanisms were improved while reading its
/// failures, never an answer's own words; its floors sit below the tuned set's.
/// Length-controlled was 0.82 until typo correction (session 3): its one effect on this set is a
/// partial answer's "10x our normal trafic", now read as the traffic it says, which lifts that
/// answer (26 → 58) above a shorter bullet answer graded higher; one pair of 173 (0.821 → 0.815).
#[test]
fn validation_set_meets_its_floor() {
    assert_meets(
        "tests/validation/validation.toml",
        &Floors {
            mean: 0.82,
            pairwise: 0.87,
            length_controlled: 0.81,
        },
    );
}

/// A blind set: six kinds of answers to every question (strong in other words, terse bullets,
/// partial, name-dropping, wrong mechanism, an answer to a neighbouring question), written
/// without the pack's phrases and only ever measured in aggregate. The hardest cases are here;
/// the floor records where the scorer stands, to be raised.
#[test]
fn holdout_set_meets_its_floor() {
    assert_meets(
        "tests/holdout/holdout.toml",
        &Floors {
            mean: 0.76,
            pairwise: 0.85,
            length_controlled: 0.80,
        },
    );
}

/// A second blind set, closer to a real interview: per question a strong, good, partial, thin
/// and poor answer, better answers mostly longer, plus two of the hard kinds above. Written from
/// the question texts and the prep document only (tests/holdout/mixed.toml says how), measured
/// only in aggregate.
#[test]
fn mixed_holdout_set_meets_its_floor() {
    assert_meets(
        "tests/holdout/mixed.toml",
        &Floors {
            mean: 0.77,
            pairwise: 0.85,
            length_controlled: 0.63,
        },
    );
}

/// A third blind set, written after the scorer work of session 2 and measured once, at its
/// end, to estimate agreement on answers nothing was tuned on: per question an excellent, solid,
/// half, shallow and poor answer plus one hard kind (tests/holdout/fresh.toml says how).
#[test]
fn fresh_holdout_set_meets_its_floor() {
    assert_meets(
        "tests/holdout/fresh.toml",
        &Floors {
            mean: 0.78,
            pairwise: 0.86,
            length_controlled: 0.57,
        },
    );
}

/// A fourth blind set, written in session 3 from the question list and the prep document only
/// and measured once, at the end of that session: per question a strong, plain-words, good,
/// partial, thin and poor answer plus one hard kind (tests/holdout/late.toml says how).
#[test]
fn late_holdout_set_meets_its_floor() {
    assert_meets(
        "tests/holdout/late.toml",
        &Floors {
            mean: 0.79,
            pairwise: 0.86,
            length_controlled: 0.81,
        },
    );
}

/// A fifth blind set, written in session 3 with length made not to track the grade (length
/// alone ranks it at Spearman 0.03) and a wrong-mechanism answer for every question; measured
/// once (tests/holdout/fifth.toml says how).
#[test]
fn fifth_holdout_set_meets_its_floor() {
    assert_meets(
        "tests/holdout/fifth.toml",
        &Floors {
            mean: 0.69,
            pairwise: 0.81,
            length_controlled: 0.72,
        },
    );
}

#[test]
fn every_model_answer_scores_at_least_70() {
    let listed = Test::new().args(["list", "--format", "json"]).run().json();
    let mut low = Vec::new();
    for q in listed.as_array().expect("array") {
        let Some(model) = q["model_answer"].as_str() else {
            continue;
        };
        let id = q["id"].as_str().expect("id");
        let out = Test::new()
            .args(["score", "--question", id, "--format", "json"])
            .stdin(model)
            .run();
        let score = out.json()["score"].as_u64().expect("score");
        if score < 70 {
            low.push(format!("{id}: {score}"));
        }
    }
    assert!(low.is_empty(), "model answers under 70: {low:?}");
}

#[test]
fn calibrate_rejects_unknown_questions_and_bad_grades() {
    Test::new()
        .write(
            "c.toml",
            "[[answer]]\nquestion = \"late-event\"\ngrade = 3\ntext = \"x\"\n",
        )
        .args(["calibrate", "c.toml"])
        .status(2)
        .stderr_contains("c.toml:2:12: unknown question `late-event` (did you mean `late-events`")
        .run();
    Test::new()
        .write(
            "c.toml",
            "[[answer]]\nquestion = \"late-events\"\ngrade = 9\ntext = \"x\"\n",
        )
        .args(["calibrate", "c.toml"])
        .status(2)
        .stderr_contains("c.toml:3:9: grade 9 is not within 1-5")
        .run();
    Test::new()
        .write(
            "c.toml",
            "[[answer]]\nquestion = \"late-events\"\ngrade = \"three\"\n",
        )
        .args(["calibrate", "c.toml"])
        .status(2)
        .stderr_contains("c.toml:3:9:")
        .run();
}

#[test]
fn calibrate_rejects_a_file_without_answers_and_a_missing_file() {
    for empty in ["", "# graded answers to come\n"] {
        Test::new()
            .write("e.toml", empty)
            .args(["calibrate", "e.toml"])
            .status(2)
            .stderr_contains("e.toml: no graded answers")
            .run();
    }
    Test::new()
        .args(["calibrate", "missing.toml"])
        .status(2)
        .stderr_contains("cannot read missing.toml")
        .run();
}

/// A question answered once, or with every answer graded alike, ranks nothing: its figures are
/// n/a (null) and the mean leaves it out rather than counting it as 0.
#[test]
fn calibrate_leaves_undefined_figures_out() {
    let graded = r#"
[[answer]]
question = "late-events"
grade = 5
text = "We window on event time with a grace period of five minutes so stragglers still land in the right window, and updates are idempotent: every event carries an id, so a replay changes nothing."

[[answer]]
question = "late-events"
grade = 1
text = "I would just drop them honestly."

[[answer]]
question = "backfill"
grade = 4
text = "We replay the same event log through the same code."
"#;
    let out = Test::new()
        .write("c.toml", graded)
        .args(["calibrate", "c.toml", "--format", "json"])
        .run();
    let json = out.json();
    let backfill = json["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["question"] == "backfill")
        .expect("backfill row")
        .clone();
    assert!(backfill["spearman"].is_null(), "{backfill}");
    assert!(backfill["pairwise"].is_null(), "{backfill}");
    assert_eq!(json["mean_spearman"].as_f64(), Some(1.0), "{json}");
    Test::new()
        .write("c.toml", graded)
        .args(["calibrate", "c.toml"])
        .stdout_contains("mean spearman                1.000")
        .stdout_contains("n/a")
        .run();
}

/// `calibrate` sums up each kind of answer and points at weak answers that scored high, with the
/// points they were credited for: where a pack needs `wrong` phrases.
#[test]
fn calibrate_summarises_kinds_and_names_overrated_weak_answers() {
    let graded = r#"
[[answer]]
question = "late-events"
grade = 5
kind = "strong"
text = "We window on event time with a grace period of five minutes so stragglers still land in the right window, and updates are idempotent: every event carries an id, so a replay changes nothing."

[[answer]]
question = "late-events"
grade = 1
kind = "keyword-list"
text = "grace period, watermark, idempotency, event time"

[[answer]]
question = "late-events"
grade = 2
kind = "name-drop"
text = "Grace periods matter here because stragglers arrive late, and windows on event time keep each one in the right minute. Idempotency is also key: every event id is checked so a replay is harmless."
"#;
    let text = Test::new()
        .write("graded.toml", graded)
        .args(["calibrate", "graded.toml"])
        .stdout_contains("weak answers (grade 1-2) that scored 50 or more")
        .stdout_contains("late-events [name-drop] grade 2 score ")
        .stdout_contains("credited Windowing with grace periods")
        .run();
    let row = |first: &str| {
        text.stdout
            .lines()
            .position(|l| l.split_whitespace().next() == Some(first))
            .unwrap_or_else(|| panic!("a {first} row:\n{}", text.stdout))
    };
    let header = row("kind");
    let cells: Vec<&str> = text
        .stdout
        .lines()
        .nth(header)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(cells, ["kind", "answers", "mean", "grade", "mean", "score"]);
    assert!(
        header < row("strong") && row("strong") < row("keyword-list"),
        "best graded kind first:\n{}",
        text.stdout
    );
    let json = Test::new()
        .write("graded.toml", graded)
        .args(["calibrate", "graded.toml", "--format", "json"])
        .run()
        .json();
    let kinds = json["kinds"].as_array().expect("kinds");
    assert_eq!(kinds.len(), 3);
    assert_eq!(kinds[0]["kind"], "strong");
    assert_eq!(kinds[0]["mean_grade"], 5.0);
}
