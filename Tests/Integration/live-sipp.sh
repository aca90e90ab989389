#!/usr/bin/env bash
# Integration test of `dispatchlab live` with real SIP traffic from SIPp.
#
#   SIPp UAC 127.0.0.1:5070 --> proxy udp 127.0.0.1:5060 --> SIPp UAS 127.0.0.1:5071 / 5072 / 5073
#
# Test 1: 4,000 calls at 200 cps -> 0 failed calls, round-robin spread within 1 call,
#         every UAS answered the proxy's OPTIONS probes.
# Test 2: same load; the UAS on 5072 is killed (SIGKILL, by PID) 5 s in. The proxy must
#         mark it inactive (state I*) within interval x threshold + timeout (+1 s slack),
#         the two others keep taking calls, only calls in flight at the dead UAS may fail;
#         a new UAS on 5072 must become active (A*) again and receive INVITEs.
#
# Usage:
#   Tests/Integration/live-sipp.sh                      # against dispatchlab (DISPATCHLAB=binary)
#   PROXY=kamailio Tests/Integration/live-sipp.sh       # against Kamailio 5.6 (validates the test)
#   PROXY_CMD='...' Tests/Integration/live-sipp.sh      # any proxy; $RUNDIR is exported to it
#
# Without sipp it prints "skipped: sipp not installed" and exits 0, unless
# DISPATCHLAB_REQUIRE_SIPP is set. Last line: "N passed, M failed"; exit status 1 on failure.
# Uses fixed ports: UDP 5060, 5070-5073 and TCP 18080 (the admin endpoint) on 127.0.0.1.
# KEEP_RUNDIR=1 keeps the scratch directory (SIPp stats, proxy log) even on success.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SIPP_DIR=$HERE/sipp
source "$SIPP_DIR/lib.sh"

PROXY=${PROXY:-dispatchlab}          # dispatchlab | kamailio (anything else: give PROXY_CMD)
RATE=${RATE:-200}
CALLS=${CALLS:-4000}
HOLD_MS=${HOLD_MS:-1000}
FO_CALLS=${FO_CALLS:-$((RATE * 30))} # failover run: 30 s of load
KILL_AT=${KILL_AT:-5}
VICTIM=5072
VICTIM_URI=sip:127.0.0.1:$VICTIM
# probing parameters, the same for both proxies (kamailio-proxy.cfg: ds_ping_interval 1,
# ds_probing_threshold 2, ds_inactive_threshold 2, fr_timer 1000 ms)
PROBE_INTERVAL=${PROBE_INTERVAL:-1}
PROBE_THRESHOLD=${PROBE_THRESHOLD:-2}
PROBE_TIMEOUT=${PROBE_TIMEOUT:-1}
SLACK=${SLACK:-1}
# a call whose INVITE reaches the dead UAS is failed over after this (kamailio: fr_timer)
INVITE_TIMEOUT_S=${INVITE_TIMEOUT_S:-1}
ADMIN=${ADMIN:-127.0.0.1:18080}

if ! command -v sipp > /dev/null; then
    if [ -n "${DISPATCHLAB_REQUIRE_SIPP:-}" ]; then
        echo "error: sipp not installed (package sip-tester) and DISPATCHLAB_REQUIRE_SIPP is set"
        echo "0 passed, 1 failed"
        exit 1
    fi
    echo "skipped: sipp not installed"
    exit 0
fi

RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/dispatchlab-live.XXXXXX")
export RUNDIR

if [ -z "${DISPATCHLAB:-}" ]; then
    DISPATCHLAB=$ROOT/.build/debug/dispatchlab
    [ -x "$DISPATCHLAB" ] || DISPATCHLAB=$ROOT/.build/release/dispatchlab
fi
export DISPATCHLAB
# The `dispatchlab live` command line; every flag it depends on is here.
PROXY_CMD=${PROXY_CMD:-"$DISPATCHLAB live --list $RUNDIR/dispatcher.list --set 1 --alg round-robin --listen udp:127.0.0.1:5060 --probe-interval ${PROBE_INTERVAL}s --probe-threshold $PROBE_THRESHOLD --probe-timeout ${PROBE_TIMEOUT}s --admin $ADMIN --out $RUNDIR/reports"}

trap stop_all EXIT
trap 'echo "interrupted"; exit 130' INT TERM

