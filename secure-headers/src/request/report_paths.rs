//! The paths a `Secure` sends its own reports to, read from the headers it sends: the URLs
//! of `Reporting-Endpoints` and the CSP `report-uri` (enforced and report-only). Browsers
//! post reports there from pages on other origins, so cross-origin protection leaves these
//! paths alone (see [`CrossOriginProtection`](super::CrossOriginProtection)).

/// The report paths named by the rendered headers `(name, value)`: a relative path as it
/// is, an absolute URL by its path (a report to another origin never reaches this
/// server). The query and fragment are dropped; a path relative to the page (without a
/// leading `/`) cannot be known here and is left out.
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

/// The path of a report URL, without query or fragment; `None` for a path relative to
/// the page.
fn path_of(url: &str) -> Option<String> {
    let after_authority = if let Some(rest) = url.strip_prefix("//") {
        rest
    } else if url.starts_with('/') {
        return Some(strip_query(url).to_owned());
    } else if let Some((scheme, rest)) = url.split_once("://") {
        if scheme.is_empty()
            || !scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        {
            return None;
        }
        rest
    } else {
        return None;
    };
    let path = after_authority
        .find(['/', '?', '#'])
        .map_or("", |i| &after_authority[i..]);
    let path = strip_query(path);
    Some(if path.is_empty() {
        "/".to_owned()
    } else {
        path.to_owned()
    })
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
        assert_eq!(paths, ["/csp", "/in", "/", "/reports/main", "/a,b"]);
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
    }
}
