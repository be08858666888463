//! The report store as the dashboard's [`Source`]: each figure is one of the store's own
//! queries (the same as the CLI's), turned into what the page shows.

use std::time::{SystemTime, UNIX_EPOCH};

use secure_headers_reports::{self as reports, Order, Store};

use crate::model::{self, FingerprintPage, Overview, Source, Version};
use crate::params::{FingerprintQuery, SortKey};
use crate::svg::Series;

/// Points of the per-version chart and of each sparkline.
const CHART_POINTS: usize = 48;
/// Enforced-policy fingerprints at the top of the page.
const BREAKAGE_ROWS: u32 = 10;

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The start of the query's window (for "all": the first report in the store).
fn since(q: &FingerprintQuery, first: impl FnOnce() -> i64) -> i64 {
    match q.window.1 {
        Some(secs) => now() - secs,
        None => first(),
    }
}

fn store_query(q: &FingerprintQuery, since: i64) -> reports::FingerprintQuery {
    reports::FingerprintQuery {
        directive: q.directive.clone(),
        noise_class: q.class.as_deref().and_then(|c| c.parse().ok()),
        document_contains: q.page_path.clone(),
        policy_id: q.version.clone(),
        include_noise: q.noise,
        include_muted: q.noise,
        since: Some(since),
        order: match q.sort {
            SortKey::Count => Order::Count,
            SortKey::Reach => Order::Clients,
            SortKey::FirstSeen => Order::FirstSeen,
            SortKey::LastSeen => Order::LastSeen,
            SortKey::Directive => Order::Directive,
        },
        ascending: q.ascending,
        limit: q.per_page,
        offset: u32::try_from(q.offset()).unwrap_or(u32::MAX),
        ..reports::FingerprintQuery::default()
    }
}

/// Sums `(bucket, count)` points into `CHART_POINTS` equal spans from `since` to `until`.
fn rebucket(points: impl IntoIterator<Item = (i64, u64)>, since: i64, until: i64) -> Vec<u64> {
    let span = (until - since).max(1);
    let mut out = vec![0u64; CHART_POINTS];
    for (at, n) in points {
        if at < since - 3600 || at > until {
            continue;
        }
        let i =
            ((at.max(since) - since) as i128 * CHART_POINTS as i128 / (span as i128 + 1)) as usize;
        out[i.min(CHART_POINTS - 1)] += n;
    }
    out
}

fn row(f: reports::Fingerprint, series: Vec<u64>) -> model::Fingerprint {
    let sample = f.samples.first().map(|s| {
        if s.sample.is_empty() {
            s.blocked.clone()
        } else {
            s.sample.clone()
        }
    });
    model::Fingerprint {
        source: (!f.source.is_empty()).then(|| format!("{}:{}", f.source, f.line)),
        id: f.id,
        kind: f.kind,
        disposition: f.disposition,
        directive: f.directive,
        blocked: f.blocked,
        page: f.document,
        class: f.noise.as_str().to_owned(),
        version: f.policy_id,
        count: f.count,
        reach: f.clients,
        documents: f.documents,
        first_seen: f.first_seen,
        last_seen: f.last_seen,
        sample,
        muted: f.muted,
        series,
    }
}

/// The verdict of `reports status`, as the page shows it: the open fingerprints and high
/// lint findings as reasons, the projected grade per algorithm.
fn readiness(r: &reports::Readiness) -> model::Readiness {
    let days = r.window / 86_400;
    let mut reasons: Vec<String> = r
        .open
        .iter()
        .map(|f| {
            format!(
                "open: {} {} on {} ({} in the last {})",
                f.directive,
                f.blocked,
                f.document,
                reports::counted(f.count, "report"),
                reports::counted(days, "day")
            )
        })
        .collect();
    reasons.extend(
        r.lint
            .iter()
            .map(|f| format!("lint (high): {}: {}", f.rule, f.message)),
    );
    if r.ready {
        reasons.push(format!(
            "no open fingerprint in the last {} and no high lint finding",
            reports::counted(days, "day")
        ));
    }
    model::Readiness {
        ready: r.ready,
        reasons,
        grades: r
            .grades
            .iter()
            .map(|g| {
                (
                    format!("algorithm {}, score {}", g.algorithm, g.score),
                    g.letter.clone(),
                )
            })
            .collect(),
    }
}

