// wick::nn::Module, holders and containers: registration, the recursive
// accessors (names and order as PyTorch's), train/eval, to, zero_grad,
// state dicts and printing.
#include <sstream>

#include "test_utils.h"

using namespace wick;
using wick::test::error_of;

namespace {

// A layer with a weight, an optional bias and a buffer, written against the
// bare Module API.
struct AffineImpl : nn::Module {
  AffineImpl(int64_t in, int64_t out, bool bias = true) : Module("Affine") {
    weight = register_parameter("weight", ones({out, in}));
    this->bias = register_parameter("bias", bias ? zeros({out}) : Tensor());
    count = register_buffer("count", zeros({1}, TensorOptions().dtype(kLong)));
  }
  Tensor forward(const Tensor& x) {
    Tensor y = matmul(x, weight.t());
    return bias.defined() ? y + bias : y;
  }
  void pretty_print(std::ostream& s) const override {
    s << "Affine(in_features=" << weight.size(1) << ", out_features=" << weight.size(0) << ")";
  }
  Tensor weight, bias, count;
};
WICK_MODULE(Affine);

struct ScaleImpl : nn::Module {
  ScaleImpl() : Module("Scale") {}
  Tensor forward(const Tensor& x) { return x * 2; }
};
WICK_MODULE(Scale);

struct NetImpl : nn::Module {
  NetImpl() {
    fc1 = register_module("fc1", Affine(3, 4));
    body = register_module("body", nn::Sequential(Affine(4, 4, false), Scale()));
    head = register_parameter("head", full({2}, 0.5));
  }
  Tensor forward(const Tensor& x) { return body->forward(fc1(x)); }
  Affine fc1{nullptr};
  nn::Sequential body{nullptr};
  Tensor head;
};
WICK_MODULE(Net);

std::vector<std::string> keys_of(const OrderedDict<std::string, Tensor>& d) { return d.keys(); }

}  // namespace

TEST(Module, RegistersParametersBuffersAndModulesInOrder) {
  Net net;
  EXPECT_EQ(keys_of(net->named_parameters()),
            (std::vector<std::string>{"head", "fc1.weight", "fc1.bias", "body.0.weight"}));
  EXPECT_EQ(keys_of(net->named_parameters(false)), (std::vector<std::string>{"head"}));
  EXPECT_EQ(keys_of(net->named_buffers()),
            (std::vector<std::string>{"fc1.count", "body.0.count"}));
  EXPECT_EQ(net->parameters().size(), 4u);
  EXPECT_TRUE(net->fc1->weight.requires_grad());
  EXPECT_FALSE(net->fc1->count.requires_grad());
  EXPECT_EQ(net->named_children().keys(), (std::vector<std::string>{"fc1", "body"}));
  EXPECT_EQ(net->named_modules().keys(),
            (std::vector<std::string>{"", "fc1", "body", "body.0", "body.1"}));
  EXPECT_EQ(net->named_modules("net").keys(),
            (std::vector<std::string>{"net", "net.fc1", "net.body", "net.body.0", "net.body.1"}));
  EXPECT_EQ(net->modules().size(), 5u);
  EXPECT_EQ(net->modules(false).size(), 4u);
  EXPECT_EQ(net->modules()[0].get(), net.get());
  EXPECT_NE(net->fc1->as<AffineImpl>(), nullptr);
  EXPECT_EQ(net->fc1->as<ScaleImpl>(), nullptr);
  EXPECT_EQ(net->name(), "(anonymous namespace)::NetImpl");
  EXPECT_EQ(net->fc1->name(), "Affine");
}

TEST(Module, RejectsBadNames) {
  AffineImpl a(2, 2);
  EXPECT_EQ(error_of([&] { a.register_parameter("weight", ones({1})); }),
            "Parameter 'weight' already defined");
  EXPECT_EQ(error_of([&] { a.register_parameter("a.b", ones({1})); }),
            "Parameter name must not contain a dot (got 'a.b')");
  EXPECT_EQ(error_of([&] { a.register_buffer("", ones({1})); }), "Buffer name must not be empty");
  EXPECT_EQ(error_of([&] { a.register_module("x", std::shared_ptr<ScaleImpl>()); }),
            "Submodule 'x' is empty (a null module holder?)");
  EXPECT_EQ(error_of([&] { Affine empty(nullptr); empty->weight; }), "Accessing empty ModuleHolder");
  EXPECT_EQ(error_of([&] { AffineImpl b(1, 1); b.modules(); }).substr(0, 60),
            "It looks like you attempted to retrieve your top-level modul");
}

