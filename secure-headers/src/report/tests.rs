use http::{HeaderValue, Method, StatusCode, header};

use super::*;

const LEGACY: &[u8] = br#"{"csp-report":{"document-uri":"http://127.0.0.1:8080/page","referrer":"","violated-directive":"script-src-elem","effective-directive":"script-src-elem","original-policy":"script-src 'nonce-abc'; report-uri /r","disposition":"report","blocked-uri":"inline","line-number":3,"column-number":9,"source-file":"http://127.0.0.1:8080/page","status-code":200,"script-sample":""}}"#;

const BATCH: &[u8] = br#"[{"age":12,"body":{"blockedURL":"inline","columnNumber":9,"disposition":"enforce","documentURL":"https://127.0.0.1/page","effectiveDirective":"script-src-elem","lineNumber":3,"originalPolicy":"script-src 'self'; report-to main","referrer":"","sample":"","sourceFile":"https://127.0.0.1/page","statusCode":200},"type":"csp-violation","url":"https://127.0.0.1/page","user_agent":"Mozilla/5.0"},{"age":1,"body":{"id":"x","message":"m"},"type":"deprecation","url":"https://127.0.0.1/page","user_agent":"Mozilla/5.0"}]"#;

#[test]
fn legacy_report_parses() {
    let r = parse(Some("application/csp-report"), LEGACY).unwrap();
    let Report::CspViolation(v) = &r[0] else {
        panic!("{r:?}")
    };
    assert_eq!(v.format, Some(ReportFormat::CspReport));
    assert_eq!(v.document_url, "http://127.0.0.1:8080/page");
    assert_eq!(v.effective_directive, "script-src-elem");
    assert_eq!(v.disposition, "report");
    assert_eq!((v.line_number, v.column_number), (3, 9));
}

#[test]
fn batch_parses_csp_and_other_reports() {
    let r = parse(Some("application/reports+json; charset=utf-8"), BATCH).unwrap();
    assert_eq!(r.len(), 2);
    let Report::CspViolation(v) = &r[0] else {
        panic!("{r:?}")
    };
    assert_eq!(v.format, Some(ReportFormat::ReportingApi));
    assert_eq!(v.blocked_url, "inline");
    assert_eq!(v.user_agent, "Mozilla/5.0");
    assert_eq!(v.age, 12);
    let Report::Deprecation(d) = &r[1] else {
        panic!("{r:?}")
    };
    assert_eq!((d.body.id.as_str(), d.body.message.as_str()), ("x", "m"));
    // application/json with either shape.
    assert_eq!(parse(Some("application/json"), BATCH).unwrap().len(), 2);
    assert_eq!(parse(Some("application/json"), LEGACY).unwrap().len(), 1);
}

/// A batch of `body`s of `kind` as Chromium (156) sent them to the browser tests, and
/// the specifications' examples: each parses into its typed variant.
fn one(kind: &str, body: &str) -> Report {
    let batch = format!(
        r#"[{{"age":7,"type":"{kind}","url":"https://127.0.0.1:8443/page","user_agent":"Mozilla/5.0 Chrome/156","body":{body}}}]"#
    );
    let mut r = parse(Some("application/reports+json"), batch.as_bytes()).unwrap();
    assert_eq!(r.len(), 1);
    let r = r.remove(0);
    assert_eq!(r.kind(), kind);
    r
}

