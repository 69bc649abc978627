#include "calibrate/Kubeconfig.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>

#include "calibrate/Base64.hpp"
#include "calibrate/KubeconfigError.hpp"

namespace fleetsim::calibrate {

namespace {

using Keys = std::initializer_list<std::string_view>;

// Where the parse is: the source for messages and the directory for relative paths.
struct Reader {
  const std::string& source;
  std::filesystem::path dir;

  [[noreturn]] void fail(const YAML::Node& n, const std::string& field,
                         const std::string& message) const {
    const YAML::Mark m = n.IsDefined() ? n.Mark() : YAML::Mark::null_mark();
    throw KubeconfigError(source, m.line >= 0 ? m.line + 1 : 0, m.line >= 0 ? m.column + 1 : 0,
                          field, message);
  }

  // `n` is a map whose keys are all in `known` (or null, read as empty).
  void expect_map(const YAML::Node& n, const std::string& field, Keys known) const {
    if (!n.IsDefined() || n.IsNull()) return;
    if (!n.IsMap()) fail(n, field, "expected a mapping");
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (!it->first.IsScalar()) fail(it->first, field, "keys must be strings");
      const std::string key = it->first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end())
        fail(it->first, join(field, key), "unknown field");
    }
  }

  static std::string join(const std::string& field, const std::string& key) {
    return field.empty() ? key : field + "." + key;
  }

  static YAML::Node child(const YAML::Node& n, const char* key) {
    if (!n.IsDefined() || !n.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    for (auto it = n.begin(); it != n.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    return YAML::Node(YAML::NodeType::Undefined);
  }

  std::string text(const YAML::Node& n, const std::string& field) const {
    if (!n.IsDefined() || n.IsNull()) return "";
    if (!n.IsScalar()) fail(n, field, "expected a string");
    return n.Scalar();
  }

  bool boolean(const YAML::Node& n, const std::string& field) const {
    if (!n.IsDefined() || n.IsNull()) return false;
    bool b = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, b))
      fail(n, field, "expected true or false");
    return b;
  }

  // A *-data field: base64, decoded. The value is never quoted in a message.
  std::string data(const YAML::Node& n, const std::string& field) const {
    const std::string s = text(n, field);
    auto decoded = base64_decode(s);
    if (!decoded) fail(n, field, "not valid base64");
    return *decoded;
  }

  // A file path; relative paths resolve against the kubeconfig's directory.
  std::string path(const YAML::Node& n, const std::string& field) const {
    const std::string s = text(n, field);
    if (s.empty() || std::filesystem::path(s).is_absolute()) return s;
    return (dir / s).lexically_normal().string();
  }

  template <typename F>
  void each(const YAML::Node& seq, const std::string& field, F&& f) const {
    if (!seq.IsDefined() || seq.IsNull()) return;
    if (!seq.IsSequence()) fail(seq, field, "expected a list");
    std::size_t i = 0;
    for (auto it = seq.begin(); it != seq.end(); ++it, ++i) {
      std::string f_i = field;
      f_i.append("[").append(std::to_string(i)).append("]");
      f(*it, f_i);
    }
  }
};

std::string entry_name(const Reader& r, const YAML::Node& n, const std::string& field) {
  const std::string name = r.text(Reader::child(n, "name"), field + ".name");
  if (name.empty()) r.fail(n, field + ".name", "missing (every entry needs a name)");
  return name;
}

Kubeconfig::Cluster read_cluster(const Reader& r, const YAML::Node& n, const std::string& f) {
  r.expect_map(n, f, {"name", "cluster", "extensions"});
  Kubeconfig::Cluster c;
  c.name = entry_name(r, n, f);
  c.field = f + ".cluster";
  const YAML::Node b = Reader::child(n, "cluster");
  r.expect_map(b, c.field,
               {"server", "tls-server-name", "insecure-skip-tls-verify", "certificate-authority",
                "certificate-authority-data", "proxy-url", "disable-compression", "extensions"});
  c.server = r.text(Reader::child(b, "server"), c.field + ".server");
  c.tls_server_name = r.text(Reader::child(b, "tls-server-name"), c.field + ".tls-server-name");
  c.insecure = r.boolean(Reader::child(b, "insecure-skip-tls-verify"),
                         c.field + ".insecure-skip-tls-verify");
  c.ca_file = r.path(Reader::child(b, "certificate-authority"), c.field + ".certificate-authority");
  c.ca_pem = r.data(Reader::child(b, "certificate-authority-data"),
                    c.field + ".certificate-authority-data");
  c.proxy_url = r.text(Reader::child(b, "proxy-url"), c.field + ".proxy-url");
  r.boolean(Reader::child(b, "disable-compression"), c.field + ".disable-compression");
  return c;
}

