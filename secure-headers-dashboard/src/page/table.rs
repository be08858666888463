//! The fingerprint table: a filter form (GET), sortable headings, rows with a sparkline
//! and a mute button, and pagination; all on the server.

use crate::html::{Esc, Out, count, time, w};
use crate::model::{Fingerprint, FingerprintPage};
use crate::params::{FingerprintQuery, SortKey, WINDOWS};
use crate::svg;

pub(super) fn fingerprints(out: &mut Out, page: &FingerprintPage, q: &FingerprintQuery) {
    out.raw("<section id=\"fingerprints\"><h2>Fingerprints</h2>");
    filter_form(out, q);
    w!(
        out,
        "<p class=\"summary\"><span id=\"total\">{}</span> matching",
        count(page.total)
    );
    if !q.noise && page.hidden_noise > 0 {
        let shown = FingerprintQuery {
            noise: true,
            page: 1,
            ..q.clone()
        };
        w!(
            out,
            " · <a id=\"show-noise\" href=\"?{}#fingerprints\">{} noise hidden (show)</a>",
            Esc(&shown.to_query()),
            count(page.hidden_noise)
        );
    }
    out.raw("</p>");
    out.raw("<table id=\"fingerprint-table\"><thead><tr>");
    for (label, key) in [
        ("Directive", Some(SortKey::Directive)),
        ("Blocked", None),
        ("Page", None),
        ("Class", None),
        ("Count", Some(SortKey::Count)),
        ("Reach", Some(SortKey::Reach)),
        ("First seen", Some(SortKey::FirstSeen)),
        ("Last seen", Some(SortKey::LastSeen)),
        ("Sample", None),
        ("Over time", None),
        ("", None),
    ] {
        match key {
            Some(k) => {
                let ascending = q.sort == k && !q.ascending;
                let to = FingerprintQuery {
                    sort: k,
                    ascending,
                    page: 1,
                    ..q.clone()
                };
                let mark = match (q.sort == k, q.ascending) {
                    (true, true) => " ▲",
                    (true, false) => " ▼",
                    _ => "",
                };
                w!(
                    out,
                    "<th><a class=\"sort\" data-sort=\"{}\" href=\"?{}#fingerprints\">{label}{mark}</a></th>",
                    k.as_str(),
                    Esc(&to.to_query())
                );
            }
            None => w!(out, "<th>{label}</th>"),
        }
    }
    out.raw("</tr></thead><tbody>");
    for f in &page.rows {
        row(out, f, q);
    }
    out.raw("</tbody></table>");
    pagination(out, page.total, q);
    out.raw("</section>");
}

fn row(out: &mut Out, f: &Fingerprint, q: &FingerprintQuery) {
    w!(
        out,
        "<tr data-id=\"{}\" class=\"{}{}\"><td>{}</td><td class=\"blocked\">{}</td><td>{}",
        Esc(&f.id),
        if f.disposition == "enforce" {
            "enforce"
        } else {
            "report"
        },
        if f.muted { " muted" } else { "" },
        Esc(&f.directive),
        Esc(&f.blocked),
        Esc(&f.page)
    );
    if let Some(s) = &f.source {
        w!(out, "<br><small>{}</small>", Esc(s));
    }
    w!(
        out,
        "</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"sample\">{}</td><td>",
        Esc(&f.class),
        count(f.count),
        count(f.reach),
        time(f.first_seen),
        time(f.last_seen),
        Esc(f.sample.as_deref().unwrap_or(""))
    );
    svg::sparkline(out, &f.series);
    w!(
        out,
        "</td><td><form method=\"post\" action=\"mute\"><input type=\"hidden\" name=\"id\" value=\"{}\"><input type=\"hidden\" name=\"muted\" value=\"{}\"><input type=\"hidden\" name=\"back\" value=\"{}\"><button type=\"submit\" class=\"mute\">{}</button></form></td></tr>",
        Esc(&f.id),
        u8::from(!f.muted),
        Esc(&q.to_query()),
        if f.muted { "unmute" } else { "mute" }
    );
}

