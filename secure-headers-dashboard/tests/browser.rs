//! The dashboard in headless Chromium (WebDriver), over a store that Chromium itself
//! filled: a shop page under an enforced policy and a report-only candidate sends its
//! real violation reports to a collector that ingests them. Then the dashboard is loaded
//! and its tables, chart and proposal render, sorting and filtering work, muting and
//! accepting work, the console has no CSP or Trusted Types error, and a sample carrying
//! markup stays text.
//!
//! `SCREENSHOT=docs/dashboard.png cargo test -p secure-headers-dashboard --test browser`
//! also writes the README's screenshot of the page, through this same code path.

#[path = "../../secure-headers/tests/chromium/mod.rs"]
mod chromium;
mod support;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::Extension;
use axum::response::Html;
use axum::routing::get;
use chromium::{Browser, WAIT, bounded};
use fantoccini::Locator;
use secure_headers::csp::Source as Csp;
use secure_headers::report::ReportCollector;
use secure_headers::{ContentSecurityPolicy, CspNonce, Secure};
use secure_headers_dashboard::{Access, Dashboard};
use secure_headers_reports::{FingerprintQuery, ProposalOptions, Store, config_toml, rust_code};
use serde_json::Value;

/// What an injected script would do if the page ever ran a sample as markup.
const INJECTED: &str = "<img src=x onerror=\"document.title='pwned'\">";

async fn shop(Extension(nonce): Extension<CspNonce>) -> Html<String> {
    let n = nonce.attribute();
    Html(format!(
        "<!doctype html><title>shop</title>\
         <script>var s = '{INJECTED}';</script>\
         <script {n}>eval('1 + 1'); window.done = true;</script>\
         <img src=\"http://localhost:9/pixel.png\">\
         <div onclick=\"buy()\">buy</div>"
    ))
}

/// The shop: enforced `img-src 'self'` (the other host's image is breakage in
/// production), and a strict report-only candidate that reports its inline script (with
/// its sample), `eval` and the image.
fn shop_app(store: Arc<Store>) -> Router {
    let collector = ReportCollector::new(move |report| {
        store.ingest(&[report]).expect("the store ingests a report");
    });
    let secure = Secure::builder()
        .csp(
            ContentSecurityPolicy::new()
                .script_src([Csp::SELF, Csp::UNSAFE_INLINE, Csp::UNSAFE_EVAL])
                .img_src([Csp::SELF])
                .report_uri(["/reports"]),
        )
        .csp_report_only(
            ContentSecurityPolicy::new()
                .script_src([Csp::nonce(), Csp::STRICT_DYNAMIC, Csp::REPORT_SAMPLE])
                .img_src([Csp::SELF])
                .object_src(["'none'"])
                .base_uri(["'none'"])
                .report_uri(["/reports"]),
        )
        .build()
        .unwrap();
    Router::new()
        .route("/shop", get(shop))
        .route("/checkout", get(shop))
        .route_service("/reports", collector)
        .layer(secure)
}

