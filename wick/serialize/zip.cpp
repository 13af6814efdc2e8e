#include "wick/serialize/zip.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "wick/core/error.h"
#include "wick/core/parallel.h"

namespace wick::serialize {

namespace {

// Slicing-by-8 tables: table[k][b] is the CRC of byte b followed by k zero bytes.
struct CrcTables {
  uint32_t t[8][256];
  CrcTables() {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i)
      for (int k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
  }
};

void put16(std::string& s, uint16_t v) {
  s.push_back(static_cast<char>(v & 0xff));
  s.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& s, uint32_t v) {
  put16(s, static_cast<uint16_t>(v & 0xffff));
  put16(s, static_cast<uint16_t>(v >> 16));
}
void put64(std::string& s, uint64_t v) {
  put32(s, static_cast<uint32_t>(v));
  put32(s, static_cast<uint32_t>(v >> 32));
}

constexpr uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50,
                   kZip64EndSig = 0x06064b50, kZip64LocatorSig = 0x07064b50;
constexpr uint64_t k32Max = 0xffffffffu;

const char* kCorrupt = "PytorchStreamReader failed reading zip archive: ";

// The table CRC on the raw register (no pre/post inversion).
uint32_t crc32_table(const unsigned char* p, size_t n, uint32_t crc) {
  static const CrcTables tables;
  const auto& t = tables.t;
  while (n >= 8) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + 4, 4);
    lo ^= crc;  // little-endian hosts (the only ones wick builds for)
    crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
          t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    p += 8;
    n -= 8;
  }
  while (n--) crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return crc;
}

#if defined(__x86_64__)
// Carry-less-multiply folding (Intel's "Fast CRC Computation for Generic
// Polynomials Using PCLMULQDQ"): four 128-bit lanes are folded forward over
// 64-byte strides, then into one lane, keeping the message's remainder modulo
// the CRC polynomial. The last 16 folded bytes and the tail go through the
// table CRC, which avoids a Barrett reduction. The constants are x^k mod P for
// the fold distances, bit-reflected as the CRC-32 register is. About 8x the
// table's speed, which matters because every checkpoint byte is checked.
#define WICK_CLMUL __attribute__((target("pclmul,sse4.1")))
WICK_CLMUL inline __m128i clmul_load(const unsigned char* q) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
}
// x's two 64-bit halves carried forward by the distance k encodes, plus next.
WICK_CLMUL inline __m128i clmul_fold(__m128i x, __m128i k, __m128i next) {
  return _mm_xor_si128(
      _mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11)), next);
}

WICK_CLMUL uint32_t crc32_clmul(const unsigned char* p, size_t n, uint32_t crc) {
  const __m128i k_fold4 = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);  // 512-bit distance
  const __m128i k_fold1 = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);  // 128-bit distance
  auto load = clmul_load;
  auto fold = clmul_fold;
  __m128i x0 = _mm_xor_si128(load(p), _mm_cvtsi32_si128(static_cast<int>(crc)));
  __m128i x1 = load(p + 16), x2 = load(p + 32), x3 = load(p + 48);
  p += 64;
  n -= 64;
  for (; n >= 64; p += 64, n -= 64) {
    x0 = fold(x0, k_fold4, load(p));
    x1 = fold(x1, k_fold4, load(p + 16));
    x2 = fold(x2, k_fold4, load(p + 32));
    x3 = fold(x3, k_fold4, load(p + 48));
  }
  __m128i x = fold(fold(fold(x0, k_fold1, x1), k_fold1, x2), k_fold1, x3);
  for (; n >= 16; p += 16, n -= 16) x = fold(x, k_fold1, load(p));
  alignas(16) unsigned char last[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(last), x);
  return crc32_table(p, n, crc32_table(last, 16, 0));
}

bool have_clmul() {
  static const bool yes = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return yes;
}
#endif

}  // namespace

uint32_t crc32(const void* data, size_t n, uint32_t crc) {
  const auto* p = static_cast<const unsigned char*>(data);
#if defined(__x86_64__)
  if (n >= 64 && have_clmul()) return ~crc32_clmul(p, n, ~crc);
#endif
  return ~crc32_table(p, n, ~crc);
}

