//! `secure-headers reports serve` (the binary, spawned) over raw HTTP: the dashboard at
//! `/` next to `POST /reports` from one store, who sees it (loopback, other addresses,
//! the token as a bearer, the login cookie, wrong tokens), and its grade by the CLI's own
//! `check`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const TOKEN: &str = "s3cret-token-0123456789";

const REPORT: &str = r#"{"csp-report": {"document-uri": "https://shop.example/cart?id=1", "effective-directive": "img-src", "blocked-uri": "https://img.example/a.png", "original-policy": "img-src 'self'; report-uri /r", "disposition": "enforce"}}"#;

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("secure-headers")
}

/// A running `reports serve` on a fresh SQLite store; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    db: String,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(listen: &str, token_env: Option<&str>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("reports.db");
        let mut cmd = Command::new(bin());
        cmd.args(["reports", "serve", "--db", db.to_str().unwrap()])
            .args(["--listen", listen])
            .env_remove("SECURE_HEADERS_REPORTS_TOKEN")
            .stdout(Stdio::piped());
        if let Some(t) = token_env {
            cmd.env("SECURE_HEADERS_REPORTS_TOKEN", t);
        }
        let mut child = cmd.spawn().unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let addr: SocketAddr = first
            .split_whitespace()
            .find_map(|w| {
                w.strip_prefix("http://")?
                    .strip_suffix("/reports")?
                    .parse()
                    .ok()
            })
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Self {
            child,
            port: addr.port(),
            db: db.to_str().unwrap().to_owned(),
            _dir: dir,
        }
    }

    fn at(&self, ip: IpAddr) -> SocketAddr {
        SocketAddr::new(ip, self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const LOOPBACK: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

/// An address of this machine that is not loopback (the one a route to the outside would
/// use; nothing is sent), if there is one.
fn non_loopback_ip() -> Option<IpAddr> {
    let s = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    s.connect("192.0.2.1:9").ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// A raw answer: the status, the header lines as sent, the body.
struct Raw {
    status: u16,
    head: String,
    body: String,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Sends `method path` with `headers` (CRLF-terminated lines) and `body`.
fn send(addr: SocketAddr, method: &str, path: &str, headers: &str, body: &str) -> Raw {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    Raw {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

fn get(addr: SocketAddr, headers: &str) -> Raw {
    send(addr, "GET", "/", headers, "")
}

fn post_report(addr: SocketAddr) -> Raw {
    post(addr, REPORT)
}

fn post(addr: SocketAddr, report: &str) -> Raw {
    send(
        addr,
        "POST",
        "/reports",
        "Content-Type: application/csp-report\r\n",
        report,
    )
}

/// The page once it contains `what` (the writer batches for up to 200 ms).
fn page_with(addr: SocketAddr, what: &str) -> Raw {
    let mut page = get(addr, "");
    for _ in 0..100 {
        if page.body.contains(what) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        page = get(addr, "");
    }
    page
}

/// `reports status` on the store: its exit code and its projected grades as
/// `(algorithm, letter, score)`.
fn status(db: &str) -> (i32, Vec<(String, String, String)>) {
    let out = Command::new(bin())
        .args(["reports", "status", "--db", db])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let grades: Vec<_> = text
        .lines()
        .filter_map(|l| {
            // projected grade (algorithm 5): A+ (130)
            let rest = l.strip_prefix("projected grade (algorithm ")?;
            let (algorithm, rest) = rest.split_once("): ")?;
            let (letter, score) = rest.split_once(" (")?;
            Some((
                algorithm.to_owned(),
                letter.to_owned(),
                score.trim_end_matches(')').to_owned(),
            ))
        })
        .collect();
    assert_eq!(grades.len(), 2, "the current algorithm and 6: {text}");
    (out.status.code().unwrap(), grades)
}

#[test]
fn on_loopback_the_dashboard_shows_what_post_reports_stored() {
    let server = Server::start("127.0.0.1:0", None);
    let addr = server.at(LOOPBACK);
    let page = get(addr, "");
    assert_eq!(page.status, 200, "{}", page.head);
    assert!(page.body.contains("<h1>secure-headers reports</h1>"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("'strict-dynamic'") && csp.contains("require-trusted-types-for 'script'"),
        "{csp}"
    );
    assert!(!page.body.contains("img.example"));

    let stored = post_report(addr);
    assert_eq!(stored.status, 204, "{}", stored.head);
    // The collector's own CORS, not the page's headers.
    assert_eq!(stored.header("access-control-allow-origin"), Some("*"));
    assert_eq!(stored.header("content-security-policy"), None);

    // The writer batches for up to 200 ms: the page shows the report once it is stored.
    let mut page = get(addr, "");
    for _ in 0..100 {
        if page.body.contains("https://img.example") {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        page = get(addr, "");
    }
    assert!(
        page.body.contains(
            "<td>img-src</td><td class=\"blocked\">https://img.example</td><td>/cart</td>"
        ),
        "the enforced-policy report shows as breakage: {}",
        page.body
    );
}

fn shows(page: &Raw, markup: &[&str]) {
    for m in markup {
        assert!(page.body.contains(m), "{m} in {}", page.body);
    }
}

/// Runs `reports status` and checks that `page` shows its projected grades; its exit code.
fn status_shown_on(db: &str, page: &Raw) -> i32 {
    let (code, grades) = status(db);
    for (algorithm, letter, score) in &grades {
        let shown =
            format!("<span class=\"grade\">{letter}</span> (algorithm {algorithm}, score {score})");
        assert!(page.body.contains(&shown), "{shown} in {}", page.body);
    }
    code
}

#[test]
fn the_overview_shows_the_verdict_of_reports_status_and_accepting_changes_it() {
    let server = Server::start("127.0.0.1:0", None);
    let addr = server.at(LOOPBACK);
    let candidate = r#"{"csp-report": {"document-uri": "https://shop.example/cart", "effective-directive": "img-src", "blocked-uri": "https://img.example/a.png", "original-policy": "script-src 'nonce-abc' 'strict-dynamic'; img-src 'self'; object-src 'none'; base-uri 'none'; report-uri /reports", "disposition": "report"}}"#;
    assert_eq!(post(addr, candidate).status, 204);
    let page = page_with(addr, "open: img-src https://img.example on /cart");
    shows(
        &page,
        &[
            "<h3>Readiness: not ready</h3>",
            "<li>open: img-src https://img.example on /cart (1 report in the last 7 days)</li>",
        ],
    );
    assert_eq!(status_shown_on(&server.db, &page), 1, "not ready either");

    // Accepting the proposal makes it the candidate: ready, for the page and the CLI.
    let accept = send(
        addr,
        "POST",
        "/accept",
        "Content-Type: application/x-www-form-urlencoded\r\nOrigin: http://dash\r\nSec-Fetch-Site: same-origin\r\n",
        "",
    );
    assert_eq!(accept.status, 303, "{}", accept.head);
    let page = get(addr, "");
    shows(
        &page,
        &[
            "<h3>Readiness: ready to enforce</h3>",
            "<pre class=\"policy\">script-src &#39;nonce-{nonce}&#39; &#39;strict-dynamic&#39;; img-src &#39;self&#39; https://img.example; object-src &#39;none&#39;; base-uri &#39;none&#39;",
        ],
    );
    assert_eq!(status_shown_on(&server.db, &page), 0, "ready");
}

#[test]
fn off_loopback_without_a_token_only_reports_is_served() {
    let Some(ip) = non_loopback_ip() else {
        eprintln!("skipped: this machine has no address but loopback");
        return;
    };
    let server = Server::start("0.0.0.0:0", None);
    let outside = server.at(ip);
    let hidden = get(outside, "");
    assert_eq!(hidden.status, 404, "{}", hidden.head);
    assert!(!hidden.body.contains("secure-headers reports"));
    assert_eq!(
        send(outside, "GET", "/api/fingerprints", "", "").status,
        404
    );
    assert_eq!(post_report(outside).status, 204);
    // The same listener still shows it on loopback.
    assert_eq!(get(server.at(LOOPBACK), "").status, 200);
    // A proxy on this machine does not make its visitors loopback peers.
    assert_eq!(
        get(server.at(LOOPBACK), "X-Forwarded-For: 203.0.113.9\r\n").status,
        404
    );
}

#[test]
fn with_a_token_everyone_needs_it_as_bearer_or_login_cookie() {
    let ip = non_loopback_ip().unwrap_or(LOOPBACK);
    // The token from the environment (the configuration equivalent of --token).
    let server = Server::start("0.0.0.0:0", Some(TOKEN));
    let outside = server.at(ip);
    for (who, addr) in [("outside", outside), ("loopback", server.at(LOOPBACK))] {
        let none = get(addr, "");
        assert_eq!(none.status, 401, "{who}: {}", none.head);
        assert!(
            none.body.contains("name=\"token\""),
            "{who}: the login form"
        );
        let wrong = get(addr, "Authorization: Bearer s3cret-token-0123456780\r\n");
        assert_eq!(wrong.status, 401, "{who}");
        let right = get(addr, &format!("Authorization: Bearer {TOKEN}\r\n"));
        assert_eq!(right.status, 200, "{who}: {}", right.head);
        assert!(right.body.contains("<h1>secure-headers reports</h1>"));
    }
    assert_eq!(
        post_report(outside).status,
        204,
        "the collector needs no token"
    );

    let form = "Content-Type: application/x-www-form-urlencoded\r\nOrigin: http://dash\r\nSec-Fetch-Site: same-origin\r\n";
    let failed = send(
        outside,
        "POST",
        "/login",
        form,
        "token=wrong-token-0123456789",
    );
    assert_eq!(failed.status, 401);
    assert_eq!(failed.header("set-cookie"), None);
    let login = send(outside, "POST", "/login", form, &format!("token={TOKEN}"));
    assert_eq!(login.status, 303, "{}", login.head);
    let cookie = login.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with("sh_dashboard=")
            && cookie.ends_with("; Path=/; HttpOnly; SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap();
    assert_eq!(get(outside, &format!("Cookie: {pair}\r\n")).status, 200);
    assert_eq!(
        get(outside, "Cookie: sh_dashboard=0000\r\n").status,
        401,
        "a made-up session"
    );

    // A cross-site action is refused even with the token.
    let cross = send(
        outside,
        "POST",
        "/accept",
        &format!(
            "Authorization: Bearer {TOKEN}\r\nContent-Type: application/x-www-form-urlencoded\r\nOrigin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\n"
        ),
        "",
    );
    assert_eq!(cross.status, 403, "{}", cross.head);
}

#[test]
fn a_short_token_is_refused_before_serving() {
    let out = Command::new(bin())
        .args([
            "reports",
            "serve",
            "--db",
            "unused.db",
            "--listen",
            "127.0.0.1:0",
        ])
        .args(["--token", "short"])
        .env_remove("SECURE_HEADERS_REPORTS_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("invalid --token: \"a token of 5 bytes\" (expected at least 16 visible ASCII characters, no spaces)"),
        "{stderr}"
    );
    assert!(
        !std::path::Path::new("unused.db").exists(),
        "no store was made"
    );
}

#[test]
fn the_served_dashboard_grades_a_plus_by_check() {
    let server = Server::start("127.0.0.1:0", None);
    let url = format!("http://{}/", server.at(LOOPBACK));
    let out = Command::new(bin())
        .args(["check", &url])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("\nstatus 200\n"), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l == "Grade A+  score 130 (10 of 10 tests passed)"),
        "{stdout}"
    );
}
