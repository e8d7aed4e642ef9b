//! Unit tests of each scoring mechanism, on a small hand-built question.

use super::*;
use crate::pack::{Criterion, Cue, Point, Question, QuestionKind, Rubric, StageId, Where};

fn point(id: &str, weight: f64, any: &[&str]) -> Point {
    Point {
        id: id.to_string(),
        label: format!("label of {id}"),
        weight,
        any: any.iter().map(ToString::to_string).collect(),
        follow_up: None,
        wrong: Vec::new(),
    }
}

fn late_events() -> Question {
    let mut wrong = point(
        "grace",
        2.0,
        &["grace period", "allowed lateness", "watermark"],
    );
    wrong.wrong = vec!["drop every late event".to_string()];
    Question {
        id: "late-events".to_string(),
        kind: QuestionKind::TalkingPoint,
        stage: StageId::Technical,
        also_in: Vec::new(),
        text: "How do you handle late-arriving events?".to_string(),
        minutes: 4.0,
        rubric: "talking-point".to_string(),
        model_answer: Some(
            "We count events per window on event time, and each window keeps a grace period of a few minutes so stragglers still land in their window. \
Writes are idempotent, keyed by the event id, so a replay after a crash never double counts."
                .to_string(),
        ),
        points: vec![
            wrong,
            point("idem", 2.0, &["idempotent", "idempotency", "deduplicate"]),
            point("ooo", 1.0, &["out-of-order processing", "event time"]),
        ],
    }
}

fn talking_point() -> Rubric {
    Rubric {
        id: "talking-point".to_string(),
        title: "Talking point".to_string(),
        description: None,
        points_share: 1.0,
        ordered: false,
        criteria: Vec::new(),
    }
}

fn score(text: &str) -> Assessment {
    assess(&late_events(), &talking_point(), &AnswerInput::text(text))
}

fn status(a: &Assessment, id: &str) -> Status {
    a.points
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.status)
        .expect("point")
}

const STRONG: &str = "We aggregate per one-minute window on event time, and each window keeps a grace period of five minutes so stragglers still land in the right bucket. \
Writes are idempotent because every update is keyed by the event id, so a replay after a crash never double counts. \
Anything later than the grace period goes to a correction job that patches the aggregate.";

#[test]
fn explained_points_need_a_how_or_why() {
    let a = score(STRONG);
    assert_eq!(status(&a, "grace"), Status::Explained);
    assert_eq!(status(&a, "idem"), Status::Explained);
    let evidence = a.points[0].evidence.as_ref().expect("evidence");
    assert_eq!(evidence.phrase, "grace period");
    assert!(
        evidence
            .sentence
            .starts_with("We aggregate per one-minute window")
    );
    assert_eq!(&STRONG[evidence.start..evidence.end], "grace period");
    assert!(a.score >= 70, "{a:#?}");
}

#[test]
fn a_reason_in_words_the_topic_never_uses_explains_nothing() {
    let off =
        score("We use a grace period because the marketing team prefers rounded dashboard totals.");
    assert_eq!(status(&off, "grace"), Status::Mentioned);
    let on =
        score("We use a grace period so stragglers still land in their window before it closes.");
    assert_eq!(status(&on, "grace"), Status::Explained);
}

#[test]
fn without_a_model_answer_the_points_phrases_are_the_topic() {
    let mut q = late_events();
    q.model_answer = None;
    let a = assess(&q, &talking_point(), &AnswerInput::text(STRONG));
    assert_eq!(status(&a, "grace"), Status::Explained);
    assert_eq!(status(&a, "idem"), Status::Explained);
}

#[test]
fn name_dropping_is_only_mentioned() {
    let a = score(
        "Grace periods and idempotency are both really important, and event time matters a lot too.",
    );
    assert_eq!(status(&a, "grace"), Status::Mentioned);
    assert_eq!(status(&a, "idem"), Status::Mentioned);
    assert!(a.score < score(STRONG).score / 2, "{}", a.score);
}

#[test]
fn naming_ideas_without_explaining_any_earns_less_than_the_mentions() {
    // The same two mentions, alone and beside an explained point: alone they are name-dropping.
    let named = "We care about grace periods and idempotency.";
    let explaining = "We aggregate on event time because phones send events out of order, so each one still lands in the right window.";
    let alone = score(named);
    let beside = score(&format!("{named} {explaining}"));
    let explained_only = score(explaining);
    assert_eq!(status(&alone, "grace"), Status::Mentioned);
    assert_eq!(status(&beside, "grace"), Status::Mentioned);
    assert_eq!(status(&beside, "ooo"), Status::Explained);
    assert!(alone.flags.iter().any(|f| f.contains("without saying how")));
    let mentions_beside = beside.content - explained_only.content;
    assert!(
        alone.content < mentions_beside,
        "alone {} vs beside an explanation {}",
        alone.content,
        mentions_beside
    );
}

