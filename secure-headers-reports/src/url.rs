//! The few URL facts a fingerprint needs, read without a URL parser: what browsers put in
//! a report is a serialized URL (or a keyword), already normalized by the browser.

/// The URL without its query string and fragment (what the store keeps by default).
pub(crate) fn strip_query(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

/// The scheme, lower-cased, without its `:`, if `url` has one.
pub(crate) fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then(|| scheme.to_ascii_lowercase())
}

/// `scheme://host[:port]` of a hierarchical URL, lower-cased, or `None`.
pub(crate) fn origin(url: &str) -> Option<String> {
    let scheme = scheme(url)?;
    let rest = &url[scheme.len() + 1..];
    let authority = rest.strip_prefix("//")?;
    let end = authority.find(['/', '?', '#']).unwrap_or(authority.len());
    let host = &authority[..end];
    // Credentials never reach the store.
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    (!host.is_empty()).then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// The host (without port) of a hierarchical URL, lower-cased.
pub(crate) fn host(url: &str) -> Option<String> {
    let origin = origin(url)?;
    let host = origin.split_once("://")?.1;
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    Some(host.to_owned())
}

/// The path of a hierarchical URL (`/` when it has none), without query or fragment.
pub(crate) fn path(url: &str) -> String {
    let url = strip_query(url);
    match url.split_once("://") {
        Some((_, rest)) => match rest.find('/') {
            Some(i) => rest[i..].to_owned(),
            None => "/".to_owned(),
        },
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_urls_as_browsers_serialize_them() {
        assert_eq!(
            strip_query("https://a.example/p?q=1#f"),
            "https://a.example/p"
        );
        assert_eq!(
            origin("https://u:pw@A.example:8443/x?y").as_deref(),
            Some("https://a.example:8443")
        );
        assert_eq!(
            host("https://a.example:8443/x").as_deref(),
            Some("a.example")
        );
        assert_eq!(host("http://[::1]:80/").as_deref(), Some("[::1]"));
        assert_eq!(origin("data:image/png;base64,xx"), None);
        assert_eq!(scheme("data:image/png").as_deref(), Some("data"));
        assert_eq!(scheme("inline"), None);
        assert_eq!(path("https://a.example"), "/");
        assert_eq!(path("https://a.example/a/b?c#d"), "/a/b");
    }
}
