//! The paths a `Secure` sends its own reports to, read from the headers it sends: the URLs
//! of `Reporting-Endpoints` and the CSP `report-uri` (enforced and report-only). Browsers
//! post reports there from pages on other origins, so cross-origin protection leaves these
//! paths alone (see [`CrossOriginProtection`](super::CrossOriginProtection)).

/// The report paths named by the rendered headers `(name, value)`: every URL given as a
/// path (`/reports`), without its query and fragment. Absolute URLs and paths relative to
/// the page are left out (see `path_of`).
pub(crate) fn report_paths(headers: &[(&str, &str)]) -> Vec<String> {
    let mut paths = Vec::new();
    for (name, value) in headers {
        let urls: Vec<&str> = if name.eq_ignore_ascii_case("content-security-policy")
            || name.eq_ignore_ascii_case("content-security-policy-report-only")
        {
            report_uris(value).collect()
        } else if name.eq_ignore_ascii_case("reporting-endpoints") {
            quoted_strings(value)
        } else {
            continue;
        };
        for path in urls.into_iter().filter_map(path_of) {
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
    }
    paths
}

/// The URLs of every `report-uri` directive of a CSP value.
fn report_uris(csp: &str) -> impl Iterator<Item = &str> {
    csp.split(';').flat_map(|directive| {
        let mut tokens = directive.split_ascii_whitespace();
        let is_report_uri = tokens
            .next()
            .is_some_and(|d| d.eq_ignore_ascii_case("report-uri"));
        tokens.filter(move |_| is_report_uri)
    })
}

/// The contents of the quoted strings (RFC 8941 sf-string, escapes kept) of a structured
/// field: the URLs of a `Reporting-Endpoints` dictionary.
fn quoted_strings(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find('"') {
        let body = &rest[start + 1..];
        let mut escaped = false;
        let end = body.char_indices().find_map(|(i, c)| {
            let closes = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            closes.then_some(i)
        });
        let Some(end) = end else { break };
        out.push(&body[..end]);
        rest = &body[end + 1..];
    }
    out
}

/// The path of a report URL given as a path (`/reports`), without query or fragment.
/// `None` for an absolute URL or a scheme-relative one (`//host/...`): which origin this
/// server answers for is not known when the `Secure` is built, and exempting the path of
/// a URL on another origin (`report-uri https://collector.example` would give `/`) would
/// take the check away from this server's own route of that name. Such a collector on
/// this server is listed with `CrossOriginProtection::bypass`. `None` too for a path
/// relative to the page, which cannot be known here.
fn path_of(url: &str) -> Option<String> {
    (url.starts_with('/') && !url.starts_with("//")).then(|| strip_query(url).to_owned())
}

fn strip_query(path: &str) -> &str {
    path.find(['?', '#']).map_or(path, |i| &path[..i])
}

#[cfg(test)]
mod tests {
    use super::report_paths;

    #[test]
    fn every_report_url_the_headers_name_gives_its_path() {
        let paths = report_paths(&[
            (
                "Content-Security-Policy",
                "default-src 'self'; REPORT-URI /csp https://r.example/in?x=1 relative; report-to main",
            ),
            (
                "Content-Security-Policy-Report-Only",
                "script-src 'none'; report-uri //r.example#f /csp",
            ),
            (
                "Reporting-Endpoints",
                r#"main="/reports/main?v=2", other="https://r.example:8443/a,b", x="https://host.example""#,
            ),
            ("X-Frame-Options", "DENY"),
        ]);
        assert_eq!(paths, ["/csp", "/reports/main"]);
    }

    #[test]
    fn no_report_url_gives_no_path() {
        assert!(
            report_paths(&[(
                "Content-Security-Policy",
                "default-src 'self' https://report-uri.example"
            )])
            .is_empty()
        );
        assert!(report_paths(&[("Reporting-Endpoints", r#"a="unterminated"#)]).is_empty());
        // A collector on another origin never exempts this server's route of that path.
        assert!(
            report_paths(&[
                (
                    "Content-Security-Policy",
                    "report-uri https://collector.example"
                ),
                (
                    "Reporting-Endpoints",
                    r#"a="https://collector.example/transfer""#
                ),
            ])
            .is_empty()
        );
    }
}
