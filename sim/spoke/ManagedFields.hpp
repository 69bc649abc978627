// ManagedFields: field ownership of one object, for server-side apply (SSA).
//
// Models: kube-apiserver's field manager at a coarser grain. A field is a leaf path:
// each key of the maps data, binaryData, metadata.labels and metadata.annotations, and
// every other non-object value under the top-level fields other than apiVersion, kind,
// metadata and status (arrays are atomic). Each (manager, operation) pair, operation
// "Apply" or "Update", owns a set of fields:
//   - an Update (create, PUT, non-apply PATCH) gives its manager the fields whose value it
//     set or changed and takes them from every other manager; removed fields leave every set;
//   - an Apply by M conflicts with each other manager owning a field the apply sets to a
//     different value (409 unless force=true, which takes the field over); fields M applied
//     before and omits now are removed from the object unless another manager owns them;
//     M's Apply set becomes the applied fields (a field set to the same value is shared).
// Managers with no field are dropped. render() writes metadata.managedFields (FieldsV1).
// Invariants: no entry has an empty field set; entries keep their order of creation.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fleetsim::spoke {

using Json = nlohmann::ordered_json;

class ManagedFields {
 public:
  using FieldPath = std::vector<std::string>;
  struct Entry {
    std::string manager;
    std::string operation;  // "Apply" | "Update"
    std::string time;       // RFC 3339
    std::set<FieldPath> fields;
  };
  struct Conflict {
    FieldPath field;
    std::string manager;
  };

  // The leaf fields of an object, as defined above.
  static std::set<FieldPath> fields_of(const Json& object);
  // ".data.key"
  static std::string dotted(const FieldPath& f);

  void record_update(const Json& before, const Json& after, const std::string& manager,
                     const std::string& time);
  // Conflicts of an apply of `applied` by `manager` onto `current` (empty: none).
  std::vector<Conflict> conflicts(const Json& current, const Json& applied,
                                  const std::string& manager) const;
  // The object after the apply (call after conflicts() is empty or with force); updates
  // ownership.
  Json apply(const Json& current, const Json& applied, const std::string& manager,
             const std::string& time);

  Json render() const;
  const std::vector<Entry>& entries() const { return entries_; }
  bool operator==(const ManagedFields&) const;

 private:
  Entry& entry(const std::string& manager, const std::string& operation);
  bool owned_by_other(const FieldPath& f, const Entry* except) const;
  void drop_empty();

  std::vector<Entry> entries_;
};

}  // namespace fleetsim::spoke
