//! The headers as a real browser enforces them: headless Chromium, driven through
//! chromedriver (WebDriver), loads pages served by the tower layer on 127.0.0.1.
//!
//! - scripts run only with the request's nonce or an allowed hash, and `'strict-dynamic'`
//!   passes trust on to the scripts a nonced script loads;
//! - another origin (another port) cannot frame a page sent with `frame-ancestors 'self'`
//!   or `X-Frame-Options: SAMEORIGIN`, while the same origin can;
//! - cross-origin request protection: with two host names that resolve to 127.0.0.1
//!   (two sites), a form on one site posting to the other is refused, the same form on
//!   the other site is accepted, a cross-site `fetch` POST is refused, a cross-site image
//!   and a navigation pass; with the resource isolation policy, a cross-site
//!   `<script src>` is refused;
//! - a report-only policy blocks nothing, and the browser's own reports reach the
//!   [`ReportCollector`] in both formats: `report-uri` (`application/csp-report`) over
//!   http, and `report-to` with `Reporting-Endpoints` (`application/reports+json`) over
//!   HTTPS with a self-signed certificate;
//! - every other Reporting API report type Chromium sends reaches the collector typed:
//!   `csp-hash` (`'report-sha256'`), `integrity-violation` (`Integrity-Policy` and its
//!   report-only form), `coep` and `coop` (their report-only forms),
//!   `permissions-policy-violation` (enforced and report-only) and `deprecation`;
//! - the same, with the headers sent by `Secure` through their typed builders:
//!   `Integrity-Policy` blocks a script without `integrity` and runs one with it (and
//!   `crossorigin`), its report-only form reports and blocks nothing, the report-only
//!   forms of COEP and COOP report, and `Permissions-Policy-Report-Only` sends the report
//!   of a feature with `report-to` (a token) to that endpoint and of one without (or
//!   with the group written as a string, as the spec does) to `default`; `NEL` reports
//!   the origin's requests to its `Report-To` group, and not to a `Reporting-Endpoints`
//!   entry;
//! - the keywords of the CSP3 editor's draft do what the specifications say, and unknown
//!   or misspelt keywords are ignored;
//! - a Permissions-Policy with a key that is not lowercase is dropped whole, and every
//!   feature Chromium knows is a `Feature`.
//!
//! Needs `chromium` and `chromedriver` on the `PATH` (Debian: `apt-get install chromium
//! chromium-driver`). Without them every test prints why and passes, unless the `CI`
//! environment variable is set: there a missing browser is a failure.

use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::Extension;
use axum::http::header::CONTENT_TYPE;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use secure_headers::csp::{HashAlgorithm, Source};
use secure_headers::report::{CspViolation, Report, ReportCollector, ReportFormat};
use secure_headers::{
    ContentSecurityPolicy, CspNonce, ReportingEndpoints, Secure, SecureOverride, XFrameOptions,
};
use serde_json::{Value, json};

mod chromium;
use chromium::{Browser, WAIT, bounded};

// ---------------------------------------------------------------------------------------
// Servers and the collector
// ---------------------------------------------------------------------------------------

async fn bind() -> (tokio::net::TcpListener, SocketAddr) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    (listener, addr)
}

fn serve(listener: tokio::net::TcpListener, app: Router) {
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
}

async fn serve_new(app: Router) -> SocketAddr {
    let (listener, addr) = bind().await;
    serve(listener, app);
    addr
}

/// Serves `app` over HTTPS (HTTP/1.1) with a certificate for 127.0.0.1 that only the
/// browser's `--ignore-certificate-errors` accepts.
fn serve_tls(listener: tokio::net::TcpListener, app: Router) {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    serve_tls_with(listener, app, &certified);
}

/// [`serve_tls`] with a given certificate (see [`spki_hash`]).
fn serve_tls_with(
    listener: tokio::net::TcpListener,
    app: Router,
    certified: &rcgen::CertifiedKey<rcgen::KeyPair>,
) {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use hyper_util::service::TowerToHyperService;
    use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![certified.cert.der().clone()], key)
    .unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));

    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                continue;
            };
            let (acceptor, app) = (acceptor.clone(), app.clone());
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                    .http1_only()
                    .serve_connection(TokioIo::new(tls), TowerToHyperService::new(app))
                    .await;
            });
        }
    });
}

/// Waits (bounded) for the next CSP violation report.
async fn next_violation(reports: &Receiver<Report>) -> CspViolation {
    let deadline = Instant::now() + WAIT;
    loop {
        match reports.try_recv() {
            Ok(Report::CspViolation(v)) => return v,
            Ok(other) => eprintln!("ignoring a report of another type: {other:?}"),
            Err(_) => {
                assert!(
                    Instant::now() < deadline,
                    "no CSP violation report within {WAIT:?}"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

fn js(body: &'static str) -> impl IntoResponse {
    ([(CONTENT_TYPE, "text/javascript")], body)
}

/// A `GET` route answering `html` with `headers` (lowercase names), the same on every
/// request.
fn page(headers: Vec<(&'static str, String)>, html: String) -> axum::routing::MethodRouter {
    let headers: Vec<(axum::http::HeaderName, axum::http::HeaderValue)> = headers
        .into_iter()
        .map(|(n, v)| (axum::http::HeaderName::from_static(n), v.parse().unwrap()))
        .collect();
    get(move || {
        let (headers, html) = (headers.clone(), html.clone());
        async move {
            let mut map = axum::http::HeaderMap::new();
            for (n, v) in headers {
                map.append(n, v);
            }
            (map, Html(html))
        }
    })
}

/// The page's records: which scripts ran, and the `securitypolicyviolation` events.
const RECORDER: &str = "window.ran = []; window.violations = []; \
    document.addEventListener('securitypolicyviolation', e => \
    violations.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.disposition));";

fn sorted(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_owned())
        .collect();
    out.sort();
    out
}

fn strings(items: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------
// 1. Nonces, hashes and 'strict-dynamic'
// ---------------------------------------------------------------------------------------

/// The inline script allowed by its hash (the exact text between the tags).
const HASHED: &str = "ran.push('hashed')";
/// A well-formed nonce that is not the request's.
const WRONG_NONCE: &str = "AAAAAAAAAAAAAAAAAAAAAAAA";

/// Every kind of script, each recording that it ran.
async fn scripts_page(nonce: Option<Extension<CspNonce>>) -> Html<String> {
    let n = nonce
        .map(|n| n.0.attribute().to_string())
        .unwrap_or_default();
    Html(format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>scripts</title>
<script {n}>{RECORDER}</script>
</head><body>
<script>ran.push('inline-without-nonce')</script>
<script nonce="{WRONG_NONCE}">ran.push('wrong-nonce')</script>
<script {n}>ran.push('nonced')</script>
<script>{HASHED}</script>
<script {n}>const s = document.createElement('script'); s.src = '/dynamic.js'; document.body.appendChild(s);</script>
<script src="/parser-inserted.js"></script>
<script {n}>ran.push('last')</script>
</body></html>"#
    ))
}

fn scripts_app(secure: Secure) -> Router {
    Router::new()
        .route("/", get(scripts_page))
        .route("/dynamic.js", get(|| async { js("ran.push('dynamic')") }))
        .route(
            "/parser-inserted.js",
            get(|| async { js("ran.push('parser-inserted')") }),
        )
        .layer(secure)
}

/// Loads the scripts page and returns what ran and the violations, once `ran` has
/// `expect_ran` entries and `violations` has `expect_violations` (or the wait ran out).
async fn run_scripts_page(
    browser: &Browser,
    addr: SocketAddr,
    expect_ran: usize,
    expect_violations: usize,
) -> (Vec<String>, Vec<String>) {
    browser.goto(&format!("http://{addr}/")).await;
    browser
        .wait_until(&format!(
            "document.readyState === 'complete' && ran.length >= {expect_ran} \
             && violations.length >= {expect_violations}"
        ))
        .await;
    // Anything else that was going to run has had its chance.
    tokio::time::sleep(Duration::from_millis(200)).await;
    (
        sorted(&browser.eval("window.ran").await),
        sorted(&browser.eval("window.violations").await),
    )
}

#[tokio::test]
async fn scripts_run_only_with_the_nonce_or_hash_and_strict_dynamic_passes_trust_on() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        let hash = Source::hash_of(HashAlgorithm::Sha256, HASHED);

        // script-src 'nonce-…' 'sha256-…'
        let nonce_only = Secure::builder()
            .csp(ContentSecurityPolicy::new().script_src([Source::nonce(), hash.clone()]))
            .build()
            .unwrap();
        // script-src 'nonce-…' 'sha256-…' 'strict-dynamic' 'self': 'self' is ignored
        // under 'strict-dynamic', so a parser-inserted script without nonce is blocked.
        let strict_dynamic = Secure::builder()
            .csp(ContentSecurityPolicy::new().script_src([
                Source::nonce(),
                hash,
                Source::STRICT_DYNAMIC,
                Source::SELF,
            ]))
            .build()
            .unwrap();

        let control = serve_new(scripts_app(Secure::new())).await;
        let nonce_only = serve_new(scripts_app(nonce_only)).await;
        let strict_dynamic = serve_new(scripts_app(strict_dynamic)).await;

        // Without a policy every script runs: the page's records work.
        let all = [
            "inline-without-nonce",
            "wrong-nonce",
            "nonced",
            "hashed",
            "dynamic",
            "parser-inserted",
            "last",
        ];
        let (ran, violations) = run_scripts_page(&browser, control, all.len(), 0).await;
        assert_eq!(ran, strings(&all));
        assert!(violations.is_empty(), "{violations:?}");

        // The request's nonce and the hash run; no nonce, a wrong nonce, and scripts
        // without nonce (parser-inserted or created by a nonced script) are blocked.
        let (ran, violations) = run_scripts_page(&browser, nonce_only, 3, 4).await;
        assert_eq!(ran, strings(&["nonced", "hashed", "last"]));
        let base = format!("http://{nonce_only}");
        assert_eq!(
            violations,
            strings(&[
                "script-src-elem inline enforce",
                "script-src-elem inline enforce",
                &format!("script-src-elem {base}/dynamic.js enforce"),
                &format!("script-src-elem {base}/parser-inserted.js enforce"),
            ])
        );

        // 'strict-dynamic': the script a nonced script creates runs; a parser-inserted
        // one without nonce is still blocked.
        let (ran, violations) = run_scripts_page(&browser, strict_dynamic, 4, 3).await;
        assert_eq!(ran, strings(&["nonced", "hashed", "dynamic", "last"]));
        let base = format!("http://{strict_dynamic}");
        assert_eq!(
            violations,
            strings(&[
                "script-src-elem inline enforce",
                "script-src-elem inline enforce",
                &format!("script-src-elem {base}/parser-inserted.js enforce"),
            ])
        );
    })
    .await;
    browser.close().await;
}

// ---------------------------------------------------------------------------------------
// 2. Framing
// ---------------------------------------------------------------------------------------

/// A page that tells its parent it loaded.
async fn framed_page() -> Html<&'static str> {
    Html(
        "<!doctype html><title>framed</title>\
         <script>parent.postMessage(location.pathname, '*')</script>",
    )
}

/// A page that frames each of `urls` and records the messages they send.
fn framing_page(urls: &[String]) -> Html<String> {
    let frames: String = urls
        .iter()
        .map(|u| format!(r#"<iframe src="{u}"></iframe>"#))
        .collect();
    Html(format!(
        "<!doctype html><title>parent</title>\
         <script>window.msgs = []; addEventListener('message', e => msgs.push(e.origin + ' ' + e.data));</script>\
         {frames}"
    ))
}

/// Loads a framing page and returns the messages its frames sent, once the page and its
/// frames loaded and `expect` messages arrived (or the wait ran out).
async fn frame_messages(browser: &Browser, url: &str, expect: usize) -> Vec<String> {
    browser.goto(url).await;
    browser
        .wait_until(&format!(
            "document.readyState === 'complete' && msgs.length >= {expect}"
        ))
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    sorted(&browser.eval("window.msgs").await)
}

#[tokio::test]
async fn another_origin_cannot_frame_the_page_and_the_same_origin_can() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        let (collector, reports) = ReportCollector::channel(64);
        // frame-ancestors 'self' (reported to /r) and X-Frame-Options: SAMEORIGIN.
        let protected = Secure::builder()
            .csp(
                ContentSecurityPolicy::new()
                    .frame_ancestors([Source::SELF])
                    .report_uri(["/r"]),
            )
            .xfo(XFrameOptions::new())
            .build()
            .unwrap();
        // X-Frame-Options alone (Chromium ignores it when frame-ancestors is present).
        let xfo_only = Secure::builder().xfo(XFrameOptions::new()).build().unwrap();

        let (site_listener, site) = bind().await;
        let (other_listener, other) = bind().await;
        let frames = [
            format!("http://{site}/framed"),
            format!("http://{site}/xfo"),
            format!("http://{site}/open"),
        ];
        let site_frames = frames.clone();
        let site_app = Router::new()
            .route("/framed", get(framed_page))
            .route_service("/r", collector)
            .route(
                "/xfo",
                get(framed_page).layer(SecureOverride::new(xfo_only).unwrap()),
            )
            .route("/open", get(framed_page).layer(SecureOverride::none()))
            .route(
                "/parent",
                get(move || {
                    let frames = site_frames.clone();
                    async move { framing_page(&frames) }
                }),
            )
            .layer(protected);
        serve(site_listener, site_app);
        let other_app = Router::new().route(
            "/parent",
            get(move || {
                let frames = frames.clone();
                async move { framing_page(&frames) }
            }),
        );
        serve(other_listener, other_app);

        // The same origin frames all three.
        let origin = format!("http://{site}");
        let got = frame_messages(&browser, &format!("{origin}/parent"), 3).await;
        assert_eq!(
            got,
            strings(&[
                &format!("{origin} /framed"),
                &format!("{origin} /xfo"),
                &format!("{origin} /open"),
            ])
        );

        // Another origin (another port) frames only the unprotected page.
        let got = frame_messages(&browser, &format!("http://{other}/parent"), 1).await;
        assert_eq!(got, strings(&[&format!("{origin} /open")]));

        // The refusal was reported to the protected page's collector.
        let v = next_violation(&reports).await;
        assert_eq!(v.format, Some(ReportFormat::CspReport));
        assert_eq!(v.effective_directive, "frame-ancestors");
        assert_eq!(v.disposition, "enforce");
        assert_eq!(v.original_policy, "frame-ancestors 'self'; report-uri /r");
        // Chromium names the refused page by its origin only (its path stays private).
        assert_eq!(v.document_url, format!("{origin}/"));
        assert_eq!(v.blocked_url, format!("{origin}/"));
    })
    .await;
    browser.close().await;
}

