// The whole command line builds: CLI11 throws OptionAlreadyAdded if two options of a verb share
// a flag, so this fails as soon as a verb reuses a flag of the shared table.
#include <gtest/gtest.h>

#include "cli/verbs.hpp"

namespace topica::cli {
namespace {

void expect_shared_flags_mean_the_same(const CLI::App& app) {
  for (const CLI::App* verb : app.get_subcommands({})) {
    for (const CLI::Option* option : verb->get_options()) {
      // --out is a folder and --output a file in every verb; neither takes a short alias.
      if (option->check_lname("output") || option->check_lname("out")) {
        EXPECT_TRUE(option->get_snames().empty());
      }
    }
    expect_shared_flags_mean_the_same(*verb);
  }
}

TEST(OptionTable, EveryVerbRegistersWithoutDuplicateFlags) {
  CLI::App app;
  ASSERT_NO_THROW(build_app(app));
  EXPECT_NE(app.get_subcommand("corpus"), nullptr);
  EXPECT_NE(app.get_subcommand("corpus")->get_subcommand("stats"), nullptr);
  EXPECT_NE(app.get_subcommand("corpus")->get_subcommand("debian"), nullptr);
  expect_shared_flags_mean_the_same(app);
}

}  // namespace
}  // namespace topica::cli
