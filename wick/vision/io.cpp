// Image io on libpng and libjpeg-turbo. See Note [decoder errors] in io.h.
#include "wick/vision/io.h"

#include <sys/stat.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include <jpeglib.h>
#include <png.h>

#include "wick/core/error.h"
#include "wick/ops/creation.h"

namespace wick::vision::io {
namespace {

constexpr size_t kMsgLen = 256;
void set_msg(char* dst, const char* m) { std::snprintf(dst, kMsgLen, "%s", m ? m : "unknown error"); }

void check_encoded(const Tensor& data) {
  WICK_CHECK(data.defined() && data.dtype() == kUInt8, "Expected a torch.uint8 tensor");
  WICK_CHECK(data.dim() == 1 && data.numel() > 0, "Expected a non empty 1-dimensional tensor");
}

void check_image(const Tensor& image) {
  WICK_CHECK(image.defined() && image.dtype() == kUInt8, "Input tensor dtype should be uint8");
  WICK_CHECK(image.dim() == 3, "Input data should be a 3-dimensional tensor");
  const int64_t c = image.size(0);
  WICK_CHECK(c == 1 || c == 3, "The number of channels should be 1 or 3, got: ", c);
}

bool valid_mode(ImageReadMode mode) {
  auto v = static_cast<int64_t>(mode);
  return v >= 0 && v <= 4;
}

// ---------------------------------------------------------------- PNG decode

struct PngSource {
  const uint8_t* ptr;
  size_t count;
  char msg[kMsgLen];
};

void png_error_cb(png_structp png, png_const_charp m) {
  set_msg(static_cast<PngSource*>(png_get_error_ptr(png))->msg, m);
  png_longjmp(png, 1);
}
void png_warning_cb(png_structp, png_const_charp) {}

void png_read_cb(png_structp png, png_bytep out, size_t n) {
  auto* src = static_cast<PngSource*>(png_get_io_ptr(png));
  if (src->count < n) {
    set_msg(src->msg, "Out of bound read in decode_png. Probably, the input image is corrupted");
    png_longjmp(png, 1);
  }
  std::memcpy(out, src->ptr, n);
  src->ptr += n;
  src->count -= n;
}

struct PngReadGuard {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~PngReadGuard() {
    if (png) png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
  }
};

struct PngHeader {
  png_uint_32 width = 0, height = 0;
  int bit_depth = 0, color_type = 0, interlace = 0;
  bool has_trns = false;
};

// The phases own no C++ objects (Note [decoder errors]).
bool png_phase_info(png_structp png, png_infop info, PngHeader* h) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_sig_bytes(png, 8);
  png_read_info(png, info);
  png_get_IHDR(png, info, &h->width, &h->height, &h->bit_depth, &h->color_type, &h->interlace,
               nullptr, nullptr);
  h->has_trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
  return true;
}

// torchvision's conversions (rgb_to_gray with its weights), except that a
// palette image's alpha comes from its tRNS chunk (torchvision 0.14 assumes one
// is there and returns uninitialised memory for GRAY_ALPHA/RGB_ALPHA when it is
// not), and low-bit palettes are unpacked to one index per byte.
bool png_phase_transform(png_structp png, png_infop info, const PngHeader& h, ImageReadMode mode,
                         int* channels, size_t* rowbytes) {
  if (setjmp(png_jmpbuf(png))) return false;
  const int ct = h.color_type;
  if (ct == PNG_COLOR_TYPE_GRAY && h.bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  const bool is_palette = (ct & PNG_COLOR_MASK_PALETTE) != 0;
  const bool has_color = (ct & PNG_COLOR_MASK_COLOR) != 0;
  bool has_alpha = (ct & PNG_COLOR_MASK_ALPHA) != 0;
  if (is_palette && mode != ImageReadMode::UNCHANGED) {
    png_set_palette_to_rgb(png);
    has_alpha = h.has_trns;
  }
  switch (mode) {
    case ImageReadMode::UNCHANGED:
      if (is_palette && h.bit_depth < 8) png_set_packing(png);
      break;
    case ImageReadMode::GRAY:
      if (ct != PNG_COLOR_TYPE_GRAY) {
        if (has_alpha) png_set_strip_alpha(png);
        if (has_color) png_set_rgb_to_gray(png, 1, 0.2989, 0.587);
      }
      break;
    case ImageReadMode::GRAY_ALPHA:
      if (ct != PNG_COLOR_TYPE_GRAY_ALPHA) {
        if (!has_alpha) png_set_add_alpha(png, 0xffff, PNG_FILLER_AFTER);
        if (has_color) png_set_rgb_to_gray(png, 1, 0.2989, 0.587);
      }
      break;
    case ImageReadMode::RGB:
      if (ct != PNG_COLOR_TYPE_RGB) {
        if (!has_color) png_set_gray_to_rgb(png);
        if (has_alpha) png_set_strip_alpha(png);
      }
      break;
    case ImageReadMode::RGB_ALPHA:
      if (ct != PNG_COLOR_TYPE_RGB_ALPHA) {
        if (!has_color) png_set_gray_to_rgb(png);
        if (!has_alpha) png_set_add_alpha(png, 0xffff, PNG_FILLER_AFTER);
      }
      break;
  }
  if (h.bit_depth == 16) {
    const uint16_t one = 1;
    if (*reinterpret_cast<const uint8_t*>(&one) == 1) png_set_swap(png);  // rows as native uint16
  }
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  *channels = png_get_channels(png, info);
  *rowbytes = png_get_rowbytes(png, info);
  return true;
}

bool png_phase_rows(png_structp png, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_image(png, rows);
  return true;
}

// ---------------------------------------------------------------- PNG encode

struct PngSink {
  std::vector<uint8_t>* out;
  char msg[kMsgLen];
};

void png_write_cb(png_structp png, png_bytep data, size_t n) {
  auto* sink = static_cast<PngSink*>(png_get_io_ptr(png));
  bool ok = true;
  try {
    sink->out->insert(sink->out->end(), data, data + n);
  } catch (...) {
    ok = false;
  }
  if (!ok) {
    set_msg(sink->msg, "Out of memory while encoding the PNG");
    png_longjmp(png, 1);
  }
}
void png_flush_cb(png_structp) {}
void png_write_error_cb(png_structp png, png_const_charp m) {
  set_msg(static_cast<PngSink*>(png_get_error_ptr(png))->msg, m);
  png_longjmp(png, 1);
}

struct PngWriteGuard {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~PngWriteGuard() {
    if (png) png_destroy_write_struct(&png, info ? &info : nullptr);
  }
};

bool png_phase_write(png_structp png, png_infop info, PngSink* sink, png_uint_32 width,
                     png_uint_32 height, int color_type, int level, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_write_fn(png, sink, png_write_cb, png_flush_cb);
  png_set_compression_level(png, level);
  png_set_IHDR(png, info, width, height, 8, color_type, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (png_uint_32 y = 0; y < height; ++y) png_write_row(png, rows[y]);
  png_write_end(png, info);
  return true;
}

// ---------------------------------------------------------------- JPEG

struct JpegError {
  jpeg_error_mgr pub;  // first: libjpeg hands us &pub
  jmp_buf jump;
  char msg[JMSG_LENGTH_MAX];
};

void jpeg_error_exit_cb(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<JpegError*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->msg);
  std::longjmp(err->jump, 1);
}
void jpeg_output_message_cb(j_common_ptr) {}  // warnings stay quiet

const JOCTET kFakeEoi[2] = {0xFF, JPEG_EOI};

void jpeg_src_init(j_decompress_ptr) {}
boolean jpeg_src_fill(j_decompress_ptr cinfo) {
  // torchvision: running out of data is an error, not a warning and a fake EOI.
  auto* err = reinterpret_cast<JpegError*>(cinfo->err);
  set_msg(err->msg, "Image is incomplete or truncated");
  std::longjmp(err->jump, 1);
}
void jpeg_src_skip(j_decompress_ptr cinfo, long n) {
  if (n <= 0) return;
  jpeg_source_mgr* src = cinfo->src;
  if (static_cast<size_t>(n) > src->bytes_in_buffer) {
    src->next_input_byte = kFakeEoi;
    src->bytes_in_buffer = 2;
  } else {
    src->next_input_byte += n;
    src->bytes_in_buffer -= static_cast<size_t>(n);
  }
}
void jpeg_src_term(j_decompress_ptr) {}

struct JpegDecodeGuard {
  jpeg_decompress_struct cinfo;
  JpegError err;
  jpeg_source_mgr src;
  JpegDecodeGuard() {
    std::memset(&cinfo, 0, sizeof(cinfo));
    std::memset(&src, 0, sizeof(src));
    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jpeg_error_exit_cb;
    err.pub.output_message = jpeg_output_message_cb;
    err.msg[0] = '\0';
  }
  ~JpegDecodeGuard() { jpeg_destroy_decompress(&cinfo); }  // safe on a zeroed struct
};

bool jpeg_phase_start(JpegDecodeGuard* g, const uint8_t* data, size_t size, ImageReadMode mode) {
  if (setjmp(g->err.jump)) return false;
  j_decompress_ptr cinfo = &g->cinfo;
  jpeg_create_decompress(cinfo);
  g->src.init_source = jpeg_src_init;
  g->src.fill_input_buffer = jpeg_src_fill;
  g->src.skip_input_data = jpeg_src_skip;
  g->src.resync_to_restart = jpeg_resync_to_restart;
  g->src.term_source = jpeg_src_term;
  g->src.next_input_byte = data;
  g->src.bytes_in_buffer = size;
  cinfo->src = &g->src;
  jpeg_read_header(cinfo, TRUE);
  if (mode == ImageReadMode::GRAY && cinfo->jpeg_color_space != JCS_GRAYSCALE)
    cinfo->out_color_space = JCS_GRAYSCALE;
  if (mode == ImageReadMode::RGB && cinfo->jpeg_color_space != JCS_RGB)
    cinfo->out_color_space = JCS_RGB;
  jpeg_start_decompress(cinfo);
  return true;
}

bool jpeg_phase_rows(JpegDecodeGuard* g, uint8_t* out, size_t stride) {
  if (setjmp(g->err.jump)) return false;
  j_decompress_ptr cinfo = &g->cinfo;
  while (cinfo->output_scanline < cinfo->output_height) {
    JSAMPROW row = out + static_cast<size_t>(cinfo->output_scanline) * stride;
    jpeg_read_scanlines(cinfo, &row, 1);
  }
  jpeg_finish_decompress(cinfo);
  return true;
}

struct JpegEncodeGuard {
  jpeg_compress_struct cinfo;
  JpegError err;
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  JpegEncodeGuard() {
    std::memset(&cinfo, 0, sizeof(cinfo));
    cinfo.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jpeg_error_exit_cb;
    err.pub.output_message = jpeg_output_message_cb;
    err.msg[0] = '\0';
  }
  ~JpegEncodeGuard() {
    jpeg_destroy_compress(&cinfo);
    std::free(buf);
  }
};

bool jpeg_phase_encode(JpegEncodeGuard* g, const uint8_t* pixels, JDIMENSION width,
                       JDIMENSION height, int channels, int quality) {
  if (setjmp(g->err.jump)) return false;
  j_compress_ptr cinfo = &g->cinfo;
  jpeg_create_compress(cinfo);
  jpeg_mem_dest(cinfo, &g->buf, &g->size);
  cinfo->image_width = width;
  cinfo->image_height = height;
  cinfo->input_components = channels;
  cinfo->in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(cinfo);
  jpeg_set_quality(cinfo, quality, TRUE);
  jpeg_start_compress(cinfo, TRUE);
  const size_t stride = static_cast<size_t>(width) * channels;
  while (cinfo->next_scanline < cinfo->image_height) {
    JSAMPROW row = const_cast<uint8_t*>(pixels) + cinfo->next_scanline * stride;
    jpeg_write_scanlines(cinfo, &row, 1);
  }
  jpeg_finish_compress(cinfo);
  return true;
}

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

}  // namespace

// ---------------------------------------------------------------- public

Tensor read_file(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    const int e = errno;
    WICK_CHECK(false, "[Errno ", e, "] ", std::strerror(e), ": '", path, "'");
  }
  WICK_CHECK(!S_ISDIR(st.st_mode), "[Errno ", EISDIR, "] ", std::strerror(EISDIR), ": '", path, "'");
  WICK_CHECK(st.st_size > 0, "Expected a non empty file");
  std::unique_ptr<FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f) {
    const int e = errno;
    WICK_CHECK(false, "[Errno ", e, "] ", std::strerror(e), ": '", path, "'");
  }
  Tensor out = empty({static_cast<int64_t>(st.st_size)}, kUInt8);
  const size_t n = std::fread(out.data_ptr(), 1, static_cast<size_t>(st.st_size), f.get());
  WICK_CHECK(n == static_cast<size_t>(st.st_size), "Error reading file '", path, "'");
  return out;
}

