#include "topica/synonym_groups.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "core/utf8.hpp"
#include "topica/error.hpp"
#include "topica/text_normalizer.hpp"

namespace topica {
namespace {

using Json = nlohmann::ordered_json;

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

/// Where a group came from, for messages: "group '반창고' (line 3)" or "group '반창고'".
std::string where(const SynonymGroup& g) {
  return g.line ? fmt::format("group '{}' (line {})", g.name, g.line) : fmt::format("group '{}'", g.name);
}

std::string clean_word(std::string_view raw, const std::string& source, const std::string& context) {
  const std::string_view word = trim(raw);
  if (const auto bad = utf8::find_invalid(word); bad != std::string::npos) {
    throw InputError(fmt::format("{}: {}: not UTF-8 (byte {})", source, context, bad + 1));
  }
  if (word.empty()) throw InputError(fmt::format("{}: {}: empty word", source, context));
  return normalize_text(word);
}

/// The checks every form shares: two or more words, each word in one group only.
void check_groups(const std::vector<SynonymGroup>& groups, const std::string& source) {
  if (groups.empty()) throw InputError(fmt::format("{}: no synonym groups", source));
  std::unordered_map<std::string, const SynonymGroup*> owner;
  for (const SynonymGroup& g : groups) {
    if (g.words.size() < 2) {
      throw InputError(fmt::format("{}: {} has {} word{}; a group needs two or more", source, where(g), g.words.size(),
                                   g.words.size() == 1 ? "" : "s"));
    }
    for (const std::string& w : g.words) {
      const auto [it, fresh] = owner.emplace(w, &g);
      if (fresh) continue;
      if (it->second == &g) throw InputError(fmt::format("{}: {}: '{}' is listed twice", source, where(g), w));
      throw InputError(fmt::format("{}: '{}' is in two groups: {} and {}", source, w, where(*it->second), where(g)));
    }
  }
}

double parse_weight(std::string_view text, const std::string& source, const std::string& context) {
  text = trim(text);
  if (text.empty()) return 1.0;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !(value > 0) || !std::isfinite(value)) {
    throw InputError(fmt::format("{}: {}: weight '{}' is not a positive number", source, context, text));
  }
  return value;
}

std::vector<SynonymGroup> from_json(std::string_view text, const std::string& source) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(fmt::format("{}: not valid JSON ({})", source, e.what()));
  }
  std::vector<SynonymGroup> groups;
  const auto words_of = [&](SynonymGroup& g, const Json& words) {
    if (!words.is_array()) throw InputError(fmt::format("{}: {}: expected an array of words", source, where(g)));
    for (const Json& w : words) {
      if (!w.is_string()) throw InputError(fmt::format("{}: {}: a word is not a string", source, where(g)));
      g.words.push_back(clean_word(w.get<std::string>(), source, where(g)));
      g.weights.push_back(1.0);
    }
  };
  if (doc.is_object()) {
    for (const auto& [name, words] : doc.items()) {
      SynonymGroup& g = groups.emplace_back();
      g.name = clean_word(name, source, "a concept name");
      words_of(g, words);
    }
  } else if (doc.is_array()) {
    for (std::size_t i = 0; i < doc.size(); ++i) {
      const Json& entry = doc[i];
      const std::string context = fmt::format("group #{}", i + 1);
      if (!entry.is_object() || !entry.contains("concept") || !entry["concept"].is_string() || !entry.contains("words")) {
        throw InputError(fmt::format("{}: {}: expected {{\"concept\": \"...\", \"words\": [...]}}", source, context));
      }
      SynonymGroup& g = groups.emplace_back();
      g.name = clean_word(entry["concept"].get<std::string>(), source, context);
      words_of(g, entry["words"]);
      if (entry.contains("weights")) {
        const Json& weights = entry["weights"];
        if (!weights.is_array() || weights.size() != g.words.size()) {
          throw InputError(fmt::format("{}: {}: \"weights\" must hold one number per word", source, where(g)));
        }
        for (std::size_t k = 0; k < weights.size(); ++k) {
          if (!weights[k].is_number() || !(weights[k].get<double>() > 0)) {
            throw InputError(fmt::format("{}: {}: weight {} is not a positive number", source, where(g), weights[k].dump()));
          }
          g.weights[k] = weights[k].get<double>();
        }
      }
    }
  } else {
    throw InputError(fmt::format("{}: expected a JSON object or array of synonym groups", source));
  }
  return groups;
}

