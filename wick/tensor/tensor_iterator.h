#pragma once
// TensorIterator: the shared front half of every elementwise op. It computes
// the broadcast shape and the result dtype (PyTorch's promotion rules), checks
// or allocates outputs, casts inputs to the compute dtype, orders and coalesces
// dimensions, and then walks the operands for a kernel driver
// (kernels/cpu/loops.h) in 1-d runs, split across threads.
#include <vector>

#include "wick/core/function_ref.h"
#include "wick/tensor/tensor.h"

namespace wick {

// dtype a new tensor holding `s` gets in an expression with tensors.
ScalarType result_type(ArrayRef<Tensor> tensors);
ScalarType result_type(const Tensor& a, const Scalar& b);
// A 0-dim tensor holding `s`, flagged as a wrapped number for promotion.
Tensor wrapped_scalar_tensor(const Scalar& s);
// Broadcast shape of two shapes; raises PyTorch's message on mismatch.
DimVector infer_size(IntArrayRef a, IntArrayRef b);

class TensorIterator;

class TensorIteratorConfig {
 public:
  // An undefined tensor is allocated with the broadcast shape and result dtype.
  TensorIteratorConfig& add_output(const Tensor& t);
  TensorIteratorConfig& add_input(const Tensor& t);
  // Inputs are cast to the common dtype before the kernel runs (default: on).
  TensorIteratorConfig& promote_inputs_to_common_dtype(bool v);
  // Integer and bool inputs compute in the default float dtype (sqrt, exp, true division).
  TensorIteratorConfig& promote_integer_inputs_to_float(bool v);
  // A given output whose dtype differs is written through a temporary (default: on).
  TensorIteratorConfig& cast_common_dtype_to_outputs(bool v);
  // Refuse writing the common dtype into an output it cannot be cast to (default: on).
  TensorIteratorConfig& enforce_safe_casting_to_output(bool v);
  // All operands must already share one dtype (default: off).
  TensorIteratorConfig& check_all_same_dtype(bool v);
  // An out= tensor of the wrong shape is resized (default: on); off for in-place ops.
  TensorIteratorConfig& resize_outputs(bool v);
  // Outputs get this dtype (comparisons: bool), inputs still share the common dtype.
  TensorIteratorConfig& declare_static_dtype(ScalarType t);
  // Operate on this shape instead of broadcasting the inputs (fills, random).
  TensorIteratorConfig& declare_static_shape(IntArrayRef shape);
  // Name used in messages ("add", "mul", ...).
  TensorIteratorConfig& name(const char* n);
  TensorIterator build();

 private:
  friend class TensorIterator;
  std::vector<Tensor> outputs_;
  std::vector<Tensor> inputs_;
  bool promote_inputs_ = true;
  bool promote_int_to_float_ = false;
  bool cast_to_outputs_ = true;
  bool safe_casting_ = true;
  bool check_same_dtype_ = false;
  bool resize_outputs_ = true;
  std::optional<ScalarType> static_dtype_;
  std::optional<DimVector> static_shape_;
  const char* name_ = "op";
};

class TensorIterator {
 public:
  // 1-d inner loop: data[i] points at operand i's first element of the run,
  // strides[i] is its byte stride, n the run length. Outputs come first.
  using Loop = FunctionRef<void(char** data, const int64_t* strides, int64_t n)>;

  // Shorthands for the common cases (ops fill `out` when it is defined).
  static TensorIterator unary_op(const Tensor& out, const Tensor& a, const char* name = "op");
  static TensorIterator unary_float_op(const Tensor& out, const Tensor& a,
                                       const char* name = "op");
  static TensorIterator binary_op(const Tensor& out, const Tensor& a, const Tensor& b,
                                  const char* name = "op");
  static TensorIterator binary_float_op(const Tensor& out, const Tensor& a, const Tensor& b,
                                        const char* name = "op");
  static TensorIterator comparison_op(const Tensor& out, const Tensor& a, const Tensor& b,
                                      const char* name = "op");
  // For out = f(a) where f keeps a's dtype and has no promotion (copy-like).
  static TensorIterator nullary_op(const Tensor& out);

  int ntensors() const { return static_cast<int>(operands_.size()); }
  int noutputs() const { return noutputs_; }
  int ninputs() const { return ntensors() - noutputs_; }
  int64_t numel() const { return numel_; }
  int ndim() const { return static_cast<int>(shape_.size()); }
  // Shape after reordering (innermost dim first) and coalescing.
  IntArrayRef shape() const { return shape_; }
  IntArrayRef strides(int arg) const { return operands_[arg].strides; }
  char* data_ptr(int arg) const { return operands_[arg].data; }
  ScalarType dtype(int arg = 0) const { return operands_[arg].dtype; }
  ScalarType input_dtype(int i = 0) const { return operands_[noutputs_ + i].dtype; }
  ScalarType common_dtype() const { return common_dtype_; }
  // The result tensor (the caller's out, or the one allocated here).
  const Tensor& output(int i = 0) const { return results_[i]; }
  const Tensor& input(int i = 0) const { return operands_[noutputs_ + i].tensor; }
  bool is_contiguous() const;  // every operand dense with its element stride
  bool is_scalar(int arg) const;  // operand broadcast to every element (all strides 0)

  // Runs `loop` over every element, on up to get_num_threads() threads.
  void for_each(Loop loop, int64_t grain = kGrainSizeDefault) const;
  // Runs `loop` over linear range [begin, end) of the iteration space.
  void serial_for_each(Loop loop, int64_t begin, int64_t end) const;
  // Copies temporaries back into outputs whose dtype differs. Call after the kernel.
  void cast_outputs();

  static constexpr int64_t kGrainSizeDefault = 32768;

 private:
  friend class TensorIteratorConfig;
  struct Operand {
    Tensor tensor;       // what the kernel reads or writes (maybe a cast temporary)
    Tensor original;     // the caller's out tensor when `tensor` is a temporary
    char* data = nullptr;
    DimVector strides;   // bytes, in iteration order
    ScalarType dtype = ScalarType::Undefined;
  };
  void build(TensorIteratorConfig& config);

  std::vector<Operand> operands_;
  std::vector<Tensor> results_;
  int noutputs_ = 0;
  DimVector shape_;
  int64_t numel_ = 0;
  ScalarType common_dtype_ = ScalarType::Undefined;
};

}  // namespace wick