#[test]
fn negation_earns_nothing() {
    let a = score(
        "Honestly we never deduplicated anything and we ran without a grace period, we just counted whatever arrived.",
    );
    assert_eq!(status(&a, "idem"), Status::Missed);
    assert_eq!(status(&a, "grace"), Status::Missed);
    assert_eq!(
        a.points[1].note.as_deref(),
        Some("only mentioned in a negation")
    );
}

#[test]
fn wrong_mechanism_phrase_voids_credit() {
    let a = score(
        "Our grace period means we drop every late event the moment it shows up, so the numbers stay clean.",
    );
    assert_eq!(status(&a, "grace"), Status::Missed);
    assert_eq!(
        a.points[0].note.as_deref(),
        Some("described with a wrong mechanism")
    );
}

#[test]
fn a_sentence_describing_a_wrong_mechanism_is_no_substance() {
    let right = "Each window keeps a grace period so stragglers still land in it.";
    let with_wrong = format!(
        "{right} Our grace period means we drop every late event, so a replay after a crash never double counts."
    );
    let (right, with_wrong) = (score(right), score(&with_wrong));
    assert_eq!(status(&with_wrong, "grace"), Status::Explained);
    assert!(
        with_wrong.content <= right.content,
        "{} > {}",
        with_wrong.content,
        right.content
    );
}

#[test]
fn a_misconception_counts_against_its_point_even_unnamed() {
    let right = "Writes are idempotent because every update is keyed by the event id.";
    let with_misconception = format!("{right} We drop every late event the moment it shows up.");
    let (right, wrong) = (score(right), score(&with_misconception));
    assert_eq!(status(&wrong, "grace"), Status::Missed);
    assert_eq!(
        wrong.points[0].note.as_deref(),
        Some("described with a wrong mechanism")
    );
    assert!(
        wrong.content < right.content,
        "{} >= {}",
        wrong.content,
        right.content
    );
}

#[test]
fn a_negated_wrong_phrase_is_the_right_idea() {
    let a = score(
        "We never drop every late event: a grace period of five minutes keeps each window open, so stragglers still count.",
    );
    assert_eq!(status(&a, "grace"), Status::Explained);
}

fn cascading(model_answer: &str) -> Question {
    Question {
        id: "cascading".to_string(),
        kind: QuestionKind::TalkingPoint,
        stage: StageId::Technical,
        also_in: Vec::new(),
        text: "How do you prevent cascading failures?".to_string(),
        minutes: 4.0,
        rubric: "talking-point".to_string(),
        model_answer: Some(model_answer.to_string()),
        points: vec![
            point("bulkhead", 2.0, &["bulkhead", "thread pool"]),
            point("retries", 2.0, &["retry", "retries"]),
        ],
    }
}

const SOUND_MODEL: &str = "Bulkheads give each dependency its own thread pool, isolated, so one slow call cannot exhaust the rest. \
Every retry uses exponential backoff with jitter, so a struggling service gets room to recover.";

fn assess_cascading(model: &str, answer: &str) -> Assessment {
    assess(
        &cascading(model),
        &talking_point(),
        &AnswerInput::text(answer),
    )
}

#[test]
fn the_right_words_around_the_excluded_practice_earn_nothing() {
    let a = assess_cascading(
        SOUND_MODEL,
        "Bulkheads means we put every service on one shared thread pool, so capacity is pooled and nobody runs out. \
When a call fails we retry it immediately in a tight loop until it comes back.",
    );
    // The note quotes the answer's own words ("one shared thread pool", not the list's "one
    // shared pool") and the practice the model answer takes.
    for (id, said) in [
        (
            "bulkhead",
            "\u{201c}one shared thread pool\u{201d} where the model answer has",
        ),
        (
            "retries",
            "where the model answer has \u{201c}backoff\u{201d}",
        ),
    ] {
        assert_eq!(status(&a, id), Status::Missed, "{id}");
        let note = a
            .points
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.note.clone());
        assert!(
            note.as_deref().is_some_and(|n| n.contains(said)),
            "{id}: {note:?}"
        );
    }
}

