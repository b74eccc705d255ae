#include <algorithm>

#include "tokenizers/pipeline.hpp"
#include "tokenizers/template_processing.hpp"
#include "tokenizers/truncation.hpp"
#include "tokenizers/unicode_classes.hpp"

namespace topica {

using tokenizers::NormalizedText;
using tokenizers::Piece;
using tokenizers::Span;
using tokenizers::Token;

Encoding Tokenizer::Pipeline::encode_sequence(std::string_view text, std::int32_t sequence) const {
  const std::u32string original = tokenizers::decode_utf8(text);
  std::vector<Token> tokens;
  std::vector<NormalizedText> words;
  // The crate's order: raw-text added tokens, then per remaining piece normalize, normalized
  // added tokens, pre-tokenize and the model.
  for (const Piece& raw : added.split_raw(original, {0, static_cast<std::uint32_t>(original.size())})) {
    if (raw.id) {
      tokens.push_back({*raw.id, tokenizers::encode_utf8(std::u32string_view(original).substr(raw.span.begin, raw.span.size())), raw.span});
      continue;
    }
    NormalizedText normalized = NormalizedText::from_original(original, raw.span);
    if (normalizer) normalizer->normalize(normalized);
    for (const Piece& piece : added.split_normalized(normalized, {0, static_cast<std::uint32_t>(normalized.size())})) {
      if (piece.id) {
        const std::u32string_view chars = std::u32string_view(normalized.chars).substr(piece.span.begin, piece.span.size());
        tokens.push_back({*piece.id, tokenizers::encode_utf8(chars), normalized.original(piece.span)});
        continue;
      }
      words.clear();
      if (pre_tokenizer) {
        pre_tokenizer->split(normalized, piece.span, words);
      } else if (!piece.span.empty()) {
        words.push_back(normalized.slice(piece.span));
      }
      for (const NormalizedText& word : words) model->tokenize(word, tokens);
    }
  }
  Encoding out;
  for (Token& token : tokens) {
    out.ids.push_back(token.id);
    out.type_ids.push_back(sequence);
    out.tokens.push_back(std::move(token.value));
    out.offsets.emplace_back(token.offsets.begin, token.offsets.end);
    out.attention_mask.push_back(1);
    out.special_tokens_mask.push_back(0);
    out.sequence_ids.push_back(sequence);
  }
  return out;
}

Tokenizer::Tokenizer(std::shared_ptr<const Pipeline> pipeline)
    : pipeline_(std::move(pipeline)), truncation_(pipeline_->truncation), padding_(pipeline_->padding) {}

Encoding Tokenizer::finish(Encoding first, std::optional<Encoding> second, bool add_special_tokens) const {
  if (truncation_) {
    // max_length counts the special tokens the post-processor is about to add.
    const std::size_t added = add_special_tokens && pipeline_->post_processor
                                  ? pipeline_->post_processor->added_tokens(second.has_value())
                                  : 0;
    const std::size_t room = truncation_->max_length > added ? truncation_->max_length - added : 0;
    tokenizers::truncate_encodings(first, second, room, *truncation_);
  }
  if (pipeline_->post_processor) return pipeline_->post_processor->process(std::move(first), std::move(second), add_special_tokens);
  if (second) tokenizers::append_encoding(first, *second);
  return first;
}

Encoding Tokenizer::encode(std::string_view text, bool add_special_tokens) const {
  Encoding out = finish(pipeline_->encode_sequence(text, 0), std::nullopt, add_special_tokens);
  if (padding_) tokenizers::pad_encoding(out, padding_->fixed_length.value_or(out.size()), *padding_);
  return out;
}

Encoding Tokenizer::encode_pair(std::string_view first, std::string_view second, bool add_special_tokens) const {
  Encoding out = finish(pipeline_->encode_sequence(first, 0), pipeline_->encode_sequence(second, 1), add_special_tokens);
  if (padding_) tokenizers::pad_encoding(out, padding_->fixed_length.value_or(out.size()), *padding_);
  return out;
}

std::vector<Encoding> Tokenizer::encode_batch(std::span<const std::string> texts, bool add_special_tokens) const {
  std::vector<Encoding> out;
  out.reserve(texts.size());
  std::size_t longest = 0;
  for (const std::string& text : texts) {
    out.push_back(finish(pipeline_->encode_sequence(text, 0), std::nullopt, add_special_tokens));
    longest = std::max(longest, out.back().size());
  }
  if (padding_) {
    for (Encoding& e : out) tokenizers::pad_encoding(e, padding_->fixed_length.value_or(longest), *padding_);
  }
  return out;
}

std::optional<std::int32_t> Tokenizer::token_to_id(std::string_view token) const {
  if (auto id = pipeline_->added.token_to_id(token)) return id;
  return pipeline_->model->token_to_id(token);
}

std::optional<std::string> Tokenizer::id_to_token(std::int32_t id) const {
  if (auto token = pipeline_->added.id_to_token(id)) return token;
  return pipeline_->model->id_to_token(id);
}

bool Tokenizer::is_special(std::int32_t id) const {
  for (const tokenizers::AddedToken& token : pipeline_->added.tokens()) {
    if (token.id == id && token.special) return true;
  }
  return false;
}

std::size_t Tokenizer::vocab_size() const {
  std::size_t n = pipeline_->model->vocab_size();
  for (const auto& token : pipeline_->added.tokens()) {
    if (!pipeline_->model->token_to_id(token.content)) ++n;
  }
  return n;
}

}  // namespace topica
