//! The CSP roll-out, end to end in headless Chromium: the demo shop
//! (`secure_headers_examples::rollout`) runs with the Balanced preset enforced and a
//! strict candidate in report-only; Chromium visits every page and its real reports go
//! into the store; the dashboard over that store (as `secure-headers reports serve` shows
//! it) renders its fingerprints, the proposal and the two tasks; the store's proposal
//! (what `secure-headers reports propose` prints) is applied as the enforced policy, with
//! its two tasks done; Chromium visits again and sees no violation at all, and every
//! script that should run did.
//!
//! Runs on SQLite, and on PostgreSQL too (a throwaway cluster, as the report store's own
//! tests start it) with the `postgres` feature when PostgreSQL is installed.

#[path = "../../secure-headers/tests/chromium/mod.rs"]
mod chromium;
/// The report store's test backends: a SQLite file, and a database of a throwaway
/// PostgreSQL cluster.
#[path = "../../secure-headers-reports/tests/common/mod.rs"]
mod common;
/// The dashboard served by hyper on a real socket, as its own tests serve it.
#[path = "../../secure-headers-dashboard/tests/support/mod.rs"]
mod dashboard_support;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chromium::{Browser, WAIT, bounded};
use fantoccini::Locator;
use secure_headers::ContentSecurityPolicy;
use secure_headers::Policy as _;
use secure_headers::csp::{HashAlgorithm, Source};
use secure_headers_dashboard::{Access, Dashboard};
use secure_headers_examples::rollout::{Demo, PAGES, Page, candidate, other_origin, serve};
use secure_headers_reports::{
    Fingerprint, FingerprintQuery, ProposalOptions, Store, StoreWriter, TaskKind, normalize_policy,
};

/// Runs a store call off the async worker (the PostgreSQL client blocks on a runtime of
/// its own).
fn blocking<T>(call: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(call)
}