/// The page's rows, each with its sparkline.
fn rows(
    store: &Store,
    page: reports::Page<reports::Fingerprint>,
    since: i64,
) -> Result<(Vec<model::Fingerprint>, u64), String> {
    let until = now();
    let ids: Vec<&str> = page.items.iter().map(|f| f.id.as_str()).collect();
    let mut series = store
        .fingerprint_series(&ids, since)
        .map_err(|e| e.to_string())?;
    let rows = page
        .items
        .into_iter()
        .map(|f| {
            let points = series.remove(&f.id).unwrap_or_default();
            row(f, rebucket(points, since, until))
        })
        .collect();
    Ok((rows, page.total))
}

fn no_candidate() -> model::Readiness {
    model::Readiness {
        reasons: vec!["no candidate policy yet: no report-only CSP report".to_owned()],
        ..model::Readiness::default()
    }
}

/// The head of the page, given the candidate and its readiness.
fn head(
    store: &Store,
    q: &FingerprintQuery,
    candidate_policy: Option<String>,
    readiness: model::Readiness,
) -> Result<Overview, String> {
    let e = |e: reports::Error| e.to_string();
    let kinds = store.kinds(0).map_err(e)?;
    let policies = store.policies().map_err(e)?;
    let first = || policies.iter().map(|p| p.first_seen).min().unwrap_or(0);
    let since = since(q, first);
    let until = now();
    let enforced = policies.iter().find(|p| p.disposition == "enforce");
    let candidate = candidate_policy.map(|policy| {
        let normal = reports::normalize_policy(&policy);
        let seen = policies
            .iter()
            .find(|p| p.disposition == "report" && reports::normalize_policy(&p.policy) == normal);
        Version {
            id: seen.map_or_else(|| "accepted".to_owned(), |p| p.id.clone()),
            policy,
            disposition: "report".to_owned(),
            reports: seen.map_or(0, |p| p.reports),
        }
    });
    let mut per_version = Vec::new();
    for p in policies.iter().take(crate::svg::MAX_SERIES * 2) {
        let points = store.series(&p.id, &p.disposition, since).map_err(e)?;
        per_version.push(Series {
            label: format!(
                "{} {}",
                if p.disposition == "enforce" {
                    "enforced"
                } else {
                    "report-only"
                },
                p.id
            ),
            counts: rebucket(
                points.into_iter().map(|s| (s.bucket, s.count)),
                since,
                until,
            ),
        });
    }
    let breakage = store
        .fingerprints(&reports::FingerprintQuery {
            disposition: Some("enforce".to_owned()),
            since: Some(since),
            limit: BREAKAGE_ROWS,
            ..reports::FingerprintQuery::default()
        })
        .map_err(e)?;
    let (breakage, _) = rows(store, breakage, since)?;
    let mut other_types = Vec::new();
    for k in kinds.iter().filter(|k| k.kind != "csp-violation") {
        let query = reports::FingerprintQuery {
            kind: Some(k.kind.clone()),
            limit: 1,
            ..reports::FingerprintQuery::default()
        };
        let top = Store::fingerprints(store, &query).map_err(e)?;
        other_types.push(model::TypeSummary {
            kind: k.kind.clone(),
            count: k.reports,
            fingerprints: k.fingerprints,
            last_seen: k.last_seen,
            top: top
                .items
                .first()
                .map(|f| format!("{} {} {}", f.directive, f.blocked, f.document)),
        });
    }
    Ok(Overview {
        enforced: enforced.map(|p| Version {
            id: p.id.clone(),
            policy: p.policy.clone(),
            disposition: p.disposition.clone(),
            reports: p.reports,
        }),
        candidate,
        per_version,
        span: (crate::html::time(since), crate::html::time(until)),
        readiness,
        breakage,
        other_types,
        total_reports: kinds.iter().map(|k| k.reports).sum(),
    })
}

