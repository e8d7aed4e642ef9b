//! The embedded default pack holds every question of the prep document, in the stages a real
//! interviewer would ask them, with points, model answers and follow-ups.

use std::collections::BTreeMap;

use crate::support::Test;

fn questions() -> Vec<serde_json::Value> {
    let json = Test::new().args(["list", "--format", "json"]).run().json();
    json.as_array().expect("array").clone()
}

#[test]
fn question_count_per_stage_and_kind() {
    let questions = questions();
    let mut per_stage: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_kind: BTreeMap<String, usize> = BTreeMap::new();
    for q in &questions {
        *per_kind
            .entry(q["kind"].as_str().expect("kind").to_string())
            .or_default() += 1;
        for s in q["stages"].as_array().expect("stages") {
            *per_stage
                .entry(s.as_str().expect("stage").to_string())
                .or_default() += 1;
        }
    }
    let expected_stages = [
        ("cross-functional", 9),
        ("culture", 9),
        ("hiring-manager", 10),
        ("recruiter", 5),
        ("team", 18),
        ("technical", 16),
    ];
    let expected_kinds = [
        ("behavioral", 3),
        ("compensation", 1),
        ("culture", 4),
        ("debugging", 1),
        ("gap", 3),
        ("main-story", 2),
        ("questions-to-ask", 6),
        ("system-design", 2),
        ("talking-point", 20),
    ];
    let stages: Vec<(&str, usize)> = per_stage.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let kinds: Vec<(&str, usize)> = per_kind.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(stages, expected_stages);
    assert_eq!(kinds, expected_kinds);
    assert_eq!(questions.len(), 42);
}

#[test]
fn every_question_of_the_prep_document_is_there() {
    let ids: Vec<String> = questions()
        .iter()
        .map(|q| q["id"].as_str().expect("id").to_string())
        .collect();
    for id in [
        "tell-me-about-yourself",
        "why-netflix",
        "compensation",
        "late-events",
        "exactly-once",
        "backfill",
        "partitioning",
        "backpressure",
        "lag-monitoring",
        "sub-100ms",
        "cache-invalidation",
        "uptime",
        "self-service-platform",
        "flexibility-guardrails",
        "measuring-success",
        "latency-spikes",
        "cascading-failures",
        "on-call",
        "gap-spark-flink",
        "gap-ml-models",
        "gap-internal-frameworks",
        "driving-direction",
        "disagreeing",
        "ambiguity",
        "freedom-responsibility",
        "difficult-feedback",
        "staying-current",
        "empowering-others",
        "design-feature-store",
        "debug-feature-freshness",
        "design-ab-testing",
        "ask-recruiter",
        "ask-hiring-manager",
        "ask-technical",
        "ask-cross-functional",
        "ask-culture",
        "ask-team",
    ] {
        assert!(ids.iter().any(|i| i == id), "missing question `{id}`");
    }
}

#[test]
fn every_question_has_points_a_model_answer_and_most_have_follow_ups() {
    let questions = questions();
    let mut with_follow_up = 0;
    for q in &questions {
        let points = q["points"].as_array().expect("points");
        assert!(points.len() >= 2, "{} has fewer than 2 points", q["id"]);
        assert!(
            points
                .iter()
                .all(|p| p["weight"].as_f64().is_some_and(|w| w > 0.0))
        );
        assert!(
            q["model_answer"]
                .as_str()
                .is_some_and(|a| a.split_whitespace().count() >= 30),
            "{} lacks a model answer",
            q["id"]
        );
        if points.iter().any(|p| p.get("follow_up").is_some()) {
            with_follow_up += 1;
        }
    }
    assert!(
        with_follow_up * 2 >= questions.len(),
        "{with_follow_up} of {}",
        questions.len()
    );
}

#[test]
fn every_stage_ends_with_its_own_questions_to_ask() {
    let questions = questions();
    for stage in [
        "recruiter",
        "hiring-manager",
        "technical",
        "cross-functional",
        "culture",
        "team",
    ] {
        let asks: Vec<&serde_json::Value> = questions
            .iter()
            .filter(|q| q["kind"] == "questions-to-ask" && q["stage"] == stage)
            .collect();
        assert_eq!(asks.len(), 1, "stage {stage}");
        let in_stage = questions
            .iter()
            .filter(|q| {
                q["stages"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|x| x == stage))
            })
            .count();
        assert!(in_stage >= 4, "stage {stage} has only {in_stage} questions");
    }
}

#[test]
fn prep_checklists_come_from_the_document() {
    let out = Test::new().arg("prep").run();
    for item in [
        "Test video/audio",
        "Get good sleep",
        "Log in 5 minutes early",
    ] {
        assert!(
            out.stdout.to_lowercase().contains(&item.to_lowercase()),
            "{item}: {}",
            out.stdout
        );
    }
}

/// docs/question-ids.md is where a calibration set's author looks ids up: it lists them all.
#[test]
fn the_question_id_table_lists_every_question() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/question-ids.md"),
    )
    .expect("docs/question-ids.md");
    let missing: Vec<String> = questions()
        .iter()
        .filter_map(|q| q["id"].as_str())
        .filter(|id| !doc.contains(&format!("| {id} |")))
        .map(ToString::to_string)
        .collect();
    assert!(
        missing.is_empty(),
        "not in docs/question-ids.md: {missing:?}"
    );
}
