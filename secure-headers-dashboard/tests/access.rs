//! Raw HTTP against a real server: who sees the dashboard (loopback, other addresses,
//! bearer token, login cookie, wrong token), the cross-origin refusal of its actions, bad
//! query parameters, and the page's own headers.

mod support;

use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};

use secure_headers::grade::{GradeContext, grade};
use secure_headers_dashboard::{Access, Dashboard, Fingerprint};
use support::{Memory, get, non_loopback_ip, post, serve};

const TOKEN: &str = "s3cret-token-0123456789";
const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

fn rows() -> Vec<Fingerprint> {
    vec![Fingerprint {
        id: "7".into(),
        kind: "csp-violation".into(),
        disposition: "report".into(),
        directive: "script-src-elem".into(),
        blocked: "https://cdn.example".into(),
        page: "/checkout".into(),
        class: "third-party".into(),
        version: "v1".into(),
        count: 42,
        reach: 5,
        ..Fingerprint::default()
    }]
}

fn memory() -> Arc<Memory> {
    Arc::new(Memory::with(rows()))
}

/// Where the dashboard logs (one line per refusal), captured for the whole test process.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    fn lines(&self) -> Vec<String> {
        String::from_utf8_lossy(&self.0.lock().unwrap())
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

/// The log of this test process: one global subscriber (a scoped one could miss events
/// that other tests' threads registered first); each test looks for its own lines.
fn log() -> &'static Log {
    static LOG: std::sync::OnceLock<Log> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        log
    })
}

#[tokio::test]
async fn on_loopback_the_dashboard_needs_no_token() {
    let addr = serve(Dashboard::new(memory(), Access::loopback_only()), LOOPBACK).await;
    let page = get(addr, "/", "").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<table id=\"fingerprint-table\">"));
    assert!(
        page.body
            .contains("<td class=\"blocked\">https://cdn.example</td>")
    );
    // The script tag carries this response's nonce, which the policy names.
    let csp = page.header("content-security-policy").unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(page.body.contains(&format!(
        "<script src=\"assets/copy.js\" nonce=\"{nonce}\">"
    )));
    let api = get(addr, "/api/fingerprints", "").await;
    assert_eq!(api.status, 200);
    assert_eq!(api.header("content-type"), Some("application/json"));
    assert!(
        api.body.starts_with("{\"hidden_noise\":0,\"rows\":[{"),
        "{}",
        api.body
    );
}

#[tokio::test]
async fn a_proxied_request_on_loopback_is_not_shown_the_dashboard() {
    let addr = serve(Dashboard::new(memory(), Access::loopback_only()), LOOPBACK).await;
    for header in [
        "X-Forwarded-For: 203.0.113.7\r\n",
        "Forwarded: for=203.0.113.7\r\n",
    ] {
        let page = get(addr, "/", header).await;
        assert_eq!(page.status, 404, "{header}");
        assert_eq!(page.body, "not found\n");
    }
}

#[tokio::test]
async fn on_another_address_without_a_token_nothing_of_the_dashboard_is_served() {
    let Some(ip) = non_loopback_ip() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs a non-loopback address"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: no non-loopback address on this machine"
        );
        return;
    };
    let addr = serve(Dashboard::new(memory(), Access::loopback_only()), ip).await;
    for path in ["/", "/api/fingerprints", "/assets/dashboard.css", "/login"] {
        let answer = get(addr, path, &format!("Authorization: Bearer {TOKEN}\r\n")).await;
        assert_eq!(answer.status, 404, "{path}");
    }
    let mute = post(addr, "/mute", "", "id=7").await;
    assert_eq!(mute.status, 404);
}