# --- the proxies ------------------------------------------------------------

printf '# set 1: the three SIPp UAS, probed (flag 8)\n1 sip:127.0.0.1:5071 8\n1 sip:127.0.0.1:5072 8\n1 sip:127.0.0.1:5073 8\n' \
    > "$RUNDIR/dispatcher.list"

case "$PROXY" in
    dispatchlab) [ -x "${DISPATCHLAB%% *}" ] || { echo "error: no dispatchlab binary at $DISPATCHLAB (set DISPATCHLAB)"; FAILED=1; finish; } ;;
    kamailio) command -v kamailio > /dev/null && command -v kamcmd > /dev/null \
                  || { echo "error: PROXY=kamailio but kamailio/kamcmd are not installed"; FAILED=1; finish; } ;;
esac

# start_proxy NAME: the proxy in the foreground of $RUNDIR/NAME; sets PROXY_PID
start_proxy() {
    local dir=$RUNDIR/$1
    mkdir -p "$dir"
    if [ "$PROXY" = kamailio ]; then
        ( cd "$dir" && exec kamailio -f "$SIPP_DIR/kamailio-proxy.cfg" -DD -E -Y "$dir" -P "$dir/kamailio.pid" \
            -m 256 -M 16 -A "DSLIST=\"$RUNDIR/dispatcher.list\"" -A "CTLSOCK=\"unix:$dir/ctl\"" -A CHILDREN=4 \
            > proxy.log 2>&1 ) &
    else
        echo "$PROXY_CMD" > "$dir/proxy.cmd"
        ( cd "$dir" && exec bash -c "exec $PROXY_CMD" > proxy.log 2>&1 ) &
    fi
    PROXY_PID=$!
    PROXY_DIR=$dir
    STARTED_PIDS+=("$PROXY_PID")
}

# victim_state: the proxy's current state letters for $VICTIM_URI ("AP", "IP", ...), empty if unknown
victim_state() {
    if [ "$PROXY" = kamailio ]; then
        timeout 2 kamcmd -s "unix:$PROXY_DIR/ctl" dispatcher.list 2>/dev/null |
            awk -v u="$VICTIM_URI" '$1 == "URI:" { cur = $2 } $1 == "FLAGS:" && cur == u { print $2; exit }'
    else
        # GET /destinations: JSON objects with "uri" and "state" (flat objects, any order)
        curl -s --max-time 1 "http://$ADMIN/destinations" 2>/dev/null | tr '{}' '\n\n' |
            grep -E "\"uri\" *: *\"$VICTIM_URI\"" | grep -oE '"state" *: *"[A-Za-z]+"' | head -1 |
            sed -E 's/.*"([A-Za-z]+)"$/\1/'
    fi
}

# wait_state PREFIX MAX_S: poll every 0.2 s until the victim's state starts with PREFIX.
# Sets STATE_T (epoch seen, empty if never) and STATE_LAST.
wait_state() {
    local i s
    STATE_T=""; STATE_LAST=""
    for ((i = 0; i < $2 * 5; i++)); do
        s=$(victim_state)
        STATE_LAST=$s
        case "$s" in "$1"*) STATE_T=$(now); return 0 ;; esac
        sleep 0.2
    done
    return 1
}

# start_rig PREFIX UAS_TIMEOUT_S: the 3 UAS, then the proxy; waits until all are bound
start_rig() {
    local port
    for port in 5071 5072 5073; do
        start_uas "$port" "$1-uas$port" "$2"
        UAS_PID[$port]=$LAST_PID
    done
    for port in 5071 5072 5073; do
        wait_udp_bound "$port" "${UAS_PID[$port]}" 10 || { say "UAS $port did not bind"; return 1; }
    done
    start_proxy "$1-proxy"
    if ! wait_udp_bound 5060 "$PROXY_PID" 20; then
        say "proxy did not bind udp 127.0.0.1:5060 within 20 s; last lines of $PROXY_DIR/proxy.log:"
        tail -5 "$PROXY_DIR/proxy.log" >&2
        return 1
    fi
    sleep 2.5   # first probe rounds
}

