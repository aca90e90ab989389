# Shell helpers for Tests/Integration/live-sipp.sh and
# benchmarks/live/live-vs-kamailio.sh (sourced, not run).
#
# Every process started through these helpers is remembered in STARTED_PIDS and
# ended by that PID (never by name). Every wait is bounded.
# The caller sets RUNDIR (a scratch directory) before using them.

SIPP_DIR=${SIPP_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
STARTED_PIDS=()
SIPP_BUFF=${SIPP_BUFF:-1048576}

say() { echo "[$(date +%H:%M:%S)] $*" >&2; }
now() { date +%s.%N; }
# elapsed FROM [TO]: seconds with 2 decimals
elapsed() { awk -v a="$1" -v b="${2:-$(now)}" 'BEGIN { printf "%.2f", b - a }'; }
# le A B: true when A <= B (decimals)
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

# udp_bound PORT: something listens on 127.0.0.1/0.0.0.0 UDP PORT (reads /proc, no ss needed)
udp_bound() {
    local hex
    hex=$(printf '%04X' "$1")
    awk -v p=":$hex" 'NR > 1 && substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' /proc/net/udp
}

# wait_udp_bound PORT PID MAX_S: until PORT is bound; fails early if PID died
wait_udp_bound() {
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        udp_bound "$1" && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# wait_exit PID MAX_S: wait (without a signal) for PID to exit; 1 if it is still alive
wait_exit() {
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        kill -0 "$1" 2>/dev/null || { wait "$1" 2>/dev/null; return 0; }
        sleep 0.1
    done
    return 1
}

# tree PID: PID and all its descendants (from /proc, via ps --ppid)
tree() {
    local c
    echo "$1"
    for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do tree "$c"; done
}

# stop_pid PID [SIGNAL] [MAX_S]: signal, wait, then SIGKILL the PID and every descendant
stop_pid() {
    local pid=$1 sig=${2:-TERM} max=${3:-5} t p
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    t=$(tree "$pid")
    kill "-$sig" "$pid" 2>/dev/null
    if ! wait_exit "$pid" "$max"; then
        say "pid $pid survived SIG$sig for ${max}s: SIGKILL to $(echo $t)"
        for p in $t; do kill -KILL "$p" 2>/dev/null; done
        wait_exit "$pid" 2
    fi
    # kamailio's workers exit with their parent; make sure none is left behind
    for p in $t; do [ "$p" = "$pid" ] || { kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null; }; done
    return 0
}

stop_all() {
    local p
    for p in "${STARTED_PIDS[@]}"; do stop_pid "$p" TERM 5; done
}

# all_stopped: every PID started is gone
all_stopped() {
    local p
    for p in "${STARTED_PIDS[@]}"; do kill -0 "$p" 2>/dev/null && return 1; done
    return 0
}

# start_uas PORT NAME TIMEOUT_S: SIPp UAS in $RUNDIR/NAME; sets LAST_PID
start_uas() {
    local port=$1 dir=$RUNDIR/$2
    mkdir -p "$dir"
    ( cd "$dir" && exec sipp -sf "$SIPP_DIR/uas.xml" -i 127.0.0.1 -p "$port" -nostdin \
        -buff_size "$SIPP_BUFF" -timeout "$3s" -fd 1 -trace_counts -trace_stat -stf stat.csv \
        -trace_screen -screen_file screen.txt > out.log 2>&1 ) &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
    echo "$LAST_PID" > "$dir/pid"
}

# start_uac NAME RATE CALLS HOLD_MS TIMEOUT_S: SIPp UAC in $RUNDIR/NAME; sets LAST_PID
start_uac() {
    local dir=$RUNDIR/$1
    mkdir -p "$dir"
    ( cd "$dir" && exec sipp -sf "$SIPP_DIR/uac.xml" 127.0.0.1:5060 -i 127.0.0.1 -p 5070 -nostdin \
        -r "$2" -m "$3" -d "$4" -timeout "$5s" -recv_timeout 10000 -buff_size "$SIPP_BUFF" \
        -fd 1 -trace_stat -stf stat.csv -trace_counts -trace_screen -screen_file screen.txt \
        > out.log 2>&1 ) &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
    echo "$LAST_PID" > "$dir/pid"
}

# stat_col NAME COLUMN: COLUMN of the last row of $RUNDIR/NAME/stat.csv (SIPp -trace_stat)
stat_col() {
    awk -F';' -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
        k && NF >= k { v = $k } END { print (v == "" ? 0 : v) + 0 }' "$RUNDIR/$1/stat.csv" 2>/dev/null || echo 0
}

# count_col NAME SUFFIX: cumulative count (last row) of the -trace_counts column ending in
# SUFFIX, e.g. _INVITE_Recv (calls dispatched to a UAS) or _OPTIONS_Recv (probes answered)
count_col() {
    local f
    f=$(ls "$RUNDIR/$1"/*_counts.csv 2>/dev/null | head -1)
    [ -n "$f" ] || { echo 0; return; }
    awk -F';' -v s="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if (substr($i, length($i) - length(s) + 1) == s) k = i; next }
        k && NF >= k { v = $k } END { print (v == "" ? 0 : v) + 0 }' "$f"
}

# cpu_ticks PID: utime+stime+cutime+cstime summed over PID and its descendant processes.
# /proc/P/stat already adds up every thread of P (including threads that have exited,
# which a sum over /proc/P/task/*/stat would miss); kamailio's workers are child processes.
cpu_ticks() {
    local p s f sum=0
    for p in $(tree "$1"); do
        s=$(cat "/proc/$p/stat" 2>/dev/null) || continue
        s=${s##*) }               # drop "pid (comm) ", comm may contain spaces
        read -r -a f <<< "$s"     # f[0] is field 3 (state): utime..cstime = fields 14..17
        sum=$((sum + f[11] + f[12] + f[13] + f[14]))
    done
    echo "$sum"
}
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)

# --- test bookkeeping shared by the integration tests ------------------------
PASSED=0
FAILED=0
# check "description" COMMAND...: counts and prints one test result.
check() {
    local what=$1; shift
    if "$@"; then PASSED=$((PASSED + 1)); echo "ok   - $what"
    else FAILED=$((FAILED + 1)); echo "FAIL - $what"; fi
}
# Ends every process by PID, checks that, prints "N passed, M failed" and exits.
finish() {
    stop_all
    check "every process started was ended by PID" all_stopped
    if [ "$FAILED" -gt 0 ] || [ "${KEEP_RUNDIR:-0}" = 1 ]; then
        echo "run directory kept: $RUNDIR"
    else
        rm -rf "$RUNDIR"
    fi
    echo "$PASSED passed, $FAILED failed"
    trap - EXIT
    [ "$FAILED" -eq 0 ]
    exit
}
