//! [`SecureBuilder::build`]: render every header once, run the pipeline, check, and make
//! the entries.

use super::builder::render;
use super::entry::Template;
use super::{Entry, Inner, Secure, SecureBuilder};
use crate::pipeline::{self, PipelineReport, Rendered, Step};
use crate::transport::HstsMode;
use crate::{
    ContentSecurityPolicy, ContentSecurityPolicyReportOnly, Error, ErrorKind,
    StrictTransportSecurity,
};
use std::borrow::Cow;

impl SecureBuilder {
    /// Validates and renders every header, runs the pipeline steps in the order they were
    /// added, checks the result with the [`lint`](crate::lint) rules, and returns the
    /// immutable [`Secure`].
    ///
    /// # Errors
    ///
    /// The first invalid input given to any policy (naming the header, the directive and the
    /// input), a pipeline step in a raising mode, a custom header whose name or value
    /// cannot be sent, or a lint finding of [`Severity::Error`](crate::lint::Severity::Error)
    /// ([`ErrorKind::Lint`], naming the rule in the detail; see
    /// [`validate`]).
    ///
    #[cfg_attr(feature = "lint", doc = "[`validate`]: Self::validate")]
    #[cfg_attr(not(feature = "lint"), doc = "[`validate`]: crate#feature-flags")]
    ///
    /// ```
    /// use secure_headers::{ErrorKind, Secure, StrictTransportSecurity};
    ///
    /// let err = Secure::builder()
    ///     .hsts(StrictTransportSecurity::new().value("max-age=63072000; preload"))
    ///     .build()
    ///     .unwrap_err();
    /// // The preload list requires includeSubDomains: one error, however HSTS was written.
    /// assert_eq!(err.kind(), ErrorKind::Conflict);
    /// assert_eq!(err.header(), Some("Strict-Transport-Security"));
    /// assert_eq!(err.directive(), Some("preload"));
    /// ```
    pub fn build(&self) -> Result<Secure, Error> {
        self.transport.check()?;
        if self.provide_nonce && !cfg!(feature = "nonce") {
            return Err(Error::new(ErrorKind::Conflict)
                .with_directive("provide_nonce")
                .with_detail("per-request nonces need the `nonce` feature"));
        }
        for name in &self.removals {
            if crate::header::header_name(name).is_none() {
                return Err(Error::new(ErrorKind::InvalidHeaderName)
                    .with_directive("remove_headers")
                    .with_input(name.as_str()));
            }
        }
        if self.transport.development {
            #[cfg(feature = "tracing")]
            tracing::warn!(
                target: "secure_headers",
                "development mode is on: no HSTS, no upgrade-insecure-requests, no HTTPS redirect, no host check"
            );
            let mut inner = self.development_variant().build_entries()?;
            // Keep the original builder (with development mode on) inside.
            inner.builder = self.clone();
            inner.transport.development = true;
            return Ok(inner.into());
        }
        self.build_entries().map(Secure::from)
    }

    /// What development mode sends: no HSTS, no `upgrade-insecure-requests`.
    fn development_variant(&self) -> Self {
        let mut dev = self.clone();
        dev.transport.development = false;
        dev.slots.take::<StrictTransportSecurity>();
        if let Some(c) = dev.slots.take::<ContentSecurityPolicy>() {
            dev.slots
                .put(c.remove_directive("upgrade-insecure-requests"));
        }
        if let Some(c) = dev.slots.take::<ContentSecurityPolicyReportOnly>() {
            dev.slots
                .put(c.map(|c| c.remove_directive("upgrade-insecure-requests")));
        }
        dev
    }

    fn build_entries(&self) -> Result<Inner, Error> {
        // A policy read with `FromStr` kept what browsers ignore; its likely typos are
        // refused here as the typed builder and `value(..)` refuse them.
        if let Some(e) = self.slots.likely_typo() {
            return Err(e);
        }
        let (items, report, obs_text) = self.render_all()?;
        let pairs: Vec<(&str, &str)> = items
            .iter()
            .map(|r| (r.name.as_str(), r.value.as_str()))
            .collect();
        if let Some(f) = crate::lint::errors(&pairs) {
            let mut e = Error::new(ErrorKind::Lint)
                .with_header(f.header())
                .with_detail(format!("{}: {}", f.rule(), f.message()));
            if let Some(d) = f.directive() {
                e = e.with_directive(d);
            }
            if let Some(v) = f.value() {
                e = e.with_input(v);
            }
            return Err(e);
        }
        let report_paths = crate::request::report_paths(&pairs);
        let entries = items
            .into_iter()
            .map(|r| self.entry(r, obs_text))
            .collect::<Result<Vec<_>, _>>()?;
        let mut inner = Inner::new(entries, report, self.clone());
        // The collector's own reports come from pages on other origins.
        if let Some(protection) = &mut inner.transport.cross_origin {
            protection.set_report_paths(report_paths);
        }
        Ok(inner)
    }

