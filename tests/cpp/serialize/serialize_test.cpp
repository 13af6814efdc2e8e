// Checkpoints in torch.save's format: files written by PyTorch 1.13 (baked by
// gen_serialize_data.py) load with the values torch saw; wick's files round-trip;
// corrupt and foreign input raises, never crashes.
#include <gtest/gtest.h>

#include <cstdio>
#include <string_view>

#include "serialize/serialize_test_data.h"
#include "test_utils.h"
#include "wick/serialize/serialize.h"

using namespace wick;
using serialize::Value;
using namespace std::string_literals;
namespace baked = serialize_test_data;

namespace {

std::string_view bytes_of(const unsigned char* p, size_t n) {
  return std::string_view(reinterpret_cast<const char*>(p), n);
}

const Value* find(const Value& dict, const std::string& key) {
  for (const auto& kv : dict.dict_items())
    if (kv.first.is_string() && kv.first.to_string() == key) return &kv.second;
  return nullptr;
}

void expect_matches(const Value& dict, const std::vector<baked::ExpectedTensor>& expected) {
  ASSERT_TRUE(dict.is_dict());
  ASSERT_EQ(dict.dict_items().size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& e = expected[i];
    SCOPED_TRACE(e.key);
    // Insertion order is kept.
    ASSERT_EQ(dict.dict_items()[i].first.to_string(), e.key);
    const Tensor& t = dict.dict_items()[i].second.to_tensor();
    EXPECT_STREQ(python_name(t.scalar_type()), e.dtype);
    EXPECT_EQ(t.sizes().vec(), e.sizes);
    EXPECT_EQ(t.strides().vec(), e.strides);
    EXPECT_EQ(t.storage_offset(), e.offset);
    EXPECT_EQ(test::values(t), e.values);
  }
}

std::string temp_path(const char* name) { return ::testing::TempDir() + "/wick_serialize_" + name; }

}  // namespace

TEST(Serialize, Crc32KnownValue) {
  EXPECT_EQ(serialize::crc32("123456789", 9), 0xCBF43926u);
  EXPECT_EQ(serialize::crc32("", 0), 0u);
}

