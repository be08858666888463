//! What the store answers: fingerprints (filtered, paged), policy versions, time series
//! and a summary per report type. The dashboard and the CLI read these.

use serde::Serialize;

use super::Store;
use super::sql::{Row, Value};
use crate::error::Result;
use crate::fingerprint::Sample;
use crate::noise::NoiseClass;
use crate::sketch::Sketch;

/// One fingerprint: a distinct problem, with its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Fingerprint {
    /// Its id (16 hex digits).
    pub id: String,
    /// The report type (`csp-violation`, `coop`, ...).
    pub kind: String,
    /// `enforce`, `report`, or empty for report types without one.
    pub disposition: String,
    /// The effective directive (CSP), or the type's own key: the feature
    /// (Permissions-Policy), the destination (Integrity), the id (deprecation), ...
    pub directive: String,
    /// The blocked resource: an origin, a scheme (`data:`), or a keyword (`inline`,
    /// `eval`, ...).
    pub blocked: String,
    /// The document's path.
    pub document: String,
    /// For inline code: the file it is in.
    pub source: String,
    /// ... and its line.
    pub line: u64,
    /// ... and its column (of the first report).
    pub column: u64,
    /// The policy version that produced it (empty for non-CSP reports).
    pub policy_id: String,
    /// Its noise class.
    pub noise: NoiseClass,
    /// Muted by a user.
    pub muted: bool,
    /// Reports.
    pub count: u64,
    /// First seen (Unix seconds).
    pub first_seen: i64,
    /// Last seen (Unix seconds).
    pub last_seen: i64,
    /// Distinct documents (exact up to 31, then a HyperLogLog estimate within about 9 %).
    pub documents: u64,
    /// Distinct clients (exact up to 31, then a HyperLogLog estimate within about 9 %;
    /// from a salted hash, never an address).
    pub clients: u64,
    /// A few sample reports.
    pub samples: Vec<Sample>,
}

/// Which fingerprints to list. The default: every type, every disposition, noise and
/// muted ones left out, 50 at a time; enforced ones first (breakage in production), then
/// by count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FingerprintQuery {
    /// Only this report type.
    pub kind: Option<String>,
    /// Only this disposition (`enforce`, `report`).
    pub disposition: Option<String>,
    /// Only this policy version.
    pub policy_id: Option<String>,
    /// Include noise.
    pub include_noise: bool,
    /// Include muted fingerprints.
    pub include_muted: bool,
    /// Only those seen at or after this time (Unix seconds).
    pub since: Option<i64>,
    /// Only this effective directive.
    pub directive: Option<String>,
    /// Only this noise class.
    pub noise_class: Option<NoiseClass>,
    /// Only documents whose path contains this.
    pub document_contains: Option<String>,
    /// The order.
    pub order: Order,
    /// Ascending instead of descending (for every order but the default one).
    pub ascending: bool,
    /// At most this many.
    pub limit: u32,
    /// Skipping this many.
    pub offset: u32,
}

/// The order of [`Store::fingerprints`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Order {
    /// Enforced first (breakage in production), then by count, descending.
    #[default]
    Breakage,
    /// By count.
    Count,
    /// By distinct clients (exact up to 31, approximate beyond).
    Clients,
    /// By first seen.
    FirstSeen,
    /// By last seen.
    LastSeen,
    /// By directive, then blocked resource.
    Directive,
}

impl Default for FingerprintQuery {
    fn default() -> Self {
        Self {
            kind: None,
            disposition: None,
            policy_id: None,
            include_noise: false,
            include_muted: false,
            since: None,
            directive: None,
            noise_class: None,
            document_contains: None,
            order: Order::Breakage,
            ascending: false,
            limit: 50,
            offset: 0,
        }
    }
}

/// A page of results and how many there are in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Page<T> {
    /// This page.
    pub items: Vec<T>,
    /// All matching.
    pub total: u64,
}

/// A policy as reported, nonces taken out, per disposition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PolicyVersion {
    /// Its id (16 hex digits of the normalized policy's SHA-256).
    pub id: String,
    /// `enforce` or `report`.
    pub disposition: String,
    /// The policy, nonces as `'nonce-{nonce}'`.
    pub policy: String,
    /// First report.
    pub first_seen: i64,
    /// Last report.
    pub last_seen: i64,
    /// Reports.
    pub reports: u64,
}

