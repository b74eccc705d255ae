// topica vocab missing --model M --corpus F [--language ko] [--min-count N] [--top N]
// [--format csv|json] [--output FILE]: the corpus words a model's tokenizer does not have as one
// token, most frequent first, with how it splits them today (대일밴드 -> 대일 ##밴드).
#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/analyzer.hpp"
#include "topica/atomic_file.hpp"
#include "topica/hub.hpp"
#include "topica/tokenizer.hpp"
#include "topica/vocab_missing.hpp"

namespace topica::cli {
namespace {

struct VocabMissingArgs {
  std::string model, language = "auto", user_dict, output = "-";
  CorpusOptions corpus;
  std::uint64_t min_count = 1;
  std::size_t top = 0, threads = 0;
  OutputFormat format = OutputFormat::Csv;
};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) (out += c) += c == '"' ? "\"" : "";
  return out + "\"";
}

std::string split_of(const MissingWord& m) {
  std::string out;
  for (std::size_t i = 0; i < m.tokens.size(); ++i) (out += i ? " " : "") += m.tokens[i];
  return out;
}

void run_vocab_missing(const VocabMissingArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  // The tokenizer first: a wrong --model fails before the corpus is read.
  const Tokenizer tokenizer = Tokenizer::load(hub::resolve_model_folder(a.model));
  WordCountOptions options;
  options.language = a.language;
  options.threads = a.threads;
  if (!a.user_dict.empty()) options.user_words = read_word_list(a.user_dict);
  const std::vector<WordCount> counts = count_corpus_words(a.corpus, options);
  std::vector<MissingWord> missing = find_missing_words(counts, tokenizer, a.min_count, a.threads);
  const std::size_t found = missing.size();
  if (a.top > 0 && missing.size() > a.top) missing.resize(a.top);

  std::string text;
  if (a.format == OutputFormat::Json) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const MissingWord& m : missing) rows.push_back({{"word", m.word}, {"count", m.count}, {"tokens", m.tokens}});
    text = rows.dump(2) + "\n";
  } else {
    text = "word,count,tokens\n";
    for (const MissingWord& m : missing) text += fmt::format("{},{},{}\n", csv_field(m.word), m.count, csv_field(split_of(m)));
  }
  AtomicFile out(a.output);
  out.write(text);
  out.commit();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "topica: {} distinct words, {} not one token ({} shown), {:.1f} s\n", counts.size(), found,
             missing.size(), seconds);
}

}  // namespace

void add_vocab_missing(CLI::App& vocab) {
  auto a = std::make_shared<VocabMissingArgs>();
  auto* verb = vocab.add_subcommand("missing", "Corpus words the model's tokenizer does not have as one token, "
                                               "with counts and how they are split today");
  verb->add_option("--model", a->model, "Model folder (or cached hub id) whose tokenizer is checked")->required()->type_name("DIR");
  add_corpus_options(*verb, a->corpus, CorpusArgument::Flag);
  verb->add_option("--language", a->language, "Word analyzer: auto (by script share), ko (particles split), en / none (scikit-learn's)")
      ->check(CLI::IsMember({"auto", "ko", "en", "none"}))
      ->capture_default_str();
  verb->add_option("--user-dict", a->user_dict, "With Korean: words and compounds kept whole, one per line")->type_name("FILE");
  verb->add_option("--min-count", a->min_count, "Only words seen at least this often")->capture_default_str();
  verb->add_option("--top", a->top, "Only the N most frequent missing words (0: all)")->capture_default_str();
  add_format_option(*verb, a->format, {OutputFormat::Csv, OutputFormat::Json});
  add_output_option(*verb, a->output, "Write the list to FILE", false);
  add_threads_option(*verb, a->threads);
  verb->callback([a] { run_vocab_missing(*a); });
}

}  // namespace topica::cli
