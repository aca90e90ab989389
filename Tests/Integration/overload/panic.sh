#!/usr/bin/env bash
# Overload test of `dispatchlab live`: does the core's panic threshold keep calls
# flowing when failure marking (mark: ip) takes every healthy destination down?
#
#   SIPp UAC :25095 --> dispatchlab live (release) udp :25090 --> SIPp UAS :25091 / :25092 / :25093
#   admin/metrics: http://127.0.0.1:26090
#
# 1. Sweep: SWEEP_RATES (default 500 1000 2000 3000, then 4000 5000 6000 until failures start) cps for SWEEP_SECS (10) s each, 0.5 s hold,
#    panic_threshold 0. The proxy's max rate = the highest rate with <= MAX_FAIL_PCT (0.5) %
#    failed calls before the first rate that exceeds it.
# 2. Overload: 2 x max rate (or OVERLOAD_RATE) for OVERLOAD_SECS (20) s, twice:
#    panic_threshold 0 and panic_threshold 0.5 (scenario YAML via --config, failover
#    when [timeout, 503], max_attempts 3, invite_timeout 1s, mark ip; probing mode 1, 1s,
#    threshold 2, inactive_threshold 2, timeout 1s).
# Per run: calls attempted / completed / failed, 503 and 408 answers seen by the UAC,
# admin API states polled every 0.2 s (how long all three were I at once), the proxy's
# peak RSS (VmHWM) and its /metrics counters. Summary table on stdout; RESULTS_FILE
# (default: RESULTS.md next to this script) gets the numbers, the date and the commands.
#
# Env: DISPATCHLAB (default .build-rel/release/dispatchlab; waited for up to 10 min),
#      KEEP_RUNDIR=1, SKIP_SWEEP=1 with MAX_RATE=N, RESULTS_FILE=path (or "-" for none).
# RESULTS_FILE gets a new "## Run of DATE" section appended at each run.
# Ports: UDP 25090-25095, TCP 26090 only. Every process is ended by its PID.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
SIPP_DIR=$ROOT/Tests/Integration/sipp
# shellcheck source=../sipp/lib.sh
source "$SIPP_DIR/lib.sh"

PROXY_PORT=25090
UAS_PORTS=(25091 25092 25093)
UAC_PORT=25095
ADMIN=127.0.0.1:26090
HOLD_MS=${HOLD_MS:-500}
SWEEP_RATES=${SWEEP_RATES:-"500 1000 2000 3000 4000 5000 6000"}
SWEEP_SECS=${SWEEP_SECS:-10}
OVERLOAD_SECS=${OVERLOAD_SECS:-20}
MAX_FAIL_PCT=${MAX_FAIL_PCT:-0.5}
RESULTS_FILE=${RESULTS_FILE:-$HERE/RESULTS.md}
# SIPp socket buffers: SIPP_BUFF from lib.sh (1 MiB unless set in the environment)

command -v sipp > /dev/null || { echo "skipped: sipp not installed"; exit 0; }
for t in curl jq; do command -v $t > /dev/null || { echo "error: $t not installed"; exit 1; }; done

DISPATCHLAB=${DISPATCHLAB:-$ROOT/.build-rel/release/dispatchlab}
for ((i = 0; i < 21; i++)); do        # the release build may still be running: 10 min at most
    [ -x "$DISPATCHLAB" ] && break
    [ "$i" -eq 0 ] && echo "waiting for $DISPATCHLAB (every 30 s, up to 10 min)"
    sleep 30
done
[ -x "$DISPATCHLAB" ] || { echo "error: no binary at $DISPATCHLAB"; exit 1; }

RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/dispatchlab-overload.XXXXXX")
export RUNDIR
cleanup() { stop_all; }
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

for p in $PROXY_PORT "${UAS_PORTS[@]}" $UAC_PORT; do
    udp_bound "$p" && { echo "error: udp port $p is already in use"; exit 1; }
done
curl -s --max-time 1 -o /dev/null "http://$ADMIN/" && { echo "error: something answers on http://$ADMIN"; exit 1; }

