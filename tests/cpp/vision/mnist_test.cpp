// IDX reader and the MNIST family on files the test writes (raw and gzip),
// plus Debian's real FashionMNIST files when installed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_utils.h"
#include "wick/data/data.h"
#include "wick/vision/vision.h"

namespace {

using namespace wick;
namespace vd = wick::vision::datasets;
namespace fs = std::filesystem;

uint32_t crc32_of(const std::vector<uint8_t>& v) {
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t b : v) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

// A gzip file with stored (uncompressed) deflate blocks: valid input for any gunzip.
std::vector<uint8_t> gzip_stored(const std::vector<uint8_t>& data) {
  std::vector<uint8_t> out = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
  size_t pos = 0;
  do {
    const size_t n = std::min<size_t>(65535, data.size() - pos);
    const bool last = pos + n == data.size();
    out.push_back(last ? 1 : 0);
    out.push_back(n & 0xff);
    out.push_back(n >> 8);
    out.push_back(~n & 0xff);
    out.push_back((~n >> 8) & 0xff);
    out.insert(out.end(), data.begin() + pos, data.begin() + pos + n);
    pos += n;
  } while (pos < data.size());
  const uint32_t crc = crc32_of(data), size = static_cast<uint32_t>(data.size());
  for (int i = 0; i < 4; ++i) out.push_back((crc >> (8 * i)) & 0xff);
  for (int i = 0; i < 4; ++i) out.push_back((size >> (8 * i)) & 0xff);
  return out;
}

std::vector<uint8_t> idx(uint8_t type, std::vector<uint32_t> shape, const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> out = {0, 0, type, static_cast<uint8_t>(shape.size())};
  for (uint32_t s : shape)
    for (int i = 3; i >= 0; --i) out.push_back((s >> (8 * i)) & 0xff);
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

void write(const fs::path& p, const std::vector<uint8_t>& v) {
  fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary);
  f.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size()));
}

