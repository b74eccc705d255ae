// The Debian control-file format (deb822) used by Packages, Translation and `apt-cache dumpavail`
// output: stanzas of "Field: value" lines separated by empty lines, where a line that starts
// with a space or a tab continues the field above it. Internal to libtopica.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace topica::io {

struct Deb822Field {
  std::string name;
  std::string value;                      ///< the rest of the first line, trimmed
  std::vector<std::string> continuation;  ///< the following lines, verbatim (leading space kept)
};

struct Deb822Stanza {
  std::vector<Deb822Field> fields;
  std::uint64_t line = 0;  ///< 1-based line where the stanza starts

  /// The field called `name` (field names compare case-insensitively), or nullptr.
  const Deb822Field* find(std::string_view name) const;
  /// Its trimmed value, or "" when absent.
  std::string_view value(std::string_view name) const;
};

/// Streams the stanzas of a deb822 file. Lines starting with '#' between fields are comments.
class Deb822Reader {
 public:
  /// `source` names the stream in error messages.
  Deb822Reader(std::istream& in, std::string source);
  /// Fills `stanza` with the next stanza; false at the end. Throws InputError naming the source
  /// and line for a line that is neither "Field: value" nor a continuation.
  bool next(Deb822Stanza& stanza);

 private:
  void add_line(std::string_view line, Deb822Stanza& stanza) const;

  std::istream& in_;
  std::string source_;
  std::uint64_t line_number_ = 0;
  std::string line_;
};

}  // namespace topica::io
