// The built-in demo corpus: this machine's Debian package descriptions, classed by Section.
//
// The recipe behind the figures in ../shared/reference/ (README there):
//   1. `apt-cache dumpavail`: Package, Section (the class) and Description-md5 of every package.
//   2. the Translation-en index files in the apt lists folder (read with
//      `/usr/lib/apt/apt-helper cat-file FILE`, which decompresses them): Description-md5 ->
//      Description-en. dumpavail alone carries only the one-line synopsis.
//   3. join on Description-md5; document = synopsis, "\n", the long description (see
//      debian_description_text); keep documents of >= 20 whitespace-separated words; drop exact
//      duplicates (the first is kept); shuffle as Python's `random.Random(0).shuffle(docs)`.
// The reference has 58,961 documents; a mirror that has moved on since gives a few more or fewer,
// and then a different order (a Fisher-Yates shuffle depends on the length of the list).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace topica {

struct DebianCorpusOptions {
  std::size_t min_words = 20;  ///< reference: 20 (whitespace-separated, as Python's str.split())
  std::uint64_t seed = 0;      ///< reference: 0 (Python's random.Random(0))
  /// Where apt keeps its package lists; passed to apt-cache as Dir::State::Lists too.
  std::string lists_dir = "/var/lib/apt/lists";
};

/// One binary package as `apt-cache dumpavail` lists it.
struct DebianPackage {
  std::string name;             ///< Package
  std::string section;          ///< Section ("" when absent)
  std::string description_md5;  ///< Description-md5 ("" when absent)
};

struct DebianDocument {
  std::string package;  ///< the document id
  std::string section;  ///< the class
  std::string text;
};

struct DebianCorpusStats {
  std::size_t packages = 0;        ///< distinct packages in dumpavail
  std::size_t no_description = 0;  ///< no Translation-en entry for their Description-md5
  std::size_t too_short = 0;       ///< fewer than min_words words
  std::size_t duplicates = 0;      ///< text equal to an earlier document's
  std::size_t invalid_utf8 = 0;    ///< kept or not, texts whose invalid UTF-8 became U+FFFD
  std::size_t kept = 0;
};

struct DebianCorpus {
  std::vector<DebianDocument> documents;
  DebianCorpusStats stats;
};

/// Description-md5 -> document text, from the Translation-en files.
using DebianDescriptions = std::unordered_map<std::string, std::string>;

/// Reads a `apt-cache dumpavail` stream. A package listed twice (several versions or archives;
/// dumpavail normally lists one) keeps its first stanza. `source` names the stream in errors.
std::vector<DebianPackage> parse_dumpavail(std::istream& in, const std::string& source);

/// Adds the Description-md5 -> text pairs of a Translation-en stream to `into`; an md5 already
/// present keeps its text (equal md5s mean equal descriptions).
void parse_translation(std::istream& in, const std::string& source, DebianDescriptions& into);

/// The document text of a description field: the synopsis (trimmed), then "\n" and the long
/// description lines, each without its one leading space, where a " ." line is an empty line.
/// "tool\n Does things.\n .\n More." -> "tool\nDoes things.\n\nMore."
std::string debian_description_text(std::string_view synopsis, const std::vector<std::string>& long_lines);

/// Words as Python's str.split() counts them: runs of non-whitespace, where whitespace is
/// ASCII whitespace, U+001C..U+001F, U+0085, U+00A0 and the Unicode space separators.
std::size_t count_words(std::string_view utf8_text);

/// Steps 3 without the shuffle: joins packages to descriptions, repairs invalid UTF-8, drops
/// short documents and duplicates. Documents stay in dumpavail order.
DebianCorpus select_debian_documents(const std::vector<DebianPackage>& packages,
                                     const DebianDescriptions& descriptions, std::size_t min_words);

/// CPython's random.Random(seed): MT19937 seeded by init_by_array with the seed's 32-bit words
/// (CPython's seeding of an int), and getrandbits / _randbelow on top of it. Reproduces
/// `random.Random(seed).getrandbits(k)` and `.shuffle(x)` of CPython 3.2 and later.
class PythonRandom {
 public:
  explicit PythonRandom(std::uint64_t seed);
  /// random.getrandbits(k) for 1 <= k <= 64.
  std::uint64_t getrandbits(unsigned k);
  /// random._randbelow(n) for n >= 1: getrandbits(n.bit_length()) until the value is below n.
  std::uint64_t below(std::uint64_t n);

 private:
  std::mt19937 engine_;
};

/// The order `random.Random(seed).shuffle(x)` gives a list of n items: item i of the shuffled
/// list is x[order[i]]. Python: x = list(range(n)); random.Random(seed).shuffle(x).
std::vector<std::size_t> python_shuffle_order(std::size_t n, std::uint64_t seed);

/// Shuffles the documents in place exactly as `random.Random(seed).shuffle(documents)`.
void shuffle_debian_documents(std::vector<DebianDocument>& documents, std::uint64_t seed);

/// The whole recipe on this machine: runs apt-cache and apt-helper (no shell involved) and
/// returns the shuffled corpus. Throws Error when apt is missing or fails, and when the lists
/// folder has no Translation-en files (images with Acquire::Languages "none"): the message says
/// to run `apt-get update -o Acquire::Languages=en`.
DebianCorpus build_debian_corpus(const DebianCorpusOptions& options);

}  // namespace topica
