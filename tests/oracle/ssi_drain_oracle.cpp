// ssi_drain_oracle: the drain of scenarios/bench/ssi-drain.json as a minimal hand-written
// discrete-event loop, the floor for speed comparisons and an independent check of fleetsim.
//
// Model: `count` keys are in a FIFO workqueue at t = 0; `workers` workers each take the
// head key and reconcile it: `repeat` x (CPU burst on the host, then a remote GET), then
// a final CPU burst, then a hub write; then take the next key, until the queue is empty.
// With --arrival-gap G > 0 the keys arrive instead one every G seconds (the first at G,
// times accumulated as t += G), each waking the longest-idle worker through an event at
// the same instant: exactly fleetsim's `constant` source and idle-worker wake-up, so that
// runs with constant distributions can match fleetsim event for event (fleetsim's
// scenario uses rate_per_s 1e9, i.e. G = 1e-9 s).
// The host is a FIFO pool of `cores` cores: a burst waits for a free core, holds it for
// its duration, and on release the core passes straight to the longest waiter (whose
// burst starts at that instant). GET and write have no concurrency limit. CPU and GET
// times are lognormal from (median, p99): mu = ln m, sigma = ln(p99 / m) / z99; p99 ==
// median is a constant.
//
// Engine: a binary heap of (time, seq, worker, kind) ordered by time then insertion
// order; every worker has at most one pending event (plus one for the arrivals), so the
// heap never grows beyond `workers` + 1 entries and nothing is allocated per event.
//
// Output (JSON): drain_seconds = completion time of the last reconcile;
// queue_drained_at_seconds = when the last key was taken from the queue (fleetsim's
// controllers.<name>.queue_drained_at_s); events = heap pops; wall_seconds.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr double kZ99 = 2.3263478740408408;

// xoshiro256** seeded through splitmix64.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& w : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      w = z ^ (z >> 31);
    }
  }
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Marsaglia's polar method; keeps the second variate.
  double standard_normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform01() - 1.0;
      v = 2.0 * uniform01() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t next() {
    const std::uint64_t r = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return r;
  }
  std::uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

struct Dist {
  double median = 0, p99 = 0, mu = 0, sigma = 0;
  bool constant = true;
  void set(double m, double p) {
    median = m;
    p99 = p;
    constant = !(p99 > median);
    mu = std::log(median);
    sigma = constant ? 0 : std::log(p99 / median) / kZ99;
  }
  double sample(Rng& rng) const {
    return constant ? median : std::exp(mu + sigma * rng.standard_normal());
  }
};

struct Options {
  std::uint64_t count = 60000;
  int workers = 5;
  int cores = 4;
  std::uint64_t seed = 1;
  int repeat = 10;
  Dist cpu, get;
  double final_cpu = 0.005;
  double write = 0.010;
  double arrival_gap = 0;  // seconds; 0 = every key queued at t = 0
};

enum Kind : std::uint8_t { kCpuDone, kGetDone, kWriteDone, kArrival, kWake };

struct Event {
  double time;
  std::uint64_t seq;
  std::uint32_t worker;
  Kind kind;
};

// Min-heap order on (time, seq).
struct Later {
  bool operator()(const Event& a, const Event& b) const {
    return a.time > b.time || (a.time == b.time && a.seq > b.seq);
  }
};

struct Worker {
  int step = 0;  // GETs done in the current reconcile
  bool final_cpu = false;
};

struct Result {
  double drain = 0, queue_drained_at = 0;
  std::uint64_t events = 0, reconciles = 0;
};

class Sim {
 public:
  explicit Sim(const Options& o)
      : o_(o), rng_(o.seed), workers_(static_cast<std::size_t>(o.workers)) {
    heap_.reserve(workers_.size() + 2);
    waiting_.resize(workers_.size());
    idle_.resize(workers_.size());
  }

