use ::rocket::local::blocking::Client;
use ::rocket::shield::Shield;

use crate::{Preset, Secure};

/// A second `Secure` fairing on the same application overwrites what the first one set.
#[test]
fn second_fairing_applies_its_own_headers() {
    let rocket = ::rocket::build()
        .attach(Shield::new())
        .attach(Secure::from_preset(Preset::Balanced))
        .attach(Secure::from_preset(Preset::Strict));
    let client = Client::tracked(rocket).unwrap();
    let response = client.get("/").dispatch();
    assert_eq!(response.status().code, 404);
    let headers = response.headers();
    assert_eq!(headers.get_one("X-Frame-Options"), Some("DENY"));
    assert_eq!(
        headers.get_one("Cache-Control"),
        Some("no-store, max-age=0")
    );
    // Both CSPs are there: CSP is appended, not replaced.
    assert_eq!(headers.get("Content-Security-Policy").count(), 2);
    assert_eq!(
        headers.get_one("Strict-Transport-Security"),
        Some("max-age=63072000; includeSubDomains")
    );
}

/// The early-response route answers nothing by itself.
#[test]
fn early_route_forwards_without_an_early_response() {
    let client = Client::tracked(::rocket::build().attach(Secure::new())).unwrap();
    let response = client.get(super::EARLY_PATH).dispatch();
    assert_eq!(response.status().code, 404);
}

#[test]
fn obs_text_reads_as_latin_1() {
    assert_eq!(super::text(b"a\xe9"), "a\u{e9}");
    assert_eq!(super::text(b"nosniff"), "nosniff");
}

/// A wrapped catcher's override beats the failing route's override, and an unwrapped
/// catcher leaves the route's override (or the base) in place.
#[test]
fn a_wrapped_catcher_answers_with_its_own_headers() {
    use ::rocket::http::Status;
    use ::rocket::{Request, catch, catchers, get, routes};

    use crate::SecureOverride;

    #[get("/fails")]
    fn fails() -> Status {
        Status::ImATeapot
    }
    #[get("/fine")]
    fn fine() -> &'static str {
        "fine"
    }
    #[catch(404)]
    fn not_found(_: &Request<'_>) -> &'static str {
        "nothing here"
    }
    #[catch(418)]
    fn teapot(_: &Request<'_>) -> &'static str {
        "short and stout"
    }

    let base = Secure::from_preset(Preset::Balanced);
    let framable = SecureOverride::new(base.derive(|b| b.without("X-Frame-Options")).unwrap());
    let deny = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap());
    let rocket = ::rocket::build()
        .mount("/route", framable.wrap(routes![fails, fine]))
        .register("/", deny.wrap_catchers(catchers![teapot]))
        .register("/", catchers![not_found])
        // Rocket's default Shield sets X-Frame-Options itself: an empty one does not.
        .attach(Shield::new())
        .attach(base);
    let client = Client::tracked(rocket).unwrap();
    let xfo = |path: &str| {
        let r = client.get(path.to_owned()).dispatch();
        (
            r.status().code,
            r.headers().get_one("X-Frame-Options").map(str::to_owned),
        )
    };
    // The route's override, on its own response.
    assert_eq!(xfo("/route/fine"), (200, None));
    // The route fails with 418: the wrapped catcher's override wins over the route's.
    assert_eq!(xfo("/route/fails"), (418, Some("DENY".to_owned())));
    // An unwrapped catcher: the base headers.
    assert_eq!(xfo("/nowhere"), (404, Some("SAMEORIGIN".to_owned())));
}
