#include "topica/topic_hierarchy.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/parallel.hpp"
#include "topica/topic_documents.hpp"
#include "topica/table_writer.hpp"

namespace topica {
namespace {

std::string first_words(const std::vector<TopicWord>& words, std::size_t n = 5) {
  std::string out;
  for (std::size_t i = 0; i < std::min(n, words.size()); ++i) (out += i ? "_" : "") += words[i].word;
  return out;
}

// The c-TF-IDF rows of the topics other than the outliers: topic id t is row t.
Csr<double> real_topic_ctfidf_rows(const TopicModel& model) {
  const Csr<double>& m = model.ctfidf_matrix;
  Csr<double> out;
  out.cols = m.cols;
  for (std::size_t i = 0; i < model.topics.size(); ++i) {
    if (model.topics[i].id < 0) continue;
    for (auto k = m.indptr[i]; k < m.indptr[i + 1]; ++k) {
      out.indices.push_back(m.indices[static_cast<std::size_t>(k)]);
      out.values.push_back(m.values[static_cast<std::size_t>(k)]);
    }
    out.indptr.push_back(static_cast<std::int64_t>(out.values.size()));
    ++out.rows;
  }
  return out;
}

// The leaves under every node of the tree, increasing.
std::vector<std::vector<int>> leaves_under(const Dendrogram& tree) {
  std::vector<std::vector<int>> leaves(tree.merges.size());
  const auto of = [&](std::size_t id) {
    return id < tree.leaves ? std::vector<int>{static_cast<int>(id)} : leaves[id - tree.leaves];
  };
  for (std::size_t i = 0; i < tree.merges.size(); ++i) {
    std::vector<int> a = of(tree.merges[i].a), b = of(tree.merges[i].b);
    leaves[i].resize(a.size() + b.size());
    std::merge(a.begin(), a.end(), b.begin(), b.end(), leaves[i].begin());
  }
  return leaves;
}

// BERTopic: the counts of the joined topic documents under a node, summed into one row, then
// c-TF-IDF with the fitted idf.
std::vector<TopicWord> node_words(const TopicModel& model, const TermCounts& counts, const std::vector<int>& topics) {
  std::vector<std::int64_t> sum(counts.cols, 0);
  for (int t : topics) {
    const auto r = static_cast<std::size_t>(t);
    for (auto k = counts.indptr[r]; k < counts.indptr[r + 1]; ++k) {
      sum[static_cast<std::size_t>(counts.indices[static_cast<std::size_t>(k)])] += counts.values[static_cast<std::size_t>(k)];
    }
  }
  TermCounts grouped;
  grouped.rows = 1;
  grouped.cols = counts.cols;
  for (std::size_t j = 0; j < sum.size(); ++j) {
    if (sum[j] == 0) continue;
    grouped.indices.push_back(static_cast<std::int32_t>(j));
    grouped.values.push_back(sum[j]);
  }
  grouped.indptr.push_back(static_cast<std::int64_t>(grouped.values.size()));
  return top_words(model.ctfidf.transform(grouped), model.vectorizer.vocabulary(), model.options.top_n_words).front();
}

}  // namespace

TopicHierarchy hierarchical_topics(const SavedModel& saved) {
  const TopicModel& model = saved.model;
  if (saved.documents.empty()) {
    throw InputError("the model folder keeps no training documents (documents.jsonl): it was saved by an older topica; fit it again");
  }
  const Csr<double> rows = real_topic_ctfidf_rows(model);
  if (rows.rows < 2) throw UsageError(fmt::format("a hierarchy needs at least two topics; the model has {}", rows.rows));

  TopicHierarchy h;
  h.tree = linkage(condensed_distances(rows, Metric::Cosine, model.options.threads), rows.rows, Linkage::Ward);
  const std::size_t k = rows.rows;

  std::vector<int> ids;
  for (const Topic& t : model.topics) ids.push_back(t.id);
  std::vector<std::string> joined = join_topic_documents(saved.documents, model.assignments, ids);
  if (ids.front() < 0) joined.erase(joined.begin());  // topic t is now row t
  const TermCounts counts = model.vectorizer.transform(joined);

  const std::vector<std::vector<int>> leaves = leaves_under(h.tree);
  h.nodes.resize(h.tree.merges.size());
  // Nodes are independent: each task fills its own.
  parallel_tasks(h.nodes.size(), model.options.threads, [&](std::size_t i) {
    TopicMergeNode& node = h.nodes[i];
    node.parent_id = k + i;
    node.topics = leaves[i];
    node.parent_name = first_words(node_words(model, counts, node.topics));
    node.left_id = h.tree.merges[i].a;
    node.right_id = h.tree.merges[i].b;
    node.distance = h.tree.merges[i].distance;
  });
  const auto name_of = [&](std::size_t id) {
    return id < k ? first_words(model.topics[*model.index_of(static_cast<int>(id))].words) : h.nodes[id - k].parent_name;
  };
  for (TopicMergeNode& node : h.nodes) {
    node.left_name = name_of(node.left_id);
    node.right_name = name_of(node.right_id);
  }
  return h;
}

std::string hierarchy_csv(const TopicHierarchy& hierarchy) {
  std::string out = "Parent_ID,Parent_Name,Topics,Child_Left_ID,Child_Left_Name,Child_Right_ID,Child_Right_Name,Distance\n";
  for (auto node = hierarchy.nodes.rbegin(); node != hierarchy.nodes.rend(); ++node) {
    out += fmt::format("{},{},{},{},{},{},{},{}\n", node->parent_id, csv_field(node->parent_name),
                       csv_field(fmt::format("[{}]", fmt::join(node->topics, ", "))), node->left_id,
                       csv_field(node->left_name), node->right_id, csv_field(node->right_name), node->distance);
  }
  return out;
}

void save_hierarchy(const TopicHierarchy& hierarchy, const std::string& dir) {
  std::string linkage = "left,right,distance,size\n";
  for (const Merge& m : hierarchy.tree.merges) linkage += fmt::format("{},{},{},{}\n", m.a, m.b, m.distance, m.size);
  write_file_atomically(dir + "/hierarchy.csv", hierarchy_csv(hierarchy));
  write_file_atomically(dir + "/hierarchy_linkage.csv", linkage);
}

std::string topic_tree(const TopicHierarchy& hierarchy) {
  constexpr std::size_t kWidth = 4;  // get_topic_tree(tight_layout=False)
  const std::size_t k = hierarchy.tree.leaves;
  std::vector<std::string> name(k + hierarchy.nodes.size());
  for (const TopicMergeNode& node : hierarchy.nodes) {
    name[node.left_id] = node.left_name.substr(0, 100);
    name[node.right_id] = node.right_name.substr(0, 100);
  }
  std::string out = ".\n";
  const std::function<void(std::size_t, const std::string&, bool)> draw = [&](std::size_t id, const std::string& indent,
                                                                             bool root) {
    if (!root) out += id < k ? fmt::format("■──{} ── Topic: {}\n", name[id], id) : name[id] + "\n";
    if (id < k) return;
    const TopicMergeNode& node = hierarchy.nodes[id - k];
    out += indent + "├─";
    draw(node.left_id, indent + "│" + std::string(kWidth, ' '), false);
    out += indent + "└─";
    draw(node.right_id, indent + std::string(kWidth + 1, ' '), false);
  };
  if (!hierarchy.nodes.empty()) draw(k + hierarchy.nodes.size() - 1, "", true);
  return out;
}

}  // namespace topica
