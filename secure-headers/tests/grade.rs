//! `secure_headers::grade` against the Mozilla HTTP Observatory, for each scoring
//! algorithm.
//!
//! The cases are data, in `tests/data/grade-cases/*.toml`, one file per source; each file
//! names its algorithm (4: Observatory 1.4.8, 5: 1.6.3, 6: the main branch) and each case
//! where it came from:
//!
//! - `score-table-algorithm-4.toml`: a header set for every row of 1.4.8's score table that
//!   headers can produce, with all ten results, score and grade;
//! - `changes-algorithm-4.toml`, `-5`, `-6`: the same inputs in each, those on which the
//!   algorithms differ, each case naming the upstream commit that changed it;
//! - `upstream-v1.4.8.toml`, `upstream-v1.6.3.toml`, `upstream-main.toml`: the Observatory's
//!   own unit tests at that tag, translated by `tests/observatory/translate/translate.sh`
//!   (headers and page in, asserted result, pass and modifier out), and its scanner tests on
//!   captured responses (score, grade, tests passed).
//!
//! `cases_from_data` grades every case with its algorithm and checks what it lists.
//! `matches_the_published_scorer` runs every case through the real scorer and compares
//! score, grade and every result: 1.4.8 from npm (installed by
//! `tests/observatory/install.sh`), and, where `OBSERVATORY_SRC_5` / `OBSERVATORY_SRC_6`
//! name a checkout of the Observatory at v1.6.3 / main with its runtime dependencies
//! installed (`npm install --ignore-scripts --omit=dev`) and `conf/hsts-preload.json`
//! written (`{}`), those too: npm serves only 1.4.8.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use secure_headers::grade::{Algorithm, GradeContext, Redirection, Scheme, grade_with};
use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};
use secure_headers::{Preset, Secure};
use serde::Deserialize;

/// One file of cases.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    /// The algorithm every case of the file is graded with.
    algorithm: u8,
    /// The host name for cases that name none.
    host: String,
    /// The source for cases that name none.
    source: Option<String>,
    case: Vec<Case>,
}

/// A header set, what the grader is told about the site, and what is expected.
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    source: Option<String>,
    /// The headers, in order (repeated names are repeated fields).
    #[serde(default)]
    headers: Vec<(String, String)>,
    /// Instead of `headers`: the headers of one of this library's presets.
    preset: Option<String>,
    /// `https` (default), `https-invalid-cert` or `http`.
    scheme: Option<String>,
    /// `to-https` (default), `no-http`, `all-preloaded`, `off-host`, `http-first`,
    /// `not-to-https`, `missing` or `invalid-cert`.
    redirection: Option<String>,
    html: Option<String>,
    cors_origin: Option<String>,
    host: Option<String>,
    #[serde(default)]
    hsts_preloaded: bool,
    score: Option<i32>,
    grade: Option<String>,
    tests_passed: Option<usize>,
    /// Every test's result, in the order of `Algorithm::tests`.
    results: Option<Vec<String>>,
    /// Some tests' result, pass and modifier.
    #[serde(default)]
    expect: BTreeMap<String, Expect>,
}

#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    result: Option<String>,
    pass: Option<bool>,
    modifier: Option<i32>,
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/grade-cases")
}

/// Every case file: its name and contents.
fn case_files() -> Vec<(String, CaseFile)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("tests/data/grade-cases")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let file: CaseFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, file)
        })
        .collect()
}

fn algorithm(n: u8) -> Algorithm {
    Algorithm::ALL
        .into_iter()
        .find(|a| a.version() == n)
        .unwrap_or_else(|| panic!("unknown algorithm {n}"))
}

impl Case {
    /// The headers as sent: the preset's, or the listed ones.
    fn header_items(&self) -> Vec<(String, String)> {
        match self.preset.as_deref() {
            None => self.headers.clone(),
            Some(p) => {
                let preset = match p {
                    "basic" => Preset::Basic,
                    "balanced" => Preset::Balanced,
                    "strict" => Preset::Strict,
                    other => panic!("{}: unknown preset {other}", self.name),
                };
                Secure::from_preset(preset)
                    .header_items()
                    .map(|(n, v)| (n.to_owned(), v.to_owned()))
                    .collect()
            }
        }
    }

