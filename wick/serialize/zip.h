#pragma once
// The zip container torch.save writes: stored (uncompressed) entries whose data
// starts on a 64-byte boundary (the local header's extra field pads it), then a
// central directory. The reader works on an in-memory buffer and checks every
// offset and size against it.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wick::serialize {

uint32_t crc32(const void* data, size_t n, uint32_t crc = 0);
// crc32 of A followed by B, from crc32(A), crc32(B) and B's length.
uint32_t crc32_combine(uint32_t crc_a, uint32_t crc_b, uint64_t len_b);
// crc32 of src[0, n), computed in parallel blocks for large n; when dst is not
// null also copies src's first copy_n bytes there (in the same pass).
uint32_t crc32_copy(void* dst, const void* src, size_t n, size_t copy_n);

class ZipWriter {
 public:
  static constexpr size_t kAlignment = 64;
  // force_zip64 writes zip64 records even for small archives (tests).
  // Gets the archive's bytes in order (a file's write); without one the writer
  // keeps them and finish() returns them.
  using Sink = std::function<void(const char* data, size_t size)>;
  explicit ZipWriter(bool force_zip64 = false) : force_zip64_(force_zip64) {}
  explicit ZipWriter(Sink sink, bool force_zip64 = false)
      : force_zip64_(force_zip64), sink_(std::move(sink)) {}
  void add(const std::string& name, const void* data, size_t size);
  // Writes the central directory; returns the whole archive (empty with a sink).
  std::string finish();

 private:
  struct Entry {
    std::string name;
    uint64_t offset, size;
    uint32_t crc;
  };
  void emit(const char* data, size_t size);
  bool force_zip64_;
  Sink sink_;
  std::string archive_;
  uint64_t offset_ = 0;
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
  // Copies an entry's first `size` bytes to dst (CRC of the whole entry checked
  // while copying, so the bytes are read once); raises if it is shorter.
  void read_into(const std::string& name, void* dst, size_t size) const;
  // The entry's size in bytes; raises if it is missing.
  uint64_t size(const std::string& name) const;

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
