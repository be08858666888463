//! `secure-headers check` against a real HTTP server on 127.0.0.1, header dump files and
//! standard input.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread;

mod support;

use assert_cmd::Command;
use secure_headers::{Preset, Secure};

/// A server on 127.0.0.1 (OS-chosen port) that answers every request with known
/// headers according to the path; returns its base URL.
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut request_headers = Vec::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                request_headers.push(line.trim_end().to_ascii_lowercase());
            }
            let forwarded_https = request_headers
                .iter()
                .any(|h| h == "x-forwarded-proto: https");
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_owned();
            let (status, headers, body): (&str, Vec<(String, String)>, &str) = match path.as_str() {
                "/" => (
                    "200 OK",
                    Secure::from_preset(Preset::Balanced)
                        .header_items()
                        .map(|(n, v)| (n.to_owned(), v.to_owned()))
                        .chain([(
                            "Content-Type".to_owned(),
                            "text/html; charset=utf-8".to_owned(),
                        )])
                        .collect(),
                    "<!doctype html><title>ok</title><script src=\"/app.js\"></script>",
                ),
                "/weak" => (
                    "200 OK",
                    vec![
                        ("Content-Type".to_owned(), "text/plain".to_owned()),
                        ("X-Frame-Options".to_owned(), "DENY".to_owned()),
                        ("Set-Cookie".to_owned(), "sessionid=1; Path=/".to_owned()),
                    ],
                    "weak",
                ),
                "/cdn" => (
                    "200 OK",
                    Secure::from_preset(Preset::Strict)
                        .header_items()
                        .map(|(n, v)| (n.to_owned(), v.to_owned()))
                        .chain([("Content-Type".to_owned(), "text/html".to_owned())])
                        .collect(),
                    "<script src=\"http://cdn.elsewhere.example/lib.js\"></script>",
                ),
                // An application behind a TLS proxy: HSTS only on the HTTPS side.
                "/proxied" => (
                    "200 OK",
                    Secure::from_preset(Preset::Balanced)
                        .header_items()
                        .filter(|(n, _)| forwarded_https || *n != "Strict-Transport-Security")
                        .map(|(n, v)| (n.to_owned(), v.to_owned()))
                        .collect(),
                    "",
                ),
                "/moved" => (
                    "301 Moved Permanently",
                    vec![("Location".to_owned(), format!("http://127.0.0.1:{port}/"))],
                    "",
                ),
                _ => ("404 Not Found", vec![], "not found"),
            };
            let mut response = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (n, v) in headers {
                response.push_str(&format!("{n}: {v}\r\n"));
            }
            response.push_str("\r\n");
            response.push_str(body);
            let _ = stream.write_all(response.as_bytes());
        }
    });
    base
}

fn check(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    support::run(&[&["check"], args].concat(), stdin)
}

