//! The named setters and `map_` methods of [`SecureBuilder`], one pair per row of
//! [`registry::HEADERS`](crate::registry::HEADERS): each is
//! [`set`](SecureBuilder::set) or [`map`](SecureBuilder::map) with the type named.

use super::SecureBuilder;
use crate::{
    CacheControl, ClearSiteData, ContentSecurityPolicy, ContentSecurityPolicyReportOnly,
    CrossOriginEmbedderPolicy, CrossOriginEmbedderPolicyReportOnly, CrossOriginOpenerPolicy,
    CrossOriginOpenerPolicyReportOnly, CrossOriginResourcePolicy, DocumentIsolationPolicy,
    DocumentIsolationPolicyReportOnly, DocumentPolicy, DocumentPolicyReportOnly, IntegrityPolicy,
    IntegrityPolicyReportOnly, Nel, OriginAgentCluster, PermissionsPolicy,
    PermissionsPolicyReportOnly, ReferrerPolicy, ReportTo, ReportingEndpoints, Server,
    StrictTransportSecurity, XContentTypeOptions, XDnsPrefetchControl, XDownloadOptions,
    XFrameOptions, XPermittedCrossDomainPolicies, XXssProtection,
};

impl SecureBuilder {
    /// Sends a [`CacheControl`] (`Cache-Control`), replacing one set before.
    pub fn cache(self, policy: impl Into<CacheControl>) -> Self {
        self.set::<CacheControl>(policy)
    }

    /// Changes the [`CacheControl`] configured so far (or a new one) with `f`.
    pub fn map_cache(self, f: impl FnOnce(CacheControl) -> CacheControl) -> Self {
        self.map::<CacheControl>(f)
    }

    /// Sends a [`CrossOriginEmbedderPolicy`] (`Cross-Origin-Embedder-Policy`), replacing one set before.
    pub fn coep(self, policy: impl Into<CrossOriginEmbedderPolicy>) -> Self {
        self.set::<CrossOriginEmbedderPolicy>(policy)
    }

    /// Changes the [`CrossOriginEmbedderPolicy`] configured so far (or a new one) with `f`.
    pub fn map_coep(
        self,
        f: impl FnOnce(CrossOriginEmbedderPolicy) -> CrossOriginEmbedderPolicy,
    ) -> Self {
        self.map::<CrossOriginEmbedderPolicy>(f)
    }

    /// Sends a [`CrossOriginEmbedderPolicyReportOnly`] (`Cross-Origin-Embedder-Policy-Report-Only`), replacing one set before.
    pub fn coep_report_only(self, policy: impl Into<CrossOriginEmbedderPolicyReportOnly>) -> Self {
        self.set::<CrossOriginEmbedderPolicyReportOnly>(policy)
    }

    /// Changes the [`CrossOriginEmbedderPolicyReportOnly`] configured so far (or a new one) with `f`.
    pub fn map_coep_report_only(
        self,
        f: impl FnOnce(CrossOriginEmbedderPolicyReportOnly) -> CrossOriginEmbedderPolicyReportOnly,
    ) -> Self {
        self.map::<CrossOriginEmbedderPolicyReportOnly>(f)
    }

    /// Sends a [`CrossOriginOpenerPolicy`] (`Cross-Origin-Opener-Policy`), replacing one set before.
    pub fn coop(self, policy: impl Into<CrossOriginOpenerPolicy>) -> Self {
        self.set::<CrossOriginOpenerPolicy>(policy)
    }

    /// Changes the [`CrossOriginOpenerPolicy`] configured so far (or a new one) with `f`.
    pub fn map_coop(
        self,
        f: impl FnOnce(CrossOriginOpenerPolicy) -> CrossOriginOpenerPolicy,
    ) -> Self {
        self.map::<CrossOriginOpenerPolicy>(f)
    }

