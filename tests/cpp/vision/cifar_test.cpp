// CIFAR10/CIFAR100 over batches made by Python's pickle + numpy (baked by
// gen_cifar_data.py), the restricted numpy unpickler, and the wick::data
// Dataset interface (make_data_loader(CIFAR10(root).map(Stack<>()))).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_utils.h"
#include "vision/cifar_test_data.h"
#include "wick/data/data.h"
#include "wick/vision/datasets/cifar.h"

namespace {

using namespace wick;
namespace vd = wick::vision::datasets;
namespace fs = std::filesystem;

struct TmpDir {
  fs::path path;
  explicit TmpDir(const std::string& name) : path(fs::temp_directory_path() / ("wick_cifar_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TmpDir() { fs::remove_all(path); }
};

void write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void write_cifar10(const fs::path& root) {
  fs::path d = root / "cifar-10-batches-py";
  const std::string* batches[] = {&cifar_data::data_batch_1, &cifar_data::data_batch_2, &cifar_data::data_batch_3,
                                  &cifar_data::data_batch_4, &cifar_data::data_batch_5};
  for (int k = 0; k < 5; ++k) write(d / ("data_batch_" + std::to_string(k + 1)), *batches[k]);
  write(d / "test_batch", cifar_data::test_batch);
  write(d / "batches.meta", cifar_data::batches_meta);
}

// The raw (CHW-flattened) byte the generator wrote for image n of batch k.
int raw(int n, int k, int c, int h, int w) { return (n * 7 + c * 1024 + h * 32 + w + 3 * k) % 256; }

TEST(VisionCIFAR, CIFAR10TrainAndTest) {
  TmpDir d("c10");
  write_cifar10(d.path);
  vd::CIFAR10 train(d.path.string());
  EXPECT_EQ(train.size().value(), 10u);
  EXPECT_EQ(train.data().sizes().vec(), (std::vector<int64_t>{10, 32, 32, 3}));
  EXPECT_EQ(train.data().dtype(), kByte);
  // torchvision's layout: an HWC view of the CHW rows
  EXPECT_EQ(train.data().strides().vec(), (std::vector<int64_t>{3072, 32, 1, 1024}));
  // image 3 is batch 2's image 1; HWC pixel (h=5, w=7, c=2)
  Tensor hwc = train.data().contiguous();
  auto* p = static_cast<const uint8_t*>(hwc.data_ptr());
  EXPECT_EQ(p[((3 * 32 + 5) * 32 + 7) * 3 + 2], raw(1, 2, 2, 5, 7));
  EXPECT_EQ(p[((9 * 32 + 31) * 32 + 0) * 3 + 1], raw(1, 5, 1, 31, 0));
  EXPECT_EQ(test::values(train.targets()), (std::vector<double>{1, 2, 2, 3, 3, 4, 4, 5, 5, 6}));
  EXPECT_EQ(train.classes().size(), 10u);
  EXPECT_EQ(train.classes()[4], "class4");
  EXPECT_EQ(train.class_to_idx().at("class9"), 9);
  EXPECT_EQ(train.files().size(), 5u);

  vd::CIFAR10 test_set(d.path.string(), vd::CIFAR10::Mode::kTest);
  EXPECT_FALSE(test_set.train());
  EXPECT_EQ(test_set.size().value(), 3u);
  auto [img, label] = test_set.item(-1);
  EXPECT_EQ(img.sizes().vec(), (std::vector<int64_t>{32, 32, 3}));
  EXPECT_EQ(test::values(img)[(1 * 32 + 2) * 3 + 0], raw(2, 0, 0, 1, 2));
  EXPECT_EQ(label, 2);
  WICK_EXPECT_THROW_MSG(test_set.item(3), IndexError, "index 3 is out of bounds for axis 0 with size 3");

  // wick::data: float CHW in [0, 1] and an int64 target.
  data::Example<> e = test_set.get(1);
  EXPECT_EQ(e.data.sizes().vec(), (std::vector<int64_t>{3, 32, 32}));
  EXPECT_EQ(e.data.dtype(), kFloat);
  EXPECT_TRUE(e.data.is_contiguous());
  EXPECT_NEAR(test::values(e.data)[1024 + 32 * 4 + 6], raw(1, 0, 1, 4, 6) / 255.0, 1e-6);
  EXPECT_EQ(e.target.dtype(), kLong);
  EXPECT_EQ(e.target.item<int64_t>(), 1);
}

TEST(VisionCIFAR, DataLoader) {
  TmpDir d("loader");
  write_cifar10(d.path);
  auto loader = data::make_data_loader(vd::CIFAR10(d.path.string()).map(data::transforms::Stack<>()),
                                       data::DataLoaderOptions(4));
  std::vector<int64_t> sizes;
  double label_sum = 0;
  for (auto& batch : *loader) {
    EXPECT_EQ(batch.data.dim(), 4);
    EXPECT_EQ(batch.data.size(1), 3);
    sizes.push_back(batch.data.size(0));
    for (double v : test::values(batch.target)) label_sum += v;
  }
  EXPECT_EQ(sizes, (std::vector<int64_t>{4, 4, 2}));
  EXPECT_EQ(label_sum, 35);
}

TEST(VisionCIFAR, CIFAR100AndTransforms) {
  TmpDir d("c100");
  write(d.path / "cifar-100-python" / "train", cifar_data::c100_train);
  write(d.path / "cifar-100-python" / "meta", cifar_data::c100_meta);
  vd::CIFAR100 ds(
      d.path.string(), true, [](const Tensor& x) { return x.to(kFloat).sum(); }, [](int64_t y) { return -y; });
  EXPECT_EQ(ds.name(), "CIFAR100");
  EXPECT_EQ(test::values(ds.targets()), (std::vector<double>{0, 11, 22, 33}));
  EXPECT_EQ(ds.classes().size(), 100u);
  EXPECT_EQ(ds.classes()[99], "fine99");
  auto [s, y] = ds.item(2);
  double expect = 0;
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < 1024; ++i) expect += raw(2, 0, c, i / 32, i % 32);
  EXPECT_EQ(s.item<float>(), expect);
  EXPECT_EQ(y, -22);
  // test split missing
  WICK_EXPECT_THROW_MSG(vd::CIFAR100(d.path.string(), false), Error,
                   "Dataset not found or corrupted. You can use download=True to download it");
}

TEST(VisionCIFAR, MissingFilesAndDownload) {
  TmpDir d("missing");
  WICK_EXPECT_THROW_MSG(vd::CIFAR10(d.path.string()), Error,
                   "Dataset not found or corrupted. You can use download=True to download it");
  WICK_EXPECT_THROW_MSG(vd::CIFAR10(d.path.string(), true, nullptr, nullptr, true), Error,
                   "Place data_batch_1, data_batch_2, data_batch_3, data_batch_4, data_batch_5, test_batch, "
                   "batches.meta in " +
                       (d.path / "cifar-10-batches-py").string());
  write(d.path / "cifar-10-batches-py" / "test_batch", cifar_data::test_batch);
  WICK_EXPECT_THROW_MSG(vd::CIFAR10(d.path.string(), false), Error, "Dataset metadata file not found or corrupted");
}

TEST(VisionCIFAR, NumpyPickleValuesAndRefusals) {
  serialize::Value v = vd::read_numpy_pickle(cifar_data::values);
  EXPECT_EQ(v.at("i8").to_tensor().dtype(), kLong);
  EXPECT_EQ(test::values(v.at("i8").to_tensor()), (std::vector<double>{1, -2, 3}));  // big-endian swapped
  EXPECT_EQ(v.at("i8").to_tensor().sizes().vec(), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(test::values(v.at("f4").to_tensor()), (std::vector<double>{0.5, -1.25}));
  const auto& t = v.at("t").items();
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].to_int(), 1);
  EXPECT_EQ(t[1].to_float(), 2.5);
  EXPECT_TRUE(t[2].is_none());
  EXPECT_TRUE(t[3].to_bool());
  EXPECT_EQ(t[4].to_string(), "s");
  EXPECT_TRUE(t[5].is_bytes());
  EXPECT_EQ(t[5].to_string(), "by");

