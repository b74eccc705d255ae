// Scores of a classifier on labeled documents, by scikit-learn's definitions
// (sklearn.metrics.accuracy_score, precision_recall_fscore_support with zero_division=0,
// average="macro"): classes are the sorted union of true and predicted labels.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace topica {

struct ClassScores {
  std::string label;
  double precision = 0, recall = 0, f1 = 0;
  std::size_t support = 0;  ///< documents whose true label this is
};

struct ClassificationReport {
  std::size_t documents = 0;
  double accuracy = 0;
  double macro_precision = 0, macro_recall = 0, macro_f1 = 0;  ///< unweighted means over classes
  std::vector<ClassScores> classes;                            ///< sorted by label
};

/// Throws InputError when the two lists differ in length or are empty.
ClassificationReport classification_report(const std::vector<std::string>& truth,
                                           const std::vector<std::string>& predicted);

}  // namespace topica