ExecConfig read_exec(const Reader& r, const YAML::Node& n, const std::string& f) {
  r.expect_map(n, f,
               {"command", "args", "env", "apiVersion", "installHint", "provideClusterInfo",
                "interactiveMode"});
  ExecConfig e;
  e.field = f;
  e.api_version = r.text(Reader::child(n, "apiVersion"), f + ".apiVersion");
  e.command = r.text(Reader::child(n, "command"), f + ".command");
  if (e.command.find('/') != std::string::npos) e.command = r.path(Reader::child(n, "command"), "");
  r.each(Reader::child(n, "args"), f + ".args",
         [&](const YAML::Node& a, const std::string& fa) { e.args.push_back(r.text(a, fa)); });
  r.each(Reader::child(n, "env"), f + ".env", [&](const YAML::Node& v, const std::string& fv) {
    r.expect_map(v, fv, {"name", "value"});
    std::string name = r.text(Reader::child(v, "name"), fv + ".name");
    if (name.empty()) r.fail(v, fv + ".name", "missing");
    e.env.emplace_back(std::move(name), r.text(Reader::child(v, "value"), fv + ".value"));
  });
  e.install_hint = r.text(Reader::child(n, "installHint"), f + ".installHint");
  e.provide_cluster_info =
      r.boolean(Reader::child(n, "provideClusterInfo"), f + ".provideClusterInfo");
  e.interactive_mode = r.text(Reader::child(n, "interactiveMode"), f + ".interactiveMode");
  return e;
}

Kubeconfig::User read_user(const Reader& r, const YAML::Node& n, const std::string& f) {
  r.expect_map(n, f, {"name", "user", "extensions"});
  Kubeconfig::User u;
  u.name = entry_name(r, n, f);
  u.field = f + ".user";
  const YAML::Node b = Reader::child(n, "user");
  r.expect_map(b, u.field,
               {"client-certificate", "client-certificate-data", "client-key", "client-key-data",
                "token", "tokenFile", "as", "as-uid", "as-groups", "as-user-extra", "username",
                "password", "auth-provider", "exec", "extensions"});
  const std::string& g = u.field;
  u.token = r.text(Reader::child(b, "token"), g + ".token");
  u.token_file = r.path(Reader::child(b, "tokenFile"), g + ".tokenFile");
  u.cert_file = r.path(Reader::child(b, "client-certificate"), g + ".client-certificate");
  u.cert_pem = r.data(Reader::child(b, "client-certificate-data"), g + ".client-certificate-data");
  u.key_file = r.path(Reader::child(b, "client-key"), g + ".client-key");
  u.key_pem = r.data(Reader::child(b, "client-key-data"), g + ".client-key-data");
  u.basic_auth =
      Reader::child(b, "username").IsDefined() || Reader::child(b, "password").IsDefined();
  u.auth_provider =
      Reader::child(b, "auth-provider").IsDefined() && !Reader::child(b, "auth-provider").IsNull();
  for (const char* k : {"as", "as-uid", "as-groups", "as-user-extra"}) {
    const YAML::Node v = Reader::child(b, k);
    if (v.IsDefined() && !v.IsNull()) u.impersonation = true;
  }
  const YAML::Node exec = Reader::child(b, "exec");
  if (exec.IsDefined() && !exec.IsNull()) u.exec = read_exec(r, exec, g + ".exec");
  return u;
}

