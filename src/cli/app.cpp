// The command line as a whole: builds the verbs and maps errors to exit codes and one-line
// messages ("topica: error: ..."). Nothing below this file prints an error or exits.
#include <cstdio>
#include <iostream>
#include <new>

#include "cli/progress.hpp"
#include "cli/verbs.hpp"
#include "topica/error.hpp"

namespace topica::cli {

void build_app(CLI::App& app) {
  app.description("topica: text embeddings and topic modeling, natively");
  app.require_subcommand(1);
  app.fallthrough(false);
  auto* corpus = app.add_subcommand("corpus", "Read corpora: statistics, the built-in Debian corpus");
  corpus->require_subcommand(1);
  add_corpus_stats(*corpus);
  add_corpus_debian(*corpus);
  add_version(app);
  add_fit(app);
  add_transform(app);
  add_reduce(app);
  add_cluster(app);
  add_topics(app);
  add_find(app);
  add_similar(app);
  add_embed(app);
  auto* model = app.add_subcommand("model", "Hugging Face hub models: download into the shared cache");
  model->require_subcommand(1);
  add_model_pull(*model);
  add_search(app);
  add_fill_mask(app);
  add_over_time(app);
  add_per_class(app);
  add_distribution(app);
  add_represent(app);
  add_set_labels(app);
  add_label(app);
  add_merge_models(app);
  add_reduce_topics(app);
  add_merge_topics(app);
  add_delete_topics(app);
  add_hierarchy(app);
  add_reduce_outliers(app);
  add_update(app);
  add_serve(app);
  auto* exporter = app.add_subcommand("export", "Write a saved model in another library's format");
  exporter->require_subcommand(1);
  add_export_bertopic(*exporter);
  add_export_projector(*exporter);
  auto* text = app.add_subcommand("text", "Text processing: normalization and word segmentation");
  text->require_subcommand(1);
  add_text_segment(*text);
  auto* vocab = app.add_subcommand("vocab", "A model's vocabulary against a corpus");
  vocab->require_subcommand(1);
  add_vocab_missing(*vocab);
  add_adjust(app);
  auto* synonyms = app.add_subcommand("synonyms", "Synonym groups for adjust and fit --synonyms");
  synonyms->require_subcommand(1);
  add_synonyms_suggest(*synonyms);
  add_classify(app);
  add_wordvec(app);
  // The verbs with long operations show progress (cli/progress.hpp); --quiet silences them.
  for (const char* verb : {"fit", "embed", "transform", "update", "serve"}) add_quiet_flag(*app.get_subcommand(verb));
  add_quiet_flag(*model->get_subcommand("pull"));
  add_visualize(app);
  add_report(app);
}

namespace {

int fail(int code, const std::string& message) {
  restore_stderr();  // errors are printed even with --quiet
  std::fprintf(stderr, "topica: error: %s\n", message.c_str());
  return code;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"", "topica"};
  try {
    build_app(app);
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && argc <= 1) message = "no verb given; try topica --help";
    return fail(2, message + (message.find("--help") == std::string::npos ? " (see --help)" : ""));
  } catch (const UsageError& e) {
    return fail(2, e.what());
  } catch (const Error& e) {
    return fail(1, e.what());
  } catch (const std::bad_alloc&) {
    return fail(1, "out of memory");
  } catch (const std::exception& e) {
    return fail(1, e.what());
  }
}

}  // namespace topica::cli
