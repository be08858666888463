"""The page: a template whose inline script carries the request's nonce."""

from __future__ import annotations

from typing import Any

from django.shortcuts import render


def home(request: Any) -> Any:
    return render(request, "home.html")
