#!/usr/bin/env bash
# Regenerate expected-kamailio.txt: Kamailio's own answers (dispatcher.hash,
# dispatcher.list index order, ds_select_dst for algs 0/1/4 on select.list)
# for the fixed, seeded inputs of send_invites.py. Needs kamailio, kamcmd, python3.
# Usage: Tests/Interop/kamailio/record-expected.sh [OUTFILE]
set -u -o pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/oracle.sh"
OUT=${1:-$HERE/expected-kamailio.txt}
oracle_available || { echo "kamailio/kamcmd/python3 not found" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dispatchlab-rec.XXXXXX") || exit 1
trap 'oracle_stop; rm -rf "$WORK"' EXIT
oracle_start || exit 1
oracle_collect "$WORK" || { echo "some INVITEs got no 302 reply" >&2; exit 1; }
oracle_fixture "$WORK" > "$WORK/fixture.txt" || exit 1
if grep -q -e ERROR -e STATUS- -e NONE -e '?sip' "$WORK/fixture.txt"; then
  echo "Kamailio gave errors or unexpected replies:" >&2
  grep -m 5 -e ERROR -e STATUS- -e NONE -e '?sip' "$WORK/fixture.txt" >&2
  exit 1
fi
cp "$WORK/fixture.txt" "$OUT"
echo "wrote $OUT: $(grep -c '^hash' "$OUT") hash vectors, $(grep -c '^sel' "$OUT") inputs x algs 0+1, $(grep -c '^rr' "$OUT") round-robin steps"
