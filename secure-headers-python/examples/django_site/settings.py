"""A Django site with secure_headers: the middleware (headers, request protection, the
nonce), the nonce in templates through the context processor, the report view by include.

Run, from ``examples``: ``python -m django runserver --settings django_site.settings``.
"""

from __future__ import annotations

import os
from pathlib import Path

import secure_headers as secure

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "change-me")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
ROOT_URLCONF = "django_site.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = [
    # First: it refuses other hosts, redirects to HTTPS and makes the nonce before the rest.
    "secure_headers.django.SecureMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "OPTIONS": {"context_processors": ["secure_headers.django.csp_nonce"]},
    }
]
LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"csp": {"handlers": ["console"], "level": "WARNING"}},
}

SECURE_HEADERS = secure.Secure(
    csp=secure.ContentSecurityPolicy()
    .default_src("'self'")
    .script_src("'self'", secure.NONCE)
    .object_src("'none'")
    .report_uri("/csp-report"),
    hsts=secure.StrictTransportSecurity().max_age(63072000),
).protect(allowed_hosts=ALLOWED_HOSTS)
