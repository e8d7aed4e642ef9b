//! Sessions: the model of a sitting (options, plan, answers), how its questions are chosen, and
//! the store that keeps one JSON file per session.

mod lock;
pub mod model;
pub mod plan;
pub mod store;

pub use lock::SessionLock;
pub use model::*;
pub use store::{Latest, Store};

#[cfg(test)]
pub mod testing;
