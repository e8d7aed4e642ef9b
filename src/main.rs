//! `rehearse`: a mock-interview simulator for the terminal. The modules live in the library
//! (`src/lib.rs`); this is only the entry point and the exit code.

use std::process::ExitCode;

use clap::Parser;
use rehearse::{cli, commands, error, pack};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            report_error(&err);
            if error::is_bad_input(&err) {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn report_error(err: &anyhow::Error) {
    // An invalid pack lists its diagnostics one per line, ready for an editor's quickfix list.
    if let Some(invalid) = err.downcast_ref::<pack::InvalidPack>() {
        for d in &invalid.diagnostics {
            eprintln!("{d}");
        }
        let n = invalid.diagnostics.len();
        eprintln!(
            "error: {} is invalid ({n} problem{})",
            invalid.origin,
            if n == 1 { "" } else { "s" }
        );
        return;
    }
    eprintln!("error: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
