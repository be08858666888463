//! `secure-headers check`: grade (and lint) a response's headers.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use secure_headers::grade::{self, Algorithm, GradeContext, Letter, Redirection, Scheme};
use secure_headers::http::HeaderMap;

use crate::style::{self, outln, paint};
use crate::{Fatal, dump, fetch, findings};

/// The options of `check`.
#[derive(Debug)]
pub(crate) struct Options {
    pub(crate) target: String,
    pub(crate) json: bool,
    pub(crate) min_grade: Option<Letter>,
    pub(crate) fail_on: findings::FailOn,
    pub(crate) assume_https: bool,
    pub(crate) as_served: bool,
    pub(crate) html: Option<PathBuf>,
    pub(crate) host: Option<String>,
    pub(crate) algorithm: Algorithm,
    /// Request headers sent with a URL.
    pub(crate) request_headers: Vec<(String, String)>,
}

/// The `-H 'Name: value'` arguments, checked.
pub(crate) fn request_headers(args: &[String]) -> Result<Vec<(String, String)>, Fatal> {
    args.iter()
        .map(|arg| {
            let (name, value) = arg.split_once(':').ok_or_else(|| {
                Fatal(format!(
                    "-H {arg:?}: expected `Name: value`, such as 'X-Forwarded-Proto: https'"
                ))
            })?;
            let (name, value) = (name.trim(), value.trim());
            secure_headers::http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Fatal(format!("-H {arg:?}: {name:?} is not a header name")))?;
            secure_headers::http::HeaderValue::from_str(value)
                .map_err(|_| Fatal(format!("-H {arg:?}: the value cannot be sent in a header")))?;
            Ok((name.to_owned(), value.to_owned()))
        })
        .collect()
}

/// What fetching over plain HTTP means for HSTS, when the report grades as if over HTTPS.
fn hsts_note(headers: &HeaderMap, sent: &[(String, String)]) -> String {
    if headers.contains_key("strict-transport-security") {
        return "Strict-Transport-Security as the server sent it over plain HTTP".to_owned();
    }
    let forwarded = sent.iter().any(|(n, _)| {
        n.eq_ignore_ascii_case("x-forwarded-proto") || n.eq_ignore_ascii_case("forwarded")
    });
    if forwarded {
        "no Strict-Transport-Security in the response, even with the forwarded scheme sent"
            .to_owned()
    } else {
        "no Strict-Transport-Security in the response: servers send it over HTTPS only, so it \
         is graded as missing; behind a TLS proxy, -H 'X-Forwarded-Proto: https' asks for the \
         HTTPS response"
            .to_owned()
    }
}

/// What was checked and how.
struct Input {
    headers: HeaderMap,
    status: Option<u16>,
    html: Option<String>,
    host: Option<String>,
    context: GradeContext,
    assumption: String,
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = if host_port.starts_with('[') {
        host_port.split(']').next()?.trim_start_matches('[')
    } else {
        host_port.split(':').next()?
    };
    Some(host.to_ascii_lowercase())
}

fn is_local(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified())
}

const ASSUMED: &str =
    "as if served over HTTPS with a valid certificate and a same-host redirect from http";

fn read_input(o: &Options) -> Result<Input, Fatal> {
    let target = o.target.as_str();
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let host = o.host.clone().or_else(|| host_of(target));
        let fetched = fetch::get(target, &o.request_headers).map_err(Fatal)?;
        let final_url = fetched.chain.last().cloned().unwrap_or_default();
        let final_https = final_url.to_ascii_lowercase().starts_with("https://");
        let local = host.as_deref().is_some_and(is_local);
        let assume = o.assume_https || (local && !o.as_served);
        let (context, assumption) = if assume {
            let why = if o.assume_https {
                "--assume-https"
            } else {
                "local address; --as-served to grade as served"
            };
            let fetched_over = if final_https {
                "fetched over HTTPS"
            } else {
                "fetched over plain HTTP"
            };
            let sent = if o.request_headers.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = o
                    .request_headers
                    .iter()
                    .map(|(n, v)| format!("{n}: {v}"))
                    .collect();
                format!(" with {}", list.join(", "))
            };
            let hsts = if final_https {
                String::new()
            } else {
                format!("; {}", hsts_note(&fetched.headers, &o.request_headers))
            };
            (
                GradeContext::new(),
                format!(
                    "{fetched_over}{sent} ({}); graded {ASSUMED} ({why}){hsts}",
                    fetched.chain.join(" -> ")
                ),
            )
        } else if final_https && lower.starts_with("https://") {
            // Fetched over HTTPS with a verified certificate; the http:// redirect was not
            // looked at (check the http:// URL to grade it).
            (
                GradeContext::new(),
                format!(
                    "graded as served over HTTPS (verified certificate); the redirect from \
                     http:// is assumed clean, check the http:// URL to grade it ({})",
                    fetched.chain.join(" -> ")
                ),
            )
        } else {
            let chain: Vec<&str> = fetched.chain.iter().map(String::as_str).collect();
            let redirection = Redirection::from_chain(&chain);
            let scheme = if final_https {
                Scheme::Https
            } else {
                Scheme::Http
            };
            (
                GradeContext::new().scheme(scheme).redirection(redirection),
                format!(
                    "graded as served: {}, {} ({})",
                    if final_https { "HTTPS" } else { "plain HTTP" },
                    redirection.result(),
                    fetched.chain.join(" -> ")
                ),
            )
        };
        let html = match &o.html {
            Some(p) => Some(read_file(p)?),
            None => fetched.html,
        };
        return Ok(Input {
            headers: fetched.headers,
            status: Some(fetched.status),
            html,
            host,
            context,
            assumption,
        });
    }
    if o.as_served {
        return Err(Fatal("--as-served needs a URL".to_owned()));
    }
    if !o.request_headers.is_empty() {
        return Err(Fatal(
            "-H sends a request header, so it needs a URL, not a header dump".to_owned(),
        ));
    }
    let (text, name) = if target == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        (s, "standard input".to_owned())
    } else {
        (read_file(&PathBuf::from(target))?, target.to_owned())
    };
    let parsed = dump::parse(&text)
        .map_err(|d| Fatal(format!("cannot parse the header dump in {name}: {d}")))?;
    let html = match &o.html {
        Some(p) => Some(read_file(p)?),
        None => parsed.body.filter(|b| looks_like_html(b)),
    };
    Ok(Input {
        headers: parsed.headers,
        status: parsed.status,
        html,
        host: o.host.clone(),
        context: GradeContext::new(),
        assumption: format!("graded {ASSUMED}"),
    })
}

