#pragma once
// The zip container torch.save writes: stored (uncompressed) entries whose data
// starts on a 64-byte boundary (the local header's extra field pads it), then a
// central directory. The reader works on an in-memory buffer and checks every
// offset and size against it.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wick::serialize {

uint32_t crc32(const void* data, size_t n, uint32_t crc = 0);

class ZipWriter {
 public:
  static constexpr size_t kAlignment = 64;
  // force_zip64 writes zip64 records even for small archives (tests).
  explicit ZipWriter(bool force_zip64 = false) : force_zip64_(force_zip64) {}
  void add(const std::string& name, const void* data, size_t size);
  // Writes the central directory; returns the whole archive.
  std::string finish();

 private:
  struct Entry {
    std::string name;
    uint64_t offset, size;
    uint32_t crc;
  };
  bool force_zip64_;
  std::string out_;
  std::vector<Entry> entries_;
};

class ZipReader {
 public:
  // `data` must outlive the reader.
  explicit ZipReader(std::string_view data);
  const std::vector<std::string>& names() const { return names_; }
  bool has(const std::string& name) const { return entries_.count(name) != 0; }
  // The stored bytes of one entry (CRC checked); raises if it is missing.
  std::string_view read(const std::string& name) const;

 private:
  struct Entry {
    uint64_t offset, size;
    uint32_t crc;
  };
  std::string_view data_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace wick::serialize
