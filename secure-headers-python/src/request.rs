//! The core `Secure` of a Python configuration ([`Guard`]): the request side (per-request
//! CSP nonces, HTTPS redirects, allowed hosts and trusted proxies, decided by the core for
//! each request) and the one header merge every middleware and framework integration uses.
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

use crate::value_error;

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
            let converted = &sink.guard.converted;
            secure.set_headers_converted(converted, sink, context, |v| Some(Val::Filled(v.into())));
            Ok(*context)
        }
    }
}

/// A request as the core sees it, copied from the ASGI scope, the WSGI environ or a
/// framework's request.
type View = RawRequest;

/// A configured header's value on its way into a response: the entry's own (whose Python
/// pairs are made once, in [`Guard::ready`]), or one the core filled with the request's
/// nonce.
#[derive(Clone, Debug)]
enum Val {
    Ready(usize),
    Filled(Box<[u8]>),
}

/// A response's headers during the merge: the app's (kept as the Python pairs they were,
/// with the index of their name among the configured ones, `None` for any other name) and
/// the configured ones the core inserts. Names are indexes into [`Guard::names`].
#[derive(Debug)]
struct Merge<'g> {
    guard: &'g Guard,
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

/// An answer to send instead of calling the app: `(status, headers)`.
type Early = (u16, Vec<(String, String)>);

/// A core `Secure` built from the Python configuration, with the request-side options;
/// made once per configuration.
#[pyclass(module = "secure_headers._native", frozen)]
#[derive(Debug)]
pub(crate) struct Guard {
    secure: Secure,
    /// The core's names and values converted once ([`Secure::convert`]): names are indexes
    /// into `names`, values are [`Val::Ready`] indexes into `ready`.
    converted: Converted<usize, Val>,
    /// Every name the merge may meet: `(lowercase, as configured)`.
    names: Vec<(String, String)>,
    /// Each configured header as `(name, value)`, and as ready-made Python pairs (`bytes`
    /// for ASGI, `str` for WSGI), made once: a merge hands these out for every response.
    ready: Vec<Ready>,
    /// The context of a response without a request-side decision (no nonce): the
    /// middlewares' plain path.
    plain: RequestContext,
}

#[derive(Debug)]
struct Ready {
    name: String,
    value: String,
    as_bytes: Py<PyAny>,
    as_str: Py<PyAny>,
}

