// The fit -> transform pipeline on synthetic topics: blobs of embeddings, each with its own words.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "support/test_support.hpp"
#include "topics/blob_corpus.hpp"
#include "topica/cluster_metrics.hpp"
#include "topica/error.hpp"
#include "topica/random.hpp"
#include "topica/saved_model.hpp"
#include "topica/topic_pipeline.hpp"

namespace topica {
namespace {

using test::kBlobs;
using test::kDim;
using Corpus = test::BlobCorpus;

Corpus make_corpus(std::size_t per_blob, std::uint64_t seed) { return test::make_blob_corpus(per_blob, seed); }

PipelineOptions options(std::size_t threads = 0) {
  PipelineOptions o;
  o.threads = threads;
  o.umap.n_epochs = 100;  // small inputs: fewer epochs keep the test quick
  return o;
}

const FittedTopics& fitted_once() {
  static const FittedTopics fitted = [] {
    const Corpus c = make_corpus(100, 1);
    return fit_topics(c.docs, c.embeddings, options());
  }();
  return fitted;
}

Matrix<float> rows(const Matrix<float>& m, std::size_t begin, std::size_t end) {
  Matrix<float> out(end - begin, m.cols);
  std::memcpy(out.values.data(), m.row(begin), (end - begin) * m.cols * sizeof(float));
  return out;
}

TEST(TopicPipeline, FindsTheBlobsAsTopics) {
  const Corpus c = make_corpus(100, 1);
  const FittedTopics& f = fitted_once();
  std::vector<std::int64_t> topics(f.model.assignments.begin(), f.model.assignments.end());
  EXPECT_GT(adjusted_rand_index(c.blob, topics), 0.95);
  ASSERT_FALSE(f.model.topics.empty());
  const Topic& first = f.model.topics[*f.model.index_of(0)];
  EXPECT_EQ(first.words.front().word.substr(0, 2), "w" + std::to_string(c.blob[first.representative_rows.front()]));
}

TEST(TopicPipeline, SameSeedSameTopicsForAnyThreadCount) {
  const Corpus c = make_corpus(60, 2);
  const FittedTopics one = fit_topics(c.docs, c.embeddings, options(1));
  const FittedTopics two = fit_topics(c.docs, c.embeddings, options(2));
  EXPECT_EQ(one.model.assignments, two.model.assignments);
  EXPECT_EQ(one.model.probabilities, two.model.probabilities);
  EXPECT_EQ(one.transform.umap.embedding.values, two.transform.umap.embedding.values);
}

TEST(TopicPipeline, ADocumentGetsTheSameTopicAloneOrInABatch) {
  const FittedTopics& f = fitted_once();
  const Corpus fresh = make_corpus(25, 99);
  const TopicPrediction batch = transform_topics(f.model, &f.transform, fresh.embeddings, true);
  ASSERT_EQ(batch.topics.size(), fresh.docs.size());
  std::vector<std::int64_t> predicted(batch.topics.begin(), batch.topics.end());
  EXPECT_GT(adjusted_rand_index(fresh.blob, predicted), 0.9);
  for (std::size_t i = 0; i < fresh.docs.size(); i += 7) {
    const TopicPrediction alone = transform_topics(f.model, &f.transform, rows(fresh.embeddings, i, i + 1), true);
    EXPECT_EQ(alone.topics[0], batch.topics[i]) << "row " << i;
    EXPECT_EQ(alone.probabilities[0], batch.probabilities[i]) << "row " << i;
    for (std::size_t t = 0; t < batch.distributions.cols; ++t) EXPECT_EQ(alone.distributions(0, t), batch.distributions(i, t));
  }
}

TEST(TopicPipeline, ALoadedModelTransformsExactlyAsBeforeSaving) {
  const FittedTopics& f = fitted_once();
  test::ScratchDir dir;
  SavedModel saved{f.model, {"precomputed: test", ""}, f.transform, std::nullopt, std::nullopt, {}, {}};
  save_model(saved, dir.file("model"));
  const SavedModel loaded = load_model(dir.file("model"));
  ASSERT_TRUE(loaded.transform.has_value());
  EXPECT_FALSE(loaded.embedder.has_value());
  EXPECT_EQ(loaded.transform->umap.embedding.values, f.transform.umap.embedding.values);
  EXPECT_EQ(loaded.transform->hdbscan.labels, f.transform.hdbscan.labels);
  EXPECT_EQ(loaded.transform->topic_of_cluster, f.transform.topic_of_cluster);
  const Corpus fresh = make_corpus(20, 7);
  const TopicPrediction before = transform_topics(f.model, &f.transform, fresh.embeddings, true);
  const TopicPrediction after = transform_topics(loaded.model, &*loaded.transform, fresh.embeddings, true);
  EXPECT_EQ(before.topics, after.topics);
  EXPECT_EQ(before.probabilities, after.probabilities);
  EXPECT_EQ(before.distributions.values, after.distributions.values);
}

TEST(TopicPipeline, ManualTopicsTransformByTheNearestTopicEmbedding) {
  const Corpus c = make_corpus(30, 3);
  std::vector<int> labels(c.blob.begin(), c.blob.end());
  const TopicModel model = build_topics(c.docs, labels, c.embeddings, TopicOptions{});
  const Corpus fresh = make_corpus(5, 4);
  const TopicPrediction p = transform_topics(model, nullptr, fresh.embeddings, false);
  for (std::size_t i = 0; i < fresh.docs.size(); ++i) {
    // Topics are renumbered by size (all equal: first seen first), so blob b is topic b here.
    EXPECT_EQ(p.topics[i], fresh.blob[i]) << i;
    EXPECT_GT(p.probabilities[i], 0.9f);
  }
}

TEST(TopicPipeline, BadInputIsRefused) {
  const Corpus c = make_corpus(2, 5);  // 8 documents, fewer than the minimum topic size
  EXPECT_THROW(fit_topics(c.docs, c.embeddings, options()), UsageError);
  const FittedTopics& f = fitted_once();
  EXPECT_THROW(transform_topics(f.model, &f.transform, Matrix<float>(3, kDim + 1), false), UsageError);
}

TEST(TopicPipeline, ACorruptTransformFileIsNamed) {
  const FittedTopics& f = fitted_once();
  test::ScratchDir dir;
  save_model(SavedModel{f.model, {"precomputed: test", ""}, f.transform, std::nullopt, std::nullopt, {}, {}}, dir.file("model"));
  const std::string tensors = dir.file("model/transform.safetensors");
  std::filesystem::resize_file(tensors, std::filesystem::file_size(tensors) / 2);
  try {
    load_model(dir.file("model"));
    FAIL() << "a truncated transform.safetensors loaded";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("transform.safetensors"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace topica