// The folded (carry-less multiply) path against a bit-at-a-time CRC, over every
// length around its 16- and 64-byte steps, at unaligned starts, and chained.
TEST(Serialize, Crc32MatchesBitwiseReference) {
  auto bitwise = [](const unsigned char* p, size_t n, uint32_t crc) {
    crc = ~crc;
    for (size_t i = 0; i < n; ++i) {
      crc ^= p[i];
      for (int k = 0; k < 8; ++k) crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    return ~crc;
  };
  std::vector<unsigned char> buf(1200);
  uint32_t state = 12345;
  for (auto& b : buf) {
    state = state * 1103515245u + 12345u;
    b = static_cast<unsigned char>(state >> 24);
  }
  for (size_t offset : {0, 1, 3, 7}) {
    for (size_t n = 0; n + offset <= buf.size(); n += (n < 300 ? 1 : 37)) {
      const unsigned char* p = buf.data() + offset;
      ASSERT_EQ(serialize::crc32(p, n), bitwise(p, n, 0)) << "offset " << offset << " n " << n;
      ASSERT_EQ(serialize::crc32(p, n, 0xdeadbeefu), bitwise(p, n, 0xdeadbeefu)) << n;
    }
  }
}

TEST(Serialize, LoadsTorchDtypes) {
  Value v = serialize::load_from_bytes(bytes_of(baked::k_dtypes, baked::k_dtypes_size));
  EXPECT_TRUE(v.is_ordered_dict());
  expect_matches(v, baked::k_dtypes_expected);
}

TEST(Serialize, LoadsTorchViewsSharingStorage) {
  Value v = serialize::load_from_bytes(bytes_of(baked::k_views, baked::k_views_size));
  expect_matches(v, baked::k_views_expected);
  Tensor base = find(v, "base")->to_tensor();
  const Tensor& t = find(v, "t")->to_tensor();
  EXPECT_EQ(base.storage().get(), t.storage().get());
  EXPECT_EQ(base.storage().get(), find(v, "step")->to_tensor().storage().get());
  // Writes through one view show in the others, as in torch.
  base.fill_(5.0);
  EXPECT_EQ(test::values(t)[0], 5.0);
}

TEST(Serialize, LoadsTorchStateDict) {
  Value v = serialize::load_from_bytes(bytes_of(baked::k_state_dict, baked::k_state_dict_size));
  EXPECT_TRUE(v.is_ordered_dict());
  expect_matches(v, baked::k_state_dict_expected);
  EXPECT_FALSE(find(v, "0.weight")->to_tensor().requires_grad());
}

TEST(Serialize, LoadsTorchNestedContainers) {
  Value v = serialize::load_from_bytes(bytes_of(baked::k_nested, baked::k_nested_size));
  ASSERT_TRUE(v.is_dict());
  EXPECT_FALSE(v.is_ordered_dict());
  EXPECT_EQ(find(v, "epoch")->to_int(), 3);
  EXPECT_EQ(v.at("epoch").to_int(), 3);
  EXPECT_TRUE(v.contains("lr"));
  EXPECT_FALSE(v.contains("missing"));
  EXPECT_NE(test::error_of([&] { v.at("missing"); }).find("key 'missing' not found"),
            std::string::npos);
  EXPECT_EQ(find(v, "lr")->to_float(), 0.5);
  EXPECT_EQ(find(v, "name")->to_string(), "run");
  const Value& flags = *find(v, "flags");
  ASSERT_TRUE(flags.is_list());
  ASSERT_EQ(flags.items().size(), 3u);
  EXPECT_TRUE(flags.items()[0].to_bool());
  EXPECT_TRUE(flags.items()[1].is_none());
  EXPECT_FALSE(flags.items()[2].to_bool());
  const Value& shape = *find(v, "shape");
  ASSERT_TRUE(shape.is_tuple());
  EXPECT_EQ(shape.items()[1].to_int(), 3);
  EXPECT_EQ(find(v, "big")->to_int(), int64_t{1} << 40);
  EXPECT_EQ(find(v, "neg")->to_int(), -70000);
  EXPECT_TRUE(find(v, "raw")->is_bytes());
  EXPECT_EQ(find(v, "raw")->to_string(), std::string("\x00\xff" "ab", 4));
  const Value& w = *find(v, "weights");
  EXPECT_EQ(test::values(w.items()[0].to_tensor()), std::vector<double>({1, 1}));
  EXPECT_EQ(w.items()[1].to_tensor().scalar_type(), kLong);
  const Value& p = *find(v, "param");
  EXPECT_TRUE(p.is_parameter());
  EXPECT_TRUE(p.to_tensor().requires_grad());
  EXPECT_EQ(test::values(p.to_tensor()), std::vector<double>({1, -1}));
}

TEST(Serialize, LoadTensorFromFile) {
  std::string path = temp_path("tensor.pt");
  {
    FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(baked::k_tensor, 1, baked::k_tensor_size, f);
    std::fclose(f);
  }
  Tensor t;
  load(t, path);
  EXPECT_EQ(test::values(t), std::vector<double>({-1, -0.5, 0, 0.5, 1}));
  std::remove(path.c_str());
  EXPECT_NE(test::error_of([&] { load(t, path); }).find("No such file or directory"),
            std::string::npos);
}

TEST(Serialize, RefusesForeignGlobal) {
  std::string msg = test::error_of(
      [] { serialize::load_from_bytes(bytes_of(baked::k_foreign, baked::k_foreign_size)); });
  EXPECT_NE(msg.find("Unsupported global: GLOBAL datetime.date was not an allowed global"),
            std::string::npos)
      << msg;
}

TEST(Serialize, TruncatedAtEveryOffsetRaises) {
  std::string_view full = bytes_of(baked::k_nested, baked::k_nested_size);
  for (size_t n = 0; n < full.size(); ++n) {
    std::string cut(full.substr(0, n));
    EXPECT_TRUE(test::raises<Error>([&] { serialize::load_from_bytes(cut); })) << n;
  }
}

TEST(Serialize, CorruptBytesNeverCrash) {
  // Flip each byte of the pickle and the headers: either a clean load or wick::Error.
  std::string full(bytes_of(baked::k_views, baked::k_views_size));
  for (size_t i = 0; i < full.size(); ++i) {
    std::string bad = full;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    try {
      serialize::load_from_bytes(bad);
    } catch (const Error&) {
    }
  }
}

TEST(Serialize, RoundTripsEveryDtypeAndView) {
  Value torch_file = serialize::load_from_bytes(bytes_of(baked::k_dtypes, baked::k_dtypes_size));
  Value again = serialize::load_from_bytes(serialize::save_to_bytes(torch_file));
  expect_matches(again, baked::k_dtypes_expected);
  Value views = serialize::load_from_bytes(bytes_of(baked::k_views, baked::k_views_size));
  Value views2 = serialize::load_from_bytes(serialize::save_to_bytes(views));
  expect_matches(views2, baked::k_views_expected);
  EXPECT_EQ(find(views2, "base")->to_tensor().storage().get(),
            find(views2, "row")->to_tensor().storage().get());
}

TEST(Serialize, WritesAlignedStoredEntries) {
  Tensor t = arange(10, kFloat);
  std::string bytes = serialize::save_to_bytes(Value(t));
  serialize::ZipReader zip(bytes);
  std::vector<std::string> names = {"archive/data.pkl", "archive/byteorder", "archive/data/0",
                                    "archive/version"};
  EXPECT_EQ(zip.names(), names);
  std::string_view storage = zip.read("archive/data/0");
  EXPECT_EQ((storage.data() - bytes.data()) % 64, 0);
  EXPECT_EQ(storage.size(), 40u);
  EXPECT_EQ(zip.read("archive/version"), "3\n");
}

TEST(Serialize, GeneralValueRoundTrip) {
  Tensor a = arange(6, kDouble).reshape({2, 3});
  Value v = Value::dict({{Value("n"), Value(int64_t{-1} << 50)},
                         {Value("x"), Value(2.25)},
                         {Value("s"), Value("héllo")},
                         {Value("b"), Value::bytes(std::string("\x00\x80\xff", 3))},
                         {Value(int64_t{7}), Value::tuple({Value(), Value(true)})},
                         {Value("t"), Value::list({Value(a), Value(a.t()), Value(a[1])})}});
  Value r = pickle_load(pickle_save(v));
  ASSERT_EQ(r.dict_items().size(), 6u);
  EXPECT_EQ(find(r, "n")->to_int(), int64_t{-1} << 50);
  EXPECT_EQ(find(r, "x")->to_float(), 2.25);
  EXPECT_EQ(find(r, "s")->to_string(), "héllo");
  EXPECT_EQ(find(r, "b")->to_string(), std::string("\x00\x80\xff", 3));
  EXPECT_EQ(r.dict_items()[4].first.to_int(), 7);
  EXPECT_TRUE(r.dict_items()[4].second.items()[0].is_none());
  const auto& ts = find(r, "t")->items();
  EXPECT_EQ(ts[1].to_tensor().strides().vec(), std::vector<int64_t>({1, 3}));
  EXPECT_EQ(ts[2].to_tensor().storage_offset(), 3);
  EXPECT_EQ(ts[0].to_tensor().storage().get(), ts[2].to_tensor().storage().get());
  EXPECT_EQ(test::values(ts[1].to_tensor()), test::values(a.t()));
}

TEST(Serialize, FileApiTensorsListsAndStateDicts) {
  std::string path = temp_path("api.pt");
  std::vector<Tensor> ts = {ones({2}, kInt), zeros({1, 2}, kBool)};
  save(ts, path);
  std::vector<Tensor> back;
  load(back, path);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_TENSOR_EQ(back[0], ts[0]);
  EXPECT_TENSOR_EQ(back[1], ts[1]);
  OrderedDict<std::string, Tensor> sd;
  sd.insert("w", full({2, 2}, 0.5, kHalf));
  sd.insert("b", arange(3, kBFloat16));
  save(sd, path);
  OrderedDict<std::string, Tensor> sd2;
  load(sd2, path);
  ASSERT_EQ(sd2.size(), 2u);
  EXPECT_EQ(sd2[0].key(), "w");
  EXPECT_TENSOR_EQ(sd2[1].value(), sd[1].value());
  EXPECT_NE(test::error_of([&] { load(back, path); }).find("expected the file to hold a list"),
            std::string::npos);
  std::remove(path.c_str());
}

TEST(Serialize, RejectsBadTensorsAndPickles) {
  // A view reaching past its storage.
  std::string pkl =
      "\x80\x02"s + "ctorch._utils\n_rebuild_tensor_v2\n(" +
      "(X\x07\x00\x00\x00storagectorch\nFloatStorage\nX\x01\x00\x00\x00"s + "0X\x03\x00\x00\x00"s +
      "cpuK\x02tQ" + "K\x00(K\x03t(K\x01t\x89)tR."s;
  auto loader = [](const std::string&, ScalarType, int64_t numel, const std::string&) {
    return std::make_shared<StorageImpl>(numel * 4, Device(kCPU));
  };
  EXPECT_NE(test::error_of([&] { serialize::unpickle(pkl, loader); }).find("exceeds its storage"),
            std::string::npos);
  // Recursion: a list appended into itself, and deep nesting.
  EXPECT_NE(test::error_of([&] { serialize::unpickle("\x80\x02]q\x00h\x00" "a."s, loader); })
                .find("recursive"),
            std::string::npos);
  std::string deep = "\x80\x02";
  for (int i = 0; i < 2000; ++i) deep += "]";
  for (int i = 0; i < 1999; ++i) deep += "a";
  deep += ".";
  EXPECT_NE(test::error_of([&] { serialize::unpickle(deep, loader); }).find("nested deeper"),
            std::string::npos);
  // Tuples around a GLOBAL (not Values) are bounded too (this used to overflow the stack).
  std::string deep_raw = "\x80\x02" "ctorch._utils\n_rebuild_tensor_v2\n";
  for (int i = 0; i < 200000; ++i) deep_raw += "\x85";
  deep_raw += ".";
  EXPECT_NE(test::error_of([&] { serialize::unpickle(deep_raw, loader); }).find("nested deeper"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] { serialize::unpickle("\x80\x02" "cos\nsystem\n.", loader); })
                .find("GLOBAL os.system was not an allowed global"),
            std::string::npos);
  EXPECT_NE(test::error_of([&] { serialize::unpickle("\x80\x02X\xff\xff\xff\x7f" "ab.", loader); })
                .find("truncated"),
            std::string::npos);
}

