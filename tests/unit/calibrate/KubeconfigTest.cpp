// Kubeconfig: every authentication form, context selection, relative paths resolved
// against the kubeconfig's directory, errors naming file, line, column and field path,
// and no crash (only KubeconfigError) on arbitrary input.
#include "calibrate/Kubeconfig.hpp"

#include <gtest/gtest.h>

#include <random>

#include "calibrate/Base64.hpp"
#include "calibrate/KubeconfigError.hpp"

namespace fleetsim::calibrate {
namespace {

std::string config(const std::string& cluster, const std::string& user) {
  return "apiVersion: v1\nkind: Config\ncurrent-context: main\n"
         "clusters:\n- name: c\n  cluster:\n" +
         cluster +
         "contexts:\n- name: main\n  context: {cluster: c, user: u}\n"
         "- name: other\n  context: {cluster: c, user: v}\n"
         "users:\n- name: u\n  user:\n" +
         user + "- name: v\n  user: {token: second}\n";
}

const std::string kServer = "    server: https://10.0.0.1:6443\n";

std::string error_of(const std::string& text, const std::string& context = "") {
  try {
    Kubeconfig::parse(text, "/cfg/kube/config").select(context);
  } catch (const KubeconfigError& e) {
    return e.what();
  }
  return "";
}

TEST(Kubeconfig, TokenAndCurrentContext) {
  const auto a =
      Kubeconfig::parse(config(kServer, "    token: s3cret\n"), "/cfg/config").select("");
  EXPECT_EQ(a.context, "main");
  EXPECT_EQ(a.server, "https://10.0.0.1:6443");
  EXPECT_EQ(a.token, "s3cret");
  EXPECT_FALSE(a.insecure_skip_tls_verify);
  EXPECT_FALSE(a.exec);
}

TEST(Kubeconfig, ContextFlagSelectsAnotherUser) {
  const auto a =
      Kubeconfig::parse(config(kServer, "    token: s3cret\n"), "/cfg/config").select("other");
  EXPECT_EQ(a.user, "v");
  EXPECT_EQ(a.token, "second");
}

TEST(Kubeconfig, RelativePathsResolveAgainstTheKubeconfigDirectory) {
  const auto a = Kubeconfig::parse(config(kServer + "    certificate-authority: ca.crt\n",
                                          "    client-certificate: ../pki/client.crt\n"
                                          "    client-key: /abs/client.key\n    tokenFile: tok\n"),
                                   "/home/me/.kube/config")
                     .select("");
  EXPECT_EQ(a.ca_file, "/home/me/.kube/ca.crt");
  EXPECT_EQ(a.cert_file, "/home/me/pki/client.crt");
  EXPECT_EQ(a.key_file, "/abs/client.key");
  EXPECT_EQ(a.token_file, "/home/me/.kube/tok");
}

TEST(Kubeconfig, InlineDataIsBase64Decoded) {
  const auto a = Kubeconfig::parse(
                     config(kServer + "    certificate-authority-data: " + base64_encode("CA PEM") +
                                "\n    tls-server-name: api.x\n",
                            "    client-certificate-data: " + base64_encode("CERT") +
                                "\n    client-key-data: " + base64_encode("KEY") + "\n"),
                     "/cfg/config")
                     .select("");
  EXPECT_EQ(a.ca_pem, "CA PEM");
  EXPECT_EQ(a.cert_pem, "CERT");
  EXPECT_EQ(a.key_pem, "KEY");
  EXPECT_EQ(a.tls_server_name, "api.x");
}

TEST(Kubeconfig, InsecureSkipTlsVerify) {
  const auto a =
      Kubeconfig::parse(config(kServer + "    insecure-skip-tls-verify: true\n", "    token: t\n"),
                        "/cfg/config")
          .select("");
  EXPECT_TRUE(a.insecure_skip_tls_verify);
}

TEST(Kubeconfig, ExecPluginV1AndV1beta1) {
  const auto a =
      Kubeconfig::parse(config(kServer,
                               "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                               "      command: ./bin/plugin\n      args: [get-token, --x]\n"
                               "      env: [{name: A, value: b}]\n      interactiveMode: Never\n"
                               "      provideClusterInfo: true\n"),
                        "/cfg/config")
          .select("");
  ASSERT_TRUE(a.exec);
  EXPECT_EQ(a.exec->command, "/cfg/bin/plugin");  // has a '/': relative to the kubeconfig
  EXPECT_EQ(a.exec->args, (std::vector<std::string>{"get-token", "--x"}));
  ASSERT_EQ(a.exec->env.size(), 1u);
  EXPECT_EQ(a.exec->env[0].first, "A");
  EXPECT_TRUE(a.exec->provide_cluster_info);
  const auto b =
      Kubeconfig::parse(config(kServer,
                               "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
                               "      command: gcloud-helper\n"),
                        "/cfg/config")
          .select("");
  EXPECT_EQ(b.exec->command, "gcloud-helper");  // no '/': looked up in PATH
}

TEST(Kubeconfig, ExecErrorsNameTheField) {
  const std::string v1 =
      "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
      "      command: p\n";
  EXPECT_EQ(error_of(config(kServer, v1)),
            "/cfg/kube/config: users[0].user.exec.interactiveMode: required with "
            "client.authentication.k8s.io/v1 (Never, IfAvailable or Always)");
  EXPECT_NE(error_of(config(kServer,
                            "    exec:\n      apiVersion: "
                            "client.authentication.k8s.io/v1alpha1\n      command: p\n"))
                .find("users[0].user.exec.apiVersion: \"client.authentication.k8s.io/v1alpha1\" "
                      "not supported"),
            std::string::npos);
  EXPECT_NE(error_of(config(kServer,
                            "    exec: {apiVersion: client.authentication.k8s.io/"
                            "v1beta1}\n"))
                .find("users[0].user.exec.command: missing"),
            std::string::npos);
}

TEST(Kubeconfig, UnknownFieldNamesLineColumnAndPath) {
  EXPECT_EQ(error_of(config(kServer + "    sever: x\n", "    token: t\n")),
            "/cfg/kube/config:8:5: clusters[0].cluster.sever: unknown field");
}

TEST(Kubeconfig, BadBase64NamesTheFieldNotTheValue) {
  const std::string e =
      error_of(config(kServer, "    token: t\n    client-key-data: NOT*BASE64SECRET\n"));
  EXPECT_NE(e.find("users[0].user.client-key-data: not valid base64"), std::string::npos) << e;
  EXPECT_EQ(e.find("SECRET"), std::string::npos) << e;
}

TEST(Kubeconfig, SelectionErrors) {
  EXPECT_EQ(error_of(config(kServer, "    token: t\n"), "nope"),
            "/cfg/kube/config: contexts: no context named \"nope\"");
  EXPECT_EQ(error_of("clusters: []\n"),
            "/cfg/kube/config: current-context: not set; pass --context NAME");
  EXPECT_EQ(error_of(config("    insecure-skip-tls-verify: true\n", "    token: t\n")),
            "/cfg/kube/config: clusters[0].cluster.server: missing");
  EXPECT_EQ(error_of("current-context: x\ncontexts:\n- name: x\n  context: {cluster: gone}\n"),
            "/cfg/kube/config: contexts[0].context.cluster: no cluster named \"gone\"");
}

TEST(Kubeconfig, ConflictsAreErrorsAsInKubectl) {
  EXPECT_NE(error_of(config(kServer +
                                "    certificate-authority: a\n"
                                "    certificate-authority-data: " +
                                base64_encode("x") + "\n",
                            "    token: t\n"))
                .find("clusters[0].cluster.certificate-authority-data: "),
            std::string::npos);
  EXPECT_NE(error_of(config(kServer + "    certificate-authority: a\n"
                                      "    insecure-skip-tls-verify: true\n",
                            "    token: t\n"))
                .find("clusters[0].cluster.insecure-skip-tls-verify: a CA together"),
            std::string::npos);
  EXPECT_NE(error_of(config(kServer, "    client-certificate: c\n"))
                .find("users[0].user.client-key: client-key or client-key-data is needed"),
            std::string::npos);
  EXPECT_NE(error_of(config(kServer, "    username: a\n    password: b\n"))
                .find("basic authentication is not supported"),
            std::string::npos);
}

TEST(Kubeconfig, YamlSyntaxErrorHasAPosition) {
  const std::string e = error_of("clusters: [\n  - a: b\n");
  EXPECT_EQ(e.rfind("/cfg/kube/config:", 0), 0u) << e;
  EXPECT_NE(e.find("not valid YAML"), std::string::npos) << e;
}

TEST(Kubeconfig, WrongTypesAreErrors) {
  EXPECT_EQ(error_of("clusters: {a: b}\n"), "/cfg/kube/config:1:11: clusters: expected a list");
  EXPECT_EQ(error_of("- a\n- b\n"), "/cfg/kube/config:1:1: expected a mapping");
  EXPECT_NE(error_of(config(kServer + "    insecure-skip-tls-verify: maybe\n", "    token: t\n"))
                .find("insecure-skip-tls-verify: expected true or false"),
            std::string::npos);
  EXPECT_NE(error_of("clusters:\n- name: a\n  cluster: {server: x}\n- name: a\n  cluster: {}\n")
                .find("duplicate name \"a\""),
            std::string::npos);
}

// Arbitrary input never crashes: parse and select return or throw KubeconfigError.
TEST(Kubeconfig, ArbitraryInputOnlyThrowsKubeconfigError) {
  const std::string seed =
      config(kServer + "    certificate-authority-data: " + base64_encode("x") + "\n",
             "    exec: {apiVersion: client.authentication.k8s.io/v1beta1, "
             "command: p, args: [a], env: [{name: A, value: B}]}\n");
  std::mt19937 rng(7);
  const std::string alphabet = "{}[]:,-?&*!|>'\"%@` \n\t#abc019";
  int parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string s = seed;
    const int edits = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < edits && !s.empty(); ++k) {
      const std::size_t at = rng() % s.size();
      if (rng() % 2)
        s[at] = alphabet[rng() % alphabet.size()];
      else
        s.erase(at, 1 + rng() % 8);
    }
    try {
      Kubeconfig::parse(s, "fuzz").select("");
      ++parsed;
    } catch (const KubeconfigError&) {
    }
  }
  EXPECT_GT(parsed, 0);
  for (const std::string& deep : {std::string(5000, '['), std::string(5000, '{'),
                                  std::string("a: &x [*x]\n"), std::string("\xff\xfe\x00", 3)}) {
    try {
      Kubeconfig::parse(deep, "fuzz");
    } catch (const KubeconfigError&) {
    }
  }
}

}  // namespace
}  // namespace fleetsim::calibrate
