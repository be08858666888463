//! The `Origin-Agent-Cluster` header.

use super::single::{self, Single, SingleValue, impl_raw, token_value};
use crate::registry::{Header, HeaderInfo, Make};
use crate::{Error, Policy};
use std::str::FromStr;

/// The `Origin-Agent-Cluster` header: `?1` asks the browser to give this origin its
/// own agent cluster (and so, where it can, its own process), instead of sharing one
/// with the rest of its site. It also turns off setting `document.domain`.
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Origin-Agent-Cluster),
/// [spec](https://html.spec.whatwg.org/multipage/browsers.html#origin-keyed-agent-clusters)
///
/// ```text
/// Origin-Agent-Cluster = sf-boolean  ; "?1" or "?0"
/// ```
///
/// The default is `?1`, as Python's `secure` 2.0.1's BASIC preset and Helmet send it. `secure` 2.0.1 has
/// no builder for it (it sends a custom header).
///
/// ```
/// use secure_headers::{OriginAgentCluster, Policy};
///
/// assert_eq!(OriginAgentCluster::new().render().unwrap(), "?1");
/// assert_eq!(OriginAgentCluster::new().disabled().render().unwrap(), "?0");
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginAgentCluster(Single);

impl OriginAgentCluster {
    /// `?1`: origin-keyed agent cluster.
    pub const ENABLED: Self = Self(Single::of("?1"));

    /// `?0`: site-keyed agent cluster (the browser's choice when the header is absent,
    /// unless it defaults to origin-keyed clusters).
    pub const DISABLED: Self = Self(Single::of("?0"));

    /// The default value, [`Self::ENABLED`].
    pub const fn new() -> Self {
        Self::ENABLED
    }

    /// Sets the value to `?1`, as [`Self::ENABLED`]. A recorded error is kept.
    pub fn enabled(self) -> Self {
        Self(self.0.keyword(&Self::ENABLED.0))
    }

    /// Sets the value to `?0`, as [`Self::DISABLED`]. A recorded error is kept.
    pub fn disabled(self) -> Self {
        Self(self.0.keyword(&Self::DISABLED.0))
    }

    /// Replaces the value with a raw token, trimmed, its case kept. Browsers know only
    /// `?1` and `?0`.
    ///
    /// An invalid value is recorded and returned by `render()`.
    pub fn value(self, value: &str) -> Self {
        Self(
            self.0
                .raw_known::<Self>(Self::INFO.name, value, token_value),
        )
    }

    /// Python's `secure` 2.0.1's alias of [`value`](Self::value).
    pub fn set(self, value: &str) -> Self {
        self.value(value)
    }

    /// Back to [`new`](Self::new): the default value, no parameters and no
    /// recorded error.
    pub fn clear(self) -> Self {
        Self::new()
    }
}

impl Default for OriginAgentCluster {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy for OriginAgentCluster {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, Error> {
        self.0.render()
    }
}

/// Parses a received header value: surrounding whitespace and the case of
/// a known value are ignored (it becomes that constant), and anything
/// [`value`](Self::value) would reject is an error naming the header, the
/// input and the byte position.
///
/// ```
/// use secure_headers::{Policy, OriginAgentCluster};
///
/// let sent = OriginAgentCluster::new().render()?;
/// let parsed: OriginAgentCluster = sent.parse()?;
/// assert_eq!(parsed, OriginAgentCluster::new());
/// assert!("a\u{1}b".parse::<OriginAgentCluster>().is_err());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl FromStr for OriginAgentCluster {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        single::parse::<Self>(Self::INFO.name, s, token_value, false).map(Self)
    }
}

impl SingleValue for OriginAgentCluster {
    const KNOWN: &'static [Self] = &[Self::ENABLED, Self::DISABLED];

    fn single(&self) -> &Single {
        &self.0
    }
}

impl_raw!(OriginAgentCluster);

impl Header for OriginAgentCluster {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Origin-Agent-Cluster",
        lowercase: "origin-agent-cluster",
        method: "origin_agent_cluster",
        type_name: "OriginAgentCluster",
        spec: "HTML",
        spec_url: "https://html.spec.whatwg.org/multipage/browsers.html#origin-keyed-agent-clusters",
        config_key: Some("origin-agent-cluster"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }

    fn likely_typo(&self) -> Option<Error> {
        self.0.likely_typo::<Self>(Self::INFO.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;
    use crate::headers::single::testing::{raw_contract, renders};

    #[test]
    fn default_and_helpers() {
        assert_eq!(OriginAgentCluster::new().name(), "Origin-Agent-Cluster");
        renders(&OriginAgentCluster::new().disabled(), "?0");
        renders(&OriginAgentCluster::new().disabled().enabled(), "?1");
        assert_eq!(OriginAgentCluster::new(), OriginAgentCluster::ENABLED);
        assert_eq!(
            OriginAgentCluster::new().disabled(),
            OriginAgentCluster::DISABLED
        );
    }

    #[test]
    fn value_is_a_token_with_case_kept() {
        raw_contract::<OriginAgentCluster>("?1", true, str::to_owned);
        renders(&OriginAgentCluster::new().value(" ?0 "), "?0");
    }
}