TEST(Serialize, CudaLocationRaisesTorchError) {
  std::string msg = test::error_of([] { serialize::default_map_location("cuda:0"); });
  EXPECT_NE(msg.find("Attempting to deserialize object on a CUDA device but "
                     "torch.cuda.is_available() is False"),
            std::string::npos)
      << msg;
  EXPECT_TRUE(serialize::default_map_location("cpu").is_cpu());
}

TEST(Serialize, DtypesAndDevicesRoundTrip) {
  Value v = Value::list({Value(kBFloat16), Value(kBool), Value(Device("cpu")), Value(Device("cuda:1"))});
  Value r = pickle_load(pickle_save(v));
  ASSERT_EQ(r.items().size(), 4u);
  EXPECT_EQ(r.items()[0].to_dtype(), kBFloat16);
  EXPECT_EQ(r.items()[1].to_dtype(), kBool);
  EXPECT_TRUE(r.items()[2].to_device().is_cpu());
  EXPECT_TRUE(r.items()[3].to_device().is_cuda());
  EXPECT_EQ(r.items()[3].to_device().index(), 1);
  EXPECT_NE(test::error_of([] { (void)Value(kInt).to_device(); }).find("expected device, got dtype"),
            std::string::npos);
}

TEST(Serialize, Zip64RecordsRoundTrip) {
  // Archives past 4 GiB use zip64 records; forced here on a small one.
  serialize::ZipWriter w(/*force_zip64=*/true);
  w.add("archive/a", "hello", 5);
  w.add("archive/b", "", 0);
  std::string bytes = w.finish();
  serialize::ZipReader r(bytes);
  EXPECT_EQ(r.names(), std::vector<std::string>({"archive/a", "archive/b"}));
  EXPECT_EQ(r.read("archive/a"), "hello");
  EXPECT_EQ((r.read("archive/a").data() - bytes.data()) % 64, 0);
  EXPECT_EQ(r.read("archive/b").size(), 0u);
  EXPECT_NE(test::error_of([&] { r.read("archive/c"); }).find("file not found"), std::string::npos);
}

