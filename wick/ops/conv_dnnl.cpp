// Note [Convolution backends]
// float32 convolutions (and half/bfloat16 ones, which compute in float) can run
// through oneDNN's JIT kernels (Debian's libdnnl-dev; WICK_HAVE_DNNL). wick's
// tensors are NCHW, so each oneDNN call reorders its operands into the layout
// the primitive wants and the result back. Which oneDNN layout is fastest, and
// whether oneDNN beats wick's own im2col + GEMM at all, depends on the shape
// and the map (forward, input grad, weight grad: oneDNN's blocked input-grad
// kernels are slow for few input channels, its blocked weight-grad kernels for
// channel counts that are not multiples of 16). By default oneDNN's blocked
// layouts run wherever oneDNN takes the shape, so that runs are reproducible.
// With WICK_CONV_BENCHMARK=1 the first call of each
// (map, shape, threads) builds the candidates -- oneDNN blocked, oneDNN
// channels-last, wick's fallback -- runs each once, keeps the fastest and
// caches its primitives (each runs twice, the second run timed, as the first
// pays for page faults in fresh buffers); later calls run only the winner. Every candidate
// writes the whole output, so the first call's result is the last candidate's.
// Calls inside a parallel region, double and integer dtypes use the fallback.
#include "wick/ops/conv_dnnl.h"

#include <atomic>

#ifdef WICK_HAVE_DNNL
#include <oneapi/dnnl/dnnl.hpp>

#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <omp.h>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "wick/core/parallel.h"
#endif

