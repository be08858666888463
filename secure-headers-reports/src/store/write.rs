//! Ingest: reports aggregated into fingerprints in memory, then written in one
//! transaction (one read and one write per distinct fingerprint, whatever the traffic).

use std::collections::BTreeMap;
use std::net::IpAddr;

use secure_headers::report::Report;

use super::{Store, Value, now};
use crate::error::Result;
use crate::fingerprint::{Context, Observation, Sample};
use crate::sketch::Sketch;

/// The bucket of the per-fingerprint series.
pub(crate) const DAY: i64 = 86_400;

/// Samples kept per fingerprint.
pub(crate) const MAX_SAMPLES: usize = 3;

#[derive(Clone)]
struct Delta {
    obs: Observation,
    count: u64,
    first: i64,
    last: i64,
    documents: Sketch,
    clients: Sketch,
    samples: Vec<Sample>,
}

/// Reports gathered for one write. Build it with [`Store::batch`], add reports, and
/// hand it to [`Store::write`].
///
/// ```
/// use secure_headers_reports::Store;
/// use secure_headers::report::parse;
///
/// let store = Store::open(":memory:")?;
/// let reports = parse(Some("application/reports+json"),
///     br#"[{"type": "crash", "url": "https://shop.example/", "body": {"reason": "oom"}}]"#).unwrap();
/// let mut batch = store.batch();
/// batch.add(&reports[0], 1_700_000_000, Some("203.0.113.9".parse().unwrap()));
/// let stats = store.write(&batch)?;
/// assert_eq!((stats.reports, stats.fingerprints), (1, 1));
/// # Ok::<(), secure_headers_reports::Error>(())
/// ```
pub struct Batch<'s> {
    store: &'s Store,
    fingerprints: BTreeMap<String, Delta>,
    policies: BTreeMap<(String, String), (String, i64, i64, u64)>,
    series: BTreeMap<(String, String, String, i64), u64>,
    days: BTreeMap<(String, i64), u64>,
    scripts: BTreeMap<(String, String, String), (i64, i64, u64)>,
    reports: u64,
}

impl std::fmt::Debug for Batch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("reports", &self.reports)
            .field("fingerprints", &self.fingerprints.len())
            .finish_non_exhaustive()
    }
}

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct IngestStats {
    /// Reports written.
    pub reports: u64,
    /// Distinct fingerprints they touched.
    pub fingerprints: u64,
}

impl Batch<'_> {
    /// Adds a report received at `at` (Unix seconds) from `client` (whose address is
    /// only ever kept as one salted hash in a sketch).
    pub fn add(&mut self, report: &Report, at: i64, client: Option<IpAddr>) {
        let cx = Context {
            rules: &self.store.options.noise,
            keep_query: self.store.options.keep_query,
        };
        let obs = Observation::new(report, &cx);
        let salt = &self.store.salt;
        self.reports += 1;
        *self
            .series
            .entry((
                obs.policy_id.clone(),
                obs.disposition.clone(),
                obs.kind.clone(),
                at - at.rem_euclid(3600),
            ))
            .or_default() += 1;
        if !obs.policy.is_empty() {
            let p = self
                .policies
                .entry((obs.policy_id.clone(), obs.disposition.clone()))
                .or_insert_with(|| (obs.policy.clone(), at, at, 0));
            p.1 = p.1.min(at);
            p.2 = p.2.max(at);
            p.3 += 1;
        }
        if let Some(key) = &obs.script {
            let s = self.scripts.entry(key.clone()).or_insert((at, at, 0));
            s.0 = s.0.min(at);
            s.1 = s.1.max(at);
            s.2 += 1;
        }
        *self
            .days
            .entry((obs.id.clone(), at - at.rem_euclid(DAY)))
            .or_default() += 1;
        let d = self
            .fingerprints
            .entry(obs.id.clone())
            .or_insert_with(|| Delta {
                obs: obs.clone(),
                count: 0,
                first: at,
                last: at,
                documents: Sketch::default(),
                clients: Sketch::default(),
                samples: Vec::new(),
            });
        d.count += 1;
        d.first = d.first.min(at);
        d.last = d.last.max(at);
        d.documents.add(salt, obs.document_url.as_bytes());
        if let Some(ip) = client {
            d.clients.add(salt, ip.to_string().as_bytes());
        }
        add_sample(&mut d.samples, obs.sample);
    }

    /// Reports added so far.
    #[must_use]
    pub fn len(&self) -> u64 {
        self.reports
    }

    /// True if nothing was added.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.reports == 0
    }
}

