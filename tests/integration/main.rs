//! Integration tests: every test drives the real `rehearse` binary through the `Test` builder,
//! each in its own temporary home (data dir and pack dir).

mod calibration;
mod check;
mod default_pack;
mod fuzz_replay;
mod init;
mod list;
mod packs;
mod prep;
mod progress;
mod reliability;
mod report;
mod resume;
mod score;
mod sessions;
mod support;
mod terminal;
