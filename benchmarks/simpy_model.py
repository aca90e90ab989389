#!/usr/bin/env python3
"""The SimBench reference model written in SimPy, to compare speeds.

This is the model that `Benchmarks/SimBench/main.swift` runs on the Swift
simulator, written the way a typical SimPy user would write it: one process
for the arrivals, one per call, one for the prober (plus one per probe), and a
`simpy.Resource` for each destination's channels.

- 6 destinations x 100 channels; Poisson arrivals at 4.5 calls/s; exponential
  holding times with a 120 s mean; a deterministic 0.1 s answer delay. A call
  seizes a channel when its INVITE arrives and frees it at hangup; an INVITE
  that finds every channel busy gets 486 after the answer delay.
- Destination 2 (index 1) is down from 20,005 s to 30,005 s: silent, no reply
  to INVITEs or to OPTIONS.
- OPTIONS to every destination every 10 s (first round at 10 s); a probe with
  no reply in 4 s fails; one failure makes a destination inactive, one success
  makes it active again (probing and inactive thresholds of 1). A healthy
  destination answers a probe in 5 ms.
- INVITE timeout 4 s; failover on 486 or on timeout to the next candidate, at
  most 3 attempts; then the call is blocked.
- round-robin (Kamailio's algorithm 4: a cursor, inactive entries skipped, the
  failover list is the following active indexes with wrap-around) and
  call-load (algorithm 10: fewest active calls among active destinations, ties
  to the lowest index, failover list as above from the selected one). The
  active-call count is the dispatcher's: a call counts on a destination from
  its INVITE until it fails over, gives up or hangs up.

As in the Swift simulator, a destination decides its answer when the INVITE
(or OPTIONS) is sent, and only what really happens is scheduled: a reply after
the answer delay, or the timeout when the destination is silent. A SimPy user
could instead race the reply against a timer (`yield reply | env.timeout(4)`);
that adds an event and a condition per attempt and is slower still, so the
figures here are, if anything, kind to SimPy.

Blocking versus the Swift run: the model is the same but the random numbers
are not (Python's Mersenne Twister and `expovariate` here, the simulator's own
seeded streams there), so the figures agree only within sampling noise. Almost
all blocking comes from the outage (500 channels for 540 Erlangs), so it
depends on how much of the run the outage covers: about 0.005 for 1,000,000
calls (222,222 s, outage 4.5% of it) but about 0.010 for 100,000 calls
(22,222 s, and the run ends 2,217 s into the outage). Compare at the same
number of calls: `sim-bench 100000` against `--calls 100000`. Measured:
100,000 calls, Swift 0.0102 / 0.0097 (round-robin / call-load), SimPy seeds
1-3 0.0096-0.0109 / 0.0093-0.0104; 1,000,000 calls, Swift 0.0054 / 0.0048,
SimPy seeds 1-4 0.0052-0.0059 / 0.0046-0.0054. Call-load blocks a little
less than round-robin in both, as it fills the 600 channels as one pool.

Usage: simpy_model.py [--calls N] [--algorithm round-robin|call-load|both] [--seed S]
"""

import argparse
import random
import sys
import time

import simpy

DESTINATIONS = 6
CHANNELS = 100
RATE = 4.5                 # calls/s
MEAN_HOLDING = 120.0       # s
ANSWER_DELAY = 0.1         # s
INVITE_TIMEOUT = 4.0       # s
MAX_ATTEMPTS = 3
PING_INTERVAL = 10.0       # s
PING_TIMEOUT = 4.0         # s
PROBE_RTT = 0.005          # s
DOWN_INDEX = 1             # destination 2
DOWN_START = 20_005.0      # s
DOWN_END = 30_005.0        # s


class Stats:
    def __init__(self):
        self.offered = 0
        self.answered = 0
        self.blocked = 0


class Destination:
    def __init__(self, env, index):
        self.env = env
        self.index = index
        self.name = f"gw{index + 1}"
        self.channels = simpy.Resource(env, capacity=CHANNELS)
        self.active = True          # the dispatcher's view (probing)
        self.load = 0               # the dispatcher's active calls (call-load)
        self.probe_pending = False

    def is_down(self):
        return self.index == DOWN_INDEX and DOWN_START <= self.env.now < DOWN_END


