// topica merge-topics DIR ID ID... and topica delete-topics DIR ID... [--out DIR2]: BERTopic's
// merge_topics (into the first id given) and delete_topics (their documents become outliers).
#include <memory>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/model_edit.hpp"
#include "cli/topic_table.hpp"
#include "cli/verbs.hpp"
#include "topica/topic_reduction.hpp"

namespace topica::cli {
namespace {

struct TopicIdsArgs {
  ModelEditArgs edit;
  std::vector<int> ids;
};

enum class Edit { Merge, Delete };

void run_edit(const TopicIdsArgs& a, Edit edit) {
  SavedModel saved = load_model(a.edit.dir);
  const TopicMapping mapping = edit == Edit::Merge ? merge_mapping(saved.model, a.ids) : delete_mapping(saved.model, a.ids);
  const std::size_t before = topic_count(saved.model);
  apply_topic_mapping(saved, mapping);
  save_edited_model(saved, a.edit);
  fmt::print("{}", topic_table(saved.model));
  fmt::print(stderr, "topica: topics {} {}: {} topics now (were {})\n", fmt::join(a.ids, ", "),
             edit == Edit::Merge ? "merged" : "deleted", topic_count(saved.model), before);
}

CLI::App* add_edit_verb(CLI::App& app, const char* name, const char* help, const char* ids_help, Edit edit) {
  auto a = std::make_shared<TopicIdsArgs>();
  auto* verb = app.add_subcommand(name, help);
  add_model_edit_options(*verb, a->edit);
  verb->add_option("ID", a->ids, ids_help)->required()->type_name("ID");
  verb->callback([a, edit] { run_edit(*a, edit); });
  return verb;
}

}  // namespace

void add_merge_topics(CLI::App& app) {
  add_edit_verb(app, "merge-topics", "Merge topics into one (BERTopic's merge_topics)",
                "Topics to merge (two or more); the result takes the first one's place", Edit::Merge);
}

void add_delete_topics(CLI::App& app) {
  add_edit_verb(app, "delete-topics", "Delete topics: their documents become outliers (BERTopic's delete_topics)",
                "Topics to delete", Edit::Delete);
}

}  // namespace topica::cli
