//! Grade a set of response headers the way the Mozilla HTTP Observatory does.
//!
//! [`grade`] runs the Observatory's tests on a header map (plus what headers alone cannot
//! say, from a [`GradeContext`]) and turns their results into a score and a letter grade,
//! with the reason for every modifier:
//!
//! 1. every scan starts at 100 and each test adds its result's modifier;
//! 2. bonuses (positive modifiers) only count when the score from penalties alone is at
//!    least [`MINIMUM_SCORE_FOR_EXTRA_CREDIT`] (90);
//! 3. the score is at least 0, and the grade is read from the chart for the score rounded
//!    down to a multiple of 5 ([`Letter::from_score`]).
//!
//! The tests and tables are those of the Observatory's scorer,
//! `@mdn/mdn-http-observatory`, ported statement by statement: the CSP parser (several
//! policies are intersected, duplicate directives make the policy invalid, sources are
//! lower-cased and sorted as the scorer sorts them), `<meta>` policies from the page,
//! cookies, CORS, redirection, Referrer-Policy, HSTS, Subresource Integrity,
//! X-Content-Type-Options, X-Frame-Options and Cross-Origin-Resource-Policy.
//!
//! The Observatory versions its scoring; [`Algorithm`] picks one:
//!
//! | [`Algorithm`] | Observatory | What changed |
//! |---|---|---|
//! | [`V4`](Algorithm::V4) | 1.4.8 | — |
//! | [`V5`](Algorithm::V5) (the default) | 1.5.0 – 1.6.3, the current release | `X-Frame-Options: DENY` / `SAMEORIGIN` +5 (was 0); a `Content-Security-Policy` value is split on commas into separate policies (1.6.2); Subresource Integrity also examines a page served without `Content-Type`, and reads `src` as written |
//! | [`V6`](Algorithm::V6) | the main branch, not yet released | two more tests: `Cross-Origin-Embedder-Policy` and `Cross-Origin-Opener-Policy`, +10 for `require-corp` / `credentialless` and `same-origin` / `same-origin-allow-popups` / `noopener-allow-popups`, −5 for a value that is not a valid structured-field token or is repeated |
//!
//! Each algorithm reproduces exactly the release named. Releases that report the same
//! algorithm number can still score a few inputs differently: 1.4.9 (algorithm 4) already
//! examines pages served without `Content-Type`; 1.5.0 to 1.6.1 (algorithm 5) do not yet
//! split a `Content-Security-Policy` value on commas, and 1.5.0 to 1.5.2 still read `src`
//! through a DOM.
//!
//! Repeated header fields are joined with `", "` before the tests see them, as the scanner's
//! HTTP client does (the first `Content-Type` wins; each `Set-Cookie` is a cookie): a
//! repeated `Cross-Origin-Resource-Policy` is therefore invalid under every algorithm.
//!
//! ```
//! use secure_headers::grade::{Algorithm, GradeContext, Letter, grade, grade_with};
//! use secure_headers::{Preset, Secure};
//!
//! let mut response = secure_headers::http::Response::new(());
//! Secure::from_preset(Preset::Balanced).set_headers(&mut response);
//!
//! let report = grade(response.headers(), &GradeContext::new());
//! assert_eq!(report.algorithm, Algorithm::V5);
//! assert_eq!(report.score, 120);
//! assert_eq!(report.letter, Letter::APlus);
//! let csp = report.modifier("content-security-policy").unwrap();
//! assert_eq!(csp.result, "csp-implemented-with-unsafe-inline-in-style-src-only");
//! assert_eq!(csp.score_modifier, 0);
//!
//! // The next algorithm also scores Cross-Origin-Opener-Policy (same-origin: +10).
//! let next = grade_with(response.headers(), &GradeContext::new(), Algorithm::V6);
//! assert_eq!(next.modifier("cross-origin-opener-policy").unwrap().score_modifier, 10);
//! assert_eq!(next.score, 130);
//! ```

use std::fmt;
use std::str::FromStr;

use http::HeaderMap;

use crate::{Error, ErrorKind};

mod checks;
mod context;
mod csp;
mod html;
mod sf;
mod tables;

use self::tables::Outcome;

