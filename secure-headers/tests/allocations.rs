//! Heap allocations per response, counted by a global allocator: none on the static path,
//! at most one (the filled CSP's buffer) with a per-request nonce, and none for a nonce
//! policy that an application's own header keeps out under `InsertMode::IfAbsent`.
//!
//! The count is per thread, so tests running side by side do not disturb each other.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

#[cfg(feature = "nonce")]
use secure_headers::csp::Source;
use secure_headers::http::{HeaderMap, HeaderValue, header};
use secure_headers::{Preset, Secure};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

#[allow(
    unsafe_code,
    reason = "a global allocator must implement an unsafe trait"
)]
// SAFETY: delegates every call to the system allocator unchanged; it only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const RESPONSES: usize = 1000;

fn responses() -> Vec<HeaderMap> {
    (0..RESPONSES)
        .map(|_| {
            let mut m = HeaderMap::with_capacity(32);
            m.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
            m
        })
        .collect()
}

/// Allocations made on this thread while `f` runs over every map.
fn count(maps: &mut [HeaderMap], mut f: impl FnMut(&mut HeaderMap)) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    for m in maps.iter_mut() {
        f(m);
    }
    ALLOCATIONS.with(Cell::get) - before
}

#[cfg(feature = "nonce")]
fn nonce_policy() -> Secure {
    Preset::Balanced
        .builder()
        .map_csp(|csp| csp.script_src([Source::nonce(), Source::STRICT_DYNAMIC]))
        .build()
        .unwrap()
}

#[test]
fn the_static_path_allocates_nothing() {
    let secure = Secure::from_preset(Preset::Balanced);
    let mut maps = responses();
    assert_eq!(count(&mut maps, |m| secure.set_headers(m)), 0);
    assert_eq!(maps[0].len(), 10);
}

#[cfg(feature = "nonce")]
#[test]
fn a_nonce_costs_at_most_one_allocation_per_response() {
    let secure = nonce_policy();
    let mut maps = responses();
    let n = count(&mut maps, |m| {
        let cx = secure.request_context();
        secure.set_headers_with(m, &cx);
    });
    // One per response (the filled CSP), plus this thread's randomness buffer once.
    assert!(
        n <= RESPONSES + 1,
        "{n} allocations for {RESPONSES} responses"
    );
    assert!(n >= RESPONSES, "each filled CSP has its own buffer: {n}");
    let csp = maps[7].get(header::CONTENT_SECURITY_POLICY).unwrap();
    assert!(
        csp.to_str().unwrap().contains("script-src 'self' 'nonce-"),
        "{csp:?}"
    );
    assert_ne!(csp, maps[8].get(header::CONTENT_SECURITY_POLICY).unwrap());
}

#[cfg(feature = "nonce")]
#[test]
fn a_nonce_policy_kept_out_by_if_absent_is_not_rendered() {
    let secure = nonce_policy()
        .derive(|b| {
            b.insert_mode(
                "Content-Security-Policy",
                secure_headers::InsertMode::IfAbsent,
            )
        })
        .unwrap();
    let mut maps = responses();
    for m in &mut maps {
        m.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'"),
        );
    }
    // Warm this thread's randomness buffer, so that only per-response work is counted.
    let _warm = secure.request_context();
    let n = count(&mut maps, |m| {
        let cx = secure.request_context();
        secure.set_headers_with(m, &cx);
    });
    assert_eq!(n, 0);
    assert_eq!(
        maps[0].get(header::CONTENT_SECURITY_POLICY).unwrap(),
        "default-src 'none'"
    );
}
