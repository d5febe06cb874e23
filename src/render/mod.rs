//! Turning records into what a person or a program reads.

pub mod summary;
pub mod text;
