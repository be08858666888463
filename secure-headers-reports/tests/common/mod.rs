//! The stores every test runs against: a SQLite file, and PostgreSQL when its binaries
//! are installed (a throwaway cluster, see `pg.rs`).

#![allow(dead_code, unreachable_pub)]

use secure_headers_reports::Store;

#[cfg(feature = "postgres")]
pub mod pg;

/// A store on each available backend, with what keeps it alive.
pub struct TestStore {
    pub store: Store,
    pub db: String,
    _dir: Option<tempfile::TempDir>,
    #[cfg(feature = "postgres")]
    _cluster: Option<std::sync::Arc<pg::Cluster>>,
}

pub fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("reports.db").display().to_string();
    TestStore {
        store: Store::open(&db).unwrap(),
        db,
        _dir: Some(dir),
        #[cfg(feature = "postgres")]
        _cluster: None,
    }
}

/// A store in a new database of the shared throwaway cluster, if PostgreSQL is installed.
#[cfg(feature = "postgres")]
pub fn postgres() -> Option<TestStore> {
    let cluster = pg::Cluster::shared()?;
    let db = cluster.database();
    Some(TestStore {
        store: Store::open(&db).unwrap(),
        db,
        _dir: None,
        _cluster: Some(cluster),
    })
}

/// Every backend this machine can run.
pub fn stores() -> Vec<TestStore> {
    #[allow(unused_mut)]
    let mut stores = vec![sqlite()];
    #[cfg(feature = "postgres")]
    stores.extend(postgres());
    #[cfg(not(feature = "postgres"))]
    eprintln!("SKIPPED: PostgreSQL: this test build has no `postgres` feature");
    stores
}

pub fn line(json: &str) -> Vec<secure_headers::report::Report> {
    let ct = if json.trim_start().starts_with('[') {
        "application/reports+json"
    } else {
        "application/csp-report"
    };
    secure_headers::report::parse(Some(ct), json.as_bytes()).unwrap()
}
