//! A `SecureOverride` only changes response headers: one whose `Secure` carries a
//! request-side check (which no override runs) is refused when it is built, never mounted
//! to let a cross-site request with a foreign host through its route.

use secure_headers::request::CrossOriginProtection;
use secure_headers::transport::{AllowedHosts, HttpsRedirect};
use secure_headers::{ErrorKind, Secure, SecureBuilder, SecureOverride};

fn refused(f: impl FnOnce(SecureBuilder) -> SecureBuilder) -> secure_headers::Error {
    let secure = Secure::with_default_headers().derive(f).unwrap();
    SecureOverride::new(secure).unwrap_err()
}

#[test]
fn cross_origin_protection_in_an_override_is_refused() {
    let err = refused(|b| b.cross_origin_protection(CrossOriginProtection::new()));
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.header(), Some("SecureOverride"));
    assert_eq!(err.directive(), Some("cross_origin_protection"));
    assert_eq!(
        err.to_string(),
        "conflicting settings in SecureOverride directive cross_origin_protection \
         (an override only changes response headers and never runs the cross-origin check; \
         set cross_origin_protection on the application's Secure, which checks every route \
         (CrossOriginProtection::bypass lists the paths that skip the check), and build the \
         override from a Secure without it)"
    );
}

#[test]
fn allowed_hosts_in_an_override_is_refused() {
    let err = refused(|b| b.allowed_hosts(AllowedHosts::new(["app.example"])));
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.header(), Some("SecureOverride"));
    assert_eq!(err.directive(), Some("allowed_hosts"));
    let message = err.to_string();
    assert!(message.contains("never runs the host check"), "{message}");
    assert!(
        message
            .contains("set allowed_hosts on the application's Secure, which checks every route,"),
        "{message}"
    );
}

#[test]
fn https_redirect_in_an_override_is_refused() {
    let err = refused(|b| b.https_redirect(HttpsRedirect::new().host("app.example")));
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.header(), Some("SecureOverride"));
    assert_eq!(err.directive(), Some("https_redirect"));
    let message = err.to_string();
    assert!(
        message.contains("never runs the HTTPS redirect"),
        "{message}"
    );
    assert!(
        message.contains("set https_redirect on the application's Secure"),
        "{message}"
    );
}

/// The same rule through `TryFrom`, the other public way to make an override from a `Secure`.
#[test]
fn try_from_refuses_the_same() {
    let guarded = Secure::builder()
        .cross_origin_protection(CrossOriginProtection::new())
        .allowed_hosts(AllowedHosts::new(["app.example"]))
        .build()
        .unwrap();
    let err = SecureOverride::try_from(guarded).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(err.directive(), Some("cross_origin_protection"));
}

/// A header-only variant, and one that only says how the request's security is read (as
/// the application's own `Secure` decides it), still build.
#[test]
fn header_only_overrides_still_build() {
    let framable = Secure::with_default_headers()
        .derive(|b| {
            b.without("X-Frame-Options")
                .trusted_proxies(["10.0.0.0/8"])
                .forwarded_headers([secure_headers::transport::ForwardedHeader::XForwardedProto])
                .hsts_mode(secure_headers::transport::HstsMode::SecureOnly)
        })
        .unwrap();
    let o = SecureOverride::new(framable.clone()).unwrap();
    assert_eq!(o.secure(), &framable);
    assert_eq!(SecureOverride::none().secure().header_items().count(), 0);
}
