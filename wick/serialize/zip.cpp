#include "wick/serialize/zip.h"

#include <array>
#include <cstring>

#include "wick/core/error.h"

namespace wick::serialize {

namespace {

std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}

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

}  // namespace

uint32_t crc32(const void* data, size_t n, uint32_t crc) {
  static const std::array<uint32_t, 256> table = make_crc_table();
  const auto* p = static_cast<const unsigned char*>(data);
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

void ZipWriter::add(const std::string& name, const void* data, size_t size) {
  uint64_t offset = out_.size();
  uint32_t crc = crc32(data, size);
  bool zip64 = force_zip64_ || size >= k32Max || offset >= k32Max;
  // Local header: 30 bytes + name + extra; extra = optional zip64 field + "FB" padding.
  size_t base = offset + 30 + name.size() + (zip64 ? 20 : 0) + 4;
  size_t pad = (kAlignment - base % kAlignment) % kAlignment;
  put32(out_, kLocalSig);
  put16(out_, zip64 ? 45 : 20);  // version needed
  put16(out_, 0);                // flags
  put16(out_, 0);                // method: stored
  put16(out_, 0);                // time
  put16(out_, 0);                // date (torch writes 1980-00-00 too)
  put32(out_, crc);
  put32(out_, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(size));
  put32(out_, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(size));
  put16(out_, static_cast<uint16_t>(name.size()));
  put16(out_, static_cast<uint16_t>((zip64 ? 20 : 0) + 4 + pad));
  out_ += name;
  if (zip64) {
    put16(out_, 1);
    put16(out_, 16);
    put64(out_, size);
    put64(out_, size);
  }
  put16(out_, 0x4246);  // "FB": the padding field PyTorch uses
  put16(out_, static_cast<uint16_t>(pad));
  out_.append(pad, 'Z');
  out_.append(static_cast<const char*>(data), size);
  entries_.push_back({name, offset, size, crc});
}

std::string ZipWriter::finish() {
  uint64_t cd_start = out_.size();
  for (const Entry& e : entries_) {
    bool zip64 = force_zip64_ || e.size >= k32Max || e.offset >= k32Max;
    put32(out_, kCentralSig);
    put16(out_, zip64 ? 45 : 20);  // version made by
    put16(out_, zip64 ? 45 : 20);  // version needed
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put32(out_, e.crc);
    put32(out_, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(e.size));
    put32(out_, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(e.size));
    put16(out_, static_cast<uint16_t>(e.name.size()));
    put16(out_, zip64 ? 28 : 0);  // extra
    put16(out_, 0);               // comment
    put16(out_, 0);               // disk
    put16(out_, 0);               // internal attributes
    put32(out_, 0);               // external attributes
    put32(out_, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(e.offset));
    out_ += e.name;
    if (zip64) {
      put16(out_, 1);
      put16(out_, 24);
      put64(out_, e.size);
      put64(out_, e.size);
      put64(out_, e.offset);
    }
  }
  uint64_t cd_size = out_.size() - cd_start;
  uint64_t n = entries_.size();
  bool zip64 = force_zip64_ || cd_start >= k32Max || cd_size >= k32Max || n >= 0xffff;
  if (zip64) {
    uint64_t end64 = out_.size();
    put32(out_, kZip64EndSig);
    put64(out_, 44);
    put16(out_, 45);
    put16(out_, 45);
    put32(out_, 0);
    put32(out_, 0);
    put64(out_, n);
    put64(out_, n);
    put64(out_, cd_size);
    put64(out_, cd_start);
    put32(out_, kZip64LocatorSig);
    put32(out_, 0);
    put64(out_, end64);
    put32(out_, 1);
  }
  put32(out_, kEndSig);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, zip64 ? 0xffff : static_cast<uint16_t>(n));
  put16(out_, zip64 ? 0xffff : static_cast<uint16_t>(n));
  put32(out_, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(cd_size));
  put32(out_, zip64 ? static_cast<uint32_t>(k32Max) : static_cast<uint32_t>(cd_start));
  put16(out_, 0);
  entries_.clear();
  return std::move(out_);
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
  WICK_CHECK(crc32(bytes.data(), bytes.size()) == it->second.crc, kCorrupt,
             "crc32 mismatch for ", name);
  return bytes;
}

}  // namespace wick::serialize
