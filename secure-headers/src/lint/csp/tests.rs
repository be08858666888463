use super::*;

#[test]
fn scheme_free_urls() {
    assert_eq!(scheme_free("https://a.com/x"), "a.com/x");
    assert_eq!(scheme_free("//a.com"), "a.com");
    assert_eq!(scheme_free("*"), "*");
    assert_eq!(scheme_free("https://*"), "*");
    assert_eq!(scheme_free("data:"), "data:");
    assert_eq!(scheme_free("'self'"), "'self'");
}

#[test]
fn hostnames() {
    assert_eq!(hostname("https://127.0.0.1:8080/x"), "127.0.0.1");
    assert_eq!(hostname("*.Example.com:*"), "*.example.com");
    assert_eq!(hostname("[::1]:80"), "[::1]");
    assert!(looks_like_ip("10.0.0.1"));
    assert!(!looks_like_ip("10.0.0.1.example"));
}

#[test]
fn wildcard_urls() {
    assert_eq!(
        match_wildcard_urls("//www.google.com", &JSONP).as_deref(),
        Some("www.google.com")
    );
    assert!(match_wildcard_urls("//*.google.com", &JSONP).is_some());
    assert_eq!(match_wildcard_urls("//google.com", &JSONP), None);
    assert!(match_wildcard_urls("//*.googleapis.com", &JSONP).is_some());
    assert!(match_wildcard_urls("//ajax.googleapis.com/ajax/libs/", &ANGULAR).is_some());
    assert!(match_wildcard_urls("//ajax.googleapis.com/other/", &ANGULAR).is_none());
    assert!(match_wildcard_urls("//cdn.jsdelivr.net", &JSONP).is_some());
    assert!(match_wildcard_urls("//example.com", &JSONP).is_none());
}
