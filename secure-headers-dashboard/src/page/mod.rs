//! The page: server-rendered HTML, every report string escaped ([`Esc`]), charts as SVG.
//! The one script is our own copy-button helper, loaded with the request's nonce.

mod proposal;
mod table;

use secure_headers_reports::plural;

use crate::html::{Esc, Out, count, w};
use crate::model::FingerprintPage;
use crate::model::{Overview, Proposal, Script, Version};
use crate::params::FingerprintQuery;
use crate::svg;

pub(crate) use table::fingerprint_rows;

/// Everything one page shows.
pub(crate) struct PageData {
    pub(crate) overview: Overview,
    pub(crate) table: FingerprintPage,
    pub(crate) proposal: Option<Proposal>,
    pub(crate) inventory: Vec<Script>,
}

/// The whole dashboard page.
pub(crate) fn dashboard(data: &PageData, query: &FingerprintQuery, nonce: &str) -> String {
    let mut out = Out::with_capacity(64 * 1024 + data.table.rows.len() * 1024);
    head(&mut out, "secure-headers reports");
    out.raw("<header><h1>secure-headers reports</h1><nav><a href=\"#standing\">Standing</a> <a href=\"#fingerprints\">Fingerprints</a> <a href=\"#proposal\">Proposal</a> <a href=\"#inventory\">Scripts</a> <a href=\"#other\">Other reports</a></nav></header><main>");
    standing(&mut out, &data.overview, query);
    table::fingerprints(&mut out, &data.table, query);
    proposal::proposal(&mut out, data.proposal.as_ref());
    proposal::inventory(&mut out, &data.inventory);
    proposal::other_types(&mut out, &data.overview);
    out.raw("</main>");
    w!(
        out,
        "<script src=\"assets/copy.js\" nonce=\"{}\"></script></body></html>",
        Esc(nonce)
    );
    out.0
}

/// A short page: a message (an error, the login form).
pub(crate) fn message(title: &str, body_markup: &str) -> String {
    let mut out = Out::with_capacity(1024);
    head(&mut out, title);
    w!(out, "<main><h1>{}</h1>", Esc(title));
    out.raw(body_markup);
    out.raw("</main></body></html>");
    out.0
}

/// The login form (a token, once; the answer sets the session cookie).
pub(crate) fn login(failed: bool) -> String {
    let note = if failed {
        "<p class=\"bad\">That token is not the one this dashboard was started with.</p>"
    } else {
        ""
    };
    message(
        "Sign in",
        &format!(
            "{note}<form method=\"post\" action=\"login\"><label>Token <input type=\"password\" name=\"token\" autocomplete=\"current-password\" required></label> <button type=\"submit\">Sign in</button></form><p>The token is the one given to <code>secure-headers reports serve --token</code>; or send it as <code>Authorization: Bearer …</code>.</p>"
        ),
    )
}

fn head(out: &mut Out, title: &str) {
    w!(
        out,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><link rel=\"icon\" href=\"assets/icon.svg\"><link rel=\"stylesheet\" href=\"assets/dashboard.css\"></head><body>",
        Esc(title)
    );
}

fn standing(out: &mut Out, o: &Overview, query: &FingerprintQuery) {
    out.raw("<section id=\"standing\"><h2>Where the policy stands</h2><div class=\"versions\">");
    version(out, "Enforced", o.enforced.as_ref());
    version(out, "Candidate (report-only)", o.candidate.as_ref());
    out.raw("</div>");
    let r = &o.readiness;
    w!(
        out,
        "<div id=\"readiness\" class=\"readiness {}\"><h3>Readiness: {}</h3>",
        if r.ready { "ready" } else { "not-ready" },
        if r.ready {
            "ready to enforce"
        } else {
            "not ready"
        }
    );
    if !r.grades.is_empty() {
        out.raw("<p class=\"grades\">Projected grade with the candidate enforced:");
        for (algorithm, grade) in &r.grades {
            w!(
                out,
                " <span class=\"grade\">{}</span> ({})",
                Esc(grade),
                Esc(algorithm)
            );
        }
        out.raw("</p>");
    }
    list(out, &r.reasons);
    out.raw("</div>");
    w!(
        out,
        "<h3>Reports per policy version ({}, {} in the store)</h3>",
        Esc(query.window.0),
        count(o.total_reports)
    );
    svg::line_chart(
        out,
        "reports per policy version",
        &svg::fold_series(o.per_version.clone()),
        (&o.span.0, &o.span.1),
    );
    out.raw("<h3 id=\"breakage\">Breakage in production (enforced policy)</h3>");
    if o.breakage.is_empty() {
        out.raw("<p class=\"good\">No reports from the enforced policy in this window.</p>");
    } else {
        table::breakage(out, &o.breakage);
    }
    out.raw("</section>");
}

fn version(out: &mut Out, what: &str, v: Option<&Version>) {
    w!(out, "<div class=\"version\"><h3>{}</h3>", Esc(what));
    match v {
        Some(v) => w!(
            out,
            "<p>version <code>{}</code> · {} {}</p><pre class=\"policy\">{}</pre>",
            Esc(&v.id),
            count(v.reports),
            plural(v.reports, "report"),
            Esc(&v.policy)
        ),
        None => out.raw("<p>none seen yet</p>"),
    }
    out.raw("</div>");
}

fn list(out: &mut Out, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.raw("<ul>");
    for i in items {
        w!(out, "<li>{}</li>", Esc(i));
    }
    out.raw("</ul>");
}
