//! `secure-headers hash`, `init` and `lint`.

mod support;

use secure_headers::{Preset, Secure};
use support::run;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("secure-headers-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn hash_gives_the_spec_example() {
    let dir = temp_dir("hash");
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        "<!doctype html>\n<script>alert('Hello, world.');</script>\n<script src=\"/app.js\"></script>\n\
         <!-- <script>ignored()</script> -->\n<style>p { color: red }</style>\n",
    )
    .unwrap();
    let (code, out, err) = run(&["hash", page.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let style_hash = secure_headers::csp::Source::hash_of(
        secure_headers::csp::HashAlgorithm::Sha256,
        "p { color: red }",
    );
    assert_eq!(
        out,
        format!(
            "script line 2    'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='  alert('Hello, world.');\n\
             style  line 5    {}  p {{ color: red }}\n\
             \n\
             script-src 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='\n\
             style-src {}\n",
            style_hash.as_str(),
            style_hash.as_str()
        )
    );
    let (code, out, _) = run(
        &["hash", "-", "--algorithm", "sha384"],
        Some("<script>alert('Hello, world.');</script>"),
    );
    assert_eq!(code, 0);
    assert!(out.contains("'sha384-"), "{out}");
    let (code, out, _) = run(&["hash", "-"], Some("<p>nothing inline</p>"));
    assert_eq!(
        (code, out.as_str()),
        (0, "no inline script or style to hash\n")
    );
    let (code, _, err) = run(&["hash", dir.join("missing.html").to_str().unwrap()], None);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn init_writes_a_config_that_loads_back_as_balanced() {
    let dir = temp_dir("init");
    let path = dir.join("secure-headers.toml");
    let (code, _, err) = run(&["init", path.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# secure-headers configuration."));
    assert!(text.contains("\npreset = \"balanced\"\n"));

    let (code, out, err) = run(&["show", "--config", path.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("{}\n", Secure::from_preset(Preset::Balanced)));
    assert_eq!(
        Secure::from_config_file(&path).unwrap(),
        Secure::from_preset(Preset::Balanced)
    );

    let (code, _, err) = run(&["init", path.to_str().unwrap()], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("already exists (use --force to overwrite it)"),
        "{err}"
    );
    let (code, _, _) = run(&["init", path.to_str().unwrap(), "--force"], None);
    assert_eq!(code, 0);

    let (code, out, _) = run(&["init"], None);
    assert_eq!(code, 0);
    assert_eq!(out, text);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lint_refuses_an_unparsable_policy_with_its_position() {
    let (code, out, err) = run(&["lint", "default-src 'self';\u{7}script-src x"], None);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: cannot parse the policy: '\\u{7}' at column 20 is not allowed in a header value\n  \
         default-src 'self';\u{fffd}script-src x\n                     ^\n"
    );
    // Bytes above 0x7F are obs-text, which HTTP allows: linted, not refused.
    let (code, out, err) = run(&["lint", "img-src café.example"], None);
    assert_eq!(
        (code, err.as_str()),
        (1, "fail: 3 finding(s) at or above --fail-on high\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "[syntax] csp-invalid-source: browsers ignore this source: U+00E9 is not allowed (Content-Security-Policy img-src \"café.example\")\n  \
             img-src café.example\n          ^~~~~~~~~~~~\n"
        ),
        "{out}"
    );
}

#[test]
fn lint_reports_findings_with_positions() {
    let policy = "script-src * 'unsafe-inline' self; object-src 'none'";
    let (code, out, err) = run(&["lint", policy], None);
    assert_eq!(code, 1, "high and syntax findings fail: {err}");
    assert!(out.starts_with(
        "[high] csp-unsafe-inline: 'unsafe-inline' allows the execution of unsafe in-page scripts and event handlers (Content-Security-Policy script-src \"'unsafe-inline'\")\n  \
         script-src * 'unsafe-inline' self; object-src 'none'\n               ^~~~~~~~~~~~~~~\n"
    ), "{out}");
    assert!(out.contains(
        "[syntax] csp-invalid-keyword: did you forget to surround \"self\" with single-ticks? (Content-Security-Policy script-src \"self\")\n  \
         script-src * 'unsafe-inline' self; object-src 'none'\n                               ^~~~\n"
    ), "{out}");

    let (code, out, _) = run(&["lint", policy, "--json"], None);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["policy"], policy);
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings[0]["rule"], "csp-unsafe-inline");
    assert_eq!(findings[0]["severity"], "high");
    assert_eq!(findings[0]["directive"], "script-src");
    assert_eq!(findings[0]["value"], "'unsafe-inline'");
    assert!(findings.iter().any(|f| f["rule"] == "csp-wildcard"));

    // Weaknesses below high severity are reported without failing.
    let (code, out, _) = run(
        &[
            "lint",
            "default-src 'none'; script-src 'self'; base-uri 'none'; object-src 'none'",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("[medium-maybe] csp-self-allowlist:"),
        "{out}"
    );
}

#[test]
fn lint_accepts_the_policy_show_prints() {
    // `show` prints the strict policy with its per-request nonce slot; `lint` reads it as a
    // nonce, and reports each deliberate fallback once.
    let dir = temp_dir("lint-show");
    let config = dir.join("strict.toml");
    std::fs::write(
        &config,
        "preset = \"none\"\n[csp]\nscript-src = [\"'nonce-{nonce}'\", \"'strict-dynamic'\", \"https:\", \"'unsafe-inline'\"]\nobject-src = [\"'none'\"]\nbase-uri = [\"'none'\"]\n",
    )
    .unwrap();
    let (code, shown, err) = run(&["show", "--config", config.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let policy = shown
        .strip_prefix("Content-Security-Policy: ")
        .unwrap()
        .trim_end();
    let (code, out, err) = run(&["lint", policy], None);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let rules: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with('['))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "[info] csp-no-trusted-types",
            "[info] csp-no-reporting",
            "[info] csp-missing-default-src",
            "[none] csp-ignored-source",
            "[none] csp-ignored-source",
        ],
        "{out}"
    );
    assert!(!out.contains("nonce-too-short") && !out.contains("invalid-keyword"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lint_flags_a_path_in_frame_ancestors() {
    let (code, out, _) = run(
        &[
            "lint",
            "default-src 'self'; frame-ancestors https://partner.example/embed/",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("[medium] csp-path-ignored: frame-ancestors matches the embedding page's origin only: the path /embed/ does not limit which pages may frame this one"),
        "{out}"
    );
}

#[test]
fn hash_skips_data_and_nonced_scripts_and_reports_what_it_cannot_cover() {
    let page = "<!doctype html>\n\
                <script type=\"application/ld+json\">{\"@type\": \"Person\"}</script>\n\
                <script nonce=\"r4nd0m\">already()</script>\n\
                <script type=\"module\">run()</script>\n\
                <button onclick=\"go()\" class=x>Go</button>\n\
                <p style=\"color: red\">red</p>\n";
    let (code, out, err) = run(&["hash", "-"], Some(page));
    assert_eq!((code, err.as_str()), (0, ""));
    let run_hash =
        secure_headers::csp::Source::hash_of(secure_headers::csp::HashAlgorithm::Sha256, "run()");
    assert_eq!(
        out,
        format!(
            "script line 4    {h}  run()\n\
             \n\
             script-src {h}\n\
             \n\
             left out:\n  \
             line 2    <script type=\"application/ld+json\"> is data, not script: CSP does not check it\n  \
             line 3    <script> already has a nonce\n\
             \n\
             not covered (a hash allows an attribute only with 'unsafe-hashes'; move the code into a script or the styles into a stylesheet):\n  \
             line 5    <button onclick=...> event handler\n  \
             line 6    <p style=...> style attribute\n",
            h = run_hash.as_str()
        )
    );
}
