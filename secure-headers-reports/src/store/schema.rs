//! The versioned schema and its migrations. A store whose version is newer than
//! [`SCHEMA_VERSION`] is refused before anything is written to it.

use super::sql::{Conn, Value};
use crate::error::{Error, ErrorKind, Result};

/// The schema version this crate writes.
pub const SCHEMA_VERSION: i64 = 3;

/// Migration `n` takes a store from version `n` to `n + 1`. `{blob}` is the backend's
/// binary type.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1
    "CREATE TABLE policies (
        id TEXT NOT NULL, disposition TEXT NOT NULL, policy TEXT NOT NULL,
        first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, reports BIGINT NOT NULL,
        PRIMARY KEY (id, disposition));
     CREATE TABLE fingerprints (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, disposition TEXT NOT NULL,
        directive TEXT NOT NULL, blocked TEXT NOT NULL, document TEXT NOT NULL,
        source TEXT NOT NULL, line BIGINT NOT NULL, col BIGINT NOT NULL,
        policy_id TEXT NOT NULL, noise TEXT NOT NULL, muted BIGINT NOT NULL DEFAULT 0,
        count BIGINT NOT NULL, first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL,
        documents {blob} NOT NULL, clients {blob} NOT NULL, samples TEXT NOT NULL);
     CREATE INDEX fingerprints_kind ON fingerprints (kind, last_seen);
     CREATE INDEX fingerprints_policy ON fingerprints (policy_id, disposition);
     CREATE TABLE series (
        policy_id TEXT NOT NULL, disposition TEXT NOT NULL, kind TEXT NOT NULL,
        bucket BIGINT NOT NULL, count BIGINT NOT NULL,
        PRIMARY KEY (policy_id, disposition, kind, bucket));
     CREATE TABLE scripts (
        page TEXT NOT NULL, url TEXT NOT NULL, hash TEXT NOT NULL,
        first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, count BIGINT NOT NULL,
        PRIMARY KEY (page, url, hash));",
    // 1 -> 2: reports per fingerprint per day (the dashboard's sparklines).
    "CREATE TABLE fingerprint_days (
        id TEXT NOT NULL, bucket BIGINT NOT NULL, count BIGINT NOT NULL,
        PRIMARY KEY (id, bucket));",
    // 2 -> 3: the totals per type (the summary, the dashboard's head) read this index, not
    // the wide rows (sketches and samples).
    "CREATE INDEX fingerprints_totals ON fingerprints
        (kind, disposition, noise, muted, count, last_seen);",
];

/// Reads the store's version (0 for an empty store) without writing anything.
fn version(conn: &mut dyn Conn, name: &str) -> Result<i64> {
    let q = |e| Error::new(ErrorKind::Open, name, e);
    let exists = conn.query(&tables_query(conn), &[]).map_err(q)?;
    if exists.first().and_then(|r| r.first()).map_or(0, Value::int) == 0 {
        return Ok(0);
    }
    let rows = conn
        .query("SELECT value FROM meta WHERE key = 'schema_version'", &[])
        .map_err(q)?;
    Ok(rows.first().and_then(|r| r.first()).map_or(0, Value::int))
}

fn tables_query(conn: &dyn Conn) -> String {
    if conn.blob_type() == "BLOB" {
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'".into()
    } else {
        "SELECT COUNT(*) FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_name = 'meta'"
            .into()
    }
}

/// Brings the store to [`SCHEMA_VERSION`] in one transaction and returns its salt.
pub(crate) fn migrate(conn: &mut dyn Conn, name: &str) -> Result<Vec<u8>> {
    let found = version(conn, name)?;
    if found > SCHEMA_VERSION {
        return Err(Error::new(
            ErrorKind::NewerSchema,
            name,
            format!("schema version {found}, this version reads up to {SCHEMA_VERSION}"),
        ));
    }
    let fail = |e: String| Error::new(ErrorKind::Open, name, format!("migration failed: {e}"));
    if found < SCHEMA_VERSION {
        conn.begin().map_err(fail)?;
        let result = (|| {
            // Another process may have migrated it meanwhile.
            let again = version(conn, name).map_err(|e| e.to_string())?;
            if again == 0 {
                conn.batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")?;
                let mut salt = [0u8; 16];
                getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
                let hex: String = salt.iter().map(|b| format!("{b:02x}")).collect();
                conn.exec(
                    "INSERT INTO meta (key, value) VALUES ('salt', $1)",
                    &[hex.into()],
                )?;
                conn.exec(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', '0')",
                    &[],
                )?;
            }
            let start = usize::try_from(again).unwrap_or(0);
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(start) {
                conn.batch(&sql.replace("{blob}", conn.blob_type()))?;
                conn.exec(
                    "UPDATE meta SET value = $1 WHERE key = 'schema_version'",
                    &[(i as i64 + 1).to_string().into()],
                )?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => conn.batch("COMMIT").map_err(fail)?,
            Err(e) => {
                let _ = conn.batch("ROLLBACK");
                return Err(fail(e));
            }
        }
    }
    let rows = conn
        .query("SELECT value FROM meta WHERE key = 'salt'", &[])
        .map_err(|e| Error::new(ErrorKind::Open, name, e))?;
    let hex = rows
        .first()
        .and_then(|r| r.first())
        .map(Value::text)
        .unwrap_or_default();
    Ok((0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .collect())
}
