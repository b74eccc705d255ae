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

std::uintmax_t links(const std::string& path) { return fs::hard_link_count(path); }

TEST(AtomicFile, IdenticalBytesLinkTheCandidateInsteadOfCopying) {
  test::ScratchDir dir;
  const std::string source = dir.write("source.bin", "abcdefgh");
  const std::string same = dir.file("same.bin");
  AtomicFile file(same, source);
  file.write("abcd");
  file.write("efgh");
  file.commit();
  EXPECT_EQ(test::read_file(same), "abcdefgh");
  EXPECT_TRUE(fs::equivalent(same, source));
  EXPECT_EQ(links(source), 2u);
  EXPECT_EQ(entries(dir.path()), 2u);  // no temporary left behind
}

TEST(AtomicFile, DifferentShorterOrLongerBytesAreWrittenInFull) {
  test::ScratchDir dir;
  const std::string source = dir.write("source.bin", "abcdefgh");
  const std::vector<std::vector<std::string>> cases{{"abcd", "eXgh"}, {"abcd"}, {"abcdefgh", "ij"}, {"Z"}, {}};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string out = dir.file("out" + std::to_string(i) + ".bin");
    std::string expected;
    AtomicFile file(out, source);
    for (const std::string& piece : cases[i]) {
      file.write(piece);
      expected += piece;
    }
    file.commit();
    EXPECT_EQ(test::read_file(out), expected) << i;
    EXPECT_FALSE(fs::equivalent(out, source)) << i;
  }
  EXPECT_EQ(test::read_file(source), "abcdefgh");
  EXPECT_EQ(links(source), 1u);
  const std::string missing = dir.file("from-missing.bin");
  write_file_atomically(missing, "abc", dir.file("no-such-file"));
  EXPECT_EQ(test::read_file(missing), "abc");
}

}  // namespace
}  // namespace topica
