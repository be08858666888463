//! The report-only form of a header, written once for every header that has one as a
//! wrapper of the enforced type: `Content-Security-Policy-Report-Only`,
//! `Permissions-Policy-Report-Only`, `Integrity-Policy-Report-Only`,
//! `Document-Policy-Report-Only`, and the single-token `Cross-Origin-Opener-Policy-Report-Only`,
//! `Cross-Origin-Embedder-Policy-Report-Only` and `Document-Isolation-Policy-Report-Only`
//! are [`ReportOnly`] of their enforced types, under their own names (type aliases).

use std::fmt;
use std::str::FromStr;

use crate::registry::{Header, HeaderInfo};
use crate::{Error, Policy};

/// A header type whose report-only form is [`ReportOnly<Self>`]: the same value, sent
/// under the report-only header's name, which browsers report on instead of enforcing.
///
/// It is sealed: this crate's [`ContentSecurityPolicy`](crate::ContentSecurityPolicy),
/// [`PermissionsPolicy`](crate::PermissionsPolicy),
/// [`IntegrityPolicy`](crate::IntegrityPolicy),
/// [`DocumentPolicy`](crate::DocumentPolicy),
/// [`CrossOriginOpenerPolicy`](crate::CrossOriginOpenerPolicy),
/// [`CrossOriginEmbedderPolicy`](crate::CrossOriginEmbedderPolicy) and
/// [`DocumentIsolationPolicy`](crate::DocumentIsolationPolicy) implement it.
///
/// ```
/// use secure_headers::registry::{HasReportOnly, Header};
/// use secure_headers::{IntegrityPolicy, IntegrityPolicyReportOnly};
///
/// assert_eq!(<IntegrityPolicy as HasReportOnly>::REPORT_ONLY.name, "Integrity-Policy-Report-Only");
/// assert_eq!(IntegrityPolicyReportOnly::INFO, <IntegrityPolicy as HasReportOnly>::REPORT_ONLY);
/// ```
pub trait HasReportOnly: Header + sealed::Sealed {
    /// The registry row of the report-only form ([`ReportOnly<Self>`]'s
    /// [`Header::INFO`]).
    const REPORT_ONLY: HeaderInfo;
}

pub(crate) mod sealed {
    use crate::Error;

    /// What [`ReportOnly`](super::ReportOnly) needs of the enforced type.
    pub trait Sealed: Sized {
        /// `self` with the whole value `raw` (its `value(raw)`).
        fn with_value(self, raw: &str) -> Self;

        /// Parses a received value, errors naming `header`.
        fn parse_as(header: &'static str, input: &str) -> Result<Self, Error>;

        /// The value the report-only header sends (the enforced header's, by default).
        fn render_report_only(&self) -> Result<String, Error>
        where
            Self: crate::Policy,
        {
            self.render()
        }
    }

    /// What the report-only form of a single-token header (`Cross-Origin-Opener-Policy`,
    /// `Cross-Origin-Embedder-Policy`, `Document-Isolation-Policy`) needs besides: naming
    /// its reporting group.
    pub trait Token: Sealed {
        /// `self` reporting to `group` (its `report_to(group)`).
        fn with_report_to(self, group: &str) -> Self;
    }
}

/// The report-only form of the policy `P`: `P`'s value, sent as `P`'s report-only
/// header. Build it from the enforced policy (`report_only()`), change it with
/// [`map`](Self::map), and get the enforced form back with [`enforce`](Self::enforce).
///
/// Its types are named: [`ContentSecurityPolicyReportOnly`](crate::ContentSecurityPolicyReportOnly),
/// [`PermissionsPolicyReportOnly`](crate::PermissionsPolicyReportOnly),
/// [`IntegrityPolicyReportOnly`](crate::IntegrityPolicyReportOnly),
/// [`DocumentPolicyReportOnly`](crate::DocumentPolicyReportOnly), and for the single-token
/// headers [`CrossOriginOpenerPolicyReportOnly`](crate::CrossOriginOpenerPolicyReportOnly),
/// [`CrossOriginEmbedderPolicyReportOnly`](crate::CrossOriginEmbedderPolicyReportOnly) and
/// [`DocumentIsolationPolicyReportOnly`](crate::DocumentIsolationPolicyReportOnly), which
/// also have their enforced type's constants and keyword methods, and
/// [`report_to`](Self::report_to), [`set`](Self::set) and [`clear`](Self::clear).
///
/// ```
/// use secure_headers::{IntegrityPolicy, IntegrityPolicyReportOnly, Policy, ReportOnly};
///
/// let ro: ReportOnly<IntegrityPolicy> = IntegrityPolicyReportOnly::new().map(|p| p.style());
/// assert_eq!(ro.name(), "Integrity-Policy-Report-Only");
/// assert_eq!(ro.render()?, "blocked-destinations=(script style)");
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[must_use]
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ReportOnly<P> {
    policy: P,
}

impl<P: HasReportOnly> ReportOnly<P> {
    /// `P`'s default policy, in report-only mode.
    pub fn new() -> Self {
        Self::default()
    }

    /// The whole value, sent as written (see `P`'s `value`).
    pub fn value(self, raw: impl AsRef<str>) -> Self {
        self.map(|p| p.with_value(raw.as_ref()))
    }

    /// The policy being reported on.
    pub fn policy(&self) -> &P {
        &self.policy
    }

    /// Changes the policy with `P`'s builder methods.
    pub fn map(self, f: impl FnOnce(P) -> P) -> Self {
        Self {
            policy: f(self.policy),
        }
    }