    /// The headers as a map; values are latin-1, as the scanner's client reads them.
    fn header_map(&self) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (n, v) in self.header_items() {
            let bytes: Vec<u8> = v
                .chars()
                .map(|c| u8::try_from(u32::from(c)).expect("a latin-1 header value"))
                .collect();
            map.append(
                HeaderName::from_bytes(n.as_bytes()).unwrap(),
                HeaderValue::from_bytes(&bytes)
                    .unwrap_or_else(|e| panic!("{}: header {n}: {e}", self.name)),
            );
        }
        map
    }

    fn context(&self, default_host: &str) -> GradeContext {
        let scheme = match self.scheme.as_deref() {
            None | Some("https") => Scheme::Https,
            Some("https-invalid-cert") => Scheme::HttpsInvalidCertificate,
            Some("http") => Scheme::Http,
            Some(other) => panic!("{}: unknown scheme {other}", self.name),
        };
        let redirection = match self.redirection.as_deref() {
            None | Some("to-https") => Redirection::ToHttps,
            Some("no-http") => Redirection::NoHttp,
            Some("all-preloaded") => Redirection::AllPreloaded,
            Some("off-host") => Redirection::OffHost,
            Some("http-first") => Redirection::HttpFirst,
            Some("not-to-https") => Redirection::NotToHttps,
            Some("missing") => Redirection::Missing,
            Some("invalid-cert") => Redirection::InvalidCertificate,
            Some(other) => panic!("{}: unknown redirection {other}", self.name),
        };
        let mut ctx = GradeContext::new()
            .scheme(scheme)
            .redirection(redirection)
            .host(self.host.as_deref().unwrap_or(default_host))
            .hsts_preloaded(self.hsts_preloaded);
        if let Some(html) = &self.html {
            ctx = ctx.html(html.clone());
        }
        if let Some(origin) = &self.cors_origin {
            ctx = ctx.cors_origin(origin.clone());
        }
        ctx
    }

    /// What differs between our grade and what the case lists (empty when nothing).
    fn check(&self, algorithm: Algorithm, default_host: &str) -> Vec<String> {
        let report = grade_with(&self.header_map(), &self.context(default_host), algorithm);
        let mut wrong = Vec::new();
        let tests: Vec<&str> = report.modifiers.iter().map(|m| m.test).collect();
        if tests != algorithm.tests() {
            wrong.push(format!("tests {tests:?}"));
        }
        if let Some(score) = self.score
            && report.score != score
        {
            wrong.push(format!("score {} (expected {score})", report.score));
        }
        if let Some(grade) = &self.grade
            && report.letter.as_str() != grade
        {
            wrong.push(format!("grade {} (expected {grade})", report.letter));
        }
        if let Some(passed) = self.tests_passed
            && report.tests_passed() != passed
        {
            wrong.push(format!(
                "{} tests passed (expected {passed})",
                report.tests_passed()
            ));
        }
        if let Some(results) = &self.results {
            let ours: Vec<&str> = report.modifiers.iter().map(|m| m.result).collect();
            if ours != *results {
                wrong.push(format!("results {ours:?}\n   expected {results:?}"));
            }
        }
        for (test, expect) in &self.expect {
            let Some(m) = report.modifier(test) else {
                wrong.push(format!("no test {test}"));
                continue;
            };
            if let Some(result) = &expect.result
                && m.result != result
            {
                wrong.push(format!("{test}: {} (expected {result})", m.result));
            }
            if let Some(pass) = expect.pass
                && m.pass != pass
            {
                wrong.push(format!("{test}: pass {} (expected {pass})", m.pass));
            }
            if let Some(modifier) = expect.modifier
                && m.score_modifier != modifier
            {
                wrong.push(format!(
                    "{test}: modifier {} (expected {modifier})",
                    m.score_modifier
                ));
            }
        }
        wrong
    }
}

