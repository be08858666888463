//! The native module of the `secure_headers` Python package: Python's `secure` 2.0.1 API
//! on the `secure-headers` core.
//!
//! The Python package keeps what must be Python (duck-typed responses, the ASGI and WSGI
//! protocols, logging); everything else is here, on the core's types:
//!
//! - `Header`: one mutable header builder (the state of a Python builder object). Each
//!   change is applied to a copy of the core policy and rendered at once, so a bad input
//!   raises `ValueError` at the call and leaves the builder as it was; the rendered value
//!   is kept, so reading it costs nothing.
//! - `preset`: the presets, rendered by the core.
//! - `run_step`: the pipeline steps (`allowlist_headers`, `deduplicate_headers`,
//!   `validate_and_normalize_headers`), run by the core.
//! - `secure`: the core `SecureBuilder` (`_native.SecureBuilder`) and the core `Secure`
//!   it builds for each configuration (`_native.Secure`): the request side (per-request
//!   nonces, HTTPS redirect, allowed hosts, trusted proxies) and the one header merge of
//!   `set_headers`, the ASGI and WSGI middlewares and the framework integrations, through
//!   the core's request API in one function.
//! - `analysis`: lint, grade and the report collector.
//! - `store`: the report store the collector can feed (a SQLite file or `postgres://`).
//!
//! Nothing here is process-wide: a Python `Secure` knows when its configuration changed
//! from its own header list (which its builders tell of their changes), not from a
//! counter shared by every instance.
//!
//! The native module is built by maturin, which links it as an extension module; `cargo`
//! builds it as an ordinary library linked to libpython.

#![allow(
    clippy::needless_pass_by_value,
    reason = "pyo3 hands the functions' arguments over as owned values"
)]

mod analysis;
mod secure;
mod store;

use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use secure_headers::pipeline::{
    Action, AllowlistOptions, DeduplicateAction, DeduplicateOptions, NormalizeOptions, OnInvalid,
    OnUnexpected, Reason, Step, StepKind,
};
use secure_headers::{
    CacheControl, ContentSecurityPolicy, CrossOriginEmbedderPolicy, CrossOriginOpenerPolicy,
    CrossOriginResourcePolicy, CustomHeader, Error, ErrorKind, PermissionsPolicy, Policy, Preset,
    ReferrerPolicy, Secure, Server, StrictTransportSecurity, XContentTypeOptions,
    XDnsPrefetchControl, XFrameOptions, XPermittedCrossDomainPolicies,
    permissions_policy::Allowlist,
};

/// The `ValueError` of a core error: its message as the core words it, and the core's
/// typed parts as attributes, so that Python code reads them instead of the text: `kind`
/// (the [`ErrorKind`] in snake case: `conflict`, `invalid_header_name`, ...), `header`,
/// `directive`, `input` and `detail` (each `None` when the error has none).
pub(crate) fn value_error(e: &Error) -> PyErr {
    typed_error(
        e.to_string(),
        &snake_case(&format!("{:?}", e.kind())),
        [
            ("header", e.header()),
            ("directive", e.directive()),
            ("input", e.input()),
            ("detail", e.detail()),
        ],
    )
}

/// A `ValueError` with `message` and the typed attributes `kind` and `parts` (see
/// [`value_error`]).
pub(crate) fn typed_error(message: String, kind: &str, parts: [(&str, Option<&str>); 4]) -> PyErr {
    let err = PyValueError::new_err(message);
    Python::attach(|py| {
        let value = err.value(py);
        // Setting an attribute on a fresh `ValueError` (which has a `__dict__`) cannot fail.
        let _ = value.setattr("kind", kind);
        for (name, part) in parts {
            let _ = value.setattr(name, part);
        }
    });
    err
}