TEST(Module, SharedParametersAndModulesAppearOnce) {
  auto shared = std::make_shared<AffineImpl>(2, 2);
  nn::Sequential seq(shared, shared);
  EXPECT_EQ(keys_of(seq->named_parameters()), (std::vector<std::string>{"0.weight", "0.bias"}));
  EXPECT_EQ(seq->named_modules().keys(), (std::vector<std::string>{"", "0"}));
  EXPECT_EQ(seq->children().size(), 2u);
}

TEST(Module, TrainEvalRecurse) {
  Net net;
  EXPECT_TRUE(net->is_training());
  net->eval();
  EXPECT_FALSE(net->is_training());
  EXPECT_FALSE(net->body[1]->is_training());
  net->train();
  EXPECT_TRUE(net->body[0]->is_training());
}

TEST(Module, ToCastsFloatingTensorsInPlace) {
  Net net;
  Tensor w = net->fc1->weight;
  net->to(kDouble);
  EXPECT_EQ(w.dtype(), kDouble);  // same tensor, new data
  EXPECT_EQ(net->fc1->weight.unsafeGetTensorImpl(), w.unsafeGetTensorImpl());
  EXPECT_TRUE(w.requires_grad());
  EXPECT_EQ(net->fc1->count.dtype(), kLong);  // integer buffers keep their dtype
  Tensor y = net->forward(ones({1, 3}, TensorOptions().dtype(kDouble)));
  EXPECT_EQ(y.dtype(), kDouble);
}

TEST(Module, ZeroGrad) {
  Net net;
  net->forward(ones({2, 3})).sum().backward();
  EXPECT_TRUE(net->fc1->weight.grad().defined());
  EXPECT_FALSE(net->head.grad().defined());  // unused
  net->zero_grad(false);
  EXPECT_TENSOR_EQ(net->fc1->weight.grad(), zeros({4, 3}));
  net->zero_grad();
  EXPECT_FALSE(net->fc1->weight.grad().defined());
}

TEST(Module, ApplyVisitsParentsFirst) {
  Net net;
  std::vector<std::string> names;
  net->apply([&](const std::string& name, nn::Module&) { names.push_back(name); });
  EXPECT_EQ(names, (std::vector<std::string>{"", "fc1", "body", "body.0", "body.1"}));
  int count = 0;
  net->apply([&](nn::Module& m) { count += m.as<AffineImpl>() ? 1 : 0; });
  EXPECT_EQ(count, 2);
}

TEST(Module, StateDictRoundTrip) {
  Net a, b;
  EXPECT_EQ(keys_of(a->state_dict()),
            (std::vector<std::string>{"head", "fc1.weight", "fc1.bias", "fc1.count", "body.0.weight",
                                      "body.0.count"}));
  a->fc1->bias.detach().fill_(3);
  a->fc1->count.fill_(7);
  auto r = b->load_state_dict(a->state_dict());
  EXPECT_TRUE(r.missing_keys.empty() && r.unexpected_keys.empty());
  EXPECT_TENSOR_EQ(b->fc1->bias, full({4}, 3.0f));
  EXPECT_EQ(b->fc1->count.item<int64_t>(), 7);
  EXPECT_FALSE(b->state_dict()["head"].requires_grad());  // detached values

  b->fc1->set_buffer_persistent("count", false);
  EXPECT_FALSE(b->state_dict().contains("fc1.count"));
}

TEST(Module, LoadStateDictReportsKeysAndShapes) {
  Net net;
  OrderedDict<std::string, Tensor> state = net->state_dict();
  state.erase("head");
  state.insert("extra", ones({1}));
  auto r = net->load_state_dict(state, /*strict=*/false);
  EXPECT_EQ(r.missing_keys, (std::vector<std::string>{"head"}));
  EXPECT_EQ(r.unexpected_keys, (std::vector<std::string>{"extra"}));
  state["fc1.weight"] = ones({5, 3});
  EXPECT_EQ(error_of([&] { net->load_state_dict(state); }),
            "Error(s) in loading state_dict for (anonymous namespace)::NetImpl:\n"
            "\tMissing key(s) in state_dict: \"head\". \n"
            "\tUnexpected key(s) in state_dict: \"extra\". \n"
            "\tsize mismatch for fc1.weight: copying a param with shape [5, 3] from checkpoint, "
            "the shape in current model is [4, 3].");
}

