//! The terminal console: rustyline for multi-line answers with line editing, timer warnings
//! through rustyline's external printer (above the prompt, the typed text kept), indicatif for
//! the progress of a loop on the break screen.

use std::io::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, ConditionalEventHandler, Config, Editor, Event as KeyEvent, EventContext, EventHandler,
    ExternalPrinter, Helper, KeyEvent as Key, RepeatCount,
};

use super::console::{Command, Console, Entry};
use super::screen::{Event, Pause, Style, render};
use super::timer::Timer;

const PROMPT: &str = "> ";

pub struct TtyConsole {
    editor: Editor<AnswerHelper, DefaultHistory>,
    timer: Option<Timer>,
    style: Style,
    /// The text on screen when Ctrl-C was pressed: rustyline's interrupt drops it, and it is
    /// the draft `:quit` keeps.
    interrupted: Arc<Mutex<String>>,
}

/// Copies the text being edited before Ctrl-C interrupts as usual.
struct KeepOnInterrupt(Arc<Mutex<String>>);

impl ConditionalEventHandler for KeepOnInterrupt {
    fn handle(
        &self,
        _evt: &KeyEvent,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext,
    ) -> Option<Cmd> {
        if let Ok(mut kept) = self.0.lock() {
            ctx.line().clone_into(&mut kept);
        }
        Some(Cmd::Interrupt)
    }
}

impl TtyConsole {
    pub fn new(style: Style) -> Result<TtyConsole> {
        let config = Config::builder().auto_add_history(false).build();
        let mut editor: Editor<AnswerHelper, DefaultHistory> =
            Editor::with_config(config).context("cannot set up the terminal")?;
        editor.set_helper(Some(AnswerHelper));
        let interrupted = Arc::new(Mutex::new(String::new()));
        editor.bind_sequence(
            Key::ctrl('C'),
            EventHandler::Conditional(Box::new(KeepOnInterrupt(Arc::clone(&interrupted)))),
        );
        Ok(TtyConsole {
            editor,
            timer: None,
            style,
            interrupted,
        })
    }

    fn write(text: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .context("cannot write to the terminal")
    }

    /// One line at a plain prompt (the break screen); `None` on end of input or interrupt.
    fn line(&mut self, prompt: &str) -> Result<Option<String>> {
        match self.editor.readline(prompt) {
            Ok(line) => Ok(Some(line)),
            Err(ReadlineError::Eof | ReadlineError::Interrupted) => Ok(None),
            Err(e) => Err(e).context("cannot read from the terminal"),
        }
    }
}

impl Console for TtyConsole {
    fn show(&mut self, event: &Event<'_>) -> Result<()> {
        Self::write(&render(event, self.style))?;
        if matches!(
            event,
            Event::Question {
                repeated: false,
                ..
            }
        ) {
            Self::write(&format!(
                "{}\n",
                self.style
                    .dim("(an empty line submits · :hint :skip :repeat :time :quit)")
            ))?;
        }
        Ok(())
    }

    fn read(&mut self, draft: &str) -> Result<Entry> {
        let initial = if draft.trim().is_empty() {
            String::new()
        } else {
            format!("{}\n", draft.trim_end())
        };
        if let Ok(mut kept) = self.interrupted.lock() {
            kept.clear();
        }
        match self.editor.readline_with_initial(PROMPT, (&initial, "")) {
            Ok(text) => Ok(Entry::from_block(&text)),
            // Ctrl-C or Ctrl-D (on an empty prompt) quit like `:quit`, keeping what was typed.
            Err(ReadlineError::Eof | ReadlineError::Interrupted) => Ok(Entry::Command {
                command: Command::Quit,
                draft: self
                    .interrupted
                    .lock()
                    .map(|kept| kept.trim_end().to_string())
                    .unwrap_or_default(),
            }),
            Err(e) => Err(e).context("cannot read from the terminal"),
        }
    }

    /// The external printer lives only as long as the timer: rustyline 17 reads keys through
    /// `select` while one exists and then handles only the first of several keys that arrive
    /// together (kkawakam/rustyline#976), so prompts without a timer do without it.
    fn start_timer(&mut self, limit_secs: Option<f64>) {
        self.stop_timer();
        let Some(limit) = limit_secs else {
            return;
        };
        // Without an external printer (an unusual terminal) warnings are simply not shown.
        let Ok(mut printer) = self.editor.create_external_printer() else {
            return;
        };
        let style = self.style;
        self.timer = Some(Timer::start(Instant::now(), limit, move |warning| {
            let _ = printer.print(style.yellow(&warning.to_string()));
        }));
    }

    fn stop_timer(&mut self) {
        if let Some(mut timer) = self.timer.take() {
            timer.stop();
        }
    }

    fn pause(&mut self, pause: &Pause<'_>) -> Result<bool> {
        let prompt = match pause {
            Pause::Begin => "Press Enter to begin (:quit to stop) ".to_string(),
            Pause::Break { done, total, next } => {
                Self::write("\n")?;
                let template = if self.style.color {
                    "{bar:30.cyan/blue} {pos}/{len} stages  {msg}"
                } else {
                    "{bar:30} {pos}/{len} stages  {msg}"
                };
                let bar = ProgressBar::with_draw_target(
                    Some(*total as u64),
                    ProgressDrawTarget::stdout(),
                );
                if let Ok(style) = ProgressStyle::with_template(template) {
                    bar.set_style(style.progress_chars("=> "));
                }
                bar.set_position(*done as u64);
                bar.set_message("break");
                bar.abandon();
                // The prompt clears its own line: keep the bar on the line above.
                Self::write("\n")?;
                format!("Next: {next}. Press Enter when ready (:quit to stop) ")
            }
        };
        Ok(match self.line(&prompt)? {
            Some(line) => Command::parse(&line) != Some(Ok(Command::Quit)),
            None => false,
        })
    }
}

/// Makes Enter insert a new line until the answer is submitted by an empty line (or is a
/// command, or nothing was typed).
struct AnswerHelper;

/// Whether the text in the editor is complete when Enter is pressed.
fn submits(input: &str) -> bool {
    if input.trim().is_empty() {
        return true;
    }
    let last = input.rsplit('\n').next().unwrap_or_default();
    if Command::parse(last).is_some() {
        return true;
    }
    input.contains('\n') && last.trim().is_empty()
}

impl Validator for AnswerHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if submits(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl Completer for AnswerHelper {
    type Candidate = String;
}

impl Hinter for AnswerHelper {
    type Hint = String;
}

impl Highlighter for AnswerHelper {}

impl Helper for AnswerHelper {}

#[cfg(test)]
mod tests {
    use super::submits;

    #[test]
    fn an_empty_line_submits() {
        assert!(!submits("first line"));
        assert!(!submits("first line\nsecond"));
        assert!(submits("first line\nsecond\n"));
        assert!(submits("first line\n   "));
        assert!(submits(""));
        assert!(submits(":hint"));
        assert!(submits("some text\n:skip"));
    }
}
