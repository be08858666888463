//! `serve` under load, over real TCP on 127.0.0.1: a flood of 10,000 reports at
//! concurrency 64 while the store is locked (the queue fills: `503`, never a `2xx` for a
//! report that is then lost, and memory bounded by the queue), and the connection cap
//! (connections beyond it wait to be accepted; those held are still answered).
//!
//! Memory is measured with a global allocator that counts the bytes live in this test
//! binary and their peak.

#[path = "common/serve.rs"]
mod collector;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use std::time::Duration;

use collector::start;
use secure_headers_reports::Store;
use secure_headers_reports::serve::ServeOptions;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Delegates to the system allocator and keeps the bytes allocated and not yet freed, and
/// the most there were at once.
struct Live;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grew(by: isize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

#[allow(
    unsafe_code,
    reason = "a global allocator must implement an unsafe trait"
)]
// SAFETY: every method delegates to `System` with the caller's arguments.
unsafe impl GlobalAlloc for Live {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            grew(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Live = Live;

/// The two tests measure and hold connections: one at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A legacy CSP report of about 4 KiB (a long policy, as real ones are).
fn report_body() -> String {
    let hosts: Vec<String> = (0..150)
        .map(|i| format!("https://cdn{i}.example"))
        .collect();
    format!(
        r#"{{"csp-report": {{"document-uri": "https://shop.example/", "effective-directive": "img-src", "blocked-uri": "https://img.example/a.png", "original-policy": "img-src 'self' {}", "disposition": "enforce"}}}}"#,
        hosts.join(" ")
    )
}

fn post(body: &str) -> String {
    format!(
        "POST /reports HTTP/1.1\r\nHost: c\r\nContent-Type: application/csp-report\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// Reads one response (status line, headers, `Content-Length` body) from a kept-alive
/// connection; its status.
async fn response(r: &mut BufReader<TcpStream>) -> u16 {
    let mut status = String::new();
    r.read_line(&mut status).await.unwrap();
    let code = status
        .strip_prefix("HTTP/1.1 ")
        .and_then(|s| s.get(..3))
        .unwrap_or_else(|| panic!("not a response: {status:?}"))
        .parse()
        .unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        r.read_line(&mut line).await.unwrap();
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).await.unwrap();
    code
}

async fn store_count(store: &Store, expected: u64) -> u64 {
    // The writer batches for up to 200 ms; wait until it has written what it was given.
    let mut n = store.summary().unwrap().reports;
    for _ in 0..600 {
        if n >= expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        n = store.summary().unwrap().reports;
    }
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_into_a_locked_store_gets_503_loses_nothing_answered_2xx_and_stays_bounded() {
    const REPORTS: usize = 10_000;
    const CONCURRENCY: usize = 64;
    let _serial = SERIAL.lock().await;
    let mut options = ServeOptions::default();
    options.queue = 256;
    let (addr, store, dir) = start(options).await;

    // Another process holds the store's write lock: the writer waits, the queue fills.
    let lock = rusqlite::Connection::open(dir.path().join("r.db")).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let lock = Arc::new(std::sync::Mutex::new(Some(lock)));
    let refused = Arc::new(AtomicBool::new(false));
    let release = {
        let (lock, refused) = (lock.clone(), refused.clone());
        move || {
            if let Some(l) = lock.lock().unwrap().take() {
                l.execute_batch("COMMIT").unwrap();
                refused.store(true, Ordering::Relaxed);
            }
        }
    };

    let body = Arc::new(report_body());
    let next = Arc::new(AtomicUsize::new(0));
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut clients = Vec::new();
    for _ in 0..CONCURRENCY {
        let (body, next, release) = (body.clone(), next.clone(), release.clone());
        clients.push(tokio::spawn(async move {
            let mut conn = BufReader::new(TcpStream::connect(addr).await.unwrap());
            let request = post(&body);
            let (mut accepted, mut unavailable) = (0_u64, 0_u64);
            while next.fetch_add(1, Ordering::Relaxed) < REPORTS {
                conn.get_mut().write_all(request.as_bytes()).await.unwrap();
                match response(&mut conn).await {
                    204 => accepted += 1,
                    503 => {
                        unavailable += 1;
                        // The queue is full: let the writer through.
                        release();
                    }
                    other => panic!("unexpected status {other}"),
                }
            }
            (accepted, unavailable)
        }));
    }
    let (mut accepted, mut unavailable) = (0, 0);
    for c in clients {
        let (a, u) = c.await.unwrap();
        accepted += a;
        unavailable += u;
    }
    release();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    eprintln!(
        "flood: {accepted} answered 204, {unavailable} answered 503, {} KiB live at the peak",
        peak >> 10
    );
    // The queue holds 256 reports of ~4 KiB; 10,000 of them would be over 40 MiB.
    assert!(
        peak < 12 << 20,
        "{} MiB live at the peak of the flood",
        peak >> 20
    );
    assert_eq!(accepted + unavailable, REPORTS as u64);
    assert!(
        unavailable > 0,
        "a full queue must answer 503 ({accepted} answered 204)"
    );
    // Every report answered 2xx is in the store, exactly.
    assert_eq!(store_count(&store, accepted).await, accepted);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_wait_and_those_held_are_answered() {
    const CAP: usize = 4;
    let _serial = SERIAL.lock().await;
    let mut options = ServeOptions::default();
    options.max_connections = CAP;
    // Longer than the test: held connections are not closed under it.
    options.body_deadline = Duration::from_secs(60);
    let (addr, store, _dir) = start(options).await;
    let body = report_body();

    // CAP connections, each answered once and then held open (kept alive).
    let mut held = Vec::new();
    for _ in 0..CAP {
        let mut conn = BufReader::new(TcpStream::connect(addr).await.unwrap());
        conn.get_mut()
            .write_all(post(&body).as_bytes())
            .await
            .unwrap();
        assert_eq!(response(&mut conn).await, 204);
        held.push(conn);
    }

    // One more connection: the kernel completes its handshake, the server does not
    // accept it while CAP are held, so its request is not answered.
    let mut extra = BufReader::new(TcpStream::connect(addr).await.unwrap());
    extra
        .get_mut()
        .write_all(post(&body).as_bytes())
        .await
        .unwrap();
    let mut first = [0_u8; 1];
    let waited =
        tokio::time::timeout(Duration::from_secs(1), extra.get_mut().peek(&mut first)).await;
    assert!(
        waited.is_err(),
        "a connection beyond the cap of {CAP} was answered"
    );

    // Those held are still answered.
    for conn in &mut held[1..] {
        conn.get_mut()
            .write_all(post(&body).as_bytes())
            .await
            .unwrap();
        assert_eq!(response(conn).await, 204);
    }
    // One of them closes: the waiting connection is accepted and answered.
    drop(held.remove(0));
    let answered = tokio::time::timeout(Duration::from_secs(30), response(&mut extra))
        .await
        .expect("the waiting connection was not answered after a held one closed");
    assert_eq!(answered, 204);
    let expected = (CAP + CAP - 1 + 1) as u64;
    assert_eq!(store_count(&store, expected).await, expected);
}
