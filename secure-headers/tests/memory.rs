//! A `Secure` that is dropped frees its memory: nothing it built is kept for the life of
//! the process (no interned values, no kept instances). Measured with a global allocator
//! that counts the bytes live in this test binary.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use secure_headers::{ContentSecurityPolicy, Preset, Secure, StrictTransportSecurity};

/// Delegates to the system allocator and keeps the number of bytes allocated and not yet
/// freed.
struct Live;

static LIVE: AtomicIsize = AtomicIsize::new(0);

#[allow(
    unsafe_code,
    reason = "a global allocator must implement an unsafe trait"
)]
// SAFETY: every method delegates to `System` with the caller's arguments.
unsafe impl GlobalAlloc for Live {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_add(
                new_size as isize - layout.size() as isize,
                Ordering::Relaxed,
            );
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Live = Live;

/// The `i`th customized `Secure`: Balanced with a CSP and an HSTS of its own, so that each
/// has values that no other has.
fn customized(i: usize) -> Secure {
    Preset::Balanced
        .builder()
        .csp(
            ContentSecurityPolicy::new()
                .default_src(["'self'"])
                .script_src(["'self'".to_owned(), format!("https://cdn{i}.example")])
                .img_src(["'self'".to_owned(), format!("https://img{i}.example")]),
        )
        .hsts(StrictTransportSecurity::including_subdomains(
            std::time::Duration::from_secs(86_400 + i as u64),
        ))
        .build()
        .expect("a valid configuration")
}

/// Builds `secure` into what each enabled framework holds, then drops it all.
fn use_and_drop(secure: Secure) {
    #[cfg(feature = "tower")]
    {
        use tower::Layer;
        let service = secure.layer(tower::service_fn(|_: http::Request<()>| async {
            Ok::<_, std::convert::Infallible>(http::Response::new(()))
        }));
        drop(service);
    }
    #[cfg(feature = "warp")]
    {
        use warp::Filter;
        let filter = secure_headers::warp::wrap(warp::any().map(|| "hello"), secure.clone());
        drop(filter);
    }
    let mut response = http::Response::new(());
    secure.set_headers(response.headers_mut());
    drop(response);
    drop(secure);
}

#[test]
fn building_and_dropping_100_000_customized_secures_keeps_memory_flat() {
    // Whatever is built once per process (the standard library's, the test harness's)
    // is built before the first measure.
    use_and_drop(customized(1_000_000));
    let before = LIVE.load(Ordering::Relaxed);
    for i in 0..100_000 {
        use_and_drop(customized(i));
    }
    let grown = LIVE.load(Ordering::Relaxed) - before;
    // One customized `Secure` holds several kilobytes: keeping even a few of them, or
    // their values, shows here.
    assert!(
        grown < 4096,
        "{grown} bytes still allocated after building and dropping 100,000 `Secure`s"
    );
}
