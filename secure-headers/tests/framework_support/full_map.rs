//! A handler that fills the response's header map close to `http`'s cap of 24,576 names
//! (`/fill/{n}` answers with the names `x-0` to `x-{n-1}`, each `1`): the response still
//! arrives, with those of our headers that fit. hyper panicked writing a map that our
//! headers had filled to the cap, and the connection closed without an answer.
//!
//! | Framework | Map | Ours on a nearly full map |
//! |---|---|---|
//! | tower/axum, poem, salvo, warp | `http`'s, capped | the first ones, while 64 names are left to the server |
//! | Rocket | its own, copied into hyper 0.14's (`http` 0.2, the same cap) | the same |
//! | actix-web | its own, without a cap | all of them: it simply works |

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use super::base;

/// `http`'s cap on a header map's names.
const HTTP_MAP_CAP: usize = 24_576;

/// The names the sinks leave to the server.
const SERVER_HEADROOM: usize = 64;

/// The names of the application's `/fill/{n}` response.
pub(crate) fn names(n: usize) -> impl Iterator<Item = String> {
    (0..n).map(|i| format!("x-{i}"))
}

/// `n` from `/fill/{n}`, at most the cap.
pub(crate) fn count(n: &str) -> usize {
    n.parse::<usize>().unwrap_or(0).min(HTTP_MAP_CAP)
}

/// The headers of a response, as sent: `http`'s map cannot hold all of them (actix-web's
/// answer has more names than its cap).
struct Lines(Vec<(String, String)>);

impl Lines {
    fn values(&self, name: &str) -> Vec<&str> {
        (self.0.iter())
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn names(&self) -> usize {
        let mut names: Vec<String> = self.0.iter().map(|(n, _)| n.to_ascii_lowercase()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    }
}

/// GET `/fill/{n}` over a raw connection, read to its end: the status and the headers.
fn fill(addr: SocketAddr, n: usize) -> (u16, Lines) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let head = format!("GET /fill/{n} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let mut buf = Vec::new();
    // The connection closes after the answer, or without one.
    let _ = stream.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    let Some((head, _)) = text.split_once("\r\n\r\n") else {
        panic!("{n} names: no answer ({} bytes)", buf.len());
    };
    let mut lines = head.split("\r\n");
    let status = (lines.next().and_then(|l| l.split(' ').nth(1)))
        .and_then(|s| s.parse().ok())
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    (status, Lines(headers))
}

/// Which of ours the response has, each with its exact value: a prefix of them, in order.
fn ours_sent(h: &Lines) -> usize {
    let secure = base();
    let ours: Vec<(&str, &str)> = secure.header_items().collect();
    let sent = ours
        .iter()
        .take_while(|(n, _)| !h.values(n).is_empty())
        .count();
    for (name, value) in &ours[..sent] {
        let got = h.values(name);
        assert!(got.contains(value), "{name}: {got:?}");
    }
    for (name, _) in &ours[sent..] {
        assert!(
            h.values(name).is_empty(),
            "{name} sent after one that was not"
        );
    }
    sent
}

/// The check: with `HTTP_MAP_CAP - 6` names of the handler's (all of ours would pass the
/// cap) and with room for four of ours, the response arrives with the handler's names;
/// `capped` says whether the framework's map has `http`'s cap (then none of ours are sent
/// in the first case, and in the second the first ones, up to four, as many as the
/// framework's own names leave room for), else every one of ours is.
pub(crate) async fn full_header_map(addr: SocketAddr, capped: bool) {
    super::refusals::capture_logs();
    let total = base().header_items().count();
    for (n, fit) in [
        (HTTP_MAP_CAP - 6, 0),
        (HTTP_MAP_CAP - SERVER_HEADROOM - 4, 4),
    ] {
        let (status, h) = tokio::task::spawn_blocking(move || fill(addr, n))
            .await
            .unwrap();
        assert_eq!(status, 200, "{n} names");
        assert_eq!(h.values(&format!("x-{}", n - 1)), ["1"]);
        assert_eq!(h.values("x-0"), ["1"]);
        let sent = ours_sent(&h);
        if capped {
            // The framework's own names (`content-type`, ...) may take some of the room.
            assert!(
                sent <= fit && sent >= fit.min(2),
                "{n} names: {sent} of ours"
            );
            assert!(h.names() <= HTTP_MAP_CAP, "{n} names");
            // What was left out is said, through `log` (or `tracing`), without setup.
            let said = super::refusals::logged("close to http's limit");
            assert!(
                sent == total || !said.is_empty(),
                "{n} names: nothing logged"
            );
        } else {
            assert_eq!(sent, total, "{n} names");
        }
    }
    // An ordinary response is untouched by all this.
    let (status, h) = tokio::task::spawn_blocking(move || fill(addr, 1))
        .await
        .unwrap();
    assert_eq!(status, 200);
    assert_eq!(ours_sent(&h), total);
}
