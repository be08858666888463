//! The core `Secure` of a Python configuration, and the core `SecureBuilder` that makes it.
//!
//! - [`Builder`] (`_native.SecureBuilder`) wraps the core's [`SecureBuilder`]: the
//!   request-side options of `Secure.protect` (HTTPS redirect, allowed hosts, trusted
//!   proxies, HSTS on secure requests only, nonces for every request), then the headers of
//!   one configuration.
//! - [`Core`] (`_native.Secure`) owns the core [`Secure`] it builds. It decides for each
//!   request (per-request CSP nonces, HTTPS redirects, allowed hosts, trusted proxies) and
//!   has the one merge ([`Core::merge_for`]) that `set_headers`, the ASGI and WSGI
//!   middlewares and every framework integration use: one sink ([`Merge`]), one apply
//!   call into the core.
//!
//! [`request_core`] is the only function of this crate that calls the core's request API
//! (`Secure::inspect` and `Secure::set_headers_converted`), so that a change of that API is
//! adapted in one place.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use secure_headers::http::StatusCode;
use secure_headers::request::RawRequest;
use secure_headers::transport::{AllowedHosts, ForwardedHeader, HstsMode, HttpsRedirect};
use secure_headers::{
    Converted, CustomHeader, EarlyResponse, HeaderSink, RequestContext, Secure, SecureBuilder,
};

use crate::{typed_error, value_error};

/// What [`request_core`] is asked to do.
enum Call<'a, 'g> {
    /// Decide for a request before the handler runs.
    Inspect(&'a View),
    /// Apply the headers for the request `context` was made for.
    Apply(&'a RequestContext, &'a mut Merge<'g>),
}

/// The one place this crate calls the core's request API.
fn request_core(secure: &Secure, call: Call<'_, '_>) -> Result<RequestContext, EarlyResponse> {
    match call {
        Call::Inspect(view) => secure.inspect(view),
        Call::Apply(context, sink) => {
            let converted = sink.converted;
            secure.set_headers_converted(converted, sink, context, |v| Some(Val::Filled(v.into())));
            Ok(*context)
        }
    }
}

/// A request as the core sees it, copied from the ASGI scope, the WSGI environ or a
/// framework's request.
type View = RawRequest;

/// A configured header's value on its way into a response: the entry's own (whose Python
/// pairs are made once, in [`Core::new`]), or one the core filled with the request's
/// nonce.
#[derive(Clone, Debug)]
enum Val {
    Ready(usize),
    Filled(Box<[u8]>),
}

/// A response's headers during the merge: the app's (kept as the Python pairs they were,
/// with the index of their name among the configured ones, `None` for any other name) and
/// the configured ones the core inserts. Names are indexes into [`Core::names`].
#[derive(Debug)]
struct Merge<'g> {
    converted: &'g Converted<usize, Val>,
    items: Vec<(Option<usize>, Item)>,
}

#[derive(Debug)]
enum Item {
    App(Py<PyAny>),
    Ours(Val),
}

impl HeaderSink for Merge<'_> {
    type Name = usize;
    type Value = Val;

    fn insert(&mut self, name: &usize, value: Val) {
        self.remove(name);
        self.append(name, value);
    }

    fn append(&mut self, name: &usize, value: Val) {
        self.items.push((Some(*name), Item::Ours(value)));
    }

    fn contains(&self, name: &usize) -> bool {
        self.items.iter().any(|(n, _)| *n == Some(*name))
    }

    fn remove(&mut self, name: &usize) {
        self.items.retain(|(n, _)| *n != Some(*name));
    }

    fn reserve(&mut self, additional: usize) {
        self.items.reserve(additional);
    }
}

/// Calls `f` with the bytes of a header name or value given as `bytes` or `str`.
fn with_bytes<R>(obj: &Bound<'_, PyAny>, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(f(b.as_bytes()));
    }
    Ok(f(obj.cast::<PyString>()?.to_str()?.as_bytes()))
}

/// The first element of a pair (a tuple, or any sequence).
fn first<'py>(pair: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    match pair.cast::<PyTuple>() {
        Ok(t) => t.get_item(0),
        Err(_) => pair.get_item(0),
    }
}

fn text_or_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    with_bytes(obj, <[u8]>::to_vec)
}

/// The answer to send instead of calling the app (an HTTPS redirect, or a refusal), as the
/// core's `EarlyResponse` makes it: the status and its reason phrase, `Content-Type` (a
/// refusal) and `Location` (a redirect) before the security headers, and the body (a
/// refusal says why in one line).
#[pyclass(module = "secure_headers._native", frozen)]
#[derive(Debug)]
pub(crate) struct Early {
    status: u16,
    reason: &'static str,
    headers: Py<PyList>,
    body: &'static str,
}