// ---------------------------------------------------------------------------------------
// 3. Report-only, and the browser's reports in both formats
// ---------------------------------------------------------------------------------------

/// A nonced script and one without nonce, which the enforced policy allows and the
/// report-only policy does not.
async fn report_only_page(Extension(nonce): Extension<CspNonce>) -> Html<String> {
    let n = nonce.attribute();
    Html(format!(
        r#"<!doctype html><html><head><title>report-only</title>
<script {n}>{RECORDER}</script></head><body>
<script {n}>ran.push('nonced')</script>
<script>ran.push('inline-without-nonce')</script>
</body></html>"#
    ))
}

/// Enforced: `script-src 'self' 'unsafe-inline'`; report-only: `script-src 'nonce-…'`
/// with `report`'s reporting directive.
fn report_only_secure(
    report: impl FnOnce(ContentSecurityPolicy) -> ContentSecurityPolicy,
    endpoints: Option<ReportingEndpoints>,
) -> Secure {
    let mut builder = Secure::builder()
        .csp(ContentSecurityPolicy::new().script_src([Source::SELF, Source::UNSAFE_INLINE]))
        .csp_report_only(report(
            ContentSecurityPolicy::new().script_src([Source::nonce()]),
        ));
    if let Some(endpoints) = endpoints {
        builder = builder.reporting_endpoints(endpoints);
    }
    builder.build().unwrap()
}

fn report_only_app(secure: Secure, collector: ReportCollector) -> Router {
    Router::new()
        .route("/page", get(report_only_page))
        .route_service("/r", collector)
        .layer(secure)
}

/// Loads the page: both scripts ran, and the page saw one report-only violation.
async fn load_report_only_page(browser: &Browser, url: &str) {
    browser.goto(url).await;
    browser
        .wait_until(
            "document.readyState === 'complete' && ran.length >= 2 && violations.length >= 1",
        )
        .await;
    assert_eq!(
        sorted(&browser.eval("window.ran").await),
        strings(&["nonced", "inline-without-nonce"]),
        "the report-only policy blocked a script"
    );
    assert_eq!(
        sorted(&browser.eval("window.violations").await),
        strings(&["script-src-elem inline report"])
    );
}

#[tokio::test]
async fn report_only_reports_through_report_uri_without_blocking() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        let (collector, reports) = ReportCollector::channel(64);
        let secure = report_only_secure(|csp| csp.report_uri(["/r"]), None);
        let addr = serve_new(report_only_app(secure, collector)).await;
        let page = format!("http://{addr}/page");

        load_report_only_page(&browser, &page).await;

        let v = next_violation(&reports).await;
        assert_eq!(v.format, Some(ReportFormat::CspReport));
        assert_eq!(v.effective_directive, "script-src-elem");
        assert_eq!(v.disposition, "report");
        assert_eq!(v.document_url, page);
        assert_eq!(v.blocked_url, "inline");
        assert!(
            v.original_policy.starts_with("script-src 'nonce-"),
            "{}",
            v.original_policy
        );
    })
    .await;
    browser.close().await;
}

#[tokio::test]
async fn report_only_reports_through_the_reporting_api_over_https() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        let (collector, reports) = ReportCollector::channel(64);
        let (listener, addr) = bind().await;
        let origin = format!("https://{addr}");
        let secure = report_only_secure(
            |csp| csp.report_to("main"),
            Some(ReportingEndpoints::new().endpoint("main", format!("{origin}/r"))),
        );
        serve_tls(listener, report_only_app(secure, collector));
        let page = format!("{origin}/page");

        load_report_only_page(&browser, &page).await;

        let v = next_violation(&reports).await;
        assert_eq!(v.format, Some(ReportFormat::ReportingApi));
        assert_eq!(v.effective_directive, "script-src-elem");
        assert_eq!(v.disposition, "report");
        assert_eq!(v.document_url, page);
        assert_eq!(v.url, page);
        assert_eq!(v.blocked_url, "inline");
        assert!(v.user_agent.contains("Chrome"), "{}", v.user_agent);
    })
    .await;
    browser.close().await;
}

// ---------------------------------------------------------------------------------------
// 4. Every Reporting API report type Chromium sends, typed
// ---------------------------------------------------------------------------------------

/// The body of the script whose hash `'report-sha256'` reports.
const HASH_REPORTED: &str = "window.a = 1";

