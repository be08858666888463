"""The report collector feeding the report store (the store of ``secure-headers reports``)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

import secure_headers as secure

from .conftest import asgi_server, request, wsgi_server

LEGACY = {
    "csp-report": {
        "document-uri": "https://shop.example/cart",
        "effective-directive": "img-src",
        "blocked-uri": "https://img.example/a.png",
        "original-policy": "img-src 'self'",
        "disposition": "enforce",
    }
}
BATCH = [
    {
        "type": "csp-violation",
        "url": "https://shop.example/",
        "body": {
            "documentURL": "https://shop.example/",
            "effectiveDirective": "script-src-elem",
            "blockedURL": "https://cdn.example/x.js",
            "originalPolicy": "script-src 'self'; report-to r",
            "disposition": "report",
        },
    }
]


def post(base: str, content_type: str, body: Any) -> int:
    status, _, _ = request(base, "/", "POST", headers={"Content-Type": content_type}, body=json.dumps(body).encode())
    return status


def test_collector_stores_reports_over_asgi_and_wsgi(tmp_path: Path) -> None:
    db = tmp_path / "reports.db"
    seen: list[dict[str, Any]] = []
    collector = secure.ReportCollector(seen.append, store=str(db))
    with asgi_server(collector) as base:
        assert post(base, "application/csp-report", LEGACY) == 204
    with wsgi_server(secure.ReportCollector(store=secure.ReportStore(str(db))).wsgi) as base:
        assert post(base, "application/reports+json", BATCH) == 204
        assert post(base, "application/reports+json", BATCH) == 204
        assert post(base, "text/plain", BATCH) == 415  # not a report: nothing stored
    assert [r["CspViolation"]["effective_directive"] for r in seen] == ["img-src"]
    # Reopened: the file holds what both collectors stored, aggregated by fingerprint.
    summary = secure.ReportStore(str(db)).summary()
    assert (summary["reports"], summary["fingerprints"]) == (3, 2)
    (kind,) = summary["kinds"]
    assert (kind["kind"], kind["reports"], kind["enforce"], kind["report_only"]) == ("csp-violation", 3, 1, 2)
    top = {(f["directive"], f["blocked"]): f["count"] for f in kind["top"]}
    assert top == {("img-src", "https://img.example"): 1, ("script-src-elem", "https://cdn.example"): 2}
    assert len(summary["policies"]) == 2


def test_a_store_that_cannot_be_opened_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "reports.db"
    with pytest.raises(ValueError) as caught:
        secure.ReportCollector(store=str(missing))
    assert str(missing) in str(caught.value)


def test_a_failing_store_is_logged_and_the_callback_still_runs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import sqlite3

    db = tmp_path / "reports.db"
    seen: list[dict[str, Any]] = []
    collector = secure.ReportCollector(seen.append, store=str(db))
    with sqlite3.connect(db) as conn:  # the store breaks under the collector
        conn.execute("DROP TABLE fingerprints")
    with caplog.at_level(logging.ERROR, logger="secure_headers.reports"):
        status, _ = collector.receive("application/csp-report", json.dumps(LEGACY).encode())
    assert status == 204
    assert [r["CspViolation"]["blocked_url"] for r in seen] == ["https://img.example/a.png"]
    (record,) = caplog.records
    assert record.getMessage().startswith("the report store did not take 1 report(s): ")
    assert "fingerprints" in record.getMessage()


def _pg_bin() -> Path | None:
    import os

    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(p / "bin" for p in Path("/usr/lib/postgresql").glob("*") if (p / "bin" / "initdb").exists())
    return found[-1] if found else None


def _pg(bin_dir: Path, name: str, *args: str) -> None:
    """A PostgreSQL binary, as ``postgres`` when we are root (initdb refuses root)."""
    import os
    import subprocess

    command = [str(bin_dir / name), *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pg_cluster() -> Any:
    """A throwaway PostgreSQL cluster on 127.0.0.1 (as the report store's Rust tests make
    one); skipped when PostgreSQL is not installed."""
    import os
    import shutil
    import tempfile

    from .conftest import free_port

    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("no initdb/pg_ctl under /usr/lib/postgresql/*/bin (set PG_BIN)")
    # Outside pytest's temporary root, which only root may enter.
    root = Path(tempfile.mkdtemp(prefix="secure-headers-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", free_port()
    _pg(bin_dir, "initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
    _pg(bin_dir, "pg_ctl", "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start")
    try:
        yield bin_dir, port
    finally:
        _pg(bin_dir, "pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def test_collector_stores_reports_in_postgres(pg_cluster: Any) -> None:
    bin_dir, port = pg_cluster
    _pg(bin_dir, "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "reports")
    url = f"postgres://postgres@127.0.0.1:{port}/reports"
    collector = secure.ReportCollector(store=url)
    with asgi_server(collector) as base:
        assert post(base, "application/csp-report", LEGACY) == 204
        assert post(base, "application/reports+json", BATCH) == 204
    summary = secure.ReportStore(url).summary()
    assert (summary["reports"], summary["fingerprints"]) == (2, 2)
    assert {k["kind"]: k["reports"] for k in summary["kinds"]} == {"csp-violation": 2}
