// topica wordvec eval VECTORS [--analogies F] [--similarity F …]: gensim's evaluate_word_analogies
// and evaluate_word_pairs on the same files (see include/topica/word_vector_eval.hpp).
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/wordvec.hpp"
#include "topica/error.hpp"
#include "topica/word_vector_eval.hpp"
#include "topica/word_vector_tools.hpp"

namespace topica::cli {
namespace {
using Json = nlohmann::ordered_json;

struct EvalArgs {
  std::string vectors, analogies;
  std::vector<std::string> similarity;
  std::size_t restrict_vocab = 300000;
  bool case_sensitive = false;
  OutputFormat format = OutputFormat::Text;
};

void run_eval(const EvalArgs& a) {
  if (a.analogies.empty() && a.similarity.empty()) throw UsageError("give --analogies FILE and/or --similarity FILE");
  const WordVectorSource source = WordVectorSource::load(a.vectors);
  Json report;
  report["vectors"] = a.vectors;
  report["words"] = source.vectors().size();
  if (!a.analogies.empty()) {
    const AnalogyResult r = evaluate_word_analogies(source.vectors(), a.analogies, a.restrict_vocab, !a.case_sensitive);
    Json sections = Json::array();
    for (const AnalogySection& s : r.sections) {
      sections.push_back({{"section", s.name}, {"correct", s.correct}, {"incorrect", s.incorrect}, {"accuracy", s.accuracy()}});
    }
    report["analogies"] = {{"file", a.analogies},         {"accuracy", r.total.accuracy()}, {"correct", r.total.correct},
                           {"incorrect", r.total.incorrect}, {"skipped", r.skipped},          {"questions", r.questions()},
                           {"sections", sections}};
  }
  Json pairs = Json::array();
  for (const std::string& file : a.similarity) {
    const WordPairResult r = evaluate_word_pairs(source.vectors(), file, a.restrict_vocab, !a.case_sensitive);
    pairs.push_back({{"file", file}, {"spearman", r.spearman}, {"pearson", r.pearson}, {"pairs", r.pairs}, {"skipped", r.skipped},
                     {"oov_percent", r.oov_percent()}});
  }
  if (!pairs.empty()) report["similarity"] = pairs;
  if (a.format == OutputFormat::Json) {
    fmt::print("{}\n", report.dump(2));
    return;
  }
  if (report.contains("analogies")) {
    const Json& an = report["analogies"];
    for (const Json& s : an["sections"]) {
      fmt::print("{:<28} {:6.2f}%  ({}/{})\n", s["section"].get<std::string>(), 100.0 * s["accuracy"].get<double>(),
                 s["correct"].get<std::size_t>(), s["correct"].get<std::size_t>() + s["incorrect"].get<std::size_t>());
    }
    fmt::print("analogies: {:.2f}% correct ({} of {} answered); {} of {} questions skipped (a word outside the vocabulary)\n",
               100.0 * an["accuracy"].get<double>(), an["correct"].get<std::size_t>(),
               an["correct"].get<std::size_t>() + an["incorrect"].get<std::size_t>(), an["skipped"].get<std::size_t>(),
               an["questions"].get<std::size_t>());
  }
  for (const Json& p : pairs) {
    fmt::print("{}: Spearman {:.4f}, Pearson {:.4f} over {} pairs; {} skipped ({:.1f}% OOV)\n", p["file"].get<std::string>(),
               p["spearman"].get<double>(), p["pearson"].get<double>(), p["pairs"].get<std::size_t>(),
               p["skipped"].get<std::size_t>(), p["oov_percent"].get<double>());
  }
}

}  // namespace

void add_wordvec_eval(CLI::App& wordvec) {
  auto a = std::make_shared<EvalArgs>();
  auto* verb = wordvec.add_subcommand("eval", "Analogy accuracy and word-similarity Spearman, as gensim's evaluate_* functions");
  verb->add_option("VECTORS", a->vectors, "Word vectors or a topica FastText model")->required();
  verb->add_option("--analogies", a->analogies, "questions-words file (': section' lines, then 'a b c d')")->type_name("FILE");
  verb->add_option("--similarity", a->similarity, "word1 TAB word2 TAB score file(s)")->type_name("FILE ...");
  verb->add_option("--restrict-vocab", a->restrict_vocab, "Only the first (most frequent) words count")->capture_default_str();
  verb->add_flag("--case-sensitive", a->case_sensitive, "Match words as written (default: case-insensitively, as gensim)");
  add_format_option(*verb, a->format, {OutputFormat::Text, OutputFormat::Json});
  verb->callback([a] { run_eval(*a); });
}

}  // namespace topica::cli
