// An analyzer that counts synonyms as one concept (topica fit --synonyms): the words of another
// analyzer, each member of a synonym group replaced by the group's concept name, so that
// 대일밴드 and 반창고 add up in one c-TF-IDF term. Internal to libtopica.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "topica/analyzer.hpp"

namespace topica {

class ConceptAnalyzer final : public Analyzer {
 public:
  /// `concepts` maps member word -> concept; with `lowercase` both are compared and written
  /// lowercased, as the wrapped analyzer's words are.
  ConceptAnalyzer(std::shared_ptr<const Analyzer> words, const std::map<std::string, std::string>& concepts,
                  bool lowercase);
  void tokenize(std::string_view document, std::vector<std::string>& tokens) const override;

 private:
  std::shared_ptr<const Analyzer> words_;
  std::unordered_map<std::string, std::string> concepts_;
};

}  // namespace topica
