//! Per-response cost of applying the Balanced preset, against the floor: a hand-written loop
//! inserting the same pre-built `(HeaderName, HeaderValue)` pairs.
//!
//! Run with `cargo bench -p secure-headers --all-features --bench apply`. Before timing, the
//! bench counts heap allocations per apply with a counting global allocator and prints them.
//! After each group it prints the ratio of the two paths measured in alternating blocks
//! (median and quartiles of 2000 pairs): on a shared machine whose load comes and goes,
//! that ratio is steadier than two criterion figures taken one after the other.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group};
use secure_headers::http::{HeaderMap, HeaderName, HeaderValue, header};
use secure_headers::{Preset, Secure};

#[path = "support/counting.rs"]
mod counting;

#[path = "support/balanced.rs"]
mod balanced;

fn floor(pairs: &[(HeaderName, HeaderValue)], map: &mut HeaderMap) {
    for (name, value) in pairs {
        map.insert(name.clone(), value.clone());
    }
}

/// A typical handler response before the middleware: a few headers already set.
fn app_response() -> HeaderMap {
    let mut m = HeaderMap::with_capacity(32);
    m.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    m.insert(header::CONTENT_LENGTH, HeaderValue::from_static("1234"));
    m.insert(
        header::DATE,
        HeaderValue::from_static("Mon, 23 Nov 2026 04:00:00 GMT"),
    );
    m
}

fn allocations_per_apply(mut apply: impl FnMut(&mut HeaderMap)) -> f64 {
    const N: usize = 10_000;
    let mut maps: Vec<HeaderMap> = (0..N).map(|_| app_response()).collect();
    let allocations = counting::allocations_during(|| {
        for m in &mut maps {
            apply(m);
        }
    });
    black_box(&maps);
    allocations as f64 / N as f64
}

fn bench(c: &mut Criterion) {
    let secure = Secure::from_preset(Preset::Balanced);
    let pairs = balanced::FLOOR.to_vec();

    // Both produce the same header set.
    let (mut a, mut b) = (app_response(), app_response());
    floor(&pairs, &mut a);
    secure.set_headers(&mut b);
    assert_eq!(a, b, "the floor and the library must emit the same headers");

    println!(
        "allocations per apply (map pre-sized, no growth): floor {:.3}, secure-headers {:.3}",
        allocations_per_apply(|m| floor(&pairs, m)),
        allocations_per_apply(|m| secure.set_headers(m)),
    );

    let mut g = c.benchmark_group("apply_balanced");
    g.bench_function("floor_prebuilt_pairs", |bch| {
        bch.iter_batched_ref(
            app_response,
            |m| floor(black_box(&pairs), m),
            BatchSize::SmallInput,
        );
    });
    g.bench_function("secure_headers_set_headers", |bch| {
        bch.iter_batched_ref(
            app_response,
            |m| black_box(&secure).set_headers(m),
            BatchSize::SmallInput,
        );
    });
    g.bench_function("clone_secure", |bch| {
        bch.iter(|| black_box(&secure).clone())
    });
    g.finish();

    let (ratio, low, high) = paired_ratio(
        |m| floor(black_box(&pairs), m),
        |m| black_box(&secure).set_headers(m),
    );
    println!(
        "secure-headers / floor, paired blocks in alternation: median {ratio:.3} \
         (quartiles {low:.3}..{high:.3})"
    );

    #[cfg(feature = "nonce")]
    nonce(c, &secure);
}

/// The per-request nonce path against the static path, in the same run: Balanced with a
/// nonce-based `script-src`, a fresh nonce per request (the `getrandom` call included).
#[cfg(feature = "nonce")]
fn nonce(c: &mut Criterion, static_secure: &Secure) {
    use secure_headers::csp::Source;
    let secure = Preset::Balanced
        .builder()
        .map_csp(|csp| csp.script_src([Source::nonce(), Source::STRICT_DYNAMIC]))
        .build()
        .unwrap();
    println!(
        "allocations per request with a nonce (context + apply): {:.3}",
        allocations_per_apply(|m| {
            let cx = secure.request_context();
            secure.set_headers_with(m, &cx);
        }),
    );
    let mut g = c.benchmark_group("apply_balanced_nonce");
    g.bench_function("static_path", |bch| {
        bch.iter_batched_ref(
            app_response,
            |m| black_box(static_secure).set_headers(m),
            BatchSize::SmallInput,
        );
    });
    g.bench_function("nonce_path", |bch| {
        bch.iter_batched_ref(
            app_response,
            |m| {
                let cx = black_box(&secure).request_context();
                secure.set_headers_with(m, &cx);
            },
            BatchSize::SmallInput,
        );
    });
    g.bench_function("generate_nonce_only", |bch| {
        bch.iter(|| secure_headers::CspNonce::generate().unwrap());
    });
    g.finish();

    let (ratio, low, high) = paired_ratio(
        |m| black_box(static_secure).set_headers(m),
        |m| {
            let cx = black_box(&secure).request_context();
            secure.set_headers_with(m, &cx);
        },
    );
    println!(
        "nonce path / static path, paired blocks in alternation: median {ratio:.3} \
         (quartiles {low:.3}..{high:.3})"
    );
}

/// The cost ratio `b / a`, robust to a shared machine's load: short blocks of `a` and `b`
/// alternate, each pair timed back to back, and the median of the pairs' ratios is
/// returned with its quartiles. Load that comes and goes hits both halves of a pair alike.
fn paired_ratio(
    mut a: impl FnMut(&mut HeaderMap),
    mut b: impl FnMut(&mut HeaderMap),
) -> (f64, f64, f64) {
    use std::time::Instant;
    const BLOCK: usize = 256;
    const PAIRS: usize = 2000;
    let mut maps: Vec<HeaderMap> = (0..BLOCK).map(|_| app_response()).collect();
    let mut time = |f: &mut dyn FnMut(&mut HeaderMap)| {
        for m in &mut maps {
            *m = app_response();
        }
        let start = Instant::now();
        for m in &mut maps {
            f(m);
        }
        start.elapsed().as_secs_f64()
    };
    let mut ratios: Vec<f64> = (0..PAIRS)
        .map(|i| {
            // Alternate which goes first, so that neither always runs on a warmer cache.
            if i % 2 == 0 {
                let ta = time(&mut a);
                time(&mut b) / ta
            } else {
                let tb = time(&mut b);
                tb / time(&mut a)
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    (ratios[PAIRS / 2], ratios[PAIRS / 4], ratios[3 * PAIRS / 4])
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
