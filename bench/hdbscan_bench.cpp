// Times topica's HDBSCAN on one input and prints one JSON line: fit and membership-vector
// seconds (median of --repeats warm runs), clusters, noise and the process's peak RSS.
// bench/hdbscan.sh runs it once per reference case (a fresh process each, so the peak RSS is
// that case's) and prints the figures beside the hdbscan library's recorded timings.
//
// Usage: hdbscan_bench --input Y.npy [--min-cluster-size 10] [--min-samples 0] [--leaf]
//                      [--membership] [--repeats 3] [--threads 0]
//        hdbscan_bench --synthetic N [--dims 5] ...   (N points in Gaussian blobs + 10% noise)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "topica/hdbscan.hpp"
#include "topica/npy.hpp"

namespace {

using topica::Matrix;

struct Args {
  std::string input;
  std::size_t synthetic = 0, dims = 5, repeats = 3;
  bool membership = false;
  topica::HdbscanOptions options = [] {
    topica::HdbscanOptions o;
    o.min_cluster_size = 10;
    return o;
  }();
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto value = [&] {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "hdbscan_bench: %s needs a value\n", flag.c_str());
        std::exit(2);
      }
      return std::string(argv[++i]);
    };
    if (flag == "--input") a.input = value();
    else if (flag == "--synthetic") a.synthetic = std::stoul(value());
    else if (flag == "--dims") a.dims = std::stoul(value());
    else if (flag == "--repeats") a.repeats = std::max<std::size_t>(1, std::stoul(value()));
    else if (flag == "--min-cluster-size") a.options.min_cluster_size = std::stoul(value());
    else if (flag == "--min-samples") a.options.min_samples = std::stoul(value());
    else if (flag == "--threads") a.options.threads = std::stoul(value());
    else if (flag == "--leaf") a.options.selection = topica::ClusterSelection::Leaf;
    else if (flag == "--membership") a.membership = true;
    else {
      std::fprintf(stderr, "hdbscan_bench: unknown argument %s\n", flag.c_str());
      std::exit(2);
    }
  }
  if (a.input.empty() == (a.synthetic == 0)) {
    std::fprintf(stderr, "hdbscan_bench: give --input FILE or --synthetic N\n");
    std::exit(2);
  }
  return a;
}

// n points around n / 500 centres in [-20, 20]^dims, spreads 0.05..0.6, 10% uniform noise:
// many small dense clusters, like a UMAP layout of a large corpus.
Matrix<double> synthetic_blobs(std::size_t n, std::size_t dims) {
  std::uint64_t state = 42;
  const auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(state >> 11) + 0.5) / 9007199254740992.0;
  };
  const std::size_t centres = std::max<std::size_t>(1, n / 500);
  Matrix<double> centre(centres, dims);
  std::vector<double> spread(centres);
  for (double& v : centre.values) v = uniform() * 40 - 20;
  for (double& s : spread) s = 0.05 + 0.55 * uniform();
  Matrix<double> x(n, dims);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<std::size_t>(uniform() * static_cast<double>(centres)) % centres;
    const bool noise = uniform() < 0.1;
    for (std::size_t j = 0; j < dims; ++j) {
      const double g = std::sqrt(-2 * std::log(uniform())) * std::cos(6.283185307179586 * uniform());
      x(i, j) = noise ? uniform() * 44 - 22 : centre(c, j) + spread[c] * g;
    }
  }
  return x;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

long peak_rss_kb() {
  struct rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) try {
  const Args args = parse(argc, argv);
  const Matrix<double> data =
      args.synthetic ? synthetic_blobs(args.synthetic, args.dims) : topica::read_npy_matrix_f64(args.input);
  const long input_rss = peak_rss_kb();
  std::vector<double> fit_times, membership_times;
  topica::HdbscanModel model;
  for (std::size_t r = 0; r < args.repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    model = topica::hdbscan_fit(data, args.options);
    fit_times.push_back(seconds_since(start));
  }
  const long fit_rss = peak_rss_kb();
  std::size_t columns = 0;
  for (std::size_t r = 0; args.membership && r < args.repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    columns = topica::all_points_membership_vectors(model, args.options.threads).cols;
    membership_times.push_back(seconds_since(start));
  }
  std::size_t noise = 0;
  for (const auto label : model.labels) noise += label < 0 ? 1 : 0;
  std::printf(
      "{\"rows\": %zu, \"dims\": %zu, \"clusters\": %zu, \"noise\": %zu, \"fit_s\": %.4f, \"membership_s\": %s, "
      "\"membership_cols\": %zu, \"input_rss_mb\": %.1f, \"fit_peak_rss_mb\": %.1f, \"peak_rss_mb\": %.1f}\n",
      data.rows, data.cols, model.cluster_count(), noise, median(fit_times),
      membership_times.empty() ? "null" : std::to_string(median(membership_times)).c_str(), columns,
      static_cast<double>(input_rss) / 1024.0, static_cast<double>(fit_rss) / 1024.0,
      static_cast<double>(peak_rss_kb()) / 1024.0);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "hdbscan_bench: %s\n", e.what());
  return 1;
}
