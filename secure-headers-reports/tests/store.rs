//! The store on every backend: fingerprints, policy versions, noise, bad input.

mod common;

use secure_headers_reports::{ErrorKind, FingerprintQuery, NoiseClass, Store};

const CANDIDATE: &str =
    "script-src 'nonce-{n}' 'strict-dynamic'; object-src 'none'; base-uri 'none'";

fn violation(doc: &str, directive: &str, blocked: &str, disposition: &str, nonce: &str) -> String {
    format!(
        r#"{{"csp-report": {{"document-uri": "{doc}", "effective-directive": "{directive}", "blocked-uri": "{blocked}", "original-policy": "{}", "disposition": "{disposition}"}}}}"#,
        CANDIDATE.replace("{n}", nonce)
    )
}

#[test]
fn reports_aggregate_into_fingerprints_without_query_strings() {
    for t in common::stores() {
        let s = &t.store;
        for (i, q) in ["?a=1", "?b=2#frag", ""].iter().enumerate() {
            let doc = format!("https://shop.example/cart{q}");
            let blocked = format!("https://cdn.example/lib.js{q}");
            s.ingest(&common::line(&violation(
                &doc,
                "script-src-elem",
                &blocked,
                "report",
                &format!("n{i}"),
            )))
            .unwrap();
        }
        let page = s.fingerprints(&FingerprintQuery::default()).unwrap();
        assert_eq!(page.total, 1, "{}", t.db);
        let f = &page.items[0];
        assert_eq!((f.count, f.documents), (3, 1));
        assert_eq!(
            (
                f.directive.as_str(),
                f.blocked.as_str(),
                f.document.as_str()
            ),
            ("script-src-elem", "https://cdn.example", "/cart")
        );
        assert_eq!(f.samples.len(), 1);
        assert_eq!(f.samples[0].document, "https://shop.example/cart");
        assert_eq!(f.samples[0].blocked, "https://cdn.example/lib.js");
        // Three nonces, one policy version.
        let policies = s.policies().unwrap();
        assert_eq!(policies.len(), 1);
        assert_eq!(
            policies[0].policy,
            "script-src 'nonce-{nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'"
        );
        assert_eq!(
            (policies[0].disposition.as_str(), policies[0].reports),
            ("report", 3)
        );
        assert_eq!(
            s.candidate().unwrap().as_deref(),
            Some(policies[0].policy.as_str())
        );
    }
}

