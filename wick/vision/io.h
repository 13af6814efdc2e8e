#pragma once
// wick::vision::io: torchvision.io's image functions on Debian's libpng and
// libjpeg-turbo. Images are uint8 CHW tensors (C = 1 gray, 2 gray+alpha, 3 RGB,
// 4 RGBA); encoded files travel as 1-D uint8 tensors of their bytes.
//
// Note [decoder errors]: libpng and libjpeg report errors through callbacks.
// Ours longjmp back to a setjmp inside a small C-style "phase" function that
// owns no C++ objects, which returns false; the caller (which owns the library
// structs through an RAII guard and the output tensor) then throws wick::Error
// with the library's message. No C++ exception ever unwinds through C frames,
// and no object with a destructor is skipped by a longjmp.
#include <cstdint>
#include <string>

#include "wick/tensor/tensor.h"

namespace wick::vision::io {

// The values are torchvision's ImageReadMode values.
enum class ImageReadMode : int64_t {
  UNCHANGED = 0,
  GRAY = 1,
  GRAY_ALPHA = 2,
  RGB = 3,
  RGB_ALPHA = 4,
};

// The bytes of a file as a 1-D uint8 tensor; write_file writes them back.
Tensor read_file(const std::string& path);
void write_file(const std::string& path, const Tensor& data);

// PNG: 1, 2, 4, 8-bit (and 16-bit with allow_16_bits, returned as int32 as
// torchvision 0.14's private _read_png_16 does; without it a 16-bit PNG raises
// "At most 8-bit PNG images are supported currently.").
Tensor decode_png(const Tensor& data, ImageReadMode mode = ImageReadMode::UNCHANGED,
                  bool allow_16_bits = false);
// JPEG: UNCHANGED, GRAY or RGB (libjpeg-turbo defaults: islow DCT, fancy upsampling).
Tensor decode_jpeg(const Tensor& data, ImageReadMode mode = ImageReadMode::UNCHANGED);
// Sniffs the magic bytes (JPEG FF D8 FF, PNG 89 'P' 'N' 'G').
Tensor decode_image(const Tensor& data, ImageReadMode mode = ImageReadMode::UNCHANGED);

// Encoders take uint8 CHW images with 1 or 3 channels.
Tensor encode_png(const Tensor& image, int64_t compression_level = 6);
Tensor encode_jpeg(const Tensor& image, int64_t quality = 75);

Tensor read_image(const std::string& path, ImageReadMode mode = ImageReadMode::UNCHANGED);
void write_png(const Tensor& image, const std::string& path, int64_t compression_level = 6);
void write_jpeg(const Tensor& image, const std::string& path, int64_t quality = 75);

}  // namespace wick::vision::io
