#!/usr/bin/env python3
"""Who used the CPU in a constant-rate run's bad seconds.

    python3 bench/bursts.py SERVICE_PID MARK SERIES OUT [MAX_SECONDS=600]

Samples, every 100 ms from when MARK.start appears until MARK.end does (bench/ConstantRate.java
creates both around its recorded seconds), the CPU time of every thread of the service (by thread
name, digits dropped: "vert.x-eventloop-thread-", "C2 CompilerThread", "GC Thread#"), of every other
Java process's threads (the load generator, prefixed "other java:"), of PostgreSQL and of Redis, from
/proc. Then, for each recorded second of SERIES (the generator's per-second p99, second 0 = MARK.start)
whose p99 exceeds 20 ms, prints the top consumers of that second in ms of CPU, beside the run's
average second. Bounded: gives up when MARK.start is not there within 60 s, and stops sampling after
MAX_SECONDS even without MARK.end (a generator that died). On two shared cores a second is slow when something outside the decisions takes a core
(a JIT compilation burst, an autovacuum, the generator's own work): this names it. Raw samples in OUT.
"""
import collections
import os
import re
import sys
import time

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def ticks(stat):
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def threads(pid, prefix, into):
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue
        name = re.sub(r"[-#]?\d+$", "", stat[stat.index("(") + 1:stat.rindex(")")])
        into[prefix + name] += ticks(stat)


def sample(service):
    groups = collections.Counter()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            comm = open(f"/proc/{pid}/comm").read().strip()
            if pid == service:
                threads(pid, "service: ", groups)
            elif comm == "java":
                threads(pid, "other java: ", groups)
            elif comm == "postgres":
                groups["postgres"] += ticks(open(f"/proc/{pid}/stat").read())
            elif comm.startswith("redis"):
                groups["redis"] += ticks(open(f"/proc/{pid}/stat").read())
        except OSError:
            continue
    return groups


def main(service, mark, series, out, longest="600"):
    waited = time.time()
    while not os.path.exists(mark + ".start"):
        if time.time() - waited > 60:
            sys.exit("bursts: no " + mark + ".start within 60 s")
        time.sleep(0.02)
    start = os.path.getmtime(mark + ".start")
    rows = []
    previous = sample(service)
    while not os.path.exists(mark + ".end") and time.time() - start < float(longest):
        time.sleep(0.1)
        current = sample(service)
        rows.append((time.time(), {k: current[k] - previous.get(k, 0) for k in current if current[k] > previous.get(k, 0)}))
        previous = current
    with open(out, "w") as file:
        for at, used in rows:
            file.write(f"{at - start:.2f} " + " ".join(f"{k.replace(' ', '_')}={v * TICK_MS:.0f}ms" for k, v in sorted(used.items(), key=lambda x: -x[1])) + "\n")
    for _ in range(100):  # the generator writes its series after the end mark
        if os.path.exists(series) and os.path.getmtime(series) >= start:
            break
        time.sleep(0.1)
    else:
        sys.exit("bursts: the generator wrote no series " + series)
    per_second = collections.defaultdict(collections.Counter)
    for at, used in rows:
        per_second[int(at - start)].update(used)
    seconds = max(1, len(per_second))
    average = collections.Counter()
    for used in per_second.values():
        average.update(used)
    print("CPU per second, run average (ms): " + ", ".join(f"{k} {v * TICK_MS / seconds:.0f}" for k, v in average.most_common(6)))
    bad = 0
    for line in open(series).read().splitlines()[1:]:
        second, _, p99, _ = line.split(",")
        if float(p99) > 20:
            bad += 1
            used = per_second.get(int(second), collections.Counter())
            print(f"second {second} p99 {p99} ms: " + ", ".join(f"{k} {v * TICK_MS:.0f}" for k, v in used.most_common(6)))
    if not bad:
        print("no second with a p99 over 20 ms")


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    main(*sys.argv[1:])
