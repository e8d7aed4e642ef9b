//! Parsing and validating a pack: every problem is collected, none stops the others.

use std::collections::HashMap;
use std::ops::Range;

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::diagnostic::{Diagnostic, InvalidPack, LineIndex};
use super::model::{
    Checklists, Criterion, Cue, Delivery, Pack, Point, Question, Rubric, Stage, StageId,
};
use super::raw;
use super::source::{Origin, PACK_FILE, PackSource, ROUNDS_DIR, RUBRICS_DIR};

/// The longest a question or a stage may last, in minutes: ten hours.
pub const MAX_MINUTES: f64 = 600.0;

/// Parses and validates every file of `source`.
pub fn load(source: &PackSource) -> Result<Pack, InvalidPack> {
    let mut cx = Checker {
        // Paths from where the user stands, so an editor's quickfix list can open them.
        root: match &source.origin {
            Origin::Dir(dir) => Some(dir.clone()),
            Origin::Embedded => None,
        },
        ..Checker::default()
    };
    let mut pack_file = None;
    let mut rounds = Vec::new();
    let mut rubrics = Vec::new();

    for file in &source.files {
        let Some(text) = cx.decode(&file.path, &file.bytes) else {
            continue;
        };
        if file.path == PACK_FILE {
            pack_file = cx.parse::<raw::PackFile>(&file.path, text);
        } else if file.path.starts_with(&format!("{ROUNDS_DIR}/")) {
            if let Some(round) = cx.parse::<raw::RoundFile>(&file.path, text) {
                rounds.push((file.path.clone(), round));
            }
        } else if file.path.starts_with(&format!("{RUBRICS_DIR}/")) {
            if let Some(rubric) = cx.parse::<raw::RubricFile>(&file.path, text) {
                rubrics.push((file.path.clone(), rubric));
            }
        }
    }

    let synonyms = pack_file
        .as_ref()
        .map(|p| cx.synonyms(PACK_FILE, &p.synonyms))
        .unwrap_or_default();
    let (rubrics, delivery) = cx.rubrics(rubrics);
    let (stages, questions) = cx.rounds(rounds, &rubrics);

    if !cx.diagnostics.is_empty() {
        return Err(InvalidPack {
            origin: source.origin.to_string(),
            diagnostics: cx.diagnostics,
        });
    }

    let (name, title, checklists) = match pack_file {
        Some(p) => {
            let (name, title) = p.pack.map_or_else(
                || (source.default_name(), None),
                |meta| (meta.name, meta.title),
            );
            let checklists = Checklists {
                before: p.checklists.before,
                day_before: p.checklists.day_before,
                day_of: p.checklists.day_of,
            };
            (name, title, checklists)
        }
        None => (source.default_name(), None, Checklists::default()),
    };

    Ok(Pack {
        title: title.unwrap_or_else(|| name.clone()),
        name,
        hash: hash(source),
        stages,
        questions,
        rubrics,
        delivery,
        checklists,
        synonyms,
    })
}