/// Reports in one hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SeriesPoint {
    /// The hour's start (Unix seconds).
    pub bucket: i64,
    /// Reports in it.
    pub count: u64,
}

/// One report type's totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct KindSummary {
    /// The type.
    pub kind: String,
    /// Fingerprints (noise and muted included).
    pub fingerprints: u64,
    /// Reports.
    pub reports: u64,
    /// Of which from enforced policies.
    pub enforce: u64,
    /// Of which report-only.
    pub report_only: u64,
    /// Of which noise or muted.
    pub muted: u64,
    /// The last report.
    pub last_seen: i64,
    /// The largest fingerprints that are neither noise nor muted (up to 5).
    pub top: Vec<Fingerprint>,
}

/// The store at a glance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// Reports in all.
    pub reports: u64,
    /// Fingerprints in all.
    pub fingerprints: u64,
    /// Per report type, the most reported first.
    pub kinds: Vec<KindSummary>,
    /// Policy versions, enforced ones first, then the newest.
    pub policies: Vec<PolicyVersion>,
}

const COLUMNS: &str = "id, kind, disposition, directive, blocked, document, source, line, col, \
    policy_id, noise, muted, count, first_seen, last_seen, documents, clients, samples";

/// A row of [`COLUMNS`], its text moved rather than copied.
fn fingerprint(mut r: Row) -> Fingerprint {
    let u = |v: &Value| u64::try_from(v.int()).unwrap_or(0);
    let mut t = |i: usize| std::mem::replace(&mut r[i], Value::Null).into_text();
    let (id, kind, disposition, directive, blocked, document, source, policy_id) =
        (t(0), t(1), t(2), t(3), t(4), t(5), t(6), t(9));
    let noise = t(10).parse().unwrap_or(NoiseClass::None);
    let samples = serde_json::from_str(&t(17)).unwrap_or_default();
    Fingerprint {
        id,
        kind,
        disposition,
        directive,
        blocked,
        document,
        source,
        line: u(&r[7]),
        column: u(&r[8]),
        policy_id,
        noise,
        muted: r[11].int() != 0,
        count: u(&r[12]),
        first_seen: r[13].int(),
        last_seen: r[14].int(),
        documents: Sketch::from_bytes(r[15].blob()).estimate(),
        clients: Sketch::from_bytes(r[16].blob()).estimate(),
        samples,
    }
}

const NOISE_IN: &str = "('extension', 'browser-internal', 'injected')";

