#include "cli/fit_guidance.hpp"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "topica/error.hpp"

namespace topica::cli {
namespace {

// --seed-topics: a JSON list of word lists, e.g. [["linux", "kernel"], ["python", "pip"]].
std::vector<std::vector<std::string>> read_seed_topics(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(fmt::format("{}: cannot open", path));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(fmt::format("{}: not JSON (byte {}): expected a list of seed word lists", path, e.byte));
  }
  if (!j.is_array() || j.empty()) throw InputError(fmt::format("{}: expected a non-empty list of seed word lists", path));
  std::vector<std::vector<std::string>> topics;
  for (std::size_t t = 0; t < j.size(); ++t) {
    if (!j[t].is_array() || j[t].empty()) throw InputError(fmt::format("{}: [{}]: expected a non-empty list of seed words", path, t));
    auto& words = topics.emplace_back();
    for (std::size_t w = 0; w < j[t].size(); ++w) {
      if (!j[t][w].is_string() || j[t][w].get<std::string>().empty()) {
        throw InputError(fmt::format("{}: [{}][{}]: expected a seed word (a non-empty string)", path, t, w));
      }
      words.push_back(j[t][w].get<std::string>());
    }
  }
  return topics;
}

// --zero-shot: one topic name per line; blank lines are skipped.
std::vector<std::string> read_zero_shot_names(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(fmt::format("{}: cannot open", path));
  std::vector<std::string> names;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) names.push_back(line);
  }
  if (names.empty()) throw InputError(fmt::format("{}: no zero-shot topic names (expected one per line)", path));
  return names;
}

}  // namespace

void add_guidance_options(CLI::App& verb, GuidanceArgs& a) {
  verb.add_option("--seed-topics", a.seed_topics,
                  "Guided topics: a JSON list of seed word lists, e.g. [[\"linux\",\"kernel\"],[\"python\",\"pip\"]] "
                  "(BERTopic's seed_topic_list)")
      ->type_name("S.json");
  verb.add_option("--zero-shot", a.zero_shot,
                  "Zero-shot topics: one topic name per line; documents similar enough to a name take that topic, "
                  "the rest are clustered")
      ->type_name("Z.txt");
  verb.add_option("--zero-shot-min-similarity", a.zero_shot_min_similarity,
                  "With --zero-shot: the cosine similarity a document needs to take a named topic")
      ->capture_default_str();
}

Guidance read_guidance(const GuidanceArgs& a, bool labels_given, bool embeddings_given) {
  const bool guided = !a.seed_topics.empty(), zero_shot = !a.zero_shot.empty();
  if (!guided && !zero_shot) return {};
  const char* flag = guided ? "--seed-topics" : "--zero-shot";
  if (guided && zero_shot) throw UsageError("--seed-topics and --zero-shot cannot be combined");
  if (labels_given) throw UsageError(fmt::format("{} cannot be combined with --labels", flag));
  if (embeddings_given) {
    throw UsageError(fmt::format("{} needs the embedder itself to embed the {}: use the built-in embedder or --model, "
                                 "not precomputed --embeddings",
                                 flag, guided ? "seed words" : "topic names"));
  }
  if (zero_shot && !(a.zero_shot_min_similarity >= -1.0 && a.zero_shot_min_similarity <= 1.0)) {
    throw UsageError(fmt::format("--zero-shot-min-similarity {}: expected a cosine similarity between -1 and 1",
                                 a.zero_shot_min_similarity));
  }
  Guidance g;
  if (guided) g.seed_topics = read_seed_topics(a.seed_topics);
  if (zero_shot) g.zero_shot_names = read_zero_shot_names(a.zero_shot);
  return g;
}

}  // namespace topica::cli