fn hash(source: &PackSource) -> String {
    let mut hasher = Sha256::new();
    for file in &source.files {
        hasher.update(file.path.as_bytes());
        hasher.update([0]);
        hasher.update((file.bytes.len() as u64).to_le_bytes());
        hasher.update(&file.bytes);
    }
    let digest = hasher.finalize();
    digest.iter().fold(String::new(), |mut hex, b| {
        use std::fmt::Write as _;
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// Collects diagnostics while walking the raw files. Keeps each file's text to turn spans into
/// line and column.
#[derive(Default)]
struct Checker {
    texts: HashMap<String, String>,
    diagnostics: Vec<Diagnostic>,
    /// The pack's folder, which diagnostics name their files from.
    root: Option<std::path::PathBuf>,
}

impl Checker {
    /// `file:line:col` of `span`, for a message that points at a second place.
    fn place(&self, file: &str, span: &Range<usize>) -> String {
        let (line, col) = self.line_col(file, span);
        format!("{}:{line}:{col}", self.shown(file))
    }

    fn line_col(&self, file: &str, span: &Range<usize>) -> (usize, usize) {
        self.texts
            .get(file)
            .map_or((1, 1), |text| LineIndex::new(text).line_col(span.start))
    }

    /// A file of the pack as the user can open it: under the pack's folder.
    fn shown(&self, file: &str) -> String {
        self.root.as_ref().map_or_else(
            || file.to_string(),
            |root| root.join(file).display().to_string(),
        )
    }

    fn report(&mut self, file: &str, span: Range<usize>, message: impl Into<String>) {
        let (line, col) = self.line_col(file, &span);
        self.diagnostics.push(Diagnostic {
            file: self.shown(file),
            line,
            col,
            message: message.into(),
        });
    }

    fn decode<'a>(&mut self, file: &str, bytes: &'a [u8]) -> Option<&'a str> {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                self.texts.insert(file.to_string(), text.to_string());
                Some(text)
            }
            Err(err) => {
                let valid = &bytes[..err.valid_up_to()];
                let text = String::from_utf8_lossy(valid).into_owned();
                self.texts.insert(file.to_string(), text);
                self.report(
                    file,
                    err.valid_up_to()..err.valid_up_to(),
                    "invalid UTF-8: a pack file must be UTF-8 text",
                );
                None
            }
        }
    }

    fn parse<T: DeserializeOwned>(&mut self, file: &str, text: &str) -> Option<T> {
        match toml::from_str::<T>(text) {
            Ok(value) => Some(value),
            Err(err) => {
                let span = err.span().unwrap_or(0..0);
                let message = err.message().trim().replace('\n', " ");
                self.report(file, span, message);
                None
            }
        }
    }

    /// A question's `minutes`: more than 0 and at most `MAX_MINUTES`, so every time budget
    /// is a real duration (no infinite or centuries-long timers).
    fn minutes(&mut self, file: &str, value: &Spanned<f64>) -> f64 {
        let v = self.positive(file, value, "minutes");
        if v > MAX_MINUTES {
            self.report(
                file,
                value.span(),
                format!("minutes must be at most {MAX_MINUTES}, not {v}"),
            );
        }
        v
    }

    fn positive(&mut self, file: &str, value: &Spanned<f64>, what: &str) -> f64 {
        let v = *value.get_ref();
        if !(v.is_finite() && v > 0.0) {
            self.report(
                file,
                value.span(),
                format!("{what} must be greater than 0, not {v}"),
            );
        }
        v
    }

    fn phrases(&mut self, file: &str, any: &Spanned<Vec<String>>, owner: &str) -> Vec<String> {
        let list = any.get_ref();
        if list.iter().all(|p| p.trim().is_empty()) {
            self.report(file, any.span(), format!("{owner} has no phrases in `any`"));
        }
        list.iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    }

    fn synonyms(&mut self, file: &str, groups: &[raw::SynonymGroup]) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for group in groups {
            let terms: Vec<String> = group
                .terms
                .get_ref()
                .iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            if terms.len() < 2 {
                self.report(
                    file,
                    group.terms.span(),
                    "a synonym group needs at least two terms",
                );
            }
            out.push(terms);
        }
        out
    }

    fn rubrics(&mut self, files: Vec<(String, raw::RubricFile)>) -> (Vec<Rubric>, Delivery) {
        let mut rubrics: Vec<Rubric> = Vec::new();
        // Where each id was first defined; its line and column are worked out only for a
        // duplicate.
        let mut seen: HashMap<String, (String, Range<usize>)> = HashMap::new();
        let mut delivery = Delivery::default();
        for (file, raw) in files {
            let id = raw.rubric.id.get_ref().clone();
            if let Some((first, first_span)) = seen.get(&id) {
                let first = self.place(first, first_span);
                self.report(
                    &file,
                    raw.rubric.id.span(),
                    format!("duplicate rubric id `{id}` (first defined at {first})"),
                );
            } else {
                seen.insert(id.clone(), (file.clone(), raw.rubric.id.span()));
            }
            let mut criteria: Vec<Criterion> = Vec::new();
            for c in raw.criterion {
                let cid = c.id.get_ref().clone();
                if criteria.iter().any(|other| other.id == cid) {
                    self.report(
                        &file,
                        c.id.span(),
                        format!("duplicate criterion id `{cid}` in rubric `{id}`"),
                    );
                }
                let weight = self.positive(&file, &c.weight, "weight");
                let cue = match (&c.any, &c.count_questions) {
                    (Some(any), None) => {
                        Cue::Phrases(self.phrases(&file, any, &format!("criterion `{cid}`")))
                    }
                    (None, Some(range)) => {
                        let [min, max] = *range.get_ref();
                        if min < 0 || max < min.max(1) {
                            self.report(
                                &file,
                                range.span(),
                                "count_questions must be [min, max] with 0 <= min <= max and max >= 1",
                            );
                        }
                        Cue::QuestionCount {
                            min: min.max(0) as u32,
                            max: max.max(0) as u32,
                        }
                    }
                    _ => {
                        self.report(
                            &file,
                            c.id.span(),
                            format!(
                                "criterion `{cid}` needs exactly one of `any` or `count_questions`"
                            ),
                        );
                        Cue::Phrases(Vec::new())
                    }
                };
                criteria.push(Criterion {
                    id: cid,
                    label: c.label,
                    weight,
                    position: c.position,
                    cue,
                });
            }
            let points_share = match &raw.rubric.points_share {
                Some(share) => {
                    let v = *share.get_ref();
                    if !(0.0..=1.0).contains(&v) {
                        self.report(&file, share.span(), "points_share must be between 0 and 1");
                    }
                    v
                }
                None if criteria.is_empty() => 1.0,
                None => 0.5,
            };
            if let Some(d) = raw.delivery {
                let wpm = d
                    .words_per_minute
                    .as_ref()
                    .map_or(delivery.words_per_minute, |w| {
                        self.positive(&file, w, "words_per_minute")
                    });
                delivery = Delivery {
                    fillers: d.fillers,
                    hedges: d.hedges,
                    words_per_minute: wpm,
                };
            }
            rubrics.push(Rubric {
                id,
                title: raw.rubric.title,
                description: raw.rubric.description,
                points_share,
                ordered: raw.rubric.ordered,
                criteria,
            });
        }
        (rubrics, delivery)
    }

    fn rounds(
        &mut self,
        files: Vec<(String, raw::RoundFile)>,
        rubrics: &[Rubric],
    ) -> (Vec<Stage>, Vec<Question>) {
        let mut stages: Vec<(Stage, String, Range<usize>)> = Vec::new();
        let mut questions: Vec<Question> = Vec::new();
        let mut question_home: HashMap<String, (String, Range<usize>)> = HashMap::new();

        for (file, raw) in files {
            let stage_span = raw.stage.span();
            let table = raw.stage.into_inner();
            let stage_id = *table.id.get_ref();
            if let Some((_, first, first_span)) = stages.iter().find(|(s, _, _)| s.id == stage_id) {
                let message = format!(
                    "duplicate stage id `{stage_id}` (first defined at {})",
                    self.place(first, first_span)
                );
                self.report(&file, table.id.span(), message);
            }
            let [min, max] = *table.minutes.get_ref();
            if min <= 0 || max < min {
                self.report(
                    &file,
                    table.minutes.span(),
                    format!("minutes must be [min, max] with 0 < min <= max, not [{min}, {max}]"),
                );
            } else if max as f64 > MAX_MINUTES {
                self.report(
                    &file,
                    table.minutes.span(),
                    format!("minutes must be at most {MAX_MINUTES}, not [{min}, {max}]"),
                );
            }
            let rounds = match &table.rounds {
                Some(r) => {
                    let [lo, hi] = *r.get_ref();
                    if lo <= 0 || hi < lo {
                        self.report(
                            &file,
                            r.span(),
                            format!(
                                "rounds must be [min, max] with 0 < min <= max, not [{lo}, {hi}]"
                            ),
                        );
                    }
                    [lo.max(1) as u32, hi.max(1) as u32]
                }
                None => [1, 1],
            };

            for q in raw.question {
                let qid = q.id.get_ref().clone();
                if qid.trim().is_empty() {
                    self.report(&file, q.id.span(), "question id must not be empty");
                }
                if let Some((first, first_span)) = question_home.get(&qid) {
                    let message = format!(
                        "duplicate question id `{qid}` (first defined at {})",
                        self.place(first, first_span)
                    );
                    self.report(&file, q.id.span(), message);
                } else {
                    question_home.insert(qid.clone(), (file.clone(), q.id.span()));
                }
                let minutes = self.minutes(&file, &q.minutes);
                let rubric = q.rubric.get_ref().clone();
                if !rubrics.iter().any(|r| r.id == rubric) {
                    let mut message =
                        format!("question `{qid}` names rubric `{rubric}`, which does not exist");
                    let near =
                        crate::suggest::nearest(&rubric, rubrics.iter().map(|r| r.id.as_str()));
                    if let Some(best) = near.first() {
                        message.push_str(&format!(" (did you mean `{best}`?)"));
                    }
                    self.report(&file, q.rubric.span(), message);
                }
                if q.point.is_empty() {
                    self.report(
                        &file,
                        q.id.span(),
                        format!("question `{qid}` has no [[question.point]]"),
                    );
                }
                let mut points: Vec<Point> = Vec::new();
                for p in q.point {
                    let pid = p.id.get_ref().clone();
                    if points.iter().any(|other| other.id == pid) {
                        self.report(
                            &file,
                            p.id.span(),
                            format!("duplicate point id `{pid}` in question `{qid}`"),
                        );
                    }
                    let weight = self.positive(&file, &p.weight, "weight");
                    let any = self.phrases(&file, &p.any, &format!("point `{pid}`"));
                    points.push(Point {
                        id: pid,
                        label: p.label,
                        weight,
                        any,
                        follow_up: p.follow_up.filter(|f| !f.trim().is_empty()),
                        wrong: p.wrong,
                    });
                }
                let also_in = q
                    .also_in
                    .iter()
                    .map(|s| *s.get_ref())
                    .filter(|s| *s != stage_id)
                    .collect();
                questions.push(Question {
                    id: qid,
                    kind: q.kind,
                    stage: stage_id,
                    also_in,
                    text: q.text.trim().to_string(),
                    minutes,
                    rubric,
                    model_answer: q.model_answer.map(|a| a.trim().to_string()),
                    points,
                });
            }

            stages.push((
                Stage {
                    id: stage_id,
                    title: table.title,
                    interviewer: table.interviewer,
                    focus: table.focus,
                    minutes: [min.max(0) as u32, max.max(0) as u32],
                    rounds,
                    intro: table.intro,
                },
                file,
                stage_span,
            ));
        }

        for (stage, file, span) in &stages {
            if !questions.iter().any(|q| q.asked_in(stage.id)) {
                let message = format!("stage `{}` has no questions", stage.id);
                self.report(file, span.clone(), message);
            }
        }
        for id in StageId::ALL {
            if !stages.iter().any(|(s, _, _)| s.id == id) {
                self.diagnostics.push(Diagnostic {
                    file: self.shown(&format!("{ROUNDS_DIR}/")),
                    line: 1,
                    col: 1,
                    message: format!(
                        "missing stage `{id}`: no round file has [stage] id = \"{id}\""
                    ),
                });
            }
        }

        let mut stages: Vec<Stage> = stages.into_iter().map(|(s, _, _)| s).collect();
        stages.sort_by_key(|s| s.id);
        stages.dedup_by_key(|s| s.id);
        (stages, questions)
    }
}
