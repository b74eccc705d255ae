// `topica transform` on a model folder written by `topica fit`.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/model_fixture.hpp"
#include "support/test_support.hpp"

namespace topica {
namespace {

using test::run_cli;
using test::ScratchDir;

TEST(TransformCli, TheBuiltInEmbedderPlacesNewDocumentsAsTheFitPlacedItsOwn) {
  ScratchDir dir;
  const auto docs = test::subjects_corpus(dir, "docs.txt", 20);
  const auto model = dir.file("model");
  const auto fit = run_cli({"fit", "--corpus", docs, "--out", model, "--stop-words", "english", "--threads", "2"});
  ASSERT_EQ(fit.exit_code, 0) << fit.err;
  for (const char* f : {"transform.json", "transform.safetensors", "embedder.json", "embedder.safetensors"}) {
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(model) / f)) << f;
  }
  // The training documents themselves land in the topics the fit gave them.
  const auto out = dir.file("placed.csv");
  const auto r = run_cli({"transform", model, "--corpus", docs, "--output", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto fitted = test::read_file(model + "/documents.csv");
  const auto placed = test::read_file(out);
  std::istringstream a(fitted), b(placed);
  std::string la, lb;
  std::getline(a, la);
  std::getline(b, lb);
  EXPECT_EQ(lb, "row,topic,probability");
  std::size_t rows = 0, agree = 0;
  while (std::getline(a, la) && std::getline(b, lb)) {
    ++rows;
    agree += la.substr(0, la.rfind(',')) == lb.substr(0, lb.rfind(','));
  }
  EXPECT_EQ(rows, 60u);
  EXPECT_GE(agree, 57u) << placed;
}

TEST(TransformCli, AModelFittedFromEmbeddingsAsksForThem) {
  ScratchDir dir;
  const auto docs = test::subjects_corpus(dir, "docs.txt", 4);
  std::string labels;
  for (int i = 0; i < 12; ++i) labels += std::to_string(i % 3) + "\n";
  const auto npy = dir.file("e.npy");
  ASSERT_EQ(test::run_shell("/usr/bin/python3 -c \"import numpy; numpy.save('" + npy +
                            "', numpy.eye(12, 3, dtype='f4') + numpy.tile(numpy.eye(3, dtype='f4'), (4, 1)))\"")
                .exit_code,
            0);
  const auto model = dir.file("model");
  ASSERT_EQ(run_cli({"fit", "--corpus", docs, "--embeddings", npy, "--labels", dir.write("l.txt", labels), "--out", model})
                .exit_code,
            0);
  auto r = run_cli({"transform", model, "--corpus", docs, "--output", dir.file("t.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("pass --embeddings"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("t.csv")));
  // With them, manual topics are placed by their topic embeddings.
  r = run_cli({"transform", model, "--corpus", docs, "--embeddings", npy, "--output", dir.file("t.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(test::read_file(dir.file("t.csv")).substr(0, 22), "row,topic,probability\n");
  // A missing model folder and a wrong-width embeddings file are one-line errors.
  r = run_cli({"transform", dir.file("nope"), "--corpus", docs, "--output", dir.file("u.csv")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
  const auto wide = dir.file("w.npy");
  ASSERT_EQ(test::run_shell("/usr/bin/python3 -c \"import numpy; numpy.save('" + wide + "', numpy.ones((12, 4), 'f4'))\"").exit_code, 0);
  r = run_cli({"transform", model, "--corpus", docs, "--embeddings", wide, "--output", dir.file("u.csv")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("4 columns"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("u.csv")));
}

}  // namespace
}  // namespace topica
