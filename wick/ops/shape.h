#pragma once
// Shape ops. Views (view, permute, expand, slice, ...) share storage and the
// version counter with their input and are built only with make_view; the
// joining and repeating ops (cat, stack, repeat, flip, roll, ...) copy into a
// new tensor. Semantics, result strides and error messages follow PyTorch.
#include <optional>
#include <string>
#include <vector>

#include "wick/tensor/tensor.h"

namespace wick {

// ---- views ------------------------------------------------------------------
// One entry of `shape` may be -1: it is inferred from numel.
DimVector infer_view_size(IntArrayRef shape, int64_t numel);
// Strides that let (old sizes, old strides) be viewed as `new_sizes` without
// copying, or nullopt when no such strides exist.
std::optional<DimVector> compute_view_strides(IntArrayRef old_sizes, IntArrayRef old_strides,
                                              IntArrayRef new_sizes);

Tensor view(const Tensor& self, IntArrayRef size);
// Reinterprets the bytes as another dtype; for a different element size the
// last dim must have stride 1 and is rescaled.
Tensor view(const Tensor& self, ScalarType dtype);
Tensor view_as(const Tensor& self, const Tensor& other);
// A view with self's sizes and strides (ATen's alias; grad_fn AliasBackward0).
Tensor alias(const Tensor& self);
// A view when view() would succeed, otherwise a contiguous copy.
Tensor reshape(const Tensor& self, IntArrayRef shape);
Tensor reshape_as(const Tensor& self, const Tensor& other);
Tensor permute(const Tensor& self, IntArrayRef dims);
Tensor transpose(const Tensor& self, int64_t dim0, int64_t dim1);
Tensor& transpose_(Tensor& self, int64_t dim0, int64_t dim1);
Tensor t(const Tensor& self);
Tensor& t_(Tensor& self);
// Transpose of the last two dims (Tensor.mT / mH; mH equals mT for real dtypes).
Tensor matrix_transpose(const Tensor& self);
Tensor adjoint(const Tensor& self);
// All dims reversed (Tensor.T).
Tensor numpy_T(const Tensor& self);
Tensor expand(const Tensor& self, IntArrayRef size, bool implicit = false);
Tensor expand_as(const Tensor& self, const Tensor& other);
Tensor squeeze(const Tensor& self);
Tensor squeeze(const Tensor& self, int64_t dim);
Tensor squeeze(const Tensor& self, IntArrayRef dims);
Tensor& squeeze_(Tensor& self);
Tensor& squeeze_(Tensor& self, int64_t dim);
Tensor unsqueeze(const Tensor& self, int64_t dim);
Tensor& unsqueeze_(Tensor& self, int64_t dim);
Tensor flatten(const Tensor& self, int64_t start_dim = 0, int64_t end_dim = -1);
Tensor unflatten(const Tensor& self, int64_t dim, IntArrayRef sizes);
Tensor ravel(const Tensor& self);
Tensor narrow(const Tensor& self, int64_t dim, int64_t start, int64_t length);
Tensor narrow_copy(const Tensor& self, int64_t dim, int64_t start, int64_t length);
Tensor select(const Tensor& self, int64_t dim, int64_t index);
// Python slicing self[..., start:end:step, ...]: bounds are clamped, step > 0.
Tensor slice(const Tensor& self, int64_t dim = 0, std::optional<int64_t> start = std::nullopt,
             std::optional<int64_t> end = std::nullopt, int64_t step = 1);
std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim = 0);
std::vector<Tensor> tensor_split(const Tensor& self, int64_t sections, int64_t dim = 0);
std::vector<Tensor> tensor_split(const Tensor& self, IntArrayRef indices, int64_t dim = 0);
std::vector<Tensor> split(const Tensor& self, int64_t split_size, int64_t dim = 0);
std::vector<Tensor> split(const Tensor& self, IntArrayRef split_sizes, int64_t dim = 0);
std::vector<Tensor> split_with_sizes(const Tensor& self, IntArrayRef split_sizes,
                                     int64_t dim = 0);
std::vector<Tensor> unbind(const Tensor& self, int64_t dim = 0);
Tensor diagonal(const Tensor& self, int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1);
Tensor movedim(const Tensor& self, IntArrayRef source, IntArrayRef destination);
Tensor movedim(const Tensor& self, int64_t source, int64_t destination);
Tensor moveaxis(const Tensor& self, IntArrayRef source, IntArrayRef destination);
Tensor moveaxis(const Tensor& self, int64_t source, int64_t destination);
Tensor swapaxes(const Tensor& self, int64_t axis0, int64_t axis1);
Tensor swapdims(const Tensor& self, int64_t dim0, int64_t dim1);
Tensor as_strided(const Tensor& self, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storage_offset = std::nullopt);
// Sliding windows of `size` every `step` along `dimension`, as a new last dim.
Tensor unfold(const Tensor& self, int64_t dimension, int64_t size, int64_t step);
Tensor broadcast_to(const Tensor& self, IntArrayRef size);
std::vector<Tensor> broadcast_tensors(TensorList tensors);
DimVector broadcast_shapes(const std::vector<DimVector>& shapes);
// Expanded views; indexing is "ij" (matrix) or "xy" (Cartesian).
std::vector<Tensor> meshgrid(TensorList tensors, const std::string& indexing = "ij");
Tensor atleast_1d(const Tensor& self);
Tensor atleast_2d(const Tensor& self);
Tensor atleast_3d(const Tensor& self);

// ---- joining and repeating (copies; ops/join.cpp) ----------------------------
Tensor cat(TensorList tensors, int64_t dim = 0);
Tensor& cat_out(Tensor& out, TensorList tensors, int64_t dim = 0);
Tensor concat(TensorList tensors, int64_t dim = 0);
Tensor concatenate(TensorList tensors, int64_t dim = 0);
Tensor stack(TensorList tensors, int64_t dim = 0);
Tensor& stack_out(Tensor& out, TensorList tensors, int64_t dim = 0);
Tensor hstack(TensorList tensors);
Tensor vstack(TensorList tensors);
Tensor row_stack(TensorList tensors);
Tensor dstack(TensorList tensors);
Tensor column_stack(TensorList tensors);
Tensor repeat(const Tensor& self, IntArrayRef repeats);
Tensor repeat_interleave(const Tensor& self, int64_t repeats,
                         std::optional<int64_t> dim = std::nullopt);
Tensor repeat_interleave(const Tensor& self, const Tensor& repeats,
                         std::optional<int64_t> dim = std::nullopt);
// torch.repeat_interleave(repeats): index i repeated repeats[i] times.
Tensor repeat_interleave(const Tensor& repeats);
Tensor tile(const Tensor& self, IntArrayRef dims);
Tensor flip(const Tensor& self, IntArrayRef dims);
Tensor fliplr(const Tensor& self);
Tensor flipud(const Tensor& self);
Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims = {});
Tensor rot90(const Tensor& self, int64_t k = 1, IntArrayRef dims = {0, 1});

}  // namespace wick
