// wick::vision::io against torchvision 0.14 (values baked by gen_vision_data.py),
// round trips, and corrupt/truncated input.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "test_utils.h"
#include "vision_test_data.h"
#include "wick/vision/vision.h"

namespace {

using namespace wick;
using wick::vision::io::ImageReadMode;
namespace vio = wick::vision::io;

Tensor bytes(const std::vector<uint8_t>& v) {
  Tensor t = empty({static_cast<int64_t>(v.size())}, kUInt8);
  if (!v.empty()) std::memcpy(t.data_ptr(), v.data(), v.size());
  return t;
}

std::vector<uint8_t> to_vec(const Tensor& t) {
  Tensor c = t.contiguous();
  auto* p = static_cast<const uint8_t*>(c.data_ptr());
  return std::vector<uint8_t>(p, p + c.numel());
}

std::vector<int64_t> ints(const Tensor& t) {
  std::vector<int64_t> out;
  for (double v : test::values(t)) out.push_back(static_cast<int64_t>(v));
  return out;
}

std::string tmp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("wick_vision_io_" + name)).string();
}

Tensor rgb_image() {  // 3 x 5 x 6, the generator's rgb
  return from_blob(const_cast<uint8_t*>(vision_data::rgb_hwc.data()), {5, 6, 3}, kUInt8).permute({2, 0, 1}).clone();
}

TEST(VisionIo, DecodesAsTorchvision) {
  for (const auto& d : vision_data::decoded) {
    SCOPED_TRACE(std::string(d.file_name) + " mode " + std::to_string(d.mode));
    Tensor out = std::string(d.file_name).rfind("png", 0) == 0
                     ? vio::decode_png(bytes(*d.file), static_cast<ImageReadMode>(d.mode),
                                       std::string(d.file_name) == "png_16")
                     : vio::decode_jpeg(bytes(*d.file), static_cast<ImageReadMode>(d.mode));
    ASSERT_EQ(out.sizes().vec(), d.shape);
    EXPECT_EQ(out.dtype(), std::string(d.file_name) == "png_16" ? kInt : kUInt8);
    std::vector<int64_t> want(d.values.begin(), d.values.end());
    EXPECT_EQ(ints(out), want);
    // decode_image sniffs the same decoder.
    if (std::string(d.file_name) != "png_16")
      EXPECT_EQ(ints(vio::decode_image(bytes(*d.file), static_cast<ImageReadMode>(d.mode))), want);
  }
}

TEST(VisionIo, OutputIsChwViewOfHwc) {  // as torchvision: permute of an HWC buffer
  Tensor out = vio::decode_png(bytes(vision_data::png_RGB));
  EXPECT_EQ(out.sizes().vec(), (std::vector<int64_t>{3, 5, 6}));
  EXPECT_EQ(out.strides().vec(), (std::vector<int64_t>{1, 18, 3}));
  EXPECT_TRUE(test::tensors_close(out, rgb_image()));
}

TEST(VisionIo, PaletteAlphaFromTrns) {
  // Without tRNS the palette image is opaque (torchvision 0.14 returns
  // uninitialised memory); with tRNS the alpha comes from it.
  Tensor idx = vio::decode_png(bytes(vision_data::png_P));
  Tensor rgb = vio::decode_png(bytes(vision_data::png_P), ImageReadMode::RGB);
  Tensor rgba = vio::decode_png(bytes(vision_data::png_P), ImageReadMode::RGB_ALPHA);
  ASSERT_EQ(rgba.size(0), 4);
  EXPECT_TRUE(test::tensors_close(rgba.slice(0, 0, 3), rgb));
  EXPECT_EQ(ints(rgba.select(0, 3)), std::vector<int64_t>(30, 255));
  Tensor ga = vio::decode_png(bytes(vision_data::png_P), ImageReadMode::GRAY_ALPHA);
  EXPECT_TRUE(test::tensors_close(ga.slice(0, 0, 1), vio::decode_png(bytes(vision_data::png_P), ImageReadMode::GRAY)));
  EXPECT_EQ(ints(ga.select(0, 1)), std::vector<int64_t>(30, 255));
  Tensor t = vio::decode_png(bytes(vision_data::png_P_trns), ImageReadMode::RGB_ALPHA);
  std::vector<int64_t> a = ints(t.select(0, 3)), id = ints(vio::decode_png(bytes(vision_data::png_P_trns)));
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i], id[i] == 3 ? 0 : 255);
  (void)idx;
  // 4-bit palette indices come out one per byte, the same as the 8-bit file's colours.
  Tensor p4 = vio::decode_png(bytes(vision_data::png_P4));
  EXPECT_EQ(p4.sizes().vec(), (std::vector<int64_t>{1, 5, 6}));
  for (int64_t v : ints(p4)) EXPECT_LT(v, 12);
  EXPECT_EQ(vio::decode_png(bytes(vision_data::png_P4), ImageReadMode::RGB_ALPHA).size(0), 4);
}

