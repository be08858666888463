//! Noise classes: what a report's blocked resource (or the script that caused it) is.
//!
//! The lists are data files with their provenance (`data/noise/*.txt` in this crate:
//! Sentry's `DEFAULT_DISALLOWED_SOURCES` and go-csp-collector's ignored URIs), and can be
//! extended with [`NoiseRules::extend`]. Noise is stored and counted like everything else,
//! muted in summaries and never proposed as a source.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a blocked resource is. The first three are noise.
///
/// ```
/// use secure_headers_reports::{NoiseClass, NoiseRules};
///
/// let rules = NoiseRules::builtin();
/// let class = rules.classify("chrome-extension://abc/inject.js", "", "https://shop.example/");
/// assert_eq!(class, NoiseClass::Extension);
/// assert!(class.is_noise());
/// assert_eq!(rules.classify("https://cdn.example/a.js", "", "https://shop.example/"), NoiseClass::ThirdParty);
/// assert_eq!(rules.classify("inline", "", "https://shop.example/"), NoiseClass::Inline);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NoiseClass {
    /// A browser extension (`chrome-extension:`, `moz-extension:`, ...).
    Extension,
    /// The browser's own pages and resources (`about`, `chrome:`, ...).
    BrowserInternal,
    /// A host known to be injected by adware, proxies or security suites.
    Injected,
    /// The document's own origin.
    FirstParty,
    /// Another origin (or a scheme such as `data:`).
    ThirdParty,
    /// Inline code (`inline`, an event handler, a `javascript:` URL).
    Inline,
    /// `eval` and its kin (`eval`, `wasm-eval`).
    Eval,
    /// Not a resource: a report type without a blocked resource.
    None,
}

impl NoiseClass {
    /// Every class, in order.
    pub const ALL: [Self; 8] = [
        Self::Extension,
        Self::BrowserInternal,
        Self::Injected,
        Self::FirstParty,
        Self::ThirdParty,
        Self::Inline,
        Self::Eval,
        Self::None,
    ];

    /// True for the classes that are noise (extension, browser internal, injected).
    #[must_use]
    pub fn is_noise(self) -> bool {
        matches!(
            self,
            Self::Extension | Self::BrowserInternal | Self::Injected
        )
    }

    /// The kebab-case name (`browser-internal`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Extension => "extension",
            Self::BrowserInternal => "browser-internal",
            Self::Injected => "injected",
            Self::FirstParty => "first-party",
            Self::ThirdParty => "third-party",
            Self::Inline => "inline",
            Self::Eval => "eval",
            Self::None => "none",
        }
    }
}

impl fmt::Display for NoiseClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NoiseClass {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("unknown noise class `{s}`"))
    }
}

/// The noise lists: URL prefixes for extensions and browser internals, hosts for injected
/// code.
///
/// ```
/// use secure_headers_reports::{NoiseClass, NoiseRules};
///
/// let mut rules = NoiseRules::builtin();
/// rules.extend(NoiseClass::Injected, ["*.adnet.example"]);
/// assert_eq!(rules.classify("https://x.adnet.example/a.js", "", "https://shop.example/"), NoiseClass::Injected);
/// // Code an extension injected is the extension's, whatever it loads.
/// assert_eq!(rules.classify("inline", "moz-extension://x/c.js", "https://shop.example/"), NoiseClass::Extension);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoiseRules {
    extension: Vec<String>,
    internal: Vec<String>,
    injected: Vec<String>,
}

const EXTENSION: &str = include_str!("../data/noise/extension.txt");
const INTERNAL: &str = include_str!("../data/noise/browser-internal.txt");
const INJECTED: &str = include_str!("../data/noise/injected.txt");

fn entries(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

impl Default for NoiseRules {
    fn default() -> Self {
        Self::builtin()
    }
}

impl NoiseRules {
    /// The lists shipped with this crate.
    #[must_use]
    pub fn builtin() -> Self {
        Self {
            extension: entries(EXTENSION),
            internal: entries(INTERNAL),
            injected: entries(INJECTED),
        }
    }

    /// Adds entries to one class's list: URL prefixes for [`NoiseClass::Extension`] and
    /// [`NoiseClass::BrowserInternal`], hosts (`*.` for subdomains) for
    /// [`NoiseClass::Injected`]. Other classes are not lists; entries for them are ignored.
    pub fn extend<I, S>(&mut self, class: NoiseClass, entries: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let list = match class {
            NoiseClass::Extension => &mut self.extension,
            NoiseClass::BrowserInternal => &mut self.internal,
            NoiseClass::Injected => &mut self.injected,
            _ => return,
        };
        list.extend(
            entries
                .into_iter()
                .map(|e| e.as_ref().trim().to_ascii_lowercase()),
        );
    }

    /// Classifies a blocked resource (`blocked`: a URL or a keyword such as `inline`),
    /// given the script that caused it (`source_file`, may be empty) and the document.
    #[must_use]
    pub fn classify(&self, blocked: &str, source_file: &str, document: &str) -> NoiseClass {
        for url in [source_file, blocked] {
            if let Some(class) = self.listed(url) {
                return class;
            }
        }
        match blocked {
            "inline" | "trusted-types-policy" | "trusted-types-sink" => NoiseClass::Inline,
            "eval" | "wasm-eval" => NoiseClass::Eval,
            "" => NoiseClass::None,
            _ => match (crate::url::origin(blocked), crate::url::origin(document)) {
                (Some(b), Some(d)) if b == d => NoiseClass::FirstParty,
                _ => NoiseClass::ThirdParty,
            },
        }
    }

    fn listed(&self, url: &str) -> Option<NoiseClass> {
        let lower = url.trim().to_ascii_lowercase();
        if lower.is_empty() {
            return None;
        }
        let prefixed = |list: &[String]| {
            list.iter().any(|p| {
                lower.starts_with(p.as_str())
                    && (p.ends_with(':')
                        || lower.len() == p.len()
                        || lower[p.len()..].starts_with([':', '/']))
            })
        };
        if prefixed(&self.extension) {
            return Some(NoiseClass::Extension);
        }
        if prefixed(&self.internal) {
            return Some(NoiseClass::BrowserInternal);
        }
        let host = crate::url::host(&lower)?;
        let injected = self.injected.iter().any(|h| match h.strip_prefix("*.") {
            Some(domain) => host.len() > domain.len() && host.ends_with(&format!(".{domain}")),
            None => host == *h,
        });
        injected.then_some(NoiseClass::Injected)
    }
}
