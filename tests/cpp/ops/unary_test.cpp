// Unary elementwise ops against PyTorch. Expected values come from PyTorch 1.13
// (`torch.<op>` on the inputs below; for half/bfloat16 ops that 1.13 lacks on
// CPU, from the float result rounded, which is what PyTorch 2.x computes).
#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "test_utils.h"
#include "wick/wick.h"

using namespace wick;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

enum class In { F, U, I, U8, B };

// The fixed inputs, made the way the PyTorch script made them: a float32
// tensor (or int64 / bool) converted to the dtype under test.
Tensor make_input(In which, ScalarType dtype) {
  switch (which) {
    case In::F: return tensor({-2.5f, -1.0f, -0.3f, 0.0f, 0.4f, 1.0f, 2.7f}).to(dtype);
    case In::U: return tensor({0.1f, 0.25f, 0.5f, 0.75f, 0.9f}).to(dtype);
    case In::I: return tensor({int64_t(-3), int64_t(-1), int64_t(0), int64_t(2), int64_t(5)}).to(dtype);
    case In::U8: return tensor({int64_t(3), int64_t(1), int64_t(0), int64_t(2), int64_t(5)}).to(dtype);
    default: return tensor({true, false, true}).to(dtype);
  }
}

// Tolerance that allows for one rounding of the result in its dtype.
double rtol_for(ScalarType t) {
  switch (t) {
    case kHalf: return 2e-3;
    case kBFloat16: return 1e-2;
    case kFloat: return 2e-6;
    case kDouble: return 1e-12;
    default: return 0;
  }
}

Tensor expected_tensor(const std::vector<double>& v, ScalarType dtype) {
  return tensor(v, TensorOptions(kDouble)).to(dtype);
}

struct UnaryCase {
  const char* name;
  std::function<Tensor(const Tensor&)> fn;
  In input;
  ScalarType in_dtype;
  ScalarType out_dtype;
  std::vector<double> expected;
  const char* error;  // PyTorch's message when the op refuses this dtype
};