#[tokio::test]
async fn with_a_token_every_peer_needs_it_and_a_wrong_one_is_a_401_and_a_log_line() {
    let log = log();
    let ip = non_loopback_ip().unwrap_or(LOOPBACK);
    let addr = serve(Dashboard::new(memory(), Access::token(TOKEN).unwrap()), ip).await;
    let loopback = serve(
        Dashboard::new(memory(), Access::token(TOKEN).unwrap()),
        LOOPBACK,
    )
    .await;

    for at in [addr, loopback] {
        let missing = get(at, "/", "").await;
        assert_eq!(missing.status, 401);
        assert_eq!(
            missing.header("www-authenticate"),
            Some("Bearer realm=\"secure-headers reports\"")
        );
        assert!(
            missing
                .body
                .contains("<form method=\"post\" action=\"login\">")
        );
        assert!(!missing.body.contains("fingerprint-table"));
        // Paths no other test asks for, to find this test's lines in the log.
        assert_eq!(get(at, "/assets/icon.svg", "").await.status, 401);
    }
    let wrong = get(
        addr,
        "/api/fingerprints",
        "Authorization: Bearer s3cret-token-0123456780\r\n",
    )
    .await;
    assert_eq!(wrong.status, 401);
    assert!(!wrong.body.contains("cdn.example"));
    let prefix = get(
        addr,
        "/assets/copy.js",
        "Authorization: Bearer s3cret-token\r\n",
    )
    .await;
    assert_eq!(prefix.status, 401);
    let right = get(
        addr,
        "/api/fingerprints",
        &format!("Authorization: Bearer {TOKEN}\r\n"),
    )
    .await;
    assert_eq!(right.status, 200);
    assert!(right.body.contains("\"blocked\":\"https://cdn.example\""));

    let lines = log.lines();
    let mine = |path: &str| -> Vec<&String> {
        lines
            .iter()
            .filter(|l| l.contains(&format!("401 for GET {path} from")))
            .collect()
    };
    let icon = mine("/assets/icon.svg");
    assert_eq!(icon.len(), 2, "{lines:#?}");
    assert!(
        icon.iter()
            .any(|l| l.contains(&format!("from {ip}: missing or wrong token"))),
        "{icon:#?}"
    );
    assert!(
        icon.iter()
            .any(|l| l.contains("from 127.0.0.1: missing or wrong token")),
        "{icon:#?}"
    );
    assert_eq!(mine("/api/fingerprints").len(), 1, "{lines:#?}");
    assert_eq!(mine("/assets/copy.js").len(), 1, "{lines:#?}");
    assert!(
        lines
            .iter()
            .all(|l| l.contains("WARN") && !l.contains("0123456780") && !l.contains(TOKEN)),
        "{lines:#?}"
    );
}

#[tokio::test]
async fn the_login_form_sets_an_http_only_strict_cookie_that_opens_the_dashboard() {
    let ip = non_loopback_ip().unwrap_or(LOOPBACK);
    let addr = serve(Dashboard::new(memory(), Access::token(TOKEN).unwrap()), ip).await;
    let origin = format!("Origin: http://{addr}\r\nSec-Fetch-Site: same-origin\r\n");

    let wrong = post(addr, "/login", &origin, "token=nope-nope-nope-nope").await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.header("set-cookie"), None);
    assert!(wrong.body.contains("That token is not the one"));

    let ok = post(addr, "/login", &origin, &format!("token={TOKEN}")).await;
    assert_eq!(ok.status, 303);
    assert_eq!(ok.header("location"), Some("./"));
    let cookie = ok.header("set-cookie").unwrap().to_owned();
    let (pair, attributes) = cookie.split_once("; ").unwrap();
    assert_eq!(
        attributes, "Path=/; HttpOnly; SameSite=Strict",
        "no Secure over plain http"
    );
    assert!(pair.starts_with("sh_dashboard=") && pair.len() == "sh_dashboard=".len() + 64);
    assert!(
        !cookie.contains(TOKEN),
        "the cookie is a session value, not the token"
    );

    let page = get(addr, "/", &format!("Cookie: other=1; {pair}\r\n")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("fingerprint-table"));
    let forged = get(addr, "/", "Cookie: sh_dashboard=00\r\n").await;
    assert_eq!(forged.status, 401);

    // Another dashboard (another process) does not take this one's session.
    let other = serve(Dashboard::new(memory(), Access::token(TOKEN).unwrap()), ip).await;
    assert_eq!(
        get(other, "/", &format!("Cookie: {pair}\r\n")).await.status,
        401
    );

    // A login posted from another site is refused before the token is looked at.
    let cross = post(
        addr,
        "/login",
        "Origin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\n",
        &format!("token={TOKEN}"),
    )
    .await;
    assert_eq!(cross.status, 403);
    assert_eq!(cross.header("set-cookie"), None);
}

