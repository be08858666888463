#!/usr/bin/env bash
# Instructions per request of every stack of the per-framework benches
# (secure-headers/benches/{tower,actix_web,rocket,poem,salvo,warp}.rs), counted by callgrind:
# each stack runs N and then 2N requests in-process (release build), and
#
#     instructions per request = (Ir(2N) - Ir(N)) / N
#
# which cancels start-up, building the stacks and the check of their headers. For each
# stack the table gives that figure, its overhead over `none` (the application without
# security headers) and that overhead as a ratio of the floor's (the best hand-written way
# in the framework to insert the same nine headers: room reserved first, `const` pairs).
# The tower bench has a second group, its `axum_…` stacks inside an axum `Router`, with
# their own `axum_none` and `axum_floor`.
#
# Usage: scripts/bench-frameworks.sh [--wall] [--cache] [framework ...]
#   frameworks: tower actix_web rocket poem salvo warp (all by default)
#   --wall      then run each bench normally: the paired wall-clock table
#   --cache     also simulate the caches and the branch predictor (callgrind's
#               --cache-sim and --branch-sim, slower): two more columns per request,
#               first-level instruction-cache misses and mispredicted branches, the usual
#               suspects where wall clock and instructions disagree
#   N=2000      requests of the first run (the second runs 2N)
#   KEEP=dir    keep the callgrind output files there (for callgrind_annotate)
# Needs valgrind.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
N=${N:-2000}
wall=false
cache=false
while [ $# -gt 0 ]; do
  case "$1" in
    --wall) wall=true ;;
    --cache) cache=true ;;
    *) break ;;
  esac
  shift
done
frameworks=("$@")
if [ ${#frameworks[@]} -eq 0 ]; then
  frameworks=(tower actix_web rocket poem salvo warp)
fi

benches=()
for f in "${frameworks[@]}"; do benches+=(--bench "$f"); done
features="tower actix-web rocket poem salvo warp"

echo "building (release): ${frameworks[*]}" >&2
executables=$(cargo bench -q -p secure-headers --features "$features" --no-run "${benches[@]}" \
  --message-format=json-render-diagnostics |
  jq -r 'select(.reason == "compiler-artifact" and .target.kind == ["bench"] and .executable != null)
         | "\(.target.name) \(.executable)"')

# The events of one run of `bin` with `stack` and `n` requests: instructions, and with
# --cache the first-level instruction-cache misses and the mispredicted branches
# (conditional and indirect), separated by spaces.
ir() {
  local bin=$1 stack=$2 n=$3 out
  out=$(mktemp)
  if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP"
    out="$KEEP/$(basename "$bin" | sed 's/-[0-9a-f]*$//').$stack.$n.out"
  fi
  local sim=()
  if $cache; then sim=(--cache-sim=yes --branch-sim=yes); fi
  BENCH_ONLY=$stack BENCH_N=$n valgrind --tool=callgrind "${sim[@]}" --callgrind-out-file="$out" \
    "$bin" >/dev/null 2>&1
  awk '/^events:/ { for (i = 2; i <= NF; i++) name[i] = $i }
       /^(summary|totals):/ { for (i = 2; i <= NF; i++) v[name[i]] = $i }
       END { printf "%d %d %d\n", v["Ir"], v["I1mr"], v["Bcm"] + v["Bim"] }' "$out"
  [ -n "${KEEP:-}" ] || rm -f "$out"
}

for f in "${frameworks[@]}"; do
  bin=$(awk -v f="$f" '$1 == f { print $2 }' <<<"$executables")
  [ -n "$bin" ] || { echo "no bench binary for $f" >&2; exit 1; }
  echo
  echo "$f: instructions per request, (Ir(2N) - Ir(N)) / N with N=$N (callgrind, release)"
  if $cache; then
    printf '  %-24s %12s %10s %10s %12s %12s\n' stack instr/req overhead "vs floor" \
      "L1i miss/req" "mispred/req"
  else
    printf '  %-24s %12s %10s %10s\n' stack instr/req overhead "vs floor"
  fi
  none=""
  floor=""
  for stack in $(BENCH_LIST=1 "$bin"); do
    read -r a a_i1 a_br <<<"$(ir "$bin" "$stack" "$N")"
    read -r b b_i1 b_br <<<"$(ir "$bin" "$stack" $((2 * N)))"
    per=$(awk -v a="$a" -v b="$b" -v n="$N" 'BEGIN { printf "%.1f", (b - a) / n }')
    # A group (the tower bench's bare service, then its axum Router) starts at its own
    # `…none` stack, followed by its `…floor`.
    case "$stack" in *none) none=$per floor="" ;; esac
    over=$(awk -v p="$per" -v z="$none" 'BEGIN { printf "%.1f", p - z }')
    case "$stack" in *floor) floor=$over ;; esac
    ratio=$(awk -v o="$over" -v f="$floor" -v s="$stack" \
      'BEGIN { if (s ~ /none$/ || f == "") print "-"; else printf "%.3f", o / f }')
    if $cache; then
      i1=$(awk -v a="$a_i1" -v b="$b_i1" -v n="$N" 'BEGIN { printf "%.1f", (b - a) / n }')
      br=$(awk -v a="$a_br" -v b="$b_br" -v n="$N" 'BEGIN { printf "%.1f", (b - a) / n }')
      printf '  %-24s %12s %10s %10s %12s %12s\n' "$stack" "$per" "$over" "$ratio" "$i1" "$br"
    else
      printf '  %-24s %12s %10s %10s\n' "$stack" "$per" "$over" "$ratio"
    fi
  done
done

if $wall; then
  for f in "${frameworks[@]}"; do
    echo
    "$(awk -v f="$f" '$1 == f { print $2 }' <<<"$executables")"
  done
fi