// clang-format off
const std::vector<UnaryCase>& unary_cases() {
  static const std::vector<UnaryCase> cases = {
  {"abs", [](const Tensor& t) { return wick::abs(t); }, In::F, kFloat, kFloat, {2.5, 1.0, 0.30000001192092896, 0.0, 0.4000000059604645, 1.0, 2.700000047683716}, nullptr},
  {"abs", [](const Tensor& t) { return wick::abs(t); }, In::F, kDouble, kDouble, {2.5, 1.0, 0.30000001192092896, 0.0, 0.4000000059604645, 1.0, 2.700000047683716}, nullptr},
  {"abs", [](const Tensor& t) { return wick::abs(t); }, In::F, kHalf, kHalf, {2.5, 1.0, 0.300048828125, 0.0, 0.39990234375, 1.0, 2.69921875}, nullptr},
  {"abs", [](const Tensor& t) { return wick::abs(t); }, In::F, kBFloat16, kBFloat16, {2.5, 1.0, 0.30078125, 0.0, 0.400390625, 1.0, 2.703125}, nullptr},
  {"abs", [](const Tensor& t) { return wick::abs(t); }, In::I, kLong, kLong, {3.0, 1.0, 0.0, 2.0, 5.0}, nullptr},
  {"abs", [](const Tensor& t) { return wick::abs(t); }, In::U8, kByte, kByte, {3.0, 1.0, 0.0, 2.0, 5.0}, nullptr},
  {"abs", [](const Tensor& t) { return wick::abs(t); }, In::B, kBool, kFloat, {}, "\"abs_cpu\" not implemented for 'Bool'"},
  {"neg", [](const Tensor& t) { return wick::neg(t); }, In::F, kFloat, kFloat, {2.5, 1.0, 0.30000001192092896, -0.0, -0.4000000059604645, -1.0, -2.700000047683716}, nullptr},
  {"neg", [](const Tensor& t) { return wick::neg(t); }, In::F, kDouble, kDouble, {2.5, 1.0, 0.30000001192092896, -0.0, -0.4000000059604645, -1.0, -2.700000047683716}, nullptr},
  {"neg", [](const Tensor& t) { return wick::neg(t); }, In::F, kHalf, kHalf, {2.5, 1.0, 0.300048828125, -0.0, -0.39990234375, -1.0, -2.69921875}, nullptr},
  {"neg", [](const Tensor& t) { return wick::neg(t); }, In::F, kBFloat16, kBFloat16, {2.5, 1.0, 0.30078125, -0.0, -0.400390625, -1.0, -2.703125}, nullptr},
  {"neg", [](const Tensor& t) { return wick::neg(t); }, In::I, kLong, kLong, {3.0, 1.0, 0.0, -2.0, -5.0}, nullptr},
  {"neg", [](const Tensor& t) { return wick::neg(t); }, In::U8, kByte, kByte, {253.0, 255.0, 0.0, 254.0, 251.0}, nullptr},
  {"neg", [](const Tensor& t) { return wick::neg(t); }, In::B, kBool, kFloat, {}, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."},
  {"sign", [](const Tensor& t) { return wick::sign(t); }, In::F, kFloat, kFloat, {-1.0, -1.0, -1.0, 0.0, 1.0, 1.0, 1.0}, nullptr},
  {"sign", [](const Tensor& t) { return wick::sign(t); }, In::F, kDouble, kDouble, {-1.0, -1.0, -1.0, 0.0, 1.0, 1.0, 1.0}, nullptr},
  {"sign", [](const Tensor& t) { return wick::sign(t); }, In::F, kHalf, kHalf, {-1.0, -1.0, -1.0, 0.0, 1.0, 1.0, 1.0}, nullptr},
  {"sign", [](const Tensor& t) { return wick::sign(t); }, In::F, kBFloat16, kBFloat16, {-1.0, -1.0, -1.0, 0.0, 1.0, 1.0, 1.0}, nullptr},
  {"sign", [](const Tensor& t) { return wick::sign(t); }, In::I, kLong, kLong, {-1.0, -1.0, 0.0, 1.0, 1.0}, nullptr},
  {"sign", [](const Tensor& t) { return wick::sign(t); }, In::U8, kByte, kByte, {1.0, 1.0, 0.0, 1.0, 1.0}, nullptr},
  {"sign", [](const Tensor& t) { return wick::sign(t); }, In::B, kBool, kBool, {1, 0, 1}, nullptr},
  {"sgn", [](const Tensor& t) { return wick::sgn(t); }, In::F, kFloat, kFloat, {-1.0, -1.0, -1.0, 0.0, 1.0, 1.0, 1.0}, nullptr},
  {"sgn", [](const Tensor& t) { return wick::sgn(t); }, In::F, kDouble, kDouble, {-1.0, -1.0, -1.0, 0.0, 1.0, 1.0, 1.0}, nullptr},
  {"sgn", [](const Tensor& t) { return wick::sgn(t); }, In::F, kHalf, kHalf, {-1.0, -1.0, -1.0, 0.0, 1.0, 1.0, 1.0}, nullptr},
  {"sgn", [](const Tensor& t) { return wick::sgn(t); }, In::F, kBFloat16, kBFloat16, {-1.0, -1.0, -1.0, 0.0, 1.0, 1.0, 1.0}, nullptr},
  {"sgn", [](const Tensor& t) { return wick::sgn(t); }, In::I, kLong, kLong, {-1.0, -1.0, 0.0, 1.0, 1.0}, nullptr},
  {"sgn", [](const Tensor& t) { return wick::sgn(t); }, In::U8, kByte, kByte, {1.0, 1.0, 0.0, 1.0, 1.0}, nullptr},
  {"sgn", [](const Tensor& t) { return wick::sgn(t); }, In::B, kBool, kBool, {1, 0, 1}, nullptr},
  {"sqrt", [](const Tensor& t) { return wick::sqrt(t); }, In::F, kFloat, kFloat, {kNaN, kNaN, kNaN, 0.0, 0.6324555277824402, 1.0, 1.6431677341461182}, nullptr},
  {"sqrt", [](const Tensor& t) { return wick::sqrt(t); }, In::F, kDouble, kDouble, {kNaN, kNaN, kNaN, 0.0, 0.6324555367458368, 1.0, 1.643167687025191}, nullptr},
  {"sqrt", [](const Tensor& t) { return wick::sqrt(t); }, In::F, kHalf, kHalf, {kNaN, kNaN, kNaN, 0.0, 0.63232421875, 1.0, 1.642578125}, nullptr},
  {"sqrt", [](const Tensor& t) { return wick::sqrt(t); }, In::F, kBFloat16, kBFloat16, {kNaN, kNaN, kNaN, 0.0, 0.6328125, 1.0, 1.640625}, nullptr},
  {"sqrt", [](const Tensor& t) { return wick::sqrt(t); }, In::I, kLong, kFloat, {kNaN, kNaN, 0.0, 1.4142135381698608, 2.2360680103302}, nullptr},
  {"sqrt", [](const Tensor& t) { return wick::sqrt(t); }, In::U8, kByte, kFloat, {1.7320507764816284, 1.0, 0.0, 1.4142135381698608, 2.2360680103302}, nullptr},
  {"sqrt", [](const Tensor& t) { return wick::sqrt(t); }, In::B, kBool, kFloat, {1.0, 0.0, 1.0}, nullptr},
  {"rsqrt", [](const Tensor& t) { return wick::rsqrt(t); }, In::F, kFloat, kFloat, {kNaN, kNaN, kNaN, kInf, 1.5811388492584229, 1.0, 0.6085805892944336}, nullptr},
  {"rsqrt", [](const Tensor& t) { return wick::rsqrt(t); }, In::F, kDouble, kDouble, {kNaN, kNaN, kNaN, kInf, 1.5811388183037876, 1.0, 0.6085806140762243}, nullptr},
  {"rsqrt", [](const Tensor& t) { return wick::rsqrt(t); }, In::F, kHalf, kHalf, {kNaN, kNaN, kNaN, kInf, 1.5810546875, 1.0, 0.60888671875}, nullptr},
  {"rsqrt", [](const Tensor& t) { return wick::rsqrt(t); }, In::F, kBFloat16, kBFloat16, {kNaN, kNaN, kNaN, kInf, 1.578125, 1.0, 0.609375}, nullptr},
  {"rsqrt", [](const Tensor& t) { return wick::rsqrt(t); }, In::I, kLong, kFloat, {kNaN, kNaN, kInf, 0.7071067690849304, 0.4472135901451111}, nullptr},
  {"rsqrt", [](const Tensor& t) { return wick::rsqrt(t); }, In::U8, kByte, kFloat, {0.5773502588272095, 1.0, kInf, 0.7071067690849304, 0.4472135901451111}, nullptr},
  {"rsqrt", [](const Tensor& t) { return wick::rsqrt(t); }, In::B, kBool, kFloat, {1.0, kInf, 1.0}, nullptr},
  {"exp", [](const Tensor& t) { return wick::exp(t); }, In::F, kFloat, kFloat, {0.08208499848842621, 0.3678794503211975, 0.740818202495575, 1.0, 1.4918246269226074, 2.7182817459106445, 14.879732131958008}, nullptr},
  {"exp", [](const Tensor& t) { return wick::exp(t); }, In::F, kDouble, kDouble, {0.0820849986238988, 0.36787944117144233, 0.7408182118504766, 1.0, 1.4918247065332384, 2.718281828459045, 14.87973243439375}, nullptr},
  {"exp", [](const Tensor& t) { return wick::exp(t); }, In::F, kHalf, kHalf, {0.08209228515625, 0.367919921875, 0.74072265625, 1.0, 1.4912109375, 2.71875, 14.8671875}, nullptr},
  {"exp", [](const Tensor& t) { return wick::exp(t); }, In::F, kBFloat16, kBFloat16, {0.08203125, 0.3671875, 0.7421875, 1.0, 1.4921875, 2.71875, 14.9375}, nullptr},
  {"exp", [](const Tensor& t) { return wick::exp(t); }, In::I, kLong, kFloat, {0.049787066876888275, 0.3678794503211975, 1.0, 7.389056205749512, 148.4131622314453}, nullptr},
  {"exp", [](const Tensor& t) { return wick::exp(t); }, In::U8, kByte, kFloat, {20.08553695678711, 2.7182817459106445, 1.0, 7.389056205749512, 148.4131622314453}, nullptr},
  {"exp", [](const Tensor& t) { return wick::exp(t); }, In::B, kBool, kFloat, {2.7182817459106445, 1.0, 2.7182817459106445}, nullptr},
  {"exp2", [](const Tensor& t) { return wick::exp2(t); }, In::F, kFloat, kFloat, {0.1767766922712326, 0.5, 0.812252402305603, 1.0, 1.3195079565048218, 2.0, 6.498019218444824}, nullptr},
  {"exp2", [](const Tensor& t) { return wick::exp2(t); }, In::F, kDouble, kDouble, {0.1767766952966369, 0.5, 0.8122523896446279, 1.0, 1.3195079162244137, 2.0, 6.498019385621333}, nullptr},
  {"exp2", [](const Tensor& t) { return wick::exp2(t); }, In::F, kHalf, kHalf, {0.1767578125, 0.5, 0.81201171875, 1.0, 1.3193359375, 2.0, 6.49609375}, nullptr},
  {"exp2", [](const Tensor& t) { return wick::exp2(t); }, In::F, kBFloat16, kBFloat16, {0.1767578125, 0.5, 0.8125, 1.0, 1.3203125, 2.0, 6.5}, nullptr},
  {"exp2", [](const Tensor& t) { return wick::exp2(t); }, In::I, kLong, kFloat, {0.125, 0.5, 1.0, 4.0, 32.0}, nullptr},
  {"exp2", [](const Tensor& t) { return wick::exp2(t); }, In::U8, kByte, kFloat, {8.0, 2.0, 1.0, 4.0, 32.0}, nullptr},
  {"exp2", [](const Tensor& t) { return wick::exp2(t); }, In::B, kBool, kFloat, {2.0, 1.0, 2.0}, nullptr},
  {"expm1", [](const Tensor& t) { return wick::expm1(t); }, In::F, kFloat, kFloat, {-0.9179149866104126, -0.6321205496788025, -0.25918179750442505, 0.0, 0.4918247163295746, 1.718281865119934, 13.879732131958008}, nullptr},
  {"expm1", [](const Tensor& t) { return wick::expm1(t); }, In::F, kDouble, kDouble, {-0.9179150013761012, -0.6321205588285577, -0.2591817881495235, 0.0, 0.49182470653323845, 1.7182818284590453, 13.87973243439375}, nullptr},
  {"expm1", [](const Tensor& t) { return wick::expm1(t); }, In::F, kHalf, kHalf, {-0.91796875, -0.63232421875, -0.25927734375, 0.0, 0.49169921875, 1.71875, 13.8671875}, nullptr},
  {"expm1", [](const Tensor& t) { return wick::expm1(t); }, In::F, kBFloat16, kBFloat16, {-0.91796875, -0.6328125, -0.259765625, 0.0, 0.4921875, 1.71875, 13.9375}, nullptr},
  {"expm1", [](const Tensor& t) { return wick::expm1(t); }, In::I, kLong, kFloat, {-0.9502129554748535, -0.6321205496788025, 0.0, 6.389056205749512, 147.4131622314453}, nullptr},
  {"expm1", [](const Tensor& t) { return wick::expm1(t); }, In::U8, kByte, kFloat, {19.08553695678711, 1.718281865119934, 0.0, 6.389056205749512, 147.4131622314453}, nullptr},
  {"expm1", [](const Tensor& t) { return wick::expm1(t); }, In::B, kBool, kFloat, {1.718281865119934, 0.0, 1.718281865119934}, nullptr},
  {"log", [](const Tensor& t) { return wick::log(t); }, In::F, kFloat, kFloat, {kNaN, kNaN, kNaN, -kInf, -0.9162907004356384, 0.0, 0.9932518005371094}, nullptr},
  {"log", [](const Tensor& t) { return wick::log(t); }, In::F, kDouble, kDouble, {kNaN, kNaN, kNaN, -kInf, -0.916290716972994, 0.0, 0.9932517906709187}, nullptr},
  {"log", [](const Tensor& t) { return wick::log(t); }, In::F, kHalf, kHalf, {kNaN, kNaN, kNaN, -kInf, -0.91650390625, 0.0, 0.9931640625}, nullptr},
  {"log", [](const Tensor& t) { return wick::log(t); }, In::F, kBFloat16, kBFloat16, {kNaN, kNaN, kNaN, -kInf, -0.9140625, 0.0, 0.99609375}, nullptr},
  {"log", [](const Tensor& t) { return wick::log(t); }, In::I, kLong, kFloat, {kNaN, kNaN, -kInf, 0.6931471824645996, 1.6094379425048828}, nullptr},
  {"log", [](const Tensor& t) { return wick::log(t); }, In::U8, kByte, kFloat, {1.0986123085021973, 0.0, -kInf, 0.6931471824645996, 1.6094379425048828}, nullptr},
  {"log", [](const Tensor& t) { return wick::log(t); }, In::B, kBool, kFloat, {0.0, -kInf, 0.0}, nullptr},
  {"log2", [](const Tensor& t) { return wick::log2(t); }, In::F, kFloat, kFloat, {kNaN, kNaN, kNaN, -kInf, -1.3219280242919922, 0.0, 1.4329594373703003}, nullptr},
  {"log2", [](const Tensor& t) { return wick::log2(t); }, In::F, kDouble, kDouble, {kNaN, kNaN, kNaN, -kInf, -1.321928073389531, 0.0, 1.4329594327550172}, nullptr},
  {"log2", [](const Tensor& t) { return wick::log2(t); }, In::F, kHalf, kHalf, {kNaN, kNaN, kNaN, -kInf, -1.322265625, 0.0, 1.4326171875}, nullptr},
  {"log2", [](const Tensor& t) { return wick::log2(t); }, In::F, kBFloat16, kBFloat16, {kNaN, kNaN, kNaN, -kInf, -1.3203125, 0.0, 1.4375}, nullptr},
  {"log2", [](const Tensor& t) { return wick::log2(t); }, In::I, kLong, kFloat, {kNaN, kNaN, -kInf, 1.0, 2.321928024291992}, nullptr},
  {"log2", [](const Tensor& t) { return wick::log2(t); }, In::U8, kByte, kFloat, {1.5849624872207642, 0.0, -kInf, 1.0, 2.321928024291992}, nullptr},
  {"log2", [](const Tensor& t) { return wick::log2(t); }, In::B, kBool, kFloat, {0.0, -kInf, 0.0}, nullptr},
  {"log10", [](const Tensor& t) { return wick::log10(t); }, In::F, kFloat, kFloat, {kNaN, kNaN, kNaN, -kInf, -0.3979400098323822, 0.0, 0.4313637614250183}, nullptr},
  {"log10", [](const Tensor& t) { return wick::log10(t); }, In::F, kDouble, kDouble, {kNaN, kNaN, kNaN, -kInf, -0.3979400022005456, 0.0, 0.4313637718289038}, nullptr},
  {"log10", [](const Tensor& t) { return wick::log10(t); }, In::F, kHalf, kHalf, {kNaN, kNaN, kNaN, -kInf, -0.39794921875, 0.0, 0.43115234375}, nullptr},
  {"log10", [](const Tensor& t) { return wick::log10(t); }, In::F, kBFloat16, kBFloat16, {kNaN, kNaN, kNaN, -kInf, -0.3984375, 0.0, 0.431640625}, nullptr},
  {"log10", [](const Tensor& t) { return wick::log10(t); }, In::I, kLong, kFloat, {kNaN, kNaN, -kInf, 0.3010300099849701, 0.6989700198173523}, nullptr},
  {"log10", [](const Tensor& t) { return wick::log10(t); }, In::U8, kByte, kFloat, {0.4771212637424469, 0.0, -kInf, 0.3010300099849701, 0.6989700198173523}, nullptr},
  {"log10", [](const Tensor& t) { return wick::log10(t); }, In::B, kBool, kFloat, {0.0, -kInf, 0.0}, nullptr},
  {"log1p", [](const Tensor& t) { return wick::log1p(t); }, In::F, kFloat, kFloat, {kNaN, -kInf, -0.3566749691963196, 0.0, 0.3364722430706024, 0.6931471824645996, 1.3083328008651733}, nullptr},
  {"log1p", [](const Tensor& t) { return wick::log1p(t); }, In::F, kDouble, kDouble, {kNaN, -kInf, -0.35667496096863105, 0.0, 0.33647224087868755, 0.6931471805599453, 1.3083328325376695}, nullptr},
  {"log1p", [](const Tensor& t) { return wick::log1p(t); }, In::F, kHalf, kHalf, {kNaN, -kInf, -0.356689453125, 0.0, 0.33642578125, 0.693359375, 1.30859375}, nullptr},
  {"log1p", [](const Tensor& t) { return wick::log1p(t); }, In::F, kBFloat16, kBFloat16, {kNaN, -kInf, -0.357421875, 0.0, 0.3359375, 0.69140625, 1.3125}, nullptr},
  {"log1p", [](const Tensor& t) { return wick::log1p(t); }, In::I, kLong, kFloat, {kNaN, -kInf, 0.0, 1.0986123085021973, 1.7917594909667969}, nullptr},
  {"log1p", [](const Tensor& t) { return wick::log1p(t); }, In::U8, kByte, kFloat, {1.3862943649291992, 0.6931471824645996, 0.0, 1.0986123085021973, 1.7917594909667969}, nullptr},
  {"log1p", [](const Tensor& t) { return wick::log1p(t); }, In::B, kBool, kFloat, {0.6931471824645996, 0.0, 0.6931471824645996}, nullptr},
  {"sin", [](const Tensor& t) { return wick::sin(t); }, In::F, kFloat, kFloat, {-0.5984721183776855, -0.8414709568023682, -0.29552021622657776, 0.0, 0.389418363571167, 0.8414709568023682, 0.427379846572876}, nullptr},
  {"sin", [](const Tensor& t) { return wick::sin(t); }, In::F, kDouble, kDouble, {-0.5984721441039564, -0.8414709848078965, -0.29552021804983797, 0.0, 0.3894183477986018, 0.8414709848078965, 0.4273798371243103}, nullptr},
  {"sin", [](const Tensor& t) { return wick::sin(t); }, In::F, kHalf, kHalf, {-0.5986328125, -0.84130859375, -0.295654296875, 0.0, 0.389404296875, 0.84130859375, 0.427978515625}, nullptr},
  {"sin", [](const Tensor& t) { return wick::sin(t); }, In::F, kBFloat16, kBFloat16, {-0.59765625, -0.83984375, -0.296875, 0.0, 0.390625, 0.83984375, 0.423828125}, nullptr},
  {"sin", [](const Tensor& t) { return wick::sin(t); }, In::I, kLong, kFloat, {-0.14112000167369843, -0.8414709568023682, 0.0, 0.9092974066734314, -0.9589242935180664}, nullptr},
  {"sin", [](const Tensor& t) { return wick::sin(t); }, In::U8, kByte, kFloat, {0.14112000167369843, 0.8414709568023682, 0.0, 0.9092974066734314, -0.9589242935180664}, nullptr},
  {"sin", [](const Tensor& t) { return wick::sin(t); }, In::B, kBool, kFloat, {0.8414709568023682, 0.0, 0.8414709568023682}, nullptr},
  {"cos", [](const Tensor& t) { return wick::cos(t); }, In::F, kFloat, kFloat, {-0.8011435866355896, 0.5403023362159729, 0.9553365111351013, 1.0, 0.9210609793663025, 0.5403023362159729, -0.9040721654891968}, nullptr},
  {"cos", [](const Tensor& t) { return wick::cos(t); }, In::F, kDouble, kDouble, {-0.8011436155469337, 0.5403023058681398, 0.9553364856027305, 1.0, 0.9210609916817709, 0.5403023058681398, -0.9040721623961209}, nullptr},
  {"cos", [](const Tensor& t) { return wick::cos(t); }, In::F, kHalf, kHalf, {-0.80126953125, 0.54052734375, 0.955078125, 1.0, 0.9208984375, 0.54052734375, -0.90380859375}, nullptr},
  {"cos", [](const Tensor& t) { return wick::cos(t); }, In::F, kBFloat16, kBFloat16, {-0.80078125, 0.5390625, 0.95703125, 1.0, 0.921875, 0.5390625, -0.90625}, nullptr},
  {"cos", [](const Tensor& t) { return wick::cos(t); }, In::I, kLong, kFloat, {-0.9899924993515015, 0.5403023362159729, 1.0, -0.416146844625473, 0.28366219997406006}, nullptr},
  {"cos", [](const Tensor& t) { return wick::cos(t); }, In::U8, kByte, kFloat, {-0.9899924993515015, 0.5403023362159729, 1.0, -0.416146844625473, 0.28366219997406006}, nullptr},
  {"cos", [](const Tensor& t) { return wick::cos(t); }, In::B, kBool, kFloat, {0.5403023362159729, 1.0, 0.5403023362159729}, nullptr},
  {"tan", [](const Tensor& t) { return wick::tan(t); }, In::F, kFloat, kFloat, {0.7470223307609558, -1.5574077367782593, -0.30933627486228943, 0.0, 0.4227932393550873, 1.5574077367782593, -0.47272756695747375}, nullptr},
  {"tan", [](const Tensor& t) { return wick::tan(t); }, In::F, kDouble, kDouble, {0.7470222972386603, -1.5574077246549023, -0.30933626267125297, 0.0, 0.42279322576408374, 1.5574077246549023, -0.47272757076337574}, nullptr},
  {"tan", [](const Tensor& t) { return wick::tan(t); }, In::F, kHalf, kHalf, {0.7470703125, -1.5576171875, -0.309326171875, 0.0, 0.422607421875, 1.5576171875, -0.4736328125}, nullptr},
  {"tan", [](const Tensor& t) { return wick::tan(t); }, In::F, kBFloat16, kBFloat16, {0.74609375, -1.5546875, -0.310546875, 0.0, 0.423828125, 1.5546875, -0.46875}, nullptr},
  {"tan", [](const Tensor& t) { return wick::tan(t); }, In::I, kLong, kFloat, {0.14254654943943024, -1.5574077367782593, 0.0, -2.185039758682251, -3.3805150985717773}, nullptr},
  {"tan", [](const Tensor& t) { return wick::tan(t); }, In::U8, kByte, kFloat, {-0.14254654943943024, 1.5574077367782593, 0.0, -2.185039758682251, -3.3805150985717773}, nullptr},
  {"tan", [](const Tensor& t) { return wick::tan(t); }, In::B, kBool, kFloat, {1.5574077367782593, 0.0, 1.5574077367782593}, nullptr},
  {"asin", [](const Tensor& t) { return wick::asin(t); }, In::U, kFloat, kFloat, {0.1001674234867096, 0.252680242061615, 0.5235987901687622, 0.8480620980262756, 1.1197694540023804}, nullptr},
  {"asin", [](const Tensor& t) { return wick::asin(t); }, In::U, kDouble, kDouble, {0.10016742265918284, 0.25268025514207865, 0.5235987755982989, 0.848062078981481, 1.119769460301664}, nullptr},
  {"asin", [](const Tensor& t) { return wick::asin(t); }, In::U, kHalf, kHalf, {0.10015869140625, 0.252685546875, 0.5234375, 0.84814453125, 1.119140625}, nullptr},
  {"asin", [](const Tensor& t) { return wick::asin(t); }, In::U, kBFloat16, kBFloat16, {0.10009765625, 0.251953125, 0.5234375, 0.84765625, 1.1171875}, nullptr},
  {"asin", [](const Tensor& t) { return wick::asin(t); }, In::I, kLong, kFloat, {kNaN, -1.5707963705062866, 0.0, kNaN, kNaN}, nullptr},
  {"asin", [](const Tensor& t) { return wick::asin(t); }, In::U8, kByte, kFloat, {kNaN, 1.5707963705062866, 0.0, kNaN, kNaN}, nullptr},
  {"asin", [](const Tensor& t) { return wick::asin(t); }, In::B, kBool, kFloat, {1.5707963705062866, 0.0, 1.5707963705062866}, nullptr},
  {"acos", [](const Tensor& t) { return wick::acos(t); }, In::U, kFloat, kFloat, {1.4706288576126099, 1.3181160688400269, 1.0471975803375244, 0.722734272480011, 0.4510268568992615}, nullptr},
  {"acos", [](const Tensor& t) { return wick::acos(t); }, In::U, kDouble, kDouble, {1.4706289041357137, 1.318116071652818, 1.0471975511965976, 0.7227342478134156, 0.45102686649323265}, nullptr},
  {"acos", [](const Tensor& t) { return wick::acos(t); }, In::U, kHalf, kHalf, {1.470703125, 1.318359375, 1.046875, 0.72265625, 0.451171875}, nullptr},
  {"acos", [](const Tensor& t) { return wick::acos(t); }, In::U, kBFloat16, kBFloat16, {1.46875, 1.3203125, 1.046875, 0.72265625, 0.455078125}, nullptr},
  {"acos", [](const Tensor& t) { return wick::acos(t); }, In::I, kLong, kFloat, {kNaN, 3.1415927410125732, 1.5707963705062866, kNaN, kNaN}, nullptr},
  {"acos", [](const Tensor& t) { return wick::acos(t); }, In::U8, kByte, kFloat, {kNaN, 0.0, 1.5707963705062866, kNaN, kNaN}, nullptr},
  {"acos", [](const Tensor& t) { return wick::acos(t); }, In::B, kBool, kFloat, {0.0, 1.5707963705062866, 0.0}, nullptr},
  {"atan", [](const Tensor& t) { return wick::atan(t); }, In::F, kFloat, kFloat, {-1.1902899742126465, -0.7853981256484985, -0.29145681858062744, 0.0, 0.38050639629364014, 0.7853981256484985, 1.2160906791687012}, nullptr},
  {"atan", [](const Tensor& t) { return wick::atan(t); }, In::F, kDouble, kDouble, {-1.1902899496825317, -0.7853981633974483, -0.29145680541449914, 0.0, 0.38050638225069633, 0.7853981633974483, 1.2160906805359122}, nullptr},
  {"atan", [](const Tensor& t) { return wick::atan(t); }, In::F, kHalf, kHalf, {-1.1904296875, -0.78515625, -0.29150390625, 0.0, 0.38037109375, 0.78515625, 1.2158203125}, nullptr},
  {"atan", [](const Tensor& t) { return wick::atan(t); }, In::F, kBFloat16, kBFloat16, {-1.1875, -0.78515625, -0.29296875, 0.0, 0.380859375, 0.78515625, 1.21875}, nullptr},
  {"atan", [](const Tensor& t) { return wick::atan(t); }, In::I, kLong, kFloat, {-1.249045729637146, -0.7853981256484985, 0.0, 1.1071487665176392, 1.3734008073806763}, nullptr},
  {"atan", [](const Tensor& t) { return wick::atan(t); }, In::U8, kByte, kFloat, {1.249045729637146, 0.7853981256484985, 0.0, 1.1071487665176392, 1.3734008073806763}, nullptr},
  {"atan", [](const Tensor& t) { return wick::atan(t); }, In::B, kBool, kFloat, {0.7853981256484985, 0.0, 0.7853981256484985}, nullptr},
  {"arcsin", [](const Tensor& t) { return wick::arcsin(t); }, In::U, kFloat, kFloat, {0.1001674234867096, 0.252680242061615, 0.5235987901687622, 0.8480620980262756, 1.1197694540023804}, nullptr},
  {"arcsin", [](const Tensor& t) { return wick::arcsin(t); }, In::U, kDouble, kDouble, {0.10016742265918284, 0.25268025514207865, 0.5235987755982989, 0.848062078981481, 1.119769460301664}, nullptr},
  {"arcsin", [](const Tensor& t) { return wick::arcsin(t); }, In::U, kHalf, kHalf, {0.10015869140625, 0.252685546875, 0.5234375, 0.84814453125, 1.119140625}, nullptr},
  {"arcsin", [](const Tensor& t) { return wick::arcsin(t); }, In::U, kBFloat16, kBFloat16, {0.10009765625, 0.251953125, 0.5234375, 0.84765625, 1.1171875}, nullptr},
  {"arcsin", [](const Tensor& t) { return wick::arcsin(t); }, In::I, kLong, kFloat, {kNaN, -1.5707963705062866, 0.0, kNaN, kNaN}, nullptr},
  {"arcsin", [](const Tensor& t) { return wick::arcsin(t); }, In::U8, kByte, kFloat, {kNaN, 1.5707963705062866, 0.0, kNaN, kNaN}, nullptr},
  {"arcsin", [](const Tensor& t) { return wick::arcsin(t); }, In::B, kBool, kFloat, {1.5707963705062866, 0.0, 1.5707963705062866}, nullptr},
  {"arccos", [](const Tensor& t) { return wick::arccos(t); }, In::U, kFloat, kFloat, {1.4706288576126099, 1.3181160688400269, 1.0471975803375244, 0.722734272480011, 0.4510268568992615}, nullptr},
  {"arccos", [](const Tensor& t) { return wick::arccos(t); }, In::U, kDouble, kDouble, {1.4706289041357137, 1.318116071652818, 1.0471975511965976, 0.7227342478134156, 0.45102686649323265}, nullptr},
  {"arccos", [](const Tensor& t) { return wick::arccos(t); }, In::U, kHalf, kHalf, {1.470703125, 1.318359375, 1.046875, 0.72265625, 0.451171875}, nullptr},
  {"arccos", [](const Tensor& t) { return wick::arccos(t); }, In::U, kBFloat16, kBFloat16, {1.46875, 1.3203125, 1.046875, 0.72265625, 0.455078125}, nullptr},
  {"arccos", [](const Tensor& t) { return wick::arccos(t); }, In::I, kLong, kFloat, {kNaN, 3.1415927410125732, 1.5707963705062866, kNaN, kNaN}, nullptr},
  {"arccos", [](const Tensor& t) { return wick::arccos(t); }, In::U8, kByte, kFloat, {kNaN, 0.0, 1.5707963705062866, kNaN, kNaN}, nullptr},
  {"arccos", [](const Tensor& t) { return wick::arccos(t); }, In::B, kBool, kFloat, {0.0, 1.5707963705062866, 0.0}, nullptr},
  {"arctan", [](const Tensor& t) { return wick::arctan(t); }, In::F, kFloat, kFloat, {-1.1902899742126465, -0.7853981256484985, -0.29145681858062744, 0.0, 0.38050639629364014, 0.7853981256484985, 1.2160906791687012}, nullptr},
  {"arctan", [](const Tensor& t) { return wick::arctan(t); }, In::F, kDouble, kDouble, {-1.1902899496825317, -0.7853981633974483, -0.29145680541449914, 0.0, 0.38050638225069633, 0.7853981633974483, 1.2160906805359122}, nullptr},
  {"arctan", [](const Tensor& t) { return wick::arctan(t); }, In::F, kHalf, kHalf, {-1.1904296875, -0.78515625, -0.29150390625, 0.0, 0.38037109375, 0.78515625, 1.2158203125}, nullptr},
  {"arctan", [](const Tensor& t) { return wick::arctan(t); }, In::F, kBFloat16, kBFloat16, {-1.1875, -0.78515625, -0.29296875, 0.0, 0.380859375, 0.78515625, 1.21875}, nullptr},
  {"arctan", [](const Tensor& t) { return wick::arctan(t); }, In::I, kLong, kFloat, {-1.249045729637146, -0.7853981256484985, 0.0, 1.1071487665176392, 1.3734008073806763}, nullptr},
  {"arctan", [](const Tensor& t) { return wick::arctan(t); }, In::U8, kByte, kFloat, {1.249045729637146, 0.7853981256484985, 0.0, 1.1071487665176392, 1.3734008073806763}, nullptr},
  {"arctan", [](const Tensor& t) { return wick::arctan(t); }, In::B, kBool, kFloat, {0.7853981256484985, 0.0, 0.7853981256484985}, nullptr},
  {"sinh", [](const Tensor& t) { return wick::sinh(t); }, In::F, kFloat, kFloat, {-6.050204753875732, -1.175201177597046, -0.30452030897140503, 0.0, 0.4107523262500763, 1.175201177597046, 7.40626335144043}, nullptr},
  {"sinh", [](const Tensor& t) { return wick::sinh(t); }, In::F, kDouble, kDouble, {-6.0502044810397875, -1.1752011936438014, -0.3045203059085488, 0.0, 0.410752332246509, 1.1752011936438014, 7.406263462429305}, nullptr},
  {"sinh", [](const Tensor& t) { return wick::sinh(t); }, In::F, kHalf, kHalf, {-6.05078125, -1.1748046875, -0.3046875, 0.0, 0.41064453125, 1.1748046875, 7.40234375}, nullptr},
  {"sinh", [](const Tensor& t) { return wick::sinh(t); }, In::F, kBFloat16, kBFloat16, {-6.0625, -1.171875, -0.3046875, 0.0, 0.412109375, 1.171875, 7.4375}, nullptr},
  {"sinh", [](const Tensor& t) { return wick::sinh(t); }, In::I, kLong, kFloat, {-10.017874717712402, -1.175201177597046, 0.0, 3.6268603801727295, 74.20320892333984}, nullptr},
  {"sinh", [](const Tensor& t) { return wick::sinh(t); }, In::U8, kByte, kFloat, {10.017874717712402, 1.175201177597046, 0.0, 3.6268603801727295, 74.20320892333984}, nullptr},
  {"sinh", [](const Tensor& t) { return wick::sinh(t); }, In::B, kBool, kFloat, {1.175201177597046, 0.0, 1.175201177597046}, nullptr},
  {"cosh", [](const Tensor& t) { return wick::cosh(t); }, In::F, kFloat, kFloat, {6.132289409637451, 1.5430805683135986, 1.04533851146698, 1.0, 1.0810723304748535, 1.5430805683135986, 7.473468780517578}, nullptr},
  {"cosh", [](const Tensor& t) { return wick::cosh(t); }, In::F, kDouble, kDouble, {6.132289479663686, 1.5430806348152437, 1.0453385177590253, 1.0, 1.0810723742867294, 1.5430806348152437, 7.473468971964445}, nullptr},
  {"cosh", [](const Tensor& t) { return wick::cosh(t); }, In::F, kHalf, kHalf, {6.1328125, 1.54296875, 1.044921875, 1.0, 1.0810546875, 1.54296875, 7.46875}, nullptr},
  {"cosh", [](const Tensor& t) { return wick::cosh(t); }, In::F, kBFloat16, kBFloat16, {6.125, 1.546875, 1.046875, 1.0, 1.078125, 1.546875, 7.5}, nullptr},
  {"cosh", [](const Tensor& t) { return wick::cosh(t); }, In::I, kLong, kFloat, {10.067662239074707, 1.5430805683135986, 1.0, 3.7621958255767822, 74.20995330810547}, nullptr},
  {"cosh", [](const Tensor& t) { return wick::cosh(t); }, In::U8, kByte, kFloat, {10.067662239074707, 1.5430805683135986, 1.0, 3.7621958255767822, 74.20995330810547}, nullptr},
  {"cosh", [](const Tensor& t) { return wick::cosh(t); }, In::B, kBool, kFloat, {1.5430805683135986, 1.0, 1.5430805683135986}, nullptr},
  {"tanh", [](const Tensor& t) { return wick::tanh(t); }, In::F, kFloat, kFloat, {-0.9866142868995667, -0.7615941762924194, -0.29131263494491577, 0.0, 0.3799489736557007, 0.7615941762924194, 0.9910074472427368}, nullptr},
  {"tanh", [](const Tensor& t) { return wick::tanh(t); }, In::F, kDouble, kDouble, {-0.9866142981514303, -0.7615941559557649, -0.2913126233608736, 0.0, 0.3799489673552295, 0.7615941559557649, 0.9910074545318577}, nullptr},
  {"tanh", [](const Tensor& t) { return wick::tanh(t); }, In::F, kHalf, kHalf, {-0.98681640625, -0.76171875, -0.291259765625, 0.0, 0.3798828125, 0.76171875, 0.9912109375}, nullptr},
  {"tanh", [](const Tensor& t) { return wick::tanh(t); }, In::F, kBFloat16, kBFloat16, {-0.98828125, -0.76171875, -0.29296875, 0.0, 0.380859375, 0.76171875, 0.9921875}, nullptr},
  {"tanh", [](const Tensor& t) { return wick::tanh(t); }, In::I, kLong, kFloat, {-0.9950547814369202, -0.7615941762924194, 0.0, 0.9640275835990906, 0.9999092221260071}, nullptr},
  {"tanh", [](const Tensor& t) { return wick::tanh(t); }, In::U8, kByte, kFloat, {0.9950547814369202, 0.7615941762924194, 0.0, 0.9640275835990906, 0.9999092221260071}, nullptr},
  {"tanh", [](const Tensor& t) { return wick::tanh(t); }, In::B, kBool, kFloat, {0.7615941762924194, 0.0, 0.7615941762924194}, nullptr},
  {"asinh", [](const Tensor& t) { return wick::asinh(t); }, In::F, kFloat, kFloat, {-1.6472312211990356, -0.8813735842704773, -0.29567307233810425, 0.0, 0.39003533124923706, 0.8813735842704773, 1.7190518379211426}, nullptr},
  {"asinh", [](const Tensor& t) { return wick::asinh(t); }, In::F, kDouble, kDouble, {-1.6472311463710958, -0.881373587019543, -0.2956730589816015, 0.0, 0.39003532530486756, 0.881373587019543, 1.7190518677701663}, nullptr},
  {"asinh", [](const Tensor& t) { return wick::asinh(t); }, In::F, kHalf, kHalf, {-1.6474609375, -0.88134765625, -0.295654296875, 0.0, 0.389892578125, 0.88134765625, 1.71875}, nullptr},
  {"asinh", [](const Tensor& t) { return wick::asinh(t); }, In::F, kBFloat16, kBFloat16, {-1.6484375, -0.8828125, -0.296875, 0.0, 0.390625, 0.8828125, 1.71875}, nullptr},
  {"asinh", [](const Tensor& t) { return wick::asinh(t); }, In::I, kLong, kFloat, {-1.8184465169906616, -0.8813735842704773, 0.0, 1.4436354637145996, 2.3124382495880127}, nullptr},
  {"asinh", [](const Tensor& t) { return wick::asinh(t); }, In::U8, kByte, kFloat, {1.8184465169906616, 0.8813735842704773, 0.0, 1.4436354637145996, 2.3124382495880127}, nullptr},
  {"asinh", [](const Tensor& t) { return wick::asinh(t); }, In::B, kBool, kFloat, {0.8813735842704773, 0.0, 0.8813735842704773}, nullptr},
  {"acosh", [](const Tensor& t) { return wick::acosh(t); }, In::F, kFloat, kFloat, {kNaN, kNaN, kNaN, kNaN, kNaN, 0.0, 1.650193452835083}, nullptr},
  {"acosh", [](const Tensor& t) { return wick::acosh(t); }, In::F, kDouble, kDouble, {kNaN, kNaN, kNaN, kNaN, kNaN, 0.0, 1.6501934739922173}, nullptr},
  {"acosh", [](const Tensor& t) { return wick::acosh(t); }, In::F, kHalf, kHalf, {kNaN, kNaN, kNaN, kNaN, kNaN, 0.0, 1.6494140625}, nullptr},
  {"acosh", [](const Tensor& t) { return wick::acosh(t); }, In::F, kBFloat16, kBFloat16, {kNaN, kNaN, kNaN, kNaN, kNaN, 0.0, 1.6484375}, nullptr},
  {"acosh", [](const Tensor& t) { return wick::acosh(t); }, In::I, kLong, kFloat, {kNaN, kNaN, kNaN, 1.316957950592041, 2.292431592941284}, nullptr},
  {"acosh", [](const Tensor& t) { return wick::acosh(t); }, In::U8, kByte, kFloat, {1.7627471685409546, 0.0, kNaN, 1.316957950592041, 2.292431592941284}, nullptr},
  {"acosh", [](const Tensor& t) { return wick::acosh(t); }, In::B, kBool, kFloat, {0.0, kNaN, 0.0}, nullptr},
  {"atanh", [](const Tensor& t) { return wick::atanh(t); }, In::U, kFloat, kFloat, {0.10033534467220306, 0.2554128170013428, 0.5493061542510986, 0.9729551076889038, 1.4722193479537964}, nullptr},
  {"atanh", [](const Tensor& t) { return wick::atanh(t); }, In::U, kDouble, kDouble, {0.10033534923624338, 0.25541281188299536, 0.5493061443340548, 0.9729550745276566, 1.4722193640997716}, nullptr},
  {"atanh", [](const Tensor& t) { return wick::atanh(t); }, In::U, kHalf, kHalf, {0.10028076171875, 0.25537109375, 0.54931640625, 0.97314453125, 1.4716796875}, nullptr},
  {"atanh", [](const Tensor& t) { return wick::atanh(t); }, In::U, kBFloat16, kBFloat16, {0.1005859375, 0.255859375, 0.55078125, 0.97265625, 1.4609375}, nullptr},
  {"atanh", [](const Tensor& t) { return wick::atanh(t); }, In::I, kLong, kFloat, {kNaN, -kInf, 0.0, kNaN, kNaN}, nullptr},
  {"atanh", [](const Tensor& t) { return wick::atanh(t); }, In::U8, kByte, kFloat, {kNaN, kInf, 0.0, kNaN, kNaN}, nullptr},
  {"atanh", [](const Tensor& t) { return wick::atanh(t); }, In::B, kBool, kFloat, {kInf, 0.0, kInf}, nullptr},
  {"arcsinh", [](const Tensor& t) { return wick::arcsinh(t); }, In::F, kFloat, kFloat, {-1.6472312211990356, -0.8813735842704773, -0.29567307233810425, 0.0, 0.39003533124923706, 0.8813735842704773, 1.7190518379211426}, nullptr},
  {"arcsinh", [](const Tensor& t) { return wick::arcsinh(t); }, In::F, kDouble, kDouble, {-1.6472311463710958, -0.881373587019543, -0.2956730589816015, 0.0, 0.39003532530486756, 0.881373587019543, 1.7190518677701663}, nullptr},
  {"arcsinh", [](const Tensor& t) { return wick::arcsinh(t); }, In::F, kHalf, kHalf, {-1.6474609375, -0.88134765625, -0.295654296875, 0.0, 0.389892578125, 0.88134765625, 1.71875}, nullptr},
  {"arcsinh", [](const Tensor& t) { return wick::arcsinh(t); }, In::F, kBFloat16, kBFloat16, {-1.6484375, -0.8828125, -0.296875, 0.0, 0.390625, 0.8828125, 1.71875}, nullptr},
  {"arcsinh", [](const Tensor& t) { return wick::arcsinh(t); }, In::I, kLong, kFloat, {-1.8184465169906616, -0.8813735842704773, 0.0, 1.4436354637145996, 2.3124382495880127}, nullptr},
  {"arcsinh", [](const Tensor& t) { return wick::arcsinh(t); }, In::U8, kByte, kFloat, {1.8184465169906616, 0.8813735842704773, 0.0, 1.4436354637145996, 2.3124382495880127}, nullptr},
  {"arcsinh", [](const Tensor& t) { return wick::arcsinh(t); }, In::B, kBool, kFloat, {0.8813735842704773, 0.0, 0.8813735842704773}, nullptr},
  {"arccosh", [](const Tensor& t) { return wick::arccosh(t); }, In::F, kFloat, kFloat, {kNaN, kNaN, kNaN, kNaN, kNaN, 0.0, 1.650193452835083}, nullptr},
  {"arccosh", [](const Tensor& t) { return wick::arccosh(t); }, In::F, kDouble, kDouble, {kNaN, kNaN, kNaN, kNaN, kNaN, 0.0, 1.6501934739922173}, nullptr},
  {"arccosh", [](const Tensor& t) { return wick::arccosh(t); }, In::F, kHalf, kHalf, {kNaN, kNaN, kNaN, kNaN, kNaN, 0.0, 1.6494140625}, nullptr},
  {"arccosh", [](const Tensor& t) { return wick::arccosh(t); }, In::F, kBFloat16, kBFloat16, {kNaN, kNaN, kNaN, kNaN, kNaN, 0.0, 1.6484375}, nullptr},
  {"arccosh", [](const Tensor& t) { return wick::arccosh(t); }, In::I, kLong, kFloat, {kNaN, kNaN, kNaN, 1.316957950592041, 2.292431592941284}, nullptr},
  {"arccosh", [](const Tensor& t) { return wick::arccosh(t); }, In::U8, kByte, kFloat, {1.7627471685409546, 0.0, kNaN, 1.316957950592041, 2.292431592941284}, nullptr},
  {"arccosh", [](const Tensor& t) { return wick::arccosh(t); }, In::B, kBool, kFloat, {0.0, kNaN, 0.0}, nullptr},
  {"arctanh", [](const Tensor& t) { return wick::arctanh(t); }, In::U, kFloat, kFloat, {0.10033534467220306, 0.2554128170013428, 0.5493061542510986, 0.9729551076889038, 1.4722193479537964}, nullptr},
  {"arctanh", [](const Tensor& t) { return wick::arctanh(t); }, In::U, kDouble, kDouble, {0.10033534923624338, 0.25541281188299536, 0.5493061443340548, 0.9729550745276566, 1.4722193640997716}, nullptr},
  {"arctanh", [](const Tensor& t) { return wick::arctanh(t); }, In::U, kHalf, kHalf, {0.10028076171875, 0.25537109375, 0.54931640625, 0.97314453125, 1.4716796875}, nullptr},
  {"arctanh", [](const Tensor& t) { return wick::arctanh(t); }, In::U, kBFloat16, kBFloat16, {0.1005859375, 0.255859375, 0.55078125, 0.97265625, 1.4609375}, nullptr},
  {"arctanh", [](const Tensor& t) { return wick::arctanh(t); }, In::I, kLong, kFloat, {kNaN, -kInf, 0.0, kNaN, kNaN}, nullptr},
  {"arctanh", [](const Tensor& t) { return wick::arctanh(t); }, In::U8, kByte, kFloat, {kNaN, kInf, 0.0, kNaN, kNaN}, nullptr},
  {"arctanh", [](const Tensor& t) { return wick::arctanh(t); }, In::B, kBool, kFloat, {kInf, 0.0, kInf}, nullptr},
  {"sigmoid", [](const Tensor& t) { return wick::sigmoid(t); }, In::F, kFloat, kFloat, {0.07585817575454712, 0.2689414322376251, 0.4255574941635132, 0.5, 0.5986876487731934, 0.7310585975646973, 0.9370266199111938}, nullptr},
  {"sigmoid", [](const Tensor& t) { return wick::sigmoid(t); }, In::F, kDouble, kDouble, {0.07585818002124355, 0.2689414213699951, 0.4255574802741708, 0.5, 0.5986876615445177, 0.7310585786300049, 0.9370266467567103}, nullptr},
  {"sigmoid", [](const Tensor& t) { return wick::sigmoid(t); }, In::F, kHalf, kHalf, {0.07586669921875, 0.26904296875, 0.425537109375, 0.5, 0.5986328125, 0.73095703125, 0.93701171875}, nullptr},
  {"sigmoid", [](const Tensor& t) { return wick::sigmoid(t); }, In::F, kBFloat16, kBFloat16, {0.07568359375, 0.26953125, 0.42578125, 0.5, 0.59765625, 0.73046875, 0.9375}, nullptr},
  {"sigmoid", [](const Tensor& t) { return wick::sigmoid(t); }, In::I, kLong, kFloat, {0.04742587357759476, 0.2689414322376251, 0.5, 0.8807970285415649, 0.9933071732521057}, nullptr},
  {"sigmoid", [](const Tensor& t) { return wick::sigmoid(t); }, In::U8, kByte, kFloat, {0.9525741338729858, 0.7310585975646973, 0.5, 0.8807970285415649, 0.9933071732521057}, nullptr},
  {"sigmoid", [](const Tensor& t) { return wick::sigmoid(t); }, In::B, kBool, kFloat, {0.7310585975646973, 0.5, 0.7310585975646973}, nullptr},
  {"logit", [](const Tensor& t) { return wick::logit(t); }, In::U, kFloat, kFloat, {-2.1972246170043945, -1.0986123085021973, 0.0, 1.0986123085021973, 2.1972243785858154}, nullptr},
  {"logit", [](const Tensor& t) { return wick::logit(t); }, In::U, kDouble, kDouble, {-2.197224560779374, -1.0986122886681098, 0.0, 1.0986122886681098, 2.197224312426715}, nullptr},
  {"logit", [](const Tensor& t) { return wick::logit(t); }, In::U, kHalf, kHalf, {-2.197265625, -1.0986328125, 0.0, 1.0986328125, 2.1953125}, nullptr},
  {"logit", [](const Tensor& t) { return wick::logit(t); }, In::U, kBFloat16, kBFloat16, {-2.1875, -1.09375, 0.0, 1.1015625, 2.1875}, nullptr},
  {"logit", [](const Tensor& t) { return wick::logit(t); }, In::I, kLong, kFloat, {kNaN, kNaN, -kInf, kNaN, kNaN}, nullptr},
  {"logit", [](const Tensor& t) { return wick::logit(t); }, In::U8, kByte, kFloat, {kNaN, kInf, -kInf, kNaN, kNaN}, nullptr},
  {"logit", [](const Tensor& t) { return wick::logit(t); }, In::B, kBool, kFloat, {kInf, -kInf, kInf}, nullptr},
  {"logit_eps", [](const Tensor& t) { return wick::logit(t, 0.2); }, In::U, kFloat, kFloat, {-1.3862943649291992, -1.0986123085021973, 0.0, 1.0986123085021973, 1.3862944841384888}, nullptr},
  {"logit_eps", [](const Tensor& t) { return wick::logit(t, 0.2); }, In::U, kDouble, kDouble, {-1.3862943611198906, -1.0986122886681098, 0.0, 1.0986122886681098, 1.3862943611198908}, nullptr},
  {"logit_eps", [](const Tensor& t) { return wick::logit(t, 0.2); }, In::U, kHalf, kHalf, {-1.38671875, -1.0986328125, 0.0, 1.0986328125, 1.38671875}, nullptr},
  {"logit_eps", [](const Tensor& t) { return wick::logit(t, 0.2); }, In::U, kBFloat16, kBFloat16, {-1.3828125, -1.09375, 0.0, 1.1015625, 1.390625}, nullptr},
  {"logit_eps", [](const Tensor& t) { return wick::logit(t, 0.2); }, In::I, kLong, kFloat, {-1.3862943649291992, -1.3862943649291992, -1.3862943649291992, 1.3862944841384888, 1.3862944841384888}, nullptr},
  {"logit_eps", [](const Tensor& t) { return wick::logit(t, 0.2); }, In::U8, kByte, kFloat, {1.3862944841384888, 1.3862944841384888, -1.3862943649291992, 1.3862944841384888, 1.3862944841384888}, nullptr},
  {"logit_eps", [](const Tensor& t) { return wick::logit(t, 0.2); }, In::B, kBool, kFloat, {1.3862944841384888, -1.3862943649291992, 1.3862944841384888}, nullptr},
  {"erf", [](const Tensor& t) { return wick::erf(t); }, In::F, kFloat, kFloat, {-0.9995930194854736, -0.8427007794380188, -0.3286267817020416, 0.0, 0.42839235067367554, 0.8427007794380188, 0.9998656511306763}, nullptr},
  {"erf", [](const Tensor& t) { return wick::erf(t); }, In::F, kDouble, kDouble, {-0.999593047982555, -0.8427007929497149, -0.32862677175271543, 0.0, 0.4283923607779012, 0.8427007929497149, 0.9998656672967724}, nullptr},
  {"erf", [](const Tensor& t) { return wick::erf(t); }, In::F, kHalf, kHalf, {-0.99951171875, -0.8427734375, -0.32861328125, 0.0, 0.42822265625, 0.8427734375, 1.0}, nullptr},
  {"erf", [](const Tensor& t) { return wick::erf(t); }, In::F, kBFloat16, kBFloat16, {-1.0, -0.84375, -0.330078125, 0.0, 0.4296875, 0.84375, 1.0}, nullptr},
  {"erf", [](const Tensor& t) { return wick::erf(t); }, In::I, kLong, kFloat, {-0.9999778866767883, -0.8427007794380188, 0.0, 0.9953222870826721, 1.0}, nullptr},
  {"erf", [](const Tensor& t) { return wick::erf(t); }, In::U8, kByte, kFloat, {0.9999778866767883, 0.8427007794380188, 0.0, 0.9953222870826721, 1.0}, nullptr},
  {"erf", [](const Tensor& t) { return wick::erf(t); }, In::B, kBool, kFloat, {0.8427007794380188, 0.0, 0.8427007794380188}, nullptr},
  {"erfc", [](const Tensor& t) { return wick::erfc(t); }, In::F, kFloat, kFloat, {1.9995930194854736, 1.8427008390426636, 1.3286267518997192, 1.0, 0.5716076493263245, 0.15729920566082, 0.00013433270214591175}, nullptr},
  {"erfc", [](const Tensor& t) { return wick::erfc(t); }, In::F, kDouble, kDouble, {1.999593047982555, 1.8427007929497148, 1.3286267717527154, 1.0, 0.5716076392220988, 0.15729920705028513, 0.0001343327032276556}, nullptr},
  {"erfc", [](const Tensor& t) { return wick::erfc(t); }, In::F, kHalf, kHalf, {2.0, 1.8427734375, 1.3291015625, 1.0, 0.57177734375, 0.1573486328125, 0.00013494491577148438}, nullptr},
  {"erfc", [](const Tensor& t) { return wick::erfc(t); }, In::F, kBFloat16, kBFloat16, {2.0, 1.84375, 1.328125, 1.0, 0.5703125, 0.1572265625, 0.0001316070556640625}, nullptr},
  {"erfc", [](const Tensor& t) { return wick::erfc(t); }, In::I, kLong, kFloat, {1.999977946281433, 1.8427008390426636, 1.0, 0.004677735269069672, 1.5374598295869735e-12}, nullptr},
  {"erfc", [](const Tensor& t) { return wick::erfc(t); }, In::U8, kByte, kFloat, {2.2090496713644825e-05, 0.15729920566082, 1.0, 0.004677735269069672, 1.5374598295869735e-12}, nullptr},
  {"erfc", [](const Tensor& t) { return wick::erfc(t); }, In::B, kBool, kFloat, {0.15729920566082, 1.0, 0.15729920566082}, nullptr},
  {"erfinv", [](const Tensor& t) { return wick::erfinv(t); }, In::U, kFloat, kFloat, {0.08885598927736282, 0.22531205415725708, 0.4769362807273865, 0.8134198784828186, 1.163087010383606}, nullptr},
  {"erfinv", [](const Tensor& t) { return wick::erfinv(t); }, In::U, kDouble, kDouble, {0.08885599182530649, 0.2253120550121781, 0.4769362762044699, 0.8134198475976187, 1.163087071945772}, nullptr},
  {"erfinv", [](const Tensor& t) { return wick::erfinv(t); }, In::U, kHalf, kHalf, {0.08880615234375, 0.225341796875, 0.47705078125, 0.8134765625, 1.1630859375}, nullptr},
  {"erfinv", [](const Tensor& t) { return wick::erfinv(t); }, In::U, kBFloat16, kBFloat16, {0.0888671875, 0.2255859375, 0.4765625, 0.8125, 1.15625}, nullptr},
  {"erfinv", [](const Tensor& t) { return wick::erfinv(t); }, In::I, kLong, kFloat, {kNaN, -kInf, 0.0, kNaN, kNaN}, nullptr},
  {"erfinv", [](const Tensor& t) { return wick::erfinv(t); }, In::U8, kByte, kFloat, {kNaN, kInf, 0.0, kNaN, kNaN}, nullptr},
  {"erfinv", [](const Tensor& t) { return wick::erfinv(t); }, In::B, kBool, kFloat, {kInf, 0.0, kInf}, nullptr},
  {"erfinv_neg", [](const Tensor& t) { return wick::erfinv(wick::neg(t)); }, In::U, kFloat, kFloat, {-0.08885598927736282, -0.22531205415725708, -0.4769362807273865, -0.8134198784828186, -1.163087010383606}, nullptr},
  {"erfinv_neg", [](const Tensor& t) { return wick::erfinv(wick::neg(t)); }, In::U, kDouble, kDouble, {-0.08885599182530649, -0.2253120550121781, -0.4769362762044699, -0.8134198475976187, -1.163087071945772}, nullptr},
  {"erfinv_neg", [](const Tensor& t) { return wick::erfinv(wick::neg(t)); }, In::U, kHalf, kHalf, {-0.08880615234375, -0.225341796875, -0.47705078125, -0.8134765625, -1.1630859375}, nullptr},
  {"erfinv_neg", [](const Tensor& t) { return wick::erfinv(wick::neg(t)); }, In::U, kBFloat16, kBFloat16, {-0.0888671875, -0.2255859375, -0.4765625, -0.8125, -1.15625}, nullptr},
  {"erfinv_neg", [](const Tensor& t) { return wick::erfinv(wick::neg(t)); }, In::I, kLong, kFloat, {kNaN, kInf, 0.0, kNaN, kNaN}, nullptr},
  {"erfinv_neg", [](const Tensor& t) { return wick::erfinv(wick::neg(t)); }, In::U8, kByte, kFloat, {kNaN, kNaN, 0.0, kNaN, kNaN}, nullptr},
  {"erfinv_neg", [](const Tensor& t) { return wick::erfinv(wick::neg(t)); }, In::B, kBool, kFloat, {}, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."},
  {"ceil", [](const Tensor& t) { return wick::ceil(t); }, In::F, kFloat, kFloat, {-2.0, -1.0, -0.0, 0.0, 1.0, 1.0, 3.0}, nullptr},
  {"ceil", [](const Tensor& t) { return wick::ceil(t); }, In::F, kDouble, kDouble, {-2.0, -1.0, -0.0, 0.0, 1.0, 1.0, 3.0}, nullptr},
  {"ceil", [](const Tensor& t) { return wick::ceil(t); }, In::F, kHalf, kHalf, {-2.0, -1.0, -0.0, 0.0, 1.0, 1.0, 3.0}, nullptr},
  {"ceil", [](const Tensor& t) { return wick::ceil(t); }, In::F, kBFloat16, kBFloat16, {-2.0, -1.0, -0.0, 0.0, 1.0, 1.0, 3.0}, nullptr},
  {"ceil", [](const Tensor& t) { return wick::ceil(t); }, In::I, kLong, kLong, {-3.0, -1.0, 0.0, 2.0, 5.0}, nullptr},
  {"ceil", [](const Tensor& t) { return wick::ceil(t); }, In::U8, kByte, kByte, {3.0, 1.0, 0.0, 2.0, 5.0}, nullptr},
  {"ceil", [](const Tensor& t) { return wick::ceil(t); }, In::B, kBool, kFloat, {}, "\"ceil_vml_cpu\" not implemented for 'Bool'"},
  {"floor", [](const Tensor& t) { return wick::floor(t); }, In::F, kFloat, kFloat, {-3.0, -1.0, -1.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"floor", [](const Tensor& t) { return wick::floor(t); }, In::F, kDouble, kDouble, {-3.0, -1.0, -1.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"floor", [](const Tensor& t) { return wick::floor(t); }, In::F, kHalf, kHalf, {-3.0, -1.0, -1.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"floor", [](const Tensor& t) { return wick::floor(t); }, In::F, kBFloat16, kBFloat16, {-3.0, -1.0, -1.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"floor", [](const Tensor& t) { return wick::floor(t); }, In::I, kLong, kLong, {-3.0, -1.0, 0.0, 2.0, 5.0}, nullptr},
  {"floor", [](const Tensor& t) { return wick::floor(t); }, In::U8, kByte, kByte, {3.0, 1.0, 0.0, 2.0, 5.0}, nullptr},
  {"floor", [](const Tensor& t) { return wick::floor(t); }, In::B, kBool, kFloat, {}, "\"floor_vml_cpu\" not implemented for 'Bool'"},
  {"round", [](const Tensor& t) { return wick::round(t); }, In::F, kFloat, kFloat, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 3.0}, nullptr},
  {"round", [](const Tensor& t) { return wick::round(t); }, In::F, kDouble, kDouble, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 3.0}, nullptr},
  {"round", [](const Tensor& t) { return wick::round(t); }, In::F, kHalf, kHalf, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 3.0}, nullptr},
  {"round", [](const Tensor& t) { return wick::round(t); }, In::F, kBFloat16, kBFloat16, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 3.0}, nullptr},
  {"round", [](const Tensor& t) { return wick::round(t); }, In::I, kLong, kLong, {-3.0, -1.0, 0.0, 2.0, 5.0}, nullptr},
  {"round", [](const Tensor& t) { return wick::round(t); }, In::U8, kByte, kByte, {3.0, 1.0, 0.0, 2.0, 5.0}, nullptr},
  {"round", [](const Tensor& t) { return wick::round(t); }, In::B, kBool, kFloat, {}, "\"round_vml_cpu\" not implemented for 'Bool'"},
  {"round_dec", [](const Tensor& t) { return wick::round(t, 1); }, In::F, kFloat, kFloat, {-2.5, -1.0, -0.30000001192092896, 0.0, 0.4000000059604645, 1.0, 2.700000047683716}, nullptr},
  {"round_dec", [](const Tensor& t) { return wick::round(t, 1); }, In::F, kDouble, kDouble, {-2.5, -1.0, -0.3, 0.0, 0.4, 1.0, 2.7}, nullptr},
  {"round_dec", [](const Tensor& t) { return wick::round(t, 1); }, In::F, kHalf, kHalf, {-2.5, -1.0, -0.300048828125, 0.0, 0.39990234375, 1.0, 2.69921875}, nullptr},
  {"round_dec", [](const Tensor& t) { return wick::round(t, 1); }, In::F, kBFloat16, kBFloat16, {-2.5, -1.0, -0.30078125, 0.0, 0.400390625, 1.0, 2.703125}, nullptr},
  {"round_dec", [](const Tensor& t) { return wick::round(t, 1); }, In::I, kLong, kFloat, {}, "\"round_cpu\" not implemented for 'Long'"},
  {"round_dec", [](const Tensor& t) { return wick::round(t, 1); }, In::U8, kByte, kFloat, {}, "\"round_cpu\" not implemented for 'Byte'"},
  {"round_dec", [](const Tensor& t) { return wick::round(t, 1); }, In::B, kBool, kFloat, {}, "\"round_cpu\" not implemented for 'Bool'"},
  {"trunc", [](const Tensor& t) { return wick::trunc(t); }, In::F, kFloat, kFloat, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"trunc", [](const Tensor& t) { return wick::trunc(t); }, In::F, kDouble, kDouble, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"trunc", [](const Tensor& t) { return wick::trunc(t); }, In::F, kHalf, kHalf, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"trunc", [](const Tensor& t) { return wick::trunc(t); }, In::F, kBFloat16, kBFloat16, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"trunc", [](const Tensor& t) { return wick::trunc(t); }, In::I, kLong, kLong, {-3.0, -1.0, 0.0, 2.0, 5.0}, nullptr},
  {"trunc", [](const Tensor& t) { return wick::trunc(t); }, In::U8, kByte, kByte, {3.0, 1.0, 0.0, 2.0, 5.0}, nullptr},
  {"trunc", [](const Tensor& t) { return wick::trunc(t); }, In::B, kBool, kFloat, {}, "\"trunc_vml_cpu\" not implemented for 'Bool'"},
  {"fix", [](const Tensor& t) { return wick::fix(t); }, In::F, kFloat, kFloat, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"fix", [](const Tensor& t) { return wick::fix(t); }, In::F, kDouble, kDouble, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"fix", [](const Tensor& t) { return wick::fix(t); }, In::F, kHalf, kHalf, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"fix", [](const Tensor& t) { return wick::fix(t); }, In::F, kBFloat16, kBFloat16, {-2.0, -1.0, -0.0, 0.0, 0.0, 1.0, 2.0}, nullptr},
  {"fix", [](const Tensor& t) { return wick::fix(t); }, In::I, kLong, kLong, {-3.0, -1.0, 0.0, 2.0, 5.0}, nullptr},
  {"fix", [](const Tensor& t) { return wick::fix(t); }, In::U8, kByte, kByte, {3.0, 1.0, 0.0, 2.0, 5.0}, nullptr},
  {"fix", [](const Tensor& t) { return wick::fix(t); }, In::B, kBool, kFloat, {}, "\"trunc_vml_cpu\" not implemented for 'Bool'"},
  {"frac", [](const Tensor& t) { return wick::frac(t); }, In::F, kFloat, kFloat, {-0.5, 0.0, -0.30000001192092896, 0.0, 0.4000000059604645, 0.0, 0.7000000476837158}, nullptr},
  {"frac", [](const Tensor& t) { return wick::frac(t); }, In::F, kDouble, kDouble, {-0.5, 0.0, -0.30000001192092896, 0.0, 0.4000000059604645, 0.0, 0.7000000476837158}, nullptr},
  {"frac", [](const Tensor& t) { return wick::frac(t); }, In::F, kHalf, kHalf, {-0.5, 0.0, -0.300048828125, 0.0, 0.39990234375, 0.0, 0.69921875}, nullptr},
  {"frac", [](const Tensor& t) { return wick::frac(t); }, In::F, kBFloat16, kBFloat16, {-0.5, 0.0, -0.30078125, 0.0, 0.400390625, 0.0, 0.703125}, nullptr},
  {"frac", [](const Tensor& t) { return wick::frac(t); }, In::I, kLong, kFloat, {}, "\"frac_cpu\" not implemented for 'Long'"},
  {"frac", [](const Tensor& t) { return wick::frac(t); }, In::U8, kByte, kFloat, {}, "\"frac_cpu\" not implemented for 'Byte'"},
  {"frac", [](const Tensor& t) { return wick::frac(t); }, In::B, kBool, kFloat, {}, "\"frac_cpu\" not implemented for 'Bool'"},
  {"reciprocal", [](const Tensor& t) { return wick::reciprocal(t); }, In::F, kFloat, kFloat, {-0.4000000059604645, -1.0, -3.3333332538604736, kInf, 2.5, 1.0, 0.37037035822868347}, nullptr},
  {"reciprocal", [](const Tensor& t) { return wick::reciprocal(t); }, In::F, kDouble, kDouble, {-0.4, -1.0, -3.3333332008785725, kInf, 2.4999999627470975, 1.0, 0.37037036382939437}, nullptr},
  {"reciprocal", [](const Tensor& t) { return wick::reciprocal(t); }, In::F, kHalf, kHalf, {-0.39990234375, -1.0, -3.33203125, kInf, 2.5, 1.0, 0.370361328125}, nullptr},
  {"reciprocal", [](const Tensor& t) { return wick::reciprocal(t); }, In::F, kBFloat16, kBFloat16, {-0.400390625, -1.0, -3.328125, kInf, 2.5, 1.0, 0.369140625}, nullptr},
  {"reciprocal", [](const Tensor& t) { return wick::reciprocal(t); }, In::I, kLong, kFloat, {-0.3333333432674408, -1.0, kInf, 0.5, 0.20000000298023224}, nullptr},
  {"reciprocal", [](const Tensor& t) { return wick::reciprocal(t); }, In::U8, kByte, kFloat, {0.3333333432674408, 1.0, kInf, 0.5, 0.20000000298023224}, nullptr},
  {"reciprocal", [](const Tensor& t) { return wick::reciprocal(t); }, In::B, kBool, kFloat, {1.0, kInf, 1.0}, nullptr},
  {"square", [](const Tensor& t) { return wick::square(t); }, In::F, kFloat, kFloat, {6.25, 1.0, 0.09000000357627869, 0.0, 0.1600000113248825, 1.0, 7.2900004386901855}, nullptr},
  {"square", [](const Tensor& t) { return wick::square(t); }, In::F, kDouble, kDouble, {6.25, 1.0, 0.09000000715255752, 0.0, 0.16000000476837162, 1.0, 7.290000257492068}, nullptr},
  {"square", [](const Tensor& t) { return wick::square(t); }, In::F, kHalf, kHalf, {6.25, 1.0, 0.09002685546875, 0.0, 0.159912109375, 1.0, 7.28515625}, nullptr},
  {"square", [](const Tensor& t) { return wick::square(t); }, In::F, kBFloat16, kBFloat16, {6.25, 1.0, 0.09033203125, 0.0, 0.16015625, 1.0, 7.3125}, nullptr},
  {"square", [](const Tensor& t) { return wick::square(t); }, In::I, kLong, kLong, {9.0, 1.0, 0.0, 4.0, 25.0}, nullptr},
  {"square", [](const Tensor& t) { return wick::square(t); }, In::U8, kByte, kByte, {9.0, 1.0, 0.0, 4.0, 25.0}, nullptr},
  {"square", [](const Tensor& t) { return wick::square(t); }, In::B, kBool, kLong, {1.0, 0.0, 1.0}, nullptr},
  {"relu", [](const Tensor& t) { return wick::relu(t); }, In::F, kFloat, kFloat, {0.0, 0.0, 0.0, 0.0, 0.4000000059604645, 1.0, 2.700000047683716}, nullptr},
  {"relu", [](const Tensor& t) { return wick::relu(t); }, In::F, kDouble, kDouble, {0.0, 0.0, 0.0, 0.0, 0.4000000059604645, 1.0, 2.700000047683716}, nullptr},
  {"relu", [](const Tensor& t) { return wick::relu(t); }, In::F, kHalf, kHalf, {0.0, 0.0, 0.0, 0.0, 0.39990234375, 1.0, 2.69921875}, nullptr},
  {"relu", [](const Tensor& t) { return wick::relu(t); }, In::F, kBFloat16, kBFloat16, {0.0, 0.0, 0.0, 0.0, 0.400390625, 1.0, 2.703125}, nullptr},
  {"relu", [](const Tensor& t) { return wick::relu(t); }, In::I, kLong, kLong, {0.0, 0.0, 0.0, 2.0, 5.0}, nullptr},
  {"relu", [](const Tensor& t) { return wick::relu(t); }, In::U8, kByte, kByte, {3.0, 1.0, 0.0, 2.0, 5.0}, nullptr},
  {"relu", [](const Tensor& t) { return wick::relu(t); }, In::B, kBool, kFloat, {}, "Boolean inputs not supported for relu"},
  {"gelu", [](const Tensor& t) { return wick::gelu(t); }, In::F, kFloat, kFloat, {-0.015524178743362427, -0.1586552858352661, -0.11462658643722534, 0.0, 0.26216867566108704, 0.8413447141647339, 2.690639019012451}, nullptr},
  {"gelu", [](const Tensor& t) { return wick::gelu(t); }, In::F, kDouble, kDouble, {-0.015524163314440398, -0.15865525393145702, -0.11462657653421583, 0.0, 0.26216870142877213, 0.841344746068543, 2.6906392195918416}, nullptr},
  {"gelu", [](const Tensor& t) { return wick::gelu(t); }, In::F, kHalf, kHalf, {-0.01552581787109375, -0.15869140625, -0.1146240234375, 0.0, 0.26220703125, 0.84130859375, 2.689453125}, nullptr},
  {"gelu", [](const Tensor& t) { return wick::gelu(t); }, In::F, kBFloat16, kBFloat16, {-0.0155029296875, -0.158203125, -0.11474609375, 0.0, 0.26171875, 0.83984375, 2.6875}, nullptr},
  {"gelu", [](const Tensor& t) { return wick::gelu(t); }, In::I, kLong, kFloat, {}, "\"GeluKernelImpl\" not implemented for 'Long'"},
  {"gelu", [](const Tensor& t) { return wick::gelu(t); }, In::U8, kByte, kFloat, {}, "\"GeluKernelImpl\" not implemented for 'Byte'"},
  {"gelu", [](const Tensor& t) { return wick::gelu(t); }, In::B, kBool, kFloat, {}, "\"GeluKernelImpl\" not implemented for 'Bool'"},
  {"gelu_tanh", [](const Tensor& t) { return wick::gelu(t, "tanh"); }, In::F, kFloat, kFloat, {-0.015084296464920044, -0.15880799293518066, -0.11462908238172531, 0.0, 0.26216116547584534, 0.8411920070648193, 2.6911122798919678}, nullptr},
  {"gelu_tanh", [](const Tensor& t) { return wick::gelu(t, "tanh"); }, In::F, kDouble, kDouble, {-0.015084266089998577, -0.15880800939172324, -0.1146290796485276, 0.0, 0.2621611742115757, 0.8411919906082768, 2.6911124542205034}, nullptr},
  {"gelu_tanh", [](const Tensor& t) { return wick::gelu(t, "tanh"); }, In::F, kHalf, kHalf, {-0.01508331298828125, -0.1588134765625, -0.1146240234375, 0.0, 0.261962890625, 0.84130859375, 2.689453125}, nullptr},
  {"gelu_tanh", [](const Tensor& t) { return wick::gelu(t, "tanh"); }, In::F, kBFloat16, kBFloat16, {-0.0146484375, -0.158203125, -0.115234375, 0.0, 0.263671875, 0.84375, 2.6875}, nullptr},
  {"gelu_tanh", [](const Tensor& t) { return wick::gelu(t, "tanh"); }, In::I, kLong, kFloat, {}, "\"GeluKernelImpl\" not implemented for 'Long'"},
  {"gelu_tanh", [](const Tensor& t) { return wick::gelu(t, "tanh"); }, In::U8, kByte, kFloat, {}, "\"GeluKernelImpl\" not implemented for 'Byte'"},
  {"gelu_tanh", [](const Tensor& t) { return wick::gelu(t, "tanh"); }, In::B, kBool, kFloat, {}, "\"GeluKernelImpl\" not implemented for 'Bool'"},
  {"silu", [](const Tensor& t) { return wick::silu(t); }, In::F, kFloat, kFloat, {-0.189645454287529, -0.2689414322376251, -0.12766724824905396, 0.0, 0.2394750714302063, 0.7310585975646973, 2.5299718379974365}, nullptr},
  {"silu", [](const Tensor& t) { return wick::silu(t); }, In::F, kDouble, kDouble, {-0.18964545005310887, -0.2689414213699951, -0.12766724915529173, 0.0, 0.2394750681862636, 0.7310585786300049, 2.52997199092403}, nullptr},
  {"silu", [](const Tensor& t) { return wick::silu(t); }, In::F, kHalf, kHalf, {-0.189697265625, -0.26904296875, -0.127685546875, 0.0, 0.2393798828125, 0.73095703125, 2.529296875}, nullptr},
  {"silu", [](const Tensor& t) { return wick::silu(t); }, In::F, kBFloat16, kBFloat16, {-0.189453125, -0.26953125, -0.1279296875, 0.0, 0.2392578125, 0.73046875, 2.53125}, nullptr},
  {"silu", [](const Tensor& t) { return wick::silu(t); }, In::I, kLong, kFloat, {}, "\"silu_cpu\" not implemented for 'Long'"},
  {"silu", [](const Tensor& t) { return wick::silu(t); }, In::U8, kByte, kFloat, {}, "\"silu_cpu\" not implemented for 'Byte'"},
  {"silu", [](const Tensor& t) { return wick::silu(t); }, In::B, kBool, kFloat, {}, "\"silu_cpu\" not implemented for 'Bool'"},
  {"softplus", [](const Tensor& t) { return wick::softplus(t); }, In::F, kFloat, kFloat, {0.07888973504304886, 0.3132616877555847, 0.554355263710022, 0.6931471824645996, 0.9130152463912964, 1.31326162815094, 2.7650434970855713}, nullptr},
  {"softplus", [](const Tensor& t) { return wick::softplus(t); }, In::F, kDouble, kDouble, {0.07888973429254963, 0.31326168751822286, 0.5543552393954867, 0.6931471805599453, 0.9130152559684092, 1.3132616875182228, 2.765043606457503}, nullptr},
  {"softplus", [](const Tensor& t) { return wick::softplus(t); }, In::F, kHalf, kHalf, {0.07891845703125, 0.313232421875, 0.55419921875, 0.693359375, 0.9130859375, 1.3134765625, 2.763671875}, nullptr},
  {"softplus", [](const Tensor& t) { return wick::softplus(t); }, In::F, kBFloat16, kBFloat16, {0.0791015625, 0.3125, 0.5546875, 0.69140625, 0.9140625, 1.3125, 2.765625}, nullptr},
  {"softplus", [](const Tensor& t) { return wick::softplus(t); }, In::I, kLong, kFloat, {}, "\"softplus_cpu\" not implemented for 'Long'"},
  {"softplus", [](const Tensor& t) { return wick::softplus(t); }, In::U8, kByte, kFloat, {}, "\"softplus_cpu\" not implemented for 'Byte'"},
  {"softplus", [](const Tensor& t) { return wick::softplus(t); }, In::B, kBool, kFloat, {}, "\"softplus_cpu\" not implemented for 'Bool'"},
  {"softplus_bt", [](const Tensor& t) { return wick::softplus(t, 2, 1); }, In::F, kFloat, kFloat, {0.003357674228027463, 0.06346400082111359, 0.2187439650297165, 0.3465735912322998, 0.5855503082275391, 1.0, 2.700000047683716}, nullptr},
  {"softplus_bt", [](const Tensor& t) { return wick::softplus(t, 2, 1); }, In::F, kDouble, kDouble, {0.003357674244559034, 0.06346400552148625, 0.21874397101883683, 0.34657359027997264, 0.5855503370864572, 1.0, 2.700000047683716}, nullptr},
  {"softplus_bt", [](const Tensor& t) { return wick::softplus(t, 2, 1); }, In::F, kHalf, kHalf, {0.00335693359375, 0.0634765625, 0.21875, 0.3466796875, 0.58544921875, 1.0, 2.69921875}, nullptr},
  {"softplus_bt", [](const Tensor& t) { return wick::softplus(t, 2, 1); }, In::F, kBFloat16, kBFloat16, {0.00335693359375, 0.0634765625, 0.21875, 0.345703125, 0.5859375, 1.0, 2.703125}, nullptr},
  {"softplus_bt", [](const Tensor& t) { return wick::softplus(t, 2, 1); }, In::I, kLong, kFloat, {}, "\"softplus_cpu\" not implemented for 'Long'"},
  {"softplus_bt", [](const Tensor& t) { return wick::softplus(t, 2, 1); }, In::U8, kByte, kFloat, {}, "\"softplus_cpu\" not implemented for 'Byte'"},
  {"softplus_bt", [](const Tensor& t) { return wick::softplus(t, 2, 1); }, In::B, kBool, kFloat, {}, "\"softplus_cpu\" not implemented for 'Bool'"},
  {"mish", [](const Tensor& t) { return wick::mish(t); }, In::F, kFloat, kFloat, {-0.19681619107723236, -0.3034014403820038, -0.15113317966461182, 0.0, 0.289030522108078, 0.8650983572006226, 2.6786701679229736}, nullptr},
  {"mish", [](const Tensor& t) { return wick::mish(t); }, In::F, kDouble, kDouble, {-0.19681620390653337, -0.30340146137410895, -0.15113318200816372, 0.0, 0.28903053906137627, 0.8650983882673103, 2.6786701606464054}, nullptr},
  {"mish", [](const Tensor& t) { return wick::mish(t); }, In::F, kHalf, kHalf, {-0.19677734375, -0.303466796875, -0.151123046875, 0.0, 0.2890625, 0.865234375, 2.677734375}, nullptr},
  {"mish", [](const Tensor& t) { return wick::mish(t); }, In::F, kBFloat16, kBFloat16, {-0.197265625, -0.302734375, -0.1513671875, 0.0, 0.2890625, 0.86328125, 2.6875}, nullptr},
  {"mish", [](const Tensor& t) { return wick::mish(t); }, In::I, kLong, kFloat, {}, "\"mish_cpu\" not implemented for 'Long'"},
  {"mish", [](const Tensor& t) { return wick::mish(t); }, In::U8, kByte, kFloat, {}, "\"mish_cpu\" not implemented for 'Byte'"},
  {"mish", [](const Tensor& t) { return wick::mish(t); }, In::B, kBool, kFloat, {}, "\"mish_cpu\" not implemented for 'Bool'"},
  {"hardtanh", [](const Tensor& t) { return wick::hardtanh(t); }, In::F, kFloat, kFloat, {-1.0, -1.0, -0.30000001192092896, 0.0, 0.4000000059604645, 1.0, 1.0}, nullptr},
  {"hardtanh", [](const Tensor& t) { return wick::hardtanh(t); }, In::F, kDouble, kDouble, {-1.0, -1.0, -0.30000001192092896, 0.0, 0.4000000059604645, 1.0, 1.0}, nullptr},
  {"hardtanh", [](const Tensor& t) { return wick::hardtanh(t); }, In::F, kHalf, kHalf, {-1.0, -1.0, -0.300048828125, 0.0, 0.39990234375, 1.0, 1.0}, nullptr},
  {"hardtanh", [](const Tensor& t) { return wick::hardtanh(t); }, In::F, kBFloat16, kBFloat16, {-1.0, -1.0, -0.30078125, 0.0, 0.400390625, 1.0, 1.0}, nullptr},
  {"hardtanh", [](const Tensor& t) { return wick::hardtanh(t); }, In::I, kLong, kLong, {-1.0, -1.0, 0.0, 1.0, 1.0}, nullptr},
  {"hardtanh", [](const Tensor& t) { return wick::hardtanh(t); }, In::U8, kByte, kFloat, {}, "cannot do hardtanh on an unsigned type with negative limits"},
  {"hardtanh", [](const Tensor& t) { return wick::hardtanh(t); }, In::B, kBool, kFloat, {}, "Bool inputs not supported for hardtanh"},
  {"isnan", [](const Tensor& t) { return wick::isnan(t); }, In::F, kFloat, kBool, {0, 0, 0, 0, 0, 0, 0}, nullptr},
  {"isnan", [](const Tensor& t) { return wick::isnan(t); }, In::F, kDouble, kBool, {0, 0, 0, 0, 0, 0, 0}, nullptr},
  {"isnan", [](const Tensor& t) { return wick::isnan(t); }, In::F, kHalf, kBool, {0, 0, 0, 0, 0, 0, 0}, nullptr},
  {"isnan", [](const Tensor& t) { return wick::isnan(t); }, In::F, kBFloat16, kBool, {0, 0, 0, 0, 0, 0, 0}, nullptr},
  {"isnan", [](const Tensor& t) { return wick::isnan(t); }, In::I, kLong, kBool, {0, 0, 0, 0, 0}, nullptr},
  {"isnan", [](const Tensor& t) { return wick::isnan(t); }, In::U8, kByte, kBool, {0, 0, 0, 0, 0}, nullptr},
  {"isnan", [](const Tensor& t) { return wick::isnan(t); }, In::B, kBool, kBool, {0, 0, 0}, nullptr},
  {"isinf", [](const Tensor& t) { return wick::isinf(t); }, In::F, kFloat, kBool, {0, 0, 0, 0, 0, 0, 0}, nullptr},
  {"isinf", [](const Tensor& t) { return wick::isinf(t); }, In::F, kDouble, kBool, {0, 0, 0, 0, 0, 0, 0}, nullptr},
  {"isinf", [](const Tensor& t) { return wick::isinf(t); }, In::F, kHalf, kBool, {0, 0, 0, 0, 0, 0, 0}, nullptr},
  {"isinf", [](const Tensor& t) { return wick::isinf(t); }, In::F, kBFloat16, kBool, {0, 0, 0, 0, 0, 0, 0}, nullptr},
  {"isinf", [](const Tensor& t) { return wick::isinf(t); }, In::I, kLong, kBool, {0, 0, 0, 0, 0}, nullptr},
  {"isinf", [](const Tensor& t) { return wick::isinf(t); }, In::U8, kByte, kBool, {0, 0, 0, 0, 0}, nullptr},
  {"isinf", [](const Tensor& t) { return wick::isinf(t); }, In::B, kBool, kBool, {0, 0, 0}, nullptr},
  {"isfinite", [](const Tensor& t) { return wick::isfinite(t); }, In::F, kFloat, kBool, {1, 1, 1, 1, 1, 1, 1}, nullptr},
  {"isfinite", [](const Tensor& t) { return wick::isfinite(t); }, In::F, kDouble, kBool, {1, 1, 1, 1, 1, 1, 1}, nullptr},
  {"isfinite", [](const Tensor& t) { return wick::isfinite(t); }, In::F, kHalf, kBool, {1, 1, 1, 1, 1, 1, 1}, nullptr},
  {"isfinite", [](const Tensor& t) { return wick::isfinite(t); }, In::F, kBFloat16, kBool, {1, 1, 1, 1, 1, 1, 1}, nullptr},
  {"isfinite", [](const Tensor& t) { return wick::isfinite(t); }, In::I, kLong, kBool, {1, 1, 1, 1, 1}, nullptr},
  {"isfinite", [](const Tensor& t) { return wick::isfinite(t); }, In::U8, kByte, kBool, {1, 1, 1, 1, 1}, nullptr},
  {"isfinite", [](const Tensor& t) { return wick::isfinite(t); }, In::B, kBool, kBool, {1, 1, 1}, nullptr},
  {"signbit", [](const Tensor& t) { return wick::signbit(t); }, In::F, kFloat, kBool, {1, 1, 1, 0, 0, 0, 0}, nullptr},
  {"signbit", [](const Tensor& t) { return wick::signbit(t); }, In::F, kDouble, kBool, {1, 1, 1, 0, 0, 0, 0}, nullptr},
  {"signbit", [](const Tensor& t) { return wick::signbit(t); }, In::F, kHalf, kBool, {1, 1, 1, 0, 0, 0, 0}, nullptr},
  {"signbit", [](const Tensor& t) { return wick::signbit(t); }, In::F, kBFloat16, kBool, {1, 1, 1, 0, 0, 0, 0}, nullptr},
  {"signbit", [](const Tensor& t) { return wick::signbit(t); }, In::I, kLong, kBool, {1, 1, 0, 0, 0}, nullptr},
  {"signbit", [](const Tensor& t) { return wick::signbit(t); }, In::U8, kByte, kBool, {0, 0, 0, 0, 0}, nullptr},
  {"signbit", [](const Tensor& t) { return wick::signbit(t); }, In::B, kBool, kBool, {0, 0, 0}, nullptr},
  {"nan_to_num", [](const Tensor& t) { return wick::nan_to_num(t); }, In::F, kFloat, kFloat, {-2.5, -1.0, -0.30000001192092896, 0.0, 0.4000000059604645, 1.0, 2.700000047683716}, nullptr},
  {"nan_to_num", [](const Tensor& t) { return wick::nan_to_num(t); }, In::F, kDouble, kDouble, {-2.5, -1.0, -0.30000001192092896, 0.0, 0.4000000059604645, 1.0, 2.700000047683716}, nullptr},
  {"nan_to_num", [](const Tensor& t) { return wick::nan_to_num(t); }, In::F, kHalf, kHalf, {-2.5, -1.0, -0.300048828125, 0.0, 0.39990234375, 1.0, 2.69921875}, nullptr},
  {"nan_to_num", [](const Tensor& t) { return wick::nan_to_num(t); }, In::F, kBFloat16, kBFloat16, {-2.5, -1.0, -0.30078125, 0.0, 0.400390625, 1.0, 2.703125}, nullptr},
  {"nan_to_num", [](const Tensor& t) { return wick::nan_to_num(t); }, In::I, kLong, kLong, {-3.0, -1.0, 0.0, 2.0, 5.0}, nullptr},
  {"nan_to_num", [](const Tensor& t) { return wick::nan_to_num(t); }, In::U8, kByte, kByte, {3.0, 1.0, 0.0, 2.0, 5.0}, nullptr},
  {"nan_to_num", [](const Tensor& t) { return wick::nan_to_num(t); }, In::B, kBool, kBool, {1, 0, 1}, nullptr},
  {"bitwise_not", [](const Tensor& t) { return wick::bitwise_not(t); }, In::F, kFloat, kFloat, {}, "\"bitwise_not_cpu\" not implemented for 'Float'"},
  {"bitwise_not", [](const Tensor& t) { return wick::bitwise_not(t); }, In::F, kDouble, kFloat, {}, "\"bitwise_not_cpu\" not implemented for 'Double'"},
  {"bitwise_not", [](const Tensor& t) { return wick::bitwise_not(t); }, In::F, kHalf, kFloat, {}, "\"bitwise_not_cpu\" not implemented for 'Half'"},
  {"bitwise_not", [](const Tensor& t) { return wick::bitwise_not(t); }, In::F, kBFloat16, kFloat, {}, "\"bitwise_not_cpu\" not implemented for 'BFloat16'"},
  {"bitwise_not", [](const Tensor& t) { return wick::bitwise_not(t); }, In::I, kLong, kLong, {2.0, 0.0, -1.0, -3.0, -6.0}, nullptr},
  {"bitwise_not", [](const Tensor& t) { return wick::bitwise_not(t); }, In::U8, kByte, kByte, {252.0, 254.0, 255.0, 253.0, 250.0}, nullptr},
  {"bitwise_not", [](const Tensor& t) { return wick::bitwise_not(t); }, In::B, kBool, kBool, {0, 1, 0}, nullptr},
  {"logical_not", [](const Tensor& t) { return wick::logical_not(t); }, In::F, kFloat, kBool, {0, 0, 0, 1, 0, 0, 0}, nullptr},
  {"logical_not", [](const Tensor& t) { return wick::logical_not(t); }, In::F, kDouble, kBool, {0, 0, 0, 1, 0, 0, 0}, nullptr},
  {"logical_not", [](const Tensor& t) { return wick::logical_not(t); }, In::F, kHalf, kBool, {0, 0, 0, 1, 0, 0, 0}, nullptr},
  {"logical_not", [](const Tensor& t) { return wick::logical_not(t); }, In::F, kBFloat16, kBool, {0, 0, 0, 1, 0, 0, 0}, nullptr},
  {"logical_not", [](const Tensor& t) { return wick::logical_not(t); }, In::I, kLong, kBool, {0, 0, 1, 0, 0}, nullptr},
  {"logical_not", [](const Tensor& t) { return wick::logical_not(t); }, In::U8, kByte, kBool, {0, 0, 1, 0, 0}, nullptr},
  {"logical_not", [](const Tensor& t) { return wick::logical_not(t); }, In::B, kBool, kBool, {0, 1, 0}, nullptr},
  };
  return cases;
}
// clang-format on

}  // namespace

TEST(UnaryOps, ValuesAndDtypesMatchPyTorch) {
  for (const auto& c : unary_cases()) {
    SCOPED_TRACE(std::string(c.name) + " on " + to_string(c.in_dtype));
    Tensor in = make_input(c.input, c.in_dtype);
    if (c.error) {
      try {
        c.fn(in);
        ADD_FAILURE() << "expected an error";
      } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), c.error);
      }
      continue;
    }
    Tensor out = c.fn(in);
    EXPECT_EQ(out.dtype(), c.out_dtype);
    const double rtol = std::max(rtol_for(c.out_dtype), rtol_for(c.in_dtype));
    EXPECT_TENSOR_CLOSE(out, expected_tensor(c.expected, c.out_dtype), rtol, rtol);
  }
}

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

