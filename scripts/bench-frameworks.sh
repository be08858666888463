#!/usr/bin/env bash
# Instructions per request of every stack of the per-framework benches
# (secure-headers/benches/{tower,actix_web,rocket,poem,salvo,warp}.rs), counted by callgrind:
# each stack runs N and then 2N requests in-process (release build), and
#
#     instructions per request = (Ir(2N) - Ir(N)) / N
#
# which cancels start-up, building the stacks and the check of their headers. For each
# stack the table gives that figure, its overhead over `none` (the application without
# security headers) and that overhead as a ratio of the floor's (the cheapest hand-written
# way in the framework to insert the same nine headers).
#
# Usage: scripts/bench-frameworks.sh [--wall] [framework ...]
#   frameworks: tower actix_web rocket poem salvo warp (all by default)
#   --wall      then run each bench normally: the paired wall-clock table
#   N=2000      requests of the first run (the second runs 2N)
#   KEEP=dir    keep the callgrind output files there (for callgrind_annotate)
# Needs valgrind.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
N=${N:-2000}
wall=false
if [ "${1:-}" = "--wall" ]; then
  wall=true
  shift
fi
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

# Instructions executed by one run of `bin` with `stack` and `n` requests.
ir() {
  local bin=$1 stack=$2 n=$3 out=/dev/null
  if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP"
    out="$KEEP/$(basename "$bin" | sed 's/-[0-9a-f]*$//').$stack.$n.out"
  fi
  BENCH_ONLY=$stack BENCH_N=$n valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" 2>&1 |
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}

for f in "${frameworks[@]}"; do
  bin=$(awk -v f="$f" '$1 == f { print $2 }' <<<"$executables")
  [ -n "$bin" ] || { echo "no bench binary for $f" >&2; exit 1; }
  echo
  echo "$f: instructions per request, (Ir(2N) - Ir(N)) / N with N=$N (callgrind, release)"
  printf '  %-24s %12s %10s %10s\n' stack instr/req overhead "vs floor"
  none=""
  floor=""
  for stack in $(BENCH_LIST=1 "$bin"); do
    a=$(ir "$bin" "$stack" "$N")
    b=$(ir "$bin" "$stack" $((2 * N)))
    per=$(awk -v a="$a" -v b="$b" -v n="$N" 'BEGIN { printf "%.1f", (b - a) / n }')
    [ -n "$none" ] || none=$per
    over=$(awk -v p="$per" -v z="$none" 'BEGIN { printf "%.1f", p - z }')
    if [ "$stack" = floor ]; then floor=$over; fi
    ratio=$(awk -v o="$over" -v f="$floor" -v s="$stack" \
      'BEGIN { if (s == "none" || f == "") print "-"; else printf "%.3f", o / f }')
    printf '  %-24s %12s %10s %10s\n' "$stack" "$per" "$over" "$ratio"
  done
done

if $wall; then
  for f in "${frameworks[@]}"; do
    echo
    "$(awk -v f="$f" '$1 == f { print $2 }' <<<"$executables")"
  done
fi
