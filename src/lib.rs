//! SellerShield's detection engine.
//!
//! Plain data in, verdicts out, no DOM and no I/O: the same code answers the CLI, the tests,
//! the benchmarks and — compiled to WebAssembly — the browser extension. Build one [`Engine`]
//! from a [`Config`] and ask it about links ([`Engine::check_url`]), messages
//! ([`Engine::check_message`]) and pages ([`Engine::check_page`]). Every answer carries a
//! verdict, a 0–100 score and [`Reason`]s with stable codes (see `docs/reasons.md`).

pub mod answer;
mod bounds;
pub mod case;
pub mod config;
pub mod confusable;
pub mod domain;
pub mod engine;
pub mod json;
pub mod link;
pub mod lookalike;
mod lzma;
pub mod message;
mod packed;
pub mod page;
pub mod password;
pub mod reason;
pub mod registry;
mod search;
pub mod trick;

#[cfg(not(target_arch = "wasm32"))]
pub mod html;
#[cfg(not(target_arch = "wasm32"))]
pub mod mail;

#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(test)]
mod xorshift;

pub use config::{Config, ConfigError};
pub use engine::{Batch, Engine, EngineError, PageContext};
pub use link::LinkReport;
pub use message::{Category, MessageInput, MessageReport};
pub use page::{PageFacts, PageReport};
pub use reason::{Code, PageVerdict, Reason, Severity, Span, Verdict};
