//! The proposal (a diff against the candidate, the fingerprints behind each change, the
//! tasks, text fields to copy), the script inventory and the other report types.

use secure_headers_reports::{counted, plural};

use crate::html::{Esc, Out, count, time, w};
use crate::model::{Overview, Proposal, Script};

pub(super) fn proposal(out: &mut Out, p: Option<&Proposal>) {
    out.raw("<section id=\"proposal\"><h2>The proposal</h2>");
    let Some(p) = p else {
        out.raw("<p>No candidate policy yet: send a report-only policy and let reports come in.</p></section>");
        return;
    };
    if p.changes.is_empty() && p.tasks.is_empty() {
        out.raw("<p class=\"good\">The candidate needs no change.</p>");
    }
    out.raw("<h3>Against the candidate</h3><pre class=\"diff\" id=\"diff\">");
    diff(out, &p.candidate, &p.proposed);
    out.raw("</pre>");
    if !p.changes.is_empty() {
        out.raw("<h3>Each change and why</h3><ul class=\"changes\">");
        for c in &p.changes {
            w!(out, "<li><code>{}</code>", Esc(&c.directive));
            for a in &c.added {
                w!(out, " <ins>+ {}</ins>", Esc(a));
            }
            for r in &c.removed {
                w!(out, " <del>− {}</del>", Esc(r));
            }
            out.raw("<ul>");
            for (id, n, reach, sample) in &c.because {
                w!(
                    out,
                    "<li>fingerprint <code>{}</code>: {} {}, reach {} · <span class=\"sample\">{}</span></li>",
                    Esc(id),
                    count(*n),
                    plural(*n, "report"),
                    count(*reach),
                    Esc(sample)
                );
            }
            out.raw("</ul></li>");
        }
        out.raw("</ul>");
    }
    if !p.tasks.is_empty() {
        out.raw("<h3>Tasks</h3><ol class=\"tasks\">");
        for t in &p.tasks {
            w!(out, "<li>{}", Esc(&t.what));
            if let Some(l) = &t.location {
                w!(out, " at <code>{}</code>", Esc(l));
            }
            w!(
                out,
                " ({} {})</li>",
                count(t.count),
                plural(t.count, "report")
            );
        }
        out.raw("</ol>");
    }
    out.raw("<h3>Copy</h3>");
    copy_field(
        out,
        "copy-csp",
        "The policy (Content-Security-Policy value)",
        &p.proposed,
        2,
    );
    copy_field(out, "copy-toml", "Configuration file lines", &p.toml, 6);
    copy_field(out, "copy-rust", "Rust builder code", &p.rust, 8);
    out.raw("<form method=\"post\" action=\"accept\" class=\"accept\"><button type=\"submit\" id=\"accept\">Accept this proposal as the new candidate</button></form></section>");
}

/// A read-only text field (select it all to copy: that needs no script) and a button the
/// script wires to the clipboard.
fn copy_field(out: &mut Out, id: &str, label: &str, text: &str, rows: u8) {
    if text.is_empty() {
        return;
    }
    w!(
        out,
        "<div class=\"copy\"><label for=\"{id}\">{label}</label><textarea id=\"{id}\" rows=\"{rows}\" readonly spellcheck=\"false\">{}</textarea><button type=\"button\" class=\"copy-button\" data-copy=\"{id}\">Copy</button></div>",
        Esc(text)
    );
}

