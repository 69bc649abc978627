// SpokeApi: the Kubernetes rules the emulated spoke mirrors, one test per rule.
#include "spoke/SpokeApi.hpp"

#include <gtest/gtest.h>

#include "SpokeTestClient.hpp"

using namespace fleetsim::spoke;
using namespace fleetsim::spoke::test;

namespace {

void expect_status(const Answer& a, int code, const std::string& reason) {
  EXPECT_EQ(a.status, code) << a.raw.body;
  EXPECT_EQ(a.body["kind"], "Status") << a.raw.body;
  EXPECT_EQ(a.body["apiVersion"], "v1");
  EXPECT_EQ(a.body["status"], "Failure");
  EXPECT_EQ(a.body["reason"], reason) << a.raw.body;
  EXPECT_EQ(a.body["code"], code);
  EXPECT_TRUE(a.body["message"].is_string());
}

const char* const kCm = "/api/v1/namespaces/ns1/configmaps";

class SpokeApiTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(c.create_ns("ns1").status, 201); }
  SpokeTestClient c;
};

}  // namespace

TEST_F(SpokeApiTest, StartsWithTheFourNamespacesOfAFreshCluster) {
  SpokeTestClient fresh;
  auto a = fresh.call("GET", "/api/v1/namespaces");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["kind"], "NamespaceList");
  std::vector<std::string> names;
  for (const auto& i : a.body["items"]) names.push_back(i["metadata"]["name"]);
  EXPECT_EQ(names,
            (std::vector<std::string>{"default", "kube-node-lease", "kube-public", "kube-system"}));
}

TEST_F(SpokeApiTest, CreateSetsUidResourceVersionAndCreationTimestampFromTheClock) {
  auto a = c.create_cm("ns1", SpokeTestClient::config_map("a", {{"k", "v"}}));
  ASSERT_EQ(a.status, 201);
  const auto& m = a.body["metadata"];
  EXPECT_EQ(m["namespace"], "ns1");
  EXPECT_EQ(m["creationTimestamp"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(m["uid"].get<std::string>().size(), 36u);
  EXPECT_EQ(m["resourceVersion"], "6");  // 4 initial namespaces, ns1, then this
  EXPECT_EQ(m["managedFields"][0]["manager"], "");
}

TEST_F(SpokeApiTest, CreateOfAnExistingNameIs409AlreadyExists) {
  c.create_cm("ns1", SpokeTestClient::config_map("a"));
  auto a = c.create_cm("ns1", SpokeTestClient::config_map("a"));
  expect_status(a, 409, "AlreadyExists");
  EXPECT_EQ(a.body["message"], "configmaps \"a\" already exists");
  EXPECT_EQ(a.body["details"]["kind"], "configmaps");
}

TEST_F(SpokeApiTest, ConfigMapInAMissingNamespaceIs404) {
  auto a = c.create_cm("nope", SpokeTestClient::config_map("a"));
  expect_status(a, 404, "NotFound");
  EXPECT_EQ(a.body["message"], "namespaces \"nope\" not found");
}

TEST_F(SpokeApiTest, GetOfAMissingObjectIs404NotFound) {
  auto a = c.call("GET", std::string(kCm) + "/missing");
  expect_status(a, 404, "NotFound");
  EXPECT_EQ(a.body["message"], "configmaps \"missing\" not found");
}

TEST_F(SpokeApiTest, NamesMustBeDns1123Subdomains) {
  auto a = c.create_cm("ns1", SpokeTestClient::config_map("Bad_Name"));
  expect_status(a, 422, "Invalid");
  EXPECT_EQ(a.body["details"]["causes"][0]["field"], "metadata.name");
  EXPECT_EQ(c.create_cm("ns1", SpokeTestClient::config_map("a.b-c")).status, 201);
}

TEST_F(SpokeApiTest, NamespaceNamesMustBeDns1123Labels) {
  expect_status(c.create_ns("a.b"), 422, "Invalid");
  expect_status(c.create_ns(std::string(64, 'a')), 422, "Invalid");
  EXPECT_EQ(c.create_ns(std::string(63, 'a')).status, 201);
}

TEST_F(SpokeApiTest, MissingNameIs422RequiredValue) {
  auto a = c.create_cm("ns1", Json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}});
  expect_status(a, 422, "Invalid");
  EXPECT_EQ(a.body["details"]["causes"][0]["reason"], "FieldValueRequired");
}

