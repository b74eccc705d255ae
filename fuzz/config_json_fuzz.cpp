// libFuzzer target: a model folder's config.json text through parse_encoder_config, then the
// sizes the encoder derives from it. Any exception other than InputError, and any sanitizer
// report, is a finding: config.json arrives from the hub as untrusted as the weights do.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "encoder/encoder_config.hpp"
#include "topica/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const topica::EncoderConfig config = topica::encoder::parse_encoder_config(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz/config.json");
    // What the loader computes before it reads a weight: each must be defined for any accepted config.
    volatile std::size_t positions = config.max_positions();
    volatile std::size_t head_width = config.hidden_size / config.num_attention_heads;
    (void)positions;
    (void)head_width;
  } catch (const topica::InputError&) {
    // A clear refusal is the expected outcome for most inputs.
  }
  return 0;
}
