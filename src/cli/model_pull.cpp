// topica model pull ID[@REVISION] [--revision R] [--all] [--include GLOB]: download a Hugging Face model into
// the hub cache that huggingface_hub shares, so `--model ID` finds it afterwards. Prints the
// snapshot folder on stdout, as `huggingface-cli download` does.
#include <fmt/format.h>

#include "cli/progress.hpp"
#include "cli/verbs.hpp"
#include "topica/hub.hpp"

namespace topica::cli {
namespace {

struct PullArgs {
  std::string id;
  std::string revision = "main";
  bool all = false;
  std::vector<std::string> include;
};

// ID@REVISION is the form `--model` accepts; --revision says the same thing, so both may be given
// only when they agree.
hub::ModelReference model_reference(const PullArgs& args) {
  const std::optional<hub::ModelReference> reference = hub::parse_model_reference(args.id);
  if (!reference) return {args.id, args.revision};  // hub::pull names what is wrong with the id
  if (args.id.find('@') == std::string::npos) return {reference->id, args.revision};
  if (args.revision != "main" && args.revision != reference->revision) {
    throw UsageError(fmt::format("{}: the revision after '@' and --revision {} disagree", args.id, args.revision));
  }
  return *reference;
}

void run_model_pull(const PullArgs& args) {
  const hub::ModelReference reference = model_reference(args);
  hub::PullOptions options = hub::pull_options_from_env();
  options.revision = reference.revision;
  options.all = args.all;
  options.include = args.include;
  ProgressReporter progress("topica model pull");
  options.progress = [&progress, file = std::string()](std::string_view path, std::uint64_t have, std::uint64_t size) mutable {
    if (path != file) progress.step(file = path);
    progress.advance(have, size, "bytes");
  };
  const hub::PullResult result = hub::pull(reference.id, options);
  progress.clear();
  fmt::print(stderr, "topica model pull: {} at {}: {} files, {} downloaded ({:.1f} MB)\n", reference.id, result.commit,
             result.files, result.downloaded, result.bytes / 1e6);
  fmt::print("{}\n", result.snapshot.string());
}

}  // namespace

void add_model_pull(CLI::App& model) {
  auto a = std::make_shared<PullArgs>();
  auto* verb = model.add_subcommand(
      "pull", "Download a model from the Hugging Face hub into its cache ($HF_HUB_CACHE, $HF_HOME/hub or "
              "~/.cache/huggingface/hub); honours HF_ENDPOINT, HF_TOKEN and HF_HUB_OFFLINE");
  verb->add_option("ID", a->id, "Model id, e.g. sentence-transformers/all-MiniLM-L6-v2, or ID@REVISION")->required();
  verb->add_option("--revision", a->revision, "Branch, tag or commit hash")->capture_default_str();
  verb->add_flag("--all", a->all, "Every file of the repo, not only those an encoder reads");
  verb->add_option("--include", a->include,
                   "Also files matching GLOB (e.g. '*.bin', 'onnx/'); may be repeated")
      ->type_name("GLOB")
      ->allow_extra_args(false);  // one GLOB per --include, so a following ID stays the ID
  verb->callback([a] { run_model_pull(*a); });
}

}  // namespace topica::cli