fn add_sample(samples: &mut Vec<Sample>, sample: Sample) {
    if samples.len() < MAX_SAMPLES
        && !samples.iter().any(|s| {
            s.document == sample.document
                && s.sample == sample.sample
                && s.blocked == sample.blocked
        })
    {
        samples.push(sample);
    }
}

const CASE_MIN: &str = "CASE WHEN excluded.first_seen < {t}.first_seen THEN excluded.first_seen ELSE {t}.first_seen END";
const CASE_MAX: &str =
    "CASE WHEN excluded.last_seen > {t}.last_seen THEN excluded.last_seen ELSE {t}.last_seen END";

fn upsert_seen(table: &str) -> String {
    format!(
        "first_seen = {}, last_seen = {}",
        CASE_MIN.replace("{t}", table),
        CASE_MAX.replace("{t}", table)
    )
}

impl Store {
    /// An empty batch for [`write`](Self::write).
    #[must_use]
    pub fn batch(&self) -> Batch<'_> {
        Batch {
            store: self,
            fingerprints: BTreeMap::new(),
            policies: BTreeMap::new(),
            series: BTreeMap::new(),
            days: BTreeMap::new(),
            scripts: BTreeMap::new(),
            reports: 0,
        }
    }

    /// Ingests reports received now, from no known client, in one transaction.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails; nothing of the
    /// batch is then written.
    pub fn ingest(&self, reports: &[Report]) -> Result<IngestStats> {
        let mut batch = self.batch();
        let at = now();
        for r in reports {
            batch.add(r, at, None);
        }
        self.write(&batch)
    }

    /// Writes a batch in one transaction: all of it, or (on an error) none of it. The batch
    /// stays with the caller, who may try it again after an error.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Query`](crate::ErrorKind::Query) if the store fails.
    pub fn write(&self, batch: &Batch<'_>) -> Result<IngestStats> {
        let stats = IngestStats {
            reports: batch.reports,
            fingerprints: batch.fingerprints.len() as u64,
        };
        if batch.is_empty() {
            return Ok(stats);
        }
        self.maybe_prune()?;
        let mut conn = self.conn();
        conn.begin().map_err(|e| self.query_err(e))?;
        let result = write_batch(conn.as_mut(), batch);
        match result {
            Ok(()) => conn.batch("COMMIT").map_err(|e| self.query_err(e))?,
            Err(e) => {
                let _ = conn.batch("ROLLBACK");
                return Err(self.query_err(e));
            }
        }
        Ok(stats)
    }

    fn maybe_prune(&self) -> Result<()> {
        let Some(keep) = self.options.retention else {
            return Ok(());
        };
        let t = now();
        {
            let mut last = self
                .last_prune
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if t - *last < 3600 {
                return Ok(());
            }
            *last = t;
        }
        self.prune(t - i64::try_from(keep.as_secs()).unwrap_or(i64::MAX))
            .map(|_| ())
    }
}

