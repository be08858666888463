//! The proposal and readiness, on every backend.

mod common;

use secure_headers::ContentSecurityPolicy;
use secure_headers::csp::{HashAlgorithm, Source};
use secure_headers_reports::{ProposalOptions, TaskKind};

const CANDIDATE: &str = "script-src 'nonce-N' 'strict-dynamic' 'report-sample'; style-src 'self' 'nonce-N' 'report-sample'; img-src 'self'; font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; report-uri /r";

fn report(
    directive: &str,
    blocked: &str,
    sample: &str,
    source: &str,
    line: u32,
    col: u32,
) -> String {
    let nonce = format!("n{line}{col}{}", blocked.len());
    serde_json::json!({"csp-report": {
        "document-uri": "https://shop.example/checkout?order=42",
        "effective-directive": directive, "blocked-uri": blocked, "script-sample": sample,
        "source-file": source, "line-number": line, "column-number": col,
        "original-policy": CANDIDATE.replace("'nonce-N'", &format!("'nonce-{nonce}'")),
        "disposition": "report"}})
    .to_string()
}

fn fixture() -> String {
    let page = "https://shop.example/checkout";
    [
        report(
            "script-src-elem",
            "inline",
            "document.body.dataset.a = 1",
            page,
            10,
            9,
        ),
        report(
            "script-src-elem",
            "inline",
            "window.analytics = window.analytics || [",
            page,
            20,
            9,
        ),
        report("script-src-attr", "inline", "buy()", page, 31, 40),
        report(
            "script-src-elem",
            "eval",
            "",
            "https://shop.example/app.js",
            3,
            14,
        ),
        report(
            "script-src-elem",
            "https://cdn.example/lib.js?v=2",
            "",
            "",
            0,
            0,
        ),
        report("img-src", "https://img.example/a/b.png", "", "", 0, 0),
        report("img-src", "data", "", "", 0, 0),
        report("font-src", "https://fonts.example/f.woff2", "", "", 0, 0),
        report(
            "connect-src",
            "https://api.example/v1/cart?id=1",
            "",
            "",
            0,
            0,
        ),
        report("frame-src", "https://pay.example/frame", "", "", 0, 0),
        report("style-src-elem", "inline", ".x { color: red }", page, 5, 1),
        report(
            "script-src-elem",
            "chrome-extension://abcdef/inject.js",
            "",
            "",
            0,
            0,
        ),
        report("img-src", "https://shop.example/logo.png", "", "", 0, 0),
    ]
    .join("\n")
}

fn hash(code: &str) -> String {
    Source::hash_of(HashAlgorithm::Sha256, code)
        .as_str()
        .to_owned()
}

#[test]
fn the_proposal_is_strict_first_with_tasks_and_passes_lint() {
    for t in common::stores() {
        let s = &t.store;
        let stats = s.ingest_lines(fixture().as_bytes()).unwrap();
        assert_eq!(stats.reports, 13);
        let p = s
            .propose(None, &ProposalOptions::default())
            .unwrap()
            .unwrap();
        assert_eq!(
            p.candidate,
            CANDIDATE.replace("'nonce-N'", "'nonce-{nonce}'")
        );
        let expected = format!(
            "script-src 'nonce-{{nonce}}' 'strict-dynamic' 'report-sample' {}; \
             style-src 'self' 'nonce-{{nonce}}' 'report-sample' {}; \
             img-src 'self' data: https://img.example; font-src 'self' https://fonts.example; \
             connect-src 'self' https://api.example; frame-src 'self' https://pay.example; \
             object-src 'none'; base-uri 'none'; report-uri /r",
            hash("document.body.dataset.a = 1"),
            hash(".x { color: red }"),
        );
        assert_eq!(p.policy, expected, "{}", t.db);
        assert!(p.lint.is_empty(), "{:?}", p.lint);
        let _: ContentSecurityPolicy = p.policy.parse().unwrap();
        for never in [
            "'unsafe-eval'",
            "'unsafe-inline'",
            "'unsafe-hashes'",
            "chrome-extension",
            "https://cdn.example",
        ] {
            assert!(!p.policy.contains(never), "{never} in {}", p.policy);
        }
        let mut kinds: Vec<_> = p
            .tasks
            .iter()
            .map(|t| (format!("{:?}", t.kind), t.location.clone()))
            .collect();
        kinds.sort();
        assert_eq!(
            kinds,
            [
                (
                    "Eval".to_owned(),
                    "https://shop.example/app.js:3:14".to_owned()
                ),
                (
                    "InlineHandler".into(),
                    "https://shop.example/checkout:31:40".into()
                ),
                (
                    "NonceExternalScript".into(),
                    "https://cdn.example/lib.js".into()
                ),
                (
                    "NonceInlineScript".into(),
                    "https://shop.example/checkout:20:9".into()
                ),
            ]
        );
        assert_eq!(p.fallback_hosts, ["https://cdn.example"]);
        let img = p
            .changes
            .iter()
            .find(|c| c.source == "https://img.example")
            .unwrap();
        assert_eq!(
            (img.directive.as_str(), img.evidence[0].count),
            ("img-src", 1)
        );
        assert_eq!(
            img.evidence[0].sample.as_ref().unwrap().blocked,
            "https://img.example/a/b.png"
        );
    }
}