/// The fields of one CSV line (RFC 4180 quoting within the line).
std::vector<std::string> csv_fields(std::string_view line, const std::string& source, std::size_t number) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        fields.back() += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"', ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (quoted) throw InputError(fmt::format("{}: line {}: unclosed quote", source, number));
  return fields;
}

std::vector<SynonymGroup> from_csv(std::string_view text, const std::string& source) {
  std::istringstream in{std::string(text)};
  std::string line;
  std::size_t number = 0;
  std::vector<std::string> header;
  while (header.empty() && std::getline(in, line)) {
    ++number;
    if (!trim(line).empty()) header = csv_fields(line, source, number);
  }
  for (std::string& h : header) h = std::string(trim(h));
  if (header.empty()) throw InputError(fmt::format("{}: no synonym groups (the file is empty)", source));
  if (header.size() < 2 || header.size() > 3 || header[0] != "concept" || header[1] != "word" ||
      (header.size() == 3 && header[2] != "weight")) {
    throw InputError(fmt::format("{}: line {}: expected the header concept,word or concept,word,weight", source, number));
  }
  std::vector<SynonymGroup> groups;
  std::unordered_map<std::string, std::size_t> index;  // concept -> group
  while (std::getline(in, line)) {
    ++number;
    if (trim(line).empty()) continue;
    const std::vector<std::string> fields = csv_fields(line, source, number);
    const std::string context = fmt::format("line {}", number);
    if (fields.size() < 2 || fields.size() > header.size()) {
      throw InputError(fmt::format("{}: line {}: expected {} fields, got {}", source, number, header.size(), fields.size()));
    }
    const std::string name = clean_word(fields[0], source, context);
    const auto [it, fresh] = index.emplace(name, groups.size());
    if (fresh) groups.push_back(SynonymGroup{name, {}, {}, number});
    SynonymGroup& g = groups[it->second];
    g.words.push_back(clean_word(fields[1], source, context));
    g.weights.push_back(fields.size() == 3 ? parse_weight(fields[2], source, context) : 1.0);
  }
  return groups;
}

}  // namespace

std::vector<SynonymGroup> parse_synonym_groups(std::string_view text, const std::string& source) {
  if (const auto bad = utf8::find_invalid(text); bad != std::string::npos) {
    throw InputError(fmt::format("{}: not UTF-8 (byte {})", source, bad + 1));
  }
  const std::string_view body = trim(text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text);
  if (body.empty()) throw InputError(fmt::format("{}: no synonym groups (the file is empty)", source));
  std::vector<SynonymGroup> groups =
      body.front() == '{' || body.front() == '[' ? from_json(body, source) : from_csv(body, source);
  check_groups(groups, source);
  return groups;
}

std::vector<SynonymGroup> read_synonym_groups(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open", path));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(fmt::format("{}: read error", path));
  return parse_synonym_groups(text.str(), path);
}

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) (out += c) += c == '"' ? "\"" : "";
  return out + "\"";
}

}  // namespace

std::string synonym_groups_csv(const std::vector<SynonymGroup>& groups) {
  std::string out = "concept,word,weight\n";
  for (const SynonymGroup& g : groups) {
    for (std::size_t k = 0; k < g.words.size(); ++k) {
      const double w = k < g.weights.size() ? g.weights[k] : 1.0;
      out += fmt::format("{},{},{}\n", csv_field(g.name), csv_field(g.words[k]), w);
    }
  }
  return out;
}

std::map<std::string, std::string> concept_of_words(const std::vector<SynonymGroup>& groups) {
  std::map<std::string, std::string> out;
  for (const SynonymGroup& g : groups) {
    for (const std::string& w : g.words) out.emplace(w, g.name);
  }
  return out;
}

}  // namespace topica