use self::context::scheme_and_host;
pub use self::context::{GradeContext, Redirection, Scheme};

/// The score from penalties alone must reach this for bonuses to count.
///
/// ```
/// assert_eq!(secure_headers::grade::MINIMUM_SCORE_FOR_EXTRA_CREDIT, 90);
/// ```
pub const MINIMUM_SCORE_FOR_EXTRA_CREDIT: i32 = 90;

/// The names of the ten tests of algorithms 4 and 5, in the order [`grade`] reports them
/// (the scanner's order). [`Algorithm::tests`] lists each algorithm's.
///
/// ```
/// use secure_headers::grade::{GradeContext, TESTS, grade};
/// let report = grade(&Default::default(), &GradeContext::new());
/// let names: Vec<_> = report.modifiers.iter().map(|m| m.test).collect();
/// assert_eq!(names, TESTS);
/// ```
pub const TESTS: [&str; 10] = [
    "content-security-policy",
    "cookies",
    "cross-origin-resource-sharing",
    "redirection",
    "referrer-policy",
    "strict-transport-security",
    "subresource-integrity",
    "x-content-type-options",
    "x-frame-options",
    "cross-origin-resource-policy",
];

/// The tests of algorithm 6: those of [`TESTS`] plus `cross-origin-embedder-policy` and
/// `cross-origin-opener-policy`, in the scanner's order.
const TESTS_V6: [&str; 12] = {
    let mut tests = [""; 12];
    tests[0] = TESTS[0];
    tests[1] = TESTS[1];
    tests[2] = "cross-origin-embedder-policy";
    tests[3] = "cross-origin-opener-policy";
    let mut i = 2;
    while i < TESTS.len() {
        tests[i + 2] = TESTS[i];
        i += 1;
    }
    tests
};

/// Which version of the Observatory's scoring to reproduce (its `ALGORITHM_VERSION`). The
/// default is the algorithm of the Observatory's current release. See the
/// [module documentation](self) for what each changed.
///
/// ```
/// use secure_headers::grade::{Algorithm, GradeContext, grade_with};
/// use secure_headers::http::{HeaderMap, HeaderValue};
///
/// assert_eq!(Algorithm::default(), Algorithm::V5);
/// assert_eq!("4".parse::<Algorithm>().unwrap(), Algorithm::V4);
/// assert_eq!(Algorithm::V6.to_string(), "6");
/// assert_eq!(Algorithm::V5.observatory(), "1.6.3");
///
/// let mut headers = HeaderMap::new();
/// headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
/// let xfo = |algorithm| {
///     let report = grade_with(&headers, &GradeContext::new(), algorithm);
///     report.modifier("x-frame-options").unwrap().score_modifier
/// };
/// assert_eq!(xfo(Algorithm::V4), 0);
/// assert_eq!(xfo(Algorithm::V5), 5);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// Algorithm 4: `@mdn/mdn-http-observatory` 1.4.8 (and earlier 1.x releases).
    V4,
    /// Algorithm 5: releases 1.5.0 to 1.6.3, the Observatory's current release (the
    /// default).
    #[default]
    V5,
    /// Algorithm 6: the Observatory's main branch, not yet released; it may still change.
    V6,
}

impl Algorithm {
    /// Every algorithm, oldest first.
    pub const ALL: [Self; 3] = [Self::V4, Self::V5, Self::V6];

    /// The Observatory's number for it (`ALGORITHM_VERSION`).
    ///
    /// ```
    /// use secure_headers::grade::Algorithm;
    /// assert_eq!(Algorithm::V4.version(), 4);
    /// ```
    #[must_use]
    pub const fn version(self) -> u8 {
        match self {
            Self::V4 => 4,
            Self::V5 => 5,
            Self::V6 => 6,
        }
    }

