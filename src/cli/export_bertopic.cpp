// topica export bertopic DIR --out FOLDER: a saved model in BERTopic 0.17's safetensors layout,
// for Python users' BERTopic.load(FOLDER). The work is export_bertopic() in libtopica.
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/verbs.hpp"
#include "topica/bertopic_export.hpp"
#include "topica/model_store.hpp"

namespace topica::cli {
namespace {

struct ExportArgs {
  std::string dir, out;
};

void run_export_bertopic(const ExportArgs& a) {
  ModelProvenance provenance;
  const TopicModel model = load_topic_model(a.dir, &provenance);
  export_bertopic(model, provenance, a.out);
  const bool outliers = model.index_of(-1).has_value();
  fmt::print(stderr, "topica: {} topics{} written in BERTopic's safetensors layout to {} (Python: BERTopic.load)\n",
             model.topics.size() - (outliers ? 1 : 0), outliers ? " and the outliers" : "", a.out);
}

}  // namespace

void add_export_bertopic(CLI::App& export_verb) {
  auto a = std::make_shared<ExportArgs>();
  auto* verb = export_verb.add_subcommand("bertopic", "Write a model folder in BERTopic 0.17's safetensors layout (BERTopic.load reads it)");
  verb->add_option("DIR", a->dir, "Model folder written by topica fit")->required();
  verb->add_option("--out", a->out, "Folder to write")->required()->type_name("FOLDER");
  verb->callback([a] { run_export_bertopic(*a); });
}

}  // namespace topica::cli