TEST_F(SpokeApiTest, GenerateNameAppendsFiveCharacters) {
  auto a = c.create_cm(
      "ns1",
      Json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"generateName", "gen-"}}}});
  ASSERT_EQ(a.status, 201);
  const std::string name = a.body["metadata"]["name"];
  EXPECT_EQ(name.size(), 9u);
  EXPECT_EQ(name.substr(0, 4), "gen-");
}

TEST_F(SpokeApiTest, InvalidLabelsAndConfigKeysAre422) {
  auto cm = SpokeTestClient::config_map("a");
  cm["metadata"]["labels"] = {{"bad key!", "v"}};
  expect_status(c.create_cm("ns1", cm), 422, "Invalid");
  cm = SpokeTestClient::config_map("a", {{"bad/key", "v"}});
  expect_status(c.create_cm("ns1", cm), 422, "Invalid");
  cm = SpokeTestClient::config_map("a", {{"k", "v"}});
  cm["binaryData"] = {{"k", "dg=="}};
  expect_status(c.create_cm("ns1", cm), 422, "Invalid");
}

TEST_F(SpokeApiTest, WronglyTypedFieldsAndWrongKindAre400) {
  expect_status(c.create_cm("ns1", SpokeTestClient::config_map("a", {{"k", 1}})), 400,
                "BadRequest");
  auto cm = SpokeTestClient::config_map("a");
  cm["kind"] = "Secret";
  expect_status(c.create_cm("ns1", cm), 400, "BadRequest");
  expect_status(c.call("POST", kCm, std::string("{not json")), 400, "BadRequest");
  expect_status(c.call("POST", kCm, std::string("[1,2]")), 400, "BadRequest");
}

TEST_F(SpokeApiTest, BodyNamespaceMustMatchTheUrl) {
  auto cm = SpokeTestClient::config_map("a");
  cm["metadata"]["namespace"] = "other";
  expect_status(c.create_cm("ns1", cm), 400, "BadRequest");
}

TEST_F(SpokeApiTest, UnknownFieldsAreRejectedWithStrictValidationAndDroppedOtherwise) {
  auto cm = SpokeTestClient::config_map("a");
  cm["colour"] = "red";
  expect_status(c.call("POST", std::string(kCm) + "?fieldValidation=Strict", cm), 400,
                "BadRequest");
  auto a = c.create_cm("ns1", cm);
  ASSERT_EQ(a.status, 201);
  EXPECT_FALSE(a.body.contains("colour"));
  ASSERT_EQ(a.raw.headers.size(), 1u);
  EXPECT_EQ(a.raw.headers[0].first, "Warning");
}

TEST_F(SpokeApiTest, UpdateWithAStaleResourceVersionIs409Conflict) {
  auto created = c.create_cm("ns1", SpokeTestClient::config_map("a", {{"k", "1"}}));
  Json v2 = created.body;
  v2["data"]["k"] = "2";
  auto ok = c.call("PUT", std::string(kCm) + "/a", v2);
  ASSERT_EQ(ok.status, 200);
  EXPECT_NE(ok.body["metadata"]["resourceVersion"], created.body["metadata"]["resourceVersion"]);
  v2["data"]["k"] = "3";  // still carries the first resourceVersion
  auto stale = c.call("PUT", std::string(kCm) + "/a", v2);
  expect_status(stale, 409, "Conflict");
  EXPECT_EQ(stale.body["message"],
            "Operation cannot be fulfilled on configmaps \"a\": the object has been modified; "
            "please apply your changes to the latest version and try again");
}

TEST_F(SpokeApiTest, UpdateWithoutResourceVersionIsUnconditional) {
  c.create_cm("ns1", SpokeTestClient::config_map("a", {{"k", "1"}}));
  auto a = c.call("PUT", std::string(kCm) + "/a", SpokeTestClient::config_map("a", {{"k", "2"}}));
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["data"]["k"], "2");
}

TEST_F(SpokeApiTest, UpdateOfAMissingObjectIs404AndANameMismatchIs400) {
  expect_status(c.call("PUT", std::string(kCm) + "/a", SpokeTestClient::config_map("a")), 404,
                "NotFound");
  c.create_cm("ns1", SpokeTestClient::config_map("a"));
  expect_status(c.call("PUT", std::string(kCm) + "/a", SpokeTestClient::config_map("b")), 400,
                "BadRequest");
}