Kubeconfig::Context read_context(const Reader& r, const YAML::Node& n, const std::string& f) {
  r.expect_map(n, f, {"name", "context", "extensions"});
  Kubeconfig::Context c;
  c.name = entry_name(r, n, f);
  c.field = f + ".context";
  const YAML::Node b = Reader::child(n, "context");
  r.expect_map(b, c.field, {"cluster", "user", "namespace", "extensions"});
  c.cluster = r.text(Reader::child(b, "cluster"), c.field + ".cluster");
  c.user = r.text(Reader::child(b, "user"), c.field + ".user");
  c.namespace_name = r.text(Reader::child(b, "namespace"), c.field + ".namespace");
  return c;
}

template <typename T>
void check_unique(const Reader& r, const std::vector<T>& items) {
  for (std::size_t i = 0; i < items.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (items[i].name == items[j].name)
        throw KubeconfigError(
            r.source, items[i].field,
            "duplicate name \"" + items[i].name + "\" (also " + items[j].field + ")");
}

}  // namespace

Kubeconfig Kubeconfig::parse(std::string_view text, const std::string& source_name) {
  Kubeconfig k;
  k.source_ = source_name;
  Reader r{k.source_, std::filesystem::path(source_name).parent_path()};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw KubeconfigError(source_name, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                          e.mark.line >= 0 ? e.mark.column + 1 : 0, "", "not valid YAML: " + e.msg);
  }
  try {
    if (!root.IsDefined() || root.IsNull())
      throw KubeconfigError(source_name, "", "empty kubeconfig");
    r.expect_map(root, "",
                 {"kind", "apiVersion", "preferences", "clusters", "users", "contexts",
                  "current-context", "extensions"});
    const std::string kind = r.text(Reader::child(root, "kind"), "kind");
    if (!kind.empty() && kind != "Config")
      r.fail(Reader::child(root, "kind"), "kind", "expected Config, got \"" + kind + "\"");
    const std::string api = r.text(Reader::child(root, "apiVersion"), "apiVersion");
    if (!api.empty() && api != "v1")
      r.fail(Reader::child(root, "apiVersion"), "apiVersion", "expected v1, got \"" + api + "\"");
    r.each(Reader::child(root, "clusters"), "clusters",
           [&](const YAML::Node& n, const std::string& f) {
             k.clusters_.push_back(read_cluster(r, n, f));
           });
    r.each(Reader::child(root, "users"), "users", [&](const YAML::Node& n, const std::string& f) {
      k.users_.push_back(read_user(r, n, f));
    });
    r.each(Reader::child(root, "contexts"), "contexts",
           [&](const YAML::Node& n, const std::string& f) {
             k.contexts_.push_back(read_context(r, n, f));
           });
    k.current_context_ = r.text(Reader::child(root, "current-context"), "current-context");
    check_unique(r, k.clusters_);
    check_unique(r, k.users_);
    check_unique(r, k.contexts_);
  } catch (const KubeconfigError&) {
    throw;
  } catch (const YAML::Exception& e) {
    throw KubeconfigError(source_name, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                          e.mark.line >= 0 ? e.mark.column + 1 : 0, "", e.msg);
  }
  return k;
}

namespace {

template <typename T>
const T* find_named(const std::vector<T>& items, const std::string& name) {
  for (const auto& i : items)
    if (i.name == name) return &i;
  return nullptr;
}

void check_exec(const std::string& source, const ExecConfig& e) {
  if (e.api_version.empty())
    throw KubeconfigError(source, e.field + ".apiVersion", "missing (exec plugin)");
  const bool v1 = e.api_version == "client.authentication.k8s.io/v1";
  if (!v1 && e.api_version != "client.authentication.k8s.io/v1beta1")
    throw KubeconfigError(
        source, e.field + ".apiVersion",
        "\"" + e.api_version + "\" not supported (client.authentication.k8s.io/v1 or v1beta1)");
  if (e.command.empty()) throw KubeconfigError(source, e.field + ".command", "missing");
  const std::string& m = e.interactive_mode;
  if (v1 && m.empty())
    throw KubeconfigError(source, e.field + ".interactiveMode",
                          "required with client.authentication.k8s.io/v1 (Never, IfAvailable "
                          "or Always)");
  if (!m.empty() && m != "Never" && m != "IfAvailable" && m != "Always")
    throw KubeconfigError(source, e.field + ".interactiveMode",
                          "\"" + m + "\" is not one of Never, IfAvailable, Always");
  if (m == "Always")
    throw KubeconfigError(source, e.field + ".interactiveMode",
                          "Always needs a terminal; fleetsim calibrate runs plugins "
                          "non-interactively");
}

}  // namespace

