// topica wordvec adjust VECTORS --synonyms GROUPS --output V2 [--method mean|weighted|max|min]
// [--binary]: the static-vector counterpart of topica adjust. The output keeps the input's
// format (word2vec text or binary, GloVe text) unless --binary asks for binary.
#include <memory>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/wordvec.hpp"
#include "topica/error.hpp"
#include "topica/word_vector_adjust.hpp"
#include "topica/word_vector_files.hpp"

namespace topica::cli {
namespace {

struct AdjustArgs {
  std::string vectors, synonyms, output, method = "mean";
  bool binary = false;
};

void run_adjust(const AdjustArgs& a) {
  const auto method = parse_combine_method(a.method);
  if (!method) throw UsageError(fmt::format("--method {}: expected mean, weighted, max or min", a.method));
  const std::vector<SynonymGroup> groups = read_synonym_groups(a.synonyms);
  const VectorFileFormat format = detect_vector_file_format(a.vectors);
  WordVectors vectors = read_word_vectors(a.vectors, format);
  const WordVectorAdjustment report = adjust_word_vectors(vectors, groups, *method, a.synonyms);
  write_word_vectors(a.output, vectors, a.binary ? VectorFileFormat::Word2VecBinary : format);
  fmt::print(stderr, "topica: {} groups: {} words set to their group's {} vector, {} words added -> {}\n", report.groups,
             report.words_set, a.method, report.words_added, a.output);
}

}  // namespace

void add_wordvec_adjust(CLI::App& wordvec) {
  auto a = std::make_shared<AdjustArgs>();
  auto* verb = wordvec.add_subcommand("adjust", "One vector per synonym group: every member gets the group's combined "
                                                "vector; missing members are added");
  verb->add_option("vectors", a->vectors, "Word vectors (word2vec text/binary, .vec, GloVe text)")->required()->type_name("VECTORS");
  verb->add_option("--synonyms", a->synonyms, "GROUPS file: JSON or CSV (concept,word[,weight])")->required()->type_name("GROUPS");
  add_output_option(*verb, a->output, "Adjusted vectors, in the input's format", true);
  verb->add_option("--method", a->method, "How a group's vectors combine: mean | weighted | max | min")->capture_default_str();
  verb->add_flag("--binary", a->binary, "Write word2vec's binary format");
  verb->callback([a] { run_adjust(*a); });
}

}  // namespace topica::cli