#[test]
fn cases_from_data() {
    let mut failures = Vec::new();
    let mut per_algorithm: BTreeMap<u8, usize> = BTreeMap::new();
    for (file, data) in case_files() {
        let algorithm = algorithm(data.algorithm);
        for case in &data.case {
            assert!(
                case.source.is_some() || data.source.is_some(),
                "{file}: {}: no source",
                case.name
            );
            assert!(
                case.score.is_some()
                    || case.results.is_some()
                    || case.tests_passed.is_some()
                    || !case.expect.is_empty(),
                "{file}: {}: expects nothing",
                case.name
            );
            let wrong = case.check(algorithm, &data.host);
            if !wrong.is_empty() {
                failures.push(format!("{file}: {}:\n  {}", case.name, wrong.join("\n  ")));
            }
            *per_algorithm.entry(data.algorithm).or_default() += 1;
        }
    }
    println!("cases per algorithm: {per_algorithm:?}");
    // The files hold at least this many (a file that stopped loading would show here).
    assert!(per_algorithm[&4] >= 190, "{per_algorithm:?}");
    assert!(per_algorithm[&5] >= 120, "{per_algorithm:?}");
    assert!(per_algorithm[&6] >= 150, "{per_algorithm:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every result explains itself, and every penalty says what to do, under every algorithm.
#[test]
fn every_modifier_explains_itself() {
    let mut headers = HeaderMap::new();
    headers.insert("x-frame-options", HeaderValue::from_static("ALLOWALL"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin, unsafe-none"),
    );
    headers.insert(
        "cross-origin-embedder-policy",
        HeaderValue::from_static("\"require-corp\""),
    );
    for algorithm in Algorithm::ALL {
        let report = grade_with(&headers, &GradeContext::new(), algorithm);
        for m in &report.modifiers {
            assert!(!m.reason.is_empty(), "{}", m.result);
            assert!(!m.reason.contains('<'), "{}", m.reason);
            if m.score_modifier < 0 {
                assert!(!m.recommendation.is_empty(), "{}", m.result);
            }
        }
        let xfo = report.modifier("x-frame-options").unwrap();
        assert_eq!(
            xfo.reason,
            "X-Frame-Options (XFO) header cannot be recognized"
        );
        assert_eq!(xfo.recommendation, "Implement frame-ancestors CSP");
    }
    let next = grade_with(&headers, &GradeContext::new(), Algorithm::V6);
    let coop = next.modifier("cross-origin-opener-policy").unwrap();
    assert_eq!(
        (
            coop.result,
            coop.score_modifier,
            coop.reason,
            coop.recommendation
        ),
        (
            "coop-header-invalid",
            -5,
            "Cross-Origin-Opener-Policy header cannot be recognized",
            "Set to same-origin, same-origin-allow-popups, noopener-allow-popups, or unsafe-none"
        )
    );
}

/// Where the published scorer 1.4.8 is installed (`tests/observatory/install.sh`).
fn observatory_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/observatory"))
}

/// Runs `cases` through the scorer of `algorithm`; `None` (after printing why) when it is
/// not available. 1.4.8 must be installed when `CI` is set.
fn run_scorer(
    cases: &[Case],
    algorithm: Algorithm,
    default_host: &str,
) -> Option<Vec<serde_json::Value>> {
    let dir = observatory_dir();
    let source = match algorithm {
        Algorithm::V4 => {
            let installed = dir
                .join("node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json")
                .is_file();
            let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
            if !installed {
                assert!(
                    !ci,
                    "the Observatory scorer is not installed: run secure-headers/tests/observatory/install.sh"
                );
                println!(
                    "skipped: the Observatory scorer 1.4.8 is not installed (run secure-headers/tests/observatory/install.sh)"
                );
                return None;
            }
            None
        }
        _ => {
            let var = format!("OBSERVATORY_SRC_{}", algorithm.version());
            let Some(src) = std::env::var_os(&var) else {
                println!(
                    "skipped: {var} does not name a checkout of the Observatory at {} (npm serves only 1.4.8)",
                    algorithm.observatory()
                );
                return None;
            };
            Some(src)
        }
    };
    let input: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            let mut ctx = serde_json::Map::new();
            for (k, v) in [
                ("scheme", &c.scheme),
                ("redirection", &c.redirection),
                ("html", &c.html),
                ("cors_origin", &c.cors_origin),
            ] {
                if let Some(v) = v {
                    ctx.insert(k.into(), v.clone().into());
                }
            }
            ctx.insert(
                "host".into(),
                c.host.as_deref().unwrap_or(default_host).into(),
            );
            serde_json::json!({ "name": c.name, "headers": c.header_items(), "context": ctx })
        })
        .collect();
    let mut command = Command::new("node");
    command
        .arg(dir.join("score.mjs"))
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    if let Some(src) = source {
        command.env("OBSERVATORY_SRC", src);
    }
    let mut child = command.spawn().expect("node runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&input).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the scorer failed");
    let scored: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scored.len(), cases.len());
    Some(scored)
}