    /// Sends a [`CrossOriginOpenerPolicyReportOnly`] (`Cross-Origin-Opener-Policy-Report-Only`), replacing one set before.
    pub fn coop_report_only(self, policy: impl Into<CrossOriginOpenerPolicyReportOnly>) -> Self {
        self.set::<CrossOriginOpenerPolicyReportOnly>(policy)
    }

    /// Changes the [`CrossOriginOpenerPolicyReportOnly`] configured so far (or a new one) with `f`.
    pub fn map_coop_report_only(
        self,
        f: impl FnOnce(CrossOriginOpenerPolicyReportOnly) -> CrossOriginOpenerPolicyReportOnly,
    ) -> Self {
        self.map::<CrossOriginOpenerPolicyReportOnly>(f)
    }

    /// Sends a [`CrossOriginResourcePolicy`] (`Cross-Origin-Resource-Policy`), replacing one set before.
    pub fn corp(self, policy: impl Into<CrossOriginResourcePolicy>) -> Self {
        self.set::<CrossOriginResourcePolicy>(policy)
    }

    /// Changes the [`CrossOriginResourcePolicy`] configured so far (or a new one) with `f`.
    pub fn map_corp(
        self,
        f: impl FnOnce(CrossOriginResourcePolicy) -> CrossOriginResourcePolicy,
    ) -> Self {
        self.map::<CrossOriginResourcePolicy>(f)
    }

    /// Sends a [`ContentSecurityPolicy`] (`Content-Security-Policy`), replacing one set before.
    ///
    /// ```
    /// use secure_headers::{ContentSecurityPolicy, Secure};
    ///
    /// let secure = Secure::builder()
    ///     .csp(ContentSecurityPolicy::new().default_src(["'self'"]))
    ///     .map_csp(|csp| csp.img_src(["'self'", "data:"]))
    ///     .build()?;
    /// assert_eq!(
    ///     secure.to_string(),
    ///     "Content-Security-Policy: default-src 'self'; img-src 'self' data:"
    /// );
    /// # Ok::<(), secure_headers::Error>(())
    /// ```
    pub fn csp(self, policy: impl Into<ContentSecurityPolicy>) -> Self {
        self.set::<ContentSecurityPolicy>(policy)
    }

    /// Changes the [`ContentSecurityPolicy`] configured so far (or a new one) with `f`.
    pub fn map_csp(self, f: impl FnOnce(ContentSecurityPolicy) -> ContentSecurityPolicy) -> Self {
        self.map::<ContentSecurityPolicy>(f)
    }

    /// Sends a [`ContentSecurityPolicyReportOnly`] (`Content-Security-Policy-Report-Only`), replacing one set before.
    pub fn csp_report_only(self, policy: impl Into<ContentSecurityPolicyReportOnly>) -> Self {
        self.set::<ContentSecurityPolicyReportOnly>(policy)
    }

    /// Changes the [`ContentSecurityPolicyReportOnly`] configured so far (or a new one) with `f`.
    pub fn map_csp_report_only(
        self,
        f: impl FnOnce(ContentSecurityPolicyReportOnly) -> ContentSecurityPolicyReportOnly,
    ) -> Self {
        self.map::<ContentSecurityPolicyReportOnly>(f)
    }

    /// Sends a [`StrictTransportSecurity`] (`Strict-Transport-Security`), replacing one set before.
    pub fn hsts(self, policy: impl Into<StrictTransportSecurity>) -> Self {
        self.set::<StrictTransportSecurity>(policy)
    }

    /// Changes the [`StrictTransportSecurity`] configured so far (or a new one) with `f`.
    pub fn map_hsts(
        self,
        f: impl FnOnce(StrictTransportSecurity) -> StrictTransportSecurity,
    ) -> Self {
        self.map::<StrictTransportSecurity>(f)
    }

    /// Sends a [`PermissionsPolicy`] (`Permissions-Policy`), replacing one set before.
    pub fn permissions(self, policy: impl Into<PermissionsPolicy>) -> Self {
        self.set::<PermissionsPolicy>(policy)
    }

