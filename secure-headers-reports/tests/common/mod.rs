//! The stores every test runs against: a SQLite file, and PostgreSQL when its binaries
//! are installed (a throwaway cluster, see `pg.rs`).

#![allow(dead_code, unreachable_pub)]

use secure_headers_reports::Store;

/// A store on each available backend, with what keeps it alive.
pub struct TestStore {
    pub store: Store,
    pub db: String,
    _dir: Option<tempfile::TempDir>,
}

pub fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("reports.db").display().to_string();
    TestStore {
        store: Store::open(&db).unwrap(),
        db,
        _dir: Some(dir),
    }
}

/// Every backend this machine can run.
pub fn stores() -> Vec<TestStore> {
    vec![sqlite()]
}

pub fn line(json: &str) -> Vec<secure_headers::report::Report> {
    let ct = if json.trim_start().starts_with('[') {
        "application/reports+json"
    } else {
        "application/csp-report"
    };
    secure_headers::report::parse(Some(ct), json.as_bytes()).unwrap()
}
