//! Per-request cost of the security headers in Rocket 0.5, in one run, each stack the same
//! application (`GET /` answering a short text body) driven in-process by an (untracked)
//! asynchronous local `Client`:
//!
//! - `none`: the application alone;
//! - `floor`: a hand-written response fairing setting the nine headers from static strings
//!   (`Response::set_raw_header` with borrowed names and values: no copy);
//! - `native`: Rocket's `Shield`, with one `Policy` per header (Rocket's own policies have
//!   no CSP, COOP, CORP or `Server`, so each of the nine is a small fixed policy here);
//! - `ours_balanced`, `ours_custom_csp`: `.attach(secure)`.
//!
//! Every stack replaces Rocket's default `Shield` (an empty one, except in `native`) and
//! turns off the `Server` identification header, so that `none` sends none of the nine.
//!
//! Run with `cargo bench -p secure-headers --features rocket --bench rocket` (paired wall
//! clock), and `scripts/bench-frameworks.sh rocket` for instructions per request.

use rocket::config::{Config, Ident, LogLevel};
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::local::asynchronous::{Client, LocalResponse};
use rocket::shield::{Policy, Shield};
use rocket::{Build, Request, Response, Rocket, get, routes};

#[path = "support/counting.rs"]
mod counting;

#[path = "support/balanced.rs"]
mod balanced;

#[path = "support/harness.rs"]
mod harness;

use balanced::PAIRS;
use harness::{Expect, Headers, stack};

#[get("/")]
fn index() -> &'static str {
    "hello, world"
}

/// The application every stack extends: quiet, no `Server` header, no default `Shield`.
fn app() -> Rocket<Build> {
    let config = Config {
        log_level: LogLevel::Off,
        ident: Ident::none(),
        ..Config::debug_default()
    };
    rocket::custom(config)
        .mount("/", routes![index])
        .attach(Shield::new())
}

/// The floor: the nine headers from static strings, on every response.
struct Floor;

#[rocket::async_trait]
impl Fairing for Floor {
    fn info(&self) -> Info {
        Info {
            name: "floor",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, _: &'r Request<'_>, response: &mut Response<'r>) {
        for (name, value) in PAIRS {
            response.set_raw_header(name, value);
        }
    }
}

/// Header `I` of the nine as a Shield policy.
#[derive(Default)]
struct Fixed<const I: usize>;

impl<const I: usize> Policy for Fixed<I> {
    const NAME: &'static str = PAIRS[I].0;

    fn header(&self) -> Header<'static> {
        Header::new(PAIRS[I].0, PAIRS[I].1)
    }
}

fn shield() -> Shield {
    Shield::new()
        .enable(Fixed::<0>)
        .enable(Fixed::<1>)
        .enable(Fixed::<2>)
        .enable(Fixed::<3>)
        .enable(Fixed::<4>)
        .enable(Fixed::<5>)
        .enable(Fixed::<6>)
        .enable(Fixed::<7>)
        .enable(Fixed::<8>)
}

fn headers(response: &LocalResponse<'_>) -> Headers {
    response
        .headers()
        .iter()
        .map(|h| harness::pair(h.name().as_str(), h.value().as_bytes()))
        .collect()
}

fn rocket_stack<'a>(name: &'static str, expect: Expect, client: &'a Client) -> harness::Stack<'a> {
    stack(
        name,
        expect,
        move || harness::ready(client.get("/").dispatch()),
        headers,
    )
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let _context = runtime.enter();
    let client = |rocket| {
        runtime
            .block_on(Client::untracked(rocket))
            .expect("a valid application")
    };
    let clients = [
        client(app()),
        client(app().attach(Floor)),
        client(app().attach(shield())),
        client(app().attach(harness::balanced())),
        client(app().attach(harness::customized())),
    ];
    harness::run(
        "rocket",
        vec![
            rocket_stack(harness::NONE, Expect::Nothing, &clients[0]),
            rocket_stack(harness::FLOOR_STACK, Expect::Balanced, &clients[1]),
            rocket_stack(harness::NATIVE, Expect::Balanced, &clients[2]),
            rocket_stack(harness::OURS, Expect::Balanced, &clients[3]),
            rocket_stack(harness::OURS_CUSTOM, Expect::Custom, &clients[4]),
        ],
    );
}
