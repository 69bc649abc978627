// The parts of the emulated spoke: patch rules, label selectors, names, field ownership,
// request targets, protobuf bodies, fault rules and the latency model.
#include <gtest/gtest.h>

#include "engine/RandomStream.hpp"
#include "spoke/FaultInjector.hpp"
#include "spoke/LabelSelector.hpp"
#include "spoke/ManagedFields.hpp"
#include "spoke/ObjectRules.hpp"
#include "spoke/PatchRules.hpp"
#include "spoke/ProtobufBody.hpp"
#include "spoke/RequestTarget.hpp"
#include "spoke/SpokeLatency.hpp"
#include "spoke/TableView.hpp"

using namespace fleetsim::spoke;
using Json = nlohmann::ordered_json;

TEST(PatchRulesTest, MergePatchFollowsRfc7386) {
  // RFC 7386 appendix A examples.
  EXPECT_EQ(PatchRules::merge(Json{{"a", "b"}}, Json{{"a", "c"}}), (Json{{"a", "c"}}));
  EXPECT_EQ(PatchRules::merge(Json{{"a", "b"}}, Json{{"b", "c"}}), (Json{{"a", "b"}, {"b", "c"}}));
  EXPECT_EQ(PatchRules::merge(Json{{"a", "b"}}, Json{{"a", nullptr}}), Json::object());
  EXPECT_EQ(PatchRules::merge(Json{{"a", Json::array({"b"})}}, Json{{"a", "c"}}),
            (Json{{"a", "c"}}));
  EXPECT_EQ(PatchRules::merge(Json{{"a", "foo"}}, Json::array({"bar"})), Json::array({"bar"}));
  EXPECT_EQ(PatchRules::merge(Json{{"e", nullptr}}, Json{{"a", 1}}),
            (Json{{"e", nullptr}, {"a", 1}}));
  EXPECT_EQ(PatchRules::merge(Json::object(), Json{{"a", {{"bb", {{"ccc", nullptr}}}}}}),
            (Json{{"a", {{"bb", Json::object()}}}}));
}

TEST(PatchRulesTest, StrategicMergeDirectives) {
  const Json t{{"data", {{"a", "1"}, {"b", "2"}}}, {"k", "v"}};
  EXPECT_EQ(PatchRules::strategic(t, Json{{"data", {{"$patch", "delete"}}}}), (Json{{"k", "v"}}));
  EXPECT_EQ(PatchRules::strategic(t, Json{{"data", {{"$patch", "replace"}, {"c", "3"}}}}),
            (Json{{"data", {{"c", "3"}}}, {"k", "v"}}));
  EXPECT_EQ(PatchRules::strategic(t, Json{{"data", {{"a", nullptr}}}, {"$retainKeys", {"x"}}}),
            (Json{{"data", {{"b", "2"}}}, {"k", "v"}}));
  EXPECT_THROW(PatchRules::strategic(t, Json{{"data", {{"$patch", "explode"}}}}),
               std::invalid_argument);
  EXPECT_THROW(PatchRules::strategic(t, Json::array()), std::invalid_argument);
}

TEST(PatchRulesTest, JsonPatchErrorsAreInvalidArgument) {
  EXPECT_THROW(
      PatchRules::json_patch(Json::object(), Json::array({Json{{"op", "remove"}, {"path", "/x"}}})),
      std::invalid_argument);
  EXPECT_THROW(PatchRules::json_patch(Json::object(), Json::object()), std::invalid_argument);
}

TEST(LabelSelectorTest, EqualitySetAndExistenceRequirements) {
  const std::map<std::string, std::string> l{{"app.kubernetes.io/managed-by", "fleetsim"},
                                             {"tier", "web"}};
  auto m = [&](const std::string& s) { return LabelSelector::parse(s).matches(l); };
  EXPECT_TRUE(m(""));
  EXPECT_TRUE(m("app.kubernetes.io/managed-by=fleetsim"));
  EXPECT_TRUE(m("app.kubernetes.io/managed-by==fleetsim,tier=web"));
  EXPECT_FALSE(m("tier=db"));
  EXPECT_TRUE(m("tier!=db"));
  EXPECT_TRUE(m("missing!=x"));
  EXPECT_TRUE(m("tier in (db, web)"));
  EXPECT_FALSE(m("tier notin (db,web)"));
  EXPECT_TRUE(m("tier"));
  EXPECT_TRUE(m("!missing"));
  EXPECT_FALSE(m("!tier"));
  EXPECT_THROW(LabelSelector::parse("tier in (a"), std::invalid_argument);
  EXPECT_THROW(LabelSelector::parse("bad key=1"), std::invalid_argument);
  EXPECT_THROW(LabelSelector::parse("a=b,"), std::invalid_argument);
}