class Dispatcher:
    def __init__(self, env, algorithm):
        self.env = env
        self.algorithm = algorithm
        self.destinations = [Destination(env, i) for i in range(DESTINATIONS)]
        self.last = 0               # round-robin cursor

    def failover_order(self, selected):
        """The selected destination, then the following active ones, wrapping around."""
        n = len(self.destinations)
        order = [self.destinations[selected]]
        for k in range(1, n):
            d = self.destinations[(selected + k) % n]
            if d.active:
                order.append(d)
        return order

    def select(self):
        """The candidates in failover order; empty when nothing can take the call."""
        if self.algorithm == "round-robin":
            n = len(self.destinations)
            start = i = self.last
            while not self.destinations[i].active:
                i = (i + 1) % n
                if i == start:
                    self.last = (start + 1) % n
                    return []
            self.last = (i + 1) % n
            return self.failover_order(i)
        active = [d for d in self.destinations if d.active]
        if not active:
            return []
        best = min(active, key=lambda d: d.load)   # first minimum: lowest index
        return self.failover_order(best.index)


def arrivals(env, dispatcher, stats):
    while True:
        yield env.timeout(random.expovariate(RATE))
        holding = random.expovariate(1.0 / MEAN_HOLDING)
        env.process(call(env, dispatcher, holding, stats))


def call(env, dispatcher, holding, stats):
    stats.offered += 1
    for dest in dispatcher.select()[:MAX_ATTEMPTS]:
        dest.load += 1
        if dest.is_down():
            yield env.timeout(INVITE_TIMEOUT)       # no reply: the proxy gives up on it
            dest.load -= 1
            continue
        if dest.channels.count >= dest.channels.capacity:
            yield env.timeout(ANSWER_DELAY)         # 486 Busy Here
            dest.load -= 1
            continue
        with dest.channels.request() as channel:
            yield channel                           # free: granted at once
            yield env.timeout(ANSWER_DELAY)         # 200 OK
            stats.answered += 1
            yield env.timeout(holding)              # BYE
        dest.load -= 1
        return
    stats.blocked += 1


def prober(env, dispatcher):
    while True:
        yield env.timeout(PING_INTERVAL)
        for dest in dispatcher.destinations:
            if not dest.probe_pending:
                env.process(probe(env, dest))


def probe(env, dest):
    dest.probe_pending = True
    if dest.is_down():
        yield env.timeout(PING_TIMEOUT)             # lost: the probe times out
        dest.active = False                         # one failure: inactive
    else:
        yield env.timeout(PROBE_RTT)                # 200 OK
        dest.active = True                          # one success: active
    dest.probe_pending = False


def run(algorithm, calls, seed):
    """One replication; returns (offered, wall seconds, blocking)."""
    started = time.perf_counter()
    random.seed(seed)        # the same arrivals and holding times for every algorithm
    env = simpy.Environment()
    dispatcher = Dispatcher(env, algorithm)
    stats = Stats()
    env.process(arrivals(env, dispatcher, stats))
    env.process(prober(env, dispatcher))
    env.run(until=calls / RATE)
    seconds = time.perf_counter() - started
    blocking = stats.blocked / stats.offered if stats.offered else 0.0
    return stats.offered, seconds, blocking


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=float, default=100_000,
                        help="calls per algorithm: the run lasts calls / 4.5 s (default 100000)")
    parser.add_argument("--algorithm", choices=["round-robin", "call-load", "both"], default="both")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    algorithms = ["round-robin", "call-load"] if args.algorithm == "both" else [args.algorithm]
    total_calls, total_seconds = 0, 0.0
    for algorithm in algorithms:
        offered, seconds, blocking = run(algorithm, args.calls, args.seed)
        total_calls += offered
        total_seconds += seconds
        print(f"{algorithm} {offered} calls in {seconds:.3f} s = {offered / seconds:.0f} calls/s "
              f"(blocking {blocking:.4f})", flush=True)
    if len(algorithms) > 1:
        print(f"overall {total_calls} calls in {total_seconds:.3f} s = "
              f"{total_calls / total_seconds:.0f} calls/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
