//! Ingest from JSON lines: each line one request body exactly as a browser POSTs it (a
//! Reporting API array, or a legacy `{"csp-report": …}` object).

use std::io::BufRead;

use secure_headers::report::parse;

use crate::error::{Error, ErrorKind, Result};
use crate::store::{Store, now};

/// Reports written per transaction.
const BATCH: u64 = 10_000;

/// A line that could not be read as a report body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct LineError {
    /// Its number, from 1.
    pub line: u64,
    /// Why.
    pub error: String,
}

/// What [`Store::ingest_lines`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LinesStats {
    /// Non-empty lines read.
    pub lines: u64,
    /// Reports written.
    pub reports: u64,
    /// The lines refused, with their numbers (the rest was ingested).
    pub malformed: Vec<LineError>,
}

/// The body's content type as a browser would have sent it.
pub(crate) fn content_type(body: &[u8]) -> &'static str {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => "application/reports+json",
        _ => "application/csp-report",
    }
}

impl Store {
    /// Ingests JSON lines. A malformed line is counted and reported with its number; the
    /// other lines are still ingested.
    ///
    /// ```
    /// use secure_headers_reports::Store;
    ///
    /// let store = Store::open(":memory:")?;
    /// let input = "{\"csp-report\": {\"document-uri\": \"https://a.example/\", \"effective-directive\": \"img-src\", \"blocked-uri\": \"data\"}}\n{oops\n";
    /// let stats = store.ingest_lines(input.as_bytes())?;
    /// assert_eq!(stats.reports, 1);
    /// assert_eq!(stats.malformed[0].line, 2);
    /// # Ok::<(), secure_headers_reports::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`] if the store fails, [`ErrorKind::Input`] if the input cannot
    /// be read.
    pub fn ingest_lines(&self, input: impl BufRead) -> Result<LinesStats> {
        let mut stats = LinesStats::default();
        let mut batch = self.batch();
        let at = now();
        for (i, line) in input.split(b'\n').enumerate() {
            let line = line.map_err(|e| Error::new(ErrorKind::Input, self.name(), e))?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            stats.lines += 1;
            match parse(Some(content_type(&line)), &line) {
                Ok(reports) => {
                    for r in &reports {
                        batch.add(r, at, None);
                    }
                }
                Err(e) => stats.malformed.push(LineError {
                    line: i as u64 + 1,
                    error: e.to_string(),
                }),
            }
            if batch.len() >= BATCH {
                stats.reports += self
                    .write(&std::mem::replace(&mut batch, self.batch()))?
                    .reports;
            }
        }
        stats.reports += self.write(&batch)?.reports;
        Ok(stats)
    }
}