/// Adds what `reports` receives to `got` until `done(got)` holds; fails, naming `what`
/// was awaited, after [`WAIT`].
async fn collect_until(
    reports: &Receiver<Report>,
    got: &mut Vec<Report>,
    what: &str,
    done: impl Fn(&[Report]) -> bool,
) {
    let deadline = Instant::now() + WAIT;
    loop {
        got.extend(reports.try_iter());
        if done(got) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "no {what} within {WAIT:?}; got {got:#?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What `pick` takes from each report it applies to, sorted, each once (Chromium may
/// send the same report twice).
fn distinct<T: Ord>(got: &[Report], pick: impl Fn(&Report) -> Option<T>) -> Vec<T> {
    let mut v: Vec<T> = got.iter().filter_map(pick).collect();
    v.sort();
    v.dedup();
    v
}

/// Waits (bounded) until the collector has received a report of every kind in `kinds`,
/// and returns every report received.
async fn reports_of(reports: &Receiver<Report>, kinds: &[&str]) -> Vec<Report> {
    let mut got = Vec::new();
    let what = format!("report of every kind of {kinds:?}");
    collect_until(reports, &mut got, &what, |got| {
        kinds.iter().all(|k| got.iter().any(|r| r.kind() == *k))
    })
    .await;
    got
}

/// One page per report type, over HTTPS (the Reporting API only delivers from secure
/// pages); `https://localhost:<port>` is another origin than `https://127.0.0.1:<port>`.
/// `Integrity-Policy` and the report-only forms of COOP, COEP and Permissions-Policy
/// are sent here as raw header values; the next test sends them through their typed
/// builders.
#[tokio::test]
async fn every_reporting_api_report_type_chromium_sends_is_typed() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        use secure_headers::PermissionsPolicy;

        let (collector, reports) = ReportCollector::channel(256);
        let (listener, addr) = bind().await;
        let port = addr.port();
        let origin = format!("https://{addr}");
        let other = format!("https://localhost:{port}");
        let endpoints = ReportingEndpoints::new()
            .endpoint("main", format!("{origin}/r"))
            .endpoint("default", format!("{origin}/r"));
        let endpoints_value = format!("main=\"{origin}/r\", default=\"{origin}/r\"");

        // 'report-sha256' and Permissions-Policy through the typed builders; a synchronous
        // XMLHttpRequest for a deprecation report.
        let typed = Secure::builder()
            .csp(
                ContentSecurityPolicy::new()
                    .script_src([Source::SELF, Source::REPORT_SHA256, Source::UNSAFE_INLINE])
                    .report_to("main"),
            )
            .permissions(PermissionsPolicy::new().geolocation([]))
            .reporting_endpoints(endpoints)
            .build()
            .unwrap();
        let hash_page = Router::new()
            .route(
                "/hash",
                get(|| async {
                    (
                        [("permissions-policy-report-only", "camera=()")],
                        Html(
                            "<!doctype html><script src=/a.js></script><script>\
                             navigator.geolocation.getCurrentPosition(() => {}, () => {});\
                             navigator.mediaDevices.getUserMedia({video: true}).catch(() => {});\
                             const x = new XMLHttpRequest(); x.open('GET', '/a.js', false); x.send();\
                             </script>",
                        ),
                    )
                }),
            )
            .layer(typed);
        let app = Router::new()
            .route(
                "/integrity",
                page(
                    vec![
                        ("reporting-endpoints", endpoints_value.clone()),
                        (
                            "integrity-policy",
                            "blocked-destinations=(script), endpoints=(main)".to_owned(),
                        ),
                    ],
                    "<!doctype html><script src=/b.js></script>".to_owned(),
                ),
            )
            .route(
                "/integrity-report-only",
                page(
                    vec![
                        ("reporting-endpoints", endpoints_value.clone()),
                        (
                            "integrity-policy-report-only",
                            "blocked-destinations=(script), endpoints=(main)".to_owned(),
                        ),
                    ],
                    "<!doctype html><script src=/c.js></script>".to_owned(),
                ),
            )
            .route(
                "/coep",
                page(
                    vec![
                        ("reporting-endpoints", endpoints_value.clone()),
                        (
                            "cross-origin-embedder-policy-report-only",
                            "require-corp; report-to=\"main\"".to_owned(),
                        ),
                    ],
                    format!("<!doctype html><img src=\"{other}/img\">"),
                ),
            )
            .route(
                "/coop",
                page(
                    vec![
                        ("reporting-endpoints", endpoints_value.clone()),
                        (
                            "cross-origin-opener-policy-report-only",
                            "same-origin; report-to=\"main\"".to_owned(),
                        ),
                    ],
                    format!("<!doctype html><script>window.popup = window.open('{other}/other');</script>"),
                ),
            )
            .route("/a.js", get(|| async { js(HASH_REPORTED) }))
            .route("/b.js", get(|| async { js("window.b = 1") }))
            .route("/c.js", get(|| async { js("window.c = 1") }))
            .route(
                "/img",
                get(|| async { ([(CONTENT_TYPE, "image/gif")], &b"GIF89a"[..]) }),
            )
            .route("/other", get(|| async { Html("other") }))
            .route_service("/r", collector.clone())
            .merge(hash_page);
        serve_tls(listener, app);

        browser.goto(&format!("{origin}/hash")).await;
        browser.wait_until("window.a === 1").await;
        browser.goto(&format!("{origin}/integrity")).await;
        assert_eq!(
            browser.eval("typeof window.b").await,
            json!("undefined"),
            "Integrity-Policy blocked the script without integrity metadata"
        );
        browser.goto(&format!("{origin}/integrity-report-only")).await;
        browser.wait_until("window.c === 1").await;
        assert_eq!(browser.eval("window.c").await, json!(1), "report-only blocks nothing");
        browser.goto(&format!("{origin}/coep")).await;
        browser.goto(&format!("{origin}/coop")).await;

        let mut got = reports_of(
            &reports,
            &[
                "csp-hash",
                "permissions-policy-violation",
                "deprecation",
                "integrity-violation",
                "coep",
                "coop",
            ],
        )
        .await;
        // Nothing fell back to the raw form.
        assert!(
            !got.iter().any(|r| matches!(r, Report::Other { .. })),
            "{got:#?}"
        );

        let hash = got
            .iter()
            .find_map(|r| match r {
                Report::CspHash(h) => Some(h),
                _ => None,
            })
            .unwrap();
        assert_eq!(hash.url, format!("{origin}/hash"));
        assert!(hash.user_agent.contains("Chrome"), "{}", hash.user_agent);
        assert_eq!(hash.body.document_url, format!("{origin}/hash"));
        assert_eq!(hash.body.subresource_url, format!("{origin}/a.js"));
        assert_eq!(hash.body.destination, "script");
        assert_eq!(hash.body.kind, "subresource");
        assert_eq!(
            hash.body.source(),
            Some(Source::hash_of(HashAlgorithm::Sha256, HASH_REPORTED))
        );

        let mut features: Vec<(String, String)> = got
            .iter()
            .filter_map(|r| match r {
                Report::PermissionsPolicyViolation(p) => {
                    assert_eq!(p.url, format!("{origin}/hash"));
                    Some((p.body.feature_id.clone(), p.body.disposition.clone()))
                }
                _ => None,
            })
            .collect();
        features.sort();
        features.dedup();
        assert_eq!(
            features,
            [
                ("camera".to_owned(), "report".to_owned()),
                ("geolocation".to_owned(), "enforce".to_owned())
            ]
        );

        let deprecation = got
            .iter()
            .find_map(|r| match r {
                Report::Deprecation(d) => Some(d),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            deprecation.body.id,
            "XMLHttpRequestSynchronousInNonWorkerOutsideBeforeUnload"
        );
        assert_eq!(
            deprecation.body.source_file.as_deref(),
            Some(format!("{origin}/hash").as_str())
        );

        // Both forms of Integrity-Policy (the report-only one may come in a later batch).
        let deadline = Instant::now() + WAIT;
        let integrity = |got: &[Report], report_only: bool| {
            got.iter()
                .find_map(|r| match r {
                    Report::IntegrityViolation(i) if i.body.report_only == report_only => {
                        Some(i.clone())
                    }
                    _ => None,
                })
        };
        while integrity(&got, true).is_none() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
            got.extend(reports.try_iter());
        }
        let blocked = integrity(&got, false).unwrap();
        assert_eq!(blocked.body.document_url, format!("{origin}/integrity"));
        assert_eq!(blocked.body.blocked_url, format!("{origin}/b.js"));
        assert_eq!(blocked.body.destination, "script");
        let reported = integrity(&got, true).expect("a report-only integrity-violation");
        assert_eq!(
            reported.body.document_url,
            format!("{origin}/integrity-report-only")
        );
        assert_eq!(reported.body.blocked_url, format!("{origin}/c.js"));

        let coep = got
            .iter()
            .find_map(|r| match r {
                Report::Coep(c) => Some(c),
                _ => None,
            })
            .unwrap();
        assert_eq!(coep.url, format!("{origin}/coep"));
        assert_eq!(coep.body.kind, "corp");
        assert_eq!(coep.body.blocked_url, format!("{other}/img"));
        assert_eq!(coep.body.destination, "image");
        assert_eq!(coep.body.disposition, "reporting");

        let coop: Vec<_> = got
            .iter()
            .filter_map(|r| match r {
                Report::Coop(c) => Some(c),
                _ => None,
            })
            .collect();
        let navigation = coop
            .iter()
            .find(|c| c.body.kind == "navigation-from-response")
            .unwrap_or_else(|| panic!("{coop:#?}"));
        assert_eq!(navigation.url, format!("{origin}/coop"));
        assert_eq!(navigation.body.disposition, "reporting");
        assert_eq!(navigation.body.effective_policy, "same-origin");
        assert_eq!(navigation.body.next_response_url, format!("{other}/other"));

        // Every report was counted as accepted; none was dropped.
        let stats = collector.stats();
        assert_eq!(stats.dropped, 0);
        assert!(stats.accepted >= got.len() as u64, "{stats:?}");
    })
    .await;
    browser.close().await;
}