fn write_batch(conn: &mut dyn super::Conn, batch: &Batch<'_>) -> Result<(), String> {
    let select = format!(
        "SELECT count, documents, clients, samples FROM fingerprints WHERE id = $1{}",
        conn.lock_rows()
    );
    for (id, d) in &batch.fingerprints {
        let rows = conn.query(&select, &[id.as_str().into()])?;
        if let Some(row) = rows.first() {
            let mut documents = Sketch::from_bytes(row[1].blob());
            documents.merge(&d.documents);
            let mut clients = Sketch::from_bytes(row[2].blob());
            clients.merge(&d.clients);
            let mut samples: Vec<Sample> = serde_json::from_str(&row[3].text()).unwrap_or_default();
            for s in &d.samples {
                add_sample(&mut samples, s.clone());
            }
            conn.exec(
                "UPDATE fingerprints SET count = count + $2, \
                 first_seen = CASE WHEN $3 < first_seen THEN $3 ELSE first_seen END, \
                 last_seen = CASE WHEN $4 > last_seen THEN $4 ELSE last_seen END, \
                 documents = $5, clients = $6, samples = $7 WHERE id = $1",
                &[
                    id.into(),
                    d.count.into(),
                    d.first.into(),
                    d.last.into(),
                    documents.to_bytes()[..].into(),
                    clients.to_bytes()[..].into(),
                    serde_json::to_string(&samples).unwrap_or_default().into(),
                ],
            )?;
        } else {
            let o = &d.obs;
            conn.exec(
                "INSERT INTO fingerprints (id, kind, disposition, directive, blocked, document, \
                 source, line, col, policy_id, noise, muted, count, first_seen, last_seen, \
                 documents, clients, samples) VALUES \
                 ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13, $14, $15, $16, $17)",
                &[
                    id.into(),
                    (&o.kind).into(),
                    (&o.disposition).into(),
                    (&o.directive).into(),
                    (&o.blocked).into(),
                    (&o.document).into(),
                    (&o.source).into(),
                    o.line.into(),
                    o.column.into(),
                    (&o.policy_id).into(),
                    o.noise.as_str().into(),
                    d.count.into(),
                    d.first.into(),
                    d.last.into(),
                    d.documents.to_bytes()[..].into(),
                    d.clients.to_bytes()[..].into(),
                    serde_json::to_string(&d.samples).unwrap_or_default().into(),
                ],
            )?;
        }
    }
    let policies = format!(
        "INSERT INTO policies (id, disposition, policy, first_seen, last_seen, reports) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id, disposition) DO UPDATE SET \
         reports = policies.reports + excluded.reports, {}",
        upsert_seen("policies")
    );
    for ((id, disposition), (policy, first, last, n)) in &batch.policies {
        conn.exec(
            &policies,
            &[
                id.into(),
                disposition.into(),
                policy.into(),
                first.into(),
                last.into(),
                n.into(),
            ],
        )?;
    }
    for ((policy, disposition, kind, bucket), n) in &batch.series {
        conn.exec(
            "INSERT INTO series (policy_id, disposition, kind, bucket, count) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (policy_id, disposition, kind, bucket) \
             DO UPDATE SET count = series.count + excluded.count",
            &[
                policy.into(),
                disposition.into(),
                kind.into(),
                bucket.into(),
                n.into(),
            ],
        )?;
    }
    for ((id, bucket), n) in &batch.days {
        conn.exec(
            "INSERT INTO fingerprint_days (id, bucket, count) VALUES ($1, $2, $3) \
             ON CONFLICT (id, bucket) DO UPDATE SET count = fingerprint_days.count + excluded.count",
            &[id.into(), bucket.into(), n.into()],
        )?;
    }
    let scripts = format!(
        "INSERT INTO scripts (page, url, hash, first_seen, last_seen, count) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (page, url, hash) DO UPDATE SET \
         count = scripts.count + excluded.count, {}",
        upsert_seen("scripts")
    );
    for ((page, url, hash), (first, last, n)) in &batch.scripts {
        conn.exec(
            &scripts,
            &[
                page.into(),
                url.into(),
                hash.into(),
                first.into(),
                last.into(),
                n.into(),
            ],
        )?;
    }
    let _ = Value::Null;
    Ok(())
}
