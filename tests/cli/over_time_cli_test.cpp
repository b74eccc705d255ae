// `topica over-time` and `topica per-class` on the fixture model: the tables as the library
// computes them, saved in the model folder, and the one-line errors for bad time or class columns.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "cli/model_fixture.hpp"
#include "topica/model_store.hpp"
#include "topica/topics_over_time.hpp"

namespace topica {
namespace {

// The fixture's training texts as a CSV corpus with a date and a class column; `date(i)` and
// `cls(i)` give row i's values.
template <typename Date, typename Class>
std::string corpus_with_columns(const test::ScratchDir& scratch, const test::FittedModel& m, Date date, Class cls,
                                std::size_t rows = 28, const std::string& name = "corpus.csv") {
  std::ifstream in(m.corpus);
  std::string csv = "text,date,group\n", line;
  for (std::size_t i = 0; i < rows && std::getline(in, line); ++i) csv += line + "," + date(i) + "," + cls(i) + "\n";
  return scratch.write(name, csv);
}

std::string day(std::size_t i) { return "2024-01-" + std::string(i < 9 ? "0" : "") + std::to_string(i % 28 + 1); }

TEST(OverTimeCli, PrintsAndSavesTheLibrarysTable) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto corpus = corpus_with_columns(scratch, m, day, [](std::size_t i) { return i % 2 ? "odd" : "even"; });
  const auto r = test::run_cli({"over-time", m.dir, "--corpus", corpus, "--time-column", "date", "--bins", "4",
                                "--format", "csv", "--threads", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, test::read_file(m.dir + "/topics_over_time.csv"));

  std::vector<std::string> texts;
  std::ifstream in(m.corpus);
  for (std::string line; std::getline(in, line);) texts.push_back(line);
  TimeColumn times;
  times.dates = true;
  for (std::size_t i = 0; i < 28; ++i) times.nanoseconds.push_back(*parse_iso8601(day(i)));
  OverTimeOptions o;
  o.bins = 4;
  const auto rows = topics_over_time(load_topic_model(m.dir), texts, times, o);
  std::string expected = "Topic,Words,Frequency,Timestamp\n";
  std::size_t documents = 0;
  for (const auto& row : rows) {
    expected += std::to_string(row.topic) + ",\"" + row.words + "\"," + std::to_string(row.frequency) + "," + row.slice + "\n";
    documents += row.frequency;
  }
  EXPECT_EQ(r.out, expected);
  EXPECT_EQ(documents, 28u);
  EXPECT_EQ(rows.front().slice.rfind("2023-12-31T23:21:07.", 0), 0u) << rows.front().slice;  // 0.1% of 27 days early

  const auto json = test::run_cli({"over-time", m.dir, "--corpus", corpus, "--time-column", "date", "--bins", "4",
                                   "--format", "json", "--no-global-tuning", "--no-evolution-tuning"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto table = nlohmann::json::parse(json.out);
  ASSERT_EQ(table.size(), rows.size());
  EXPECT_EQ(table[0]["Timestamp"], rows[0].slice);
  const auto text = test::run_cli({"over-time", m.dir, "--corpus", corpus, "--time-column", "date"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("2024-01-28T00:00:00Z"), std::string::npos) << text.out;  // one slice per day
}

TEST(OverTimeCli, RefusesBadTimesBinsAndCorpora) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto bad = corpus_with_columns(scratch, m, [](std::size_t i) { return i == 5 ? std::string("soon") : day(i); },
                                       [](std::size_t) { return "x"; });
  test::expect_one_line_error(test::run_cli({"over-time", m.dir, "--corpus", bad, "--time-column", "date"}), 1,
                              "line 7 (row 5): --time-column 'date': cannot read time 'soon'");
  const auto good = corpus_with_columns(scratch, m, day, [](std::size_t) { return "x"; }, 28, "good.csv");
  test::expect_one_line_error(
      test::run_cli({"over-time", m.dir, "--corpus", good, "--time-column", "date", "--bins", "0"}), 2,
      "--bins must be at least 1");
  const auto short_corpus = corpus_with_columns(scratch, m, day, [](std::size_t) { return "x"; }, 27, "short.csv");
  test::expect_one_line_error(test::run_cli({"over-time", m.dir, "--corpus", short_corpus, "--time-column", "date"}), 2,
                              "27 documents, but the model");
  test::expect_one_line_error(test::run_cli({"per-class", m.dir, "--corpus", good, "--class-column", "group"}), 2,
                              "--class-column 'group': the class column holds one class ('x')");
  const auto gap = corpus_with_columns(scratch, m, day, [](std::size_t i) { return i == 3 ? "" : "y"; }, 28, "gap.csv");
  test::expect_one_line_error(test::run_cli({"per-class", m.dir, "--corpus", gap, "--class-column", "group"}), 1,
                              "line 5 (row 3): --class-column 'group' is empty");
}

TEST(PerClassCli, PrintsAndSavesTheTable) {
  test::ScratchDir scratch;
  const auto m = test::fit_fixture_model(scratch);
  const auto corpus = corpus_with_columns(scratch, m, day, [](std::size_t i) { return i % 3 ? "b" : "a"; });
  const auto r = test::run_cli({"per-class", m.dir, "--corpus", corpus, "--class-column", "group", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, test::read_file(m.dir + "/topics_per_class.csv"));
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "Topic,Words,Frequency,Class");
  std::size_t a = 0, b = 0;
  while (std::getline(lines, line)) {
    const auto frequency = std::stoul(line.substr(line.rfind('"') + 2));
    (line.back() == 'a' ? a : b) += frequency;
  }
  EXPECT_EQ(a, 10u);  // rows 0, 3, ..., 27
  EXPECT_EQ(b, 18u);
}

}  // namespace
}  // namespace topica
