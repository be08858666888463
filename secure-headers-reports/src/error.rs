//! The store's one error type.

use std::fmt;

/// What went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The store could not be opened or reached (a file, a PostgreSQL server).
    Open,
    /// The store was written by a newer version of this crate; it was not modified.
    NewerSchema,
    /// A query failed.
    Query,
    /// An argument was refused (an unknown backend, a bad policy, ...).
    Input,
}

/// An error naming the store (a path, or a `postgres://` URL without its password) and
/// what failed.
///
/// ```
/// use secure_headers_reports::{ErrorKind, Store};
///
/// let err = Store::open("/nonexistent-dir/reports.db").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Open);
/// assert!(err.to_string().starts_with("cannot open report store `/nonexistent-dir/reports.db`"), "{err}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    store: String,
    detail: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, store: &str, detail: impl fmt::Display) -> Self {
        Self {
            kind,
            store: store.to_owned(),
            detail: detail.to_string(),
        }
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The store concerned, as given (a password in a URL is replaced by `***`).
    #[must_use]
    pub fn store(&self) -> &str {
        &self.store
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (store, detail) = (&self.store, &self.detail);
        match self.kind {
            ErrorKind::Open => write!(f, "cannot open report store `{store}`: {detail}"),
            ErrorKind::NewerSchema => write!(
                f,
                "report store `{store}` was written by a newer version ({detail}); it was not modified"
            ),
            ErrorKind::Query => write!(f, "report store `{store}`: {detail}"),
            ErrorKind::Input => write!(f, "report store `{store}`: {detail}"),
        }
    }
}

impl std::error::Error for Error {}

/// A `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