void write_file(const std::string& path, const Tensor& data) {
  WICK_CHECK(data.defined() && data.dtype() == kUInt8, "Input tensor dtype should be uint8");
  WICK_CHECK(data.dim() == 1, "Input data should be a 1-dimensional tensor");
  Tensor c = data.contiguous();
  std::unique_ptr<FILE, FileCloser> f(std::fopen(path.c_str(), "wb"));
  WICK_CHECK(f != nullptr, "Error opening output file");
  const size_t n = static_cast<size_t>(c.numel());
  WICK_CHECK(n == 0 || std::fwrite(c.data_ptr(), 1, n, f.get()) == n, "Error writing output file");
  WICK_CHECK(std::fclose(f.release()) == 0, "Error writing output file");
}

Tensor decode_png(const Tensor& data, ImageReadMode mode, bool allow_16_bits) {
  check_encoded(data);
  WICK_CHECK(valid_mode(mode), "The provided mode is not supported for PNG files");
  Tensor bytes = data.contiguous();
  const auto* ptr = static_cast<const uint8_t*>(bytes.data_ptr());
  const size_t len = static_cast<size_t>(bytes.numel());
  WICK_CHECK(len >= 8 && png_sig_cmp(ptr, 0, 8) == 0, "Content is not png!");

  PngSource src;
  src.ptr = ptr + 8;
  src.count = len - 8;
  src.msg[0] = '\0';
  PngReadGuard g;
  g.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, png_error_cb, png_warning_cb);
  WICK_CHECK(g.png != nullptr, "libpng read struct allocation failed");
  g.info = png_create_info_struct(g.png);
  WICK_CHECK(g.info != nullptr, "libpng info struct allocation failed");
  png_set_read_fn(g.png, &src, png_read_cb);

  PngHeader h;
  WICK_CHECK(png_phase_info(g.png, g.info, &h), src.msg);
  WICK_CHECK(h.bit_depth <= 8 || allow_16_bits, "At most 8-bit PNG images are supported currently.");
  // A valid file cannot inflate to more than ~1032x its size (deflate's limit):
  // refuse before allocating what a corrupt header claims.
  static const int kFileChannels[7] = {1, 0, 3, 1, 2, 0, 4};
  const int file_channels = (h.color_type >= 0 && h.color_type <= 6) ? kFileChannels[h.color_type] : 4;
  const double raw_bytes =
      static_cast<double>(h.height) * (1.0 + (static_cast<double>(h.width) * h.bit_depth * file_channels + 7) / 8);
  WICK_CHECK(raw_bytes <= 1100.0 * static_cast<double>(len) + 65536.0,
             "Out of bound read in decode_png. Probably, the input image is corrupted");

  int channels = 0;
  size_t rowbytes = 0;
  WICK_CHECK(png_phase_transform(g.png, g.info, h, mode, &channels, &rowbytes), src.msg);
  const int64_t H = h.height, W = h.width, C = channels;
  const size_t elem = h.bit_depth == 16 ? 2 : 1;
  WICK_CHECK(rowbytes == static_cast<size_t>(W * C) * elem, "decode_png: unexpected row size ", rowbytes,
             " for an image of width ", W, " with ", C, " channels");

  std::vector<png_bytep> rows(static_cast<size_t>(H));
  if (h.bit_depth <= 8) {
    Tensor out = empty({H, W, C}, kUInt8);
    auto* base = static_cast<uint8_t*>(out.data_ptr());
    for (int64_t y = 0; y < H; ++y) rows[y] = base + y * rowbytes;
    WICK_CHECK(png_phase_rows(g.png, rows.data()), src.msg);
    return out.permute({2, 0, 1});
  }
  std::vector<uint16_t> tmp(static_cast<size_t>(H * W * C));
  for (int64_t y = 0; y < H; ++y) rows[y] = reinterpret_cast<png_bytep>(tmp.data() + y * W * C);
  WICK_CHECK(png_phase_rows(g.png, rows.data()), src.msg);
  Tensor out = empty({H, W, C}, kInt);
  auto* o = static_cast<int32_t*>(out.data_ptr());
  for (size_t i = 0; i < tmp.size(); ++i) o[i] = tmp[i];
  return out.permute({2, 0, 1});
}

