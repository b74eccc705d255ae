// The committed random-weight encoder fixtures (tests/fixtures/encoder/, written by
// scripts/make_encoder_fixtures.py with PyTorch's outputs beside them), shared by the encoder,
// embed, cache, search and hub tests.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace topica::test {

/// tests/fixtures/encoder/<name>: a model folder, or a file such as sentences.json.
std::filesystem::path encoder_fixture(const std::string& name);

/// The fixture sentences (sentences.json), in order; one of them is empty.
std::vector<std::string> encoder_fixture_sentences();

/// Writes the fixture sentences one per line to `dir`/docs.txt and returns its path.
std::string write_encoder_fixture_corpus(const ScratchDir& dir);

/// Cosine of two float rows, summed in double.
double cosine(const float* a, const float* b, std::size_t n);

}  // namespace topica::test
