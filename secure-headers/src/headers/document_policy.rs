//! The `Document-Policy` header and its report-only form.

use super::integrity_policy::sf_token;
use super::report_only::{HasReportOnly, ReportOnly, sealed::Sealed};
use super::single::{at_byte, check_field_text, is_ows};
use super::structured_field::{self, check_dictionary, members};
use crate::registry::{Header, HeaderInfo, Make};
use crate::text::At;
use crate::{Error, ErrorKind};
use std::str::FromStr;

const HEADER: &str = "Document-Policy";
/// The member whose `report-to` is the default group of every feature without its own.
const DEFAULT: &str = "*";
const REPORT_ONLY_HEADER: &str = "Document-Policy-Report-Only";

/// The boolean features Chromium ships, whose value is `?1` (written bare) or `?0`.
const BOOLEAN: &[&str] = &[
    "force-load-at-top",
    "include-js-call-stacks-in-crash-reports",
    "js-profiling",
    "unsized-media",
];

/// The features Chromium knows but does not make available in a default build (each is
/// behind a runtime flag): it ignores them, in both forms of the header. Measured in
/// Chromium 156 (the browser test `chromium_honors_js_profiling_and_ignores_the_image_policies`):
/// none of them reports a violation that a report-only policy should.
#[cfg(feature = "lint")]
const UNAVAILABLE: &[&str] = &[
    "lossless-images-max-bpp",
    "lossy-images-max-bpp",
    "oversized-images",
    "unsized-media",
];

/// The features Chromium ships whose value is a decimal.
const DECIMAL: &[&str] = &[
    "lossless-images-max-bpp",
    "lossy-images-max-bpp",
    "oversized-images",
];

/// The `Document-Policy` header: configuration points the document opts into, such as
/// allowing the JavaScript self-profiling API or scrolling to the top on load, each
/// optionally reporting to a `Reporting-Endpoints` group.
///
/// [spec (Document Policy)](https://wicg.github.io/document-policy/),
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Document-Policy).
/// Chromium only; other browsers ignore it. Of the features it knows, Chromium (156)
/// honors `js-profiling` (measured), `force-load-at-top` and
/// `include-js-call-stacks-in-crash-reports`; the image policies and `unsized-media` are
/// behind runtime flags and ignored (measured: they report nothing).
///
/// ```text
/// Document-Policy = sf-dictionary
///     ; feature            a boolean feature on (?1)
///     ; feature=?0         a boolean feature off
///     ; feature=2.0        a decimal feature's limit
///     ; ;report-to=group   (a parameter of any feature) where its violations go
///     ; *;report-to=group  the default group of every feature without its own
/// ```
///
/// **Reports.** Chromium sends a feature's violation reports only to the group its
/// `;report-to` names, or else to the default group of the `*` member. Without either
/// they reach no endpoint, not even one named `default` (lint's
/// `document-policy-reports-nowhere`). A member named `report-to` is an unknown feature to
/// Chromium, ignored with its group, so this crate refuses one and writes the default group
/// as `*;report-to=group` ([`report_to`](Self::report_to)).
///
/// **Default.** No feature: a new policy has nothing to send and its `render` is an
/// error until a feature (or [`value`](Self::value)) is set. Features are written in
/// the order they were first set. Python's `secure` 2.0.1 has no such header; no preset
/// sends it.
///
/// ```
/// use secure_headers::{DocumentPolicy, Policy};
///
/// let dp = DocumentPolicy::new()
///     .js_profiling()
///     .oversized_images(2.0)
///     .feature_report_to("oversized-images", "images")
///     .report_to("main");
/// assert_eq!(
///     dp.render()?,
///     "js-profiling, oversized-images=2.0;report-to=images, *;report-to=main"
/// );
/// # Ok::<(), secure_headers::Error>(())
/// ```
#[must_use]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentPolicy {
    members: Vec<Member>,
    raw: Option<Box<str>>,
    error: Option<Error>,
}