Tensor decode_jpeg(const Tensor& data, ImageReadMode mode) {
  check_encoded(data);
  WICK_CHECK(mode == ImageReadMode::UNCHANGED || mode == ImageReadMode::GRAY || mode == ImageReadMode::RGB,
             "The provided mode is not supported for JPEG files");
  Tensor bytes = data.contiguous();
  JpegDecodeGuard g;
  WICK_CHECK(jpeg_phase_start(&g, static_cast<const uint8_t*>(bytes.data_ptr()),
                              static_cast<size_t>(bytes.numel()), mode),
             g.err.msg);
  const int64_t H = g.cinfo.output_height, W = g.cinfo.output_width, C = g.cinfo.output_components;
  Tensor out = empty({H, W, C}, kUInt8);
  WICK_CHECK(jpeg_phase_rows(&g, static_cast<uint8_t*>(out.data_ptr()), static_cast<size_t>(W * C)),
             g.err.msg);
  return out.permute({2, 0, 1});
}

Tensor decode_image(const Tensor& data, ImageReadMode mode) {
  check_encoded(data);
  Tensor bytes = data.contiguous();
  const auto* p = static_cast<const uint8_t*>(bytes.data_ptr());
  const int64_t n = bytes.numel();
  if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) return decode_jpeg(bytes, mode);
  if (n >= 4 && p[0] == 137 && p[1] == 'P' && p[2] == 'N' && p[3] == 'G') return decode_png(bytes, mode);
  throw Error("Unsupported image file. Only jpeg and png are currently supported.");
}

