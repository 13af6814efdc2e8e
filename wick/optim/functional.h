#pragma once
// wick::optim::functional: the update math of every optimizer, written once and
// shared by the C++ optimizers (wick/optim/*.h) and the Python ones
// (wick.optim, through wick._C._optim). One call updates every parameter of a
// parameter group: a loop over the tensors, each update one fused pass over
// contiguous data (parallel_for for big tensors). The per-element operation
// order follows PyTorch's single-tensor (foreach=False) implementation, so
// trajectories agree to float rounding.
//
// All calls run without autograd recording, update params and state in place
// (bumping their version counters) and require every list to hold one entry
// per parameter (state entries of the same size and dtype as the parameter).
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick::optim::functional {

// SGD. momentum_buffers holds one entry per parameter; an undefined entry is
// created (as the first step's d_p, as PyTorch) when momentum != 0.
void sgd(TensorList params, TensorList grads, std::vector<Tensor>& momentum_buffers, double lr,
         double momentum, double dampening, double weight_decay, bool nesterov, bool maximize);

// Adam, and AdamW when decoupled_weight_decay. state_steps are one-element
// floating tensors (PyTorch 2.x keeps 'step' as a float32 scalar tensor), each
// incremented before its update; max_exp_avg_sqs is used only when amsgrad.
void adam(TensorList params, TensorList grads, TensorList exp_avgs, TensorList exp_avg_sqs,
          TensorList max_exp_avg_sqs, TensorList state_steps, bool amsgrad, double beta1,
          double beta2, double lr, double weight_decay, double eps, bool maximize,
          bool decoupled_weight_decay = false);

// RMSprop: grad_avgs used when centered, momentum_buffer_list when momentum > 0.
void rmsprop(TensorList params, TensorList grads, TensorList square_avgs, TensorList grad_avgs,
             TensorList momentum_buffer_list, TensorList state_steps, double lr, double alpha,
             double eps, double weight_decay, double momentum, bool centered, bool maximize);

// Adagrad: state_sums start at initial_accumulator_value (the caller creates them).
void adagrad(TensorList params, TensorList grads, TensorList state_sums, TensorList state_steps,
             double lr, double weight_decay, double lr_decay, double eps, bool maximize);

// Adamax (Adam with the infinity norm).
void adamax(TensorList params, TensorList grads, TensorList exp_avgs, TensorList exp_infs,
            TensorList state_steps, double eps, double beta1, double beta2, double lr,
            double weight_decay, bool maximize);

// Adadelta.
void adadelta(TensorList params, TensorList grads, TensorList square_avgs, TensorList acc_deltas,
              TensorList state_steps, double lr, double rho, double eps, double weight_decay,
              bool maximize);

// NAdam; mu_products are one-element tensors (float32 in PyTorch) multiplied
// in place by each step's mu.
void nadam(TensorList params, TensorList grads, TensorList exp_avgs, TensorList exp_avg_sqs,
           TensorList mu_products, TensorList state_steps, double beta1, double beta2, double lr,
           double weight_decay, double momentum_decay, double eps, bool decoupled_weight_decay,
           bool maximize);

// RAdam (rectified Adam).
void radam(TensorList params, TensorList grads, TensorList exp_avgs, TensorList exp_avg_sqs,
           TensorList state_steps, double beta1, double beta2, double lr, double weight_decay,
           double eps, bool decoupled_weight_decay, bool maximize);

// Rprop (resilient backpropagation); step_sizes start at lr (the caller creates them).
void rprop(TensorList params, TensorList grads, TensorList prevs, TensorList step_sizes,
           TensorList state_steps, double step_size_min, double step_size_max, double etaminus,
           double etaplus, bool maximize);

// ASGD (averaged SGD); etas and mus are one-element state tensors updated after each step.
void asgd(TensorList params, TensorList grads, TensorList axs, TensorList mus, TensorList etas,
          TensorList state_steps, double lambd, double lr, double t0, double alpha,
          double weight_decay, bool maximize);

}  // namespace wick::optim::functional
