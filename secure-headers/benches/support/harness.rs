//! The harness every per-framework bench shares (`benches/{tower,actix_web,rocket,poem,salvo,
//! warp}.rs`). A bench builds its stacks (the same trivial application, each wrapped in one
//! way of adding the headers) and hands them to [`run`], which:
//!
//! 1. checks that every stack's response carries exactly the headers it claims (the nine
//!    Balanced headers, the customized set, a named subset, or none of them);
//! 2. with `BENCH_ONLY=<stack> BENCH_N=<n>`, sends `n` requests through that one stack and
//!    exits: the mode `scripts/bench-frameworks.sh` runs under `valgrind --tool=callgrind`
//!    at two values of `n`, so that `(Ir(2n) - Ir(n)) / n` is the instructions per request
//!    with start-up cancelled (`BENCH_LIST=1` prints the stacks' names and exits);
//! 3. otherwise prints heap allocations per request, then the paired wall clock: rounds in
//!    which every stack runs one block of requests, back to back, in an order that rotates
//!    from round to round. Per round, a stack's overhead is its block time minus the
//!    no-headers stack's, and its ratio is that overhead over the floor's overhead in the
//!    same round; the table gives the median ratio and its quartiles. Load that comes and
//!    goes on a shared machine hits every stack of a round alike.
//!
//! Each bench includes this file with `#[path = "support/harness.rs"] mod harness;`, next to
//! `support/counting.rs` and `support/balanced.rs` (as `counting` and `balanced`).

#![allow(
    dead_code,
    reason = "each bench uses the part of the harness its framework needs"
)]

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use secure_headers::csp::Source;
use secure_headers::{ContentSecurityPolicy, Preset, Secure};

use crate::balanced::PAIRS;
use crate::counting;

/// The stack without security headers: the zero every overhead is measured from.
pub(crate) const NONE: &str = "none";
/// The hand-written floor: the cheapest way in the framework to insert the nine headers.
pub(crate) const FLOOR_STACK: &str = "floor";
/// The framework's own mechanism for static response headers.
pub(crate) const NATIVE: &str = "native";
/// `secure-headers` with the Balanced preset.
pub(crate) const OURS: &str = "ours_balanced";
/// `secure-headers` with a customized CSP built with the builder (the other eight headers
/// are Balanced's).
pub(crate) const OURS_CUSTOM: &str = "ours_custom_csp";

/// The customized policy of [`customized`], as it is sent.
pub(crate) const CUSTOM_CSP: &str = "default-src 'self'; connect-src 'self' https://api.example.com; font-src 'self' https://fonts.gstatic.com; form-action 'self'; frame-ancestors 'none'; img-src 'self' data: https://images.example.com; object-src 'none'; script-src 'self' https://cdn.example.com; style-src 'self' https://fonts.googleapis.com; base-uri 'self'";

/// The Balanced preset.
pub(crate) fn balanced() -> Secure {
    Secure::from_preset(Preset::Balanced)
}

/// Balanced with a user's own CSP, built directive by directive: its value is rendered at
/// build time from the user's sources, so it is not one of the crate's static strings.
pub(crate) fn customized() -> Secure {
    let csp = ContentSecurityPolicy::new()
        .default_src([Source::SELF])
        .connect_src(["'self'", "https://api.example.com"])
        .font_src(["'self'", "https://fonts.gstatic.com"])
        .form_action([Source::SELF])
        .frame_ancestors([Source::NONE])
        .img_src(["'self'", "data:", "https://images.example.com"])
        .object_src([Source::NONE])
        .script_src(["'self'", "https://cdn.example.com"])
        .style_src(["'self'", "https://fonts.googleapis.com"])
        .base_uri([Source::SELF]);
    let secure = Preset::Balanced
        .builder()
        .csp(csp)
        .build()
        .expect("a valid policy");
    let sent = secure
        .header_items()
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-security-policy"));
    assert_eq!(sent.map(|(_, v)| v), Some(CUSTOM_CSP));
    secure
}

/// Which security headers a stack's response must carry.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Expect {
    /// None of the nine names.
    Nothing,
    /// The nine Balanced headers, values exact.
    Balanced,
    /// The nine, with [`CUSTOM_CSP`] as the `Content-Security-Policy`.
    Custom,
    /// Only these (lowercase name, value) pairs of the nine: for a framework mechanism that
    /// cannot send the others.
    Only(&'static [(&'static str, &'static str)]),
}

