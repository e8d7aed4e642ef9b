//! The console for scripts: answers are blocks of lines ended by a blank line, output is plain
//! text on stdout, no prompts, colours, timers or progress bars.

use std::io::{BufRead, Write};

use anyhow::{Context, Result};

use super::console::{Console, Entry};
use super::screen::{Event, Pause, Style, render, render_pause};

pub struct PipedConsole<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> PipedConsole<R, W> {
    pub fn new(input: R, output: W) -> Self {
        PipedConsole { input, output }
    }

    fn write(&mut self, text: &str) -> Result<()> {
        match self
            .output
            .write_all(text.as_bytes())
            .and_then(|()| self.output.flush())
        {
            // A script that stopped reading does not make the session fail.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.context("cannot write to stdout"),
        }
    }

    /// The next block of non-blank lines, `None` at end of input. Bytes that are not UTF-8
    /// are replaced: a stray byte in a pasted answer must not end the session.
    fn block(&mut self) -> Result<Option<String>> {
        let mut block = String::new();
        let mut bytes = Vec::new();
        loop {
            bytes.clear();
            let n = self
                .input
                .read_until(b'\n', &mut bytes)
                .context("cannot read stdin")?;
            if n == 0 {
                return Ok((!block.is_empty()).then_some(block));
            }
            let line = String::from_utf8_lossy(&bytes);
            let content = line.trim_end_matches(['\n', '\r']);
            if content.trim().is_empty() {
                if block.is_empty() {
                    continue; // blank lines between blocks
                }
                return Ok(Some(block));
            }
            if !block.is_empty() {
                block.push('\n');
            }
            block.push_str(content);
        }
    }

    #[cfg(test)]
    pub fn into_output(self) -> W {
        self.output
    }
}

impl<R: BufRead, W: Write> Console for PipedConsole<R, W> {
    fn show(&mut self, event: &Event<'_>) -> Result<()> {
        self.write(&render(event, Style::PLAIN))
    }

    /// The next block continues `draft` (text typed before a command such as `:hint`), as the
    /// terminal offers it again for editing.
    fn read(&mut self, draft: &str) -> Result<Entry> {
        Ok(match self.block()? {
            Some(block) if draft.trim().is_empty() => Entry::from_block(&block),
            Some(block) => Entry::from_block(&format!("{}\n{block}", draft.trim_end())),
            None => Entry::End,
        })
    }

    fn start_timer(&mut self, _limit_secs: Option<f64>) {}

    fn stop_timer(&mut self) {}

    fn pause(&mut self, pause: &Pause<'_>) -> Result<bool> {
        self.write(&render_pause(pause))?;
        Ok(true)
    }
}