TEST_F(SpokeApiTest, ANoOpUpdateKeepsTheResourceVersion) {
  auto created = c.create_cm("ns1", SpokeTestClient::config_map("a", {{"k", "1"}}));
  auto same = c.call(
      "PUT", std::string(kCm) + "/a?fieldManager=", SpokeTestClient::config_map("a", {{"k", "1"}}));
  ASSERT_EQ(same.status, 200);
  EXPECT_EQ(same.body["metadata"]["resourceVersion"], created.body["metadata"]["resourceVersion"]);
}

TEST_F(SpokeApiTest, ListHasItsKindAndTheStoreResourceVersion) {
  c.create_cm("ns1", SpokeTestClient::config_map("b"));
  c.create_cm("ns1", SpokeTestClient::config_map("a"));
  auto a = c.call("GET", kCm);
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["kind"], "ConfigMapList");
  EXPECT_EQ(a.body["metadata"]["resourceVersion"], "7");
  ASSERT_EQ(a.body["items"].size(), 2u);
  EXPECT_EQ(a.body["items"][0]["metadata"]["name"], "a");  // by name
  EXPECT_FALSE(a.body["items"][0].contains("kind"));
}

TEST_F(SpokeApiTest, ListInAMissingNamespaceIsEmpty) {
  auto a = c.call("GET", "/api/v1/namespaces/nope/configmaps");
  ASSERT_EQ(a.status, 200);
  EXPECT_TRUE(a.body["items"].empty());
}

TEST_F(SpokeApiTest, ListFiltersByLabelSelector) {
  auto cm = SpokeTestClient::config_map("managed");
  cm["metadata"]["labels"] = {{"app.kubernetes.io/managed-by", "fleetsim"}};
  c.create_cm("ns1", cm);
  c.create_cm("ns1", SpokeTestClient::config_map("other"));
  auto a =
      c.call("GET", std::string(kCm) + "?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dfleetsim");
  ASSERT_EQ(a.status, 200);
  ASSERT_EQ(a.body["items"].size(), 1u);
  EXPECT_EQ(a.body["items"][0]["metadata"]["name"], "managed");
  expect_status(c.call("GET", std::string(kCm) + "?labelSelector=a%20in%20(b"), 400, "BadRequest");
}

TEST_F(SpokeApiTest, ListAcrossNamespacesAndByFieldSelector) {
  c.create_ns("ns2");
  c.create_cm("ns1", SpokeTestClient::config_map("a"));
  c.create_cm("ns2", SpokeTestClient::config_map("a"));
  EXPECT_EQ(c.call("GET", "/api/v1/configmaps").body["items"].size(), 2u);
  EXPECT_EQ(c.call("GET", "/api/v1/configmaps?fieldSelector=metadata.namespace%3Dns2")
                .body["items"]
                .size(),
            1u);
  EXPECT_EQ(
      c.call("GET", "/api/v1/namespaces?fieldSelector=metadata.name%3Dns1").body["items"].size(),
      1u);
  expect_status(c.call("GET", "/api/v1/configmaps?fieldSelector=data.k%3Dv"), 400, "BadRequest");
}

TEST_F(SpokeApiTest, DeletingANamespaceDeletesItsConfigMaps) {
  c.create_cm("ns1", SpokeTestClient::config_map("a"));
  auto a = c.call("DELETE", "/api/v1/namespaces/ns1");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["kind"], "Namespace");
  EXPECT_EQ(a.body["status"]["phase"], "Terminating");
  EXPECT_EQ(c.call("GET", "/api/v1/configmaps").body["items"].size(), 0u);
  c.create_ns("ns1");
  expect_status(c.call("GET", std::string(kCm) + "/a"), 404, "NotFound");
}

TEST_F(SpokeApiTest, DeleteOfAConfigMapAnswersStatusSuccess) {
  auto created = c.create_cm("ns1", SpokeTestClient::config_map("a"));
  auto a = c.call("DELETE", std::string(kCm) + "/a");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["kind"], "Status");
  EXPECT_EQ(a.body["status"], "Success");
  EXPECT_EQ(a.body["details"]["uid"], created.body["metadata"]["uid"]);
  expect_status(c.call("DELETE", std::string(kCm) + "/a"), 404, "NotFound");
}

