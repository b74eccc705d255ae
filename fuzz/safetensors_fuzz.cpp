// libFuzzer target: a safetensors file's bytes through SafetensorsFile (header checks, every
// tensor read as float and as int) and the encoder's weight reader with the bert_mean fixture's
// config, so a header that passes the format checks also meets the shape checks. Any exception
// other than InputError, and any sanitizer report, is a finding.
#include <cstddef>
#include <cstdint>

#include "encoder/encoder_weights.hpp"
#include "topica/error.hpp"
#include "topica/safetensors.hpp"

namespace {

topica::EncoderConfig fixture_config() {
  topica::EncoderConfig config;  // tests/fixtures/encoder/bert_mean/config.json
  config.model_type = "bert";
  config.vocab_size = 193;
  config.hidden_size = 32;
  config.num_hidden_layers = 2;
  config.num_attention_heads = 4;
  config.intermediate_size = 64;
  config.max_position_embeddings = 64;
  return config;
}

void read_every_tensor(const topica::SafetensorsFile& file) {
  for (const topica::TensorInfo& tensor : file.tensors()) {
    try {
      (void)file.read_float(tensor.name);
    } catch (const topica::InputError&) {
    }
    try {
      (void)file.read_int(tensor.name);
    } catch (const topica::InputError&) {
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto file = topica::SafetensorsFile::from_bytes({reinterpret_cast<const std::byte*>(data), size}, "fuzz.safetensors");
    read_every_tensor(file);
    (void)topica::encoder::read_encoder_weights(file, fixture_config());
  } catch (const topica::InputError&) {
    // A clear refusal is the expected outcome for most inputs.
  }
  return 0;
}
