// A topica model written in BERTopic 0.17's own safetensors layout, so Python users can
// `BERTopic.load(folder)` it (what `BERTopic.save(folder, serialization="safetensors",
// save_ctfidf=True, save_embedding_model=False)` writes):
//   config.json                  BERTopic's constructor parameters (no sub-models)
//   topics.json                  topic_representations, topics, topic_sizes, topic_mapper,
//                                topic_labels, custom_labels, _outliers, topic_aspects
//   topic_embeddings.safetensors "topic_embeddings" F32 (topics x dims), -1 included
//   ctfidf.safetensors           the c-TF-IDF CSR parts data F64, indices I32, indptr I32,
//                                shape I64 and the idf diagonal "diag" F64
//   ctfidf_config.json           ClassTfidfTransformer options, CountVectorizer params and vocab
// The UMAP and HDBSCAN state is not part of that layout (BERTopic loads a safetensors model with
// empty stand-ins and transforms by topic-embedding similarity).
#pragma once

#include <string>

#include "topica/model_store.hpp"
#include "topica/topic_model.hpp"

namespace topica {

/// The file names of the layout, in the order they are written.
inline constexpr const char* kBertopicFiles[] = {"config.json", "topics.json", "topic_embeddings.safetensors",
                                                 "ctfidf.safetensors", "ctfidf_config.json"};

/// Writes `model` to the folder `dir` in BERTopic's layout. The folder is written beside its final
/// name and renamed into place, so a failure leaves the previous folder or none. An existing
/// folder is replaced only when it holds nothing but files of this layout (a previous export);
/// anything else is refused with a UsageError naming it.
void export_bertopic(const TopicModel& model, const ModelProvenance& provenance, const std::string& dir);

}  // namespace topica
