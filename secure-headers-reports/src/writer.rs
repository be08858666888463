//! Feeding a store off the request path: a bounded queue and one writer thread that
//! writes in batches.

use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
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
/// The first wait after a failed write, doubled up to [`LAST_RETRY`].
const FIRST_RETRY: Duration = Duration::from_millis(100);
const LAST_RETRY: Duration = Duration::from_secs(5);
/// Tries left for a failed batch once the writer is closed.
const CLOSING_TRIES: u32 = 3;

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
    // Set when closing: a batch the store keeps refusing is then given up.
    closed: Arc<AtomicBool>,
}

impl StoreWriter {
    /// Starts the writer with a queue of `capacity` reports.
    #[must_use]
    pub fn spawn(store: Arc<Store>, capacity: usize) -> Self {
        let (tx, rx) = sync_channel(capacity);
        let closed = Arc::new(AtomicBool::new(false));
        let thread = std::thread::Builder::new()
            .name("report-store-writer".into())
            .spawn({
                let closed = closed.clone();
                move || run(&store, &rx, &closed)
            })
            .ok();
        Self {
            tx: Arc::new(RwLock::new(Some(tx))),
            thread,
            closed,
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
        self.closed.store(true, Ordering::Release);
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

fn run(store: &Store, rx: &Receiver<Item>, closed: &AtomicBool) {
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
        write_until_stored(store, &batch, closed);
    }
}

/// Writes `batch`, trying again while the store fails (locked past its busy timeout,
/// PostgreSQL restarting): every report in it was answered `2xx`, so it is not dropped.
/// Meanwhile the queue fills and collectors answer `503`, never a `2xx` for a report that
/// is not queued. Once the writer is closed it gives up after a few tries and says how many
/// reports were lost.
fn write_until_stored(store: &Store, batch: &crate::store::Batch<'_>, closed: &AtomicBool) {
    let mut wait = FIRST_RETRY;
    let mut closing_tries = 0;
    loop {
        let Err(e) = store.write(batch) else {
            return;
        };
        // Nothing else can be done off the request path; the error names the store.
        if closed.load(Ordering::Acquire) {
            closing_tries += 1;
            if closing_tries >= CLOSING_TRIES {
                eprintln!(
                    "secure-headers-reports: {e}; the writer is closed, not stored: {}",
                    crate::counted(batch.len(), "report")
                );
                return;
            }
        }
        eprintln!(
            "secure-headers-reports: {e}; trying again in {} ms",
            wait.as_millis()
        );
        std::thread::sleep(wait);
        wait = (wait * 2).min(LAST_RETRY);
    }
}
