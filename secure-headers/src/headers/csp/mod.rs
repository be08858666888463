//! Content-Security-Policy.
