//! Per-request nonces: one fresh nonce per request, the same in every directive and in both
//! the enforced and the report-only policy.

use secure_headers::csp::Source;
use secure_headers::http::HeaderMap;
use secure_headers::{ContentSecurityPolicy, CspNonce, Preset, RequestContext, Secure};

fn strict_with_report_only() -> Secure {
    Preset::Balanced
        .builder()
        .csp(ContentSecurityPolicy::strict().style_src([Source::SELF, Source::nonce()]))
        .csp_report_only(
            ContentSecurityPolicy::new()
                .default_src([Source::NONE])
                .script_src([Source::nonce()])
                .report_uri(["/csp-reports"]),
        )
        .build()
        .unwrap()
}

#[test]
fn the_request_nonce_fills_every_slot_of_both_policies() {
    let secure = strict_with_report_only();
    assert!(secure.uses_nonce());
    let nonce: CspNonce = "AAAAAAAAAAAAAAAAAAAAAAAA".parse().unwrap();
    let mut map = HeaderMap::new();
    secure.set_headers_with(&mut map, &RequestContext::with_nonce(nonce));
    assert_eq!(
        map["content-security-policy"],
        "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAAAA' 'strict-dynamic' https: 'unsafe-inline'; \
         object-src 'none'; base-uri 'none'; style-src 'self' 'nonce-AAAAAAAAAAAAAAAAAAAAAAAA'"
    );
    assert_eq!(
        map["content-security-policy-report-only"],
        "default-src 'none'; script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAAAA'; report-uri /csp-reports"
    );
    // The rest of the preset is untouched.
    assert_eq!(map["x-frame-options"], "SAMEORIGIN");
}

#[test]
fn each_request_gets_a_fresh_nonce() {
    let secure = strict_with_report_only();
    let a = secure.request_context();
    let b = secure.request_context();
    assert_ne!(a.nonce(), b.nonce());
    let mut m1 = HeaderMap::new();
    secure.set_headers_with(&mut m1, &a);
    let csp = m1["content-security-policy"].to_str().unwrap();
    assert!(csp.contains(&format!("'nonce-{}'", a.nonce().unwrap())));
    // `set_headers` without a context still sends a working (fresh) nonce.
    let mut m2 = HeaderMap::new();
    secure.set_headers(&mut m2);
    let csp2 = m2["content-security-policy"].to_str().unwrap();
    assert!(!csp2.contains("{nonce}"));
    assert_ne!(csp, csp2);
}

#[test]
fn a_policy_without_nonce_needs_no_context() {
    let secure = Secure::with_default_headers();
    assert!(!secure.uses_nonce());
    assert_eq!(secure.request_context(), RequestContext::default());
}

#[test]
fn display_shows_the_slot() {
    let secure = Secure::builder()
        .csp(ContentSecurityPolicy::strict())
        .build()
        .unwrap();
    assert_eq!(
        secure.to_string(),
        "Content-Security-Policy: script-src 'nonce-{nonce}' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'"
    );
}

#[test]
fn the_slot_parses_back_into_the_request_nonce_source() {
    assert_eq!(
        "'nonce-{nonce}'".parse::<Source>().unwrap(),
        Source::nonce()
    );
}

#[cfg(feature = "hash")]
#[test]
fn hash_sources_from_inline_text() {
    use secure_headers::csp::HashAlgorithm;
    let csp = ContentSecurityPolicy::new().script_src([Source::hash_of(
        HashAlgorithm::Sha256,
        "alert('Hello, world.');",
    )]);
    let secure = Secure::builder().csp(csp).build().unwrap();
    assert_eq!(
        secure.header_items().next().unwrap().1,
        "script-src 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    );
    assert_eq!(
        Source::hash_of(HashAlgorithm::Sha384, "").as_str(),
        "'sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb'"
    );
}

/// A request without a nonce (the operating system gave no random bytes) gets a policy
/// that allows no inline script: beside `'unsafe-inline'`, the nonce slot becomes a hash
/// source no script has (browsers then ignore `'unsafe-inline'`), never the unfilled
/// `'nonce-{nonce}'`, an invalid source browsers drop.
#[test]
fn no_nonce_fails_closed() {
    let secure = Secure::builder()
        .csp(ContentSecurityPolicy::new().script_src([
            Source::SELF,
            Source::UNSAFE_INLINE,
            Source::nonce(),
        ]))
        .build()
        .unwrap();
    let mut headers = HeaderMap::new();
    secure.set_headers_with(&mut headers, &RequestContext::default());
    assert_eq!(
        headers["content-security-policy"],
        "script-src 'self' 'unsafe-inline' 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='"
    );
}