#[pymethods]
impl Early {
    /// The status code.
    #[getter]
    fn status(&self) -> u16 {
        self.status
    }

    /// The status's reason phrase (`Bad Request`), for a WSGI status line.
    #[getter]
    fn reason(&self) -> &'static str {
        self.reason
    }

    /// The headers, as `(name, value)` strings.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> Bound<'py, PyList> {
        self.headers.bind(py).clone()
    }

    /// The body (empty for a redirect).
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.body.as_bytes())
    }
}

/// The per-request context: the request's nonce (if the policy uses one).
#[pyclass(module = "secure_headers._native", frozen)]
#[derive(Debug)]
pub(crate) struct Context {
    inner: RequestContext,
}

#[pymethods]
impl Context {
    /// The request's CSP nonce, or `None`.
    #[getter]
    fn nonce(&self) -> Option<&str> {
        self.inner.nonce().map(|n| n.as_str())
    }

    /// Whether the request was found secure (TLS, or HTTPS behind a trusted proxy).
    #[getter]
    fn secure(&self) -> bool {
        self.inner.is_secure()
    }
}

/// The request-side options of a Python configuration (`Secure.protect`) in the core's
/// [`SecureBuilder`]; [`build`](Builder::build) adds one configuration's headers.
#[pyclass(module = "secure_headers._native", name = "SecureBuilder")]
#[derive(Debug, Default)]
pub(crate) struct Builder {
    inner: SecureBuilder,
    /// Whether `protect` asked for a nonce on every request.
    provide_nonce: bool,
}

#[pymethods]
impl Builder {
    /// A builder with no header and no request-side option.
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// Replaces the request-side options: `https_redirect`: a redirect status (301, 302,
    /// 307, 308) or `None`; `allowed_hosts`: host patterns (`example.com`,
    /// `*.example.com`) or `None`; `trusted_proxies`: addresses whose forwarding headers
    /// (`forwarded_headers`) are believed; `hsts_secure_only`: send HSTS on secure requests
    /// only; `provide_nonce`: make a nonce for every request even when no header uses one.
    /// `ValueError` (and nothing changed) if the core refuses them.
    #[pyo3(signature = (*, https_redirect = None, allowed_hosts = None, trusted_proxies = Vec::new(), forwarded_headers = Vec::new(), hsts_secure_only = false, provide_nonce = false))]
    fn protect(
        &mut self,
        https_redirect: Option<u16>,
        allowed_hosts: Option<Vec<String>>,
        trusted_proxies: Vec<String>,
        forwarded_headers: Vec<String>,
        hsts_secure_only: bool,
        provide_nonce: bool,
    ) -> PyResult<()> {
        let mut builder = SecureBuilder::new();
        if let Some(status) = https_redirect {
            let status = StatusCode::from_u16(status)
                .map_err(|_| PyValueError::new_err(format!("invalid redirect status {status}")))?;
            builder = builder.https_redirect(HttpsRedirect::new().status(status));
        }
        if let Some(hosts) = allowed_hosts {
            builder = builder.allowed_hosts(AllowedHosts::new(hosts));
        }
        builder = builder.trusted_proxies(&trusted_proxies);
        let mut forwarded = Vec::with_capacity(forwarded_headers.len());
        for h in &forwarded_headers {
            forwarded.push(ForwardedHeader::from_name(h).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "unknown forwarding header {h:?} (forwarded, x-forwarded-proto, x-forwarded-host)"
                ))
            })?);
        }
        builder = builder.forwarded_headers(forwarded);
        if hsts_secure_only {
            builder = builder.hsts_mode(HstsMode::SecureOnly);
        }
        let builder = builder.provide_nonce(provide_nonce);
        builder.build().map_err(|e| value_error(&e))?;
        self.inner = builder;
        self.provide_nonce = provide_nonce;
        Ok(())
    }

    /// The core `Secure` of these options with `items` (the headers, sent in this order,
    /// as `secure` 2.0.1's list keeps them) and `multi_ok` (the names appended after the
    /// application's rather than replacing them). `ValueError` naming the header if one
    /// could split or inject a header (CR, LF or NUL), or if the core refuses the
    /// configuration.
    fn build(
        &self,
        py: Python<'_>,
        items: Vec<(String, String)>,
        multi_ok: Vec<String>,
    ) -> PyResult<Core> {
        check_sendable(&items)?;
        // Latin-1 obs-text is sent as those bytes, as `secure` 2.0.1 sends it (`Header::custom`
        // refuses anything beyond U+00FF when the header is made).
        let mut builder = self.inner.clone().multi_ok(&multi_ok).allow_obs_text(true);
        for (name, value) in &items {
            builder = builder.custom(CustomHeader::new(name, value));
        }
        let secure = builder.build().map_err(|e| value_error(&e))?;
        Core::new(py, secure, self.provide_nonce)
    }
}

