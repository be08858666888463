//! `secure-headers reports …` on a SQLite store in a temporary directory.

mod support;

use assert_cmd::Command;

fn cli() -> Command {
    Command::cargo_bin("secure-headers").unwrap()
}

const LINE: &str = r#"{"csp-report": {"document-uri": "https://shop.example/cart?id=1", "effective-directive": "img-src", "blocked-uri": "https://img.example/a.png", "original-policy": "img-src 'self'; report-uri /r", "disposition": "enforce"}}"#;

#[test]
fn ingest_counts_malformed_lines_by_number_and_summary_reads_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    let input = format!("{LINE}\n{{broken\n{LINE}\n");
    let out = cli()
        .args(["reports", "ingest", "--db", db, "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("-:2: skipped: malformed report: "),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "-: 2 reports from 3 lines, 1 malformed\n"
    );

    let out = cli()
        .args(["reports", "summary", "--db", db, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["reports"], 2);
    assert_eq!(json["kinds"][0]["kind"], "csp-violation");
    assert_eq!(json["kinds"][0]["top"][0]["document"], "/cart");
    assert_eq!(
        json["policies"][0]["policy"],
        "img-src 'self'; report-uri /r"
    );
}

/// A count of one reads in the singular, in every line that counts.
#[test]
fn one_report_is_counted_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    let out = cli()
        .args(["reports", "ingest", "--db", db, "-"])
        .write_stdin(LINE)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "-: 1 report from 1 line, 0 malformed\n"
    );
    let out = cli()
        .args(["reports", "summary", "--db", db])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "1 report, 1 fingerprint",
            "",
            "csp-violation: 1 report (1 enforce, 0 report-only, 0 noise or muted), 1 fingerprint"
        ],
        "{text}"
    );
    assert!(
        lines[3].starts_with(
            "  [enforce] img-src https://img.example on /cart — 1 report, 1 document, 0 clients ("
        ),
        "{text}"
    );
    assert!(text.contains("\npolicy versions:\n  "), "{text}");
    assert!(
        text.contains(" [enforce] 1 report: img-src 'self'; report-uri /r\n"),
        "{text}"
    );
}

#[test]
fn an_unopenable_store_is_an_error_naming_it() {
    let out = cli()
        .args(["reports", "summary", "--db", "/nonexistent/dir/r.db"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot open report store `/nonexistent/dir/r.db`"),
        "{stderr}"
    );
}

const CANDIDATE_LINE: &str = r#"{"csp-report": {"document-uri": "https://shop.example/", "effective-directive": "img-src", "blocked-uri": "https://img.example/a.png", "original-policy": "script-src 'nonce-abc' 'strict-dynamic'; img-src 'self'; object-src 'none'; base-uri 'none'", "disposition": "report"}}"#;

#[test]
fn propose_prints_one_policy_line_and_status_gates_on_readiness() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap();
    // An empty store has no candidate: status says so (a usage error, 2).
    let out = cli()
        .args(["reports", "status", "--db", db])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    cli()
        .args(["reports", "ingest", "--db", db, "-"])
        .write_stdin(CANDIDATE_LINE)
        .assert()
        .success();

    let out = cli()
        .args(["reports", "propose", "--db", db, "--format", "csp"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "script-src 'nonce-{nonce}' 'strict-dynamic'; img-src 'self' https://img.example; object-src 'none'; base-uri 'none'\n"
    );
    let out = cli()
        .args(["reports", "propose", "--db", db, "--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("; 1 report, 1 fingerprint, e.g. https://img.example/a.png)\n"),
        "{text}"
    );
    let out = cli()
        .args(["reports", "propose", "--db", db, "--format", "toml"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "[csp]\nreplace = true\nscript-src = [\"'nonce-{nonce}'\", \"'strict-dynamic'\"]\nimg-src = [\"'self'\", \"https://img.example\"]\nobject-src = [\"'none'\"]\nbase-uri = [\"'none'\"]\n"
    );

    let out = cli()
        .args(["reports", "status", "--db", db])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("not ready over the last 7 days"), "{text}");
    assert!(
        text.contains(
            "open: [report] img-src https://img.example on / — 1 report, 1 document, 0 clients ("
        ),
        "{text}"
    );
    assert!(text.contains("projected grade (algorithm 6): "), "{text}");

    // The proposal enforced: ready.
    let proposed = "script-src 'nonce-abc' 'strict-dynamic'; img-src 'self' https://img.example; object-src 'none'; base-uri 'none'";
    cli()
        .args(["reports", "status", "--db", db, "--candidate", proposed])
        .assert()
        .code(0);
}

#[test]
fn serve_collects_reports_into_the_store() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let db = db.to_str().unwrap().to_owned();
    let (mut child, first) =
        support::spawn_first_line(&["reports", "serve", "--db", &db, "--listen", "127.0.0.1:0"]);
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_owned();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches("/reports");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "POST /reports HTTP/1.1\r\nHost: c\r\nContent-Type: application/csp-report\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{LINE}", LINE.len()).unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 204 "), "{answer}");
    // The writer batches for up to 200 ms.
    let mut reports = 0;
    for _ in 0..100 {
        let out = cli()
            .args(["reports", "summary", "--db", &db, "--json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        reports = json["reports"].as_u64().unwrap();
        if reports == 1 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(reports, 1);
}
