"""Differential tests against the installed Python `secure` 2.0.1 (property-based).

Random builder call sequences, random header sets through the pipeline in every mode,
``set_headers`` and both middlewares: our results must equal 2.0.1's, and every
difference must be one of the fixes listed in the package README (each check below names
the fix it allows).
"""

from __future__ import annotations

import asyncio
import inspect
import re
from typing import Any

import secure as seed
import secure.headers as seed_headers
import secure.middleware as seed_mw
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import secure_headers as ours
import secure_headers.headers as ours_headers
import secure_headers.middleware as ours_mw

SETTINGS = settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

TOKENS = [
    "'self'", "self", "'none'", "none", "https://a.example.com", "http://b.example", "example.com",
    "*", "'*'", "data:", "'unsafe-inline'", "", " x ", "a b", "a;b", "a,b", "'nonce-abc'", "https:",
    "src", "'src'", "()", "café", "X", "same-origin", "DENY", "no-referrer", "origin, unsafe-url",
    "on", "OFF", "max-age=5", "foo=bar", "no-cache", "\t", "'https://q.example'", '"none"', "a\r\nb",
    "script", "allow-scripts", "'strict-dynamic'", "wss://ws.example", "same-site",
]
SECONDS = [0, 1, 60, 31536000, 63072000, -1, True, 2.5, "60", 10**30]
CLASSES = [name for name in seed_headers.__all__ if name not in ("BaseHeader", "CustomHeader")]
SKIP = {"header_name", "header_value", "keyword", "nonce"}

# F3: what the core refuses that 2.0.1 accepted; each message names header, directive, input.
REFUSALS = (
    "unquoted keyword",
    "invalid character",
    "separator would split",
    "empty value",
    "invalid token",
    "unsupported value",
    "invalid source expression",
    "invalid name",
    "conflicting settings",
    "invalid header name",
)
# F3 too: seconds out of range, named as "<header> <method>(seconds): must be ...".
SECONDS_REFUSAL = re.compile(r"^[A-Za-z-]+ \w+\(seconds\): must be ")


def public_methods(cls: type) -> list[str]:
    return sorted(m for m in dir(cls) if not m.startswith("_") and m not in SKIP and callable(getattr(cls, m)))


@st.composite
def call(draw: st.DrawFn, cls: type) -> tuple[str, list[Any]]:
    method = draw(st.sampled_from(public_methods(cls)))
    args: list[Any] = []
    for p in inspect.signature(getattr(cls, method)).parameters.values():
        if p.name == "self":
            continue
        if p.kind is p.VAR_POSITIONAL:
            args += draw(st.lists(st.sampled_from(TOKENS), max_size=3))
        elif p.name == "seconds":
            args.append(draw(st.sampled_from([*SECONDS, None] if method == "max_stale" else SECONDS)))
        elif p.default is not p.empty and draw(st.booleans()):
            continue
        else:
            args.append(draw(st.sampled_from(TOKENS)))
    return method, args


def outcome(obj: Any, method: str, args: list[Any]) -> tuple[str | None, str]:
    try:
        getattr(obj, method)(*args)
        error = None
    except Exception as e:  # noqa: BLE001
        error = f"{type(e).__name__}: {e}"
    try:
        value = obj.header_value
    except Exception as e:  # noqa: BLE001
        value = f"<{type(e).__name__}>"
    return error, value


