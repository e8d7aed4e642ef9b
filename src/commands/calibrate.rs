use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::Env;
use crate::calibration;
use crate::cli::ScoreFormat;
use crate::table;

pub fn run(env: &Env, files: &[PathBuf], format: ScoreFormat) -> Result<ExitCode> {
    let pack = env.pack()?;
    let mut answers = Vec::new();
    for file in files {
        answers.extend(calibration::read(file)?);
    }
    let agreement = calibration::evaluate(&pack, &answers)?;
    match format {
        ScoreFormat::Json => super::print(&(serde_json::to_string_pretty(&agreement)? + "\n"))?,
        ScoreFormat::Text => super::print(&render(&agreement))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn render(a: &calibration::Agreement) -> String {
    let mut out = String::new();
    let mut questions = table::compact(&[
        "question",
        "answers",
        "spearman",
        "pairwise",
        "length-controlled",
    ]);
    for q in &a.questions {
        questions.add_row([
            q.question.clone(),
            q.answers.to_string(),
            figure(q.spearman),
            figure(q.pairwise),
            figure(q.length_controlled_pairwise),
        ]);
    }
    table::right_align(&mut questions, &[1, 2, 3, 4]);
    let _ = writeln!(out, "{questions}");
    let _ = writeln!(out);
    let _ = writeln!(out, "answers                      {}", a.answers);
    let _ = writeln!(
        out,
        "mean spearman                {}",
        figure(a.mean_spearman)
    );
    let _ = writeln!(out, "pairwise accuracy            {}", figure(a.pairwise));
    let pairs = a.length_controlled_pairs;
    let _ = writeln!(
        out,
        "length-controlled pairwise   {} ({pairs} pair{} where the better answer is not longer)",
        figure(a.length_controlled_pairwise),
        if pairs == 1 { "" } else { "s" }
    );
    if a.keyword_lists_not_below_best.is_empty() {
        let _ = writeln!(
            out,
            "keyword lists                every one below the best real answer"
        );
    } else {
        let _ = writeln!(
            out,
            "keyword lists                NOT below the best real answer for: {}",
            a.keyword_lists_not_below_best.join(", ")
        );
    }
    if !a.kinds.is_empty() {
        let mut kinds = table::compact(&["kind", "answers", "mean grade", "mean score"]);
        for k in &a.kinds {
            kinds.add_row([
                k.kind.clone(),
                k.answers.to_string(),
                format!("{:.1}", k.mean_grade),
                format!("{:.0}", k.mean_score),
            ]);
        }
        table::right_align(&mut kinds, &[1, 2, 3]);
        let _ = writeln!(out, "\n{kinds}");
    }
    list_answers(
        &mut out,
        "strong answers (grade 4-5) that missed points: add phrasings?",
        a.scored.iter().filter(|s| !s.missed.is_empty()),
        |s| s.missed.join("; "),
    );
    list_answers(
        &mut out,
        &format!(
            "weak answers (grade 1-2) that scored {OVERRATED_AT} or more: `wrong` phrases missing?"
        ),
        a.scored
            .iter()
            .filter(|s| s.grade <= 2 && s.score >= OVERRATED_AT && !s.credited.is_empty()),
        |s| format!("credited {}", s.credited.join("; ")),
    );
    out
}

/// A figure to three decimals, or "n/a" where it is undefined (grades that do not vary, no
/// pairs to rank).
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"))
}

/// A heading and one line per answer (question, kind, grade, score and `what`), when any.
fn list_answers<'a>(
    out: &mut String,
    heading: &str,
    answers: impl Iterator<Item = &'a calibration::Scored>,
    what: impl Fn(&calibration::Scored) -> String,
) {
    let mut answers = answers.peekable();
    if answers.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    for s in answers {
        let _ = writeln!(
            out,
            "  {} [{}] grade {} score {}: {}",
            s.question,
            s.kind.as_deref().unwrap_or("-"),
            s.grade,
            s.score,
            what(s)
        );
    }
}

/// A weak answer scoring this much deserves a look at what it was credited with.
const OVERRATED_AT: u32 = 50;
