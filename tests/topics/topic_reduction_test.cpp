// reduce_topics, merge_topics and delete_topics against their definitions: the reduced mapping is
// scikit-learn's cut of the average-linkage tree (tests/fixtures/topic_reduction, written by
// scripts/make_topic_reduction_fixtures.py), and every changed model equals a fresh build_topics
// on the changed labels.
#include <gtest/gtest.h>

#include <cmath>

#include "topica/error.hpp"
#include "topica/hdbscan.hpp"
#include "topica/topic_reduction.hpp"
#include "topics/topic_reduction_fixture.hpp"

namespace topica {
namespace {

using test::reference_model;
using test::same_partition;
using test::topic_reduction_reference;

std::vector<int> mapped_topics(const TopicMapping& mapping, std::size_t topics) {
  std::vector<int> out;
  for (std::size_t t = 0; t < topics; ++t) out.push_back(mapping.at(static_cast<int>(t)));
  return out;
}

// The labels a mapping gives the documents, outliers kept.
std::vector<int> mapped_documents(const TopicModel& model, const TopicMapping& mapping) {
  std::vector<int> labels;
  for (int t : model.assignments) labels.push_back(t < 0 ? -1 : mapping.at(t));
  return labels;
}

// The rebuilt model equals build_topics on the mapped labels, word for word.
void expect_rebuilt(const SavedModel& changed, const SavedModel& original, const TopicMapping& mapping) {
  const TopicModel expected = build_topics(original.documents, mapped_documents(original.model, mapping),
                                           original.embeddings, original.model.options);
  ASSERT_EQ(changed.model.topics.size(), expected.topics.size());
  for (std::size_t i = 0; i < expected.topics.size(); ++i) {
    EXPECT_EQ(changed.model.topics[i].name, expected.topics[i].name);
    EXPECT_EQ(changed.model.topics[i].size, expected.topics[i].size);
    EXPECT_EQ(changed.model.topics[i].representative_rows, expected.topics[i].representative_rows);
  }
  EXPECT_EQ(changed.model.assignments, expected.assignments);
  EXPECT_EQ(changed.model.ctfidf_matrix.values, expected.ctfidf_matrix.values);
  EXPECT_EQ(changed.model.topic_embeddings.values, expected.topic_embeddings.values);
}

TEST(TopicReduction, TheReferenceTopicEmbeddingsAreTheModels) {
  const auto ref = topic_reduction_reference();
  const SavedModel saved = reference_model(ref);
  const auto expected = ref.at("topic_embeddings").get<std::vector<std::vector<float>>>();
  ASSERT_EQ(saved.model.topics.size(), expected.size() + 1);  // and the outliers
  for (std::size_t t = 0; t < expected.size(); ++t) {
    for (std::size_t j = 0; j < expected[t].size(); ++j) EXPECT_FLOAT_EQ(saved.model.topic_embeddings(t + 1, j), expected[t][j]);
  }
}

TEST(TopicReduction, ReducingToNTopicsCutsTheAverageLinkageTreeAsScikitLearn) {
  const auto ref = topic_reduction_reference();
  const SavedModel saved = reference_model(ref);
  for (const auto& [n, labels] : ref.at("reduce_cuts").items()) {
    // BERTopic counts the outlier topic: nr_topics = clusters + 1.
    const TopicMapping mapping = reduce_to_n_topics_mapping(saved.model, std::stoul(n) + 1);
    EXPECT_TRUE(same_partition(mapped_topics(mapping, 12), labels.get<std::vector<int>>())) << n << " clusters";
  }
}

TEST(TopicReduction, ReducedTopicsAreBuiltFromTheMergedDocuments) {
  const auto ref = topic_reduction_reference();
  const SavedModel original = reference_model(ref);
  SavedModel saved = original;
  const ReductionSummary summary = reduce_topics(saved, NrTopics{false, 5});
  EXPECT_TRUE(summary.changed);
  EXPECT_EQ(summary.before, 12u);
  EXPECT_EQ(summary.after, 4u);
  expect_rebuilt(saved, original, reduce_to_n_topics_mapping(original.model, 5));
  // The same documents stay together, and the 4-cluster cut is scikit-learn's.
  std::vector<int> expected;
  for (int t : original.model.assignments) expected.push_back(t < 0 ? -1 : ref["reduce_cuts"]["4"][t].get<int>());
  EXPECT_TRUE(same_partition(saved.model.assignments, expected));
}

TEST(TopicReduction, ACountNotBelowTheTopicsChangesNothing) {
  const SavedModel original = reference_model(test::topic_reduction_reference());
  for (std::size_t n : {13u, 40u}) {  // 12 topics and the outliers
    SavedModel saved = original;
    const ReductionSummary summary = reduce_topics(saved, NrTopics{false, n});
    EXPECT_FALSE(summary.changed);
    EXPECT_EQ(saved.model.assignments, original.model.assignments);
  }
}

TEST(TopicReduction, TooFewTopicsAndBadCountsAreUsageErrors) {
  SavedModel saved = reference_model(test::topic_reduction_reference());
  EXPECT_THROW(reduce_topics(saved, NrTopics{false, 1}), UsageError);  // only the outlier topic would be left
  EXPECT_THROW(NrTopics::parse("0"), UsageError);
  EXPECT_THROW(NrTopics::parse("-3"), UsageError);
  EXPECT_THROW(NrTopics::parse("five"), UsageError);
  EXPECT_THROW(NrTopics::parse(""), UsageError);
  EXPECT_TRUE(NrTopics::parse("auto").automatic);
  EXPECT_EQ(NrTopics::parse("7").count, 7u);
}

TEST(TopicReduction, AModelWithoutItsDocumentsAsksForARefit) {
  SavedModel saved = reference_model(test::topic_reduction_reference());
  saved.documents.clear();
  EXPECT_THROW(reduce_topics(saved, NrTopics{false, 5}), InputError);
}

TEST(TopicReduction, AutoMapsEachHdbscanClusterToItsLowestTopic) {
  const SavedModel saved = reference_model(test::topic_reduction_reference());
  const TopicMapping mapping = auto_reduce_mapping(saved.model);
  // HDBSCAN(min_cluster_size=2) on the unit topic embeddings, computed here.
  Matrix<double> unit(12, saved.model.topic_embeddings.cols);
  for (std::size_t t = 0; t < 12; ++t) {
    double norm = 0;
    for (std::size_t j = 0; j < unit.cols; ++j) norm += std::pow(saved.model.topic_embeddings(t + 1, j), 2);
    for (std::size_t j = 0; j < unit.cols; ++j) unit(t, j) = saved.model.topic_embeddings(t + 1, j) / std::sqrt(norm);
  }
  HdbscanOptions options;
  options.min_cluster_size = 2;
  const HdbscanModel clusters = hdbscan_fit(unit, options);
  ASSERT_GT(clusters.cluster_count(), 0u);
  for (int t = 0; t < 12; ++t) {
    const auto c = clusters.labels[static_cast<std::size_t>(t)];
    int lowest = t;
    for (int u = 0; u < 12; ++u) {
      if (c >= 0 && clusters.labels[static_cast<std::size_t>(u)] == c) lowest = std::min(lowest, u);
    }
    EXPECT_EQ(mapping.at(t), lowest) << "topic " << t;
  }
}

TEST(TopicReduction, ReductionIsDeterministic) {
  const SavedModel original = reference_model(test::topic_reduction_reference());
  SavedModel a = original, b = original;
  reduce_topics(a, NrTopics{true, 0});
  reduce_topics(b, NrTopics{true, 0});
  EXPECT_EQ(a.model.assignments, b.model.assignments);
  EXPECT_EQ(a.model.ctfidf_matrix.values, b.model.ctfidf_matrix.values);
}

TEST(TopicMerge, MergedTopicsEqualBuildTopicsOnTheMergedLabels) {
  const SavedModel original = reference_model(test::topic_reduction_reference());
  SavedModel saved = original;
  const std::vector<int> ids{7, 3, 9};
  const TopicMapping mapping = merge_mapping(saved.model, ids);
  EXPECT_EQ(mapping.at(3), 7);  // into the first id given, as BERTopic
  EXPECT_EQ(mapping.at(9), 7);
  apply_topic_mapping(saved, mapping);
  EXPECT_EQ(topic_count(saved.model), 10u);
  expect_rebuilt(saved, original, mapping);
}

TEST(TopicMerge, BadIdsAreRefusedByName) {
  const SavedModel saved = reference_model(test::topic_reduction_reference());
  const auto message = [&](std::vector<int> ids) {
    try {
      merge_mapping(saved.model, ids);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({4}).find("at least two"), std::string::npos);
  EXPECT_NE(message({4, 4}).find("at least two"), std::string::npos);
  EXPECT_NE(message({4, 40}).find("topic 40"), std::string::npos);
  EXPECT_NE(message({-1, 4}).find("outlier"), std::string::npos);
}

TEST(TopicDelete, DeletedTopicsDocumentsBecomeOutliersAndTheirClustersPredictNone) {
  const SavedModel original = reference_model(test::topic_reduction_reference());
  SavedModel saved = original;
  TopicTransform transform;
  for (int t = 0; t < 12; ++t) transform.topic_of_cluster.push_back(t);
  saved.transform = transform;
  const std::vector<int> ids{0, 5};
  const TopicMapping mapping = delete_mapping(saved.model, ids);
  apply_topic_mapping(saved, mapping);
  expect_rebuilt(saved, original, mapping);
  EXPECT_EQ(saved.transform->topic_of_cluster[0], -1);
  EXPECT_EQ(saved.transform->topic_of_cluster[5], -1);
  for (std::size_t i = 0; i < original.model.assignments.size(); ++i) {
    const int old = original.model.assignments[i];
    if (old == 0 || old == 5) {
      EXPECT_EQ(saved.model.assignments[i], -1);
      EXPECT_EQ(saved.model.probabilities[i], 0.0f);
    } else if (old >= 0) {  // the cluster of the document's topic predicts its new topic
      EXPECT_EQ(saved.transform->topic_of_cluster[static_cast<std::size_t>(old)], saved.model.assignments[i]);
    }
  }
  EXPECT_THROW(delete_mapping(original.model, std::vector<int>{12}), UsageError);
  std::vector<int> every(12);
  for (int t = 0; t < 12; ++t) every[static_cast<std::size_t>(t)] = t;
  EXPECT_THROW(delete_mapping(original.model, every), UsageError);
}

}  // namespace
}  // namespace topica