/// Chromium sends a Document-Policy report only to the group the feature's `;report-to`
/// names, or to the default group of the `*` member (`*;report-to=group`, which
/// [`DocumentPolicy::report_to`](secure_headers::DocumentPolicy::report_to) writes): a
/// member named `report-to` is ignored, and without either the report goes nowhere, not
/// to the endpoint named `default`, which the page's Permissions-Policy-Report-Only report
/// reaches. The reports arrive typed.
#[tokio::test]
async fn document_policy_reports_go_only_where_report_to_names() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        use secure_headers::{DocumentPolicy, Policy};

        let (collector, reports) = ReportCollector::channel(256);
        let (listener, addr) = bind().await;
        let origin = format!("https://{addr}");
        let endpoints = format!("main=\"{origin}/r\", default=\"{origin}/r\"");
        // The policy the page enforces allows the profiler; the report-only one does not,
        // so `new Profiler` works and queues a report-only violation.
        let profiled = |ro: String| {
            let headers = vec![
                ("reporting-endpoints", endpoints.clone()),
                ("document-policy", "js-profiling".to_owned()),
                ("document-policy-report-only", ro),
                ("permissions-policy-report-only", "camera=()".to_owned()),
            ];
            let html = "<!doctype html><script>\
                        try { new Profiler({sampleInterval: 10, maxBufferSize: 10}); window.p = 'made'; }\
                        catch (e) { window.p = String(e); }\
                        navigator.mediaDevices.getUserMedia({video: true}).catch(() => {});\
                        </script>";
            page(headers, html.to_owned())
        };
        let off = || DocumentPolicy::new().boolean("js-profiling", false);
        let render = |p: DocumentPolicy| p.render().unwrap();
        let pages = [
            ("/feature", render(off().feature_report_to("js-profiling", "main")), true),
            ("/default", render(off().report_to("main")), true),
            ("/member", "js-profiling=?0, report-to=main".to_owned(), false),
            ("/none", render(off()), false),
        ];
        assert_eq!(pages[1].1, "js-profiling=?0, *;report-to=main");
        let mut app = Router::new().route_service("/r", collector.clone());
        for (path, ro, _) in &pages {
            app = app.route(path, profiled(ro.clone()));
        }
        serve_tls(listener, app);
        for (path, _, _) in &pages {
            browser.goto(&format!("{origin}{path}")).await;
            assert_eq!(browser.eval("window.p").await, json!("made"), "{path}");
        }

        // Wait (bounded) for every page's Permissions-Policy report, which reaches
        // `default`, and every Document-Policy report expected; then a little more for one
        // that should not come.
        let mut expected: Vec<String> = pages
            .iter()
            .filter(|(_, _, reported)| *reported)
            .map(|(path, _, _)| format!("{origin}{path}"))
            .collect();
        expected.sort();
        let from = |got: &[Report], document_policy: bool| {
            distinct(got, |r| match r {
                Report::DocumentPolicyViolation(d) if document_policy => Some(d.url.clone()),
                Report::PermissionsPolicyViolation(p) if !document_policy => Some(p.url.clone()),
                _ => None,
            })
        };
        let mut got = Vec::new();
        let what = "a camera report from every page and the Document-Policy reports expected";
        collect_until(&reports, &mut got, what, |got| {
            from(got, false).len() == pages.len() && from(got, true) == expected
        })
        .await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        got.extend(reports.try_iter());
        assert!(
            !got.iter().any(|r| matches!(r, Report::Other { .. })),
            "{got:#?}"
        );
        let dp: Vec<_> = got
            .iter()
            .filter_map(|r| match r {
                Report::DocumentPolicyViolation(d) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(from(&got, true), expected, "{dp:#?}");
        for d in dp {
            assert_eq!(d.body.feature_id, "js-profiling");
            assert!(d.body.is_report_only(), "{d:?}");
            assert_eq!(d.body.source_file.as_deref(), Some(d.url.as_str()));
            assert!(d.body.message.contains("js-profiling"), "{d:?}");
        }
    })
    .await;
    browser.close().await;
}

/// Chromium enforces `Document-Isolation-Policy` (the page is cross-origin isolated, and a
/// cross-origin script without `Cross-Origin-Resource-Policy` is blocked), but sends no
/// report for it, enforced or report-only, with `report-to` as a string or a token, while
/// `Cross-Origin-Embedder-Policy-Report-Only` on the same page shape reports the same
/// script. The reason for lint's `dip-sends-no-reports`; when this test fails, Chromium
/// has begun to send them.
#[tokio::test]
async fn chromium_enforces_document_isolation_policy_and_sends_no_report() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        use secure_headers::{DocumentIsolationPolicy, Policy};

        let (collector, reports) = ReportCollector::channel(256);
        let (listener, addr) = bind().await;
        let port = addr.port();
        let origin = format!("https://{addr}");
        let other = format!("https://localhost:{port}");
        let endpoints = format!("main=\"{origin}/r\", default=\"{origin}/r\"");
        let with = |name: &'static str, value: String| {
            let html = format!(
                "<!doctype html><script>window.loaded = 'pending';</script>\
                 <script src=\"{other}/x.js\" onload=\"window.loaded = 'loaded'\" \
                 onerror=\"window.loaded = 'blocked'\"></script>"
            );
            page(
                vec![("reporting-endpoints", endpoints.clone()), (name, value)],
                html,
            )
        };
        let dip = DocumentIsolationPolicy::new()
            .isolate_and_require_corp()
            .report_to("main");
        let (enforced, report_only) = (dip.render().unwrap(), dip.report_only().render().unwrap());
        assert_eq!(enforced, "isolate-and-require-corp; report-to=\"main\"");
        let dip_ro = "document-isolation-policy-report-only";
        let pages = [
            (
                "/dip",
                ("document-isolation-policy", enforced),
                (true, "blocked"),
            ),
            ("/dip-ro", (dip_ro, report_only), (false, "loaded")),
            (
                "/dip-ro-token",
                (
                    dip_ro,
                    "isolate-and-require-corp; report-to=main".to_owned(),
                ),
                (false, "loaded"),
            ),
            (
                "/coep-ro",
                (
                    "cross-origin-embedder-policy-report-only",
                    "require-corp; report-to=\"main\"".to_owned(),
                ),
                (false, "loaded"),
            ),
        ];
        let mut app = Router::new()
            .route("/x.js", get(|| async { js("window.x = 1") }))
            .route_service("/r", collector.clone());
        for (path, (name, value), _) in &pages {
            app = app.route(path, with(name, value.clone()));
        }
        serve_tls(listener, app);
        for (path, _, (isolated, script)) in &pages {
            browser.goto(&format!("{origin}{path}")).await;
            browser.wait_until("window.loaded !== 'pending'").await;
            assert_eq!(
                browser
                    .eval("[self.crossOriginIsolated, window.loaded]")
                    .await,
                json!([isolated, script]),
                "{path}"
            );
        }
        let mut got = Vec::new();
        collect_until(&reports, &mut got, "the COEP report", |got| {
            got.iter().any(|r| matches!(r, Report::Coep(_)))
        })
        .await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        got.extend(reports.try_iter());
        let from = distinct(&got, |r| {
            Some((
                r.kind().to_owned(),
                match r {
                    Report::Coep(c) => c.url.clone(),
                    other => format!("{other:?}"),
                },
            ))
        });
        assert_eq!(
            from,
            [("coep".to_owned(), format!("{origin}/coep-ro"))],
            "{got:#?}"
        );
    })
    .await;
    browser.close().await;
}

/// A 64×64 24-bit BMP (lossless, 24 bits per pixel).
fn bmp_64() -> Vec<u8> {
    let (w, h) = (64u32, 64u32);
    let row = (w * 3).div_ceil(4) * 4;
    let size = 54 + row * h;
    let mut bmp = Vec::with_capacity(size as usize);
    bmp.extend_from_slice(b"BM");
    bmp.extend_from_slice(&size.to_le_bytes());
    bmp.extend_from_slice(&[0; 4]);
    bmp.extend_from_slice(&54u32.to_le_bytes());
    bmp.extend_from_slice(&40u32.to_le_bytes());
    bmp.extend_from_slice(&w.to_le_bytes());
    bmp.extend_from_slice(&h.to_le_bytes());
    bmp.extend_from_slice(&1u16.to_le_bytes());
    bmp.extend_from_slice(&24u16.to_le_bytes());
    bmp.extend_from_slice(&[0; 24]);
    bmp.resize(size as usize, 0x80);
    bmp
}

/// Of a report-only Document-Policy whose every feature this page violates (the profiler
/// made, a 64-pixel lossless image shown at 4 pixels and another without a size, 24
/// bits per pixel against limits of 0.1), Chromium reports `js-profiling` alone: the image
/// policies and `unsized-media` are behind runtime flags, which lint's
/// `document-policy-feature-unavailable` says. When this test fails, Chromium has made one
/// of them available.
#[tokio::test]
async fn chromium_honors_js_profiling_and_ignores_the_image_policies() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        use secure_headers::{DocumentPolicy, Policy};

        let (collector, reports) = ReportCollector::channel(256);
        let (listener, addr) = bind().await;
        let origin = format!("https://{addr}");
        let endpoints = format!("main=\"{origin}/r\"");
        let ro = DocumentPolicy::new()
            .boolean("js-profiling", false)
            .oversized_images(1.0)
            .unsized_media(false)
            .lossless_images_max_bpp(0.1)
            .lossy_images_max_bpp(0.1)
            .report_to("main")
            .report_only()
            .render()
            .unwrap();
        let bmp = bmp_64();
        let app = Router::new()
            .route(
                "/page",
                page(
                    vec![
                        ("reporting-endpoints", endpoints),
                        ("document-policy", "js-profiling".to_owned()),
                        ("document-policy-report-only", ro),
                    ],
                    "<!doctype html><img id=a src=/64.bmp width=4 height=4>\
                     <img id=b src=/64.bmp><script>\
                     new Profiler({sampleInterval: 10, maxBufferSize: 10});\
                     </script>"
                        .to_owned(),
                ),
            )
            .route(
                "/64.bmp",
                get(move || {
                    let bmp = bmp.clone();
                    async move { ([(CONTENT_TYPE, "image/bmp")], bmp) }
                }),
            )
            .route_service("/r", collector.clone());
        serve_tls(listener, app);
        browser.goto(&format!("{origin}/page")).await;
        browser
            .wait_until("a.complete && b.complete && document.readyState === 'complete'")
            .await;
        assert_eq!(
            browser.eval("[a.naturalWidth, a.width, b.width]").await,
            json!([64, 4, 64]),
            "the image loaded, one shown at 4 pixels, one unsized"
        );
        let mut got = Vec::new();
        collect_until(&reports, &mut got, "the js-profiling report", |got| {
            !got.is_empty()
        })
        .await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        got.extend(reports.try_iter());
        let features = distinct(&got, |r| match r {
            Report::DocumentPolicyViolation(d) => Some(d.body.feature_id.clone()),
            other => Some(format!("{other:?}")),
        });
        assert_eq!(features, ["js-profiling"], "{got:#?}");
    })
    .await;
    browser.close().await;
}

