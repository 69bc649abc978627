#include <cstdio>

#include "fleetsim_version.h"

int main() {
  std::printf("fleetsim %s\n", FLEETSIM_VERSION);
  return 0;
}
