// topica version: the build and what this CPU lets the kernels use.
#include <fmt/format.h>

#include "cli/verbs.hpp"
#include "topica/cpu.hpp"
#include "topica/version.hpp"

namespace topica::cli {

void add_version(CLI::App& app) {
  auto* verb = app.add_subcommand("version", "Print the version and the SIMD level chosen for this CPU");
  verb->callback([] {
    const CpuFeatures cpu = detect_cpu_features();
    fmt::print("topica {}\ncpu features: {}\nfloat kernels: {}\n", version(), describe(cpu), simd_level(cpu));
  });
  app.set_version_flag("--version", std::string("topica ") + version());
}

}  // namespace topica::cli
