"""HTTP security headers for Python web applications, on the secure-headers Rust core.

Python's `secure` 2.0.1 API, unchanged: ``import secure_headers as secure``.
"""

import os as _os

from . import _native
from ._internal.constants import COMMA_JOIN_OK, DEFAULT_ALLOWED_HEADERS, MULTI_OK
# The fourteen builders, as listed once in ``headers/_builders.py``.
from .headers import _builders
from .headers._builders import *
from .secure import NONCE, Preset, Secure
from .analysis import ReportCollector, ReportStore, grade, lint, lint_csp

__all__ = [
    "COMMA_JOIN_OK",
    "DEFAULT_ALLOWED_HEADERS",
    "MULTI_OK",
    "Preset",
    "Secure",
]
__all__ += _builders.__all__

# Beyond 2.0.1 (attributes, outside ``__all__`` so that ``from secure_headers import *``
# binds exactly what 2.0.1's does): NONCE, Secure.protect, lint, lint_csp, grade,
# ReportCollector, and the integrations secure_headers.flask / .django / .aiohttp.

# A forked worker (gunicorn, uWSGI, multiprocessing) must not hand out the nonces its parent
# buffered: the child drops the buffer and asks the operating system again.
if hasattr(_os, "register_at_fork"):  # not on Windows, which has no fork
    _os.register_at_fork(after_in_child=_native.discard_nonce_buffer)
