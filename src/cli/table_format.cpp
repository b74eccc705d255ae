#include "cli/table_format.hpp"

#include <map>

namespace topica::cli {

void add_table_format_option(CLI::App& verb, OutputFormat& format) {
  format = OutputFormat::Text;
  const std::map<std::string, OutputFormat> choices{
      {"table", OutputFormat::Text}, {"text", OutputFormat::Text}, {"json", OutputFormat::Json}, {"csv", OutputFormat::Csv}};
  verb.add_option("--format", format, "Output format")
      ->transform(CLI::CheckedTransformer(choices, CLI::ignore_case).description(""))
      ->option_text("table|json|csv [table]");
}

std::string one_line(const std::string& text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool starts_char = (c & 0xC0) != 0x80;  // not a UTF-8 continuation byte
    if (starts_char && chars++ == max_chars) return out + "...";
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : text[i];
  }
  return out;
}

}  // namespace topica::cli