namespace wick::detail {

namespace {
std::atomic<bool> g_enabled{true};
std::atomic<int> g_force{-1};
thread_local int t_last_choice = -1;
}  // namespace

bool dnnl_enabled() { return g_enabled.load(std::memory_order_relaxed); }
int dnnl_last_choice() { return t_last_choice; }

#ifndef WICK_HAVE_DNNL

bool dnnl_available() { return false; }
void set_dnnl_enabled(bool on) { g_enabled.store(on); }
void set_dnnl_force_choice(int choice) { g_force.store(choice); }
bool dnnl_conv(int, const float*, const float*, float*, float*, int64_t, int64_t,
               int64_t, const DnnlGeom&, FunctionRef<void()>) {
  t_last_choice = -1;
  return false;
}

#else

namespace {

using dnnl::memory;
using tag = memory::format_tag;
constexpr auto f32 = memory::data_type::f32;

dnnl::engine& cpu_engine() {
  static dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  return eng;
}

dnnl::stream& cpu_stream() {
  thread_local dnnl::stream s(cpu_engine());
  return s;
}

// One candidate: the primitive, the layouts it wants for (a, b, out) and the
// reorders from and to wick's plain layouts where they differ.
struct Candidate {
  dnnl::primitive prim;
  memory::desc md[3], user[3];
  std::optional<dnnl::reorder> to_prim[2], from_prim;
  std::optional<memory::desc> bias_md;  // forward with bias, weight grad with bias grad
  int bias_arg = DNNL_ARG_BIAS;
  int arg[3];
};

struct Plan {
  std::optional<Candidate> cand[2];
  std::atomic<int> choice{-1};  // 0, 1: cand[choice]; 2: fallback; -1: not timed yet
};

// Per-thread scratch for reordered operands, grown as needed and reused;
// buffers over kKeepScratchBytes are released after each call.
constexpr size_t kKeepScratchBytes = size_t(256) << 20;
struct Scratch {
  struct Free {
    void operator()(void* p) const { std::free(p); }
  };
  std::unique_ptr<void, Free> p;
  size_t n = 0;
  void* get(size_t bytes) {
    if (bytes > n) {
      p.reset();
      n = (bytes + 4095) / 4096 * 4096;
      p.reset(std::aligned_alloc(64, n));
      if (!p) throw std::bad_alloc();
    }
    return p.get();
  }
  void trim() {
    if (n > kKeepScratchBytes) p.reset(), n = 0;
  }
};
thread_local Scratch t_scratch[3];

struct Dims {
  memory::dims src, wei, dst, stride, dil, pl, pr;
  tag act_plain, wei_plain, act_last;
};

Dims make_dims(int64_t N, int64_t C, int64_t Cout, const DnnlGeom& g) {
  Dims d;
  const int first = g.nd == 3 ? 0 : 1;  // 1-d and 2-d run as 2-d (H = 1 for 1-d)
  const int64_t G = g.groups;
  d.src = {N, C};
  d.dst = {N, Cout};
  if (G > 1)
    d.wei = {G, Cout / G, C / G};
  else
    d.wei = {Cout, C};
  for (int i = first; i < 3; ++i) {
    d.src.push_back(g.in[i]);
    d.dst.push_back(g.out[i]);
    d.wei.push_back(g.k[i]);
    d.stride.push_back(g.stride[i]);
    d.dil.push_back(g.dil[i] - 1);
    d.pl.push_back(g.pad[i]);
    // High-side padding that gives exactly `out` (never negative: the floor in
    // the output size absorbs what the last window does not reach).
    const int64_t pr = (g.out[i] - 1) * g.stride[i] + g.dil[i] * (g.k[i] - 1) + 1 - g.in[i] - g.pad[i];
    d.pr.push_back(pr > 0 ? pr : 0);
  }
  const bool three = g.nd == 3;
  d.act_plain = three ? tag::ncdhw : tag::nchw;
  d.act_last = three ? tag::ndhwc : tag::nhwc;
  d.wei_plain = G > 1 ? (three ? tag::goidhw : tag::goihw) : (three ? tag::oidhw : tag::oihw);
  return d;
}

Candidate build(int kind, const Dims& d, bool channels_last, bool with_bias) {
  auto& eng = cpu_engine();
  const tag act = channels_last ? d.act_last : tag::any;
  memory::desc src(d.src, f32, act), wei(d.wei, f32, tag::any), dst(d.dst, f32, act);
  memory::desc usrc(d.src, f32, d.act_plain), uwei(d.wei, f32, d.wei_plain),
      udst(d.dst, f32, d.act_plain);
  dnnl::convolution_forward::primitive_desc fpd(
      dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training,
                                      dnnl::algorithm::convolution_direct, src, wei, dst,
                                      d.stride, d.dil, d.pl, d.pr),
      eng);
  Candidate c;
  if (kind == 0) {
    if (with_bias) {
      const memory::desc bmd({d.dst[1]}, f32, tag::x);
      fpd = dnnl::convolution_forward::primitive_desc(
          dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training,
                                          dnnl::algorithm::convolution_direct, src, wei, bmd,
                                          dst, d.stride, d.dil, d.pl, d.pr),
          eng);
      c.bias_md = fpd.bias_desc();
    }
    c.prim = dnnl::convolution_forward(fpd);
    c.md[0] = fpd.src_desc(), c.md[1] = fpd.weights_desc(), c.md[2] = fpd.dst_desc();
    c.user[0] = usrc, c.user[1] = uwei, c.user[2] = udst;
    c.arg[0] = DNNL_ARG_SRC, c.arg[1] = DNNL_ARG_WEIGHTS, c.arg[2] = DNNL_ARG_DST;
  } else if (kind == 1) {
    dnnl::convolution_backward_data::primitive_desc bpd(
        dnnl::convolution_backward_data::desc(dnnl::algorithm::convolution_direct, src, wei,
                                              dst, d.stride, d.dil, d.pl, d.pr),
        eng, fpd);
    c.prim = dnnl::convolution_backward_data(bpd);
    c.md[0] = bpd.diff_dst_desc(), c.md[1] = bpd.weights_desc(), c.md[2] = bpd.diff_src_desc();
    c.user[0] = udst, c.user[1] = uwei, c.user[2] = usrc;
    c.arg[0] = DNNL_ARG_DIFF_DST, c.arg[1] = DNNL_ARG_WEIGHTS, c.arg[2] = DNNL_ARG_DIFF_SRC;
  } else {
    const memory::desc bmd({d.dst[1]}, f32, tag::x);
    auto wdesc = with_bias ? dnnl::convolution_backward_weights::desc(
                                 dnnl::algorithm::convolution_direct, src, wei, bmd, dst,
                                 d.stride, d.dil, d.pl, d.pr)
                           : dnnl::convolution_backward_weights::desc(
                                 dnnl::algorithm::convolution_direct, src, wei, dst, d.stride,
                                 d.dil, d.pl, d.pr);
    dnnl::convolution_backward_weights::primitive_desc wpd(wdesc, eng, fpd);
    if (with_bias) c.bias_md = wpd.diff_bias_desc(), c.bias_arg = DNNL_ARG_DIFF_BIAS;
    c.prim = dnnl::convolution_backward_weights(wpd);
    c.md[0] = wpd.src_desc(), c.md[1] = wpd.diff_dst_desc(), c.md[2] = wpd.diff_weights_desc();
    c.user[0] = usrc, c.user[1] = udst, c.user[2] = uwei;
    c.arg[0] = DNNL_ARG_SRC, c.arg[1] = DNNL_ARG_DIFF_DST, c.arg[2] = DNNL_ARG_DIFF_WEIGHTS;
  }
  for (int i = 0; i < 2; ++i)
    if (c.md[i] != c.user[i])
      c.to_prim[i] = dnnl::reorder(dnnl::reorder::primitive_desc(eng, c.user[i], eng, c.md[i]));
  if (c.md[2] != c.user[2])
    c.from_prim = dnnl::reorder(dnnl::reorder::primitive_desc(eng, c.md[2], eng, c.user[2]));
  return c;
}

