//! [`Secure`]: a rendered, immutable set of security headers, and its builder.
//!
//! The module is split by job: `builder` holds [`SecureBuilder`] (its slots come from the
//! header registry), `build` turns a builder into a [`Secure`] (render, pipeline, checks,
//! entries), `entry` holds the rendered [`Entry`], its [`InsertMode`] and the nonce
//! template, and `apply` is the one loop that writes a `Secure` into a response. What
//! depends on the request lives in the request core ([`crate::request`]).
//!
//! Where `Secure`'s methods are:
//!
//! - here: the constructors (`new`, `with_default_headers`, `from_preset`, `builder`,
//!   `from_config_file`, `from_config_str`, whose reading is in `config`),
//!   `to_builder`, `derive` and what a `Secure` holds (`header_items`, `entries`,
//!   `report`, `uses_nonce`);
//! - `apply.rs`: writing the headers into a sink (`set_headers`, `set_headers_with`,
//!   `convert`, `set_headers_converted`);
//! - the request side, in the request core, where the rules they run are: `request/inspect.rs`
//!   (`inspect`, `inspects_request`, `request_context`, before the handler) and
//!   `request/plan.rs` (`plan`, `applies`, `apply_to_response`, `apply_to_response_with`,
//!   after it);
//! - each framework's trait (tower's `Layer`, actix-web's `Transform`, Rocket's `Fairing`,
//!   poem's `Middleware`, salvo's `Handler`; warp's `wrap` functions) in its integration, with
//!   whatever only that framework needs.

mod apply;
mod build;
mod builder;
mod entry;
#[cfg(test)]
mod layout;
mod named;

use std::fmt;
use std::sync::Arc;

use http::HeaderName;

use crate::pipeline::PipelineReport;
use crate::request::Transport;
use crate::{CookieHardening, Error, Preset};

pub use apply::Converted;
pub use builder::SecureBuilder;
pub use entry::{Entry, InsertMode};

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) uses_nonce: bool,
    /// A nonce is made for every request even if no header here uses it (for overrides).
    pub(crate) provides_nonce: bool,
    /// Nothing but the entries to write: no removal, no cookie hardening, no header that
    /// depends on the request beyond its nonce. Decided at build time.
    pub(crate) simple: bool,
    /// No two entries under one name: into a sink that has none of their names, every
    /// entry's write is then an `append`, whatever its mode (see
    /// [`HeaderSink::lacks_written_names`](crate::HeaderSink::lacks_written_names)).
    pub(crate) distinct: bool,
    /// `Some` when the shortest apply loop may serve this `Secure` (`simple`, no nonce, no
    /// two entries under one name, at most 64 entries): which entries have a mode other
    /// than `Overwrite` (bit `i` for entry `i`), whose names a map must not have for that
    /// loop.
    pub(crate) inserts: Option<u64>,
    /// Whether [`Secure::inspect`] reads the request (`Transport::inspects`), decided
    /// when the `Secure` is made (after the callers' adjustments): one flag to test on
    /// every request rather than the transport's options.
    pub(crate) inspects: bool,
    pub(crate) removals: Box<[HeaderName]>,
    pub(crate) cookies: Option<CookieHardening>,
    pub(crate) transport: Transport,
    pub(crate) entries: Box<[Entry]>,
    pub(crate) report: PipelineReport,
    pub(crate) builder: SecureBuilder,
    /// The nonces of warp's requests in flight, for a `Secure` that makes nonces.
    #[cfg(feature = "warp")]
    pub(crate) warp_nonces: Option<Box<crate::integrations::warp::Nonces>>,
}

/// A set of security headers, rendered once and applied to any number of responses.
///
/// Build one from a [`Preset`], with [`Secure::builder`], or take the default
/// ([`Secure::with_default_headers`], the `Balanced` preset). Every header is validated and
/// rendered when the `Secure` is built, into an immutable list shared behind an `Arc`:
/// cloning a `Secure` is one reference-count increment, and
/// [`set_headers`](Secure::set_headers) does no formatting and no allocation beyond the
/// header map's own growth.
///
/// ```
/// use secure_headers::Secure;
///
/// let secure = Secure::with_default_headers();
/// let mut response = secure_headers::http::Response::new(());
/// secure.set_headers(&mut response);
/// assert_eq!(response.headers()["x-content-type-options"], "nosniff");
/// assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
/// ```
#[derive(Clone)]
pub struct Secure {
    pub(crate) inner: Arc<Inner>,
}