namespace {

// CRC arithmetic over GF(2): crc32_combine(crc(A), crc(B), |B|) == crc(A || B), by
// applying |B| zero bytes' worth of the CRC's linear map to crc(A) (squaring the
// one-zero-bit operator log2 times).
uint32_t gf2_times(const uint32_t* mat, uint32_t vec) {
  uint32_t sum = 0;
  for (int i = 0; vec; ++i, vec >>= 1)
    if (vec & 1) sum ^= mat[i];
  return sum;
}
void gf2_square(uint32_t* square, const uint32_t* mat) {
  for (int n = 0; n < 32; ++n) square[n] = gf2_times(mat, mat[n]);
}

}  // namespace

uint32_t crc32_combine(uint32_t crc1, uint32_t crc2, uint64_t len2) {
  if (len2 == 0) return crc1;
  uint32_t even[32], odd[32];
  odd[0] = 0xEDB88320u;  // the operator for one zero bit
  for (int n = 1; n < 32; ++n) odd[n] = uint32_t{1} << (n - 1);
  gf2_square(even, odd);  // two zero bits
  gf2_square(odd, even);  // four zero bits
  while (true) {
    gf2_square(even, odd);  // first pass: one zero byte
    if (len2 & 1) crc1 = gf2_times(even, crc1);
    len2 >>= 1;
    if (!len2) break;
    gf2_square(odd, even);
    if (len2 & 1) crc1 = gf2_times(odd, crc1);
    len2 >>= 1;
    if (!len2) break;
  }
  return crc1 ^ crc2;
}

uint32_t crc32_copy(void* dst, const void* src, size_t n, size_t copy_n) {
  constexpr size_t kBlock = size_t{1} << 22;  // per-block CRCs are combined at the end
  const auto* in = static_cast<const char*>(src);
  auto* out = static_cast<char*>(dst);
  auto work = [&](size_t begin, size_t count) {
    constexpr size_t kChunk = size_t{1} << 16;  // copy, then CRC from cache
    uint32_t crc = 0;
    for (size_t done = begin; done < begin + count; done += kChunk) {
      size_t m = std::min(kChunk, begin + count - done);
      if (out && done < copy_n) std::memcpy(out + done, in + done, std::min(m, copy_n - done));
      crc = crc32(in + done, m, crc);
    }
    return crc;
  };
  if (n < 4 * kBlock) return work(0, n);
  int64_t blocks = static_cast<int64_t>((n + kBlock - 1) / kBlock);
  std::vector<uint32_t> crcs(static_cast<size_t>(blocks));
  parallel_for(0, blocks, 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      size_t start = static_cast<size_t>(i) * kBlock;
      crcs[static_cast<size_t>(i)] = work(start, std::min(kBlock, n - start));
    }
  });
  uint32_t crc = crcs[0];
  for (int64_t i = 1; i < blocks; ++i) {
    size_t start = static_cast<size_t>(i) * kBlock;
    crc = crc32_combine(crc, crcs[static_cast<size_t>(i)], std::min(kBlock, n - start));
  }
  return crc;
}

void ZipWriter::add(const std::string& name, const void* data, size_t size) {
  uint64_t offset = offset_;
  std::string h;
  uint32_t crc = crc32_copy(nullptr, data, size, 0);
  bool zip64 = force_zip64_ || size >= k32Max || offset >= k32Max;
  // Local header: 30 bytes + name + extra; extra = optional zip64 field + "FB" padding.
  size_t base = offset + 30 + name.size() + (zip64 ? 20 : 0) + 4;
  size_t pad = (kAlignment - base % kAlignment) % kAlignment;
  put32(h, kLocalSig);
  put16(h, zip64 ? 45 : 20);  // version needed
  put16(h, 0);                // flags
  put16(h, 0);                // method: stored
  put16(h, 0);                // time
  put16(h, 0);                // date (torch writes 1980-00-00 too)
  put32(h, crc);
  put32(h, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(size));
  put32(h, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(size));
  put16(h, static_cast<uint16_t>(name.size()));
  put16(h, static_cast<uint16_t>((zip64 ? 20 : 0) + 4 + pad));
  h += name;
  if (zip64) {
    put16(h, 1);
    put16(h, 16);
    put64(h, size);
    put64(h, size);
  }
  put16(h, 0x4246);  // "FB": the padding field PyTorch uses
  put16(h, static_cast<uint16_t>(pad));
  h.append(pad, 'Z');
  emit(h.data(), h.size());
  emit(static_cast<const char*>(data), size);
  entries_.push_back({name, offset, size, crc});
}