Tensor vec(std::initializer_list<double> v, ScalarType dtype) {
  return tensor(std::vector<double>(v), TensorOptions(kDouble)).to(dtype);
}

// nan, inf, -inf, -0.0, 1.5
Tensor special() { return tensor({NAN, INFINITY, -INFINITY, -0.0f, 1.5f}); }

}  // namespace

TEST(UnaryOps, SpecialValues) {
  EXPECT_TENSOR_EQ(isnan(special()), vec({1, 0, 0, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(isinf(special()), vec({0, 1, 1, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(isposinf(special()), vec({0, 1, 0, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(isneginf(special()), vec({0, 0, 1, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(isfinite(special()), vec({0, 0, 0, 1, 1}, kBool));
  EXPECT_TENSOR_EQ(signbit(special()), vec({0, 0, 1, 1, 0}, kBool));
  EXPECT_TENSOR_EQ(signbit(special().to(kBFloat16)), vec({0, 0, 1, 1, 0}, kBool));
  EXPECT_TENSOR_EQ(signbit(special().to(kDouble)), vec({0, 0, 1, 1, 0}, kBool));
  EXPECT_TENSOR_EQ(special().isinf(), vec({0, 1, 1, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(special().isnan(), vec({1, 0, 0, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(special().isposinf(), vec({0, 1, 0, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(special().isneginf(), vec({0, 0, 1, 0, 0}, kBool));
  EXPECT_TENSOR_EQ(special().isfinite(), vec({0, 0, 0, 1, 1}, kBool));
  EXPECT_TENSOR_EQ(special().signbit(), vec({0, 0, 1, 1, 0}, kBool));
  EXPECT_TENSOR_EQ(sign(special()), vec({0, 1, -1, 0, 1}, kFloat));
  EXPECT_TENSOR_EQ(nan_to_num(special()),
                   vec({0, 3.4028234663852886e+38, -3.4028234663852886e+38, -0.0, 1.5}, kFloat));
  EXPECT_TENSOR_EQ(special().nan_to_num(1.0, 2.0, -2.0), vec({1, 2, -2, 0, 1.5}, kFloat));
  EXPECT_TENSOR_EQ(nan_to_num(special().to(kHalf)), vec({0, 65504, -65504, 0, 1.5}, kHalf));
  EXPECT_TENSOR_EQ(nan_to_num(special().to(kBFloat16)),
                   vec({0, 3.3895313892515355e+38, -3.3895313892515355e+38, 0, 1.5}, kBFloat16));
  EXPECT_TENSOR_EQ(nan_to_num(special().to(kDouble)),
                   vec({0, 1.7976931348623157e+308, -1.7976931348623157e+308, 0, 1.5}, kDouble));
  Tensor n = special();
  n.nan_to_num_(0.5);
  EXPECT_TENSOR_EQ(n, vec({0.5, 3.4028234663852886e+38, -3.4028234663852886e+38, 0, 1.5}, kFloat));
  EXPECT_TENSOR_EQ(relu(tensor({NAN, -1.f, 2.f})), vec({kNaN, 0, 2}, kFloat));
  EXPECT_TENSOR_EQ(sigmoid(tensor({-100.f, 100.f})), vec({0, 1}, kFloat));
  EXPECT_TENSOR_EQ(abs(tensor({-128}).to(kChar)), vec({-128}, kChar));
  EXPECT_EQ(neg(tensor({std::numeric_limits<int64_t>::min()})).item<int64_t>(),
            std::numeric_limits<int64_t>::min());
  // Near +-1 PyTorch's float erfinv is off by ~4e-6 (it gives -3.4570882); the
  // reference here is the float64 value of the same input, which we match to float precision.
  EXPECT_TENSOR_CLOSE(erfinv(tensor({-1.f, 1.f, 0.f, 2.f, -0.999999f})),
                      vec({-kInf, kInf, 0, kNaN, -3.4570747260298265}, kFloat), 1e-7, 0);
  EXPECT_TENSOR_CLOSE(erfinv(tensor({0.9999999, 1e-10, -0.3}, TensorOptions(kDouble))),
                      vec({3.7665625815775803, 8.862269254527581e-11, -0.2724627147267544}, kDouble),
                      1e-10, 0);
}

TEST(UnaryOps, RoundingOptions) {
  EXPECT_TENSOR_EQ(round(tensor({0.5f, 1.5f, 2.5f, -0.5f, -1.5f})), vec({0, 2, 2, -0.0, -2}, kFloat));
  EXPECT_TENSOR_EQ(round(tensor({1234.5678f, -0.05f}), 2), vec({1234.5699462890625, -0.05000000074505806}, kFloat));
  EXPECT_TENSOR_EQ(tensor({1234.5678f, 1250.f}).round(-2), vec({1200, 1200}, kFloat));
  EXPECT_TENSOR_EQ(round(tensor({int64_t(3), int64_t(-4)})), vec({3, -4}, kLong));
  EXPECT_EQ(error_of([] { round(tensor({int64_t(3)}), 1); }), "\"round_cpu\" not implemented for 'Long'");
  Tensor r = tensor({1.25f, 2.35f});
  r.round_(1);
  EXPECT_TENSOR_EQ(r, vec({1.2000000476837158, 2.4000000953674316}, kFloat));
  EXPECT_TENSOR_CLOSE(logit(tensor({0.f, 0.05f, 1.f}), 0.1),
                      vec({-2.1972246170043945, -2.1972246170043945, 2.1972243785858154}, kFloat));
  EXPECT_TENSOR_CLOSE(tensor({0.5f, 0.2f}).logit(-1.0), vec({0, -1.3862943649291992}, kFloat));
  Tensor l = tensor({0.5f, 0.2f});
  l.logit_();
  EXPECT_TENSOR_CLOSE(l, vec({0, -1.3862943649291992}, kFloat));
  EXPECT_EQ(error_of([] { gelu(tensor({1.f}), "x"); }), "approximate argument must be either none or tanh.");
  EXPECT_TENSOR_EQ(frac(tensor({-2.5f, 2.75f})), vec({-0.5, 0.75}, kFloat));
  EXPECT_TENSOR_EQ(hardtanh(tensor({-3.f, 0.5f, 3.f}), -2, 2), vec({-2, 0.5, 2}, kFloat));
  EXPECT_EQ(error_of([] { hardtanh(tensor({1}).to(kByte)); }),
            "cannot do hardtanh on an unsigned type with negative limits");
}

TEST(UnaryOps, InPlaceOutAndMethods) {
  Tensor a = tensor({4.f, 9.f});
  const auto v0 = a._version();
  Tensor& r = a.sqrt_();
  EXPECT_TRUE(r.is_same(a));
  EXPECT_GT(a._version(), v0);
  EXPECT_TENSOR_EQ(a, vec({2, 3}, kFloat));
  EXPECT_TENSOR_EQ(tensor({4, 9}).sqrt(), vec({2, 3}, kFloat));
  EXPECT_EQ(error_of([] {
              Tensor t = tensor({int64_t(4)});
              t.sqrt_();
            }),
            "result type Float can't be cast to the desired output type Long");
  EXPECT_EQ(error_of([] {
              Tensor t = tensor({true});
              t.exp_();
            }),
            "result type Float can't be cast to the desired output type Bool");
  EXPECT_EQ(error_of([] {
              Tensor t = tensor({true});
              t.square_();
            }),
            "result type Long can't be cast to the desired output type Bool");
  EXPECT_EQ(error_of([] {
              Tensor t = tensor({true});
              t.abs_();
            }),
            "\"abs_cpu\" not implemented for 'Bool'");
  Tensor i = tensor({int64_t(-3), int64_t(2)});
  i.neg_().abs_();
  EXPECT_TENSOR_EQ(i, vec({3, 2}, kLong));
  Tensor lf = tensor({0.f, 2.f});
  lf.logical_not_();
  EXPECT_TENSOR_EQ(lf, vec({1, 0}, kFloat));
  Tensor bn = tensor({int64_t(0), int64_t(3)});
  bn.bitwise_not_();
  EXPECT_TENSOR_EQ(bn, vec({-1, -4}, kLong));
  // out=: resized, cast to its dtype when the cast is allowed.
  Tensor out = empty({0}, kDouble);
  Tensor& ro = exp_out(out, tensor({0, 1}));
  EXPECT_TRUE(ro.is_same(out));
  EXPECT_TENSOR_CLOSE(out, vec({1, 2.7182817459106445}, kDouble));
  Tensor outl = empty({2}, kLong);
  EXPECT_EQ(error_of([&] { sin_out(outl, tensor({1.f, 2.f})); }),
            "result type Float can't be cast to the desired output type Long");
  Tensor outb = empty({2}, kFloat);
  isposinf_out(outb, tensor({INFINITY, 1.f}));
  EXPECT_TENSOR_EQ(outb, vec({1, 0}, kFloat));
  Tensor outn = empty({2}, kInt);
  logical_not_out(outn, tensor({0.f, 2.f}));
  EXPECT_TENSOR_EQ(outn, vec({1, 0}, kInt));
  // Every method matches its free function.
  Tensor x = tensor({0.3f, 0.6f});
  EXPECT_TENSOR_EQ(x.abs(), abs(x));
  EXPECT_TENSOR_EQ(x.absolute(), abs(x));
  EXPECT_TENSOR_EQ(x.neg(), neg(x));
  EXPECT_TENSOR_EQ(x.negative(), neg(x));
  EXPECT_TENSOR_EQ(x.sign(), sign(x));
  EXPECT_TENSOR_EQ(x.sgn(), sign(x));
  EXPECT_TENSOR_EQ(x.rsqrt(), rsqrt(x));
  EXPECT_TENSOR_EQ(x.exp2(), exp2(x));
  EXPECT_TENSOR_EQ(x.expm1(), expm1(x));
  EXPECT_TENSOR_EQ(x.log(), log(x));
  EXPECT_TENSOR_EQ(x.log2(), log2(x));
  EXPECT_TENSOR_EQ(x.log10(), log10(x));
  EXPECT_TENSOR_EQ(x.log1p(), log1p(x));
  EXPECT_TENSOR_EQ(x.sin(), sin(x));
  EXPECT_TENSOR_EQ(x.cos(), cos(x));
  EXPECT_TENSOR_EQ(x.tan(), tan(x));
  EXPECT_TENSOR_EQ(x.arcsin(), asin(x));
  EXPECT_TENSOR_EQ(x.arccos(), acos(x));
  EXPECT_TENSOR_EQ(x.arctan(), atan(x));
  EXPECT_TENSOR_EQ(x.sinh(), sinh(x));
  EXPECT_TENSOR_EQ(x.cosh(), cosh(x));
  EXPECT_TENSOR_EQ(x.tanh(), tanh(x));
  EXPECT_TENSOR_EQ(x.arcsinh(), asinh(x));
  EXPECT_TENSOR_EQ((x + 1).arccosh(), acosh(x + 1));
  EXPECT_TENSOR_EQ(x.arctanh(), atanh(x));
  EXPECT_TENSOR_EQ(x.sigmoid(), sigmoid(x));
  EXPECT_TENSOR_EQ(x.erf(), erf(x));
  EXPECT_TENSOR_EQ(x.erfc(), erfc(x));
  EXPECT_TENSOR_EQ(x.erfinv(), erfinv(x));
  EXPECT_TENSOR_EQ(x.ceil(), ceil(x));
  EXPECT_TENSOR_EQ(x.floor(), floor(x));
  EXPECT_TENSOR_EQ(x.trunc(), trunc(x));
  EXPECT_TENSOR_EQ(x.fix(), trunc(x));
  EXPECT_TENSOR_EQ(x.frac(), frac(x));
  EXPECT_TENSOR_EQ(x.reciprocal(), reciprocal(x));
  EXPECT_TENSOR_EQ(x.square(), square(x));
  EXPECT_TENSOR_EQ(x.relu(), relu(x));
  Tensor y = x.clone();
  y.exp_().log_().sin_().asin_().tanh_().atanh_();
  EXPECT_TENSOR_CLOSE(y, x, 1e-5, 1e-6);
  Tensor z = tensor({-1.5f, 2.5f});
  z.ceil_();
  EXPECT_TENSOR_EQ(z, vec({-1, 3}, kFloat));
  z.reciprocal_().square_().relu_();
  EXPECT_TENSOR_CLOSE(z, vec({1, 1.0 / 9}, kFloat));
  Tensor g = tensor({1.f, -1.f});
  gelu_(g);
  EXPECT_TENSOR_CLOSE(g, vec({0.8413447141647339, -0.15865525603294373}, kFloat));
}

TEST(UnaryOps, LayoutsAndShapes) {
  Tensor m = tensor({{1.f, 4.f}, {9.f, 16.f}});
  Tensor t = make_view(m, {2, 2}, {1, 2}, 0);  // transpose
  Tensor r = t.sqrt();
  EXPECT_TENSOR_EQ(r, make_view(tensor({1.f, 3.f, 2.f, 4.f}), {2, 2}, {2, 1}, 0));
  EXPECT_EQ(r.strides(), IntArrayRef({1, 2}));
  // Strided slice and expanded input.
  Tensor base = tensor({-1.f, 2.f, -3.f, 4.f, -5.f, 6.f});
  Tensor odd = make_view(base, {3}, {2}, 1);  // 2, 4, 6
  EXPECT_TENSOR_EQ(neg(odd), vec({-2, -4, -6}, kFloat));
  Tensor expanded = make_view(tensor({-2.f}), {2, 3}, {0, 0}, 0);
  EXPECT_TENSOR_EQ(abs(expanded), make_view(vec({2, 2, 2, 2, 2, 2}, kFloat), {2, 3}, {3, 1}, 0));
  // In-place through a view writes the base.
  abs_(odd.neg_());
  EXPECT_TENSOR_EQ(base, vec({-1, 2, -3, 4, -5, 6}, kFloat));
  Tensor sq = make_view(base, {3}, {2}, 0);  // -1, -3, -5
  sq.abs_();
  EXPECT_TENSOR_EQ(base, vec({1, 2, 3, 4, 5, 6}, kFloat));
  // Zero-dim and empty.
  Tensor s = exp(full({}, 2.f));
  EXPECT_EQ(s.dim(), 0);
  EXPECT_NEAR(s.item<double>(), 7.389056205749512, 1e-6);
  EXPECT_EQ(sqrt(empty({0, 4})).sizes(), IntArrayRef({0, 4}));
  EXPECT_EQ(isnan(empty({0})).dtype(), kBool);
  // A large tensor takes the parallel path.
  Tensor big = full({100000}, -2.f);
  Tensor ab = abs(big);
  EXPECT_TRUE(equal(ab, full({100000}, 2.f)));
}