/// Refuses (`ValueError`) a header that could split or inject a header when sent: a name
/// or value with CR, LF or NUL.
fn check_sendable(items: &[(String, String)]) -> PyResult<()> {
    for (name, value) in items {
        for (what, text) in [("name", name), ("value", value)] {
            if text.contains(['\r', '\n', '\0']) {
                let message = format!(
                    "header {name:?}: the {what} {text:?} contains CR, LF or NUL and cannot be sent"
                );
                let parts = [
                    ("header", Some(name.as_str())),
                    ("directive", None),
                    ("input", Some(text.as_str())),
                    ("detail", Some("CR, LF or NUL cannot be sent")),
                ];
                return Err(typed_error(message, "invalid_character", parts));
            }
        }
    }
    Ok(())
}

/// The core `Secure` of one Python configuration (built by [`Builder::build`]), with its
/// names and values converted once into what the merge hands to Python.
#[pyclass(module = "secure_headers._native", name = "Secure", frozen)]
#[derive(Debug)]
pub(crate) struct Core {
    secure: Secure,
    /// The core's names and values converted once ([`Secure::convert`]): names are indexes
    /// into `names`, values are [`Val::Ready`] indexes into `ready`.
    converted: Converted<usize, Val>,
    /// Every name the merge may meet: `(lowercase, as configured)`.
    names: Vec<(String, String)>,
    /// Each configured header as ready-made Python pairs (`bytes` for ASGI, `str` for
    /// WSGI and `set_headers`), made once: a merge hands these out for every response.
    ready: Vec<Ready>,
    /// Whether something must be decided for each request before the app runs: a nonce,
    /// or a request-side check.
    request_side: bool,
}

#[derive(Debug)]
struct Ready {
    as_bytes: Py<PyAny>,
    as_str: Py<PyAny>,
}

impl Core {
    fn new(py: Python<'_>, secure: Secure, provide_nonce: bool) -> PyResult<Self> {
        let mut names: Vec<(String, String)> = Vec::new();
        let mut entry = 0;
        let converted = secure
            .convert(
                |name| Some(index_of(&mut names, name)),
                |_| {
                    entry += 1;
                    Some(Val::Ready(entry - 1))
                },
            )
            .ok_or_else(|| PyValueError::new_err("a header the merge cannot carry"))?;
        let mut ready = Vec::with_capacity(secure.entries().len());
        for e in secure.entries() {
            let i = index_of(&mut names, e.header_name().as_str());
            if names[i].1.is_empty() {
                names[i].1 = e.name().to_owned();
            }
            let bytes = [
                PyBytes::new(py, e.name().as_bytes()).into_any(),
                PyBytes::new(py, e.value().as_bytes()).into_any(),
            ];
            let text = [
                PyString::new(py, e.name()).into_any(),
                PyString::new(py, e.value_str()).into_any(),
            ];
            ready.push(Ready {
                as_bytes: PyTuple::new(py, bytes)?.into_any().unbind(),
                as_str: PyTuple::new(py, text)?.into_any().unbind(),
            });
        }
        let request_side = secure.inspects_request() || secure.uses_nonce() || provide_nonce;
        Ok(Self {
            secure,
            converted,
            names,
            ready,
            request_side,
        })
    }
}

#[pymethods]
impl Core {
    /// Whether something is decided for each request before the app runs ([`inspect`](
    /// Self::inspect)): a header uses the per-request nonce, a nonce is provided for every
    /// request, or a request-side check (HTTPS redirect, allowed hosts, HSTS on secure
    /// requests only) is configured. If not, the merge needs no context.
    #[getter]
    fn request_side(&self) -> bool {
        self.request_side
    }

    /// Whether a header uses the per-request nonce.
    #[getter]
    fn uses_nonce(&self) -> bool {
        self.secure.uses_nonce()
    }