/// `InvalidHeaderName` as `invalid_header_name`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The core policy behind one builder.
#[derive(Clone, Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "one per Python builder object; copied only when the builder changes"
)]
enum Inner {
    Cache(CacheControl),
    Coep(CrossOriginEmbedderPolicy),
    Coop(CrossOriginOpenerPolicy),
    Corp(CrossOriginResourcePolicy),
    Csp(ContentSecurityPolicy, bool),
    Custom(CustomHeader),
    Hsts(StrictTransportSecurity),
    Permissions(PermissionsPolicy),
    Referrer(ReferrerPolicy),
    Server(Server),
    Xcto(XContentTypeOptions),
    Xdfc(XDnsPrefetchControl),
    Xfo(XFrameOptions),
    Xpcdp(XPermittedCrossDomainPolicies),
}

impl Inner {
    fn new(kind: &str) -> PyResult<Self> {
        Ok(match kind {
            "CacheControl" => Self::Cache(CacheControl::new()),
            "CrossOriginEmbedderPolicy" => Self::Coep(CrossOriginEmbedderPolicy::new()),
            "CrossOriginOpenerPolicy" => Self::Coop(CrossOriginOpenerPolicy::new()),
            "CrossOriginResourcePolicy" => Self::Corp(CrossOriginResourcePolicy::new()),
            "ContentSecurityPolicy" => Self::Csp(ContentSecurityPolicy::new(), false),
            "StrictTransportSecurity" => Self::Hsts(StrictTransportSecurity::new()),
            "PermissionsPolicy" => Self::Permissions(PermissionsPolicy::new()),
            "ReferrerPolicy" => Self::Referrer(ReferrerPolicy::new()),
            "Server" => Self::Server(Server::new()),
            "XContentTypeOptions" => Self::Xcto(XContentTypeOptions::new()),
            "XDnsPrefetchControl" => Self::Xdfc(XDnsPrefetchControl::new()),
            "XFrameOptions" => Self::Xfo(XFrameOptions::new()),
            "XPermittedCrossDomainPolicies" => Self::Xpcdp(XPermittedCrossDomainPolicies::new()),
            _ => {
                return Err(PyValueError::new_err(format!(
                    "unknown header kind {kind:?}"
                )));
            }
        })
    }

    /// The policy parsed from a value the core rendered (a preset's), so that later
    /// changes merge into it as they would into the builder that made it.
    fn parsed(kind: &str, value: &str) -> Result<Self, Error> {
        Ok(match kind {
            "CacheControl" => Self::Cache(value.parse()?),
            "CrossOriginEmbedderPolicy" => Self::Coep(value.parse()?),
            "CrossOriginOpenerPolicy" => Self::Coop(value.parse()?),
            "CrossOriginResourcePolicy" => Self::Corp(value.parse()?),
            "ContentSecurityPolicy" => Self::Csp(value.parse()?, false),
            "StrictTransportSecurity" => Self::Hsts(value.parse()?),
            "PermissionsPolicy" => Self::Permissions(value.parse()?),
            "ReferrerPolicy" => Self::Referrer(value.parse()?),
            "Server" => Self::Server(Server::new().value(value)),
            "XContentTypeOptions" => Self::Xcto(value.parse()?),
            "XDnsPrefetchControl" => Self::Xdfc(value.parse()?),
            "XFrameOptions" => Self::Xfo(value.parse()?),
            "XPermittedCrossDomainPolicies" => Self::Xpcdp(value.parse()?),
            _ => return Err(Error::new(secure_headers::ErrorKind::InvalidHeaderName)),
        })
    }

    fn policy(&self) -> &dyn Policy {
        match self {
            Self::Cache(p) => p,
            Self::Coep(p) => p,
            Self::Coop(p) => p,
            Self::Corp(p) => p,
            Self::Csp(p, _) => p,
            Self::Custom(p) => p,
            Self::Hsts(p) => p,
            Self::Permissions(p) => p,
            Self::Referrer(p) => p,
            Self::Server(p) => p,
            Self::Xcto(p) => p,
            Self::Xdfc(p) => p,
            Self::Xfo(p) => p,
            Self::Xpcdp(p) => p,
        }
    }

    fn name(&self) -> &str {
        match self {
            Self::Csp(_, true) => "Content-Security-Policy-Report-Only",
            other => other.policy().name(),
        }
    }
}