    /// The Observatory release reproduced: `1.4.8`, `1.6.3`, or `main` for the unreleased
    /// main branch.
    ///
    /// ```
    /// use secure_headers::grade::Algorithm;
    /// assert_eq!(Algorithm::V6.observatory(), "main");
    /// ```
    #[must_use]
    pub const fn observatory(self) -> &'static str {
        match self {
            Self::V4 => "1.4.8",
            Self::V5 => "1.6.3",
            Self::V6 => "main",
        }
    }

    /// The names of the tests the algorithm runs, in the order a [`Grade`] lists them.
    ///
    /// ```
    /// use secure_headers::grade::{Algorithm, TESTS};
    /// assert_eq!(Algorithm::V5.tests(), TESTS);
    /// assert_eq!(Algorithm::V6.tests().len(), 12);
    /// assert_eq!(Algorithm::V6.tests()[3], "cross-origin-opener-policy");
    /// ```
    #[must_use]
    pub const fn tests(self) -> &'static [&'static str] {
        match self {
            Self::V4 | Self::V5 => &TESTS,
            Self::V6 => &TESTS_V6,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.version())
    }
}

impl FromStr for Algorithm {
    type Err = Error;

    /// Parses `4`, `5` or `6` (also written `v4`, ...).
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        let n = t.strip_prefix(['v', 'V']).unwrap_or(t);
        Self::ALL
            .into_iter()
            .find(|a| n == a.version().to_string())
            .ok_or_else(|| {
                Error::new(ErrorKind::InvalidValue)
                    .with_input(s)
                    .with_detail("expected an Observatory scoring algorithm: 4, 5 or 6")
            })
    }
}

/// A letter grade, from [`Letter::F`] (worst) to [`Letter::APlus`] (best); `Ord` follows
/// quality, so `letter >= Letter::B` means "B or better".
///
/// ```
/// use secure_headers::grade::Letter;
///
/// assert_eq!(Letter::from_score(120), Letter::APlus);
/// assert_eq!(Letter::from_score(87), Letter::AMinus);
/// assert_eq!("b+".parse::<Letter>().unwrap(), Letter::BPlus);
/// assert!(Letter::A > Letter::BPlus);
/// assert_eq!(Letter::CMinus.to_string(), "C-");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Letter {
    /// 0–24.
    F,
    /// 25–29.
    DMinus,
    /// 30–39.
    D,
    /// 40–44.
    DPlus,
    /// 45–49.
    CMinus,
    /// 50–59.
    C,
    /// 60–64.
    CPlus,
    /// 65–69.
    BMinus,
    /// 70–79.
    B,
    /// 80–84.
    BPlus,
    /// 85–89.
    AMinus,
    /// 90–99.
    A,
    /// 100 and more.
    APlus,
}

impl Letter {
    /// Every grade, worst first.
    pub const ALL: [Self; 13] = [
        Self::F,
        Self::DMinus,
        Self::D,
        Self::DPlus,
        Self::CMinus,
        Self::C,
        Self::CPlus,
        Self::BMinus,
        Self::B,
        Self::BPlus,
        Self::AMinus,
        Self::A,
        Self::APlus,
    ];

    /// The grade for a score: the chart entry for the score rounded down to a multiple of
    /// 5, capped at 100.
    #[must_use]
    pub const fn from_score(score: i32) -> Self {
        let key = if score < 0 { 0 } else { score - score % 5 };
        match key {
            100.. => Self::APlus,
            90.. => Self::A,
            85.. => Self::AMinus,
            80.. => Self::BPlus,
            70.. => Self::B,
            65.. => Self::BMinus,
            60.. => Self::CPlus,
            50.. => Self::C,
            45.. => Self::CMinus,
            40.. => Self::DPlus,
            30.. => Self::D,
            25.. => Self::DMinus,
            _ => Self::F,
        }
    }

    /// The grade as written on the Observatory: `A+`, `A`, `A-`, `B+`, ..., `F`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::F => "F",
            Self::DMinus => "D-",
            Self::D => "D",
            Self::DPlus => "D+",
            Self::CMinus => "C-",
            Self::C => "C",
            Self::CPlus => "C+",
            Self::BMinus => "B-",
            Self::B => "B",
            Self::BPlus => "B+",
            Self::AMinus => "A-",
            Self::A => "A",
            Self::APlus => "A+",
        }
    }
}

impl fmt::Display for Letter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Letter {
    type Err = Error;

    /// Parses `A+` ... `F`, case-insensitively.
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::new(ErrorKind::InvalidValue)
                    .with_input(s)
                    .with_detail(
                        "expected a grade: A+, A, A-, B+, B, B-, C+, C, C-, D+, D, D- or F",
                    )
            })
    }
}