/// Chromium reads COOP's and COEP's `report-to` only as a string: with a token
/// (`report-to=main`) neither reports, while the string form of each does; a parameter name
/// in capitals (`Report-To="main"`) makes COEP no structured-field item, and Chromium
/// drops the whole header (the cross-origin script it would block runs), while an unknown
/// lowercase parameter is harmless. What lint's `report-to-token` and `coep-invalid` say.
/// The builders write `report-to="group"`.
#[tokio::test]
async fn chromium_reads_coop_and_coep_report_to_only_as_a_string() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        use secure_headers::{CrossOriginEmbedderPolicy, CrossOriginOpenerPolicy, Policy};

        let (collector, reports) = ReportCollector::channel(256);
        let (listener, addr) = bind().await;
        let port = addr.port();
        let origin = format!("https://{addr}");
        let other = format!("https://localhost:{port}");
        let endpoints = format!("main=\"{origin}/r\"");
        let with = |name: &'static str, value: String| {
            let html = format!(
                "<!doctype html><script>window.x = 0; window.w = window.open('{other}/x.js');\
                 </script><script src=\"{other}/x.js\"></script>"
            );
            page(
                vec![("reporting-endpoints", endpoints.clone()), (name, value)],
                html,
            )
        };
        let coep = CrossOriginEmbedderPolicy::REQUIRE_CORP.report_to("main");
        let coop = CrossOriginOpenerPolicy::SAME_ORIGIN.report_to("main");
        let coep_ro = "cross-origin-embedder-policy-report-only";
        let coop_ro = "cross-origin-opener-policy-report-only";
        // (path, header, value, whether the cross-origin script runs, whether it reports)
        let pages = [
            (
                "/coep-string",
                coep_ro,
                coep.clone().report_only().render().unwrap(),
                true,
                true,
            ),
            (
                "/coep-token",
                coep_ro,
                "require-corp; report-to=main".to_owned(),
                true,
                false,
            ),
            (
                "/coop-string",
                coop_ro,
                coop.report_only().render().unwrap(),
                true,
                true,
            ),
            (
                "/coop-token",
                coop_ro,
                "same-origin; report-to=main".to_owned(),
                true,
                false,
            ),
            (
                "/coep",
                "cross-origin-embedder-policy",
                coep.render().unwrap(),
                false,
                true,
            ),
            (
                "/coep-capital",
                "cross-origin-embedder-policy",
                "require-corp; Report-To=\"main\"".to_owned(),
                true,
                false,
            ),
            (
                "/coep-unknown-parameter",
                "cross-origin-embedder-policy",
                "require-corp; foo=1".to_owned(),
                false,
                false,
            ),
        ];
        assert_eq!(pages[4].2, "require-corp; report-to=\"main\"");
        let mut app = Router::new()
            .route("/x.js", get(|| async { js("window.x = 1") }))
            .route_service("/r", collector.clone());
        for (path, name, value, _, _) in &pages {
            app = app.route(path, with(name, value.clone()));
        }
        serve_tls(listener, app);
        for (path, _, _, runs, _) in &pages {
            browser.goto(&format!("{origin}{path}")).await;
            browser
                .wait_until("document.readyState === 'complete'")
                .await;
            assert_eq!(
                browser.eval("window.x").await,
                json!(i32::from(*runs)),
                "{path}"
            );
        }
        let reporting: Vec<String> = pages
            .iter()
            .filter(|p| p.4)
            .map(|(path, ..)| format!("{origin}{path}"))
            .collect();
        let from = |got: &[Report]| {
            distinct(got, |r| match r {
                Report::Coep(c) => Some(c.url.clone()),
                Report::Coop(c) => Some(c.url.clone()),
                other => Some(format!("{other:?}")),
            })
        };
        let mut got = Vec::new();
        collect_until(
            &reports,
            &mut got,
            "a report from each page that reports",
            |got| reporting.iter().all(|u| from(got).contains(u)),
        )
        .await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        got.extend(reports.try_iter());
        let mut expected = reporting.clone();
        expected.sort();
        assert_eq!(from(&got), expected, "{got:#?}");
    })
    .await;
    browser.close().await;
}

/// Chromium ignores `sandbox` in a report-only policy: enforced, it gives the page an
/// opaque origin; report-only, the page keeps its origin and no report names `sandbox`,
/// while the same policy's `img-src 'none'` reports the page's image. What lint's
/// `csp-ignored-in-report-only` says.
#[tokio::test]
async fn chromium_ignores_sandbox_in_a_report_only_policy() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        let (collector, reports) = ReportCollector::channel(256);
        let with = |name: &'static str, value: &'static str| {
            let html = "<!doctype html><img src=/img><script>window.o = window.origin</script>";
            page(vec![(name, value.to_owned())], html.to_owned())
        };
        let app = Router::new()
            .route(
                "/enforced",
                with("content-security-policy", "sandbox allow-scripts"),
            )
            .route(
                "/report-only",
                with(
                    "content-security-policy-report-only",
                    "sandbox; img-src 'none'; report-uri /r",
                ),
            )
            .route(
                "/img",
                get(|| async { ([(CONTENT_TYPE, "image/gif")], GIF) }),
            )
            .route_service("/r", collector.clone());
        let origin = format!("http://{}", serve_new(app).await);
        browser.goto(&format!("{origin}/enforced")).await;
        browser.wait_until("window.o !== undefined").await;
        assert_eq!(browser.eval("window.o").await, json!("null"), "sandboxed");
        browser.goto(&format!("{origin}/report-only")).await;
        browser.wait_until("window.o !== undefined").await;
        assert_eq!(
            browser.eval("window.o").await,
            json!(origin),
            "not sandboxed"
        );
        let v = next_violation(&reports).await;
        assert_eq!(
            (v.effective_directive.as_str(), v.disposition.as_str()),
            ("img-src", "report")
        );
        tokio::time::sleep(Duration::from_secs(2)).await;
        let more: Vec<Report> = reports.try_iter().collect();
        assert!(
            more.iter().all(
                |r| matches!(r, Report::CspViolation(v) if v.effective_directive == "img-src")
            ),
            "{more:#?}"
        );
    })
    .await;
    browser.close().await;
}

/// A `Reporting-Endpoints` name in capitals makes the value no structured-field
/// dictionary: Chromium drops the whole header, so a CSP report to the lowercase `default`
/// it also declares goes nowhere, while the same page with the name in lowercase reports.
/// What lint's `reporting-endpoints-invalid` says of a received value (the builder and the
/// parser write names lowercase).
#[tokio::test]
async fn chromium_drops_reporting_endpoints_with_a_name_in_capitals() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        let (collector, reports) = ReportCollector::channel(256);
        let (listener, addr) = bind().await;
        let origin = format!("https://{addr}");
        let declaring = |other_name: &'static str| {
            let endpoints = format!("default=\"{origin}/r\", {other_name}=\"{origin}/r\"");
            let csp = "img-src 'none'; report-to default".to_owned();
            let headers = vec![
                ("reporting-endpoints", endpoints),
                ("content-security-policy-report-only", csp),
            ];
            page(headers, "<!doctype html><img src=/img>".to_owned())
        };
        let app = Router::new()
            .route("/capitals", declaring("Main"))
            .route("/lowercase", declaring("main"))
            .route(
                "/img",
                get(|| async { ([(CONTENT_TYPE, "image/gif")], GIF) }),
            )
            .route_service("/r", collector.clone());
        serve_tls(listener, app);
        // The page with capitals first: its report, if any, would come no later.
        for path in ["/capitals", "/lowercase"] {
            browser.goto(&format!("{origin}{path}")).await;
            browser
                .wait_until("document.readyState === 'complete'")
                .await;
        }
        let v = next_violation(&reports).await;
        assert_eq!(v.document_url, format!("{origin}/lowercase"));
        tokio::time::sleep(Duration::from_secs(3)).await;
        let more: Vec<String> = reports
            .try_iter()
            .filter_map(|r| match r {
                Report::CspViolation(v) => Some(v.document_url),
                _ => None,
            })
            .collect();
        assert!(
            more.iter().all(|u| *u == format!("{origin}/lowercase")),
            "{more:?}"
        );
    })
    .await;
    browser.close().await;
}

/// The body of the script loaded with `integrity` metadata.
const WITH_INTEGRITY: &str = "window.d = 1";