Tensor encode_png(const Tensor& image, int64_t compression_level) {
  check_image(image);
  WICK_CHECK(compression_level >= 0 && compression_level <= 9, "Compression level should be between 0 and 9");
  const int64_t C = image.size(0), H = image.size(1), W = image.size(2);
  WICK_CHECK(H <= std::numeric_limits<int32_t>::max() && W <= std::numeric_limits<int32_t>::max(),
             "Invalid IHDR data");
  Tensor hwc = image.permute({1, 2, 0}).contiguous();
  auto* base = static_cast<uint8_t*>(hwc.data_ptr());
  std::vector<png_bytep> rows(static_cast<size_t>(H));
  for (int64_t y = 0; y < H; ++y) rows[y] = base + y * W * C;

  std::vector<uint8_t> bytes;
  PngSink sink;
  sink.out = &bytes;
  sink.msg[0] = '\0';
  PngWriteGuard g;
  g.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, png_write_error_cb, png_warning_cb);
  WICK_CHECK(g.png != nullptr, "libpng write struct allocation failed");
  g.info = png_create_info_struct(g.png);
  WICK_CHECK(g.info != nullptr, "libpng info struct allocation failed");
  WICK_CHECK(png_phase_write(g.png, g.info, &sink, static_cast<png_uint_32>(W), static_cast<png_uint_32>(H),
                             C == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                             static_cast<int>(compression_level), rows.data()),
             sink.msg);
  Tensor out = empty({static_cast<int64_t>(bytes.size())}, kUInt8);
  if (!bytes.empty()) std::memcpy(out.data_ptr(), bytes.data(), bytes.size());
  return out;
}

