// The corpus readers, format by format, on small files written by the tests.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "topica/corpus.hpp"
#include "topica/error.hpp"

namespace topica {
namespace {

using test::ScratchDir;

std::vector<Document> read_all(const CorpusOptions& options) {
  auto reader = open_corpus(options);
  std::vector<Document> docs;
  Document doc;
  while (reader->next(doc)) docs.push_back(doc);
  return docs;
}

std::vector<Document> read_all(const std::string& path) {
  CorpusOptions options;
  options.path = path;
  return read_all(options);
}

// Runs `f`, expects an exception of type E whose message contains every one of `parts`.
template <typename E, typename F>
void expect_error(F&& f, std::initializer_list<std::string> parts) {
  try {
    f();
    FAIL() << "no exception";
  } catch (const E& e) {
    for (const std::string& part : parts) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

TEST(CorpusReader, TextIsOneDocumentPerLineAndKeepsEmptyRows) {
  ScratchDir dir;
  const auto docs = read_all(dir.write("a.txt", "\xEF\xBB\xBF" "first\r\n\nthird line\nlast without newline"));
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0].text, "first");  // BOM and CR dropped
  EXPECT_EQ(docs[1].text, "");
  EXPECT_EQ(docs[2].text, "third line");
  EXPECT_EQ(docs[3].text, "last without newline");
  EXPECT_EQ(docs[3].row, 3u);
  EXPECT_EQ(docs[3].line, 4u);
}

TEST(CorpusReader, TextLinesLongerThanTheBufferSurvive) {
  ScratchDir dir;
  const std::string long_line(3 << 20, 'x');  // three times the 1 MiB read size
  const auto docs = read_all(dir.write("long.txt", "a\n" + long_line + "\nb\n"));
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[1].text, long_line);
  EXPECT_EQ(docs[2].text, "b");
}

TEST(CorpusReader, CsvFollowsRfc4180) {
  ScratchDir dir;
  const std::string path = dir.write("d.csv",
                                     "\xEF\xBB\xBFid,text,year\r\n"
                                     "1,\"He said \"\"hi\"\"\r\nand left, quickly\",2001\r\n"
                                     "2,plain,2002\r\n"
                                     "\r\n"
                                     "3,\"\",2003\r\n");
  CorpusOptions options;
  options.path = path;
  options.id_column = "id";
  options.time_column = "year";
  const auto docs = read_all(options);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].text, "He said \"hi\"\nand left, quickly");
  EXPECT_EQ(docs[0].id, "1");
  EXPECT_EQ(docs[0].time, "2001");
  EXPECT_EQ(docs[1].text, "plain");
  EXPECT_EQ(docs[1].line, 4u);
  EXPECT_EQ(docs[2].text, "");  // an empty document keeps its row
  EXPECT_EQ(docs[2].row, 2u);
}

TEST(CorpusReader, CsvColumnsByNameOrIndexAndClearErrors) {
  ScratchDir dir;
  const std::string path = dir.write("d.csv", "a,b\nx,y\n");
  CorpusOptions options;
  options.path = path;
  expect_error<UsageError>([&] { read_all(options); }, {"d.csv", "no column named 'text'", "a, b"});
  options.text_column = "1";
  EXPECT_EQ(read_all(options)[0].text, "y");
  options.text_column = "c";
  expect_error<UsageError>([&] { read_all(options); }, {"--text-column 'c'"});
}

TEST(CorpusReader, CsvRaggedRowAndUnclosedQuoteNameTheLine) {
  ScratchDir dir;
  expect_error<InputError>([&] { read_all(dir.write("r.csv", "text,b\nx,y\nonly\n")); }, {"r.csv", "line 3", "1 fields"});
  expect_error<InputError>([&] { read_all(dir.write("q.csv", "text\nok\n\"never closed\nmore\n")); },
                           {"q.csv", "line 3", "never closed"});
}

