// Where reduce-topics spends its time on a saved model: load, the reduction itself (average
// linkage on 1 - cosine of the topic embeddings and the cut: what scikit-learn's
// AgglomerativeClustering does in BERTopic), the topic rebuild (relabel_topics) and the save.
// Prints one JSON line of seconds; the reduction and rebuild are the median of --repeats runs.
// bench/reduce_topics.sh runs it beside scikit-learn on the same model.
//
// Usage: reduce_topics_bench MODEL_DIR [--nr-topics 20] [--repeats 3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "topica/saved_model.hpp"
#include "topica/topic_reduction.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: reduce_topics_bench MODEL_DIR [--nr-topics 20] [--repeats 3]\n");
    return 2;
  }
  const std::string dir = argv[1];
  std::size_t nr_topics = 20, repeats = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--nr-topics") nr_topics = std::stoul(argv[i + 1]);
    if (flag == "--repeats") repeats = std::max<std::size_t>(1, std::stoul(argv[i + 1]));
  }
  try {
    auto start = std::chrono::steady_clock::now();
    const topica::SavedModel loaded = topica::load_model(dir);
    const double load = seconds_since(start);
    std::vector<double> reduce, rebuild;
    topica::SavedModel saved;
    for (std::size_t r = 0; r < repeats; ++r) {
      saved = loaded;
      start = std::chrono::steady_clock::now();
      const topica::TopicMapping mapping = topica::reduce_to_n_topics_mapping(saved.model, nr_topics);
      reduce.push_back(seconds_since(start));
      start = std::chrono::steady_clock::now();
      topica::apply_topic_mapping(saved, mapping);
      rebuild.push_back(seconds_since(start));
    }
    const auto out = std::filesystem::temp_directory_path() / ("reduce_topics_bench_" + std::to_string(::getpid()));
    start = std::chrono::steady_clock::now();
    topica::save_model(saved, out.string());
    const double save = seconds_since(start);
    std::filesystem::remove_all(out);
    std::printf("{\"topics\": %zu, \"nr_topics\": %zu, \"load_s\": %.4f, \"reduce_s\": %.4f, \"rebuild_s\": %.4f, \"save_s\": %.4f}\n",
                loaded.model.topics.size(), nr_topics, load, median(reduce), median(rebuild), save);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "reduce_topics_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
