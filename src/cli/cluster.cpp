// topica cluster --input Y.npy --output labels.csv: HDBSCAN (hdbscan library 0.8 semantics)
// with BERTopic's settings by default, writing one CSV row per input row:
// label,probability,outlier_score (label -1 = noise).
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/options.hpp"
#include "cli/verbs.hpp"
#include "topica/atomic_file.hpp"
#include "topica/error.hpp"
#include "topica/hdbscan.hpp"
#include "topica/npy.hpp"

namespace topica::cli {
namespace {

// The library follows hdbscan's defaults (min_cluster_size 5); the verb follows BERTopic's
// HDBSCAN(min_cluster_size=10, metric='euclidean', cluster_selection_method='eom').
struct ClusterArgs {
  std::string input, output, membership;
  HdbscanOptions hdbscan = [] {
    HdbscanOptions o;
    o.min_cluster_size = 10;
    return o;
  }();
};

void write_labels_csv(const std::string& path, const HdbscanModel& model) {
  AtomicFile out(path);
  std::string chunk = "label,probability,outlier_score\n";
  for (std::size_t i = 0; i < model.labels.size(); ++i) {
    // {} prints the shortest text that reads back as the same double.
    fmt::format_to(std::back_inserter(chunk), "{},{},{}\n", model.labels[i], model.probabilities[i],
                   model.outlier_scores[i]);
    if (chunk.size() > (std::size_t{1} << 20)) {
      out.write(chunk);
      chunk.clear();
    }
  }
  out.write(chunk);
  out.commit();
}

void run_cluster(const ClusterArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  const Matrix<double> data = read_npy_matrix_f64(args.input);
  if (data.rows >= 2 && data.rows < args.hdbscan.min_cluster_size) {
    fmt::print(stderr, "topica: warning: {} rows are fewer than --min-cluster-size {}: every row will be noise\n",
               data.rows, args.hdbscan.min_cluster_size);
  }
  HdbscanModel model;
  try {
    model = hdbscan_fit(data, args.hdbscan);
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: {}", args.input, e.what()));
  }
  write_labels_csv(args.output, model);
  if (!args.membership.empty()) write_npy(args.membership, all_points_membership_vectors(model, args.hdbscan.threads));
  std::size_t noise = 0;
  for (const auto label : model.labels) noise += label < 0 ? 1 : 0;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "topica cluster: {} x {} -> {} clusters, {} noise ({:.1f}%), min_cluster_size {}, min_samples {}, {} ({:.2f} s)\n",
             data.rows, data.cols, model.cluster_count(), noise, 100.0 * static_cast<double>(noise) / static_cast<double>(data.rows),
             args.hdbscan.min_cluster_size, model.min_samples, cluster_selection_name(args.hdbscan.selection), seconds);
}

}  // namespace

void add_cluster(CLI::App& app) {
  auto args = std::make_shared<ClusterArgs>();
  HdbscanOptions& o = args->hdbscan;
  auto* verb = app.add_subcommand("cluster", "Cluster rows with HDBSCAN (hdbscan library 0.8 semantics, BERTopic's settings)");
  add_input_option(*verb, args->input, "Points to cluster: a 2-d float32/float64 .npy array (e.g. the output of topica reduce)");
  add_output_option(*verb, args->output, "Write label,probability,outlier_score for each row to FILE as CSV (label -1: noise)", true);
  verb->add_option("--min-cluster-size", o.min_cluster_size,
                   "Smallest group that counts as a cluster (BERTopic: 10; the hdbscan library's default is 5)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 40));
  verb->add_option("--min-samples", o.min_samples,
                   "Neighbours that make a point dense; larger means more noise (default: --min-cluster-size)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40));
  verb->add_option("--selection", o.selection, "How clusters are chosen: eom (most stable) or leaf (finest)")
      ->transform(CLI::CheckedTransformer(
                      std::map<std::string, ClusterSelection>{{"eom", ClusterSelection::Eom}, {"leaf", ClusterSelection::Leaf}},
                      CLI::ignore_case)
                      .description(""))
      ->option_text("eom|leaf [eom]");
  verb->add_option("--epsilon", o.epsilon, "Merge clusters that split below this distance (cluster_selection_epsilon)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  verb->add_flag("--allow-single-cluster", o.allow_single_cluster, "Let eom return one cluster for all the data");
  verb->add_option("--mst", o.mst,
                   "Spanning tree: reference (hdbscan's default, for identical results) or exact (a true minimum tree)")
      ->transform(CLI::CheckedTransformer(
                      std::map<std::string, MstMethod>{{"reference", MstMethod::Reference}, {"exact", MstMethod::Exact}},
                      CLI::ignore_case)
                      .description(""))
      ->option_text("reference|exact [reference]");
  verb->add_option("--membership", args->membership,
                   "Also write soft membership vectors (rows x clusters, float32 .npy; hdbscan's "
                   "all_points_membership_vectors)")
      ->type_name("FILE");
  add_threads_option(*verb, o.threads);
  verb->callback([args] { run_cluster(*args); });
}

}  // namespace topica::cli
