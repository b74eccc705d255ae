// Every verb of the `topica` command registers itself on the app through one of these.
// One file per verb; the shared options live in options.hpp.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace topica::cli {

/// Builds the complete command line: every verb and its options. Throws CLI::OptionAlreadyAdded
/// if two options share a flag, which the option-table test checks.
void build_app(CLI::App& app);

void add_corpus_stats(CLI::App& corpus);   // topica corpus stats
void add_corpus_debian(CLI::App& corpus);  // topica corpus debian
void add_version(CLI::App& app);           // topica version
void add_fit(CLI::App& app);               // topica fit
void add_transform(CLI::App& app);         // topica transform
void add_reduce(CLI::App& app);            // topica reduce
void add_cluster(CLI::App& app);           // topica cluster
void add_topics(CLI::App& app);            // topica topics
void add_find(CLI::App& app);              // topica find
void add_similar(CLI::App& app);           // topica similar
void add_export_bertopic(CLI::App& exp);   // topica export bertopic
void add_embed(CLI::App& app);             // topica embed
void add_model_pull(CLI::App& model);      // topica model pull
void add_search(CLI::App& app);            // topica search
void add_fill_mask(CLI::App& app);         // topica fill-mask
void add_over_time(CLI::App& app);         // topica over-time
void add_per_class(CLI::App& app);         // topica per-class
void add_distribution(CLI::App& app);      // topica distribution
void add_represent(CLI::App& app);         // topica represent
void add_set_labels(CLI::App& app);        // topica set-labels
void add_label(CLI::App& app);             // topica label
void add_merge_models(CLI::App& app);      // topica merge-models
void add_reduce_topics(CLI::App& app);     // topica reduce-topics
void add_merge_topics(CLI::App& app);      // topica merge-topics
void add_delete_topics(CLI::App& app);     // topica delete-topics
void add_hierarchy(CLI::App& app);         // topica hierarchy
/// --nr-topics N|auto, shared by fit and reduce-topics.
void add_nr_topics_option(CLI::App& verb, std::string& nr_topics, bool required);
void add_reduce_outliers(CLI::App& app);   // topica reduce-outliers
void add_update(CLI::App& app);            // topica update
void add_text_segment(CLI::App& text);     // topica text segment
void add_vocab_missing(CLI::App& vocab);   // topica vocab missing
void add_adjust(CLI::App& app);            // topica adjust
void add_synonyms_suggest(CLI::App& synonyms);  // topica synonyms suggest
void add_classify(CLI::App& app);          // topica classify train|predict|test
void add_wordvec(CLI::App& app);           // topica wordvec train|tokenize|similar|analogy|similarity|doesnt-match|eval|doc-vectors
void add_serve(CLI::App& app);             // topica serve
void add_visualize(CLI::App& app);         // topica visualize
void add_report(CLI::App& app);            // topica report
void add_export_projector(CLI::App& exp);  // topica export projector

/// Parses and runs; returns the process exit code (0 ok, 1 runtime error, 2 usage error).
int run(int argc, char** argv);

}  // namespace topica::cli