/// The headers that ask for reports, sent by `Secure` through their typed builders (not
/// as custom headers): `Integrity-Policy` blocks a script without `integrity` and runs
/// one with it, its report-only form reports and blocks nothing,
/// `Cross-Origin-Embedder-Policy-Report-Only` and `Cross-Origin-Opener-Policy-Report-Only`
/// (derived with `report_only()`) report, and `Permissions-Policy-Report-Only` sends the
/// report of a feature with `report-to` to that endpoint, and of one without it to
/// `default`.
#[tokio::test]
async fn typed_report_only_and_integrity_headers_work_in_chromium() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        use secure_headers::{
            CrossOriginEmbedderPolicy, CrossOriginOpenerPolicy, IntegrityPolicy, PermissionsPolicy,
            PermissionsPolicyReportOnly,
        };

        let (collector, reports) = ReportCollector::channel(256);
        let (pp_collector, pp_reports) = ReportCollector::channel(64);
        let (listener, addr) = bind().await;
        let origin = format!("https://{addr}");
        let other = format!("https://localhost:{}", addr.port());
        let endpoints = ReportingEndpoints::new()
            .endpoint("main", format!("{origin}/r"))
            .endpoint("default", format!("{origin}/r"))
            .endpoint("pp", format!("{origin}/rpp"));
        let with = |f: fn(secure_headers::SecureBuilder) -> secure_headers::SecureBuilder| {
            f(Secure::builder().reporting_endpoints(endpoints.clone()))
                .build()
                .unwrap()
        };
        let page = |path: &'static str, secure: Secure, html: String| {
            Router::new()
                .route(
                    path,
                    get(move || {
                        let html = html.clone();
                        async move { Html(html) }
                    }),
                )
                .layer(secure)
        };
        let integrity = Source::hash_of(HashAlgorithm::Sha256, WITH_INTEGRITY).to_string();
        let integrity = integrity.trim_matches('\'');
        let scripts = format!(
            "<!doctype html><script src=/b.js></script>\
             <script src=/d.js integrity=\"{integrity}\" crossorigin></script>"
        );

        let ip = with(|b| b.integrity_policy(IntegrityPolicy::new().script().endpoint("main")));
        let ip_ro = with(|b| {
            b.integrity_policy_report_only(IntegrityPolicy::new().endpoint("main").report_only())
        });
        let coep = with(|b| {
            b.coep_report_only(
                CrossOriginEmbedderPolicy::new()
                    .require_corp()
                    .report_to("main")
                    .report_only(),
            )
        });
        let coop = with(|b| {
            b.coop_report_only(
                CrossOriginOpenerPolicy::new()
                    .report_to("main")
                    .report_only(),
            )
        });
        // The spec writes report-to's group as a string; Chromium reads only a token, and
        // sends the report of a feature whose group is a string to `default`.
        let pp_string = with(|b| {
            b.permissions_report_only(
                PermissionsPolicyReportOnly::new().value("camera=();report-to=\"pp\""),
            )
        });
        let pp = with(|b| {
            b.permissions_report_only(
                PermissionsPolicy::new()
                    .camera([])
                    .geolocation([])
                    .report_to("camera", "pp")
                    .report_only(),
            )
        });
        // What is sent is what the typed builders render.
        let header = |s: &Secure, name: &str| {
            s.header_items()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_owned())
                .unwrap()
        };
        for (secure, name, value) in [
            (
                &ip,
                "Integrity-Policy",
                "blocked-destinations=(script), endpoints=(main)",
            ),
            (
                &ip_ro,
                "Integrity-Policy-Report-Only",
                "blocked-destinations=(script), endpoints=(main)",
            ),
            (
                &coep,
                "Cross-Origin-Embedder-Policy-Report-Only",
                "require-corp; report-to=\"main\"",
            ),
            (
                &coop,
                "Cross-Origin-Opener-Policy-Report-Only",
                "same-origin; report-to=\"main\"",
            ),
            (
                &pp,
                "Permissions-Policy-Report-Only",
                "camera=();report-to=pp, geolocation=()",
            ),
        ] {
            assert_eq!(header(secure, name), value);
        }

        let camera = "<!doctype html><script>\
                      navigator.mediaDevices.getUserMedia({video: true}).catch(() => {});\
                      </script>";
        let app = Router::new()
            .merge(page("/pp-string", pp_string, camera.to_owned()))
            .merge(page("/ip", ip, scripts.clone()))
            .merge(page("/ip-ro", ip_ro, scripts))
            .merge(page(
                "/coep",
                coep,
                format!("<!doctype html><img src=\"{other}/img\">"),
            ))
            .merge(page(
                "/coop",
                coop,
                format!(
                    "<!doctype html><script>window.popup = window.open('{other}/other');</script>"
                ),
            ))
            .merge(page(
                "/pp",
                pp,
                "<!doctype html><script>\
                 navigator.mediaDevices.getUserMedia({video: true}).catch(() => {});\
                 navigator.geolocation.getCurrentPosition(() => {}, () => {});\
                 </script>"
                    .to_owned(),
            ))
            .route("/b.js", get(|| async { js("window.b = 1") }))
            .route("/d.js", get(|| async { js(WITH_INTEGRITY) }))
            .route(
                "/img",
                get(|| async { ([(CONTENT_TYPE, "image/gif")], &b"GIF89a"[..]) }),
            )
            .route("/other", get(|| async { Html("other") }))
            .route_service("/r", collector.clone())
            .route_service("/rpp", pp_collector.clone());
        serve_tls(listener, app);

        browser.goto(&format!("{origin}/ip")).await;
        browser.wait_until("window.d === 1").await;
        assert_eq!(
            browser.eval("typeof window.b").await,
            json!("undefined"),
            "Integrity-Policy blocked the script without integrity metadata"
        );
        browser.goto(&format!("{origin}/ip-ro")).await;
        browser.wait_until("window.b === 1 && window.d === 1").await;
        browser.goto(&format!("{origin}/coep")).await;
        browser.goto(&format!("{origin}/coop")).await;
        browser.goto(&format!("{origin}/pp")).await;
        browser.goto(&format!("{origin}/pp-string")).await;

        let integrity = |got: &[Report]| {
            distinct(got, |r| match r {
                Report::IntegrityViolation(i) => Some((
                    i.body.document_url.clone(),
                    i.body.blocked_url.clone(),
                    i.body.report_only,
                )),
                _ => None,
            })
        };
        let features = |got: &[Report]| {
            distinct(got, |r| match r {
                Report::PermissionsPolicyViolation(p) => Some((
                    p.url.clone(),
                    p.body.feature_id.clone(),
                    p.body.disposition.clone(),
                )),
                _ => None,
            })
        };
        // Both integrity reports, COEP, COOP and both pages' Permissions-Policy reports
        // (they may come in several batches).
        let mut got = reports_of(&reports, &["coep", "coop"]).await;
        collect_until(
            &reports,
            &mut got,
            "integrity and permissions reports",
            |got| integrity(got).len() >= 2 && features(got).len() >= 2,
        )
        .await;
        let mut got_pp = reports_of(&pp_reports, &["permissions-policy-violation"]).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        got.extend(reports.try_iter());
        got_pp.extend(pp_reports.try_iter());

        // Only the script without integrity metadata is reported (blocked, or in the
        // report-only form, reported and run); the one with it is not.
        assert_eq!(
            integrity(&got),
            [
                (format!("{origin}/ip"), format!("{origin}/b.js"), false),
                (format!("{origin}/ip-ro"), format!("{origin}/b.js"), true),
            ],
            "{got:#?}"
        );

        let coep = got
            .iter()
            .find_map(|r| match r {
                Report::Coep(c) => Some(c),
                _ => None,
            })
            .unwrap();
        assert_eq!(coep.url, format!("{origin}/coep"));
        assert_eq!(coep.body.blocked_url, format!("{other}/img"));
        assert_eq!(coep.body.disposition, "reporting");

        let coop = got
            .iter()
            .find_map(|r| match r {
                Report::Coop(c) if c.url == format!("{origin}/coop") => Some(c),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{got:#?}"));
        assert_eq!(coop.body.disposition, "reporting");
        assert_eq!(coop.body.effective_policy, "same-origin");
        assert_eq!(coop.body.kind, "navigation-from-response");

        // camera (report-to=pp) reached the pp endpoint, geolocation (no report-to) and
        // the camera of the page whose group is a string the endpoint named default; all
        // as report-only.
        let pp_page = format!("{origin}/pp");
        let pp_string_page = format!("{origin}/pp-string");
        assert_eq!(
            features(&got_pp),
            [(pp_page.clone(), "camera".to_owned(), "report".to_owned())]
        );
        assert_eq!(
            features(&got),
            [
                (pp_page, "geolocation".to_owned(), "report".to_owned()),
                (pp_string_page, "camera".to_owned(), "report".to_owned()),
            ]
        );
        assert_eq!(collector.stats().dropped, 0);
    })
    .await;
    browser.close().await;
}

/// The base64 SHA-256 of a certificate's public key, for Chromium's
/// `--ignore-certificate-errors-spki-list`: with it, the certificate counts as valid,
/// which the network-level headers (`Report-To`, `NEL`) need.
fn spki_hash(certified: &rcgen::CertifiedKey<rcgen::KeyPair>) -> String {
    let spki = rcgen::PublicKeyData::subject_public_key_info(&certified.signing_key);
    let source = Source::hash_of(HashAlgorithm::Sha256, spki);
    source
        .to_string()
        .trim_matches('\'')
        .trim_start_matches("sha256-")
        .to_owned()
}

