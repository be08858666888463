//! The store: one API over SQLite and PostgreSQL.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{Error, ErrorKind, Result};
use crate::noise::NoiseRules;

mod inventory;
mod query;
mod schema;
mod sql;
#[cfg(feature = "sqlite")]
mod sqlite;
mod write;

#[cfg(feature = "postgres")]
mod pg;

pub use inventory::{Alert, Script};
pub use query::{
    Fingerprint, FingerprintQuery, KindSummary, Order, Page, PolicyVersion, SeriesPoint, Summary,
};
pub use schema::SCHEMA_VERSION;
pub use write::{Batch, IngestStats};

use sql::{Conn, Value};

/// How a store is opened.
///
/// ```
/// use std::time::Duration;
/// use secure_headers_reports::{NoiseClass, Options, Store};
///
/// let mut options = Options::default();
/// options.retention = Some(Duration::from_secs(30 * 86_400));
/// options.noise.extend(NoiseClass::Injected, ["ads.example"]);
/// let store = Store::open_with(":memory:", options)?;
/// # Ok::<(), secure_headers_reports::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Options {
    /// The noise lists (default: the built-in ones).
    pub noise: NoiseRules,
    /// Fingerprints and time series older than this are deleted as new reports arrive
    /// (default: kept forever).
    pub retention: Option<Duration>,
    /// Keep query strings and fragments in stored URLs (default: dropped).
    pub keep_query: bool,
}

/// A report store: a SQLite file, or a PostgreSQL database given by a `postgres://` URL.
/// Cheap to share behind an `Arc`: every method takes `&self`.
///
/// ```
/// use secure_headers_reports::{FingerprintQuery, Store};
/// use secure_headers::report::parse;
///
/// let store = Store::open(":memory:")?;
/// let body = br#"{"csp-report": {"document-uri": "https://shop.example/cart?id=7",
///     "effective-directive": "script-src-elem", "blocked-uri": "https://cdn.example/a.js",
///     "original-policy": "script-src 'nonce-r4nd0m' 'strict-dynamic'", "disposition": "report"}}"#;
/// for _ in 0..3 {
///     store.ingest(&parse(Some("application/csp-report"), body).unwrap())?;
/// }
/// let page = store.fingerprints(&FingerprintQuery::default())?;
/// assert_eq!(page.total, 1);
/// let f = &page.items[0];
/// assert_eq!((f.count, f.blocked.as_str(), f.document.as_str()), (3, "https://cdn.example", "/cart"));
/// assert_eq!(f.samples[0].document, "https://shop.example/cart"); // no query string
/// # Ok::<(), secure_headers_reports::Error>(())
/// ```
pub struct Store {
    conn: Mutex<Box<dyn Conn>>,
    name: String,
    salt: Vec<u8>,
    options: Options,
    last_prune: Mutex<i64>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("name", &self.name)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// The store's name as shown in messages: a URL's password replaced by `***`.
fn display_name(db: &str) -> String {
    if let Some((scheme, rest)) = db.split_once("://")
        && let Some((auth, host)) = rest.split_once('@')
        && let Some((user, _)) = auth.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    db.to_owned()
}

pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl Store {
    /// Opens (creating and migrating if needed) the store `db`: a file path, `:memory:`,
    /// or a `postgres://` / `postgresql://` URL.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Open`] when it cannot be opened or reached (the message names it),
    /// [`ErrorKind::NewerSchema`] when a newer version wrote it (it is left untouched).
    pub fn open(db: &str) -> Result<Self> {
        Self::open_with(db, Options::default())
    }

    /// [`open`](Self::open) with options.
    ///
    /// # Errors
    ///
    /// As [`open`](Self::open).
    pub fn open_with(db: &str, options: Options) -> Result<Self> {
        let name = display_name(db);
        let mut conn = Self::connect(db, &name)?;
        let salt = schema::migrate(conn.as_mut(), &name)?;
        conn.ready()
            .map_err(|e| Error::new(ErrorKind::Open, &name, e))?;
        Ok(Self {
            conn: Mutex::new(conn),
            name,
            salt,
            options,
            last_prune: Mutex::new(0),
        })
    }

    fn connect(db: &str, name: &str) -> Result<Box<dyn Conn>> {
        let open = |e: String| Error::new(ErrorKind::Open, name, e);
        if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            #[cfg(feature = "postgres")]
            return Ok(Box::new(pg::Postgres::connect(db).map_err(open)?));
            #[cfg(not(feature = "postgres"))]
            return Err(open(
                "this build has no PostgreSQL support (the `postgres` feature)".into(),
            ));
        }
        #[cfg(feature = "sqlite")]
        {
            Ok(Box::new(sqlite::Sqlite::open(db).map_err(open)?))
        }
        #[cfg(not(feature = "sqlite"))]
        Err(open(
            "this build has no SQLite support (the `sqlite` feature)".into(),
        ))
    }

