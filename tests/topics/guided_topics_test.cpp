// Guided (seed topics) and zero-shot topics against their definitions, computed here
// independently: which documents take which seed or zero-shot topic, the 3:1 pull towards a seed,
// the seed words' idf factor, and determinism across thread counts.
#include "topica/guided_topics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "support/test_support.hpp"
#include "topics/blob_corpus.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

using test::kBlobs;
using test::kDim;
std::vector<float> centre(std::size_t blob) {
  std::vector<float> v(kDim, 0.0f);
  for (std::size_t d = blob; d < kDim; d += kBlobs) v[d] = 1.0f;
  return v;
}

Matrix<float> matrix_of(const std::vector<std::vector<float>>& rows) {
  Matrix<float> m(rows.size(), rows.front().size());
  for (std::size_t i = 0; i < rows.size(); ++i) std::copy(rows[i].begin(), rows[i].end(), m.row(i));
  return m;
}

double cosine(const float* a, const float* b, std::size_t n) {
  double dot = 0, na = 0, nb = 0;
  for (std::size_t j = 0; j < n; ++j) dot += double(a[j]) * b[j], na += double(a[j]) * a[j], nb += double(b[j]) * b[j];
  return dot / std::sqrt(na * nb);
}

PipelineOptions options(std::size_t threads) {
  PipelineOptions o;
  o.threads = threads;
  o.umap.n_epochs = 60;
  o.hdbscan.min_cluster_size = 8;
  return o;
}

TEST(GuidedTopics, DocumentsTakeTheNearestSeedAndArePulledThreeToOne) {
  const test::BlobCorpus c = test::make_blob_corpus(10, 3);
  // Seed 0 points at blob 0, seed 1 halfway between blobs 1 and 2; blob 3 is nearest the mean.
  std::vector<float> between = centre(1);
  for (std::size_t d = 2; d < kDim; d += kBlobs) between[d] = 1.0f;
  const Matrix<float> seeds = matrix_of({centre(0), between});
  const SeedGuidance g = guide_by_seed_topics(c.embeddings, seeds);

  std::vector<float> mean(kDim, 0.0f);
  for (std::size_t d = 0; d < kDim; ++d) {
    double s = 0;
    for (std::size_t i = 0; i < c.embeddings.rows; ++i) s += c.embeddings(i, d);
    mean[d] = static_cast<float>(s / static_cast<double>(c.embeddings.rows));
  }
  std::set<int> seen;
  for (std::size_t i = 0; i < c.embeddings.rows; ++i) {
    const double s0 = cosine(c.embeddings.row(i), seeds.row(0), kDim), s1 = cosine(c.embeddings.row(i), seeds.row(1), kDim);
    const double sm = cosine(c.embeddings.row(i), mean.data(), kDim);
    const int expected = sm > s0 && sm > s1 ? -1 : (s1 > s0 ? 1 : 0);
    ASSERT_EQ(g.labels[i], expected) << "document " << i;
    seen.insert(expected);
    for (std::size_t d = 0; d < kDim; ++d) {
      const float x = c.embeddings(i, d);
      const float want = expected < 0 ? x : static_cast<float>((3.0 * x + seeds(static_cast<std::size_t>(expected), d)) / 4.0);
      EXPECT_FLOAT_EQ(g.embeddings(i, d), want) << i << ", " << d;
    }
  }
  EXPECT_EQ(seen.size(), 3u) << "the data should exercise both seeds and the mean row";
  EXPECT_THROW(guide_by_seed_topics(c.embeddings, Matrix<float>(1, kDim + 1)), UsageError);
}

TEST(GuidedTopics, SeedWordsGetTheirIdfTimesOnePointTwo) {
  const test::BlobCorpus c = test::make_blob_corpus(6, 5);
  std::vector<int> labels;
  for (std::size_t i = 0; i < c.docs.size(); ++i) labels.push_back(static_cast<int>(i % kBlobs));
  TopicOptions plain;
  TopicOptions seeded = plain;
  seeded.seed_words = {"w0x1", "w2x3", "notaword"};
  const TopicModel a = build_topics(c.docs, labels, Matrix<float>(), plain);
  const TopicModel b = build_topics(c.docs, labels, Matrix<float>(), seeded);
  ASSERT_EQ(a.vectorizer.vocabulary(), b.vectorizer.vocabulary());
  ASSERT_TRUE(a.vectorizer.column_of("w0x1") && a.vectorizer.column_of("w2x3"));
  for (std::size_t col = 0; col < a.vectorizer.vocabulary().size(); ++col) {
    const std::string& term = a.vectorizer.vocabulary()[col];
    const double factor = term == "w0x1" || term == "w2x3" ? 1.2 : 1.0;
    EXPECT_DOUBLE_EQ(b.ctfidf.idf()[col], a.ctfidf.idf()[col] * factor) << term;
  }
}

TEST(GuidedTopics, FitIsDeterministicAcrossThreadsAndKeepsThePulledEmbeddings) {
  const std::size_t per_blob = test::kSanitized ? 15 : 30;
  const test::BlobCorpus c = test::make_blob_corpus(per_blob, 7);
  const std::vector<std::vector<std::string>> seed_topics = {{"w0x1", "w0x2"}, {"w1x4"}};
  const Matrix<float> seeds = matrix_of({centre(0), centre(1)});
  const FittedTopics one = fit_guided_topics(c.docs, c.embeddings, seed_topics, seeds, options(1));
  const FittedTopics two = fit_guided_topics(c.docs, c.embeddings, seed_topics, seeds, options(2));
  EXPECT_EQ(one.model.assignments, two.model.assignments);
  EXPECT_EQ(one.model.probabilities, two.model.probabilities);
  EXPECT_EQ(one.transform.umap.embedding.values, two.transform.umap.embedding.values);
  EXPECT_EQ(one.model.options.seed_words, (std::vector<std::string>{"w0x1", "w0x2", "w1x4"}));
  EXPECT_EQ(one.transform.embeddings.values, guide_by_seed_topics(c.embeddings, seeds).embeddings.values);
  // Blob 0's documents share one topic.
  std::set<int> blob0;
  for (std::size_t i = 0; i < c.docs.size(); i += kBlobs) blob0.insert(one.model.assignments[i]);
  EXPECT_EQ(blob0.size(), 1u);
  EXPECT_THROW(fit_guided_topics(c.docs, c.embeddings, {{"a"}}, seeds, options(1)), UsageError);
}

