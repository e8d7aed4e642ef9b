//! Problems found in a pack, each pinned to `file:line:col`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the pack root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// A pack that failed validation: every problem found, in file order.
#[derive(Debug, Clone)]
pub struct InvalidPack {
    pub origin: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for InvalidPack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.diagnostics.len();
        write!(
            f,
            "{} is invalid: {n} problem{}",
            self.origin,
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for InvalidPack {}

/// Turns byte offsets of one file into 1-based line and column (columns count characters).
pub struct LineIndex<'a> {
    text: &'a str,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex { text }
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let idx = LineIndex::new("ab\n\u{e9}t\u{e9} = 1\n");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        // "été" is 5 bytes; offset 5 is the second 'é' (third char)
        assert_eq!(idx.line_col(6), (2, 3));
        assert_eq!(idx.line_col(1000), (3, 1));
    }
}
