//! `rehearse` as a library: the modules behind the binary, exposed so that benchmarks
//! (`benches/`) and fuzz targets (`fuzz/`) can call the pack loader, the scorer and the report
//! builder directly. The command-line binary (`src/main.rs`) is a thin wrapper over
//! [`commands::run`]. This is not a stable API; it follows the binary.

pub mod calibration;
pub mod cli;
pub mod commands;
pub mod drill;
pub mod engine;
pub mod error;
pub mod history;
pub mod pack;
pub mod paths;
pub mod report;
pub mod score;
pub mod session;
pub mod suggest;
pub mod table;
