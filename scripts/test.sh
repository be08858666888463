#!/usr/bin/env bash
# The whole test suite: the Rust tests without features (`cargo test -p secure-headers
# --no-default-features`), with each feature alone (`... --features <feature>`, which must also
# build without warnings) and with every feature (`cargo test --workspace --all-features`), then the
# Python package: built with maturin into a virtualenv, type-checked (mypy --strict) and tested
# (pytest: the API of Python's `secure` 2.0.1 against the installed package, the middleware, real servers).
#
# Usage: bash scripts/test.sh
# Environment: CARGO_TARGET_DIR (default ~/.cache/secure-headers-target), SECURE_HEADERS_VENV
# (default ~/.cache/secure-headers-venv, created when missing), PYTHON (the interpreter that
# makes the virtualenv: python3.11, else python3; 3.10 or newer).
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/secure-headers-target}"
venv="${SECURE_HEADERS_VENV:-$HOME/.cache/secure-headers-venv}"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
pkg=secure-headers-python

printf '\n==> cargo test -p secure-headers --no-default-features\n'
cargo test -p secure-headers --no-default-features

for feature in tower actix-web rocket poem salvo warp nonce hash reporting serde toml json tracing lint grade codegen; do
  printf '\n==> cargo test -p secure-headers --no-default-features --features %s\n' "$feature"
  # Warnings fail too (without RUSTFLAGS, which would rebuild every dependency).
  out=$(cargo test -p secure-headers --no-default-features --features "$feature" 2>&1) || {
    echo "$out"
    exit 1
  }
  echo "$out"
  if grep -q "^warning" <<<"$out"; then
    echo "warnings with --features $feature alone" >&2
    exit 1
  fi
done

printf '\n==> cargo test --workspace --all-features\n'
cargo test --workspace --all-features

printf '\n==> Python: virtualenv, maturin and the test dependencies (pip)\n'
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$pkg/requirements-test.txt"

printf '\n==> Python: build the package (maturin develop --release)\n'
(cd "$pkg" && VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" maturin develop --release -q)

printf '\n==> Python: mypy --strict\n'
(cd "$pkg" && "$venv/bin/python" -m mypy)

printf '\n==> Python: pytest\n'
set +e
(cd "$pkg" && "$venv/bin/python" -m pytest -q -p no:cacheprovider tests)
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: the Python suite did not run" >&2
  exit 1
fi
exit "$rc"