ClusterAccess Kubeconfig::select(const std::string& name) const {
  const std::string wanted = name.empty() ? current_context_ : name;
  if (wanted.empty())
    throw KubeconfigError(source_, "current-context", "not set; pass --context NAME");
  const Context* ctx = find_named(contexts_, wanted);
  if (!ctx)
    throw KubeconfigError(source_, name.empty() ? "current-context" : "contexts",
                          "no context named \"" + wanted + "\"");
  const Cluster* cl = find_named(clusters_, ctx->cluster);
  if (!cl)
    throw KubeconfigError(source_, ctx->field + ".cluster",
                          "no cluster named \"" + ctx->cluster + "\"");
  const User* u = ctx->user.empty() ? nullptr : find_named(users_, ctx->user);
  if (!ctx->user.empty() && !u)
    throw KubeconfigError(source_, ctx->field + ".user", "no user named \"" + ctx->user + "\"");

  ClusterAccess a;
  a.source = source_;
  a.context = ctx->name;
  a.cluster = cl->name;
  a.user = ctx->user;
  a.server = cl->server;
  a.server_field = cl->field + ".server";
  if (a.server.empty()) throw KubeconfigError(source_, a.server_field, "missing");
  if (!cl->proxy_url.empty())
    throw KubeconfigError(source_, cl->field + ".proxy-url", "proxies are not supported");
  a.ca_field = cl->field + ".certificate-authority";
  if (!cl->ca_file.empty() && !cl->ca_pem.empty())
    throw KubeconfigError(source_, a.ca_field + "-data",
                          "certificate-authority-data and certificate-authority are both set");
  if (cl->insecure && (!cl->ca_file.empty() || !cl->ca_pem.empty()))
    throw KubeconfigError(source_, cl->field + ".insecure-skip-tls-verify",
                          "a CA together with insecure-skip-tls-verify is not allowed");
  a.ca_file = cl->ca_file;
  a.ca_pem = cl->ca_pem;
  a.insecure_skip_tls_verify = cl->insecure;
  a.tls_server_name = cl->tls_server_name;
  if (!u) return a;

  if (u->basic_auth)
    throw KubeconfigError(source_, u->field + ".username", "basic authentication is not supported");
  if (u->auth_provider)
    throw KubeconfigError(source_, u->field + ".auth-provider",
                          "auth-provider plugins are not supported; use exec");
  if (u->impersonation)
    throw KubeconfigError(source_, u->field + ".as", "impersonation is not supported");
  a.token = u->token;
  a.token_file = u->token_file;
  a.token_field = u->field + (u->token.empty() ? ".tokenFile" : ".token");
  a.cert_field = u->field + ".client-certificate";
  a.key_field = u->field + ".client-key";
  if (!u->cert_file.empty() && !u->cert_pem.empty())
    throw KubeconfigError(source_, a.cert_field + "-data",
                          "client-certificate-data and client-certificate are both set");
  if (!u->key_file.empty() && !u->key_pem.empty())
    throw KubeconfigError(source_, a.key_field + "-data",
                          "client-key-data and client-key are both set");
  const bool cert = !u->cert_file.empty() || !u->cert_pem.empty();
  const bool key = !u->key_file.empty() || !u->key_pem.empty();
  if (cert && !key)
    throw KubeconfigError(source_, a.key_field,
                          "client-key or client-key-data is needed with a client certificate");
  if (key && !cert)
    throw KubeconfigError(source_, a.cert_field,
                          "client-certificate or client-certificate-data is needed with a key");
  a.cert_file = u->cert_file;
  a.cert_pem = u->cert_pem;
  a.key_file = u->key_file;
  a.key_pem = u->key_pem;
  if (u->exec) {
    check_exec(source_, *u->exec);
    a.exec = u->exec;
  }
  return a;
}

}  // namespace fleetsim::calibrate
