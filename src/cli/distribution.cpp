// topica distribution DIR --corpus F [--window 4] [--stride 1] [--min-similarity 0.1] [--tokens]:
// BERTopic's approximate_distribution. The documents x topics matrix goes to --output (a .npy
// file, or CSV / JSON by --format) and to the model folder as topic_distributions.npy; with
// --tokens, each token's distribution goes to the JSON output and to the model folder as
// topic_token_distributions.jsonl.
#include <filesystem>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/documents.hpp"
#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/model_store.hpp"
#include "topica/npy.hpp"
#include "topica/table_writer.hpp"
#include "topica/topic_distribution.hpp"

namespace topica::cli {
namespace {

struct DistributionArgs {
  std::string dir;
  CorpusOptions corpus;
  DistributionOptions options;
  OutputFormat format = OutputFormat::Csv;
  std::string output = "-";
};

Matrix<float> as_float(const Matrix<double>& m) {
  Matrix<float> out(m.rows, m.cols);
  for (std::size_t i = 0; i < m.values.size(); ++i) out.values[i] = static_cast<float>(m.values[i]);
  return out;
}

std::vector<double> row_values(const Matrix<double>& m, std::size_t i) { return {m.row(i), m.row(i) + m.cols}; }

// One document as a JSON line: its row, distribution and (with --tokens) its tokens.
std::string json_line(const TopicDistribution& d, std::size_t row) {
  nlohmann::ordered_json line{{"row", row}, {"topics", d.topics}, {"distribution", row_values(d.documents, row)}};
  if (!d.tokens.empty()) {
    const TokenDistribution& t = d.tokens[row];
    nlohmann::ordered_json tokens = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < t.tokens.size(); ++i) {
      tokens.push_back({{"token", t.tokens[i]}, {"distribution", row_values(t.distribution, i)}});
    }
    line["tokens"] = std::move(tokens);
  }
  return line.dump();
}

void write_jsonl(const TopicDistribution& d, const std::string& path) {
  JsonlWriter out(path);
  for (std::size_t row = 0; row < d.documents.rows; ++row) out.line(json_line(d, row));
  out.commit();
}

void write_csv(const TopicDistribution& d, const std::string& path) {
  std::vector<std::string> header{"Document"};
  for (int topic : d.topics) header.push_back(std::to_string(topic));
  CsvWriter csv(path, header);
  std::vector<std::string> fields;
  for (std::size_t row = 0; row < d.documents.rows; ++row) {
    fields = {std::to_string(row)};
    for (std::size_t t = 0; t < d.documents.cols; ++t) fields.push_back(fmt::format("{}", d.documents(row, t)));
    csv.row(fields);
  }
  csv.commit();
}

// The model folder keeps the latest result for the charts; a read-only folder only warns.
void save_in_model_folder(const TopicDistribution& d, const std::string& dir) {
  const std::filesystem::path folder(dir);
  try {
    write_npy((folder / "topic_distributions.npy").string(), as_float(d.documents));
    if (!d.tokens.empty()) write_jsonl(d, (folder / "topic_token_distributions.jsonl").string());
  } catch (const Error& e) {
    fmt::print(stderr, "topica: warning: the distribution was not saved in the model folder ({})\n", e.what());
  }
}

void run_distribution(const DistributionArgs& a) {
  const TopicModel model = load_topic_model(a.dir);
  const std::vector<std::string> documents = read_documents(a.corpus);
  const TopicDistribution d = approximate_distribution(model, documents, a.options);
  save_in_model_folder(d, a.dir);
  if (a.output != "-" && std::filesystem::path(a.output).extension() == ".npy") {
    write_npy(a.output, as_float(d.documents));
  } else if (a.format == OutputFormat::Json) {
    write_jsonl(d, a.output);
  } else {
    write_csv(d, a.output);
  }
}

}  // namespace

void add_distribution(CLI::App& app) {
  auto a = std::make_shared<DistributionArgs>();
  auto* verb = app.add_subcommand("distribution", "Topic distribution of each document from sliding token windows "
                                                  "(BERTopic's approximate_distribution)");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit")->required();
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  verb->add_option("--window", a->options.window, "Tokens per window")->capture_default_str();
  verb->add_option("--stride", a->options.stride, "Tokens the window moves by")->capture_default_str();
  verb->add_option("--min-similarity", a->options.min_similarity,
                   "Window-topic similarities below this count as 0")
      ->capture_default_str();
  verb->add_flag("--padding", a->options.padding, "Also use the partial windows at the start and end of a document");
  verb->add_flag("--tokens", a->options.tokens,
                 "Also compute each token's distribution (in --format json output and topic_token_distributions.jsonl)");
  add_threads_option(*verb, a->options.threads);
  add_format_option(*verb, a->format, {OutputFormat::Csv, OutputFormat::Json});
  add_output_option(*verb, a->output,
                    "Write the documents x topics matrix to FILE: a float32 .npy array for a .npy name, else CSV "
                    "(or JSON lines with --format json)",
                    false);
  verb->callback([a] { run_distribution(*a); });
}

}  // namespace topica::cli
