//! The query parameters of the fingerprint table and the API, checked: an unknown, repeated,
//! malformed or out-of-range parameter is a `400 Bad Request` naming it and the input.

use secure_headers_reports::NoiseClass;

use crate::Error;

/// What the fingerprint table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum SortKey {
    /// Reports counted (the default).
    #[default]
    Count,
    /// Distinct clients (exact up to 31, approximate beyond).
    Reach,
    /// First seen.
    FirstSeen,
    /// Last seen.
    LastSeen,
    /// Effective directive, then blocked resource.
    Directive,
}

impl SortKey {
    /// Every key with its name in the query string.
    pub const ALL: [(Self, &'static str); 5] = [
        (Self::Count, "count"),
        (Self::Reach, "reach"),
        (Self::FirstSeen, "first"),
        (Self::LastSeen, "last"),
        (Self::Directive, "directive"),
    ];

    /// The name in the query string.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("count", |(_, n)| n)
    }
}

/// The time windows the page offers, in seconds (`None`: everything kept).
pub const WINDOWS: [(&str, Option<i64>); 5] = [
    ("1h", Some(3_600)),
    ("24h", Some(86_400)),
    ("7d", Some(7 * 86_400)),
    ("30d", Some(30 * 86_400)),
    ("all", None),
];

/// The largest page size.
pub const MAX_PER_PAGE: u32 = 200;

/// A query of the fingerprint table: filters, sort and page, as the page's form sends it.
///
/// ```
/// use secure_headers_dashboard::{FingerprintQuery, SortKey};
///
/// let q = FingerprintQuery::parse(Some("sort=reach&directive=script-src-elem&p=2"))?;
/// assert_eq!((q.sort, q.directive.as_deref(), q.page), (SortKey::Reach, Some("script-src-elem"), 2));
///
/// let err = FingerprintQuery::parse(Some("per=100000")).unwrap_err();
/// assert_eq!(err.to_string(), "invalid query parameter per: \"100000\" (expected a number from 1 to 200)");
/// # Ok::<(), secure_headers_dashboard::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FingerprintQuery {
    /// Sort key.
    pub sort: SortKey,
    /// Ascending instead of descending.
    pub ascending: bool,
    /// Only this effective directive (`script-src-elem`, ...).
    pub directive: Option<String>,
    /// Only this class (`first-party`, `extension`, ...).
    pub class: Option<String>,
    /// Only documents whose path contains this.
    pub page_path: Option<String>,
    /// Only this policy version (its id).
    pub version: Option<String>,
    /// The window's name (`24h`, ...) and its length in seconds (`None`: all time).
    pub window: (&'static str, Option<i64>),
    /// Whether noise (muted fingerprints and noise classes) is shown.
    pub noise: bool,
    /// The page, from 1.
    pub page: u32,
    /// Rows per page.
    pub per_page: u32,
}

impl Default for FingerprintQuery {
    fn default() -> Self {
        Self {
            sort: SortKey::Count,
            ascending: false,
            directive: None,
            class: None,
            page_path: None,
            version: None,
            window: WINDOWS[2],
            noise: false,
            page: 1,
            per_page: 50,
        }
    }
}

