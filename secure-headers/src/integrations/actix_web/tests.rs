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