# scenario NAME PANIC [MAX_PENDING]: the --config file (destinations + dispatcher sections are what live uses)
scenario() {
    local f=$RUNDIR/$1/scenario.yaml
    cat > "$f" <<YAML
# dispatchlab live --config: only destinations and dispatcher are used by the proxy
name: overload-$1
duration: 1m
algorithms: [round-robin]
destinations:
  - {id: uas1, uri: "sip:127.0.0.1:${UAS_PORTS[0]}", capacity: 10000}
  - {id: uas2, uri: "sip:127.0.0.1:${UAS_PORTS[1]}", capacity: 10000}
  - {id: uas3, uri: "sip:127.0.0.1:${UAS_PORTS[2]}", capacity: 10000}
workload:
  arrivals: {process: poisson, rate: 1/s}
  holding: {dist: deterministic, value: ${HOLD_MS}ms}
dispatcher:
  failover: {when: [timeout, 503], max_attempts: 3, invite_timeout: 1s, mark: ip}
  probing: {mode: 1, interval: 1s, threshold: 2, inactive_threshold: 2, timeout: 1s}
  panic_threshold: $2
  max_pending: ${3:-0}
YAML
    echo "$f"
}

# count NAME REGEX: last-row value of the first -trace_counts column matching REGEX
count() {
    local f
    f=$(ls "$RUNDIR/$1"/*_counts.csv 2>/dev/null | head -1)
    [ -n "$f" ] || { echo 0; return; }
    awk -F';' -v re="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ re) { k = i; break }; next }
        k && NF >= k { v = $k } END { print (v == "" ? 0 : v) + 0 }' "$f"
}
metric() {  # metric FILE NAME-REGEX: sum of the samples of matching metric lines
    awk -v re="$2" '$0 !~ /^#/ && $1 ~ re { s += $NF } END { printf "%d", s + 0 }' "$1" 2>/dev/null
}

ROWS=()
# run NAME RATE SECS PANIC: one rig (3 UAS, proxy, poller, UAC); appends a row to ROWS
run() {
    local name=$1 rate=$2 secs=$3 panic=$4 dir=$RUNDIR/$1 p i
    mkdir -p "$dir"
    local cfg; cfg=$(scenario "$name" "$panic" "${5:-0}")
    local calls=$((rate * secs)) uac_timeout=$((secs + 40))
    local -a uas_pids=()
    for p in "${UAS_PORTS[@]}"; do
        mkdir -p "$dir/uas$p"
        ( cd "$dir/uas$p" && exec sipp -sf "$SIPP_DIR/uas.xml" -i 127.0.0.1 -p "$p" -nostdin \
            -buff_size "$SIPP_BUFF" -timeout "$((uac_timeout + 30))s" -fd 1 -trace_counts -trace_stat -stf stat.csv \
            > out.log 2>&1 ) &
        uas_pids+=($!); STARTED_PIDS+=($!)
    done
    for i in 0 1 2; do wait_udp_bound "${UAS_PORTS[$i]}" "${uas_pids[$i]}" 10 || say "UAS ${UAS_PORTS[$i]} did not bind"; done
    local -a cmd=("$DISPATCHLAB" live --config "$cfg" --set 1 --alg round-robin --listen "udp:127.0.0.1:$PROXY_PORT"
        --admin "$ADMIN" --invite-timeout 1s --probe-interval 1s --probe-threshold 2 --log-level notice --out "$dir/reports")
    echo "${cmd[*]}" > "$dir/proxy.cmd"
    ( cd "$dir" && exec "${cmd[@]}" > proxy.log 2>&1 ) &
    local proxy=$!; STARTED_PIDS+=($proxy)
    local tproxy; tproxy=$(now)
    if ! wait_udp_bound "$PROXY_PORT" "$proxy" 20; then
        say "proxy did not start: $(tail -3 "$dir/proxy.log")"
        for p in "${uas_pids[@]}"; do stop_pid "$p" TERM 3; done
        ROWS+=("$name|$rate|$panic|proxy did not start"); return
    fi
    sleep 2.5    # first probe rounds: all A
    # admin poller: every 0.2 s, "epoch state1 state2 state3 VmRSS_kB" (bounded: secs + uac timeout)
    ( for ((i = 0; i < (uac_timeout + 20) * 5; i++)); do
          s=$(curl -s --max-time 0.5 "http://$ADMIN/destinations" 2>/dev/null |
              jq -r '[.[] | .state] | join(" ")' 2>/dev/null)
          echo "$(date +%s.%N | cut -c1-14) ${s:-? ? ?} $(awk '/VmRSS/ { print $2 }' "/proc/$proxy/status" 2>/dev/null)"
          sleep 0.2
      done > "$dir/states.log" ) &
    local poller=$!; STARTED_PIDS+=($poller)
    mkdir -p "$dir/uac"
    local -a uac=(sipp -sf "$HERE/uac.xml" "127.0.0.1:$PROXY_PORT" -i 127.0.0.1 -p "$UAC_PORT" -nostdin
        -r "$rate" -m "$calls" -d "$HOLD_MS" -timeout "${uac_timeout}s" -recv_timeout 5000 -buff_size "$SIPP_BUFF"
        -fd 1 -trace_stat -stf stat.csv -trace_counts)
    echo "${uac[*]}" > "$dir/uac.cmd"
    local t0; t0=$(now)
    local cpu0; cpu0=$(cpu_ticks "$proxy")
    ( cd "$dir/uac" && exec "${uac[@]}" > out.log 2>&1 ) &
    local uacpid=$!; STARTED_PIDS+=($uacpid)
    wait_exit "$uacpid" $((uac_timeout + 15)) || { say "UAC still running: stopping it"; stop_pid "$uacpid" TERM 5; }
    local wall; wall=$(elapsed "$t0")
    local tend_rel; tend_rel=$(elapsed "$tproxy")
    local cpu; cpu=$(awk -v a="$cpu0" -v b="$(cpu_ticks "$proxy")" -v hz="$CLK_TCK" -v w="$wall" 'BEGIN { printf "%.0f", (b - a) / hz / w * 100 }')
    sleep 1.5    # /metrics counters are exported from the core about once a second
    local hwm; hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$proxy/status" 2>/dev/null)
    curl -s --max-time 2 "http://$ADMIN/metrics" > "$dir/metrics.txt" 2>/dev/null
    curl -s --max-time 2 "http://$ADMIN/destinations" > "$dir/destinations.json" 2>/dev/null
    stop_pid "$poller" TERM 2
    stop_pid "$proxy" TERM 10
    for p in "${uas_pids[@]}"; do kill -USR1 "$p" 2>/dev/null; done
    for p in "${uas_pids[@]}"; do wait_exit "$p" 8 || stop_pid "$p" TERM 3; done

    # the proxy's own state changes (reports/events.csv, t_s from its start): total time with
    # all three destinations I at once, the number of such episodes, and how many marks
    # happened in the first 10 ms of an episode (all marked down together)
    local ev
    ev=$(awk -F, -v tend="$tend_rel" 'NR == 1 { next }
            { t = $3; d = $4; to = substr($6, 1, 1)
              if (!(d in st)) { st[d] = "A"; nd++ }
              st[d] = to; n = 0; for (k in st) if (st[k] == "I") n++
              if (n == 3 && nd == 3 && !in_all) { in_all = 1; start = t; eps++ }
              else if (n < 3 && in_all) { in_all = 0; tot += t - start }
              if ($7 == "call-timeout") marks++ }
            END { if (in_all && tend > start) tot += tend - start
                  printf "%.2f %d %d", tot, eps, marks }' "$dir/reports/events.csv" 2>/dev/null)
    [ -n "$ev" ] || ev="? ? ?"
    local created ok failed n503 n408 n500 completed
    created=$(stat_col "$name/uac" TotalCallCreated)
    ok=$(stat_col "$name/uac" 'SuccessfulCall(C)'); failed=$(stat_col "$name/uac" 'FailedCall(C)')
    n503=$(count "$name/uac" '_503_Recv$'); n408=$(count "$name/uac" '_408_Recv$'); n500=$(count "$name/uac" '_500_Recv$')
    completed=$((ok - n503 - n408 - n500))       # calls that got 200, ACK, BYE, 200
    # all three I at once: samples, longest streak (s), first time (s from the first sample)
    local alli
    alli=$(awk 'NR == 1 { t0 = $1 } NF >= 4 { all = (substr($2,1,1) == "I" && substr($3,1,1) == "I" && substr($4,1,1) == "I")
                if (all) { n++; if (!run) { st = $1; if (first == "") first = $1 - t0 } run = 1; if ($1 - st > best) best = $1 - st }
                else run = 0
                anyi += (substr($2,1,1) == "I") + (substr($3,1,1) == "I") + (substr($4,1,1) == "I") }
                END { printf "%d %.1f %s %d", n, best + (n ? 0.2 : 0), (first == "" ? "-" : sprintf("%.1f", first)), anyi }' "$dir/states.log")
    local mrej mfail mpto
    mrej=$(metric "$dir/metrics.txt" 'outcome="rejected_503"'); mfail=$(metric "$dir/metrics.txt" 'outcome="failed"')
    mpto=$(metric "$dir/metrics.txt" 'dispatcher_probes_total.*result="(timeout|fail)"')
    local achieved; achieved=$(awk -v c="$created" -v s="$secs" 'BEGIN { printf "%.0f", c / s }')
    ROWS+=("$name|$rate|$achieved|$panic|$calls|$created|$completed|$failed|$n503|$n408|$alli|$ev|$mrej|$mfail|$mpto|$((hwm / 1024))|$cpu|$wall")
    printf '  %-12s rate %5s (achieved ~%s cps) panic %-3s: created %s, completed %s, SIPp-failed %s, 503 %s, 408 %s, all-I [samples maxstreak_s first_s anyI] %s, events [all-I s, episodes, call-timeout marks] %s, proxy: rejected_503 %s failed %s probe-failures %s, VmHWM %s MiB, CPU %s %%\n' \
        "$name" "$rate" "$achieved" "$panic" "$created" "$completed" "$failed" "$n503" "$n408" "$alli" "$ev" "$mrej" "$mfail" "$mpto" "$((hwm / 1024))" "$cpu"
    LAST_FAIL_PCT=$(awk -v c="$created" -v k="$completed" -v r="$calls" 'BEGIN { d = (c > 0 ? c : r); printf "%.2f", (d - k) * 100 / d }')
}

echo "dispatchlab: $DISPATCHLAB"
echo "run directory: $RUNDIR"
echo "machine: $(nproc) CPUs, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

MAX=${MAX_RATE:-0}
if [ -z "${SKIP_SWEEP:-}" ]; then
    echo "# sweep: $SWEEP_RATES cps, ${SWEEP_SECS} s each, ${HOLD_MS} ms hold, panic_threshold 0"
    for r in $SWEEP_RATES; do
        run "sweep-$r" "$r" "$SWEEP_SECS" 0
        if awk -v f="$LAST_FAIL_PCT" -v m="$MAX_FAIL_PCT" 'BEGIN { exit !(f <= m) }'; then MAX=$r
        else echo "  failures start at $r cps ($LAST_FAIL_PCT % of calls not completed)"; break; fi
    done
fi
[ "$MAX" -gt 0 ] || MAX=$(echo "$SWEEP_RATES" | awk '{ print $1 }')
OVER=${OVERLOAD_RATE:-$((MAX * 2))}
echo "# max rate without failures: $MAX cps -> overload at $OVER cps for ${OVERLOAD_SECS} s"
run "panic-0" "$OVER" "$OVERLOAD_SECS" 0
run "panic-0.5" "$OVER" "$OVERLOAD_SECS" 0.5
# With MAX_PENDING=N, a third run adds admission control (max_pending: N).
if [ -n "${MAX_PENDING:-}" ]; then run "panic-0.5-pending-$MAX_PENDING" "$OVER" "$OVERLOAD_SECS" 0.5 "$MAX_PENDING"; fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

HDR="| run | target cps | achieved cps | panic_threshold | calls planned | created | completed | failed (SIPp) | 503 at UAC | 408 at UAC | samples all 3 I | longest all-I (s) | first all-I (s) | I-samples (any dest) | all-I time s (events) | all-I episodes | call-timeout marks | proxy 503 no-destination | proxy failed calls | probe failures | peak RSS MiB | proxy CPU % | wall s |"
SEP=$(echo "$HDR" | sed -E 's/[^|]+/---/g')
table() {
    echo "$HDR"; echo "$SEP"
    local r; for r in "${ROWS[@]}"; do echo "| ${r//|/ | } |" | sed -E 's/\| ([0-9]+) ([0-9.]+) ([0-9.-]+) ([0-9]+) \|/| \1 | \2 | \3 | \4 |/; s/\| ([0-9.?]+) ([0-9?]+) ([0-9?]+) \|/| \1 | \2 | \3 |/'; done
}
echo
echo "# summary (poll period 0.2 s; machine load average before: $LOAD_BEFORE, after: $LOAD_AFTER)"
table

if [ "$RESULTS_FILE" != "-" ]; then
    {
        [ -s "$RESULTS_FILE" ] && cat "$RESULTS_FILE" && echo
        [ -s "$RESULTS_FILE" ] || { echo "# Overload / panic threshold results"; echo; echo "Written by \`Tests/Integration/overload/panic.sh\`, one section per run (newest last)."; echo; }
        echo "## Run of $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
        echo
        echo "Host: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo);" \
             "load average before $LOAD_BEFORE, after $LOAD_AFTER (other engineers' SIPp/Kamailio runs share the machine)  "
        echo "Binary: \`$DISPATCHLAB\` ($(stat -c '%y' "$DISPATCHLAB" | cut -d. -f1))  "
        echo "SIPp: $(sipp -v 2>&1 | grep -oE 'v[0-9][^ ,]*' | head -1); script: \`Tests/Integration/overload/panic.sh\`"
        echo
        echo "Max rate without failures (<= ${MAX_FAIL_PCT} % not completed): **$MAX cps**; overload runs at **$OVER cps** for ${OVERLOAD_SECS} s."
        echo
        table
        echo
        echo "Columns: *created* = SIPp TotalCallCreated; *completed* = calls with 200/ACK/BYE/200;"
        echo "*503/408 at UAC* = final answers to the INVITE counted by \`uac.xml\` (-trace_counts);"
        echo "*samples all 3 I* = admin polls (every 0.2 s) where all three destinations were inactive;"
        echo "*all-I time / episodes* = from the proxy's own state-change log (reports/events.csv): total time all three"
        echo "were I at once (an episode still open when the UAC ended is closed there); *call-timeout marks* = AP->IP by failure marking;"
        echo "*proxy CPU %* = the proxy's CPU time / wall time of the UAC run (200 % = both CPUs);"
        echo "*I-samples* = sum over polls of destinations in state I; *proxy 503 no-destination*, *proxy failed calls*,"
        echo "*probe failures* = the proxy's /metrics (sip_calls_total{outcome=rejected_503|failed},"
        echo "dispatcher_probes_total{result=timeout|fail}) scraped when the UAC ended; peak RSS = VmHWM of the proxy."
        echo
        echo "## Commands"
        echo
        echo '```'
        for d in "$RUNDIR"/*/; do
            n=$(basename "$d")
            [ -f "$d/proxy.cmd" ] || continue
            echo "# $n"
            sed "s#$RUNDIR#\$RUNDIR#g" "$d/proxy.cmd"
            sed "s#$RUNDIR#\$RUNDIR#g" "$d/uac.cmd"
        done
        echo "# UAS (x3, ports ${UAS_PORTS[*]}): sipp -sf Tests/Integration/sipp/uas.xml -i 127.0.0.1 -p PORT -nostdin -buff_size $SIPP_BUFF -timeout Ns -fd 1 -trace_counts -trace_stat"
        echo '```'
        echo
        echo "Scenario (--config) of the panic 0.5 run:"
        echo
        echo '```yaml'
        cat "$RUNDIR/panic-0.5/scenario.yaml" 2>/dev/null
        echo '```'
    } > "$RESULTS_FILE.tmp" && mv "$RESULTS_FILE.tmp" "$RESULTS_FILE"
    echo "wrote $RESULTS_FILE"
fi
stop_all
if [ "${KEEP_RUNDIR:-0}" = 1 ]; then echo "run directory kept: $RUNDIR"; else rm -rf "$RUNDIR"; fi
trap - EXIT
