//! `secure-headers show` prints a preset exactly.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_secure-headers"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn show_prints_each_preset_exactly() {
    let (code, out, _) = run(&["show", "--preset", "strict"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Cache-Control: no-store, max-age=0\n\
         Cross-Origin-Embedder-Policy: require-corp\n\
         Cross-Origin-Opener-Policy: same-origin\n\
         Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'\n\
         Strict-Transport-Security: max-age=63072000; includeSubDomains\n\
         Permissions-Policy: geolocation=(), microphone=(), camera=()\n\
         Referrer-Policy: no-referrer\n\
         Server: \n\
         X-Content-Type-Options: nosniff\n\
         X-Frame-Options: DENY\n"
    );
    let (code, out, _) = run(&["show"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 9);
    assert!(out.starts_with("Cross-Origin-Opener-Policy: same-origin\n"));
}

#[test]
fn unknown_preset_is_a_clear_error() {
    let (code, _, err) = run(&["show", "--preset", "modern"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown preset: \"modern\""), "{err}");
}