TEST(ObjectRulesTest, Dns1123AndQualifiedNames) {
  EXPECT_TRUE(ObjectRules::dns1123_label("a-1"));
  EXPECT_FALSE(ObjectRules::dns1123_label("-a"));
  EXPECT_FALSE(ObjectRules::dns1123_label("A"));
  EXPECT_TRUE(ObjectRules::dns1123_subdomain("a.b-c.d"));
  EXPECT_FALSE(ObjectRules::dns1123_subdomain("a..b"));
  EXPECT_FALSE(ObjectRules::dns1123_subdomain(std::string(254, 'a')));
  EXPECT_TRUE(ObjectRules::qualified_name("example.com/My_Name"));
  EXPECT_FALSE(ObjectRules::qualified_name("Example.com/x"));
  EXPECT_TRUE(ObjectRules::label_value(""));
  EXPECT_FALSE(ObjectRules::label_value(std::string(64, 'a')));
  EXPECT_TRUE(ObjectRules::config_map_key("KEY_name.1-x"));
  EXPECT_FALSE(ObjectRules::config_map_key(".."));
}

TEST(ManagedFieldsTest, FieldsAreMapKeysAndOtherLeaves) {
  const Json o{{"apiVersion", "v1"},
               {"kind", "ConfigMap"},
               {"metadata", {{"name", "a"}, {"labels", {{"l", "1"}}}}},
               {"data", {{"k", "v"}}},
               {"immutable", true}};
  const auto f = ManagedFields::fields_of(o);
  EXPECT_EQ(f, (std::set<ManagedFields::FieldPath>{
                   {"data", "k"}, {"immutable"}, {"metadata", "labels", "l"}}));
  EXPECT_EQ(ManagedFields::dotted({"data", "k"}), ".data.k");
}

TEST(ManagedFieldsTest, RemovedFieldsLeaveEveryOwnerAndEmptyManagersAreDropped) {
  ManagedFields mf;
  mf.record_update(nullptr, Json{{"data", {{"a", "1"}}}}, "one", "t");
  mf.record_update(Json{{"data", {{"a", "1"}}}}, Json{{"data", {{"b", "2"}}}}, "two", "t");
  ASSERT_EQ(mf.entries().size(), 1u);
  EXPECT_EQ(mf.entries()[0].manager, "two");
}

TEST(RequestTargetTest, DecodesSegmentsAndQuery) {
  auto t = RequestTarget::parse("/api//v1/a%2Fb?labelSelector=x%3Dy+z&force&a=1&a=2");
  EXPECT_TRUE(t.valid);
  EXPECT_EQ(t.segments, (std::vector<std::string>{"api", "v1", "a/b"}));
  EXPECT_EQ(t.param("labelSelector"), "x=y z");
  EXPECT_TRUE(t.has("force"));
  EXPECT_EQ(t.param("a"), "1");
  EXPECT_FALSE(RequestTarget::parse("/a%zz").valid);
  EXPECT_FALSE(RequestTarget::parse("api").valid);
}

namespace {
std::string field(int number, const std::string& bytes) {
  std::string out(1, static_cast<char>(number << 3 | 2));
  out += static_cast<char>(bytes.size());  // < 128 in these tests
  return out + bytes;
}
}  // namespace

TEST(ProtobufBodyTest, DecodesAConfigMapAsKubectlSendsIt) {
  const std::string meta =
      field(1, "c1") + field(3, "ns") + field(11, field(1, "l") + field(2, "v"));
  const std::string raw = field(1, meta) + field(2, field(1, "a") + field(2, "1")) +
                          field(3, field(1, "b") + field(2, "hi"));
  const std::string body =
      std::string("k8s\0", 4) + field(1, field(1, "v1") + field(2, "ConfigMap")) + field(2, raw);
  std::string error;
  const auto o = ProtobufBody::decode(body, error);
  ASSERT_TRUE(o) << error;
  EXPECT_EQ(*o, (Json{{"apiVersion", "v1"},
                      {"kind", "ConfigMap"},
                      {"metadata", {{"name", "c1"}, {"namespace", "ns"}, {"labels", {{"l", "v"}}}}},
                      {"data", {{"a", "1"}}},
                      {"binaryData", {{"b", "aGk="}}}}));
}

TEST(ProtobufBodyTest, MalformedBodiesAreErrorsNotCrashes) {
  std::string error;
  EXPECT_FALSE(ProtobufBody::decode("k8s", error));
  EXPECT_FALSE(ProtobufBody::decode(std::string("k8s\0\x0a\x7f", 6), error));
  EXPECT_NE(error.find("past the end"), std::string::npos);
  EXPECT_FALSE(ProtobufBody::decode(
      std::string("k8s\0", 4) + field(1, field(1, "v1") + field(2, "Secret")), error));
  EXPECT_NE(error.find("Secret"), std::string::npos);
}

