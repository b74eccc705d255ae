// Term counts of topics rebuilt from a saved model's per-topic counts (TopicModel's
// topic_term_counts) instead of counting every document again.
//
// BERTopic refits its CountVectorizer on the documents joined per new topic after every
// reduction or merge. With one-word terms (no n-grams crossing the joins) and no pruning by
// document frequency (min_df <= 1, max_df = 1.0, no max_features: the defaults), that refit
// counts each document exactly as before and its vocabulary is still every term of every
// document, so a new topic's row is the sum of its old topics' rows. An old topic whose
// documents went to several new topics (the outliers reduce-outliers assigns) has its documents
// counted one by one. Anything else -- other vectorizer settings, a topic whose joined text was
// empty ("emptydoc"), counts that no longer produce the saved c-TF-IDF, topic sizes that do not
// match the documents (documents appended by `topica update`) -- takes the full recount.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "topica/saved_model.hpp"

namespace topica {

/// BERTopic's idf multiplier for seed_topic_list: kSeedWordMultiplier for a term equal to a
/// seed word, else 1; empty without seed words.
std::vector<double> seed_word_multiplier(const std::vector<std::string>& vocabulary, const std::vector<std::string>& seeds);

/// The counts fit_transform_grouped would give for `saved.documents` grouped by `topic_ids`
/// (one row per distinct id, increasing; -1 = outliers), from the saved per-topic counts; or
/// nullopt when summing them would not give exactly that (see above).
std::optional<TermCounts> added_up_topic_counts(const SavedModel& saved, std::span<const int> topic_ids,
                                                std::size_t threads);

}  // namespace topica
