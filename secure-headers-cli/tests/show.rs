//! `secure-headers show`: every preset and every format, exactly.

use assert_cmd::Command;
use secure_headers::{Preset, Secure};

fn show(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("secure-headers")
        .unwrap()
        .arg("show")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const CSP: &str = "default-src 'self'; base-uri 'self'; font-src 'self' https: data:; form-action 'self'; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https: 'unsafe-inline'; upgrade-insecure-requests";

#[test]
fn show_prints_each_preset_exactly() {
    let (code, out, _) = show(&["--preset", "strict"]);
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
    for preset in Preset::ALL {
        let (code, out, _) = show(&["--preset", preset.as_str()]);
        assert_eq!(code, 0);
        assert_eq!(out, format!("{}\n", Secure::from_preset(preset)));
    }
    let (code, out, _) = show(&[]);
    assert_eq!(code, 0);
    assert_eq!(out, format!("{}\n", Secure::from_preset(Preset::Balanced)));
}

#[test]
fn raw_format() {
    let (code, out, _) = show(&["--preset", "balanced", "--format", "raw"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "Cross-Origin-Opener-Policy: same-origin\n\
             Cross-Origin-Resource-Policy: same-origin\n\
             Content-Security-Policy: {CSP}\n\
             Strict-Transport-Security: max-age=31536000; includeSubDomains\n\
             Permissions-Policy: geolocation=(), microphone=(), camera=()\n\
             Referrer-Policy: strict-origin-when-cross-origin\n\
             Server: \n\
             X-Content-Type-Options: nosniff\n\
             X-Frame-Options: SAMEORIGIN\n"
        )
    );
}

#[test]
fn json_format() {
    let (code, out, _) = show(&["--preset", "balanced", "--format", "json"]);
    assert_eq!(code, 0);
    let item =
        |n: &str, v: &str| format!("  {{\n    \"name\": \"{n}\",\n    \"value\": \"{v}\"\n  }}");
    let expected = [
        item("Cross-Origin-Opener-Policy", "same-origin"),
        item("Cross-Origin-Resource-Policy", "same-origin"),
        item("Content-Security-Policy", CSP),
        item(
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ),
        item(
            "Permissions-Policy",
            "geolocation=(), microphone=(), camera=()",
        ),
        item("Referrer-Policy", "strict-origin-when-cross-origin"),
        item("Server", ""),
        item("X-Content-Type-Options", "nosniff"),
        item("X-Frame-Options", "SAMEORIGIN"),
    ];
    assert_eq!(out, format!("[\n{}\n]\n", expected.join(",\n")));

    let (code, out, _) = show(&["--preset", "basic", "--format", "json"]);
    assert_eq!(code, 0);
    let parsed: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let items: Vec<(&str, &str)> = parsed
        .iter()
        .map(|o| (o["name"].as_str().unwrap(), o["value"].as_str().unwrap()))
        .collect();
    let basic = Secure::from_preset(Preset::Basic);
    assert_eq!(items, basic.header_items().collect::<Vec<_>>());
}

#[test]
fn nginx_format() {
    let (code, out, _) = show(&["--format", "nginx"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "# nginx: in a server or location block\n\
             add_header Cross-Origin-Opener-Policy \"same-origin\" always;\n\
             add_header Cross-Origin-Resource-Policy \"same-origin\" always;\n\
             add_header Content-Security-Policy \"{CSP}\" always;\n\
             add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;\n\
             add_header Permissions-Policy \"geolocation=(), microphone=(), camera=()\" always;\n\
             add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\n\
             # Server: add_header cannot replace nginx's own; this hides its version\n\
             server_tokens off;\n\
             add_header X-Content-Type-Options \"nosniff\" always;\n\
             add_header X-Frame-Options \"SAMEORIGIN\" always;\n"
        )
    );
}

#[test]
fn apache_format() {
    let (code, out, _) = show(&["--format", "apache"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "# Apache (mod_headers): in a VirtualHost, Directory or .htaccess\n\
             Header always set Cross-Origin-Opener-Policy \"same-origin\"\n\
             Header always set Cross-Origin-Resource-Policy \"same-origin\"\n\
             Header always set Content-Security-Policy \"{CSP}\"\n\
             Header always set Strict-Transport-Security \"max-age=31536000; includeSubDomains\"\n\
             Header always set Permissions-Policy \"geolocation=(), microphone=(), camera=()\"\n\
             Header always set Referrer-Policy \"strict-origin-when-cross-origin\"\n\
             Header always set Server \"\"\n\
             Header always set X-Content-Type-Options \"nosniff\"\n\
             Header always set X-Frame-Options \"SAMEORIGIN\"\n"
        )
    );
}

#[test]
fn caddy_format() {
    let (code, out, _) = show(&["--format", "caddy"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "# Caddyfile: in a site block\n\
             header {{\n\
             \tCross-Origin-Opener-Policy \"same-origin\"\n\
             \tCross-Origin-Resource-Policy \"same-origin\"\n\
             \tContent-Security-Policy \"{CSP}\"\n\
             \tStrict-Transport-Security \"max-age=31536000; includeSubDomains\"\n\
             \tPermissions-Policy \"geolocation=(), microphone=(), camera=()\"\n\
             \tReferrer-Policy \"strict-origin-when-cross-origin\"\n\
             \t-Server\n\
             \tX-Content-Type-Options \"nosniff\"\n\
             \tX-Frame-Options \"SAMEORIGIN\"\n\
             }}\n"
        )
    );
}

const BALANCED_RUST: &str = r#"use secure_headers::{ContentSecurityPolicy, CrossOriginOpenerPolicy, CrossOriginResourcePolicy, PermissionsPolicy, ReferrerPolicy, Secure, Server, StrictTransportSecurity, XContentTypeOptions, XFrameOptions};
use secure_headers::csp::Source;
use std::time::Duration;

let secure = Secure::builder()
    .coop(CrossOriginOpenerPolicy::SAME_ORIGIN)
    .corp(CrossOriginResourcePolicy::SAME_ORIGIN)
    .csp(
        ContentSecurityPolicy::new()
            .default_src([Source::SELF])
            .base_uri([Source::SELF])
            .font_src([Source::SELF, Source::HTTPS, Source::DATA])
            .form_action([Source::SELF])
            .frame_ancestors([Source::SELF])
            .img_src([Source::SELF, Source::DATA])
            .object_src([Source::NONE])
            .script_src([Source::SELF])
            .script_src_attr([Source::NONE])
            .style_src([Source::SELF, Source::HTTPS, Source::UNSAFE_INLINE])
            .upgrade_insecure_requests(),
    )
    .hsts(StrictTransportSecurity::including_subdomains(Duration::from_secs(31536000)))
    .permissions(
        PermissionsPolicy::new()
            .geolocation([])
            .microphone([])
            .camera([]),
    )
    .referrer(ReferrerPolicy::STRICT_ORIGIN_WHEN_CROSS_ORIGIN)
    .server(Server::EMPTY)
    .xcto(XContentTypeOptions::NOSNIFF)
    .xfo(XFrameOptions::SAMEORIGIN)
    .build()?;
"#;

/// (`show_rust.rs` compiles and runs the code of every preset.)
#[test]
fn rust_format() {
    let (code, out, _) = show(&["--format", "rust"]);
    assert_eq!(code, 0);
    assert_eq!(out, BALANCED_RUST);
}

#[test]
fn rust_format_for_custom_headers_and_modes() {
    let dir = std::env::temp_dir().join(format!("secure-headers-show-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("custom.toml");
    std::fs::write(
        &path,
        "preset = \"none\"\nx-frame-options = \"DENY\"\n[custom]\nX-Robots-Tag = \"noindex, \\\"quoted\\\"\"\n[insert-mode]\nX-Frame-Options = \"if-absent\"\n",
    )
    .unwrap();
    let (code, out, err) = show(&["--config", path.to_str().unwrap(), "--format", "rust"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "use secure_headers::{CustomHeader, InsertMode, Secure, XFrameOptions};\n\n\
         let secure = Secure::builder()\n    \
         .xfo(XFrameOptions::DENY)\n    \
         .insert_mode(\"X-Frame-Options\", InsertMode::IfAbsent)\n    \
         .custom(CustomHeader::new(\"X-Robots-Tag\", \"noindex, \\\"quoted\\\"\"))\n    \
         .build()?;\n"
    );
    let (_, nginx, _) = show(&["--config", path.to_str().unwrap(), "--format", "nginx"]);
    assert!(
        nginx.ends_with("add_header X-Robots-Tag \"noindex, \\\"quoted\\\"\" always;\n"),
        "{nginx}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn config_files_drive_show() {
    let dir = std::env::temp_dir().join(format!("secure-headers-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("secure.toml");
    std::fs::write(
        &toml,
        "preset = \"strict\"\nremove = [\"Server\", \"Cache-Control\"]\n[hsts]\npreload = true\n",
    )
    .unwrap();
    let (code, out, err) = show(&["--config", toml.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Cross-Origin-Embedder-Policy: require-corp\n"),
        "{out}"
    );
    assert!(
        out.contains("Strict-Transport-Security: max-age=63072000; includeSubDomains; preload\n")
    );
    assert!(!out.contains("Server:"));

    let json = dir.join("secure.json");
    std::fs::write(
        &json,
        r#"{"preset": "basic", "csp": {"replace": true, "default-src": ["'none'"]}}"#,
    )
    .unwrap();
    let (code, out, err) = show(&["--config", json.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Content-Security-Policy: default-src 'none'\n"),
        "{out}"
    );

    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "preset = \"balanced\"\n[csp]\nscript-src = [\"self\"]\n",
    )
    .unwrap();
    let (code, out, err) = show(&["--config", bad.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("unquoted keyword in Content-Security-Policy directive script-src: \"self\""),
        "{err}"
    );
    assert!(err.contains("config key csp.script-src"), "{err}");

    let typo = dir.join("typo.toml");
    std::fs::write(&typo, "preset = \"balanced\"\nx-frame-option = \"DENY\"\n").unwrap();
    let (code, _, err) = show(&["--config", typo.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "error: invalid configuration in x-frame-option: {:?} (line 2, column 1: unknown key `x-frame-option`; did you mean `x-frame-options`?)\n",
            typo.to_str().unwrap()
        )
    );

    // A misspelt directive is an error, not a directive sent as written.
    let directive = dir.join("directive.toml");
    std::fs::write(
        &directive,
        "[csp]\nimg-src = []\n  scirpt-src = [\"'self'\"]\n",
    )
    .unwrap();
    let (code, out, err) = show(&["--config", directive.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!(
            "error: invalid configuration in csp.scirpt-src: {:?} (line 3, column 3: unknown CSP directive `scirpt-src`; did you mean `script-src`?)\n",
            directive.to_str().unwrap()
        )
    );

    // preload = true cannot quietly override an explicit include-subdomains = false.
    let preload = dir.join("preload.toml");
    std::fs::write(
        &preload,
        "[hsts]\ninclude-subdomains = false\npreload = true\n",
    )
    .unwrap();
    let (code, out, err) = show(&["--config", preload.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("hsts.preload")
            && err.contains("either set include-subdomains = true or preload = false")
            && err.contains("line 3, column 1"),
        "{err}"
    );

    let (code, _, err) = show(&["--config", dir.join("missing.toml").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.toml"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unknown_preset_is_a_clear_error() {
    let (code, _, err) = show(&["--preset", "modern"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown preset: \"modern\""), "{err}");
    let (code, _, err) = show(&["--format", "yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'yaml'"), "{err}");
}

/// A configuration with the recommended strict, nonce-based policy.
fn nonce_config(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("nonce.toml");
    std::fs::write(
        &path,
        "preset = \"none\"\n[csp]\nscript-src = [\"'nonce-{nonce}'\", \"'strict-dynamic'\"]\nobject-src = [\"'none'\"]\n",
    )
    .unwrap();
    path
}

#[test]
fn nonce_policies_show_in_every_format_that_can_send_them() {
    let dir = std::env::temp_dir().join(format!("secure-headers-nonce-{}", std::process::id()));
    let path = nonce_config(&dir);
    let path = path.to_str().unwrap();
    let policy = "script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'";

    let (code, out, err) = show(&["--config", path]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, format!("Content-Security-Policy: {policy}\n"));

    let (code, out, err) = show(&["--config", path, "--format", "rust"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        out.contains(
            "    .csp(\n        ContentSecurityPolicy::new()\n            \
             .script_src([Source::nonce(), Source::STRICT_DYNAMIC])\n            \
             .object_src([Source::NONE]),\n    )\n"
        ),
        "{out}"
    );
    assert!(!out.contains(".value("), "{out}");

    // nginx: the request id is the nonce, in the header and (through sub_filter) the page.
    let (code, out, err) = show(&["--config", path, "--format", "nginx"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "# nginx: in a server or location block\n\
         # The CSP nonce is nginx's $request_id: 16 random bytes (hex), new on every request.\n\
         # sub_filter (ngx_http_sub_module) writes the same value into the page: put\n\
         # nonce=\"__CSP_NONCE__\" on each inline <script> and <style>. For proxied\n\
         # responses, also set: proxy_set_header Accept-Encoding \"\";\n\
         sub_filter_once off;\n\
         sub_filter '__CSP_NONCE__' $request_id;\n\
         add_header Content-Security-Policy \"script-src 'nonce-$request_id' 'strict-dynamic'; object-src 'none'\" always;\n"
    );
    assert!(!out.contains("{nonce}"));

    // Apache and Caddy have no random per-request value: refused, with the reason.
    for (format, server) in [("apache", "Apache"), ("caddy", "Caddy")] {
        let (code, out, err) = show(&["--config", path, "--format", format]);
        assert_eq!((code, out.as_str()), (2, ""), "{format}");
        assert!(
            err.starts_with(&format!(
                "error: cannot write this policy for {server}: 'nonce-{{nonce}}' needs a new random nonce on every response"
            )),
            "{err}"
        );
        assert!(err.contains("--format nginx"), "{err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A configuration file of its own, removed when dropped.
struct ConfigFile {
    dir: std::path::PathBuf,
    path: String,
}

impl ConfigFile {
    fn new(tag: &str, toml: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("secure-headers-show-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.toml");
        std::fs::write(&path, toml).unwrap();
        let path = path.to_str().unwrap().to_owned();
        Self { dir, path }
    }

    /// `show --config FILE --format FORMAT`'s output; it must succeed.
    fn show(&self, format: &str) -> String {
        let (code, out, err) = show(&["--config", &self.path, "--format", format]);
        assert_eq!(code, 0, "{format}: {err}");
        out
    }
}

impl Drop for ConfigFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn integrity_policy_shows_in_every_format() {
    let config = ConfigFile::new(
        "ip",
        "preset = \"none\"\n\
         integrity-policy = \"blocked-destinations=(script style), endpoints=(ip)\"\n\
         integrity-policy-report-only = \"blocked-destinations=(script), endpoints=(ip)\"\n\
         [reporting-endpoints]\nip = \"https://r.example/ip\"\n",
    );
    let ip = "blocked-destinations=(script style), endpoints=(ip)";
    let ro = "blocked-destinations=(script), endpoints=(ip)";
    let run = |format: &str| config.show(format);
    assert_eq!(
        run("raw"),
        format!(
            "Reporting-Endpoints: ip=\"https://r.example/ip\"\n\
             Integrity-Policy: {ip}\n\
             Integrity-Policy-Report-Only: {ro}\n"
        )
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"name": "Reporting-Endpoints", "value": "ip=\"https://r.example/ip\""},
            {"name": "Integrity-Policy", "value": ip},
            {"name": "Integrity-Policy-Report-Only", "value": ro},
        ])
    );
    assert!(run("nginx").ends_with(&format!(
        "add_header Integrity-Policy \"{ip}\" always;\n\
             add_header Integrity-Policy-Report-Only \"{ro}\" always;\n"
    )),);
    assert!(run("apache").ends_with(&format!(
        "Header always set Integrity-Policy \"{ip}\"\n\
         Header always set Integrity-Policy-Report-Only \"{ro}\"\n"
    )));
    assert!(run("caddy").ends_with(&format!(
        "\tIntegrity-Policy \"{ip}\"\n\tIntegrity-Policy-Report-Only \"{ro}\"\n}}\n"
    )));
    assert_eq!(
        run("rust"),
        r#"use secure_headers::{IntegrityPolicy, ReportingEndpoints, Secure};

let secure = Secure::builder()
    .reporting_endpoints(
        ReportingEndpoints::new()
            .endpoint("ip", "https://r.example/ip"),
    )
    .integrity_policy(
        IntegrityPolicy::new()
            .blocked_destinations(["script", "style"])
            .endpoint("ip"),
    )
    .integrity_policy_report_only(
        IntegrityPolicy::new()
            .blocked_destinations(["script"])
            .endpoint("ip"),
    )
    .build()?;
"#
    );
}

#[test]
fn nel_report_to_and_permissions_report_only_show_in_every_format() {
    let report_to = r#"{"group":"nel","max_age":86400,"endpoints":[{"url":"https://r.example/nel"}],"include_subdomains":true}"#;
    let nel = r#"{"report_to":"nel","max_age":86400,"failure_fraction":1.0}"#;
    let pp_ro = "camera=();report-to=pp, geolocation=(self)";
    let config = ConfigFile::new(
        "nel",
        &format!(
            "preset = \"none\"\n\
             permissions-policy-report-only = \"{pp_ro}\"\n\
             report-to = '{report_to}'\n\
             nel = '{nel}'\n\
             [reporting-endpoints]\npp = \"https://r.example/pp\"\n"
        ),
    );
    let run = |format: &str| config.show(format);
    assert_eq!(
        run("raw"),
        format!(
            "Permissions-Policy-Report-Only: {pp_ro}\n\
             Reporting-Endpoints: pp=\"https://r.example/pp\"\n\
             Report-To: {report_to}\n\
             NEL: {nel}\n"
        )
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"name": "Permissions-Policy-Report-Only", "value": pp_ro},
            {"name": "Reporting-Endpoints", "value": "pp=\"https://r.example/pp\""},
            {"name": "Report-To", "value": report_to},
            {"name": "NEL", "value": nel},
        ])
    );
    // The JSON values' quotes are escaped in the servers' quoted strings.
    let esc = |v: &str| v.replace('"', "\\\"");
    assert!(
        run("nginx").ends_with(&format!(
            "add_header Permissions-Policy-Report-Only \"{pp_ro}\" always;\n\
             add_header Reporting-Endpoints \"pp=\\\"https://r.example/pp\\\"\" always;\n\
             add_header Report-To \"{}\" always;\n\
             add_header NEL \"{}\" always;\n",
            esc(report_to),
            esc(nel)
        )),
        "{}",
        run("nginx")
    );
    assert!(run("apache").ends_with(&format!(
        "Header always set Report-To \"{}\"\n\
         Header always set NEL \"{}\"\n",
        esc(report_to),
        esc(nel)
    )));
    assert!(run("caddy").ends_with(&format!(
        "\tReport-To \"{}\"\n\tNEL \"{}\"\n}}\n",
        esc(report_to),
        esc(nel)
    )));
    assert_eq!(
        run("rust"),
        r#"use secure_headers::{Nel, PermissionsPolicy, ReportTo, ReportToGroup, ReportingEndpoints, Secure};

let secure = Secure::builder()
    .permissions_report_only(
        PermissionsPolicy::new()
            .camera([])
            .geolocation(["self"])
            .report_to("camera", "pp"),
    )
    .reporting_endpoints(
        ReportingEndpoints::new()
            .endpoint("pp", "https://r.example/pp"),
    )
    .report_to(
        ReportTo::new()
            .group(ReportToGroup::new("nel", 86400).endpoint("https://r.example/nel").include_subdomains(true)),
    )
    .nel(
        Nel::new()
            .report_to("nel")
            .max_age(86400)
            .failure_fraction(1.0),
    )
    .build()?;
"#
    );
}

#[test]
fn server_formats_say_what_the_configuration_decides_per_request() {
    let dir = std::env::temp_dir().join(format!(
        "secure-headers-request-side-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("secure.toml");
    std::fs::write(
        &path,
        "preset = \"basic\"\n[https-redirect]\nhost = \"example.com\"\n[cross-origin]\n",
    )
    .unwrap();
    let config = path.to_str().unwrap();
    let note = "# Not written below: this configuration also decides per request (HTTPS redirect,\n\
                # allowed hosts, trusted proxies, cross-origin protection or HSTS on secure requests only).\n\
                # Those run in the application (the secure-headers middleware); the lines below only\n\
                # send the headers.\n";
    for format in ["nginx", "apache", "caddy"] {
        let (code, out, err) = show(&["--config", config, "--format", format]);
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with(note), "{format}: {out}");
        // The headers themselves are unchanged.
        let (_, plain, _) = show(&["--preset", "basic", "--format", format]);
        assert_eq!(&out[note.len()..], plain, "{format}");
    }
    // The Rust code writes them as builder calls instead.
    let (_, rust, _) = show(&["--config", config, "--format", "rust"]);
    assert!(!rust.contains("Not written below"), "{rust}");
    assert!(
        rust.ends_with(
            "    .https_redirect(HttpsRedirect::new().host(\"example.com\"))\n    \
             .cross_origin_protection(CrossOriginProtection::new())\n    \
             .build()?;\n"
        ),
        "{rust}"
    );
    // The header list itself has no comment syntax: unchanged.
    let (_, raw, _) = show(&["--config", config, "--format", "raw"]);
    let (_, plain, _) = show(&["--preset", "basic", "--format", "raw"]);
    assert_eq!(raw, plain);
    std::fs::remove_dir_all(&dir).unwrap();
}
