//! `POST /reports` over real TCP on 127.0.0.1: the collector's answers, reports reaching
//! the store with their clients counted, and slow clients dropped after the deadline.

#[path = "common/serve.rs"]
mod collector;

use std::time::Duration;

use collector::start;
use secure_headers_reports::FingerprintQuery;
use secure_headers_reports::serve::ServeOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn exchange(addr: std::net::SocketAddr, request: String) -> String {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    String::from_utf8(out).unwrap()
}

fn post(content_type: &str, body: &str) -> String {
    format!(
        "POST /reports HTTP/1.1\r\nHost: c\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_reach_the_store_with_the_collectors_answers() {
    let (addr, store, _dir) = start(ServeOptions::default()).await;
    let legacy = r#"{"csp-report": {"document-uri": "https://a.example/", "effective-directive": "img-src", "blocked-uri": "https://img.example/x.png", "original-policy": "img-src 'self'", "disposition": "enforce"}}"#;
    let answer = exchange(addr, post("application/csp-report", legacy)).await;
    assert!(
        answer.starts_with("HTTP/1.1 204 No Content\r\n"),
        "{answer}"
    );
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("\r\naccess-control-allow-origin: *\r\n"),
        "{answer}"
    );
    let batch = r#"[{"type": "crash", "url": "https://a.example/", "body": {"reason": "oom"}}]"#;
    assert!(
        exchange(addr, post("application/reports+json", batch))
            .await
            .starts_with("HTTP/1.1 204 ")
    );
    assert!(
        exchange(addr, post("text/plain", "x"))
            .await
            .starts_with("HTTP/1.1 415 ")
    );
    assert!(
        exchange(addr, post("application/csp-report", "{nope"))
            .await
            .starts_with("HTTP/1.1 400 ")
    );
    let big = format!(
        "[{}]",
        [batch.trim_matches(['[', ']'])].repeat(2000).join(",")
    );
    assert!(
        exchange(addr, post("application/reports+json", &big))
            .await
            .starts_with("HTTP/1.1 413 ")
    );
    let preflight = "OPTIONS /reports HTTP/1.1\r\nHost: c\r\nConnection: close\r\n\r\n".to_owned();
    let answer = exchange(addr, preflight).await;
    assert!(
        answer.starts_with("HTTP/1.1 204 ")
            && answer
                .to_ascii_lowercase()
                .contains("access-control-allow-methods: post, options"),
        "{answer}"
    );
    assert!(
        exchange(
            addr,
            "GET /elsewhere HTTP/1.1\r\nHost: c\r\nConnection: close\r\n\r\n".into()
        )
        .await
        .starts_with("HTTP/1.1 404 ")
    );
    // The writer batches for up to 200 ms.
    let mut summary = store.summary().unwrap();
    for _ in 0..100 {
        if summary.reports == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        summary = store.summary().unwrap();
    }
    assert_eq!(summary.reports, 2);
    let f = &store
        .fingerprints(&FingerprintQuery {
            kind: Some("csp-violation".into()),
            ..Default::default()
        })
        .unwrap()
        .items[0];
    assert_eq!((f.blocked.as_str(), f.clients), ("https://img.example", 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_trickling_bodies_are_answered_408_and_closed_after_the_deadline() {
    let mut options = ServeOptions::default();
    options.body_deadline = Duration::from_secs(1);
    let (addr, store, _dir) = start(options).await;
    let mut clients = Vec::new();
    for _ in 0..200 {
        clients.push(tokio::spawn(async move {
            let mut s = TcpStream::connect(addr).await.unwrap();
            let head = "POST /reports HTTP/1.1\r\nHost: c\r\nContent-Type: application/csp-report\r\nContent-Length: 100\r\n\r\n";
            s.write_all(head.as_bytes()).await.unwrap();
            let (mut r, mut w) = s.into_split();
            // One byte every 200 ms, until the server hangs up (or 100 bytes: 20 s).
            let trickle = tokio::spawn(async move {
                for _ in 0..100 {
                    if w.write_all(b" ").await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            });
            let mut out = Vec::new();
            let _ = r.read_to_end(&mut out).await;
            trickle.abort();
            String::from_utf8_lossy(&out).into_owned()
        }));
    }
    let answers = tokio::time::timeout(Duration::from_secs(15), async {
        let mut answers = Vec::new();
        for c in clients {
            answers.push(c.await.unwrap());
        }
        answers
    })
    .await
    .expect("slow clients were still held after 15 s");
    assert_eq!(answers.len(), 200);
    for a in &answers {
        assert!(a.starts_with("HTTP/1.1 408 Request Timeout\r\n"), "{a}");
    }
    assert_eq!(store.summary().unwrap().reports, 0);
}