    /// Decides for one request: a [`Context`] to run the app with, or an [`Early`] answer
    /// to send at once (a redirect or a refusal, with the security headers).
    #[pyo3(signature = (*, method, path, headers, scheme = None, authority = None, peer = None, tls = false))]
    #[allow(
        clippy::too_many_arguments,
        reason = "the request, as keyword arguments from Python"
    )]
    fn inspect(
        &self,
        method: String,
        path: String,
        headers: &Bound<'_, PyAny>,
        scheme: Option<String>,
        authority: Option<String>,
        peer: Option<String>,
        tls: bool,
    ) -> PyResult<Py<PyAny>> {
        let py = headers.py();
        let mut view = View {
            method,
            scheme,
            authority,
            path_and_query: path,
            peer: peer.and_then(|p| p.parse().ok()),
            tls,
            headers: Vec::new(),
        };
        for pair in headers.try_iter()? {
            let pair = pair?;
            let name = text_or_bytes(&pair.get_item(0)?)?;
            let value = text_or_bytes(&pair.get_item(1)?)?;
            // Names are compared ignoring ASCII case: no lowercase copy is made.
            let name = String::from_utf8(name)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            view.headers.push((name, value));
        }
        match request_core(&self.secure, Call::Inspect(&view)) {
            Ok(inner) => Ok(Py::new(py, Context { inner })?.into_any()),
            Err(early) => {
                let headers = self.merge_for(py, &early.context(), None, false)?;
                let mut first = Vec::new();
                if let Some(content_type) = early.content_type() {
                    first.push(("Content-Type", content_type));
                }
                if let Some(location) = early.location() {
                    first.push(("Location", location.clone()));
                }
                for (i, (name, value)) in first.into_iter().enumerate() {
                    let value = String::from_utf8_lossy(value.as_bytes());
                    headers.insert(i, (name, value.as_ref()))?;
                }
                let status = early.status();
                let early = Early {
                    status: status.as_u16(),
                    reason: status.canonical_reason().unwrap_or(""),
                    headers: headers.unbind(),
                    body: early.body(),
                };
                Ok(Py::new(py, early)?.into_any())
            }
        }
    }

    /// A context for a response made without a request (`set_headers`): a fresh nonce if
    /// a header uses one, as the core's `Secure::set_headers` makes on every call.
    fn context(&self) -> Context {
        Context {
            inner: self.secure.request_context(),
        }
    }

    /// The app's `headers` (pairs of `bytes` for ASGI, of `str` for WSGI, as `as_bytes`
    /// says; none for `set_headers`) with the configured ones merged in for the request of
    /// `context` (`None`: a response no request-side decision applies to).
    #[pyo3(signature = (context, headers = None, as_bytes = false))]
    fn merge<'py>(
        &self,
        py: Python<'py>,
        context: Option<PyRef<'_, Context>>,
        headers: Option<&Bound<'py, PyAny>>,
        as_bytes: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let context = context.map_or_else(RequestContext::default, |c| c.inner);
        self.merge_for(py, &context, headers, as_bytes)
    }
}

impl Core {
    fn sink(&self) -> Merge<'_> {
        Merge {
            converted: &self.converted,
            items: Vec::with_capacity(self.ready.len() + 8),
        }
    }

    /// The index of the name `lower` is (compared as `secure` 2.0.1 does: trimmed, any
    /// case) among the names the merge knows.
    fn known(&self, name: &[u8]) -> Option<usize> {
        let name = name.trim_ascii();
        self.names
            .iter()
            .position(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name))
    }

    /// The one merge: the app's `headers` with the configured ones the core applies for
    /// `context` (its nonce, HSTS on secure requests only, the insert modes), the app's
    /// pairs kept as they were, ours as the ready-made pairs unless a nonce filled them.
    fn merge_for<'py>(
        &self,
        py: Python<'py>,
        context: &RequestContext,
        headers: Option<&Bound<'py, PyAny>>,
        as_bytes: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let mut merge = self.sink();
        if let Some(headers) = headers {
            for pair in headers.try_iter()? {
                let pair = pair?;
                let name = with_bytes(&first(&pair)?, |b| self.known(b))?;
                merge.items.push((name, Item::App(pair.unbind())));
            }
        }
        let _ = request_core(&self.secure, Call::Apply(context, &mut merge));
        let mut out = Vec::with_capacity(merge.items.len());
        for (name, item) in merge.items {
            match item {
                Item::App(pair) => out.push(pair),
                Item::Ours(Val::Ready(i)) => {
                    let r = &self.ready[i];
                    out.push(if as_bytes { &r.as_bytes } else { &r.as_str }.clone_ref(py));
                }
                Item::Ours(Val::Filled(value)) => {
                    let name = name.map_or("", |i| self.names[i].1.as_str());
                    let pair = if as_bytes {
                        let n = PyBytes::new(py, name.as_bytes());
                        let v = PyBytes::new(py, &value);
                        PyTuple::new(py, [n.into_any(), v.into_any()])?
                    } else {
                        let n = PyString::new(py, name);
                        let v = PyString::new(py, &String::from_utf8_lossy(&value));
                        PyTuple::new(py, [n.into_any(), v.into_any()])?
                    };
                    out.push(pair.into_any().unbind());
                }
            }
        }
        PyList::new(py, out)
    }
}

/// The index of `name` (an `http` name, lowercase) in `names`, added if new.
fn index_of(names: &mut Vec<(String, String)>, name: &str) -> usize {
    if let Some(i) = names.iter().position(|(n, _)| n == name) {
        return i;
    }
    names.push((name.to_owned(), String::new()));
    names.len() - 1
}
