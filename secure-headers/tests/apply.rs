//! Applying a `Secure` to header maps and responses: the rules of `secure` 2.0.1's middleware, without
//! its stale-index bug.

use secure_headers::http::{HeaderMap, HeaderName, HeaderValue, Response, header};
use secure_headers::{
    ContentSecurityPolicy, CustomHeader, InsertMode, Secure, XContentTypeOptions, XFrameOptions,
};

fn map(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut m = HeaderMap::new();
    for (n, v) in pairs {
        m.append(
            HeaderName::from_bytes(n.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    m
}

fn pairs(m: &HeaderMap) -> Vec<(String, String)> {
    m.iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
        .collect()
}

/// `secure` 2.0.1's stale-index bug: with `Secure(xcto, xfo=DENY)` and an app that
/// sends `[X-Content-Type-Options: bad, Content-Type, X-Frame-Options: SAMEORIGIN]`, 2.0.1
/// outputs `[Content-Type, X-Frame-Options: SAMEORIGIN, X-Frame-Options: DENY]`: XCTO lost,
/// XFO duplicated. Here each configured header replaces the app's, exactly once.
#[test]
fn no_stale_index_bug() {
    let secure = Secure::builder()
        .xcto(XContentTypeOptions::new())
        .xfo(XFrameOptions::new().deny())
        .build()
        .unwrap();
    let mut m = map(&[
        ("x-content-type-options", "bad"),
        ("content-type", "text/html"),
        ("x-frame-options", "SAMEORIGIN"),
    ]);
    secure.set_headers(&mut m);
    let mut got = pairs(&m);
    got.sort();
    assert_eq!(
        got,
        [
            ("content-type".to_owned(), "text/html".to_owned()),
            ("x-content-type-options".to_owned(), "nosniff".to_owned()),
            ("x-frame-options".to_owned(), "DENY".to_owned()),
        ]
    );
}

/// The same bug with the default preset deleted `Cross-Origin-Opener-Policy` and doubled
/// XFO for an app sending `server` and `x-frame-options`.
#[test]
fn default_preset_over_app_server_and_xfo() {
    let secure = Secure::with_default_headers();
    let mut m = map(&[("server", "uvicorn"), ("x-frame-options", "DENY")]);
    secure.set_headers(&mut m);
    assert_eq!(m.get_all("server").iter().collect::<Vec<_>>(), [""]);
    assert_eq!(
        m.get_all("x-frame-options").iter().collect::<Vec<_>>(),
        ["SAMEORIGIN"]
    );
    assert_eq!(m["cross-origin-opener-policy"], "same-origin");
    assert_eq!(m.len(), 9);
}

#[test]
fn unrelated_and_repeated_headers_stay_in_order() {
    let secure = Secure::with_default_headers();
    let mut m = map(&[
        ("set-cookie", "a=1; Secure"),
        ("vary", "Accept"),
        ("set-cookie", "b=2; HttpOnly"),
        ("vary", "Origin"),
    ]);
    secure.set_headers(&mut m);
    assert_eq!(
        m.get_all(header::SET_COOKIE).iter().collect::<Vec<_>>(),
        ["a=1; Secure", "b=2; HttpOnly"]
    );
    assert_eq!(
        m.get_all(header::VARY).iter().collect::<Vec<_>>(),
        ["Accept", "Origin"]
    );
}

#[test]
fn csp_is_appended_after_the_apps_own() {
    let secure = Secure::builder()
        .csp(ContentSecurityPolicy::new().default_src(["'self'"]))
        .build()
        .unwrap();
    let mut m = map(&[("content-security-policy", "img-src 'none'")]);
    secure.set_headers(&mut m);
    assert_eq!(
        m.get_all(header::CONTENT_SECURITY_POLICY)
            .iter()
            .collect::<Vec<_>>(),
        ["img-src 'none'", "default-src 'self'"]
    );
}

#[test]
fn empty_multi_ok_makes_csp_overwrite_and_custom_multi_ok_appends() {
    let secure = Secure::builder()
        .csp(ContentSecurityPolicy::new().default_src(["'self'"]))
        .custom(CustomHeader::new("X-Extra", "ours"))
        .multi_ok([" X-Extra "])
        .build()
        .unwrap();
    let mut m = map(&[
        ("content-security-policy", "img-src 'none'"),
        ("x-extra", "app"),
    ]);
    secure.set_headers(&mut m);
    assert_eq!(
        m.get_all(header::CONTENT_SECURITY_POLICY)
            .iter()
            .collect::<Vec<_>>(),
        ["default-src 'self'"]
    );
    assert_eq!(
        m.get_all("x-extra").iter().collect::<Vec<_>>(),
        ["app", "ours"]
    );
}

#[test]
fn if_absent_mode_keeps_the_apps_value() {
    let secure = Secure::builder()
        .xfo(XFrameOptions::new().deny())
        .xcto(XContentTypeOptions::new())
        .insert_mode("x-frame-options", InsertMode::IfAbsent)
        .build()
        .unwrap();
    let mut resp = Response::new(());
    resp.headers_mut().insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    secure.set_headers(&mut resp);
    assert_eq!(resp.headers()[header::X_FRAME_OPTIONS], "SAMEORIGIN");
    assert_eq!(resp.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[test]
fn empty_secure_sets_nothing() {
    let mut m = map(&[("content-type", "text/plain")]);
    Secure::new().set_headers(&mut m);
    assert_eq!(
        pairs(&m),
        [("content-type".to_owned(), "text/plain".to_owned())]
    );
}

#[test]
fn applying_twice_is_idempotent_for_overwritten_headers() {
    let secure = Secure::from_preset(secure_headers::Preset::Strict);
    let mut once = HeaderMap::new();
    secure.set_headers(&mut once);
    let mut twice = once.clone();
    secure.set_headers(&mut twice);
    // Only the multi-valued CSP repeats.
    assert_eq!(twice.len(), once.len() + 1);
}

#[test]
fn custom_header_with_crlf_fails_the_build_naming_it() {
    let err = Secure::builder()
        .custom(CustomHeader::new("X-Evil", "a\r\nSet-Cookie: pwned=1"))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), secure_headers::ErrorKind::InvalidHeaderValue);
    assert_eq!(err.header(), Some("X-Evil"));
    assert_eq!(err.input(), Some("a\r\nSet-Cookie: pwned=1"));
}

#[test]
fn normalize_cleans_raw_custom_values_like_the_seed() {
    use secure_headers::pipeline::NormalizeOptions;
    let s = Secure::builder()
        .custom(CustomHeader::new("X-A", "value\nwith\r\nbad"))
        .validate_and_normalize_headers(NormalizeOptions::new())
        .build()
        .unwrap();
    assert_eq!(s.to_string(), "X-A: value with bad");
    let mut m = HeaderMap::new();
    s.set_headers(&mut m);
    assert_eq!(m["x-a"], "value with bad");
}

#[test]
fn obs_text_is_sent_as_latin1_when_allowed() {
    use secure_headers::pipeline::NormalizeOptions;
    let s = Secure::builder()
        .custom(CustomHeader::new("X-A", "caf\u{e9}"))
        .validate_and_normalize_headers(NormalizeOptions::new().allow_obs_text(true))
        .build()
        .unwrap();
    assert_eq!(s.entries()[0].value().as_bytes(), b"caf\xe9");
    assert_eq!(s.entries()[0].value_str(), "caf\u{e9}");
}

#[test]
fn cloning_shares_the_rendered_list() {
    let a = Secure::with_default_headers();
    let b = a.clone();
    assert!(std::ptr::eq(a.entries(), b.entries()));
}

#[cfg(not(feature = "nonce"))]
#[test]
fn a_per_request_nonce_without_the_nonce_feature_fails_the_build() {
    let err = Secure::builder()
        .csp(ContentSecurityPolicy::strict())
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), secure_headers::ErrorKind::Conflict);
    assert_eq!(err.header(), Some("Content-Security-Policy"));
    assert_eq!(
        err.to_string(),
        "conflicting settings in Content-Security-Policy: \"'nonce-{nonce}'\" (per-request nonces need the `nonce` feature)"
    );
}
