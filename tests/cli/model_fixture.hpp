// A small saved model for the CLI tests of the verbs that read one (topics, find, similar,
// export): 12 cat documents (label 7), 12 dog documents (label 3) and 4 outliers (-1), fitted
// with `topica fit --labels` from known 4-d embeddings, so tests can recompute what the verbs print.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "topica/matrix.hpp"
#include "topica/npy.hpp"

namespace topica::test {

struct FittedModel {
  std::string corpus, embeddings, dir;
  Matrix<float> vectors;  ///< the document embeddings written to `embeddings`
  std::vector<int> labels;
};

inline Matrix<float> fixture_embeddings() {
  Matrix<float> e(28, 4);
  for (std::size_t i = 0; i < 28; ++i) {
    const float f = static_cast<float>(i % 12);
    const float row[4] = {i < 12 ? 1.0f : 0.05f * f, i < 12 ? 0.05f * f : i < 24 ? 1.0f : 0.0f,
                          i < 12 ? 0.02f * static_cast<float>(i % 3) : i < 24 ? 0.0f : 1.0f,
                          i < 12 ? 0.0f : i < 24 ? 0.02f * static_cast<float>(i % 4) : 0.1f * f};
    for (std::size_t j = 0; j < 4; ++j) e(i, j) = row[j];
  }
  return e;
}

/// Fits the model into `scratch`/model (ASSERTs that fit succeeded).
inline FittedModel fit_fixture_model(const ScratchDir& scratch) {
  FittedModel m;
  std::string text, labels;
  for (int i = 0; i < 28; ++i) {
    const int label = i < 12 ? 7 : i < 24 ? 3 : -1;
    text += i < 12   ? "cats purr and cats sleep on the warm mat number " + std::to_string(i) + "\n"
            : i < 24 ? "dogs bark at the postman and dogs fetch sticks " + std::to_string(i) + "\n"
                     : "tax forms arrive by mail in spring " + std::to_string(i) + "\n";
    labels += std::to_string(label) + "\n";
    m.labels.push_back(label);
  }
  m.corpus = scratch.write("docs.txt", text);
  m.vectors = fixture_embeddings();
  m.embeddings = scratch.file("e.npy");
  write_npy(m.embeddings, m.vectors);
  m.dir = scratch.file("model");
  const auto r = run_cli({"fit", "--corpus", m.corpus, "--labels", scratch.write("labels.txt", labels), "--embeddings",
                          m.embeddings, "--out", m.dir, "--stop-words", "english"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return m;
}

/// `per_subject` lines each of cats, dogs and compilers (numbered first, first + 1, ... mod 5),
/// written to `name`: a corpus the built-in embedder fits into three topics.
inline std::string subjects_corpus(const ScratchDir& dir, const std::string& name, int per_subject, int first = 0) {
  std::string text;
  for (int i = first; i < first + per_subject; ++i) {
    text += "cats purr and cats sleep on the warm mat with kittens " + std::to_string(i % 5) + "\n";
    text += "dogs bark at the postman and dogs fetch sticks in parks " + std::to_string(i % 5) + "\n";
    text += "compilers parse source code and emit machine instructions " + std::to_string(i % 5) + "\n";
  }
  return dir.write(name, text);
}

/// Cosine similarity in double, computed here independently of the library.
inline double cosine(const std::vector<double>& a, const std::vector<double>& b) {
  double dot = 0, na = 0, nb = 0;
  for (std::size_t j = 0; j < a.size(); ++j) {
    dot += a[j] * b[j];
    na += a[j] * a[j];
    nb += b[j] * b[j];
  }
  return dot / std::sqrt(na * nb);
}

inline std::vector<double> row_of(const Matrix<float>& m, std::size_t i) {
  return std::vector<double>(m.row(i), m.row(i) + m.cols);
}

/// The topic column of a documents.csv or a transform output (row,topic,probability), given as text.
inline std::vector<int> topic_column_of(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // the header
  std::vector<int> topics;
  while (std::getline(in, line)) {
    const auto a = line.find(','), b = line.find(',', a + 1);
    topics.push_back(std::stoi(line.substr(a + 1, b - a - 1)));
  }
  return topics;
}

/// A failed run: the given exit code and exactly one line on stderr, "topica: error: ...".
inline void expect_one_line_error(const RunResult& r, int code, const std::string& contains) {
  EXPECT_EQ(r.exit_code, code) << r.err;
  EXPECT_EQ(r.err.rfind("topica: error: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(contains), std::string::npos) << r.err;
}

}  // namespace topica::test