    #[cfg(feature = "lint")]
    #[cfg_attr(docsrs, doc(cfg(feature = "lint")))]
    /// Checks the configuration without building it: the findings of the
    /// [`lint`](crate::lint) rules on the headers [`build`](Self::build) would send (see
    /// [`lint_secure`](crate::lint::lint_secure)). A header that cannot be rendered is a
    /// [`Rule::HeaderInvalid`](crate::lint::Rule::HeaderInvalid) finding. `build()` fails
    /// exactly when a finding has [`Severity::Error`](crate::lint::Severity::Error).
    ///
    /// ```
    /// use secure_headers::lint::{Rule, Severity};
    /// use secure_headers::{Preset, XFrameOptions};
    ///
    /// let builder = Preset::Balanced
    ///     .builder()
    ///     .xfo(XFrameOptions::new().deny())
    ///     .map_csp(|csp| csp.script_src(["'unsafe-inline'"]));
    /// let findings = builder.validate();
    /// let rules: Vec<Rule> = findings.iter().map(|f| f.rule()).collect();
    /// assert!(rules.contains(&Rule::CspUnsafeInline));
    /// assert!(rules.contains(&Rule::XfoFrameAncestorsMismatch)); // DENY against frame-ancestors 'self'
    /// assert!(findings.iter().all(|f| f.severity() != Severity::Error));
    /// assert!(builder.build().is_ok());
    /// ```
    #[must_use]
    pub fn validate(&self) -> Vec<crate::lint::Finding> {
        let dev;
        let builder = if self.transport.development {
            dev = self.development_variant();
            &dev
        } else {
            self
        };
        match builder.render_all() {
            Ok((items, _, _)) => {
                let pairs: Vec<(&str, &str)> = items
                    .iter()
                    .map(|r| (r.name.as_str(), r.value.as_str()))
                    .collect();
                crate::lint::lint_pairs(&pairs, crate::lint::Scope::Configuration)
            }
            Err(e) => vec![crate::lint::Finding::from_error(&e)],
        }
    }

    /// Renders every header and runs the pipeline: the headers `build()` sends, its report,
    /// and whether obs-text is allowed.
    fn render_all(&self) -> Result<(Vec<Rendered>, PipelineReport, bool), Error> {
        let mut items = Vec::with_capacity(20);
        self.slots.render(&mut items)?;
        for c in &self.custom {
            items.push(render(c)?);
        }
        let mut report = PipelineReport::default();
        let mut obs_text = self.obs_text;
        for step in &self.steps {
            items = pipeline::run(step, items, &self.multi_ok, &mut report)?;
            if let Step::Normalize(o) = step {
                obs_text |= o.allows_obs_text();
            }
        }
        Ok((items, report, obs_text))
    }

    fn entry(&self, r: Rendered, obs_text: bool) -> Result<Entry, Error> {
        let template = self.template(&r)?;
        let header_name = crate::header::header_name(&r.name).ok_or_else(|| {
            Error::new(ErrorKind::InvalidHeaderName)
                .with_header(r.name.as_str())
                .with_input(r.name.as_str())
        })?;
        let invalid = || {
            Error::new(ErrorKind::InvalidHeaderValue)
                .with_header(r.name.as_str())
                .with_input(r.value.as_str())
        };
        let mut bytes = Vec::with_capacity(r.value.len());
        for c in r.value.chars() {
            match u32::from(c) {
                0x09 | 0x20..=0x7e => bytes.push(c as u8),
                0x80..=0xff if obs_text => bytes.push(c as u8),
                n => return Err(invalid().with_detail(format!("U+{n:04X} cannot be sent"))),
            }
        }
        let value = crate::header::header_value(bytes).map_err(|_| invalid())?;
        let mode = self.mode_of(&r.name);
        let only_secure = self.transport.hsts == HstsMode::SecureOnly
            && r.name.eq_ignore_ascii_case("strict-transport-security");
        let name = match crate::header::canonical_name(&r.name) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(r.name),
        };
        Ok(Entry {
            name,
            text: r.value.into_boxed_str(),
            header_name,
            value,
            mode,
            template,
            only_secure,
        })
    }

    /// The template of a CSP that uses [`Source::nonce`], with a slot for each nonce.
    ///
    /// [`Source::nonce`]: crate::csp::Source::nonce
    fn template(&self, r: &Rendered) -> Result<Option<Box<Template>>, Error> {
        let is_csp = r.name.eq_ignore_ascii_case("content-security-policy")
            || r.name
                .eq_ignore_ascii_case("content-security-policy-report-only");
        if !is_csp || !r.value.contains(crate::nonce::NONCE_SOURCE) {
            return Ok(None);
        }
        if !cfg!(feature = "nonce") {
            return Err(Error::new(ErrorKind::Conflict)
                .with_header(r.name.as_str())
                .with_input(crate::nonce::NONCE_SOURCE)
                .with_detail("per-request nonces need the `nonce` feature"));
        }
        Ok(Template::parse(&r.value).map(Box::new))
    }
}