/// One test's result and what it did to the score.
///
/// ```
/// use secure_headers::grade::{GradeContext, grade};
///
/// let report = grade(&Default::default(), &GradeContext::new());
/// let xfo = report.modifier("x-frame-options").unwrap();
/// assert_eq!(xfo.result, "x-frame-options-not-implemented");
/// assert_eq!(xfo.score_modifier, -20);
/// assert!(!xfo.pass);
/// assert_eq!(xfo.reason, "X-Frame-Options (XFO) header not implemented");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Modifier {
    /// The test (`content-security-policy`, ...: one of [`Algorithm::tests`]).
    pub test: &'static str,
    /// The result (`csp-implemented-with-no-unsafe`, ...), as the Observatory names it.
    pub result: &'static str,
    /// What the result adds to the score (bonuses only count from a penalty-only score
    /// of 90 up).
    pub score_modifier: i32,
    /// Whether the test passed.
    pub pass: bool,
    /// Why: the Observatory's description of the result.
    pub reason: &'static str,
    /// The Observatory's recommendation (empty when there is nothing to improve).
    pub recommendation: &'static str,
}

/// The outcome of [`grade`]: the score, the letter, and every test's result.
///
/// ```
/// use secure_headers::grade::{GradeContext, Letter, grade};
///
/// let report = grade(&Default::default(), &GradeContext::new());
/// // No header at all: CSP −25, HSTS −20, X-Content-Type-Options −5, X-Frame-Options −20.
/// assert_eq!((report.score, report.letter), (30, Letter::D));
/// assert_eq!(report.uncurved_score, 30);
/// assert_eq!(report.modifiers.len(), 10);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Grade {
    /// The final score (at least 0, no maximum).
    pub score: i32,
    /// The letter grade for the score.
    pub letter: Letter,
    /// 100 plus the negative modifiers only (can be negative): bonuses count when it is at
    /// least [`MINIMUM_SCORE_FOR_EXTRA_CREDIT`].
    pub uncurved_score: i32,
    /// Every test's result, in the order of [`Algorithm::tests`].
    pub modifiers: Vec<Modifier>,
    /// The algorithm the grade was computed with.
    pub algorithm: Algorithm,
}

impl Grade {
    /// The result of the test called `test`.
    ///
    /// ```
    /// use secure_headers::grade::{GradeContext, grade};
    /// let report = grade(&Default::default(), &GradeContext::new());
    /// assert_eq!(report.modifier("x-content-type-options").unwrap().score_modifier, -5);
    /// assert!(report.modifier("no-such-test").is_none());
    /// ```
    #[must_use]
    pub fn modifier(&self, test: &str) -> Option<&Modifier> {
        self.modifiers.iter().find(|m| m.test == test)
    }

    /// The number of tests that passed.
    ///
    /// ```
    /// use secure_headers::grade::{GradeContext, grade};
    /// let headers = secure_headers::Secure::with_default_headers();
    /// let mut map = secure_headers::http::HeaderMap::new();
    /// headers.set_headers(&mut map);
    /// assert_eq!(grade(&map, &GradeContext::new()).tests_passed(), 10);
    /// ```
    #[must_use]
    pub fn tests_passed(&self) -> usize {
        self.modifiers.iter().filter(|m| m.pass).count()
    }
}

/// Grades `headers` (one response's headers) as the Mozilla HTTP Observatory's current
/// release would ([`Algorithm::default`]), with `context` for what the headers cannot tell.
/// See the [module documentation](self).
///
/// ```
/// use secure_headers::grade::{GradeContext, Letter, grade};
/// use secure_headers::http::{HeaderMap, HeaderValue};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("content-security-policy", HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"));
/// headers.insert("strict-transport-security", HeaderValue::from_static("max-age=63072000"));
/// headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
/// headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
///
/// let report = grade(&headers, &GradeContext::new());
/// assert_eq!(report.score, 120); // 100 + 10 (CSP) + 5 (frame-ancestors) + 5 (Referrer-Policy)
/// assert_eq!(report.letter, Letter::APlus);
/// ```
#[must_use]
pub fn grade(headers: &HeaderMap, context: &GradeContext) -> Grade {
    grade_with(headers, context, Algorithm::default())
}

