// Text normalization before segmentation: Unicode normal forms (Korean arrives in NFD from some
// sources, e.g. macOS file names), control characters and odd spaces, and the seeds' Hangul
// cleaning.
#pragma once

#include <string>
#include <string_view>

namespace topica {

enum class NormalForm { Nfc, Nfkc };

struct NormalizeOptions {
  NormalForm form = NormalForm::Nfc;
  bool clean_hangul = false;  ///< keep only Hangul, spaces and periods (the seeds' cleaning)
};

/// `text` (UTF-8; ill-formed bytes become U+FFFD) in the normal form, with control and format
/// characters removed, every kind of space (NBSP, ideographic space, tabs...) turned into ' '
/// and runs of spaces collapsed. Hangul compatibility jamo (ㄱ, ㅏ) stay as they are: NFKC maps
/// them to conjoining jamo, which could then fuse with neighbouring syllables.
std::string normalize_text(std::string_view text, const NormalizeOptions& options = {});

/// Parses nfc / nfkc; throws UsageError naming `flag` otherwise.
NormalForm parse_normal_form(const std::string& value, const std::string& flag);

}  // namespace topica
