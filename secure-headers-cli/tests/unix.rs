//! The command behaves like a Unix tool: a closed pipe ends it quietly, exit statuses are
//! documented and the same for every command, long policies are shown as a window around
//! the caret, and the findings a reader would expect are there.

mod support;

use support::{first_line_then_close, run};

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let dir = std::env::temp_dir().join(format!("secure-headers-unix-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("big.html");
    let mut html = String::from("<!doctype html>\n");
    for i in 0..20_000 {
        html.push_str(&format!("<script>f({i})</script>\n"));
    }
    std::fs::write(&page, html).unwrap();
    // `secure-headers hash big.html | head -1`: read one line, then close the pipe.
    let (first, code, stderr) = first_line_then_close(&["hash", page.to_str().unwrap()]);
    assert!(first.starts_with("script line 2    'sha256-"), "{first}");
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_reader_that_goes_away_ends_reports_summary_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    // 2,000 policy versions: a summary far larger than a pipe's buffer.
    let lines: String = (0..2_000)
        .map(|i| {
            format!(
                r#"{{"csp-report": {{"document-uri": "https://shop.example/", "effective-directive": "img-src", "blocked-uri": "https://img.example/a.png", "original-policy": "img-src 'self' https://cdn-{i}.example; script-src 'self' https://scripts-{i}.example; object-src 'none'", "disposition": "report"}}}}"#
            ) + "\n"
        })
        .collect();
    let (code, _, err) = run(&["reports", "ingest", "--db", db, "-"], Some(&lines));
    assert_eq!((code, err.as_str()), (0, ""));
    // `secure-headers reports summary --db DB | head -1`.
    let (first, code, stderr) = first_line_then_close(&["reports", "summary", "--db", db]);
    assert_eq!(first, "2000 reports, 2000 fingerprints\n");
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
}

#[test]
fn help_documents_the_exit_statuses() {
    let (code, out, _) = run(&["--help"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "Exit status (every command):\n  \
             0  done, and no finding at or above --fail-on (nor a grade below --min-grade)\n  \
             1  findings at or above --fail-on (default: high), or a grade below --min-grade\n  \
             2  usage, input, network or configuration error"
        ),
        "{out}"
    );
    for command in ["check", "lint"] {
        let (code, out, _) = run(&[command, "--help"], None);
        assert_eq!(code, 0);
        assert!(out.contains("--fail-on <SEVERITY>"), "{command}: {out}");
        assert!(out.contains("[default: high]"), "{command}: {out}");
    }
    let (code, _, err) = run(&["lint", "img-src 'self'", "--fail-on", "low"], None);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = run(&["no-such-command"], None);
    assert_eq!(code, 2);
}

/// A response with an `[error]` finding (preload without includeSubDomains) and nothing
/// of severity high.
const ERROR_DUMP: &str = "HTTP/1.1 200 OK\r\n\
    Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'\r\n\
    Strict-Transport-Security: max-age=63072000; preload\r\n\
    X-Content-Type-Options: nosniff\r\n\
    X-Frame-Options: DENY\r\n\
    Referrer-Policy: no-referrer\r\n\r\n";

#[test]
fn check_and_lint_exit_the_same_way_for_the_same_severity() {
    // check: an [error] finding fails it, as a [high] one fails lint.
    let (code, out, err) = run(&["check", "-"], Some(ERROR_DUMP));
    assert!(
        out.contains("[error] hsts-preload-needs-subdomains"),
        "{out}"
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("fail: 1 finding(s) at or above --fail-on high"),
        "{err}"
    );
    let (code, out, _) = run(&["check", "-", "--json"], Some(ERROR_DUMP));
    assert_eq!(code, 1);
    assert!(out.contains("\"pass\": false"), "{out}");
    let (code, _, _) = run(&["check", "-", "--fail-on", "none"], Some(ERROR_DUMP));
    assert_eq!(code, 0);
    let (code, _, _) = run(&["check", "-", "--fail-on", "error"], Some(ERROR_DUMP));
    assert_eq!(code, 1);

    // lint: [high] fails at the default and at medium, not at error.
    let high = "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'";
    for (fail_on, expected) in [(None, 1), (Some("error"), 0), (Some("medium"), 1)] {
        let mut args = vec!["lint", high];
        if let Some(f) = fail_on {
            args.extend(["--fail-on", f]);
        }
        let (code, out, err) = run(&args, None);
        assert!(out.contains("[high] csp-unsafe-inline"), "{out}");
        assert_eq!(code, expected, "{fail_on:?}: {err}");
    }
    // A medium finding fails only at --fail-on medium.
    let medium = "default-src 'none'; script-src 'self' http://cdn.example; object-src 'none'; base-uri 'none'";
    let (code, out, _) = run(&["lint", medium], None);
    assert!(out.contains("[medium] csp-http-source"), "{out}");
    assert_eq!(code, 0);
    let (code, _, err) = run(&["lint", medium, "--fail-on", "medium"], None);
    assert_eq!(code, 1);
    assert!(err.contains("at or above --fail-on medium"), "{err}");
}

#[test]
fn a_long_policy_is_shown_as_a_window_around_the_caret() {
    let hosts: Vec<String> = (0..40).map(|i| format!("https://cdn{i}.example")).collect();
    let policy = format!(
        "default-src 'none'; img-src {}; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'",
        hosts.join(" ")
    );
    assert!(policy.len() > 800);
    let (code, out, _) = run(&["lint", &policy], None);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("[high] csp-unsafe-inline"))
        .unwrap();
    let (shown, caret) = (lines[at + 1], lines[at + 2]);
    assert!(
        shown.starts_with("  ...") && shown.ends_with("..."),
        "{shown}"
    );
    assert!(shown.len() < 100, "{shown}");
    let col = caret.find('^').unwrap();
    assert_eq!(&shown[col..col + 15], "'unsafe-inline'", "{shown}\n{caret}");
    assert!(out.lines().all(|l| l.len() < 200), "{out}");
}

#[test]
fn x_powered_by_with_a_version_is_flagged_like_server() {
    let dump = "HTTP/1.1 200 OK\r\nServer: nginx/1.25.3\r\nX-Powered-By: PHP/8.2.1\r\n\r\n";
    let (_, out, _) = run(&["check", "-"], Some(dump));
    assert!(
        out.contains(
            "[info] x-powered-by-version: the X-Powered-By header discloses a version; remove it (it serves no browser) (X-Powered-By \"PHP/8.2.1\")"
        ),
        "{out}"
    );
    assert!(out.contains("[info] server-version"), "{out}");
}

#[test]
fn hash_lists_javascript_urls_among_what_it_cannot_cover() {
    let page = "<script>a()</script>\n<a href=\"javascript:go()\">go</a>\n<iframe src=' JavaScript:x'></iframe>\n<a href=\"/javascript:not-a-scheme\">x</a>\n";
    let (code, out, err) = run(&["hash", "-"], Some(page));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with(
            "\nnot covered (a hash in script-src does not allow a javascript: URL; move the code into a script and attach it with addEventListener):\n  \
             line 2    <a href=\"javascript:...\"> javascript: URL\n  \
             line 3    <iframe src=\"javascript:...\"> javascript: URL\n"
        ),
        "{out}"
    );
}
