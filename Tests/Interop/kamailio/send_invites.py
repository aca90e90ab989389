#!/usr/bin/env python3
"""Send COUNT deterministic INVITEs to the Kamailio oracle (kamailio-select.cfg)
and print what it selected, one tab-separated line per request:

    i  call-id  from-uri  status  selected  failover(comma-separated)

Inputs come from a seeded LCG (not Python's random), so the same --seed and
--count always give the same Call-IDs and From URIs on any Python version.
`--dry-run` prints the inputs only (status/selected/failover are "-").
One request in flight at a time, no retransmission (a resend would move the
round-robin cursor); a request without a reply within --timeout is status 0.
"""
import argparse
import socket
import sys

MASK = (1 << 64) - 1

USERS = ["alice", "bob", "+15551234567", "carol.d", "", "Dave", "sales-42", "x"]
HOSTS = ["example.com", "Example.COM", "10.1.2.3", "pbx.atlanta.example", "192.0.2.77", "b.example.org"]
PORTS = ["", "", "", ":5060", ":5080", ":15060"]  # ":5060" is written but not hashed
PARAMS = ["", "", ";transport=tcp", ";user=phone"]


def lcg(state):
    return (state * 6364136223846793005 + 1442695040888963407) & MASK


def inputs(seed, count):
    """Yield (call_id, from_uri) for i in 0..count-1."""
    s = lcg(seed & MASK)
    for i in range(count):
        draws = []
        for _ in range(6):
            s = lcg(s)
            draws.append(s >> 33)  # high bits of the LCG are the good ones
        a, b, c, d, e, f = draws
        form = a % 4
        if form == 0:
            cid = "callid-%04d@10.0.%d.%d" % (i, b % 256, c % 256)
        elif form == 1:
            cid = "%08x%08x" % (b, c)
        elif form == 2:
            cid = "%x-%d!~%%Q@host%d.example" % (b, i, c % 50)
        else:
            cid = "%X.%04d" % (c, i)
        user = USERS[b % len(USERS)]
        host = HOSTS[c % len(HOSTS)]
        if d % 7 == 0:
            scheme, port = "sips", [":5061", "", ":5062"][e % 3]
        else:
            scheme, port = "sip", PORTS[e % len(PORTS)]
        uri = "%s:%s%s%s%s" % (scheme, user, "@" if user else "", host, port)
        uri += PARAMS[f % len(PARAMS)]
        yield cid, uri


def invite(port, lport, i, cid, from_uri, args):
    disp = '"Caller %d" ' % i if i % 3 == 0 else ""
    lines = [
        "INVITE sip:svc@127.0.0.1:%d SIP/2.0" % port,
        "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK-dl-%d-%d;rport" % (lport, args.seed, i),
        "Max-Forwards: 70",
        "From: %s<%s>;tag=f%d" % (disp, from_uri, i),
        "To: <sip:svc@127.0.0.1:%d>" % port,
        "Call-ID: %s" % cid,
        "CSeq: 1 INVITE",
        "Contact: <sip:uac@127.0.0.1:%d>" % lport,
        "X-Set: %d" % args.set,
        "X-Alg: %d" % args.alg,
        "X-Limit: %d" % args.limit,
        "Content-Length: 0",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def header(msg, name):
    for line in msg.split("\r\n")[1:]:
        if not line:
            break
        k, _, v = line.partition(":")
        if k.strip().lower() == name.lower():
            return v.strip()
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=5260)
    ap.add_argument("--set", type=int, default=1)
    ap.add_argument("--alg", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=2.0)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    if not 0 < args.count <= 10000:
        ap.error("--count must be 1..10000")

    sock = None
    if not args.dry_run:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(args.timeout)
    lport = sock.getsockname()[1] if sock else 0
    bad = 0
    for i, (cid, from_uri) in enumerate(inputs(args.seed, args.count)):
        status, sel, fo = "-", "-", "-"
        if sock:
            sock.sendto(invite(args.port, lport, i, cid, from_uri, args), (args.host, args.port))
            status = "0"
            for _ in range(5):  # skip stray datagrams; bounded
                try:
                    data = sock.recv(65535).decode("utf-8", "replace")
                except socket.timeout:
                    break
                if header(data, "Call-ID") != cid or not data.startswith("SIP/2.0 "):
                    continue
                status = data.split(" ", 2)[1]
                contact = header(data, "Contact") or "-"
                sel = contact.strip("<>") if contact != "-" else "-"
                fo = header(data, "X-DS-Failover") or "-"
                break
            if status != "302":
                bad += 1
        print("\t".join([str(i), cid, from_uri, status, sel, fo]), flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