def allowed_builder_difference(
    cls: str, history: list[tuple[str, list[Any]]], before: str, theirs: tuple[str | None, str], mine: tuple[str | None, str]
) -> str:
    """Which documented fix explains the difference, or raise AssertionError."""
    (their_err, their_value), (my_err, my_value) = theirs, mine
    method, args = history[-1]
    if my_err is not None:
        kind, _, message = my_err.partition(": ")
        if kind == "TypeError" and their_err is not None and their_err.startswith("TypeError"):
            return "same"
        if kind == "TypeError":
            # F9: seconds that are not an int are refused (2.0.1 truncated 2.5 to 2).
            assert args and (isinstance(args[0], bool) or not isinstance(args[0], int)), (my_err, history)
            assert my_value == before, (my_value, before)
            return "F9 seconds are integers"
        assert kind == "ValueError", my_err
        # F4: a refused call leaves the builder as it was.
        assert my_value == before, (my_value, before)
        if their_err is not None:
            return "F4 refused call changes nothing"
        # F2/F3: refused with a typed error naming what was refused.
        assert message.startswith(REFUSALS) or SECONDS_REFUSAL.match(my_err.partition(": ")[2]), my_err
        return "F3 refused"
    if their_err is not None:
        # F6: surrounding whitespace in a CSP source is trimmed, not refused.
        assert cls == "ContentSecurityPolicy" and any(isinstance(a, str) and a != a.strip() for a in args), (their_err, history)
        return "F6 trimmed"
    # Both accepted, different values: only the Permissions-Policy fixes (F5).
    assert cls == "PermissionsPolicy", (history, their_value, my_value)
    flat = [a for _, call_args in history for a in call_args]
    # Every origin is a quoted string (2.0.1 quoted only bare http(s) origins).
    quoted = any(isinstance(a, str) and "://" in a and not a.startswith(("http://", "https://")) for a in flat)
    repeated = any(len({a.strip("'\"") for a in call_args if a.strip()}) < len([a for a in call_args if a.strip()]) for _, call_args in history)
    raw_then_directive = any(m in ("set", "value") for m, _ in history[:-1])
    assert quoted or repeated or raw_then_directive, (history, their_value, my_value)
    return "F5 permissions"


@SETTINGS
@given(st.data())
def test_random_builder_call_sequences(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(CLASSES))
    theirs, mine = getattr(seed_headers, name)(), getattr(ours_headers, name)()
    assert mine.header_name == theirs.header_name
    assert mine.header_value == theirs.header_value
    history: list[tuple[str, list[Any]]] = []
    for _ in range(data.draw(st.integers(1, 6))):
        method, args = data.draw(call(getattr(seed_headers, name)))
        history.append((method, args))
        before = mine.header_value
        a, b = outcome(theirs, method, args), outcome(mine, method, args)
        same_error = (a[0] is None) == (b[0] is None) and (a[0] or "").split(":")[0] == (b[0] or "").split(":")[0]
        if same_error and a[1] == b[1]:
            assert mine.header_name == theirs.header_name
            continue
        allowed_builder_difference(name, history, before, a, b)
        break


# -- Secure: header sets, the pipeline, set_headers --------------------------------------

NAMES = ["X-A", "x-a", "X-B", "Cache-Control", "cache-control", "Content-Security-Policy", "Server", "X-Powered-By", "Origin-Agent-Cluster", "Vary"]
VALUES = ["1", "", " lead", "trail ", "a\r\nb", "a\nb", "caf\xe9", "snow\u2603", "a\x00b\x7fc", "\n", "no-cache", "max-age=0", "ok value"]
MODES = {
    "allowlist": ["raise", "drop", "warn", "bogus"],
    "deduplicate": ["raise", "first", "last", "concat", "bogus"],
    "normalize": ["drop", "warn", "raise", "bogus"],
}


@st.composite
def header_set(draw: st.DrawFn) -> list[tuple[str, Any, str]]:
    """(kind, spec, description): a preset builder or a custom pair."""
    out: list[tuple[str, Any, str]] = []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            out.append(("preset", draw(st.integers(0, 30)), ""))
        else:
            out.append(("custom", (draw(st.sampled_from(NAMES)), draw(st.sampled_from(VALUES))), ""))
    return out


