// The Debian demo corpus: deb822 parsing, the description layout, the join on Description-md5,
// the filters, CPython's shuffle, and (where apt's Translation-en files exist) the whole recipe
// against ../shared/reference.
#include "topica/debian_corpus.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "io/deb822.hpp"
#include "support/test_support.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

std::vector<io::Deb822Stanza> read_stanzas(const std::string& text) {
  std::istringstream in(text);
  io::Deb822Reader reader(in, "test");
  std::vector<io::Deb822Stanza> stanzas;
  io::Deb822Stanza stanza;
  while (reader.next(stanza)) stanzas.push_back(stanza);
  return stanzas;
}

TEST(DebianDeb822Test, StanzasFieldsAndContinuationLines) {
  const auto stanzas = read_stanzas(
      "\n"
      "Package: foo\n"
      "Tag: a, b,\n"
      " c\n"
      "description-en:  Synopsis here \n"
      " line one\n"
      " .\n"
      "  verbatim\n"
      "\n\n"
      "# a comment\n"
      "Package: bar\n");
  ASSERT_EQ(stanzas.size(), 2u);
  EXPECT_EQ(stanzas[0].line, 2u);
  EXPECT_EQ(stanzas[0].value("Package"), "foo");
  EXPECT_EQ(stanzas[0].value("Section"), "");
  const io::Deb822Field* description = stanzas[0].find("Description-EN");  // names ignore case
  ASSERT_NE(description, nullptr);
  EXPECT_EQ(description->value, "Synopsis here");
  EXPECT_EQ(description->continuation, (std::vector<std::string>{" line one", " .", "  verbatim"}));
  EXPECT_EQ(stanzas[0].find("Tag")->continuation.size(), 1u);
  EXPECT_EQ(stanzas[1].value("Package"), "bar");
  EXPECT_EQ(stanzas[1].line, 12u);
}

TEST(DebianDeb822Test, MalformedLinesNameTheLine) {
  try {
    read_stanzas("Package: foo\nno colon here\n");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("test: line 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_stanzas(" continuation first\n"), InputError);
}

TEST(DebianCorpusTest, DescriptionLayoutMatchesTheReference) {
  // As in ../shared/reference/ctfidf/docs.jsonl: synopsis, "\n", the long lines without their
  // one leading space, " ." as an empty line; deeper indentation (verbatim text) keeps the rest.
  EXPECT_EQ(debian_description_text(" tool ", {" Does things.", " .", "  * a list item", " More."}),
            "tool\nDoes things.\n\n * a list item\nMore.");
  EXPECT_EQ(debian_description_text("only a synopsis", {}), "only a synopsis");
}

TEST(DebianCorpusTest, CountsWordsAsPythonSplit) {
  EXPECT_EQ(count_words(""), 0u);
  EXPECT_EQ(count_words("  one two\n\tthree  "), 3u);
  EXPECT_EQ(count_words("a\u00a0b\u2003c\u3000d"), 4u);  // NBSP, em space, ideographic space
  EXPECT_EQ(count_words("a\x1f" "b"), 2u);                 // Python counts U+001F as whitespace
  EXPECT_EQ(count_words("caf\u00e9 na\u00efve \u200b"), 3u); // U+200B is not whitespace
  EXPECT_EQ(count_words("bad \xff\xfe bytes"), 3u);
}

std::string words(int n, const std::string& word = "w") {
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i > 0) s += ' ';
    s += word;
    s += std::to_string(i);
  }
  return s;
}