#[test]
fn enforced_breakage_comes_first_and_apart_from_the_candidate() {
    for t in common::stores() {
        let s = &t.store;
        let mut lines = Vec::new();
        for _ in 0..5 {
            lines.push(violation(
                "https://a.example/",
                "img-src",
                "https://img.example/x.png",
                "report",
                "x",
            ));
        }
        lines.push(violation(
            "https://a.example/",
            "img-src",
            "https://img.example/x.png",
            "enforce",
            "x",
        ));
        s.ingest_lines(lines.join("\n").as_bytes()).unwrap();
        let page = s.fingerprints(&FingerprintQuery::default()).unwrap();
        assert_eq!(page.total, 2);
        assert_eq!(
            (page.items[0].disposition.as_str(), page.items[0].count),
            ("enforce", 1)
        );
        assert_eq!(
            (page.items[1].disposition.as_str(), page.items[1].count),
            ("report", 5)
        );
        let policies = s.policies().unwrap();
        assert_eq!(
            policies
                .iter()
                .map(|p| p.disposition.as_str())
                .collect::<Vec<_>>(),
            ["enforce", "report"]
        );
        let only = s
            .fingerprints(&FingerprintQuery {
                disposition: Some("report".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(only.total, 1);
    }
}

#[test]
fn noise_is_classified_kept_and_muted() {
    for t in common::stores() {
        let s = &t.store;
        let stats = s
            .ingest_lines(&include_bytes!("data/noise.jsonl")[..])
            .unwrap();
        assert_eq!((stats.reports, stats.malformed.len()), (8, 0));
        let all = s
            .fingerprints(&FingerprintQuery {
                include_noise: true,
                ..Default::default()
            })
            .unwrap();
        let class = |blocked: &str| {
            all.items
                .iter()
                .find(|f| f.blocked.starts_with(blocked))
                .map(|f| f.noise)
        };
        assert_eq!(class("chrome-extension:"), Some(NoiseClass::Extension));
        assert_eq!(class("safari-web-extension:"), Some(NoiseClass::Extension));
        // Inline code an extension injected is the extension's.
        assert_eq!(class("inline"), Some(NoiseClass::Extension));
        assert_eq!(class("about"), Some(NoiseClass::BrowserInternal));
        assert_eq!(class("chrome:"), Some(NoiseClass::BrowserInternal));
        assert_eq!(
            class("https://cdn.superfish.com"),
            Some(NoiseClass::Injected)
        );
        assert_eq!(
            class("https://injections.adguard.com"),
            Some(NoiseClass::Injected)
        );
        assert_eq!(
            class("https://images.example"),
            Some(NoiseClass::ThirdParty)
        );
        let open = s.fingerprints(&FingerprintQuery::default()).unwrap();
        assert_eq!(
            open.items
                .iter()
                .map(|f| f.blocked.as_str())
                .collect::<Vec<_>>(),
            ["https://images.example"]
        );
        let summary = s.summary().unwrap();
        assert_eq!((summary.kinds[0].reports, summary.kinds[0].muted), (8, 7));
        // Muting by hand.
        assert!(s.mute(&open.items[0].id, true).unwrap());
        assert_eq!(
            s.fingerprints(&FingerprintQuery::default()).unwrap().total,
            0
        );
    }
}

#[test]
fn malformed_lines_are_counted_with_their_numbers_and_the_rest_ingested() {
    for t in common::stores() {
        let good = violation(
            "https://a.example/",
            "img-src",
            "data:image/png;base64,AA",
            "enforce",
            "x",
        );
        let input = format!("{good}\n{{\"csp-report\": \n\n[1, 2]\n{good}\nnot json\n");
        let stats = t.store.ingest_lines(input.as_bytes()).unwrap();
        assert_eq!(stats.reports, 2);
        assert_eq!(
            stats.malformed.iter().map(|m| m.line).collect::<Vec<_>>(),
            [2, 4, 6]
        );
        let f = &t
            .store
            .fingerprints(&FingerprintQuery::default())
            .unwrap()
            .items[0];
        assert_eq!((f.blocked.as_str(), f.count), ("data:", 2));
    }
}

#[test]
fn reports_contradicting_their_type_are_kept_as_other() {
    for t in common::stores() {
        let lines = [
            r#"[{"type": "csp-violation", "url": "https://a.example/p", "body": "not an object"}]"#,
            r#"[{"type": "coop", "url": "https://a.example/p", "body": {"disposition": 7}}]"#,
        ];
        let stats = t.store.ingest_lines(lines.join("\n").as_bytes()).unwrap();
        assert_eq!((stats.reports, stats.malformed.len()), (2, 0));
        let summary = t.store.summary().unwrap();
        let kinds: Vec<_> = summary
            .kinds
            .iter()
            .map(|k| (k.kind.as_str(), k.reports))
            .collect();
        assert_eq!(kinds, [("other", 2)]);
        let other = &summary.kinds[0].top;
        let mut types: Vec<_> = other.iter().map(|f| f.directive.as_str()).collect();
        types.sort_unstable();
        assert_eq!(types, ["coop", "csp-violation"]);
    }
}

#[test]
fn every_other_report_type_is_stored_and_summarized() {
    for t in common::stores() {
        let batch = r#"[
 {"type": "coop", "url": "https://a.example/", "body": {"disposition": "reporting", "effectivePolicy": "same-origin", "type": "navigation-from-response", "nextResponseURL": "https://b.example/"}},
 {"type": "coep", "url": "https://a.example/", "body": {"type": "corp", "blockedURL": "https://img.example/i.png", "destination": "image", "disposition": "enforce"}},
 {"type": "permissions-policy-violation", "url": "https://a.example/", "body": {"featureId": "geolocation", "disposition": "enforce"}},
 {"type": "integrity-violation", "url": "https://a.example/", "body": {"documentURL": "https://a.example/", "blockedURL": "https://cdn.example/a.js?x", "destination": "script", "reportOnly": true}},
 {"type": "network-error", "url": "https://a.example/", "body": {"phase": "dns", "type": "dns.name_not_resolved", "method": "GET"}},
 {"type": "document-policy-violation", "url": "https://a.example/", "body": {"policyId": "js-profiling", "disposition": "report", "sourceFile": "https://a.example/p.js", "lineNumber": 7, "message": "m"}},
 {"type": "deprecation", "url": "https://a.example/", "body": {"id": "UnloadHandler", "message": "m", "sourceFile": "https://a.example/a.js", "lineNumber": 3}},
 {"type": "intervention", "url": "https://a.example/", "body": {"id": "NavigatorVibrate", "message": "m"}},
 {"type": "crash", "url": "https://a.example/", "body": {"reason": "oom"}}
]"#;
        t.store
            .ingest(&common::line(&batch.replace('\n', "")))
            .unwrap();
        let summary = t.store.summary().unwrap();
        let mut kinds: Vec<_> = summary.kinds.iter().map(|k| k.kind.as_str()).collect();
        kinds.sort_unstable();
        assert_eq!(
            kinds,
            [
                "coep",
                "coop",
                "crash",
                "deprecation",
                "document-policy-violation",
                "integrity-violation",
                "intervention",
                "network-error",
                "permissions-policy-violation"
            ]
        );
        let get =
            |kind: &str| summary.kinds.iter().find(|k| k.kind == kind).unwrap().top[0].clone();
        assert_eq!(
            (get("coop").directive, get("coop").disposition),
            ("same-origin".into(), "report".into())
        );
        assert_eq!(get("coep").blocked, "https://img.example");
        assert_eq!(get("permissions-policy-violation").directive, "geolocation");
        let dp = get("document-policy-violation");
        assert_eq!(
            (dp.directive.as_str(), dp.disposition.as_str(), dp.line),
            ("js-profiling", "report", 7)
        );
        assert_eq!(
            get("integrity-violation").blocked,
            "https://cdn.example/a.js"
        );
        assert_eq!(get("network-error").blocked, "dns.name_not_resolved");
        assert_eq!(
            (get("deprecation").directive, get("deprecation").line),
            ("UnloadHandler".into(), 3)
        );
        assert_eq!(get("crash").directive, "oom");
    }
}

#[test]
fn a_store_from_a_newer_version_is_refused_and_left_untouched() {
    let t = common::sqlite();
    let db = t.db.as_str();
    // As a newer version would leave it: its version recorded, its journal not WAL.
    Store::open(db).unwrap().set_candidate(Some("x")).unwrap();
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(
        "UPDATE meta SET value = '99' WHERE key = 'schema_version'; PRAGMA journal_mode = DELETE;",
    )
    .unwrap();
    drop(c);
    let before = std::fs::read(db).unwrap();
    let err = Store::open(db).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NewerSchema);
    assert_eq!(
        err.to_string(),
        format!(
            "report store `{db}` was written by a newer version (schema version 99, this version reads up to 3); it was not modified"
        )
    );
    assert_eq!(std::fs::read(db).unwrap(), before);
    assert!(
        !std::path::Path::new(&format!("{db}-wal")).exists()
            || std::fs::read(format!("{db}-wal")).unwrap().is_empty()
    );
}

#[test]
fn a_store_that_cannot_be_opened_is_named() {
    let err = Store::open("/nonexistent/dir/reports.db").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Open);
    assert!(
        err.to_string()
            .starts_with("cannot open report store `/nonexistent/dir/reports.db`: "),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database, it is long enough to have a header page....................................................").unwrap();
    let before = std::fs::read(&junk).unwrap();
    let err = Store::open(junk.to_str().unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Open);
    assert!(err.to_string().contains("junk.db"), "{err}");
    assert_eq!(std::fs::read(&junk).unwrap(), before);
}

#[test]
fn the_dashboards_filters_orders_and_daily_series() {
    use secure_headers_reports::Order;
    const DAY: i64 = 86_400;
    let t0 = 1_796_515_200; // a midnight, UTC
    for t in common::stores() {
        let s = &t.store;
        let mut batch = s.batch();
        let mut add = |doc: &str, directive: &str, blocked: &str, at: i64, client: u8| {
            for r in common::line(&violation(doc, directive, blocked, "report", "n")) {
                batch.add(&r, at, Some(std::net::IpAddr::from([203, 0, 113, client])));
            }
        };
        // a: 5 reports from one client over two days; b: 4 from four clients; c: 1.
        // Up to 31 clients are counted exactly (by their salted hashes' top 32 bits: two
        // share them once in 4 billion stores); b had four when only registers counted.
        for at in [t0 + 10, t0 + 11, t0 + 12, t0 + 20, t0 + DAY + 5] {
            add(
                "https://shop.example/cart",
                "script-src-elem",
                "https://a.example/x.js",
                at,
                1,
            );
        }
        for (at, client) in [(t0 + 30, 2), (t0 + 31, 3), (t0 + 40, 5), (t0 + 41, 6)] {
            add(
                "https://shop.example/100%_off",
                "img-src",
                "https://b.example/i.png",
                at,
                client,
            );
        }
        add(
            "https://shop.example/about",
            "img-src",
            "https://c.example/i.png",
            t0 + 50,
            4,
        );
        s.write(&batch).unwrap();
        let list = |q: FingerprintQuery| -> Vec<String> {
            s.fingerprints(&q)
                .unwrap()
                .items
                .into_iter()
                .map(|f| f.blocked)
                .collect()
        };
        let (a, b, c) = (
            "https://a.example",
            "https://b.example",
            "https://c.example",
        );
        let order = |order, ascending| FingerprintQuery {
            order,
            ascending,
            ..FingerprintQuery::default()
        };
        assert_eq!(list(order(Order::Count, false)), [a, b, c], "{}", t.db);
        assert_eq!(list(order(Order::Count, true)), [c, b, a]);
        // b has four clients, a and c one each: exactly (a, b, c by count).
        let clients: Vec<u64> = s
            .fingerprints(&order(Order::Count, false))
            .unwrap()
            .items
            .iter()
            .map(|f| f.clients)
            .collect();
        assert_eq!(clients, [1, 4, 1], "{}", t.db);
        assert_eq!(list(order(Order::Clients, false))[0], b);
        assert_eq!(list(order(Order::Clients, true))[2], b);
        assert_eq!(
            list(FingerprintQuery {
                limit: 2,
                offset: 1,
                ..order(Order::Clients, true)
            })
            .len(),
            2
        );
        assert_eq!(list(order(Order::LastSeen, false)), [a, c, b]);
        assert_eq!(list(order(Order::Directive, true)), [b, c, a]);
        let only = |q: FingerprintQuery| (list(q.clone()), s.fingerprints(&q).unwrap().total);
        assert_eq!(
            only(FingerprintQuery {
                directive: Some("img-src".into()),
                ..order(Order::Count, false)
            }),
            (vec![b.to_owned(), c.to_owned()], 2)
        );
        // `%` and `_` in the filter are the characters themselves, not patterns.
        let contains = |part: &str| FingerprintQuery {
            document_contains: Some(part.into()),
            ..FingerprintQuery::default()
        };
        assert_eq!(only(contains("100%_")), (vec![b.to_owned()], 1));
        assert_eq!(only(contains("%")).1, 1);
        assert_eq!(only(contains("_")).1, 1);
        assert_eq!(only(contains("ca")), (vec![a.to_owned()], 1));
        let third = FingerprintQuery {
            noise_class: Some(NoiseClass::ThirdParty),
            ..FingerprintQuery::default()
        };
        assert_eq!(s.fingerprints(&third).unwrap().total, 3);
        let counted = FingerprintQuery {
            limit: 0,
            ..FingerprintQuery::default()
        };
        assert_eq!(
            (
                s.fingerprints(&counted).unwrap().items.len(),
                s.fingerprints(&counted).unwrap().total
            ),
            (0, 3)
        );

        let page = s.fingerprints(&order(Order::Count, false)).unwrap();
        let ids: Vec<&str> = page.items.iter().map(|f| f.id.as_str()).collect();
        let series = s.fingerprint_series(&ids, t0).unwrap();
        assert_eq!(series[ids[0]], [(t0, 4), (t0 + DAY, 1)]);
        assert_eq!(series[ids[1]], [(t0, 4)]);
        assert_eq!(
            s.fingerprint_series(&ids, t0 + DAY).unwrap()[ids[0]],
            [(t0 + DAY, 1)]
        );
        assert!(s.fingerprint_series(&[], t0).unwrap().is_empty());
    }
}

#[test]
#[cfg(feature = "postgres")]
fn an_unreachable_postgres_server_is_named_without_its_password() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://app:s3cret@127.0.0.1:{port}/reports");
    let err = Store::open(&url).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Open);
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!(
            "cannot open report store `postgres://app:***@127.0.0.1:{port}/reports`: "
        )),
        "{msg}"
    );
    assert!(!msg.contains("s3cret"), "{msg}");
}