def build(mod: Any, spec: list[tuple[str, Any, str]], preset: str) -> Any:
    base = mod.Secure.from_preset(getattr(mod.Preset, preset))
    pool = list(base.headers_list)
    headers: list[Any] = []
    for kind, x, _ in spec:
        if kind == "preset" and pool:
            headers.append(pool[x % len(pool)])
        elif kind == "custom":
            headers.append(mod.CustomHeader(*x))
    return mod.Secure(custom=headers)


def attempt(f: Any) -> tuple[str, Any]:
    try:
        return "ok", f()
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e)


class DictResponse:
    def __init__(self) -> None:
        self.headers: dict[str, str] = {}


def applied(s: Any) -> dict[str, str]:
    r = DictResponse()
    s.set_headers(r)
    return r.headers


def unsendable(s: Any) -> bool:
    try:
        items = s._resolved_header_items()
    except Exception:  # noqa: BLE001
        return False
    return any(c in text for pair in items for text in pair for c in "\r\n\0")


@SETTINGS
@given(
    header_set(),
    st.sampled_from(["BASIC", "BALANCED", "STRICT"]),
    st.lists(
        st.tuples(st.sampled_from(sorted(MODES)), st.integers(0, 4), st.booleans(), st.booleans(), st.sampled_from([None, ["x-a"], ["X-Powered-By", "vary"]])),
        max_size=3,
    ),
)
def test_random_header_sets_through_the_pipeline(spec: Any, preset: str, steps: Any) -> None:
    theirs = build(seed, spec, preset)
    made = attempt(lambda: build(ours, spec, preset))
    if made[0] != "ok":
        # F10: a custom value with a character beyond Latin-1 is refused when made.
        assert made[0] == "ValueError" and "which no HTTP header can carry" in made[1], made
        assert any(kind == "custom" and max(map(ord, x[1]), default=0) > 0xFF for kind, x, _ in spec)
        return
    mine = made[1]
    assert mine.header_items() == theirs.header_items()
    for step, m, flag, flag2, extra in steps:
        mode = MODES[step][m % len(MODES[step])]
        if step == "allowlist":
            kw: dict[str, Any] = {"on_unexpected": mode, "allow_x_prefixed": flag, "allow_extra": extra}
            a = attempt(lambda: theirs.allowlist_headers(**kw))
            b = attempt(lambda: mine.allowlist_headers(**kw))
        elif step == "deduplicate":
            kw = {"action": mode}
            if extra:
                kw["multi_ok"] = frozenset(n.lower() for n in extra)
            a = attempt(lambda: theirs.deduplicate_headers(**kw))
            b = attempt(lambda: mine.deduplicate_headers(**kw))
        else:
            kw = {"on_invalid": mode, "strict": flag, "allow_obs_text": flag2}
            a = attempt(lambda: theirs.validate_and_normalize_headers(**kw))
            b = attempt(lambda: mine.validate_and_normalize_headers(**kw))
        assert a[0] == b[0], (step, kw, a, b)
        if a[0] != "ok":
            return
        assert mine.header_items() == theirs.header_items(), (step, kw)
    assert attempt(lambda: dict(mine.headers)) == attempt(lambda: dict(theirs.headers))
    assert str(mine) == str(theirs) or attempt(lambda: mine.headers)[0] != "ok"
    if unsendable(theirs):
        # F7: a value with CR, LF or NUL is never applied.
        assert attempt(lambda: applied(mine))[0] == "ValueError"
    else:
        assert attempt(lambda: applied(mine)) == attempt(lambda: applied(theirs))


# -- the middlewares ----------------------------------------------------------------------

APP_HEADERS = ["Content-Type", "X-Frame-Options", "x-content-type-options", "Set-Cookie", "Server", "content-security-policy", "Cross-Origin-Opener-Policy", "X-A", "Vary"]


def reference_merge(app: list[tuple[str, str]], items: list[tuple[str, str]], multi_ok: set[str]) -> list[tuple[str, str]]:
    """The merge 2.0.1's middleware meant: overwrite by name, append the multi_ok ones."""
    out = list(app)
    for name, value in items:
        key = name.strip().lower()
        if key not in multi_ok:
            out = [h for h in out if h[0].strip().lower() != key]
        out.append((name, value))
    return out


