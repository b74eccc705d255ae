// topica fill-mask --model DIR "text with [MASK]" [--top 5]: the most likely tokens for each mask
// token of the text, with their probabilities and the filled-in text, as transformers' fill-mask
// pipeline gives them, from a BertForMaskedLM / RobertaForMaskedLM checkpoint.
#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/masked_lm.hpp"

namespace topica::cli {
namespace {

struct FillMaskArgs {
  std::string model, text;
  std::size_t top = 5;  // the pipeline's top_k default
  std::size_t threads = 0;
};

void run_fill_mask(const FillMaskArgs& args) {
  const MaskedLanguageModel model = MaskedLanguageModel::load(args.model);
  const std::vector<MaskPredictions> masks = model.fill(args.text, args.top, args.threads);
  for (std::size_t m = 0; m < masks.size(); ++m) {
    if (masks.size() > 1) fmt::print("{} {} of {} (token {}):\n", model.mask_token(), m + 1, masks.size(), masks[m].position);
    for (std::size_t i = 0; i < masks[m].top.size(); ++i) {
      const MaskFill& fill = masks[m].top[i];
      fmt::print("{:>2}. {:<16} {:.4f}  {}\n", i + 1, fill.token, fill.probability, fill.sequence);
    }
  }
}

}  // namespace

void add_fill_mask(CLI::App& app) {
  auto a = std::make_shared<FillMaskArgs>();
  auto* verb = app.add_subcommand("fill-mask", "Predict the masked token(s) of a text with a masked-LM checkpoint (BERT, RoBERTa, XLM-R)");
  verb->add_option("--model", a->model,
                   "Model folder (config.json, model.safetensors with the masked-LM head cls.predictions.* or "
                   "lm_head.*, tokenizer.json or vocab.txt), or a hub id in the Hugging Face cache")
      ->required();
  verb->add_option("text", a->text, "Text holding the tokenizer's mask token ([MASK] or <mask>)")->required();
  verb->add_option("--top", a->top, "Candidates per mask, most likely first")->capture_default_str()->check(CLI::PositiveNumber);
  add_threads_option(*verb, a->threads);
  verb->callback([a] { run_fill_mask(*a); });
}

}  // namespace topica::cli