/// `NEL` and `Report-To` sent by `Secure` through their typed builders: Chromium reports
/// the origin's requests (`success_fraction` 1.0: every one) as `network-error` reports to
/// the `Report-To` group's endpoint, successes as `ok` and a 404 as `http.error`. A `NEL`
/// whose group only `Reporting-Endpoints` declares (another origin, served at the same
/// time) gets no report: NEL reads only `Report-To`, as `lint`'s `nel-group-undeclared`
/// says. Chromium applies both headers only from a response whose certificate is valid:
/// the test's certificate is made so with `--ignore-certificate-errors-spki-list`.
#[tokio::test]
async fn nel_reports_through_its_report_to_group_only() {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let flag = format!(
        "--ignore-certificate-errors-spki-list={}",
        spki_hash(&certified)
    );
    let Some(browser) = Browser::start_with(&[flag]).await else {
        return;
    };
    bounded(async {
        use secure_headers::{Nel, ReportTo, ReportToGroup};

        let (collector, reports) = ReportCollector::channel(256);
        let (listener, addr) = bind().await;
        let (other_listener, other_addr) = bind().await;
        let origin = format!("https://{addr}");
        let other = format!("https://{other_addr}");
        let secure = Secure::builder()
            .report_to(ReportTo::new().group(
                ReportToGroup::new("nel", 86_400).endpoint(&format!("{origin}/nel")),
            ))
            .nel(
                Nel::new()
                    .report_to("nel")
                    .max_age(86_400)
                    .success_fraction(1.0)
                    .failure_fraction(1.0),
            )
            .build()
            .unwrap();
        assert_eq!(
            secure.to_string(),
            format!(
                "Report-To: {{\"group\":\"nel\",\"max_age\":86400,\"endpoints\":[{{\"url\":\"{origin}/nel\"}}]}}\n\
                 NEL: {{\"report_to\":\"nel\",\"max_age\":86400,\"success_fraction\":1.0,\"failure_fraction\":1.0}}"
            )
        );
        // The same NEL, with its group declared only in Reporting-Endpoints (an endpoint
        // of its own origin, on the same collector).
        let only_endpoints = Secure::builder()
            .reporting_endpoints(ReportingEndpoints::new().endpoint("nel", format!("{other}/nel")))
            .nel(Nel::new().report_to("nel").success_fraction(1.0))
            .build()
            .unwrap();
        let page = "<!doctype html><script>fetch('/x').then(() => fetch('/missing'));</script>";
        let app = |secure: Secure| {
            Router::new()
                .route("/page", get(move || async move { Html(page) }))
                .route("/x", get(|| async { "x" }))
                .layer(secure)
        };
        serve_tls_with(
            listener,
            app(secure).route_service("/nel", collector.clone()),
            &certified,
        );
        serve_tls_with(
            other_listener,
            app(only_endpoints).route_service("/nel", collector.clone()),
            &certified,
        );

        browser.goto(&format!("{other}/page")).await;
        browser.goto(&format!("{other}/page")).await;
        browser.goto(&format!("{origin}/page")).await;
        browser.goto(&format!("{origin}/page")).await;

        let seen = |got: &[Report]| {
            distinct(got, |r| match r {
                Report::NetworkError(n) => {
                    Some((n.url.clone(), n.body.kind.clone(), n.body.status_code))
                }
                _ => None,
            })
        };
        let wanted = [
            (format!("{origin}/missing"), "http.error".to_owned(), 404),
            (format!("{origin}/x"), "ok".to_owned(), 200),
        ];
        let mut got = Vec::new();
        let what = format!("network-error reports of {wanted:?}");
        collect_until(&reports, &mut got, &what, |got| {
            wanted.iter().all(|w| seen(got).contains(w))
        })
        .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        got.extend(reports.try_iter());

        let x = got
            .iter()
            .find_map(|r| match r {
                Report::NetworkError(n) if n.url == format!("{origin}/x") => Some(n),
                _ => None,
            })
            .unwrap();
        assert_eq!(x.body.sampling_fraction, 1.0);
        assert_eq!(x.body.method, "GET");
        assert_eq!(x.body.phase, "application");
        assert_eq!(x.body.server_ip, "127.0.0.1");
        assert_eq!(x.body.referrer, format!("{origin}/page"));
        // Nothing from the origin whose NEL names a Reporting-Endpoints entry.
        let stray: Vec<_> = seen(&got)
            .into_iter()
            .filter(|(url, _, _)| url.starts_with(&other))
            .collect();
        assert_eq!(stray, [], "{got:#?}");
        assert_eq!(collector.stats().dropped, 0);
    })
    .await;
    browser.close().await;
}

// ---------------------------------------------------------------------------------------
// 5. What Chromium does with the keywords of the CSP3 editor's draft
// ---------------------------------------------------------------------------------------

/// A page at `path` sent with `csp` (through the typed builder) and `body` after the
/// recorder script.
fn keyword_page(path: &'static str, csp: ContentSecurityPolicy, body: &'static str) -> Router {
    let secure = Secure::builder().csp(csp).build().unwrap();
    Router::new()
        .route(
            path,
            get(move || async move {
                Html(format!(
                    "<!doctype html><html><head><script src=/rec.js></script></head><body>{body}\
                     <script src=/done.js></script></body></html>"
                ))
            }),
        )
        .layer(secure)
}

/// Loads `path` and returns what ran, the violations and `window.r`.
async fn keyword_result(browser: &Browser, url: &str) -> (Vec<String>, Vec<String>, Value) {
    browser.goto(url).await;
    browser
        .wait_until("document.readyState === 'complete' && window.done === true")
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    (
        sorted(&browser.eval("window.ran").await),
        sorted(&browser.eval("window.violations").await),
        browser
            .eval("window.r === undefined ? null : window.r")
            .await,
    )
}

#[tokio::test]
async fn chromium_reads_the_keywords_of_the_editors_draft() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        const SPECULATION: &str = r#"<script type="speculationrules">{"prefetch": [{"source": "list", "urls": ["/next"]}]}</script>"#;
        const TT_EVAL: &str = "<script>trustedTypes.createPolicy('default', {createScript: s => s}); \
            try { window.r = eval('1 + 1'); } catch (e) { window.r = 'blocked'; }</script>";
        let script = || ContentSecurityPolicy::new();
        let app = Router::new()
            .route("/rec.js", get(|| async { js(RECORDER) }))
            .route("/done.js", get(|| async { js("ran.push('external'); window.done = true") }))
            // 'report-sha384' and 'report-sha512' allow nothing; an unknown keyword and a
            // typo are ignored. Both are sent through the explicit opt-in: `build()` refuses
            // a likely typo in a raw value (`'unsafe-inlin'`: did you mean 'unsafe-inline'?).
            .merge(keyword_page(
                "/unknown",
                script().script_src([
                    Source::SELF,
                    Source::REPORT_SHA384,
                    Source::REPORT_SHA512,
                    Source::unlisted_keyword("unsafe-future").unwrap(),
                    Source::unlisted_keyword("unsafe-inlin").unwrap(),
                ]),
                "<script>ran.push('inline')</script>",
            ))
            .merge(keyword_page(
                "/opt-in",
                script().script_src([
                    Source::SELF,
                    Source::REPORT_SHA384,
                    Source::REPORT_SHA512,
                    Source::unlisted_keyword("unsafe-future").unwrap(),
                ]),
                "<script>ran.push('inline')</script>",
            ))
            // 'inline-speculation-rules' allows inline speculation rules, and only them.
            .merge(keyword_page(
                "/speculation-allowed",
                script().script_src([Source::SELF, Source::INLINE_SPECULATION_RULES]),
                SPECULATION,
            ))
            .merge(keyword_page(
                "/speculation-refused",
                script().script_src([Source::SELF]),
                SPECULATION,
            ))
            // 'trusted-types-eval' allows eval() when Trusted Types are enforced.
            .merge(keyword_page(
                "/tt-eval-allowed",
                script()
                    .script_src([
                        Source::SELF,
                        Source::UNSAFE_INLINE,
                        Source::TRUSTED_TYPES_EVAL,
                    ])
                    .require_trusted_types_for(["'script'"]),
                TT_EVAL,
            ))
            .merge(keyword_page(
                "/tt-eval-refused",
                script()
                    .script_src([Source::SELF, Source::UNSAFE_INLINE])
                    .require_trusted_types_for(["'script'"]),
                TT_EVAL,
            ));
        let origin = format!("http://{}", serve_new(app).await);

        for path in ["/unknown", "/opt-in"] {
            let (ran, violations, _) = keyword_result(&browser, &format!("{origin}{path}")).await;
            assert_eq!(ran, strings(&["external"]), "{path}");
            assert_eq!(
                violations,
                strings(&["script-src-elem inline enforce"]),
                "{path}"
            );
        }

        let (_, violations, _) =
            keyword_result(&browser, &format!("{origin}/speculation-allowed")).await;
        assert_eq!(violations, Vec::<String>::new());
        let (_, violations, _) =
            keyword_result(&browser, &format!("{origin}/speculation-refused")).await;
        assert_eq!(violations, strings(&["script-src-elem inline enforce"]));

        let (_, _, r) = keyword_result(&browser, &format!("{origin}/tt-eval-allowed")).await;
        assert_eq!(r, json!(2));
        let (_, violations, r) =
            keyword_result(&browser, &format!("{origin}/tt-eval-refused")).await;
        assert_eq!(r, json!("blocked"));
        assert_eq!(violations, strings(&["script-src eval enforce"]));
    })
    .await;
    browser.close().await;
}

// ---------------------------------------------------------------------------------------
// 6. Permissions-Policy as Chromium reads it
// ---------------------------------------------------------------------------------------

/// A feature name that is not a lowercase Structured Field key (`Geolocation`) makes
/// Chromium drop the whole header, leaving every feature allowed: the reason the builder,
/// `FromStr` and the configuration refuse one. And the features Chromium knows are all in
/// [`Feature`](secure_headers::permissions_policy::Feature).
#[tokio::test]
async fn chromium_drops_a_permissions_policy_with_a_key_it_refuses() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        use secure_headers::permissions_policy::Feature;

        let page = |value: &'static str| {
            get(move || async move { ([("permissions-policy", value)], Html("<!doctype html>")) })
        };
        let app = Router::new()
            .route("/lowercase", page("geolocation=(), camera=()"))
            .route("/uppercase", page("geolocation=(), Camera=()"))
            .route("/bang", page("geolocation=(), camera!=()"));
        let origin = format!("http://{}", serve_new(app).await);
        let allows = "[document.featurePolicy.allowsFeature('geolocation'), \
                      document.featurePolicy.allowsFeature('camera')]";

        browser.goto(&format!("{origin}/lowercase")).await;
        assert_eq!(browser.eval(allows).await, json!([false, false]));
        for path in ["/uppercase", "/bang"] {
            browser.goto(&format!("{origin}{path}")).await;
            assert_eq!(
                browser.eval(allows).await,
                json!([true, true]),
                "{path}: the whole header is dropped"
            );
        }

        let known = browser.eval("document.featurePolicy.features()").await;
        let unknown: Vec<String> = sorted(&known)
            .into_iter()
            .filter(|name| name.parse::<Feature>().is_err())
            .collect();
        assert_eq!(
            unknown,
            Vec::<String>::new(),
            "features Chromium knows and Feature lacks"
        );
        let line = format!(
            "Chromium knows {} features: {known}\n",
            known.as_array().unwrap().len()
        );
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    })
    .await;
    browser.close().await;
}