/// One member of the dictionary, as sent.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Member {
    key: String,
    /// The text after `=`; empty for a bare key (`?1`).
    value: String,
    report_to: Option<String>,
    /// Parameters other than `report-to`, verbatim, each with its leading `;`.
    params: String,
}

impl DocumentPolicy {
    /// A policy with no feature set (nothing to send until one is).
    pub fn new() -> Self {
        Self::default()
    }

    /// `force-load-at-top`: the page loads at its top, ignoring scroll-to-text
    /// fragments and restored scroll positions.
    pub fn force_load_at_top(self) -> Self {
        self.boolean("force-load-at-top", true)
    }

    /// `js-profiling`: allows the JavaScript Self-Profiling API.
    pub fn js_profiling(self) -> Self {
        self.boolean("js-profiling", true)
    }

    /// `include-js-call-stacks-in-crash-reports`: crash reports carry the JavaScript
    /// call stack of an unresponsive page.
    pub fn include_js_call_stacks_in_crash_reports(self) -> Self {
        self.boolean("include-js-call-stacks-in-crash-reports", true)
    }

    /// `unsized-media`: `false` (`unsized-media=?0`) gives images and videos without
    /// width and height a default size, so that the layout does not shift.
    ///
    /// Chromium (156) ignores this feature: it is behind a runtime flag, not in a
    /// default build (lint's `document-policy-feature-unavailable`).
    pub fn unsized_media(self, allowed: bool) -> Self {
        self.boolean("unsized-media", allowed)
    }

    /// `oversized-images=<ratio>`: images more than `ratio` times larger than their
    /// displayed size are violations.
    ///
    /// Chromium (156) ignores this feature: it is behind a runtime flag, not in a
    /// default build (lint's `document-policy-feature-unavailable`).
    pub fn oversized_images(self, ratio: f64) -> Self {
        self.decimal("oversized-images", ratio)
    }

    /// `lossless-images-max-bpp=<bits>`: lossless images over `bits` bits per pixel
    /// are violations.
    ///
    /// Chromium (156) ignores this feature: it is behind a runtime flag, not in a
    /// default build (lint's `document-policy-feature-unavailable`).
    pub fn lossless_images_max_bpp(self, bits: f64) -> Self {
        self.decimal("lossless-images-max-bpp", bits)
    }

    /// `lossy-images-max-bpp=<bits>`: lossy images over `bits` bits per pixel are
    /// violations.
    ///
    /// Chromium (156) ignores this feature: it is behind a runtime flag, not in a
    /// default build (lint's `document-policy-feature-unavailable`).
    pub fn lossy_images_max_bpp(self, bits: f64) -> Self {
        self.decimal("lossy-images-max-bpp", bits)
    }

    /// Sets a boolean feature: `true` writes the bare key, `false` writes `key=?0`.
    /// The name is a structured-field key (lowercase).
    pub fn boolean(self, feature: &str, on: bool) -> Self {
        self.put(feature, if on { "" } else { "?0" }.to_owned())
    }

    /// Sets a decimal feature: a finite number from 0 below 10^12, written with at
    /// most three decimals (`2` is `2.0`).
    pub fn decimal(mut self, feature: &str, value: f64) -> Self {
        let text = format!("{value:.3}");
        let text = text.trim_end_matches('0');
        let text = format!("{text}{}", if text.ends_with('.') { "0" } else { "" });
        if value >= 0.0 && is_number(&text) {
            return self.put(feature, text);
        }
        let e = At::directive(HEADER, feature)
            .error(ErrorKind::InvalidValue, &value.to_string())
            .with_detail("a decimal feature takes a finite number from 0 below 10^12");
        self.error.get_or_insert(e);
        self
    }

