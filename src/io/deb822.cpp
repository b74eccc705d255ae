#include "io/deb822.hpp"

#include <istream>

#include "topica/error.hpp"

namespace topica::io {
namespace {

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

const Deb822Field* Deb822Stanza::find(std::string_view name) const {
  for (const Deb822Field& field : fields) {
    if (equal_ignoring_case(field.name, name)) return &field;
  }
  return nullptr;
}

std::string_view Deb822Stanza::value(std::string_view name) const {
  const Deb822Field* field = find(name);
  return field == nullptr ? std::string_view{} : std::string_view{field->value};
}

Deb822Reader::Deb822Reader(std::istream& in, std::string source) : in_(in), source_(std::move(source)) {}

bool Deb822Reader::next(Deb822Stanza& stanza) {
  stanza.fields.clear();
  stanza.line = 0;
  while (std::getline(in_, line_)) {
    ++line_number_;
    if (line_.empty() || line_ == "\r") {
      if (!stanza.fields.empty()) return true;
      continue;  // runs of empty lines separate stanzas too
    }
    if (line_.front() == '#') continue;  // a comment line
    if (stanza.line == 0) stanza.line = line_number_;
    add_line(line_, stanza);
  }
  if (in_.bad()) throw InputError(source_ + ": read error at line " + std::to_string(line_number_ + 1));
  return !stanza.fields.empty();
}

void Deb822Reader::add_line(std::string_view line, Deb822Stanza& stanza) const {
  const auto error = [&](const char* what) {
    return InputError(source_ + ": line " + std::to_string(line_number_) + ": " + what);
  };
  if (line.front() == ' ' || line.front() == '\t') {
    if (stanza.fields.empty()) throw error("continuation line before any field");
    stanza.fields.back().continuation.emplace_back(line);
    return;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) throw error("expected 'Field: value'");
  stanza.fields.push_back({std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))), {}});
}

}  // namespace topica::io