impl FingerprintQuery {
    /// Parses a query string (without the `?`).
    ///
    /// # Errors
    ///
    /// An unknown or repeated parameter, or a value out of its range.
    pub fn parse(query: Option<&str>) -> Result<Self, Error> {
        let mut q = Self::default();
        let mut seen: Vec<String> = Vec::new();
        for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            if seen.iter().any(|s| *s == k) {
                return Err(param(&k, &v, "given more than once"));
            }
            seen.push(k.to_string());
            // An empty field of the filter form means "any".
            if v.is_empty() && matches!(&*k, "directive" | "class" | "path" | "version") {
                continue;
            }
            match &*k {
                "sort" => {
                    q.sort = SortKey::ALL
                        .iter()
                        .find(|(_, n)| *n == v)
                        .map(|(s, _)| *s)
                        .ok_or_else(|| {
                            param(&k, &v, "expected count, reach, first, last or directive")
                        })?;
                }
                "dir" => {
                    q.ascending = match &*v {
                        "asc" => true,
                        "desc" => false,
                        _ => return Err(param(&k, &v, "expected asc or desc")),
                    }
                }
                "directive" => q.directive = Some(token(&k, &v, 64)?),
                "class" => {
                    let class: NoiseClass = v.parse().map_err(|_| {
                        let names: Vec<_> = NoiseClass::ALL.iter().map(|c| c.as_str()).collect();
                        param(&k, &v, &format!("expected one of {}", names.join(", ")))
                    })?;
                    q.class = Some(class.as_str().to_owned());
                }
                "path" => {
                    if v.len() > 512 || v.chars().any(char::is_control) {
                        return Err(param(
                            &k,
                            &v,
                            "expected at most 512 characters, no control characters",
                        ));
                    }
                    q.page_path = Some(v.into_owned());
                }
                "version" => q.version = Some(id(&format!("query parameter {k}"), &v)?),
                "window" => {
                    q.window = *WINDOWS
                        .iter()
                        .find(|(n, _)| *n == v)
                        .ok_or_else(|| param(&k, &v, "expected 1h, 24h, 7d, 30d or all"))?;
                }
                "noise" => {
                    q.noise = match &*v {
                        "1" => true,
                        "0" => false,
                        _ => return Err(param(&k, &v, "expected 0 or 1")),
                    }
                }
                "p" => q.page = number(&k, &v, 1, 1_000_000)?,
                "per" => q.per_page = number(&k, &v, 1, MAX_PER_PAGE)?,
                _ => {
                    return Err(Error::new(
                        format!("query parameter {k}"),
                        &*v,
                        "unknown parameter",
                    ));
                }
            }
        }
        Ok(q)
    }

    /// The query string of this query with `change` applied (links to sort, page, ...).
    #[must_use]
    pub fn to_query(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        let d = Self::default();
        if self.sort != d.sort {
            s.append_pair("sort", self.sort.as_str());
        }
        if self.ascending {
            s.append_pair("dir", "asc");
        }
        for (k, v) in [
            ("directive", self.directive.as_deref()),
            ("class", self.class.as_deref()),
            ("path", self.page_path.as_deref()),
        ] {
            if let Some(v) = v {
                s.append_pair(k, v);
            }
        }
        if let Some(v) = &self.version {
            s.append_pair("version", v);
        }
        if self.window != d.window {
            s.append_pair("window", self.window.0);
        }
        if self.noise {
            s.append_pair("noise", "1");
        }
        if self.page != 1 {
            s.append_pair("p", &self.page.to_string());
        }
        if self.per_page != d.per_page {
            s.append_pair("per", &self.per_page.to_string());
        }
        s.finish()
    }

    /// Rows to skip for the current page.
    #[must_use]
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }
}

fn param(k: &str, v: &str, detail: &str) -> Error {
    Error::new(format!("query parameter {k}"), v, detail)
}

fn number(k: &str, v: &str, min: u32, max: u32) -> Result<u32, Error> {
    v.parse::<u32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| param(k, v, &format!("expected a number from {min} to {max}")))
}

/// An id of the store (a fingerprint, a policy version): up to 64 letters, digits, `-`
/// and `_`.
pub(crate) fn id(what: &str, v: &str) -> Result<String, Error> {
    if v.is_empty()
        || v.len() > 64
        || !v
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(Error::new(
            what,
            v,
            "expected an id (letters, digits, - and _)",
        ));
    }
    Ok(v.to_owned())
}

/// A directive or class name: lowercase letters, digits and `-`.
fn token(k: &str, v: &str, max: usize) -> Result<String, Error> {
    if v.is_empty()
        || v.len() > max
        || !v
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(param(
            k,
            v,
            "expected a name such as script-src-elem (lowercase letters, digits, -)",
        ));
    }
    Ok(v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_parameters_are_named_with_their_input() {
        let e = |q: &str| FingerprintQuery::parse(Some(q)).unwrap_err().to_string();
        assert_eq!(
            e("sort=size"),
            "invalid query parameter sort: \"size\" (expected count, reach, first, last or directive)"
        );
        assert_eq!(
            e("p=0"),
            "invalid query parameter p: \"0\" (expected a number from 1 to 1000000)"
        );
        assert_eq!(
            e("p=-1"),
            "invalid query parameter p: \"-1\" (expected a number from 1 to 1000000)"
        );
        assert_eq!(
            e("p=1&p=2"),
            "invalid query parameter p: \"2\" (given more than once)"
        );
        assert_eq!(
            e("version=a+b"),
            "invalid query parameter version: \"a b\" (expected an id (letters, digits, - and _))"
        );
        assert_eq!(
            e("window=2y"),
            "invalid query parameter window: \"2y\" (expected 1h, 24h, 7d, 30d or all)"
        );
        assert_eq!(
            e("directive=%3Cscript%3E"),
            "invalid query parameter directive: \"<script>\" (expected a name such as script-src-elem (lowercase letters, digits, -))"
        );
        assert_eq!(
            e("x=1"),
            "invalid query parameter x: \"1\" (unknown parameter)"
        );
    }

    #[test]
    fn a_query_goes_back_to_the_same_string() {
        let q = FingerprintQuery::parse(Some("sort=last&dir=asc&directive=img-src&path=%2Fa+b&version=3&window=all&noise=1&p=4&per=20")).unwrap();
        assert_eq!(FingerprintQuery::parse(Some(&q.to_query())).unwrap(), q);
        assert_eq!(q.offset(), 60);
        assert_eq!(
            FingerprintQuery::parse(Some("directive=&class=")).unwrap(),
            FingerprintQuery::default()
        );
        assert_eq!(FingerprintQuery::default().to_query(), "");
    }
}
