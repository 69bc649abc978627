// ServerUrl and Base64: the pieces of a kubeconfig's server and *-data fields.
#include "calibrate/ServerUrl.hpp"

#include <gtest/gtest.h>

#include "calibrate/Base64.hpp"

namespace fleetsim::calibrate {
namespace {

TEST(ServerUrl, ParsesHostsPortsAndPaths) {
  auto u = ServerUrl::parse("https://api.example.com");
  EXPECT_TRUE(u.tls);
  EXPECT_EQ(u.host, "api.example.com");
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.base_path, "");
  u = ServerUrl::parse("http://10.0.0.1:8080/k8s/clusters/c-1/");
  EXPECT_FALSE(u.tls);
  EXPECT_EQ(u.port, 8080);
  EXPECT_EQ(u.base_path, "/k8s/clusters/c-1");
  u = ServerUrl::parse("https://[::1]:6443");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.origin(), "https://[::1]:6443");
  EXPECT_TRUE(u.host_is_ip());
}

TEST(ServerUrl, RejectsWhatIsNotAServerUrl) {
  for (const char* bad : {"ftp://x", "https://", "https://x:0", "https://x:99999", "https://x:a",
                          "https://u:p@x", "https://x/?q=1", "https://[::1", "10.0.0.1:6443"})
    EXPECT_THROW(ServerUrl::parse(bad), std::invalid_argument) << bad;
}

TEST(ServerUrl, Loopback) {
  EXPECT_TRUE(ServerUrl::parse("http://127.0.0.1:1").is_loopback());
  EXPECT_TRUE(ServerUrl::parse("http://127.9.9.9:1").is_loopback());
  EXPECT_TRUE(ServerUrl::parse("http://localhost:1").is_loopback());
  EXPECT_TRUE(ServerUrl::parse("http://[::1]:1").is_loopback());
  EXPECT_FALSE(ServerUrl::parse("http://10.0.0.1:1").is_loopback());
  EXPECT_FALSE(ServerUrl::parse("http://example.com").is_loopback());
  EXPECT_FALSE(ServerUrl::parse("http://[::2]:1").is_loopback());
}

TEST(Base64, RoundTripAndErrors) {
  const std::vector<std::string> samples{"",    "a",    "ab",
                                         "abc", "abcd", std::string("\x00\xff\x10 key", 8)};
  for (const std::string& s : samples) EXPECT_EQ(base64_decode(base64_encode(s)), s);
  EXPECT_EQ(base64_encode("abc"), "YWJj");
  EXPECT_EQ(base64_decode("YW\nJj\r\n"), "abc");
  EXPECT_FALSE(base64_decode("YWJ"));
  EXPECT_FALSE(base64_decode("Y*Jj"));
  EXPECT_FALSE(base64_decode("YW=j"));
  EXPECT_FALSE(base64_decode("=AAA"));
}

}  // namespace
}  // namespace fleetsim::calibrate