void ZipWriter::emit(const char* p, size_t n) {
  if (sink_) {
    sink_(p, n);
  } else {
    archive_.append(p, n);
  }
  offset_ += n;
}

std::string ZipWriter::finish() {
  uint64_t cd_start = offset_;
  std::string h;
  for (const Entry& e : entries_) {
    bool zip64 = force_zip64_ || e.size >= k32Max || e.offset >= k32Max;
    put32(h, kCentralSig);
    put16(h, zip64 ? 45 : 20);  // version made by
    put16(h, zip64 ? 45 : 20);  // version needed
    put16(h, 0);
    put16(h, 0);
    put16(h, 0);
    put16(h, 0);
    put32(h, e.crc);
    put32(h, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(e.size));
    put32(h, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(e.size));
    put16(h, static_cast<uint16_t>(e.name.size()));
    put16(h, zip64 ? 28 : 0);  // extra
    put16(h, 0);               // comment
    put16(h, 0);               // disk
    put16(h, 0);               // internal attributes
    put32(h, 0);               // external attributes
    put32(h, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(e.offset));
    h += e.name;
    if (zip64) {
      put16(h, 1);
      put16(h, 24);
      put64(h, e.size);
      put64(h, e.size);
      put64(h, e.offset);
    }
  }
  uint64_t cd_size = h.size();
  uint64_t n = entries_.size();
  bool zip64 = force_zip64_ || cd_start >= k32Max || cd_size >= k32Max || n >= 0xffff;
  if (zip64) {
    uint64_t end64 = cd_start + h.size();
    put32(h, kZip64EndSig);
    put64(h, 44);
    put16(h, 45);
    put16(h, 45);
    put32(h, 0);
    put32(h, 0);
    put64(h, n);
    put64(h, n);
    put64(h, cd_size);
    put64(h, cd_start);
    put32(h, kZip64LocatorSig);
    put32(h, 0);
    put64(h, end64);
    put32(h, 1);
  }
  put32(h, kEndSig);
  put16(h, 0);
  put16(h, 0);
  put16(h, zip64 ? 0xffff : static_cast<uint16_t>(n));
  put16(h, zip64 ? 0xffff : static_cast<uint16_t>(n));
  put32(h, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(cd_size));
  put32(h, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(cd_start));
  put16(h, 0);
  entries_.clear();
  emit(h.data(), h.size());
  return std::move(archive_);
}

namespace {

struct Cursor {
  std::string_view d;
  uint64_t pos;
  void need(uint64_t n) const {
    WICK_CHECK(pos <= d.size() && n <= d.size() - pos, kCorrupt, "truncated archive");
  }
  uint64_t get(int bytes) {
    need(bytes);
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(d[pos + i])) << (8 * i);
    pos += bytes;
    return v;
  }
};

}  // namespace

