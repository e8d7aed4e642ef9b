//! What the engine shows, as data, and how it reads as text. Both consoles render events with
//! `render`; only the terminal adds colour.

use std::fmt::{self, Write as _};

use crate::pack::{Stage, StageId};
use crate::score::Assessment;

/// `m:ss` (or `h:mm:ss` from an hour), rounded to the second.
pub fn mss(secs: f64) -> String {
    let total = secs.max(0.0).round() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Where the candidate is: "technical · stage 3/6 · question 2/5 · 4:00".
#[derive(Debug, Clone, PartialEq)]
pub struct StatusLine {
    pub stage: StageId,
    /// `(round, rounds)` when the stage has more than one round.
    pub round: Option<(u32, u32)>,
    pub question: usize,
    pub questions: usize,
    pub limit_secs: Option<f64>,
}

impl fmt::Display for StatusLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} · stage {}/{}",
            self.stage,
            self.stage.number(),
            StageId::ALL.len()
        )?;
        if let Some((round, rounds)) = self.round {
            write!(f, " · round {round}/{rounds}")?;
        }
        write!(f, " · question {}/{}", self.question, self.questions)?;
        match self.limit_secs {
            Some(limit) => write!(f, " · {}", mss(limit)),
            None => f.write_str(" · untimed"),
        }
    }
}

/// A soft-timer warning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Warning {
    HalfTime { left_secs: f64 },
    OneMinute,
    TimesUp { limit_secs: f64 },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::HalfTime { left_secs } => write!(f, "[half time: {} left]", mss(*left_secs)),
            Warning::OneMinute => f.write_str("[one minute left]"),
            Warning::TimesUp { limit_secs } => {
                write!(f, "[time's up: {} budget; wrap up]", mss(*limit_secs))
            }
        }
    }
}

