use std::cell::RefCell;
use std::rc::Rc;

use actix_web_4::HttpResponse;

use super::middleware::Shared;
use super::sink::Prepared;
use crate::integrations::Recent;
use crate::{CookieHardening, CustomHeader, Preset, RequestContext, Secure};

/// Every entry survives the conversion to `http` 0.2 types, unchanged and in order.
#[test]
fn conversion_keeps_every_entry() {
    for preset in Preset::ALL {
        let secure = preset
            .builder()
            .custom(CustomHeader::new("X-Custom-Thing", "a=1; b"))
            .build()
            .unwrap();
        let prepared = Prepared::new(&secure).unwrap();
        let mut response = HttpResponse::Ok().finish();
        prepared.apply(&mut response, &RequestContext::default());
        let headers = response.headers();
        assert_eq!(headers.len(), secure.entries().len());
        for e in secure.entries() {
            let name = e.header_name().as_str();
            let sent: Vec<_> = headers.get_all(name).map(|v| v.as_bytes()).collect();
            assert_eq!(sent, [e.value().as_bytes()], "{name}");
        }
    }
}

#[test]
fn rewrite_keeps_order_and_untouched_values() {
    let secure = Secure::builder()
        .harden_cookies(CookieHardening::new())
        .build()
        .unwrap();
    let prepared = Prepared::new(&secure).unwrap();
    let mut response = HttpResponse::Ok()
        .append_header(("set-cookie", "a=1"))
        .append_header(("set-cookie", "b=2; Secure; HttpOnly; SameSite=Strict"))
        .append_header(("set-cookie", "c=3; HttpOnly"))
        .finish();
    prepared.apply(&mut response, &RequestContext::default());
    let cookies: Vec<_> = response
        .headers()
        .get_all("set-cookie")
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(
        cookies,
        [
            "a=1; Secure; HttpOnly; SameSite=Lax",
            "b=2; Secure; HttpOnly; SameSite=Strict",
            "c=3; HttpOnly; Secure; SameSite=Lax",
        ]
    );
}

#[test]
fn override_cache_is_bounded_and_reused() {
    let base = Secure::with_default_headers();
    let shared = Shared {
        base: Prepared::new(&base).unwrap(),
        recent: RefCell::default(),
    };
    let first = shared.converted(&base);
    assert!(Rc::ptr_eq(&first, &shared.converted(&base)));
    for i in 0..Recent::<Rc<Prepared>>::KEPT * 2 {
        let variant = base
            .derive(|b| b.custom(CustomHeader::new("X-Variant", &i.to_string())))
            .unwrap();
        let _ = shared.converted(&variant);
    }
    assert_eq!(shared.recent.borrow().len(), Recent::<Rc<Prepared>>::KEPT);
}

/// A `Secure` that is not a preset meets the application's headers by each entry's mode,
/// whether the response has none of its names (then every write is an `append`), other
/// headers only, or the application's `X-Frame-Options` (`IfAbsent` here: kept), CSP
/// (appended to) and `Referrer-Policy` (replaced); and two entries under one name are both
/// sent.
#[test]
fn a_customized_secure_meets_the_applications_headers_by_mode() {
    use actix_web_4::http::header::{HeaderName, HeaderValue};

    let secure = Preset::Balanced
        .builder()
        .map_csp(|csp| csp.img_src(["https://images.example"]))
        .insert_mode("X-Frame-Options", crate::InsertMode::IfAbsent)
        .build()
        .unwrap();
    assert_eq!(secure.inner.preset, None);
    let ours = |name: &str| {
        let e = secure.entries().iter().find(|e| e.header_name() == name);
        e.unwrap().value_str().to_owned()
    };
    let prepared = Prepared::new(&secure).unwrap();
    for theirs in [0, 1, 2] {
        let mut response = HttpResponse::Ok().finish();
        let headers = response.headers_mut();
        let mut set = |n: &'static str, v: &'static str| {
            headers.insert(HeaderName::from_static(n), HeaderValue::from_static(v));
        };
        if theirs >= 1 {
            set("content-type", "text/plain");
        }
        if theirs == 2 {
            set("x-frame-options", "DENY");
            set("content-security-policy", "img-src 'none'");
            set("referrer-policy", "unsafe-url");
        }
        prepared.apply(&mut response, &RequestContext::default());
        let all = |n: &str| -> Vec<String> {
            let values = response.headers().get_all(n);
            values.map(|v| v.to_str().unwrap().to_owned()).collect()
        };
        let case = format!("theirs: {theirs}");
        if theirs == 2 {
            assert_eq!(all("x-frame-options"), ["DENY"], "{case}");
            let csp = ["img-src 'none'".to_owned(), ours("content-security-policy")];
            assert_eq!(all("content-security-policy"), csp, "{case}");
        } else {
            assert_eq!(all("x-frame-options"), [ours("x-frame-options")], "{case}");
            let csp = [ours("content-security-policy")];
            assert_eq!(all("content-security-policy"), csp, "{case}");
        }
        assert_eq!(all("referrer-policy"), [ours("referrer-policy")], "{case}");
        let others = usize::from(theirs >= 1);
        assert_eq!(
            response.headers().keys().count(),
            secure.entries().len() + others,
            "{case}"
        );
    }

    // Two CSPs of ours (the second a custom header) are both sent, after the
    // application's.
    let two = Preset::Balanced
        .builder()
        .custom(CustomHeader::new(
            "Content-Security-Policy",
            "img-src 'self'",
        ))
        .build()
        .unwrap();
    let prepared = Prepared::new(&two).unwrap();
    let mut response = HttpResponse::Ok().finish();
    prepared.apply(&mut response, &RequestContext::default());
    let csp = response
        .headers()
        .get_all("content-security-policy")
        .count();
    assert_eq!(csp, 2);
}
