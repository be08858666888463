//! Page and API latency over a store of one million reports in 10,000 fingerprints.
//!
//! `cargo bench -p secure-headers-dashboard --bench latency` (release). Prints the median
//! and quartiles of each request, answered by the dashboard's tower service (routing,
//! headers, the store's queries, rendering). `REPORTS` and `FINGERPRINTS` change the size;
//! `DB` keeps the store in that file (built once, reused when it exists).

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use secure_headers::report::parse;
use secure_headers::transport::PeerAddr;
use secure_headers_dashboard::{Access, Dashboard};
use secure_headers_reports::Store;
use tower::{Service, ServiceExt};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn fill(store: &Store, reports: u64, fingerprints: u64) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let policies = [
        (
            "report",
            "script-src 'nonce-{n}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; report-uri /r",
        ),
        (
            "enforce",
            "script-src 'self'; img-src 'self'; report-uri /r",
        ),
    ];
    let directives = [
        "script-src-elem",
        "img-src",
        "style-src-elem",
        "connect-src",
        "font-src",
        "frame-src",
    ];
    let started = Instant::now();
    let mut batch = store.batch();
    for i in 0..reports {
        let f = (i * 7919) % fingerprints; // spread the fingerprints over the stream
        let (disposition, policy) = policies[usize::from(f.is_multiple_of(10))];
        let body = format!(
            r#"{{"csp-report": {{"document-uri": "https://shop.example/page/{}", "effective-directive": "{}", "blocked-uri": "https://host{}.example/x.js", "original-policy": "{}", "disposition": "{disposition}", "script-sample": "<b>sample {f}</b>"}}}}"#,
            f % 97,
            directives[(f % 6) as usize],
            f / 6,
            policy.replace("{n}", &i.to_string()),
        );
        let report = &parse(Some("application/csp-report"), body.as_bytes()).unwrap()[0];
        let at = now - ((i * 104_729) % (30 * 86_400)) as i64;
        let ip = std::net::IpAddr::from([10, (i % 200) as u8, (f % 250) as u8, (i % 7) as u8]);
        batch.add(report, at, Some(ip));
        if batch.len() == 20_000 {
            store
                .write(&std::mem::replace(&mut batch, store.batch()))
                .unwrap();
        }
    }
    store.write(&batch).unwrap();
    eprintln!("filled: {reports} reports in {:.1?}", started.elapsed());
}

fn main() {
    let reports = env("REPORTS", 1_000_000);
    let fingerprints = env("FINGERPRINTS", 10_000);
    let dir = tempfile::tempdir().unwrap();
    let db =
        std::env::var("DB").unwrap_or_else(|_| dir.path().join("bench.db").display().to_string());
    let fresh = !std::path::Path::new(&db).exists();
    let store = Store::open(&db).unwrap();
    if fresh {
        fill(&store, reports, fingerprints);
    }
    let all = secure_headers_reports::FingerprintQuery {
        include_noise: true,
        include_muted: true,
        limit: 0,
        ..Default::default()
    };
    eprintln!(
        "store: {} fingerprints",
        store.fingerprints(&all).unwrap().total
    );

    // Where a page's time goes: the store's queries behind it, each on its own.
    let direct = Store::open(&db).unwrap();
    let week = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        - 7 * 86_400;
    let time = |what: &str, f: &dyn Fn()| {
        let mut times: Vec<Duration> = (0..11)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        times.sort();
        eprintln!(
            "  {what:<40} median {:.1} ms",
            times[5].as_secs_f64() * 1000.0
        );
    };
    time("summary", &|| drop(direct.summary().unwrap()));
    time("kinds (no top)", &|| drop(direct.kinds(0).unwrap()));
    time("policies", &|| drop(direct.policies().unwrap()));
    time("candidate", &|| drop(direct.candidate().unwrap()));
    time("fingerprints (default, 50)", &|| {
        drop(direct.fingerprints(&Default::default()).unwrap())
    });
    time("fingerprints (enforce, 10, 7d)", &|| {
        let q = secure_headers_reports::FingerprintQuery {
            disposition: Some("enforce".into()),
            since: Some(week),
            limit: 10,
            ..Default::default()
        };
        drop(direct.fingerprints(&q).unwrap());
    });
    time("fingerprints (count only, noise)", &|| {
        drop(direct.fingerprints(&all).unwrap())
    });
    let ids: Vec<String> = direct
        .fingerprints(&Default::default())
        .unwrap()
        .items
        .into_iter()
        .map(|f| f.id)
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    time("fingerprint_series (50 ids, 7d)", &|| {
        drop(direct.fingerprint_series(&ids, week).unwrap())
    });
    let p = direct.policies().unwrap();
    time("series (one version, 7d)", &|| {
        drop(direct.series(&p[0].id, &p[0].disposition, week).unwrap())
    });

    time("readiness (candidate, 7d)", &|| {
        drop(direct.readiness(None, None).unwrap())
    });
    time("propose (candidate)", &|| {
        drop(
            direct
                .propose(None, &secure_headers_reports::ProposalOptions::default())
                .unwrap(),
        )
    });
    time("inventory", &|| drop(direct.inventory().unwrap()));

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let service = Dashboard::new(store, Access::loopback_only()).service();
    let requests = [
        "/",
        "/?window=30d",
        "/?window=all&sort=reach",
        "/?window=30d&sort=last&dir=asc&p=20",
        "/?window=30d&directive=img-src&path=page%2F4",
        "/api/fingerprints?window=30d",
        "/api/fingerprints?window=30d&sort=reach&per=200",
        "/api/fingerprints?window=all&sort=first&p=40",
    ];
    println!(
        "{:<50} {:>9} {:>9} {:>9}  (ms, {} runs)",
        "request", "p25", "median", "p75", 31
    );
    for path in requests {
        let mut times = Vec::new();
        for _ in 0..31 {
            let mut svc = service.clone();
            let mut req = http::Request::get(path)
                .body(http_body_util::Empty::<bytes::Bytes>::new())
                .unwrap();
            req.extensions_mut().insert(PeerAddr([127, 0, 0, 1].into()));
            let t = Instant::now();
            let res = rt.block_on(async {
                ServiceExt::<http::Request<http_body_util::Empty<bytes::Bytes>>>::ready(&mut svc)
                    .await
                    .unwrap()
                    .call(req)
                    .await
                    .unwrap()
            });
            let body = rt
                .block_on(http_body_util::BodyExt::collect(res.into_body()))
                .unwrap()
                .to_bytes();
            times.push(t.elapsed());
            assert!(
                body.len() > 100,
                "{path}: {}",
                String::from_utf8_lossy(&body)
            );
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{path:<50} {:>9.1} {:>9.1} {:>9.1}",
            ms(times[7]),
            ms(times[15]),
            ms(times[23])
        );
    }
}
