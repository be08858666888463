//! The values of a configuration: its format, sections and pipeline steps.

use super::*;

/// The text format of a configuration.
///
/// ```
/// use secure_headers::config::Format;
/// assert_eq!(Format::from_path("secure.toml"), Some(Format::Toml));
/// assert_eq!(Format::from_path("conf/secure.JSON"), Some(Format::Json));
/// assert_eq!(Format::from_path("secure.yaml"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// TOML (needs the `toml` feature).
    Toml,
    /// JSON (needs the `json` feature).
    Json,
}

impl Format {
    /// The format a file name's extension names (`.toml` or `.json`, any case).
    #[must_use]
    pub fn from_path(path: impl AsRef<Path>) -> Option<Self> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(Self::Toml),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// An ordered list of `name = value` pairs, read and written as a map in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Pairs<V>(pub(super) Vec<(String, V)>);

impl<V: Serialize> Serialize for Pairs<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Pairs<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PairsVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<V> {
            type Value = Pairs<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of names and values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, V>()? {
                    out.push((k, v));
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(PairsVisitor(std::marker::PhantomData))
    }
}

/// The value of a `[csp]` directive or a `[permissions]` feature.
///
/// ```
/// use secure_headers::config::Value;
/// let v = Value::List(vec!["'self'".into(), "https:".into()]);
/// assert_eq!(v.tokens(), ["'self'", "https:"]);
/// assert_eq!(Value::Text("'self'  data:".into()).tokens(), ["'self'", "data:"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// `true` sets a valueless directive, `false` removes the directive.
    Flag(bool),
    /// A string, split on whitespace.
    Text(String),
    /// A list of tokens (sources, flags, allowlist members).
    List(Vec<String>),
}

impl Value {
    /// The tokens: the list, the string split on whitespace, or none for a flag.
    #[must_use]
    pub fn tokens(&self) -> Vec<&str> {
        match self {
            Self::Flag(_) => Vec::new(),
            Self::Text(s) => s.split_whitespace().collect(),
            Self::List(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Flag(b) => s.serialize_bool(*b),
            Self::Text(t) => s.serialize_str(t),
            Self::List(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false, a string or a list of strings")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Flag(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(Value::List(out))
            }
        }
        d.deserialize_any(ValueVisitor)
    }
}

/// A section of named entries with the `replace` and `value` keys: `[csp]`,
/// `[csp-report-only]` and `[permissions]`.
///
/// ```
/// use secure_headers::config::{Section, Value};
///
/// let section = Section::new().entry("img-src", Value::List(vec!["'self'".into()]));
/// assert_eq!(section.entries().len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Section {
    /// Start from an empty policy instead of the base's.
    pub replace: bool,
    /// A raw value applied before the entries.
    pub value: Option<String>,
    pub(super) entries: Vec<(String, Value)>,
}

impl Section {
    /// An empty section.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the entry `name`.
    #[must_use]
    pub fn entry(mut self, name: impl Into<String>, value: Value) -> Self {
        let name = name.into();
        self.entries.retain(|(n, _)| *n != name);
        self.entries.push((name, value));
        self
    }

    /// The entries, in file order.
    #[must_use]
    pub fn entries(&self) -> &[(String, Value)] {
        &self.entries
    }
}

impl Serialize for Section {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if self.replace {
            map.serialize_entry("replace", &true)?;
        }
        if let Some(v) = &self.value {
            map.serialize_entry("value", v)?;
        }
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Section {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SectionVisitor;
        impl<'de> Visitor<'de> for SectionVisitor {
            type Value = Section;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of directives")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Section, A::Error> {
                let mut out = Section::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "replace" => out.replace = map.next_value()?,
                        "value" => out.value = Some(map.next_value()?),
                        _ => {
                            let v: Value = map.next_value()?;
                            if out.entries.iter().any(|(n, _)| *n == key) {
                                return Err(de::Error::custom(format!("duplicate key `{key}`")));
                            }
                            out.entries.push((key, v));
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(SectionVisitor)
    }
}

/// The `[hsts]` section.
///
/// ```
/// use secure_headers::config::Hsts;
/// let mut hsts = Hsts::default();
/// hsts.max_age = Some(63_072_000);
/// hsts.include_subdomains = Some(true);
/// assert_eq!(hsts.preload, None); // keeps the base's
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Hsts {
    /// `max-age`, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u64>,
    /// Whether to send `includeSubDomains`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_subdomains: Option<bool>,
    /// Whether to send `preload`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preload: Option<bool>,
    /// A raw value instead of the three keys above.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One `[[pipeline]]` step.
///
/// ```
/// use secure_headers::config::Step;
/// let step = Step::Deduplicate { action: Some("last".into()), comma_join_ok: None, multi_ok: None };
/// assert!(matches!(step, Step::Deduplicate { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "step",
    rename_all = "kebab-case",
    rename_all_fields = "kebab-case",
    deny_unknown_fields
)]
#[non_exhaustive]
pub enum Step {
    /// [`SecureBuilder::allowlist_headers`].
    Allowlist {
        /// The allowed names (default: [`DEFAULT_ALLOWED_HEADERS`](crate::DEFAULT_ALLOWED_HEADERS)).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        allowed: Option<Vec<String>>,
        /// Names allowed on top of `allowed`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        allow_extra: Vec<String>,
        /// `raise` (default), `drop` or `warn`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on_unexpected: Option<String>,
        /// Whether any `X-` name is allowed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        allow_x_prefixed: Option<bool>,
    },
    /// [`SecureBuilder::deduplicate_headers`].
    Deduplicate {
        /// `raise` (default), `first`, `last` or `concat`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        action: Option<String>,
        /// Names whose values `concat` may join with commas.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comma_join_ok: Option<Vec<String>>,
        /// Names that may legitimately repeat.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        multi_ok: Option<Vec<String>>,
    },
    /// [`SecureBuilder::validate_and_normalize_headers`].
    Normalize {
        /// `drop` (default), `warn` or `raise`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on_invalid: Option<String>,
        /// Stricter value checks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        strict: Option<bool>,
        /// Allow bytes 0x80–0xFF in values.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        allow_obs_text: Option<bool>,
    },
}