#[test]
fn csp_hash_reports() {
    // Chromium 156, for `script-src 'self' 'report-sha256'; report-to main`.
    let Report::CspHash(r) = one(
        "csp-hash",
        r#"{"destination":"script","documentURL":"https://127.0.0.1:8443/hash","hash":"sha256-Aif1QuaDxF56ZK3+IyoelKcjrWC+BWl5ZGfcO1AMmA4=","subresourceURL":"https://127.0.0.1:8443/a.js","type":"subresource"}"#,
    ) else {
        panic!()
    };
    assert_eq!((r.url.as_str(), r.age), ("https://127.0.0.1:8443/page", 7));
    assert_eq!(r.user_agent, "Mozilla/5.0 Chrome/156");
    assert_eq!(r.body.document_url, "https://127.0.0.1:8443/hash");
    assert_eq!(r.body.subresource_url, "https://127.0.0.1:8443/a.js");
    assert_eq!(r.body.destination, "script");
    assert_eq!(r.body.kind, "subresource");
    assert_eq!(
        r.body.source().unwrap().as_str(),
        "'sha256-Aif1QuaDxF56ZK3+IyoelKcjrWC+BWl5ZGfcO1AMmA4='"
    );
    // The example of CSP3, "Reporting" (snake_case, and a hex digest that is not a source).
    let Report::CspHash(r) = one(
        "csp-hash",
        r#"{"document_url":"https://example.com/","subresource_url":"https://example.com/main.js","hash":"sha256-85738f8f9a7f1b04b5329c590ebcb9e425925c6d0984089c43a022de4f19c281","type":"subresource","destination":"script"}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.document_url, "https://example.com/");
    assert_eq!(r.body.subresource_url, "https://example.com/main.js");
    assert_eq!(r.body.source(), None);
    // No hash (a cross-origin script).
    let Report::CspHash(r) = one("csp-hash", r#"{"hash":""}"#) else {
        panic!()
    };
    assert_eq!(r.body.source(), None);
}

#[test]
fn integrity_coop_coep_reports() {
    // Chromium 156, `Integrity-Policy: blocked-destinations=(script), endpoints=(main)`.
    let Report::IntegrityViolation(r) = one(
        "integrity-violation",
        r#"{"blockedURL":"https://127.0.0.1:8443/b.js","destination":"script","documentURL":"https://127.0.0.1:8443/integrity","reportOnly":false}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.blocked_url, "https://127.0.0.1:8443/b.js");
    assert_eq!(r.body.document_url, "https://127.0.0.1:8443/integrity");
    assert_eq!(r.body.destination, "script");
    assert!(!r.body.report_only);
    // Chromium 156, `Cross-Origin-Opener-Policy-Report-Only: same-origin` and a popup.
    let Report::Coop(r) = one(
        "coop",
        r#"{"disposition":"reporting","effectivePolicy":"same-origin","nextResponseURL":"https://localhost:8443/other","type":"navigation-from-response"}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.disposition, "reporting");
    assert_eq!(r.body.effective_policy, "same-origin");
    assert_eq!(r.body.kind, "navigation-from-response");
    assert_eq!(r.body.next_response_url, "https://localhost:8443/other");
    let Report::Coop(r) = one(
        "coop",
        r#"{"disposition":"reporting","effectivePolicy":"same-origin","initialPopupURL":"https://localhost:8443/other","openeeURL":"","property":"closed","type":"access-from-coop-page-to-openee"}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.property, "closed");
    assert_eq!(
        r.body.extra["initialPopupURL"],
        "https://localhost:8443/other"
    );
    // Chromium 156, `Cross-Origin-Embedder-Policy-Report-Only: require-corp`.
    let Report::Coep(r) = one(
        "coep",
        r#"{"blockedURL":"https://localhost:8443/img","destination":"image","disposition":"reporting","type":"corp"}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.kind, "corp");
    assert_eq!(r.body.blocked_url, "https://localhost:8443/img");
    assert_eq!(r.body.destination, "image");
    assert_eq!(r.body.disposition, "reporting");
}

#[test]
fn permissions_policy_reports() {
    // Chromium 156: `Permissions-Policy: geolocation=()` (it names the feature
    // `policyId`; the specification `featureId`).
    let Report::PermissionsPolicyViolation(r) = one(
        "permissions-policy-violation",
        r#"{"columnNumber":58,"disposition":"enforce","lineNumber":1,"message":"Permissions policy violation: Geolocation access has been blocked because of a permissions policy applied to the current document.","policyId":"geolocation","sourceFile":"https://127.0.0.1:8443/hash"}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.feature_id, "geolocation");
    assert_eq!(r.body.disposition, "enforce");
    assert!(!r.body.is_report_only());
    assert_eq!(
        r.body.source_file.as_deref(),
        Some("https://127.0.0.1:8443/hash")
    );
    assert_eq!(
        (r.body.line_number, r.body.column_number),
        (Some(1), Some(58))
    );
    assert!(
        r.body.extra["message"]
            .as_str()
            .unwrap()
            .starts_with("Permissions policy violation")
    );
    // Chromium 156: `Permissions-Policy-Report-Only: camera=()`.
    let Report::PermissionsPolicyViolation(r) = one(
        "permissions-policy-violation",
        r#"{"columnNumber":120,"disposition":"report","lineNumber":1,"message":"Permissions policy violation: camera is not allowed in this document.","policyId":"camera","sourceFile":"https://127.0.0.1:8443/hash"}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.feature_id, "camera");
    assert!(r.body.is_report_only());
    // The specification's field names, with its nullable fields null.
    let Report::PotentialPermissionsPolicyViolation(r) = one(
        "potential-permissions-policy-violation",
        r#"{"featureId":"camera","sourceFile":null,"lineNumber":null,"columnNumber":null,"disposition":"report","allowAttribute":"camera","srcAttribute":"https://a.example/"}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.feature_id, "camera");
    assert_eq!(r.body.source_file, None);
    assert_eq!(r.body.line_number, None);
    assert_eq!(r.body.allow_attribute.as_deref(), Some("camera"));
    assert_eq!(r.body.src_attribute.as_deref(), Some("https://a.example/"));
}

#[test]
fn deprecation_intervention_crash_network_error_reports() {
    // Chromium 156: a synchronous XMLHttpRequest.
    let Report::Deprecation(r) = one(
        "deprecation",
        r#"{"columnNumber":203,"id":"XMLHttpRequestSynchronousInNonWorkerOutsideBeforeUnload","lineNumber":1,"message":"Synchronous `XMLHttpRequest` on the main thread is deprecated because of its detrimental effects to the end user's experience. For more help, check https://xhr.spec.whatwg.org/.","sourceFile":"https://127.0.0.1:8443/hash"}"#,
    ) else {
        panic!()
    };
    assert_eq!(
        r.body.id,
        "XMLHttpRequestSynchronousInNonWorkerOutsideBeforeUnload"
    );
    assert_eq!(r.body.anticipated_removal, None);
    assert_eq!(r.body.column_number, Some(203));
    // The example of the Deprecation Reporting draft.
    let Report::Deprecation(r) = one(
        "deprecation",
        r#"{"id":"websql","anticipatedRemoval":"2020-01-01","message":"WebSQL is deprecated and will be removed in Chrome 97 around January 2020","sourceFile":"https://example.com/index.js","lineNumber":1234,"columnNumber":42}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.anticipated_removal.as_deref(), Some("2020-01-01"));
    assert_eq!(r.body.line_number, Some(1234));
    // The example of the Intervention Reporting draft.
    let Report::Intervention(r) = one(
        "intervention",
        r#"{"id":"audio-no-gesture","message":"A request to play audio was blocked because it was not triggered by user activation (such as a click).","sourceFile":"https://example.com/index.js","lineNumber":1234,"columnNumber":42}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.id, "audio-no-gesture");
    assert_eq!(
        r.body.source_file.as_deref(),
        Some("https://example.com/index.js")
    );
    // The example of the Crash Reporting draft, and a crash without a reason.
    let Report::Crash(r) = one("crash", r#"{"reason":"oom"}"#) else {
        panic!()
    };
    assert_eq!(r.body.reason.as_deref(), Some("oom"));
    let Report::Crash(r) = one("crash", r#"{}"#) else {
        panic!()
    };
    assert_eq!(r.body.reason, None);
    // The examples of NEL, "Sample Network Error Reports" (a protocol error, a DNS failure).
    let Report::NetworkError(r) = one(
        "network-error",
        r#"{"sampling_fraction":0.5,"referrer":"http://example.com/","server_ip":"2001:DB8:0:0:0:0:0:42","protocol":"h2","method":"GET","status_code":200,"elapsed_time":823,"phase":"application","type":"http.protocol.error"}"#,
    ) else {
        panic!()
    };
    assert!((r.body.sampling_fraction - 0.5).abs() < f64::EPSILON);
    assert_eq!(r.body.server_ip, "2001:DB8:0:0:0:0:0:42");
    assert_eq!((r.body.status_code, r.body.elapsed_time), (200, 823));
    assert_eq!(
        (r.body.phase.as_str(), r.body.kind.as_str()),
        ("application", "http.protocol.error")
    );
    let Report::NetworkError(r) = one(
        "network-error",
        r#"{"sampling_fraction":1.0,"referrer":"https://www.example.com/","server_ip":"","protocol":"","method":"GET","status_code":0,"elapsed_time":143,"phase":"dns","type":"dns.name_not_resolved"}"#,
    ) else {
        panic!()
    };
    assert_eq!(r.body.kind, "dns.name_not_resolved");
    assert_eq!(r.body.status_code, 0);
}

#[test]
fn unknown_types_and_misshapen_bodies_stay_raw() {
    let r = one("future-report", r#"{"anything":[1,2]}"#);
    let Report::Other { kind, url, body } = &r else {
        panic!("{r:?}")
    };
    assert_eq!(kind, "future-report");
    assert_eq!(url, "https://127.0.0.1:8443/page");
    assert_eq!(body["anything"][1], 2);
    // A typed report whose body is not its shape is kept as it came.
    let r = one("coep", r#"{"blockedURL":42}"#);
    assert!(
        matches!(&r, Report::Other { kind, body, .. } if kind == "coep" && body["blockedURL"] == 42),
        "{r:?}"
    );
    let r = one("crash", r#""oom""#);
    assert!(matches!(&r, Report::Other { .. }), "{r:?}");
}

#[test]
fn refusals() {
    let (c, rx) = ReportCollector::channel(1);
    assert_eq!(
        c.receive(Some("text/plain"), LEGACY),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(c.receive(None, LEGACY), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        c.receive(Some("application/csp-report"), b"{"),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        c.receive(Some("application/csp-report"), b"[]"),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        c.receive(Some("application/reports+json"), b"{}"),
        StatusCode::BAD_REQUEST
    );
    let big = vec![b' '; DEFAULT_BODY_LIMIT + 1];
    assert_eq!(
        c.receive(Some("application/csp-report"), &big),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert_eq!(
        c.admit(&Method::POST, Some("application/csp-report"), Some(1 << 20)),
        Admission::Respond(StatusCode::PAYLOAD_TOO_LARGE)
    );
    assert_eq!(
        c.admit(&Method::GET, None, None),
        Admission::Respond(StatusCode::METHOD_NOT_ALLOWED)
    );
    assert_eq!(
        c.admit(&Method::POST, Some("text/html"), None),
        Admission::Respond(StatusCode::UNSUPPORTED_MEDIA_TYPE)
    );
    assert_eq!(
        c.admit(&Method::OPTIONS, None, None),
        Admission::Respond(StatusCode::NO_CONTENT)
    );
    assert_eq!(
        c.admit(&Method::POST, Some("application/reports+json"), Some(10)),
        Admission::ReadBody
    );
    assert!(rx.try_recv().is_err());
    assert_eq!(c.counts(), (0, 9));
}

#[test]
fn a_full_channel_drops_instead_of_growing() {
    let (c, rx) = ReportCollector::channel(2);
    for _ in 0..10 {
        assert_eq!(
            c.receive(Some("application/csp-report"), LEGACY),
            StatusCode::NO_CONTENT
        );
    }
    assert_eq!(rx.try_iter().count(), 2);
    // What the full channel refused is counted as dropped, not accepted.
    assert_eq!(
        c.stats(),
        ReportStats {
            accepted: 2,
            rejected: 0,
            dropped: 8
        }
    );
    assert_eq!(c.counts(), (2, 0));
    // Room again: delivered and counted as accepted.
    c.receive(Some("application/csp-report"), LEGACY);
    assert_eq!(rx.try_iter().count(), 1);
    assert_eq!(c.stats().accepted, 3);
    // A receiver that is gone drops too.
    drop(rx);
    c.receive(Some("application/csp-report"), LEGACY);
    assert_eq!(c.stats().dropped, 9);
}

#[test]
fn cors_headers() {
    let (c, _rx) = ReportCollector::channel(1);
    let h: Vec<_> = c.response_headers().collect();
    assert_eq!(
        h[0],
        (
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*")
        )
    );
    assert_eq!(h.len(), 4);
    assert_eq!(c.allow_origin(None).response_headers().count(), 0);
}

/// A body without a length (chunked) that turns out longer than the limit while it is
/// read: `413`, counted as refused, and the body is not read past the limit.
#[cfg(any(feature = "tower", feature = "poem", feature = "salvo"))]
#[test]
fn a_body_over_the_limit_while_read_is_refused_and_counted() {
    use std::pin::Pin;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::task::{Context, Poll};

    /// Yields 1 KiB chunks forever, counting how many were asked for.
    struct Endless(std::sync::Arc<AtomicU64>);
    impl http_body::Body for Endless {
        type Data = bytes::Bytes;
        type Error = std::convert::Infallible;
        fn poll_frame(
            self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
        ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
            self.0.fetch_add(1, Ordering::Relaxed);
            Poll::Ready(Some(Ok(http_body::Frame::data(bytes::Bytes::from_static(
                &[b' '; 1024],
            )))))
        }
    }

    let (c, rx) = ReportCollector::channel(1);
    let c = c.limit(4096);
    let polled = std::sync::Arc::new(AtomicU64::new(0));
    let body = Endless(polled.clone());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut headers = http::HeaderMap::new();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/csp-report"),
    );
    let status = runtime.block_on(collect_report(&c, &Method::POST, &headers, body));
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(c.counts(), (0, 1));
    assert_eq!(
        polled.load(Ordering::Relaxed),
        5,
        "stops at the first chunk past 4 KiB"
    );
    assert_eq!(rx.try_iter().count(), 0);
    assert_eq!(c.unreadable(), StatusCode::BAD_REQUEST);
    assert_eq!(c.counts(), (0, 2));
}
