#include "wick/autograd/grad_mode.h"

#include <atomic>

namespace wick::autograd {

namespace {
thread_local bool grad_enabled = true;
thread_local bool inference_enabled = false;
// Anomaly mode is process-wide in PyTorch too.
std::atomic<bool> anomaly_enabled{false};
}  // namespace

bool GradMode::is_enabled() { return grad_enabled; }
void GradMode::set_enabled(bool enabled) { grad_enabled = enabled; }

InferenceMode::InferenceMode(bool enabled)
    : prev_grad_(grad_enabled), prev_inference_(inference_enabled) {
  if (enabled) grad_enabled = false;
  inference_enabled = enabled;
}
InferenceMode::~InferenceMode() {
  grad_enabled = prev_grad_;
  inference_enabled = prev_inference_;
}
bool InferenceMode::is_enabled() { return inference_enabled; }

bool AnomalyMode::is_enabled() { return anomaly_enabled.load(std::memory_order_relaxed); }
void AnomalyMode::set_enabled(bool enabled) { anomaly_enabled.store(enabled); }

}  // namespace wick::autograd
