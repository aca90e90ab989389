#!/usr/bin/env bash
# dispatchlab live over TCP: a SIPp UAC connects over TCP, the proxy opens TCP
# connections to two SIPp UAS (destinations with ;transport=tcp), probes them over
# TCP, and 200 calls must complete. Then mixed transports: a TCP caller, a UDP
# callee that hangs up itself; the proxy must Record-Route twice (Kamailio's double
# RR) and route both sides' in-dialog requests. The reports are rewritten every
# second while the proxy runs. Ports 35060, 35070-35074 and 36060 (admin).
# Every process is started and ended by PID; every wait is bounded.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SIPP_DIR=$HERE/sipp
SIPP_BUFF=1048576
if ! command -v sipp > /dev/null; then
    [ -n "${DISPATCHLAB_REQUIRE_SIPP:-}" ] && { echo "sipp is required"; echo "0 passed, 1 failed"; exit 1; }
    echo "skipped: sipp not installed"; exit 0
fi
DISPATCHLAB=${DISPATCHLAB:-$ROOT/.build/debug/dispatchlab}
RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/dispatchlab-tcp.XXXXXX")
# shellcheck source=sipp/lib.sh
source "$SIPP_DIR/lib.sh"
trap stop_all EXIT

tcp_bound() { ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }
wait_tcp_bound() { local i; for i in $(seq 1 100); do tcp_bound "$1" && return 0; sleep 0.1; done; return 1; }

printf '1 sip:127.0.0.1:35071;transport=tcp\n1 sip:127.0.0.1:35072;transport=tcp\n' > "$RUNDIR/dispatcher.list"
for port in 35071 35072; do
    mkdir -p "$RUNDIR/uas$port"
    ( cd "$RUNDIR/uas$port" && exec sipp -sf "$SIPP_DIR/uas.xml" -t t1 -i 127.0.0.1 -p "$port" -nostdin \
        -buff_size "$SIPP_BUFF" -timeout 60s -trace_counts > out.log 2>&1 ) &
    STARTED_PIDS+=("$!")
done
check "both UAS listen on TCP" wait_tcp_bound 35072
"$DISPATCHLAB" live --list "$RUNDIR/dispatcher.list" --set 1 --alg round-robin \
    --listen udp:127.0.0.1:35060 --listen tcp:127.0.0.1:35060 --admin 127.0.0.1:36060 \
    --out "$RUNDIR/reports" --report-interval 1s > "$RUNDIR/proxy.log" 2>&1 &
PROXY=$!
STARTED_PIDS+=("$PROXY")
check "the proxy listens on TCP 35060" wait_tcp_bound 35060
sleep 2.5  # the first TCP probes have been answered
states=$(curl -s --max-time 2 http://127.0.0.1:36060/destinations | python3 -c 'import sys, json; print(" ".join(d["state"] for d in json.load(sys.stdin)))')
check "both TCP destinations are up through TCP probes ($states)" test "$states" = "AP AP"
( cd "$RUNDIR" && timeout 60 sipp -sf "$SIPP_DIR/uac.xml" -t t1 -i 127.0.0.1 -p 35070 127.0.0.1:35060 \
    -r 50 -m 200 -d 500 -timeout 40s -nostdin -buff_size "$SIPP_BUFF" -trace_stat -stf uac.csv > uac.log 2>&1 ) &
UAC=$!
STARTED_PIDS+=("$UAC")
wait "$UAC"
ok=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "SuccessfulCall(C)") k = i; next } k { v = $k } END { print v + 0 }' "$RUNDIR/uac.csv")
check "200 calls over TCP completed ($ok)" test "$ok" -eq 200
rows() { wc -l < "$RUNDIR/reports/timeseries.csv" 2>/dev/null || echo 0; }
before=$(rows)
sleep 2.2
after=$(rows)
check "reports rewritten while running, every second (timeseries rows $before -> $after)" test "$after" -gt "$before"

# Mixed transports: the proxy is reloaded onto a UDP callee that hangs up.
mkdir -p "$RUNDIR/uas35073"
( cd "$RUNDIR/uas35073" && exec sipp -sf "$SIPP_DIR/uas-hangup.xml" -i 127.0.0.1 -p 35073 -nostdin \
    -buff_size "$SIPP_BUFF" -timeout 60s -trace_msg > out.log 2>&1 ) &
MIXED_UAS=$!
STARTED_PIDS+=("$MIXED_UAS")
printf '1 sip:127.0.0.1:35073\n' > "$RUNDIR/dispatcher.list"
kill -HUP "$PROXY"
sleep 2.5  # the reload is read and the UDP callee answers a probe
( cd "$RUNDIR" && timeout 60 sipp -sf "$SIPP_DIR/uac-callee-hangup.xml" -t t1 -i 127.0.0.1 -p 35074 127.0.0.1:35060 \
    -r 25 -m 50 -timeout 40s -nostdin -buff_size "$SIPP_BUFF" -trace_stat -stf mixed.csv > mixed.log 2>&1 ) &
UAC=$!
STARTED_PIDS+=("$UAC")
wait "$UAC"
ok=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "SuccessfulCall(C)") k = i; next } k { v = $k } END { print v + 0 }' "$RUNDIR/mixed.csv")
check "TCP caller, UDP callee hanging up: 50 calls completed ($ok)" test "$ok" -eq 50
route=$(grep -m1 '^Route:' "$RUNDIR"/uas35073/*_messages.log 2>/dev/null | tr -d '\r')
check "the callee's BYE carries both Record-Route entries, its own transport's first ($route)" \
    test "$route" = "Route: <sip:127.0.0.1:35060;lr>, <sip:127.0.0.1:35060;transport=tcp;lr>"
finish
