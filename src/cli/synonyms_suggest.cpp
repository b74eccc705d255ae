// topica synonyms suggest (--model M | --vectors V) --words FILE [--top 5] [--min-similarity 0.7] [--output F]:
// candidate synonym groups from nearest neighbours, in the GROUPS CSV format for a person to edit
// and pass to topica adjust or topica fit --synonyms.
#include <fmt/format.h>

#include <set>

#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/analyzer.hpp"
#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/synonym_suggest.hpp"
#include "topica/word_vector_files.hpp"

namespace topica::cli {
namespace {

struct SuggestArgs {
  std::string model, vectors, words, output = "-";
  SuggestOptions options;
};

void run_suggest(const SuggestArgs& a) {
  std::vector<std::string> words;  // in file order, each once
  std::set<std::string> seen;
  for (std::string& w : read_word_list(a.words)) {
    if (seen.insert(w).second) words.push_back(std::move(w));
  }
  if (words.size() < 2) throw InputError(fmt::format("{}: {} distinct word(s); suggestions need two or more", a.words, words.size()));
  if (a.options.top == 0) throw UsageError("--top must be at least 1");
  if (a.model.empty() == a.vectors.empty()) throw UsageError("give --model (a transformer) or --vectors (word vectors)");
  std::vector<SynonymGroup> groups;
  if (!a.vectors.empty()) {
    const WordVectors table = read_word_vectors(a.vectors);
    Matrix<float> rows(words.size(), table.dimension());
    for (std::size_t i = 0; i < words.size(); ++i) {
      const auto row = table.find(words[i]);
      if (!row) throw InputError(fmt::format("{}: '{}' is not in the vectors {}", a.words, words[i], a.vectors));
      std::copy_n(table.vectors.row(*row), table.dimension(), rows.row(i));
    }
    groups = suggest_synonyms(std::move(rows), words, a.options);
  } else {
    groups = suggest_synonyms(SentenceEncoder::load(a.model), words, a.options);
  }
  AtomicFile out(a.output);
  out.write(synonym_groups_csv(groups));
  out.commit();
  fmt::print(stderr, "topica: {} words, {} candidate groups\n", words.size(), groups.size());
}

}  // namespace

void add_synonyms_suggest(CLI::App& synonyms) {
  auto a = std::make_shared<SuggestArgs>();
  auto* verb = synonyms.add_subcommand("suggest", "Candidate synonym groups from nearest neighbours among the listed "
                                                  "words, as GROUPS CSV to edit");
  auto* model = verb->add_option("--model", a->model, "Transformer model folder (or cached hub id)")->type_name("DIR");
  auto* vectors = verb->add_option("--vectors", a->vectors, "Static word vectors (word2vec text/binary, .vec, GloVe text)")
                      ->type_name("FILE");
  model->excludes(vectors);
  verb->add_option("--words", a->words, "Words, one per line (# comments)")->required()->type_name("FILE");
  verb->add_option("--top", a->options.top, "Neighbours per group at most")->capture_default_str();
  verb->add_option("--min-similarity", a->options.min_similarity, "Cosine a neighbour needs")->capture_default_str();
  add_output_option(*verb, a->output, "Write the groups to FILE", false);
  add_threads_option(*verb, a->options.threads);
  verb->callback([a] { run_suggest(*a); });
}

}  // namespace topica::cli
