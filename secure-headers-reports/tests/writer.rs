//! The writer keeps a batch the store refuses: every report a collector answered `2xx`
//! reaches the store once the store takes writes again.

use std::sync::Arc;
use std::time::Duration;

use secure_headers_reports::{Store, StoreWriter};

#[test]
fn a_batch_refused_by_a_locked_store_is_written_once_the_lock_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let store = Arc::new(Store::open(path.to_str().unwrap()).unwrap());
    // Another process holds the write lock longer than the store's busy timeout (10 s):
    // the writer's first write fails.
    let lock = rusqlite::Connection::open(&path).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();

    let writer = StoreWriter::spawn(store.clone(), 64);
    let collector = writer.collector();
    for i in 0..20 {
        let body = format!(
            r#"{{"csp-report": {{"document-uri": "https://shop.example/p{i}", "effective-directive": "img-src", "blocked-uri": "https://img.example/a.png", "original-policy": "img-src 'self'", "disposition": "enforce"}}}}"#
        );
        assert_eq!(
            collector.receive(Some("application/csp-report"), body.as_bytes()),
            204
        );
    }
    std::thread::sleep(Duration::from_secs(12));
    drop(lock);
    writer.close();

    let summary = store.summary().unwrap();
    assert_eq!(summary.reports, 20);
}