#[test]
fn the_sound_practice_or_a_weighed_contrast_keeps_its_credit() {
    let sound = assess_cascading(
        SOUND_MODEL,
        "Bulkheads give every dependency a separate thread pool, so a slow one cannot starve the others. \
Retries back off exponentially with jitter because hammering a failing service keeps it down.",
    );
    let weighed = assess_cascading(
        SOUND_MODEL,
        "Instead of one shared thread pool, bulkheads give each dependency its own, so a slow one stays contained. \
The naive fix is to retry immediately in a tight loop, which only deepens the outage.",
    );
    for a in [&sound, &weighed] {
        assert_ne!(status(a, "bulkhead"), Status::Missed);
    }
    assert_ne!(status(&sound, "retries"), Status::Missed);
    assert_ne!(status(&weighed, "retries"), Status::Missed);
}

#[test]
fn a_practice_is_only_excluded_when_the_model_answer_takes_the_other_side() {
    let answer = "When a call fails we retry it immediately in a tight loop until it comes back.";
    let silent = assess_cascading("Bulkheads and retries keep failures contained.", answer);
    assert_ne!(status(&silent, "retries"), Status::Missed);
    let sound = assess_cascading(SOUND_MODEL, answer);
    assert_eq!(status(&sound, "retries"), Status::Missed);
}

#[test]
fn phrase_slop_and_stemming() {
    let a = score(
        "We kept a grace window period open for five minutes so late events could still be deduplicated by id.",
    );
    assert_ne!(status(&a, "grace"), Status::Missed);
    assert_ne!(status(&a, "idem"), Status::Missed);
}

#[test]
fn each_concept_earns_credit_once() {
    let once = score(STRONG);
    let repeated = score(&format!(
        "{STRONG} Again, the grace period is what keeps windows open for stragglers because late data is common. \
         And once more: the grace period of five minutes lets stragglers land."
    ));
    assert_eq!(once.content, repeated.content);
}

#[test]
fn keyword_lists_score_far_below_prose() {
    let list = score(
        "grace period, watermark, idempotency, deduplication, event time, out-of-order processing",
    );
    let strong = score(STRONG);
    assert!(
        list.score * 3 < strong.score,
        "list {} vs strong {}",
        list.score,
        strong.score
    );
    assert!(
        list.flags.iter().any(|f| f.contains("list of terms")),
        "{:?}",
        list.flags
    );
}

#[test]
fn terse_genuine_bullets_are_not_stuffing() {
    let bullets = score(
        "- 1 min windows on event time + 5 min allowed lateness\n- later events go to a correction job\n- writes keyed by event id so replays are idempotent",
    );
    let list = score("allowed lateness, idempotency, event time");
    assert!(
        bullets.score > 2 * list.score,
        "bullets {} list {}",
        bullets.score,
        list.score
    );
    assert!(bullets.score >= 50, "{bullets:#?}");
}

#[test]
fn padding_with_empty_words_does_not_raise_the_score() {
    let base = score(STRONG);
    let padded = score(&format!(
        "{STRONG} It was a really interesting time and I learned a lot from the whole thing overall, honestly."
    ));
    assert!(padded.content <= base.content);
    assert!(padded.score <= base.score);
}

#[test]
fn off_topic_scores_near_zero() {
    let a = score(
        "I love hiring. When I interview people I look for curiosity and kindness, and I always ask about their favourite project and what they would change about it.",
    );
    assert!(a.score <= 10, "{}", a.score);
    assert!(
        a.flags
            .iter()
            .any(|f| f.contains("does not seem to answer"))
    );
}

#[test]
fn multi_word_fillers_and_hedges_are_counted() {
    let a = score(
        "So, um, you know, we kind of used a grace period, I mean, sort of. I guess it was probably fine, like, mostly.",
    );
    let fillers: Vec<&str> = a
        .delivery_detail
        .fillers
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    for f in ["you know", "kind of", "i mean", "sort of", "um"] {
        assert!(fillers.contains(&f), "{f} not in {fillers:?}");
    }
    let hedges: Vec<&str> = a
        .delivery_detail
        .hedges
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert!(
        hedges.contains(&"i guess") && hedges.contains(&"probably"),
        "{hedges:?}"
    );
    assert!(a.delivery < 80);
}

#[test]
fn numbers_count_as_impact_only_with_an_outcome() {
    let with_outcome =
        score("The correction job cut recount errors from 3% to 0.1% within a week.");
    assert_eq!(with_outcome.delivery_detail.quantified.len(), 1);
    let bare = score("We had 3 engineers and 2 teams.");
    assert!(
        bare.delivery_detail.quantified.is_empty(),
        "{:?}",
        bare.delivery_detail.quantified
    );
}

/// One point explained of three: content well under full marks, so structure shows.
const PARTIAL: &str =
    "Each window keeps a grace period of five minutes so stragglers still land in their window.";

