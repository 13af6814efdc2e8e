// wick.nn.functional: pooling, padding, resampling.
#include <optional>
#include <tuple>

#include <pybind11/stl.h>

#include "python/src/bind.h"
#include "python/src/init.h"
#include "wick/ops/nn_extra.h"
#include "wick/ops/pool.h"

namespace wick::python {

namespace {

IntArrayRef opt(const std::optional<IntList>& v) {
  return v ? IntArrayRef(v->values) : IntArrayRef();
}

py::tuple pair(const std::tuple<Tensor, Tensor>& t) {
  py::tuple out(2);
  out[0] = py::reinterpret_steal<py::object>(wrap(std::get<0>(t)));
  out[1] = py::reinterpret_steal<py::object>(wrap(std::get<1>(t)));
  return out;
}

using MaxFn = std::tuple<Tensor, Tensor> (*)(const Tensor&, IntArrayRef, IntArrayRef, IntArrayRef,
                                             IntArrayRef, bool);
using MaxValuesFn = Tensor (*)(const Tensor&, IntArrayRef, IntArrayRef, IntArrayRef, IntArrayRef, bool);

// F.max_poolNd(input, kernel_size, stride=None, padding=0, dilation=1,
// ceil_mode=False, return_indices=False), F.max_poolNd_with_indices and
// torch.max_poolNd (stride=(), no return_indices). Without return_indices the
// values-only function P runs, which skips the indices when no gradient needs them.
template <MaxFn F, MaxValuesFn P>
void bind_max(py::module_& m, py::module_& nn, const char* name, const char* with_indices,
              bool torch_with_indices) {
  auto f = [](const Tensor& x, const IntList& k, const std::optional<IntList>& s,
              const IntList& p, const IntList& d, bool ceil, bool ret) -> py::object {
    if (!ret) {
      Tensor values;
      {
        py::gil_scoped_release g;
        values = P(x, k, opt(s), p, d, ceil);
      }
      return py::reinterpret_steal<py::object>(wrap(values));
    }
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = F(x, k, opt(s), p, d, ceil);
    }
    return pair(r);
  };
  auto fi = [](const Tensor& x, const IntList& k, const std::optional<IntList>& s,
               const IntList& p, const IntList& d, bool ceil, bool) {
    std::tuple<Tensor, Tensor> r;
    {
      py::gil_scoped_release g;
      r = F(x, k, opt(s), p, d, ceil);
    }
    return pair(r);
  };
  nn.def(name, f, arg("input"), arg("kernel_size"), arg("stride") = py::none(),
         arg("padding") = 0, arg("dilation") = 1, arg("ceil_mode") = false,
         arg("return_indices") = false);
  nn.def(with_indices, fi, arg("input"), arg("kernel_size"), arg("stride") = py::none(),
         arg("padding") = 0, arg("dilation") = 1, arg("ceil_mode") = false,
         arg("return_indices") = false);
  m.def(
      name,
      [](const Tensor& x, const IntList& k, const std::optional<IntList>& s, const IntList& p,
         const IntList& d, bool ceil) { return P(x, k, opt(s), p, d, ceil); },
      arg("input"), arg("kernel_size"), arg("stride") = py::tuple(), arg("padding") = 0,
      arg("dilation") = 1, arg("ceil_mode") = false, nogil());
  if (torch_with_indices)
    m.def(
        with_indices,
        [](const Tensor& x, const IntList& k, const std::optional<IntList>& s, const IntList& p,
           const IntList& d, bool ceil) {
          std::tuple<Tensor, Tensor> r;
          {
            py::gil_scoped_release g;
            r = F(x, k, opt(s), p, d, ceil);
          }
          return pair(r);
        },
        arg("input"), arg("kernel_size"), arg("stride") = py::tuple(), arg("padding") = 0,
        arg("dilation") = 1, arg("ceil_mode") = false);
}

using AdaptiveMaxFn = std::tuple<Tensor, Tensor> (*)(const Tensor&, IntArrayRef);

template <AdaptiveMaxFn F>
void bind_adaptive_max(py::module_& m, py::module_& nn, const char* name,
                       const char* with_indices, bool torch_level) {
  nn.def(
      name,
      [](const Tensor& x, const IntList& os, bool ret) -> py::object {
        std::tuple<Tensor, Tensor> r;
        {
          py::gil_scoped_release g;
          r = F(x, os);
        }
        if (ret) return pair(r);
        return py::reinterpret_steal<py::object>(wrap(std::get<0>(r)));
      },
      arg("input"), arg("output_size"), arg("return_indices") = false);
  nn.def(
      with_indices,
      [](const Tensor& x, const IntList& os, bool) {
        std::tuple<Tensor, Tensor> r;
        {
          py::gil_scoped_release g;
          r = F(x, os);
        }
        return pair(r);
      },
      arg("input"), arg("output_size"), arg("return_indices") = false);
  if (torch_level)
    m.def(
        name,
        [](const Tensor& x, const IntList& os) {
          std::tuple<Tensor, Tensor> r;
          {
            py::gil_scoped_release g;
            r = F(x, os);
          }
          return pair(r);
        },
        arg("input"), arg("output_size"));
}

// PyTorch's adaptive pools take None entries in output_size: keep that size.
DimVector adaptive_size(const Tensor& x, const py::object& os, int nd) {
  DimVector out;
  if (py::isinstance<py::int_>(os)) return DimVector(nd, os.cast<int64_t>());
  for (py::handle h : os) {
    if (h.is_none()) {
      int64_t i = static_cast<int64_t>(out.size());
      out.push_back(x.size(x.dim() - nd + i));
    } else {
      out.push_back(h.cast<int64_t>());
    }
  }
  return out;
}

}  // namespace