  WICK_EXPECT_THROW_MSG(vd::read_numpy_pickle(cifar_data::evil, "evil.pkl"), Error,
                   "evil.pkl: refusing to load the pickle global posix.system");
  WICK_EXPECT_THROW_MSG(vd::read_numpy_pickle(cifar_data::test_batch.substr(0, 100)), Error, "truncated");
  WICK_EXPECT_THROW_MSG(vd::read_numpy_pickle(std::string("\x80\x02]q\x00h\x00" "a.", 9)), Error,
                   "recursive containers");
  WICK_EXPECT_THROW_MSG(vd::read_numpy_pickle(std::string("\x80\x02" "cos\nsystem\n.", 14)), Error,
                   "refusing to load the pickle global os.system");
  WICK_EXPECT_THROW_MSG(vd::read_numpy_pickle(std::string("\x80\x02" "0.", 4)), Error, "stack underflow");
  WICK_EXPECT_THROW_MSG(vd::read_numpy_pickle(std::string("\x80\x02" "N\xff.", 5)), Error, "unsupported pickle opcode 255");
  // Every prefix of a real batch fails cleanly (never crashes).
  for (size_t n = 0; n < cifar_data::test_batch.size(); n += 97)
    EXPECT_THROW(vd::read_numpy_pickle(cifar_data::test_batch.substr(0, n)), Error);
  // Deep nesting is bounded.
  std::string deep = "\x80\x02";
  deep += "N";
  for (int i = 0; i < 1100; ++i) deep += "\x85";
  WICK_EXPECT_THROW_MSG(vd::read_numpy_pickle(deep), Error, "nested deeper than 1000");
  // ... also for tuples around globals (not values), which stay outside the Value tree.
  std::string deep_raw = "\x80\x02" "cnumpy\ndtype\n";
  for (int i = 0; i < 100000; ++i) deep_raw += "\x85";
  WICK_EXPECT_THROW_MSG(vd::read_numpy_pickle(deep_raw), Error, "nested deeper than 1000");
  // Many dict keys stay linear; a repeated key replaces the value, as in Python.
  std::string keys = "\x80\x02}(";
  for (int i = 0; i < 200000; ++i) keys += "J" + std::string(reinterpret_cast<const char*>(&i), 4) + "N";
  keys += "K\x05K\x07K\x05K\x08u.";
  serialize::Value d = vd::read_numpy_pickle(keys);
  EXPECT_EQ(d.dict_items().size(), 200000u);
  EXPECT_EQ(d.dict_items()[5].second.to_int(), 8);
}

}  // namespace
