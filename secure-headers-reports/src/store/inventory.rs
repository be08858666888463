//! The script inventory (PCI DSS 4.0.1 requirements 6.4.3 and 11.6.1): every script per
//! page, with its hash and when it was first and last seen, from `csp-hash` reports
//! (`'report-sha256'`), joined with `integrity-violation` reports. A script that appears
//! after a page's first inventory, or a known URL whose hash changes, is an alert.

use serde::Serialize;

use super::Store;
use crate::error::Result;

/// Why a script needs a look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Alert {
    /// The script appeared on the page after the page's first inventory.
    NewScript,
    /// The URL was seen before with another hash.
    ChangedHash,
}

/// One script on one page, with one hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Script {
    /// The page (its URL without query string).
    pub page: String,
    /// The script's URL.
    pub url: String,
    /// `sha256-…` (empty when the script is not CORS-same-origin, so unhashed).
    pub hash: String,
    /// First seen (Unix seconds).
    pub first_seen: i64,
    /// Last seen (Unix seconds).
    pub last_seen: i64,
    /// Reports.
    pub count: u64,
    /// `integrity-violation` reports for this script on this page: loaded without
    /// integrity metadata.
    pub integrity_violations: u64,
    /// Alerts, if any.
    pub alerts: Vec<Alert>,
}

impl Store {
    /// The inventory, by page and URL, alerts first.
    ///
    /// ```
    /// use secure_headers_reports::{Alert, Store};
    /// use secure_headers::report::parse;
    ///
    /// let store = Store::open(":memory:")?;
    /// let hash = |h: &str, js: &str| format!(r#"[{{"type": "csp-hash", "url": "https://shop.example/pay",
    ///     "body": {{"documentURL": "https://shop.example/pay", "subresourceURL": "https://cdn.example/{js}",
    ///     "hash": "sha256-{h}", "destination": "script", "type": "subresource"}}}}]"#);
    /// let mut batch = store.batch();
    /// batch.add(&parse(Some("application/reports+json"), hash("AAAA", "a.js").as_bytes()).unwrap()[0], 1_000, None);
    /// batch.add(&parse(Some("application/reports+json"), hash("BBBB", "a.js").as_bytes()).unwrap()[0], 2_000, None);
    /// store.write(&batch)?;
    /// let scripts = store.inventory()?;
    /// assert_eq!(scripts.len(), 2);
    /// assert_eq!((scripts[0].hash.as_str(), scripts[0].alerts.as_slice()), ("sha256-BBBB", &[Alert::ChangedHash][..]));
    /// assert!(scripts[1].alerts.is_empty());
    /// # Ok::<(), secure_headers_reports::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn inventory(&self) -> Result<Vec<Script>> {
        let mut conn = self.conn();
        let rows = conn
            .query(
                "SELECT page, url, hash, first_seen, last_seen, count FROM scripts \
                 ORDER BY page, url, first_seen, hash",
                &[],
            )
            .map_err(|e| self.query_err(e))?;
        let integrity = conn
            .query(
                "SELECT document, blocked, CAST(SUM(count) AS BIGINT) FROM fingerprints \
                 WHERE kind = 'integrity-violation' GROUP BY document, blocked",
                &[],
            )
            .map_err(|e| self.query_err(e))?;
        drop(conn);
        let mut scripts: Vec<Script> = rows
            .iter()
            .map(|r| Script {
                page: r[0].text(),
                url: r[1].text(),
                hash: r[2].text(),
                first_seen: r[3].int(),
                last_seen: r[4].int(),
                count: u64::try_from(r[5].int()).unwrap_or(0),
                integrity_violations: 0,
                alerts: Vec::new(),
            })
            .collect();
        let page_start = |scripts: &[Script], page: &str| {
            scripts
                .iter()
                .filter(|s| s.page == page)
                .map(|s| s.first_seen)
                .min()
                .unwrap_or(0)
        };
        let mut alerts = Vec::with_capacity(scripts.len());
        for s in &scripts {
            let mut a = Vec::new();
            let same_url: Vec<&Script> = scripts
                .iter()
                .filter(|o| o.page == s.page && o.url == s.url)
                .collect();
            if same_url.iter().any(|o| o.first_seen < s.first_seen) {
                a.push(Alert::ChangedHash);
            } else if s.first_seen > page_start(&scripts, &s.page) {
                a.push(Alert::NewScript);
            }
            let path = crate::url::path(&s.page);
            let violations = integrity
                .iter()
                .filter(|r| r[0].text() == path && r[1].text() == s.url)
                .map(|r| u64::try_from(r[2].int()).unwrap_or(0))
                .sum();
            alerts.push((a, violations));
        }
        for (s, (a, v)) in scripts.iter_mut().zip(alerts) {
            s.alerts = a;
            s.integrity_violations = v;
        }
        scripts.sort_by_key(|s| s.alerts.is_empty());
        Ok(scripts)
    }
}
