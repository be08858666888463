//! Figures for the report store (numbers, not a timed test): ingest throughput against a
//! floor, storage per million reports, and `propose` over a million reports.
//!
//! `nice -n 10 cargo bench -p secure-headers-reports --features postgres --bench store`
//! (PostgreSQL: a throwaway cluster, as the tests start one; without the feature or the
//! binaries, SQLite only). `REPORTS=200000` ingests fewer reports.
//!
//! - **Ingest**: `Store::ingest_lines` over JSON lines (one request body a line, half legacy
//!   `{"csp-report": …}`, half Reporting API arrays) that make 1,000 distinct fingerprints.
//!   It parses, fingerprints, aggregates each batch of 10,000 reports in memory and writes
//!   the batch in one transaction.
//! - **Floor**: the same lines, the same parser, on the same backend, written as one row
//!   per raw report (a prepared `INSERT`, one transaction per 10,000 reports): what storing
//!   reports without fingerprints costs.
//! - **Storage**: the SQLite file after a checkpoint, or the sum of
//!   `pg_total_relation_size` over the database's tables, per million reports.
//! - **Propose**: `Store::propose` (the candidate from the store) over those reports.

#[cfg(feature = "postgres")]
#[allow(dead_code, unreachable_pub)]
#[path = "../tests/common/pg.rs"]
mod pg;

use std::time::Instant;

use secure_headers::report::parse;
use secure_headers_reports::{ProposalOptions, Store};

/// Reports per transaction, as `ingest_lines` and the `StoreWriter` write them.
const BATCH: usize = 10_000;
/// Lines generated once and ingested again until the total is reached.
const CHUNK: usize = 100_000;

const DIRECTIVES: [&str; 5] = [
    "img-src",
    "style-src-elem",
    "connect-src",
    "font-src",
    "script-src-elem",
];

/// The `i`th line: fingerprint `i % 1000` (directive, host and page), a nonce of its own.
fn line(i: usize) -> String {
    let f = i % 1000;
    let directive = DIRECTIVES[f % 5];
    let host = format!("https://cdn{}.example/lib/{i}.js", (f / 5) % 20);
    let page = format!("https://shop.example/page{}?session={i}", f / 100);
    let policy = format!(
        "script-src 'nonce-{i:016x}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; default-src 'self'; report-uri /r"
    );
    if i.is_multiple_of(2) {
        format!(
            r#"{{"csp-report": {{"document-uri": "{page}", "effective-directive": "{directive}", "violated-directive": "{directive}", "blocked-uri": "{host}", "original-policy": "{policy}", "disposition": "report", "status-code": 200}}}}"#
        )
    } else {
        format!(
            r#"[{{"type": "csp-violation", "age": 10, "url": "{page}", "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0", "body": {{"documentURL": "{page}", "effectiveDirective": "{directive}", "blockedURL": "{host}", "originalPolicy": "{policy}", "disposition": "report", "statusCode": 200, "sample": ""}}}}]"#
        )
    }
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn rate(n: usize, secs: f64) -> String {
    format!("{:>9.0} reports/s", n as f64 / secs)
}

/// The floor on one backend: a table of raw reports, one row each.
trait Floor {
    fn begin(&mut self);
    fn insert(&mut self, at: i64, kind: &str, body: &str);
    fn commit(&mut self);
    fn bytes(&mut self) -> u64;
}

fn ingest(store: &Store, chunk: &str, total: usize) -> f64 {
    let start = Instant::now();
    let mut done = 0;
    while done < total {
        let stats = store.ingest_lines(chunk.as_bytes()).unwrap();
        assert!(stats.malformed.is_empty());
        done += stats.reports as usize;
    }
    start.elapsed().as_secs_f64()
}

fn floor(f: &mut dyn Floor, chunk: &[String], total: usize) -> f64 {
    let start = Instant::now();
    let mut done: usize = 0;
    f.begin();
    'outer: loop {
        for l in chunk {
            let ct = if l.starts_with('[') {
                "application/reports+json"
            } else {
                "application/csp-report"
            };
            for r in parse(Some(ct), l.as_bytes()).unwrap() {
                f.insert(1_700_000_000, r.kind(), l);
                done += 1;
                if done.is_multiple_of(BATCH) {
                    f.commit();
                    f.begin();
                }
            }
            if done >= total {
                break 'outer;
            }
        }
    }
    f.commit();
    start.elapsed().as_secs_f64()
}

