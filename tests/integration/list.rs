use crate::support::Test;

#[test]
fn json_lists_every_question_with_its_fields() {
    let out = Test::new().args(["list", "--format", "json"]).run();
    let json = out.json();
    let questions = json.as_array().expect("an array");
    assert!(!questions.is_empty());
    for q in questions {
        for field in [
            "id",
            "stage",
            "kind",
            "text",
            "minutes",
            "rubric",
            "model_answer",
            "points",
        ] {
            assert!(q.get(field).is_some(), "question lacks `{field}`: {q}");
        }
        for p in q["points"].as_array().expect("points array") {
            for field in ["id", "label", "weight"] {
                assert!(p.get(field).is_some(), "point lacks `{field}`: {p}");
            }
        }
    }
}

#[test]
fn stage_filter_keeps_only_that_stage() {
    let out = Test::new()
        .args(["list", "--stage", "technical", "--format", "json"])
        .run();
    let json = out.json();
    let questions = json.as_array().expect("an array");
    assert!(!questions.is_empty());
    for q in questions {
        let stages: Vec<&str> = q["stages"]
            .as_array()
            .expect("stages")
            .iter()
            .filter_map(|s| s.as_str())
            .collect();
        assert!(stages.contains(&"technical"), "{q}");
    }
}

#[test]
fn unknown_stage_is_bad_input_with_a_suggestion() {
    Test::new()
        .args(["list", "--stage", "tecnical"])
        .status(2)
        .stderr_contains("unknown stage `tecnical` (did you mean `technical`")
        .run();
}

#[test]
fn table_shows_the_questions() {
    Test::new()
        .mini_pack("p")
        .args(["--pack", "p", "list"])
        .stdout_contains("recruiter-q")
        .stdout_contains("How do you handle late-arriving events?")
        .stdout_contains("6 questions in Mini pack")
        .run();
}

#[test]
fn pack_option_and_env_use_the_pack_on_disk() {
    let test = Test::new().mini_pack("p");
    let edited = std::fs::read_to_string(test.path().join("p/rounds/03-technical.toml"))
        .expect("read")
        .replace(
            "How do you handle late-arriving events?",
            "How would you shard a hot Kafka topic?",
        );
    let out = test
        .write("p/rounds/03-technical.toml", edited)
        .args(["--pack", "p", "list", "--format", "json"])
        .run();
    let json = out.json();
    let technical = json
        .as_array()
        .expect("array")
        .iter()
        .find(|q| q["id"] == "technical-q")
        .expect("technical-q listed");
    assert_eq!(technical["text"], "How would you shard a hot Kafka topic?");
    assert_eq!(
        technical["points"][0]["follow_up"],
        "What happens after the window closes?"
    );

    // The same through the environment variable.
    let out = Test::in_dir(out.dir)
        .env("REHEARSE_PACK", "p")
        .args(["list", "--stage", "technical", "--format", "json"])
        .run();
    assert_eq!(
        out.json()[0]["text"],
        "How would you shard a hot Kafka topic?"
    );
}

#[test]
fn a_broken_pack_fails_every_command_with_exit_2() {
    for args in [vec!["list"], vec!["prep"], vec!["check"]] {
        Test::new()
            .mini_pack("p")
            .write(
                "p/rubrics/talking-point.toml",
                "[rubric]\nid = \"talking-point\"\ntitle = 3\n",
            )
            .arg("--pack")
            .arg("p")
            .args(args)
            .status(2)
            .stderr_contains(
                "rubrics/talking-point.toml:3:9: invalid type: integer `3`, expected a string",
            )
            .run();
    }
}

#[test]
fn a_missing_pack_folder_is_bad_input() {
    Test::new()
        .args(["--pack", "nowhere", "list"])
        .status(2)
        .stderr_contains("nowhere")
        .run();
}

/// Shell completion offers the stage names where a stage is asked for, and an unknown name
/// still gets rehearse's own error with the nearest stage.
#[test]
fn completions_offer_stage_names_and_unknown_stages_get_the_nearest() {
    let out = Test::new().args(["completions", "bash"]).run();
    for stage in ["recruiter", "hiring-manager", "cross-functional", "team"] {
        assert!(
            out.stdout.contains(stage),
            "no {stage} in the bash completions"
        );
    }
    Test::new()
        .args(["list", "--stage", "tecnical"])
        .status(2)
        .stderr_contains("unknown stage `tecnical` (did you mean `technical`?)")
        .run();
}
