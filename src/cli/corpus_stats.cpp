// topica corpus stats PATH: counts, script shares and length percentiles of a corpus.
#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/atomic_file.hpp"
#include "topica/corpus_stats.hpp"

namespace topica::cli {
namespace {

struct StatsArgs {
  CorpusOptions corpus;
  OutputFormat format = OutputFormat::Text;
  std::string output = "-";
};

constexpr double kPercentiles[] = {0, 25, 50, 75, 90, 99, 100};
constexpr const char* kPercentileNames[] = {"min", "p25", "p50", "p75", "p90", "p99", "max"};

nlohmann::ordered_json lengths_json(const LengthHistogram& h) {
  nlohmann::ordered_json j;
  for (std::size_t i = 0; i < std::size(kPercentiles); ++i) j[kPercentileNames[i]] = h.percentile(kPercentiles[i]);
  j["mean"] = h.mean();
  return j;
}

std::string as_json(const CorpusStats& s, const std::string& source, InputFormat format) {
  nlohmann::ordered_json j;
  j["path"] = source;
  j["format"] = format_name(format);
  j["documents"] = s.documents;
  j["empty_documents"] = s.empty_documents;
  j["characters"] = s.characters;
  j["bytes"] = s.bytes;
  j["whitespace_tokens"] = s.whitespace_tokens;
  j["letters"] = {{"total", s.letters}, {"hangul", s.hangul_letters}, {"latin", s.latin_letters},
                  {"other", s.other_letters}};
  j["letter_share"] = {{"hangul", s.share(s.hangul_letters)}, {"latin", s.share(s.latin_letters)},
                       {"other", s.share(s.other_letters)}};
  j["characters_per_document"] = lengths_json(s.characters_per_document);
  j["tokens_per_document"] = lengths_json(s.tokens_per_document);
  if (!s.classes.empty()) j["classes"] = s.classes;
  return j.dump(2) + "\n";
}

std::string lengths_line(const char* label, const LengthHistogram& h) {
  std::string line = fmt::format("{:<26}", label);
  for (std::size_t i = 0; i < std::size(kPercentiles); ++i) {
    line += fmt::format("{} {:g}  ", kPercentileNames[i], h.percentile(kPercentiles[i]));
  }
  return line + fmt::format("mean {:.1f}\n", h.mean());
}

// "classes  58 (libs 10.2%, devel 7.1%, ...)": the count and the five largest.
std::string classes_line(const CorpusStats& s) {
  std::vector<std::pair<std::uint64_t, std::string>> by_size;
  for (const auto& [name, n] : s.classes) by_size.emplace_back(n, name);
  std::stable_sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string largest;
  for (std::size_t i = 0; i < std::min<std::size_t>(5, by_size.size()); ++i) {
    largest += fmt::format("{}{} {:.1f}%", i == 0 ? "" : ", ", by_size[i].second.empty() ? "(empty)" : by_size[i].second,
                           100.0 * double(by_size[i].first) / double(s.documents));
  }
  return fmt::format("{:<26}{} ({}{})\n", "classes", s.classes.size(), largest, by_size.size() > 5 ? ", ..." : "");
}

std::string as_text(const CorpusStats& s, const std::string& source, InputFormat format) {
  std::string out;
  out += fmt::format("{:<26}{} ({})\n", "corpus", source, format_name(format));
  out += fmt::format("{:<26}{}\n", "documents", s.documents);
  out += fmt::format("{:<26}{}\n", "empty documents", s.empty_documents);
  out += fmt::format("{:<26}{}\n", "characters", s.characters);
  out += fmt::format("{:<26}{}\n", "bytes", s.bytes);
  out += fmt::format("{:<26}{}\n", "whitespace tokens", s.whitespace_tokens);
  out += fmt::format("{:<26}{} (Hangul {:.1f}%, Latin {:.1f}%, other {:.1f}%)\n", "letters", s.letters,
                     100 * s.share(s.hangul_letters), 100 * s.share(s.latin_letters), 100 * s.share(s.other_letters));
  out += lengths_line("characters per document", s.characters_per_document);
  out += lengths_line("tokens per document", s.tokens_per_document);
  if (!s.classes.empty()) out += classes_line(s);
  return out;
}

void warn_empty(const CorpusStats& s) {
  if (s.empty_documents == 0) return;
  std::string rows;
  for (std::size_t r : s.first_empty_rows) rows += (rows.empty() ? "" : ", ") + std::to_string(r);
  fmt::print(stderr, "topica: warning: {} empty document{} kept in place (rows {}{})\n", s.empty_documents,
             s.empty_documents == 1 ? "" : "s", rows, s.empty_documents > s.first_empty_rows.size() ? ", ..." : "");
}

void run_stats(const StatsArgs& args) {
  auto reader = open_corpus(args.corpus);
  const CorpusStats stats = compute_corpus_stats(*reader, !args.corpus.class_column.empty());
  warn_empty(stats);
  const InputFormat format = resolve_format(args.corpus);
  AtomicFile out(args.output);
  out.write(args.format == OutputFormat::Json ? as_json(stats, reader->source_name(), format)
                                              : as_text(stats, reader->source_name(), format));
  out.commit();
}

}  // namespace

void add_corpus_stats(CLI::App& corpus) {
  auto args = std::make_shared<StatsArgs>();
  auto* verb = corpus.add_subcommand("stats", "Counts, script shares and length percentiles of a corpus");
  add_corpus_options(*verb, args->corpus);
  add_format_option(*verb, args->format, {OutputFormat::Text, OutputFormat::Json});
  add_output_option(*verb, args->output, "Write the statistics to FILE", false);
  verb->callback([args] { run_stats(*args); });
}

}  // namespace topica::cli
