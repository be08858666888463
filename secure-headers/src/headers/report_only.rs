//! The report-only form of a policy header, written once for every header that has one as
//! a wrapper of the enforced type: `Content-Security-Policy-Report-Only`,
//! `Permissions-Policy-Report-Only` and `Integrity-Policy-Report-Only` are
//! [`ReportOnly`] of their enforced types, under their own names (type aliases).

use std::fmt;
use std::str::FromStr;

use crate::registry::{Header, HeaderInfo};
use crate::{Error, Policy};

/// A header type whose report-only form is [`ReportOnly<Self>`]: the same value, sent
/// under the report-only header's name, which browsers report on instead of enforcing.
///
/// It is sealed: this crate's [`ContentSecurityPolicy`](crate::ContentSecurityPolicy),
/// [`PermissionsPolicy`](crate::PermissionsPolicy) and
/// [`IntegrityPolicy`](crate::IntegrityPolicy) implement it.
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
}

/// The report-only form of the policy `P`: `P`'s value, sent as `P`'s report-only
/// header. Build it from the enforced policy (`report_only()`), change it with
/// [`map`](Self::map), and get the enforced form back with [`enforce`](Self::enforce).
///
/// Its types are named: [`ContentSecurityPolicyReportOnly`](crate::ContentSecurityPolicyReportOnly),
/// [`PermissionsPolicyReportOnly`](crate::PermissionsPolicyReportOnly) and
/// [`IntegrityPolicyReportOnly`](crate::IntegrityPolicyReportOnly).
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

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
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
        ContentSecurityPolicy, ContentSecurityPolicyReportOnly, IntegrityPolicy,
        IntegrityPolicyReportOnly, PermissionsPolicy, PermissionsPolicyReportOnly,
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
    }
}
