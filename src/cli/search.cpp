// topica search --model M --embeddings E.npy [--corpus F] "query" ... [--top 10]: the documents
// whose embeddings (as topica embed wrote them with the same model) are most cosine-similar to
// each query. Exact below --hnsw-threshold rows, an HNSW graph saved beside E.npy above it.
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/documents.hpp"
#include "cli/options.hpp"
#include "cli/table_format.hpp"
#include "cli/verbs.hpp"
#include "topica/encoder.hpp"
#include "topica/error.hpp"
#include "topica/npy.hpp"
#include "topica/search.hpp"
#include "topica/table_writer.hpp"

namespace topica::cli {
namespace {

using Json = nlohmann::ordered_json;

struct SearchArgs {
  std::string model, embeddings, queries_file;
  std::vector<std::string> queries;
  CorpusOptions corpus;
  SearchOptions search;
  std::size_t max_length = 0;  // 0: the model folder's, as topica embed
  std::size_t threads = 0;
  OutputFormat format = OutputFormat::Text;
};

// The positional queries, then --queries FILE's lines (blank lines skipped).
std::vector<std::string> all_queries(const SearchArgs& a) {
  std::vector<std::string> queries = a.queries;
  if (!a.queries_file.empty()) {
    std::ifstream in(a.queries_file);
    if (!in) throw Error(fmt::format("{}: cannot open", a.queries_file));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) queries.push_back(line);
    }
  }
  if (queries.empty()) throw UsageError("no query: give QUERY text or --queries FILE");
  return queries;
}

void print_results(const SearchArgs& a, const std::vector<std::string>& queries,
                   const std::vector<std::vector<SearchHit>>& hits, const std::vector<std::string>& docs) {
  if (a.format == OutputFormat::Json) {
    Json out = Json::array();
    for (std::size_t q = 0; q < queries.size(); ++q) {
      Json rows = Json::array();
      for (std::size_t r = 0; r < hits[q].size(); ++r) {
        Json hit{{"rank", r + 1}, {"row", hits[q][r].row}, {"score", hits[q][r].score}};
        if (!docs.empty()) hit["text"] = docs[hits[q][r].row];
        rows.push_back(std::move(hit));
      }
      out.push_back({{"query", queries[q]}, {"hits", std::move(rows)}});
    }
    fmt::print("{}\n", out.dump(2));
  } else if (a.format == OutputFormat::Csv) {
    std::vector<std::string> header{"query", "rank", "row", "score"};
    if (!docs.empty()) header.push_back("text");
    CsvWriter csv("-", header);
    for (std::size_t q = 0; q < queries.size(); ++q) {
      for (std::size_t r = 0; r < hits[q].size(); ++r) {
        std::vector<std::string> row{queries[q], std::to_string(r + 1), std::to_string(hits[q][r].row),
                                     fmt::format("{}", hits[q][r].score)};
        if (!docs.empty()) row.push_back(docs[hits[q][r].row]);
        csv.row(row);
      }
    }
    csv.commit();
  } else {
    for (std::size_t q = 0; q < queries.size(); ++q) {
      if (queries.size() > 1) fmt::print("{}Query: {}\n", q > 0 ? "\n" : "", one_line(queries[q], 100));
      fmt::print("{:>4}  {:>9}  {:>8}{}\n", "Rank", "Score", "Row", docs.empty() ? "" : "  Text");
      for (std::size_t r = 0; r < hits[q].size(); ++r) {
        fmt::print("{:>4}  {:>9.6f}  {:>8}{}\n", r + 1, hits[q][r].score, hits[q][r].row,
                   docs.empty() ? "" : "  " + one_line(docs[hits[q][r].row], 100));
      }
    }
  }
}

void run_search(const SearchArgs& a) {
  const std::vector<std::string> queries = all_queries(a);
  std::vector<std::string> docs;
  if (!a.corpus.path.empty()) docs = read_documents(a.corpus);
  // Check the corpus against the embeddings before loading the encoder.
  const NpyInfo info = read_npy_info(a.embeddings);
  if (!docs.empty() && (info.shape.empty() || info.shape[0] != docs.size())) {
    throw UsageError(fmt::format("{}: {} rows but the corpus {} has {} documents", a.embeddings,
                                 info.shape.empty() ? 0 : info.shape[0], a.corpus.path, docs.size()));
  }
  EncoderOptions options;
  if (a.max_length > 0) options.max_length = a.max_length;
  const SentenceEncoder encoder = SentenceEncoder::load(a.model, options);
  const Matrix<float> embedded = encoder.encode(queries, 32, a.threads);
  SearchOptions search = a.search;
  search.progress = [](std::string_view step) { fmt::print(stderr, "topica search: {}\n", step); };
  SearchReport report;
  const auto hits = search_embeddings(a.embeddings, embedded, search, &report);
  if (!report.warning.empty()) fmt::print(stderr, "topica: warning: {}\n", report.warning);
  print_results(a, queries, hits, docs);
  fmt::print(stderr, "topica search: {} queries over {} x {} embeddings, {}\n", queries.size(), report.rows, report.dims,
             !report.used_hnsw ? "exact"
             : report.built_index ? "HNSW index built and saved to " + hnsw_index_path(a.embeddings)
                                  : "HNSW index " + hnsw_index_path(a.embeddings));
}

}  // namespace

void add_search(CLI::App& app) {
  auto a = std::make_shared<SearchArgs>();
  auto* verb = app.add_subcommand("search", "Documents most similar to text queries (semantic search over topica embed's embeddings)");
  verb->add_option("QUERY", a->queries, "Query texts (or --queries FILE)");
  verb->add_option("--queries", a->queries_file, "More queries, one per line")->type_name("FILE");
  verb->add_option("--model", a->model, "The sentence encoder (folder or hub id) that embedded E.npy")->required()->type_name("MODEL");
  verb->add_option("--embeddings", a->embeddings, "Document embeddings written by topica embed (.npy, one row per document)")
      ->required()
      ->type_name("E.npy");
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  verb->get_option("--corpus")->required(false)->type_name("FILE")->description("The corpus E.npy was embedded from, to print each hit's text");
  verb->add_option("--top", a->search.top, "Hits per query")->capture_default_str()->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  verb->add_option("--index", a->search.index, "exact: scan every row; hnsw: the HNSW graph saved as E.npy.hnsw (built when missing or stale); auto: hnsw from --hnsw-threshold rows")
      ->transform(CLI::CheckedTransformer(std::map<std::string, SearchIndex>{{"auto", SearchIndex::Auto}, {"exact", SearchIndex::Exact}, {"hnsw", SearchIndex::Hnsw}}, CLI::ignore_case).description(""))
      ->option_text("auto|exact|hnsw [auto]");
  verb->add_option("--hnsw-threshold", a->search.hnsw_from, "--index auto: rows from which the HNSW graph is used")->capture_default_str();
  verb->add_option("--ef-search", a->search.hnsw.ef_search, "HNSW candidates per query (more: higher recall, slower)")->capture_default_str()->check(CLI::PositiveNumber);
  verb->add_option("--max-length", a->max_length, "Tokens per query, as given to topica embed (0: the model folder's)")->capture_default_str();
  add_table_format_option(*verb, a->format);
  add_threads_option(*verb, a->threads);
  verb->callback([a] { run_search(*a); });
}

}  // namespace topica::cli
