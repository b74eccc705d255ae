// topica find DIR ("query" | --query-vector Q.npy) [--top 5]: BERTopic's find_topics, the
// topics whose embeddings are most cosine-similar to a query, the outlier topic -1 left out.
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/query_vector.hpp"
#include "cli/table_format.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"
#include "topica/saved_model.hpp"
#include "topica/similarity.hpp"
#include "topica/table_writer.hpp"

namespace topica::cli {
namespace {

using Json = nlohmann::ordered_json;

struct FindArgs {
  std::string dir, query, query_vector;
  std::size_t top = 5;
  OutputFormat format = OutputFormat::Text;
};

std::vector<float> query_embedding(const FindArgs& a, const SavedModel& saved) {
  const TopicModel& m = saved.model;
  if (!a.query_vector.empty()) return read_query_vector(a.query_vector, m.topic_embeddings.cols, "the model's topic embeddings");
  if (!saved.encoder && !saved.embedder) {
    throw UsageError(fmt::format("{}: the model was fitted from --embeddings ({}), so it cannot embed a text query; "
                                 "pass the query's embedding with --query-vector Q.npy",
                                 a.dir, saved.provenance.embedder));
  }
  Matrix<float> q = embed_like_model(saved, a.dir, std::vector<std::string>{a.query});
  if (q.rows != 1 || q.cols != m.topic_embeddings.cols) {
    throw Error(fmt::format("{}: the embedder gave a {} x {} query for {}-d topic embeddings", a.dir, q.rows, q.cols,
                            m.topic_embeddings.cols));
  }
  return std::move(q.values);
}

void print_hits(const TopicModel& m, const std::vector<SimilarityHit>& hits, OutputFormat format) {
  if (format == OutputFormat::Json) {
    Json rows = Json::array();
    for (std::size_t r = 0; r < hits.size(); ++r) {
      const Topic& t = m.topics[hits[r].row];
      rows.push_back({{"rank", r + 1}, {"topic", t.id}, {"similarity", hits[r].similarity}, {"name", t.label.empty() ? t.name : t.label}});
    }
    fmt::print("{}\n", rows.dump(2));
  } else if (format == OutputFormat::Csv) {
    CsvWriter csv("-", {"rank", "topic", "similarity", "name"});
    for (std::size_t r = 0; r < hits.size(); ++r) {
      const Topic& t = m.topics[hits[r].row];
      csv.row({std::to_string(r + 1), std::to_string(t.id), fmt::format("{}", hits[r].similarity), t.label.empty() ? t.name : t.label});
    }
    csv.commit();
  } else {
    fmt::print("{:>4}  {:>6}  {:>10}  {}\n", "Rank", "Topic", "Similarity", "Name");
    for (std::size_t r = 0; r < hits.size(); ++r) {
      const Topic& t = m.topics[hits[r].row];
      fmt::print("{:>4}  {:>6}  {:>10.6f}  {}\n", r + 1, t.id, hits[r].similarity, t.label.empty() ? t.name : t.label);
    }
  }
}

void run_find(const FindArgs& a) {
  if (a.query.empty() == a.query_vector.empty()) {
    throw UsageError("give either a text QUERY or --query-vector Q.npy (exactly one)");
  }
  const SavedModel saved = load_model(a.dir);
  const TopicModel& model = saved.model;
  if (model.topic_embeddings.rows == 0) {
    throw InputError(fmt::format("{}: the model has no topic embeddings (topic_embeddings.safetensors)", a.dir));
  }
  const std::vector<float> query = query_embedding(a, saved);
  std::vector<std::size_t> outliers;
  if (const auto index = model.index_of(-1)) outliers.push_back(*index);
  print_hits(model, most_similar(model.topic_embeddings, query, a.top, outliers), a.format);
}

}  // namespace

void add_find(CLI::App& app) {
  auto a = std::make_shared<FindArgs>();
  auto* verb = app.add_subcommand("find", "Topics most similar to a query (BERTopic's find_topics)");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit")->required();
  verb->add_option("QUERY", a->query, "Search text, embedded by the model's encoder (fit --model) or built-in embedder");
  verb->add_option("--query-vector", a->query_vector, "The query's embedding: a 1-d or 1 x D .npy array")->type_name("Q.npy");
  verb->add_option("--top", a->top, "Topics to show")->capture_default_str()->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  add_table_format_option(*verb, a->format);
  verb->callback([a] { run_find(*a); });
}

}  // namespace topica::cli
