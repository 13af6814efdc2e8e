#pragma once
// wick::utils::ProgressBar: a tqdm-style progress line for long loops in C++
// (count, percentage and bar when the total is known, elapsed time, ETA, rate and
// a postfix such as the running loss):
//
//   epoch 1: 45%|███████████▎             | 423/938 [00:02<00:03, 151.07it/s, loss=0.5123]
//
// The line is redrawn in place ('\r') at most every min_interval seconds, and once
// more with a newline by close() (or the destructor).
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace wick::utils {

class ProgressBar {
 public:
  // total <= 0: unknown length (no percentage, bar or ETA). out: where to draw
  // (nullptr draws nothing; render() still works).
  explicit ProgressBar(int64_t total, std::string desc = "", std::ostream* out = nullptr,
                       double min_interval = 0.1);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(int64_t n = 1);
  // Shown after the rate as ", key=value" in insertion order; numbers print with 4
  // significant digits. Setting a key again replaces its value in place.
  void set_postfix(const std::string& key, double value);
  void set_postfix(const std::string& key, const std::string& value);
  void set_description(std::string desc) { desc_ = std::move(desc); }
  void close();

  int64_t count() const { return count_; }
  int64_t total() const { return total_; }
  double elapsed() const;
  // The line as it reads after `elapsed_seconds` (tests pass a fixed time).
  std::string render(double elapsed_seconds) const;
  std::string render() const { return render(elapsed()); }

  // "mm:ss", or "h:mm:ss" from one hour on.
  static std::string format_time(double seconds);

 private:
  void draw(bool final);

  int64_t total_;
  int64_t count_ = 0;
  std::string desc_;
  std::ostream* out_;
  double min_interval_;
  std::chrono::steady_clock::time_point start_;
  double last_draw_ = -1.0;
  bool closed_ = false;
  std::vector<std::pair<std::string, std::string>> postfix_;
};

}  // namespace wick::utils
