//! A small in-memory pack for unit tests of plans, the engine and reports.

use crate::pack::{Checklists, Delivery, Pack, Point, Question, QuestionKind, Stage, StageId};

pub fn question(id: &str, stage: StageId, kind: QuestionKind, minutes: f64) -> Question {
    Question {
        id: id.to_string(),
        kind,
        stage,
        also_in: Vec::new(),
        text: format!("{id}?"),
        minutes,
        rubric: "r".to_string(),
        model_answer: Some(format!("The model answer to {id}.")),
        points: vec![
            Point {
                id: "p".to_string(),
                label: "Point P".to_string(),
                weight: 1.0,
                any: vec!["alpha".to_string()],
                follow_up: Some("What about alpha?".to_string()),
                wrong: Vec::new(),
            },
            Point {
                id: "q".to_string(),
                label: "Point Q".to_string(),
                weight: 2.0,
                any: vec!["beta".to_string()],
                follow_up: Some("And beta?".to_string()),
                wrong: Vec::new(),
            },
        ],
    }
}

/// Six stages of 30 minutes; each has six 5-minute behavioral questions `<stage>-0..5` and a
/// questions-to-ask `<stage>-ask`; `shared` is asked in technical and team.
pub fn pack() -> Pack {
    let mut questions = Vec::new();
    for stage in StageId::ALL {
        for i in 0..6 {
            questions.push(question(
                &format!("{stage}-{i}"),
                stage,
                QuestionKind::Behavioral,
                5.0,
            ));
        }
        questions.push(question(
            &format!("{stage}-ask"),
            stage,
            QuestionKind::QuestionsToAsk,
            5.0,
        ));
    }
    let mut shared = question(
        "shared",
        StageId::Technical,
        QuestionKind::TalkingPoint,
        5.0,
    );
    shared.also_in = vec![StageId::Team];
    questions.push(shared);
    Pack {
        name: "t".to_string(),
        title: "Test pack".to_string(),
        hash: "h".to_string(),
        stages: StageId::ALL
            .into_iter()
            .map(|id| Stage {
                id,
                title: format!("The {id} stage"),
                interviewer: "Interviewer".to_string(),
                focus: "f".to_string(),
                minutes: [30, 45],
                rounds: [2, 3],
                intro: Some("Hello.".to_string()),
            })
            .collect(),
        questions,
        rubrics: Vec::new(),
        delivery: Delivery::default(),
        checklists: Checklists {
            before: vec!["Breathe".to_string()],
            ..Checklists::default()
        },
        synonyms: Vec::new(),
    }
}

/// A finished round session over `answers`, its plan their questions, started at `at`: the
/// history unit tests of reports, drill and the store build on it.
pub fn finished_session(
    id: &str,
    at: chrono::DateTime<chrono::Utc>,
    stage: Option<StageId>,
    answers: Vec<crate::session::model::Answer>,
) -> crate::session::model::Session {
    use crate::session::model::{
        Feedback, Options, Pace, PackRef, Planned, SCHEMA_VERSION, Session, SessionKind, Status,
    };
    Session {
        schema_version: SCHEMA_VERSION,
        id: id.to_string(),
        kind: SessionKind::Round,
        pack: PackRef {
            name: "t".to_string(),
            hash: "h".to_string(),
        },
        options: Options {
            stage,
            seed: 1,
            questions: None,
            pace: Pace::Real,
            feedback: Feedback::Now,
            team_rounds: None,
        },
        started_at: at,
        updated_at: at,
        status: Status::Finished,
        plan: answers
            .iter()
            .map(|a| Planned {
                stage: a.stage,
                round: 1,
                question_id: a.question_id.clone(),
            })
            .collect(),
        answers,
        draft: None,
    }
}
