// topica similar --embeddings E.npy [--corpus FILE] (--doc ROW | --query-vector Q.npy) [--top 10]:
// the documents most cosine-similar to one document or to a query embedding (the seeds'
// document-similarity and recommendation examples). With --corpus each hit shows its text.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/query_vector.hpp"
#include "cli/table_format.hpp"
#include "cli/verbs.hpp"
#include "topica/corpus.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/similarity.hpp"
#include "topica/table_writer.hpp"

namespace topica::cli {
namespace {
using Json = nlohmann::ordered_json;

constexpr std::size_t kSnippetChars = 80;

struct SimilarArgs {
  std::string embeddings, query_vector;
  CorpusOptions corpus;
  std::optional<std::int64_t> doc;  // signed, so -1 is named as given rather than wrapped
  std::size_t top = 10;
  OutputFormat format = OutputFormat::Text;
};

// The start of every document (not the whole texts: only hits are shown, and a corpus can be
// large), one per row, so the row count can be checked against the embeddings.
std::vector<std::string> read_snippets(const CorpusOptions& options, std::size_t embedding_rows, const std::string& embeddings) {
  auto reader = open_corpus(options);
  std::vector<std::string> snippets;
  Document doc;
  while (reader->next(doc)) snippets.push_back(one_line(doc.text, kSnippetChars));
  if (snippets.size() != embedding_rows) {
    throw UsageError(fmt::format("{}: {} documents but {} has {} rows", reader->source_name(), snippets.size(), embeddings,
                                 embedding_rows));
  }
  return snippets;
}

void print_hits(const std::vector<SimilarityHit>& hits, const std::vector<std::string>& snippets, OutputFormat format) {
  const bool text = !snippets.empty();
  if (format == OutputFormat::Json) {
    Json rows = Json::array();
    for (std::size_t r = 0; r < hits.size(); ++r) {
      Json row{{"rank", r + 1}, {"row", hits[r].row}, {"similarity", hits[r].similarity}};
      if (text) row["text"] = snippets[hits[r].row];
      rows.push_back(std::move(row));
    }
    fmt::print("{}\n", rows.dump(2));
  } else if (format == OutputFormat::Csv) {
    std::vector<std::string> header{"rank", "row", "similarity"};
    if (text) header.push_back("text");
    CsvWriter csv("-", header);
    for (std::size_t r = 0; r < hits.size(); ++r) {
      std::vector<std::string> fields{std::to_string(r + 1), std::to_string(hits[r].row), fmt::format("{}", hits[r].similarity)};
      if (text) fields.push_back(snippets[hits[r].row]);
      csv.row(fields);
    }
    csv.commit();
  } else {
    fmt::print("{:>4}  {:>8}  {:>10}{}\n", "Rank", "Row", "Similarity", text ? "  Text" : "");
    for (std::size_t r = 0; r < hits.size(); ++r) {
      fmt::print("{:>4}  {:>8}  {:>10.6f}{}\n", r + 1, hits[r].row, hits[r].similarity, text ? "  " + snippets[hits[r].row] : "");
    }
  }
}

void run_similar(const SimilarArgs& a) {
  if (a.doc.has_value() == !a.query_vector.empty()) throw UsageError("give either --doc ROW or --query-vector Q.npy (exactly one)");
  const Matrix<float> embeddings = read_npy_matrix(a.embeddings);
  // Cheap checks before reading the corpus.
  if (a.doc && (*a.doc < 0 || static_cast<std::size_t>(*a.doc) >= embeddings.rows)) {
    throw UsageError(fmt::format("--doc {}: {} has {} rows (0 to {})", *a.doc, a.embeddings, embeddings.rows,
                                 embeddings.rows == 0 ? 0 : embeddings.rows - 1));
  }
  std::vector<float> query;
  std::vector<std::size_t> exclude;
  if (a.doc) {
    const auto row = static_cast<std::size_t>(*a.doc);
    query.assign(embeddings.row(row), embeddings.row(row) + embeddings.cols);
    exclude.push_back(row);  // a document is not its own neighbour
  } else {
    query = read_query_vector(a.query_vector, embeddings.cols, a.embeddings);
  }
  const std::vector<std::string> snippets = a.corpus.path.empty() ? std::vector<std::string>()
                                                                  : read_snippets(a.corpus, embeddings.rows, a.embeddings);
  print_hits(most_similar(embeddings, query, a.top, exclude), snippets, a.format);
}

}  // namespace

void add_similar(CLI::App& app) {
  auto a = std::make_shared<SimilarArgs>();
  auto* verb = app.add_subcommand("similar", "Documents most similar to a document or a query embedding (cosine)");
  verb->add_option("--embeddings", a->embeddings, "Document embeddings (.npy, one row per document)")->required()->type_name("E.npy");
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  // The corpus is optional here: it only adds each hit's text.
  verb->get_option("--corpus")->required(false)->description("Corpus whose rows match the embeddings: show each hit's text");
  verb->add_option("--doc", a->doc, "Find the documents most similar to this row (0-based)")->type_name("ROW");
  verb->add_option("--query-vector", a->query_vector, "Find the documents most similar to this embedding (1-d or 1 x D .npy)")
      ->type_name("Q.npy");
  verb->add_option("--top", a->top, "Documents to show")->capture_default_str()->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  add_table_format_option(*verb, a->format);
  verb->callback([a] { run_similar(*a); });
}

}  // namespace topica::cli