TEST(VisionIo, LowBitGrayAlphaIsOpaque) {
  // torchvision 0.14 fills the added alpha of a 1-bit file with 1; wick with 255.
  Tensor ga = vio::decode_png(bytes(vision_data::png_1bit), ImageReadMode::GRAY_ALPHA);
  EXPECT_TRUE(test::tensors_close(ga.slice(0, 0, 1), vio::decode_png(bytes(vision_data::png_1bit))));
  EXPECT_EQ(ints(ga.select(0, 1)), std::vector<int64_t>(30, 255));
  Tensor rgba = vio::decode_png(bytes(vision_data::png_1bit), ImageReadMode::RGB_ALPHA);
  EXPECT_EQ(ints(rgba.select(0, 3)), std::vector<int64_t>(30, 255));
  EXPECT_TRUE(test::tensors_close(rgba.select(0, 2), ga.select(0, 0)));
}

TEST(VisionIo, Png16Bits) {
  WICK_EXPECT_THROW_MSG(vio::decode_png(bytes(vision_data::png_16)), Error,
                   "At most 8-bit PNG images are supported currently.");
  WICK_EXPECT_THROW_MSG(vio::decode_image(bytes(vision_data::png_16)), Error, "At most 8-bit PNG");
  Tensor ga = vio::decode_png(bytes(vision_data::png_16), ImageReadMode::GRAY_ALPHA, true);
  EXPECT_EQ(ga.dtype(), kInt);
  EXPECT_EQ(ints(ga.select(0, 1)), std::vector<int64_t>(30, 65535));
}

TEST(VisionIo, InterlacedAndCmyk) {
  EXPECT_TRUE(test::tensors_close(vio::decode_png(bytes(vision_data::png_RGB_interlaced)), rgb_image()));
  EXPECT_TRUE(test::tensors_close(vio::decode_png(bytes(vision_data::png_RGBA_interlaced), ImageReadMode::RGB),
                                  rgb_image()));
  // 16-bit Adam7 (torchvision 0.14 loses earlier passes here; wick reads them all).
  EXPECT_TRUE(test::tensors_close(vio::decode_png(bytes(vision_data::png_16_interlaced), ImageReadMode::UNCHANGED, true),
                                  vio::decode_png(bytes(vision_data::png_16), ImageReadMode::UNCHANGED, true)));
  EXPECT_EQ(vio::decode_jpeg(bytes(vision_data::jpeg_cmyk)).size(0), 4);
  WICK_EXPECT_THROW_MSG(vio::decode_jpeg(bytes(vision_data::jpeg_cmyk), ImageReadMode::RGB), Error,
                   "Unsupported color conversion request");
}

TEST(VisionIo, EncodersMatchTorchvisionBytes) {
  Tensor gray = from_blob(const_cast<uint8_t*>(vision_data::smooth_hw.data()), {1, 16, 16}, kUInt8).clone();
  EXPECT_EQ(to_vec(vio::encode_png(rgb_image(), 6)), vision_data::enc_png_rgb_6);
  EXPECT_EQ(to_vec(vio::encode_png(rgb_image())), vision_data::enc_png_rgb_6);
  EXPECT_EQ(to_vec(vio::encode_png(rgb_image(), 0)), vision_data::enc_png_rgb_0);
  EXPECT_EQ(to_vec(vio::encode_png(gray, 9)), vision_data::enc_png_gray_9);
  EXPECT_EQ(to_vec(vio::encode_jpeg(rgb_image())), vision_data::enc_jpeg_rgb_75);
  EXPECT_EQ(to_vec(vio::encode_jpeg(gray, 30)), vision_data::enc_jpeg_gray_30);
}

