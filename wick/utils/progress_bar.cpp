#include "wick/utils/progress_bar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace wick::utils {

namespace {

constexpr int kBarWidth = 25;

// Eighths of a cell, so the bar grows smoothly (as tqdm's).
const char* const kPartial[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

std::string bar(double fraction) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int eighths = static_cast<int>(fraction * kBarWidth * 8);
  const int full = eighths / 8, part = eighths % 8;
  std::string s;
  for (int i = 0; i < full; ++i) s += "█";
  int used = full;
  if (part > 0) {
    s += kPartial[part];
    ++used;
  }
  s.append(static_cast<size_t>(kBarWidth - used), ' ');
  return s;
}

std::string rate_text(int64_t count, double seconds) {
  char buf[64];
  if (count <= 0 || seconds <= 0) return "?it/s";
  const double rate = static_cast<double>(count) / seconds;
  if (rate < 1.0)
    std::snprintf(buf, sizeof buf, "%.2fs/it", 1.0 / rate);
  else
    std::snprintf(buf, sizeof buf, "%.2fit/s", rate);
  return buf;
}

}  // namespace

ProgressBar::ProgressBar(int64_t total, std::string desc, std::ostream* out, double min_interval)
    : total_(total), desc_(std::move(desc)), out_(out), min_interval_(min_interval),
      start_(std::chrono::steady_clock::now()) {
  draw(false);
}

ProgressBar::~ProgressBar() { close(); }

double ProgressBar::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressBar::update(int64_t n) {
  count_ += n;
  draw(false);
}

void ProgressBar::set_postfix(const std::string& key, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", value);
  set_postfix(key, std::string(buf));
}

void ProgressBar::set_postfix(const std::string& key, const std::string& value) {
  for (auto& kv : postfix_) {
    if (kv.first == key) {
      kv.second = value;
      return;
    }
  }
  postfix_.emplace_back(key, value);
}

void ProgressBar::close() {
  if (closed_) return;
  closed_ = true;
  draw(true);
}

std::string ProgressBar::format_time(double seconds) {
  const int64_t s = static_cast<int64_t>(std::max(0.0, seconds));
  char buf[48];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  return buf;
}

std::string ProgressBar::render(double t) const {
  std::string line = desc_.empty() ? "" : desc_ + ": ";
  std::string times = format_time(t);
  if (total_ > 0) {
    const double fraction = static_cast<double>(count_) / static_cast<double>(total_);
    char pct[16];
    std::snprintf(pct, sizeof pct, "%3.0f%%", fraction * 100.0);  // rounded, as tqdm
    line += std::string(pct) + "|" + bar(fraction) + "| " + std::to_string(count_) + "/" +
            std::to_string(total_);
    const bool known = count_ > 0 && t > 0;
    const double left = static_cast<double>(std::max<int64_t>(total_ - count_, 0));
    times += '<';
    times += known ? format_time(t / static_cast<double>(count_) * left) : std::string("?");
  } else {
    line += std::to_string(count_) + "it";
  }
  line += " [" + times + ", " + rate_text(count_, t);
  for (const auto& kv : postfix_) line += ", " + kv.first + "=" + kv.second;
  return line + "]";
}

void ProgressBar::draw(bool final) {
  if (out_ == nullptr) return;
  const double t = elapsed();
  if (!final && last_draw_ >= 0 && t - last_draw_ < min_interval_ &&
      !(total_ > 0 && count_ >= total_))
    return;
  last_draw_ = t;
  *out_ << '\r' << render(t);
  if (final) *out_ << '\n';
  out_->flush();
}

}  // namespace wick::utils
