// SpokeApi PATCH: merge, strategic-merge, JSON patch and server-side apply, one test per rule.
#include <gtest/gtest.h>

#include "SpokeTestClient.hpp"

using namespace fleetsim::spoke;
using namespace fleetsim::spoke::test;

namespace {

const std::string kA = "/api/v1/namespaces/ns1/configmaps/a";
const char* const kApply = "application/apply-patch+yaml";

class SpokePatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(c.create_ns("ns1").status, 201);
    ASSERT_EQ(c.create_cm("ns1", SpokeTestClient::config_map("a", {{"x", "1"}, {"y", "2"}})).status,
              201);
  }
  Answer apply(const std::string& manager, const Json& data, bool force = false) {
    auto cm = SpokeTestClient::config_map("a", data);
    std::string target = kA + "?fieldManager=" + manager;
    if (force) target += "&force=true";
    return c.call("PATCH", target, cm, kApply);
  }
  SpokeTestClient c;
};

Json owners(const Answer& a, const std::string& manager, const std::string& operation) {
  for (const auto& e : a.body["metadata"]["managedFields"])
    if (e["manager"] == manager && e["operation"] == operation) return e["fieldsV1"];
  return nullptr;
}

}  // namespace

TEST_F(SpokePatchTest, MergePatchSetsAndNullDeletes) {
  auto a = c.call("PATCH", kA, Json{{"data", {{"x", nullptr}, {"z", "3"}}}},
                  "application/merge-patch+json");
  ASSERT_EQ(a.status, 200) << a.raw.body;
  EXPECT_EQ(a.body["data"], (Json{{"y", "2"}, {"z", "3"}}));
}

TEST_F(SpokePatchTest, StrategicMergePatchMergesMapsAndHonoursReplace) {
  auto a =
      c.call("PATCH", kA, Json{{"data", {{"z", "3"}}}}, "application/strategic-merge-patch+json");
  EXPECT_EQ(a.body["data"], (Json{{"x", "1"}, {"y", "2"}, {"z", "3"}}));
  a = c.call("PATCH", kA, Json{{"data", {{"$patch", "replace"}, {"only", "1"}}}},
             "application/strategic-merge-patch+json");
  EXPECT_EQ(a.body["data"], (Json{{"only", "1"}}));
}

TEST_F(SpokePatchTest, JsonPatchAppliesOperationsAndAFailedTestIs422) {
  auto a = c.call("PATCH", kA,
                  Json::array({Json{{"op", "replace"}, {"path", "/data/x"}, {"value", "9"}}}),
                  "application/json-patch+json");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["data"]["x"], "9");
  a = c.call("PATCH", kA, Json::array({Json{{"op", "test"}, {"path", "/data/x"}, {"value", "0"}}}),
             "application/json-patch+json");
  EXPECT_EQ(a.status, 422);
}

TEST_F(SpokePatchTest, PatchOfAMissingObjectIs404) {
  EXPECT_EQ(c.call("PATCH", "/api/v1/namespaces/ns1/configmaps/b", Json::object(),
                   "application/merge-patch+json")
                .status,
            404);
}

TEST_F(SpokePatchTest, PatchWithAStaleResourceVersionIs409) {
  auto a = c.call("PATCH", kA, Json{{"metadata", {{"resourceVersion", "1"}}}},
                  "application/merge-patch+json");
  EXPECT_EQ(a.status, 409);
  EXPECT_EQ(a.body["reason"], "Conflict");
}

TEST_F(SpokePatchTest, ForceIsOnlyForApply) {
  auto a = c.call("PATCH", kA + "?force=true", Json::object(), "application/merge-patch+json");
  EXPECT_EQ(a.status, 422);
}

TEST_F(SpokePatchTest, ApplyWithoutFieldManagerIs422) {
  auto a = c.call("PATCH", kA, SpokeTestClient::config_map("a"), kApply);
  EXPECT_EQ(a.status, 422);
  EXPECT_EQ(a.body["details"]["causes"][0]["field"], "fieldManager");
}

