"""The seed's constants (lowercase header names)."""

from __future__ import annotations

MULTI_OK: frozenset[str] = frozenset({"content-security-policy"})
COMMA_JOIN_OK: frozenset[str] = frozenset({"cache-control"})
DEFAULT_ALLOWED_HEADERS: frozenset[str] = frozenset(
    {
        "cache-control",
        "content-security-policy",
        "content-security-policy-report-only",
        "cross-origin-embedder-policy",
        "cross-origin-opener-policy",
        "cross-origin-resource-policy",
        "origin-agent-cluster",
        "permissions-policy",
        "referrer-policy",
        "server",
        "strict-transport-security",
        "x-content-type-options",
        "x-dns-prefetch-control",
        "x-download-options",
        "x-frame-options",
        "x-permitted-cross-domain-policies",
        "x-xss-protection",
    }
)
