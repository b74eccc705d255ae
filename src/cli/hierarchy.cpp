// topica hierarchy DIR [--format text|csv|json] [--output F] [--out DIR2]: BERTopic's
// hierarchical_topics, printed as get_topic_tree draws it (or as the table), and saved in the
// model folder as hierarchy.csv with its linkage matrix for the dendrogram.
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/model_edit.hpp"
#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/atomic_file.hpp"
#include "topica/topic_hierarchy.hpp"

namespace topica::cli {
namespace {

struct HierarchyArgs {
  ModelEditArgs edit;
  OutputFormat format = OutputFormat::Text;
  std::string output = "-";
};

std::string hierarchy_json(const TopicHierarchy& h) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (auto node = h.nodes.rbegin(); node != h.nodes.rend(); ++node) {
    rows.push_back({{"Parent_ID", node->parent_id}, {"Parent_Name", node->parent_name}, {"Topics", node->topics},
                    {"Child_Left_ID", node->left_id}, {"Child_Left_Name", node->left_name},
                    {"Child_Right_ID", node->right_id}, {"Child_Right_Name", node->right_name},
                    {"Distance", node->distance}});
  }
  return rows.dump(2) + "\n";
}

void run_hierarchy(const HierarchyArgs& a) {
  const SavedModel saved = load_model(a.edit.dir);
  const TopicHierarchy h = hierarchical_topics(saved);
  const std::string text = a.format == OutputFormat::Csv    ? hierarchy_csv(h)
                           : a.format == OutputFormat::Json ? hierarchy_json(h)
                                                            : topic_tree(h);
  // The topics do not change: --out gets a copy of the model, DIR only the two new files.
  if (!a.edit.out.empty()) save_model(saved, a.edit.out);
  const std::string& dir = a.edit.out.empty() ? a.edit.dir : a.edit.out;
  save_hierarchy(h, dir);
  if (a.output == "-") {
    fmt::print("{}", text);
  } else {
    write_file_atomically(a.output, text);
  }
  fmt::print(stderr, "topica: {} merges of {} topics; hierarchy.csv saved in {}\n", h.nodes.size(), h.tree.leaves, dir);
}

}  // namespace

void add_hierarchy(CLI::App& app) {
  auto a = std::make_shared<HierarchyArgs>();
  auto* verb = app.add_subcommand("hierarchy", "How a saved model's topics merge, closest first (BERTopic's hierarchical_topics)");
  add_model_edit_options(*verb, a->edit);
  verb->get_option("--out")->description("Write a copy of the model with the hierarchy here instead of into DIR");
  add_format_option(*verb, a->format, {OutputFormat::Text, OutputFormat::Csv, OutputFormat::Json});
  add_output_option(*verb, a->output, "Write the tree or table here", false);
  verb->callback([a] { run_hierarchy(*a); });
}

}  // namespace topica::cli
