// wick._C._optim: the optimizers' update math (wick/optim/functional.h), one
// call per parameter group from wick.optim's step() methods.
#include <optional>
#include <vector>

#include "python/src/bind.h"
#include "wick/optim/functional.h"

namespace wick::python {

namespace {
using OptList = std::vector<std::optional<Tensor>>;
}  // namespace

void init_optim(py::module_& m) {
  py::module_ o = m.def_submodule("_optim", "optimizer update kernels");

  // Returns the momentum buffers (new ones where None was given and momentum != 0).
  o.def("sgd", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                  const OptList& bufs, double lr, double momentum, double dampening,
                  double weight_decay, bool nesterov, bool maximize) {
    std::vector<Tensor> b;
    b.reserve(bufs.size());
    for (const auto& t : bufs) b.push_back(t ? *t : Tensor());
    optim::functional::sgd(params, grads, b, lr, momentum, dampening, weight_decay, nesterov,
                           maximize);
    return b;
  }, arg("params"), arg("grads"), arg("momentum_buffer_list"), py::kw_only(), arg("lr"),
        arg("momentum"), arg("dampening"), arg("weight_decay"), arg("nesterov"),
        arg("maximize"), nogil());

  o.def("adam", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                   const std::vector<Tensor>& exp_avgs, const std::vector<Tensor>& exp_avg_sqs,
                   const std::vector<Tensor>& max_exp_avg_sqs,
                   const std::vector<Tensor>& state_steps, bool amsgrad, double beta1,
                   double beta2, double lr, double weight_decay, double eps, bool maximize,
                   bool decoupled_weight_decay) {
    optim::functional::adam(params, grads, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, state_steps,
                            amsgrad, beta1, beta2, lr, weight_decay, eps, maximize,
                            decoupled_weight_decay);
  }, arg("params"), arg("grads"), arg("exp_avgs"), arg("exp_avg_sqs"), arg("max_exp_avg_sqs"),
        arg("state_steps"), py::kw_only(), arg("amsgrad"), arg("beta1"), arg("beta2"), arg("lr"),
        arg("weight_decay"), arg("eps"), arg("maximize"), arg("decoupled_weight_decay") = false,
        nogil());

  o.def("rmsprop", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                      const std::vector<Tensor>& square_avgs, const std::vector<Tensor>& grad_avgs,
                      const std::vector<Tensor>& momentum_buffer_list,
                      const std::vector<Tensor>& state_steps, double lr, double alpha, double eps,
                      double weight_decay, double momentum, bool centered, bool maximize) {
    optim::functional::rmsprop(params, grads, square_avgs, grad_avgs, momentum_buffer_list,
                               state_steps, lr, alpha, eps, weight_decay, momentum, centered,
                               maximize);
  }, arg("params"), arg("grads"), arg("square_avgs"), arg("grad_avgs"),
        arg("momentum_buffer_list"), arg("state_steps"), py::kw_only(), arg("lr"), arg("alpha"),
        arg("eps"), arg("weight_decay"), arg("momentum"), arg("centered"), arg("maximize"),
        nogil());

  o.def("adagrad", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                      const std::vector<Tensor>& state_sums, const std::vector<Tensor>& state_steps,
                      double lr, double weight_decay, double lr_decay, double eps, bool maximize) {
    optim::functional::adagrad(params, grads, state_sums, state_steps, lr, weight_decay, lr_decay,
                               eps, maximize);
  }, arg("params"), arg("grads"), arg("state_sums"), arg("state_steps"), py::kw_only(),
        arg("lr"), arg("weight_decay"), arg("lr_decay"), arg("eps"), arg("maximize"), nogil());

  o.def("adamax", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                     const std::vector<Tensor>& exp_avgs, const std::vector<Tensor>& exp_infs,
                     const std::vector<Tensor>& state_steps, double eps, double beta1,
                     double beta2, double lr, double weight_decay, bool maximize) {
    optim::functional::adamax(params, grads, exp_avgs, exp_infs, state_steps, eps, beta1, beta2,
                              lr, weight_decay, maximize);
  }, arg("params"), arg("grads"), arg("exp_avgs"), arg("exp_infs"), arg("state_steps"),
        py::kw_only(), arg("eps"), arg("beta1"), arg("beta2"), arg("lr"), arg("weight_decay"),
        arg("maximize"), nogil());

  o.def("adadelta", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                       const std::vector<Tensor>& square_avgs,
                       const std::vector<Tensor>& acc_deltas,
                       const std::vector<Tensor>& state_steps, double lr, double rho, double eps,
                       double weight_decay, bool maximize) {
    optim::functional::adadelta(params, grads, square_avgs, acc_deltas, state_steps, lr, rho, eps,
                                weight_decay, maximize);
  }, arg("params"), arg("grads"), arg("square_avgs"), arg("acc_deltas"), arg("state_steps"),
        py::kw_only(), arg("lr"), arg("rho"), arg("eps"), arg("weight_decay"), arg("maximize"),
        nogil());

  o.def("nadam", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                    const std::vector<Tensor>& exp_avgs, const std::vector<Tensor>& exp_avg_sqs,
                    const std::vector<Tensor>& mu_products,
                    const std::vector<Tensor>& state_steps, double beta1, double beta2, double lr,
                    double weight_decay, double momentum_decay, double eps,
                    bool decoupled_weight_decay, bool maximize) {
    optim::functional::nadam(params, grads, exp_avgs, exp_avg_sqs, mu_products, state_steps,
                             beta1, beta2, lr, weight_decay, momentum_decay, eps,
                             decoupled_weight_decay, maximize);
  }, arg("params"), arg("grads"), arg("exp_avgs"), arg("exp_avg_sqs"), arg("mu_products"),
        arg("state_steps"), py::kw_only(), arg("beta1"), arg("beta2"), arg("lr"),
        arg("weight_decay"), arg("momentum_decay"), arg("eps"), arg("decoupled_weight_decay"),
        arg("maximize"), nogil());

  o.def("radam", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                    const std::vector<Tensor>& exp_avgs, const std::vector<Tensor>& exp_avg_sqs,
                    const std::vector<Tensor>& state_steps, double beta1, double beta2, double lr,
                    double weight_decay, double eps, bool decoupled_weight_decay, bool maximize) {
    optim::functional::radam(params, grads, exp_avgs, exp_avg_sqs, state_steps, beta1, beta2, lr,
                             weight_decay, eps, decoupled_weight_decay, maximize);
  }, arg("params"), arg("grads"), arg("exp_avgs"), arg("exp_avg_sqs"), arg("state_steps"),
        py::kw_only(), arg("beta1"), arg("beta2"), arg("lr"), arg("weight_decay"), arg("eps"),
        arg("decoupled_weight_decay"), arg("maximize"), nogil());

  o.def("rprop", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                    const std::vector<Tensor>& prevs, const std::vector<Tensor>& step_sizes,
                    const std::vector<Tensor>& state_steps, double step_size_min,
                    double step_size_max, double etaminus, double etaplus, bool maximize) {
    optim::functional::rprop(params, grads, prevs, step_sizes, state_steps, step_size_min,
                             step_size_max, etaminus, etaplus, maximize);
  }, arg("params"), arg("grads"), arg("prevs"), arg("step_sizes"), arg("state_steps"),
        py::kw_only(), arg("step_size_min"), arg("step_size_max"), arg("etaminus"),
        arg("etaplus"), arg("maximize"), nogil());

  o.def("asgd", [](const std::vector<Tensor>& params, const std::vector<Tensor>& grads,
                   const std::vector<Tensor>& axs, const std::vector<Tensor>& mus,
                   const std::vector<Tensor>& etas, const std::vector<Tensor>& state_steps,
                   double lambd, double lr, double t0, double alpha, double weight_decay,
                   bool maximize) {
    optim::functional::asgd(params, grads, axs, mus, etas, state_steps, lambd, lr, t0, alpha,
                            weight_decay, maximize);
  }, arg("params"), arg("grads"), arg("axs"), arg("mus"), arg("etas"), arg("state_steps"),
        py::kw_only(), arg("lambd"), arg("lr"), arg("t0"), arg("alpha"), arg("weight_decay"),
        arg("maximize"), nogil());
}

}  // namespace wick::python
