//! What the engine needs from a console: show events, read replies, run a timer, pause.
//! The terminal and the piped console implement it; all the logic lives in the engine.

use anyhow::Result;

use super::screen::{Event, Pause};

/// A command typed at the answer prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Hint,
    Skip,
    Repeat,
    Time,
    Quit,
}

impl Command {
    pub const ALL: [(&'static str, Command); 5] = [
        (":hint", Command::Hint),
        (":skip", Command::Skip),
        (":repeat", Command::Repeat),
        (":time", Command::Time),
        (":quit", Command::Quit),
    ];

    /// `Some(Ok(command))` for a known command, `Some(Err(word))` for an unknown `:word`,
    /// `None` for a line that is not a command at all.
    pub fn parse(line: &str) -> Option<Result<Command, String>> {
        let word = line.trim();
        let looks_like_command = word.len() > 1
            && word.starts_with(':')
            && word[1..].chars().all(|c| c.is_ascii_alphabetic());
        if !looks_like_command {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        Some(
            Command::ALL
                .iter()
                .find(|(name, _)| *name == lower)
                .map(|(_, c)| *c)
                .ok_or_else(|| word.to_string()),
        )
    }
}

/// One thing the candidate entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A submitted answer (may be blank when only Enter was pressed).
    Text(String),
    /// A command, with the text typed before it (kept as a draft to continue from).
    Command { command: Command, draft: String },
    /// `:something` that is no command.
    Unknown { word: String, draft: String },
    /// End of input (piped) or end-of-file / interrupt at the terminal.
    End,
}

impl Entry {
    /// Splits a submitted block: a last line that is a command makes it a command entry.
    pub fn from_block(block: &str) -> Entry {
        let block = block.trim_end();
        let (before, last) = match block.rfind('\n') {
            Some(i) => (&block[..i], &block[i + 1..]),
            None => ("", block),
        };
        let draft = before.trim_end().to_string();
        match Command::parse(last) {
            Some(Ok(command)) => Entry::Command { command, draft },
            Some(Err(word)) => Entry::Unknown { word, draft },
            None => Entry::Text(block.to_string()),
        }
    }
}

pub trait Console {
    /// Shows one event (a stage header, a question, feedback...).
    fn show(&mut self, event: &Event<'_>) -> Result<()>;

    /// Reads the next answer or command. `draft` is text typed before a command, offered again
    /// for editing where the console can.
    fn read(&mut self, draft: &str) -> Result<Entry>;

    /// Starts the soft timer of a question (no-op when untimed or not interactive).
    fn start_timer(&mut self, limit_secs: Option<f64>);

    fn stop_timer(&mut self);

    /// A pause before the loop or between stages; `false` when the candidate quits there.
    fn pause(&mut self, pause: &Pause<'_>) -> Result<bool>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_recognised_alone_or_after_a_draft() {
        assert_eq!(
            Entry::from_block(":hint"),
            Entry::Command {
                command: Command::Hint,
                draft: String::new()
            }
        );
        assert_eq!(
            Entry::from_block("first line\nsecond\n  :SKIP  \n"),
            Entry::Command {
                command: Command::Skip,
                draft: "first line\nsecond".to_string()
            }
        );
        assert_eq!(
            Entry::from_block(":nope"),
            Entry::Unknown {
                word: ":nope".to_string(),
                draft: String::new()
            }
        );
        assert_eq!(
            Entry::from_block("we used :hint in text\nthen more"),
            Entry::Text("we used :hint in text\nthen more".to_string())
        );
        assert_eq!(
            Entry::from_block("ratio 3:2"),
            Entry::Text("ratio 3:2".to_string())
        );
    }
}