TEST(VisionIo, RoundTrips) {
  Tensor img = rgb_image();
  for (int level : {0, 1, 9}) EXPECT_TRUE(test::tensors_close(vio::decode_png(vio::encode_png(img, level)), img));
  Tensor gray = img.slice(0, 1, 2);
  EXPECT_TRUE(test::tensors_close(vio::decode_image(vio::encode_png(gray)), gray));
  // Non-contiguous input encodes its values.
  Tensor t = img.transpose(1, 2);
  EXPECT_TRUE(test::tensors_close(vio::decode_png(vio::encode_png(t)), t.contiguous()));
  // JPEG is lossy: quality 100 on a smooth image stays within a few levels.
  Tensor smooth = from_blob(const_cast<uint8_t*>(vision_data::smooth_hw.data()), {1, 16, 16}, kUInt8).clone();
  Tensor back = vio::decode_jpeg(vio::encode_jpeg(smooth, 100));
  EXPECT_TRUE(test::tensors_close(back.to(kFloat), smooth.to(kFloat), 0, 3.0, false));
  Tensor rgb3 = vio::decode_jpeg(vio::encode_jpeg(smooth, 90), ImageReadMode::RGB);
  EXPECT_EQ(rgb3.size(0), 3);
  // Files.
  std::string p = tmp_path("rt.png"), j = tmp_path("rt.jpg"), b = tmp_path("rt.bin");
  vio::write_png(img, p, 3);
  EXPECT_TRUE(test::tensors_close(vio::read_image(p), img));
  EXPECT_TRUE(test::tensors_close(vio::read_image(p, ImageReadMode::GRAY),
                                  vio::decode_png(vio::encode_png(img), ImageReadMode::GRAY)));
  vio::write_jpeg(img, j, 95);
  EXPECT_EQ(to_vec(vio::read_file(j)), to_vec(vio::encode_jpeg(img, 95)));
  EXPECT_EQ(vio::read_image(j).sizes().vec(), (std::vector<int64_t>{3, 5, 6}));
  Tensor raw = arange(0, 200, kLong).to(kUInt8);
  vio::write_file(b, raw);
  EXPECT_EQ(to_vec(vio::read_file(b)), to_vec(raw));
  std::remove(p.c_str());
  std::remove(j.c_str());
  std::remove(b.c_str());
}

TEST(VisionIo, ArgumentErrorsAsTorchvision) {
  Tensor img = rgb_image();
  WICK_EXPECT_THROW_MSG(vio::encode_png(img.to(kFloat)), Error, "Input tensor dtype should be uint8");
  WICK_EXPECT_THROW_MSG(vio::encode_png(img.select(0, 0)), Error, "Input data should be a 3-dimensional tensor");
  WICK_EXPECT_THROW_MSG(vio::encode_png(zeros({2, 4, 5}, kUInt8)), Error, "The number of channels should be 1 or 3, got: 2");
  WICK_EXPECT_THROW_MSG(vio::encode_png(img, 10), Error, "Compression level should be between 0 and 9");
  WICK_EXPECT_THROW_MSG(vio::encode_png(img, -1), Error, "Compression level should be between 0 and 9");
  WICK_EXPECT_THROW_MSG(vio::encode_png(zeros({3, 0, 4}, kUInt8)), Error, "Invalid IHDR data");
  WICK_EXPECT_THROW_MSG(vio::encode_jpeg(img, 0), ValueError, "Image quality should be a positive number between 1 and 100");
  WICK_EXPECT_THROW_MSG(vio::encode_jpeg(img, 101), ValueError, "between 1 and 100");
  WICK_EXPECT_THROW_MSG(vio::encode_jpeg(img.to(kFloat)), Error, "Input tensor dtype should be uint8");
  WICK_EXPECT_THROW_MSG(vio::encode_jpeg(zeros({4, 4, 5}, kUInt8)), Error, "The number of channels should be 1 or 3, got: 4");
  WICK_EXPECT_THROW_MSG(vio::encode_jpeg(zeros({3, 0, 4}, kUInt8)), Error, "Empty JPEG image");
  for (auto* dec : {&vio::decode_image}) {
    WICK_EXPECT_THROW_MSG(dec(zeros({10}, kFloat), ImageReadMode::UNCHANGED), Error, "Expected a torch.uint8 tensor");
    WICK_EXPECT_THROW_MSG(dec(zeros({2, 10}, kUInt8), ImageReadMode::UNCHANGED), Error,
                     "Expected a non empty 1-dimensional tensor");
    WICK_EXPECT_THROW_MSG(dec(zeros({0}, kUInt8), ImageReadMode::UNCHANGED), Error,
                     "Expected a non empty 1-dimensional tensor");
  }
  WICK_EXPECT_THROW_MSG(vio::decode_png(zeros({10}, kFloat)), Error, "Expected a torch.uint8 tensor");
  WICK_EXPECT_THROW_MSG(vio::decode_jpeg(zeros({2, 10}, kUInt8)), Error, "Expected a non empty 1-dimensional tensor");
  WICK_EXPECT_THROW_MSG(vio::decode_png(zeros({10}, kUInt8)), Error, "Content is not png!");
  WICK_EXPECT_THROW_MSG(vio::decode_png(zeros({3}, kUInt8)), Error, "Content is not png!");
  WICK_EXPECT_THROW_MSG(vio::decode_jpeg(zeros({10}, kUInt8)), Error, "Not a JPEG file: starts with 0x00 0x00");
  WICK_EXPECT_THROW_MSG(vio::decode_image(zeros({10}, kUInt8)), Error,
                   "Unsupported image file. Only jpeg and png are currently supported.");
  WICK_EXPECT_THROW_MSG(vio::decode_image(bytes({0xFF, 0xD8})), Error, "Unsupported image file");
  WICK_EXPECT_THROW_MSG(vio::decode_jpeg(bytes(vision_data::jpeg_rgb), ImageReadMode::GRAY_ALPHA), Error,
                   "The provided mode is not supported for JPEG files");
  WICK_EXPECT_THROW_MSG(vio::decode_jpeg(bytes(vision_data::jpeg_rgb), ImageReadMode::RGB_ALPHA), Error,
                   "The provided mode is not supported for JPEG files");
  WICK_EXPECT_THROW_MSG(vio::decode_png(bytes(vision_data::png_RGB), static_cast<ImageReadMode>(7)), Error,
                   "The provided mode is not supported for PNG files");
  WICK_EXPECT_THROW_MSG(vio::read_file("/nonexistent/wick.png"), Error,
                   "[Errno 2] No such file or directory: '/nonexistent/wick.png'");
  WICK_EXPECT_THROW_MSG(vio::read_file("/tmp"), Error, "Is a directory");
  std::string empty_file = tmp_path("empty");
  std::fclose(std::fopen(empty_file.c_str(), "wb"));
  WICK_EXPECT_THROW_MSG(vio::read_file(empty_file), Error, "Expected a non empty file");
  std::remove(empty_file.c_str());
  WICK_EXPECT_THROW_MSG(vio::write_file("/nonexistent/x", zeros({3}, kUInt8)), Error, "Error opening output file");
  WICK_EXPECT_THROW_MSG(vio::write_file(tmp_path("x"), zeros({3}, kFloat)), Error, "Input tensor dtype should be uint8");
  WICK_EXPECT_THROW_MSG(vio::write_file(tmp_path("x"), zeros({3, 3}, kUInt8)), Error,
                   "Input data should be a 1-dimensional tensor");
  WICK_EXPECT_THROW_MSG(vio::write_png(img, "/nonexistent/x.png"), Error, "Error opening output file");
}