# stop_rig: proxy (SIGTERM), UAC, then the UAS (SIGUSR1 = SIPp's graceful exit, final counts)
stop_rig() {
    local p
    stop_pid "$PROXY_PID" TERM 10
    [ -n "${UAC_PID:-}" ] && stop_pid "$UAC_PID" TERM 5
    for p in "${!UAS_PID[@]}"; do kill -USR1 "${UAS_PID[$p]}" 2>/dev/null; done
    for p in "${!UAS_PID[@]}"; do wait_exit "${UAS_PID[$p]}" 8 || stop_pid "${UAS_PID[$p]}" TERM 3; done
}

# wait_uac PID TIMEOUT_S: the UAC ends by itself (-m); killed after its own -timeout + 20 s
wait_uac() {
    wait_exit "$1" $(($2 + 20)) || { say "UAC still running after $(($2 + 20)) s: killing it"; stop_pid "$1" TERM 5; }
}

for p in 5060 5070 5071 5072 5073; do
    if udp_bound "$p"; then echo "error: udp port $p is already in use"; FAILED=1; finish; fi
done
if [ "$PROXY" != kamailio ] && curl -s --max-time 1 -o /dev/null "http://$ADMIN/"; then
    echo "error: something already answers on http://$ADMIN"; FAILED=1; finish
fi

echo "proxy: $PROXY   run directory: $RUNDIR"
[ "$PROXY" = kamailio ] || echo "command: $PROXY_CMD"

# --- test 1: load, no failure, even spread ------------------------------------

echo "# test 1: $CALLS calls at $RATE cps, ${HOLD_MS} ms hold"
declare -A UAS_PID=()
UAC_PID=""
T1_TIMEOUT=$((3 * (CALLS / RATE + HOLD_MS / 1000) + 30))
if start_rig t1 $((T1_TIMEOUT + 60)); then
    check "proxy is up on udp 127.0.0.1:5060" true
    start_uac t1-uac "$RATE" "$CALLS" "$HOLD_MS" "$T1_TIMEOUT"
    UAC_PID=$LAST_PID
    wait_uac "$UAC_PID" "$T1_TIMEOUT"
    sleep 1.2   # one more counts dump at the UAS
    stop_rig
    ok=$(stat_col t1-uac 'SuccessfulCall(C)'); bad=$(stat_col t1-uac 'FailedCall(C)')
    echo "     UAC: $ok successful, $bad failed of $CALLS"
    check "test 1: all $CALLS calls completed, 0 failed" [ "$ok" -eq "$CALLS" -a "$bad" -eq 0 ]
    n1=$(count_col t1-uas5071 _INVITE_Recv); n2=$(count_col t1-uas5072 _INVITE_Recv); n3=$(count_col t1-uas5073 _INVITE_Recv)
    echo "     INVITEs per UAS: $n1 / $n2 / $n3"
    spread=$(printf '%s\n' "$n1" "$n2" "$n3" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print hi - lo }')
    check "test 1: round-robin spread within 1 call ($n1 / $n2 / $n3)" \
        [ "$((n1 + n2 + n3))" -eq "$CALLS" -a "$spread" -le 1 ]
    o1=$(count_col t1-uas5071 _OPTIONS_Recv); o2=$(count_col t1-uas5072 _OPTIONS_Recv); o3=$(count_col t1-uas5073 _OPTIONS_Recv)
    check "test 1: every UAS answered OPTIONS probes ($o1 / $o2 / $o3)" [ "$o1" -gt 0 -a "$o2" -gt 0 -a "$o3" -gt 0 ]
else
    check "proxy is up on udp 127.0.0.1:5060" false
    stop_rig
fi

# --- test 2: one UAS dies mid-load and comes back -----------------------------

DETECT_BOUND=$((PROBE_INTERVAL * PROBE_THRESHOLD + PROBE_TIMEOUT + SLACK))
RECOVER_BOUND=$DETECT_BOUND
ALLOWED_FAIL=$((RATE * (HOLD_MS / 1000 + INVITE_TIMEOUT_S) / 3))
echo "# test 2: $FO_CALLS calls at $RATE cps; UAS $VICTIM killed at +${KILL_AT}s" \
     "(detect <= ${DETECT_BOUND}s, failed calls <= $ALLOWED_FAIL)"
declare -A UAS_PID=()
UAC_PID=""
T2_TIMEOUT=$((FO_CALLS / RATE + HOLD_MS / 1000 + 40))
if ! start_rig t2 $((T2_TIMEOUT + 60)); then
    check "test 2: proxy is up again" false
    stop_rig
    finish
