// LiveCalibration against an in-memory API server: the namespace is created labelled, the
// workload touches nothing outside it, and the namespace is deleted after success, after
// every kind of failure and after a stop; a namespace that is not ours is refused.
#include "calibrate/LiveCalibration.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "FakeApiServer.hpp"
#include "FakeClock.hpp"
#include "calibrate/LiveCalibrationError.hpp"
#include "calibrate/TransportError.hpp"

namespace fleetsim::calibrate {
namespace {

const nlohmann::json kOurs = {{"app.kubernetes.io/managed-by", "fleetsim"}};

LiveCalibration::Options options(std::vector<int> levels = {1, 3}, int requests = 10) {
  LiveCalibration::Options o;
  o.workload.levels = std::move(levels);
  o.workload.requests = requests;
  o.workload.object_size = 16;
  o.sender.qps = 0;
  o.sender.max_retries = 3;
  o.cleanup_timeout = 5;
  return o;
}

struct Harness {
  FakeApiServer server;
  FakeClock clock;
  std::ostringstream log;
  std::atomic<bool> stop{false};

  LiveCalibration::Result run(const LiveCalibration::Options& o) {
    LiveCalibration c(
        server, clock, o, [this] { return stop.load(); }, log);
    return c.run();
  }
  // The exit code and message of a failing run.
  std::pair<int, std::string> fail(const LiveCalibration::Options& o) {
    try {
      run(o);
    } catch (const LiveCalibrationError& e) {
      return {e.exit_code(), e.what()};
    }
    return {0, ""};
  }
  bool only_touched(const std::string& ns) {
    for (const auto& l : server.log) {
      const bool ok = l == "GET /version" || l == "POST /api/v1/namespaces" ||
                      l.find(" /api/v1/namespaces/" + ns) != std::string::npos;
      if (!ok) return false;
    }
    return true;
  }
};

TEST(LiveCalibration, MeasuresEveryRowAndLevelThenDeletesItsNamespace) {
  Harness r;
  const auto res = r.run(options());
  EXPECT_EQ(res.server_version, "v1.29.0-fake");
  EXPECT_EQ(res.namespace_name.rfind("fleetsim-calibrate-", 0), 0u);
  EXPECT_EQ(res.namespace_name.size(), std::string("fleetsim-calibrate-").size() + 5);
  for (int level : {1, 3}) {
    EXPECT_EQ(res.measurements.find("GET", level)->seconds.size(), 20u);  // GET + GET of PATCH
    for (const char* row : {"POST", "APPLY", "PATCH", "DELETE"})
      EXPECT_EQ(res.measurements.find(row, level)->seconds.size(), 10u) << row << level;
  }
  EXPECT_TRUE(r.server.namespaces.empty());
  EXPECT_TRUE(r.only_touched(res.namespace_name));
  // The namespace was created with the label.
  EXPECT_GE(r.server.connections.load(), 1 + 1 + 3);
  const auto& log = r.server.log;
  EXPECT_EQ(std::count(log.begin(), log.end(), "DELETE /api/v1/namespaces/" + res.namespace_name),
            1);
}

TEST(LiveCalibration, RefusesANamespaceThatIsNotOursAndTouchesNothing) {
  Harness r;
  r.server.namespaces["prod"] = {{"team", "a"}};
  r.server.configmaps["prod"] = {"precious"};
  auto o = options();
  o.namespace_name = "prod";
  const auto [code, message] = r.fail(o);
  EXPECT_EQ(code, 2);
  EXPECT_NE(message.find("namespace prod exists and is not labelled "
                         "app.kubernetes.io/managed-by=fleetsim"),
            std::string::npos)
      << message;
  EXPECT_EQ(r.server.namespaces.count("prod"), 1u);
  EXPECT_EQ(r.server.configmaps["prod"].count("precious"), 1u);
  for (const auto& l : r.server.log) EXPECT_EQ(l.rfind("GET ", 0), 0u) << l;
}

TEST(LiveCalibration, AdoptsItsOwnLeftoverNamespace) {
  Harness r;
  r.server.namespaces["fleetsim-calibrate-old"] = kOurs;
  auto o = options({1}, 3);
  o.namespace_name = "fleetsim-calibrate-old";
  EXPECT_EQ(r.run(o).namespace_name, "fleetsim-calibrate-old");
  EXPECT_TRUE(r.server.namespaces.empty());
}

TEST(LiveCalibration, ServerErrorStopsAndCleansUp) {
  Harness r;
  r.server.fault = [](const HttpRequest& q) {
    HttpResponse a;
    if (q.method == "POST" && q.target.find("/configmaps") != std::string::npos) {
      a.status = 500;
      a.body = R"({"kind":"Status","message":"etcd is on fire"})";
    }
    return a;
  };
  const auto [code, message] = r.fail(options());
  EXPECT_EQ(code, 1);
  EXPECT_NE(message.find("/configmaps?fieldManager=fleetsim: HTTP 500: etcd is on fire"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("deleted"), std::string::npos) << message;
  EXPECT_TRUE(r.server.namespaces.empty());
}

TEST(LiveCalibration, MaxErrorsToleratesSomeFailures) {
  Harness r;
  int posts = 0;
  r.server.fault = [&posts](const HttpRequest& q) {
    HttpResponse a;
    if (q.method == "POST" && q.target.find("/configmaps") != std::string::npos && ++posts == 3)
      a.status = 500;
    return a;
  };
  auto o = options({1}, 10);
  o.workload.max_errors = 1;
  const auto res = r.run(o);
  EXPECT_EQ(res.measurements.find("POST", 1)->errors, 1);
  EXPECT_EQ(res.measurements.find("POST", 1)->seconds.size(), 9u);
  EXPECT_EQ(res.measurements.find("DELETE", 1)->seconds.size(), 9u);
  EXPECT_TRUE(r.server.namespaces.empty());
}

TEST(LiveCalibration, PersistentThrottlingFailsAfterMaxRetries) {
  Harness r;
  r.server.fault = [](const HttpRequest& q) {
    HttpResponse a;
    if (q.target.find("/configmaps") != std::string::npos) {
      a.status = 429;
      a.retry_after = "1";
    }
    return a;
  };
  const auto [code, message] = r.fail(options());
  EXPECT_EQ(code, 1);
  EXPECT_NE(message.find("HTTP 429 (after 3 Retry-After retries)"), std::string::npos) << message;
  EXPECT_TRUE(r.server.namespaces.empty());
}

TEST(LiveCalibration, MalformedAnswerFails) {
  Harness r;
  r.server.fault = [](const HttpRequest& q) {
    HttpResponse a;
    if (q.method == "GET" && q.target.find("/configmaps/") != std::string::npos) {
      a.status = 200;
      a.body = "{{{ not json";
    }
    return a;
  };
  const auto [code, message] = r.fail(options());
  EXPECT_EQ(code, 1);
  EXPECT_NE(message.find("malformed answer (HTTP 200 with a body that is not JSON)"),
            std::string::npos)
      << message;
  EXPECT_TRUE(r.server.namespaces.empty());
}

TEST(LiveCalibration, TransportErrorFailsAndCleansUp) {
  Harness r;
  int n = 0;
  r.server.fault = [&n](const HttpRequest& q) -> HttpResponse {
    if (q.target.find("/configmaps") != std::string::npos && ++n == 5)
      throw TransportError(TransportError::Kind::kReset, "connection reset by peer");
    return {};
  };
  const auto [code, message] = r.fail(options());
  EXPECT_EQ(code, 1);
  EXPECT_NE(message.find("connection reset by peer"), std::string::npos) << message;
  EXPECT_TRUE(r.server.namespaces.empty());
}

TEST(LiveCalibration, StopEndsTheRunAndCleansUp) {
  Harness r;
  int n = 0;
  r.server.fault = [&](const HttpRequest& q) -> HttpResponse {
    if (q.target.find("/configmaps") != std::string::npos && ++n == 15) r.stop = true;
    return {};
  };
  const auto [code, message] = r.fail(options());
  EXPECT_EQ(code, 130);
  EXPECT_NE(message.find("interrupted; no model written; namespace fleetsim-calibrate-"),
            std::string::npos)
      << message;
  EXPECT_TRUE(r.server.namespaces.empty());
  EXPECT_LT(n, 20);  // stopped issuing
}

TEST(LiveCalibration, CleanupFailureIsReportedWithTheCommandToFinishIt) {
  Harness r;
  r.server.fault = [](const HttpRequest& q) {
    HttpResponse a;
    if (q.method == "DELETE" && q.target.find("/configmaps") == std::string::npos) a.status = 403;
    return a;
  };
  const auto [code, message] = r.fail(options({1}, 2));
  EXPECT_EQ(code, 1);
  EXPECT_NE(message.find("could not delete namespace fleetsim-calibrate-"), std::string::npos);
  EXPECT_NE(message.find("delete it with: kubectl delete namespace fleetsim-calibrate-"),
            std::string::npos)
      << message;
}

TEST(LiveCalibration, DurationCapsEachPhase) {
  // Each request takes 1 s of the fake clock; a 3 s cap allows about 3 per phase.
  Harness r;
  r.server.fault = [&r](const HttpRequest&) {
    r.clock.advance(1);
    return HttpResponse{};
  };
  auto o = options({1}, 100);
  o.workload.duration = 3;
  const auto res = r.run(o);
  EXPECT_EQ(res.measurements.find("POST", 1)->seconds.size(), 3u);
  EXPECT_TRUE(r.server.namespaces.empty());
}

}  // namespace
}  // namespace fleetsim::calibrate
