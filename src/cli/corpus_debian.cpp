// topica corpus debian --output FILE: this machine's Debian package descriptions as a JSONL
// corpus ({"id": package, "text": description, "class": Section} per line), by the recipe of
// include/topica/debian_corpus.hpp.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/atomic_file.hpp"
#include "topica/debian_corpus.hpp"

namespace topica::cli {
namespace {

struct DebianArgs {
  DebianCorpusOptions corpus;
  std::string output;
};

std::string jsonl_line(const DebianDocument& doc) {
  nlohmann::ordered_json row;
  row["id"] = doc.package;
  row["text"] = doc.text;
  row["class"] = doc.section;
  return row.dump(-1, ' ', false) + "\n";  // texts are valid UTF-8: the library repaired them
}

void print_summary(const DebianCorpusStats& s, std::size_t min_words, const std::string& output) {
  fmt::print(stderr,
             "topica: debian corpus: {} documents kept of {} packages; dropped {} shorter than {} words, "
             "{} exact duplicates, {} without an English description{} -> {}\n",
             s.kept, s.packages, s.too_short, min_words, s.duplicates, s.no_description,
             s.invalid_utf8 == 0 ? "" : fmt::format("; {} texts had invalid UTF-8 replaced", s.invalid_utf8),
             output == "-" ? "<stdout>" : output);
}

void run_debian(const DebianArgs& args) {
  const DebianCorpus corpus = build_debian_corpus(args.corpus);
  AtomicFile out(args.output);
  for (const DebianDocument& doc : corpus.documents) out.write(jsonl_line(doc));
  out.commit();
  print_summary(corpus.stats, args.corpus.min_words, args.output);
}

}  // namespace

void add_corpus_debian(CLI::App& corpus) {
  auto args = std::make_shared<DebianArgs>();
  auto* verb = corpus.add_subcommand(
      "debian",
      "Build the demo corpus of this machine's Debian package descriptions (JSONL: id, text, class = Section)");
  add_output_option(*verb, args->output, "Write the corpus to FILE as JSONL", true);
  verb->get_option("--output")->type_name("FILE");
  verb->add_option("--min-words", args->corpus.min_words, "Keep documents of at least this many words")
      ->capture_default_str();
  verb->add_option("--seed", args->corpus.seed, "Shuffle seed (the order of Python's random.Random(seed).shuffle)")
      ->capture_default_str();
  verb->add_option("--apt-lists", args->corpus.lists_dir, "apt's package lists folder (Translation-en files)")
      ->capture_default_str()
      ->type_name("DIR");
  verb->callback([args] { run_debian(*args); });
}

}  // namespace topica::cli
