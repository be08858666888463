//! `serve` on 127.0.0.1 (an OS-chosen port) over a SQLite store in a temporary directory
//! (included by the tests of `serve` by path: `common/mod.rs` is also built without it).

use std::sync::Arc;

use secure_headers_reports::serve::{ReportService, ServeOptions, serve};
use secure_headers_reports::{Store, StoreWriter};
use tokio::net::TcpListener;

/// Starts the collector with `options`: its address, its store, and the directory that
/// holds the store.
pub(crate) async fn start(
    options: ServeOptions,
) -> (std::net::SocketAddr, Arc<Store>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path().join("r.db").to_str().unwrap()).unwrap());
    let writer = Arc::new(StoreWriter::spawn(store.clone(), options.queue));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let service = ReportService::new(writer, &options);
    tokio::spawn(async move { serve(listener, service, &options).await });
    (addr, store, dir)
}