TEST(DebianCorpusTest, ParsesDumpavailAndTranslationAndJoinsOnMd5) {
  std::istringstream dump(
      "Package: alpha\nVersion: 1\nSection: utils\nDescription: alpha synopsis\nDescription-md5: m1\n\n"
      "Package: beta\nSection: libs\nDescription-md5: m2\n\n"
      "Package: alpha\nVersion: 2\nSection: games\nDescription-md5: m2\n\n"  // second version: ignored
      "Package: gamma\nSection: net\nDescription-md5: unknown\n\n"
      "Package: delta\nSection: doc\n");
  const auto packages = parse_dumpavail(dump, "dumpavail");
  ASSERT_EQ(packages.size(), 4u);
  EXPECT_EQ(packages[0].name, "alpha");
  EXPECT_EQ(packages[0].section, "utils");
  EXPECT_EQ(packages[0].description_md5, "m1");
  EXPECT_EQ(packages[3].description_md5, "");

  std::istringstream translation("Package: alpha\nDescription-md5: m1\nDescription-en: alpha synopsis\n " +
                                 words(25) + "\n .\n more\n\n"
                                 "Package: beta\nDescription-md5: m2\nDescription-en: beta synopsis\n " +
                                 words(25, "b") + "\n");
  std::istringstream again("Package: x\nDescription-md5: m1\nDescription-en: other text\n other\n");
  DebianDescriptions descriptions;
  parse_translation(translation, "Translation-en", descriptions);
  parse_translation(again, "Translation-en (2)", descriptions);  // m1 is known: the first text stays
  ASSERT_EQ(descriptions.size(), 2u);
  EXPECT_EQ(descriptions["m1"], "alpha synopsis\n" + words(25) + "\n\nmore");

  const DebianCorpus corpus = select_debian_documents(packages, descriptions, 20);
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_EQ(corpus.documents[0].package, "alpha");
  EXPECT_EQ(corpus.documents[0].section, "utils");
  EXPECT_EQ(corpus.documents[0].text, descriptions["m1"]);
  EXPECT_EQ(corpus.documents[1].package, "beta");
  EXPECT_EQ(corpus.stats.packages, 4u);
  EXPECT_EQ(corpus.stats.no_description, 2u);  // gamma (unknown md5) and delta (none)
  EXPECT_EQ(corpus.stats.kept, 2u);
}

TEST(DebianCorpusTest, MinWordsCountsSynopsisAndLongDescription) {
  const std::vector<DebianPackage> packages{{"p19", "a", "m19"}, {"p20", "b", "m20"}};
  DebianDescriptions descriptions{{"m19", "two words\n" + words(17)}, {"m20", "two words\n" + words(18)}};
  const DebianCorpus corpus = select_debian_documents(packages, descriptions, 20);
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].package, "p20");
  EXPECT_EQ(corpus.stats.too_short, 1u);
  EXPECT_EQ(select_debian_documents(packages, descriptions, 19).documents.size(), 2u);
}

TEST(DebianCorpusTest, ExactDuplicatesKeepTheFirst) {
  const std::string text = "synopsis\n" + words(30);
  const std::vector<DebianPackage> packages{
      {"first", "a", "m1"}, {"second", "b", "m2"}, {"third", "c", "m3"}, {"fourth", "d", "m1"}};
  DebianDescriptions descriptions{{"m1", text}, {"m2", text}, {"m3", text + " "}};
  const DebianCorpus corpus = select_debian_documents(packages, descriptions, 20);
  ASSERT_EQ(corpus.documents.size(), 2u);
  EXPECT_EQ(corpus.documents[0].package, "first");
  EXPECT_EQ(corpus.documents[1].package, "third");  // differs by one space: not a duplicate
  EXPECT_EQ(corpus.stats.duplicates, 2u);
}

TEST(DebianCorpusTest, InvalidUtf8IsReplacedAndCounted) {
  const std::vector<DebianPackage> packages{{"p", "s", "m"}};
  DebianDescriptions descriptions{{"m", "caf\xe9 synopsis\n" + words(25)}};
  const DebianCorpus corpus = select_debian_documents(packages, descriptions, 20);
  ASSERT_EQ(corpus.documents.size(), 1u);
  EXPECT_EQ(corpus.documents[0].text.substr(0, 6), "caf\uFFFD");
  EXPECT_EQ(corpus.stats.invalid_utf8, 1u);
}

