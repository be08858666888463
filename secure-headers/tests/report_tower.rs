//! The report collector mounted in axum, on a real server on 127.0.0.1, when its channel
//! is full. (The scenarios every framework shares, the tower layer included, are in
//! `framework_support::wire`.)

mod framework_support;

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use framework_support::wire::LEGACY;
use secure_headers::report::ReportCollector;

async fn serve(collector: ReportCollector) -> SocketAddr {
    let app = Router::new()
        .route_service("/reports", collector)
        .layer(framework_support::base());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// A flood of concurrent oversized and valid reports: every request is answered, the
/// channel never holds more than its capacity, and memory stays bounded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_stays_bounded_under_a_flood() {
    let (collector, reports) = ReportCollector::channel(64);
    let url = format!("http://{}/reports", serve(collector.clone()).await);
    // A connection the server closed after a 413 must not be reused for the next report.
    let c = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let before = rss_kib();
    let mut tasks = Vec::new();
    for i in 0..400 {
        let (c, url) = (c.clone(), url.clone());
        tasks.push(tokio::spawn(async move {
            let body = if i % 2 == 0 {
                "y".repeat(200 * 1024)
            } else {
                LEGACY.to_owned()
            };
            // The server answers 413 without reading an oversized body and closes the
            // connection, so the client may see that answer or fail writing the rest.
            match c
                .post(&url)
                .header("content-type", "application/csp-report")
                .body(body)
                .send()
                .await
            {
                Ok(r) => r.status().as_u16(),
                Err(e) if i % 2 == 0 && e.is_request() => 413,
                Err(e) => panic!("{e}"),
            }
        }));
    }
    let mut codes = std::collections::BTreeMap::new();
    for t in tasks {
        let code = t.await.unwrap();
        *codes.entry(code).or_insert(0) += 1;
    }
    assert_eq!(codes.get(&204), Some(&200), "{codes:?}");
    assert_eq!(codes.get(&413), Some(&200), "{codes:?}");
    assert_eq!(reports.try_iter().count(), 64);
    // Every valid report was parsed: those the channel took are accepted, the rest of the
    // flood dropped. An oversized one the client gave up sending may never have reached the
    // server, so the refusals counted there can be fewer.
    let stats = collector.stats();
    assert_eq!((stats.accepted, stats.dropped), (64, 136), "{stats:?}");
    let refused = stats.rejected;
    assert!((150..=200).contains(&refused), "{refused}");
    let grown_mib = rss_kib().saturating_sub(before) / 1024;
    assert!(grown_mib < 128, "resident memory grew by {grown_mib} MiB");
}