#[test]
fn star_criteria_in_order_with_evidence() {
    let mut q = late_events();
    q.kind = QuestionKind::Behavioral;
    let crit = |id: &str, any: &[&str], position: Where| Criterion {
        id: id.to_string(),
        label: id.to_string(),
        weight: 1.0,
        position,
        cue: Cue::Phrases(any.iter().map(ToString::to_string).collect()),
    };
    let rubric = Rubric {
        id: "star".to_string(),
        title: "STAR".to_string(),
        description: None,
        points_share: 0.5,
        ordered: true,
        criteria: vec![
            crit("situation", &["the situation was"], Where::Start),
            crit("result", &["as a result"], Where::Anywhere),
            crit("lesson", &["i learned"], Where::End),
        ],
    };
    let in_order = assess(
        &q,
        &rubric,
        &AnswerInput::text(&format!(
            "The situation was that late events broke our counts. {PARTIAL} As a result errors fell by 90%. I learned that a grace period beats manual fixes."
        )),
    );
    assert!(
        in_order
            .criteria
            .iter()
            .all(|c| c.status == Status::Explained),
        "{:#?}",
        in_order.criteria
    );
    let shuffled = assess(
        &q,
        &rubric,
        &AnswerInput::text(&format!(
            "I learned that a grace period beats manual fixes. {PARTIAL} As a result errors fell by 90%. The situation was that late events broke our counts."
        )),
    );
    assert!(shuffled.content < in_order.content);
    assert_eq!(shuffled.criteria[0].status, Status::Mentioned);
}

#[test]
fn scoring_is_deterministic_and_bounded() {
    let a = score(STRONG);
    let b = score(STRONG);
    assert_eq!(a, b);
    assert!(a.score <= 100 && a.content <= 100 && a.delivery <= 100);
    for nothing in ["", "   \n\t "] {
        let empty = score(nothing);
        assert_eq!((empty.score, empty.content, empty.delivery), (0, 0, 0));
        assert!(
            empty
                .delivery_notes
                .iter()
                .any(|n| n.starts_with("no answer")),
            "{:?}",
            empty.delivery_notes
        );
    }
}

#[test]
fn follow_up_answers_count_with_the_main_answer() {
    let q = late_events();
    let main = "Writes are idempotent because every update is keyed by the event id, so replays never double count.";
    let alone = assess(&q, &talking_point(), &AnswerInput::text(main));
    assert_eq!(status(&alone, "grace"), Status::Missed);
    let with = assess(
        &q,
        &talking_point(),
        &AnswerInput {
            text: main,
            follow_ups: vec![
                "Each window keeps a grace period of five minutes so stragglers still land in it.",
            ],
            ..AnswerInput::default()
        },
    );
    assert_eq!(status(&with, "grace"), Status::Explained);
    assert!(with.score > alone.score);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Sentences with no word of the question's topic and no rubric cue.
    const UNRELATED: &[&str] = &[
        "The weather in Lisbon was mild and the bread was fresh.",
        "My cat enjoys sleeping on the warm windowsill all afternoon.",
        "Gardening tomatoes requires patience, sunshine and water.",
        "Violins sound lovely in old churches.",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn never_panics_and_stays_within_bounds(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let text = String::from_utf8_lossy(&bytes);
            let a = score(&text);
            prop_assert!(a.score <= 100 && a.content <= 100 && a.delivery <= 100);
        }

        #[test]
        fn arbitrary_unicode_is_fine(text in "\\PC{0,400}") {
            let a = score(&text);
            prop_assert!(a.score <= 100);
        }

        #[test]
        fn an_unrelated_sentence_never_raises_content(
            base in prop::sample::select(vec![STRONG, "We use a grace period so late events still count.", "grace period, idempotency.", "Idempotent writes keyed by event id, so replays are safe."]),
            extra in prop::sample::select(UNRELATED.to_vec()),
            at_start in any::<bool>(),
        ) {
            let before = score(base);
            let padded = if at_start { format!("{extra} {base}") } else { format!("{base} {extra}") };
            let after = score(&padded);
            prop_assert!(after.content <= before.content, "{} -> {} for {padded:?}", before.content, after.content);
        }

        #[test]
        fn deterministic(text in "[a-z ,.]{0,300}") {
            prop_assert_eq!(score(&text), score(&text));
        }
    }

    #[test]
    fn huge_answers_and_odd_characters() {
        let huge_word = "a".repeat(1_000_000);
        assert!(score(&huge_word).score <= 100);
        let big = STRONG.repeat(6_000); // ~2.6 MB, scored on its first part, and says so
        let a = score(&big);
        assert!(a.score <= 100);
        assert!(
            a.flags
                .iter()
                .any(|f| f.starts_with("only the first 200 KB")),
            "{:?}",
            a.flags
        );
        assert!(
            !score(STRONG)
                .flags
                .iter()
                .any(|f| f.starts_with("only the first"))
        );
        let bidi = "grace\u{202e} period\u{0}\u{7} is \u{200b}used so late events count";
        assert!(score(bidi).score <= 100);
    }
}