impl Expect {
    fn pairs(self) -> Vec<(String, String)> {
        let owned = |(n, v): &(&str, &str)| ((*n).to_owned(), (*v).to_owned());
        match self {
            Self::Nothing => Vec::new(),
            Self::Balanced => PAIRS.iter().map(owned).collect(),
            Self::Custom => PAIRS
                .iter()
                .map(|p| match p {
                    ("content-security-policy", _) => owned(&(p.0, CUSTOM_CSP)),
                    _ => owned(p),
                })
                .collect(),
            Self::Only(pairs) => pairs.iter().map(owned).collect(),
        }
    }
}

/// A response's headers as (lowercase name, value) pairs, for the check before measuring.
pub(crate) type Headers = Vec<(String, String)>;

/// Renders one header pair of any framework's types for [`Headers`].
pub(crate) fn pair(name: impl AsRef<str>, value: &[u8]) -> (String, String) {
    (
        name.as_ref().to_ascii_lowercase(),
        String::from_utf8_lossy(value).into_owned(),
    )
}

/// A header map's pairs (`http` 1's or actix-web's `http` 0.2 one) as [`Headers`].
pub(crate) fn listed<'h, N, V>(map: impl IntoIterator<Item = (&'h N, &'h V)>) -> Headers
where
    N: AsRef<str> + 'h,
    V: AsRef<[u8]> + 'h,
{
    map.into_iter().map(|(n, v)| pair(n, v.as_ref())).collect()
}

/// One way of serving the application: a name, what its responses carry, and a runner.
pub(crate) struct Stack<'a> {
    name: &'static str,
    expect: Expect,
    /// Sends `n` requests; with `n == 0`, sends one and returns its response's headers.
    run: Box<dyn FnMut(usize) -> Option<Headers> + 'a>,
}

/// A stack from a function that sends one request and returns the response, and one that
/// lists a response's headers. The response is dropped inside the measured loop, as a
/// server drops it after writing it.
pub(crate) fn stack<'a, R: 'a>(
    name: &'static str,
    expect: Expect,
    mut request: impl FnMut() -> R + 'a,
    headers: impl Fn(&R) -> Headers + 'a,
) -> Stack<'a> {
    Stack {
        name,
        expect,
        run: Box::new(move |n| {
            if n == 0 {
                return Some(headers(&request()));
            }
            for _ in 0..n {
                black_box(request());
            }
            None
        }),
    }
}

/// The output of a future that is ready at its first poll (every in-process request here
/// is: the application answers at once).
///
/// # Panics
///
/// If the future is pending.
#[inline]
pub(crate) fn ready<F: Future>(future: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut cx) {
        Poll::Ready(output) => output,
        Poll::Pending => unreachable!("every future here is ready at its first poll"),
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name} must be a number"))
    })
}

/// Checks, then measures, the stacks of `framework` (see the module docs). The first two
/// stacks must be [`NONE`] and [`FLOOR_STACK`].
pub(crate) fn run(framework: &str, stacks: Vec<Stack<'_>>) {
    run_groups(framework, vec![stacks]);
}

/// [`run`] for several groups of stacks, each measured against its own zero and floor: the
/// first two stacks of a group are named `…none` and `…floor` ([`NONE`] and [`FLOOR_STACK`],
/// with a prefix of the group's own, such as `axum_none`). The groups are checked, listed
/// (`BENCH_LIST`, in this order) and run (`BENCH_ONLY`) as one list; in wall clock, each
/// group has its own rounds.
pub(crate) fn run_groups(framework: &str, groups: Vec<Vec<Stack<'_>>>) {
    for stacks in &groups {
        assert!(stacks[0].name.ends_with(NONE), "{}", stacks[0].name);
        assert!(stacks[1].name.ends_with(FLOOR_STACK), "{}", stacks[1].name);
    }
    if std::env::var_os("BENCH_LIST").is_some() {
        for s in groups.iter().flatten() {
            println!("{}", s.name);
        }
        return;
    }
    if let Ok(only) = std::env::var("BENCH_ONLY") {
        let n = env_usize("BENCH_N", 10_000);
        let mut stacks: Vec<Stack<'_>> = groups.into_iter().flatten().collect();
        let s = stacks
            .iter_mut()
            .find(|s| s.name == only)
            .unwrap_or_else(|| panic!("{framework}: no stack named {only}"));
        check(framework, s);
        (s.run)(n);
        return;
    }
    for stacks in groups {
        run_group(framework, stacks);
    }
}

