//! The script inventory on every backend.

mod common;

use secure_headers_reports::Alert;

fn hash_report(page: &str, script: &str, hash: &str) -> secure_headers::report::Report {
    let body = serde_json::json!([{"type": "csp-hash", "url": page, "body": {
        "documentURL": page, "subresourceURL": script, "hash": hash,
        "destination": "script", "type": "subresource"}}]);
    common::line(&body.to_string()).remove(0)
}

#[test]
fn new_scripts_and_changed_hashes_are_alerts_and_integrity_violations_are_joined() {
    for t in common::stores() {
        let s = &t.store;
        let pay = "https://shop.example/pay?session=1";
        let mut b = s.batch();
        b.add(
            &hash_report(pay, "https://shop.example/app.js", "sha256-AAA="),
            1_000,
            None,
        );
        b.add(
            &hash_report(pay, "https://cdn.example/lib.js?v=1", "sha256-LLL="),
            1_000,
            None,
        );
        b.add(
            &hash_report(pay, "https://shop.example/app.js", "sha256-AAA="),
            5_000,
            None,
        );
        s.write(&b).unwrap();
        let mut b = s.batch();
        b.add(
            &hash_report(pay, "https://shop.example/app.js", "sha256-BBB="),
            9_000,
            None,
        );
        b.add(
            &hash_report(pay, "https://evil.example/skim.js", ""),
            9_500,
            None,
        );
        let iv = serde_json::json!([{"type": "integrity-violation", "url": pay, "body": {
            "documentURL": pay, "blockedURL": "https://cdn.example/lib.js?v=1", "destination": "script", "reportOnly": true}}]);
        b.add(&common::line(&iv.to_string())[0], 9_600, None);
        s.write(&b).unwrap();
        let inv = s.inventory().unwrap();
        let rows: Vec<_> = inv
            .iter()
            .map(|x| {
                (
                    x.url.as_str(),
                    x.hash.as_str(),
                    x.alerts.clone(),
                    x.integrity_violations,
                    x.count,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "https://evil.example/skim.js",
                    "",
                    vec![Alert::NewScript],
                    0,
                    1
                ),
                (
                    "https://shop.example/app.js",
                    "sha256-BBB=",
                    vec![Alert::ChangedHash],
                    0,
                    1
                ),
                ("https://cdn.example/lib.js", "sha256-LLL=", vec![], 1, 1),
                ("https://shop.example/app.js", "sha256-AAA=", vec![], 0, 2),
            ],
            "{}",
            t.db
        );
        let app = inv.iter().find(|x| x.hash == "sha256-AAA=").unwrap();
        assert_eq!(
            (app.page.as_str(), app.first_seen, app.last_seen),
            ("https://shop.example/pay", 1_000, 5_000)
        );
    }
}
