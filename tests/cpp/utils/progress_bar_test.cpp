// wick::utils::ProgressBar: the tqdm-style line at fixed times, and when it redraws.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "wick/utils/progress_bar.h"

using wick::utils::ProgressBar;

TEST(ProgressBar, LineWithTotalRateEtaAndPostfix) {
  ProgressBar bar(938, "epoch 1");
  bar.update(423);
  bar.set_postfix("loss", 0.51234);
  EXPECT_EQ(bar.render(2.8),
            "epoch 1:  45%|███████████▎             | 423/938 [00:02<00:03, 151.07it/s, loss=0.5123]");
  bar.set_postfix("loss", 0.25);  // replaced in place, not appended
  bar.set_postfix("acc", "0.9");
  EXPECT_EQ(bar.render(2.8),
            "epoch 1:  45%|███████████▎             | 423/938 [00:02<00:03, 151.07it/s, loss=0.25, acc=0.9]");
}

TEST(ProgressBar, StartAndEnd) {
  ProgressBar bar(10);
  EXPECT_EQ(bar.render(0.0), "  0%|                         | 0/10 [00:00<?, ?it/s]");
  bar.update(10);
  EXPECT_EQ(bar.render(5.0), "100%|█████████████████████████| 10/10 [00:05<00:00, 2.00it/s]");
  EXPECT_EQ(bar.count(), 10);
}

TEST(ProgressBar, UnknownTotalAndSlowRate) {
  ProgressBar bar(0, "stream");
  bar.update(7);
  EXPECT_EQ(bar.render(14.0), "stream: 7it [00:14, 2.00s/it]");
}

TEST(ProgressBar, FormatTime) {
  EXPECT_EQ(ProgressBar::format_time(0), "00:00");
  EXPECT_EQ(ProgressBar::format_time(59.9), "00:59");
  EXPECT_EQ(ProgressBar::format_time(3599), "59:59");
  EXPECT_EQ(ProgressBar::format_time(3725), "1:02:05");
  EXPECT_EQ(ProgressBar::format_time(-3), "00:00");
}

TEST(ProgressBar, RedrawsAreThrottledButTheEndIsAlwaysShown) {
  std::ostringstream out;
  {
    ProgressBar bar(10, "", &out, /*min_interval=*/1000.0);
    for (int i = 0; i < 5; ++i) bar.update();  // within the interval: no redraw
    auto draws = [&] { const std::string s = out.str(); return std::count(s.begin(), s.end(), '\r'); };
    EXPECT_EQ(draws(), 1);
    bar.update(5);  // reaching the total redraws at once
    EXPECT_EQ(draws(), 2);
  }  // the destructor closes: one last line and a newline
  const std::string s = out.str();
  EXPECT_EQ(std::count(s.begin(), s.end(), '\r'), 3);
  EXPECT_NE(s.rfind("100%|█████████████████████████| 10/10 [00:00<00:00, "), std::string::npos);
  EXPECT_EQ(s.back(), '\n');
  EXPECT_EQ(s[s.size() - 2], ']');
}

TEST(ProgressBar, NoStreamDrawsNothingButRenders) {
  ProgressBar bar(4, "quiet", nullptr);
  bar.update(2);
  bar.close();
  bar.close();  // closing twice is harmless
  EXPECT_EQ(bar.render(1.0), "quiet:  50%|████████████▌            | 2/4 [00:01<00:01, 2.00it/s]");
}
