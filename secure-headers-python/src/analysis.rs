//! Lint, grade and the report collector from Python, on the core's.

use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use secure_headers::grade::{GradeContext, Scheme};
use secure_headers::http::{HeaderMap, HeaderName, HeaderValue};
use secure_headers::lint::Finding;
use secure_headers::report::{Report, ReportCollector};

use crate::store::ReportStore;

/// A finding as `(rule, severity, header, directive, value, message)`.
type FindingTuple = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
);

fn finding(f: &Finding) -> FindingTuple {
    (
        f.rule().to_string(),
        f.severity().to_string(),
        f.header().to_owned(),
        f.directive().map(str::to_owned),
        f.value().map(str::to_owned),
        f.message().to_owned(),
    )
}

fn header_map(headers: &[(String, String)]) -> PyResult<HeaderMap> {
    let mut map = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let n = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| PyValueError::new_err(format!("invalid header name {name:?}")))?;
        let v = HeaderValue::from_str(value.trim()).map_err(|_| {
            PyValueError::new_err(format!("header {name:?}: invalid value {value:?}"))
        })?;
        map.append(n, v);
    }
    Ok(map)
}

/// The lint findings of a set of response headers (the core's `lint_headers`).
#[pyfunction]
pub(crate) fn lint_headers(headers: Vec<(String, String)>) -> PyResult<Vec<FindingTuple>> {
    let map = header_map(&headers)?;
    Ok(secure_headers::lint::lint_headers(&map)
        .iter()
        .map(finding)
        .collect())
}

/// The lint findings of one Content-Security-Policy value (the core's `lint_csp`).
#[pyfunction]
pub(crate) fn lint_csp(value: &str) -> Vec<FindingTuple> {
    secure_headers::lint::lint_csp(value)
        .iter()
        .map(finding)
        .collect()
}

/// A modifier as `(test, result, score_modifier, pass, reason, recommendation)`.
type ModifierTuple = (String, String, i32, bool, String, String);

/// The Observatory-style grade of a set of response headers:
/// `(letter, score, uncurved_score, modifiers)`.
#[pyfunction]
#[pyo3(signature = (headers, *, scheme = "https", host = None, html = None))]
pub(crate) fn grade(
    headers: Vec<(String, String)>,
    scheme: &str,
    host: Option<String>,
    html: Option<String>,
) -> PyResult<(String, i32, i32, Vec<ModifierTuple>)> {
    let map = header_map(&headers)?;
    let scheme = match scheme {
        "https" => Scheme::Https,
        "http" => Scheme::Http,
        other => return Err(PyValueError::new_err(format!("unknown scheme {other:?}"))),
    };
    let mut context = GradeContext::new().scheme(scheme);
    if let Some(host) = host {
        context = context.host(host);
    }
    if let Some(html) = html {
        context = context.html(html);
    }
    let g = secure_headers::grade::grade(&map, &context);
    let modifiers = g
        .modifiers
        .iter()
        .map(|m| {
            (
                m.test.to_owned(),
                m.result.to_owned(),
                m.score_modifier,
                m.pass,
                m.reason.to_owned(),
                m.recommendation.to_owned(),
            )
        })
        .collect();
    Ok((g.letter.to_string(), g.score, g.uncurved_score, modifiers))
}

/// The core's report collector: parses CSP and Reporting API bodies and decides the answer.
#[pyclass(module = "secure_headers._native", frozen)]
#[derive(Debug)]
pub(crate) struct Collector {
    collector: ReportCollector,
    received: Arc<Mutex<Vec<Report>>>,
}

#[pymethods]
impl Collector {
    /// A collector accepting bodies up to `limit` bytes (the core's default when `None`).
    #[new]
    #[pyo3(signature = (limit = None))]
    fn new(limit: Option<usize>) -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&received);
        let mut collector = ReportCollector::new(move |report| {
            if let Ok(mut reports) = sink.lock() {
                reports.push(report);
            }
        });
        if let Some(limit) = limit {
            collector = collector.limit(limit);
        }
        Self {
            collector,
            received,
        }
    }

    /// The largest body read.
    #[getter]
    fn limit(&self) -> usize {
        self.collector.body_limit()
    }

    /// Receives one body: the status to answer, the reports it held as JSON texts, and,
    /// with a `store`, the store's error if it could not take them.
    #[pyo3(signature = (content_type, body, store = None))]
    fn receive(
        &self,
        content_type: Option<&str>,
        body: &[u8],
        store: Option<&ReportStore>,
    ) -> PyResult<(u16, Vec<String>, Option<String>)> {
        let status = self.collector.receive(content_type, body);
        let reports: Vec<Report> = match self.received.lock() {
            Ok(mut r) => r.drain(..).collect(),
            Err(_) => Vec::new(),
        };
        let failed = store.and_then(|s| s.ingest(&reports));
        let texts = reports
            .iter()
            .map(|r| serde_json::to_string(r).map_err(|e| PyValueError::new_err(e.to_string())))
            .collect::<PyResult<Vec<_>>>()?;
        Ok((status.as_u16(), texts, failed))
    }

    /// The headers every answer carries (CORS, so that other origins can report).
    fn response_headers(&self) -> Vec<(String, String)> {
        self.collector
            .response_headers()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect()
    }
}
