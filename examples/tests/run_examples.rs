//! Runs every example server as a user would (`PORT=… cargo run --example <name>`) and
//! checks what it promises on real HTTP: the Balanced headers with the request's nonce in
//! the page and in the CSP, HSTS only when the trusted proxy forwards an HTTPS request, a
//! fresh nonce per request, the framable and the strict
//! override, a 404 with the headers, and a violation report accepted with 204; and the
//! roll-out demo: its two policies and a report it stores.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The example binaries `cargo test` built beside this test.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    dir.join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

struct Server {
    child: Child,
    port: u16,
    /// What it printed so far, a line each.
    output: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(name: &str) -> Server {
    start_with(name, &[])
}

/// [`start`] with more environment variables.
fn start_with(name: &str, env: &[(&str, &str)]) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(example(name))
        .env("PORT", port.to_string())
        .env("ROCKET_CLI_COLORS", "false")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{name}: {e} ({})", example(name).display()));
    // Read the server's output (it prints reports) so that it never blocks on a full pipe.
    let stdout = child.stdout.take().unwrap();
    let output = Arc::new(Mutex::new(Vec::new()));
    let lines = Arc::clone(&output);
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            lines.lock().unwrap().push(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{name} did not listen on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    Server {
        child,
        port,
        output,
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 exchange on a fresh connection (`Connection: close`).
fn request(port: u16, method: &str, path: &str, body: Option<(&str, &str)>) -> Reply {
    request_with(port, method, path, "", body)
}

/// The same, with extra header lines (each ending in CRLF).
fn request_with(
    port: u16,
    method: &str,
    path: &str,
    extra: &str,
    body: Option<(&str, &str)>,
) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{extra}"
    );
    if let Some((ty, data)) = body {
        req.push_str(&format!(
            "Content-Type: {ty}\r\nContent-Length: {}\r\n\r\n{data}",
            data.len()
        ));
    } else {
        req.push_str("\r\n");
    }
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// The body of `/embed/widget` in every example.
const WIDGET: &str = "this page may be framed by https://partner.example";

/// The body of `/report` in every example.
const STRICT: &str = "this response may not be framed at all";

/// The nonce in `'nonce-…'` of a policy, and in `nonce="…"` of a page.
fn csp_nonce(csp: &str) -> &str {
    let start = csp.find("'nonce-").expect("a nonce source") + "'nonce-".len();
    &csp[start..start + 24]
}

fn page_nonce(body: &str) -> &str {
    let start = body.find("nonce=\"").expect("a nonce attribute") + "nonce=\"".len();
    &body[start..start + 24]
}

fn check(name: &str) {
    let server = start(name);
    let port = server.port;

    // Through the proxy on this machine, which says the browser used HTTPS.
    let first = request_with(port, "GET", "/nonce", "X-Forwarded-Proto: https\r\n", None);
    assert_eq!(first.status, 200, "{name}");
    let csp = first.header("content-security-policy").unwrap();
    assert!(csp.starts_with("default-src 'self'; "), "{name}: {csp}");
    assert!(csp.contains("report-uri /csp-reports"), "{name}: {csp}");
    assert_eq!(csp_nonce(csp), page_nonce(&first.body), "{name}");
    assert_eq!(
        first.header("x-frame-options"),
        Some("SAMEORIGIN"),
        "{name}"
    );
    assert_eq!(
        first.header("strict-transport-security"),
        Some("max-age=31536000; includeSubDomains"),
        "{name}"
    );
    // Plain HTTP: no HSTS (browsers would ignore it there anyway).
    let second = request(port, "GET", "/nonce", None);
    assert_eq!(second.header("strict-transport-security"), None, "{name}");
    assert_ne!(page_nonce(&second.body), page_nonce(&first.body), "{name}");

    let home = request(port, "GET", "/", None);
    assert_eq!(home.status, 200, "{name}");
    assert!(
        home.body
            .contains("<!doctype html><title>secure-headers</title><h1>Hello from "),
        "{name}"
    );

    let widget = request(port, "GET", "/embed/widget", None);
    assert_eq!(widget.status, 200, "{name}");
    assert_eq!(widget.body, WIDGET, "{name}");
    assert_eq!(widget.header("x-frame-options"), None, "{name}");
    let framable = widget.header("content-security-policy").unwrap();
    assert!(
        framable.contains("; frame-ancestors 'self' https://partner.example;"),
        "{name}: {framable}"
    );

    let strict = request(port, "GET", "/report", None);
    assert_eq!(strict.body, STRICT, "{name}");
    assert_eq!(strict.header("x-frame-options"), Some("DENY"), "{name}");

    let missing = request(port, "GET", "/missing", None);
    assert_eq!(missing.status, 404, "{name}");
    assert_eq!(
        missing.header("x-content-type-options"),
        Some("nosniff"),
        "{name}"
    );

    let report = request(
        port,
        "POST",
        "/csp-reports",
        Some((
            "application/csp-report",
            r#"{"csp-report":{"document-uri":"http://x/","violated-directive":"script-src","blocked-uri":"inline"}}"#,
        )),
    );
    assert_eq!(report.status, 204, "{name}");
}

#[test]
fn axum() {
    check("axum");
}

#[test]
fn actix_web() {
    check("actix_web");
}

#[test]
fn rocket() {
    check("rocket");
}

#[test]
fn poem() {
    check("poem");
}

#[test]
fn salvo() {
    check("salvo");
}

#[test]
fn warp() {
    check("warp");
}

/// Waits (bounded) until `done` holds for what `read` returns, and returns the last read.
fn poll<T>(mut read: impl FnMut() -> T, done: impl Fn(&T) -> bool) -> T {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = read();
        if done(&now) || Instant::now() >= deadline {
            return now;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The roll-out demo: it prints where it is, serves its pages with Balanced enforced and
/// the strict candidate in report-only (one nonce in the page and the candidate), and
/// stores the reports it receives in the store `REPORT_DB` names.
#[test]
fn rollout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("reports.db").display().to_string();
    let server = start_with("rollout", &[("REPORT_DB", &db)]);
    let port = server.port;
    let printed = poll(|| server.output.lock().unwrap().clone(), |o| o.len() >= 3);
    assert_eq!(
        printed[0],
        format!("the shop:         http://127.0.0.1:{port}/")
    );
    assert_eq!(
        printed[2],
        format!("reports go to {db}; then: secure-headers reports propose --db {db}")
    );

    let page = request(port, "GET", "/eval", None);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-security-policy"),
        Some(
            "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; \
             frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; \
             script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests; \
             report-uri /reports"
        )
    );
    let nonce = page_nonce(&page.body);
    assert_eq!(
        page.header("content-security-policy-report-only")
            .map(str::to_owned),
        Some(format!(
            "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'report-sample'; \
             style-src 'self' 'report-sample'; object-src 'none'; base-uri 'none'; report-uri /reports"
        ))
    );
    assert!(
        page.body.contains(&format!(
            "<script nonce=\"{nonce}\" src=\"/js/eval.js\"></script>"
        )),
        "{}",
        page.body
    );

    let report = request(
        port,
        "POST",
        "/reports",
        Some((
            "application/csp-report",
            r#"{"csp-report":{"document-uri":"http://127.0.0.1/eval","effective-directive":"script-src","blocked-uri":"eval","disposition":"report"}}"#,
        )),
    );
    assert_eq!(report.status, 204);
    let store = secure_headers_reports::Store::open(&db).unwrap();
    let stored = poll(|| store.summary().unwrap().reports, |n| *n >= 1);
    assert_eq!(stored, 1);
}

#[test]
fn report_store() {
    let dir = std::env::temp_dir().join(format!(
        "secure-headers-report-store-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("reports.db");
    let server = start_with("report_store", &[("REPORT_DB", db.to_str().unwrap())]);
    let port = server.port;

    let page = request(port, "GET", "/", None);
    assert_eq!(page.status, 200);
    let nonce = page_nonce(&page.body);
    let candidate = page.header("content-security-policy-report-only").unwrap();
    assert_eq!(
        candidate,
        format!(
            "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic'; img-src 'self'; object-src 'none'; base-uri 'none'; report-uri /reports"
        )
    );
    assert!(page.header("content-security-policy").is_some());

    // Before any report: no candidate in the store.
    assert_eq!(
        request(port, "GET", "/proposal", None).body,
        "no report-only report yet\n"
    );
    // The report a browser sends for the page's image from another origin.
    let report = format!(
        r#"{{"csp-report":{{"document-uri":"http://127.0.0.1:{port}/","effective-directive":"img-src","violated-directive":"img-src","blocked-uri":"https://images.example/a.png","original-policy":"{candidate}","disposition":"report"}}}}"#
    );
    let answer = request(
        port,
        "POST",
        "/reports",
        Some(("application/csp-report", &report)),
    );
    assert_eq!(answer.status, 204);

    // The writer writes within 200 ms.
    let deadline = Instant::now() + Duration::from_secs(30);
    let proposal = loop {
        let p = request(port, "GET", "/proposal", None).body;
        if p != "no report-only report yet\n" || Instant::now() > deadline {
            break p;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        proposal,
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic'; img-src 'self' https://images.example; object-src 'none'; base-uri 'none'; report-uri /reports\n\
         + img-src https://images.example (1 reports)\n"
    );
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}