// Expected values from CPython 3.11.2:
//   r = random.Random(0); [r.getrandbits(32) for _ in range(5)]
//   r = random.Random(0); r.getrandbits(8), r.getrandbits(64), r.getrandbits(40)
//   x = list(range(n)); random.Random(seed).shuffle(x)
TEST(DebianShuffleTest, PythonRandomMatchesCPython) {
  PythonRandom zero(0);
  for (std::uint64_t expected : {3626764237u, 1654615998u, 3255389356u, 3823568514u, 1806341205u}) {
    EXPECT_EQ(zero.getrandbits(32), expected);
  }
  PythonRandom max32(4294967295u);
  for (std::uint64_t expected : {2728839433u, 2661025012u, 872737089u}) EXPECT_EQ(max32.getrandbits(32), expected);
  PythonRandom again(0);
  EXPECT_EQ(again.getrandbits(8), 3626764237u >> 24);
  EXPECT_EQ(again.getrandbits(64), 13981790821421117374ull);  // words 2 | 3 << 32, low word first
  EXPECT_EQ(again.getrandbits(40), 463385069186ull);          // word 4 | (word 5 >> 24) << 32
}

TEST(DebianShuffleTest, ShuffleOrderMatchesCPython) {
  using V = std::vector<std::size_t>;
  EXPECT_EQ(python_shuffle_order(10, 0), (V{7, 8, 1, 5, 3, 4, 2, 0, 9, 6}));
  const V seed64 = python_shuffle_order(20, 12345678901ull);  // a seed of two 32-bit words
  EXPECT_EQ(V(seed64.begin(), seed64.begin() + 12), (V{1, 6, 0, 9, 8, 18, 13, 7, 4, 16, 15, 14}));
  EXPECT_EQ(V(seed64.end() - 3, seed64.end()), (V{12, 10, 19}));
  EXPECT_EQ(python_shuffle_order(0, 0), V{});
  EXPECT_EQ(python_shuffle_order(1, 0), V{0});
  EXPECT_EQ(python_shuffle_order(2, 0), (V{0, 1}));
  // The reference corpus size, and a size past 2^16 (17-bit draws).
  const V reference = python_shuffle_order(58961, 0);
  EXPECT_EQ(V(reference.begin(), reference.begin() + 12),
            (V{50143, 1652, 31812, 11464, 39690, 40503, 26710, 12741, 28450, 7381, 58652, 11462}));
  EXPECT_EQ(V(reference.end() - 3, reference.end()), (V{49673, 25247, 55340}));
  const V large = python_shuffle_order(70000, 7);
  EXPECT_EQ(V(large.begin(), large.begin() + 12),
            (V{60551, 17747, 50551, 30791, 4837, 69922, 8720, 22709, 36806, 33479, 57185, 14734}));
  EXPECT_EQ(V(large.end() - 3, large.end()), (V{51750, 19772, 42445}));
}

TEST(DebianShuffleTest, DocumentShuffleIsDeterministicAndFollowsTheOrder) {
  std::vector<DebianDocument> documents;
  for (int i = 0; i < 100; ++i) {
    const std::string n = std::to_string(i);
    documents.push_back({std::string("p").append(n), "s", std::string("t").append(n)});
  }
  auto a = documents, b = documents, c = documents;
  shuffle_debian_documents(a, 0);
  shuffle_debian_documents(b, 0);
  shuffle_debian_documents(c, 1);
  const auto order = python_shuffle_order(documents.size(), 0);
  for (std::size_t i = 0; i < documents.size(); ++i) {
    EXPECT_EQ(a[i].package, b[i].package);
    EXPECT_EQ(a[i].package, documents[order[i]].package);
  }
  EXPECT_FALSE(std::equal(a.begin(), a.end(), c.begin(),
                          [](const DebianDocument& x, const DebianDocument& y) { return x.package == y.package; }));
}