pub enum Event<'a> {
    /// The "before each interview" checklist that opens a loop.
    Checklist {
        items: &'a [String],
    },
    /// A stage (or team round) begins.
    Stage {
        stage: &'a Stage,
        round: Option<(u32, u32)>,
        resumed: bool,
    },
    /// A drill begins: questions from any stage, chosen from past scores.
    Drill {
        questions: usize,
        resumed: bool,
    },
    Question {
        text: &'a str,
        status: &'a StatusLine,
        repeated: bool,
    },
    FollowUp {
        text: &'a str,
    },
    Hint {
        labels: &'a [&'a str],
    },
    Time {
        elapsed_secs: f64,
        limit_secs: Option<f64>,
        /// Asked during a follow-up, which has no budget of its own.
        follow_up: bool,
    },
    Feedback {
        assessment: &'a Assessment,
    },
    Skipped,
    /// Enter was pressed with nothing typed.
    Empty,
    UnknownCommand {
        word: &'a str,
    },
    /// The session stopped before its end: saved and resumable.
    Saved {
        id: &'a str,
        /// Questions answered, skipped ones not included.
        answered: usize,
        skipped: usize,
        planned: usize,
        /// Text typed for the current question is kept for `resume`.
        draft_kept: bool,
    },
    Finished {
        id: &'a str,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause<'a> {
    /// Before the first stage of a loop.
    Begin,
    /// Between stages of a loop: `done` of `total` stages are behind, `next` is the next title.
    Break {
        done: usize,
        total: usize,
        next: &'a str,
    },
}

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub const PLAIN: Style = Style { color: false };

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn cyan(self, text: &str) -> String {
        self.paint("36", text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.paint("33", text)
    }

    /// Green from 75, yellow from 50, red below.
    pub fn score(self, score: u32, text: &str) -> String {
        let code = match score {
            75.. => "32",
            50..=74 => "33",
            _ => "31",
        };
        self.paint(code, text)
    }
}

/// The text of an event, ending with a newline.
pub fn render(event: &Event<'_>, style: Style) -> String {
    let mut out = String::new();
    match event {
        Event::Checklist { items } => {
            let _ = writeln!(out, "{}", style.bold("Before each interview"));
            for item in *items {
                let _ = writeln!(out, "  [ ] {item}");
            }
        }
        Event::Stage {
            stage,
            round,
            resumed,
        } => {
            let mut title = format!(
                "Stage {}/{}: {}",
                stage.id.number(),
                StageId::ALL.len(),
                stage.title
            );
            if let Some((r, n)) = round {
                let _ = write!(title, " (round {r}/{n})");
            }
            if *resumed {
                title.push_str(" (resumed)");
            }
            let _ = writeln!(out, "\n{}", style.bold(&title));
            let _ = writeln!(out, "Interviewer: {}", stage.interviewer);
            if let Some(intro) = stage.intro.as_deref().filter(|i| !i.trim().is_empty()) {
                let _ = writeln!(out, "{}", intro.trim());
            }
        }
        Event::Drill { questions, resumed } => {
            let mut title = format!(
                "Drill: {questions} question{} most in need of practice",
                if *questions == 1 { "" } else { "s" }
            );
            if *resumed {
                title.push_str(" (resumed)");
            }
            let _ = writeln!(out, "\n{}", style.bold(&title));
        }
        Event::Question {
            text,
            status,
            repeated,
        } => {
            let _ = writeln!(out, "\n{}", style.dim(&status.to_string()));
            let _ = writeln!(out, "{} {}", style.cyan("Q:"), style.bold(text));
            if !repeated {
                let budget = status.limit_secs.map_or_else(
                    || "untimed".to_string(),
                    |l| format!("{} to answer", mss(l)),
                );
                let _ = writeln!(out, "{}", style.dim(&budget));
            }
        }
        Event::FollowUp { text } => {
            let _ = writeln!(out, "\n{} {}", style.cyan("Follow-up:"), style.bold(text));
        }
        Event::Hint { labels } => {
            let _ = writeln!(out, "{}", style.yellow("Hint: a strong answer covers"));
            for label in *labels {
                let _ = writeln!(out, "  - {label}");
            }
        }
        Event::Time {
            elapsed_secs,
            limit_secs,
            follow_up,
        } => {
            let _ = match limit_secs {
                None if *follow_up => writeln!(
                    out,
                    "Time: {} on this follow-up (follow-ups are untimed)",
                    mss(*elapsed_secs)
                ),
                Some(limit) if elapsed_secs > limit => writeln!(
                    out,
                    "Time: {} of {} ({} over)",
                    mss(*elapsed_secs),
                    mss(*limit),
                    mss(elapsed_secs - limit)
                ),
                Some(limit) => writeln!(
                    out,
                    "Time: {} of {} ({} left)",
                    mss(*elapsed_secs),
                    mss(*limit),
                    mss(limit - elapsed_secs)
                ),
                None => writeln!(out, "Time: {} (untimed)", mss(*elapsed_secs)),
            };
        }
        Event::Feedback { assessment } => {
            let a = assessment;
            let score = style.score(a.score, &format!("Score {}/100", a.score));
            let _ = writeln!(
                out,
                "{score} (content {} · delivery {})",
                a.content, a.delivery
            );
            if !a.missed.is_empty() {
                let _ = writeln!(out, "Missed: {}", a.missed.join("; "));
            }
        }
        Event::Skipped => {
            let _ = writeln!(out, "Skipped.");
        }
        Event::Empty => {
            let _ = writeln!(
                out,
                "{}",
                style.dim(
                    "(type your answer; an empty line submits it. :hint :skip :repeat :time :quit)"
                )
            );
        }
        Event::UnknownCommand { word } => {
            let _ = writeln!(
                out,
                "Unknown command {word}; commands are :hint :skip :repeat :time :quit"
            );
        }
        Event::Saved {
            id,
            answered,
            skipped,
            planned,
            draft_kept,
        } => {
            let skipped = if *skipped > 0 {
                format!(", {skipped} skipped")
            } else {
                String::new()
            };
            let draft = if *draft_kept {
                " What you were typing is kept for then."
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "\nSaved session {id} ({answered} of {planned} questions answered{skipped}).\nContinue with: rehearse resume {id}{draft}"
            );
        }
        Event::Finished { id } => {
            let _ = writeln!(out, "\nSession {id} finished.");
        }
    }
    out
}

/// The plain text of a pause (the terminal draws a progress bar instead).
pub fn render_pause(pause: &Pause<'_>) -> String {
    match pause {
        Pause::Begin => String::new(),
        Pause::Break { done, total, next } => {
            format!("\n-- break: {done}/{total} stages done; next: {next} --\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_minutes_and_seconds() {
        assert_eq!(mss(0.0), "0:00");
        assert_eq!(mss(3.0), "0:03");
        assert_eq!(mss(240.0), "4:00");
        assert_eq!(mss(59.6), "1:00");
        assert_eq!(mss(3725.0), "1:02:05");
        assert_eq!(mss(-5.0), "0:00");
    }

    #[test]
    fn status_line_reads_like_the_design() {
        let status = StatusLine {
            stage: StageId::Technical,
            round: None,
            question: 2,
            questions: 5,
            limit_secs: Some(240.0),
        };
        assert_eq!(
            status.to_string(),
            "technical · stage 3/6 · question 2/5 · 4:00"
        );
        let team = StatusLine {
            stage: StageId::Team,
            round: Some((2, 3)),
            question: 1,
            questions: 4,
            limit_secs: None,
        };
        assert_eq!(
            team.to_string(),
            "team · stage 6/6 · round 2/3 · question 1/4 · untimed"
        );
    }
}
