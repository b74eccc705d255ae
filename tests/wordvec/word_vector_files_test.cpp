// Word-vector files: round trips in every format, gensim's own files (tests/fixtures/wordvec, made
// by scripts/make_wordvec_fixtures.py), topica's files read by gensim, and bad files.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>

#include "support/test_support.hpp"
#include "topica/error.hpp"
#include "topica/word_vector_files.hpp"

namespace topica {
namespace {

std::string fixture(const std::string& name) { return std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/wordvec/" + name; }

WordVectors sample_vectors() {
  WordVectors v;
  v.words = {"alpha", "beta", "über", "東京"};
  v.vectors = Matrix<float>(4, 3);
  const float values[] = {0.1f, -2.5f, 1e-7f, 3.0f, 123456.78f, -0.0f, 1.0f / 3.0f, 2e-38f, -7.25f, 0.5f, 0.25f, 1e10f};
  std::copy(std::begin(values), std::end(values), v.vectors.values.begin());
  v.reindex();
  return v;
}

void expect_same(const WordVectors& a, const WordVectors& b) {
  ASSERT_EQ(a.words, b.words);
  ASSERT_EQ(a.dimension(), b.dimension());
  for (std::size_t i = 0; i < a.vectors.values.size(); ++i) {
    EXPECT_EQ(std::memcmp(&a.vectors.values[i], &b.vectors.values[i], sizeof(float)), 0) << "value " << i;
  }
}

TEST(WordVectorFiles, EveryFormatRoundTripsBitForBit) {
  test::ScratchDir scratch;
  const WordVectors v = sample_vectors();
  for (VectorFileFormat format : {VectorFileFormat::Word2VecText, VectorFileFormat::Word2VecBinary, VectorFileFormat::GloveText}) {
    const std::string path = scratch.file(std::string("v.") + vector_file_format_name(format));
    write_word_vectors(path, v, format);
    EXPECT_EQ(detect_vector_file_format(path), format) << vector_file_format_name(format);
    const WordVectors back = read_word_vectors(path);
    expect_same(v, back);
    EXPECT_EQ(back.find("東京"), std::optional<std::size_t>(3));
  }
  // The text header is "N D" and the rows are "word v1 .. vD".
  const std::string text = test::read_file(scratch.file("v.text"));
  EXPECT_EQ(text.substr(0, text.find('\n')), "4 3");
  EXPECT_NE(text.find("\nalpha 0.1 -2.5 1e-07\n"), std::string::npos) << text;
}

TEST(WordVectorFiles, ReadsGensimsTextAndBinaryFiles) {
  std::ifstream in(fixture("gensim_values.json"));
  const nlohmann::json expected = nlohmann::json::parse(in);
  for (const char* name : {"gensim_text.txt", "gensim_binary.bin"}) {
    const WordVectors v = read_word_vectors(fixture(name));
    ASSERT_EQ(v.words, expected["words"].get<std::vector<std::string>>()) << name;
    for (std::size_t r = 0; r < v.size(); ++r) {
      for (std::size_t j = 0; j < v.dimension(); ++j) EXPECT_EQ(v.vectors(r, j), expected["vectors"][r][j].get<float>()) << name;
    }
  }
  EXPECT_EQ(detect_vector_file_format(fixture("gensim_binary.bin")), VectorFileFormat::Word2VecBinary);
}

TEST(WordVectorFiles, GensimReadsTopicasFilesWithIdenticalValues) {
  if (test::run_shell("/usr/bin/python3 -c 'import gensim' 2>/dev/null").exit_code != 0) GTEST_SKIP() << "gensim not installed";
  test::ScratchDir scratch;
  const WordVectors v = sample_vectors();
  write_word_vectors(scratch.file("v.txt"), v, VectorFileFormat::Word2VecText);
  write_word_vectors(scratch.file("v.bin"), v, VectorFileFormat::Word2VecBinary);
  const std::string script = scratch.write("check.py",
      "import sys, numpy as np\n"
      "from gensim.models import KeyedVectors\n"
      "t = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False)\n"
      "b = KeyedVectors.load_word2vec_format(sys.argv[2], binary=True)\n"
      "assert t.index_to_key == b.index_to_key, (t.index_to_key, b.index_to_key)\n"
      "assert np.array_equal(t.vectors.view(np.uint32), b.vectors.view(np.uint32))\n"
      "print(' '.join(t.index_to_key), ' '.join(repr(float(x)) for x in t.vectors.ravel()))\n");
  const auto r = test::run_shell("/usr/bin/python3 " + script + " " + scratch.file("v.txt") + " " + scratch.file("v.bin"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string expected = "alpha beta über 東京";
  for (float x : v.vectors.values) expected += " " + nlohmann::json(static_cast<double>(x)).dump();
  // json prints shortest doubles, python's repr too: the float32 values reached gensim exactly.
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  EXPECT_EQ(out, expected);
}

void expect_error(const std::string& path, const std::string& needle) {
  try {
    read_word_vectors(path);
    ADD_FAILURE() << path << " was accepted";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find(needle), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(WordVectorFiles, BadFilesAreNamedWithTheLineOrRow) {
  test::ScratchDir scratch;
  expect_error(scratch.write("count.txt", "3 2\na 1 2\nb 3 4\n"), "announces 3 words but the file has 2");
  expect_error(scratch.write("more.txt", "1 2\na 1 2\nb 3 4\n"), "line 3");
  expect_error(scratch.write("dims.txt", "2 2\na 1 2\nb 3 4 5\n"), "line 3: 3 values");
  expect_error(scratch.write("glove.txt", "a 1 2\nb 3 4\nc 5\n"), "line 3: 1 values");
  expect_error(scratch.write("nan.txt", "2 2\na 1 2\nb 3 x4\n"), "line 3: value 2 of 'b' is not a number: 'x4'");
  expect_error(scratch.write("empty.txt", ""), "empty file");
  std::string binary = "2 3\na ";
  const float row[3] = {1, 2, 3};
  binary.append(reinterpret_cast<const char*>(row), sizeof row);
  binary += "\nb ";
  binary.append(reinterpret_cast<const char*>(row), 5);  // cut mid-row
  expect_error(scratch.write("cut.bin", binary), "row 2 ('b'): truncated: 5 of 12 bytes");
  EXPECT_THROW(read_word_vectors(scratch.file("missing.txt")), InputError);
}

TEST(WordVectorFiles, AWordWithWhitespaceCannotBeWritten) {
  test::ScratchDir scratch;
  WordVectors v = sample_vectors();
  v.words[1] = "two words";
  EXPECT_THROW(write_word_vectors(scratch.file("v.txt"), v, VectorFileFormat::Word2VecText), UsageError);
  EXPECT_FALSE(std::filesystem::exists(scratch.file("v.txt")));
}

}  // namespace
}  // namespace topica