    /// Changes the [`PermissionsPolicy`] configured so far (or a new one) with `f`.
    pub fn map_permissions(self, f: impl FnOnce(PermissionsPolicy) -> PermissionsPolicy) -> Self {
        self.map::<PermissionsPolicy>(f)
    }

    /// Sends a [`PermissionsPolicyReportOnly`] (`Permissions-Policy-Report-Only`), replacing one set before.
    pub fn permissions_report_only(self, policy: impl Into<PermissionsPolicyReportOnly>) -> Self {
        self.set::<PermissionsPolicyReportOnly>(policy)
    }

    /// Changes the [`PermissionsPolicyReportOnly`] configured so far (or a new one) with `f`.
    pub fn map_permissions_report_only(
        self,
        f: impl FnOnce(PermissionsPolicyReportOnly) -> PermissionsPolicyReportOnly,
    ) -> Self {
        self.map::<PermissionsPolicyReportOnly>(f)
    }

    /// Sends a [`ReferrerPolicy`] (`Referrer-Policy`), replacing one set before.
    pub fn referrer(self, policy: impl Into<ReferrerPolicy>) -> Self {
        self.set::<ReferrerPolicy>(policy)
    }

    /// Changes the [`ReferrerPolicy`] configured so far (or a new one) with `f`.
    pub fn map_referrer(self, f: impl FnOnce(ReferrerPolicy) -> ReferrerPolicy) -> Self {
        self.map::<ReferrerPolicy>(f)
    }

    /// Sends a [`XPermittedCrossDomainPolicies`] (`X-Permitted-Cross-Domain-Policies`), replacing one set before.
    pub fn xpcdp(self, policy: impl Into<XPermittedCrossDomainPolicies>) -> Self {
        self.set::<XPermittedCrossDomainPolicies>(policy)
    }

    /// Changes the [`XPermittedCrossDomainPolicies`] configured so far (or a new one) with `f`.
    pub fn map_xpcdp(
        self,
        f: impl FnOnce(XPermittedCrossDomainPolicies) -> XPermittedCrossDomainPolicies,
    ) -> Self {
        self.map::<XPermittedCrossDomainPolicies>(f)
    }

    /// Sends a [`XDnsPrefetchControl`] (`X-DNS-Prefetch-Control`), replacing one set before.
    pub fn xdfc(self, policy: impl Into<XDnsPrefetchControl>) -> Self {
        self.set::<XDnsPrefetchControl>(policy)
    }

    /// Changes the [`XDnsPrefetchControl`] configured so far (or a new one) with `f`.
    pub fn map_xdfc(self, f: impl FnOnce(XDnsPrefetchControl) -> XDnsPrefetchControl) -> Self {
        self.map::<XDnsPrefetchControl>(f)
    }

    /// Sends a [`Server`] (`Server`), replacing one set before.
    pub fn server(self, policy: impl Into<Server>) -> Self {
        self.set::<Server>(policy)
    }

    /// Changes the [`Server`] configured so far (or a new one) with `f`.
    pub fn map_server(self, f: impl FnOnce(Server) -> Server) -> Self {
        self.map::<Server>(f)
    }

    /// Sends a [`XContentTypeOptions`] (`X-Content-Type-Options`), replacing one set before.
    pub fn xcto(self, policy: impl Into<XContentTypeOptions>) -> Self {
        self.set::<XContentTypeOptions>(policy)
    }

    /// Changes the [`XContentTypeOptions`] configured so far (or a new one) with `f`.
    pub fn map_xcto(self, f: impl FnOnce(XContentTypeOptions) -> XContentTypeOptions) -> Self {
        self.map::<XContentTypeOptions>(f)
    }

    /// Sends a [`XFrameOptions`] (`X-Frame-Options`), replacing one set before.
    pub fn xfo(self, policy: impl Into<XFrameOptions>) -> Self {
        self.set::<XFrameOptions>(policy)
    }