TEST(Module, PrettyPrintsTheTree) {
  Net net;
  std::ostringstream s;
  s << net;
  EXPECT_EQ(s.str(),
            "(anonymous namespace)::NetImpl(\n"
            "  (fc1): Affine(in_features=3, out_features=4)\n"
            "  (body): wick::nn::Sequential(\n"
            "    (0): Affine(in_features=4, out_features=4)\n"
            "    (1): Scale\n"
            "  )\n"
            ")");
}

TEST(Sequential, ForwardIndexAndNames) {
  nn::Sequential seq(Affine(2, 3), Scale(), Scale());
  Tensor y = seq->forward(ones({1, 2}));
  EXPECT_TENSOR_EQ(y, full({1, 3}, 8.0f));
  EXPECT_EQ(seq->size(), 3u);
  EXPECT_NE(seq->ptr<AffineImpl>(0), nullptr);
  EXPECT_EQ(seq->ptr<AffineImpl>(-1), nullptr);
  EXPECT_EQ(seq->at<AffineImpl>(0).weight.size(0), 3);
  EXPECT_TRUE(wick::test::raises<IndexError>([&] { (void)(*seq)[3]; }));

  nn::Sequential named({{"fc", Affine(2, 2)}, {"scale", Scale()}});
  EXPECT_EQ(named->named_children().keys(), (std::vector<std::string>{"fc", "scale"}));
  named->push_back("again", Scale());
  EXPECT_EQ(named->size(), 3u);
  EXPECT_EQ(error_of([&] { nn::Sequential().ptr()->forward(ones({1})); }),
            "Cannot call forward() on an empty Sequential");
}

TEST(ModuleList, AppendInsertExtend) {
  nn::ModuleList list(Affine(1, 1), Scale());
  list->push_back(Affine(2, 2));
  list->insert(0, Scale());
  EXPECT_EQ(list->size(), 4u);
  EXPECT_NE(list->ptr<ScaleImpl>(0), nullptr);
  EXPECT_NE(list->ptr<AffineImpl>(1), nullptr);
  EXPECT_EQ(keys_of(list->named_parameters()),
            (std::vector<std::string>{"1.weight", "1.bias", "3.weight", "3.bias"}));
  nn::ModuleList other{Scale()};
  list->extend(*other);
  EXPECT_EQ(list->named_children().keys(), (std::vector<std::string>{"0", "1", "2", "3", "4"}));
  int n = 0;
  for (const auto& m : *list) n += m->as<ScaleImpl>() ? 1 : 0;
  EXPECT_EQ(n, 3);
}

TEST(ModuleDict, InsertReplacePop) {
  nn::ModuleDict dict({{"a", Affine(1, 2).ptr()}, {"s", Scale().ptr()}});
  EXPECT_EQ(dict->keys(), (std::vector<std::string>{"a", "s"}));
  dict->insert("a", Scale());  // replaces in place
  EXPECT_EQ(dict->keys(), (std::vector<std::string>{"a", "s"}));
  EXPECT_NE(dict->at<ScaleImpl>("a").as<ScaleImpl>(), nullptr);
  EXPECT_TRUE(dict->named_parameters().is_empty());
  dict->insert("b", Affine(1, 1));
  auto popped = dict->pop("s");
  EXPECT_NE(popped->as<ScaleImpl>(), nullptr);
  EXPECT_EQ(dict->named_children().keys(), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(wick::test::raises<IndexError>([&] { (void)(*dict)["zz"]; }));
}

TEST(OrderedDict, ErrorsNameTheKey) {
  OrderedDict<std::string, int> d;
  d.insert("x", 1);
  EXPECT_EQ(error_of([&] { d.insert("x", 2); }), "Key 'x' already defined");
  EXPECT_EQ(error_of([&] { d["y"]; }), "Key 'y' is not defined");
  d.insert("y", 2);
  d.insert("z", 3);
  EXPECT_EQ(d.erase("y"), 2);
  EXPECT_EQ(d["z"], 3);
  EXPECT_EQ(d.keys(), (std::vector<std::string>{"x", "z"}));
}
