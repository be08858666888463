//! Whether a `SecureOverride` applies is read from each response alone, never from a
//! process-wide "an override was made" flag. This file holds one test, so that it runs in a
//! process where none was made before: an override made once responses are being served is
//! found all the same.

use secure_headers::http::Response;
use secure_headers::{Secure, SecureOverride};

#[test]
fn an_override_made_while_serving_is_applied() {
    let base = Secure::with_default_headers();
    // A response with extensions, but no override yet: the base headers.
    let mut before = Response::new(());
    before.extensions_mut().insert(7_u8);
    base.apply_to_response(&mut before);
    assert_eq!(before.headers()["x-frame-options"], "SAMEORIGIN");

    let framable =
        SecureOverride::new(base.derive(|b| b.without("X-Frame-Options")).unwrap()).unwrap();
    let mut after = Response::new(());
    after.extensions_mut().insert(framable);
    base.apply_to_response(&mut after);
    assert!(after.headers().get("x-frame-options").is_none());
    assert_eq!(after.headers()["x-content-type-options"], "nosniff");
}