fi
s=$(victim_state)
check "test 2: proxy reports $VICTIM_URI active before the kill (state '$s')" [ "${s:0:1}" = A ]
start_uac t2-uac "$RATE" "$FO_CALLS" "$HOLD_MS" "$T2_TIMEOUT"
UAC_PID=$LAST_PID
sleep "$KILL_AT"
T_KILL=$(now)
kill -KILL "${UAS_PID[$VICTIM]}"
wait_exit "${UAS_PID[$VICTIM]}" 5
echo "     killed UAS $VICTIM (pid ${UAS_PID[$VICTIM]})"

wait_state I $((DETECT_BOUND + 5))
if [ -n "$STATE_T" ]; then
    dt=$(elapsed "$T_KILL" "$STATE_T")
    check "test 2: $VICTIM marked inactive after ${dt}s (bound ${DETECT_BOUND}s)" le "$dt" "$DETECT_BOUND"
else
    check "test 2: $VICTIM marked inactive (last state '$STATE_LAST' after $((DETECT_BOUND + 5))s)" false
fi

# calls keep completing on the two others while 5072 is down
a1=$(count_col t2-uas5071 _INVITE_Recv); a3=$(count_col t2-uas5073 _INVITE_Recv); aok=$(stat_col t2-uac 'SuccessfulCall(C)')
sleep 3
b1=$(count_col t2-uas5071 _INVITE_Recv); b3=$(count_col t2-uas5073 _INVITE_Recv); bok=$(stat_col t2-uac 'SuccessfulCall(C)')
min=$((RATE * 3 / 2 / 2))   # half of what each survivor should get in 3 s
echo "     during the outage (3 s): +$((b1 - a1)) INVITEs at 5071, +$((b3 - a3)) at 5073, +$((bok - aok)) calls completed"
check "test 2: 5071 and 5073 keep taking calls while $VICTIM is down (>= $min each in 3 s)" \
    [ $((b1 - a1)) -ge "$min" -a $((b3 - a3)) -ge "$min" -a $((bok - aok)) -gt 0 ]

T_RESTART=$(now)
start_uas "$VICTIM" "t2-uas${VICTIM}-restarted" $((T2_TIMEOUT + 60))
UAS_PID[${VICTIM}b]=$LAST_PID
wait_udp_bound "$VICTIM" "$LAST_PID" 10
echo "     restarted UAS $VICTIM (pid $LAST_PID)"
wait_state A $((RECOVER_BOUND + 5))
if [ -n "$STATE_T" ]; then
    dt=$(elapsed "$T_RESTART" "$STATE_T")
    check "test 2: $VICTIM active again ${dt}s after the restart (bound ${RECOVER_BOUND}s)" le "$dt" "$RECOVER_BOUND"
else
    check "test 2: $VICTIM active again (last state '$STATE_LAST' after $((RECOVER_BOUND + 5))s)" false
fi
got=0
for ((i = 0; i < 50; i++)); do     # counts are dumped every second: up to 5 s
    got=$(count_col "t2-uas${VICTIM}-restarted" _INVITE_Recv)
    [ "$got" -gt 0 ] && break
    kill -0 "$UAC_PID" 2>/dev/null || break
    sleep 0.1
done
check "test 2: the restarted UAS on $VICTIM receives INVITEs ($got so far, $(elapsed "$T_RESTART") s after restart)" [ "$got" -gt 0 ]

wait_uac "$UAC_PID" "$T2_TIMEOUT"
sleep 1.2
stop_rig
ok=$(stat_col t2-uac 'SuccessfulCall(C)'); bad=$(stat_col t2-uac 'FailedCall(C)')
echo "     UAC: $ok successful, $bad failed of $FO_CALLS"
echo "     INVITEs per UAS: 5071 $(count_col t2-uas5071 _INVITE_Recv), 5072 $(count_col t2-uas5072 _INVITE_Recv)" \
     "+ restarted $(count_col "t2-uas${VICTIM}-restarted" _INVITE_Recv), 5073 $(count_col t2-uas5073 _INVITE_Recv)"
check "test 2: only calls in flight at the dead UAS failed ($((FO_CALLS - ok)) <= $ALLOWED_FAIL)" \
    [ $((FO_CALLS - ok)) -le "$ALLOWED_FAIL" ]

finish