/// Polls (bounded) until `done` holds for what `read` returns, and returns the last read.
async fn poll<T>(mut read: impl FnMut() -> T, done: impl Fn(&T) -> bool) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        let now = read();
        if done(&now) || Instant::now() >= deadline {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The `data-ran-…` markers on `<html>`, sorted.
async fn markers(browser: &Browser) -> Vec<String> {
    let v = browser
        .eval("[...document.documentElement.attributes].map(a => a.name).filter(n => n.startsWith('data-ran-')).map(n => n.slice(9)).sort()")
        .await;
    serde_json::from_value(v).unwrap()
}

/// Visits every page (clicking what a visitor clicks), waits until its scripts have set
/// the markers `expected` gives for it and checks they are exactly those; returns the
/// console's entries.
async fn visit(
    browser: &Browser,
    shop: &str,
    expected: impl Fn(&Page) -> Vec<&'static str>,
) -> Vec<String> {
    let mut console = Vec::new();
    for page in PAGES {
        browser.goto(&format!("{shop}{}", page.path)).await;
        if let Some(css) = page.click {
            browser
                .client
                .find(Locator::Css(css))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        }
        let mut want = expected(&page);
        let all = want
            .iter()
            .map(|m| format!("document.documentElement.hasAttribute('data-ran-{m}')"))
            .collect::<Vec<_>>()
            .join(" && ");
        browser.wait_until(&all).await;
        want.sort_unstable();
        assert_eq!(
            markers(browser).await,
            want,
            "the scripts that ran on {}",
            page.path
        );
        console.extend(browser.console().await);
    }
    console
}

fn csp_errors(console: &[String]) -> Vec<&String> {
    console
        .iter()
        .filter(|l| l.contains("Content Security Policy") || l.contains("Content-Security-Policy"))
        .collect()
}

/// (directive, blocked, document) of each fingerprint, sorted.
fn keys(fingerprints: &[Fingerprint]) -> Vec<(String, String, String)> {
    let mut keys: Vec<_> = fingerprints
        .iter()
        .map(|f| (f.directive.clone(), f.blocked.clone(), f.document.clone()))
        .collect();
    keys.sort();
    keys
}

fn sha256(code: &str) -> String {
    Source::hash_of(HashAlgorithm::Sha256, code)
        .as_str()
        .to_owned()
}

async fn converges(store: Arc<Store>) {
    let Some(browser) = Browser::start().await else {
        return;
    };
    bounded(async {
        let writer = StoreWriter::spawn(Arc::clone(&store), 4096);
        let other = serve(other_origin(), 0).await.unwrap();
        let other = format!("http://{other}");
        let shop = serve(Demo::new(&other).app(writer.collector()).unwrap(), 0).await.unwrap();
        let shop = format!("http://{shop}");

        // 1. Balanced enforced, the strict candidate in report-only: Chromium's reports
        //    of the candidate fill the store.
        // Balanced blocks every script but the shop's own files (`script-src 'self'`),
        // so only `mark.js` runs, and the inline style is allowed (`'unsafe-inline'`).
        visit(&browser, &shop, |page| match page.path {
            "/inline-style" => vec!["mark", "inline-style"],
            _ => vec!["mark"],
        })
        .await;
        let candidate_text = normalize_policy(&candidate().render().unwrap());
        let want = [
            ("connect-src", other.as_str(), "/resources"),
            ("font-src", &other, "/resources"),
            ("frame-src", &other, "/frame"),
            ("img-src", &other, "/resources"),
            ("script-src-attr", "inline", "/event-handler"),
            ("script-src-elem", "inline", "/inline-script"),
            ("script-src", "eval", "/eval"),
            ("style-src-elem", "inline", "/inline-style"),
        ];
        let mut want: Vec<(String, String, String)> = want
            .iter()
            .map(|(d, b, p)| ((*d).to_owned(), (*b).to_owned(), (*p).to_owned()))
            .collect();
        want.sort();
        let got = poll(
            || blocking(|| store.candidate_fingerprints(&candidate_text, None).unwrap()),
            |f| f.len() >= want.len(),
        )
        .await;
        assert_eq!(keys(&got), want, "{got:#?}");

        // 2. The proposal, as `reports propose` makes it (the candidate: the newest
        //    report-only policy in the store).
        let proposal = blocking(|| store.propose(None, &ProposalOptions::default()))
            .unwrap()
            .unwrap();
        assert_eq!(proposal.candidate, candidate_text);
        // The tasks: exactly the inline event handler and the `eval`, where they are.
        // Chromium reports an inline handler with its page and its code but without a
        // line (its report's `source-file` is empty and `line-number` 0): the page's URL
        // is its location. The `eval` is on line 2 of eval.js, at column 15:
        // `const total = eval('1 + 2');`.
        let mut tasks: Vec<(TaskKind, &str, &str, &str)> = proposal
            .tasks
            .iter()
            .map(|t| {
                let code = t.evidence.sample.as_ref().map_or("", |s| s.sample.as_str());
                (t.kind, t.document.as_str(), t.location.as_str(), code)
            })
            .collect();
        tasks.sort_by_key(|t| t.1);
        let handler_at = format!("{shop}/event-handler");
        let eval_at = format!("{shop}/js/eval.js:2:15");
        assert_eq!(
            tasks,
            [
                (TaskKind::Eval, "/eval", eval_at.as_str(), "1 + 2"),
                (
                    TaskKind::InlineHandler,
                    "/event-handler",
                    handler_at.as_str(),
                    "mark('event-handler')"
                ),
            ]
        );
        let script_hash = sha256("mark('inline-script')");
        let style_hash = sha256("#styled{color:green}");
        let expected = format!(
            "default-src 'self'; script-src 'nonce-{{nonce}}' 'strict-dynamic' 'report-sample' {script_hash}; \
             style-src 'self' 'report-sample' {style_hash}; object-src 'none'; base-uri 'none'; report-uri /reports"
        );
        assert!(proposal.policy.starts_with(&expected), "{}", proposal.policy);
        let mut added: Vec<&str> = proposal.policy[expected.len()..]
            .split("; ")
            .filter(|d| !d.is_empty())
            .collect();
        added.sort_unstable();
        let own = |d: &str| format!("{d} 'self' {other}");
        assert_eq!(added, [own("connect-src"), own("font-src"), own("frame-src"), own("img-src")]);
        assert!(proposal.lint.is_empty(), "{:?}", proposal.lint);
        assert!(proposal.fallback_hosts.is_empty(), "{:?}", proposal.fallback_hosts);

        // 2b. The dashboard over this store, as `reports serve` shows it: the candidate's
        //     fingerprints, the proposal (the same text as `reports propose`) and exactly
        //     the two tasks with their locations render, and the page itself causes no CSP
        //     or Trusted Types message in the console.
        let dashboard = dashboard_support::serve(
            Dashboard::new(Arc::clone(&store), Access::loopback_only()),
            IpAddr::V4(Ipv4Addr::LOCALHOST),
        )
        .await;
        browser.console().await; // the shop's own (expected) reports are not the page's
        browser.goto(&format!("http://{dashboard}/")).await;
        let shown = browser
            .eval("document.querySelectorAll('#fingerprint-table tbody tr').length")
            .await;
        assert!(shown.as_u64().unwrap() >= 8, "fingerprint rows: {shown}");
        assert_eq!(
            browser.eval("document.getElementById('copy-csp').value").await,
            proposal.policy.as_str()
        );
        let shown_tasks: Vec<String> = serde_json::from_value(
            browser
                .eval("[...document.querySelectorAll('#proposal ol.tasks li code')].map(c => c.textContent).sort()")
                .await,
        )
        .unwrap();
        assert_eq!(shown_tasks, [handler_at.as_str(), eval_at.as_str()]);
        let console = browser.console().await;
        assert!(
            !console.iter().any(|l| l.contains("Content Security Policy") || l.contains("Content-Security-Policy") || l.contains("TrustedHTML") || l.contains("Trusted Type")),
            "{console:#?}"
        );

        // 3. The proposal enforced (no report-only policy left), the tasks done.
        let enforced: ContentSecurityPolicy = proposal.policy.parse().unwrap();
        let served = normalize_policy(&enforced.render().unwrap());
        let demo = Demo::new(&other).enforce(enforced).report_only(None).tasks_done(true);
        let shop = serve(demo.app(writer.collector()).unwrap(), 0).await.unwrap();
        let shop = format!("http://{shop}");
        let console = visit(&browser, &shop, |page| page.markers.to_vec()).await;
        assert!(csp_errors(&console).is_empty(), "{console:#?}");

        // No enforce report for the proposed policy: after a deliberate violation (an
        // image from an origin it does not allow) has reached the store, it is the
        // policy's only fingerprint.
        browser
            .eval("(new Image().src = 'http://127.0.0.1:9/canary.png', true)")
            .await;
        let enforced_fingerprints = || blocking(|| {
            let version = store
                .policies()
                .unwrap()
                .into_iter()
                .find(|v| v.disposition == "enforce" && v.policy == served);
            let Some(version) = version else { return Vec::new() };
            let q = FingerprintQuery {
                disposition: Some("enforce".into()),
                policy_id: Some(version.id),
                include_noise: true,
                include_muted: true,
                ..FingerprintQuery::default()
            };
            store.fingerprints(&q).unwrap().items
        });
        let got = poll(enforced_fingerprints, |f| !f.is_empty()).await;
        let canary = [(
            "img-src".to_owned(),
            "http://127.0.0.1:9".to_owned(),
            "/frame".to_owned(),
        )];
        assert_eq!(keys(&got), canary, "{got:#?}");
        blocking(|| writer.close());
    })
    .await;
    browser.close().await;
}

/// [`converges`] on `store`, which is closed off the async workers even when the test
/// fails (closing a PostgreSQL client blocks).
async fn converges_on(store: Store) {
    let store = Arc::new(store);
    let test = tokio::spawn(converges(Arc::clone(&store))).await;
    blocking(move || drop(store));
    if let Err(failed) = test {
        std::panic::resume_unwind(failed.into_panic());
    }
}

/// One browser test at a time: two Chromiums on a small machine slow each other down.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proposal_enforced_leaves_no_violation_in_chromium_on_sqlite() {
    let _one = ONE_AT_A_TIME.lock().await;
    let test = blocking(common::sqlite);
    converges_on(test.store).await;
}

#[cfg(feature = "postgres")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proposal_enforced_leaves_no_violation_in_chromium_on_postgresql() {
    let _one = ONE_AT_A_TIME.lock().await;
    let Some(test) = blocking(common::postgres) else {
        return;
    };
    converges_on(test.store).await;
}
