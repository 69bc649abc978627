#include "k8s/ObjectStore.hpp"

#include <gtest/gtest.h>

using namespace fleetsim::k8s;

namespace {
ApiRequest req(Verb v, ObjectId id, KindId kind = 0, bool changes = true, bool ssa = false) {
  return ApiRequest{v, kind, id, changes, ssa};
}
}  // namespace

TEST(ObjectStoreTest, GetOfAMissingObjectIs404) {
  ObjectStore s;
  EXPECT_EQ(s.apply(req(Verb::kGet, 3)), 404);
  EXPECT_FALSE(s.exists(0, 3));
  EXPECT_EQ(s.objects(), 0u);
}

TEST(ObjectStoreTest, CreateOfAMissingObjectIs201) {
  ObjectStore s;
  EXPECT_EQ(s.apply(req(Verb::kCreate, 3)), 201);
  EXPECT_TRUE(s.exists(0, 3));
  EXPECT_EQ(s.version(0, 3), 1u);
  EXPECT_EQ(s.objects(), 1u);
  EXPECT_EQ(s.apply(req(Verb::kGet, 3)), 200);
}

TEST(ObjectStoreTest, CreateOfAnExistingObjectIs409) {
  ObjectStore s;
  s.preload(0, 3);
  EXPECT_EQ(s.apply(req(Verb::kCreate, 3)), 409);
  EXPECT_EQ(s.version(0, 3), 1u);
  EXPECT_EQ(s.objects(), 1u);
}

TEST(ObjectStoreTest, PatchPutAndDeleteOfAMissingObjectAre404) {
  ObjectStore s;
  EXPECT_EQ(s.apply(req(Verb::kPatch, 1)), 404);
  EXPECT_EQ(s.apply(req(Verb::kUpdate, 1)), 404);
  EXPECT_EQ(s.apply(req(Verb::kDelete, 1)), 404);
  EXPECT_FALSE(s.exists(0, 1));
  EXPECT_EQ(s.objects(), 0u);
}

TEST(ObjectStoreTest, ServerSideApplyPatchCreatesAMissingObject) {
  ObjectStore s;
  EXPECT_EQ(s.apply(req(Verb::kPatch, 5, 0, true, true)), 201);
  EXPECT_TRUE(s.exists(0, 5));
  EXPECT_EQ(s.version(0, 5), 1u);
  EXPECT_EQ(s.objects(), 1u);
  EXPECT_EQ(s.apply(req(Verb::kPatch, 5, 0, true, true)), 200);  // then updates it
  EXPECT_EQ(s.version(0, 5), 2u);
  EXPECT_EQ(s.objects(), 1u);
}

TEST(ObjectStoreTest, ChangingWriteBumpsTheVersion) {
  ObjectStore s;
  s.preload(0, 2);
  EXPECT_EQ(s.apply(req(Verb::kPatch, 2)), 200);
  EXPECT_EQ(s.version(0, 2), 2u);
  EXPECT_EQ(s.apply(req(Verb::kUpdate, 2)), 200);
  EXPECT_EQ(s.version(0, 2), 3u);
}

TEST(ObjectStoreTest, UnchangedWriteKeepsTheVersion) {
  ObjectStore s;
  s.preload(0, 2);
  EXPECT_EQ(s.apply(req(Verb::kPatch, 2, 0, false)), 200);
  EXPECT_EQ(s.apply(req(Verb::kUpdate, 2, 0, false)), 200);
  EXPECT_EQ(s.version(0, 2), 1u);
}

TEST(ObjectStoreTest, DeleteRemovesTheObject) {
  ObjectStore s;
  s.preload(0, 2);
  EXPECT_EQ(s.apply(req(Verb::kDelete, 2)), 200);
  EXPECT_FALSE(s.exists(0, 2));
  EXPECT_EQ(s.objects(), 0u);
  EXPECT_EQ(s.apply(req(Verb::kGet, 2)), 404);
  EXPECT_EQ(s.apply(req(Verb::kDelete, 2)), 404);
  EXPECT_EQ(s.apply(req(Verb::kCreate, 2)), 201);  // can be created again
}

TEST(ObjectStoreTest, ListIsAlways200) {
  ObjectStore s;
  EXPECT_EQ(s.apply(req(Verb::kList, 0, 4)), 200);
  s.preload(4, 0);
  EXPECT_EQ(s.apply(req(Verb::kList, 0, 4)), 200);
}

TEST(ObjectStoreTest, KindsAreSeparateNamespacesOfIds) {
  ObjectStore s;
  EXPECT_EQ(s.apply(req(Verb::kCreate, 1, 0)), 201);
  EXPECT_EQ(s.apply(req(Verb::kCreate, 1, 2)), 201);  // same id, other kind
  EXPECT_FALSE(s.exists(1, 1));
  EXPECT_EQ(s.apply(req(Verb::kDelete, 1, 0)), 200);
  EXPECT_TRUE(s.exists(2, 1));
  EXPECT_EQ(s.objects(), 1u);
}

TEST(ObjectStoreTest, PreloadCreatesWithoutARequest) {
  ObjectStore s;
  s.preload(1, 1000);
  EXPECT_TRUE(s.exists(1, 1000));
  EXPECT_FALSE(s.exists(1, 999));
  EXPECT_EQ(s.objects(), 1u);
  EXPECT_EQ(s.apply(req(Verb::kGet, 1000, 1)), 200);
}

TEST(ObjectStoreTest, UnknownKindsAndIdsReadAsAbsent) {
  const ObjectStore s;
  EXPECT_EQ(s.version(60000, 4000000000u), 0u);
  EXPECT_FALSE(s.exists(3, 3));
}
