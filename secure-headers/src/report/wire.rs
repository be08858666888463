//! The two wire formats: the legacy `application/csp-report` body and the Reporting API
//! batch, read into [`Report`]s.

use serde::Deserialize;

use super::*;

/// The legacy `application/csp-report` body.
#[derive(Deserialize)]
struct LegacyEnvelope {
    #[serde(rename = "csp-report")]
    csp_report: LegacyBody,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct LegacyBody {
    document_uri: String,
    referrer: String,
    blocked_uri: String,
    violated_directive: String,
    effective_directive: String,
    original_policy: String,
    disposition: String,
    script_sample: String,
    source_file: String,
    line_number: u64,
    column_number: u64,
    status_code: u64,
}

impl From<LegacyBody> for CspViolation {
    fn from(b: LegacyBody) -> Self {
        let effective = if b.effective_directive.is_empty() {
            b.violated_directive
        } else {
            b.effective_directive
        };
        Self {
            format: Some(ReportFormat::CspReport),
            document_url: b.document_uri,
            referrer: b.referrer,
            blocked_url: b.blocked_uri,
            effective_directive: effective,
            original_policy: b.original_policy,
            disposition: b.disposition,
            sample: b.script_sample,
            source_file: b.source_file,
            line_number: b.line_number,
            column_number: b.column_number,
            status_code: b.status_code,
            ..Self::default()
        }
    }
}

/// One entry of an `application/reports+json` batch.
#[derive(Deserialize)]
struct ApiReport {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    user_agent: String,
    #[serde(default)]
    age: u64,
    #[serde(default)]
    body: serde_json::Value,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ApiCspBody {
    #[serde(rename = "documentURL")]
    document_url: String,
    referrer: String,
    #[serde(rename = "blockedURL")]
    blocked_url: String,
    effective_directive: String,
    original_policy: String,
    disposition: String,
    sample: String,
    source_file: String,
    line_number: u64,
    column_number: u64,
    status_code: u64,
}

impl From<ApiReport> for Report {
    fn from(r: ApiReport) -> Self {
        if r.kind == "csp-violation" {
            let b: ApiCspBody = serde_json::from_value(r.body).unwrap_or_default();
            return Report::CspViolation(CspViolation {
                format: Some(ReportFormat::ReportingApi),
                document_url: b.document_url,
                referrer: b.referrer,
                blocked_url: b.blocked_url,
                effective_directive: b.effective_directive,
                original_policy: b.original_policy,
                disposition: b.disposition,
                sample: b.sample,
                source_file: b.source_file,
                line_number: b.line_number,
                column_number: b.column_number,
                status_code: b.status_code,
                url: r.url,
                user_agent: r.user_agent,
                age: r.age,
            });
        }
        match r.kind.as_str() {
            "csp-hash" => r.typed(Report::CspHash),
            "integrity-violation" => r.typed(Report::IntegrityViolation),
            "coop" => r.typed(Report::Coop),
            "coep" => r.typed(Report::Coep),
            "permissions-policy-violation" => r.typed(Report::PermissionsPolicyViolation),
            "potential-permissions-policy-violation" => {
                r.typed(Report::PotentialPermissionsPolicyViolation)
            }
            "document-policy-violation" => r.typed(Report::DocumentPolicyViolation),
            "deprecation" => r.typed(Report::Deprecation),
            "intervention" => r.typed(Report::Intervention),
            "crash" => r.typed(Report::Crash),
            "network-error" => r.typed(Report::NetworkError),
            _ => r.other(),
        }
    }
}

impl ApiReport {
    /// The report with its body typed as `B`, or [`Report::Other`] if the body does not
    /// have that shape (it is then kept as it came).
    fn typed<B: serde::de::DeserializeOwned>(self, variant: fn(Reported<B>) -> Report) -> Report {
        match B::deserialize(&self.body) {
            Ok(body) => variant(Reported {
                url: self.url,
                user_agent: self.user_agent,
                age: self.age,
                body,
            }),
            Err(_) => self.other(),
        }
    }

    fn other(self) -> Report {
        Report::Other {
            kind: self.kind,
            url: self.url,
            body: self.body,
        }
    }
}

pub(super) fn parse_legacy(body: &[u8]) -> Result<Vec<Report>, ParseError> {
    let env: LegacyEnvelope =
        serde_json::from_slice(body).map_err(|e| ParseError::Malformed(e.to_string()))?;
    Ok(vec![Report::CspViolation(env.csp_report.into())])
}

pub(super) fn parse_batch(body: &[u8]) -> Result<Vec<Report>, ParseError> {
    let batch: Vec<ApiReport> =
        serde_json::from_slice(body).map_err(|e| ParseError::Malformed(e.to_string()))?;
    Ok(batch.into_iter().map(Report::from).collect())
}
