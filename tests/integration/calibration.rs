//! The scorer against the graded calibration set in tests/calibration/: the floors below are
//! the figures measured when they were set, rounded down. Raise them as the scorer improves;
//! never lower them to get green.

use crate::support::Test;

const MEAN_SPEARMAN_FLOOR: f64 = 0.91;
const PAIRWISE_FLOOR: f64 = 0.95;
const LENGTH_CONTROLLED_FLOOR: f64 = 0.93;

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
#[test]
fn validation_set_meets_its_floor() {
    assert_meets(
        "tests/validation/validation.toml",
        &Floors {
            mean: 0.82,
            pairwise: 0.87,
            length_controlled: 0.82,
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
            length_controlled: 0.62,
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
        .stderr_contains("unknown question `late-event` (did you mean `late-events`")
        .run();
    Test::new()
        .write(
            "c.toml",
            "[[answer]]\nquestion = \"late-events\"\ngrade = 9\ntext = \"x\"\n",
        )
        .args(["calibrate", "c.toml"])
        .status(2)
        .stderr_contains("grade 9")
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
