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
//!
//! Where ours stands (one build, `N=2000 scripts/bench-frameworks.sh rocket`): `none` takes
//! 9135 instructions a request and the floor 25906, an overhead of 16771, so 1.10 times the
//! floor allows 18448 (27583). `Shield` takes 35009 (1.543), `ours_balanced` 26642 (1.044)
//! and `ours_custom_csp` 26640 (1.044). In paired wall clock (`cargo bench ... --bench
//! rocket`, six runs over as many builds on a shared machine) `ours_balanced` is 0.964 to
//! 1.070 of the floor's overhead (0.983, 1.046, 1.070, 1.070, 0.964, 1.013; quartiles of
//! rounds about ±0.03 around each), `ours_custom_csp` 0.973 to 1.077, `Shield` 1.307 to
//! 1.424; both of ours allocate 24 times a request, as the floor does (`Shield` 23).
//! Per function, instructions a request:
//!
//! | function                                                 | ours | custom | Shield | floor |
//! |----------------------------------------------------------|-----:|-------:|-------:|------:|
//! | SipHash of the names (`sip::Hasher::write`, `hash_one`)  | 11817|  11817 |  20004 | 11817 |
//! | the fairing (`Prepared::apply` or `lend`, `on_response`) |   881|    814 |    701 |   435 |
//! | the map's inserts (`insert_full`, `entry`, `find`, `get`)|  1292|   1291 |   1691 |  1107 |
//! | adding to a name (`or_insert`, the vector's growth)      |   547|    547 |    353 |   247 |
//! | the lookup in the Rocket's state (`with_map_ref`)        |     0|     65 |      0 |     0 |
//! | allocator and `memcpy`                                   |  7577|   7577 |   7783 |  7778 |
//! | the rest (request, routing, responder)                   |  4529|   4529 |   4478 |  4522 |
//! | total                                                    | 26642|  26640 |  35009 | 25906 |
//!
//! Rocket's map hashes every name with SipHash (case-insensitively, a byte at a time): the
//! nine names cost the floor and us the same 11817. Against the floor, the fairing's loop
//! costs about 450 more: a `Secure`'s entries are read from its converted set, each by its
//! insert mode (the floor replaces nine constants), behind the check against hyper's cap on
//! names. The CSP is added (`adjoin_header`: Rocket's `entry().or_insert(vec![]).push`,
//! which grows an empty vector) where the floor replaces it; replacing it when the response
//! lacks every name of ours (looked through first) saved about 230 there but cost as much
//! in the look and in the insert (and was no faster in wall clock: 1.035 between runs of
//! 0.964 and 1.013 without it), so it is not done. With `--cache`, first-level
//! instruction-cache misses were 409 a request for ours and 354 for the floor (308 and
//! 392 in another build), mispredicted branches 144 and 139. `ours_custom_csp` lends its CSP to the
//! response from the converted set in the Rocket's state (a `Cow::Borrowed` that lives as
//! long as the Rocket): no copy or allocation, for the 65 of the state's lookup (a preset's
//! `'static` values skip it). Mounted only for a `Secure` whose checks can answer early,
//! the early-answer route is not tried on every request here.

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
