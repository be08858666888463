//! Runnable servers showing `secure-headers` in each supported web framework: see the files
//! in `examples/`, one per framework.
//!
//! Each example stands alone: its own policies, pages and server in one file that can be
//! copied into a new project. They serve the same site (a nonce page, a page a partner may
//! frame, a response that may not be framed, a report collector), which
//! `tests/run_examples.rs` checks on real HTTP for every framework.
//!
//! [`rollout`] is a demo shop for a CSP roll-out with the report store, whose builder the
//! `rollout` example serves and the Chromium convergence test drives.

pub mod rollout;
