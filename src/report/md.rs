//! The report as Markdown, to keep or share.

use std::fmt::Write as _;

use super::model::{AnswerReport, Report};
use crate::score::Status as PointStatus;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Interview report: {}\n\n{} ({}). {}\n",
        report.session_id,
        report.kind.as_str(),
        report.status.as_str(),
        super::summary_line(report)
    );
    if let Some(note) = super::pack_note(report) {
        let _ = writeln!(out, "> {note}\n");
    }
    let _ = writeln!(out, "**Overall score: {}/100**\n", report.score);

    if !report.stages.is_empty() {
        let _ = writeln!(
            out,
            "| stage | score | answered | time used |\n|---|---:|---:|---:|"
        );
        for s in &report.stages {
            let _ = writeln!(
                out,
                "| {} | {} | {}/{} | {} |",
                s.id,
                s.score,
                s.answered,
                s.planned,
                super::time_used(s.time_used_secs, s.time_budget_secs)
            );
        }
        out.push('\n');
    }

    if !report.work_on.is_empty() {
        let _ = writeln!(out, "## Work on first\n");
        for w in &report.work_on {
            let missed = w
                .missed
                .as_deref()
                .map(|m| format!(": {}", escape(m)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {} / `{}` (score {}){missed}",
                w.stage, w.question_id, w.score
            );
        }
        out.push('\n');
    }

    for (i, answer) in report.answers.iter().enumerate() {
        render_answer(&mut out, i + 1, answer);
    }
    out
}

fn render_answer(out: &mut String, n: usize, a: &AnswerReport) {
    let _ = writeln!(out, "## {n}. {} · `{}`\n", a.stage, a.question_id);
    let _ = writeln!(out, "**Q:** {}\n", escape(&a.question));
    let _ = writeln!(out, "{}\n", super::score_line(a, |_, t| t.to_string()));
    if !a.skipped || !a.text.is_empty() {
        let _ = writeln!(out, "Your answer:\n");
        blockquote(out, &a.text);
    }
    for f in &a.follow_ups {
        let _ = writeln!(out, "**Follow-up:** {}\n", escape(&f.question));
        if f.skipped {
            let _ = writeln!(out, "_(skipped)_\n");
        } else {
            blockquote(out, &f.answer);
        }
    }
    if !a.hits.is_empty() {
        let _ = writeln!(out, "Hit:\n");
        for hit in &a.hits {
            let how = match hit.status {
                PointStatus::Explained => "explained",
                _ => "mentioned",
            };
            let quote = hit
                .quote
                .as_deref()
                .map(|q| format!(": “{}”", escape(q)))
                .unwrap_or_default();
            let _ = writeln!(out, "- ✓ {} ({how}){quote}", escape(&hit.label));
        }
        out.push('\n');
    }
    if !a.missed.is_empty() {
        let _ = writeln!(out, "Missed:\n");
        for m in &a.missed {
            let _ = writeln!(out, "- ✗ {}", escape(m));
        }
        out.push('\n');
    }
    if !a.structure_missed.is_empty() {
        let _ = writeln!(out, "Structure missing:\n");
        for m in &a.structure_missed {
            let _ = writeln!(out, "- {}", escape(m));
        }
        out.push('\n');
    }
    for (title, notes) in [("Content", &a.flags), ("Delivery", &a.delivery_notes)] {
        if !notes.is_empty() {
            let _ = writeln!(out, "{title}:\n");
            for note in notes {
                let _ = writeln!(out, "- {}", escape(note));
            }
            out.push('\n');
        }
    }
    if let Some(model) = &a.model_answer {
        let _ = writeln!(out, "<details><summary>Model answer</summary>\n");
        for line in model.lines() {
            let _ = writeln!(out, "{}", escape(line));
        }
        let _ = writeln!(out, "\n</details>\n");
    }
}

fn blockquote(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "> {}", escape(line));
    }
    out.push('\n');
}

/// Keeps user text from turning into Markdown or HTML structure.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_in_user_text() {
        assert_eq!(
            super::escape("a <b> *c* | d_e"),
            "a &lt;b&gt; \\*c\\* \\| d\\_e"
        );
    }
}
