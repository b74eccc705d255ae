#include "text/concept_analyzer.hpp"

namespace topica {

ConceptAnalyzer::ConceptAnalyzer(std::shared_ptr<const Analyzer> words,
                                 const std::map<std::string, std::string>& concepts, bool lowercase)
    : words_(std::move(words)) {
  for (const auto& [member, concept_name] : concepts) {
    concepts_.emplace(lowercase ? topica::lowercase(member) : member,
                      lowercase ? topica::lowercase(concept_name) : concept_name);
  }
}

void ConceptAnalyzer::tokenize(std::string_view document, std::vector<std::string>& tokens) const {
  const std::size_t first = tokens.size();
  words_->tokenize(document, tokens);
  for (std::size_t i = first; i < tokens.size(); ++i) {
    if (const auto it = concepts_.find(tokens[i]); it != concepts_.end()) tokens[i] = it->second;
  }
}

}  // namespace topica
