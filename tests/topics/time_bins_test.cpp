// Time values and bins against pandas 1.5.3 (tests/fixtures/time_bins, made by its script):
// pandas's reading of ISO 8601 strings and the left edges pd.cut gives, which BERTopic reports.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "topica/error.hpp"
#include "topica/time_bins.hpp"
#include "topica/time_values.hpp"

namespace topica {
namespace {

nlohmann::json reference() {
  std::ifstream in(std::string(TOPICA_SOURCE_DIR) + "/tests/fixtures/time_bins/reference.json");
  return nlohmann::json::parse(in);
}

TimeColumn column_of(const std::vector<std::string>& values) {
  return parse_time_column(values, [](std::size_t row) { return "row " + std::to_string(row); });
}

TEST(TimeValues, ReadsIsoDatesAsPandasDoes) {
  for (const auto& c : reference()) {
    if (c["nanoseconds"].is_null()) continue;
    const TimeColumn times = column_of(c["values"].get<std::vector<std::string>>());
    ASSERT_TRUE(times.dates);
    EXPECT_EQ(times.nanoseconds, c["nanoseconds"].get<std::vector<std::int64_t>>()) << c["name"];
  }
}

TEST(TimeValues, ReadsNumbersAsUnixSecondsAndFormatsUtc) {
  const TimeColumn numbers = column_of({"1700000000", " 1.5 ", "-3", "+2e3"});
  ASSERT_FALSE(numbers.dates);
  EXPECT_EQ(numbers.seconds, (std::vector<double>{1700000000, 1.5, -3, 2000}));
  const TimeColumn mixed = column_of({"86400.5", "1970-01-03"});  // a date makes numbers Unix seconds
  ASSERT_TRUE(mixed.dates);
  EXPECT_EQ(mixed.nanoseconds, (std::vector<std::int64_t>{86'400'500'000'000, 172'800'000'000'000}));
  EXPECT_EQ(format_iso8601(86'400'500'000'000), "1970-01-02T00:00:00.5Z");
  EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(*parse_iso8601("2000-02-29T00:00:00+0100"), *parse_iso8601("1999-02-28") + (365 + 1) * 86400'000'000'000LL - 3600'000'000'000LL);
  EXPECT_EQ(*parse_iso8601("2024-07"), *parse_iso8601("2024-07-01T00:00:00Z"));
}

TEST(TimeValues, NamesTheRowAndValueThatDoNotParse) {
  for (const char* bad : {"yesterday", "2023-02-29", "2024-13-01", "2024-01-01T25:00", "2024-01-01Tx", "nan", "inf",
                          "2300-01-01", "", "2024-01-01+01:00"}) {
    try {
      column_of({"2024-01-01", bad});
      ADD_FAILURE() << bad;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("row 1: cannot read time '" + std::string(bad) + "'"), std::string::npos) << e.what();
    }
  }
}

TEST(TimeValues, QuotesALongOrMultiLineValueOnOneLine) {
  try {
    column_of({std::string(100, 'x') + "\nmore"});
    ADD_FAILURE();
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find('\n'), std::string::npos);
    EXPECT_NE(message.find("'" + std::string(60, 'x') + "...'"), std::string::npos) << message;
  }
}

TEST(TimeBins, LeftEdgesMatchPandasCut) {
  for (const auto& c : reference()) {
    const auto values = c["values"].get<std::vector<std::string>>();
    const TimeColumn times = column_of(values);
    const auto slices = slice_by_time(times, c["bins"].get<std::size_t>());
    std::vector<std::string> left(values.size());
    for (const TimeSlice& s : slices) {
      for (std::size_t row : s.rows) left[row] = s.timestamp;
    }
    for (std::size_t row = 0; row < values.size(); ++row) {
      const auto& expected = c["left"][row];
      if (expected.is_string()) {  // pandas prints no zone; both are UTC
        EXPECT_EQ(parse_iso8601(left[row]), parse_iso8601(expected.get<std::string>())) << c["name"] << " row " << row;
      } else {
        EXPECT_EQ(std::stod(left[row]), expected.get<double>()) << c["name"] << " row " << row;
      }
    }
  }
}

TEST(TimeBins, WithoutBinsEachDistinctTimeIsASlice) {
  const auto slices = slice_by_time(column_of({"5", "3", "5", "4.5"}), 0);
  ASSERT_EQ(slices.size(), 3u);
  EXPECT_EQ(slices[0].timestamp, "3");
  EXPECT_EQ(slices[1].timestamp, "4.5");
  EXPECT_EQ(slices[2].rows, (std::vector<std::size_t>{0, 2}));
}

}  // namespace
}  // namespace topica