TEST(ZeroShotTopics, DocumentsAtOrAboveTheThresholdTakeTheNearestName) {
  const test::BlobCorpus c = test::make_blob_corpus(10, 9);
  const Matrix<float> names = matrix_of({centre(0), centre(2), centre(3)});
  for (double threshold : {0.5, 0.9, 0.95}) {
    const std::vector<int> got = zero_shot_assignments(c.embeddings, names, threshold);
    for (std::size_t i = 0; i < c.embeddings.rows; ++i) {
      int best = 0;
      double best_sim = -2;
      for (std::size_t n = 0; n < names.rows; ++n) {
        const double s = cosine(c.embeddings.row(i), names.row(n), kDim);
        if (s > best_sim) best_sim = s, best = static_cast<int>(n);
      }
      EXPECT_EQ(got[i], best_sim >= threshold ? best : -1) << "document " << i << " at " << threshold;
    }
  }
}

TEST(ZeroShotTopics, NamedTopicsComeFirstAndTheRestAreClustered) {
  const std::size_t per_blob = test::kSanitized ? 15 : 25;
  const test::BlobCorpus c = test::make_blob_corpus(per_blob, 11);
  // "far" matches nothing; blobs 0 and 2 are claimed, blobs 1 and 3 are left to clustering.
  std::vector<float> far(kDim, 0.0f);
  far[0] = 1.0f;
  far[1] = -1.0f;
  const std::vector<std::string> names = {"blob two", "far", "blob zero"};
  const Matrix<float> name_embeddings = matrix_of({centre(2), far, centre(0)});
  const std::vector<int> claimed = zero_shot_assignments(c.embeddings, name_embeddings, 0.7);
  const ZeroShotTopics z = fit_zero_shot_topics(c.docs, c.embeddings, names, name_embeddings, 0.7, options(1));
  const ZeroShotTopics z2 = fit_zero_shot_topics(c.docs, c.embeddings, names, name_embeddings, 0.7, options(2));
  EXPECT_EQ(z.model.assignments, z2.model.assignments);  // the thread count never matters
  EXPECT_EQ(z.model.probabilities, z2.model.probabilities);
  EXPECT_FALSE(z.transform.has_value());  // placed by topic embeddings, as BERTopic's model
  ASSERT_EQ(z.zero_shot_topics, 2u);
  std::map<int, std::string> label_of_claimed;
  for (std::size_t i = 0; i < c.docs.size(); ++i) {
    const int topic = z.model.assignments[i];
    if (claimed[i] >= 0) {
      ASSERT_GE(topic, 0);
      ASSERT_LT(topic, 2) << "document " << i;
      const Topic& t = z.model.topics[*z.model.index_of(topic)];
      EXPECT_EQ(t.label, names[static_cast<std::size_t>(claimed[i])]);
      label_of_claimed[topic] = t.label;
    } else {
      EXPECT_TRUE(topic < 0 || topic >= 2) << "document " << i << " took a zero-shot topic";
    }
  }
  EXPECT_EQ(label_of_claimed.size(), 2u);
  EXPECT_GT(z.model.topics.size(), 3u) << "blobs 1 and 3 are clustered into topics of their own";
  // Probabilities are the cosine similarity to the nearest topic embedding.
  for (std::size_t i = 0; i < c.docs.size(); ++i) {
    double best = -2;
    for (std::size_t t = 0; t < z.model.topic_embeddings.rows; ++t) {
      best = std::max(best, cosine(c.embeddings.row(i), z.model.topic_embeddings.row(t), kDim));
    }
    EXPECT_NEAR(z.model.probabilities[i], best, 1e-5) << i;
  }
}

TEST(ZeroShotTopics, AllClaimedMeansNoClusteringAndNoneClaimedAPlainFit) {
  const test::BlobCorpus c = test::make_blob_corpus(10, 13);
  const std::vector<std::string> names = {"a", "b", "c", "d"};
  const Matrix<float> all = matrix_of({centre(0), centre(1), centre(2), centre(3)});
  const ZeroShotTopics every = fit_zero_shot_topics(c.docs, c.embeddings, names, all, 0.5, options(1));
  EXPECT_EQ(every.zero_shot_topics, 4u);
  EXPECT_EQ(every.model.topics.size(), 4u);
  EXPECT_FALSE(every.model.index_of(-1).has_value());
  EXPECT_FALSE(every.transform.has_value());
  const ZeroShotTopics none = fit_zero_shot_topics(c.docs, c.embeddings, names, all, 0.9999, options(1));
  EXPECT_EQ(none.zero_shot_topics, 0u);
  EXPECT_TRUE(none.transform.has_value());
  for (const Topic& t : none.model.topics) EXPECT_TRUE(t.label.empty());
  EXPECT_THROW(fit_zero_shot_topics(c.docs, c.embeddings, {}, Matrix<float>(), 0.7, options(1)), UsageError);
}

}  // namespace
}  // namespace topica
