#include "calibrate/ExecPlugin.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "calibrate/Base64.hpp"
#include "calibrate/KubeconfigError.hpp"

extern char** environ;

namespace fleetsim::calibrate {

namespace {

using json = nlohmann::json;

std::string plugin_name(const ExecConfig& e) {
  return "exec plugin \"" + e.command + "\"";
}

// The environment of the child: ours, then the config's entries (which win).
std::vector<std::string> child_environment(const ExecConfig& e, const std::string& info) {
  std::vector<std::pair<std::string, std::string>> extra = e.env;
  extra.emplace_back("KUBERNETES_EXEC_INFO", info);
  std::vector<std::string> env;
  for (char** p = environ; *p; ++p) {
    const std::string entry = *p;
    const std::string name = entry.substr(0, entry.find('='));
    bool overridden = false;
    for (const auto& [k, v] : extra) overridden = overridden || k == name;
    if (!overridden) env.push_back(entry);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  return out;
}

}  // namespace

std::string ExecPlugin::exec_info(const ExecConfig& exec, const ClusterAccess& access,
                                  const std::string& ca_pem) {
  json spec = {{"interactive", false}};
  if (exec.provide_cluster_info) {
    json cluster = {{"server", access.server}};
    if (!access.tls_server_name.empty()) cluster["tls-server-name"] = access.tls_server_name;
    if (access.insecure_skip_tls_verify) cluster["insecure-skip-tls-verify"] = true;
    if (!ca_pem.empty()) cluster["certificate-authority-data"] = base64_encode(ca_pem);
    spec["cluster"] = cluster;
  }
  return json{{"kind", "ExecCredential"}, {"apiVersion", exec.api_version}, {"spec", spec}}.dump();
}

ExecPlugin::Result ExecPlugin::parse_output(std::string_view text, const ExecConfig& exec,
                                            const std::string& source) {
  const std::string who = plugin_name(exec);
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw KubeconfigError(source, exec.field, who + " printed something that is not a JSON object");
  auto str = [&](const json& o, const char* key) -> std::string {
    if (!o.is_object() || !o.contains(key)) return "";
    if (!o[key].is_string())
      throw KubeconfigError(source, exec.field, who + " output: " + key + " is not a string");
    return o[key].get<std::string>();
  };
  if (str(j, "kind") != "ExecCredential")
    throw KubeconfigError(source, exec.field, who + " output: kind is not ExecCredential");
  if (str(j, "apiVersion") != exec.api_version)
    throw KubeconfigError(source, exec.field + ".apiVersion",
                          who + " answered apiVersion \"" + str(j, "apiVersion") +
                              "\", the kubeconfig asks for \"" + exec.api_version + "\"");
  if (!j.contains("status") || !j["status"].is_object())
    throw KubeconfigError(source, exec.field, who + " output has no status");
  const json& st = j["status"];
  Result r;
  r.token = str(st, "token");
  r.cert_pem = str(st, "clientCertificateData");
  r.key_pem = str(st, "clientKeyData");
  if (r.cert_pem.empty() != r.key_pem.empty())
    throw KubeconfigError(source, exec.field,
                          who +
                              " output: status.clientCertificateData and clientKeyData must "
                              "come together");
  if (r.token.empty() && r.cert_pem.empty())
    throw KubeconfigError(source, exec.field,
                          who + " output: status has neither token nor clientCertificateData");
  return r;
}

ExecPlugin::Result ExecPlugin::run(const ExecConfig& exec, const ClusterAccess& access,
                                   const std::string& ca_pem) {
  const std::string who = plugin_name(exec);
  std::vector<std::string> argv_s{exec.command};
  argv_s.insert(argv_s.end(), exec.args.begin(), exec.args.end());
  std::vector<std::string> env_s = child_environment(exec, exec_info(exec, access, ca_pem));
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0)
    throw KubeconfigError(access.source, exec.field, who + ": pipe: " + std::strerror(errno));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, exec.command.c_str(), &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    std::string msg = who + " could not be started: " + std::strerror(rc);
    if (!exec.install_hint.empty()) msg += " (" + exec.install_hint + ")";
    throw KubeconfigError(access.source, exec.field + ".command", msg);
  }
  const std::string output = read_all(out[0]);
  ::close(out[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status))
    throw KubeconfigError(access.source, exec.field,
                          who + " was killed by signal " + std::to_string(WTERMSIG(status)));
  if (WEXITSTATUS(status) != 0)
    throw KubeconfigError(access.source, exec.field,
                          who + " failed with exit status " + std::to_string(WEXITSTATUS(status)) +
                              " (its output is not shown: it may hold credentials)");
  return parse_output(output, exec, access.source);
}

}  // namespace fleetsim::calibrate
