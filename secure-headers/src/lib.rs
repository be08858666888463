//! HTTP security headers for Rust web applications.
//!
//! (Crate documentation is written in the core-library change.)

#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;
mod headers;
mod policy;
mod text;

pub use error::{Error, ErrorKind};
pub use headers::*;
pub use policy::Policy;

/// Re-export of the `http` crate whose types this crate's API speaks.
pub use http;