void init_nn_pool(py::module_& m) {
  py::module_ nn = nn_module(m);

  bind_max<max_pool1d_with_indices, max_pool1d>(m, nn, "max_pool1d", "max_pool1d_with_indices", true);
  bind_max<max_pool2d_with_indices, max_pool2d>(m, nn, "max_pool2d", "max_pool2d_with_indices", false);
  bind_max<max_pool3d_with_indices, max_pool3d>(m, nn, "max_pool3d", "max_pool3d_with_indices", false);

  // avg pools
  auto avg1 = [](const Tensor& x, const IntList& k, const std::optional<IntList>& s,
                 const IntList& p, bool ceil, bool cip) {
    return avg_pool1d(x, k, opt(s), p, ceil, cip);
  };
  nn.def("avg_pool1d", avg1, arg("input"), arg("kernel_size"), arg("stride") = py::none(),
         arg("padding") = 0, arg("ceil_mode") = false, arg("count_include_pad") = true, nogil());
  m.def("avg_pool1d", avg1, arg("input"), arg("kernel_size"), arg("stride") = py::tuple(),
        arg("padding") = 0, arg("ceil_mode") = false, arg("count_include_pad") = true, nogil());
  nn.def(
      "avg_pool2d",
      [](const Tensor& x, const IntList& k, const std::optional<IntList>& s, const IntList& p,
         bool ceil, bool cip, std::optional<int64_t> div) {
        return avg_pool2d(x, k, opt(s), p, ceil, cip, div);
      },
      arg("input"), arg("kernel_size"), arg("stride") = py::none(), arg("padding") = 0,
      arg("ceil_mode") = false, arg("count_include_pad") = true,
      arg("divisor_override") = py::none(), nogil());
  nn.def(
      "avg_pool3d",
      [](const Tensor& x, const IntList& k, const std::optional<IntList>& s, const IntList& p,
         bool ceil, bool cip, std::optional<int64_t> div) {
        return avg_pool3d(x, k, opt(s), p, ceil, cip, div);
      },
      arg("input"), arg("kernel_size"), arg("stride") = py::none(), arg("padding") = 0,
      arg("ceil_mode") = false, arg("count_include_pad") = true,
      arg("divisor_override") = py::none(), nogil());

  // adaptive pools
  nn.def(
      "adaptive_avg_pool1d",
      [](const Tensor& x, const IntList& os) { return adaptive_avg_pool1d(x, os); },
      arg("input"), arg("output_size"), nogil());
  m.def(
      "adaptive_avg_pool1d",
      [](const Tensor& x, const IntList& os) { return adaptive_avg_pool1d(x, os); },
      arg("input"), arg("output_size"), nogil());
  nn.def(
      "adaptive_avg_pool2d",
      [](const Tensor& x, const py::object& os) {
        DimVector s = adaptive_size(x, os, 2);
        py::gil_scoped_release g;
        return adaptive_avg_pool2d(x, s);
      },
      arg("input"), arg("output_size"));
  nn.def(
      "adaptive_avg_pool3d",
      [](const Tensor& x, const py::object& os) {
        DimVector s = adaptive_size(x, os, 3);
        py::gil_scoped_release g;
        return adaptive_avg_pool3d(x, s);
      },
      arg("input"), arg("output_size"));
  bind_adaptive_max<adaptive_max_pool1d>(m, nn, "adaptive_max_pool1d",
                                         "adaptive_max_pool1d_with_indices", true);
  nn.def(
      "adaptive_max_pool2d",
      [](const Tensor& x, const py::object& os, bool ret) -> py::object {
        DimVector s = adaptive_size(x, os, 2);
        std::tuple<Tensor, Tensor> r;
        {
          py::gil_scoped_release g;
          r = adaptive_max_pool2d(x, s);
        }
        if (ret) return pair(r);
        return py::reinterpret_steal<py::object>(wrap(std::get<0>(r)));
      },
      arg("input"), arg("output_size"), arg("return_indices") = false);
  nn.def(
      "adaptive_max_pool2d_with_indices",
      [](const Tensor& x, const py::object& os, bool) {
        DimVector s = adaptive_size(x, os, 2);
        return pair(adaptive_max_pool2d(x, s));
      },
      arg("input"), arg("output_size"), arg("return_indices") = false);
  nn.def(
      "adaptive_max_pool3d",
      [](const Tensor& x, const py::object& os, bool ret) -> py::object {
        DimVector s = adaptive_size(x, os, 3);
        std::tuple<Tensor, Tensor> r;
        {
          py::gil_scoped_release g;
          r = adaptive_max_pool3d(x, s);
        }
        if (ret) return pair(r);
        return py::reinterpret_steal<py::object>(wrap(std::get<0>(r)));
      },
      arg("input"), arg("output_size"), arg("return_indices") = false);
  nn.def(
      "adaptive_max_pool3d_with_indices",
      [](const Tensor& x, const py::object& os, bool) {
        DimVector s = adaptive_size(x, os, 3);
        return pair(adaptive_max_pool3d(x, s));
      },
      arg("input"), arg("output_size"), arg("return_indices") = false);

  // unpool
  nn.def(
      "max_unpool1d",
      [](const Tensor& x, const Tensor& i, const IntList& k, const std::optional<IntList>& s,
         const IntList& p, const std::optional<IntList>& os) {
        return max_unpool1d(x, i, k, opt(s), p, opt(os));
      },
      arg("input"), arg("indices"), arg("kernel_size"), arg("stride") = py::none(),
      arg("padding") = 0, arg("output_size") = py::none(), nogil());
  nn.def(
      "max_unpool2d",
      [](const Tensor& x, const Tensor& i, const IntList& k, const std::optional<IntList>& s,
         const IntList& p, const std::optional<IntList>& os) {
        return max_unpool2d(x, i, k, opt(s), p, opt(os));
      },
      arg("input"), arg("indices"), arg("kernel_size"), arg("stride") = py::none(),
      arg("padding") = 0, arg("output_size") = py::none(), nogil());
  nn.def(
      "max_unpool3d",
      [](const Tensor& x, const Tensor& i, const IntList& k, const std::optional<IntList>& s,
         const IntList& p, const std::optional<IntList>& os) {
        return max_unpool3d(x, i, k, opt(s), p, opt(os));
      },
      arg("input"), arg("indices"), arg("kernel_size"), arg("stride") = py::none(),
      arg("padding") = 0, arg("output_size") = py::none(), nogil());

  // Lp pools
  nn.def(
      "lp_pool1d",
      [](const Tensor& x, double p, const IntList& k, const std::optional<IntList>& s,
         bool ceil) { return lp_pool1d(x, p, k, opt(s), ceil); },
      arg("input"), arg("norm_type"), arg("kernel_size"), arg("stride") = py::none(),
      arg("ceil_mode") = false, nogil());
  nn.def(
      "lp_pool2d",
      [](const Tensor& x, double p, const IntList& k, const std::optional<IntList>& s,
         bool ceil) { return lp_pool2d(x, p, k, opt(s), ceil); },
      arg("input"), arg("norm_type"), arg("kernel_size"), arg("stride") = py::none(),
      arg("ceil_mode") = false, nogil());

  // padding
  nn.def(
      "pad",
      [](const Tensor& x, const IntList& p, const std::string& mode, std::optional<double> v) {
        return pad(x, p, mode, v);
      },
      arg("input"), arg("pad"), arg("mode") = "constant", arg("value") = py::none(), nogil());
  m.def(
      "constant_pad_nd",
      [](const Tensor& x, const IntList& p, const Scalar& v) { return constant_pad_nd(x, p, v); },
      arg("input"), arg("pad"), arg("value") = 0, nogil());

  // shuffles
  auto ps = [](const Tensor& x, int64_t r) { return pixel_shuffle(x, r); };
  auto pu = [](const Tensor& x, int64_t r) { return pixel_unshuffle(x, r); };
  auto cs = [](const Tensor& x, int64_t g) { return channel_shuffle(x, g); };
  nn.def("pixel_shuffle", ps, arg("input"), arg("upscale_factor"), nogil());
  m.def("pixel_shuffle", ps, arg("input"), arg("upscale_factor"), nogil());
  nn.def("pixel_unshuffle", pu, arg("input"), arg("downscale_factor"), nogil());
  m.def("pixel_unshuffle", pu, arg("input"), arg("downscale_factor"), nogil());
  nn.def("channel_shuffle", cs, arg("input"), arg("groups"), nogil());
  m.def("channel_shuffle", cs, arg("input"), arg("groups"), nogil());
  // resampling: (input, output_size, [align_corners,] scale_factors) as torch._C._nn has them
  auto sizes = [](const std::optional<IntList>& os) { return opt(os).vec(); };
  auto scl = [](const std::optional<std::vector<double>>& s) {
    return s ? *s : std::vector<double>();
  };
  const char* nearest[3] = {"upsample_nearest1d", "upsample_nearest2d", "upsample_nearest3d"};
  const char* exact[3] = {"_upsample_nearest_exact1d", "_upsample_nearest_exact2d",
                          "_upsample_nearest_exact3d"};
  const char* linear[3] = {"upsample_linear1d", "upsample_bilinear2d", "upsample_trilinear3d"};
  for (int nd = 1; nd <= 3; ++nd) {
    nn.def(
        nearest[nd - 1],
        [nd, sizes, scl](const Tensor& x, const std::optional<IntList>& os,
                         const std::optional<std::vector<double>>& s) {
          return upsample_nearest_nd(x, nd, sizes(os), scl(s), false);
        },
        arg("input"), arg("output_size"), arg("scale_factors") = py::none(), nogil());
    nn.def(
        exact[nd - 1],
        [nd, sizes, scl](const Tensor& x, const std::optional<IntList>& os,
                         const std::optional<std::vector<double>>& s) {
          return upsample_nearest_nd(x, nd, sizes(os), scl(s), true);
        },
        arg("input"), arg("output_size"), arg("scale_factors") = py::none(), nogil());
    nn.def(
        linear[nd - 1],
        [nd, sizes, scl](const Tensor& x, const std::optional<IntList>& os, bool align,
                         const std::optional<std::vector<double>>& s) {
          return upsample_linear_nd(x, nd, sizes(os), align, scl(s));
        },
        arg("input"), arg("output_size"), arg("align_corners"), arg("scale_factors") = py::none(),
        nogil());
  }
  nn.def(
      "upsample_bicubic2d",
      [sizes, scl](const Tensor& x, const std::optional<IntList>& os, bool align,
                   const std::optional<std::vector<double>>& s) {
        return upsample_bicubic2d(x, sizes(os), align, scl(s));
      },
      arg("input"), arg("output_size"), arg("align_corners"), arg("scale_factors") = py::none(),
      nogil());
  // interpolate(antialias=True): torch._C._nn._upsample_{bilinear,bicubic}2d_aa
  using AaFn = Tensor (*)(const Tensor&, IntArrayRef, bool, const std::vector<double>&);
  const std::pair<const char*, AaFn> aa[] = {{"_upsample_bilinear2d_aa", &_upsample_bilinear2d_aa},
                                             {"_upsample_bicubic2d_aa", &_upsample_bicubic2d_aa}};
  for (const auto& [name, f] : aa)
    nn.def(
        name,
        [f = f, sizes, scl](const Tensor& x, const std::optional<IntList>& os, bool align,
                            const std::optional<std::vector<double>>& s) {
          return f(x, sizes(os), align, scl(s));
        },
        arg("input"), arg("output_size"), arg("align_corners"),
        arg("scale_factors") = py::none(), nogil());
  // torch.norm_except_dim, torch._weight_norm, torch._weight_norm_interface
  // (nn.utils.weight_norm's op).
  m.def(
      "norm_except_dim",
      [](const Tensor& v, int64_t pow, int64_t dim) { return norm_except_dim(v, pow, dim); },
      arg("v"), arg("pow") = 2, arg("dim") = 0, nogil());
  m.def(
      "_weight_norm",
      [](const Tensor& v, const Tensor& g, int64_t dim) { return _weight_norm(v, g, dim); },
      arg("v"), arg("g"), arg("dim") = 0, nogil());
  m.def(
      "_weight_norm_interface",
      [](const Tensor& v, const Tensor& g, int64_t dim) {
        return pair(_weight_norm_interface(v, g, dim));
      },
      arg("v"), arg("g"), arg("dim") = 0);
  nn.def("native_channel_shuffle", cs, arg("input"), arg("groups"), nogil());
  m.def("native_channel_shuffle", cs, arg("input"), arg("groups"), nogil());

  // torch.grid_sampler* and torch.affine_grid_generator (F.grid_sample /
  // F.affine_grid check their arguments in Python, as PyTorch's do).
  using GS = Tensor (*)(const Tensor&, const Tensor&, int64_t, int64_t, bool);
  const std::pair<const char*, GS> samplers[] = {{"grid_sampler", &grid_sampler},
                                                 {"grid_sampler_2d", &grid_sampler_2d},
                                                 {"grid_sampler_3d", &grid_sampler_3d}};
  for (const auto& [name, f] : samplers)
    m.def(name, f, arg("input"), arg("grid"), arg("interpolation_mode"), arg("padding_mode"),
          arg("align_corners"), nogil());
  m.def(
      "affine_grid_generator",
      [](const Tensor& theta, const IntList& size, bool align) {
        return affine_grid_generator(theta, size, align);
      },
      arg("theta"), arg("size"), arg("align_corners"), nogil());
}

}  // namespace wick::python
