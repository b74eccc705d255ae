// Helpers for the CLI tests of the verbs that edit a model's representation (represent,
// set-labels, label): a small model fitted with the built-in LSA embedder, which (unlike the
// fixture fitted from --embeddings) can embed words, and a byte snapshot of a model folder.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace topica::test {

struct LsaModel {
  std::string corpus, dir;
  std::vector<std::string> docs;
  std::vector<int> labels;
};

/// Three topics of four documents (so every document of a topic is representative) and two
/// outliers, fitted with `topica fit --labels` and the built-in LSA embedder into scratch/lsa.
inline LsaModel fit_lsa_model(const ScratchDir& scratch) {
  LsaModel m;
  m.docs = {"cats purr softly on warm mats", "kittens purr and cats nap", "cats chase mice at night",
            "a cat naps on the warm sofa", "dogs bark at the postman", "puppies fetch sticks and dogs run",
            "dogs guard the yard at night", "a dog barks at the postman", "tax forms arrive in spring",
            "file tax returns before april", "tax refunds take weeks in spring", "forms for tax offices",
            "weather is nice", "trains run late"};
  m.labels = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, -1, -1};
  std::string text, labels;
  for (std::size_t i = 0; i < m.docs.size(); ++i) {
    text += m.docs[i] + "\n";
    labels += std::to_string(m.labels[i]) + "\n";
  }
  m.corpus = scratch.write("lsa_docs.txt", text);
  m.dir = scratch.file("lsa");
  const auto r = run_cli({"fit", "--corpus", m.corpus, "--labels", scratch.write("lsa_labels.txt", labels), "--out", m.dir,
                          "--stop-words", "english"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return m;
}

/// Every file of a folder with its bytes, to show a failed verb left the model as it was.
inline std::map<std::string, std::string> folder_bytes(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[std::filesystem::relative(e.path(), dir).string()] = read_file(e.path().string());
  }
  return files;
}

}  // namespace topica::test