def wsgi(mw_mod: Any, s: Any, app_headers: list[tuple[str, str]], multi_ok: Any) -> list[tuple[str, str]]:
    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", list(app_headers))
        return [b""]

    got: list[Any] = []
    mw_mod.SecureWSGIMiddleware(app, secure=s, multi_ok=multi_ok)({}, lambda st_, h, exc_info=None: got.append(h))
    return [tuple(h) for h in got[0]]


def asgi(mw_mod: Any, s: Any, app_headers: list[tuple[str, str]], multi_ok: Any) -> list[tuple[bytes, bytes]]:
    raw = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in app_headers]

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": raw})
        await send({"type": "http.response.body", "body": b""})

    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request"}

    asyncio.run(mw_mod.SecureASGIMiddleware(app, secure=s, multi_ok=multi_ok)({"type": "http"}, receive, send))
    return [tuple(h) for h in sent[0]["headers"]]


@SETTINGS
@given(
    st.sampled_from(["BASIC", "BALANCED", "STRICT"]),
    st.lists(st.tuples(st.sampled_from(APP_HEADERS), st.sampled_from(["v", "a=1", "ALLOWALL", ""])), max_size=8),
    st.sampled_from([None, [], ["X-A"], [" Content-Security-Policy ", "vary"]]),
    st.lists(st.tuples(st.sampled_from(["X-A", "Vary", "X-Frame-Options"]), st.sampled_from(["1", "2"])), max_size=2, unique_by=lambda t: t[0].lower()),
)
def test_middlewares_match_the_seed_except_the_stale_index_fix(preset: str, app_headers: Any, multi_ok: Any, extra: Any) -> None:
    theirs = seed.Secure.from_preset(getattr(seed.Preset, preset))
    mine = ours.Secure.from_preset(getattr(ours.Preset, preset))
    for name, value in extra:
        theirs.headers_list[:] = [h for h in theirs.headers_list if h.header_name.lower() != name.lower()]
        mine.headers_list[:] = [h for h in mine.headers_list if h.header_name.lower() != name.lower()]
        theirs.headers_list.append((name, value))
        mine.headers_list.append((name, value))
    items = list(mine.headers.items())
    multi = {n.strip().lower() for n in (seed.MULTI_OK if multi_ok is None else multi_ok)}
    expected = reference_merge(app_headers, items, multi)
    ours_wsgi = wsgi(ours_mw, mine, app_headers, multi_ok)
    ours_asgi = asgi(ours_mw, mine, app_headers, multi_ok)
    assert ours_wsgi == expected
    assert ours_asgi == [(n.encode(), v.encode("latin-1")) for n, v in expected]
    # The request-side path (the core's request API) merges the same way.
    guarded = ours.Secure(custom=[(n, v) for n, v in items]).protect()
    assert wsgi(ours_mw, guarded, app_headers, multi_ok) == expected
    assert asgi(ours_mw, guarded, app_headers, multi_ok) == ours_asgi
    overwritten = {n.lower() for n, _ in app_headers} & {n.lower() for n, _ in items if n.lower() not in multi}
    try:
        their_wsgi = wsgi(seed_mw, theirs, app_headers, multi_ok)
        their_asgi = asgi(seed_mw, theirs, app_headers, multi_ok)
    except IndexError:
        # F1: 2.0.1's stale indexes can also point past the end of the list.
        assert len(overwritten) >= 1 and len(app_headers) >= 2
        return
    if their_wsgi != ours_wsgi or their_asgi != ours_asgi:
        # F1: 2.0.1 removes by stale index once an earlier removal shifted the list.
        assert len(overwritten) >= 1 and len(app_headers) >= 2, (their_wsgi, ours_wsgi)
        assert sorted(their_wsgi) != sorted(expected)