#[test]
fn a_self_negating_phrase_finds_its_point_sentence_in_the_model_answer() {
    // The point's only phrase negates by itself ("charges never repeat"), so its model-answer
    // sentence is found only if the lookup treats that phrase as said, as matching does
    // everywhere else; the sentence takes backoff, which excludes a tight loop.
    let mut question = cascading(
        "Bulkheads give each dependency its own thread pool. \
Every retry waits with exponential backoff and carries the same key, so charges never repeat.",
    );
    question.points = vec![point("charges", 2.0, &["charges never repeat"])];
    let a = assess(
        &question,
        &talking_point(),
        &AnswerInput::text(
            "We retry immediately in a tight loop, and charges never repeat because of the key.",
        ),
    );
    assert_eq!(status(&a, "charges"), Status::Missed);
}

#[test]
fn a_misspelt_term_is_read_as_the_pack_word_it_is_one_typo_from() {
    // "idempotant" stems far from "idempot", and "deduplciate" is a transposition: both are
    // one edit from a word of the question, and neither is English.
    let typed = score(
        "Writes are idempotant, keyed by the event id, so a replay after a crash never double counts. \
We deduplciate by id before writing.",
    );
    assert_eq!(status(&typed, "idem"), Status::Explained);
    let clean = score(
        "Writes are idempotent, keyed by the event id, so a replay after a crash never double counts. \
We deduplicate by id before writing.",
    );
    assert_eq!(typed.content, clean.content);
}

#[test]
fn an_english_word_one_letter_from_a_pack_word_is_left_alone() {
    // "routine" is one letter from the point's "routing" but is English; "routng" is a typo.
    let mut question = late_events();
    question.points[0].any = vec!["routing".to_string()];
    let a = assess(
        &question,
        &talking_point(),
        &AnswerInput::text(
            "Our routine is to window on event time with a few minutes of slack so stragglers still land.",
        ),
    );
    assert_eq!(
        status(&a, "grace"),
        Status::Missed,
        "routine is not a typo of routing"
    );
    let a = assess(
        &question,
        &talking_point(),
        &AnswerInput::text(
            "Our routng sends each straggler to its window on event time, with a few minutes of slack.",
        ),
    );
    assert_ne!(
        status(&a, "grace"),
        Status::Missed,
        "routng is a typo of routing"
    );
}

#[test]
fn fillers_between_commas_do_not_make_a_sentence_a_list_of_terms() {
    let clean = score(
        "We kept each window open for a grace period of five minutes because mobile clients buffer events while offline.",
    );
    let spoken = score(
        "Um, so, um, we kept each window open for, uh, a grace period of, you know, five minutes, um, because mobile clients, uh, buffer events while, like, offline.",
    );
    // Fillers are delivery: they cost there, and keep the point at `mentioned`, but the
    // sentence is prose, not a list of terms.
    assert!(spoken.delivery < clean.delivery);
    assert!(
        !spoken.flags.iter().any(|f| f.contains("list of terms")),
        "{:?}",
        spoken.flags
    );
    assert!(
        spoken.content * 3 >= clean.content,
        "{} vs {}",
        spoken.content,
        clean.content
    );
    // A real list of terms is still one, fillers or not.
    let list = score("grace period, um, watermark, idempotency, event time, uh, side output");
    assert!(
        list.flags.iter().any(|f| f.contains("list of terms")),
        "{:?}",
        list.flags
    );
}

#[test]
fn length_is_judged_against_the_budget_the_candidate_had() {
    // 4 pack minutes; at a brisk pace the candidate had 2, and the notes speak of those.
    let text = "We keep a grace period so late events still count in their window.";
    let brisk = AnswerInput {
        limit_secs: Some(120.0),
        ..AnswerInput::text(text)
    };
    let a = assess(&late_events(), &talking_point(), &brisk);
    assert_eq!(
        a.delivery_detail.word_budget,
        score(text).delivery_detail.word_budget / 2
    );
    assert!(
        a.delivery_notes
            .iter()
            .any(|n| n.contains("2-minute answer")),
        "{:?}",
        a.delivery_notes
    );
}
