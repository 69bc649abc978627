// SpokeApi::handle on arbitrary input: never throws, never 500, always a well-formed answer.
// A deterministic stand-in for the libFuzzer target issue #10 asks for.
#include <gtest/gtest.h>

#include "SpokeTestClient.hpp"

using namespace fleetsim::spoke;
using namespace fleetsim::spoke::test;

namespace {

std::string pick(fleetsim::engine::RandomStream& r, const std::vector<std::string>& v) {
  return v[r.below(v.size())];
}

std::string mutate(fleetsim::engine::RandomStream& r, std::string s) {
  const int edits = static_cast<int>(r.below(4));
  for (int i = 0; i < edits && !s.empty(); ++i) {
    const auto at = r.below(s.size());
    switch (r.below(3)) {
      case 0:
        s[at] = static_cast<char>(r.below(256));
        break;
      case 1:
        s.erase(at, 1 + r.below(8));
        break;
      default:
        s.insert(at, 1, "{}[]\":,%$\\0"[r.below(11)]);
    }
  }
  return s;
}

}  // namespace

TEST(SpokeRobustnessTest, ArbitraryRequestsGetWellFormedAnswers) {
  SpokeTestClient c;
  c.create_ns("ns1");
  c.create_cm("ns1", SpokeTestClient::config_map("a", {{"k", "v"}}));
  fleetsim::engine::RandomStream r(42, "robustness");
  const std::vector<std::string> methods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "FOO"};
  const std::vector<std::string> targets{
      "/api/v1/namespaces",
      "/api/v1/namespaces/ns1",
      "/api/v1/namespaces/ns1/configmaps",
      "/api/v1/namespaces/ns1/configmaps/a",
      "/api/v1/configmaps",
      "/version",
      "/api",
      "/apis",
      "/api/v1/namespaces/ns1/configmaps/a?fieldManager=m&force=true",
      "/api/v1/namespaces/ns1/configmaps?labelSelector=a%3Db",
      "/api/v1/namespaces/ns1/configmaps?watch=true&resourceVersion=1",
      "/api/v1/namespaces?watch=1&timeoutSeconds=5&fieldSelector=metadata.name%3Dns1",
      "",
      "*",
      "/%",
      "/api/v1/namespaces/ns1/configmaps/a/b/c"};
  const std::vector<std::string> types{"application/json",
                                       "application/merge-patch+json",
                                       "application/strategic-merge-patch+json",
                                       "application/json-patch+json",
                                       "application/apply-patch+yaml",
                                       "application/vnd.kubernetes.protobuf",
                                       "",
                                       "text/x"};
  const std::vector<std::string> bodies{
      SpokeTestClient::config_map("a", {{"k", "w"}}).dump(),
      SpokeTestClient::config_map("b").dump(),
      SpokeTestClient::ns("n2").dump(),
      R"({"data":{"k":null},"metadata":{"labels":{"x":"y"}}})",
      R"([{"op":"add","path":"/data/z","value":"1"}])",
      R"({"data":{"$patch":"replace"}})",
      R"({"metadata":"x","data":[1]})",
      "null",
      "",
      std::string("k8s\0\x0a\x0f\x0a\x02v1\x12\x09ConfigMap\x12\x04\x0a\x02\x0a\x00", 27)};
  int answered = 0;
  for (int i = 0; i < 20000; ++i) {
    SpokeRequest q;
    q.method = pick(r, methods);
    q.target = mutate(r, pick(r, targets));
    q.body = mutate(r, pick(r, bodies));
    q.headers = {{"content-type", pick(r, types)}};
    const SpokeResponse a = c.api.handle(q);
    ASSERT_GE(a.status, 200) << q.method << " " << q.target << " " << q.body;
    ASSERT_LT(a.status, 500) << q.method << " " << q.target << " " << q.body << " -> " << a.body;
    if (a.content_type == "application/json" && a.status >= 300) {
      const auto j = Json::parse(a.body, nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << a.body;
      ASSERT_EQ(j["kind"], "Status") << a.body;
    } else if (a.content_type == "application/json") {
      // One JSON document, or a watch's start: one event per line (none when empty).
      if (Json::parse(a.body, nullptr, false).is_discarded()) {
        std::size_t start = 0;
        while (start < a.body.size()) {
          const auto nl = a.body.find('\n', start);
          ASSERT_NE(nl, std::string::npos) << a.body;
          const auto e = Json::parse(a.body.substr(start, nl - start), nullptr, false);
          ASSERT_TRUE(e.contains("type") && e.contains("object")) << a.body;
          start = nl + 1;
        }
      }
    }
    ++answered;
  }
  EXPECT_EQ(answered, 20000);
}