TEST(DebianCorpusTest, MissingTranslationsSayWhatToRun) {
  test::ScratchDir lists;
  lists.write("deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", "");
  lists.write("deb.debian.org_debian_dists_bookworm_main_i18n_Translation-en_GB.lz4", "");  // not English "en"
  DebianCorpusOptions options;
  options.lists_dir = lists.path().string();
  try {
    build_debian_corpus(options);
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("apt-get update -o Acquire::Languages=en"), std::string::npos) << e.what();
  }
}

bool has_translations(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().find("_i18n_Translation-en") != std::string::npos) return true;
  }
  return false;
}

std::vector<std::string> reference_texts(const std::filesystem::path& docs_jsonl, std::size_t rows) {
  std::ifstream in(docs_jsonl);
  std::vector<std::string> texts;
  for (std::string line; texts.size() < rows && std::getline(in, line);) {
    texts.push_back(nlohmann::json::parse(line).at("text").get<std::string>());
  }
  return texts;
}

// Runs apt-cache and apt-helper on this machine: needs Debian's apt with Translation-en lists.
TEST(DebianCorpusEndToEnd, BuildsTheCorpusInTheReferenceOrder) {
  const DebianCorpusOptions options;
  if (!has_translations(options.lists_dir)) {
    GTEST_SKIP() << "no Translation-en files in " << options.lists_dir
                 << " (run apt-get update -o Acquire::Languages=en)";
  }
  const DebianCorpus corpus = build_debian_corpus(options);
  const std::size_t n = corpus.documents.size();
  ASSERT_GT(n, 1000u);
  const DebianCorpusStats& s = corpus.stats;
  EXPECT_EQ(s.kept, n);
  EXPECT_EQ(s.packages, s.kept + s.too_short + s.duplicates + s.no_description);
  for (const DebianDocument& doc : corpus.documents) {
    ASSERT_GE(count_words(doc.text), 20u) << doc.package;
  }
  // Undo our shuffle: the unshuffled list is in dumpavail's (package name) order.
  const auto order = python_shuffle_order(n, options.seed);
  std::vector<const DebianDocument*> unshuffled(n);
  for (std::size_t i = 0; i < n; ++i) unshuffled[order[i]] = &corpus.documents[i];
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < n; ++i) position.emplace(unshuffled[i]->text, i);
  EXPECT_LT(unshuffled.front()->package, unshuffled.back()->package);

  const auto shared = test::shared_dir();
  const auto docs = shared ? *shared / "reference" / "ctfidf" / "docs.jsonl" : std::filesystem::path();
  if (!shared || !std::filesystem::exists(docs)) GTEST_SKIP() << "../shared/reference/ctfidf/docs.jsonl absent";
  // The reference is random.Random(0).shuffle of 58,961 documents. Whatever our count (the
  // mirror drifts), its first rows must sit where that shuffle put them in the unshuffled list,
  // give or take the packages added or removed since (a few dozen positions). Row 93 of
  // docs.jsonl is the first row the reference left out of that file, so compare rows 0..89.
  constexpr std::size_t kReferenceN = 58961, kRows = 90, kDrift = 64;
  const auto reference_order = python_shuffle_order(kReferenceN, 0);
  const auto texts = reference_texts(docs, kRows);
  ASSERT_EQ(texts.size(), kRows);
  std::size_t placed = 0, equal = 0;
  for (std::size_t i = 0; i < kRows; ++i) {
    const auto found = position.find(texts[i]);
    if (found == position.end()) continue;
    const auto expected = static_cast<long>(reference_order[i]), ours = static_cast<long>(found->second);
    if (std::labs(expected - ours) <= static_cast<long>(kDrift)) ++placed;
    if (corpus.documents[i].text == texts[i]) ++equal;
  }
  EXPECT_GE(placed, kRows * 9 / 10) << "the reference order is no longer random.Random(0).shuffle of our list";
  if (n == kReferenceN) {
    EXPECT_GE(equal, kRows * 9 / 10) << "same size as the reference: same order expected";
  }
}

}  // namespace
}  // namespace topica
