//! The SQLite backend (rusqlite, SQLite compiled in): a file in WAL mode.

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, ToSql};

use super::sql::{Conn, Row, Value};

pub(crate) struct Sqlite(Connection);

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Self::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Self::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Self::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Self::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

impl Sqlite {
    /// Opens (or creates) the file. The file is only created if its directory exists.
    pub(crate) fn open(path: &str) -> Result<Self, String> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| e.to_string())?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| e.to_string())?;
        Ok(Self(conn))
    }
}

/// `$1` as SQLite reads it is a *named* parameter, numbered in order of appearance;
/// `?1` is the numbered one that PostgreSQL's `$1` means.
fn numbered(sql: &str) -> std::borrow::Cow<'_, str> {
    if sql.contains('$') {
        sql.replace('$', "?").into()
    } else {
        sql.into()
    }
}

impl Conn for Sqlite {
    fn batch(&mut self, sql: &str) -> Result<(), String> {
        self.0.execute_batch(sql).map_err(|e| e.to_string())
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<u64, String> {
        let mut stmt = self
            .0
            .prepare_cached(&numbered(sql))
            .map_err(|e| e.to_string())?;
        let n = stmt
            .execute(rusqlite::params_from_iter(params))
            .map_err(|e| e.to_string())?;
        Ok(n as u64)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, String> {
        let mut stmt = self
            .0
            .prepare_cached(&numbered(sql))
            .map_err(|e| e.to_string())?;
        let columns = stmt.column_count();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |row| {
                (0..columns)
                    .map(|i| {
                        Ok(match row.get_ref(i)? {
                            ValueRef::Null => Value::Null,
                            ValueRef::Integer(i) => Value::Int(i),
                            ValueRef::Real(f) => Value::Int(f as i64),
                            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into()),
                            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
                        })
                    })
                    .collect::<rusqlite::Result<Row>>()
            })
            .map_err(|e| e.to_string())?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| e.to_string())
    }

    fn blob_type(&self) -> &'static str {
        "BLOB"
    }

    fn lock_rows(&self) -> &'static str {
        ""
    }

    /// WAL mode: readers (the dashboard) never block the writer. A 64 MiB page cache
    /// (SQLite's default is 2 MiB) and the file mapped into memory: the dashboard's
    /// repeated reads of the same pages come from memory rather than from a `pread` each.
    fn ready(&mut self) -> Result<(), String> {
        self.0
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map_err(|e| e.to_string())?;
        self.0
            .execute_batch(
                "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; \
                 PRAGMA mmap_size = 268435456",
            )
            .map_err(|e| e.to_string())
    }

    fn begin(&mut self) -> Result<(), String> {
        self.batch("BEGIN IMMEDIATE")
    }
}
