// The inputs of guided and zero-shot fits (`topica fit --seed-topics S.json`, `--zero-shot
// Z.txt`): their options, reading and checking. The fit itself is topica/guided_topics.hpp.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "topica/guided_topics.hpp"

namespace topica::cli {

struct GuidanceArgs {
  std::string seed_topics;  ///< --seed-topics S.json
  std::string zero_shot;    ///< --zero-shot Z.txt
  double zero_shot_min_similarity = kZeroShotMinSimilarity;
};

struct Guidance {
  std::vector<std::vector<std::string>> seed_topics;  ///< empty unless --seed-topics
  std::vector<std::string> zero_shot_names;           ///< empty unless --zero-shot
  /// What the documents' embedder embeds: each seed list joined by spaces, or the names.
  std::vector<std::string> texts() const {
    return seed_topics.empty() ? zero_shot_names : seed_topic_texts(seed_topics);
  }
};

void add_guidance_options(CLI::App& verb, GuidanceArgs& args);

/// Reads S.json (a JSON list of non-empty word lists) or Z.txt (one name a line, blank lines
/// skipped). Throws UsageError for flags that cannot go together (both; with --labels; with
/// precomputed --embeddings, which leave no embedder for the words) and InputError naming the file
/// and the field (S.json: "[1][0]") for bad content.
Guidance read_guidance(const GuidanceArgs& args, bool labels_given, bool embeddings_given);

}  // namespace topica::cli
