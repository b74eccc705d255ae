// The built-in LSA embedder: new documents are embedded as the training ones were, and a saved
// embedder gives the same bits.
#include <gtest/gtest.h>

#include "topica/embedder.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

std::vector<std::string> documents() {
  std::vector<std::string> docs;
  const char* topics[] = {"python library parsing json files", "video codec audio stream player",
                          "rust crate serde feature", "perl module cpan subroutine"};
  for (int i = 0; i < 40; ++i) docs.push_back(std::string(topics[i % 4]) + " number" + std::to_string(i % 7) + " extra" + std::to_string(i % 3));
  return docs;
}

TEST(LsaEmbedder, EmbedsTrainingDocumentsAsTheFitDid) {
  LsaOptions o;
  o.dimensions = 8;
  LsaEmbedder e(o);
  const auto docs = documents();
  const Matrix<float> fitted = e.fit_embed(docs);
  ASSERT_EQ(fitted.rows, docs.size());
  EXPECT_EQ(fitted.cols, 8u);
  const Matrix<float> again = e.embed(docs);
  for (std::size_t i = 0; i < fitted.values.size(); ++i) EXPECT_NEAR(again.values[i], fitted.values[i], 1e-6);
  // Unit rows, and documents of one subject closer to each other than to another subject.
  double norm = 0, same = 0, other = 0;
  for (std::size_t d = 0; d < fitted.cols; ++d) {
    norm += fitted(0, d) * fitted(0, d);
    same += fitted(0, d) * fitted(4, d);
    other += fitted(0, d) * fitted(1, d);
  }
  EXPECT_NEAR(norm, 1.0, 1e-5);
  EXPECT_GT(same, other + 0.3);
}

TEST(LsaEmbedder, RestoredFromItsStateGivesTheSameBits) {
  LsaOptions o;
  o.dimensions = 6;
  LsaEmbedder e(o);
  const auto docs = documents();
  e.fit_embed(docs);
  const LsaEmbedder copy(o, TfidfVectorizer::with_state(e.tfidf().options(), e.tfidf().vocabulary(), e.tfidf().idf()),
                         TruncatedSvd(e.svd().model()));
  const std::vector<std::string> fresh{"json parsing in python", "an unknown word only: zzzz"};
  EXPECT_EQ(copy.embed(fresh).values, e.embed(fresh).values);
  EXPECT_EQ(copy.dimensions(), 6u);
}

TEST(LsaEmbedder, SmallCorporaGetFewerDimensionsAndUnfittedIsAnError) {
  LsaEmbedder e;
  EXPECT_THROW(e.embed(documents()), Error);
  EXPECT_THROW(e.fit_embed(std::vector<std::string>{"one document"}), UsageError);
  e.fit_embed(documents());
  EXPECT_LT(e.dimensions(), 384u);
}

}  // namespace
}  // namespace topica
