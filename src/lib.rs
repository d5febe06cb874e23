//! srt: a check-in journal for parents of anxious and school-refusing children.
//!
//! The layers, top down (see docs/ARCHITECTURE.md): `app` parses and dispatches; `commands`
//! (with `interview` and `prompt` for the questions) do one job each; `journal` owns every
//! read and change of the records, under the lock; `store` keeps them on disk. `model`,
//! `text`, `summary` and `family` are pure rules and figures; `render` and `export` turn
//! them into what people and programs read.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod durable;
pub mod editor;
pub mod error;
pub mod export;
pub mod family;
pub mod interview;
pub mod journal;
pub mod model;
pub mod paths;
pub mod prompt;
pub mod render;
pub mod request;
pub mod store;
pub mod suggest;
pub mod summary;
pub mod text;