    /// Changes the [`XFrameOptions`] configured so far (or a new one) with `f`.
    pub fn map_xfo(self, f: impl FnOnce(XFrameOptions) -> XFrameOptions) -> Self {
        self.map::<XFrameOptions>(f)
    }

    /// Sends a [`OriginAgentCluster`] (`Origin-Agent-Cluster`), replacing one set before.
    pub fn origin_agent_cluster(self, policy: impl Into<OriginAgentCluster>) -> Self {
        self.set::<OriginAgentCluster>(policy)
    }

    /// Changes the [`OriginAgentCluster`] configured so far (or a new one) with `f`.
    pub fn map_origin_agent_cluster(
        self,
        f: impl FnOnce(OriginAgentCluster) -> OriginAgentCluster,
    ) -> Self {
        self.map::<OriginAgentCluster>(f)
    }

    /// Sends a [`XDownloadOptions`] (`X-Download-Options`), replacing one set before.
    pub fn x_download_options(self, policy: impl Into<XDownloadOptions>) -> Self {
        self.set::<XDownloadOptions>(policy)
    }

    /// Changes the [`XDownloadOptions`] configured so far (or a new one) with `f`.
    pub fn map_x_download_options(
        self,
        f: impl FnOnce(XDownloadOptions) -> XDownloadOptions,
    ) -> Self {
        self.map::<XDownloadOptions>(f)
    }

    /// Sends a [`XXssProtection`] (`X-XSS-Protection`), replacing one set before.
    pub fn x_xss_protection(self, policy: impl Into<XXssProtection>) -> Self {
        self.set::<XXssProtection>(policy)
    }

    /// Changes the [`XXssProtection`] configured so far (or a new one) with `f`.
    pub fn map_x_xss_protection(self, f: impl FnOnce(XXssProtection) -> XXssProtection) -> Self {
        self.map::<XXssProtection>(f)
    }

    /// Sends a [`ClearSiteData`] (`Clear-Site-Data`), replacing one set before.
    pub fn clear_site_data(self, policy: impl Into<ClearSiteData>) -> Self {
        self.set::<ClearSiteData>(policy)
    }

    /// Changes the [`ClearSiteData`] configured so far (or a new one) with `f`.
    pub fn map_clear_site_data(self, f: impl FnOnce(ClearSiteData) -> ClearSiteData) -> Self {
        self.map::<ClearSiteData>(f)
    }

    /// Sends a [`ReportingEndpoints`] (`Reporting-Endpoints`), replacing one set before.
    pub fn reporting_endpoints(self, policy: impl Into<ReportingEndpoints>) -> Self {
        self.set::<ReportingEndpoints>(policy)
    }

    /// Changes the [`ReportingEndpoints`] configured so far (or a new one) with `f`.
    pub fn map_reporting_endpoints(
        self,
        f: impl FnOnce(ReportingEndpoints) -> ReportingEndpoints,
    ) -> Self {
        self.map::<ReportingEndpoints>(f)
    }

    /// Sends a [`ReportTo`] (`Report-To`), replacing one set before.
    pub fn report_to(self, policy: impl Into<ReportTo>) -> Self {
        self.set::<ReportTo>(policy)
    }

    /// Changes the [`ReportTo`] configured so far (or a new one) with `f`.
    pub fn map_report_to(self, f: impl FnOnce(ReportTo) -> ReportTo) -> Self {
        self.map::<ReportTo>(f)
    }

    /// Sends a [`Nel`] (`NEL`), replacing one set before.
    pub fn nel(self, policy: impl Into<Nel>) -> Self {
        self.set::<Nel>(policy)
    }

    /// Changes the [`Nel`] configured so far (or a new one) with `f`.
    pub fn map_nel(self, f: impl FnOnce(Nel) -> Nel) -> Self {
        self.map::<Nel>(f)
    }