TEST(FaultRuleTest, ParsesTheGrammar) {
  auto r = FaultRule::parse("500:verb=POST|PUT,resource=*,probability=0.25");
  EXPECT_EQ(r.kind, FaultRule::Kind::k500);
  EXPECT_EQ(r.verbs, (std::set<std::string>{"POST", "PUT"}));
  EXPECT_EQ(r.trigger, FaultRule::Trigger::kProbability);
  EXPECT_TRUE(r.matches("PUT", "namespaces"));
  auto d = FaultRule::parse("delay:duration=1.5s");
  EXPECT_DOUBLE_EQ(d.duration, 1.5);
  EXPECT_EQ(d.resource, "configmaps");
  EXPECT_FALSE(d.matches("GET", "namespaces"));
  EXPECT_EQ(FaultRule::parse("429:retry-after=3,every=5").retry_after, 3);
  for (const char* bad : {"", "404", "500:", "500:verb=", "delay", "delay:duration=abc",
                          "500:duration=1s", "429:every=0", "429:after=x", "500:always,every=2",
                          "500:probability=0", "500:resource=pods", "reset:x"})
    EXPECT_THROW(FaultRule::parse(bad), std::invalid_argument) << bad;
}

TEST(FaultInjectorTest, TriggersCountMatchingRequestsOnly) {
  FaultInjector f({FaultRule::parse("429:every=2"), FaultRule::parse("reset:after=3,verb=GET")}, 1,
                  "s");
  std::vector<int> fired;
  for (int i = 0; i < 6; ++i) {
    f.decide("GET", "namespaces");  // not configmaps: counts for neither rule
    const auto d = f.decide("GET", "configmaps");
    fired.push_back(d.answer ? static_cast<int>(*d.answer) : -1);
  }
  const int k429 = static_cast<int>(FaultRule::Kind::k429);
  const int kReset = static_cast<int>(FaultRule::Kind::kReset);
  EXPECT_EQ(fired, (std::vector<int>{-1, k429, -1, k429, kReset, k429}));
  const auto r = FaultInjector::respond(f.decide("GET", "configmaps"), SpokeResponse{});
  EXPECT_TRUE(r.reset);
}

TEST(FaultInjectorTest, ProbabilityIsSeeded) {
  auto run = [](std::uint64_t seed) {
    FaultInjector f({FaultRule::parse("500:probability=0.5")}, seed, "spoke-0");
    std::string s;
    for (int i = 0; i < 64; ++i) s += f.decide("POST", "configmaps").answer ? '1' : '0';
    return s;
  };
  EXPECT_EQ(run(3), run(3));
  EXPECT_NE(run(3), run(4));
}

TEST(FaultInjectorTest, AnswersOf429And500AndMalformed) {
  FaultDecision d;
  d.answer = FaultRule::Kind::k429;
  d.retry_after = 7;
  auto r = FaultInjector::respond(d, SpokeResponse{});
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Retry-After", "7"}));
  d.answer = FaultRule::Kind::kMalformed;
  SpokeResponse real;
  real.body = R"({"kind":"ConfigMap"})";
  r = FaultInjector::respond(d, real);
  EXPECT_TRUE(Json::parse(r.body, nullptr, false).is_discarded());
}

TEST(SpokeLatencyTest, PerVerbDistributionsTimesTheLoadCurve) {
  const auto l = SpokeLatency::from_json(
      Json{{"default", "10ms"},
           {"POST", {{"constant", "40ms"}}},
           {"load_curve", Json::array({Json::array({1, 1.0}), Json::array({11, 2.0})})}});
  fleetsim::engine::RandomStream rng(1, "t");
  EXPECT_DOUBLE_EQ(l.sample("GET", 1, rng), 0.01);
  EXPECT_DOUBLE_EQ(l.sample("POST", 1, rng), 0.04);
  EXPECT_DOUBLE_EQ(l.sample("POST", 6, rng), 0.06);
  EXPECT_DOUBLE_EQ(l.sample("DELETE", 100, rng), 0.02);
  EXPECT_DOUBLE_EQ(SpokeLatency().sample("GET", 5, rng), 0.0);
}

TEST(TableViewTest, AgeIsHumanDuration) {
  EXPECT_EQ(TableView::age(-5), "<invalid>");
  EXPECT_EQ(TableView::age(-1), "0s");
  EXPECT_EQ(TableView::age(119), "119s");
  EXPECT_EQ(TableView::age(200), "3m20s");
  EXPECT_EQ(TableView::age(300), "5m");
  EXPECT_EQ(TableView::age(3600), "60m");
  EXPECT_EQ(TableView::age(4 * 3600 + 120), "4h2m");
  EXPECT_EQ(TableView::age(30 * 3600), "30h");
  EXPECT_EQ(TableView::age(3 * 86400 + 7200), "3d2h");
  EXPECT_EQ(TableView::age(400 * 86400), "400d");
  EXPECT_EQ(TableView::age((3 * 365 + 10) * 86400), "3y10d");
  EXPECT_EQ(TableView::age(9 * 365 * 86400), "9y");
}

TEST(TableViewTest, OnlyAV1TableAcceptIsATableRequest) {
  EXPECT_TRUE(TableView::wanted(
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;"
      "g=meta.k8s.io,application/json"));
  EXPECT_FALSE(TableView::wanted("application/json"));
}