TEST_F(SpokeApiTest, DeletePreconditionMismatchIs409) {
  c.create_cm("ns1", SpokeTestClient::config_map("a"));
  auto a = c.call("DELETE", std::string(kCm) + "/a",
                  Json{{"preconditions", {{"resourceVersion", "1"}}}});
  expect_status(a, 409, "Conflict");
}

TEST_F(SpokeApiTest, SystemNamespacesCannotBeDeleted) {
  expect_status(c.call("DELETE", "/api/v1/namespaces/default"), 403, "Forbidden");
}

TEST_F(SpokeApiTest, DryRunChangesNothing) {
  auto a = c.call("POST", std::string(kCm) + "?dryRun=All", SpokeTestClient::config_map("a"));
  EXPECT_EQ(a.status, 201);
  expect_status(c.call("GET", std::string(kCm) + "/a"), 404, "NotFound");
  expect_status(c.call("POST", std::string(kCm) + "?dryRun=Some", SpokeTestClient::config_map("a")),
                400, "BadRequest");
}

TEST_F(SpokeApiTest, UnknownPathsAre404AndUnservedMethods405) {
  expect_status(c.call("GET", "/api/v1/secrets"), 404, "NotFound");
  expect_status(c.call("GET", "/apis/apps/v1/deployments"), 404, "NotFound");
  expect_status(c.call("POST", "/api/v1/configmaps", SpokeTestClient::config_map("a")), 405,
                "MethodNotAllowed");
  expect_status(c.call("DELETE", kCm), 405, "MethodNotAllowed");
  expect_status(c.call("POST", "/version"), 405, "MethodNotAllowed");
}

TEST_F(SpokeApiTest, UnknownContentTypesAre415) {
  expect_status(c.call("POST", kCm, std::string("a: b"), "application/yaml"), 415,
                "UnsupportedMediaType");
  c.create_cm("ns1", SpokeTestClient::config_map("a"));
  expect_status(c.call("PATCH", std::string(kCm) + "/a", std::string("{}"), "text/plain"), 415,
                "UnsupportedMediaType");
}

TEST_F(SpokeApiTest, BodiesOver3MiBAre413) {
  expect_status(c.call("POST", kCm, std::string(3 * 1024 * 1024 + 1, ' ')), 413,
                "RequestEntityTooLarge");
}

TEST_F(SpokeApiTest, DiscoveryDocumentsDescribeTheServedResources) {
  auto v = c.call("GET", "/version");
  EXPECT_EQ(v.body["gitVersion"], "v1.32.0-fleetsim");
  EXPECT_EQ(v.body["minor"], "32");
  EXPECT_EQ(c.call("GET", "/api").body["versions"], Json::array({"v1"}));
  auto r = c.call("GET", "/api/v1").body;
  EXPECT_EQ(r["kind"], "APIResourceList");
  EXPECT_EQ(r["resources"][0]["shortNames"], Json::array({"cm"}));
  EXPECT_EQ(r["resources"][1]["shortNames"], Json::array({"ns"}));
  EXPECT_EQ(c.call("GET", "/apis").body["groups"], Json::array());
  auto v3 = c.call("GET", "/openapi/v3/api/v1").body;
  EXPECT_TRUE(v3["paths"].contains("/api/v1/namespaces/{namespace}/configmaps/{name}"));
  EXPECT_EQ(c.call("GET", "/healthz").raw.body, "ok");
}

TEST(SpokeApiAuthTest, ATokenOrAVerifiedCertificateAuthenticates) {
  SpokeTestClient c(SpokeApiConfig{"tok", true, "127.0.0.1:1"});
  auto none = c.call("GET", "/api/v1/namespaces");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.body["reason"], "Unauthorized");
  EXPECT_EQ(c.call("GET", "/api/v1/namespaces", "", "", {{"authorization", "Bearer tok"}}).status,
            200);
  EXPECT_EQ(c.call("GET", "/api/v1/namespaces", "", "", {{"Authorization", "Bearer tok2"}}).status,
            401);
  SpokeRequest r{"GET", "/version", {}, "", true};
  EXPECT_EQ(c.api.handle(r).status, 200);
}

TEST(SpokeApiAuthTest, WithoutAuthConfiguredEveryRequestIsAllowed) {
  SpokeTestClient c;
  EXPECT_EQ(c.call("GET", "/api/v1/namespaces").status, 200);
}

