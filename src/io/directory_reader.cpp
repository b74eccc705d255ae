// A directory of .txt files, searched recursively and read in byte order of their paths; each
// file is one document whose id is its path relative to the directory.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/utf8.hpp"
#include "io/line_source.hpp"
#include "io/readers.hpp"
#include "topica/error.hpp"

namespace topica::io {
namespace {
namespace fs = std::filesystem;

class DirectoryReader final : public CorpusReader {
 public:
  explicit DirectoryReader(const CorpusOptions& options)
      : root_(options.path), on_invalid_(options.on_invalid) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".txt") files_.push_back(it->path());
    }
    if (ec) throw Error(fmt::format("{}: cannot list: {}", root_, ec.message()));
    std::sort(files_.begin(), files_.end(), [](const fs::path& a, const fs::path& b) {
      return a.generic_string() < b.generic_string();
    });
  }

  bool next(Document& doc) override {
    if (index_ == files_.size()) return false;
    const fs::path& path = files_[index_];
    doc.row = index_++;
    doc.line = 0;
    doc.text = read_checked(path);
    doc.id = fs::relative(path, root_).generic_string();
    doc.time.clear();
    doc.label.clear();
    return true;
  }
  const std::string& source_name() const override { return root_; }

 private:
  std::string read_checked(const fs::path& path) const {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(fmt::format("{}: cannot open", path.string()));
    std::ostringstream content;
    content << in.rdbuf();
    std::string text = std::move(content).str();
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    const std::size_t bad = utf8::find_invalid(text);
    if (bad == std::string::npos) return text;
    if (on_invalid_ == OnInvalidUtf8::Replace) return utf8::replace_invalid(text);
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    throw invalid_utf8_error(path.string(), static_cast<std::uint64_t>(line), static_cast<unsigned char>(text[bad]));
  }

  std::string root_;
  OnInvalidUtf8 on_invalid_;
  std::vector<fs::path> files_;
  std::size_t index_ = 0;
};

}  // namespace

std::unique_ptr<CorpusReader> open_directory_reader(const CorpusOptions& options) {
  if (!options.text_column.empty() || !options.id_column.empty() || !options.time_column.empty() ||
      !options.class_column.empty()) {
    throw UsageError(fmt::format("{}: a directory of .txt files has no columns to choose", options.path));
  }
  return std::make_unique<DirectoryReader>(options);
}

}  // namespace topica::io
