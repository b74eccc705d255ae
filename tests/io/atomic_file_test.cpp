#include "topica/atomic_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {
namespace fs = std::filesystem;

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(AtomicFile, CommitReplacesTheTargetWhole) {
  test::ScratchDir dir;
  const std::string path = dir.write("out.txt", "old content");
  AtomicFile file(path);
  file.write("new ");
  EXPECT_EQ(test::read_file(path), "old content");  // nothing visible before commit
  file.write("content");
  file.commit();
  EXPECT_EQ(test::read_file(path), "new content");
  EXPECT_EQ(entries(dir.path()), 1u);
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::others_read, fs::perms::others_read);
}

TEST(AtomicFile, NoCommitLeavesNothing) {
  test::ScratchDir dir;
  {
    AtomicFile file(dir.file("never.txt"));
    file.write("partial");
  }
  EXPECT_EQ(entries(dir.path()), 0u);
}

TEST(AtomicFile, AnExceptionBeforeCommitLeavesTheOldFile) {
  test::ScratchDir dir;
  const std::string path = dir.write("keep.txt", "keep me");
  try {
    AtomicFile file(path);
    file.write("half");
    throw std::runtime_error("stage failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(test::read_file(path), "keep me");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, UnwritableDirectoryIsAClearError) {
  try {
    AtomicFile file("/nonexistent-dir/out.txt");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/out.txt"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace topica
