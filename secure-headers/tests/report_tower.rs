//! The report collector mounted in axum, on a real server on 127.0.0.1.

use std::time::Duration;

use axum::Router;
use secure_headers::Secure;
use secure_headers::report::{Report, ReportCollector, ReportFormat};

const LEGACY: &str = r#"{"csp-report":{"document-uri":"http://127.0.0.1/page","referrer":"","violated-directive":"script-src-elem","effective-directive":"script-src-elem","original-policy":"script-src 'self'; report-uri /r","disposition":"enforce","blocked-uri":"inline","status-code":200}}"#;
const BATCH: &str = r#"[{"age":3,"body":{"blockedURL":"https://evil.example/x.js","disposition":"report","documentURL":"https://127.0.0.1/page","effectiveDirective":"script-src-elem","originalPolicy":"script-src 'self'; report-to main","statusCode":200},"type":"csp-violation","url":"https://127.0.0.1/page","user_agent":"UA"}]"#;

async fn serve(collector: ReportCollector) -> String {
    let app = Router::new()
        .route_service("/r", collector)
        .layer(Secure::with_default_headers());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/r")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

#[tokio::test]
async fn both_formats_are_accepted_and_parsed() {
    let (collector, reports) = ReportCollector::channel(16);
    let url = serve(collector).await;
    let c = client();

    let r = c
        .post(&url)
        .header("content-type", "application/csp-report")
        .body(LEGACY)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    // The collector's answers carry the security headers too.
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");

    let r = c
        .post(&url)
        .header("content-type", "application/reports+json")
        .body(BATCH)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);

    let got: Vec<Report> = reports.try_iter().collect();
    assert_eq!(got.len(), 2);
    let Report::CspViolation(a) = &got[0] else {
        panic!("{got:?}")
    };
    assert_eq!(a.format, Some(ReportFormat::CspReport));
    assert_eq!(a.blocked_url, "inline");
    let Report::CspViolation(b) = &got[1] else {
        panic!("{got:?}")
    };
    assert_eq!(b.format, Some(ReportFormat::ReportingApi));
    assert_eq!(b.blocked_url, "https://evil.example/x.js");
    assert_eq!(b.disposition, "report");
}

#[tokio::test]
async fn refusals_and_preflight() {
    let (collector, reports) = ReportCollector::channel(16);
    let url = serve(collector.clone().limit(1024)).await;
    let c = client();
    let status = |r: reqwest::Response| r.status().as_u16();

    let big = "x".repeat(4096);
    let r = c
        .post(&url)
        .header("content-type", "application/csp-report")
        .body(big.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(status(r), 413);

    // Without a Content-Length (chunked), the limit stops the read.
    let stream = futures_util::stream::iter(
        (0..64).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b' '; 512]))),
    );
    let r = c
        .post(&url)
        .header("content-type", "application/csp-report")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    assert_eq!(status(r), 413);

    let r = c
        .post(&url)
        .header("content-type", "text/plain")
        .body(LEGACY)
        .send()
        .await
        .unwrap();
    assert_eq!(status(r), 415);
    let r = c
        .post(&url)
        .header("content-type", "application/csp-report")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(status(r), 400);
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(status(r), 405);

    let r = c
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", "https://other.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert_eq!(r.headers()["access-control-allow-methods"], "POST, OPTIONS");
    assert_eq!(r.headers()["access-control-allow-headers"], "content-type");
    assert!(reports.try_recv().is_err());
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
    let url = serve(collector.clone()).await;
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
    // Every valid report was accepted. An oversized one the client gave up sending may never
    // have reached the server, so the refusals counted there can be fewer.
    let (accepted, refused) = collector.counts();
    assert_eq!(accepted, 200);
    assert!((150..=200).contains(&refused), "{refused}");
    let grown_mib = rss_kib().saturating_sub(before) / 1024;
    assert!(grown_mib < 128, "resident memory grew by {grown_mib} MiB");
}