#[test]
fn grades_a_live_server_and_enforces_min_grade() {
    let base = server();
    let (code, out, err) = check(&[&format!("{base}/"), "--min-grade", "A+"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Grade A+  score 120 (10 of 10 tests passed)"),
        "{out}"
    );
    assert!(
        out.contains("local address; --as-served to grade as served"),
        "{out}"
    );
    assert!(out.contains("status 200"));
    assert!(
        out.contains("sri-not-implemented-but-all-scripts-loaded-from-secure-origin"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal");
    assert!(out.contains("\nLint: "), "{out}");
    assert!(out.contains("[medium-maybe] csp-self-allowlist:"), "{out}");

    let (code, out, err) = check(&[&format!("{base}/weak"), "--min-grade", "B"], None);
    assert_eq!(code, 1, "{out}{err}");
    // CSP -25, HSTS -20, X-Content-Type-Options -5, session cookie without Secure -40.
    assert!(out.contains("Grade F  score 10"), "{out}");
    assert!(out.contains("cookies-session-without-secure-flag"), "{out}");
    assert!(
        err.contains("fail: grade F is below the minimum B"),
        "{err}"
    );

    // As served over plain HTTP: no HSTS, no redirect to HTTPS.
    let (code, out, _) = check(&[&format!("{base}/"), "--as-served", "--json"], None);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["score"], 60);
    assert_eq!(report["grade"], "C+");
    let results: Vec<&str> = report["modifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["result"].as_str().unwrap())
        .collect();
    assert!(results.contains(&"hsts-not-implemented-no-https"));
    assert!(results.contains(&"redirection-missing"));

    // Redirects are followed and reported.
    let (code, out, _) = check(&[&format!("{base}/moved"), "--as-served"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains(&format!(
            "redirection-not-to-https ({base}/moved -> http://"
        )),
        "{out}"
    );

    // The page's scripts are read from the body.
    let (_, out, _) = check(&[&format!("{base}/cdn"), "--json"], None);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report["modifiers"][6]["result"],
        "sri-not-implemented-and-external-scripts-not-loaded-securely"
    );
    assert_eq!(report["score"], 50); // -50, and bonuses need 90 from penalties alone
}

#[test]
fn json_report() {
    let base = server();
    let (code, out, _) = check(&[&format!("{base}/"), "--json", "--min-grade", "A"], None);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["score"], 120);
    assert_eq!(report["grade"], "A+");
    assert_eq!(report["pass"], true);
    assert_eq!(report["min_grade"], "A");
    assert_eq!(report["status"], 200);
    assert_eq!(report["modifiers"].as_array().unwrap().len(), 10);
    let csp = &report["modifiers"][0];
    assert_eq!(csp["test"], "content-security-policy");
    assert_eq!(
        csp["result"],
        "csp-implemented-with-unsafe-inline-in-style-src-only"
    );
    assert_eq!(csp["score_modifier"], 0);
    assert!(
        csp["reason"]
            .as_str()
            .unwrap()
            .starts_with("Content Security Policy (CSP) implemented with unsafe sources")
    );
}

#[test]
fn unreachable_url_is_exit_2() {
    // A port that was just free: bind, note it, close.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (code, out, err) = check(&[&format!("http://127.0.0.1:{port}/")], None);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.starts_with(&format!("error: cannot fetch http://127.0.0.1:{port}/: ")),
        "{err}"
    );
    assert!(err.to_lowercase().contains("refused"), "{err}");
    // https is fetched too (certificates checked): a TLS handshake with a server that only
    // speaks plain HTTP fails with a clear error and exit 2.
    let plain = server();
    let https = plain.replacen("http://", "https://", 1);
    let (code, out, err) = check(&[&format!("{https}/")], None);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.starts_with(&format!("error: cannot fetch {https}/: ")),
        "{err}"
    );
}