    /// Adds `;report-to=group` to a feature already set: its violations are reported
    /// to that `Reporting-Endpoints` group. Naming a feature not set is an error.
    pub fn feature_report_to(mut self, feature: &str, group: &str) -> Self {
        self.raw = None;
        let at = At::directive(HEADER, feature);
        let result = sf_token(at, group).and_then(|g| {
            let m = self.members.iter_mut().find(|m| m.key == feature);
            let m = m.ok_or_else(|| {
                at.error(ErrorKind::InvalidValue, feature)
                    .with_detail("set the feature before naming where it reports")
            })?;
            m.report_to = Some(g.to_owned());
            Ok(())
        });
        if let Err(e) = result {
            self.error.get_or_insert(e);
        }
        self
    }

    /// The default `Reporting-Endpoints` group of every feature that names none of its
    /// own, written as Chromium reads it: the `*` member's parameter, `*;report-to=group`
    /// (added after the features set so far, or changed where it is).
    ///
    /// ```
    /// use secure_headers::{DocumentPolicy, Policy};
    ///
    /// let dp = DocumentPolicy::new().js_profiling().report_to("main");
    /// assert_eq!(dp.render()?, "js-profiling, *;report-to=main");
    /// assert_eq!(dp.default_report_to(), Some("main"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn report_to(mut self, group: &str) -> Self {
        self.raw = None;
        match sf_token(At::directive(HEADER, "report-to"), group) {
            Ok(g) => {
                let g = Some(g.to_owned());
                match self.members.iter_mut().find(|m| m.key == DEFAULT) {
                    Some(m) => m.report_to = g,
                    None => self.members.push(Member {
                        key: DEFAULT.to_owned(),
                        value: String::new(),
                        report_to: g,
                        params: String::new(),
                    }),
                }
            }
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// The default reporting group of every feature without its own: the `*` member's
    /// `report-to`, if any.
    #[must_use]
    pub fn default_report_to(&self) -> Option<&str> {
        let m = self.members.iter().find(|m| m.key == DEFAULT)?;
        m.report_to.as_deref()
    }

    /// The whole value, trimmed, sent as written. It must not be empty; control
    /// characters and non-ASCII are errors (recorded and returned by `render()`).
    pub fn value(mut self, value: impl AsRef<str>) -> Self {
        super::set_raw(HEADER, value.as_ref(), &mut self.raw, &mut self.error);
        self
    }

    /// The value of `feature` as written (`""` for a bare key), if it is set.
    #[must_use]
    pub fn get(&self, feature: &str) -> Option<&str> {
        let m = self.members.iter().find(|m| m.key == feature)?;
        Some(&m.value)
    }

    /// The reporting group of each member that names one (its `;report-to=group`), as
    /// `(feature, group)` in the order sent; the feature `*` is the default group of every
    /// feature without its own ([`default_report_to`](Self::default_report_to)).
    ///
    /// ```
    /// use secure_headers::DocumentPolicy;
    ///
    /// let dp: DocumentPolicy = "js-profiling;report-to=js, unsized-media=?0, *;report-to=main".parse()?;
    /// assert_eq!(
    ///     dp.reporting_groups().collect::<Vec<_>>(),
    ///     [("js-profiling", "js"), ("*", "main")]
    /// );
    /// assert_eq!(dp.default_report_to(), Some("main"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn reporting_groups(&self) -> impl Iterator<Item = (&str, &str)> {
        self.members
            .iter()
            .filter_map(|m| Some((m.key.as_str(), m.report_to.as_deref()?)))
    }

    /// The features set that Chromium ignores ([`UNAVAILABLE`]), in the order sent.
    #[cfg(feature = "lint")]
    pub(crate) fn unavailable_features(&self) -> impl Iterator<Item = &str> {
        let members = self.members.iter().map(|m| m.key.as_str());
        members.filter(|k| UNAVAILABLE.contains(k))
    }

