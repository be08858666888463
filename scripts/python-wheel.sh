#!/usr/bin/env bash
# The Python package as users get it: builds the abi3 wheel for manylinux2014 (glibc 2.17 or
# newer; linked with zig from PyPI's `ziglang`, so no container is needed) and the sdist,
# checks the wheel's platform tag with auditwheel and that the sdist carries the Rust core,
# installs the wheel into a clean virtualenv whose PATH has no cargo or rustc, and runs the
# whole pytest suite against that installed wheel (not against a development build).
#
# Usage: bash scripts/python-wheel.sh   (after scripts/test.sh made the build virtualenv)
# Environment: CARGO_TARGET_DIR, SECURE_HEADERS_VENV (the virtualenv with maturin, ziglang and
# auditwheel: requirements-test.txt), SECURE_HEADERS_WHEEL_VENV (the clean one, made afresh;
# default ~/.cache/secure-headers-wheel-venv), PYTHON, SECURE_HEADERS_DIST (where the wheel and
# the sdist are left; default a temporary directory).
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/secure-headers-target}"
build_venv="${SECURE_HEADERS_VENV:-$HOME/.cache/secure-headers-venv}"
wheel_venv="${SECURE_HEADERS_WHEEL_VENV:-$HOME/.cache/secure-headers-wheel-venv}"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
pkg=secure-headers-python
dist="${SECURE_HEADERS_DIST:-$(mktemp -d)}"
mkdir -p "$dist"
rm -f "$dist"/secure_headers-*

printf '\n==> Python wheel: maturin build --release --zig --compatibility manylinux2014, and the sdist\n'
(cd "$pkg" && PATH="$build_venv/bin:$PATH" maturin build --release --zig --compatibility manylinux2014 --out "$dist" -q)
(cd "$pkg" && PATH="$build_venv/bin:$PATH" maturin sdist --out "$dist" >/dev/null)
wheel=$(ls "$dist"/secure_headers-*.whl)
sdist=$(ls "$dist"/secure_headers-*.tar.gz)
echo "  $(basename "$wheel")"
echo "  $(basename "$sdist")"
case "$(basename "$wheel")" in
  *-cp310-abi3-*manylinux_2_17_x86_64*.whl) ;;
  *) echo "the wheel is not an abi3 manylinux_2_17 wheel: $wheel" >&2; exit 1 ;;
esac
shown=$("$build_venv/bin/auditwheel" show "$wheel")
echo "$shown"
grep -q '"manylinux_2_17_x86_64"' <<<"$shown" || { echo "auditwheel: not manylinux_2_17" >&2; exit 1; }
# The sdist builds anywhere pip finds a Rust toolchain: it carries the core crate it depends on.
listing=$(tar tzf "$sdist")
grep -q '/secure-headers/src/lib.rs$' <<<"$listing" || { echo "the sdist lacks the core crate" >&2; exit 1; }

printf '\n==> Python wheel: a clean virtualenv without cargo on PATH\n'
rm -rf "$wheel_venv"
"$python" -m venv "$wheel_venv"
clean_path="$wheel_venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
if PATH="$clean_path" command -v cargo >/dev/null || PATH="$clean_path" command -v rustc >/dev/null; then
  echo "cargo or rustc is on the clean PATH ($clean_path)" >&2
  exit 1
fi
# The test dependencies without the build tools, then the wheel (a binary only: never built).
grep -v -E '^(maturin|ziglang|auditwheel|mypy)==' "$pkg/requirements-test.txt" >"$dist/requirements-run.txt"
PATH="$clean_path" python -m pip install -q --disable-pip-version-check -r "$dist/requirements-run.txt"
PATH="$clean_path" python -m pip install -q --disable-pip-version-check --only-binary secure-headers "$wheel"

printf '\n==> Python wheel: pytest against the installed wheel\n'
set +e
(cd "$pkg" && PATH="$clean_path" SECURE_HEADERS_INSTALLED="$wheel_venv" python -m pytest -q -p no:cacheprovider tests)
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: the Python suite did not run" >&2
  exit 1
fi
exit "$rc"
