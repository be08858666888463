//! The report store from Python: the same store (a SQLite file or a `postgres://` URL) and
//! roll-out assistant as the `secure-headers reports` command, fed by the collector.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use secure_headers::report::Report;
use secure_headers_reports::Store;

/// A report store, opened (created and migrated if needed) once.
#[pyclass(module = "secure_headers._native", frozen)]
#[derive(Debug)]
pub(crate) struct ReportStore {
    store: Store,
}

impl ReportStore {
    /// Adds `reports` in one transaction; the store's error as text when it fails (the
    /// reports are then not stored, and the caller logs it).
    pub(crate) fn ingest(&self, reports: &[Report]) -> Option<String> {
        if reports.is_empty() {
            return None;
        }
        self.store.ingest(reports).err().map(|e| e.to_string())
    }
}

#[pymethods]
impl ReportStore {
    /// `db`: a file path, `:memory:`, or a `postgres://` URL; `ValueError` when it cannot
    /// be opened (the message names it).
    #[new]
    fn new(db: &str) -> PyResult<Self> {
        let store = Store::open(db).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Self { store })
    }

    /// The store's name as shown (a URL without its password).
    #[getter]
    fn name(&self) -> &str {
        self.store.name()
    }

    /// The store at a glance (`secure-headers reports summary --json`), as JSON text.
    fn summary(&self) -> PyResult<String> {
        let summary = self
            .store
            .summary()
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        serde_json::to_string(&summary).map_err(|e| PyValueError::new_err(e.to_string()))
    }
}