    /// The features (not the default member `*`) that name no reporting group of their
    /// own, in the order sent.
    #[cfg(feature = "lint")]
    pub(crate) fn features_without_group(&self) -> impl Iterator<Item = &str> {
        self.members
            .iter()
            .filter(|m| m.key != DEFAULT && m.report_to.is_none())
            .map(|m| m.key.as_str())
    }

    /// The members as `(feature, value as written, report-to group)`, when none has
    /// other parameters (what `--format rust` can write back with typed calls).
    #[cfg(feature = "codegen")]
    pub(crate) fn typed_members(&self) -> Option<Vec<(&str, &str, Option<&str>)>> {
        let typed = |m: &Member| m.params.is_empty().then_some(());
        self.members.iter().try_for_each(typed)?;
        let members = self.members.iter();
        Some(
            members
                .map(|m| (m.key.as_str(), m.value.as_str(), m.report_to.as_deref()))
                .collect(),
        )
    }

    /// The raw value set with [`value`](Self::value), if any.
    #[must_use]
    pub fn raw_value(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    /// The same policy, sent as `Document-Policy-Report-Only` (violations are
    /// reported, nothing is enforced).
    pub fn report_only(self) -> DocumentPolicyReportOnly {
        ReportOnly::of(self)
    }

    fn put(mut self, feature: &str, value: String) -> Self {
        self.raw = None;
        if let Err(e) = sf_key(At::directive(HEADER, feature), feature) {
            self.error.get_or_insert(e);
            return self;
        }
        match self.members.iter_mut().find(|m| m.key == feature) {
            Some(m) => m.value = value,
            None => self.members.push(Member {
                key: feature.to_owned(),
                value,
                report_to: None,
                params: String::new(),
            }),
        }
        self
    }

    fn compose(&self) -> Result<String, Error> {
        if self.members.is_empty() {
            return Err(At::directive(HEADER, "value")
                .error(ErrorKind::Empty, "")
                .with_detail("no feature is set"));
        }
        let member = |m: &Member| {
            let eq = if m.value.is_empty() { "" } else { "=" };
            let report = m
                .report_to
                .as_ref()
                .map_or(String::new(), |g| format!(";report-to={g}"));
            format!("{}{eq}{}{report}{}", m.key, m.value, m.params)
        };
        Ok(self
            .members
            .iter()
            .map(member)
            .collect::<Vec<_>>()
            .join(", "))
    }
}

impl DocumentPolicy {
    /// Alias of [`value`](Self::value), as the other headers have it.
    pub fn set(self, value: impl AsRef<str>) -> Self {
        self.value(value)
    }

    /// Back to no feature, forgetting any recorded error.
    pub fn clear(self) -> Self {
        Self::new()
    }
}

impl crate::Policy for DocumentPolicy {
    fn name(&self) -> &str {
        Self::INFO.name
    }

    fn render(&self) -> Result<String, crate::Error> {
        let (error, raw) = (self.error.as_ref(), self.raw.as_deref());
        crate::headers::render_with(error, raw, || self.compose())
    }
}
crate::headers::single::impl_raw!(DocumentPolicy);

/// A structured-field key (RFC 9651 §3.2): a lowercase letter or `*` first, then
/// lowercase letters, digits, `_`, `-`, `.` or `*`.
fn sf_key<'a>(at: At<'_>, key: &'a str) -> Result<&'a str, Error> {
    let first_ok = key
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'*');
    let rest_ok = key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.*".contains(&b));
    if first_ok && rest_ok {
        Ok(key)
    } else {
        Err(at
            .error(ErrorKind::InvalidName, key)
            .with_detail("a feature name is a lowercase structured-field key"))
    }
}

/// The length of the value at the start of `s` (an inner list or a bare item), or all
/// of `s` if there is no valid one (then [`check_dictionary`] refuses the whole value).
fn item_len(s: &str) -> usize {
    structured_field::item_len(s).unwrap_or(s.len())
}

