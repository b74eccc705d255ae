#include "topica/debian_corpus.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <unordered_set>

#include "core/utf8.hpp"
#include "io/deb822.hpp"
#include "topica/error.hpp"

extern char** environ;

namespace topica {
namespace {

constexpr const char* kAptCache = "apt-cache";
constexpr const char* kAptHelper = "/usr/lib/apt/apt-helper";
constexpr const char* kFetchTranslations = "apt-get update -o Acquire::Languages=en";

}  // namespace

// ---- parsing ------------------------------------------------------------------------------

std::vector<DebianPackage> parse_dumpavail(std::istream& in, const std::string& source) {
  std::vector<DebianPackage> packages;
  std::unordered_set<std::string> seen;
  io::Deb822Reader reader(in, source);
  io::Deb822Stanza stanza;
  while (reader.next(stanza)) {
    std::string name(stanza.value("Package"));
    if (name.empty() || !seen.insert(name).second) continue;  // several versions: the first wins
    packages.push_back({std::move(name), std::string(stanza.value("Section")),
                        std::string(stanza.value("Description-md5"))});
  }
  return packages;
}

std::string debian_description_text(std::string_view synopsis, const std::vector<std::string>& long_lines) {
  while (!synopsis.empty() && (synopsis.front() == ' ' || synopsis.front() == '\t')) synopsis.remove_prefix(1);
  while (!synopsis.empty() && (synopsis.back() == ' ' || synopsis.back() == '\t')) synopsis.remove_suffix(1);
  std::string text(synopsis);
  if (long_lines.empty()) return text;
  text += '\n';
  for (std::size_t i = 0; i < long_lines.size(); ++i) {
    std::string_view line = long_lines[i];
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (i > 0) text += '\n';
    if (line != ".") text += line;  // " ." marks an empty line (Debian Policy 5.6.13)
  }
  return text;
}

void parse_translation(std::istream& in, const std::string& source, DebianDescriptions& into) {
  io::Deb822Reader reader(in, source);
  io::Deb822Stanza stanza;
  while (reader.next(stanza)) {
    const io::Deb822Field* description = stanza.find("Description-en");
    const std::string_view md5 = stanza.value("Description-md5");
    if (description == nullptr || md5.empty() || into.contains(std::string(md5))) continue;
    into.emplace(md5, debian_description_text(description->value, description->continuation));
  }
}

// ---- selection ----------------------------------------------------------------------------

namespace {

// Byte length of the whitespace character at s[i] in Python's sense (str.isspace), or 0.
// Matched on bytes, so that text that is not valid UTF-8 is still counted safely.
std::size_t space_length(std::string_view s, std::size_t i) {
  const auto at = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned b0 = at(0);
  if (b0 < 0x80) return (b0 >= 0x09 && b0 <= 0x0D) || (b0 >= 0x1C && b0 <= 0x20) ? 1 : 0;
  const unsigned b1 = at(1), b2 = at(2);
  if (b0 == 0xC2) return b1 == 0x85 || b1 == 0xA0 ? 2 : 0;                        // U+0085, U+00A0
  if (b0 == 0xE1) return b1 == 0x9A && b2 == 0x80 ? 3 : 0;                        // U+1680
  if (b0 == 0xE3) return b1 == 0x80 && b2 == 0x80 ? 3 : 0;                        // U+3000
  if (b0 != 0xE2) return 0;
  if (b1 == 0x80) return b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0;  // U+2000..200A, 2028, 2029, 202F
  return b1 == 0x81 && b2 == 0x9F ? 3 : 0;                                        // U+205F
}

}  // namespace

std::size_t count_words(std::string_view text) {
  std::size_t words = 0, i = 0;
  bool in_word = false;
  while (i < text.size()) {
    const std::size_t space = space_length(text, i);
    if (space > 0) {
      in_word = false;
      i += space;
      continue;
    }
    if (!in_word) ++words;
    in_word = true;
    ++i;
  }
  return words;
}

DebianCorpus select_debian_documents(const std::vector<DebianPackage>& packages,
                                     const DebianDescriptions& descriptions, std::size_t min_words) {
  DebianCorpus corpus;
  DebianCorpusStats& stats = corpus.stats;
  stats.packages = packages.size();
  // Reserved up front so that the views in `seen` into the kept texts never dangle.
  corpus.documents.reserve(packages.size());
  std::unordered_set<std::string_view> seen;
  seen.reserve(packages.size());
  for (const DebianPackage& package : packages) {
    const auto found = descriptions.find(package.description_md5);
    if (package.description_md5.empty() || found == descriptions.end()) {
      ++stats.no_description;
      continue;
    }
    std::string text = found->second;
    if (utf8::find_invalid(text) != std::string_view::npos) {
      text = utf8::replace_invalid(text);
      ++stats.invalid_utf8;
    }
    if (count_words(text) < min_words) {
      ++stats.too_short;
      continue;
    }
    if (seen.contains(text)) {
      ++stats.duplicates;
      continue;
    }
    corpus.documents.push_back({package.name, utf8::replace_invalid(package.section), std::move(text)});
    seen.insert(corpus.documents.back().text);
  }
  stats.kept = corpus.documents.size();
  return corpus;
}

// ---- CPython's random.Random --------------------------------------------------------------

namespace {

// MT19937's state after CPython's init_by_array(key): Matsumoto and Nishimura's 2002 seeding,
// which CPython's random_seed() applies to the 32-bit words of abs(seed), least significant first.
std::array<std::uint32_t, 624> mt19937_state_by_array(const std::vector<std::uint32_t>& key) {
  constexpr std::size_t n = 624;
  std::array<std::uint32_t, n> mt{};
  mt[0] = 19650218u;
  for (std::size_t i = 1; i < n; ++i) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
  std::size_t i = 1, j = 0;
  for (std::size_t k = std::max(n, key.size()); k > 0; --k) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + static_cast<std::uint32_t>(j);
    if (++i >= n) {
      mt[0] = mt[n - 1];
      i = 1;
    }
    if (++j >= key.size()) j = 0;
  }
  for (std::size_t k = n - 1; k > 0; --k) {
    mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - static_cast<std::uint32_t>(i);
    if (++i >= n) {
      mt[0] = mt[n - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000u;  // a nonzero initial state is assured
  return mt;
}

std::vector<std::uint32_t> seed_words(std::uint64_t seed) {
  std::vector<std::uint32_t> key{static_cast<std::uint32_t>(seed)};
  if ((seed >> 32) != 0) key.push_back(static_cast<std::uint32_t>(seed >> 32));
  return key;
}

}  // namespace

PythonRandom::PythonRandom(std::uint64_t seed) {
  // The standard's textual form of a mersenne_twister_engine is its 624 state words; reading it
  // back leaves the engine about to regenerate, as CPython's generator is after seeding.
  std::stringstream state;
  for (std::uint32_t word : mt19937_state_by_array(seed_words(seed))) state << word << ' ';
  state >> engine_;
}

std::uint64_t PythonRandom::getrandbits(unsigned k) {
  if (k == 0 || k > 64) throw UsageError("getrandbits: k must be 1..64, got " + std::to_string(k));
  if (k <= 32) return static_cast<std::uint32_t>(engine_()) >> (32 - k);
  const std::uint64_t low = static_cast<std::uint32_t>(engine_());  // CPython fills words low first
  const std::uint64_t high = static_cast<std::uint32_t>(engine_()) >> (64 - k);
  return low | (high << 32);
}

std::uint64_t PythonRandom::below(std::uint64_t n) {
  if (n == 0) throw UsageError("below: n must be positive");
  const unsigned bits = static_cast<unsigned>(std::bit_width(n));  // n.bit_length(), not (n-1)'s
  std::uint64_t r = getrandbits(bits);
  while (r >= n) r = getrandbits(bits);
  return r;
}

std::vector<std::size_t> python_shuffle_order(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  PythonRandom random(seed);
  for (std::size_t i = n; i-- > 1;) std::swap(order[i], order[random.below(i + 1)]);  // random.shuffle
  return order;
}

void shuffle_debian_documents(std::vector<DebianDocument>& documents, std::uint64_t seed) {
  PythonRandom random(seed);
  for (std::size_t i = documents.size(); i-- > 1;) std::swap(documents[i], documents[random.below(i + 1)]);
}

// ---- running apt --------------------------------------------------------------------------

namespace {

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) line += (line.empty() ? "" : " ") + arg;
  return line;
}

// Runs argv (no shell) with standard input from /dev/null and returns its standard output; its
// standard error goes where ours does, so that apt's own messages reach the user.
std::string capture_output(const std::vector<std::string>& argv) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw Error("cannot create a pipe: " + std::string(std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    throw Error("cannot run " + argv[0] + ": " + std::strerror(spawned) + " (is apt installed?)");
  }
  std::string output;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
    if (got > 0) output.append(buffer, static_cast<std::size_t>(got));
    if (got == 0 || (got < 0 && errno != EINTR)) break;
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const std::string how = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                              : "signal " + std::to_string(WTERMSIG(status));
    throw Error("`" + command_line(argv) + "` failed (" + how + ")");
  }
  return output;
}

// The Translation-en index files in the lists folder, sorted by name: the recipe's
// *_i18n_Translation-en* glob, narrowed to "Translation-en" plus a compression suffix so that
// en_GB and friends stay out.
std::vector<std::string> translation_files(const std::string& lists_dir) {
  namespace fs = std::filesystem;
  static const std::vector<std::string> suffixes{"", ".lz4", ".gz", ".xz", ".bz2", ".lzma", ".zst"};
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(lists_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::size_t at = name.find("_i18n_Translation-en");
    if (at == std::string::npos || !it->is_regular_file()) continue;
    const std::string suffix = name.substr(at + std::strlen("_i18n_Translation-en"));
    if (std::find(suffixes.begin(), suffixes.end(), suffix) != suffixes.end()) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    throw Error("no English package descriptions (*_i18n_Translation-en*) in " + lists_dir +
                (ec ? " (" + ec.message() + ")" : std::string()) +
                "; this image may set Acquire::Languages \"none\": run `" + kFetchTranslations +
                "` as root, then try again");
  }
  return files;
}

}  // namespace

DebianCorpus build_debian_corpus(const DebianCorpusOptions& options) {
  const std::vector<std::string> files = translation_files(options.lists_dir);
  DebianDescriptions descriptions;
  for (const std::string& file : files) {
    std::istringstream in(capture_output({kAptHelper, "cat-file", file}));
    parse_translation(in, file, descriptions);
  }
  std::istringstream dump(capture_output({kAptCache, "-o", "Dir::State::Lists=" + options.lists_dir, "dumpavail"}));
  const std::vector<DebianPackage> packages = parse_dumpavail(dump, "apt-cache dumpavail");
  DebianCorpus corpus = select_debian_documents(packages, descriptions, options.min_words);
  shuffle_debian_documents(corpus.documents, options.seed);
  return corpus;
}

}  // namespace topica