#[tokio::test]
async fn a_cross_site_action_is_refused_and_changes_nothing() {
    let store = memory();
    let addr = serve(
        Dashboard::new(Arc::clone(&store), Access::loopback_only()),
        LOOPBACK,
    )
    .await;
    let evil = "Origin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\n";
    let mute = post(addr, "/mute", evil, "id=7&muted=1").await;
    assert_eq!(mute.status, 403);
    let accept = post(addr, "/accept", evil, "").await;
    assert_eq!(accept.status, 403);
    let same_site = post(
        addr,
        "/mute",
        "Sec-Fetch-Site: same-site\r\n",
        "id=7&muted=1",
    )
    .await;
    assert_eq!(same_site.status, 403);
    assert!(!store.rows.lock().unwrap()[0].muted);
    assert_eq!(*store.accepted.lock().unwrap(), 0);

    let own = format!("Origin: http://{addr}\r\nSec-Fetch-Site: same-origin\r\n");
    let mute = post(addr, "/mute", &own, "id=7&muted=1&back=sort%3Dreach").await;
    assert_eq!(mute.status, 303);
    assert_eq!(mute.header("location"), Some("./?sort=reach#fingerprints"));
    assert!(store.rows.lock().unwrap()[0].muted);
    let accept = post(addr, "/accept", &own, "").await;
    assert_eq!(
        (accept.status, accept.header("location")),
        (303, Some("./#proposal"))
    );
    assert_eq!(*store.accepted.lock().unwrap(), 1);
}

#[tokio::test]
async fn malformed_parameters_are_a_400_with_a_message() {
    let addr = serve(Dashboard::new(memory(), Access::loopback_only()), LOOPBACK).await;
    for (path, message) in [
        (
            "/?p=0",
            "invalid query parameter p: \"0\" (expected a number from 1 to 1000000)\n",
        ),
        (
            "/api/fingerprints?per=1000",
            "invalid query parameter per: \"1000\" (expected a number from 1 to 200)\n",
        ),
        (
            "/?sort=%3Cscript%3E",
            "invalid query parameter sort: \"<script>\" (expected count, reach, first, last or directive)\n",
        ),
        (
            "/?version=%22%3E",
            "invalid query parameter version: \"\\\">\" (expected an id (letters, digits, - and _))\n",
        ),
        (
            "/?color=red",
            "invalid query parameter color: \"red\" (unknown parameter)\n",
        ),
    ] {
        let answer = get(addr, path, "").await;
        assert_eq!(
            (answer.status, answer.body.as_str()),
            (400, message),
            "{path}"
        );
        assert_eq!(
            answer.header("content-type"),
            Some("text/plain; charset=utf-8")
        );
    }
    let own = format!("Sec-Fetch-Site: same-origin\r\nOrigin: http://{addr}\r\n");
    let bad_id = post(addr, "/mute", &own, "id=x+y").await;
    assert_eq!(
        (bad_id.status, bad_id.body.as_str()),
        (
            400,
            "invalid form field id: \"x y\" (expected an id (letters, digits, - and _))\n"
        )
    );
    let no_such = post(addr, "/mute", &own, "id=99").await;
    assert_eq!(
        (no_such.status, no_such.body.as_str()),
        (404, "no fingerprint 99\n")
    );
    let bad_back = post(addr, "/mute", &own, "id=7&back=p%3D0").await;
    assert_eq!(bad_back.status, 400);
    let too_big = post(addr, "/mute", &own, &"a".repeat(5000)).await;
    assert_eq!(too_big.status, 400);
    let get_mute = get(addr, "/mute", "").await;
    assert_eq!(
        (get_mute.status, get_mute.header("allow")),
        (405, Some("POST"))
    );
    assert_eq!(get(addr, "/nothing-here", "").await.status, 404);
}

#[tokio::test]
async fn the_page_is_served_with_the_strictest_headers_and_grades_a_plus() {
    let addr = serve(Dashboard::new(memory(), Access::loopback_only()), LOOPBACK).await;
    for path in ["/", "/?sort=x", "/assets/dashboard.css", "/nothing-here"] {
        let answer = get(addr, path, "").await;
        let csp = answer.header("content-security-policy").unwrap();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap();
        assert_eq!(
            csp,
            format!(
                "default-src 'none'; script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'self'; \
                 img-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; \
                 frame-ancestors 'none'; require-trusted-types-for 'script'"
            ),
            "{path}"
        );
        for (name, value) in [
            ("cache-control", "no-store"),
            ("referrer-policy", "no-referrer"),
            ("cross-origin-opener-policy", "same-origin"),
            ("cross-origin-embedder-policy", "require-corp"),
            ("cross-origin-resource-policy", "same-origin"),
            ("x-frame-options", "DENY"),
            ("x-content-type-options", "nosniff"),
        ] {
            assert_eq!(answer.header(name), Some(value), "{path}: {name}");
        }
        let mut headers = http::HeaderMap::new();
        for (n, v) in &answer.headers {
            headers.append(
                http::HeaderName::try_from(n.as_str()).unwrap(),
                v.parse().unwrap(),
            );
        }
        let graded = grade(&headers, &GradeContext::new());
        assert_eq!(graded.letter.as_str(), "A+", "{path}: {graded:#?}");
    }
}