/// Whether a dump's body is a page (`curl -si` of an HTML response).
fn looks_like_html(body: &str) -> bool {
    let start = body.trim_start().to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html") || start.starts_with('<')
}

fn read_file(path: &PathBuf) -> Result<String, Fatal> {
    std::fs::read_to_string(path).map_err(|e| Fatal(format!("cannot read {}: {e}", path.display())))
}

fn signed(n: i32) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

pub(crate) fn run(o: &Options) -> Result<ExitCode, Fatal> {
    let input = read_input(o)?;
    let mut context = input.context.clone();
    if let Some(h) = &input.host {
        context = context.host(h.as_str());
    }
    if let Some(html) = &input.html {
        context = context.html(html.as_str());
    }
    let report = grade::grade_with(&input.headers, &context, o.algorithm);
    let lint = findings::headers(&input.headers);
    let below = o.min_grade.is_some_and(|min| report.letter < min);
    let failing = o.fail_on.count(&lint);

    if o.json {
        let headers: Vec<serde_json::Value> = input
            .headers
            .iter()
            .map(|(n, v)| serde_json::json!([n.as_str(), String::from_utf8_lossy(v.as_bytes())]))
            .collect();
        let out = serde_json::json!({
            "target": o.target,
            "status": input.status,
            "assumption": input.assumption,
            "request_headers": o.request_headers.iter().map(|(n, v)| format!("{n}: {v}")).collect::<Vec<_>>(),
            "headers": headers,
            "algorithm": report.algorithm.version(),
            "score": report.score,
            "grade": report.letter,
            "uncurved_score": report.uncurved_score,
            "tests_passed": report.tests_passed(),
            "modifiers": report.modifiers,
            "findings": lint.iter().map(findings::Item::to_json).collect::<Vec<_>>(),
            "min_grade": o.min_grade,
            "fail_on": o.fail_on.as_str(),
            "pass": !below && failing == 0,
        });
        outln!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print_report(o, &input, &report, &lint);
    }
    if below {
        anstream::eprintln!(
            "{} grade {} is below the minimum {}",
            paint(style::ERROR, "fail:"),
            report.letter,
            o.min_grade.map(|g| g.to_string()).unwrap_or_default()
        );
    }
    if failing > 0 {
        anstream::eprintln!("{}", findings::fail_line(failing, o.fail_on));
    }
    Ok(if below || failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_report(o: &Options, input: &Input, report: &grade::Grade, lint: &[findings::Item]) {
    let grade_style = match report.letter {
        l if l >= Letter::A => style::GOOD,
        l if l >= Letter::C => style::WARN,
        _ => style::BAD,
    };
    outln!(
        "{}",
        paint(style::BOLD, format!("secure-headers check {}", o.target))
    );
    if let Some(status) = input.status {
        outln!("{}", paint(style::DIM, format!("status {status}")));
    }
    outln!("{}", paint(style::DIM, &input.assumption));
    outln!(
        "{}",
        paint(
            style::DIM,
            format!(
                "scoring algorithm {} (Observatory {})",
                report.algorithm,
                report.algorithm.observatory()
            )
        )
    );
    outln!();
    outln!(
        "Grade {}  score {} ({} of {} tests passed)",
        paint(grade_style.bold(), report.letter),
        report.score,
        report.tests_passed(),
        report.modifiers.len()
    );
    if report.uncurved_score < grade::MINIMUM_SCORE_FOR_EXTRA_CREDIT
        && report.modifiers.iter().any(|m| m.score_modifier > 0)
    {
        outln!(
            "{}",
            paint(
                style::DIM,
                format!(
                    "bonuses not counted: the score from penalties alone ({}) is below {}",
                    report.uncurved_score,
                    grade::MINIMUM_SCORE_FOR_EXTRA_CREDIT
                )
            )
        );
    }
    outln!();
    let width = report
        .modifiers
        .iter()
        .map(|m| m.test.len())
        .max()
        .unwrap_or(0);
    for m in &report.modifiers {
        let s = match (m.score_modifier, m.pass) {
            (n, _) if n < 0 => style::BAD,
            (_, false) => style::WARN,
            _ => style::GOOD,
        };
        outln!(
            "{} {:width$}  {}",
            paint(s, format!("{:>4}", signed(m.score_modifier))),
            m.test,
            m.result
        );
        outln!("     {}", paint(style::DIM, m.reason));
        if !m.pass && !m.recommendation.is_empty() {
            outln!("     {} {}", paint(s, "fix:"), m.recommendation);
        }
    }
    outln!();
    if lint.is_empty() {
        outln!("Lint: {}", paint(style::GOOD, "no findings"));
    } else {
        outln!("Lint: {} finding(s)", lint.len());
        for item in lint {
            outln!("  {}", item.line());
        }
    }
}