Tensor encode_jpeg(const Tensor& image, int64_t quality) {
  WICK_CHECK_T(ValueError, quality >= 1 && quality <= 100,
               "Image quality should be a positive number between 1 and 100");
  check_image(image);
  const int64_t C = image.size(0), H = image.size(1), W = image.size(2);
  WICK_CHECK(H <= JPEG_MAX_DIMENSION && W <= JPEG_MAX_DIMENSION, "Maximum supported image dimension is ",
             JPEG_MAX_DIMENSION, " pixels");
  Tensor hwc = image.permute({1, 2, 0}).contiguous();
  JpegEncodeGuard g;
  WICK_CHECK(jpeg_phase_encode(&g, static_cast<const uint8_t*>(hwc.data_ptr()), static_cast<JDIMENSION>(W),
                               static_cast<JDIMENSION>(H), static_cast<int>(C), static_cast<int>(quality)),
             g.err.msg);
  Tensor out = empty({static_cast<int64_t>(g.size)}, kUInt8);
  if (g.size) std::memcpy(out.data_ptr(), g.buf, g.size);
  return out;
}

Tensor read_image(const std::string& path, ImageReadMode mode) { return decode_image(read_file(path), mode); }

void write_png(const Tensor& image, const std::string& path, int64_t compression_level) {
  write_file(path, encode_png(image, compression_level));
}

void write_jpeg(const Tensor& image, const std::string& path, int64_t quality) {
  write_file(path, encode_jpeg(image, quality));
}

}  // namespace wick::vision::io