/// Grades `headers` as [`grade`] does, with the scoring of `algorithm`.
///
/// ```
/// use secure_headers::grade::{Algorithm, GradeContext, grade_with};
/// use secure_headers::http::{HeaderMap, HeaderValue};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("cross-origin-embedder-policy", HeaderValue::from_static("require-corp"));
/// headers.insert("cross-origin-opener-policy", HeaderValue::from_static("Same-Origin"));
///
/// // Algorithm 5 does not look at either header.
/// let current = grade_with(&headers, &GradeContext::new(), Algorithm::V5);
/// assert!(current.modifier("cross-origin-opener-policy").is_none());
///
/// // Algorithm 6 does; tokens are case-sensitive, so `Same-Origin` is invalid.
/// let next = grade_with(&headers, &GradeContext::new(), Algorithm::V6);
/// let coep = next.modifier("cross-origin-embedder-policy").unwrap();
/// assert_eq!((coep.result, coep.score_modifier), ("coep-implemented-with-require-corp", 10));
/// let coop = next.modifier("cross-origin-opener-policy").unwrap();
/// assert_eq!((coop.result, coop.score_modifier), ("coop-header-invalid", -5));
/// assert_eq!(next.modifiers.len(), 12);
/// ```
#[must_use]
pub fn grade_with(headers: &HeaderMap, context: &GradeContext, algorithm: Algorithm) -> Grade {
    let outcomes = checks::run(headers, context, algorithm);
    let mut with_bonus = 100;
    let mut uncurved = 100;
    let modifiers: Vec<Modifier> = outcomes
        .into_iter()
        .zip(algorithm.tests())
        .map(|((outcome, pass), test)| {
            let m = outcome.modifier_in(algorithm);
            with_bonus += m;
            if m < 0 {
                uncurved += m;
            }
            Modifier {
                test,
                result: outcome.as_str(),
                score_modifier: m,
                pass,
                reason: outcome.description_in(algorithm),
                recommendation: outcome.recommendation_in(algorithm),
            }
        })
        .collect();
    let score = if uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT {
        with_bonus
    } else {
        uncurved
    }
    .max(0);
    Grade {
        score,
        letter: Letter::from_score(score),
        uncurved_score: uncurved,
        modifiers,
        algorithm,
    }
}

/// JavaScript's `String.prototype.trim` (for the characters a header can hold).
fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// JavaScript's `s.split(/\s+/)`.
fn split_js_space(s: &str) -> Vec<&str> {
    if s.is_empty() {
        return vec![""];
    }
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        match rest.find(is_js_space) {
            Some(p) => {
                out.push(&rest[..p]);
                rest = rest[p..].trim_start_matches(is_js_space);
                if rest.is_empty() {
                    out.push("");
                    break;
                }
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out
}

/// JavaScript's `toLowerCase`.
fn js_lower(s: &str) -> String {
    s.to_lowercase()
}

#[cfg(feature = "serde")]
mod serde_impls {
    use serde::ser::SerializeStruct;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Grade, Letter, Modifier};

    impl Serialize for Letter {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }

    impl<'de> Deserialize<'de> for Letter {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let s = String::deserialize(d)?;
            s.parse().map_err(serde::de::Error::custom)
        }
    }

    impl Serialize for Modifier {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Modifier", 6)?;
            st.serialize_field("test", self.test)?;
            st.serialize_field("result", self.result)?;
            st.serialize_field("score_modifier", &self.score_modifier)?;
            st.serialize_field("pass", &self.pass)?;
            st.serialize_field("reason", self.reason)?;
            st.serialize_field("recommendation", self.recommendation)?;
            st.end()
        }
    }

    impl Serialize for Grade {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Grade", 5)?;
            st.serialize_field("algorithm", &self.algorithm.version())?;
            st.serialize_field("score", &self.score)?;
            st.serialize_field("grade", &self.letter)?;
            st.serialize_field("uncurved_score", &self.uncurved_score)?;
            st.serialize_field("modifiers", &self.modifiers)?;
            st.end()
        }
    }
}

#[cfg(test)]
mod tests;
