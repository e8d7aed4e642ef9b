//! Scoring: pure functions from (question, rubric, answer) to an `Assessment`.
//! No I/O, no clock, no randomness: the same input always gives the same assessment.

mod assessment;

pub use assessment::*;
