#pragma once
// Gradient clipping (LibTorch's torch::nn::utils::clip_grad_norm_ / _value_).
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick::nn::utils {

// Scales the gradients so their joint norm is at most max_norm; returns the
// norm before clipping. norm_type may be INFINITY. Parameters without a
// gradient are skipped.
double clip_grad_norm_(const std::vector<Tensor>& parameters, double max_norm,
                       double norm_type = 2.0, bool error_if_nonfinite = false);
double clip_grad_norm_(const Tensor& parameter, double max_norm, double norm_type = 2.0,
                       bool error_if_nonfinite = false);

// Clamps every gradient element into [-clip_value, clip_value].
void clip_grad_value_(const std::vector<Tensor>& parameters, double clip_value);
void clip_grad_value_(const Tensor& parameter, double clip_value);

// All parameters flattened into one vector, and back.
Tensor parameters_to_vector(const std::vector<Tensor>& parameters);
void vector_to_parameters(const Tensor& vec, const std::vector<Tensor>& parameters);

}  // namespace wick::nn::utils
