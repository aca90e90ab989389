#!/usr/bin/env bash
# Compares the Swift simulator's speed (sim-bench) with the same model in SimPy
# (simpy_model.py beside this script), in simulated calls per second of wall time.
#
#   benchmarks/compare-simpy.sh [--no-build] [--calls N] [--simpy-calls N] [--repeat K]
#
#   --no-build        use the existing .build/release/sim-bench
#   --calls N         calls per algorithm for Swift (default 1000000)
#   --simpy-calls N   calls per algorithm for SimPy (default 100000: SimPy runs
#                     ~50,000 calls/s, so 1,000,000 takes ~40 s per algorithm)
#   --repeat K        run each side K times and keep its best (default 1)
#
# Each side runs round-robin then call-load, one replication each, on one core.
# The last line reads: Swift X calls/s, SimPy Y calls/s, Swift/SimPy Rx.
# Every step is bounded by `timeout` (BUILD_TIMEOUT, RUN_TIMEOUT in seconds);
# the only network use is pip installing simpy when it is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build=1
calls=1000000
simpy_calls=100000
repeat=1
build_timeout="${BUILD_TIMEOUT:-1800}"
run_timeout="${RUN_TIMEOUT:-900}"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0 ;;
        --calls) calls="${2:?--calls needs a number}"; shift ;;
        --simpy-calls) simpy_calls="${2:?--simpy-calls needs a number}"; shift ;;
        --repeat) repeat="${2:?--repeat needs a number}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
for n in "$calls" "$simpy_calls" "$repeat"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive integer: $n" >&2; exit 2; }
done

# (a) SimPy, from PyPI when missing.
if ! python3 -c 'import simpy' 2>/dev/null; then
    echo "== installing simpy" >&2
    timeout 300 python3 -m pip install --quiet simpy \
        || timeout 300 python3 -m pip install --quiet --break-system-packages simpy
    python3 -c 'import simpy'
fi

# (b) sim-bench in release.
bench="$root/.build/release/sim-bench"
if [ "$build" = 1 ]; then
    echo "== swift build -c release --product sim-bench" >&2
    (cd "$root" && timeout "$build_timeout" swift build -c release --product sim-bench) >&2
fi
[ -x "$bench" ] || { echo "no $bench: build it, or drop --no-build" >&2; exit 1; }

# Best "overall ... = N calls/s" figure over the runs of one command.
best_of() {
    local best=0 out rate i
    for ((i = 1; i <= repeat; i++)); do
        out="$(timeout "$run_timeout" "$@")"
        printf '%s\n' "$out" >&2
        rate="$(printf '%s\n' "$out" | awk '$1 == "overall" { for (i = 1; i < NF; i++) if ($i == "=") print $(i + 1) }')"
        [ -n "$rate" ] || { echo "no overall figure from: $*" >&2; exit 1; }
        if awk -v a="$rate" -v b="$best" 'BEGIN { exit !(a > b) }'; then best="$rate"; fi
    done
    printf '%s\n' "$best"
}

# (c) Swift, (d) SimPy.
echo "== Swift: sim-bench $calls" >&2
swift_rate="$(best_of "$bench" "$calls")"
echo "== SimPy $(python3 -c 'import simpy; print(simpy.__version__)'), Python $(python3 -c 'import platform; print(platform.python_version())'): $simpy_calls calls" >&2
simpy_rate="$(best_of python3 "$here/simpy_model.py" --calls "$simpy_calls")"

# (e) Both figures and the ratio.
awk -v s="$swift_rate" -v p="$simpy_rate" \
    'BEGIN { printf "Swift %.0f calls/s, SimPy %.0f calls/s, Swift/SimPy %.1fx\n", s, p, s / p }'
