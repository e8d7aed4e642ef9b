//! The interview pack: its model, where its files come from, and loading with validation.

mod diagnostic;
mod load;
pub mod model;
mod raw;
pub mod source;

#[cfg(test)]
mod proptests;

pub use diagnostic::{InvalidPack, LineIndex};
pub use load::load;
pub use model::*;
pub use source::PackSource;
