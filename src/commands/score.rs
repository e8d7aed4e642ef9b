use std::fmt::Write as _;
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use super::Env;
use crate::cli::ScoreFormat;
use crate::pack::Question;
use crate::score::{AnswerInput, Assessment, Scorer, Status};

#[derive(Serialize)]
struct ScoreJson<'a> {
    question: &'a str,
    #[serde(flatten)]
    assessment: &'a Assessment,
}

pub fn run(env: &Env, id: &str, input: Option<&Path>, format: ScoreFormat) -> Result<ExitCode> {
    let pack = env.pack()?;
    let question = find_question(&pack, id)?;
    let text = read_answer(input)?;
    let scorer = Scorer::new(&pack);
    let assessment = scorer.assess(question, &AnswerInput::text(&text));
    match format {
        ScoreFormat::Json => {
            let json = ScoreJson {
                question: &question.id,
                assessment: &assessment,
            };
            super::print(&(serde_json::to_string_pretty(&json)? + "\n"))?;
        }
        ScoreFormat::Text => super::print(&render_text(question, &assessment))?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn find_question<'a>(pack: &'a crate::pack::Pack, id: &str) -> Result<&'a Question> {
    pack.question(id).ok_or_else(|| {
        let near = pack.nearest_question_ids(id);
        crate::error::bad_input(format!(
            "unknown question `{id}`{}; `rehearse list` shows them all",
            crate::suggest::did_you_mean(&near)
        ))
    })
}

/// Reads the answer from a file or standard input; bytes that are not UTF-8 are replaced, never
/// fatal.
fn read_answer(input: Option<&Path>) -> Result<String> {
    let bytes = match input {
        None => read_stdin()?,
        Some(p) if p.as_os_str() == "-" => read_stdin()?,
        Some(path) => std::fs::read(path)
            .with_context(|| format!("cannot read the answer from {}", path.display()))
            .map_err(|e| crate::error::bad_input(format!("{e:#}")))?,
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn read_stdin() -> Result<Vec<u8>> {
    if std::io::stdin().is_terminal() {
        eprintln!("Type or paste the answer, then press Ctrl-D on a new line to score it.");
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read the answer from standard input")?;
    Ok(bytes)
}

fn render_text(question: &Question, a: &Assessment) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} · {}", question.id, question.text);
    let _ = writeln!(
        out,
        "score {}/100 · content {} · delivery {}\n",
        a.score, a.content, a.delivery
    );
    let _ = writeln!(out, "Points");
    for p in &a.points {
        let _ = writeln!(
            out,
            "  {} {:<9} {} (weight {})",
            mark(p.status),
            p.status.as_str(),
            p.label,
            p.weight
        );
        if let Some(e) = &p.evidence {
            let _ = writeln!(out, "      \"{}\" in: {}", e.phrase, e.sentence);
        }
        if let Some(note) = &p.note {
            let _ = writeln!(out, "      ({note})");
        }
    }
    if !a.criteria.is_empty() {
        let _ = writeln!(out, "\nStructure");
        for c in &a.criteria {
            let _ = writeln!(
                out,
                "  {} {:<9} {}",
                mark(c.status),
                c.status.as_str(),
                c.label
            );
            if let Some(e) = &c.evidence {
                let _ = writeln!(out, "      \"{}\" in: {}", e.phrase, e.sentence);
            }
        }
    }
    if !a.delivery_notes.is_empty() {
        let _ = writeln!(out, "\nDelivery");
        for n in &a.delivery_notes {
            let _ = writeln!(out, "  - {n}");
        }
    }
    if !a.flags.is_empty() {
        let _ = writeln!(out, "\nNotes");
        for f in &a.flags {
            let _ = writeln!(out, "  - {f}");
        }
    }
    // A point denied or described wrongly was mentioned: say so rather than "never mentioned".
    let said_wrongly = |label: &String| {
        a.points
            .iter()
            .any(|p| &p.label == label && p.status == Status::Missed && p.note.is_some())
    };
    let (wrong, silent): (Vec<&String>, Vec<&String>) =
        a.missed.iter().partition(|l| said_wrongly(l));
    let join = |labels: &[&String]| {
        labels
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !silent.is_empty() {
        let _ = writeln!(out, "\nYou never mentioned: {}", join(&silent));
    }
    if !wrong.is_empty() {
        let _ = writeln!(out, "\nYou denied or described wrongly: {}", join(&wrong));
    }
    out
}

fn mark(status: Status) -> &'static str {
    match status {
        Status::Explained => "✓",
        Status::Mentioned => "~",
        Status::Missed => "✗",
    }
}