    /// Sends a [`IntegrityPolicy`] (`Integrity-Policy`), replacing one set before.
    pub fn integrity_policy(self, policy: impl Into<IntegrityPolicy>) -> Self {
        self.set::<IntegrityPolicy>(policy)
    }

    /// Changes the [`IntegrityPolicy`] configured so far (or a new one) with `f`.
    pub fn map_integrity_policy(self, f: impl FnOnce(IntegrityPolicy) -> IntegrityPolicy) -> Self {
        self.map::<IntegrityPolicy>(f)
    }

    /// Sends a [`IntegrityPolicyReportOnly`] (`Integrity-Policy-Report-Only`), replacing one set before.
    pub fn integrity_policy_report_only(
        self,
        policy: impl Into<IntegrityPolicyReportOnly>,
    ) -> Self {
        self.set::<IntegrityPolicyReportOnly>(policy)
    }

    /// Changes the [`IntegrityPolicyReportOnly`] configured so far (or a new one) with `f`.
    pub fn map_integrity_policy_report_only(
        self,
        f: impl FnOnce(IntegrityPolicyReportOnly) -> IntegrityPolicyReportOnly,
    ) -> Self {
        self.map::<IntegrityPolicyReportOnly>(f)
    }

    /// Sends a [`DocumentIsolationPolicy`] (`Document-Isolation-Policy`), replacing one set before.
    pub fn document_isolation_policy(self, policy: impl Into<DocumentIsolationPolicy>) -> Self {
        self.set::<DocumentIsolationPolicy>(policy)
    }

    /// Changes the [`DocumentIsolationPolicy`] configured so far (or a new one) with `f`.
    pub fn map_document_isolation_policy(
        self,
        f: impl FnOnce(DocumentIsolationPolicy) -> DocumentIsolationPolicy,
    ) -> Self {
        self.map::<DocumentIsolationPolicy>(f)
    }

    /// Sends a [`DocumentIsolationPolicyReportOnly`] (`Document-Isolation-Policy-Report-Only`), replacing one set before.
    pub fn document_isolation_policy_report_only(
        self,
        policy: impl Into<DocumentIsolationPolicyReportOnly>,
    ) -> Self {
        self.set::<DocumentIsolationPolicyReportOnly>(policy)
    }

    /// Changes the [`DocumentIsolationPolicyReportOnly`] configured so far (or a new one) with `f`.
    pub fn map_document_isolation_policy_report_only(
        self,
        f: impl FnOnce(DocumentIsolationPolicyReportOnly) -> DocumentIsolationPolicyReportOnly,
    ) -> Self {
        self.map::<DocumentIsolationPolicyReportOnly>(f)
    }

    /// Sends a [`DocumentPolicy`] (`Document-Policy`), replacing one set before.
    pub fn document_policy(self, policy: impl Into<DocumentPolicy>) -> Self {
        self.set::<DocumentPolicy>(policy)
    }

    /// Changes the [`DocumentPolicy`] configured so far (or a new one) with `f`.
    pub fn map_document_policy(self, f: impl FnOnce(DocumentPolicy) -> DocumentPolicy) -> Self {
        self.map::<DocumentPolicy>(f)
    }

    /// Sends a [`DocumentPolicyReportOnly`] (`Document-Policy-Report-Only`), replacing one set before.
    pub fn document_policy_report_only(self, policy: impl Into<DocumentPolicyReportOnly>) -> Self {
        self.set::<DocumentPolicyReportOnly>(policy)
    }

    /// Changes the [`DocumentPolicyReportOnly`] configured so far (or a new one) with `f`.
    pub fn map_document_policy_report_only(
        self,
        f: impl FnOnce(DocumentPolicyReportOnly) -> DocumentPolicyReportOnly,
    ) -> Self {
        self.map::<DocumentPolicyReportOnly>(f)
    }
}
