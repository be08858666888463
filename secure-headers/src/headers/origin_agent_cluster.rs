//! The `Origin-Agent-Cluster` header.

use super::single::{single_value_header, token_value};
use crate::registry::{Header, HeaderInfo, Make};

single_value_header! {
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
    pub struct OriginAgentCluster = "Origin-Agent-Cluster", default ENABLED {
        /// Replaces the value with a raw token, trimmed, its case kept. Browsers know only
        /// `?1` and `?0`.
        value: token_value;

        /// `?1`: origin-keyed agent cluster.
        ENABLED = "?1": enabled;
        /// `?0`: site-keyed agent cluster (the browser's choice when the header is absent,
        /// unless it defaults to origin-keyed clusters).
        DISABLED = "?0": disabled;
    }
}

impl Header for OriginAgentCluster {
    const INFO: HeaderInfo = HeaderInfo {
        name: "Origin-Agent-Cluster",
        lowercase: "origin-agent-cluster",
        method: "origin_agent_cluster",
        type_name: "OriginAgentCluster",
        config_key: Some("origin-agent-cluster"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
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
