// The progress reporter's text (cli/progress.hpp): durations, rates and the line drawn.
#include <gtest/gtest.h>

#include "cli/progress.hpp"

namespace topica::cli {
namespace {

TEST(ProgressFormat, DurationsAreMinutesSecondsAndHours) {
  EXPECT_EQ(format_duration(0), "0:00");
  EXPECT_EQ(format_duration(0.2), "0:01");  // rounded up: a nearly done stage is not "0:00 left"
  EXPECT_EQ(format_duration(59), "0:59");
  EXPECT_EQ(format_duration(61.5), "1:02");
  EXPECT_EQ(format_duration(3599), "59:59");
  EXPECT_EQ(format_duration(3723), "1:02:03");
  EXPECT_EQ(format_duration(-5), "0:00");
}

TEST(ProgressFormat, RatesKeepADecimalOnlyWhenSmall) {
  EXPECT_EQ(format_rate(812.4, "docs"), "812 docs/s");
  EXPECT_EQ(format_rate(2.25, "epochs"), "2.2 epochs/s");
  EXPECT_EQ(format_rate(4.2e6, "bytes"), "4.2 MB/s");
}

TEST(ProgressFormat, TheLineHasCountPercentRateAndTimeLeft) {
  // 120 of 200 epochs in 3 s: 40 epochs/s, 80 left -> 2 s.
  EXPECT_EQ(progress_text("umap layout", 120, 200, "epochs", 3.0), "umap layout  120 / 200 epochs  60%  40 epochs/s  0:02 left");
  // Done: no time left.
  EXPECT_EQ(progress_text("embedding", 500, 500, "docs", 2.0), "embedding  500 / 500 docs  100%  250 docs/s");
  // Nothing done yet: no rate to tell the time left from.
  EXPECT_EQ(progress_text("embedding", 0, 500, "docs", 0.5), "embedding  0 / 500 docs  0%");
  // No stage name: the count alone (embed has one stage).
  EXPECT_EQ(progress_text("", 20, 20, "docs", 0.5), "20 / 20 docs  100%  40 docs/s");
  // Bytes are shown in MB: 25 of 100 MB in 5 s, 5 MB/s, 15 s left.
  EXPECT_EQ(progress_text("model.safetensors", 25'000'000, 100'000'000, "bytes", 5.0),
            "model.safetensors  25.0 / 100.0 MB  25%  5.0 MB/s  0:15 left");
}

}  // namespace
}  // namespace topica::cli