struct TmpDir {
  fs::path path;
  explicit TmpDir(const std::string& name) : path(fs::temp_directory_path() / ("wick_mnist_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TmpDir() { fs::remove_all(path); }
};

// n images of h x w with pixel (k, i, j) = (k * 31 + i * w + j) % 256, labels k % 10.
std::vector<uint8_t> images(uint32_t n, uint32_t h, uint32_t w) {
  std::vector<uint8_t> p;
  for (uint32_t k = 0; k < n; ++k)
    for (uint32_t i = 0; i < h * w; ++i) p.push_back((k * 31 + i) % 256);
  return idx(0x08, {n, h, w}, p);
}
std::vector<uint8_t> labels(uint32_t n, uint32_t offset = 0) {
  std::vector<uint8_t> p;
  for (uint32_t k = 0; k < n; ++k) p.push_back((k + offset) % 10);
  return idx(0x08, {n}, p);
}

void write_set(const fs::path& dir, const std::string& train, const std::string& test, bool gz, uint32_t n_train = 7,
               uint32_t n_test = 3) {
  auto w = [&](const std::string& name, const std::vector<uint8_t>& v) {
    if (gz) write(dir / (name + ".gz"), gzip_stored(v));
    else write(dir / name, v);
  };
  w(train + "-images-idx3-ubyte", images(n_train, 4, 5));
  w(train + "-labels-idx1-ubyte", labels(n_train));
  w(test + "-images-idx3-ubyte", images(n_test, 4, 5));
  w(test + "-labels-idx1-ubyte", labels(n_test, 5));
}

TEST(VisionIdx, ReadsEveryTypeRawAndGzip) {
  TmpDir d("idx");
  // int16 big-endian 1, -2, 300 in shape [3]; int32 [2, 1]; float32 1.5; float64 -0.25.
  write(d.path / "i16", idx(0x0B, {3}, {0, 1, 0xFF, 0xFE, 0x01, 0x2C}));
  write(d.path / "i32.gz", gzip_stored(idx(0x0C, {2, 1}, {0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF})));
  write(d.path / "f32", idx(0x0D, {1, 1, 1}, {0x3F, 0xC0, 0, 0}));
  write(d.path / "f64", idx(0x0E, {1}, {0xBF, 0xD0, 0, 0, 0, 0, 0, 0}));
  write(d.path / "i8", idx(0x09, {2}, {0x80, 0x7F}));
  Tensor a = vd::read_idx((d.path / "i16").string());
  EXPECT_EQ(a.dtype(), kShort);
  EXPECT_EQ(test::values(a), (std::vector<double>{1, -2, 300}));
  Tensor b = vd::read_idx((d.path / "i32.gz").string());
  EXPECT_EQ(b.dtype(), kInt);
  EXPECT_EQ(b.sizes().vec(), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(test::values(b), (std::vector<double>{256, -1}));
  EXPECT_EQ(test::values(vd::read_idx((d.path / "f32").string())), (std::vector<double>{1.5}));
  EXPECT_EQ(vd::read_idx((d.path / "f32").string()).sizes().vec(), (std::vector<int64_t>{1, 1, 1}));
  EXPECT_EQ(test::values(vd::read_idx((d.path / "f64").string())), (std::vector<double>{-0.25}));
  EXPECT_EQ(test::values(vd::read_idx((d.path / "i8").string())), (std::vector<double>{-128, 127}));
  // Large gzip (several stored blocks) equals the raw file.
  auto big = images(300, 28, 28);
  write(d.path / "big", big);
  write(d.path / "big.gz", gzip_stored(big));
  EXPECT_TRUE(test::tensors_close(vd::read_idx((d.path / "big.gz").string()), vd::read_idx((d.path / "big").string())));
}

TEST(VisionIdx, ClearErrors) {
  TmpDir d("idx_err");
  auto p = [&](const char* n) { return (d.path / n).string(); };
  write(d.path / "short", {0, 0});
  WICK_EXPECT_THROW_MSG(vd::read_idx(p("short")), Error, "not an IDX file");
  write(d.path / "magic", {1, 2, 8, 1, 0, 0, 0, 0});
  WICK_EXPECT_THROW_MSG(vd::read_idx(p("magic")), Error, "bad magic number 0x1020801");
  write(d.path / "type", {0, 0, 0x0A, 1, 0, 0, 0, 0});
  WICK_EXPECT_THROW_MSG(vd::read_idx(p("type")), Error, "unknown IDX data type 0xa");
  write(d.path / "hdr", {0, 0, 8, 3, 0, 0, 0, 1});
  WICK_EXPECT_THROW_MSG(vd::read_idx(p("hdr")), Error, "truncated IDX header");
  write(d.path / "size", idx(0x08, {2, 3}, {1, 2, 3, 4, 5}));
  WICK_EXPECT_THROW_MSG(vd::read_idx(p("size")), Error, "IDX data has 5 bytes after the header, but its shape [2, 3]");
  write(d.path / "long", idx(0x0C, {1}, {1, 2, 3, 4, 5}));
  WICK_EXPECT_THROW_MSG(vd::read_idx(p("long")), Error, "needs 4");
  auto gz = gzip_stored(images(2, 2, 2));
  write(d.path / "trunc.gz", std::vector<uint8_t>(gz.begin(), gz.begin() + 20));
  WICK_EXPECT_THROW_MSG(vd::read_idx(p("trunc.gz")), Error, "truncated gzip file");
  auto bad = gz;
  bad[bad.size() - 6] ^= 0xFF;  // CRC
  write(d.path / "crc.gz", bad);
  WICK_EXPECT_THROW_MSG(vd::read_idx(p("crc.gz")), Error, "is not a valid gzip file");
  WICK_EXPECT_THROW_MSG(vd::read_idx(p("missing")), Error, "No such file or directory");
  write(d.path / "f.idx", idx(0x0D, {1, 1, 1}, {0, 0, 0, 0}));
  WICK_EXPECT_THROW_MSG(vd::read_image_file(p("f.idx")), TypeError, "x should be of dtype torch.uint8 instead of torch.float32");
  write(d.path / "two.idx", idx(0x08, {1, 1}, {0}));
  WICK_EXPECT_THROW_MSG(vd::read_image_file(p("two.idx")), ValueError, "x should have 3 dimension instead of 2");
  WICK_EXPECT_THROW_MSG(vd::read_label_file(p("two.idx")), ValueError, "x should have 1 dimension instead of 2");
}

TEST(VisionMNIST, TorchvisionLayoutAndFlatFolder) {
  for (bool gz : {false, true}) {
    TmpDir d(gz ? "layout_gz" : "layout");
    write_set(d.path / "MNIST" / "raw", "train", "t10k", gz);
    vd::MNIST train(d.path.string());
    EXPECT_EQ(train.size().value(), 7u);
    EXPECT_EQ(train.data().dtype(), kUInt8);
    EXPECT_EQ(train.data().sizes().vec(), (std::vector<int64_t>{7, 4, 5}));
    EXPECT_EQ(train.targets().dtype(), kLong);
    auto [img, label] = train.item(2);
    EXPECT_EQ(img.sizes().vec(), (std::vector<int64_t>{4, 5}));
    EXPECT_EQ(test::values(img)[3], (2 * 31 + 3) % 256);
    EXPECT_EQ(label, 2);
    EXPECT_EQ(train.item(-1).second, 6);
    WICK_EXPECT_THROW_MSG(train.item(7), IndexError, "index 7 is out of bounds for dimension 0 with size 7");
    vd::MNIST test_set(d.path.string(), false);
    EXPECT_EQ(test_set.size().value(), 3u);
    EXPECT_EQ(test_set.item(0).second, 5);
    EXPECT_EQ(train.raw_folder(), (d.path / "MNIST" / "raw").string());
    EXPECT_EQ(train.classes().size(), 10u);
    EXPECT_EQ(train.classes()[3], "3 - three");
    EXPECT_EQ(train.class_to_idx().at("9 - nine"), 9);
  }
  TmpDir flat("flat");
  write_set(flat.path, "train", "t10k", true);
  vd::KMNIST k(flat.path.string(), true);
  EXPECT_EQ(k.size().value(), 7u);
  EXPECT_EQ(k.classes()[3], "tsu");
  EXPECT_EQ(k.name(), "KMNIST");
}

TEST(VisionMNIST, Transforms) {
  TmpDir d("tf");
  write_set(d.path / "FashionMNIST" / "raw", "train", "t10k", false);
  vd::FashionMNIST ds(
      d.path.string(), true, [](const Tensor& x) { return x.to(kFloat).div(255.0).unsqueeze(0); },
      [](int64_t y) { return y * 10; });
  auto [img, label] = ds.item(3);
  EXPECT_EQ(img.dtype(), kFloat);
  EXPECT_EQ(img.sizes().vec(), (std::vector<int64_t>{1, 4, 5}));
  EXPECT_NEAR(test::values(img)[0], (3 * 31) / 255.0, 1e-6);
  EXPECT_EQ(label, 30);
  EXPECT_EQ(ds.classes()[9], "Ankle boot");
}

TEST(VisionMNIST, EMNISTSplits) {
  TmpDir d("emnist");
  write_set(d.path / "EMNIST" / "raw", "emnist-letters-train", "emnist-letters-test", true);
  vd::EMNIST e(d.path.string(), "letters", false);
  EXPECT_EQ(e.size().value(), 3u);
  EXPECT_EQ(e.split(), "letters");
  EXPECT_EQ(e.classes().size(), 27u);
  EXPECT_EQ(e.classes()[0], "N/A");
  EXPECT_EQ(vd::EMNIST::split_classes("byclass").size(), 62u);
  EXPECT_EQ(vd::EMNIST::split_classes("balanced").size(), 47u);
  EXPECT_EQ(vd::EMNIST::split_classes("bymerge")[36], "a");
  EXPECT_EQ(vd::EMNIST::split_classes("bymerge")[39], "e");  // c is merged
  EXPECT_EQ(vd::EMNIST::split_classes("mnist").size(), 10u);
  WICK_EXPECT_THROW_MSG(vd::EMNIST(d.path.string(), "nope"), ValueError,
                   "Unknown value 'nope' for argument split. Valid values are {'byclass', 'bymerge', 'balanced', "
                   "'letters', 'digits', 'mnist'}.");
  WICK_EXPECT_THROW_MSG(vd::EMNIST(d.path.string(), "digits"), Error, "emnist-digits-train-images-idx3-ubyte");
}

TEST(VisionMNIST, MissingFilesAndDownload) {
  TmpDir d("missing");
  const std::string raw = (d.path / "MNIST" / "raw").string();
  WICK_EXPECT_THROW_MSG(vd::MNIST(d.path.string()), Error, "Dataset not found. You can use download=True to download it");
  WICK_EXPECT_THROW_MSG(vd::MNIST(d.path.string()), Error, "in " + raw);
  WICK_EXPECT_THROW_MSG(vd::MNIST(d.path.string(), true, nullptr, nullptr, true), Error,
                   "wick cannot download it (no network access). Place train-images-idx3-ubyte, "
                   "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte");
  // Images and labels that disagree in length.
  write(d.path / "train-images-idx3-ubyte", images(4, 2, 2));
  write(d.path / "train-labels-idx1-ubyte", labels(5));
  WICK_EXPECT_THROW_MSG(vd::MNIST(d.path.string()), Error, "has 4 images but");
  write(d.path / "train-labels-idx1-ubyte", std::vector<uint8_t>{1, 2, 3, 4, 5});
  WICK_EXPECT_THROW_MSG(vd::MNIST(d.path.string()), Error, "bad magic number");
}

// LibTorch's torch::data::datasets::MNIST shape: Mode, get -> Example<> (float [1, H, W]
// in [0, 1], int64 scalar target), images(), is_train(), and the DataLoader over it.
TEST(VisionMNIST, WickDataDataset) {
  TmpDir d("libtorch");
  write_set(d.path, "train", "t10k", false);
  vd::MNIST train(d.path.string(), vd::MNIST::Mode::kTrain);
  EXPECT_TRUE(train.is_train());
  data::Example<> e = train.get(2);
  EXPECT_EQ(e.data.dtype(), kFloat);
  EXPECT_EQ(e.data.sizes().vec(), (std::vector<int64_t>{1, 4, 5}));
  EXPECT_NEAR(test::values(e.data)[3], ((2 * 31 + 3) % 256) / 255.0, 1e-7);
  EXPECT_EQ(e.target.dtype(), kLong);
  EXPECT_EQ(e.target.dim(), 0);
  EXPECT_EQ(e.target.item<int64_t>(), 2);
  WICK_EXPECT_THROW_MSG(train.get(7), IndexError, "index 7 is out of bounds for dimension 0 with size 7");
  Tensor all = train.images();
  EXPECT_EQ(all.sizes().vec(), (std::vector<int64_t>{7, 1, 4, 5}));
  EXPECT_EQ(all.dtype(), kFloat);
  EXPECT_NEAR(test::values(all)[20 * 6 + 1], ((6 * 31 + 1) % 256) / 255.0, 1e-7);
  // LibTorch's spelling, as torch::data::datasets::MNIST(root, Mode::kTest).
  data::datasets::MNIST test_set(d.path.string(), data::datasets::MNIST::Mode::kTest);
  EXPECT_FALSE(test_set.is_train());
  EXPECT_EQ(test_set.size().value(), 3u);

  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(
      vd::MNIST(d.path.string()).map(data::transforms::Stack<>()),
      data::DataLoaderOptions(3));
  std::vector<double> labels;
  std::vector<int64_t> sizes;
  for (auto& batch : *loader) {
    EXPECT_EQ(batch.data.sizes().vec(), (std::vector<int64_t>{batch.data.size(0), 1, 4, 5}));
    sizes.push_back(batch.data.size(0));
    for (double v : test::values(batch.target)) labels.push_back(v);
  }
  EXPECT_EQ(sizes, (std::vector<int64_t>{3, 3, 1}));
  EXPECT_EQ(labels, (std::vector<double>{0, 1, 2, 3, 4, 5, 6}));

  // A subclass with a transform, shuffled over two workers: every example once.
  vd::FashionMNIST f(d.path.string(), true, [](const Tensor& x) { return x.to(kFloat).unsqueeze(0); },
                     [](int64_t y) { return y + 10; });
  auto shuffled = data::make_data_loader<data::samplers::RandomSampler>(
      f.map(data::transforms::Stack<>()), data::DataLoaderOptions(2).workers(2));
  std::vector<double> got;
  for (auto& batch : *shuffled) {
    EXPECT_EQ(batch.data.dtype(), kFloat);
    for (double v : test::values(batch.target)) got.push_back(v);
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<double>{10, 11, 12, 13, 14, 15, 16}));
}

TEST(VisionMNIST, DebianFashionMNIST) {
  if (!fs::exists(fs::path(vd::kDebianFashionMNIST) / "t10k-images-idx3-ubyte.gz"))
    GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  vd::FashionMNIST test_set("", false);
  EXPECT_EQ(test_set.size().value(), 10000u);
  EXPECT_EQ(test_set.data().sizes().vec(), (std::vector<int64_t>{10000, 28, 28}));
  // torchvision 0.14 on the same files:
  std::vector<double> want_labels = {9, 2, 1, 1, 6, 1, 4, 6, 5, 7};
  EXPECT_EQ(test::values(test_set.targets().slice(0, 0, 10)), want_labels);
  EXPECT_EQ(test_set.data().select(0, 0).to(kLong).sum().item<int64_t>(), 33456);
  EXPECT_EQ(test::values(test_set.data().select(0, 0).select(0, 10).slice(0, 10, 20)),
            (std::vector<double>{0, 0, 0, 4, 0, 53, 129, 120, 147, 175}));
  EXPECT_EQ(test_set.images_path(), std::string(vd::kDebianFashionMNIST) + "/t10k-images-idx3-ubyte.gz");
  // download=true with a root copies Debian's files into root/FashionMNIST/raw.
  TmpDir d("fashion_dl");
  vd::FashionMNIST copied(d.path.string(), false, nullptr, nullptr, true);
  EXPECT_EQ(copied.size().value(), 10000u);
  EXPECT_TRUE(fs::exists(d.path / "FashionMNIST" / "raw" / "train-labels-idx1-ubyte.gz"));
  EXPECT_EQ(copied.images_path(), (d.path / "FashionMNIST" / "raw" / "t10k-images-idx3-ubyte.gz").string());
  WICK_EXPECT_THROW_MSG(vd::FashionMNIST(d.path.string() + "/none", false), Error, "dataset-fashion-mnist");
}

}  // namespace