TEST(SpokeApiClassifyTest, VerbsAreTheApiServersAndResourcesComeFromThePath) {
  auto info = [](const std::string& m, const std::string& t) {
    SpokeRequest r;
    r.method = m;
    r.target = t;
    const auto i = SpokeApi::classify(r);
    return i.verb + " " + i.resource + " " + i.ns + " " + i.name;
  };
  EXPECT_EQ(info("GET", "/api/v1/namespaces/a/configmaps"), "LIST configmaps a ");
  EXPECT_EQ(info("GET", "/api/v1/namespaces/a/configmaps/b"), "GET configmaps a b");
  EXPECT_EQ(info("PATCH", "/api/v1/namespaces/a"), "PATCH namespaces  a");
  EXPECT_EQ(info("GET", "/version"), "GET   ");
}

TEST_F(SpokeApiTest, AWatchStartsWithTheCurrentObjectsAndFollowsTheLog) {
  c.create_cm("ns1", SpokeTestClient::config_map("a"));
  std::vector<std::string> heard;
  c.api.store().set_listener([&](const WatchEvent& e) { heard.push_back(e.type); });
  SpokeRequest w{"GET", "/api/v1/namespaces/ns1/configmaps?watch=true", {}, "", false};
  std::optional<SpokeResponse> error;
  auto spec = c.api.watch_spec(w, error);
  ASSERT_TRUE(spec);
  auto initial = c.api.initial_events(*spec);
  ASSERT_EQ(initial.size(), 1u);
  EXPECT_EQ(initial[0].type, "ADDED");
  const std::string rv = c.call("GET", kCm).body["metadata"]["resourceVersion"];
  c.call("PUT", std::string(kCm) + "/a", SpokeTestClient::config_map("a", {{"k", "v"}}));
  c.call("DELETE", "/api/v1/namespaces/ns1");
  // The namespace: Terminating (MODIFIED), its configmap DELETED, then itself DELETED.
  EXPECT_EQ(heard, (std::vector<std::string>{"MODIFIED", "MODIFIED", "DELETED", "DELETED"}));
  w.target = std::string(kCm) + "?watch=1&resourceVersion=" + rv;
  spec = c.api.watch_spec(w, error);
  ASSERT_TRUE(spec);
  std::vector<std::string> replayed;
  for (const auto& e : c.api.initial_events(*spec)) replayed.push_back(e.type);
  EXPECT_EQ(replayed, (std::vector<std::string>{"MODIFIED", "DELETED"}));  // not the namespace
  // The pure answer of a watch request is the start of the stream.
  auto a = c.call("GET", std::string(kCm) + "?watch=true&resourceVersion=" + rv);
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.raw.body.find("{\"type\":\"MODIFIED\""), 0u);
}

TEST_F(SpokeApiTest, AWatchFromBeforeTheLogGetsA410ExpiredEvent) {
  for (std::size_t i = 0; i < SpokeStore::kEventLog; ++i)
    c.call("PATCH", "/api/v1/namespaces/ns1",
           Json{{"metadata", {{"labels", {{"i", std::to_string(i)}}}}}},
           "application/merge-patch+json");
  SpokeRequest w{"GET", "/api/v1/namespaces?watch=true&resourceVersion=2", {}, "", false};
  std::optional<SpokeResponse> error;
  const auto events = c.api.initial_events(*c.api.watch_spec(w, error));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "ERROR");
  EXPECT_EQ(events[0].object["code"], 410);
  EXPECT_EQ(events[0].object["reason"], "Expired");
}

TEST_F(SpokeApiTest, KubectlGetReceivesATableWithThePrinterColumns) {
  c.create_cm("ns1", SpokeTestClient::config_map("a", {{"x", "1"}, {"y", "2"}}));
  const std::vector<std::pair<std::string, std::string>> accept{
      {"accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"}};
  auto t = c.call("GET", kCm, "", "", accept);
  ASSERT_EQ(t.status, 200);
  EXPECT_EQ(t.body["kind"], "Table");
  EXPECT_EQ(t.body["columnDefinitions"][1]["name"], "Data");
  EXPECT_EQ(t.body["rows"][0]["cells"], (Json{"a", 2, "0s"}));
  EXPECT_EQ(t.body["rows"][0]["object"]["metadata"]["namespace"], "ns1");
  auto n = c.call("GET", "/api/v1/namespaces/ns1", "", "", accept);
  EXPECT_EQ(n.body["rows"][0]["cells"], (Json{"ns1", "Active", "0s"}));
}