/// A line diff of two policies, one directive per line: `-` lines only in the candidate,
/// `+` lines only in the proposal, unchanged lines as they are.
fn diff(out: &mut Out, from: &str, to: &str) {
    let split = |p: &str| -> Vec<String> {
        p.split(';')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (a, b) = (split(from), split(to));
    let name = |d: &str| {
        d.split_ascii_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    for d in &a {
        match b.iter().find(|e| name(e) == name(d)) {
            Some(e) if e == d => w!(out, "  {}\n", Esc(d)),
            Some(e) => w!(out, "<del>- {}</del>\n<ins>+ {}</ins>\n", Esc(d), Esc(e)),
            None => w!(out, "<del>- {}</del>\n", Esc(d)),
        }
    }
    for e in b.iter().filter(|e| !a.iter().any(|d| name(d) == name(e))) {
        w!(out, "<ins>+ {}</ins>\n", Esc(e));
    }
}

pub(super) fn inventory(out: &mut Out, scripts: &[Script]) {
    out.raw("<section id=\"inventory\"><h2>Scripts</h2>");
    if scripts.is_empty() {
        out.raw("<p>No <code>csp-hash</code> reports yet (add <code>'report-sha256'</code> to the policy to build the inventory).</p></section>");
        return;
    }
    let alerts = scripts.iter().filter(|s| s.alert.is_some()).count();
    w!(
        out,
        "<p>{}, {}</p>",
        counted(scripts.len() as u64, "script"),
        counted(alerts as u64, "alert")
    );
    out.raw("<table id=\"inventory-table\"><thead><tr><th>Page</th><th>Script</th><th>Hash</th><th>First seen</th><th>Last seen</th><th>Alert</th></tr></thead><tbody>");
    for s in scripts {
        w!(
            out,
            "<tr{}><td>{}</td><td class=\"blocked\">{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if s.alert.is_some() {
                " class=\"alert\""
            } else {
                ""
            },
            Esc(&s.page),
            Esc(&s.url),
            Esc(&s.hash),
            time(s.first_seen),
            time(s.last_seen),
            Esc(s.alert.as_deref().unwrap_or(""))
        );
    }
    out.raw("</tbody></table></section>");
}

pub(super) fn other_types(out: &mut Out, o: &Overview) {
    out.raw("<section id=\"other\"><h2>Other report types</h2>");
    if o.other_types.is_empty() {
        out.raw("<p>None in the store.</p></section>");
        return;
    }
    out.raw("<table id=\"other-table\"><thead><tr><th>Type</th><th>Reports</th><th>Fingerprints</th><th>Last seen</th><th>Most frequent</th></tr></thead><tbody>");
    for t in &o.other_types {
        w!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"sample\">{}</td></tr>",
            Esc(&t.kind),
            count(t.count),
            count(t.fingerprints),
            time(t.last_seen),
            Esc(t.top.as_deref().unwrap_or(""))
        );
    }
    out.raw("</tbody></table></section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The inventory's counts read in the singular for one and the plural otherwise.
    #[test]
    fn the_inventory_counts_scripts_and_alerts_as_they_read() {
        let script = Script {
            page: "/".into(),
            url: "https://cdn.example/a.js".into(),
            hash: "sha256-x".into(),
            ..Script::default()
        };
        let alerted = Script {
            alert: Some("new".into()),
            ..script.clone()
        };
        let mut out = Out::default();
        inventory(&mut out, std::slice::from_ref(&script));
        assert!(out.0.contains("<p>1 script, 0 alerts</p>"), "{}", out.0);
        let mut out = Out::default();
        inventory(&mut out, &[script, alerted]);
        assert!(out.0.contains("<p>2 scripts, 1 alert</p>"), "{}", out.0);
    }

    #[test]
    fn the_diff_shows_each_directive_once_with_its_change() {
        let mut out = Out::default();
        diff(
            &mut out,
            "script-src 'nonce-x' 'strict-dynamic'; object-src 'none'; img-src 'self'",
            "script-src 'nonce-x' 'strict-dynamic'; object-src 'none'; img-src 'self' https://cdn.example; style-src 'self'",
        );
        assert_eq!(
            out.0,
            "  script-src &#39;nonce-x&#39; &#39;strict-dynamic&#39;\n  object-src &#39;none&#39;\n\
             <del>- img-src &#39;self&#39;</del>\n<ins>+ img-src &#39;self&#39; https://cdn.example</ins>\n\
             <ins>+ style-src &#39;self&#39;</ins>\n"
        );
    }
}