#[pymethods]
impl Guard {
    /// `items`: the headers; `multi_ok`: the names appended rather than replaced;
    /// `https_redirect`: a redirect status (301, 302, 307, 308) or `None`;
    /// `allowed_hosts`: host patterns (`example.com`, `*.example.com`) or `None`;
    /// `trusted_proxies`: addresses whose `X-Forwarded-Proto`/`Forwarded` are believed;
    /// `hsts_secure_only`: send HSTS on secure requests only; `provide_nonce`: make a nonce
    /// for every request even when no header uses one.
    #[new]
    #[pyo3(signature = (items, multi_ok, *, https_redirect = None, allowed_hosts = None, trusted_proxies = Vec::new(), forwarded_headers = Vec::new(), hsts_secure_only = false, provide_nonce = false))]
    #[allow(
        clippy::too_many_arguments,
        reason = "the configuration, as keyword arguments from Python"
    )]
    fn new(
        py: Python<'_>,
        items: Vec<(String, String)>,
        multi_ok: Vec<String>,
        https_redirect: Option<u16>,
        allowed_hosts: Option<Vec<String>>,
        trusted_proxies: Vec<String>,
        forwarded_headers: Vec<String>,
        hsts_secure_only: bool,
        provide_nonce: bool,
    ) -> PyResult<Self> {
        let mut builder = SecureBuilder::new().multi_ok(&multi_ok);
        for (name, value) in &items {
            builder = builder.custom(CustomHeader::new(name, value));
        }
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
            forwarded.push(match h.to_ascii_lowercase().as_str() {
                "forwarded" => ForwardedHeader::Forwarded,
                "x-forwarded-proto" => ForwardedHeader::XForwardedProto,
                "x-forwarded-host" => ForwardedHeader::XForwardedHost,
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "unknown forwarding header {h:?} (forwarded, x-forwarded-proto, x-forwarded-host)"
                    )));
                }
            });
        }
        builder = builder.forwarded_headers(forwarded);
        if hsts_secure_only {
            builder = builder.hsts_mode(HstsMode::SecureOnly);
        }
        let secure = builder
            .provide_nonce(provide_nonce)
            .build()
            .map_err(|e| value_error(&e))?;
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
                name: e.name().to_owned(),
                value: e.value_str().to_owned(),
                as_bytes: PyTuple::new(py, bytes)?.into_any().unbind(),
                as_str: PyTuple::new(py, text)?.into_any().unbind(),
            });
        }
        let plain = secure.request_context();
        Ok(Self {
            secure,
            converted,
            names,
            ready,
            plain,
        })
    }

    /// Decides for one request: a [`Context`] to run the app with, or `(status, headers)`
    /// to answer at once (a redirect or a refused host, with the security headers).
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
                let mut merge = self.sink();
                let context = early.context();
                let _ = request_core(&self.secure, Call::Apply(&context, &mut merge));
                let mut out = Vec::new();
                if let Some(location) = early.location() {
                    out.push((
                        "Location".to_owned(),
                        String::from_utf8_lossy(location.as_bytes()).into_owned(),
                    ));
                }
                out.extend(self.pairs(merge));
                let early: Early = (early.status().as_u16(), out);
                Ok(early.into_pyobject(py)?.into_any().unbind())
            }
        }
    }

    /// The app's `headers` (pairs of `bytes` for ASGI, of `str` for WSGI, as `as_bytes`
    /// says) with the configured ones merged in for the request of `context`.
    fn merge<'py>(
        &self,
        context: &Context,
        headers: &Bound<'py, PyAny>,
        as_bytes: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        self.merge_for(&context.inner, headers, as_bytes)
    }

    /// [`merge`](Self::merge) for a response no request-side decision applies to (a
    /// configuration without a nonce or protections): the middlewares' plain path.
    fn merge_plain<'py>(
        &self,
        headers: &Bound<'py, PyAny>,
        as_bytes: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        self.merge_for(&self.plain, headers, as_bytes)
    }

    /// A context for a response made without a request (`set_headers`): a fresh nonce if
    /// the policy uses one, as the core's `Secure::set_headers` makes on every call.
    fn fresh(&self) -> Context {
        Context {
            inner: self.secure.request_context(),
        }
    }

    /// The configured headers for the request of `context`, as `(name, value)` strings.
    fn items(&self, context: &Context) -> Vec<(String, String)> {
        let mut merge = self.sink();
        let _ = request_core(&self.secure, Call::Apply(&context.inner, &mut merge));
        self.pairs(merge)
    }
}

impl Guard {
    fn sink(&self) -> Merge<'_> {
        Merge {
            guard: self,
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
        context: &RequestContext,
        headers: &Bound<'py, PyAny>,
        as_bytes: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let py = headers.py();
        let mut merge = self.sink();
        for pair in headers.try_iter()? {
            let pair = pair?;
            let name = with_bytes(&first(&pair)?, |b| self.known(b))?;
            merge.items.push((name, Item::App(pair.unbind())));
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
                    let name = self.name_of(name);
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

    fn name_of(&self, name: Option<usize>) -> &str {
        name.map_or("", |i| self.names[i].1.as_str())
    }

    /// The configured headers the core applied, as `(name, value)` strings.
    fn pairs(&self, merge: Merge<'_>) -> Vec<(String, String)> {
        merge
            .items
            .into_iter()
            .filter_map(|(name, item)| match item {
                Item::Ours(Val::Ready(i)) => {
                    Some((self.ready[i].name.clone(), self.ready[i].value.clone()))
                }
                Item::Ours(Val::Filled(v)) => Some((
                    self.name_of(name).to_owned(),
                    String::from_utf8_lossy(&v).into_owned(),
                )),
                Item::App(_) => None,
            })
            .collect()
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