/// `src` means "the origin of the iframe's `src`" in an iframe's `allow` attribute only:
/// Chromium ignores it in the header, so `camera=(src)` there allows no origin, not even
/// the page's own, and `camera=(self src)` is `camera=(self)`. The reason lint reports
/// `src` in a header (`permissions-src-in-header`).
#[tokio::test]
async fn chromium_ignores_src_in_the_permissions_policy_header() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        let page = |value: &'static str| {
            get(move || async move { ([("permissions-policy", value)], Html("<!doctype html>")) })
        };
        let app = Router::new()
            .route(
                "/src",
                page("camera=(src), geolocation=(self src), usb=(self)"),
            )
            .route("/none", page("camera=(), geolocation=(self), usb=(self)"));
        let origin = format!("http://{}", serve_new(app).await);
        let read = "['camera', 'geolocation', 'usb'].map(f => \
                    [document.featurePolicy.allowsFeature(f), \
                     document.featurePolicy.getAllowlistForFeature(f)])";
        browser.goto(&format!("{origin}/none")).await;
        let none = browser.eval(read).await;
        assert_eq!(
            none,
            json!([[false, []], [true, [origin]], [true, [origin]]]),
            "the policy without src"
        );
        browser.goto(&format!("{origin}/src")).await;
        assert_eq!(
            browser.eval(read).await,
            none,
            "src is ignored in the header"
        );
    })
    .await;
    browser.close().await;
}

// ---------------------------------------------------------------------------------------
// 7. Cross-origin request protection
// ---------------------------------------------------------------------------------------

/// What a server saw: method, path, `Sec-Fetch-Site`, `Origin`, and the status answered.
type Seen = Arc<std::sync::Mutex<Vec<(String, String, String, String, u16)>>>;

/// A 1×1 GIF.
const GIF: &[u8] = &[
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x01, 0x44, 0x00, 0x3b,
];

fn form_page(action: &str) -> Html<String> {
    Html(format!(
        "<form id=f method=post action=\"{action}\"><input name=a value=1>\
         <button id=go type=submit>go</button></form>"
    ))
}

/// The protected site: `/form` (a form posting to its own `/submit`), `/submit`,
/// `/img.gif`, `/app.js`, under `secure`, recording what it answered.
fn protected_app(secure: Secure, seen: Seen) -> Router {
    use axum::routing::post;
    Router::new()
        .route("/form", get(|| async { form_page("/submit") }))
        .route(
            "/submit",
            post(|| async { Html("<p id=done>accepted</p>") }),
        )
        .route(
            "/img.gif",
            get(|| async { ([(CONTENT_TYPE, "image/gif")], GIF) }),
        )
        .route("/app.js", get(|| async { js("window.loaded = true;") }))
        .layer(secure)
        .layer(axum::middleware::from_fn(
            move |req: axum::extract::Request, next: axum::middleware::Next| {
                let seen = seen.clone();
                async move {
                    let (method, path, site, origin) = {
                        let header = |n: &str| {
                            req.headers()
                                .get(n)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("")
                                .to_owned()
                        };
                        (
                            req.method().to_string(),
                            req.uri().path().to_owned(),
                            header("sec-fetch-site"),
                            header("origin"),
                        )
                    };
                    let resp = next.run(req).await;
                    let status = resp.status().as_u16();
                    seen.lock()
                        .unwrap()
                        .push((method, path, site, origin, status));
                    resp
                }
            },
        ))
}

/// What `seen` recorded for `method path`, as `(Sec-Fetch-Site, Origin, status)`.
fn seen_for(seen: &Seen, method: &str, path: &str) -> Vec<(String, String, u16)> {
    seen.lock()
        .unwrap()
        .iter()
        .filter(|(m, p, ..)| m == method && p == path)
        .map(|(_, _, s, o, st)| (s.clone(), o.clone(), *st))
        .collect()
}

/// Waits (bounded) until `seen` has a request for `method path`.
async fn wait_seen(seen: &Seen, method: &str, path: &str) {
    let deadline = Instant::now() + WAIT;
    while seen_for(seen, method, path).is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn cross_site_form_and_fetch_posts_are_refused_and_same_site_ones_accepted() {
    // Two sites on 127.0.0.1, both treated as secure contexts so that Chromium sends
    // fetch metadata over plain HTTP.
    let (attacker_listener, attacker) = bind().await;
    let (target_listener, target) = bind().await;
    let (isolated_listener, isolated) = bind().await;
    let a = format!("http://site-a.test:{}", attacker.port());
    let b = format!("http://site-b.test:{}", target.port());
    let b_isolated = format!("http://site-b.test:{}", isolated.port());
    let extra = [
        "--host-resolver-rules=MAP site-a.test 127.0.0.1, MAP site-b.test 127.0.0.1".to_owned(),
        format!("--unsafely-treat-insecure-origin-as-secure={a},{b},{b_isolated}"),
    ];
    let Some(browser) = Browser::start_with(&extra).await else {
        return;
    };
    bounded(async {
        let seen: Seen = Arc::default();
        let protection = secure_headers::request::CrossOriginProtection::new;
        let secure = Secure::builder()
            .cross_origin_protection(protection())
            .build()
            .unwrap();
        serve(target_listener, protected_app(secure, seen.clone()));
        let seen_isolated: Seen = Arc::default();
        let isolating = Secure::builder()
            .cross_origin_protection(protection().resource_isolation(true))
            .build()
            .unwrap();
        serve(
            isolated_listener,
            protected_app(isolating, seen_isolated.clone()),
        );
        // The other site: no protection, pages that reach into the protected one.
        let attack = {
            let form = form_page(&format!("{b}/submit")).0;
            let page = format!(
                "<img id=img src=\"{b}/img.gif\">\
                 <script>window.scriptError = false;</script>\
                 <script src=\"{b_isolated}/app.js\" \
                 onerror=\"window.scriptError = true\"></script>\
                 <a id=nav href=\"{b}/form\">b</a>"
            );
            Router::new()
                .route("/form", get(move || async move { Html(form) }))
                .route("/page", get(move || async move { Html(page) }))
        };
        serve(attacker_listener, attack);

        // A form on site A posting to site B: refused, the handler never answers.
        browser.goto(&format!("{a}/form")).await;
        browser.client.find(fantoccini::Locator::Id("go")).await.unwrap().click().await.unwrap();
        wait_seen(&seen, "POST", "/submit").await;
        assert_eq!(
            seen_for(&seen, "POST", "/submit"),
            [("cross-site".to_owned(), a.clone(), 403)]
        );
        browser.wait_until("document.readyState === 'complete' && !document.getElementById('go')").await;
        assert_eq!(browser.eval("document.getElementById('done')").await, Value::Null);

        // The same form on site B: accepted.
        seen.lock().unwrap().clear();
        browser.goto(&format!("{b}/form")).await;
        browser.client.find(fantoccini::Locator::Id("go")).await.unwrap().click().await.unwrap();
        browser.wait_until("document.getElementById('done')").await;
        assert_eq!(
            browser.eval("document.getElementById('done').textContent").await,
            "accepted"
        );
        assert_eq!(
            seen_for(&seen, "POST", "/submit"),
            [("same-origin".to_owned(), b.clone(), 200)]
        );

        // From site A: a cross-site fetch POST is refused; an image and a navigation pass.
        seen.lock().unwrap().clear();
        browser.goto(&format!("{a}/page")).await;
        browser.wait_until("document.getElementById('img').complete").await;
        assert_eq!(
            browser.eval("document.getElementById('img').naturalWidth").await,
            1
        );
        assert_eq!(
            seen_for(&seen, "GET", "/img.gif"),
            [("cross-site".to_owned(), String::new(), 200)]
        );
        let fetched = browser
            .eval(&format!(
                "fetch('{b}/submit', {{method: 'POST', mode: 'no-cors', body: 'a=1'}}).then(() => 'sent', e => String(e))"
            ))
            .await;
        assert_eq!(fetched, "sent");
        wait_seen(&seen, "POST", "/submit").await;
        assert_eq!(
            seen_for(&seen, "POST", "/submit"),
            [("cross-site".to_owned(), a.clone(), 403)]
        );
        browser.client.find(fantoccini::Locator::Id("nav")).await.unwrap().click().await.unwrap();
        wait_seen(&seen, "GET", "/form").await;
        assert_eq!(
            seen_for(&seen, "GET", "/form"),
            [("cross-site".to_owned(), String::new(), 200)]
        );

        // With resource isolation: the cross-site <script src> was refused, not run.
        browser.goto(&format!("{a}/page")).await;
        browser.wait_until("window.scriptError").await;
        assert_eq!(browser.eval("window.loaded === undefined").await, true);
        assert!(
            seen_for(&seen_isolated, "GET", "/app.js")
                .iter()
                .all(|(site, _, status)| site == "cross-site" && *status == 403)
        );
        assert!(!seen_for(&seen_isolated, "GET", "/app.js").is_empty());
        // The same script from its own site runs.
        browser.goto(&format!("{b_isolated}/form")).await;
        let loaded = browser
            .eval("new Promise(r => { const s = document.createElement('script'); s.src = '/app.js'; s.onload = () => r(window.loaded === true); s.onerror = () => r(false); document.body.append(s); })")
            .await;
        assert_eq!(loaded, true);
    })
    .await;
    browser.close().await;
}
