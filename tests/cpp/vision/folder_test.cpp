// DatasetFolder / ImageFolder on folders the test writes (PNG and JPEG by wick's
// encoders, other files as text): torchvision's order, filters, errors, and the
// wick::data Dataset interface.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_utils.h"
#include "wick/data/data.h"
#include "wick/vision/datasets/folder.h"
#include "wick/vision/io.h"

namespace {

using namespace wick;
namespace vd = wick::vision::datasets;
namespace fs = std::filesystem;

struct Tree {
  fs::path root;
  explicit Tree(const std::string& name) : root(fs::temp_directory_path() / ("wick_folder_" + name)) {
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~Tree() { fs::remove_all(root); }
  void image(const std::string& rel, int value) {
    fs::path p = root / rel;
    fs::create_directories(p.parent_path());
    Tensor img = full({3, 4, 5}, value, TensorOptions().dtype(kByte));
    if (p.extension() == ".png" || p.extension() == ".PNG") vision::io::write_png(img, p.string());
    else vision::io::write_jpeg(img, p.string(), 100);
  }
  void text(const std::string& rel) {
    fs::path p = root / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "text";
  }
  std::string path(const std::string& rel) const { return (root / rel).string(); }
};

void make_tree(Tree& t) {
  t.image("dog/b.png", 10);
  t.image("dog/A.PNG", 20);
  t.image("dog/sub/c.jpg", 30);
  t.image("dog/sub b/d.png", 40);  // Python's sorted(os.walk(...)): "dog/sub" < "dog/sub b"
  t.text("dog/notes.txt");
  t.image("cat/x.jpeg", 50);
  t.text("cat/y.txt");
  t.text("stray.png");  // beside the class folders: ignored
}

TEST(VisionFolder, ImageFolderOrderAndItems) {
  Tree t("img");
  make_tree(t);
  vd::ImageFolder ds(t.root.string());
  EXPECT_EQ(ds.classes(), (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(ds.class_to_idx().at("dog"), 1);
  std::vector<vd::Sample> want = {{t.path("cat/x.jpeg"), 0},
                                  {t.path("dog/A.PNG"), 1},
                                  {t.path("dog/b.png"), 1},
                                  {t.path("dog/sub/c.jpg"), 1},
                                  {t.path("dog/sub b/d.png"), 1}};
  EXPECT_EQ(ds.samples(), want);
  EXPECT_EQ(ds.imgs(), want);
  EXPECT_EQ(ds.targets(), (std::vector<int64_t>{0, 1, 1, 1, 1}));
  EXPECT_EQ(ds.size().value(), 5u);
  auto [img, target] = ds.item(-1);
  EXPECT_EQ(img.sizes().vec(), (std::vector<int64_t>{3, 4, 5}));
  EXPECT_EQ(img.to(kDouble).mean().item<double>(), 40);
  EXPECT_NEAR(ds.item(3).first.to(kDouble).mean().item<double>(), 30, 1.5);  // JPEG quality 100
  EXPECT_EQ(target, 1);
  EXPECT_EQ(test::values(ds.item(2).first)[7], 10);
  WICK_EXPECT_THROW_MSG(ds.item(5), IndexError, "list index out of range");

  auto loader = data::make_data_loader<data::samplers::SequentialSampler>(ds.map(data::transforms::Stack<>()),
                                                                          data::DataLoaderOptions(2));
  std::vector<double> targets;
  for (auto& batch : *loader) {
    EXPECT_EQ(batch.data.dtype(), kByte);
    EXPECT_EQ(batch.data.size(1), 3);
    for (double v : test::values(batch.target)) targets.push_back(v);
  }
  EXPECT_EQ(targets, (std::vector<double>{0, 1, 1, 1, 1}));
}

TEST(VisionFolder, DatasetFolderFiltersAndTransforms) {
  Tree t("generic");
  make_tree(t);
  auto size_loader = [](const std::string& p) {
    return scalar_tensor(static_cast<int64_t>(fs::file_size(p)), TensorOptions().dtype(kLong));
  };
  vd::DatasetFolder txt(t.root.string(), size_loader, {".txt", ".jpeg"},
                        [](const Tensor& x) { return x.mul(2); }, [](int64_t y) { return y + 7; });
  EXPECT_EQ(txt.samples(), (std::vector<vd::Sample>{{t.path("cat/x.jpeg"), 0},
                                                    {t.path("cat/y.txt"), 0},
                                                    {t.path("dog/notes.txt"), 1}}));
  auto [s, y] = txt.item(1);
  EXPECT_EQ(s.item<int64_t>(), 8);
  EXPECT_EQ(y, 7);
  data::Example<> e = txt.get(2);
  EXPECT_EQ(e.target.item<int64_t>(), 8);
  vd::DatasetFolder by_name(t.root.string(), size_loader, {}, nullptr, nullptr,
                            [](const std::string& p) { return p.find("sub") != std::string::npos ||
                                                              p.find("x.") != std::string::npos; });
  EXPECT_EQ(by_name.size().value(), 3u);
  vd::ImageFolder pngs(t.root.string(), nullptr, nullptr, vd::default_loader,
                       [](const std::string& p) { return p.find("png") != std::string::npos ||
                                                         p.find("jpeg") != std::string::npos; });
  EXPECT_TRUE(pngs.extensions().empty());
  EXPECT_EQ(pngs.size().value(), 3u);
  EXPECT_TRUE(vd::is_image_file("a.TIFF"));
  EXPECT_FALSE(vd::is_image_file("a.png.gz"));
  EXPECT_TRUE(vd::has_file_allowed_extension("X.TxT", {".txt"}));
}

TEST(VisionFolder, Errors) {
  Tree t("errors");
  make_tree(t);
  t.text("eel/readme.md");
  WICK_EXPECT_THROW_MSG(vd::ImageFolder(t.root.string()), Error,
                   "Found no valid file for the classes eel. Supported extensions are: .jpg, .jpeg, .png, .ppm, "
                   ".bmp, .pgm, .tif, .tiff, .webp");
  WICK_EXPECT_THROW_MSG(vd::make_dataset(t.root.string(), {}, {}, [](const std::string&) { return false; }), Error,
                   "Found no valid file for the classes cat, dog, eel. ");
  WICK_EXPECT_THROW_MSG(vd::make_dataset(t.root.string(), {}, {}), ValueError,
                   "Both extensions and is_valid_file cannot be None or not None at the same time");
  WICK_EXPECT_THROW_MSG(vd::make_dataset(t.root.string(), {}, {".png"}, [](const std::string&) { return true; }),
                   ValueError, "Both extensions and is_valid_file cannot be None or not None at the same time");
  WICK_EXPECT_THROW_MSG(vd::find_classes((t.root / "eel").string()), Error, "Couldn't find any class folder in ");
  WICK_EXPECT_THROW_MSG(vd::find_classes((t.root / "missing").string()), Error, "No such file or directory");
  // A class folder holding a file wick cannot decode fails when loaded, clearly.
  vd::DatasetFolder md(t.root.string(), vd::default_loader, {".md", ".txt", ".jpeg"});
  EXPECT_THROW(md.item(1), Error);  // cat/y.txt
  EXPECT_THROW(md.get(99), IndexError);
}

}  // namespace
