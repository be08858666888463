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
    let response = client
        .get(format!("/a/b?{}", super::early::EARLY_QUERY))
        .dispatch();
    assert_eq!(response.status().code, 404);
}

#[test]
fn obs_text_reads_as_latin_1() {
    assert_eq!(super::convert::text(b"a\xe9"), "a\u{e9}");
    assert_eq!(super::convert::text(b"nosniff"), "nosniff");
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
    let framable =
        SecureOverride::new(base.derive(|b| b.without("X-Frame-Options")).unwrap()).unwrap();
    let deny = SecureOverride::new(base.derive(|b| b.map_xfo(|x| x.deny())).unwrap()).unwrap();
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

/// With one `Secure` whose decision needs nothing of the request but its method (every
/// preset), the fairing carries nothing from the request to the response, and the
/// response path still knows a tunnel: a `CONNECT` answered `2xx` is left alone, one
/// answered otherwise and any other method get the headers.
#[test]
fn a_fixed_context_still_knows_a_tunnel() {
    use ::rocket::http::Method;
    use ::rocket::route::{Handler, Outcome};
    use ::rocket::{Data, Request, Route};

    #[derive(Clone)]
    struct Answer(u16);

    #[::rocket::async_trait]
    impl Handler for Answer {
        async fn handle<'r>(&self, request: &'r Request<'_>, _: Data<'r>) -> Outcome<'r> {
            let status = ::rocket::http::Status::new(self.0);
            Outcome::from(request, (status, "tunnel"))
        }
    }

    let secure = Secure::from_preset(Preset::Balanced);
    assert!(super::fairing::context_is_fixed(&secure));
    let rocket = ::rocket::build()
        .mount(
            "/",
            vec![
                Route::new(Method::Connect, "/open", Answer(200)),
                Route::new(Method::Connect, "/refused", Answer(403)),
                Route::new(Method::Get, "/open", Answer(200)),
            ],
        )
        .attach(Shield::new()) // Rocket's default shield would add two headers itself
        .attach(secure);
    let client = Client::tracked(rocket).unwrap();

    let tunnel = client.req(Method::Connect, "/open").dispatch();
    assert_eq!(tunnel.status().code, 200);
    assert_eq!(tunnel.headers().get_one("X-Frame-Options"), None);
    assert_eq!(tunnel.headers().get_one("Content-Security-Policy"), None);

    let refused = client.req(Method::Connect, "/refused").dispatch();
    assert_eq!(refused.status().code, 403);
    assert_eq!(
        refused.headers().get_one("X-Frame-Options"),
        Some("SAMEORIGIN")
    );

    let page = client.get("/open").dispatch();
    assert_eq!(page.status().code, 200);
    assert_eq!(
        page.headers().get_one("X-Frame-Options"),
        Some("SAMEORIGIN")
    );
    assert_eq!(
        page.headers().get_one("X-Content-Type-Options"),
        Some("nosniff")
    );
}

/// A request another `Secure` answers early (here a refused host) gets the headers of a
/// `Secure` that reads nothing of the request too, whether it is attached before or after.
#[test]
fn an_early_answer_gets_the_headers_of_a_response_only_fairing() {
    let refuses = || {
        Secure::builder()
            .allowed_hosts(crate::transport::AllowedHosts::new(["example.com"]))
            .build()
            .unwrap()
    };
    let marks = || {
        Secure::builder()
            .custom(crate::CustomHeader::new("X-Also", "1"))
            .build()
            .unwrap()
    };
    for before in [true, false] {
        let rocket = if before {
            ::rocket::build().attach(marks()).attach(refuses())
        } else {
            ::rocket::build().attach(refuses()).attach(marks())
        };
        let client = Client::tracked(rocket).unwrap();
        for (host, status) in [("evil.example", 400), ("example.com", 404)] {
            let response = client
                .get("/")
                .header(::rocket::http::Header::new("Host", host))
                .dispatch();
            let case = format!("{host}, before: {before}");
            assert_eq!(response.status().code, status, "{case}");
            assert_eq!(response.headers().get_one("X-Also"), Some("1"), "{case}");
        }
    }
}

