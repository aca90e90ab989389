#!/usr/bin/env bash
# Kamailio <-> dispatchlab interop over real SIP (UDP, 127.0.0.1), with SIPp.
#
# (a) Kamailio as a DESTINATION
#     SIPp UAC :25070 -> dispatchlab live :25060 -> Kamailio :25071 (record_route, t_relay) -> SIPp UAS :25072
#                                                 \-> sip:127.0.0.1:25073 (nothing listens: must go I)
#     checks: admin API (http 127.0.0.1:26060) shows Kamailio A* and 25073 I*, then
#             100 calls at 20 cps all complete through Kamailio.
# (b) Kamailio as UPSTREAM
#     SIPp UAC :25070 -> Kamailio :25080 (record_route, t_relay to dispatchlab) -> dispatchlab live :25060
#                                                                             -> SIPp UAS :25081 / :25082
#     checks: 200 calls at 50 cps, 0 failed, both UAS used.
#
# Usage: Tests/Integration/kamailio-interop/run.sh
#   DISPATCHLAB=path      the binary (default: .build/debug/dispatchlab under the repo root)
#   DISPATCHLAB_REQUIRE_KAMAILIO=1   fail (instead of skip) when kamailio or sipp is missing
#   KEEP_RUNDIR=1         keep the scratch directory (SIPp stats, logs) even on success
# Ports: UDP 25060, 25070-25073, 25080-25082; TCP 26060 (admin). Nothing else.
# Last line: "N passed, M failed"; exit status 1 on failure.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
SIPP_DIR=$ROOT/Tests/Integration/sipp
# shellcheck source=../sipp/lib.sh
source "$SIPP_DIR/lib.sh"      # stop_pid, wait_exit, udp_bound, wait_udp_bound, stat_col, count_col, ...

PROXY_PORT=25060
UAC_PORT=25070
KAM_DST_PORT=25071
KAM_UAS_PORT=25072
DEAD_PORT=25073
KAM_UP_PORT=25080
UAS_B1=25081
UAS_B2=25082
ADMIN=127.0.0.1:26060
HOLD_MS=${HOLD_MS:-500}

missing=""
command -v kamailio > /dev/null || missing="kamailio "
command -v sipp > /dev/null || missing="${missing}sipp "
command -v curl > /dev/null || missing="${missing}curl "
if [ -n "$missing" ]; then
    if [ -n "${DISPATCHLAB_REQUIRE_KAMAILIO:-}" ]; then
        echo "error: not installed: $missing(DISPATCHLAB_REQUIRE_KAMAILIO is set)"
        echo "0 passed, 1 failed"
        exit 1
    fi
    echo "skipped: not installed: $missing"
    exit 0
fi

DISPATCHLAB=${DISPATCHLAB:-$ROOT/.build/debug/dispatchlab}
RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/dispatchlab-kamailio-interop.XXXXXX")
export RUNDIR

trap stop_all EXIT
trap 'echo "interrupted"; exit 130' INT TERM

[ -x "$DISPATCHLAB" ] || { echo "error: no dispatchlab binary at $DISPATCHLAB (set DISPATCHLAB)"; FAILED=1; finish; }
for p in $PROXY_PORT $UAC_PORT $KAM_DST_PORT $KAM_UAS_PORT $DEAD_PORT $KAM_UP_PORT $UAS_B1 $UAS_B2; do
    if udp_bound "$p"; then echo "error: udp port $p is already in use"; FAILED=1; finish; fi
done
if curl -s --max-time 1 -o /dev/null "http://$ADMIN/"; then
    echo "error: something already answers on http://$ADMIN"; FAILED=1; finish
fi
echo "dispatchlab: $DISPATCHLAB   run directory: $RUNDIR"

# --- helpers (ports are parameters here, unlike lib.sh's start_uac) ---------------