#[test]
#[cfg(feature = "postgres")]
fn a_postgres_store_from_a_newer_version_is_refused_and_left_untouched() {
    let Some(t) = common::postgres() else { return };
    let mut client = postgres::Client::connect(&t.db, postgres::NoTls).unwrap();
    client
        .batch_execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        .unwrap();
    let dump = |c: &mut postgres::Client| {
        let tables: Vec<String> = c
            .query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let meta: Vec<(String, String)> = c
            .query("SELECT key, value FROM meta ORDER BY key", &[])
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        (tables, meta)
    };
    let before = dump(&mut client);
    let err = Store::open(&t.db).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NewerSchema);
    assert!(
        err.to_string()
            .contains("schema version 99, this version reads up to 3"),
        "{err}"
    );
    assert_eq!(dump(&mut client), before);
}

#[test]
fn the_same_reports_give_the_same_fingerprints_on_every_backend() {
    let stores = common::stores();
    let input = include_str!("data/noise.jsonl");
    let listed: Vec<Vec<(String, u64, String)>> = stores
        .iter()
        .map(|t| {
            t.store.ingest_lines(input.as_bytes()).unwrap();
            t.store.ingest_lines(input.as_bytes()).unwrap();
            let q = FingerprintQuery {
                include_noise: true,
                ..Default::default()
            };
            t.store
                .fingerprints(&q)
                .unwrap()
                .items
                .into_iter()
                .map(|f| (f.id, f.count, f.noise.to_string()))
                .collect()
        })
        .collect();
    assert_eq!(listed[0].len(), 8);
    assert!(listed[0].iter().all(|(_, n, _)| *n == 2));
    for other in &listed[1..] {
        assert_eq!(other, &listed[0]);
    }
}