/// The proposal as the page shows it.
fn proposal(p: reports::Proposal) -> model::Proposal {
    let changes = p
        .changes
        .iter()
        .map(|c| model::Change {
            directive: c.directive.clone(),
            added: vec![c.source.clone()],
            removed: Vec::new(),
            because: c
                .evidence
                .iter()
                .map(|e| {
                    let sample = e.sample.as_ref().map_or_else(String::new, |s| {
                        if s.sample.is_empty() {
                            s.blocked.clone()
                        } else {
                            s.sample.clone()
                        }
                    });
                    (e.fingerprint.clone(), e.count, e.clients, sample)
                })
                .collect(),
        })
        .collect();
    let tasks = p
        .tasks
        .iter()
        .map(|t| model::Task {
            what: format!("{:?} on {}", t.kind, t.document),
            location: (!t.location.is_empty()).then(|| t.location.clone()),
            count: t.evidence.count,
        })
        .collect();
    model::Proposal {
        candidate: p.candidate.clone(),
        changes,
        tasks,
        // The same text as `reports propose --format toml|rust`.
        toml: reports::config_toml(&p.policy),
        rust: reports::rust_code(&p.policy),
        proposed: p.policy,
    }
}

impl Source for Store {
    fn overview(&self, q: &FingerprintQuery) -> Result<Overview, String> {
        let e = |e: reports::Error| e.to_string();
        let candidate_policy = self.candidate().map_err(e)?;
        let readiness = match &candidate_policy {
            Some(policy) => readiness(&self.readiness(Some(policy), None).map_err(e)?),
            None => no_candidate(),
        };
        head(self, q, candidate_policy, readiness)
    }

    fn overview_and_proposal(
        &self,
        q: &FingerprintQuery,
    ) -> Result<(Overview, Option<model::Proposal>), String> {
        let e = |e: reports::Error| e.to_string();
        let candidate_policy = self.candidate().map_err(e)?;
        let options = reports::ProposalOptions::default();
        let review = match &candidate_policy {
            Some(policy) => self.review(Some(policy), None, &options).map_err(e)?,
            None => None,
        };
        let (readiness, proposal) = match review {
            Some((r, p)) => (readiness(&r), Some(proposal(p))),
            None => (no_candidate(), None),
        };
        Ok((head(self, q, candidate_policy, readiness)?, proposal))
    }

    fn fingerprints(&self, q: &FingerprintQuery) -> Result<FingerprintPage, String> {
        let since = since(q, || 0);
        let query = store_query(q, since);
        let page = Store::fingerprints(self, &query).map_err(|e| e.to_string())?;
        let hidden_noise = if q.noise {
            0
        } else {
            let all = reports::FingerprintQuery {
                include_noise: true,
                include_muted: true,
                limit: 0,
                ..query
            };
            Store::fingerprints(self, &all)
                .map_err(|e| e.to_string())?
                .total
                .saturating_sub(page.total)
        };
        let (rows, total) = rows(self, page, since)?;
        Ok(FingerprintPage {
            rows,
            total,
            hidden_noise,
        })
    }

    fn proposal(&self) -> Result<Option<model::Proposal>, String> {
        let options = reports::ProposalOptions::default();
        let Some(p) = self.propose(None, &options).map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        Ok(Some(proposal(p)))
    }

    fn inventory(&self, limit: usize) -> Result<Vec<model::Script>, String> {
        let scripts = Store::inventory(self).map_err(|e| e.to_string())?;
        Ok(scripts
            .into_iter()
            .take(limit)
            .map(|s| model::Script {
                alert: (!s.alerts.is_empty()).then(|| format!("{:?}", s.alerts)),
                page: s.page,
                url: s.url,
                hash: s.hash,
                first_seen: s.first_seen,
                last_seen: s.last_seen,
            })
            .collect())
    }

    fn mute(&self, id: &str, muted: bool) -> Result<bool, String> {
        Store::mute(self, id, muted).map_err(|e| e.to_string())
    }

    fn accept_proposal(&self) -> Result<bool, String> {
        match Source::proposal(self)? {
            Some(p) => self
                .set_candidate(Some(&p.proposed))
                .map(|()| true)
                .map_err(|e| e.to_string()),
            None => Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_fall_into_their_share_of_the_window() {
        let b = rebucket(
            [
                (0, 1),
                (3600, 2),
                (7199, 4),
                (-3599, 8),
                (-7200, 16),
                (7201, 32),
            ],
            0,
            7200,
        );
        assert_eq!(b.len(), CHART_POINTS);
        assert_eq!(
            b[0],
            1 + 8,
            "a bucket that started before the window counts in its first point"
        );
        assert_eq!(b[CHART_POINTS / 2 - 1] + b[CHART_POINTS / 2], 2);
        assert_eq!(b[CHART_POINTS - 1], 4);
        assert_eq!(
            b.iter().sum::<u64>(),
            15,
            "points outside the window are left out"
        );
    }
}
