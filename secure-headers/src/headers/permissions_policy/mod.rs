//! Permissions-Policy.
