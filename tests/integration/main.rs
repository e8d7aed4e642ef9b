//! Integration tests: every test drives the real `rehearse` binary through the `Test` builder,
//! each in its own temporary home (data dir and pack dir).

mod check;
mod init;
mod list;
mod prep;
mod support;
