//! Feeding a store off the request path: a bounded queue and one writer thread that
//! writes in batches.

use std::net::IpAddr;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use secure_headers::report::{Delivery, Report, ReportCollector};

use crate::store::{Store, now};

/// Reports per write at most.
const MAX_BATCH: u64 = 10_000;
/// How long a report may wait for its batch.
const MAX_WAIT: Duration = Duration::from_millis(200);

type Item = (Report, i64, Option<IpAddr>);

/// A writer thread that takes reports from a bounded queue and writes them to a store in
/// batches (up to 10,000 reports, or what arrived within 200 ms). Dropping it (or
/// [`close`](Self::close)) writes what is queued and stops the thread.
///
/// ```
/// use std::sync::{Arc, RwLock};
/// use secure_headers_reports::{StoreWriter, Store};
///
/// let store = Arc::new(Store::open(":memory:")?);
/// let writer = StoreWriter::spawn(store.clone(), 4096);
/// let collector = writer.collector(); // mount it in any framework's report route
/// let body = br#"{"csp-report": {"document-uri": "https://a.example/", "effective-directive": "img-src", "blocked-uri": "data"}}"#;
/// assert_eq!(collector.receive(Some("application/csp-report"), body), 204);
/// writer.close();
/// assert_eq!(store.summary()?.reports, 1);
/// # Ok::<(), secure_headers_reports::Error>(())
/// ```
#[derive(Debug)]
pub struct StoreWriter {
    // Shared with the collectors made from it, so that closing it closes the queue.
    tx: Arc<RwLock<Option<SyncSender<Item>>>>,
    thread: Option<JoinHandle<()>>,
}

impl StoreWriter {
    /// Starts the writer with a queue of `capacity` reports.
    #[must_use]
    pub fn spawn(store: Arc<Store>, capacity: usize) -> Self {
        let (tx, rx) = sync_channel(capacity);
        let thread = std::thread::Builder::new()
            .name("report-store-writer".into())
            .spawn(move || run(&store, &rx))
            .ok();
        Self {
            tx: Arc::new(RwLock::new(Some(tx))),
            thread,
        }
    }

    /// Queues a report; `false` if the queue is full (the report is not taken).
    #[must_use]
    pub fn send(&self, report: Report, client: Option<IpAddr>) -> bool {
        send(&self.tx, report, client)
    }

    /// A [`ReportCollector`] that queues every report it parses (a full queue drops it,
    /// counted as dropped).
    #[must_use]
    pub fn collector(&self) -> ReportCollector {
        let tx = self.tx.clone();
        ReportCollector::with_delivery(move |report| {
            if send(&tx, report, None) {
                Delivery::Delivered
            } else {
                Delivery::Dropped
            }
        })
    }

    /// Writes what is queued and stops the thread (collectors made from this writer then
    /// drop what they receive).
    pub fn close(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        *self
            .tx
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for StoreWriter {
    fn drop(&mut self) {
        self.stop();
    }
}

fn send(tx: &RwLock<Option<SyncSender<Item>>>, report: Report, client: Option<IpAddr>) -> bool {
    let tx = tx.read().unwrap_or_else(std::sync::PoisonError::into_inner);
    tx.as_ref()
        .is_some_and(|tx| match tx.try_send((report, now(), client)) {
            Ok(()) => true,
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => false,
        })
}

fn run(store: &Store, rx: &Receiver<Item>) {
    while let Ok(first) = rx.recv() {
        let mut batch = store.batch();
        batch.add(&first.0, first.1, first.2);
        let deadline = Instant::now() + MAX_WAIT;
        while batch.len() < MAX_BATCH {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok((r, at, client)) => batch.add(&r, at, client),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        if let Err(e) = store.write(batch) {
            // Nothing else can be done off the request path; the error names the store.
            eprintln!("secure-headers-reports: {e}");
        }
    }
}