/// The names and values of an attached `Secure`, customized ones too, are lent to every
/// response for as long as it lives, not copied into it: two responses alive at once hold
/// the same text. A handler's override is copied, and sent the same.
#[test]
fn a_customized_secure_lends_its_names_and_values_to_every_response() {
    use ::rocket::{get, routes};

    use super::WithSecureOverride;
    use crate::csp::Source;
    use crate::{ContentSecurityPolicy, CustomHeader, SecureOverride};

    #[get("/")]
    fn index() -> &'static str {
        "hello"
    }
    #[get("/override")]
    fn overridden() -> WithSecureOverride<&'static str> {
        let csp = ContentSecurityPolicy::new().default_src([Source::NONE]);
        let secure = Secure::builder().csp(csp).build().unwrap();
        WithSecureOverride(SecureOverride::new(secure).unwrap(), "override")
    }

    let csp = ContentSecurityPolicy::new().default_src(["'self'", "https://cdn.example.com"]);
    let secure = Preset::Balanced
        .builder()
        .csp(csp)
        .custom(CustomHeader::new("X-Lent", "from the configuration"))
        .build()
        .unwrap();
    let rocket = ::rocket::build()
        .mount("/", routes![index, overridden])
        .attach(Shield::new())
        .attach(secure);
    let client = Client::tracked(rocket).unwrap();
    let (first, second) = (client.get("/").dispatch(), client.get("/").dispatch());
    let text = |response: &::rocket::local::blocking::LocalResponse<'_>, name: &str| {
        let header = response.headers().iter().find(|h| h.name() == name);
        let header = header.unwrap_or_else(|| panic!("{name} is sent"));
        (header.name.as_str().as_ptr(), header.value().as_ptr())
    };
    let csp = "default-src 'self' https://cdn.example.com";
    for response in [&first, &second] {
        assert_eq!(
            response.headers().get_one("Content-Security-Policy"),
            Some(csp)
        );
        assert_eq!(
            response.headers().get_one("X-Lent"),
            Some("from the configuration")
        );
    }
    for name in ["Content-Security-Policy", "X-Lent"] {
        let (name_at, value_at) = text(&first, name);
        assert_eq!(text(&second, name), (name_at, value_at), "{name}");
    }

    let overridden = client.get("/override").dispatch();
    assert_eq!(
        overridden.headers().get_one("Content-Security-Policy"),
        Some("default-src 'none'")
    );
}

/// The early-response routes are mounted (once) when an attached `Secure` has a check that
/// can answer a request early, whichever place it has among several, and not otherwise (the
/// router would try them on every request); mounted, they forward a request that was not
/// answered early.
#[test]
fn early_routes_only_for_a_secure_that_can_answer_early() {
    let checks = || {
        Secure::builder()
            .allowed_hosts(crate::transport::AllowedHosts::new(["example.com"]))
            .build()
            .unwrap()
    };
    let plain = || Secure::from_preset(Preset::Balanced);
    let all = super::early::METHODS.len();
    let cases = [
        (vec![plain()], 0),
        (vec![plain(), plain()], 0),
        (vec![checks()], all),
        (vec![plain(), checks()], all),
        (vec![checks(), plain(), checks()], all),
    ];
    for (secures, routes) in cases {
        let case = format!("{secures:?}");
        let rocket = secures
            .into_iter()
            .fold(::rocket::build(), |rocket, secure| rocket.attach(secure));
        let client = Client::tracked(rocket).unwrap();
        let early = client
            .rocket()
            .routes()
            .filter(|r| r.name.as_deref() == Some(super::early::EARLY_ROUTE));
        assert_eq!(early.count(), routes, "{case}");
        let response = client
            .get(format!("/a/b?{}", super::early::EARLY_QUERY))
            .header(::rocket::http::Header::new("Host", "example.com"))
            .dispatch();
        assert_eq!(response.status().code, 404, "{case}");
    }
}