# uas PORT NAME TIMEOUT_S -> LAST_PID
uas() {
    local dir=$RUNDIR/$2
    mkdir -p "$dir"
    ( cd "$dir" && exec sipp -sf "$SIPP_DIR/uas.xml" -i 127.0.0.1 -p "$1" -nostdin \
        -timeout "$3s" -fd 1 -trace_counts -trace_stat -stf stat.csv > out.log 2>&1 ) &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
}
# uac TARGET_PORT NAME RATE CALLS TIMEOUT_S -> LAST_PID
uac() {
    local dir=$RUNDIR/$2
    mkdir -p "$dir"
    ( cd "$dir" && exec sipp -sf "$SIPP_DIR/uac.xml" "127.0.0.1:$1" -i 127.0.0.1 -p "$UAC_PORT" -nostdin \
        -r "$3" -m "$4" -d "$HOLD_MS" -timeout "$5s" -recv_timeout 10000 \
        -fd 1 -trace_stat -stf stat.csv -trace_counts -trace_err > out.log 2>&1 ) &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
}
# kam CFG NAME -> LAST_PID (foreground main process; workers are its children)
kam() {
    local dir=$RUNDIR/$2
    mkdir -p "$dir"
    ( cd "$dir" && exec kamailio -f "$HERE/$1" -DD -E -Y "$dir" -P "$dir/kamailio.pid" -m 64 -M 8 \
        > kamailio.log 2>&1 ) &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
}
# proxy LIST NAME -> PROXY_PID
proxy() {
    local dir=$RUNDIR/$2
    mkdir -p "$dir"
    local cmd=("$DISPATCHLAB" live --list "$1" --set 1 --alg round-robin --listen "udp:127.0.0.1:$PROXY_PORT"
               --admin "$ADMIN" --probe-interval 1s --probe-timeout 1s --out "$dir/reports")
    echo "${cmd[*]}" > "$dir/proxy.cmd"
    ( cd "$dir" && exec "${cmd[@]}" > proxy.log 2>&1 ) &
    PROXY_PID=$!
    PROXY_DIR=$dir
    STARTED_PIDS+=("$PROXY_PID")
}
# state URI: dispatchlab's state letters for URI ("AP", "IP", ...), empty if unknown
state() {
    curl -s --max-time 1 "http://$ADMIN/destinations" 2>/dev/null |
        jq -r --arg u "$1" '.[] | select(.uri == $u) | .state' 2>/dev/null | head -1
}
# field URI NAME: a numeric field of the destination (0 if unknown)
field() {
    local v
    v=$(curl -s --max-time 1 "http://$ADMIN/destinations" 2>/dev/null |
        jq -r --arg u "$1" --arg f "$2" '.[] | select(.uri == $u) | .[$f] // 0' 2>/dev/null | head -1)
    echo "${v:-0}"
}
wait_uac() {   # PID TIMEOUT_S
    wait_exit "$1" $(($2 + 15)) || { say "UAC still running after $(($2 + 15)) s: stopping it"; stop_pid "$1" TERM 5; }
}
stop_group() {  # PID...: SIGUSR1 to SIPp (final dump), SIGTERM to the others; all bounded
    local p
    for p in "$@"; do stop_pid "$p" TERM 8; done
}
# calls completed: sipp's SuccessfulCall / FailedCall on the last stat row
ok_calls() { stat_col "$1" 'SuccessfulCall(C)'; }
bad_calls() { stat_col "$1" 'FailedCall(C)'; }

# =================================================================================
echo "# (a) Kamailio as a destination: dispatchlab :$PROXY_PORT -> Kamailio :$KAM_DST_PORT -> UAS :$KAM_UAS_PORT (+ dead :$DEAD_PORT)"
KAM_URI=sip:127.0.0.1:$KAM_DST_PORT
DEAD_URI=sip:127.0.0.1:$DEAD_PORT
printf '# set 1: Kamailio (relays to a SIPp UAS) and a destination nobody listens on\n1 %s 8\n1 %s 8\n' \
    "$KAM_URI" "$DEAD_URI" > "$RUNDIR/a.list"
uas "$KAM_UAS_PORT" a-uas 120; A_UAS=$LAST_PID
kam kamailio-destination.cfg a-kamailio; A_KAM=$LAST_PID
wait_udp_bound "$KAM_UAS_PORT" "$A_UAS" 10 || say "UAS $KAM_UAS_PORT did not bind"
if ! wait_udp_bound "$KAM_DST_PORT" "$A_KAM" 10; then
    check "(a) kamailio listens on udp $KAM_DST_PORT" false
    tail -5 "$RUNDIR/a-kamailio/kamailio.log"; finish
fi
proxy "$RUNDIR/a.list" a-proxy
if ! wait_udp_bound "$PROXY_PORT" "$PROXY_PID" 20; then
    check "(a) dispatchlab listens on udp $PROXY_PORT" false
    tail -5 "$PROXY_DIR/proxy.log"; finish
fi
T0=$(now)
sk=""; sd=""; t_ok=""
for ((i = 0; i < 50; i++)); do     # up to 10 s
    sk=$(state "$KAM_URI"); sd=$(state "$DEAD_URI")
    if [ "${sk:0:1}" = A ] && [ "${sd:0:1}" = I ]; then t_ok=$(elapsed "$T0"); break; fi
    sleep 0.2
done
check "(a) admin API: Kamailio '$sk' (A*), dead 25073 '$sd' (I*)${t_ok:+ after ${t_ok}s} (bound 10 s)" \
    [ -n "$t_ok" ]