TEST(VisionIo, TruncatedAndCorruptRaiseCleanly) {
  // torchvision's messages for the cases it names; libpng/libjpeg's own otherwise.
  const auto& p = vision_data::png_RGB;
  WICK_EXPECT_THROW_MSG(vio::decode_png(bytes(std::vector<uint8_t>(p.begin(), p.begin() + 40))), Error,
                   "Out of bound read in decode_png. Probably, the input image is corrupted");
  // The IEND chunk is never read (as torchvision): a file cut inside it decodes.
  EXPECT_TRUE(test::tensors_close(vio::decode_png(bytes(std::vector<uint8_t>(p.begin(), p.end() - 5))), rgb_image()));
  const auto& j = vision_data::jpeg_rgb;
  WICK_EXPECT_THROW_MSG(vio::decode_jpeg(bytes(std::vector<uint8_t>(j.begin(), j.begin() + 40))), Error,
                   "Image is incomplete or truncated");
  WICK_EXPECT_THROW_MSG(vio::decode_jpeg(bytes(std::vector<uint8_t>(j.begin(), j.end() - 5))), Error,
                   "Image is incomplete or truncated");
  // Every prefix and many single-byte corruptions either decode or raise wick::Error.
  for (const auto* file : {&vision_data::png_RGB, &vision_data::png_P4, &vision_data::png_LA,
                           &vision_data::jpeg_rgb, &vision_data::jpeg_rgb_progressive, &vision_data::jpeg_gray}) {
    for (size_t n = 1; n < file->size(); n += 3) {
      try {
        vio::decode_image(bytes(std::vector<uint8_t>(file->begin(), file->begin() + n)));
      } catch (const Error&) {
      }
    }
    for (size_t i = 0; i < file->size(); i += 2) {
      std::vector<uint8_t> bad = *file;
      bad[i] ^= static_cast<uint8_t>(0x5A + i);
      for (auto mode : {ImageReadMode::UNCHANGED, ImageReadMode::RGB, ImageReadMode::GRAY}) {
        try {
          vio::decode_image(bytes(bad), mode);
        } catch (const Error&) {
        }
      }
    }
  }
  // A header claiming a huge image in a tiny file is refused before allocating.
  std::vector<uint8_t> huge = vision_data::png_L;
  // IHDR: width at 16..19, height at 20..23, CRC of bytes 12..28 at 29..32.
  huge[16] = 0x00; huge[17] = 0x0F; huge[20] = 0x00; huge[21] = 0x0F;
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 12; i < 29; ++i) {
    c ^= huge[i];
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  c = ~c;
  for (int i = 0; i < 4; ++i) huge[29 + i] = static_cast<uint8_t>(c >> (24 - 8 * i));
  WICK_EXPECT_THROW_MSG(vio::decode_png(bytes(huge)), Error, "Out of bound read in decode_png");
}

}  // namespace
