// Accuracy and per-class precision / recall / F1 from the confusion counts, as scikit-learn:
// a ratio with a zero denominator is 0 (zero_division=0), and F1 = 2 tp / (2 tp + fp + fn).
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "topica/classification_metrics.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

double ratio(std::size_t numerator, std::size_t denominator) {
  return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

struct Confusion {
  std::size_t true_positives = 0, false_positives = 0, false_negatives = 0;
};

}  // namespace

ClassificationReport classification_report(const std::vector<std::string>& truth,
                                           const std::vector<std::string>& predicted) {
  if (truth.size() != predicted.size()) {
    throw InputError(fmt::format("{} true labels but {} predictions", truth.size(), predicted.size()));
  }
  if (truth.empty()) throw InputError("no labeled documents to score");
  std::map<std::string, Confusion> confusion;  // sorted labels, as sklearn's unique_labels
  std::size_t correct = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] == predicted[i]) {
      ++correct;
      ++confusion[truth[i]].true_positives;
    } else {
      ++confusion[truth[i]].false_negatives;
      ++confusion[predicted[i]].false_positives;
    }
  }
  ClassificationReport report;
  report.documents = truth.size();
  report.accuracy = ratio(correct, truth.size());
  for (const auto& [label, c] : confusion) {
    ClassScores s;
    s.label = label;
    s.precision = ratio(c.true_positives, c.true_positives + c.false_positives);
    s.recall = ratio(c.true_positives, c.true_positives + c.false_negatives);
    s.f1 = ratio(2 * c.true_positives, 2 * c.true_positives + c.false_positives + c.false_negatives);
    s.support = c.true_positives + c.false_negatives;
    report.macro_precision += s.precision;
    report.macro_recall += s.recall;
    report.macro_f1 += s.f1;
    report.classes.push_back(std::move(s));
  }
  const double n = static_cast<double>(report.classes.size());
  report.macro_precision /= n;
  report.macro_recall /= n;
  report.macro_f1 /= n;
  return report;
}

}  // namespace topica
