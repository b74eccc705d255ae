// Every verb of the `topica` command registers itself on the app through one of these.
// One file per verb; the shared options live in options.hpp.
#pragma once

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
void add_text_segment(CLI::App& text);     // topica text segment

/// Parses and runs; returns the process exit code (0 ok, 1 runtime error, 2 usage error).
int run(int argc, char** argv);

}  // namespace topica::cli
