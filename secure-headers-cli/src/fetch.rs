//! Fetching a URL's response headers over plain HTTP, following redirects by hand so that
//! the redirect chain can be graded.

use std::time::Duration;

use secure_headers::http::{HeaderMap, header};

/// What a GET returned.
#[derive(Debug)]
pub(crate) struct Fetched {
    /// Every URL requested, the first one first.
    pub(crate) chain: Vec<String>,
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    /// The body, when it is HTML (at most 2 MiB).
    pub(crate) html: Option<String>,
}

const MAX_REDIRECTS: usize = 10;
const MAX_BODY: u64 = 2 * 1024 * 1024;

/// Resolves a `Location` against the URL it came from (absolute, scheme-relative or
/// path-absolute; anything else replaces the last path segment).
fn resolve(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_owned();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
    if let Some(l) = location.strip_prefix("//") {
        return format!("{scheme}://{l}");
    }
    let authority = rest.split('/').next().unwrap_or(rest);
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}");
    }
    let path = &rest[authority.len()..];
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    format!("{scheme}://{authority}{dir}{location}")
}

/// GETs `url` (http or https, certificates checked against the Mozilla roots) with
/// `request_headers`, and follows up to ten redirects, recording each URL.
pub(crate) fn get(url: &str, request_headers: &[(String, String)]) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(15)))
        .user_agent(concat!("secure-headers/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut chain = vec![url.to_owned()];
    let mut current = url.to_owned();
    loop {
        let mut request = agent.get(&current).header(
            "Accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        );
        for (name, value) in request_headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let mut response = request.call().map_err(|e| describe(&current, &e))?;
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .map(str::to_owned);
        if (300..400).contains(&status)
            && let Some(location) = location
        {
            let next = resolve(&current, location.trim());
            chain.push(next.clone());
            let lower = next.to_ascii_lowercase();
            let fetchable = lower.starts_with("http://") || lower.starts_with("https://");
            if fetchable && chain.len() <= MAX_REDIRECTS {
                current = next;
                continue;
            }
            return Ok(Fetched {
                chain,
                status,
                headers: response.headers().clone(),
                html: None,
            });
        }
        let headers = response.headers().clone();
        let is_html = headers
            .get(header::CONTENT_TYPE)
            .and_then(|c| c.to_str().ok())
            .is_some_and(|c| {
                let mime = c
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "text/html" || mime == "application/xhtml+xml"
            });
        let html = if is_html {
            response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .lossy_utf8(true)
                .read_to_string()
                .ok()
        } else {
            None
        };
        return Ok(Fetched {
            chain,
            status,
            headers,
            html,
        });
    }
}

fn describe(url: &str, e: &ureq::Error) -> String {
    let reason = match e {
        ureq::Error::Io(io) => io.to_string(),
        ureq::Error::HostNotFound => "host not found".to_owned(),
        ureq::Error::Timeout(_) => "timed out".to_owned(),
        ureq::Error::ConnectionFailed => "connection failed".to_owned(),
        other => other.to_string(),
    };
    format!("cannot fetch {url}: {reason}")
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn resolves_locations() {
        assert_eq!(resolve("http://a/x/y", "https://b/"), "https://b/");
        assert_eq!(resolve("http://a/x/y", "//b/z"), "http://b/z");
        assert_eq!(resolve("http://a:8080/x/y", "/z"), "http://a:8080/z");
        assert_eq!(resolve("http://a/x/y", "z"), "http://a/x/z");
        assert_eq!(resolve("http://a", "z"), "http://a/z");
    }
}