fn report(
    backend: &str,
    store: &Store,
    store_bytes: &mut dyn FnMut() -> u64,
    floor_db: &mut dyn Floor,
    chunk: &[String],
    total: usize,
) {
    let joined = chunk.join("\n");
    let secs = ingest(store, &joined, total);
    println!(
        "{backend:<10} ingest: {} ({total} reports in {secs:.2} s; load {})",
        rate(total, secs),
        load()
    );
    let secs = floor(floor_db, chunk, total);
    println!(
        "{backend:<10} floor:  {} (one row per report; load {})",
        rate(total, secs),
        load()
    );
    let per_million = |b: u64| b as f64 * 1e6 / total as f64 / 1_048_576.0;
    let (ours, raw) = (store_bytes(), floor_db.bytes());
    println!(
        "{backend:<10} storage per million reports, 1,000 fingerprints: {:.2} MiB (floor: {:.1} MiB)",
        per_million(ours),
        per_million(raw)
    );
    let start = Instant::now();
    let proposal = store
        .propose(None, &ProposalOptions::default())
        .unwrap()
        .expect("a candidate");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{backend:<10} propose over {total} reports: {:.0} ms ({} changes, {} tasks; load {})",
        secs * 1000.0,
        proposal.changes.len(),
        proposal.tasks.len(),
        load()
    );
}

struct SqliteFloor(rusqlite::Connection, std::path::PathBuf);

impl Floor for SqliteFloor {
    fn begin(&mut self) {
        self.0.execute_batch("BEGIN").unwrap();
    }
    fn insert(&mut self, at: i64, kind: &str, body: &str) {
        self.0
            .prepare_cached("INSERT INTO raw_reports (received, kind, body) VALUES (?1, ?2, ?3)")
            .unwrap()
            .execute(rusqlite::params![at, kind, body])
            .unwrap();
    }
    fn commit(&mut self) {
        self.0.execute_batch("COMMIT").unwrap();
    }
    fn bytes(&mut self) -> u64 {
        sqlite_bytes(&self.1)
    }
}

/// The file's size after its write-ahead log is checkpointed into it.
fn sqlite_bytes(path: &std::path::Path) -> u64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    std::fs::metadata(path).unwrap().len()
}

const RAW_TABLE: &str = "CREATE TABLE raw_reports (id BIGSERIAL PRIMARY KEY, received BIGINT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL)";

fn sqlite(chunk: &[String], total: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reports.db");
    let store = Store::open(path.to_str().unwrap()).unwrap();
    let raw_path = dir.path().join("raw.db");
    let raw = rusqlite::Connection::open(&raw_path).unwrap();
    // The store's own settings.
    raw.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .unwrap();
    raw.execute_batch("PRAGMA synchronous = NORMAL").unwrap();
    raw.execute_batch(&RAW_TABLE.replace("BIGSERIAL", "INTEGER"))
        .unwrap();
    report(
        "SQLite",
        &store,
        &mut || sqlite_bytes(&path),
        &mut SqliteFloor(raw, raw_path),
        chunk,
        total,
    );
}

#[cfg(feature = "postgres")]
struct PgFloor(postgres::Client, postgres::Statement);

#[cfg(feature = "postgres")]
impl Floor for PgFloor {
    fn begin(&mut self) {
        self.0.batch_execute("BEGIN").unwrap();
    }
    fn insert(&mut self, at: i64, kind: &str, body: &str) {
        self.0.execute(&self.1, &[&at, &kind, &body]).unwrap();
    }
    fn commit(&mut self) {
        self.0.batch_execute("COMMIT").unwrap();
    }
    fn bytes(&mut self) -> u64 {
        pg_bytes(&mut self.0)
    }
}

#[cfg(feature = "postgres")]
fn pg_bytes(c: &mut postgres::Client) -> u64 {
    c.batch_execute("VACUUM").unwrap();
    let n: i64 = c
        .query_one(
            "SELECT CAST(COALESCE(SUM(pg_total_relation_size(relid)), 0) AS BIGINT) FROM pg_stat_user_tables",
            &[],
        )
        .unwrap()
        .get(0);
    n as u64
}

#[cfg(feature = "postgres")]
fn postgres(chunk: &[String], total: usize) {
    let Some(cluster) = pg::Cluster::shared() else {
        return;
    };
    let url = cluster.database();
    let store = Store::open(&url).unwrap();
    let mut stats = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let raw_url = cluster.database();
    let mut raw = postgres::Client::connect(&raw_url, postgres::NoTls).unwrap();
    raw.batch_execute(RAW_TABLE).unwrap();
    let insert = raw
        .prepare("INSERT INTO raw_reports (received, kind, body) VALUES ($1, $2, $3)")
        .unwrap();
    report(
        "PostgreSQL",
        &store,
        &mut || pg_bytes(&mut stats),
        &mut PgFloor(raw, insert),
        chunk,
        total,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this once, small.
    let quick = !std::env::args().any(|a| a == "--bench");
    let total: usize = std::env::var("REPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 20_000 } else { 1_000_000 });
    let chunk: Vec<String> = (0..CHUNK.min(total)).map(line).collect();
    println!(
        "{total} reports, 1,000 fingerprints, batches of {BATCH}; load {}",
        load()
    );
    sqlite(&chunk, total);
    #[cfg(feature = "postgres")]
    postgres(&chunk, total);
}
