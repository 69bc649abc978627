#!/usr/bin/python3
"""The drain of scenarios/bench/ssi-drain.json in SimPy 2 (Debian's python3-simpy 2.3.1).

usage: ssi_drain_simpy.py [--count N] [--workers N] [--cores N] [--seed N] [--constant]
                          [--cpu S] [--cpu-p99 S] [--get S] [--get-p99 S] [--repeat N]
                          [--final-cpu S] [--write S]

Model (the same as fleetsim's scenario and tests/oracle/ssi_drain_oracle.cpp): `count`
keys are queued at t = 0 in a FIFO workqueue (a deque); `workers` worker processes each
take the head key and reconcile it: `repeat` x (a CPU burst on the host, then a remote
GET), then a final CPU burst of 5 ms, then a hub write of 10 ms; then the next key, until
the queue is empty. The host is a Resource(capacity=cores) with its FIFO wait queue: a
burst waits for a free core, holds it for its duration, then releases it to the longest
waiter. GET and write are plain holds (no concurrency limit). CPU and GET times are
lognormal from (median, p99): mu = ln m, sigma = ln(p99 / m) / 2.3263478740408408;
--constant makes them constant at their median. Times in seconds.

Prints one JSON line: drain_seconds (completion of the last reconcile),
queue_drained_at_seconds (when the last key was taken), wall_seconds (the simulation
only, without interpreter start-up), events (event notices SimPy executed), reconciles.

SimPy 2 is the API of `from SimPy.Simulation import *`; it is installed for the system
Python (/usr/lib/python3/dist-packages), hence /usr/bin/python3 above.
"""
import argparse
import collections
import json
import math
import random
import sys
import time

try:
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request
except ImportError:  # another python3 first on PATH: use the system's SimPy
    sys.path.append("/usr/lib/python3/dist-packages")
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

Z99 = 2.3263478740408408


def sampler(rng, median, p99):
    if p99 <= median:
        return lambda: median
    mu, sigma = math.log(median), math.log(p99 / median) / Z99
    lognormvariate = rng.lognormvariate
    return lambda: lognormvariate(mu, sigma)


class Worker(Process):
    def run(self, m):
        queue, cores, now = m.queue, m.cores, m.sim.now
        cpu, get, repeat = m.cpu, m.get, m.repeat
        final_cpu, write = m.final_cpu, m.write
        while queue:
            queue.popleft()  # the key itself plays no part in the model
            if not queue:
                m.queue_drained_at = now()
            for _ in range(repeat):
                yield request, self, cores
                yield hold, self, cpu()
                yield release, self, cores
                yield hold, self, get()
            yield request, self, cores
            yield hold, self, final_cpu
            yield release, self, cores
            yield hold, self, write
            m.reconciles += 1
            m.drain = now()


class Model:
    def __init__(self, a):
        rng = random.Random(a.seed)
        cpu_p99 = a.cpu if a.constant else a.cpu_p99
        get_p99 = a.get if a.constant else a.get_p99
        self.cpu = sampler(rng, a.cpu, cpu_p99)
        self.get = sampler(rng, a.get, get_p99)
        self.repeat, self.final_cpu, self.write = a.repeat, a.final_cpu, a.write
        self.sim = Simulation()
        self.cores = Resource(capacity=a.cores, name="cores", sim=self.sim)  # FIFO queue
        self.queue = collections.deque(range(a.count))
        self.drain = self.queue_drained_at = 0.0
        self.reconciles = 0
        for i in range(a.workers):
            w = Worker(name=f"worker{i}", sim=self.sim)
            self.sim.activate(w, w.run(self))

    def run(self):
        # Simulation.simulate() without a time limit, counting the event notices.
        step, timestamps, events = self.sim.step, self.sim._timestamps, 0
        while timestamps:
            step()
            events += 1
        return events


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--count", type=int, default=60000)
    p.add_argument("--workers", type=int, default=5)
    p.add_argument("--cores", type=int, default=4)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--constant", action="store_true",
                   help="CPU and GET times constant at their medians")
    p.add_argument("--cpu", type=float, default=0.025, help="CPU burst median (s)")
    p.add_argument("--cpu-p99", type=float, default=0.060, help="CPU burst p99 (s)")
    p.add_argument("--get", type=float, default=0.013, help="remote GET median (s)")
    p.add_argument("--get-p99", type=float, default=0.060, help="remote GET p99 (s)")
    p.add_argument("--repeat", type=int, default=10)
    p.add_argument("--final-cpu", type=float, default=0.005)
    p.add_argument("--write", type=float, default=0.010)
    a = p.parse_args()
    t0 = time.perf_counter()
    m = Model(a)
    events = m.run()
    wall = time.perf_counter() - t0
    print(json.dumps({"drain_seconds": m.drain, "queue_drained_at_seconds": m.queue_drained_at,
                      "wall_seconds": round(wall, 6), "events": events,
                      "reconciles": m.reconciles}))


if __name__ == "__main__":
    main()
