#!/usr/bin/env bash
# Load test of the tower integration: a hello-world axum server (examples/examples/axum_load.rs)
# in several modes, driven by wrk, interleaved (secure floor none secure floor none ...):
#
#   secure  the Balanced preset through secure-headers' tower layer
#   nonce   the same with a per-request CSP nonce (only when MODES names it)
#   floor   the same nine headers from a hand-written map_response over static pairs
#   none    no security header
#
# For each mode it reports the median requests/s over the rounds, the server's CPU time per
# request (utime+stime from /proc/PID/stat, delta over the measured run / requests), and
# wrk's error counts. The server is pinned to CPU 0 and wrk to CPU 1 when taskset exists.
#
# Usage: scripts/load-test.sh            (ROUNDS=5 DURATION=10s CONNECTIONS=32 by default)
#        ROUNDS=7 DURATION=15s scripts/load-test.sh
#        MODES="secure nonce floor none" scripts/load-test.sh
# Needs wrk (Debian: apt-get install wrk).
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
WARMUP=${WARMUP:-2s}
read -r -a MODES <<<"${MODES:-secure floor none}"

root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/release/examples/axum_load

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
if [[ -z ${SKIP_BUILD:-} ]]; then
    (cd "$root" && cargo build --quiet --release -p secure-headers-examples --example axum_load)
fi
[[ -x $bin ]] || { echo "no server binary at $bin" >&2; exit 1; }

server_pin=() client_pin=()
if command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]]; then
    server_pin=(taskset -c 0) client_pin=(taskset -c 1)
fi
ticks_per_s=$(getconf CLK_TCK)
work=$(mktemp -d)
server_pid=
cleanup() {
    if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# utime + stime of a process, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# One measured run of one mode: prints "mode rps requests cpu_us_per_req errors non2xx".
run_once() {
    local mode=$1 out addr= i
    # A fresh file per run: the shell truncates a reused one only once the server has been
    # forked, so the previous server's address could be read meanwhile.
    out=$(mktemp "$work/server.XXXXXX")
    "${server_pin[@]}" "$bin" "$mode" 127.0.0.1:0 >"$out" 2>&1 &
    server_pid=$!
    for i in $(seq 100); do
        addr=$(sed -n 's|^listening on http://||p' "$out")
        [[ -n $addr ]] && break
        sleep 0.05
    done
    [[ -n $addr ]] || { kill "$server_pid"; echo "server ($mode) did not start: $(cat "$out")" >&2; exit 1; }

    "${client_pin[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://$addr/" >/dev/null
    local before after
    before=$(cpu_ticks "$server_pid")
    "${client_pin[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "http://$addr/" >"$work/wrk.out"
    after=$(cpu_ticks "$server_pid")
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=

    grep -q "requests in" "$work/wrk.out" || { echo "wrk failed ($mode): $(cat "$work/wrk.out")" >&2; exit 1; }
    awk -v mode="$mode" -v ticks=$((after - before)) -v hz="$ticks_per_s" '
        /requests in/ { requests = $1 }
        /^Requests\/sec:/ { rps = $2 }
        /Socket errors:/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx responses:/ { non2xx = $5 }
        END {
            printf "%s %.0f %d %.3f %d %d\n", mode, rps, requests,
                requests ? ticks / hz / requests * 1e6 : 0, errors + 0, non2xx + 0
        }' "$work/wrk.out"
}

echo "server: $bin (${server_pin[*]:-unpinned}); wrk -t$THREADS -c$CONNECTIONS -d$DURATION (${client_pin[*]:-unpinned}); $ROUNDS rounds"
printf '%-6s %5s %12s %10s %14s %7s %7s\n' round mode req/s requests "cpu us/req" errors non2xx
results=$work/results
: >"$results"
for round in $(seq "$ROUNDS"); do
    for mode in "${MODES[@]}"; do
        line=$(run_once "$mode")
        echo "$line" >>"$results"
        read -r m rps req cpu err non <<<"$line"
        printf '%-6s %5s %12s %10s %14s %7s %7s\n' "$round" "$m" "$rps" "$req" "$cpu" "$err" "$non"
    done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
printf '%-7s %14s %14s %14s %16s %8s %8s\n' mode "median req/s" "min req/s" "max req/s" "median cpu us/req" errors non2xx
declare -A med_rps med_cpu
for mode in "${MODES[@]}"; do
    rows=$(awk -v m="$mode" '$1 == m' "$results")
    med_rps[$mode]=$(awk '{ print $2 }' <<<"$rows" | median)
    med_cpu[$mode]=$(awk '{ print $4 }' <<<"$rows" | median)
    min=$(awk '{ print $2 }' <<<"$rows" | sort -g | head -1)
    max=$(awk '{ print $2 }' <<<"$rows" | sort -g | tail -1)
    errs=$(awk '{ s += $5 } END { print s + 0 }' <<<"$rows")
    non=$(awk '{ s += $6 } END { print s + 0 }' <<<"$rows")
    printf '%-7s %14.0f %14.0f %14.0f %16.3f %8s %8s\n' "$mode" "${med_rps[$mode]}" "$min" "$max" "${med_cpu[$mode]}" "$errs" "$non"
done
echo
awk -v s="${med_rps[secure]}" -v f="${med_rps[floor]}" -v n="${med_rps[none]}" \
    -v cs="${med_cpu[secure]}" -v cf="${med_cpu[floor]}" -v cn="${med_cpu[none]}" 'BEGIN {
    printf "throughput: floor %.1f%% of none, secure %.1f%% of none, secure/floor %.3f\n", 100 * f / n, 100 * s / n, s / f
    printf "cpu per request: floor %.3fx none, secure %.3fx none, secure/floor %.3f\n", cf / cn, cs / cn, cs / cf
}'