TEST(Serialize, Crc32CombineAndParallelCopy) {
  std::string a(5000003, '\0');
  for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<char>((i * 2654435761u) >> 13);
  uint32_t whole = serialize::crc32(a.data(), a.size());
  for (size_t cut : {size_t{0}, size_t{1}, size_t{4096}, size_t{1} << 20, a.size() - 3})
    EXPECT_EQ(serialize::crc32_combine(serialize::crc32(a.data(), cut),
                                       serialize::crc32(a.data() + cut, a.size() - cut),
                                       a.size() - cut),
              whole);
  std::string copy(a.size() - 10, 'x');
  EXPECT_EQ(serialize::crc32_copy(copy.data(), a.data(), a.size(), copy.size()), whole);
  EXPECT_EQ(copy, a.substr(0, copy.size()));
  EXPECT_EQ(serialize::crc32_copy(nullptr, a.data(), 1000, 0), serialize::crc32(a.data(), 1000));
}

TEST(Serialize, ModulesSaveAndLoadStateDicts) {
  // torch.nn.Sequential(Linear(3, 2), BatchNorm1d(2)).state_dict() saved by torch 1.13.
  std::string path = temp_path("module.pt");
  {
    FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(baked::k_state_dict, 1, baked::k_state_dict_size, f);
    std::fclose(f);
  }
  nn::Sequential model(nn::Linear(3, 2), nn::BatchNorm1d(2));
  load(model, path);
  auto sd = model->state_dict();
  ASSERT_EQ(sd.size(), baked::k_state_dict_expected.size());
  for (size_t i = 0; i < sd.size(); ++i) {
    EXPECT_EQ(sd[i].key(), baked::k_state_dict_expected[i].key);
    EXPECT_EQ(test::values(sd[i].value()), baked::k_state_dict_expected[i].values);
  }
  // And back: a fresh module loads what this one saved.
  save(model, path);
  nn::Sequential other(nn::Linear(3, 2), nn::BatchNorm1d(2));
  load(other, path);
  EXPECT_TENSOR_EQ(other->state_dict()[0].value(), sd[0].value());
  nn::Linear wrong(4, 2);
  EXPECT_NE(test::error_of([&] { load(wrong, path); }).find("Error(s) in loading state_dict"),
            std::string::npos);
  std::remove(path.c_str());
}