/// The compact table of enforced-policy fingerprints at the top of the page.
pub(super) fn breakage(out: &mut Out, rows: &[Fingerprint]) {
    out.raw("<table id=\"breakage-table\"><thead><tr><th>Directive</th><th>Blocked</th><th>Page</th><th>Count</th><th>Reach</th><th>Last seen</th><th>Sample</th></tr></thead><tbody>");
    for f in rows {
        w!(
            out,
            "<tr data-id=\"{}\"><td>{}</td><td class=\"blocked\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"sample\">{}</td></tr>",
            Esc(&f.id),
            Esc(&f.directive),
            Esc(&f.blocked),
            Esc(&f.page),
            count(f.count),
            count(f.reach),
            time(f.last_seen),
            Esc(f.sample.as_deref().unwrap_or(""))
        );
    }
    out.raw("</tbody></table>");
}

fn filter_form(out: &mut Out, q: &FingerprintQuery) {
    out.raw("<form id=\"filter\" method=\"get\" action=\"#fingerprints\" class=\"filter\">");
    for (name, label, value) in [
        ("directive", "Directive", q.directive.as_deref()),
        ("class", "Class", q.class.as_deref()),
        ("path", "Page contains", q.page_path.as_deref()),
    ] {
        w!(
            out,
            "<label>{label} <input name=\"{name}\" value=\"{}\" size=\"14\"></label> ",
            Esc(value.unwrap_or(""))
        );
    }
    w!(
        out,
        "<label>Version <input name=\"version\" value=\"{}\" size=\"10\"></label> <label>Window <select name=\"window\">",
        Esc(q.version.as_deref().unwrap_or(""))
    );
    for (name, _) in WINDOWS {
        w!(
            out,
            "<option{}>{name}</option>",
            if q.window.0 == name { " selected" } else { "" }
        );
    }
    out.raw("</select></label> <label>Sort <select name=\"sort\">");
    for (k, name) in SortKey::ALL {
        w!(
            out,
            "<option{}>{name}</option>",
            if q.sort == k { " selected" } else { "" }
        );
    }
    w!(
        out,
        "</select></label> <label><input type=\"checkbox\" name=\"noise\" value=\"1\"{}> show noise</label> <button type=\"submit\">Filter</button></form>",
        if q.noise { " checked" } else { "" }
    );
}

fn pagination(out: &mut Out, total: u64, q: &FingerprintQuery) {
    let pages = total.div_ceil(u64::from(q.per_page)).max(1);
    out.raw("<nav class=\"pages\">");
    if q.page > 1 {
        let prev = FingerprintQuery {
            page: q.page - 1,
            ..q.clone()
        };
        w!(
            out,
            "<a rel=\"prev\" href=\"?{}#fingerprints\">previous</a> ",
            Esc(&prev.to_query())
        );
    }
    w!(out, "page {} of {pages}", q.page);
    if u64::from(q.page) < pages {
        let next = FingerprintQuery {
            page: q.page + 1,
            ..q.clone()
        };
        w!(
            out,
            " <a rel=\"next\" href=\"?{}#fingerprints\">next</a>",
            Esc(&next.to_query())
        );
    }
    out.raw("</nav>");
}

/// The table's rows as JSON (the API).
pub(crate) fn fingerprint_rows(page: &FingerprintPage) -> serde_json::Value {
    let rows: Vec<_> = page
        .rows
        .iter()
        .map(|f| {
            serde_json::json!({
                "id": f.id, "type": f.kind, "disposition": f.disposition,
                "directive": f.directive, "blocked": f.blocked, "page": f.page,
                "source": f.source, "class": f.class, "version": f.version,
                "count": f.count, "reach": f.reach, "documents": f.documents,
                "first_seen": f.first_seen, "last_seen": f.last_seen,
                "sample": f.sample, "muted": f.muted, "series": f.series,
            })
        })
        .collect();
    serde_json::json!({ "total": page.total, "hidden_noise": page.hidden_noise, "rows": rows })
}