/// Asserts that `s` sends what it claims, and the no-headers stack none of it.
fn check(framework: &str, s: &mut Stack<'_>) {
    let names: Vec<&str> = PAIRS.iter().map(|(n, _)| *n).collect();
    let got = (s.run)(0).expect("headers of one response");
    let mut security: Headers = got
        .into_iter()
        .filter(|(n, _)| names.contains(&n.as_str()))
        .collect();
    let mut want = s.expect.pairs();
    security.sort();
    want.sort();
    assert_eq!(security, want, "{framework}: stack {}", s.name);
}

/// Checks, then measures in paired wall clock, one group of stacks.
fn run_group(framework: &str, mut stacks: Vec<Stack<'_>>) {
    for s in &mut stacks {
        check(framework, s);
    }

    const ALLOCATION_N: usize = 2_000;
    let allocations: Vec<f64> = stacks
        .iter_mut()
        .map(|s| counting::allocations_during(|| drop((s.run)(ALLOCATION_N))) as f64)
        .map(|a| a / ALLOCATION_N as f64)
        .collect();

    let rounds = env_usize("BENCH_ROUNDS", 400);
    let block = env_usize("BENCH_BLOCK", 200);
    // Warm up every stack (caches, lazily built state).
    for s in &mut stacks {
        (s.run)(block * 5);
    }
    let k = stacks.len();
    // `rows[round][stack]`: ns per request.
    let mut rows = vec![vec![0.0; k]; rounds];
    for (round, row) in rows.iter_mut().enumerate() {
        for i in 0..k {
            let s = (round + i) % k;
            let start = Instant::now();
            (stacks[s].run)(block);
            row[s] = start.elapsed().as_secs_f64() * 1e9 / block as f64;
        }
    }
    // `times[stack][round]`.
    let times: Vec<Vec<f64>> = (0..k)
        .map(|s| rows.iter().map(|row| row[s]).collect())
        .collect();

    println!(
        "{framework}: paired wall clock, {rounds} rounds of {block} requests per stack \
         (order rotating), ns per request"
    );
    println!(
        "  {:<24} {:>9} {:>9} {:>10}  {:<22} {:>7}",
        "stack", "ns/req", "overhead", "vs floor", "(quartiles)", "allocs"
    );
    let median = |v: &mut Vec<f64>| quartiles(v).1;
    for s in 0..k {
        let overhead: Vec<f64> = (0..rounds).map(|r| times[s][r] - times[0][r]).collect();
        let ratio: Vec<f64> = (0..rounds)
            .map(|r| (times[s][r] - times[0][r]) / (times[1][r] - times[0][r]))
            .collect();
        let (q1, m, q3) = quartiles(&mut ratio.clone());
        let ratio = if s == 0 {
            String::from("-")
        } else {
            format!("{m:.3}")
        };
        let spread = if s == 0 {
            String::new()
        } else {
            format!("({q1:.3}..{q3:.3})")
        };
        println!(
            "  {:<24} {:>9.1} {:>9.1} {:>10}  {:<22} {:>7.2}",
            stacks[s].name,
            median(&mut times[s].clone()),
            median(&mut overhead.clone()),
            ratio,
            spread,
            allocations[s],
        );
    }
    // The customized policy's cost over the preset's, per request, from the same rounds.
    let prefix = stacks[0].name.trim_end_matches(NONE);
    let index = |name: &str| {
        stacks
            .iter()
            .position(|s| s.name.strip_prefix(prefix) == Some(name))
    };
    if let (Some(d), Some(e)) = (index(OURS), index(OURS_CUSTOM)) {
        let mut diff: Vec<f64> = (0..rounds).map(|r| times[e][r] - times[d][r]).collect();
        let (q1, m, q3) = quartiles(&mut diff);
        println!("  {OURS_CUSTOM} - {OURS}: {m:+.1} ns per request ({q1:+.1}..{q3:+.1})");
    }
}

/// The first quartile, the median and the third quartile of `v` (sorted in place).
fn quartiles(v: &mut [f64]) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    (v[n / 4], v[n / 2], v[3 * n / 4])
}