// Reorders of small tensors run on the calling thread: a parallel region per
// reorder costs more than the copy on a busy machine (each region waits for
// every thread to get a core), and a convolution makes two or three of them.
constexpr size_t kSerialReorderBytes = size_t(8) << 20;

void reorder(const dnnl::reorder& r, dnnl::stream& s, memory& from, memory& to, size_t bytes) {
  const int threads = omp_get_max_threads();
  const bool serial = threads > 1 && bytes <= kSerialReorderBytes;
  if (serial) omp_set_num_threads(1);
  r.execute(s, {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}});
  if (serial) omp_set_num_threads(threads);
}

void run(const Candidate& c, const float* a, const float* b, float* bias, float* out) {
  auto& eng = cpu_engine();
  auto& s = cpu_stream();
  const float* in[2] = {a, b};
  memory m[3];
  for (int i = 0; i < 2; ++i) {
    memory user(c.user[i], eng, const_cast<float*>(in[i]));
    if (c.to_prim[i]) {
      m[i] = memory(c.md[i], eng, t_scratch[i].get(c.md[i].get_size()));
      reorder(*c.to_prim[i], s, user, m[i], c.md[i].get_size());
    } else {
      m[i] = user;
    }
  }
  memory uout(c.user[2], eng, out);
  m[2] = c.from_prim ? memory(c.md[2], eng, t_scratch[2].get(c.md[2].get_size())) : uout;
  std::unordered_map<int, memory> args{{c.arg[0], m[0]}, {c.arg[1], m[1]}, {c.arg[2], m[2]}};
  if (c.bias_md) args.emplace(c.bias_arg, memory(*c.bias_md, eng, bias));
  c.prim.execute(s, args);
  if (c.from_prim) reorder(*c.from_prim, s, m[2], uout, c.md[2].get_size());
  s.wait();
  for (Scratch& sc : t_scratch) sc.trim();
}

std::mutex g_mutex;
std::map<std::vector<int64_t>, std::shared_ptr<Plan>>& plans() {
  static std::map<std::vector<int64_t>, std::shared_ptr<Plan>> m;
  return m;
}