    /// The same policy, enforced (sent under `P`'s own name).
    pub fn enforce(self) -> P {
        self.policy
    }

    /// `policy` in report-only mode (what `P::report_only` returns).
    pub(crate) const fn of(policy: P) -> Self {
        Self { policy }
    }
}

/// The methods every single-token report-only form has, doing what the enforced type's
/// methods of the same names do.
///
/// ```
/// use secure_headers::{
///     CrossOriginOpenerPolicy, CrossOriginOpenerPolicyReportOnly, DocumentIsolationPolicyReportOnly,
///     Policy,
/// };
///
/// let ro = CrossOriginOpenerPolicyReportOnly::new().report_to("coop");
/// assert_eq!(ro.render()?, r#"same-origin; report-to="coop""#);
/// let parsed: CrossOriginOpenerPolicyReportOnly = ro.render()?.parse()?;
/// assert_eq!(parsed, ro);
/// assert!("a\u{1}b".parse::<DocumentIsolationPolicyReportOnly>().is_err());
/// assert_eq!(ro.clone().set("unsafe-none").render()?, r#"unsafe-none; report-to="coop""#);
/// assert_eq!(ro.clear(), CrossOriginOpenerPolicy::new().report_only());
/// # Ok::<(), secure_headers::Error>(())
/// ```
impl<P: HasReportOnly + sealed::Token> ReportOnly<P> {
    /// Names the reporting group that receives the reports: renders
    /// `<policy>; report-to="<group>"` (see the enforced type's `report_to`).
    pub fn report_to(self, group: &str) -> Self {
        self.map(|p| p.with_report_to(group))
    }

    /// Python's `secure` 2.0.1's alias of [`value`](Self::value).
    pub fn set(self, value: &str) -> Self {
        self.value(value)
    }

    /// Back to [`new`](Self::new): the default value, no parameters and no recorded
    /// error.
    pub fn clear(self) -> Self {
        Self::new()
    }
}

/// Written as the named type (`IntegrityPolicyReportOnly { policy: .. }`).
impl<P: HasReportOnly + fmt::Debug> fmt::Debug for ReportOnly<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(P::REPORT_ONLY.type_name)
            .field("policy", &self.policy)
            .finish()
    }
}

impl<P: HasReportOnly> Policy for ReportOnly<P> {
    fn name(&self) -> &str {
        P::REPORT_ONLY.name
    }

    fn render(&self) -> Result<String, Error> {
        self.policy
            .render_report_only()
            .map_err(|e| e.with_header(P::REPORT_ONLY.name))
    }
}

/// Parses a received report-only value exactly as `P` parses its own; errors name the
/// report-only header.
impl<P: HasReportOnly> FromStr for ReportOnly<P> {
    type Err = Error;

    fn from_str(input: &str) -> Result<Self, Error> {
        P::parse_as(P::REPORT_ONLY.name, input).map(Self::of)
    }
}

impl<P: HasReportOnly> Header for ReportOnly<P> {
    const INFO: HeaderInfo = P::REPORT_ONLY;

    /// What `P` makes of `raw` (its `value(raw)`, and for a single-token header a
    /// `report-to` parameter after the value), in report-only mode.
    fn from_value(raw: &str) -> Option<Self> {
        P::from_value(raw).map(Self::of)
    }

    /// `P`'s likely typo, naming the report-only header.
    fn likely_typo(&self) -> Option<Error> {
        let e = self.policy.likely_typo()?;
        Some(e.with_header(P::REPORT_ONLY.name))
    }
}

#[cfg(test)]
mod tests {
    use crate::registry::{HEADERS, Header};
    use crate::{
        ContentSecurityPolicy, ContentSecurityPolicyReportOnly, CrossOriginEmbedderPolicy,
        CrossOriginEmbedderPolicyReportOnly, CrossOriginOpenerPolicy,
        CrossOriginOpenerPolicyReportOnly, DocumentIsolationPolicy,
        DocumentIsolationPolicyReportOnly, IntegrityPolicy, IntegrityPolicyReportOnly,
        PermissionsPolicy, PermissionsPolicyReportOnly,
    };

    /// Each named report-only type is its registry row, sends its enforced type's value
    /// under its own name, and shows in `Debug` under its own name.
    #[test]
    fn the_named_forms_are_their_rows() {
        fn check<P: Header + std::fmt::Debug, E: Header>(ro: &P, enforced: &E) {
            let row = HEADERS.iter().find(|h| h.name == ro.name()).unwrap();
            assert_eq!(*row, P::INFO);
            assert_eq!(row.report_only_of, Some(E::INFO.name));
            assert_eq!(ro.render().unwrap(), enforced.render().unwrap());
            assert!(
                format!("{ro:?}").starts_with(&format!("{} {{ policy: ", row.type_name)),
                "{ro:?}"
            );
        }
        check(
            &ContentSecurityPolicyReportOnly::new(),
            &ContentSecurityPolicy::new(),
        );
        check(
            &PermissionsPolicyReportOnly::new(),
            &PermissionsPolicy::new(),
        );
        check(&IntegrityPolicyReportOnly::new(), &IntegrityPolicy::new());
        check(
            &CrossOriginOpenerPolicyReportOnly::new(),
            &CrossOriginOpenerPolicy::new(),
        );
        check(
            &CrossOriginEmbedderPolicyReportOnly::new(),
            &CrossOriginEmbedderPolicy::new(),
        );
        check(
            &DocumentIsolationPolicyReportOnly::new(),
            &DocumentIsolationPolicy::new(),
        );
    }
}