impl PartialEq for Secure {
    /// Two `Secure`s are equal when they send the same headers, in the same order, with the
    /// same insert modes.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || self.inner.entries == other.inner.entries
    }
}

impl Eq for Secure {}

impl Secure {
    /// A `Secure` that sends no header at all (Python's `secure` 2.0.1's `Secure()`).
    ///
    /// ```
    /// assert_eq!(secure_headers::Secure::new().header_items().count(), 0);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Inner::new(Vec::new(), PipelineReport::default(), SecureBuilder::new()).into()
    }

    /// The `Balanced` preset: the recommended default.
    ///
    /// ```
    /// use secure_headers::{Preset, Secure};
    /// assert_eq!(Secure::with_default_headers(), Secure::from_preset(Preset::Balanced));
    /// ```
    #[must_use]
    pub fn with_default_headers() -> Self {
        Self::from_preset(Preset::Balanced)
    }

    /// The headers of `preset`, exactly as `secure` 2.0.1 sends them.
    ///
    /// ```
    /// use secure_headers::{Preset, Secure};
    /// let strict = Secure::from_preset(Preset::Strict);
    /// assert_eq!(strict.header_items().next(), Some(("Cache-Control", "no-store, max-age=0")));
    /// ```
    #[must_use]
    pub fn from_preset(preset: Preset) -> Self {
        preset
            .builder()
            .build()
            .expect("every preset is valid: the preset tests build each one")
    }
    /// Builds the `Secure` a configuration file describes (TOML, or JSON for a `.json`
    /// file). See [`config`](crate::config).
    ///
    /// ```no_run
    /// let secure = secure_headers::Secure::from_config_file("secure.toml")?;
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Config::from_file`](crate::config::Config::from_file) and
    /// [`Config::into_builder`](crate::config::Config::into_builder).
    #[cfg(feature = "serde")]
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn from_config_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        crate::config::secure_from_file(path.as_ref())
    }

    /// Builds the `Secure` a configuration text describes.
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use secure_headers::config::Format;
    /// use secure_headers::{Preset, Secure};
    ///
    /// let secure = Secure::from_config_str("preset = \"strict\"\nremove = [\"Cache-Control\"]", Format::Toml)?;
    /// assert_eq!(secure.header_items().len(), Secure::from_preset(Preset::Strict).header_items().len() - 1);
    /// # }
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Config::from_str`](crate::config::Config::from_str) and
    /// [`Config::into_builder`](crate::config::Config::into_builder).
    #[cfg(feature = "serde")]
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn from_config_str(text: &str, format: crate::config::Format) -> Result<Self, Error> {
        crate::config::secure_from_str(text, format)
    }

    /// A builder with no header configured yet.
    pub fn builder() -> SecureBuilder {
        SecureBuilder::new()
    }
}

impl Inner {
    /// What a `Secure` holds for `entries` built from `builder`, complete before it is
    /// shared (callers adjust it, then make the `Secure`).
    pub(crate) fn new(entries: Vec<Entry>, report: PipelineReport, builder: SecureBuilder) -> Self {
        let removals = builder
            .removals
            .iter()
            .filter_map(|n| crate::header::header_name(n))
            .collect();
        let uses_nonce = entries.iter().any(Entry::has_nonce);
        let simple = builder.removals.is_empty()
            && builder.cookies.is_none()
            && !entries.iter().any(|e| e.only_secure);
        let distinct_names = entries.iter().enumerate().all(|(i, e)| {
            !entries[..i]
                .iter()
                .any(|earlier| earlier.header_name == e.header_name)
        });
        let inserts =
            (simple && !uses_nonce && distinct_names && entries.len() <= apply::MOST_INSERTED)
                .then(|| {
                    let kept = entries.iter().enumerate();
                    kept.filter(|(_, e)| e.mode != InsertMode::Overwrite)
                        .fold(0, |mask, (i, _)| mask | 1 << i)
                });
        Self {
            uses_nonce,
            provides_nonce: builder.provide_nonce,
            simple,
            distinct: distinct_names,
            inserts,
            inspects: false,
            removals,
            cookies: builder.cookies.clone(),
            transport: builder.transport.clone(),
            entries: entries.into_boxed_slice(),
            report,
            #[cfg(feature = "warp")]
            warp_nonces: (uses_nonce || builder.provide_nonce)
                .then(|| Box::new(crate::integrations::warp::Nonces::new())),
            builder,
        }
    }
}

