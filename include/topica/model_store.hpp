// A saved topic model is a folder a person can read:
//   config.json                  format, topica version, every option, the embedder, the pipeline
//   topics.json                  id, size, name, label, words with scores, representative documents,
//                                and the named aspects (other representations) when there are any
//   topics.csv                   the topic table (Topic, Count, Name, CustomName once a topic has a
//                                label, Representation, one column per aspect)
//   documents.csv                row, topic, probability of every document
//   topic_embeddings.safetensors "topic_embeddings": one row per topic (when embeddings were used)
//   ctfidf.safetensors           the c-TF-IDF matrix (CSR parts) and its idf weights, and the raw
//                                per-topic term counts it came from (term_counts.data / .indices /
//                                .indptr, int64 / int32 / int64, same shape) so that merging topics
//                                adds count rows instead of counting the documents again; folders
//                                saved without them load and recount
//   vocabulary.txt               the vectorizer's terms, one per line, in column order
// Written beside the model by `topica hierarchy`, and gone once a verb rewrites the topics:
//   hierarchy.csv                BERTopic's hierarchical_topics table
//   hierarchy_linkage.csv        its scipy linkage matrix (left, right, distance, size) for a dendrogram
// (saved_model.hpp adds the fitted pipeline, the embedder and the training documents.)
// Analyses of a saved model add their latest result beside these (for the charts):
//   topics_over_time.csv         `topica over-time`: Topic, Words, Frequency, Timestamp
//   topics_per_class.csv         `topica per-class`: Topic, Words, Frequency, Class
//   topic_distributions.npy      `topica distribution`: documents x topics (float32; columns are
//                                the topics without -1, in id order)
//   topic_token_distributions.jsonl  `topica distribution --tokens`: one line per document
//                                (row, topics, distribution, tokens with their distributions)
//   documents_2d.npy             `topica visualize --kind documents` (and `topica report`): the
//                                documents' 2-d map, documents x 2 float32 (UMAP of the document
//                                embeddings: n_neighbors 10, min_dist 0, cosine, seed 42), reused
//                                while it has one row per document (charts.hpp document_map)
// The folder is written beside its final name and renamed into place, so a failure leaves
// either the old folder or none. A model edited by a topic operation shares the large files that
// did not change (transform.safetensors, embedder.safetensors, documents.jsonl, ...) with the
// folder it was loaded from as hard links; nothing ever rewrites a model file in place.
#pragma once

#include <functional>
#include <string>

#include "topica/topic_model.hpp"

namespace topica {

struct ModelProvenance {
  std::string embedder;       ///< e.g. "lsa-384 (...)" or "precomputed: emb.npy"
  std::string settings_json;  ///< a JSON object with the pipeline's other settings, or empty
};

inline constexpr int kTopicModelFormatVersion = 1;

/// Writes `model` to the folder `dir` (replacing a previous topica model there; any other
/// existing non-empty folder is refused with a UsageError).
/// `write_more`, when given, writes further files into the folder before it is renamed into
/// place (the fitted pipeline and embedder: topica/saved_model.hpp).
void save_topic_model(const TopicModel& model, const ModelProvenance& provenance, const std::string& dir,
                      const std::function<void(const std::string& folder)>& write_more = {});

/// Writes the topic table of topics.csv to `path` ("-": standard output), BERTopic's
/// get_topic_info columns: Topic, Count, Name, CustomName (only once any topic has a label; an
/// unlabelled topic shows its name there), Representation, then one column per aspect by name.
void write_topic_table(const TopicModel& model, const std::string& path);

/// Reads a folder written by save_topic_model. Throws InputError naming the file and field
/// for anything missing or malformed, and for an unknown format version.
TopicModel load_topic_model(const std::string& dir, ModelProvenance* provenance = nullptr);

}  // namespace topica
