// The chart options of `topica visualize` and `topica report`.
#include "cli/chart_options.hpp"

#include "cli/options.hpp"

namespace topica::cli {

void add_chart_options(CLI::App& verb, ChartOptions& o) {
  verb.add_option("--top-n-topics", o.top_n_topics, "Show the N largest topics (barchart: 8; others: all)")->type_name("N");
  verb.add_option("--topics", o.topics, "Show exactly these topics, e.g. 1,2,3")->delimiter(',')->type_name("IDS");
  verb.add_option("--n-words", o.n_words, "Words per topic (barchart: 5; term-rank: all)")->type_name("N");
  verb.add_flag("--custom-labels", o.custom_labels, "Name topics by their labels (topica set-labels / label) where set");
  verb.add_option("--width", o.width, "Chart width in pixels (default: the kind's, as BERTopic)")->type_name("PX");
  verb.add_option("--height", o.height, "Chart height in pixels")->type_name("PX");
  verb.add_option("--title", o.title, "Chart title")->type_name("TEXT");
  add_seed_option(verb, o.seed);
}

}  // namespace topica::cli