# probes answered by Kamailio: it stays A for 2 more probe rounds
sleep 2
sk=$(state "$KAM_URI"); sd=$(state "$DEAD_URI")
check "(a) 2 s later still Kamailio '$sk' = A*, dead '$sd' = I*" [ "${sk:0:1}" = A -a "${sd:0:1}" = I ]

uac "$PROXY_PORT" a-uac 20 100 60; A_UAC=$LAST_PID
wait_uac "$A_UAC" 60
ok=$(ok_calls a-uac); bad=$(bad_calls a-uac)
sleep 1.2   # one more -trace_counts dump at the UAS
inv=$(count_col a-uas _INVITE_Recv)
answered=$(field "$KAM_URI" answered); att_dead=$(field "$DEAD_URI" attempts)
echo "     UAC: $ok successful, $bad failed of 100; INVITEs at the UAS behind Kamailio: $inv;" \
     "dispatchlab: Kamailio answered=$answered, dead attempts=$att_dead"
check "(a) 100 calls at 20 cps through dispatchlab -> Kamailio: 100 successful, 0 failed" [ "$ok" -eq 100 -a "$bad" -eq 0 ]
check "(a) every call reached the UAS via Kamailio ($inv INVITEs), none tried on the dead one ($att_dead)" \
    [ "$inv" -eq 100 -a "$att_dead" -eq 0 ]
grep "state changed" "$PROXY_DIR/proxy.log" | head -5 | sed 's/^/     log: /'
stop_group "$PROXY_PID" "$A_KAM"
kill -USR1 "$A_UAS" 2>/dev/null; wait_exit "$A_UAS" 8 || stop_pid "$A_UAS" TERM 3
check "(a) dispatchlab wrote its reports (summary.csv) on SIGTERM" [ -s "$PROXY_DIR/reports/summary.csv" ]

# =================================================================================
echo "# (b) Kamailio upstream: UAC -> Kamailio :$KAM_UP_PORT -> dispatchlab :$PROXY_PORT -> UAS :$UAS_B1 / :$UAS_B2"
for ((i = 0; i < 50; i++)); do udp_bound "$PROXY_PORT" || break; sleep 0.1; done
printf '# set 1: two SIPp UAS\n1 sip:127.0.0.1:%s 8\n1 sip:127.0.0.1:%s 8\n' "$UAS_B1" "$UAS_B2" > "$RUNDIR/b.list"
uas "$UAS_B1" b-uas1 120; B1=$LAST_PID
uas "$UAS_B2" b-uas2 120; B2=$LAST_PID
wait_udp_bound "$UAS_B1" "$B1" 10; wait_udp_bound "$UAS_B2" "$B2" 10
proxy "$RUNDIR/b.list" b-proxy
if ! wait_udp_bound "$PROXY_PORT" "$PROXY_PID" 20; then
    check "(b) dispatchlab listens on udp $PROXY_PORT" false
    tail -5 "$PROXY_DIR/proxy.log"; finish
fi
kam kamailio-upstream.cfg b-kamailio; B_KAM=$LAST_PID
if ! wait_udp_bound "$KAM_UP_PORT" "$B_KAM" 10; then
    check "(b) kamailio listens on udp $KAM_UP_PORT" false
    tail -5 "$RUNDIR/b-kamailio/kamailio.log"; finish
fi
s1=""; s2=""
for ((i = 0; i < 25; i++)); do
    s1=$(state "sip:127.0.0.1:$UAS_B1"); s2=$(state "sip:127.0.0.1:$UAS_B2")
    [ "${s1:0:1}" = A ] && [ "${s2:0:1}" = A ] && break
    sleep 0.2
done
check "(b) both UAS active in dispatchlab ('$s1', '$s2')" [ "${s1:0:1}" = A -a "${s2:0:1}" = A ]
uac "$KAM_UP_PORT" b-uac 50 200 60; B_UAC=$LAST_PID
wait_uac "$B_UAC" 60
ok=$(ok_calls b-uac); bad=$(bad_calls b-uac)
sleep 1.2
n1=$(count_col b-uas1 _INVITE_Recv); n2=$(count_col b-uas2 _INVITE_Recv)
echo "     UAC: $ok successful, $bad failed of 200; INVITEs per UAS: $n1 / $n2"
check "(b) 200 calls at 50 cps via Kamailio -> dispatchlab: 200 successful, 0 failed" [ "$ok" -eq 200 -a "$bad" -eq 0 ]
check "(b) both UAS used ($n1 / $n2, total $((n1 + n2)))" [ "$n1" -gt 0 -a "$n2" -gt 0 -a $((n1 + n2)) -eq 200 ]
stop_group "$B_KAM" "$PROXY_PID"
for p in "$B1" "$B2"; do kill -USR1 "$p" 2>/dev/null; done
for p in "$B1" "$B2"; do wait_exit "$p" 8 || stop_pid "$p" TERM 3; done

finish