/// Compares our grade of every case with the scorer's: score, grade and every result.
fn compare(cases: &[Case], scored: &[serde_json::Value], algorithm: Algorithm, host: &str) {
    let mut failures = Vec::new();
    for (case, theirs) in cases.iter().zip(scored) {
        let ours = grade_with(&case.header_map(), &case.context(host), algorithm);
        let their_results: Vec<&str> = algorithm
            .tests()
            .iter()
            .map(|t| theirs["results"][*t].as_str().unwrap_or("(none)"))
            .collect();
        let our_results: Vec<&str> = ours.modifiers.iter().map(|m| m.result).collect();
        if theirs["score"] != ours.score
            || theirs["grade"] != ours.letter.as_str()
            || their_results != our_results
        {
            failures.push(format!(
                "{}:\n  scorer {} {} {:?}\n  ours   {} {} {:?}",
                case.name,
                theirs["score"],
                theirs["grade"],
                their_results,
                ours.score,
                ours.letter,
                our_results
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "algorithm {algorithm}:\n{}",
        failures.join("\n")
    );
    println!(
        "algorithm {algorithm}: {} cases scored identically by the Observatory {}",
        cases.len(),
        algorithm.observatory()
    );
}

/// Every case of every file, graded with each algorithm whose scorer is available, and
/// compared with that scorer (whatever algorithm the file lists expectations for). Cases
/// that depend on the HSTS preload list are left out: the scorer runs with an empty one.
#[test]
fn matches_the_published_scorer() {
    for algorithm in Algorithm::ALL {
        for (file, data) in case_files() {
            let cases: Vec<Case> = data
                .case
                .iter()
                .filter(|c| !c.hsts_preloaded && c.redirection.as_deref() != Some("all-preloaded"))
                .cloned()
                .collect();
            if let Some(scored) = run_scorer(&cases, algorithm, &data.host) {
                print!("{file}: ");
                compare(&cases, &scored, algorithm, &data.host);
            }
        }
    }
}

/// Generated policies (several headers, header plus `<meta>`, odd spacing and case,
/// repeated sources, paths, nonces, commas) graded by each available scorer.
#[test]
fn generated_policies_match_the_published_scorer() {
    const WORDS: [&str; 34] = [
        "'self'",
        "'SELF'",
        "'none'",
        "'unsafe-inline'",
        "'unsafe-eval'",
        "'strict-dynamic'",
        "'nonce-abc'",
        "'sha256-xyz='",
        "data:",
        "https:",
        "http:",
        "*",
        "https://*",
        "https://a.example",
        "https://a.example/js/",
        "https://a.example/js/app.js",
        "http://cdn.example",
        "ftp://files.example",
        "blob:",
        "'report-sample'",
        "a.example",
        "*.example.com",
        "/path",
        "%41",
        "wss:",
        "'unsafe-hashes'",
        "https:,",
        "1.2.3.4",
        "",
        "",
        "",
        "",
        "",
        "",
    ];
    const DIRECTIVES: [&str; 16] = [
        "default-src",
        "script-src",
        "style-src",
        "object-src",
        "img-src",
        "media-src",
        "frame-ancestors",
        "base-uri",
        "form-action",
        "connect-src",
        "report-uri",
        "report-to",
        "Script-Src",
        "DEFAULT-SRC",
        "upgrade-insecure-requests",
        "sandbox",
    ];
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    let policy = |next: &mut dyn FnMut(usize) -> usize| {
        let mut parts = Vec::new();
        for _ in 0..1 + next(5) {
            let mut d = DIRECTIVES[next(DIRECTIVES.len())].to_owned();
            for _ in 0..next(4) {
                d.push_str(if next(6) == 0 { "  " } else { " " });
                d.push_str(WORDS[next(WORDS.len())]);
            }
            parts.push(d);
        }
        parts.join(if next(4) == 0 { " ;" } else { "; " })
    };
    let mut cases = Vec::new();
    for i in 0..400 {
        let mut headers = vec![("Content-Type".to_owned(), "text/html".to_owned())];
        for _ in 0..1 + next(2) {
            headers.push(("Content-Security-Policy".to_owned(), policy(&mut next)));
        }
        let html = (next(3) == 0).then(|| {
            format!(
                r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
                policy(&mut next)
            )
        });
        let scheme = (next(5) == 0).then(|| "http".to_owned());
        cases.push(Case {
            name: format!("generated {i}"),
            headers,
            scheme,
            html,
            ..Case::default()
        });
    }
    for algorithm in Algorithm::ALL {
        if let Some(scored) = run_scorer(&cases, algorithm, "example.com") {
            compare(&cases, &scored, algorithm, "example.com");
        }
    }
}
