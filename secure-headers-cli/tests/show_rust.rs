//! `secure-headers show --format rust` writes code that builds the set it shows: for every
//! preset and for configuration files that use every header and every request-side
//! setting, the code is compiled in one scratch crate (one function per case, one
//! compile) and run. The headers it builds are exactly what `show` prints, with the same
//! insert modes, and it answers a fixed set of requests (foreign host, plain HTTP behind
//! the proxy, cross-site POSTs, bypassed and report paths, ...) exactly as the `Secure`
//! the file builds.

#[path = "show_rust/probe.rs"]
mod probe;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use secure_headers::csp::Source;
use secure_headers::{
    CacheControl, ContentSecurityPolicy, CrossOriginEmbedderPolicy,
    CrossOriginOpenerPolicyReportOnly, DocumentIsolationPolicy, Preset, Secure, XFrameOptions,
    codegen,
};

/// One case: its name, the code `show --format rust` (or the library) wrote, the headers
/// `show` printed, and the `Secure` the code must amount to.
struct Case {
    name: String,
    code: String,
    shown: String,
    expected: Secure,
}

fn data(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/show_rust")
        .join(file)
}

fn show(args: &[&str]) -> String {
    let mut all = vec!["show"];
    all.extend_from_slice(args);
    let (code, out, err) = support::run(&all, None);
    assert_eq!(code, 0, "show {args:?}: {err}");
    out
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for preset in Preset::ALL {
        let p = preset.as_str();
        cases.push(Case {
            name: format!("preset_{p}"),
            code: show(&["--preset", p, "--format", "rust"]),
            shown: show(&["--preset", p]),
            expected: Secure::from_preset(preset),
        });
    }
    for file in ["full", "forwarded", "hsts", "development"] {
        let path = data(&format!("{file}.toml"));
        let path = path.to_str().unwrap();
        cases.push(Case {
            name: format!("config_{file}"),
            code: show(&["--config", path, "--format", "rust"]),
            shown: show(&["--config", path]),
            expected: Secure::from_config_file(path).unwrap(),
        });
    }
    // What a configuration file cannot write (a `report-to` parameter, `ALLOW-FROM`,
    // `max-stale`), from the library's generator.
    let secure = Secure::builder()
        .cache(CacheControl::new().private().max_stale(None).custom("foo"))
        .coep(CrossOriginEmbedderPolicy::CREDENTIALLESS.report_to("coep"))
        .coop_report_only(CrossOriginOpenerPolicyReportOnly::SAME_ORIGIN.report_to("coop"))
        .csp_report_only(ContentSecurityPolicy::new().script_src([] as [Source; 0]))
        .xfo(XFrameOptions::new().allow_from("https://a.example"))
        .document_isolation_policy(
            DocumentIsolationPolicy::ISOLATE_AND_REQUIRE_CORP.report_to("dip"),
        )
        .build()
        .unwrap();
    cases.push(Case {
        name: "library_only".to_owned(),
        code: codegen::rust_code(&secure),
        shown: format!("{secure}\n"),
        expected: secure,
    });
    cases
}

/// The scratch crate: `case_<name>()` per case, each returning the `Secure` its code
/// builds, and a `main` that prints, per case, its headers, entries and probe.
fn scratch_crate(dir: &Path, cases: &[Case]) {
    let library = Path::new(env!("CARGO_MANIFEST_DIR")).join("../secure-headers");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"show-rust-scratch\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nsecure-headers = {{ path = {:?}, features = [\"nonce\"] }}\n\n[workspace]\n",
            library.canonicalize().unwrap()
        ),
    )
    .unwrap();
    // The workspace's versions of every dependency, already built.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .unwrap();
    std::fs::write(dir.join("src/probe.rs"), include_str!("show_rust/probe.rs")).unwrap();
    let mut main = String::from("#![allow(unused_imports)]\n\nmod probe;\n\n");
    for case in cases {
        main.push_str(&format!(
            "fn case_{}() -> Result<secure_headers::Secure, secure_headers::Error> {{\n{}\n    Ok(secure)\n}}\n\n",
            case.name,
            indent(&case.code)
        ));
    }
    main.push_str("fn main() {\n");
    for case in cases {
        main.push_str(&format!(
            "    let secure = case_{0}().expect(\"{0} builds\");\n    \
             print!(\"=== {0}\\n{{secure}}\\n--- entries\\n{{}}--- probe\\n{{}}\", probe::entries(&secure), probe::probe(&secure));\n",
            case.name
        ));
    }
    main.push_str("}\n");
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
}

fn indent(code: &str) -> String {
    code.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The target directory of this test's own build, where the scratch crate's dependencies
/// are built once and kept (a directory of its own: this build's lock may be held).
fn target_dir() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_secure-headers"));
    let profile = bin.parent().unwrap();
    profile.parent().unwrap().join("show-rust-scratch")
}

#[test]
fn the_rust_code_of_every_case_builds_what_show_prints() {
    let cases = cases();
    // No header is written as a raw value, for any preset or configuration.
    for case in &cases {
        assert!(
            !case.code.contains(".value("),
            "{}:\n{}",
            case.name,
            case.code
        );
        // Every header has its type: only the file's own `[custom]` header is custom.
        let custom = case.code.matches("CustomHeader::new(").count();
        let expected = usize::from(case.name == "config_full");
        assert_eq!(custom, expected, "{}:\n{}", case.name, case.code);
    }
    // The request-side settings are written as calls, not left to a comment.
    let full = cases.iter().find(|c| c.name == "config_full").unwrap();
    assert!(!full.code.contains("Not written below"), "{}", full.code);
    // The probe reaches every request-side setting: without them it would differ.
    let expected_probe = probe::probe(&full.expected);
    for answer in [
        "early 301 Moved Permanently Some(\"https://example.com:8443/a?b\")",
        "early 421",
        "early 403",
    ] {
        assert!(
            expected_probe.contains(answer),
            "{answer}:\n{expected_probe}"
        );
    }
    let headers_only = Secure::from_preset(Preset::Balanced);
    assert_ne!(probe::probe(&headers_only), expected_probe);

    let dir = tempfile::tempdir().unwrap();
    scratch_crate(dir.path(), &cases);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(dir.path().join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "the scratch crate failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(dir.path().join("src/main.rs")).unwrap()
    );
    let mut expected = String::new();
    for case in &cases {
        expected.push_str(&format!(
            "=== {}\n{}--- entries\n{}--- probe\n{}",
            case.name,
            case.shown,
            probe::entries(&case.expected),
            probe::probe(&case.expected)
        ));
    }
    // Case by case, for a readable failure.
    let got: Vec<&str> = stdout.split("=== ").collect();
    let want: Vec<&str> = expected.split("=== ").collect();
    assert_eq!(got.len(), want.len(), "{stdout}");
    for (got, want) in got.iter().zip(&want) {
        let case = want.lines().next().unwrap_or_default();
        for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
            assert_eq!(g, w, "case {case}, line {}", i + 1);
        }
        assert_eq!(
            got.lines().count(),
            want.lines().count(),
            "case {case}:\n{got}"
        );
    }
}