// WICK_CONV_BENCHMARK=1 (as torch.backends.cudnn.benchmark): time the backends on
// each shape's first call and keep the fastest. Off by default, because the choice
// then depends on the machine's load and results can differ between runs in the
// last bits; by default oneDNN's blocked layouts run wherever oneDNN takes the shape.
bool benchmark_mode() {
  static const bool on = [] {
    const char* v = std::getenv("WICK_CONV_BENCHMARK");
    return v && *v && std::string(v) != "0";
  }();
  return on;
}

double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool dnnl_available() { return true; }
void set_dnnl_enabled(bool on) { g_enabled.store(on); }
void set_dnnl_force_choice(int choice) {
  g_force.store(choice);
  std::lock_guard<std::mutex> lock(g_mutex);
  plans().clear();
}

bool dnnl_conv(int kind, const float* a, const float* b, float* bias, float* out,
               int64_t N, int64_t C, int64_t Cout, const DnnlGeom& g,
               FunctionRef<void()> fallback) {
  t_last_choice = -1;
  if (!dnnl_enabled() || in_parallel_region()) return false;
  if (N <= 0 || C <= 0 || Cout <= 0) return false;
  for (int i = 0; i < 3; ++i)
    if (g.in[i] <= 0 || g.out[i] <= 0 || g.k[i] <= 0) return false;
  const int threads = get_num_threads();
  if (kind == 1) bias = nullptr;
  std::vector<int64_t> key{kind, N, C, Cout, threads, g.nd, g.groups, bias != nullptr};
  for (const int64_t* v : {g.stride, g.pad, g.dil, g.in, g.out, g.k}) key.insert(key.end(), v, v + 3);
  std::shared_ptr<Plan> plan;
  bool fresh = false;
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    auto& m = plans();
    auto it = m.find(key);
    if (it != m.end()) {
      plan = it->second;
    } else {
      plan = std::make_shared<Plan>();
      const Dims d = make_dims(N, C, Cout, g);
      for (int c = 0; c < 2; ++c) {
        try {
          plan->cand[c] = build(kind, d, c == 1, bias != nullptr);
        } catch (const dnnl::error&) {
        }
      }
      if (!plan->cand[0] && !plan->cand[1]) plan->choice = 2;
      const int force = g_force.load();
      if (force >= 0)
        plan->choice = force < 2 && plan->cand[force] ? force : 2;
      else if (!benchmark_mode())  // the same backend on every run: reproducible results
        plan->choice = plan->cand[0] ? 0 : plan->cand[1] ? 1 : 2;
      if (m.size() >= 512) m.clear();
      m.emplace(key, plan);
      fresh = plan->choice.load() < 0;
    }
  }
  if (fresh) {  // time each candidate once; the last one run leaves its output
    // A later candidate must beat the kept one by 10%: timings on a busy
    // machine are noisy, and the blocked layouts' reorders are the cheapest.
    double best = 1e300;
    int choice = 2;
    for (int c = 0; c < 3; ++c) {
      if (c < 2 && !plan->cand[c]) continue;
      // Twice, timing the second: the first pays for page faults in new buffers.
      double t = 0;
      for (int rep = 0; rep < 2; ++rep) {
        const double t0 = seconds();
        if (c < 2)
          run(*plan->cand[c], a, b, bias, out);
        else
          fallback();
        t = seconds() - t0;
      }
      if (t < 0.9 * best) {
        best = t;
        choice = c;
      }
    }
    plan->choice.store(choice);
    t_last_choice = choice;
    return true;
  }
  int choice = plan->choice.load();
  if (choice < 0) choice = 2;  // another thread is still timing this shape
  t_last_choice = choice;
  if (choice == 2)
    fallback();
  else
    run(*plan->cand[choice], a, b, bias, out);
  return true;
}

#endif  // WICK_HAVE_DNNL

}  // namespace wick::detail