  Result run() {
    if (o_.arrival_gap > 0) {
      for (std::uint32_t w = 0; w < workers_.size(); ++w) idle_[n_idle_++] = w;
      if (o_.count > 0) post(o_.arrival_gap, 0, kArrival);
    } else {
      arrived_ = o_.count;
      for (std::uint32_t w = 0; w < workers_.size(); ++w) take_key(w);
    }
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), Later{});
      const Event e = heap_.back();
      heap_.pop_back();
      now_ = e.time;
      ++r_.events;
      switch (e.kind) {
        case kCpuDone:
          release_core();
          post(now_ + (workers_[e.worker].final_cpu ? o_.write : o_.get.sample(rng_)), e.worker,
               workers_[e.worker].final_cpu ? kWriteDone : kGetDone);
          break;
        case kGetDone: {
          Worker& w = workers_[e.worker];
          if (++w.step < o_.repeat) {
            request_core(e.worker, o_.cpu.sample(rng_));
          } else {
            w.final_cpu = true;
            request_core(e.worker, o_.final_cpu);
          }
          break;
        }
        case kWriteDone:
          ++r_.reconciles;
          r_.drain = now_;
          take_key(e.worker);
          break;
        case kArrival:
          ++arrived_;
          if (n_idle_ > 0) {  // wake the longest-idle worker (it looks at the queue)
            post(now_, idle_[idle_head_], kWake);
            idle_head_ = (idle_head_ + 1) % idle_.size();
            --n_idle_;
          }
          if (arrived_ < o_.count) post(now_ + o_.arrival_gap, 0, kArrival);
          break;
        case kWake:
          take_key(e.worker);
          break;
      }
    }
    return r_;
  }

 private:
  struct Waiter {
    std::uint32_t worker;
    double seconds;
  };

  void post(double t, std::uint32_t w, Kind k) {
    heap_.push_back(Event{t, seq_++, w, k});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
  }

  void take_key(std::uint32_t w) {
    if (taken_ == arrived_) {  // queue empty: the worker waits, last in line
      idle_[(idle_head_ + n_idle_++) % idle_.size()] = w;
      return;
    }
    ++taken_;
    if (taken_ == o_.count) r_.queue_drained_at = now_;
    workers_[w] = Worker{};
    if (o_.repeat > 0) {
      request_core(w, o_.cpu.sample(rng_));
    } else {
      workers_[w].final_cpu = true;
      request_core(w, o_.final_cpu);
    }
  }

  void request_core(std::uint32_t w, double seconds) {
    if (busy_ < o_.cores) {
      ++busy_;
      post(now_ + seconds, w, kCpuDone);
      return;
    }
    waiting_[(head_ + n_waiting_++) % waiting_.size()] = Waiter{w, seconds};
  }

  // The core passes straight to the longest waiter, if any.
  void release_core() {
    if (n_waiting_ > 0) {
      const Waiter x = waiting_[head_];
      head_ = (head_ + 1) % waiting_.size();
      --n_waiting_;
      post(now_ + x.seconds, x.worker, kCpuDone);
      return;
    }
    --busy_;
  }

  const Options& o_;
  Rng rng_;
  std::vector<Worker> workers_;
  std::vector<Event> heap_;
  std::vector<Waiter> waiting_;  // ring buffer: at most one entry per worker
  std::size_t head_ = 0, n_waiting_ = 0;
  std::vector<std::uint32_t> idle_;  // ring buffer of idle workers, longest-idle first
  std::size_t idle_head_ = 0, n_idle_ = 0;
  int busy_ = 0;
  double now_ = 0;
  std::uint64_t seq_ = 0, taken_ = 0, arrived_ = 0;
  Result r_;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "ssi_drain_oracle: %s\n"
               "usage: ssi_drain_oracle [--count N] [--workers N] [--cores N] [--seed N]\n"
               "         [--constant] [--cpu S] [--cpu-p99 S] [--get S] [--get-p99 S]\n"
               "         [--repeat N] [--final-cpu S] [--write S] [--arrival-gap S]\n"
               "  times in seconds; --cpu/--get set the median (default 0.025 / 0.013),\n"
               "  --cpu-p99/--get-p99 the p99 (default 0.060 / 0.060); --constant makes\n"
               "  both constant at their median (p99 = median); --arrival-gap S > 0 queues\n"
               "  one key every S seconds (fleetsim's constant source) instead of all at 0.\n",
               why);
  std::exit(2);
}

double number(const char* s, double lo) {
  char* end = nullptr;
  const double v = std::strtod(s, &end);
  if (end == s || *end != '\0' || !std::isfinite(v) || v < lo) usage("bad number");
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  double cpu_m = 0.025, cpu_p = 0.060, get_m = 0.013, get_p = 0.060;
  bool constant = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--constant") {
      constant = true;
      continue;
    }
    if (i + 1 >= argc) usage("missing value");
    const char* v = argv[++i];
    if (a == "--count") {
      o.count = static_cast<std::uint64_t>(number(v, 0));
    } else if (a == "--workers") {
      o.workers = static_cast<int>(number(v, 1));
    } else if (a == "--cores") {
      o.cores = static_cast<int>(number(v, 1));
    } else if (a == "--seed") {
      o.seed = static_cast<std::uint64_t>(number(v, 0));
    } else if (a == "--repeat") {
      o.repeat = static_cast<int>(number(v, 0));
    } else if (a == "--cpu") {
      cpu_m = number(v, 1e-12);
    } else if (a == "--cpu-p99") {
      cpu_p = number(v, 1e-12);
    } else if (a == "--get") {
      get_m = number(v, 1e-12);
    } else if (a == "--get-p99") {
      get_p = number(v, 1e-12);
    } else if (a == "--final-cpu") {
      o.final_cpu = number(v, 1e-12);
    } else if (a == "--write") {
      o.write = number(v, 1e-12);
    } else if (a == "--arrival-gap") {
      o.arrival_gap = number(v, 0);
    } else {
      usage(("unknown option " + a).c_str());
    }
  }
  if (constant) cpu_p = cpu_m, get_p = get_m;
  if (cpu_p < cpu_m || get_p < get_m) usage("p99 must be >= median");
  o.cpu.set(cpu_m, cpu_p);
  o.get.set(get_m, get_p);

  const auto t0 = std::chrono::steady_clock::now();
  Sim sim(o);
  const Result r = sim.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "{\"drain_seconds\": %.17g, \"queue_drained_at_seconds\": %.17g, \"wall_seconds\": %.6g, "
      "\"events\": %llu, \"reconciles\": %llu}\n",
      r.drain, r.queue_drained_at, wall, static_cast<unsigned long long>(r.events),
      static_cast<unsigned long long>(r.reconciles));
  return 0;
}
