#!/usr/bin/env bash
# Rewrites secure-headers/data/permissions-policy-features.txt from the W3C registry of
# policy-controlled features (features.md of w3c/webappsec-permissions-policy).
#
# Usage: scripts/refresh-permissions-features.sh FEATURES_MD COMMIT DATE
#   FEATURES_MD  a local copy of features.md (download it from
#                https://raw.githubusercontent.com/w3c/webappsec-permissions-policy/main/features.md)
#   COMMIT       the registry commit the copy comes from (git log -1 --format=%H -- features.md)
#   DATE         that commit's date, YYYY-MM-DD
#
# Each row of a table whose first cell is a `feature-name` becomes one line
# "<section> <feature-name>", where <section> is the table's heading lowercased
# (standardized, proposed, experimental, retired).
set -euo pipefail

if [ $# -ne 3 ]; then
    sed -n '2,14p' "$0" >&2
    exit 2
fi
md=$1
commit=$2
date=$3
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/secure-headers/data/permissions-policy-features.txt

{
    echo "# The policy-controlled features of the W3C registry, one per line: <section> <name>."
    echo "# Source: https://github.com/w3c/webappsec-permissions-policy/blob/$commit/features.md"
    echo "# Registry commit $commit ($date)."
    echo "# Regenerate with scripts/refresh-permissions-features.sh (see CONTRIBUTING.md)."
    awk '
        /^## / { section = tolower($2) }
        /^\| *`/ {
            name = $0
            sub(/^\| *`/, "", name)
            sub(/`.*/, "", name)
            gsub(/ /, "", name)
            print section, name
        }
    ' "$md"
} >"$out"
echo "wrote $(grep -vc '^#' "$out") features to $out"
