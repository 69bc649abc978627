#include "cli/SweepJobManifest.hpp"

#include <cctype>
#include <sstream>

namespace fleetsim::cli {

namespace {

std::string yaml_quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

}  // namespace

std::string SweepJobManifest::default_name(const std::string& sweep_name) {
  std::string name = "fleetsim-sweep-";
  const std::string stem = sweep_name.starts_with("sweep-") ? sweep_name.substr(6) : sweep_name;
  for (char c : stem)
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '-';
  if (name.size() > 52) name.resize(52);
  while (name.back() == '-') name.pop_back();
  return name;
}

std::string SweepJobManifest::yaml(const SweepSpec& spec) const {
  const std::string n = std::to_string(shards);
  const std::string cmd = "fleetsim sweep " + sweep_file + " --out /results/" + spec.name() +
                          "/shard-$JOB_COMPLETION_INDEX --shard $JOB_COMPLETION_INDEX/" + n +
                          " --jobs 1";
  std::ostringstream y;
  y << "# fleetsim sweep " << sweep_file << ": " << spec.point_count() << " points x "
    << spec.seeds().size() << " seeds in " << n << " shards (one per completion index).\n"
    << "# Afterwards: fleetsim sweep merge /results/" << spec.name() << "/shard-* --out /results/"
    << spec.name() << "/merged\n"
    << "apiVersion: batch/v1\n"
    << "kind: Job\n"
    << "metadata:\n"
    << "  name: " << (name.empty() ? default_name(spec.name()) : name) << "\n"
    << "  labels:\n"
    << "    app.kubernetes.io/name: fleetsim-sweep\n"
    << "spec:\n"
    << "  completionMode: Indexed\n"
    << "  completions: " << n << "\n"
    << "  parallelism: " << (parallelism ? parallelism : shards) << "\n"
    << "  backoffLimitPerIndex: 2\n"
    << "  maxFailedIndexes: 0\n"
    << "  template:\n"
    << "    metadata:\n"
    << "      labels:\n"
    << "        app.kubernetes.io/name: fleetsim-sweep\n"
    << "    spec:\n"
    << "      restartPolicy: Never\n"
    << "      containers:\n"
    << "        - name: sweep\n"
    << "          image: " << yaml_quote(image) << "\n"
    << "          workingDir: " << yaml_quote(workdir) << "\n"
    << "          command: [\"/bin/sh\", \"-c\"]\n"
    << "          args:\n"
    << "            - " << yaml_quote(cmd) << "\n"
    << "          resources:\n"
    << "            requests:\n"
    << "              cpu: \"1\"\n"
    << "              memory: 1Gi\n"
    << "          volumeMounts:\n"
    << "            - name: results\n"
    << "              mountPath: /results\n"
    << "      volumes:\n"
    << "        - name: results\n"
    << "          persistentVolumeClaim:\n"
    << "            claimName: " << yaml_quote(claim) << "\n";
  return y.str();
}

}  // namespace fleetsim::cli