/// Whether `s` is an RFC 9651 integer or decimal (at most 12 integer digits, 3 decimals).
fn is_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let digits =
        |t: &str, max| (1..=max).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    digits(int, if frac.is_some() { 12 } else { 15 }) && frac.is_none_or(|f| digits(f, 3))
}

/// Parses `input` as a `Document-Policy` value, errors naming `header`.
fn parse(header: &'static str, input: &str) -> Result<DocumentPolicy, Error> {
    check_field_text(At::header(header), input)?;
    let fail = |kind: ErrorKind, dir: &str, text: &str, pos: usize, detail: &str| {
        let e = At::directive(header, dir)
            .error(kind, text)
            .with_detail(detail);
        at_byte(e, pos)
    };
    if input.bytes().all(is_ows) {
        return Err(fail(
            ErrorKind::Empty,
            "value",
            input,
            0,
            "the header is empty",
        ));
    }
    let mut out = DocumentPolicy::new();
    for (start, piece) in members(input) {
        let lead = piece.len() - piece.trim_start_matches([' ', '\t']).len();
        let text = piece.trim_matches([' ', '\t']);
        let pos = start + lead;
        if text.is_empty() {
            let detail = "an empty member (a stray `,`)";
            return Err(fail(ErrorKind::InvalidValue, "value", piece, start, detail));
        }
        let key_len = text
            .bytes()
            .position(|b| b == b'=' || b == b';')
            .unwrap_or(text.len());
        let key = &text[..key_len];
        if let Err(e) = sf_key(At::directive(header, "value"), key) {
            return Err(at_byte(e, pos));
        }
        let mut rest = &text[key_len..];
        let mut value = "";
        if let Some(r) = rest.strip_prefix('=') {
            (value, rest) = r.split_at(item_len(r));
        }
        let known = |bad: bool, detail: &str| {
            if bad {
                Err(fail(ErrorKind::InvalidValue, key, text, pos, detail))
            } else {
                Ok(())
            }
        };
        known(
            (BOOLEAN.contains(&key) || key == DEFAULT) && !["", "?0", "?1"].contains(&value),
            "a boolean feature (and the default member `*`) is bare, ?0 or ?1",
        )?;
        known(
            DECIMAL.contains(&key) && !is_number(value),
            "the value is a number, such as 2.0",
        )?;
        known(
            key == "report-to",
            "Chromium reads a member named report-to as an unknown feature and ignores it, \
             so no report would reach that group; the default group of every feature is the \
             parameter of the member *: *;report-to=group",
        )?;
        known(
            !(rest.is_empty() || rest.starts_with(';')),
            "parameters follow the value after `;`",
        )?;
        let mut member = Member {
            key: key.to_owned(),
            value: value.to_owned(),
            report_to: None,
            params: String::new(),
        };
        while let Some(r) = rest.strip_prefix(';') {
            let r = r.trim_start_matches(' ');
            let name_len = r.find(['=', ';']).unwrap_or(r.len());
            let (name, mut after) = r.split_at(name_len);
            let mut param = "";
            if let Some(a) = after.strip_prefix('=') {
                (param, after) = a.split_at(item_len(a));
            }
            if name == "report-to" {
                let at = At::directive(header, key);
                member.report_to = Some(sf_token(at, param).map_err(|e| at_byte(e, pos))?.into());
            } else {
                member.params.push_str(&rest[..rest.len() - after.len()]);
            }
            rest = after;
        }
        known(!rest.is_empty(), "parameters are `;name=value`")?;
        match out.members.iter_mut().find(|m| m.key == key) {
            Some(m) => *m = member,
            None => out.members.push(member),
        }
    }
    // What is kept verbatim (unknown features, other parameters) is sent back as read:
    // the whole value must be a dictionary, or it would not parse back.
    check_dictionary(header, input)?;
    Ok(out)
}

impl FromStr for DocumentPolicy {
    type Err = Error;

