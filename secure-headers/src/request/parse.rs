//! Reading what requests and settings say: proxy addresses and ranges, hosts, origins
//! and the elements of forwarding headers.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use crate::{Error, ErrorKind};

/// One trusted proxy address or CIDR range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub(super) fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as the IPv4 address it is.
pub(super) fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

impl FromStr for Cidr {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || {
            Error::new(ErrorKind::InvalidValue)
                .with_directive("trusted_proxies")
                .with_input(s)
                .with_detail("expected an IP address or a CIDR range such as 10.0.0.0/8")
        };
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr = canonical(addr.parse::<IpAddr>().map_err(|_| bad())?);
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(bad)?,
            None => max,
        };
        Ok(Self { addr, prefix })
    }
}

/// Parses a `Host` value: a reg-name or IP literal, optional port. Returns the lowercase
/// host without a trailing dot, and the port. `None` if malformed or oversized.
pub(super) fn parse_host(raw: &[u8]) -> Option<(String, Option<u16>)> {
    if raw.is_empty() || raw.len() > 261 {
        return None;
    }
    let s = std::str::from_utf8(raw).ok()?;
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        v6.parse::<std::net::Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (format!("[{}]", v6.to_ascii_lowercase()), port)
    } else {
        let (h, port) = match s.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        };
        let h = h.strip_suffix('.').unwrap_or(h);
        let ok = !h.is_empty()
            && h.len() <= 253
            && h.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        if !ok {
            return None;
        }
        (h.to_ascii_lowercase(), port)
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok()?)
        }
        Some(_) => return None,
    };
    Some((host, port))
}

/// The elements of one comma-separated header line (`X-Forwarded-Proto`,
/// `X-Forwarded-Host`), trimmed; commas inside a quoted string do not split.
pub(super) fn split_list(value: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut escaped = false;
    for (i, &b) in value.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                out.push(value[start..i].trim_ascii().to_vec());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(value[start..].trim_ascii().to_vec());
    out
}

/// Parses an `Origin` value (`https://example.com:8443`) into `(https?, host, port)` with
/// the port made explicit. `None` for `null`, another scheme, a path, or a bad host.
pub(crate) fn parse_origin(raw: &[u8]) -> Option<(bool, String, u16)> {
    let s = std::str::from_utf8(raw).ok()?.trim();
    let (secure, rest) = if let Some(r) = strip_prefix_ci(s, "https://") {
        (true, r)
    } else {
        (false, strip_prefix_ci(s, "http://")?)
    };
    let (host, port) = parse_host(rest.as_bytes())?;
    Some((secure, host, port.unwrap_or(if secure { 443 } else { 80 })))
}

/// `s` without `prefix` (ASCII case ignored), if it starts with it. Never slices inside a
/// character: `s` is what a client sent.
pub(super) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.get(..prefix.len())
        .filter(|head| head.eq_ignore_ascii_case(prefix))
        .and_then(|_| s.get(prefix.len()..))
}

/// An option as it was given (a host pattern, a trusted origin) and what it parses to,
/// found once, when given, rather than for every request. `None`: it does not parse, and
/// `build` refuses it ([`Given::first_bad`]). Compared and shown as given.
#[derive(Clone)]
pub(crate) struct Given<T> {
    pub(crate) raw: String,
    pub(crate) parsed: Option<T>,
}

impl<T> Given<T> {
    pub(crate) fn new(raw: String, parse: impl FnOnce(&str) -> Option<T>) -> Self {
        let parsed = parse(&raw);
        Self { raw, parsed }
    }

    /// The first of `all` that does not parse, as given.
    pub(crate) fn first_bad(all: &[Self]) -> Option<&str> {
        all.iter()
            .find(|g| g.parsed.is_none())
            .map(|g| g.raw.as_str())
    }

    /// What those of `all` that parse parse to.
    pub(crate) fn parsed(all: &[Self]) -> impl Iterator<Item = &T> {
        all.iter().filter_map(|g| g.parsed.as_ref())
    }
}

impl<T> PartialEq for Given<T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl<T> Eq for Given<T> {}

impl<T> fmt::Debug for Given<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}
