// RequestSender: the client QPS cap (token bucket) and Retry-After retries as client-go
// does them, on a fake clock and a scripted connection.
#include "calibrate/RequestSender.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "FakeClock.hpp"

namespace fleetsim::calibrate {
namespace {

// Answers from a script; each send takes `latency` seconds of the fake clock.
class ScriptedConnection : public Transport::Connection {
 public:
  ScriptedConnection(FakeClock& clock, std::deque<HttpResponse> script, double latency)
      : clock_(clock), script_(std::move(script)), latency_(latency) {}
  HttpResponse send(const HttpRequest&) override {
    sent_at.push_back(clock_.now());
    clock_.advance(latency_);
    if (script_.size() > 1) {
      HttpResponse r = script_.front();
      script_.pop_front();
      return r;
    }
    return script_.front();  // the last answer repeats
  }
  std::vector<double> sent_at;

 private:
  FakeClock& clock_;
  std::deque<HttpResponse> script_;
  double latency_;
};

HttpResponse answer(int status, std::string retry_after = "") {
  HttpResponse r;
  r.status = status;
  r.retry_after = std::move(retry_after);
  return r;
}

const HttpRequest kGet{"GET", "/version", "", ""};

TEST(RequestSender, RetriesA429AfterRetryAfterAndMeasuresTheLastAttempt) {
  FakeClock clock;
  RequestSender s(clock, {0, 10}, [] { return false; });
  ScriptedConnection c(clock, {answer(429, "2"), answer(200)}, 0.01);
  const auto o = s.send(c, kGet);
  EXPECT_EQ(o.response.status, 200);
  EXPECT_EQ(o.retries, 1);
  EXPECT_NEAR(o.seconds, 0.01, 1e-12);
  ASSERT_EQ(c.sent_at.size(), 2u);
  EXPECT_NEAR(c.sent_at[1] - c.sent_at[0], 2.01, 1e-9);  // latency + Retry-After
}

TEST(RequestSender, PersistentRetryAfterStopsAfterMaxRetries) {
  FakeClock clock;
  RequestSender s(clock, {0, 3}, [] { return false; });
  ScriptedConnection c(clock, {answer(429, "1")}, 0);
  const auto o = s.send(c, kGet);
  EXPECT_EQ(o.response.status, 429);
  EXPECT_EQ(o.retries, 3);
  EXPECT_EQ(c.sent_at.size(), 4u);
  EXPECT_EQ(s.throttled_retries(), 3);
}

TEST(RequestSender, RetriesOnlyAnswersWithRetryAfterAsClientGo) {
  FakeClock clock;
  RequestSender s(clock, {0, 10}, [] { return false; });
  ScriptedConnection no_header(clock, {answer(429), answer(200)}, 0);
  EXPECT_EQ(s.send(no_header, kGet).response.status, 429);
  ScriptedConnection server_error(clock, {answer(503, "1"), answer(200)}, 0);
  EXPECT_EQ(s.send(server_error, kGet).response.status, 200);
  ScriptedConnection plain_500(clock, {answer(500), answer(200)}, 0);
  EXPECT_EQ(s.send(plain_500, kGet).response.status, 500);
  ScriptedConnection date(clock, {answer(429, "Wed, 21 Oct 2015 07:28:00 GMT"), answer(200)}, 0);
  EXPECT_EQ(s.send(date, kGet).response.status, 429);
}

TEST(RequestSender, RetryAfterParsing) {
  EXPECT_EQ(RequestSender::retry_after_seconds("0"), 0);
  EXPECT_EQ(RequestSender::retry_after_seconds("17"), 17);
  EXPECT_EQ(RequestSender::retry_after_seconds(""), -1);
  EXPECT_EQ(RequestSender::retry_after_seconds("1.5"), -1);
  EXPECT_EQ(RequestSender::retry_after_seconds("-1"), -1);
}

TEST(RequestSender, QpsCapPacesRequestsAfterTheBurst) {
  // qps 10, burst 10: the first 10 go at once, then one every 0.1 s.
  FakeClock clock;
  RequestSender s(clock, {10, 10}, [] { return false; });
  ScriptedConnection c(clock, {answer(200)}, 0);
  for (int i = 0; i < 30; ++i) s.send(c, kGet);
  EXPECT_DOUBLE_EQ(c.sent_at[9], 0.0);
  EXPECT_NEAR(c.sent_at[10], 0.1, 1e-9);
  EXPECT_NEAR(c.sent_at[29], 2.0, 1e-9);
}

TEST(RequestSender, UnlimitedQpsDoesNotWait) {
  FakeClock clock;
  RequestSender s(clock, {0, 10}, [] { return false; });
  ScriptedConnection c(clock, {answer(200)}, 0);
  for (int i = 0; i < 1000; ++i) s.send(c, kGet);
  EXPECT_DOUBLE_EQ(clock.now(), 0.0);
}

TEST(RequestSender, StopEndsARetryWait) {
  FakeClock clock;
  bool stop = false;
  RequestSender s(clock, {0, 10}, [&] { return stop; });
  ScriptedConnection c(clock, {answer(429, "100")}, 0);
  stop = true;
  const auto o = s.send(c, kGet);
  EXPECT_EQ(o.response.status, 429);
  EXPECT_EQ(c.sent_at.size(), 1u);
  EXPECT_LT(clock.now(), 1.0);
}

}  // namespace
}  // namespace fleetsim::calibrate