#[test]
fn header_dump_file_and_stdin() {
    let dump = format!(
        "HTTP/2 200\r\n{}\r\n\r\n",
        Secure::from_preset(Preset::Strict)
            .to_string()
            .replace('\n', "\r\n")
    );
    let dir = std::env::temp_dir().join(format!("secure-headers-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("headers.txt");
    std::fs::write(&file, &dump).unwrap();
    let (code, out, err) = check(&[file.to_str().unwrap(), "--min-grade", "A+"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Grade A+  score 115"), "{out}");
    assert!(out.contains("status 200"));

    let (code, out, _) = check(&["-", "--min-grade", "A"], Some(&dump));
    assert_eq!(code, 0);
    assert!(out.contains("Grade A+  score 115"), "{out}");

    let (code, out, _) = check(
        &["-", "--json"],
        Some("Content-Security-Policy: default-src 'none'\n"),
    );
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["score"], 55);
    assert_eq!(report["grade"], "C");

    // The page's HTML for SRI and <meta> policies.
    let html = dir.join("page.html");
    std::fs::write(&html, "<meta name=referrer content=no-referrer><script src=https://cdn.example.net/x.js></script>").unwrap();
    let (_, out, _) = check(
        &[
            "-",
            "--json",
            "--html",
            html.to_str().unwrap(),
            "--host",
            "example.com",
        ],
        Some(&format!("{dump}Content-Type: text/html\n")),
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report["modifiers"][6]["result"],
        "sri-not-implemented-but-external-scripts-loaded-securely"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unparsable_dump_points_at_the_position() {
    let (code, out, err) = check(
        &["-"],
        Some("HTTP/1.1 200 OK\nX-Frame-Options: DENY\nX Frame: DENY\n"),
    );
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: cannot parse the header dump in standard input: line 3, column 2: ' ' is not allowed in a header name\n  |\n3 | X Frame: DENY\n  |  ^\n"
    );
    let (code, _, err) = check(
        &["-"],
        Some("Referrer-Policy: no-referrer\nthis is not a header\n"),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("line 2, column 21: expected `Name: value`"),
        "{err}"
    );
    let (code, _, err) = check(&["/nonexistent/headers.txt"], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read /nonexistent/headers.txt"),
        "{err}"
    );
    let (code, _, err) = check(&["-", "--min-grade", "E"], Some(""));
    assert_eq!(code, 2);
    assert!(err.contains("expected a grade"), "{err}");
}

#[test]
fn colour_follows_the_environment() {
    let mut cmd = Command::cargo_bin("secure-headers").unwrap();
    let out = cmd
        .args(["check", "-"])
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .write_stdin("X-Frame-Options: DENY\n")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("\u{1b}["));
    let out = Command::cargo_bin("secure-headers")
        .unwrap()
        .args(["check", "-"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .write_stdin("X-Frame-Options: DENY\n")
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("\u{1b}["));
}

#[test]
fn algorithm_selects_the_observatory_scoring() {
    let dump = "X-Frame-Options: DENY\n\
                Content-Security-Policy: default-src 'none'\n\
                Strict-Transport-Security: max-age=63072000\n\
                X-Content-Type-Options: nosniff\n\
                Cross-Origin-Opener-Policy: same-origin\n\
                Cross-Origin-Embedder-Policy: require-corp\n";
    // The default is the Observatory's current release: X-Frame-Options DENY +5.
    let (code, out, err) = check(&["-"], Some(dump));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("scoring algorithm 5 (Observatory 1.6.3)"),
        "{out}"
    );
    assert!(
        out.contains("Grade A+  score 115 (10 of 10 tests passed)"),
        "{out}"
    );
    assert!(out.contains("  +5 x-frame-options"), "{out}");

    // 1.4.8: DENY scores 0 and comes with a recommendation.
    let (code, out, _) = check(&["-", "--algorithm", "4"], Some(dump));
    assert_eq!(code, 0);
    assert!(
        out.contains("scoring algorithm 4 (Observatory 1.4.8)"),
        "{out}"
    );
    assert!(
        out.contains("Grade A+  score 110 (10 of 10 tests passed)"),
        "{out}"
    );
    assert!(out.contains("   0 x-frame-options"), "{out}");

    // The main branch: Cross-Origin-Opener-Policy and -Embedder-Policy +10 each.
    let (code, out, _) = check(&["-", "--algorithm", "6", "--json"], Some(dump));
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["algorithm"], 6);
    assert_eq!(report["score"], 135);
    assert_eq!(report["tests_passed"], 12);
    let modifiers = report["modifiers"].as_array().unwrap();
    assert_eq!(modifiers.len(), 12);
    assert_eq!(modifiers[2]["test"], "cross-origin-embedder-policy");
    assert_eq!(modifiers[2]["result"], "coep-implemented-with-require-corp");
    assert_eq!(modifiers[3]["test"], "cross-origin-opener-policy");
    assert_eq!(modifiers[3]["score_modifier"], 10);

    // A repeated Cross-Origin-Opener-Policy is invalid: -5, and the bonuses still count.
    let (_, out, _) = check(
        &["-", "--algorithm", "v6", "--json"],
        Some(&format!("{dump}Cross-Origin-Opener-Policy: unsafe-none\n")),
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["modifiers"][3]["result"], "coop-header-invalid");
    assert_eq!(report["score"], 120);

    let (code, out, err) = check(&["-", "--algorithm", "7"], Some(dump));
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.contains("invalid value '7' for '--algorithm <N>'")
            && err.contains("expected an Observatory scoring algorithm: 4, 5 or 6"),
        "{err}"
    );
}

#[test]
fn request_headers_reach_the_server_and_the_assumptions_are_stated() {
    let base = server();
    let url = format!("{base}/proxied");
    let (code, out, err) = check(&[&url, "--json"], None);
    assert_eq!(code, 0, "{err}");
    let hsts_missing = "\"test\": \"strict-transport-security\"";
    assert!(out.contains(hsts_missing), "{out}");
    assert!(
        out.contains(&format!(
            "\"assumption\": \"fetched over plain HTTP ({url}); graded as if served over HTTPS with a valid certificate and a same-host redirect from http (local address; --as-served to grade as served); no Strict-Transport-Security in the response: servers send it over HTTPS only, so it is graded as missing; behind a TLS proxy, -H 'X-Forwarded-Proto: https' asks for the HTTPS response\""
        )),
        "{out}"
    );
    let (code, plain, _) = check(&[&url], None);
    assert_eq!(code, 0);
    assert!(plain.contains("Grade B+  score 80"), "{plain}");

    // With the forwarded scheme, the application sends HSTS and the grade counts it.
    let (code, out, err) = check(&[&url, "-H", "X-Forwarded-Proto: https"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Grade A+  score 120"), "{out}");
    assert!(
        out.contains(&format!(
            "fetched over plain HTTP with X-Forwarded-Proto: https ({url}); graded as if served over HTTPS with a valid certificate and a same-host redirect from http (local address; --as-served to grade as served); Strict-Transport-Security as the server sent it over plain HTTP"
        )),
        "{out}"
    );

    let (code, _, err) = check(&[&url, "-H", "no colon"], None);
    assert_eq!(code, 2);
    assert!(err.contains("expected `Name: value`"), "{err}");
    let (code, _, err) = check(&["-", "-H", "X-Forwarded-Proto: https"], Some("X-A: b\n"));
    assert_eq!(code, 2);
    assert!(
        err.contains("-H sends a request header, so it needs a URL"),
        "{err}"
    );
}

#[test]
fn curl_si_output_with_a_body() {
    let dump = "HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.com/\r\n\r\n\
                HTTP/2 200\r\ncontent-type: text/html\r\nx-frame-options: DENY\r\n\
                content-security-policy: default-src 'self'; frame-ancestors https://a.example/embed/\r\n\r\n\
                <!doctype html>\n<title>t</title>\n<p>Body text: with a colon</p>\n\
                <script src=\"https://cdn.example/x.js\"></script>\n";
    let (code, out, err) = check(&["-", "--json"], Some(dump));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"status\": 200"), "{out}");
    assert!(
        out.contains("[\n      \"x-frame-options\",\n      \"DENY\"\n    ]"),
        "{out}"
    );
    // The body is the page: its external script without integrity is graded.
    assert!(
        out.contains("sri-not-implemented-but-external-scripts-loaded-securely"),
        "{out}"
    );
    assert!(out.contains("\"rule\": \"csp-path-ignored\""), "{out}");
}

#[test]
fn a_policy_with_obs_text_is_accepted_and_linted() {
    let dump = "Content-Security-Policy: default-src 'self'; script-src 'self' https://caf\u{e9}.example 'unsafe-inline'\n";
    let (code, out, err) = check(&["-", "--json"], Some(dump));
    // Linted, so its [high] findings fail the command (--fail-on high, the default).
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("at or above --fail-on high"), "{err}");
    assert!(out.contains("\"rule\": \"csp-unsafe-inline\""), "{out}");
    assert!(!out.contains("header-invalid"), "{out}");
}