impl Store {
    /// Fingerprints matching `q`, enforced first, then the most reported.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn fingerprints(&self, q: &FingerprintQuery) -> Result<Page<Fingerprint>> {
        let mut filter = String::from(" WHERE 1 = 1");
        let mut params: Vec<Value> = Vec::new();
        let mut add = |filter: &mut String, clause: &str, v: Value| {
            params.push(v);
            filter.push_str(&clause.replace('?', &format!("${}", params.len())));
        };
        if let Some(k) = &q.kind {
            add(&mut filter, " AND kind = ?", k.into());
        }
        if let Some(d) = &q.disposition {
            add(&mut filter, " AND disposition = ?", d.into());
        }
        if let Some(p) = &q.policy_id {
            add(&mut filter, " AND policy_id = ?", p.into());
        }
        if let Some(t) = q.since {
            add(&mut filter, " AND last_seen >= ?", t.into());
        }
        if let Some(d) = &q.directive {
            add(&mut filter, " AND directive = ?", d.into());
        }
        if let Some(c) = q.noise_class {
            add(&mut filter, " AND noise = ?", c.as_str().into());
        }
        if let Some(part) = &q.document_contains {
            let escaped = part
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            add(
                &mut filter,
                " AND document LIKE ? ESCAPE '\\'",
                format!("%{escaped}%").into(),
            );
        }
        if !q.include_noise {
            filter.push_str(&format!(" AND noise NOT IN {NOISE_IN}"));
        }
        if !q.include_muted {
            filter.push_str(" AND muted = 0");
        }
        let mut conn = self.conn();
        let total = conn
            .query(
                &format!("SELECT COUNT(*) FROM fingerprints{filter}"),
                &params,
            )
            .map_err(|e| self.query_err(e))?;
        let total = u64::try_from(Self::first(&total)).unwrap_or(0);
        let dir = if q.ascending { "ASC" } else { "DESC" };
        let order = match q.order {
            Order::Breakage => {
                "CASE disposition WHEN 'enforce' THEN 0 ELSE 1 END, count DESC, id".to_owned()
            }
            Order::Count => format!("count {dir}, id"),
            Order::FirstSeen => format!("first_seen {dir}, id"),
            Order::LastSeen => format!("last_seen {dir}, id"),
            Order::Directive => format!("directive {dir}, blocked {dir}, id"),
            Order::Clients => {
                // A sketch is estimated here, not in SQL: read the ids and sketches, sort,
                // and read the page's rows.
                let sketches = conn
                    .query(
                        &format!("SELECT id, clients FROM fingerprints{filter}"),
                        &params,
                    )
                    .map_err(|e| self.query_err(e))?;
                let mut reach: Vec<(u64, String)> = sketches
                    .iter()
                    .map(|r| (Sketch::from_bytes(r[1].blob()).estimate(), r[0].text()))
                    .collect();
                reach.sort_by(|a, b| {
                    if q.ascending {
                        a.cmp(b)
                    } else {
                        b.0.cmp(&a.0).then(a.1.cmp(&b.1))
                    }
                });
                let ids: Vec<Value> = reach
                    .into_iter()
                    .skip(q.offset as usize)
                    .take(q.limit as usize)
                    .map(|(_, id)| id.into())
                    .collect();
                let mut items = self.by_ids(&mut **conn, &ids)?;
                let at = |id: &str| ids.iter().position(|v| v.text() == id);
                items.sort_by_key(|f| at(&f.id));
                return Ok(Page { items, total });
            }
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM fingerprints{filter} ORDER BY {order} LIMIT {} OFFSET {}",
            q.limit, q.offset
        );
        let rows = conn.query(&sql, &params).map_err(|e| self.query_err(e))?;
        Ok(Page {
            items: rows.into_iter().map(fingerprint).collect(),
            total,
        })
    }

    /// The open (neither noise nor muted) report-only CSP violations of every policy
    /// version last seen from `since` on, the most reported first (then by id): what
    /// readiness and the proposal read. Sorted here rather than by SQL, which sorted the
    /// wide rows (sketches, samples) in a temporary B-tree.
    pub(crate) fn report_violations(&self, since: Option<i64>) -> Result<Vec<Fingerprint>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM fingerprints WHERE kind = 'csp-violation' \
             AND disposition = 'report' AND last_seen >= $1 \
             AND noise NOT IN {NOISE_IN} AND muted = 0"
        );
        let rows = self
            .conn()
            .query(&sql, &[since.unwrap_or(i64::MIN).into()])
            .map_err(|e| self.query_err(e))?;
        let mut items: Vec<Fingerprint> = rows.into_iter().map(fingerprint).collect();
        items.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
        Ok(items)
    }

    fn by_ids(&self, conn: &mut dyn super::Conn, ids: &[Value]) -> Result<Vec<Fingerprint>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let rows = conn
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM fingerprints WHERE id IN ({})",
                    marks.join(", ")
                ),
                ids,
            )
            .map_err(|e| self.query_err(e))?;
        Ok(rows.into_iter().map(fingerprint).collect())
    }

    /// Reports per day of each of `ids` from `since` on (Unix seconds): `(day, count)`
    /// pairs, oldest first, by id.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn fingerprint_series(
        &self,
        ids: &[&str],
        since: i64,
    ) -> Result<std::collections::HashMap<String, Vec<(i64, u64)>>> {
        let mut out: std::collections::HashMap<String, Vec<(i64, u64)>> =
            std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut params: Vec<Value> = vec![(since - (super::write::DAY - 1)).into()];
        params.extend(ids.iter().map(|id| Value::from(*id)));
        let marks: Vec<String> = (2..=params.len()).map(|i| format!("${i}")).collect();
        let rows = self
            .conn()
            .query(
                &format!(
                    "SELECT id, bucket, count FROM fingerprint_days WHERE bucket >= $1 AND id IN ({}) \
                     ORDER BY id, bucket",
                    marks.join(", ")
                ),
                &params,
            )
            .map_err(|e| self.query_err(e))?;
        for r in &rows {
            out.entry(r[0].text())
                .or_default()
                .push((r[1].int(), u64::try_from(r[2].int()).unwrap_or(0)));
        }
        Ok(out)
    }

    /// One fingerprint by id.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn fingerprint(&self, id: &str) -> Result<Option<Fingerprint>> {
        let rows = self
            .conn()
            .query(
                &format!("SELECT {COLUMNS} FROM fingerprints WHERE id = $1"),
                &[id.into()],
            )
            .map_err(|e| self.query_err(e))?;
        Ok(rows.into_iter().next().map(fingerprint))
    }

    /// Policy versions, enforced ones first, then the most recently reported.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn policies(&self) -> Result<Vec<PolicyVersion>> {
        let rows = self
            .conn()
            .query(
                "SELECT id, disposition, policy, first_seen, last_seen, reports FROM policies \
                 ORDER BY CASE disposition WHEN 'enforce' THEN 0 ELSE 1 END, last_seen DESC, id",
                &[],
            )
            .map_err(|e| self.query_err(e))?;
        Ok(rows
            .iter()
            .map(|r| PolicyVersion {
                id: r[0].text(),
                disposition: r[1].text(),
                policy: r[2].text(),
                first_seen: r[3].int(),
                last_seen: r[4].int(),
                reports: u64::try_from(r[5].int()).unwrap_or(0),
            })
            .collect())
    }

    /// Reports per hour for one policy version and disposition (`policy_id` empty: the
    /// reports without a policy, the non-CSP types), from `since` on.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn series(
        &self,
        policy_id: &str,
        disposition: &str,
        since: i64,
    ) -> Result<Vec<SeriesPoint>> {
        let rows = self
            .conn()
            .query(
                "SELECT bucket, CAST(SUM(count) AS BIGINT) FROM series \
                 WHERE policy_id = $1 AND disposition = $2 AND bucket >= $3 \
                 GROUP BY bucket ORDER BY bucket",
                &[policy_id.into(), disposition.into(), since.into()],
            )
            .map_err(|e| self.query_err(e))?;
        Ok(rows
            .iter()
            .map(|r| SeriesPoint {
                bucket: r[0].int(),
                count: u64::try_from(r[1].int()).unwrap_or(0),
            })
            .collect())
    }

    /// Totals per report type, with each type's largest open fingerprints, and the policy
    /// versions.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn summary(&self) -> Result<Summary> {
        let kinds = self.kinds(5)?;
        Ok(Summary {
            reports: kinds.iter().map(|k| k.reports).sum(),
            fingerprints: kinds.iter().map(|k| k.fingerprints).sum(),
            kinds,
            policies: self.policies()?,
        })
    }

    /// Totals per report type, most reported first, each with its `top` largest open
    /// fingerprints (`0`: none, and no query for them).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn kinds(&self, top: u32) -> Result<Vec<KindSummary>> {
        let rows = self
            .conn()
            .query(
                &format!(
                    "SELECT kind, COUNT(*), CAST(SUM(count) AS BIGINT), \
                     CAST(SUM(CASE WHEN disposition = 'enforce' THEN count ELSE 0 END) AS BIGINT), \
                     CAST(SUM(CASE WHEN disposition = 'report' THEN count ELSE 0 END) AS BIGINT), \
                     CAST(SUM(CASE WHEN muted <> 0 OR noise IN {NOISE_IN} THEN count ELSE 0 END) AS BIGINT), \
                     MAX(last_seen) FROM fingerprints GROUP BY kind"
                ),
                &[],
            )
            .map_err(|e| self.query_err(e))?;
        let u = |v: &Value| u64::try_from(v.int()).unwrap_or(0);
        let mut kinds = Vec::new();
        for r in &rows {
            let top = if top == 0 {
                Page {
                    items: Vec::new(),
                    total: 0,
                }
            } else {
                self.fingerprints(&FingerprintQuery {
                    kind: Some(r[0].text()),
                    limit: top,
                    ..FingerprintQuery::default()
                })?
            };
            kinds.push(KindSummary {
                kind: r[0].text(),
                fingerprints: u(&r[1]),
                reports: u(&r[2]),
                enforce: u(&r[3]),
                report_only: u(&r[4]),
                muted: u(&r[5]),
                last_seen: r[6].int(),
                top: top.items,
            });
        }
        kinds.sort_by(|a, b| b.reports.cmp(&a.reports).then(a.kind.cmp(&b.kind)));
        Ok(kinds)
    }
}