#[test]
fn options_path_level_sources_and_unsafe_hashes_on_request() {
    let t = common::sqlite();
    t.store.ingest_lines(fixture().as_bytes()).unwrap();
    let mut o = ProposalOptions::default();
    o.path_level = true;
    o.unsafe_hashes = true;
    let p = t.store.propose(None, &o).unwrap().unwrap();
    assert!(
        p.policy
            .contains("img-src 'self' data: https://img.example/a/b.png;"),
        "{}",
        p.policy
    );
    assert!(
        p.policy
            .contains(&format!("'unsafe-hashes' {}", hash("buy()"))),
        "{}",
        p.policy
    );
    assert!(!p.tasks.iter().any(|t| t.kind == TaskKind::InlineHandler));
}

#[test]
fn readiness_needs_no_open_fingerprint_and_no_high_lint_finding() {
    for t in common::stores() {
        let s = &t.store;
        let clean = s.readiness(Some(CANDIDATE), None).unwrap();
        assert!(clean.ready);
        assert_eq!(
            clean
                .grades
                .iter()
                .map(|g| g.algorithm.as_str())
                .collect::<Vec<_>>(),
            ["5", "6"]
        );
        s.ingest_lines(fixture().as_bytes()).unwrap();
        let r = s.readiness(None, None).unwrap();
        assert!(!r.ready);
        // The extension's report is noise; the first-party image is allowed by 'self'.
        assert_eq!(r.open.len(), 11);
        for f in &r.open {
            s.mute(&f.id, true).unwrap();
        }
        assert!(s.readiness(None, None).unwrap().ready);
        let weak = s
            .readiness(
                Some("script-src 'self' 'unsafe-inline'; object-src 'none'"),
                None,
            )
            .unwrap();
        assert!(!weak.ready);
        assert!(
            weak.lint.iter().any(|f| f.rule == "csp-unsafe-inline"),
            "{:?}",
            weak.lint
        );
    }
}

#[test]
fn a_hand_written_candidate_with_no_reports_of_its_own_uses_the_report_only_ones() {
    let t = common::sqlite();
    t.store.ingest_lines(fixture().as_bytes()).unwrap();
    let p = t
        .store
        .propose(
            Some("default-src 'self'; script-src 'nonce-x' 'strict-dynamic'"),
            &ProposalOptions::default(),
        )
        .unwrap()
        .unwrap();
    assert!(
        p.policy.starts_with(
            "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'sha256-"
        ),
        "{}",
        p.policy
    );
    assert!(
        p.policy
            .contains("; img-src 'self' data: https://img.example; "),
        "{}",
        p.policy
    );
    assert!(
        p.policy.ends_with("; object-src 'none'; base-uri 'none'"),
        "{}",
        p.policy
    );
}

#[test]
fn one_review_is_the_readiness_and_the_proposal_of_the_same_store() {
    for t in common::stores() {
        let s = &t.store;
        assert_eq!(
            s.review(None, None, &ProposalOptions::default()).unwrap(),
            None,
            "no candidate, no review"
        );
        s.ingest_lines(fixture().as_bytes()).unwrap();
        // Older than the readiness window: in the proposal, not in the readiness.
        let old = report("img-src", "https://old.example/x.png", "", "", 0, 0);
        let mut batch = s.batch();
        let month_ago = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
            - 30 * 86_400;
        batch.add(&common::line(&old)[0], month_ago, None);
        s.write(&batch).unwrap();
        let mut options = ProposalOptions::default();
        options.path_level = true;
        for candidate in [
            None,
            Some("default-src 'self'; script-src 'nonce-x' 'strict-dynamic'"),
        ] {
            let (readiness, proposal) = s.review(candidate, None, &options).unwrap().unwrap();
            assert_eq!(readiness, s.readiness(candidate, None).unwrap());
            assert_eq!(proposal, s.propose(candidate, &options).unwrap().unwrap());
            assert_eq!(readiness.open.len(), 11, "{:?}", readiness.open);
            assert!(
                !readiness
                    .open
                    .iter()
                    .any(|f| f.blocked == "https://old.example"),
                "{:?}",
                readiness.open
            );
            assert!(
                proposal.policy.contains(" https://old.example/x.png"),
                "{}",
                proposal.policy
            );
        }
    }
}
