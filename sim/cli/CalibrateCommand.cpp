// fleetsim calibrate --kubeconfig: measures a live API server with a bounded,
// self-cleaning ConfigMap workload and writes a latency model (docs/calibration.md).
// With --from-metrics the command is calibrate_from_metrics (CalibrateFromMetrics.cpp).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "calibrate/BeastTransport.hpp"
#include "calibrate/CalibratedModel.hpp"
#include "calibrate/Credentials.hpp"
#include "calibrate/Kubeconfig.hpp"
#include "calibrate/KubeconfigError.hpp"
#include "calibrate/LiveCalibration.hpp"
#include "calibrate/LiveCalibrationError.hpp"
#include "calibrate/SteadyClock.hpp"
#include "cli/CalibrateOptions.hpp"
#include "cli/Commands.hpp"
#include "cli/StopSignal.hpp"
#include "fleetsim_version.h"

namespace fleetsim::cli {

namespace {

using namespace fleetsim::calibrate;
const char* const kPrefix = "fleetsim calibrate: ";

std::string read_kubeconfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw KubeconfigError(path, "", "cannot read the kubeconfig");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// The transport for the selected context; refuses plain HTTP to other hosts than loopback.
std::unique_ptr<BeastTransport> make_transport(const CalibrateOptions& o, const ClusterAccess& a) {
  BeastTransport::Options t;
  try {
    t.url = ServerUrl::parse(a.server);
  } catch (const std::invalid_argument& e) {
    throw KubeconfigError(a.source, a.server_field, std::string(e.what()));
  }
  if (!t.url.tls && !t.url.is_loopback() && !o.insecure_http)
    throw KubeconfigError(a.source, a.server_field,
                          "plain http:// to " + t.url.host +
                              " would send credentials unencrypted; refused (pass "
                              "--insecure-http to allow it)");
  if (a.insecure_skip_tls_verify && t.url.tls)
    std::cerr << kPrefix << "warning: " << a.source << ": insecure-skip-tls-verify is set for "
              << "cluster " << a.cluster << ": the server's certificate is NOT verified\n";
  t.insecure_skip_tls_verify = a.insecure_skip_tls_verify;
  t.tls_server_name = a.tls_server_name;
  t.timeout = o.timeout;
  t.user_agent = std::string("fleetsim-calibrate/") + FLEETSIM_VERSION;
  t.credentials = Credentials::load(a);
  std::cerr << kPrefix << "context " << a.context << ", server " << t.url.origin()
            << ", authentication: " << t.credentials.auth_kind << "\n";
  return std::make_unique<BeastTransport>(std::move(t), a);
}

void write_model(const std::string& out, const nlohmann::ordered_json& model) {
  const std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << CalibratedModel::text(model);
    if (!f) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, out);
}

}  // namespace

int calibrate_command(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--from-metrics") return calibrate_from_metrics(args);
  const CalibrateOptions o = CalibrateOptions::parse(args);
  // The output must be writable before the cluster is touched.
  {
    std::ofstream probe(o.out + ".tmp", std::ios::binary | std::ios::trunc);
    if (!probe) {
      std::cerr << kPrefix << "cannot write " << o.out << "\n";
      return 2;
    }
  }
  std::filesystem::remove(o.out + ".tmp");
  std::unique_ptr<BeastTransport> transport;
  try {
    const Kubeconfig k = Kubeconfig::parse(read_kubeconfig(o.kubeconfig), o.kubeconfig);
    transport = make_transport(o, k.select(o.context));
  } catch (const KubeconfigError& e) {
    std::cerr << kPrefix << e.what() << "\n";
    return 2;
  }
  SteadyClock clock;
  StopSignal signals;
  LiveCalibration calibration(
      *transport, clock, o.calibration, [] { return StopSignal::requested(); }, std::cerr);
  LiveCalibration::Result r;
  try {
    r = calibration.run();
  } catch (const LiveCalibrationError& e) {
    std::cerr << kPrefix << e.what() << "\n";
    return e.exit_code();
  }
  Provenance p;
  p.server = transport->describe();
  p.server_version = r.server_version;
  p.date = utc_now();
  p.fleetsim_version = FLEETSIM_VERSION;
  p.levels = o.calibration.workload.levels;
  p.requests = o.calibration.workload.requests;
  p.duration = o.calibration.workload.duration;
  p.object_size = o.calibration.workload.object_size;
  p.qps = o.calibration.sender.qps;
  std::cout << CalibratedModel::table(r.measurements, p.levels);
  try {
    write_model(o.out, CalibratedModel::build(r.measurements, p));
  } catch (const std::exception& e) {
    std::cerr << kPrefix << "no model written: " << e.what() << "\n";
    return 1;
  }
  std::cerr << kPrefix << "model written to " << o.out << "\n";
  return 0;
}

}  // namespace fleetsim::cli
