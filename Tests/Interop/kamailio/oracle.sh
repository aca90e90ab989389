# Kamailio oracle helpers, sourced by ../kamailio-select.sh and record-expected.sh.
# Starts one Kamailio (kamailio-select.cfg) in its own temp dir, remembers its
# PID and stops it by that PID only. Every wait loop is bounded.

ORACLE_DIR=${ORACLE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
ORACLE_LIST=${ORACLE_LIST:-$ORACLE_DIR/select.list}
ORACLE_COUNT=${ORACLE_COUNT:-200}   # INVITEs per (set, alg)
ORACLE_SEED=${ORACLE_SEED:-1}
ORACLE_RUNS="1:0:0 1:1:0 1:4:0 2:0:3 2:1:3 2:4:3"   # set:alg:limit (0 = no limit)
KAMAILIO=${KAMAILIO:-$(command -v kamailio || echo /usr/sbin/kamailio)}
KAMCMD=${KAMCMD:-$(command -v kamcmd || echo /usr/sbin/kamcmd)}
KAM_PID= KAM_TMP= KAM_PORT= KAM_CTL=

# hash vectors: nkeys|key1|key2|hashid (unsigned). The first seven are the reference
# doc's (section G); "123" and "" (empty key -> 0 -> 1) were recorded from 5.6.3 here.
HASH_SLOTS=4
HASH_VECTORS='1|x||119
1|abc||7167810
1|abcd||1834959896
1|callid-0001@10.0.0.1||1823044215
1|a84b4c76e66710@pc33.atlanta.com||2175018094
2|alice|example.com|1442294598
1|héllo-ü||2906182631
1|123||3611919
1|||1'

oracle_available() { [ -x "$KAMAILIO" ] && [ -x "$KAMCMD" ] && command -v python3 >/dev/null; }

oracle_mpath() {
  local d
  for d in /usr/lib/*/kamailio/modules /usr/lib/kamailio/modules /usr/lib64/kamailio/modules \
           /usr/local/lib/kamailio/modules /usr/local/lib64/kamailio/modules; do
    [ -f "$d/dispatcher.so" ] && { echo "$d/"; return 0; }
  done
  return 1
}

udp_port_free() { python3 -c 'import socket,sys;socket.socket(2,2).bind(("127.0.0.1",int(sys.argv[1])))' "$1" 2>/dev/null; }

kam_rpc() { "$KAMCMD" -s "$KAM_CTL" "$@" < /dev/null; }

# oracle_start: sets KAM_PID KAM_TMP KAM_PORT KAM_CTL; returns 1 on failure
oracle_start() {
  local mpath p i
  mpath=$(oracle_mpath) || { echo "kamailio dispatcher.so not found" >&2; return 1; }
  KAM_TMP=$(mktemp -d "${TMPDIR:-/tmp}/dispatchlab-kam.XXXXXX") || return 1
  KAM_CTL="unix:$KAM_TMP/kamailio_ctl"
  for ((p = ${ORACLE_PORT:-5260}; p < ${ORACLE_PORT:-5260} + 40; p++)); do
    udp_port_free "$p" && { KAM_PORT=$p; break; }
  done
  [ -n "$KAM_PORT" ] || { echo "no free UDP port near ${ORACLE_PORT:-5260}" >&2; return 1; }
  "$KAMAILIO" -f "$ORACLE_DIR/kamailio-select.cfg" -DD -E -Y "$KAM_TMP" -P "$KAM_TMP/kamailio.pid" \
    -m 32 -M 8 -A "PORT=$KAM_PORT" -A "MPATH=\"$mpath\"" -A "DSLIST=\"$ORACLE_LIST\"" \
    -A "CTLSOCK=\"$KAM_CTL\"" > "$KAM_TMP/kamailio.log" 2>&1 < /dev/null &
  KAM_PID=$!
  for ((i = 0; i < 100; i++)); do   # up to 10 s for the ctl socket and the UDP port
    if ! kill -0 "$KAM_PID" 2>/dev/null; then
      echo "kamailio exited at startup:" >&2; tail -n 20 "$KAM_TMP/kamailio.log" >&2; KAM_PID=; return 1
    fi
    if kam_rpc core.uptime >/dev/null 2>&1 && ! udp_port_free "$KAM_PORT"; then return 0; fi
    sleep 0.1
  done
  echo "kamailio did not come up within 10 s" >&2
  return 1
}

# oracle_stop: TERM the main PID, wait up to 5 s, then KILL it and its children by PID
oracle_stop() {
  local i kids
  if [ -n "$KAM_PID" ] && kill -0 "$KAM_PID" 2>/dev/null; then
    kids=$(ps -o pid= --ppid "$KAM_PID" 2>/dev/null)
    kill -TERM "$KAM_PID" 2>/dev/null
    for ((i = 0; i < 50; i++)); do kill -0 "$KAM_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$KAM_PID" 2>/dev/null; then
      for i in "$KAM_PID" $kids; do kill -KILL "$i" 2>/dev/null; done
    fi
    wait "$KAM_PID" 2>/dev/null
  fi
  KAM_PID=
  [ -n "$KAM_TMP" ] && [ -d "$KAM_TMP" ] && rm -rf "$KAM_TMP"
  KAM_TMP=
}

# kam_hash NKEYS KEY1 KEY2 -> "hashid(unsigned) slot"
kam_hash() {
  local args=("s:$2")
  [ "$1" = 2 ] && args+=("s:$3")
  kam_rpc dispatcher.hash "$HASH_SLOTS" "${args[@]}" |
    awk '$1 == "hashid:" { h = $2 < 0 ? $2 + 4294967296 : $2 } $1 == "slot:" { s = $2 }
         END { if (h == "") exit 1; printf "%.0f %s\n", h, s }'
}

# oracle_collect DIR: one send_invites.py run per ORACLE_RUNS entry into
# DIR/run-SET-ALG-LIMIT.tsv (i, call-id, from, status, selected, failover URIs).
# Round robin runs first on a fresh Kamailio, so each set's cursor starts at 0.
oracle_collect() {
  local run set alg limit rc=0
  for run in $(tr ' ' '\n' <<< "$ORACLE_RUNS" | sort -t: -k2,2nr -s); do
    IFS=: read -r set alg limit <<< "$run"
    python3 "$ORACLE_DIR/send_invites.py" --port "$KAM_PORT" --set "$set" --alg "$alg" --limit "$limit" \
      --count "$ORACLE_COUNT" --seed "$ORACLE_SEED" > "$1/run-$set-$alg-$limit.tsv" || rc=1
  done
  return $rc
}

# oracle_fixture DIR: the expected-kamailio.txt text, from the running Kamailio
# (hash RPC, dispatcher.list) and from oracle_collect's files in DIR.
oracle_fixture() {
  local n k1 k2 exp hs set limit tab=$'\t'
  cat <<HDR
# Kamailio dispatcher answers, written by Tests/Interop/kamailio/record-expected.sh; do not edit.
# $("$KAMAILIO" -v 2>/dev/null | head -n 1 | sed 's/^version: //'); list select.list; seed $ORACLE_SEED, $ORACLE_COUNT INVITEs per run
# Tab-separated. Destinations are Kamailio indexes: see the index rows (dispatcher.list order).
# A failover list is the _dsdst_ XAVP order, selected destination first; limit 0 = no limit.
# hash	nslots	nkeys	key1	key2	hashid(unsigned)	slot	(dispatcher.hash RPC)
HDR
  while IFS='|' read -r n k1 k2 exp; do
    hs=$(kam_hash "$n" "$k1" "$k2") || hs="ERROR ERROR"
    printf 'hash\t%s\t%s\t%s\t%s\t%s\t%s\n' "$HASH_SLOTS" "$n" "$k1" "$k2" ${hs}
  done <<< "$HASH_VECTORS"
  echo "# index	set	idx	uri	flags	priority"
  kam_rpc dispatcher.list | awk '
    $1 == "ID:" { set = $2; i = 0 }
    $1 == "URI:" { uri = $2 }  $1 == "FLAGS:" { fl = $2 }
    $1 == "PRIORITY:" { printf "index\t%s\t%d\t%s\t%s\t%s\n", set, i++, uri, fl, $2 }' |
    sort -t "$tab" -k2,2n -k3,3n | tee "$1/index.tsv"
  echo "# sel	set	limit	i	call-id	from-uri	alg0-failover	alg1-failover	(ds_select_dst per input)"
  echo "# rr	set	limit	i	alg4-failover	(consecutive selections from a fresh start)"
  for set in $(cut -f2 "$1/index.tsv" | sort -un); do
    limit=$(grep -o "run-$set-0-[0-9]*" <<< "$(ls "$1")" | head -n 1); limit=${limit##*-}
    awk -F'\t' -v s="$set" -v l="$limit" -v d="$1" -f - <<'AWK'
function idx(uris,   a, k, out) {
  if (uris == "" || uris == "-") return "NONE"
  n = split(uris, a, ",")
  for (k = 1; k <= n; k++) out = out (k > 1 ? "," : "") ((s SUBSEP a[k]) in ix ? ix[s, a[k]] : "?" a[k])
  return out
}
BEGIN {
  OFS = "\t"
  while ((getline line < (d "/index.tsv")) > 0) { split(line, f, "\t"); ix[f[2], f[4]] = f[3] }
  while ((getline line < (d "/run-" s "-1-" l ".tsv")) > 0) { split(line, f, "\t"); a1[f[1]] = (f[4] == "302" ? idx(f[6]) : "STATUS-" f[4]) }
  while ((getline line < (d "/run-" s "-0-" l ".tsv")) > 0) {
    split(line, f, "\t")
    print "sel", s, l, f[1], f[2], f[3], (f[4] == "302" ? idx(f[6]) : "STATUS-" f[4]), a1[f[1]]
  }
  while ((getline line < (d "/run-" s "-4-" l ".tsv")) > 0) {
    split(line, f, "\t"); print "rr", s, l, f[1], (f[4] == "302" ? idx(f[6]) : "STATUS-" f[4])
  }
}
AWK
  done
}
