//! Test support: the dashboard served by hyper on a real socket (the peer address as the
//! connection gives it), raw HTTP/1.1 requests over a TcpStream, and a small in-memory
//! source for the tests that look at access rules rather than data.

#![allow(dead_code, unreachable_pub)]

use std::io::{Read as _, Write as _};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::sync::Mutex;
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use secure_headers::transport::PeerAddr;
use secure_headers_dashboard::*;

/// Serves `dashboard` on `ip` (port chosen by the OS) until the runtime ends.
pub async fn serve(dashboard: Dashboard, ip: IpAddr) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind((ip, 0)).await.expect("bind");
    let addr = listener.local_addr().unwrap();
    let service = dashboard.service();
    tokio::spawn(async move {
        loop {
            let Ok((stream, peer)) = listener.accept().await else {
                continue;
            };
            let service = service.clone();
            tokio::spawn(async move {
                let svc = tower::ServiceBuilder::new()
                    .map_request(move |mut req: http::Request<hyper::body::Incoming>| {
                        req.extensions_mut().insert(PeerAddr(peer.ip()));
                        req
                    })
                    .service(service);
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), TowerToHyperService::new(svc))
                    .await;
            });
        }
    });
    addr
}

/// An address of this machine that is not loopback (the one a route to the outside would
/// use; nothing is sent), if there is one.
pub fn non_loopback_ip() -> Option<IpAddr> {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    s.connect("192.0.2.1:9").ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// A raw HTTP/1.1 answer: status, headers (names lowercased as sent), body.
#[derive(Debug)]
pub struct Raw {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Raw {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `request` (a full HTTP/1.1 request head and body, `Connection: close` added) and
/// reads the answer, on a blocking thread.
pub async fn raw(addr: SocketAddr, request: String) -> Raw {
    tokio::task::spawn_blocking(move || {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("a head");
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap();
                (n.to_owned(), v.trim().to_owned())
            })
            .collect();
        Raw {
            status,
            headers,
            body: body.to_owned(),
        }
    })
    .await
    .unwrap()
}

/// `GET path` with extra header lines.
pub async fn get(addr: SocketAddr, path: &str, extra: &str) -> Raw {
    raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}Connection: close\r\n\r\n"),
    )
    .await
}

/// `POST path` with a form body and extra header lines.
pub async fn post(addr: SocketAddr, path: &str, extra: &str, form: &str) -> Raw {
    raw(
        addr,
        format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
            form.len()
        ),
    )
    .await
}

/// An in-memory source: a few fingerprints, one of them muted by the mute action.
#[derive(Debug, Default)]
pub struct Memory {
    pub rows: Mutex<Vec<Fingerprint>>,
    pub accepted: Mutex<u32>,
}

impl Memory {
    pub fn with(rows: Vec<Fingerprint>) -> Self {
        Self {
            rows: Mutex::new(rows),
            accepted: Mutex::new(0),
        }
    }
}

impl Source for Memory {
    fn overview(&self, _: &FingerprintQuery) -> Result<Overview, String> {
        Ok(Overview::default())
    }
    fn fingerprints(&self, q: &FingerprintQuery) -> Result<FingerprintPage, String> {
        let rows = self.rows.lock().unwrap();
        let shown: Vec<_> = rows
            .iter()
            .filter(|f| q.noise || !f.muted)
            .cloned()
            .collect();
        Ok(FingerprintPage {
            total: shown.len() as u64,
            hidden_noise: (rows.len() - shown.len()) as u64,
            rows: shown,
        })
    }
    fn proposal(&self) -> Result<Option<Proposal>, String> {
        Ok(None)
    }
    fn inventory(&self, _: usize) -> Result<Vec<Script>, String> {
        Ok(Vec::new())
    }
    fn mute(&self, id: &str, muted: bool) -> Result<bool, String> {
        let mut rows = self.rows.lock().unwrap();
        Ok(rows
            .iter_mut()
            .find(|f| f.id == id)
            .map(|f| f.muted = muted)
            .is_some())
    }
    fn accept_proposal(&self) -> Result<bool, String> {
        *self.accepted.lock().unwrap() += 1;
        Ok(true)
    }
}
