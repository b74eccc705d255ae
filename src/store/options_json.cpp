#include "store/options_json.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>

#include <fmt/format.h>

#include "topica/error.hpp"

namespace topica::store {
namespace {

Json frequency_json(const DocumentFrequency& df) {
  return df.proportion ? Json(df.value) : Json(static_cast<std::int64_t>(df.value));
}

DocumentFrequency frequency_from(const Json& j) {
  return j.is_number_integer() ? DocumentFrequency::count(j.get<double>()) : DocumentFrequency::share(j.get<double>());
}

}  // namespace

Json vectorizer_json(const VectorizerOptions& v) {
  Json stop;
  if (v.stop_words.empty()) {
    stop = "none";
  } else if (v.stop_words == english_stop_words()) {
    stop = "english";
  } else if (v.stop_words == korean_stop_words()) {
    stop = "korean";
  } else {
    std::vector<std::string> words(v.stop_words.begin(), v.stop_words.end());
    std::sort(words.begin(), words.end());
    stop = words;
  }
  Json j{{"ngram_range", {v.ngram_min, v.ngram_max}},
          {"min_df", frequency_json(v.min_df)},
          {"max_df", frequency_json(v.max_df)},
          {"max_features", v.max_features ? Json(*v.max_features) : Json(nullptr)},
          {"stop_words", stop},
          {"lowercase", v.lowercase}};
  // Written only for another analyzer than scikit-learn's, so older models read as before.
  if (v.analyzer.language != "none" || !v.analyzer.concepts.empty()) {
    j["analyzer"] = {{"language", v.analyzer.language}, {"user_words", v.analyzer.user_words}, {"lexicon", v.analyzer.lexicon}};
    if (!v.analyzer.concepts.empty()) j["analyzer"]["concepts"] = v.analyzer.concepts;  // --synonyms
  }
  return j;
}

VectorizerOptions vectorizer_from(const Json& v) {
  VectorizerOptions o;
  o.ngram_min = v.at("ngram_range").at(0);
  o.ngram_max = v.at("ngram_range").at(1);
  o.min_df = frequency_from(v.at("min_df"));
  o.max_df = frequency_from(v.at("max_df"));
  if (!v.at("max_features").is_null()) o.max_features = v.at("max_features").get<std::size_t>();
  const Json& stop = v.at("stop_words");
  if (stop == "english") {
    o.stop_words = english_stop_words();
  } else if (stop == "korean") {
    o.stop_words = korean_stop_words();
  } else if (stop.is_array()) {
    for (const auto& w : stop) o.stop_words.insert(w.get<std::string>());
  }
  o.lowercase = v.at("lowercase");
  if (v.contains("analyzer")) {
    const Json& a = v.at("analyzer");
    o.analyzer.language = a.at("language");
    o.analyzer.user_words = a.at("user_words").get<std::vector<std::string>>();
    o.analyzer.lexicon = a.at("lexicon").get<std::map<std::string, float>>();
    if (a.contains("concepts")) o.analyzer.concepts = a.at("concepts").get<std::map<std::string, std::string>>();
  }
  return o;
}

}  // namespace topica::store

namespace topica::store {

Json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(fmt::format("{}: missing", path));
  try {
    return Json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: not valid JSON ({})", path, e.what()));
  }
}

}  // namespace topica::store