fn strings(args: &[Bound<'_, PyAny>]) -> PyResult<Vec<String>> {
    args.iter().map(|a| a.extract::<String>()).collect()
}

fn arg<'py, T: FromPyObjectOwned<'py>>(args: &[Bound<'py, PyAny>], i: usize) -> PyResult<T> {
    match args.get(i) {
        Some(a) => a.extract::<T>().map_err(Into::into),
        None => Err(PyTypeError::new_err(format!("missing argument {}", i + 1))),
    }
}

fn seconds(args: &[Bound<'_, PyAny>], i: usize) -> PyResult<Duration> {
    Ok(Duration::from_secs(arg::<u64>(args, i)?))
}

fn unknown(op: &str) -> PyErr {
    PyValueError::new_err(format!("unknown operation {op:?}"))
}

/// Applies `op` with `args` to a copy of `inner`.
fn apply(inner: &Inner, op: &str, args: &[Bound<'_, PyAny>]) -> PyResult<Inner> {
    let next = match (inner.clone(), op) {
        (Inner::Custom(p), "value") => Inner::Custom(p.value(&arg::<String>(args, 0)?)),
        (Inner::Custom(_), _) => return Err(unknown(op)),
        (Inner::Csp(_, ro), "clear") => Inner::Csp(ContentSecurityPolicy::new(), ro),
        (Inner::Csp(p, ro), "value") => Inner::Csp(p.value(arg::<String>(args, 0)?), ro),
        (Inner::Csp(p, ro), "directive") => {
            let values = strings(&args[1..])?;
            Inner::Csp(p.custom_directive(arg::<String>(args, 0)?, values), ro)
        }
        (Inner::Csp(p, _), "report_only") => Inner::Csp(p, true),
        (Inner::Csp(p, _), "enforce") => Inner::Csp(p, false),
        (Inner::Permissions(_), "clear") => Inner::Permissions(PermissionsPolicy::new()),
        (Inner::Permissions(p), "value") => Inner::Permissions(p.value(arg::<String>(args, 0)?)),
        (Inner::Permissions(p), "directive") => {
            let allowlist = Allowlist::from_tokens(strings(&args[1..])?);
            Inner::Permissions(p.add_directive(arg::<String>(args, 0)?, allowlist))
        }
        (Inner::Hsts(_), "clear") => Inner::Hsts(StrictTransportSecurity::new()),
        (Inner::Hsts(p), "value") => Inner::Hsts(p.value(arg::<String>(args, 0)?)),
        (Inner::Hsts(p), "max_age") => Inner::Hsts(p.max_age(seconds(args, 0)?)),
        (Inner::Hsts(p), "include_subdomains") => Inner::Hsts(p.include_subdomains()),
        (Inner::Hsts(p), "preload") => Inner::Hsts(p.preload()),
        (Inner::Referrer(p), "clear") => Inner::Referrer(p.clear()),
        (Inner::Referrer(p), "add") => Inner::Referrer(p.add(arg::<String>(args, 0)?)),
        (Inner::Referrer(p), "value") => Inner::Referrer(p.value(arg::<String>(args, 0)?)),
        (Inner::Referrer(p), "fallback") => Inner::Referrer(p.fallback(strings(args)?)),
        (Inner::Cache(p), op) => Inner::Cache(cache(p, op, args)?),
        (Inner::Xfo(p), "allow_from") => Inner::Xfo(p.allow_from(&arg::<String>(args, 0)?)),
        (Inner::Xpcdp(p), "policy") => Inner::Xpcdp(p.policy(&arg::<String>(args, 0)?)),
        (single, "value") => {
            let v = arg::<String>(args, 0)?;
            match single {
                Inner::Coep(p) => Inner::Coep(p.value(&v)),
                Inner::Coop(p) => Inner::Coop(p.value(&v)),
                Inner::Corp(p) => Inner::Corp(p.value(&v)),
                Inner::Server(p) => Inner::Server(p.value(&v)),
                Inner::Xcto(p) => Inner::Xcto(p.value(&v)),
                Inner::Xdfc(p) => Inner::Xdfc(p.value(&v)),
                Inner::Xfo(p) => Inner::Xfo(p.value(&v)),
                Inner::Xpcdp(p) => Inner::Xpcdp(p.value(&v)),
                _ => return Err(unknown(op)),
            }
        }
        (single, "clear") => match single {
            Inner::Coep(_) => Inner::Coep(CrossOriginEmbedderPolicy::new()),
            Inner::Coop(_) => Inner::Coop(CrossOriginOpenerPolicy::new()),
            Inner::Corp(_) => Inner::Corp(CrossOriginResourcePolicy::new()),
            Inner::Server(_) => Inner::Server(Server::new()),
            Inner::Xcto(_) => Inner::Xcto(XContentTypeOptions::new()),
            Inner::Xdfc(_) => Inner::Xdfc(XDnsPrefetchControl::new()),
            Inner::Xfo(_) => Inner::Xfo(XFrameOptions::new()),
            Inner::Xpcdp(_) => Inner::Xpcdp(XPermittedCrossDomainPolicies::new()),
            _ => return Err(unknown(op)),
        },
        _ => return Err(unknown(op)),
    };
    Ok(next)
}

fn cache(p: CacheControl, op: &str, args: &[Bound<'_, PyAny>]) -> PyResult<CacheControl> {
    Ok(match op {
        "clear" => CacheControl::new(),
        "value" => p.value(arg::<String>(args, 0)?),
        "custom" => p.custom(arg::<String>(args, 0)?),
        "no_store" => p.no_store(),
        "no_cache" => p.no_cache(),
        "private" => p.private(),
        "public" => p.public(),
        "must_revalidate" => p.must_revalidate(),
        "proxy_revalidate" => p.proxy_revalidate(),
        "must_understand" => p.must_understand(),
        "no_transform" => p.no_transform(),
        "immutable" => p.immutable(),
        "only_if_cached" => p.only_if_cached(),
        "max_age" => p.max_age(seconds(args, 0)?),
        "s_maxage" => p.s_maxage(seconds(args, 0)?),
        "min_fresh" => p.min_fresh(seconds(args, 0)?),
        "stale_while_revalidate" => p.stale_while_revalidate(seconds(args, 0)?),
        "stale_if_error" => p.stale_if_error(seconds(args, 0)?),
        "max_stale" => match args.first() {
            Some(a) if !a.is_none() => p.max_stale(seconds(args, 0)?),
            _ => p.max_stale(None),
        },
        _ => return Err(unknown(op)),
    })
}

/// One header builder's state: the core policy and its rendered value.
#[pyclass(module = "secure_headers._native")]
#[derive(Clone, Debug)]
struct Header {
    inner: Inner,
    value: String,
}

impl Header {
    fn from_inner(inner: Inner) -> PyResult<Self> {
        let value = inner.policy().render().map_err(|e| value_error(&e))?;
        Ok(Self { inner, value })
    }
}

#[pymethods]
impl Header {
    /// A builder of `kind` with the header's default value.
    #[new]
    fn new(kind: &str) -> PyResult<Self> {
        Self::from_inner(Inner::new(kind)?)
    }

    /// A custom header: the name is checked, the value kept raw (as Python's `secure`),
    /// except that a value with a character no HTTP server can send (beyond U+00FF, the
    /// last one a header byte can carry) is a `ValueError` naming the header and the value.
    #[staticmethod]
    fn custom(name: &str, value: &str) -> PyResult<Self> {
        if let Some(c) = value.chars().find(|&c| u32::from(c) > 0xFF) {
            let message = format!(
                "CustomHeader(header={name:?}): the value {value:?} contains {c:?} (U+{:04X}), which no \
                 HTTP header can carry (header values are bytes: ASCII, or Latin-1 obs-text)",
                u32::from(c)
            );
            let detail = format!("U+{:04X} cannot be sent", u32::from(c));
            return Err(typed_error(
                message,
                "invalid_header_value",
                [
                    ("header", Some(name)),
                    ("directive", None),
                    ("input", Some(value)),
                    ("detail", Some(&detail)),
                ],
            ));
        }
        let header = CustomHeader::new(name, value);
        match header.render() {
            Err(e) if e.kind() == ErrorKind::InvalidHeaderName => {
                let detail = e
                    .detail()
                    .unwrap_or("a header name must be a non-empty RFC 9110 token");
                let message =
                    format!("CustomHeader(header={name:?}): not a valid header name ({detail})");
                Err(typed_error(
                    message,
                    "invalid_header_name",
                    [
                        ("header", Some(name)),
                        ("directive", None),
                        ("input", Some(name)),
                        ("detail", Some(detail)),
                    ],
                ))
            }
            _ => Self::from_inner(Inner::Custom(header)),
        }
    }

    /// Applies one builder operation; raises `ValueError` (and changes nothing) when the
    /// core refuses the input.
    #[pyo3(signature = (op, *args))]
    fn call(&mut self, op: &str, args: &Bound<'_, PyTuple>) -> PyResult<()> {
        let args: Vec<Bound<'_, PyAny>> = args.iter().collect();
        let next = Self::from_inner(apply(&self.inner, op, &args)?)?;
        *self = next;
        Ok(())
    }

    /// An independent copy.
    fn copy(&self) -> Self {
        self.clone()
    }

    /// The header name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The rendered value.
    #[getter]
    fn value(&self) -> &str {
        &self.value
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.inner.name() == other.inner.name()
            && self.value == other.value
            && std::mem::discriminant(&self.inner) == std::mem::discriminant(&other.inner)
    }
}

/// The preset `name` (`basic`, `balanced`, `strict`) as `(kind, builder)` pairs in emission
/// order; `kind` is the builder class's name (see `kind_of`).
#[pyfunction]
fn preset(name: &str) -> PyResult<Vec<(String, Header)>> {
    let preset = Preset::ALL
        .into_iter()
        .find(|p| p.as_str() == name)
        .ok_or_else(|| PyValueError::new_err(format!("Unknown preset: {name}")))?;
    let secure = Secure::from_preset(preset);
    secure
        .header_items()
        .map(|(name, value)| {
            let kind = kind_of(name);
            let header = match kind {
                "CustomHeader" => Header::custom(name, value)?,
                kind => {
                    Header::from_inner(Inner::parsed(kind, value).map_err(|e| value_error(&e))?)?
                }
            };
            Ok((kind.to_owned(), header))
        })
        .collect()
}

/// The builder kind of a header name: its type's name in the core's registry
/// (`ContentSecurityPolicy`, the name of the Python class too) when the package has a
/// builder class for it, else `CustomHeader` (what `secure` 2.0.1 sends such headers as).
fn kind_of(name: &str) -> &'static str {
    secure_headers::registry::HeaderInfo::get(name)
        .map(|h| h.type_name)
        .filter(|kind| Inner::new(kind).is_ok())
        .unwrap_or("CustomHeader")
}

fn step_name(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Allowlist => "allowlist",
        StepKind::Deduplicate => "deduplicate",
        _ => "normalize",
    }
}

fn reason_name(reason: Reason) -> &'static str {
    match reason {
        Reason::NotAllowed => "not_allowed",
        Reason::DuplicateKeptFirst => "duplicate_kept_first",
        Reason::DuplicateKeptLast => "duplicate_kept_last",
        Reason::Joined => "joined",
        Reason::InvalidName => "invalid_name",
        Reason::LeadingWhitespace => "leading_whitespace",
        Reason::EmptyValue => "empty_value",
        Reason::EmptyAfterSanitization => "empty_after_sanitization",
        _ => "normalized",
    }
}

fn action_name(action: Action) -> &'static str {
    match action {
        Action::Kept => "kept",
        Action::Dropped => "dropped",
        Action::Merged => "merged",
        _ => "rewritten",
    }
}

type Decisions = Vec<(&'static str, String, &'static str, &'static str)>;

/// Runs one pipeline step of the core over `items`.
///
/// `step` is `allowlist` (options: `allowed`, `on_unexpected`, `allow_x_prefixed`),
/// `deduplicate` (`action`, `comma_join_ok`, `multi_ok`) or `normalize` (`on_invalid`,
/// `strict`, `allow_obs_text`, and `multi_ok` for the names that may stay duplicated).
/// Returns the surviving items and the decisions as `(step, header, action, reason)`, the
/// reason typed by the core (`invalid_name`, `duplicate_kept_last`, ...; see
/// `reason_name`), so that Python words it as `secure` 2.0.1 did without reading the
/// core's text; a raising mode raises `ValueError`.
#[pyfunction]
#[pyo3(signature = (step, items, *, names = Vec::new(), mode = String::new(), flag = false, flag2 = false, names2 = Vec::new()))]
fn run_step(
    step: &str,
    items: Vec<(String, String)>,
    names: Vec<String>,
    mode: String,
    flag: bool,
    flag2: bool,
    names2: Vec<String>,
) -> PyResult<(Vec<(String, String)>, Decisions)> {
    let mut multi_ok: Vec<&str> = Vec::new();
    let step = match step {
        "allowlist" => {
            let on = match mode.as_str() {
                "drop" => OnUnexpected::Drop,
                "warn" => OnUnexpected::Warn,
                _ => OnUnexpected::Raise,
            };
            Step::Allowlist(
                AllowlistOptions::new()
                    .allowed(&names)
                    .on_unexpected(on)
                    .allow_x_prefixed(flag),
            )
        }
        "deduplicate" => {
            let action = match mode.as_str() {
                "first" => DeduplicateAction::First,
                "last" => DeduplicateAction::Last,
                "concat" => DeduplicateAction::Concat,
                _ => DeduplicateAction::Raise,
            };
            Step::Deduplicate(
                DeduplicateOptions::new()
                    .action(action)
                    .comma_join_ok(&names)
                    .multi_ok(&names2),
            )
        }
        "normalize" => {
            let on = match mode.as_str() {
                "warn" => OnInvalid::Warn,
                "raise" => OnInvalid::Raise,
                _ => OnInvalid::Drop,
            };
            multi_ok.extend(names2.iter().map(String::as_str));
            Step::Normalize(
                NormalizeOptions::new()
                    .on_invalid(on)
                    .strict(flag)
                    .allow_obs_text(flag2),
            )
        }
        other => return Err(PyValueError::new_err(format!("unknown step {other:?}"))),
    };
    let pairs = items.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let (out, report) = step.run(pairs, &multi_ok);
    let out = out.map_err(|e| value_error(&e))?;
    let decisions = report
        .decisions()
        .iter()
        .map(|d| {
            let step = step_name(d.step());
            (
                step,
                d.header().to_owned(),
                action_name(d.action()),
                reason_name(d.reason()),
            )
        })
        .collect();
    Ok((out, decisions))
}

/// Drops the random bytes this thread buffered for nonces it has not handed out yet
/// (`CspNonce::discard_buffered`): the package registers it with
/// `os.register_at_fork(after_in_child=...)`, so that a forked worker never hands out a
/// nonce its parent (or a sibling) also hands out.
#[pyfunction]
fn discard_nonce_buffer() {
    secure_headers::CspNonce::discard_buffered();
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // The constants of `secure` 2.0.1, from the one place the core keeps them.
    m.add("MULTI_OK", secure_headers::MULTI_OK.to_vec())?;
    m.add("COMMA_JOIN_OK", secure_headers::COMMA_JOIN_OK.to_vec())?;
    m.add(
        "DEFAULT_ALLOWED_HEADERS",
        secure_headers::DEFAULT_ALLOWED_HEADERS.to_vec(),
    )?;
    m.add_class::<Header>()?;
    m.add_function(wrap_pyfunction!(preset, m)?)?;
    m.add_function(wrap_pyfunction!(run_step, m)?)?;
    m.add_function(wrap_pyfunction!(discard_nonce_buffer, m)?)?;
    m.add_class::<secure::Builder>()?;
    m.add_class::<secure::Core>()?;
    m.add_class::<secure::Context>()?;
    m.add_class::<secure::Early>()?;
    m.add_class::<analysis::Collector>()?;
    m.add_class::<store::ReportStore>()?;
    m.add_function(wrap_pyfunction!(analysis::lint_headers, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::lint_csp, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::grade, m)?)?;
    Ok(())
}
