// ExecPlugin: ExecCredential parsing, KUBERNETES_EXEC_INFO, and running a real plugin
// (exec_plugin.sh beside this file) for a token and a client certificate; failures name
// the plugin and never show its output.
#include "calibrate/ExecPlugin.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "calibrate/Credentials.hpp"
#include "calibrate/KubeconfigError.hpp"

namespace fleetsim::calibrate {
namespace {

ExecConfig plugin(std::vector<std::string> args,
                  std::string api = "client.authentication.k8s.io/v1") {
  ExecConfig e;
  e.api_version = std::move(api);
  e.command = std::string(EXEC_PLUGIN_DIR) + "/exec_plugin.sh";
  e.args = std::move(args);
  e.interactive_mode = "Never";
  e.field = "users[0].user.exec";
  return e;
}

ClusterAccess access_with(const ExecConfig& e) {
  ClusterAccess a;
  a.source = "kc";
  a.server = "https://127.0.0.1:6443";
  a.exec = e;
  return a;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const KubeconfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ExecPlugin, ParsesTokenAndCertificate) {
  const ExecConfig e = plugin({});
  auto r = ExecPlugin::parse_output(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
      R"("status":{"token":"tok"}})",
      e, "kc");
  EXPECT_EQ(r.token, "tok");
  r = ExecPlugin::parse_output(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
      R"("status":{"clientCertificateData":"C","clientKeyData":"K"}})",
      e, "kc");
  EXPECT_EQ(r.cert_pem, "C");
  EXPECT_EQ(r.key_pem, "K");
}

TEST(ExecPlugin, BadOutputIsAnErrorWithoutTheOutput) {
  const ExecConfig e = plugin({});
  const auto parse = [&](const std::string& s) {
    return error_of([&] { ExecPlugin::parse_output(s, e, "kc"); });
  };
  EXPECT_NE(parse("SECRETTOKEN").find("not a JSON object"), std::string::npos);
  EXPECT_EQ(parse("SECRETTOKEN").find("SECRET"), std::string::npos);
  EXPECT_NE(parse(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",)"
                  R"("status":{"token":"SECRET"}})")
                .find("answered apiVersion \"client.authentication.k8s.io/v1beta1\""),
            std::string::npos);
  EXPECT_NE(parse(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"})")
                .find("has no status"),
            std::string::npos);
  EXPECT_NE(parse(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",)"
                  R"("status":{"clientCertificateData":"SECRET"}})")
                .find("must come together"),
            std::string::npos);
}

TEST(ExecPlugin, ExecInfoAsKubectlSetsIt) {
  ExecConfig e = plugin({});
  ClusterAccess a = access_with(e);
  auto j = nlohmann::json::parse(ExecPlugin::exec_info(e, a, "PEM"));
  EXPECT_EQ(j["kind"], "ExecCredential");
  EXPECT_EQ(j["apiVersion"], "client.authentication.k8s.io/v1");
  EXPECT_EQ(j["spec"]["interactive"], false);
  EXPECT_FALSE(j["spec"].contains("cluster"));
  e.provide_cluster_info = true;
  j = nlohmann::json::parse(ExecPlugin::exec_info(e, a, "PEM"));
  EXPECT_EQ(j["spec"]["cluster"]["server"], "https://127.0.0.1:6443");
  EXPECT_EQ(j["spec"]["cluster"]["certificate-authority-data"], "UEVN");
}

TEST(ExecPlugin, RunsThePluginForAToken) {
  for (const char* api :
       {"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"}) {
    const ExecConfig e = plugin({"token", "tok-123"}, api);
    const Credentials c = Credentials::load(access_with(e));
    EXPECT_EQ(c.token, "tok-123");
    EXPECT_EQ(c.auth_kind, "exec plugin (token)");
  }
}

TEST(ExecPlugin, PassesEnvAndExecInfo) {
  ExecConfig e = plugin({"echo-info"});
  e.env = {{"FLEETSIM_TEST_VAR", "from-config"}};
  const auto r = ExecPlugin::run(e, access_with(e), "");
  EXPECT_EQ(r.token,
            "from-config|{apiVersion:client.authentication.k8s.io/v1,kind:ExecCredential,"
            "spec:{interactive:false}}");
}

TEST(ExecPlugin, FailureNamesThePluginNotItsOutput) {
  const ExecConfig e = plugin({"fail", "LEAKED"});
  const std::string m = error_of([&] { ExecPlugin::run(e, access_with(e), ""); });
  EXPECT_NE(m.find("exec_plugin.sh\" failed with exit status 3"), std::string::npos) << m;
  EXPECT_EQ(m.find("LEAKED"), std::string::npos) << m;
  const ExecConfig g = plugin({"garbage", "LEAKED"});
  const std::string mg = error_of([&] { ExecPlugin::run(g, access_with(g), ""); });
  EXPECT_NE(mg.find("not a JSON object"), std::string::npos) << mg;
  EXPECT_EQ(mg.find("LEAKED"), std::string::npos) << mg;
  ExecConfig missing = plugin({});
  missing.command = "/nonexistent/plugin";
  missing.install_hint = "install it";
  const std::string mm = error_of([&] { ExecPlugin::run(missing, access_with(missing), ""); });
  EXPECT_NE(mm.find("users[0].user.exec.command: exec plugin \"/nonexistent/plugin\" could not be "
                    "started: No such file or directory (install it)"),
            std::string::npos)
      << mm;
}

}  // namespace
}  // namespace fleetsim::calibrate
