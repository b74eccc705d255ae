// topica wordvec: the group, and the corpus tokenizing its verbs share.
#include "cli/wordvec.hpp"

#include <fmt/format.h>

#include "cli/verbs.hpp"
#include "topica/analyzer.hpp"
#include "topica/error.hpp"
#include "topica/parallel.hpp"

namespace topica::cli {
namespace {

void split_on_whitespace(const std::string& text, std::vector<std::string>& tokens) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
    const std::size_t start = i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) == 0) ++i;
    if (i > start) tokens.emplace_back(text, start, i - start);
  }
}

}  // namespace

void add_tokenize_options(CLI::App& verb, TokenizeOptions& options) {
  verb.add_option("--language", options.language,
                  "Word analyzer: auto (by script share), ko (particles split), en / none (scikit-learn's), as topica fit")
      ->capture_default_str();
  verb.add_option("--user-dict", options.user_dict, "ko: words to keep whole, one per line")->type_name("FILE");
  verb.add_flag("--tokenized", options.tokenized,
                "The corpus is already tokenized (e.g. by topica wordvec tokenize): words are split on whitespace only");
}

std::vector<std::vector<std::string>> read_tokenized_corpus(const CorpusOptions& corpus, const TokenizeOptions& options,
                                                            std::size_t threads) {
  auto reader = open_corpus(corpus);
  std::vector<std::string> texts;
  Document doc;
  while (reader->next(doc)) texts.push_back(std::move(doc.text));
  if (texts.empty()) throw UsageError(fmt::format("{}: the corpus has no documents", reader->source_name()));
  std::vector<std::vector<std::string>> tokens(texts.size());
  if (options.tokenized) {
    parallel_blocks(texts.size(), 1024, threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t d = begin; d < end; ++d) split_on_whitespace(texts[d], tokens[d]);
    });
    return tokens;
  }
  const AnalyzerSettings settings =
      choose_analyzer(options.language, texts, options.user_dict.empty() ? std::vector<std::string>() : read_word_list(options.user_dict));
  fmt::print(stderr, "topica: analyzer: {}\n", settings.language);
  const auto analyzer = make_analyzer(settings);
  parallel_blocks(texts.size(), 1024, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t d = begin; d < end; ++d) analyzer->tokenize(texts[d], tokens[d]);
  });
  return tokens;
}

void add_wordvec(CLI::App& app) {
  auto* wordvec = app.add_subcommand("wordvec", "Word embeddings: train Word2Vec / FastText, query, evaluate, document vectors");
  wordvec->require_subcommand(1);
  add_wordvec_train(*wordvec);
  add_wordvec_tokenize(*wordvec);
  add_wordvec_queries(*wordvec);
  add_wordvec_eval(*wordvec);
  add_wordvec_doc_vectors(*wordvec);
  add_wordvec_adjust(*wordvec);
}

}  // namespace topica::cli
