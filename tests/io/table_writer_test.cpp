#include "topica/table_writer.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "topica/corpus.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

TEST(TableWriter, CsvQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(""), "");
}

// What the writer writes, the CSV reader reads back unchanged (and so do spreadsheet tools).
TEST(TableWriter, CsvRoundTripsThroughTheReader) {
  test::ScratchDir dir;
  const std::string path = dir.file("t.csv");
  const std::vector<std::string> texts{"plain", "comma, inside", "quote \" inside", "new\nline", "", "로봇"};
  CsvWriter w(path, {"id", "text"});
  for (std::size_t i = 0; i < texts.size(); ++i) w.row({std::to_string(i), texts[i]});
  w.commit();
  CorpusOptions options;
  options.path = path;
  options.id_column = "id";
  auto reader = open_corpus(options);
  Document doc;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    ASSERT_TRUE(reader->next(doc));
    EXPECT_EQ(doc.text, texts[i]);
    EXPECT_EQ(doc.id, std::to_string(i));
  }
  EXPECT_FALSE(reader->next(doc));
}

TEST(TableWriter, WrongWidthIsAnErrorAndLeavesNoFile) {
  test::ScratchDir dir;
  const std::string path = dir.file("bad.csv");
  {
    CsvWriter w(path, {"a", "b"});
    EXPECT_THROW(w.row({"only one"}), Error);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(TableWriter, JsonlLinesAreWholeDocuments) {
  test::ScratchDir dir;
  const std::string path = dir.file("t.jsonl");
  JsonlWriter w(path);
  w.line(R"({"a": 1})");
  EXPECT_THROW(w.line("{\n}"), Error);
  w.commit();
  EXPECT_EQ(test::read_file(path), "{\"a\": 1}\n");
}

}  // namespace
}  // namespace topica