    /// Parses a received `Document-Policy` value: a structured-field dictionary.
    /// Whitespace around members is tolerated, a feature given twice keeps its last
    /// value (at its first place), and features this crate does not know are kept
    /// verbatim. A known feature with a value of the wrong type (`js-profiling=2`,
    /// `oversized-images=?1`) is an error naming the feature, the input and its byte
    /// position.
    ///
    /// ```
    /// use secure_headers::{DocumentPolicy, Policy};
    ///
    /// let dp: DocumentPolicy = "force-load-at-top, oversized-images=2.0;report-to=img".parse()?;
    /// let built = DocumentPolicy::new()
    ///     .force_load_at_top()
    ///     .oversized_images(2.0)
    ///     .feature_report_to("oversized-images", "img");
    /// assert_eq!(dp, built);
    /// let err = "oversized-images=big".parse::<DocumentPolicy>().unwrap_err();
    /// assert_eq!(err.directive(), Some("oversized-images"));
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    fn from_str(input: &str) -> Result<Self, Error> {
        parse(HEADER, input)
    }
}

/// The `Document-Policy-Report-Only` header: the same policy as [`DocumentPolicy`],
/// reported on without being enforced.
///
/// [spec](https://wicg.github.io/document-policy/#report-only-mode). Chromium only.
///
/// ```
/// use secure_headers::{DocumentPolicy, DocumentPolicyReportOnly, Policy};
///
/// let ro = DocumentPolicy::new().unsized_media(false).report_only();
/// assert_eq!(ro.name(), "Document-Policy-Report-Only");
/// assert_eq!(ro.render()?, "unsized-media=?0");
/// let ro: DocumentPolicyReportOnly = ro.map(|p| p.report_to("main"));
/// assert_eq!(ro.enforce().render()?, "unsized-media=?0, *;report-to=main");
/// let err = "js-profiling=1".parse::<DocumentPolicyReportOnly>().unwrap_err();
/// assert_eq!(err.header(), Some("Document-Policy-Report-Only"));
/// # Ok::<(), secure_headers::Error>(())
/// ```
pub type DocumentPolicyReportOnly = ReportOnly<DocumentPolicy>;

impl Sealed for DocumentPolicy {
    fn with_value(self, raw: &str) -> Self {
        self.value(raw)
    }

    fn parse_as(header: &'static str, input: &str) -> Result<Self, Error> {
        parse(header, input)
    }
}

impl HasReportOnly for DocumentPolicy {
    const REPORT_ONLY: HeaderInfo = HeaderInfo {
        name: REPORT_ONLY_HEADER,
        lowercase: "document-policy-report-only",
        method: "document_policy_report_only",
        type_name: "DocumentPolicyReportOnly",
        spec: "WICG",
        spec_url: "https://wicg.github.io/document-policy/",
        config_key: Some("document-policy-report-only"),
        report_only_of: Some(DocumentPolicy::INFO.name),
        make: Make::of::<DocumentPolicyReportOnly>(),
    };
}

impl Header for DocumentPolicy {
    const INFO: HeaderInfo = HeaderInfo {
        name: HEADER,
        lowercase: "document-policy",
        method: "document_policy",
        type_name: "DocumentPolicy",
        spec: "WICG",
        spec_url: "https://wicg.github.io/document-policy/",
        config_key: Some("document-policy"),
        report_only_of: None,
        make: Make::of::<Self>(),
    };

    fn from_value(raw: &str) -> Option<Self> {
        Some(Self::new().value(raw))
    }
}

impl From<DocumentPolicy> for DocumentPolicyReportOnly {
    fn from(policy: DocumentPolicy) -> Self {
        policy.report_only()
    }
}

impl From<DocumentPolicyReportOnly> for DocumentPolicy {
    fn from(policy: DocumentPolicyReportOnly) -> Self {
        policy.enforce()
    }
}

#[cfg(test)]
#[path = "document_policy_tests.rs"]
mod tests;