TEST(CorpusReader, TsvIgnoresQuotesUnlessAsked) {
  ScratchDir dir;
  const std::string path = dir.write("d.tsv", "text\tlabel\n\"quoted\" word\t1\n\"a\tb\"\t2\n");
  CorpusOptions options;
  options.path = path;
  options.class_column = "label";
  expect_error<InputError>([&] { read_all(options); }, {"line 3", "3 fields", "--quoting csv"});
  options.quoting = Quoting::Csv;
  const auto docs = read_all(options);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text, "quoted word");
  EXPECT_EQ(docs[1].text, "a\tb");
  EXPECT_EQ(docs[1].label, "2");
  options.quoting = Quoting::None;
  dir.write("d.tsv", "text\tlabel\n\"quoted\" word\t1\n");
  EXPECT_EQ(read_all(options)[0].text, "\"quoted\" word");
}

TEST(CorpusReader, JsonlTakesTheTextFieldAndStringifiesScalars) {
  ScratchDir dir;
  const std::string path = dir.write("d.jsonl",
                                     "{\"text\": \"caf\\u00e9 \\\"x\\\"\", \"id\": 7, \"when\": \"2020-01-02\"}\n"
                                     "\n"
                                     "{\"text\": null, \"id\": \"b\", \"when\": null}\n");
  CorpusOptions options;
  options.path = path;
  options.id_column = "id";
  options.time_column = "when";
  const auto docs = read_all(options);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].text, "café \"x\"");
  EXPECT_EQ(docs[0].id, "7");
  EXPECT_EQ(docs[1].text, "");
  EXPECT_EQ(docs[1].line, 3u);
  options.text_column = "body";
  expect_error<InputError>([&] { read_all(options); }, {"d.jsonl", "line 1", "no field \"body\""});
  expect_error<InputError>([&] { read_all(dir.write("bad.jsonl", "{\"text\": \"a\"}\n{\"text\": \n")); },
                           {"bad.jsonl", "line 2", "not valid JSON"});
  expect_error<InputError>([&] { read_all(dir.write("arr.jsonl", "[1, 2]\n")); }, {"expected a JSON object"});
}

TEST(CorpusReader, DirectoryReadsTxtFilesSortedByPath) {
  ScratchDir dir;
  dir.write("corpus/b.txt", "second\n");
  dir.write("corpus/a.txt", "first\nstill first\n");
  dir.write("corpus/sub/c.txt", "third");
  dir.write("corpus/skip.md", "not a text file");
  const auto docs = read_all(dir.file("corpus"));
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].id, "a.txt");
  EXPECT_EQ(docs[0].text, "first\nstill first");
  EXPECT_EQ(docs[1].id, "b.txt");
  EXPECT_EQ(docs[2].id, "sub/c.txt");
}

TEST(CorpusReader, InvalidUtf8NamesFileAndLineOrIsReplaced) {
  ScratchDir dir;
  const std::string path = dir.write("bad.txt", "ok\nfine\nbroken \xFF byte\nafter\n");
  expect_error<InputError>([&] { read_all(path); }, {"bad.txt", "line 3", "0xFF"});
  CorpusOptions options;
  options.path = path;
  options.on_invalid = OnInvalidUtf8::Replace;
  const auto docs = read_all(options);
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[2].text, "broken \xEF\xBF\xBD byte");
  dir.write("d/x.txt", "a\nb\n\xC3(\n");
  expect_error<InputError>([&] { read_all(dir.file("d")); }, {"x.txt", "line 3"});
}

TEST(CorpusReader, FormatComesFromTheExtension) {
  ScratchDir dir;
  CorpusOptions options;
  options.path = dir.write("x.NDJSON", "{}");
  EXPECT_EQ(resolve_format(options), InputFormat::Jsonl);
  options.path = dir.write("x.tab", "");
  EXPECT_EQ(resolve_format(options), InputFormat::Tsv);
  options.path = "-";
  EXPECT_EQ(resolve_format(options), InputFormat::Text);
  options.path = dir.write("x.parquet", "");
  expect_error<UsageError>([&] { resolve_format(options); }, {"x.parquet", "--input-format"});
  options.format = InputFormat::Text;
  EXPECT_EQ(resolve_format(options), InputFormat::Text);
}

TEST(CorpusReader, MissingPathAndColumnsOnPlainTextAreErrors) {
  ScratchDir dir;
  expect_error<Error>([&] { read_all(dir.file("nope.txt")); }, {"nope.txt", "no such file"});
  CorpusOptions options;
  options.path = dir.write("a.txt", "x\n");
  options.class_column = "label";
  expect_error<UsageError>([&] { read_all(options); }, {"plain text has no columns"});
}

}  // namespace
}  // namespace topica