TEST_F(SpokePatchTest, ApplyCreatesAMissingObject) {
  auto a = c.call("PATCH", "/api/v1/namespaces/ns1/configmaps/new?fieldManager=m",
                  SpokeTestClient::config_map("new", {{"k", "v"}}), kApply);
  ASSERT_EQ(a.status, 201) << a.raw.body;
  EXPECT_EQ(owners(a, "m", "Apply"), (Json{{"f:data", {{"f:k", Json::object()}}}}));
}

TEST_F(SpokePatchTest, ApplyNeedsKindAndApiVersion) {
  auto a = c.call("PATCH", kA + "?fieldManager=m", Json{{"metadata", {{"name", "a"}}}}, kApply);
  EXPECT_EQ(a.status, 400);
}

TEST_F(SpokePatchTest, ApplyConflictsWithAnotherManagersFieldOfADifferentValue) {
  // The creator ("" from no fieldManager and no User-Agent) owns x and y by Update.
  auto a = apply("m", {{"x", "changed"}});
  ASSERT_EQ(a.status, 409);
  EXPECT_EQ(a.body["reason"], "Conflict");
  EXPECT_EQ(a.body["message"],
            "Apply failed with 1 conflict: conflict with \"\" using v1: .data.x");
  EXPECT_EQ(a.body["details"]["causes"][0]["field"], ".data.x");
  EXPECT_EQ(c.call("GET", kA).body["data"]["x"], "1");
}

TEST_F(SpokePatchTest, ApplyOfTheSameValueSharesTheField) {
  auto a = apply("m", {{"x", "1"}});
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(owners(a, "m", "Apply"), (Json{{"f:data", {{"f:x", Json::object()}}}}));
  EXPECT_TRUE(owners(a, "", "Update")["f:data"].contains("f:x"));
}

TEST_F(SpokePatchTest, ForcedApplyTakesTheFieldOver) {
  auto a = apply("m", {{"x", "changed"}}, true);
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["data"]["x"], "changed");
  EXPECT_FALSE(owners(a, "", "Update")["f:data"].contains("f:x"));
  EXPECT_TRUE(owners(a, "m", "Apply")["f:data"].contains("f:x"));
}

TEST_F(SpokePatchTest, ApplyRemovesFieldsItNoLongerApplies) {
  ASSERT_EQ(apply("m", {{"z", "3"}}).status, 200);
  auto a = apply("m", {{"w", "4"}});
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["data"], (Json{{"x", "1"}, {"y", "2"}, {"w", "4"}}));
}

TEST_F(SpokePatchTest, ApplyKeepsAFieldAnotherManagerStillOwns) {
  ASSERT_EQ(apply("m", {{"x", "1"}}).status, 200);  // shared with the creator
  auto a = apply("m", {{"w", "4"}});
  EXPECT_EQ(a.body["data"]["x"], "1");
}

TEST_F(SpokePatchTest, ARepeatedApplyIsANoOp) {
  auto first = apply("m", {{"z", "3"}});
  auto second = apply("m", {{"z", "3"}});
  EXPECT_EQ(first.body["metadata"]["resourceVersion"], second.body["metadata"]["resourceVersion"]);
}

TEST_F(SpokePatchTest, AnUpdateTakesTheChangedFieldsFromTheirApplyOwner) {
  ASSERT_EQ(apply("m", {{"z", "3"}}).status, 200);
  auto a = c.call("PATCH", kA + "?fieldManager=editor", Json{{"data", {{"z", "4"}}}},
                  "application/merge-patch+json");
  EXPECT_EQ(owners(a, "m", "Apply"), nullptr);
  EXPECT_TRUE(owners(a, "editor", "Update")["f:data"].contains("f:z"));
}

TEST_F(SpokePatchTest, ApplyBodiesMustBeJson) {
  auto a = c.call("PATCH", kA + "?fieldManager=m", std::string("kind: ConfigMap\n"), kApply);
  EXPECT_EQ(a.status, 400);
}
