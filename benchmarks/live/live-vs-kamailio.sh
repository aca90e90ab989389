#!/usr/bin/env bash
# `dispatchlab live` next to Kamailio 5.6 under the same SIPp load, in one run.
#
#   SIPp UAC 127.0.0.1:5070 --> proxy udp 127.0.0.1:5060 --> 3 SIPp UAS 127.0.0.1:5071-5073
#
# For each proxy (PROXIES, default "kamailio dispatchlab") and each rate (RATES, default
# "500 1000 1750"): start the 3 UAS and the proxy, snapshot the proxy's CPU time, run
# CALLS calls (default 20,000) of HOLD_MS (1000 ms) at RATE calls/s, snapshot again, stop
# everything by PID, print one CSV line on stdout:
#
#   proxy,rate,calls,successful,failed,cpu_s,cpu_s_per_1k
#
# cpu_s = user+system CPU seconds of the proxy process tree during the UAC run (from
# /proc/PID/stat of the proxy and every descendant: kamailio's workers are processes,
# dispatchlab's are threads, both are counted).
#
#   DISPATCHLAB       binary (default .build/release/dispatchlab); dispatchlab is skipped with
#                     a message when it is missing
#   DISPATCHLAB_CMD   full command line of the proxy; $RUNDIR/dispatcher.list is written for it
#   CHILDREN          kamailio UDP workers (default 4)
#   KEEP_RUNDIR=1     keep the scratch directory with every SIPp file and proxy log
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SIPP_DIR=$ROOT/Tests/Integration/sipp
source "$SIPP_DIR/lib.sh"

PROXIES=${PROXIES:-kamailio dispatchlab}
RATES=${RATES:-500 1000 1750}
CALLS=${CALLS:-20000}
HOLD_MS=${HOLD_MS:-1000}
CHILDREN=${CHILDREN:-4}

for tool in sipp kamailio; do
    command -v "$tool" > /dev/null || { echo "error: $tool is not installed (packages sip-tester, kamailio)" >&2; exit 2; }
done
for p in 5060 5070 5071 5072 5073; do
    udp_bound "$p" && { echo "error: udp port $p is already in use" >&2; exit 2; }
done

RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/dispatchlab-bench.XXXXXX")
export RUNDIR
printf '1 sip:127.0.0.1:5071 8\n1 sip:127.0.0.1:5072 8\n1 sip:127.0.0.1:5073 8\n' > "$RUNDIR/dispatcher.list"
DISPATCHLAB=${DISPATCHLAB:-$ROOT/.build/release/dispatchlab}
DISPATCHLAB_CMD=${DISPATCHLAB_CMD:-"$DISPATCHLAB live --list $RUNDIR/dispatcher.list --set 1 --alg round-robin --listen udp:127.0.0.1:5060 --probe-interval 1s --probe-threshold 2 --probe-timeout 1s --admin 127.0.0.1:18080"}
trap 'stop_all; [ "${KEEP_RUNDIR:-0}" = 1 ] && echo "run directory: $RUNDIR" >&2 || rm -rf "$RUNDIR"' EXIT
trap 'exit 130' INT TERM

# start_proxy PROXY DIR: sets PROXY_PID (the proxy process itself)
start_proxy() {
    if [ "$1" = kamailio ]; then
        ( cd "$2" && exec kamailio -f "$SIPP_DIR/kamailio-proxy.cfg" -DD -E -Y "$2" -P "$2/kamailio.pid" \
            -m 512 -M 16 -A "DSLIST=\"$RUNDIR/dispatcher.list\"" -A "CTLSOCK=\"unix:$2/ctl\"" \
            -A "CHILDREN=$CHILDREN" -A ALG=4 > proxy.log 2>&1 ) &
    else
        ( cd "$2" && exec bash -c "exec $DISPATCHLAB_CMD" > proxy.log 2>&1 ) &
    fi
    PROXY_PID=$!
    STARTED_PIDS+=("$PROXY_PID")
}

# host_busy: non-idle CPU ticks of the whole host (/proc/stat: user nice system irq softirq steal)
host_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# udp_drops: host-wide UDP RcvbufErrors (datagrams dropped because a socket buffer was full)
udp_drops() { awk '/^Udp:/ { if (h) { print $6; exit } h = 1 }' /proc/net/snmp; }

# one_run PROXY RATE -> CSV line
one_run() {
    local proxy=$1 rate=$2 name=$1-$2 port p t0 t1 h0 h1 d0 d1 ok failed cpu timeout
    local -a uas=()
    mkdir -p "$RUNDIR/$name"
    timeout=$((3 * (CALLS / rate + HOLD_MS / 1000) + 30))
    for port in 5071 5072 5073; do
        start_uas "$port" "$name/uas$port" $((timeout + 60)); uas+=("$LAST_PID")
        wait_udp_bound "$port" "$LAST_PID" 10 || { say "UAS $port did not start"; return 1; }
    done
    start_proxy "$proxy" "$RUNDIR/$name"
    if ! wait_udp_bound 5060 "$PROXY_PID" 20; then
        say "$proxy did not bind udp 127.0.0.1:5060 within 20 s:"; tail -5 "$RUNDIR/$name/proxy.log" >&2
        stop_pid "$PROXY_PID"; for p in "${uas[@]}"; do stop_pid "$p"; done
        return 1
    fi
    sleep 2.5                      # first OPTIONS probes
    t0=$(cpu_ticks "$PROXY_PID"); h0=$(host_busy); d0=$(udp_drops)
    say "$proxy: $CALLS calls at $rate cps"
    start_uac "$name/uac" "$rate" "$CALLS" "$HOLD_MS" "$timeout"
    wait_exit "$LAST_PID" $((timeout + 20)) || stop_pid "$LAST_PID" TERM 5
    t1=$(cpu_ticks "$PROXY_PID"); h1=$(host_busy); d1=$(udp_drops)
    stop_pid "$PROXY_PID" TERM 10
    for p in "${uas[@]}"; do kill -USR1 "$p" 2>/dev/null; done
    for p in "${uas[@]}"; do wait_exit "$p" 8 || stop_pid "$p" TERM 3; done
    ok=$(stat_col "$name/uac" 'SuccessfulCall(C)')
    failed=$((CALLS - ok))
    cpu=$(awk -v d=$((t1 - t0)) -v h="$CLK_TCK" 'BEGIN { printf "%.2f", d / h }')
    say "$proxy $rate cps: whole host busy $(awk -v d=$((h1 - h0)) -v h="$CLK_TCK" 'BEGIN { printf "%.1f", d / h }') CPU-s" \
        "(proxy $cpu, the rest is SIPp, the kernel and any other work), $((d1 - d0)) UDP datagrams dropped host-wide"
    echo "$proxy,$rate,$CALLS,$ok,$failed,$cpu,$(awk -v c="$cpu" -v n="$CALLS" 'BEGIN { printf "%.3f", c * 1000 / n }')"
}

echo "proxy,rate,calls,successful,failed,cpu_s,cpu_s_per_1k"
for proxy in $PROXIES; do
    if [ "$proxy" = dispatchlab ] && [ ! -x "${DISPATCHLAB_CMD%% *}" ]; then
        echo "skipping dispatchlab: no binary at ${DISPATCHLAB_CMD%% *} (build it: swift build -c release --product dispatchlab)" >&2
        continue
    fi
    for rate in $RATES; do
        one_run "$proxy" "$rate" || echo "$proxy,$rate,$CALLS,0,$CALLS,,"
    done
done