    /// The store's name as given (a URL's password hidden).
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The options it was opened with.
    #[must_use]
    pub fn options(&self) -> &Options {
        &self.options
    }

    fn conn(&self) -> MutexGuard<'_, Box<dyn Conn>> {
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn query_err(&self, e: String) -> Error {
        Error::new(ErrorKind::Query, &self.name, e)
    }

    /// Mutes (or unmutes) a fingerprint: it stays stored and counted, but summaries,
    /// proposals and readiness leave it out. Returns whether it exists.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`] if the store fails.
    pub fn mute(&self, fingerprint: &str, muted: bool) -> Result<bool> {
        let n = self
            .conn()
            .exec(
                "UPDATE fingerprints SET muted = $1 WHERE id = $2",
                &[i64::from(muted).into(), fingerprint.into()],
            )
            .map_err(|e| self.query_err(e))?;
        Ok(n > 0)
    }

    /// Sets the candidate policy that the proposal and readiness work on
    /// (`None`: the newest report-only policy in the store).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`] if the store fails.
    pub fn set_candidate(&self, policy: Option<&str>) -> Result<()> {
        let mut conn = self.conn();
        let r = match policy {
            Some(p) => conn
                .exec("DELETE FROM meta WHERE key = 'candidate'", &[])
                .and_then(|_| {
                    conn.exec(
                        "INSERT INTO meta (key, value) VALUES ('candidate', $1)",
                        &[p.into()],
                    )
                }),
            None => conn.exec("DELETE FROM meta WHERE key = 'candidate'", &[]),
        };
        r.map(|_| ()).map_err(|e| self.query_err(e))
    }

    /// The candidate policy: the one set by [`set_candidate`](Self::set_candidate), or
    /// else the newest report-only policy reported, or `None`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`] if the store fails.
    pub fn candidate(&self) -> Result<Option<String>> {
        let mut conn = self.conn();
        let set = conn
            .query("SELECT value FROM meta WHERE key = 'candidate'", &[])
            .map_err(|e| self.query_err(e))?;
        if let Some(row) = set.first() {
            return Ok(Some(row[0].text()));
        }
        let newest = conn
            .query(
                "SELECT policy FROM policies WHERE disposition = 'report' AND policy <> '' \
                 ORDER BY last_seen DESC, first_seen DESC LIMIT 1",
                &[],
            )
            .map_err(|e| self.query_err(e))?;
        Ok(newest.first().map(|r| r[0].text()))
    }

    /// Deletes fingerprints last seen, and time-series buckets, before `before` (Unix
    /// seconds). Returns the number of fingerprints deleted.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`] if the store fails.
    pub fn prune(&self, before: i64) -> Result<u64> {
        let mut conn = self.conn();
        let n = conn
            .exec(
                "DELETE FROM fingerprints WHERE last_seen < $1",
                &[before.into()],
            )
            .map_err(|e| self.query_err(e))?;
        conn.exec(
            "DELETE FROM series WHERE bucket < $1",
            &[(before - 3599).into()],
        )
        .and_then(|_| conn.exec("DELETE FROM scripts WHERE last_seen < $1", &[before.into()]))
        .map_err(|e| self.query_err(e))?;
        conn.exec(
            "DELETE FROM fingerprint_days WHERE bucket < $1",
            &[(before - (write::DAY - 1)).into()],
        )
        .map_err(|e| self.query_err(e))?;
        Ok(n)
    }

    fn first(rows: &[Vec<Value>]) -> i64 {
        rows.first().and_then(|r| r.first()).map_or(0, Value::int)
    }
}
