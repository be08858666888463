"""Applying header items to a duck-typed response, as Python's `secure` 2.0.1 does."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, cast

HeaderItems = tuple[tuple[str, str], ...]


class HeaderSetError(RuntimeError):
    """Raised when applying a header to a response fails."""


def set_headers_sync(response: object, items: HeaderItems, as_dict: Callable[[], Mapping[str, str]]) -> None:
    """Apply ``items`` to a sync response (``set_header``, ``headers.set`` or a mapping).

    A ``headers`` attribute that is exactly a ``dict`` receives every item in one
    ``dict.update`` with ``as_dict()``, the items already merged (the last of a repeated
    name wins, at the position of its first occurrence, exactly as item-by-item
    assignment would leave it).
    """
    if hasattr(response, "set_header"):
        _apply_sync_setter(
            response.set_header,
            items,
            "Async 'set_header' detected in sync context. Use 'await set_headers_async(response)'.",
            "Async 'set_header' returned awaitable in sync context. Use 'await set_headers_async(response)'.",
        )
        return
    headers = _container(response)
    if type(headers) is dict:
        headers.update(as_dict())
        return
    set_fn = getattr(headers, "set", None)
    if callable(set_fn):
        _apply_sync_setter(
            set_fn,
            items,
            "Async headers setter detected in sync context. Use 'await set_headers_async(response)'.",
            "Async headers setter returned awaitable in sync context. Use 'await set_headers_async(response)'.",
        )
        return
    setitem = getattr(headers, "__setitem__", None)
    if not callable(setitem):
        raise AttributeError("Response object has .headers but it does not support setting header values.")
    if inspect.iscoroutinefunction(setitem):
        raise RuntimeError("Async headers mapping detected in sync context. Use 'await set_headers_async(response)'.")
    try:
        for name, value in items:
            setitem(name, value)
    except (TypeError, ValueError, AttributeError) as error:
        raise HeaderSetError(f"Failed to set headers: {error}") from error


async def set_headers_async(response: object, items: HeaderItems) -> None:
    """Apply ``items`` from async code; sync and async setters are both accepted."""
    if hasattr(response, "set_header"):
        await _apply_async_setter(response.set_header, items)
        return
    headers = _container(response)
    set_fn = getattr(headers, "set", None)
    if callable(set_fn):
        await _apply_async_setter(set_fn, items)
        return
    setitem = getattr(headers, "__setitem__", None)
    if not callable(setitem):
        raise AttributeError("Response object has .headers but it does not support setting header values.")
    await _apply_async_setter(setitem, items)


def _container(response: object) -> Any:
    if hasattr(response, "headers"):
        return cast("Any", response).headers
    raise AttributeError("Response object does not support setting headers.")


def _apply_sync_setter(setter: object, items: HeaderItems, coroutine_error: str, awaitable_error: str) -> None:
    if inspect.iscoroutinefunction(setter):
        raise RuntimeError(coroutine_error)
    call = cast("Callable[[str, str], object]", setter)
    try:
        for name, value in items:
            if inspect.isawaitable(call(name, value)):
                raise RuntimeError(awaitable_error)
    except (TypeError, ValueError, AttributeError) as error:
        raise HeaderSetError(f"Failed to set headers: {error}") from error


async def _apply_async_setter(setter: object, items: HeaderItems) -> None:
    call = cast("Callable[[str, str], object]", setter)
    try:
        for name, value in items:
            result = call(name, value)
            if inspect.isawaitable(result):
                await result
    except (TypeError, ValueError, AttributeError) as error:
        raise HeaderSetError(f"Failed to set headers: {error}") from error