ZipReader::ZipReader(std::string_view data) : data_(data) {
  WICK_CHECK(data.size() >= 22, kCorrupt, "file is too small to be a zip archive (", data.size(),
             " bytes)");
  // The end-of-central-directory record sits within the last 64 KiB + 22 bytes.
  int64_t end = -1;
  int64_t lowest = static_cast<int64_t>(data.size()) - 22 - 65535;
  for (int64_t p = static_cast<int64_t>(data.size()) - 22; p >= 0 && p >= lowest; --p) {
    if (Cursor{data, static_cast<uint64_t>(p)}.get(4) == kEndSig) {
      end = p;
      break;
    }
  }
  WICK_CHECK(end >= 0, kCorrupt, "failed finding central directory");
  Cursor c{data, static_cast<uint64_t>(end) + 8};
  uint64_t n = c.get(2);
  n = c.get(2);
  uint64_t cd_size = c.get(4), cd_start = c.get(4);
  if ((n == 0xffff || cd_size == k32Max || cd_start == k32Max) && end >= 20) {
    Cursor l{data, static_cast<uint64_t>(end) - 20};
    if (l.get(4) == kZip64LocatorSig) {
      l.get(4);
      Cursor e{data, l.get(8)};
      WICK_CHECK(e.get(4) == kZip64EndSig, kCorrupt, "bad zip64 end of central directory");
      e.pos += 8 + 4 + 8 + 8;  // size, versions, disks, entries on this disk
      n = e.get(8);
      cd_size = e.get(8);
      cd_start = e.get(8);
    }
  }
  WICK_CHECK(cd_start <= data.size() && cd_size <= data.size() - cd_start, kCorrupt,
             "central directory out of bounds");
  // Each central entry is at least 46 bytes: bounds the count before reserving.
  WICK_CHECK(n <= cd_size / 46, kCorrupt, "bad entry count ", n);
  Cursor cd{data.substr(0, cd_start + cd_size), cd_start};
  for (uint64_t i = 0; i < n; ++i) {
    WICK_CHECK(cd.get(4) == kCentralSig, kCorrupt, "bad central directory entry ", i);
    cd.pos += 6;
    uint64_t method = cd.get(2);
    cd.pos += 4;
    uint32_t crc = static_cast<uint32_t>(cd.get(4));
    uint64_t csize = cd.get(4), usize = cd.get(4);
    uint64_t name_len = cd.get(2), extra_len = cd.get(2), comment_len = cd.get(2);
    cd.pos += 8;
    uint64_t offset = cd.get(4);
    cd.need(name_len);
    std::string name(data.substr(cd.pos, name_len));
    cd.pos += name_len;
    cd.need(extra_len);
    Cursor ex{data.substr(0, cd.pos + extra_len), cd.pos};
    while (ex.pos + 4 <= cd.pos + extra_len) {
      uint64_t id = ex.get(2), len = ex.get(2);
      uint64_t stop = ex.pos + len;
      if (id == 1) {
        if (usize == k32Max) usize = ex.get(8);
        if (csize == k32Max) csize = ex.get(8);
        if (offset == k32Max) offset = ex.get(8);
      }
      ex.pos = stop;
    }
    cd.pos += extra_len;
    cd.need(comment_len);
    cd.pos += comment_len;
    WICK_CHECK(method == 0, kCorrupt, "entry '", name, "' is compressed (method ", method,
               "); only stored entries are supported");
    WICK_CHECK(csize == usize, kCorrupt, "entry '", name, "' has mismatched sizes");
    Cursor local{data, offset};
    WICK_CHECK(local.get(4) == kLocalSig, kCorrupt, "bad local header for '", name, "'");
    local.pos += 22;
    uint64_t lname = local.get(2), lextra = local.get(2);
    local.pos += lname;
    local.pos += lextra;
    local.need(csize);
    if (entries_.emplace(name, Entry{local.pos, csize, crc}).second) names_.push_back(name);
  }
}

std::string_view ZipReader::read(const std::string& name) const {
  auto it = entries_.find(name);
  WICK_CHECK(it != entries_.end(), "PytorchStreamReader failed locating file ", name,
             ": file not found");
  std::string_view bytes = data_.substr(it->second.offset, it->second.size);
  WICK_CHECK(crc32_copy(nullptr, bytes.data(), bytes.size(), 0) == it->second.crc, kCorrupt,
             "crc32 mismatch for ", name);
  return bytes;
}

uint64_t ZipReader::size(const std::string& name) const {
  auto it = entries_.find(name);
  WICK_CHECK(it != entries_.end(), "PytorchStreamReader failed locating file ", name,
             ": file not found");
  return it->second.size;
}

void ZipReader::read_into(const std::string& name, void* dst, size_t size) const {
  auto it = entries_.find(name);
  WICK_CHECK(it != entries_.end(), "PytorchStreamReader failed locating file ", name,
             ": file not found");
  const Entry& e = it->second;
  WICK_CHECK(size <= e.size, kCorrupt, name, " holds ", e.size, " bytes, fewer than ", size);
  uint32_t crc = crc32_copy(dst, data_.data() + e.offset, e.size, size);
  WICK_CHECK(crc == e.crc, kCorrupt, "crc32 mismatch for ", name);
}

}  // namespace wick::serialize
