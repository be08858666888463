//! The little SQL both backends share: values, and a connection that runs a statement
//! with `$1`-style parameters (SQLite reads them as numbered parameters too), so that
//! every query of the store is written once.

/// A value bound to, or read from, a statement.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    pub(crate) fn int(&self) -> i64 {
        match self {
            Self::Int(i) => *i,
            Self::Text(t) => t.parse().unwrap_or(0),
            _ => 0,
        }
    }
    pub(crate) fn text(&self) -> String {
        match self {
            Self::Text(t) => t.clone(),
            Self::Int(i) => i.to_string(),
            _ => String::new(),
        }
    }
    /// As [`text`](Self::text), without copying a text value.
    pub(crate) fn into_text(self) -> String {
        match self {
            Self::Text(t) => t,
            other => other.text(),
        }
    }
    pub(crate) fn blob(&self) -> &[u8] {
        match self {
            Self::Blob(b) => b,
            _ => &[],
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Self::Text(s.clone())
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Self::Int(i)
    }
}
impl From<u64> for Value {
    fn from(i: u64) -> Self {
        Self::Int(i64::try_from(i).unwrap_or(i64::MAX))
    }
}
impl From<&i64> for Value {
    fn from(i: &i64) -> Self {
        (*i).into()
    }
}
impl From<&u64> for Value {
    fn from(i: &u64) -> Self {
        (*i).into()
    }
}
impl From<&[u8]> for Value {
    fn from(b: &[u8]) -> Self {
        Self::Blob(b.to_vec())
    }
}

pub(crate) type Row = Vec<Value>;

/// What the store needs of a backend's connection.
pub(crate) trait Conn: Send {
    /// Runs statements with no parameters (schema, `BEGIN`, ...).
    fn batch(&mut self, sql: &str) -> Result<(), String>;
    /// Runs one statement; the number of rows changed.
    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, String>;
    /// Runs one query; its rows.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, String>;
    /// The column type of binary data (`BLOB`, `BYTEA`).
    fn blob_type(&self) -> &'static str;
    /// What follows a `SELECT` that the writer will update in the same transaction
    /// (`FOR UPDATE` where several writers share the store).
    fn lock_rows(&self) -> &'static str;
    /// Called once the schema is known to be ours (SQLite: WAL mode, set only then so
    /// that a store refused as too new is left as it was).
    fn ready(&mut self) -> Result<(), String>;
    /// Starts a write transaction.
    fn begin(&mut self) -> Result<(), String>;
}
