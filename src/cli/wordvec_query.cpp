// topica wordvec similar VECTORS WORD [--positive W…] [--negative W…] [--top 10],
// topica wordvec analogy VECTORS A B C, topica wordvec similarity VECTORS W1 W2,
// topica wordvec doesnt-match VECTORS W1 W2 W3…: gensim's KeyedVectors queries. VECTORS is any
// vector file or a FastText model (which also answers for words it never saw).
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/table_format.hpp"
#include "cli/wordvec.hpp"
#include "topica/error.hpp"
#include "topica/table_writer.hpp"
#include "topica/word_vector_tools.hpp"

namespace topica::cli {
namespace {
using Json = nlohmann::ordered_json;

struct QueryArgs {
  std::string vectors, word;
  std::vector<std::string> positive, negative, words;
  std::size_t top = 10;
  OutputFormat format = OutputFormat::Text;
};

void print_hits(const std::vector<WordHit>& hits, OutputFormat format) {
  if (format == OutputFormat::Json) {
    Json rows = Json::array();
    for (std::size_t r = 0; r < hits.size(); ++r) rows.push_back({{"rank", r + 1}, {"word", hits[r].word}, {"similarity", hits[r].similarity}});
    fmt::print("{}\n", rows.dump(2));
  } else if (format == OutputFormat::Csv) {
    CsvWriter csv("-", {"rank", "word", "similarity"});
    for (std::size_t r = 0; r < hits.size(); ++r) csv.row({std::to_string(r + 1), hits[r].word, fmt::format("{}", hits[r].similarity)});
    csv.commit();
  } else {
    fmt::print("{:>4}  {:>10}  {}\n", "Rank", "Similarity", "Word");
    for (std::size_t r = 0; r < hits.size(); ++r) fmt::print("{:>4}  {:>10.6f}  {}\n", r + 1, hits[r].similarity, hits[r].word);
  }
}

// The vectors of `words` (an unknown one is an error naming it) and their rows, to exclude.
std::vector<std::vector<float>> query_vectors(const WordVectorSource& source, const std::vector<std::string>& words,
                                              std::vector<std::size_t>& rows) {
  std::vector<std::vector<float>> vectors;
  for (const std::string& w : words) {
    vectors.push_back(source.vector(w));
    if (auto row = source.vectors().find(w)) rows.push_back(*row);
  }
  return vectors;
}

void run_most_similar(const WordVectorSource& source, const std::vector<std::string>& positive,
                      const std::vector<std::string>& negative, std::size_t top, OutputFormat format) {
  std::vector<std::size_t> exclude;
  const auto pos = query_vectors(source, positive, exclude);
  const auto neg = query_vectors(source, negative, exclude);
  const WordVectorIndex index(source.vectors());
  print_hits(index.most_similar(pos, neg, top, exclude), format);
}

void run_similar(const QueryArgs& a) {
  std::vector<std::string> positive = a.positive;
  if (!a.word.empty()) positive.insert(positive.begin(), a.word);
  if (positive.empty() && a.negative.empty()) throw UsageError("give a WORD, --positive or --negative words");
  run_most_similar(WordVectorSource::load(a.vectors), positive, a.negative, a.top, a.format);
}

void run_analogy(const QueryArgs& a) {
  if (a.words.size() != 3) throw UsageError("analogy takes three words: A B C (A is to B as C is to ?)");
  run_most_similar(WordVectorSource::load(a.vectors), {a.words[1], a.words[2]}, {a.words[0]}, a.top, a.format);
}

void run_similarity(const QueryArgs& a) {
  if (a.words.size() != 2) throw UsageError("similarity takes two words");
  const WordVectorSource source = WordVectorSource::load(a.vectors);
  fmt::print("{}\n", cosine_similarity(source.vector(a.words[0]), source.vector(a.words[1])));
}

void run_doesnt_match(const QueryArgs& a) {
  const WordVectorSource source = WordVectorSource::load(a.vectors);
  std::vector<std::size_t> rows;
  fmt::print("{}\n", a.words[doesnt_match(query_vectors(source, a.words, rows))]);
}

CLI::App* add_query_verb(CLI::App& wordvec, const char* name, const char* help, const std::shared_ptr<QueryArgs>& a) {
  auto* verb = wordvec.add_subcommand(name, help);
  verb->add_option("VECTORS", a->vectors, "Word vectors (word2vec text/binary, .vec, GloVe) or a topica FastText model")->required();
  return verb;
}

}  // namespace

void add_wordvec_queries(CLI::App& wordvec) {
  auto s = std::make_shared<QueryArgs>();
  auto* similar = add_query_verb(wordvec, "similar", "Words most similar to WORD (+ --positive, - --negative words; 3CosAdd)", s);
  similar->add_option("WORD", s->word, "The word to find neighbours of");
  similar->add_option("--positive", s->positive, "More words to add")->type_name("WORD ...");
  similar->add_option("--negative", s->negative, "Words to subtract")->type_name("WORD ...");
  similar->add_option("--top", s->top, "Words to show")->capture_default_str()->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  add_table_format_option(*similar, s->format);
  similar->callback([s] { run_similar(*s); });

  auto an = std::make_shared<QueryArgs>();
  auto* analogy = add_query_verb(wordvec, "analogy", "A is to B as C is to ?: the words nearest B - A + C", an);
  analogy->add_option("WORDS", an->words, "A B C")->required()->expected(3);
  analogy->add_option("--top", an->top, "Words to show")->capture_default_str()->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  add_table_format_option(*analogy, an->format);
  analogy->callback([an] { run_analogy(*an); });

  auto si = std::make_shared<QueryArgs>();
  auto* similarity = add_query_verb(wordvec, "similarity", "The cosine similarity of two words", si);
  similarity->add_option("WORDS", si->words, "W1 W2")->required()->expected(2);
  similarity->callback([si] { run_similarity(*si); });

  auto d = std::make_shared<QueryArgs>();
  auto* odd = add_query_verb(wordvec, "doesnt-match", "The word furthest from the mean of the others (gensim's doesnt_match)", d);
  odd->add_option("WORDS", d->words, "Two or more words")->required()->expected(2, 1000);
  odd->callback([d] { run_doesnt_match(*d); });
}

}  // namespace topica::cli
