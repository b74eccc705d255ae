// topica text segment [FILE] [--language auto|ko|en|none] [--normalize nfc|nfkc] [--clean hangul]
// [--user-dict F]: one document per line in (FILE or stdin), its words space-separated out, so
// people can see what the analyzer does to their text.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/verbs.hpp"
#include "topica/analyzer.hpp"
#include "topica/error.hpp"
#include "topica/korean_analyzer.hpp"
#include "topica/text_normalizer.hpp"

namespace topica::cli {
namespace {

struct SegmentArgs {
  std::string input = "-", language = "auto", normalize = "nfc", clean, user_dict;
};

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) throw InputError(fmt::format("{}: cannot open", path));
  }
  std::istream& in = path == "-" ? std::cin : file;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  if (in.bad()) throw InputError(fmt::format("{}: read error", path == "-" ? "stdin" : path));
  return lines;
}

void run_segment(const SegmentArgs& a) {
  NormalizeOptions normalize;
  normalize.form = parse_normal_form(a.normalize, "--normalize");
  normalize.clean_hangul = a.clean == "hangul";
  std::vector<std::string> docs = read_lines(a.input);
  const std::vector<std::string> user_words = a.user_dict.empty() ? std::vector<std::string>() : read_word_list(a.user_dict);
  // The Korean analyzer brings text to NFC itself (and reads control characters and odd spaces
  // as the spaces they are): only another form or the cleaning needs a pass of its own.
  const bool korean = a.language == "ko" || (a.language == "auto" && detect_language(docs) == "ko");
  if (!(korean && normalize.form == NormalForm::Nfc && !normalize.clean_hangul)) {
    for (std::string& d : docs) d = normalize_text(d, normalize);
  }
  std::string out;
  const auto write_line = [&out](std::string_view words) {
    (out += words) += '\n';
    if (out.size() > (1u << 20)) std::fwrite(out.data(), 1, out.size(), stdout), out.clear();
  };
  std::string language = "ko";
  if (korean) {
    // The lexicon learned and the documents split in one read of the corpus.
    segment_korean(docs, user_words, write_line);
  } else {
    const AnalyzerSettings settings = choose_analyzer(a.language, docs, user_words);
    const std::shared_ptr<const Analyzer> analyzer = make_analyzer(settings);
    std::vector<std::string> tokens;
    std::string line;
    for (const std::string& d : docs) {
      tokens.clear(), line.clear();
      analyzer->tokenize(d, tokens);
      for (std::size_t i = 0; i < tokens.size(); ++i) (line += i ? " " : "") += tokens[i];
      write_line(line);
    }
    language = settings.language;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  fmt::print(stderr, "topica: {} documents, analyzer: {}\n", docs.size(), language);
}

}  // namespace

void add_text_segment(CLI::App& text) {
  auto a = std::make_shared<SegmentArgs>();
  auto* verb = text.add_subcommand("segment", "Split text into the words topic models count: one document per line in, "
                                              "space-separated words out");
  verb->add_option("input", a->input, "Text file, one document per line (- or nothing: stdin)")->type_name("FILE");
  verb->add_option("--language", a->language, "auto (by script share), ko (particles split), en / none (scikit-learn's)")
      ->check(CLI::IsMember({"auto", "ko", "en", "none"}))
      ->capture_default_str();
  verb->add_option("--normalize", a->normalize, "Unicode normal form")->check(CLI::IsMember({"nfc", "nfkc"}))->capture_default_str();
  verb->add_option("--clean", a->clean, "hangul: keep only Hangul, spaces and periods")->check(CLI::IsMember({"hangul"}));
  verb->add_option("--user-dict", a->user_dict, "With Korean: words and compounds kept whole, one per line")->type_name("FILE");
  verb->callback([a] { run_segment(*a); });
}

}  // namespace topica::cli