impl From<Inner> for Secure {
    fn from(mut inner: Inner) -> Self {
        inner.inspects = inner.transport.inspects();
        Self {
            inner: Arc::new(inner),
        }
    }
}

impl Secure {
    /// The typed builder this `Secure` was built from, to derive a variant.
    ///
    /// ```
    /// use secure_headers::Secure;
    /// let strict_frames = Secure::with_default_headers()
    ///     .to_builder()
    ///     .map_xfo(|xfo| xfo.deny())
    ///     .build()
    ///     .unwrap();
    /// assert!(strict_frames.to_string().contains("X-Frame-Options: DENY"));
    /// ```
    pub fn to_builder(&self) -> SecureBuilder {
        self.inner.builder.clone()
    }

    /// A variant of this `Secure`: `f` changes a copy of its builder, which is then built.
    /// Derive variants once (at start-up), and hand them to the routes or responses that
    /// need them (see the framework integrations' per-route overrides).
    ///
    /// ```
    /// use secure_headers::Secure;
    /// let base = Secure::with_default_headers();
    /// let embeddable = base.derive(|b| b.without("X-Frame-Options").map_csp(|c| c.frame_ancestors(["https://partner.example"])))?;
    /// assert!(embeddable.header_items().all(|(n, _)| n != "X-Frame-Options"));
    /// assert!(embeddable.to_string().contains("frame-ancestors 'self' https://partner.example;"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SecureBuilder::build`].
    pub fn derive(&self, f: impl FnOnce(SecureBuilder) -> SecureBuilder) -> Result<Self, Error> {
        f(self.to_builder()).build()
    }

    /// The headers as `(name, value)` pairs, in emission order.
    ///
    /// ```
    /// use secure_headers::{Preset, Secure};
    /// let secure = Secure::from_preset(Preset::Balanced);
    /// let items: Vec<_> = secure.header_items().collect();
    /// assert_eq!(items[0], ("Cross-Origin-Opener-Policy", "same-origin"));
    /// assert_eq!(items.len(), 9);
    /// ```
    #[must_use = "the iterator does nothing unless consumed"]
    pub fn header_items(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.inner.entries.iter().map(|e| (e.name(), e.value_str()))
    }

    /// The rendered entries, in emission order.
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.inner.entries
    }

    /// What the build pipeline decided (empty when no pipeline step was configured).
    #[must_use]
    pub fn report(&self) -> &PipelineReport {
        &self.inner.report
    }

    /// Whether any header carries a per-request nonce.
    #[must_use]
    pub fn uses_nonce(&self) -> bool {
        self.inner.uses_nonce
    }
}

impl Default for Secure {
    /// The `Balanced` preset, as [`Secure::with_default_headers`]. (`secure` 2.0.1's bare
    /// `Secure()` with no header is [`Secure::new`].)
    fn default() -> Self {
        Self::with_default_headers()
    }
}

impl fmt::Display for Secure {
    /// `Name: value` lines, like `secure` 2.0.1's `str()`.
    ///
    /// ```
    /// use secure_headers::{Secure, XContentTypeOptions, XFrameOptions};
    /// let s = Secure::builder().xcto(XContentTypeOptions::new()).xfo(XFrameOptions::new().deny()).build().unwrap();
    /// assert_eq!(s.to_string(), "X-Content-Type-Options: nosniff\nX-Frame-Options: DENY");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, value)) in self.header_items().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{name}: {value}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Secure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.header_items()).finish()
    }
}
