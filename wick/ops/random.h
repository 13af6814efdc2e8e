#pragma once
// Random sampling. Every op draws from the given generator, or the default
// one, under the generator's mutex, and reproduces PyTorch's CPU streams: the
// same seed gives the same numbers as torch 1.13 on CPU (see random.cpp for
// how each distribution turns 32/64-bit Mersenne Twister draws into values).
//
// Each factory comes in two forms, as in LibTorch: f(..., options) and
// f(..., generator, options).
#include <optional>

#include "wick/core/generator.h"
#include "wick/tensor/tensor.h"

namespace wick {

// Uniform on [0, 1). Floating dtypes only.
Tensor rand(IntArrayRef size, const TensorOptions& options = {});
Tensor rand(IntArrayRef size, std::optional<Generator> generator,
            const TensorOptions& options = {});
// Standard normal. Floating dtypes only.
Tensor randn(IntArrayRef size, const TensorOptions& options = {});
Tensor randn(IntArrayRef size, std::optional<Generator> generator,
             const TensorOptions& options = {});
// Integers uniform on [low, high) (low = 0 when omitted); dtype defaults to int64.
Tensor randint(int64_t high, IntArrayRef size, const TensorOptions& options = {});
Tensor randint(int64_t high, IntArrayRef size, std::optional<Generator> generator,
               const TensorOptions& options = {});
Tensor randint(int64_t low, int64_t high, IntArrayRef size, const TensorOptions& options = {});
Tensor randint(int64_t low, int64_t high, IntArrayRef size, std::optional<Generator> generator,
               const TensorOptions& options = {});
// A random permutation of 0..n-1; dtype defaults to int64.
Tensor randperm(int64_t n, const TensorOptions& options = {});
Tensor randperm(int64_t n, std::optional<Generator> generator, const TensorOptions& options = {});

// Normal samples. The scalar form makes a tensor of `size`; the tensor forms
// broadcast mean against std and draw one sample per element.
Tensor normal(double mean, double std, IntArrayRef size,
              std::optional<Generator> generator = std::nullopt,
              const TensorOptions& options = {});
Tensor normal(const Tensor& mean, const Tensor& std,
              std::optional<Generator> generator = std::nullopt);
Tensor normal(const Tensor& mean, double std = 1,
              std::optional<Generator> generator = std::nullopt);
Tensor normal(double mean, const Tensor& std, std::optional<Generator> generator = std::nullopt);

// 0/1 samples with probabilities `p` (a tensor of probabilities, same dtype out).
Tensor bernoulli(const Tensor& p, std::optional<Generator> generator = std::nullopt);
// 0/1 samples shaped like self with one probability p.
Tensor bernoulli(const Tensor& self, double p, std::optional<Generator> generator = std::nullopt);
// Indices sampled from the rows of `probs` (1-d or 2-d, non-negative weights).
Tensor multinomial(const Tensor& probs, int64_t num_samples, bool replacement = false,
                   std::optional<Generator> generator = std::nullopt);

Tensor rand_like(const Tensor& self, const TensorOptions& options = {});
Tensor randn_like(const Tensor& self, const TensorOptions& options = {});
Tensor randint_like(const Tensor& self, int64_t high, const TensorOptions& options = {});
Tensor randint_like(const Tensor& self, int64_t low, int64_t high,
                    const TensorOptions& options = {});

// In-place fills, also reachable as Tensor methods.
Tensor& uniform_(Tensor& self, double from = 0, double to = 1,
                 std::optional<Generator> generator = std::nullopt);
Tensor& normal_(Tensor& self, double mean = 0, double std = 1,
                std::optional<Generator> generator = std::nullopt);
// Integers on [from, to); without `to`, up to the largest integer the dtype
// holds exactly (inclusive). random_(self) is random_(self, 0, nullopt) with
// the 2^digits bound of floating dtypes.
Tensor& random_(Tensor& self, std::optional<Generator> generator = std::nullopt);
Tensor& random_(Tensor& self, int64_t from, std::optional<int64_t> to,
                std::optional<Generator> generator = std::nullopt);
Tensor& bernoulli_(Tensor& self, double p, std::optional<Generator> generator = std::nullopt);
Tensor& bernoulli_(Tensor& self, const Tensor& p,
                   std::optional<Generator> generator = std::nullopt);
Tensor& exponential_(Tensor& self, double lambd = 1,
                     std::optional<Generator> generator = std::nullopt);

// The default generator's state (torch.get_rng_state / torch.set_rng_state):
// a uint8 tensor of 5056 bytes in PyTorch's layout, so states move both ways.
Tensor get_rng_state();
void set_rng_state(const Tensor& state);

// out= forms: `out` is resized to the result's shape and keeps its dtype; the
// draws go straight into it, so the stream is that of the same call with
// dtype=out.dtype().
Tensor& rand_out(Tensor& out, IntArrayRef size, std::optional<Generator> generator = std::nullopt);
Tensor& randn_out(Tensor& out, IntArrayRef size, std::optional<Generator> generator = std::nullopt);
Tensor& randint_out(Tensor& out, int64_t low, int64_t high, IntArrayRef size,
                    std::optional<Generator> generator = std::nullopt);
Tensor& randperm_out(Tensor& out, int64_t n, std::optional<Generator> generator = std::nullopt);
Tensor& normal_out(Tensor& out, const Tensor& mean, const Tensor& std,
                   std::optional<Generator> generator = std::nullopt);
Tensor& bernoulli_out(Tensor& out, const Tensor& p, std::optional<Generator> generator = std::nullopt);
Tensor& multinomial_out(Tensor& out, const Tensor& probs, int64_t num_samples,
                        bool replacement = false, std::optional<Generator> generator = std::nullopt);

}  // namespace wick
