//! Agreement between the scorer and human grades: Spearman's rank correlation and pairwise
//! ranking accuracy, per question and overall, plus the pairs where length cannot help.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::pack::{LineIndex, Pack};
use crate::score::{AnswerInput, Scorer, Status};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GradedFile {
    #[serde(default)]
    answer: Vec<RawAnswer>,
}

/// An answer as written, with the positions of the fields checked after parsing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    question: toml::Spanned<String>,
    grade: toml::Spanned<u8>,
    #[serde(default)]
    kind: Option<String>,
    text: String,
}

/// One graded sample answer from a calibration file.
#[derive(Debug, Clone)]
pub struct GradedAnswer {
    pub question: String,
    pub grade: u8,
    pub kind: Option<String>,
    pub text: String,
    /// `file:line:col` of its `question`, for errors about it.
    pub origin: String,
}

/// Reads graded answers; a malformed file, a grade outside 1-5 or a file without answers is
/// bad input with its `file:line:col`.
pub fn read(path: &Path) -> Result<Vec<GradedAnswer>> {
    let bytes = std::fs::read(path)
        .map_err(|e| crate::error::bad_input(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8_lossy(&bytes);
    let at = |offset: usize| {
        let (line, col) = LineIndex::new(&text).line_col(offset);
        format!("{}:{line}:{col}", path.display())
    };
    let file: GradedFile = toml::from_str(&text).map_err(|e| {
        crate::error::bad_input(format!(
            "{}: {}",
            at(e.span().map_or(0, |s| s.start)),
            e.message().trim()
        ))
    })?;
    if file.answer.is_empty() {
        return Err(crate::error::bad_input(format!(
            "{}: no graded answers (expected [[answer]] tables with question, grade 1-5 and text)",
            path.display()
        )));
    }
    file.answer
        .into_iter()
        .map(|a| {
            let grade = *a.grade.get_ref();
            if !(1..=5).contains(&grade) {
                return Err(crate::error::bad_input(format!(
                    "{}: grade {grade} is not within 1-5",
                    at(a.grade.span().start)
                )));
            }
            Ok(GradedAnswer {
                origin: at(a.question.span().start),
                question: a.question.into_inner(),
                grade,
                kind: a.kind,
                text: a.text,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    pub question: String,
    pub grade: u8,
    pub kind: Option<String>,
    pub words: usize,
    pub score: u32,
    /// Labels of points a strong answer (grade 4-5) missed: phrasings the pack may lack.
    pub missed: Vec<String>,
    /// Labels of points a weak answer (grade 1-2) was credited with: `wrong` phrases the pack
    /// may lack, when such an answer scores high.
    pub credited: Vec<String>,
}

/// How answers of one kind ("name-drop", "wrong-mechanism") fare on average: where the scorer
/// and the grader part, by kind rather than by answer.
#[derive(Debug, Clone, Serialize)]
pub struct KindSummary {
    pub kind: String,
    pub answers: usize,
    pub mean_grade: f64,
    pub mean_score: f64,
}

/// Agreement on one question. A figure is `None` (`null` in JSON) where it is undefined: no
/// Spearman when the grades do not vary (one answer, or all graded alike), no accuracy over
/// no pairs.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionAgreement {
    pub question: String,
    pub answers: usize,
    pub spearman: Option<f64>,
    pub pairwise: Option<f64>,
    pub length_controlled_pairwise: Option<f64>,
    pub length_controlled_pairs: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    pub answers: usize,
    pub questions: Vec<QuestionAgreement>,
    /// The mean over the questions whose Spearman is defined.
    pub mean_spearman: Option<f64>,
    pub pairwise: Option<f64>,
    /// Pairwise accuracy over pairs where the better-graded answer is not longer.
    pub length_controlled_pairwise: Option<f64>,
    pub length_controlled_pairs: usize,
    /// Questions where a bare keyword list scored at or above the best real answer.
    pub keyword_lists_not_below_best: Vec<String>,
    /// Per kind of answer, best graded first; empty when the file names no kinds.
    pub kinds: Vec<KindSummary>,
    pub scored: Vec<Scored>,
}

/// Scores every answer and measures agreement. Answers to unknown questions are bad input.
pub fn evaluate(pack: &Pack, answers: &[GradedAnswer]) -> Result<Agreement> {
    let scorer = Scorer::new(pack);
    let mut scored = Vec::new();
    for a in answers {
        let question = pack.question(&a.question).ok_or_else(|| {
            let near = pack.nearest_question_ids(&a.question);
            crate::error::bad_input(format!(
                "{}: unknown question `{}`{}",
                a.origin,
                a.question,
                crate::suggest::did_you_mean(&near)
            ))
        })?;
        let assessment = scorer.assess(question, &AnswerInput::text(&a.text));
        let labels = |wanted: fn(Status) -> bool| -> Vec<String> {
            assessment
                .points
                .iter()
                .filter(|p| wanted(p.status))
                .map(|p| p.label.clone())
                .collect()
        };
        let missed = if a.grade >= 4 {
            labels(|s| s == Status::Missed)
        } else {
            Vec::new()
        };
        let credited = if a.grade <= 2 {
            labels(|s| s != Status::Missed)
        } else {
            Vec::new()
        };
        scored.push(Scored {
            question: a.question.clone(),
            grade: a.grade,
            kind: a.kind.clone(),
            words: assessment.delivery_detail.words,
            score: assessment.score,
            missed,
            credited,
        });
    }
    Ok(agreement(scored))
}

pub fn agreement(scored: Vec<Scored>) -> Agreement {
    let mut by_question: BTreeMap<&str, Vec<&Scored>> = BTreeMap::new();
    for s in &scored {
        by_question.entry(s.question.as_str()).or_default().push(s);
    }
    let mut questions = Vec::new();
    let (mut right, mut pairs) = (0.0, 0usize);
    let (mut lc_right, mut lc_pairs) = (0.0, 0usize);
    let mut keyword_failures = Vec::new();
    for (q, list) in &by_question {
        let grades: Vec<f64> = list.iter().map(|s| f64::from(s.grade)).collect();
        let scores: Vec<f64> = list.iter().map(|s| f64::from(s.score)).collect();
        let (mut q_right, mut q_pairs) = (0.0, 0usize);
        let (mut q_lc_right, mut q_lc_pairs) = (0.0, 0usize);
        for i in 0..list.len() {
            for j in 0..list.len() {
                let (a, b) = (list[i], list[j]);
                if a.grade <= b.grade {
                    continue;
                }
                // a is graded better than b
                let credit = match a.score.cmp(&b.score) {
                    std::cmp::Ordering::Greater => 1.0,
                    std::cmp::Ordering::Equal => 0.5,
                    std::cmp::Ordering::Less => 0.0,
                };
                q_right += credit;
                q_pairs += 1;
                if a.words <= b.words {
                    q_lc_right += credit;
                    q_lc_pairs += 1;
                }
            }
        }
        right += q_right;
        pairs += q_pairs;
        lc_right += q_lc_right;
        lc_pairs += q_lc_pairs;
        let best_real = list
            .iter()
            .filter(|s| s.kind.as_deref() != Some("keyword-list"))
            .map(|s| s.score)
            .max();
        let worst_gap = list
            .iter()
            .filter(|s| s.kind.as_deref() == Some("keyword-list"))
            .any(|s| best_real.is_some_and(|b| s.score >= b));
        if worst_gap {
            keyword_failures.push((*q).to_string());
        }
        questions.push(QuestionAgreement {
            question: (*q).to_string(),
            answers: list.len(),
            spearman: grades_vary(list).then(|| rounded(spearman(&grades, &scores))),
            pairwise: accuracy(q_right, q_pairs),
            length_controlled_pairwise: accuracy(q_lc_right, q_lc_pairs),
            length_controlled_pairs: q_lc_pairs,
        });
    }
    let defined: Vec<f64> = questions.iter().filter_map(|q| q.spearman).collect();
    let mean_spearman =
        (!defined.is_empty()).then(|| rounded(defined.iter().sum::<f64>() / defined.len() as f64));
    let kinds = kind_summaries(&scored);
    Agreement {
        answers: scored.len(),
        questions,
        mean_spearman,
        pairwise: accuracy(right, pairs),
        length_controlled_pairwise: accuracy(lc_right, lc_pairs),
        length_controlled_pairs: lc_pairs,
        keyword_lists_not_below_best: keyword_failures,
        kinds,
        scored,
    }
}

/// Whether the grades can rank anything: two different grades at least.
fn grades_vary(answers: &[&Scored]) -> bool {
    answers.windows(2).any(|w| w[0].grade != w[1].grade)
}

/// Share of `right` over `pairs`, undefined over none.
fn accuracy(right: f64, pairs: usize) -> Option<f64> {
    (pairs > 0).then(|| rounded(right / pairs as f64))
}

/// Rounded to nine decimals: floating-point noise (0.9999999999999998) says nothing.
fn rounded(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

fn kind_summaries(scored: &[Scored]) -> Vec<KindSummary> {
    let mut by_kind: BTreeMap<&str, (usize, f64, f64)> = BTreeMap::new();
    for s in scored {
        if let Some(kind) = &s.kind {
            let entry = by_kind.entry(kind.as_str()).or_default();
            entry.0 += 1;
            entry.1 += f64::from(s.grade);
            entry.2 += f64::from(s.score);
        }
    }
    let mut kinds: Vec<KindSummary> = by_kind
        .into_iter()
        .map(|(kind, (n, grades, scores))| KindSummary {
            kind: kind.to_string(),
            answers: n,
            mean_grade: grades / n as f64,
            mean_score: scores / n as f64,
        })
        .collect();
    kinds.sort_by(|a, b| {
        b.mean_grade
            .total_cmp(&a.mean_grade)
            .then(b.mean_score.total_cmp(&a.mean_score))
    });
    kinds
}

/// Spearman's rho with average ranks for ties; 0 when either side has no variance.
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    pearson(&ranks(a), &ranks(b))
}

fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]].total_cmp(&values[order[i]]).is_eq() {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for k in &order[i..=j] {
            ranks[*k] = avg;
        }
        i = j + 1;
    }
    ranks
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    if a.len() < 2 {
        return 0.0;
    }
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    if va == 0.0 || vb == 0.0 {
        0.0
    } else {
        cov / (va.sqrt() * vb.sqrt())
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn spearman_of_same_order_is_one_and_reverse_minus_one() {
        let a = [1.0, 2.0, 3.0, 4.0];
        assert!((spearman(&a, &[10.0, 20.0, 30.0, 40.0]) - 1.0).abs() < 1e-12);
        assert!((spearman(&a, &[4.0, 3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&a, &[5.0, 5.0, 5.0, 5.0]), 0.0);
    }

    fn scored(kind: &str, grade: u8, score: u32) -> Scored {
        Scored {
            question: "q".to_string(),
            grade,
            kind: Some(kind.to_string()),
            words: 10,
            score,
            missed: Vec::new(),
            credited: Vec::new(),
        }
    }

    #[test]
    fn kinds_are_summarised_best_graded_first() {
        let a = agreement(vec![
            scored("vague", 2, 10),
            scored("strong", 5, 90),
            scored("vague", 2, 30),
            scored("wrong-mechanism", 1, 60),
        ]);
        let kinds: Vec<(&str, usize, f64, f64)> = a
            .kinds
            .iter()
            .map(|k| (k.kind.as_str(), k.answers, k.mean_grade, k.mean_score))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("strong", 1, 5.0, 90.0),
                ("vague", 2, 2.0, 20.0),
                ("wrong-mechanism", 1, 1.0, 60.0)
            ]
        );
    }

    #[test]
    fn undefined_figures_are_none_and_left_out_of_the_mean() {
        let mut one = scored("strong", 5, 90);
        one.question = "alone".to_string();
        let mut same_a = scored("strong", 4, 90);
        same_a.question = "same".to_string();
        let mut same_b = scored("good", 4, 40);
        same_b.question = "same".to_string();
        let a = agreement(vec![
            scored("strong", 5, 90),
            scored("vague", 2, 10),
            one,
            same_a,
            same_b,
        ]);
        let q = |id: &str| {
            a.questions
                .iter()
                .find(|q| q.question == id)
                .expect("question")
        };
        assert_eq!(q("q").spearman, Some(1.0));
        assert_eq!(q("alone").spearman, None);
        assert_eq!(q("same").spearman, None);
        assert_eq!(q("same").pairwise, None);
        assert_eq!(a.mean_spearman, Some(1.0));
        assert_eq!(a.pairwise, Some(1.0));
        assert_eq!(agreement(Vec::new()).mean_spearman, None);
        assert_eq!(agreement(Vec::new()).pairwise, None);
    }

    #[test]
    fn ties_get_average_ranks() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0]), vec![2.5, 1.0, 2.5]);
    }
}
