//! srt: a check-in journal for parents of anxious and school-refusing children.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod export;
pub mod family;
pub mod model;
pub mod prompt;
pub mod render;
pub mod request;
pub mod store;
pub mod suggest;
pub mod summary;
pub mod text;
