//! The request side from Python: per-request CSP nonces, HTTPS redirects, allowed hosts and
//! trusted proxies, decided by the core for each request.
//!
//! [`request_core`] is the only function of this crate that calls the core's request API
//! (`Secure::inspect` and `Secure::set_headers_with`), so that a change of that API is
//! adapted in one place.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use secure_headers::http::{HeaderName, HeaderValue, StatusCode};
use secure_headers::request::RawRequest;
use secure_headers::transport::{AllowedHosts, ForwardedHeader, HstsMode, HttpsRedirect};
use secure_headers::{
    CustomHeader, EarlyResponse, HeaderSink, RequestContext, Secure, SecureBuilder,
};

use crate::value_error;

/// What [`request_core`] is asked to do.
enum Call<'a> {
    /// Decide for a request before the handler runs.
    Inspect(&'a View),
    /// Apply the headers for the request `context` was made for.
    Apply(&'a RequestContext, &'a mut Merge),
}

/// The one place this crate calls the core's request API.
fn request_core(secure: &Secure, call: Call<'_>) -> Result<RequestContext, EarlyResponse> {
    match call {
        Call::Inspect(view) => secure.inspect(view),
        Call::Apply(context, sink) => {
            secure.set_headers_with(sink, context);
            Ok(*context)
        }
    }
}

/// A request as the core sees it, copied from the ASGI scope, the WSGI environ or a
/// framework's request.
type View = RawRequest;

/// A response's headers during the merge: the app's (kept as the Python pairs they were)
/// and the configured ones the core inserts.
#[derive(Debug, Default)]
struct Merge {
    items: Vec<(Option<HeaderName>, Item)>,
}

#[derive(Debug)]
enum Item {
    App(Py<PyAny>),
    Ours(HeaderValue),
}

impl HeaderSink for Merge {
    type Name = HeaderName;
    type Value = HeaderValue;

    fn insert(&mut self, name: &HeaderName, value: HeaderValue) {
        self.remove(name);
        self.append(name, value);
    }

    fn append(&mut self, name: &HeaderName, value: HeaderValue) {
        self.items.push((Some(name.clone()), Item::Ours(value)));
    }

    fn contains(&self, name: &HeaderName) -> bool {
        self.items.iter().any(|(n, _)| n.as_ref() == Some(name))
    }

    fn remove(&mut self, name: &HeaderName) {
        self.items.retain(|(n, _)| n.as_ref() != Some(name));
    }
}

fn text_or_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    let s: String = obj.extract()?;
    Ok(s.into_bytes())
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
    /// The configured names, as configured (`Content-Security-Policy`), by `http` name.
    names: Vec<(HeaderName, String)>,
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
        let names = secure
            .entries()
            .iter()
            .map(|e| (e.header_name().clone(), e.name().to_owned()))
            .collect();
        Ok(Self { secure, names })
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
                let mut merge = Merge::default();
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
        let py = headers.py();
        let mut merge = Merge::default();
        for pair in headers.try_iter()? {
            let pair = pair?;
            let name = text_or_bytes(&pair.get_item(0)?)?;
            let name = HeaderName::from_bytes(name.trim_ascii()).ok();
            merge.items.push((name, Item::App(pair.unbind())));
        }
        let _ = request_core(&self.secure, Call::Apply(&context.inner, &mut merge));
        let mut out = Vec::with_capacity(merge.items.len());
        for (name, item) in merge.items {
            match item {
                Item::App(pair) => out.push(pair),
                Item::Ours(value) => {
                    let name = self.name_of(name.as_ref());
                    let pair = if as_bytes {
                        let n = PyBytes::new(py, name.as_bytes());
                        let v = PyBytes::new(py, value.as_bytes());
                        PyTuple::new(py, [n.into_any(), v.into_any()])?
                    } else {
                        let n = PyString::new(py, name);
                        let v = PyString::new(py, &String::from_utf8_lossy(value.as_bytes()));
                        PyTuple::new(py, [n.into_any(), v.into_any()])?
                    };
                    out.push(pair.into_any().unbind());
                }
            }
        }
        PyList::new(py, out)
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
        let mut merge = Merge::default();
        let _ = request_core(&self.secure, Call::Apply(&context.inner, &mut merge));
        self.pairs(merge)
    }
}

impl Guard {
    fn name_of(&self, name: Option<&HeaderName>) -> &str {
        name.and_then(|n| self.names.iter().find(|(h, _)| h == n))
            .map_or("", |(_, s)| s.as_str())
    }

    fn pairs(&self, merge: Merge) -> Vec<(String, String)> {
        merge
            .items
            .into_iter()
            .filter_map(|(name, item)| match item {
                Item::Ours(v) => Some((
                    self.name_of(name.as_ref()).to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )),
                Item::App(_) => None,
            })
            .collect()
    }
}