async fn serve_app(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// Waits until the store holds at least `n` fingerprints (noise included).
async fn wait_for_fingerprints(store: &Store, n: u64) -> u64 {
    let deadline = Instant::now() + WAIT;
    loop {
        let all = FingerprintQuery {
            include_noise: true,
            include_muted: true,
            ..FingerprintQuery::default()
        };
        let total = store.fingerprints(&all).unwrap().total;
        if total >= n || Instant::now() >= deadline {
            return total;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn texts(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// The values of one column of the fingerprint table, in order.
async fn column(browser: &Browser, n: usize) -> Vec<String> {
    texts(
        &browser
            .eval(&format!(
                "[...document.querySelectorAll('#fingerprint-table tbody tr')].map(r => r.cells[{n}].textContent)"
            ))
            .await,
    )
}

fn numbers(cells: &[String]) -> Vec<u64> {
    cells
        .iter()
        .map(|c| {
            c.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap()
        })
        .collect()
}

async fn click(browser: &Browser, css: &str) {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_a_store_chromium_filled_and_its_actions_work() {
    let window = "--window-size=1280,1400".to_owned();
    let Some(browser) = Browser::start_with(&[window]).await else {
        return;
    };
    bounded(async {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path().join("reports.db").to_str().unwrap()).unwrap());
        let shop = serve_app(shop_app(Arc::clone(&store))).await;

        // Chromium visits the shop: its reports fill the store.
        for page in ["shop", "checkout"] {
            browser.goto(&format!("http://{shop}/{page}")).await;
            browser.wait_until("window.done === true").await;
        }
        let stored = wait_for_fingerprints(&store, 6).await;
        assert!(stored >= 6, "Chromium's reports made {stored} fingerprints");

        let dashboard = support::serve(
            Dashboard::new(Arc::clone(&store), Access::loopback_only()),
            IpAddr::V4(Ipv4Addr::LOCALHOST),
        )
        .await;
        let home = format!("http://{dashboard}/");
        browser.goto(&home).await;
        browser.console().await; // the shop's own (expected) refusals are not the dashboard's

        // Tables, chart and the breakage of the enforced policy render.
        let rows = browser.eval("document.querySelectorAll('#fingerprint-table tbody tr').length").await;
        assert!(rows.as_u64().unwrap() >= 4, "{rows}");
        let breakage = texts(&browser.eval("[...document.querySelectorAll('#breakage-table tbody tr')].map(r => [0, 1, 2].map(i => r.cells[i].textContent).join(' '))").await);
        let mut breakage = breakage;
        breakage.sort();
        assert_eq!(breakage, ["img-src http://localhost:9 /checkout", "img-src http://localhost:9 /shop"]);
        let lines = browser.eval("document.querySelectorAll('#standing svg polyline').length").await;
        assert!(lines.as_u64().unwrap() >= 2, "one line per policy version: {lines}");
        let sparks = browser.eval("document.querySelectorAll('#fingerprint-table svg.spark polyline').length").await;
        assert_eq!(sparks, rows, "every row has its sparkline");

        // The sample with markup is text: no element made of it, nothing of it ran.
        let samples = texts(&browser.eval("[...document.querySelectorAll('td.sample')].map(td => td.textContent)").await);
        assert!(samples.iter().any(|s| s.contains("<img src=x onerror=")), "{samples:#?}");
        assert_eq!(browser.eval("document.querySelectorAll('td.sample *').length").await, 0);
        assert_eq!(browser.eval("document.title").await, "secure-headers reports");

        // The README's screenshot: the top of the page, as first shown.
        if let Ok(path) = std::env::var("SCREENSHOT") {
            let png = browser.client.screenshot().await.unwrap();
            std::fs::write(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(&path), png).unwrap();
        }

        // Readiness and the projected grade: the verdict of `reports status`.
        let verdict = store.readiness(None, None).unwrap();
        let heading = browser.eval("document.querySelector('#readiness h3').textContent").await;
        assert_eq!(heading, if verdict.ready { "Readiness: ready to enforce" } else { "Readiness: not ready" });
        let grades = texts(&browser.eval("[...document.querySelectorAll('#readiness .grade')].map(g => g.textContent)").await);
        let expected: Vec<String> = verdict.grades.iter().map(|g| g.letter.clone()).collect();
        assert_eq!(grades.len(), 2, "the current algorithm and algorithm 6");
        assert_eq!(grades, expected);
        let reasons = texts(&browser.eval("[...document.querySelectorAll('#readiness li')].map(li => li.textContent)").await);
        assert_eq!(reasons.len(), verdict.open.len() + verdict.lint.len(), "{reasons:#?}");

        // The copy fields hold the policy, the configuration lines and the Rust code, as
        // `reports propose --format csp|toml|rust` prints them.
        let proposed = store.propose(None, &ProposalOptions::default()).unwrap().unwrap().policy;
        for (field, text) in [("copy-csp", proposed.clone()), ("copy-toml", config_toml(&proposed)), ("copy-rust", rust_code(&proposed))] {
            assert_eq!(browser.eval(&format!("document.getElementById('{field}').value")).await, text.as_str(), "{field}");
        }
        // Our own script runs under the policy: the copy button answers.
        click(&browser, "button[data-copy=copy-toml]").await;
        browser.wait_until("document.querySelector('button[data-copy=copy-toml]').textContent !== 'Copy'").await;
        assert_eq!(browser.eval("document.activeElement.id").await, "copy-toml", "the field is selected");


        // Sorting: by count ascending (the heading toggles), then by reach.
        click(&browser, "a.sort[data-sort=count]").await;
        browser.wait_until("location.search.includes('dir=asc')").await;
        let counts = numbers(&column(&browser, 4).await);
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
        click(&browser, "a.sort[data-sort=reach]").await;
        browser.wait_until("location.search.includes('sort=reach')").await;
        let reach = numbers(&column(&browser, 5).await);
        assert!(reach.windows(2).all(|w| w[0] >= w[1]), "{reach:?}");

        // Filtering by directive, through the form.
        browser.goto(&home).await;
        let directive = browser.client.find(Locator::Css("#filter input[name=directive]")).await.unwrap();
        directive.send_keys("img-src").await.unwrap();
        click(&browser, "#filter button[type=submit]").await;
        browser.wait_until("location.search.includes('directive=img-src')").await;
        let directives = column(&browser, 0).await;
        assert!(!directives.is_empty() && directives.iter().all(|d| d == "img-src"), "{directives:?}");

        // Muting: the row leaves the default view and is counted as hidden noise.
        browser.goto(&home).await;
        let before = browser.eval("document.querySelectorAll('#fingerprint-table tbody tr').length").await.as_u64().unwrap();
        let id = browser.eval("document.querySelector('#fingerprint-table tbody tr').dataset.id").await;
        let id = id.as_str().unwrap().to_owned();
        click(&browser, "#fingerprint-table tbody tr button.mute").await;
        browser.wait_until(&format!("document.readyState === 'complete' && !document.querySelector('tr[data-id=\"{id}\"]')")).await;
        let after = browser.eval("document.querySelectorAll('#fingerprint-table tbody tr').length").await.as_u64().unwrap();
        assert_eq!(after, before - 1);
        let hidden = browser.eval("document.querySelector('#show-noise').textContent").await;
        assert!(hidden.as_str().unwrap().starts_with("1 noise hidden"), "{hidden}");
        assert!(store.fingerprint(&id).unwrap().unwrap().muted);

        // Accepting the proposal: it becomes the candidate, and the page shows it.
        assert_ne!(store.candidate().unwrap().as_deref(), Some(proposed.as_str()));
        click(&browser, "#accept").await;
        browser.wait_until("location.hash === '#proposal' && document.readyState === 'complete'").await;
        assert_eq!(store.candidate().unwrap().as_deref(), Some(proposed.as_str()));
        let candidate = browser.eval("document.querySelectorAll('#standing .version pre.policy')[1].textContent").await;
        assert_eq!(candidate, proposed.as_str());
        let id = browser.eval("document.querySelectorAll('#standing .version code')[1].textContent").await;
        assert_eq!(id, "accepted", "a candidate no report has come from yet");
        let diff = browser.eval("document.querySelectorAll('#diff ins, #diff del').length").await;
        assert_eq!(diff, 0, "the proposal against the new candidate changes no directive");

        let console = browser.console().await;
        let refusals: Vec<_> = console
            .iter()
            .filter(|l| l.contains("Content Security Policy") || l.contains("Trusted Type") || l.starts_with("SEVERE"))
            .collect();
        assert!(refusals.is_empty(), "{refusals:#?}");
    })
    .await;
    browser.close().await;
}
