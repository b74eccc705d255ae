// The figure builders behind build_chart (topica/charts.hpp), one file each, from data already
// read: tests check the numbers they put in a figure against the model without a browser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "topica/charts.hpp"
#include "topica/topic_hierarchy.hpp"

namespace topica::viz {

using Json = nlohmann::ordered_json;

/// The line colours of BERTopic's over-time, per-class and term-rank charts (Okabe-Ito).
inline constexpr const char* kLineColors[] = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#D55E00", "#0072B2", "#CC79A7"};

/// The topics a chart shows, outliers left out: `--topics` as listed (an unknown id is a
/// UsageError), else the largest `top_n_topics` (or `default_top_n`, 0 = all), by size, ties by id.
std::vector<const Topic*> chosen_topics(const TopicModel& model, const ChartOptions& options,
                                        std::size_t default_top_n);
/// Every topic but the outliers, in id order. UsageError when there are none.
std::vector<const Topic*> real_topics(const TopicModel& model);
/// The topic's label when --custom-labels asks for it and it has one, else "<id>_w1_w2_w3".
std::string topic_title(const Topic& topic, const ChartOptions& options);
/// The base layout of every chart: BERTopic's "simple_white" look, the title, the size.
Json base_layout(const ChartOptions& options, const std::string& default_title, int width, int height);

Json barchart_figure(const TopicModel& model, const ChartOptions& options);
/// `points`: one 2-d row per topics entry.
Json topics_figure(const std::vector<const Topic*>& topics, const Matrix<float>& points, const ChartOptions& options);
/// The 2-d positions of the topics for the intertopic distance map (see topics_figure.cpp).
Matrix<float> topic_positions(const TopicModel& model, const std::vector<const Topic*>& topics, std::uint64_t seed);
/// `linkage`: scipy's linkage matrix over real_topics(model) (leaf i = i-th topic by id);
/// `node_names`: the words of each merge node (may be empty).
Json hierarchy_figure(const TopicModel& model, const Matrix<double>& linkage, const std::vector<std::string>& node_names,
                      const ChartOptions& options);
Json heatmap_figure(const TopicModel& model, const ChartOptions& options);
/// `coords`: one 2-d row per document; `documents`: the texts (hover shows their first 80 characters).
Json documents_figure(const TopicModel& model, std::span<const std::string> documents, const Matrix<float>& coords,
                      const ChartOptions& options);

/// One row of topics_over_time.csv / topics_per_class.csv.
struct SliceRow {
  int topic = 0;
  std::string words;
  double frequency = 0;
  std::string slice;  ///< the Timestamp or the Class
};
/// Reads `path` (columns Topic, Words, Frequency, `slice_column`); InputError naming the file
/// and line for anything malformed.
std::vector<SliceRow> read_slice_table(const std::string& path, const std::string& slice_column);
Json over_time_figure(const TopicModel& model, const std::vector<SliceRow>& rows, const ChartOptions& options);
Json per_class_figure(const TopicModel& model, const std::vector<SliceRow>& rows, const ChartOptions& options);

/// `probabilities`: one document's row of topic_distributions.npy (real_topics order).
Json distribution_figure(const TopicModel& model, std::span<const float> probabilities, const ChartOptions& options);
Json term_rank_figure(const TopicModel& model, const ChartOptions& options);

/// The records of CSV text (RFC 4180 quoting, "\n" or "\r\n" line ends). InputError naming
/// `path` for an unterminated quote.
std::vector<std::vector<std::string>> parse_csv(std::string_view text, const std::string& path);
/// A CSV field read as a number; InputError naming `where` when it is not one.
double parse_csv_number(const std::string& text, const std::string& where);
/// The whole file; InputError naming it when it cannot be read, with `missing` as the advice.
std::string read_model_file(const std::string& path, const std::string& missing);
/// `text` with every '<' written as \u003c, so JSON placed in a <script> cannot end it.
std::string escape_json_for_html(std::string_view json);
/// `js` with "</script" and "<!--" broken up, so inlined JavaScript cannot end its <script>.
std::string escape_js_for_html(std::string_view js);

/// base64 of `values` as the bytes of a little-endian Float32Array (see typed_arrays.cpp).
std::string base64_float32(std::span<const float> values);
/// base64 of `values` as the bytes of a little-endian Uint8/16/32Array: `width` 1, 2 or 4 bytes
/// per value (each value must fit).
std::string base64_unsigned(std::span<const std::uint32_t> values, std::size_t width);

}  // namespace topica::viz

namespace topica::viz {
/// One row per topic of `topics`: its embedding when the model has topic embeddings, else its
/// c-TF-IDF row (dense), as BERTopic's select_topic_representation chooses. `from_ctfidf` says which.
Matrix<float> topic_vectors(const TopicModel& model, const std::vector<const Topic*>& topics, bool* from_ctfidf = nullptr);
}  // namespace topica::viz
